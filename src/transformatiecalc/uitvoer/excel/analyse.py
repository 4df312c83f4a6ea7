"""Workbooks of the analyses: sheets Varianten, Gevoeligheid and Onzekerheid (values).

Each analysis is many scenario runs, so its sheet holds values (clearly labelled), with
its charts; the base scenario's every assumption stands on *Uitgangspunten* as in the
run workbook.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import datetime
from typing import Any

import pandas as pd

from ... import __version__
from ...analyse.gevoeligheid import Raster, Tornado
from ...analyse.onzekerheid import MonteCarlo
from ...analyse.varianten import TOTALEN, Vergelijking
from ...schema import Scenario
from ..huisstijl import Huisstijl, formaten
from ..labels import FONDS_KPI, KANSEN, PROGRAMMA_KPI, TOTAAL, uitkomst_label
from . import nieuw_werkboek, schrijvend
from .afdruk import Afdruk
from .blad import Blad, Namen
from .portefeuille import KPI_NOTATIE, afbeelding, tabel
from .uitgangspunten import BLAD as UITGANGSPUNTEN
from .uitgangspunten import schrijf_uitgangspunten

Schrijver = Callable[[Blad, str], None]
_NOTATIE = KPI_NOTATIE
#: The widest a version's column gets on Varianten (characters): a text value (where the
#: public discount rate comes from) wraps in it rather than running into the next version.
VERSIEBREEDTE = 24.0


def _vast(notatie: str) -> Callable[[str], str]:
    return lambda _kolom: notatie


def analyse_werkboek(
    scenario: Scenario,
    bladen: list[tuple[str, Schrijver]],
    stijl: Huisstijl,
    titel: str,
    moment: datetime | None = None,
) -> bytes:
    """A workbook with the analysis sheets and the base scenario's Uitgangspunten."""
    herkomst = f"Scenario: {scenario.naam} · transformatiecalc {__version__}"
    buffer = io.BytesIO()
    moment = moment or datetime.now()
    afdruk = Afdruk(scenario.naam, moment.strftime("%d-%m-%Y"), herkomst)
    wb = nieuw_werkboek(buffer, stijl, f"{titel} — {scenario.naam}", herkomst, moment)
    with schrijvend(wb):
        fmt = formaten(wb, stijl)
        for naam, schrijf in [*bladen, (UITGANGSPUNTEN, _uitgangspunten(scenario, wb))]:
            b = Blad(wb, naam, fmt, None, (0, 0))
            schrijf(b, herkomst)
            b.zet_breedtes()
            b.afdrukken(afdruk)
    return buffer.getvalue()


def _uitgangspunten(scenario: Scenario, wb: Any) -> Schrijver:
    def schrijf(b: Blad, herkomst: str) -> None:
        schrijf_uitgangspunten(b, Namen(wb), scenario, herkomst)

    return schrijf


# ------------------------------------------------------------------ Varianten
def varianten_blad(v: Vergelijking, grafieken: dict[str, bytes]) -> Schrijver:
    """Sheet Varianten: the versions, their totals and the difference with the first, the
    programme and fund KPIs per version, their warnings, ORT per pand (before and after
    the programme) and the charts."""

    def schrijf(b: Blad, herkomst: str) -> None:
        for c in range(1, len(v.versies) + 1):
            b.maxbreedte[c] = VERSIEBREEDTE
        b.titel(
            "Varianten",
            "Elke kolom is een volledig doorgerekende versie; verschillen tegen "
            f"'{v.versies[0].naam}'. Bedragen in € van peildatum tenzij 'nominaal'.",
            herkomst,
        )
        rij = _versies(b, 4, v)
        rij = _totalen_per_versie(b, rij, v)
        rij = _fondsen_per_versie(b, rij, v)
        rij = _waarschuwingen_per_versie(b, rij, v)
        rij = tabel(b, rij, "Onrendabele top per pand", v.per_pand, "pand", _vast("euro"))
        rij = tabel(
            b,
            rij,
            "ORT na herverkaveling, verevening en fondsen",
            v.per_pand_na,
            "pand",
            _vast("euro"),
        )
        for naam, png in grafieken.items():
            rij = afbeelding(b, rij, png, naam)

    return schrijf


def _versies(b: Blad, rij: int, v: Vergelijking) -> int:
    """Which file and which variant each version is."""
    versies = pd.DataFrame(
        {
            "bestand": [x.bestand for x in v.versies],
            "variant": [x.variant or "(het bestand zelf)" for x in v.versies],
        },
        index=[x.naam for x in v.versies],
    )
    return tabel(b, rij, "Versies", versies, "versie", _vast(""))


def _totalen_per_versie(b: Blad, rij: int, v: Vergelijking) -> int:
    """The totals per version, their difference with the first version and (when there is
    a programme) the programme's KPIs."""
    soort = {TOTAAL[k][0]: _NOTATIE.get(TOTAAL[k][1], "") for k in TOTALEN}
    totalen = v.totalen.rename(index={k: TOTAAL[k][0] for k in TOTALEN})
    verschil = v.verschil(v.totalen).rename(index={k: TOTAAL[k][0] for k in TOTALEN})
    for titel, df in (("Totalen", totalen), (f"Verschil met '{v.versies[0].naam}'", verschil)):
        rij = _rijen_met_notatie(b, rij, titel, df, "kengetal", soort)
    if len(v.programma):
        rij = _kpi_tabel(
            b, rij, "Programma: verevening en fondsen samen", v.programma, PROGRAMMA_KPI
        )
    return rij


def _fondsen_per_versie(b: Blad, rij: int, v: Vergelijking) -> int:
    """One KPI table per fund, its versions side by side (funds matched by role or name)."""
    if not len(v.fondsen):
        return rij
    for fonds in dict.fromkeys(v.fondsen.index.get_level_values(0)):
        if v.koppeling == "rol":
            titel = "Fonds, per versie het fonds van dat scenario: " + ", ".join(
                f"{versie}: {n[0] if n else 'geen'}" for versie, n in v.fondsnamen.items()
            )
        else:
            titel = f"Fonds {fonds} (fondsen op naam gekoppeld)"
        df = pd.DataFrame(v.fondsen.xs(fonds, level=0))
        rij = _kpi_tabel(b, rij, titel, df, FONDS_KPI)
    return rij


def _waarschuwingen_per_versie(b: Blad, rij: int, v: Vergelijking) -> int:
    """Every version's warnings under 'Let op' (nothing when there are none)."""
    meldingen = [(x.naam, w) for x in v.versies for w in x.resultaat.waarschuwingen]
    if not meldingen:
        return rij
    b.blok(rij)
    b.tekst(rij, 0, "Let op", "ondertitel", meten=False)
    b.kopregel(rij + 1, ["versie", "waarschuwing"])
    for r, (versie, w) in enumerate(meldingen, start=rij + 2):
        b.tekst(r, 0, versie)
        b.tekstblok(r, 1, w)  # wrapped: one long line would make the printed sheet tiny
    return rij + 3 + len(meldingen)


def _kpi_tabel(
    b: Blad, rij: int, titel: str, df: pd.DataFrame, labels: dict[str, tuple[str, str]]
) -> int:
    """KPIs (rows, in the order of `labels`) side by side per version (columns)."""
    df = df.reindex([k for k in labels if k in df.index])
    tekst = [k for k in df.index if labels[k][1] == "tekst"]
    getallen = df.drop(index=tekst).apply(pd.to_numeric, errors="coerce")
    soort = {labels[k][0]: _NOTATIE.get(labels[k][1], "") for k in getallen.index}
    rij = _rijen_met_notatie(
        b, rij, titel, getallen.rename(index={k: labels[k][0] for k in labels}), "kengetal", soort
    )
    for k in tekst:  # e.g. where the public discount rate comes from: wrapped in its column
        b.tekst(rij - 1, 0, _tekstlabel(labels, k))
        for c, waarde in enumerate(df.loc[k], start=1):
            b.tekst(rij - 1, c, "" if pd.isna(waarde) else str(waarde))
        rij += 1
    return rij


def _tekstlabel(labels: dict[str, tuple[str, str]], k: str) -> str:
    """The label of a text KPI, which stands below the table: an indented one ('voet van')
    says what it belongs to ('contant gemaakt tegen: voet van'), the row above it in
    `labels` that no longer stands above it."""
    label = labels[k][0]
    volgorde = list(labels)
    i = volgorde.index(k)
    if label.startswith(" ") and i > 0:
        return f"{labels[volgorde[i - 1]][0].strip()}: {label.strip()}"
    return label.strip()


def _rijen_met_notatie(
    b: Blad,
    rij: int,
    titel: str,
    df: pd.DataFrame,
    index: str,
    soort: dict[str, str],
    kolommen: dict[str, str] | None = None,
) -> int:
    """A table whose number format follows its rows (kengetallen of different kinds),
    except for the columns named in `kolommen`."""
    kolommen = kolommen or {}
    b.blok(rij)  # printed: the table (and the text rows _kpi_tabel adds) starts a new page
    b.sectietitel(rij, titel)
    b.kopregel(rij + 1, [index, *[str(k).replace("_", " ") for k in df.columns]])
    for r, (label, waarden) in enumerate(df.iterrows(), start=rij + 2):
        b.tekst(r, 0, str(label))
        for c, (kolom, waarde) in enumerate(waarden.items(), start=1):
            notatie = kolommen.get(str(kolom), soort.get(str(label), ""))
            b.getal(r, c, None if pd.isna(waarde) else float(waarde), "waarde", notatie)
    return rij + 3 + len(df)


# --------------------------------------------------------------- Gevoeligheid
def gevoeligheid_blad(
    t: Tornado | None, r: Raster | None, grafieken: dict[str, bytes]
) -> Schrijver:
    def schrijf(b: Blad, herkomst: str) -> None:
        eerste = t if t is not None else r
        assert eerste is not None
        label, soort = uitkomst_label(eerste.uitvoer)
        notatie = _NOTATIE.get(soort, "")
        b.titel(
            "Gevoeligheid",
            f"Uitkomst: {label}. Elke waarde is een volledige berekening met die ene "
            "wijziging (tornado) of die twee (raster).",
            herkomst,
        )
        rij = 4
        if t is not None:
            df = t.tabel.copy()

            def kolom(naam: str) -> str:
                return notatie if naam.startswith(("uitkomst", "zwaai")) else ""

            rij = tabel(b, rij, f"Tornado (basis {t.basiswaarde:,.2f})", df, "parameter", kolom)
            rij = afbeelding(b, rij, grafieken.get("tornado.png"), "tornado.png")
        if r is not None:
            df = r.tabel.copy()
            df.columns = [f"{r.kolom.pad} = {x:g}" for x in df.columns]
            df.index = [f"{r.rij.pad} = {x:g}" for x in df.index]
            rij = tabel(b, rij, "Raster", df, "", _vast(notatie))
            afbeelding(b, rij, grafieken.get("raster.png"), "raster.png")

    return schrijf


# --------------------------------------------------------------- Onzekerheid
def onzekerheid_blad(
    mc: MonteCarlo, parameters: dict[str, dict[str, Any]], grafieken: dict[str, bytes]
) -> Schrijver:
    def schrijf(b: Blad, herkomst: str) -> None:
        b.titel(
            "Onzekerheid",
            f"Monte Carlo: {len(mc.trekkingen)} trekkingen, seed {mc.seed}. Elke trekking is een "
            "volledige berekening; P5/P50/P95 over de trekkingen.",
            herkomst,
        )
        verdelingen = pd.DataFrame.from_dict(parameters, orient="index")
        rij = tabel(b, 4, "Verdelingen", verdelingen, "pad", _vast(""))
        s = mc.samenvatting()
        soort = {}
        labels = {}
        for naam in s.index:
            label, k = uitkomst_label(str(naam))
            labels[naam] = label
            soort[label] = _NOTATIE.get(k, "")
        s = s.rename(index=labels)
        rij = _rijen_met_notatie(
            b, rij, "Samenvatting", s, "uitkomst", soort, {"trekkingen_met_waarde": "getal"}
        )
        kans = pd.DataFrame.from_dict(mc.kansen(), orient="index", dtype=float)
        if len(kans):
            kans = kans.rename(columns=KANSEN).rename_axis("fonds")
            rij = tabel(
                b, rij, "Kansen per fonds (aandeel trekkingen)", kans, "fonds", _vast("procent")
            )

        def pand_kolom(naam: str) -> str:
            return "procent" if naam.startswith("kans") else "euro"

        rij = tabel(b, rij, "Per pand (€ peildatum)", mc.per_pand(), "pand", pand_kolom)
        for fonds, w in mc.saldo_waaier().items():
            rij = tabel(b, rij, f"Saldo {fonds} per jaar (€ nominaal)", w, "jaar", _vast("euro"))
        for naam, png in grafieken.items():
            rij = afbeelding(b, rij, png, naam)

    return schrijf
