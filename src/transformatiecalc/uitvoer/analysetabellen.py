"""Varianten, gevoeligheid and onzekerheid as terminal tables (METHODE §8): the versions of
a comparison side by side per group of KPIs, the tornado and the grid, the Monte Carlo
summary; amounts in € 1.000 unless asked for in euros. :mod:`.analyse` has the JSON and the
charts of the same analyses."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from rich.console import Console

from ..analyse.gevoeligheid import Raster, Tornado
from ..analyse.onzekerheid import MonteCarlo
from ..analyse.varianten import TOTALEN, Vergelijking
from ..getallen import aantal, getal
from .json import schoon
from .labels import (
    FONDS_KPI,
    FONDS_KPI_KORT,
    KANSEN,
    PROGRAMMA_KPI,
    PROGRAMMA_KPI_KORT,
    TOTAAL,
    uitkomst_label,
)
from .notatie import Kengetal, euro, kpi_tekst
from .portefeuille import niet_positief
from .tabel import Kolom, toon_tabel, zin
from .veilig import veilig


def _verschil_tekst(waarde: Any, soort: str) -> str:
    if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
        return ""
    if abs(float(waarde)) < 0.005:
        return " (=)"
    teken = "+" if waarde > 0 else "−"
    tekst = kpi_tekst(abs(float(waarde)), soort if soort != "janee" else "aantal")
    return f" ({teken}{tekst})"


#: Amounts in the analyses' tables are in € 1.000 (the JSON and the workbook: in euros).
DUIZEND = 1000.0


def _versiekoppen(namen: list[str]) -> list[str]:
    """Column heads of the versions: their names, or 1, 2, … (with a legend) when a name is
    longer than 12 characters."""
    if len(namen) > 1 and any(len(n) > 12 for n in namen):
        return [str(i) for i in range(1, len(namen) + 1)]
    return list(namen)


def toon_vergelijking(
    v: Vergelijking, console: Console, per_pand: bool = False, breed: bool = False
) -> None:
    """One block per group of KPIs (totals, programme, each fund), the versions as columns.

    Compact: the short lists, amounts in € 1.000. `breed`: every KPI, in euros, with the
    difference against the first version in brackets."""
    namen = [x.naam for x in v.versies]
    koppen = _versiekoppen(namen)
    if koppen != namen:
        zin(console, "Versies:")
        for kop, naam in zip(koppen, namen, strict=True):
            zin(console, f"  {kop} = {veilig(naam)}")
    schaal = 1.0 if breed else DUIZEND
    onderschrift = (
        f"tussen haakjes: verschil met {veilig(koppen[0])}"
        if breed
        else "bedragen × € 1.000; alle kengetallen, in euro's en met verschillen: --breed"
    )
    blokken = _blokken(v, breed)
    for n, (titel, tabel, labels, sleutels) in enumerate(blokken, start=1):
        _kengetallen_naast_elkaar(
            console,
            titel,
            tabel,
            namen,
            koppen,
            labels,
            sleutels,
            schaal,
            breed,
            onderschrift if n == len(blokken) or breed else "bedragen × € 1.000",
        )
    _waarschuwingen(v, koppen, console)
    if per_pand:
        _ort_per_pand(v, namen, koppen, schaal, console)


#: A block of the comparison: title, table (KPI × version), labels and the KPIs shown.
_Blok = tuple[str, pd.DataFrame, dict[str, tuple[str, str]], tuple[str, ...]]


def _blokken(v: Vergelijking, breed: bool) -> list[_Blok]:
    """The totals, the programme (when there is one) and each fund; short lists unless
    `breed`."""
    blokken: list[_Blok] = [("Totalen", v.totalen, TOTAAL, TOTALEN)]
    if len(v.programma):
        kort = tuple(PROGRAMMA_KPI) if breed else PROGRAMMA_KPI_KORT
        blokken.append(("Programma: verevening en fondsen samen", v.programma, PROGRAMMA_KPI, kort))
    for fonds in dict.fromkeys(v.fondsen.index.get_level_values(0)) if len(v.fondsen) else ():
        if v.koppeling == "rol":
            titel = "Fonds (per versie: " + ", ".join(
                f"{n[0]}" if n else "geen" for n in v.fondsnamen.values()
            )
            titel += ")"
        else:
            titel = f"Fonds {fonds} (fondsen op naam gekoppeld)"
        kort = tuple(FONDS_KPI) if breed else FONDS_KPI_KORT
        blokken.append((titel, pd.DataFrame(v.fondsen.xs(fonds, level=0)), FONDS_KPI, kort))
    return blokken


def _ort_per_pand(
    v: Vergelijking, namen: list[str], koppen: list[str], schaal: float, console: Console
) -> None:
    """The onrendabele top per pand, one column per version; euros divided by `schaal`."""
    toon_tabel(
        console,
        [Kolom("Pand", tekst=True), *(Kolom(k) for k in koppen)],
        [
            (
                veilig(pand),
                *(euro(schoon(rij[n]) if pd.notna(rij[n]) else math.nan, schaal) for n in namen),
            )
            for pand, rij in v.per_pand.iterrows()
        ],
        titel="Onrendabele top per pand",
        onderschrift=None if schaal == 1.0 else "bedragen × € 1.000",
    )


def _waarschuwingen(v: Vergelijking, koppen: list[str], console: Console) -> None:
    """Each warning once, with the versions it holds for ('alle versies' when all)."""
    bij: dict[str, list[str]] = {}
    for x, kop in zip(v.versies, koppen, strict=True):
        for w in x.resultaat.waarschuwingen:
            bij.setdefault(w, []).append(kop)
    for w, welke in bij.items():
        waar = "alle versies" if len(welke) == len(koppen) > 1 else ", ".join(welke)
        zin(console, f"[yellow]let op[/yellow] ({veilig(waar)}): {veilig(w)}")


def _zonder_publieke_kosten(
    tabel: pd.DataFrame, namen: list[str], koppen: list[str], sleutels: tuple[str, ...]
) -> str:
    """Why a version shows '–' for homes per € 1 mln: its public money net is not positive."""
    if "woningen_per_miljoen_publiek" not in sleutels or "publiek_geld_netto" not in tabel.index:
        return ""
    zonder = [
        veilig(k)
        for k, n in zip(koppen, namen, strict=True)
        if schoon(tabel.loc["publiek_geld_netto", n]) is not None
        and schoon(tabel.loc["woningen_per_miljoen_publiek", n]) is None
    ]
    if not zonder:
        return ""
    wie = f" in {'versie' if len(zonder) == 1 else 'de versies'} {', '.join(zonder)}"
    return niet_positief(wie, hefboom="hefboom" in sleutels)


def _kengetallen_naast_elkaar(
    console: Console,
    titel: str,
    tabel: pd.DataFrame,
    namen: list[str],
    koppen: list[str],
    labels: dict[str, tuple[str, str]],
    sleutels: tuple[str, ...],
    schaal: float,
    verschillen: bool,
    onderschrift: str,
) -> None:
    """One row per KPI of `sleutels`, one column per version; euros divided by `schaal`,
    with the difference against the first version when `verschillen`."""
    verschil = Vergelijking.verschil(tabel) if verschillen else None
    rijen, zinnen = [], []
    for sleutel in sleutels:
        if sleutel not in tabel.index:
            continue
        label, soort = labels[sleutel]
        if soort == "tekst":  # a sentence, not a cell: after the table
            teksten = {
                k: kpi_tekst(tabel.loc[sleutel, n], soort)
                for k, n in zip(koppen, namen, strict=True)
            }
            if len(set(teksten.values())) == 1:
                teksten = {"alle versies" if len(namen) > 1 else koppen[0]: teksten[koppen[0]]}
            zinnen += [f"{label.strip()} ({veilig(k)}): {t}" for k, t in teksten.items()]
            continue
        cellen = []
        for i, naam in enumerate(namen):
            tekst = kpi_tekst(schoon(tabel.loc[sleutel, naam]), soort, schaal)
            if verschil is not None and i > 0:
                tekst += _verschil_tekst(verschil.loc[sleutel, naam], soort)
            cellen.append(tekst)
        rijen.append((label, *cellen))
    toon_tabel(
        console,
        [Kengetal, *(Kolom(k) for k in koppen)],
        rijen,
        titel=titel,
        onderschrift=onderschrift + _zonder_publieke_kosten(tabel, namen, koppen, sleutels),
    )
    for tekst in zinnen:
        zin(console, tekst)


#: The last step of a path that holds a calendar year (schema.basis.Jaartal): its values
#: are printed as years (2027), not as amounts (2.027).
_JAARTALLEN = frozenset({"startjaar", "prijspeil", "start", "jaar"})


def _parameterwaarde(pad: str, waarde: float) -> str:
    """A parameter's value in Dutch notation; a calendar year as a plain whole number."""
    if pad.rsplit(".", 1)[-1] in _JAARTALLEN:
        return str(round(waarde))
    return getal(waarde)


def _bedragen(soort: str) -> str:
    return "bedragen × € 1.000; " if soort == "euro" else ""


def toon_tornado(t: Tornado, console: Console) -> None:
    label, soort = uitkomst_label(t.uitvoer)
    koppen = ("Basis", "Laag", "Hoog", "Uitkomst laag", "Uitkomst hoog", "Zwaai")
    toon_tabel(
        console,
        [Kolom("Parameter", tekst=True, minimum=16), *(Kolom(k) for k in koppen)],
        [
            (
                veilig(pad),
                *(_parameterwaarde(str(pad), r[k]) for k in ("basis", "laag", "hoog")),
                *(
                    kpi_tekst(r[k], soort, DUIZEND)
                    for k in ("uitkomst_laag", "uitkomst_hoog", "zwaai")
                ),
            )
            for pad, r in t.tabel.iterrows()
        ],
        titel=f"Gevoeligheid: {label}",
        onderschrift=f"{_bedragen(soort)}basis: {kpi_tekst(t.basiswaarde, soort)}; "
        "gesorteerd op zwaai",
    )


def toon_raster(r: Raster, console: Console) -> None:
    label, soort = uitkomst_label(r.uitvoer)
    toon_tabel(
        console,
        [
            Kolom(r.rij.pad, tekst=True, minimum=8),
            *(Kolom(_parameterwaarde(r.kolom.pad, float(k))) for k in r.tabel.columns),
        ],
        [
            (
                _parameterwaarde(r.rij.pad, float(i)),  # type: ignore[arg-type]
                *(kpi_tekst(schoon(x), soort, DUIZEND) for x in rij),
            )
            for i, rij in r.tabel.iterrows()
        ],
        titel=f"Raster: {label}",
        onderschrift=f"{_bedragen(soort)}rijen: {veilig(r.rij.pad)}; kolommen: "
        f"{veilig(r.kolom.pad)}; basis {kpi_tekst(r.basiswaarde, soort)}",
    )


def _kop(naam: str) -> bool:
    """Is this outcome in the terminal's summary? Totals, the programme's and funds' short
    lists and the probabilities (JSON, CSV and the workbook have every outcome)."""
    delen = naam.split(".")
    if delen[0] == "programma":
        return delen[-1] in PROGRAMMA_KPI_KORT and delen[-1] != "disconteringsvoet_publiek"
    if delen[0] == "fondsen":
        kort = set(FONDS_KPI_KORT) - {"disconteringsvoet_publiek"}
        return delen[-1] in kort or delen[-1] in KANSEN
    return True


def _groep(naam: str) -> tuple[str, str, str]:
    """(block, label, kind) of a Monte Carlo outcome: the totals, the programme or a fund,
    labelled without the block's name."""
    delen = naam.split(".")
    if delen[0] == "programma":
        return "Programma: verevening en fondsen samen", *PROGRAMMA_KPI[delen[-1]]
    if delen[0] == "fondsen":
        fonds = f"Fonds {'.'.join(delen[1:-1])}"
        if delen[-1] in KANSEN:
            return fonds, KANSEN[delen[-1]], "procent"
        return fonds, *FONDS_KPI[delen[-1]]
    return "Totalen", *uitkomst_label(naam)


def toon_monte_carlo(mc: MonteCarlo, console: Console, per_pand: bool = False) -> None:
    s = mc.samenvatting()
    zin(
        console,
        f"Onzekerheid: {aantal(len(mc.trekkingen), 'trekking', 'trekkingen')} (seed {mc.seed})",
        style="bold",
    )
    blokken: dict[str, list[tuple[str, ...]]] = {}
    for naam, rij in s.iterrows():
        if not _kop(str(naam)):
            continue
        blok, label, soort = _groep(str(naam))
        if str(naam).split(".")[-1] in KANSEN:
            cellen: tuple[str, ...] = (kpi_tekst(rij["gemiddelde"], "procent"), "", "", "")
        else:
            cellen = tuple(
                kpi_tekst(schoon(rij[k]), soort, DUIZEND)
                for k in ("gemiddelde", "p5", "p50", "p95")
            )
        blokken.setdefault(blok, []).append((veilig(label), *cellen))
    koppen = [Kolom("Uitkomst", tekst=True, minimum=20)] + [
        Kolom(k) for k in ("Gemiddelde", "P5", "P50", "P95")
    ]
    for blok, rijen in blokken.items():
        toon_tabel(console, koppen, rijen, titel=blok, onderschrift="bedragen × € 1.000")
    if per_pand:
        pp = mc.per_pand()
        toon_tabel(
            console,
            [
                Kolom("Pand", tekst=True),
                *(Kolom(k) for k in ("P5", "P50", "P95", "Kans ORT > 0", "Kans ORT na > 0")),
            ],
            [
                (
                    veilig(pand),
                    *(euro(r[k], DUIZEND) for k in ("ort_p5", "ort_p50", "ort_p95")),
                    kpi_tekst(r["kans_ort_positief"], "procent"),
                    kpi_tekst(r["kans_ort_na_positief"], "procent"),
                )
                for pand, r in pp.iterrows()
            ],
            titel="Onrendabele top per pand",
            onderschrift="bedragen × € 1.000",
        )
