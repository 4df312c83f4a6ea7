"""What every chart shares: a figure on an Agg canvas, PNG bytes without a timestamp or
software tag, and the Dutch axis formats (€ with thousands separators, %, plain numbers)."""

from __future__ import annotations

import io

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ...getallen import decimaal, duizendtallen

#: Euro amounts with Dutch thousands separators, for a € axis.
EURO = FuncFormatter(lambda x, _pos: f"€ {duizendtallen(x)}")


def figuur(breed: float = 8.0, hoog: float = 4.5, vast: bool = False) -> Figure:
    """A figure with constrained layout; `vast`: without (the caller places the axes)."""
    fig = Figure(figsize=(breed, hoog), dpi=110, layout=None if vast else "constrained")
    FigureCanvasAgg(fig)
    return fig


def als_png(fig: Figure) -> bytes:
    """The figure as PNG bytes, without the software tag (matplotlib writes no time)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def as_notatie(soort: str) -> FuncFormatter:
    """The axis format of an output of kind `soort`: 'euro', 'procent' (a fraction shown
    as %) or else a plain number (one decimal below 100)."""
    if soort == "euro":
        return EURO
    if soort == "procent":
        return FuncFormatter(lambda x, _p: f"{decimaal(100 * x, 1)} %")
    return FuncFormatter(lambda x, _p: decimaal(x, 1) if abs(x) < 100 else duizendtallen(x))


def zet_titel(ax: Axes, tekst: str, kleur: str, grootte: float = 11) -> None:
    """The chart's title at the left of its axes, in `kleur`, wrapped at the figure's edge:
    a long scenario, fund or pand name ran off the image (matplotlib neither shortens a
    title nor lets constrained layout move it), which cut the title in the app and the
    workbook."""
    ax.set_title(tekst, loc="left", fontsize=grootte, color=kleur, wrap=True)
