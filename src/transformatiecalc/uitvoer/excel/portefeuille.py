"""Sheets Verevening and Fonds: the results of algorithms, written as labelled values.

Allocation rules and the fund's cash book are sequential algorithms, not formulas of
the inputs, so these sheets hold the engine's values (METHODE §6–7) and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd

from ...resultaat import Resultaat
from ..labels import (
    BRONNEN_EN_BESTEDINGEN,
    CURVE_KOLOMMEN,
    FONDS_KPI,
    GROOTBOEK,
    PROGRAMMA_KPI,
    TRANCHE_KOLOMMEN,
)
from .blad import Blad
from .meebewegend import Fondsrijen

WAARDEN = (
    "Waarden uit het verdelingsalgoritme van transformatiecalc (geen formules): wie wat "
    "bijdraagt en ontvangt hangt af van de volgorde en de kas, niet van één formule. Ze "
    "rekenen niet mee als u de invoer op Uitgangspunten wijzigt: exporteer dan opnieuw."
)

#: Number format per kind of KPI (labels.FONDS_KPI, PROGRAMMA_KPI).
KPI_NOTATIE = {
    "euro": "euro",
    "procent": "procent",
    "voet": "procent",
    "jaar": "jaar",
    "aantal": "getal",
    "m2": "getal",
    "factor": "getal",
    "getal": "getal",
}
_JAREN = {"jaar", "jaar_bijdrage", "jaar_ontvangst", "aanvraagjaar", "toezegjaar"}
_AANTALLEN = {"rang", "woningen", "wachttijd", "jaren_achterstand"}
_TEKST = {"gebied", "grondslag", "eigenaar", "project", "soort", "reden", "irr_reden", "kant"}


def _notatie(kolom: str) -> str:
    if kolom.endswith("_jaar") or kolom.startswith("eerste_jaar") or kolom in _JAREN:
        return "jaar"
    if kolom in _AANTALLEN:
        return "getal"
    if kolom in ("aandeel", "irr", "rente", "gehonoreerd"):
        return "procent"
    return "euro"


def kengetallen(
    b: Blad,
    rij: int,
    titel: str,
    labels: dict[str, tuple[str, str]],
    kolommen: dict[str, dict[str, Any]],
) -> int:
    """Rows of KPIs (label, one column per `kolommen` key) in their own formats; returns
    the next free row."""
    b.blok(rij)
    b.sectietitel(rij, titel)
    b.kopregel(rij + 1, ["kengetal", *kolommen])
    for r, (sleutel, (label, soort)) in enumerate(labels.items(), start=rij + 2):
        b.tekst(r, 0, label)
        for c, kpi in enumerate(kolommen.values(), start=1):
            waarde = kpi.get(sleutel)
            if isinstance(waarde, bool) or waarde is None or isinstance(waarde, str):
                _cel(b, r, c, sleutel, waarde)
            else:
                b.getal(r, c, float(waarde), "waarde", KPI_NOTATIE.get(soort, ""))
    return rij + 3 + len(labels)


def tabel(
    b: Blad,
    rij: int,
    titel: str,
    df: pd.DataFrame,
    index: str,
    notatie: Callable[[str], str] = _notatie,
    labels: dict[str, str] | None = None,
) -> int:
    """Write `df` (index as first column) under a subtitle as an Excel table whose column
    names are the JSON names (filterable); with `labels` (name → Dutch label) the labels
    stand in a row between the subtitle and the table. Returns the next free row.

    `notatie` gives each column's number format from its name.
    """
    b.blok(rij)
    b.sectietitel(rij, titel)
    namen = [str(k) for k in df.columns]
    if labels is not None:
        rij += 1
    b.tabel(
        rij + 1,
        [index, *namen],
        len(df),
        b.tabelnaam(),
        None if labels is None else ["", *(labels.get(k, k) for k in namen)],
    )
    for r, (sleutel, waarden) in enumerate(df.iterrows(), start=rij + 2):
        b.tekst(r, 0, str(sleutel))
        for c, (kolom, waarde) in enumerate(waarden.items(), start=1):
            _cel(b, r, c, str(kolom), waarde, notatie)
    return rij + 3 + len(df)


def _cel(
    b: Blad, rij: int, kolom: int, naam: str, waarde: Any, notatie: Callable[[str], str] = _notatie
) -> None:
    if waarde is None or waarde is pd.NA:
        b.tekst(rij, kolom, "")
    elif isinstance(waarde, bool):
        b.janee(rij, kolom, waarde, "waarde")
    elif isinstance(waarde, str) or naam in _TEKST:
        b.tekst(rij, kolom, str(waarde))
    else:
        b.getal(rij, kolom, float(waarde), "waarde", notatie(naam))


def afbeelding(b: Blad, rij: int, png: bytes | None, naam: str) -> int:
    """Insert a chart below row `rij`; returns the row after it."""
    if png is None:
        return rij
    return rij + max(26, b.afbeelding(rij, 0, naam, png))


def schrijf_verevening(b: Blad, res: Resultaat, herkomst: str, grafieken: dict[str, bytes]) -> None:
    b.titel(
        "Verevening en herverkaveling",
        f"Bedragen in € van {res.scenario.startjaar} (contante waarde) tenzij 'nominaal'. "
        + WAARDEN,
        herkomst,
    )
    rij = 4
    if not res.projecten.empty:
        rij = tabel(
            b,
            rij,
            "Herverkaveling: resultaat per eigenaar (R = −ORT)",
            res.projecten.set_index("project"),
            "project",
        )
    if res.verevening is not None and res.vereveningspotten is not None:
        rij = tabel(b, rij, "Pot per gebied", res.vereveningspotten, "gebied")
        rij = tabel(b, rij, "Per pand", res.verevening, "pand")
        stromen = res.vereveningsstromen
        assert stromen is not None
        rij = tabel(b, rij, "Stromen per jaar (nominaal; saldo cumulatief)", stromen, "jaar")
    afbeelding(b, rij, grafieken.get("tekort_gedekt.png"), "tekort_gedekt.png")
    b.ws.freeze_panes(4, 1)


def _gelabeld(
    b: Blad,
    rij: int,
    titel: str,
    df: pd.DataFrame,
    index: str,
    kolommen: dict[str, tuple[str, str]],
) -> int:
    """`tabel` with the columns labelled and formatted by `kolommen` (key → (label, kind))."""
    notatie = {k: KPI_NOTATIE.get(soort, "") for k, (_, soort) in kolommen.items()}
    labels = {k: label for k, (label, _) in kolommen.items()}
    return tabel(b, rij, titel, df, index, lambda k: notatie.get(k, ""), labels)


def schrijf_fondsen(
    b: Blad, res: Resultaat, herkomst: str, grafieken: dict[str, bytes]
) -> dict[str, Fondsrijen]:
    """Write the Fonds sheet; returns where each fund's Kasboek stands (for the live chart
    of the fund balance)."""
    prog = res.programma
    b.titel(
        "Fondsen",
        "Kasboek in € nominaal per jaar; tekorten en effecten op de onrendabele top in € van "
        f"{res.scenario.startjaar}; publiek geld netto contant tegen "
        f"{100 * float(prog['disconteringsvoet_publiek']):.1f} % "
        f"({prog['disconteringsvoet_publiek_bron']}). "
        + WAARDEN.replace("verdelingsalgoritme", "fondsmodel"),
        herkomst,
    )
    rij = kengetallen(
        b, 4, "Programma: verevening en fondsen samen", PROGRAMMA_KPI, {"programma": prog}
    )
    curve = res.ontsluitingscurve
    if len(curve):
        df = curve.set_axis([f"{round(100 * float(f))} %" for f in curve.index])
        rij = _gelabeld(
            b,
            rij,
            "Ontsluitingscurve: alle publieke tranches × factor (verevening gelijk)",
            df,
            "factor",
            CURVE_KOLOMMEN,
        )
        rij = afbeelding(b, rij, grafieken.get("ontsluitingscurve.png"), "ontsluitingscurve.png")
    rij = kengetallen(
        b, rij, "Kengetallen per fonds", FONDS_KPI, {n: f.kpi for n, f in res.fondsen.items()}
    )
    kasboeken: dict[str, Fondsrijen] = {}
    for naam, f in res.fondsen.items():
        rij, kasboeken[naam] = _kasboek(b, rij, naam, f.grootboek)
        geld = f.bronnen_en_bestedingen.assign(post=lambda d: d["post"].map(BRONNEN_EN_BESTEDINGEN))
        rij = tabel(
            b,
            rij,
            f"Bronnen en bestedingen {naam} (som over de looptijd, € nominaal)",
            geld.set_index("post"),
            "post",
        )
        rij = _gelabeld(
            b,
            rij,
            f"Tranches {naam} (verlies: verwacht, na de afrekening op de horizon)",
            f.tranches,
            "tranche",
            TRANCHE_KOLOMMEN,
        )
        rij = tabel(b, rij, f"Toezeggingen per pand {naam}", f.panden, "pand")
    rij = afbeelding(b, rij, grafieken.get("fondssaldo.png"), "fondssaldo.png")
    afbeelding(b, rij, grafieken.get("bronnen_en_bestedingen.png"), "bronnen_en_bestedingen.png")
    b.ws.freeze_panes(4, 1)
    return kasboeken


def _kasboek(b: Blad, rij: int, naam: str, grootboek: pd.DataFrame) -> tuple[int, Fondsrijen]:
    """A fund's Kasboek from `rij`: its title, a table of the posts (rows) by year (columns),
    € nominal; returns the row after it and where its header and eindsaldo stand."""
    grootboek = grootboek.T.rename(index=GROOTBOEK)
    grootboek.columns = [str(j) for j in grootboek.columns]
    eind = list(grootboek.index).index(GROOTBOEK["eind"])
    rijen = Fondsrijen(rij + 1, rij + 2 + eind, len(grootboek.columns))
    b.blok(rij)
    b.sectietitel(rij, f"Kasboek {naam} (€ nominaal)")
    b.tabel(rij + 1, ["post", *grootboek.columns], len(grootboek), b.tabelnaam())
    for r, (post, waarden) in enumerate(grootboek.iterrows(), start=rij + 2):
        b.tekst(r, 0, str(post))
        for c, waarde in enumerate(waarden, start=1):
            stijl = "totaal" if post in (GROOTBOEK["begin"], GROOTBOEK["eind"]) else "waarde"
            b.getal(r, c, float(waarde), stijl, "euro")
    return rij + 3 + len(grootboek), rijen
