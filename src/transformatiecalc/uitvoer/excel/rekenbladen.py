"""The layout of the live sheets Functies, Residuele waarde, Kasstromen and Panden.

Each cell that is a formula of inputs is written as that formula (English function
names, as Excel stores them), referring to the named cells and tables on Uitgangspunten,
with the engine's value cached. The formulas restate METHODE §2–5 exactly as the engine
computes them; a test recalculates the workbook in LibreOffice and checks every formula
cell against the engine. The goal seeks (kostprijsdekkende huur, betaalbaarheidsgat,
break-even BAR/NAR, maximale inbrengwaarde, huurfactor) are formulas too: the same closed
forms, from what one euro more of price (Functies) or a 100 % higher rent at the
rendementseis (Residuele waarde) adds to the NCW, so they follow a changed input.

This module holds what the four sheets share: their columns (each a quantity of
``grootheden.py`` or a step of the formulas), where every pand and programme line stands
(:class:`Indeling`) and the writing of a formula cell. Each sheet is written by a module
of its own: ``functies.py`` (with the row's formulas in ``functierij.py``),
``residueel.py``, ``kasstromen.py`` and ``panden.py``.

Layout: every calculation sheet has its column headers on row 5 (index 4) and data from
row 6; Functies has one row per programme line, Residuele waarde and Panden one row per
pand, Kasstromen a block of rows per pand with the years in columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from ...engine import KASSTROOMPOSTEN
from ...grootheden import GROOTHEDEN
from ...resultaat import PANDKOLOMMEN, Resultaat
from .blad import NVT, Blad, bereik, cel

FUNCTIES, RESIDUEEL, KASSTROMEN, PANDEN = "Functies", "Residuele waarde", "Kasstromen", "Panden"
KOP, EERSTE = 4, 5

Kolom = tuple[str, str, str]

#: The field name of each column in its sheet's Excel table: the quantity's name (its key in
#: the JSON and in Resultaat's tables), filled by _kol; for a step of the formulas, the
#: name in STAPVELDEN.
_VELDEN: dict[str, str] = {}
STAPVELDEN = {
    # Functies
    "eenheden": "huur_eenheden",
    "o": "oplevering_t",
    "voet_ew": "disconteringsvoet_ew",
    "voet_v": "disconteringsvoet_v",
    "kk": "factor_kosten_koper",
    "bruto": "bruto_huur_oplevering",
    "netto": "netto_huur_oplevering",
    "vast": "vaste_lasten_oplevering",
    "bouw_k": "bouwkosten_met_opslagen",
    "dv": "opbrengst_per_euro_prijs",
    "dew": "exploitatiewaarde_per_euro_prijs",
    "dopslag": "opslagen_per_euro_prijs",
    "dncw": "ncw_per_euro_prijs",
    "kostprijsdekkend": "kostprijsdekkende_prijs",
    "break_even": "break_even_voet",
    # Residuele waarde
    "s": "start_t",
    "ak": "algemene_kosten_voet",
    "wr": "winst_en_risico_voet",
    "bouwsom": "bouwsom",
    "rentefactor": "rentefactor",
    "d_o": "disconteringsfactor_oplevering",
    "d_s": "disconteringsfactor_start",
    "d_s_eis": "disconteringsfactor_start_rendementseis",
    "d_o_eis": "disconteringsfactor_oplevering_rendementseis",
    "pi_eis": "contante_waarde_per_euro_bouwkosten_rendementseis",
    "ncw_eis": "ncw_rendementseis",
    "dncw_eis": "ncw_rendementseis_per_huurfactor",
}


def veld(sleutel: str) -> str:
    """The field name (table column name) of the column with key `sleutel`."""
    return _VELDEN.get(sleutel) or STAPVELDEN[sleutel]


def _kol(naam: str, sleutel: str = "", kop: str = "", symbool: bool = False) -> Kolom:
    """A column showing a quantity of ``grootheden.py``: its label (with its METHODE symbol,
    or `kop` where the sheet says more) and its number format; `sleutel` names the column
    in this module's formulas when it is not the quantity's name."""
    g = GROOTHEDEN[naam]
    _VELDEN[sleutel or naam] = naam
    return (sleutel or naam, kop or (g.label_met_symbool if symbool else g.label), g.excel)


# (key, header, number format) per column: a registered quantity (_kol) or a step of the
# sheet's formulas (a literal; these exist only here).
FUN: list[Kolom] = [
    *map(_kol, ("pand", "regel", "functie", "soort", "waardering", "woningen", "bvo")),
    ("eenheden", "huur-eenheden (per jaar)", "getal"),
    _kol("prijs"),
    ("o", "oplevering (t)", "getal"),
    ("voet_ew", "disconteringsvoet EW", "procent"),
    ("voet_v", "disconteringsvoet V", "procent"),
    ("kk", "factor k.k.", "factor"),
    ("bruto", "bruto huur jaar o", "euro"),
    ("netto", "netto huur jaar o", "euro"),
    ("vast", "vaste lasten jaar o", "euro"),
    _kol("opbrengst", symbool=True),
    _kol("exploitatiewaarde", symbool=True),
    _kol("bouwkosten", symbool=True),
    *map(_kol, ("bijkomende_kosten", "onvoorzien", "btw", "inbreng", "verwervingskosten")),
    _kol("algemene_kosten", kop="algemene kosten (kasstroom)"),
    _kol("winst_en_risico", kop="winst & risico (kasstroom)"),
    _kol("ncw"),
    _kol("onrendabele_top"),
    # where the ORT comes from (METHODE §5)
    *map(_kol, ("inbreng_aandeel", "ort_zonder_inbreng", "ort_per_woning", "ort_per_m2_bvo")),
    ("bouw_k", "bouwkosten met opslagen (kasstroom)", "euro"),
    # the goal seeks' steps: what one euro more of price adds (METHODE §5)
    ("dv", "opbrengst V per € huur / prijs", "euro_centen"),
    ("dew", "exploitatiewaarde EW per € huur / prijs", "euro_centen"),
    ("dopslag", "AK + W&R (kasstroom) per € huur / prijs", "euro_centen"),
    ("dncw", "NCW per € huur / prijs", "euro_centen"),
    ("kostprijsdekkend", "kostprijsdekkende huur / prijs", "euro_centen"),
    _kol("eenheid"),
    _kol("betaalbare_huur", sleutel="betaalbaar"),
    _kol("betaalbaarheidsgat"),
    ("break_even", "break-even BAR / NAR", "procent"),
    # rent law (METHODE §2a)
    *map(
        _kol,
        (
            "wws_punten",
            "wws_bron",
            "segment",
            "wws_opslag",
            "maximale_huur",
            "huur_boven_maximum",
            "kostprijsdekkend_binnen_maximum",
            "betaalbare_huur_bron",
            "indexatie_huur",
        ),
    ),
]
RES: list[Kolom] = [
    _kol("pand"),
    _kol("naam"),
    ("s", "start (t)", "getal"),
    _kol("bouwtijd", "b"),
    ("o", "oplevering (t)", "getal"),
    _kol("disconteringsvoet", "r"),
    ("ak", "AK", "procent"),
    ("wr", "W&R", "procent"),
    _kol("bvo"),
    _kol("opbrengst", symbool=True),
    _kol("bouwkosten", symbool=True),
    *map(_kol, ("bijkomende_kosten", "onvoorzien", "btw")),
    ("bouwsom", "bouwsom", "euro"),
    ("rentefactor", "rentefactor", "factor"),
    *map(_kol, ("financieringskosten", "algemene_kosten", "winst_en_risico")),
    _kol("residuele_grondwaarde_oplevering", "rg_oplevering", "residuele grondwaarde (oplevering)"),
    ("d_o", "disconteringsfactor oplevering", "factor"),
    _kol("residuele_grondwaarde_peildatum", "rg_peildatum", "residuele grondwaarde (peildatum)"),
    *map(_kol, ("grondquote", "inbrengwaarde", "transformatieruimte", "boekwaarde")),
    _kol("afwaardering"),
    _kol("inbreng", kop="inbreng (jaar s)"),
    _kol("verwervingskosten"),
    _kol("stichtingskosten"),
    ("d_s", "disconteringsfactor start", "factor"),
    # the huurfactor's steps (METHODE §5): the cash flow at the exploitant's rendementseis
    _kol("rendementseis", "re"),
    ("d_s_eis", "disconteringsfactor start (rendementseis)", "factor"),
    ("d_o_eis", "disconteringsfactor oplevering (rendementseis)", "factor"),
    ("pi_eis", "contante waarde per € bouwkosten (rendementseis)", "factor"),
    ("ncw_eis", "NCW tegen de rendementseis", "euro"),
    ("dncw_eis", "NCW tegen de rendementseis per 100 % meer huur", "euro"),
]
#: The Panden sheet: the columns of ``Resultaat.panden`` in its order (PANDKOLOMMEN), after
#: the pand, each as registered; ``pandas.read_excel(…, sheet_name="Panden", header=4,
#: index_col="pand")`` reads it back as that frame (docs/excel.md).
PND: list[Kolom] = [_kol(naam) for naam in ("pand", *PANDKOLOMMEN)]
KS_RIJEN = ["kop", "bouwprofiel", "disconteringsfactor", *KASSTROOMPOSTEN, "kasstroom"]
KS_BLOK = len(KS_RIJEN) + 1
KS_T_RIJ, KS_EERSTE = 3, 5
KS_TOTAAL, KS_CONTANT, KS_IRR, KS_JAAR0 = 2, 3, 4, 5
#: The name of each Kasstromen row: the label of its quantity.
KS_POSTNAMEN = {post: GROOTHEDEN[post].label for post in KS_RIJEN[1:]}


def _index(kolommen: list[Kolom]) -> dict[str, int]:
    return {k: i for i, (k, _, _) in enumerate(kolommen)}


FUN_I, RES_I, PND_I = _index(FUN), _index(RES), _index(PND)
NOTATIE = {
    blad: {k: n for k, _, n in kol}
    for blad, kol in ((FUNCTIES, FUN), (RESIDUEEL, RES), (PANDEN, PND))
}


@dataclass(frozen=True)
class Indeling:
    """Row numbers of every pand and programme line on every sheet."""

    regels: tuple[tuple[int, int], ...]  # (pand index, regel index) per functie row
    segment: tuple[tuple[int, int], ...]  # (first, last) functie row index per pand
    jaren: int

    @staticmethod
    def van(resultaat: Resultaat) -> Indeling:
        regels: list[tuple[int, int]] = []
        segment: list[tuple[int, int]] = []
        for p, pand in enumerate(resultaat.scenario.panden):
            eerste = len(regels)
            regels.extend((p, j) for j in range(len(pand.transformatie.programma)))
            segment.append((eerste, len(regels) - 1))
        return Indeling(tuple(regels), tuple(segment), resultaat.uitkomst.invoer.jaren)

    def fun(self, f: int, kolom: str, blad: bool = True) -> str:
        return cel(EERSTE + f, FUN_I[kolom], FUNCTIES if blad else None)

    def fun_som(self, p: int, kolom: str) -> str:
        a, b = self.segment[p]
        return f"SUM({bereik(EERSTE + a, FUN_I[kolom], EERSTE + b, FUN_I[kolom], FUNCTIES)})"

    def res(self, p: int, kolom: str, blad: bool = True) -> str:
        return cel(EERSTE + p, RES_I[kolom], RESIDUEEL if blad else None)

    def ks_rij(self, p: int, post: str) -> int:
        return KS_EERSTE + p * KS_BLOK + KS_RIJEN.index(post)

    def ks(self, p: int, post: str, kolom: int, blad: bool = True) -> str:
        return cel(self.ks_rij(p, post), kolom, KASSTROMEN if blad else None)

    def ks_jaren(self, p: int, post: str, blad: bool = True, vanaf: int = 0) -> str:
        r = self.ks_rij(p, post)
        return bereik(
            r, KS_JAAR0 + vanaf, r, KS_JAAR0 + self.jaren - 1, KASSTROMEN if blad else None
        )

    def t_rij(self, blad: bool = True) -> str:
        return bereik(
            KS_T_RIJ, KS_JAAR0, KS_T_RIJ, KS_JAAR0 + self.jaren - 1, KASSTROMEN if blad else None
        )


def kolomtabel(b: Blad, kolommen: list[Kolom], rijen: int, naam: str) -> None:
    """The sheet's columns as an Excel table: field names on the header row KOP, the Dutch
    labels on the row above it, `rijen` data rows from EERSTE."""
    b.tabel(KOP, [veld(k) for k, _, _ in kolommen], rijen, naam, [h for _, h, _ in kolommen])


def schrijf_formule(
    b: Blad,
    rij: int,
    kolommen: dict[str, int],
    notaties: dict[str, str],
    k: str,
    formule: str,
    waarde: Any,
) -> None:
    """Formula `k` of a row, in its column and number format, with the engine's value cached."""
    b.formule(rij, kolommen[k], formule, waarde, notaties[k])


def cel_in_rij(rij: int, kolommen: dict[str, int], k: str) -> str:
    return cel(rij, kolommen[k])


def doelzoek(waarde: float) -> float | str:
    """The cached value of a goal-seek formula: the engine's number, or 'n.v.t.' (the text
    the formula gives) where there is none."""
    return float(waarde) if math.isfinite(waarde) else NVT
