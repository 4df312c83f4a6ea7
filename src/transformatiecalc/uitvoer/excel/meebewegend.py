"""The sheet "Grafieken (live)": native Excel charts that follow the inputs.

Excel charts can only read cell ranges, so the sheet holds two small helper tables of
formulas over the live sheets, written row by row (constant_memory) with the engine's values
cached, and the charts read those:

- ORT per pand by functie: one row per pand, one column per functie; each cell adds the
  Functies cells of that pand's programme lines of that functie (direct references, no
  SUMIF: docs/excel.md forbids formulas that compare scenario text). Only the
  :data:`MAX_PANDEN` panden with the largest ORT or surplus at export are charted: a
  category axis with 1 000 labels is unreadable, and the table stays ±25 rows however
  large the portfolio. The selection is fixed at export, the amounts follow the inputs.
- The residual waterfall of the portfolio: V, the cost posts and RG at oplevering, each a
  SUM over a column of Residuele waarde; a stacked column chart with an invisible base
  series (the usual Excel waterfall), costs split at zero so a RG below zero draws right.
- The fund balance per year reads the eindsaldo row of each Kasboek on Fonds directly:
  values of the fund model, not formulas, and the chart title says so.

The series are coloured as the PNG charts are (``grafieken.opmaak.reeksstijlen``): a colour
of its own each, beyond the house palette hatched (a pattern fill) or dashed as well.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...resultaat import Resultaat
from ..grafieken.opmaak import Reeks, reeksstijlen
from ..huisstijl import Huisstijl
from .blad import Blad, bereik, cel
from .rekenbladen import EERSTE, FUN_I, FUNCTIES, RES_I, RESIDUEEL, Indeling

LIVE = "Grafieken (live)"
#: Panden in the ORT chart: the largest |ORT| at export.
MAX_PANDEN = 25
#: The waterfall's posts on Residuele waarde: (column key, label); V first, RG last.
POSTEN = (
    ("opbrengst", "opbrengst V"),
    ("bouwkosten", "bouwkosten"),
    ("bijkomende_kosten", "bijkomende kosten"),
    ("onvoorzien", "onvoorzien"),
    ("btw", "btw"),
    ("financieringskosten", "financieringskosten"),
    ("algemene_kosten", "algemene kosten"),
    ("winst_en_risico", "winst & risico"),
    ("rg_oplevering", "residuele grondwaarde"),
)
WATERVAL_KOP = ["post", "bedrag", "stand na", "basis", "totaal", "kosten boven 0", "kosten onder 0"]
_RUIMTE = 26  # rows a chart of 360 pixels covers at the default row height
_BREED, _HOOG = 760, 400

#: The pattern fill (xlsxwriter's names) nearest each hatch of the PNG charts, and the dash
#: of each line style (a solid line has none).
PATRONEN = {
    "//": "wide_upward_diagonal",
    "\\\\": "wide_downward_diagonal",
    "xx": "outlined_diamond",
    "..": "percent_20",
    "++": "small_grid",
    "--": "dark_horizontal",
}
STREPEN = {"--": "dash", ":": "round_dot", "-.": "dash_dot"}

#: The line on the Grafieken sheet that says which pictures are static.
STATISCH = (
    "De afbeeldingen op dit blad (en op Samenvatting, Verevening en Fonds) zijn vaste "
    "PNG-plaatjes, gemaakt bij de export: ze veranderen niet als u de invoer op "
    f"Uitgangspunten wijzigt. De grafieken op het blad '{LIVE}' (ORT per pand naar functie, "
    "de waterval van de portefeuille en het fondssaldo) lezen de cellen van het werkboek en "
    "bewegen mee."
)


@dataclass(frozen=True)
class Fondsrijen:
    """Where a fund's Kasboek stands on Fonds: the header row (the years, columns
    1..jaren) and the eindsaldo row."""

    kop: int
    eind: int
    jaren: int


def selectie(res: Resultaat, n: int = MAX_PANDEN) -> list[int]:
    """The panden charted: the n largest |ORT| at export, largest tekort first."""
    ort = np.asarray(res.uitkomst.onrendabele_top, dtype=float)
    grootste = sorted(range(len(ort)), key=lambda p: (-abs(ort[p]), p))[:n]
    return sorted(grootste, key=lambda p: (-ort[p], p))


def schrijf_live(
    wb: Any,
    b: Blad,
    res: Resultaat,
    ind: Indeling,
    stijl: Huisstijl,
    fondsen: dict[str, Fondsrijen],
    herkomst: str,
) -> None:
    n = len(res.scenario.panden)
    panden = selectie(res)
    b.titel(
        "Grafieken (live) — rekenen mee met de invoer",
        "Deze grafieken lezen de formules van het werkboek: wijzig een invoer op Uitgangspunten "
        "en ze bewegen mee. Bedragen in euro's; de onrendabele top contant in € van "
        f"{res.scenario.startjaar}. De afbeeldingen op het blad Grafieken zijn vaste PNG's.",
        herkomst,
    )
    meer = (
        f" Alleen de {len(panden)} panden met de grootste onrendabele top of het grootste "
        f"overschot bij de export (van {n}); die keuze ligt vast, de bedragen rekenen mee."
        if len(panden) < n
        else ""
    )
    b.tekstblok(3, 0, "ORT per pand naar functie (helptabel: formules over blad Functies)." + meer,
                "notitie")  # fmt: skip
    # printed, each helper table with its chart is a block a page does not split; the
    # charts stand one below the other right of the widest table, so that printed across
    # pages the tables fill the first pages and the charts the next, none cut by an edge
    b.blok(3)
    rij = _ort_per_functie(wb, b, res, ind, panden, stijl, 5)
    rij = max(rij + 2, 5 + _RUIMTE)
    b.blok(rij)
    rij = _waterval(wb, b, res, stijl, rij, n, len(functies_van(res, panden)) + 4)
    if fondsen:
        b.blok(rij + 1, _RUIMTE + 1)
        _fondssaldo(wb, b, fondsen, stijl, rij + 1)
    b.ws.hide_gridlines(2)


def functies_van(res: Resultaat, panden: list[int]) -> list[str]:
    """The functies in the programmes of `panden`: in the scenario's order, then any other."""
    gebruikt = {r.functie for p in panden for r in res.scenario.panden[p].transformatie.programma}
    functies = [f for f in res.scenario.functies if f in gebruikt]
    return functies + sorted(gebruikt - set(functies))


def balk(reeks: Reeks) -> dict[str, Any]:
    """The fill of a bar series in `reeks`'s style: its colour, hatched in its pattern
    colour where the PNG hatches it."""
    if reeks.arcering is None:
        return {"fill": {"color": reeks.kleur}}
    patroon = PATRONEN[reeks.arcering]
    return {"pattern": {"pattern": patroon, "fg_color": reeks.rand, "bg_color": reeks.kleur}}


def lijn(reeks: Reeks) -> dict[str, Any]:
    """The line of a line series in `reeks`'s style: its colour, dashed where the PNG
    dashes it."""
    streep = STREPEN.get(reeks.lijn)
    return {"color": reeks.kleur, "width": 2.25, **({"dash_type": streep} if streep else {})}


def _ort_per_functie(
    wb: Any,
    b: Blad,
    res: Resultaat,
    ind: Indeling,
    panden: list[int],
    stijl: Huisstijl,
    rij0: int,
) -> int:
    """The pand × functie table of ORT (formulas over Functies) and its stacked chart;
    returns the row after the table."""
    ort = np.asarray(res.uitkomst.f_onrendabele_top, dtype=float)
    programma = [
        [r.functie for r in res.scenario.panden[p].transformatie.programma] for p in panden
    ]
    functies = functies_van(res, panden)
    b.kopregel(rij0, ["pand", *functies, "totaal", "naam"])
    k = FUN_I["onrendabele_top"]
    for i, (p, regels) in enumerate(zip(panden, programma, strict=True)):
        rij = rij0 + 1 + i
        pand = res.scenario.panden[p]
        b.tekst(rij, 0, pand.id)  # short: the chart's axis labels
        eerste = ind.segment[p][0]
        for c, functie in enumerate(functies, start=1):
            rijen = [eerste + j for j, f in enumerate(regels) if f == functie]
            if rijen:
                formule = "=" + "+".join(cel(EERSTE + f, k, FUNCTIES) for f in rijen)
                b.formule(rij, c, formule, float(ort[rijen].sum()), "euro")
            else:
                b.getal(rij, c, 0.0, "waarde", "euro")
        a, z = ind.segment[p]
        b.formule(
            rij,
            len(functies) + 1,
            f"=SUM({bereik(rij, 1, rij, len(functies))})",
            float(ort[a : z + 1].sum()),
            "euro",
            "totaal",
        )
        b.tekst(rij, len(functies) + 2, pand.naam or pand.id)
    laatste = rij0 + len(panden)
    opmaak = (balk(r) for r in reeksstijlen(stijl, len(functies)))
    grafiek = _stapelgrafiek(wb, b, rij0, laatste, enumerate(opmaak, start=1), 60)
    grafiek.set_title({"name": "Onrendabele top per pand naar functie (rekent mee)"})
    grafiek.set_y_axis({"num_format": "€ #,##0", "major_gridlines": {"visible": True}})
    grafiek.set_legend({"position": "bottom"})
    b.grafiek(rij0, len(functies) + 4, grafiek, _BREED, _HOOG)
    return laatste + 1


def _waterval(
    wb: Any, b: Blad, res: Resultaat, stijl: Huisstijl, rij0: int, n: int, kolom: int
) -> int:
    """The portfolio's RG waterfall: a table of formulas over Residuele waarde and a stacked
    column chart (invisible base); returns the row after the table."""
    u = res.uitkomst
    b.tekstblok(
        rij0,
        0,
        "Residuele grondwaarde van de portefeuille (bij oplevering, nominaal): opbrengst V min de "
        "kosten (helptabel: formules over blad Residuele waarde).",
        "notitie",
    )
    kop = rij0 + 1
    b.kopregel(kop, WATERVAL_KOP)
    stand = 0.0
    for i, (sleutel, label) in enumerate(POSTEN):
        stand = _watervalrij(
            b, kop + 1 + i, sleutel, label, float(np.sum(getattr(u, sleutel))), stand, n
        )
    laatste = kop + len(POSTEN)
    kl = stijl.kleuren
    opmaak: list[dict[str, Any]] = [
        {"fill": {"none": True}, "border": {"none": True}},
        {"fill": {"color": kl.primair}},
        {"fill": {"color": kl.negatief}},
        {"fill": {"color": kl.negatief}},
    ]
    grafiek = _stapelgrafiek(wb, b, kop, laatste, enumerate(opmaak, start=3), 40)
    grafiek.set_title({"name": "Waterval residuele grondwaarde portefeuille (rekent mee)"})
    grafiek.set_y_axis({"num_format": "€ #,##0", "major_gridlines": {"visible": True}})
    grafiek.set_legend({"none": True})
    b.grafiek(kop, max(kolom, len(WATERVAL_KOP) + 1), grafiek, _BREED, _HOOG)
    return max(laatste + 1, kop + _RUIMTE)


def _watervalrij(
    b: Blad, rij: int, sleutel: str, label: str, bedrag: float, stand: float, n: int
) -> float:
    """One post of the waterfall: its sum over Residuele waarde (€ nominal, costs > 0), the
    stand after it and the four series of the chart (base, total, costs above and below
    zero); returns the stand after it. V and RG are totals; a cost moves the stand down."""
    k = RES_I[sleutel]
    b.tekst(rij, 0, label)
    b.formule(rij, 1, f"=SUM({bereik(EERSTE, k, EERSTE + n - 1, k, RESIDUEEL)})", bedrag, "euro")
    eind = sleutel in ("opbrengst", "rg_oplevering")
    vorige, nu = stand, (bedrag if eind else stand - bedrag)
    B, S = cel(rij, 1), cel(rij, 2)
    if eind:
        b.formule(rij, 2, f"={B}", nu, "euro")
        waarden = [0.0, nu, 0.0, 0.0]
        formules = ["=0", f"={B}", "=0", "=0"]
    else:
        V = cel(rij - 1, 2)
        b.formule(rij, 2, f"={V}-{B}", nu, "euro")
        lo, hi = min(vorige, nu), max(vorige, nu)
        LO, HI = f"MIN({V},{S})", f"MAX({V},{S})"
        waarden = [
            lo if lo >= 0 else (hi if hi <= 0 else 0.0),
            0.0,
            hi - lo if lo >= 0 else (0.0 if hi <= 0 else hi),
            0.0 if lo >= 0 else (lo - hi if hi <= 0 else lo),
        ]
        formules = [
            f"=IF({LO}>=0,{LO},IF({HI}<=0,{HI},0))",
            "=0",
            f"=IF({LO}>=0,{HI}-{LO},IF({HI}<=0,0,{HI}))",
            f"=IF({LO}>=0,0,IF({HI}<=0,{LO}-{HI},{LO}))",
        ]
    for c, (formule, waarde) in enumerate(zip(formules, waarden, strict=True), start=3):
        b.formule(rij, c, formule, waarde, "euro")
    return nu


def _stapelgrafiek(
    wb: Any,
    b: Blad,
    kop: int,
    laatste: int,
    reeksen: Iterable[tuple[int, dict[str, Any]]],
    gap: int,
) -> Any:
    """A stacked column chart over a helper table of this sheet: header row `kop`, the
    categories in column 0 of the rows below it up to `laatste`, one series per (column,
    its look)."""
    grafiek = wb.add_chart({"type": "column", "subtype": "stacked"})
    for c, extra in reeksen:
        grafiek.add_series(
            {
                "name": [b.naam, kop, c],
                "categories": [b.naam, kop + 1, 0, laatste, 0],
                "values": [b.naam, kop + 1, c, laatste, c],
                "gap": gap,
                **extra,
            }
        )
    # the pand labels under the plot, not at zero where a negative bar covers them
    grafiek.set_x_axis({"label_position": "low"})
    return grafiek


def _fondssaldo(
    wb: Any, b: Blad, fondsen: dict[str, Fondsrijen], stijl: Huisstijl, rij0: int
) -> None:
    """The eindsaldo per year of each fund, read from the Kasboek on Fonds (values)."""
    b.tekstblok(
        rij0,
        0,
        "Fondssaldo per jaar: waarden van het fondsmodel op blad Fonds, berekend bij de export. "
        "Deze grafiek volgt een gewijzigde invoer niet: exporteer opnieuw.",
        "notitie",
    )
    grafiek = wb.add_chart({"type": "line"})
    for (naam, f), reeks in zip(fondsen.items(), reeksstijlen(stijl, len(fondsen)), strict=True):
        grafiek.add_series(
            {
                "name": f"eindsaldo {naam}",
                "categories": ["Fonds", f.kop, 1, f.kop, f.jaren],
                "values": ["Fonds", f.eind, 1, f.eind, f.jaren],
                "line": lijn(reeks),
            }
        )
    grafiek.set_title({"name": "Fondssaldo per jaar (waarden bij export, rekent niet mee)"})
    grafiek.set_y_axis({"num_format": "€ #,##0", "major_gridlines": {"visible": True}})
    grafiek.set_legend({"position": "bottom"})
    b.grafiek(rij0 + 1, 0, grafiek, _BREED, _HOOG)
