"""Charts as PNG bytes (matplotlib, no pyplot, Agg canvas): one package the reports share.

Every chart has a Dutch title, € axes with Dutch thousands separators, and is built
from numbers the Resultaat already holds. PNGs carry no timestamp or software tag, so
the same result gives the same bytes.

One module per family of charts: :mod:`.waterval` (the residual's build-up),
:mod:`.panden` (ORT, betaalbaarheid and how gaps are closed, per pand), :mod:`.fondsen`
(cash, ontsluitingscurve, sources and uses), :mod:`.analyse` (tornado, grid, histogram);
:mod:`.opmaak` holds what they share. This module gathers a run's charts
(:func:`alle_grafieken`) and names every chart function, so callers import from here.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib

from ...resultaat import Resultaat
from ..bestanden import in_map, in_nieuwe_map, schrijf_samen, veilige_naam
from ..huisstijl import Huisstijl
from .analyse import histogram, hittekaart, tornado
from .fondsen import bronnen_en_bestedingen, fondssaldo, ontsluitingscurve, waaier
from .panden import betaalbaarheidsgat, ort_per_pand, tekort_gedekt
from .waterval import _rg_reeks, rg_waterval, waterval, watervallen
from .waterval import _waterval as _waterval  # tests lay out waterfalls themselves
from .waterval import _watervallen as _watervallen

__all__ = [
    "MAX_PAND_WATERVALLEN",
    "alle_grafieken",
    "betaalbaarheidsgat",
    "bronnen_en_bestedingen",
    "fondssaldo",
    "histogram",
    "hittekaart",
    "ontsluitingscurve",
    "ort_per_pand",
    "rg_waterval",
    "schrijf_grafieken",
    "tekort_gedekt",
    "tornado",
    "waaier",
    "waterval",
    "watervallen",
]

#: Per-pand waterfalls are drawn for at most this many panden (those with the largest ORT).
MAX_PAND_WATERVALLEN = 30


def _als_tekst(teken: Callable[..., bytes]) -> Callable[..., bytes]:
    """`teken` with every text drawn as written: a '$' in a scenario's name is a dollar sign,
    not the start of a matplotlib formula (which broke the chart and the workbook)."""

    @functools.wraps(teken)
    def omhuld(*args: Any, **kwargs: Any) -> bytes:
        with matplotlib.rc_context({"text.parse_math": False}):
            return teken(*args, **kwargs)

    return omhuld


def alle_grafieken(resultaat: Resultaat, stijl: Huisstijl) -> dict[str, bytes]:
    """Every chart of a result by file name: the portfolio charts and per-pand waterfalls."""
    uit = {
        "rg_waterval_portefeuille.png": rg_waterval(resultaat, stijl),
        "ort_per_pand.png": ort_per_pand(resultaat, stijl),
        "betaalbaarheidsgat.png": betaalbaarheidsgat(resultaat, stijl),
    }
    if resultaat.fondsen or resultaat.verevening is not None:
        uit["tekort_gedekt.png"] = tekort_gedekt(resultaat, stijl)
    if resultaat.fondsen:
        saldi = {n: f.grootboek["eind"] for n, f in resultaat.fondsen.items()}
        uit["fondssaldo.png"] = fondssaldo(saldi, stijl)
        if len(resultaat.ontsluitingscurve):
            uit["ontsluitingscurve.png"] = ontsluitingscurve(
                {resultaat.scenario.naam: resultaat.ontsluitingscurve}, stijl
            )
        uit["bronnen_en_bestedingen.png"] = bronnen_en_bestedingen(
            {n: f.bronnen_en_bestedingen for n, f in resultaat.fondsen.items()}, stijl
        )
    ort = resultaat.panden["onrendabele_top"]
    grootste = ort.abs().sort_values(ascending=False).index[:MAX_PAND_WATERVALLEN]
    reeksen = {f"rg_waterval_{veilige_naam(p)}.png": _rg_reeks(resultaat, str(p)) for p in grootste}
    uit.update(watervallen(reeksen, stijl, "residuele grondwaarde"))
    return uit


def schrijf_grafieken(grafieken: dict[str, bytes], map_: str | Path) -> list[Path]:
    """Write the PNGs into `map_` (created if needed), all or none (and no new folder when
    none)."""
    paden = [in_map(Path(map_), naam) for naam in grafieken]
    with in_nieuwe_map(map_):
        schrijf_samen(list(zip(paden, grafieken.values(), strict=True)))
    return paden


for _naam in (n for n in __all__ if n not in ("MAX_PAND_WATERVALLEN", "schrijf_grafieken")):
    globals()[_naam] = _als_tekst(globals()[_naam])
