"""What every chart shares: a figure on an Agg canvas, PNG bytes without a timestamp or
software tag, the Dutch axis formats (€ with thousands separators, %, plain numbers), the
title, and a colour of its own for every series."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex, to_rgb
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from ...getallen import decimaal, duizendtallen
from ..huisstijl import Huisstijl

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
    as %), 'aantal' (a count: whole numbers without a decimal, '38,5' only for a value
    between two) or else a plain number (one decimal below 100)."""
    if soort == "euro":
        return EURO
    if soort == "aantal":
        return FuncFormatter(
            lambda x, _p: duizendtallen(x) if float(x).is_integer() else decimaal(x, 1)
        )
    if soort == "procent":
        return FuncFormatter(lambda x, _p: f"{decimaal(100 * x, 1)} %")
    return FuncFormatter(lambda x, _p: decimaal(x, 1) if abs(x) < 100 else duizendtallen(x))


def legenda(fig: Figure, ax: Axes, loc: Any = "best") -> None:
    """The legend of a line chart: for several series under the axes, two columns wide
    (inside, the names of four fund designs covered the lines where they start); for one,
    inside at `loc`."""
    handvatten, namen = ax.get_legend_handles_labels()
    if len(namen) > 1:
        # matplotlib fills a column before the next: this order reads row by row
        fig.legend(handvatten[0::2] + handvatten[1::2], namen[0::2] + namen[1::2],
                   loc="outside lower center", ncols=2, fontsize=8, frameon=False)  # fmt: skip
    elif namen:
        ax.legend(fontsize=8, frameon=False, loc=loc)


def zet_titel(ax: Axes, tekst: str, kleur: str, grootte: float = 11) -> None:
    """The chart's title at the left of its axes, in `kleur`, wrapped at the figure's edge:
    a long scenario, fund or pand name ran off the image (matplotlib neither shortens a
    title nor lets constrained layout move it), which cut the title in the app and the
    workbook."""
    ax.set_title(tekst, loc="left", fontsize=grootte, color=kleur, wrap=True)


@dataclass(frozen=True)
class Reeks:
    """How one series of a chart is drawn: its colour and, beyond the house style's colours,
    a pattern as well (`arcering` for bars and areas, in colour `rand`; `lijn` for lines), so
    that a reader who does not tell the extra colours apart still tells the series apart."""

    kleur: str
    arcering: str | None = None
    rand: str = "none"
    lijn: str = "-"


#: Colours a series never gets near: white and the greys the charts use for balances and
#: 'tekort blijft'.
GRIJZEN = ("#FFFFFF", "#D9D9D9", "#595959")
#: Smallest CIELAB distance (ΔE*76) between two series' colours: clearly different side by side.
_VERSCHIL = 15.0
_PATRONEN = ("//", "\\\\", "xx", "..", "++", "--")
_LIJNEN = ("--", ":", "-.")
#: Passes of ever finer shades before the shades found are used again (each pass halves the
#: distance asked; a house style of one colour has only so many shades).
_RONDES = 12


def reeksstijlen(stijl: Huisstijl, n: int, vermijd: Sequence[str] = GRIJZEN) -> list[Reeks]:
    """`n` series styles, each with a colour no other has.

    The house style's chart colours come first, in their order (a colour listed twice counts
    once); beyond them come lighter and darker versions of those colours, each at least
    ΔE 15 from every colour chosen and from `vermijd`, and a pattern (hatching, a dashed
    line). The palette had 7 colours and the example 8 functies: two functies shared a
    colour in the stacked ORT chart, and a reader could not say which part was whose.
    """
    basis = list(dict.fromkeys(to_hex(k).upper() for k in stijl.kleuren.grafiek))
    gekozen = [(k, i) for i, k in enumerate(basis[:n])]  # (colour, the house colour it is of)
    vermeden = [to_hex(k).upper() for k in vermijd]
    mengsels = [(1.0, 0.5), (0.0, 0.4), (1.0, 0.75), (0.0, 0.65), (1.0, 0.3), (0.0, 0.2)]
    drempel = _VERSCHIL
    for _ in range(_RONDES):  # the shades converge: a house style of one colour has few
        if len(gekozen) >= n:
            break
        for naar, deel in mengsels:
            for i, k in enumerate(basis):
                kleur = _meng(k, naar, deel)
                al = [g for g, _ in gekozen]
                if (
                    len(gekozen) < n
                    and kleur not in al
                    and all(_afstand(kleur, g) >= drempel for g in al + vermeden)
                ):
                    gekozen.append((kleur, i))
        mengsels = [(naar, deel * 0.5 + 0.1) for naar, deel in mengsels]  # finer steps
        drempel /= 2  # more series than clearly different colours: the patterns tell them apart
    tinten = gekozen[len(basis) :] or gekozen[:]  # the shades found (or the house colours)
    for j in range(n - len(gekozen)):  # more series than shades: again, patterns part them
        gekozen.append(tinten[j % len(tinten)])
    uit = [Reeks(k) for k, _ in gekozen[: len(basis)]]
    for j, (k, i) in enumerate(gekozen[len(basis) :]):
        # the pattern in its house colour, or white on a dark shade
        rand = "#FFFFFF" if _lab(k)[0] < 40 else basis[i]
        patroon = _PATRONEN[(j // len(basis)) % len(_PATRONEN)]
        uit.append(Reeks(k, patroon, rand, _LIJNEN[j % len(_LIJNEN)]))
    return uit


def _meng(kleur: str, naar: float, deel: float) -> str:
    """`kleur` moved a fraction `deel` towards white (`naar` 1) or black (0)."""
    r, g, b = (c + (naar - c) * deel for c in to_rgb(kleur))
    return to_hex((r, g, b)).upper()


def _afstand(a: str, b: str) -> float:
    """CIELAB ΔE*76 between two colours (D65)."""
    return float(sum((x - y) ** 2 for x, y in zip(_lab(a), _lab(b), strict=True)) ** 0.5)


def _lab(kleur: str) -> tuple[float, float, float]:
    lineair = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(kleur)]
    r, g, b = lineair
    xyz = (
        (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047,
        0.2126 * r + 0.7152 * g + 0.0722 * b,
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883,
    )
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])
