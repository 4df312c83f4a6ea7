"""Varianten, gevoeligheid and onzekerheid in the terminal and as JSON (METHODE §8).

JSON contract of the three analyses (numbers unrounded, euros at peildatum unless the
label says nominaal, a value that does not exist is ``null``):

    vergelijk: {"soort": "vergelijking", "versies": [{"naam", "bestand", "variant",
                "fondsen": [naam, …]}],
                "totalen": {kengetal: {versie: waarde}}, "verschil": {…same, minus the first…},
                "programma": {kengetal: {versie: waarde}},
                "koppeling": "rol" | "naam",
                "fondsen": {fonds: {kengetal: {versie: waarde}}}  (fonds "fonds" by rol),
                "ontsluitingscurve": {versie: [{"factor", "publiek_geld_netto", …}]},
                "panden": {pand: {versie: ort}}, "panden_na": {…},
                "waarschuwingen": {versie: [tekst, …]}}
    gevoelig:  {"soort": "gevoeligheid", "uitkomst", "basiswaarde",
                "tornado": [{"pad", "basis", "laag", "hoog", "uitkomst_laag", "uitkomst_hoog",
                             "zwaai"}] | null,
                "raster": {"rij", "kolom", "rijwaarden", "kolomwaarden", "waarden": [[…]]} | null}
    onzeker:   {"soort": "onzekerheid", "seed", "trekkingen", "parameters": {pad: verdeling},
                "samenvatting": {uitkomst: {"gemiddelde", "sd", "p5", "p50", "p95", …}},
                "panden": [{"id", "ort_gemiddelde", "ort_p5", …, "kans_ort_positief", …}],
                "kansen": {fonds: {"kastekort_ja", "trancheverlies_ja",
                "niet_alles_gehonoreerd"}}, "saldo": {fonds: [{"jaar", "p5", …, "p95"}]}}
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..analyse.gevoeligheid import Raster, Tornado
from ..analyse.onzekerheid import MonteCarlo
from ..analyse.varianten import TOTALEN, Vergelijking
from . import grafieken
from .huisstijl import Huisstijl
from .json import als_json, records, schoon
from .labels import (
    FONDS_KPI,
    FONDS_KPI_KORT,
    KANSEN,
    PROGRAMMA_KPI,
    PROGRAMMA_KPI_KORT,
    TOTAAL,
    uitkomst_label,
)
from .terminal import euro, kpi_tekst
from .veilig import veilig


def _verschil_tekst(waarde: Any, soort: str) -> str:
    if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
        return ""
    if abs(float(waarde)) < 0.005:
        return " (=)"
    teken = "+" if waarde > 0 else "−"
    tekst = kpi_tekst(abs(float(waarde)), soort if soort != "janee" else "aantal")
    return f" ({teken}{tekst})"


def toon_vergelijking(v: Vergelijking, console: Console, per_pand: bool = False) -> None:
    """Totals and fund KPIs side by side; differences against the first version in brackets."""
    namen = [x.naam for x in v.versies]
    verschil = v.verschil(v.totalen)
    tabel = Table(
        title="Vergelijking",
        caption=f"tussen haakjes: verschil met '{veilig(namen[0])}'",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    tabel.add_column("Kengetal")
    for naam in namen:
        tabel.add_column(veilig(naam), justify="right")
    for sleutel in TOTALEN:
        label, soort = TOTAAL[sleutel]
        cellen = []
        for i, naam in enumerate(namen):
            tekst = kpi_tekst(schoon(v.totalen.loc[sleutel, naam]), soort)
            if i > 0:
                tekst += _verschil_tekst(verschil.loc[sleutel, naam], soort)
            cellen.append(tekst)
        tabel.add_row(label, *cellen)
    console.print(tabel)
    if len(v.programma):
        _kengetallen_naast_elkaar(
            console,
            "Programma: verevening en fondsen samen",
            v.programma,
            namen,
            PROGRAMMA_KPI,
            PROGRAMMA_KPI_KORT,
        )
    if len(v.fondsen):
        for fonds in dict.fromkeys(v.fondsen.index.get_level_values(0)):
            if v.koppeling == "rol":
                titel = (
                    "Fonds (per versie: "
                    + ", ".join(f"{n[0]}" if n else "geen" for n in v.fondsnamen.values())
                    + ")"
                )
            else:
                titel = f"Fonds {fonds} (fondsen op naam gekoppeld)"
            _kengetallen_naast_elkaar(
                console,
                titel,
                pd.DataFrame(v.fondsen.xs(fonds, level=0)),
                namen,
                FONDS_KPI,
                FONDS_KPI_KORT,
            )
    for x in v.versies:
        for w in x.resultaat.waarschuwingen:
            console.print(f"[yellow]let op[/yellow] ({veilig(x.naam)}): {veilig(w)}")
    if per_pand:
        t = Table(title="Onrendabele top per pand", box=box.SIMPLE_HEAD, header_style="bold")
        t.add_column("Pand")
        for naam in namen:
            t.add_column(veilig(naam), justify="right")
        for pand, rij in v.per_pand.iterrows():
            t.add_row(
                veilig(pand),
                *(euro(schoon(rij[n]) if pd.notna(rij[n]) else math.nan) for n in namen),
            )
        console.print(t)


def _kengetallen_naast_elkaar(
    console: Console,
    titel: str,
    tabel: pd.DataFrame,
    namen: list[str],
    labels: dict[str, tuple[str, str]],
    kort: tuple[str, ...],
) -> None:
    """One row per KPI (the short list), one column per version; euros × € 1.000 so four
    versions fit in 80 columns (JSON and the workbook have every KPI, unrounded)."""
    t = Table(
        title=veilig(titel),
        caption="bedragen × € 1.000; alle kengetallen en de verschillen: --json of -o",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
    )
    t.add_column("Kengetal", overflow="fold", min_width=24)
    kort_ = any(len(n) > 12 for n in namen) and len(namen) > 1
    for i, naam in enumerate(namen, start=1):
        t.add_column(str(i) if kort_ else veilig(naam), justify="right", no_wrap=True)
    if kort_:
        console.print(veilig(titel), style="italic")
        for i, n in enumerate(namen, start=1):
            console.print(f"  {i} = {veilig(n)}")
        t.title = None
    for sleutel in kort:
        if sleutel not in tabel.index:
            continue
        label, soort = labels[sleutel]
        cellen = []
        for naam in namen:
            waarde = schoon(tabel.loc[sleutel, naam])
            if soort == "euro" and isinstance(waarde, int | float) and not isinstance(waarde, bool):
                cellen.append(euro(float(waarde), 1000.0))
            else:
                cellen.append(kpi_tekst(waarde, soort))
        t.add_row(label, *cellen)
    console.print(t)


def toon_tornado(t: Tornado, console: Console) -> None:
    label, soort = uitkomst_label(t.uitvoer)
    tabel = Table(
        title=f"Gevoeligheid: {veilig(label)}",
        caption=f"basis: {kpi_tekst(t.basiswaarde, soort)}; gesorteerd op zwaai",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    for kop in ("Parameter", "Basis", "Laag", "Hoog", "Uitkomst laag", "Uitkomst hoog", "Zwaai"):
        tabel.add_column(kop, justify="left" if kop == "Parameter" else "right")
    for pad, r in t.tabel.iterrows():
        tabel.add_row(
            veilig(pad),
            f"{r['basis']:g}",
            f"{r['laag']:g}",
            f"{r['hoog']:g}",
            kpi_tekst(r["uitkomst_laag"], soort),
            kpi_tekst(r["uitkomst_hoog"], soort),
            kpi_tekst(r["zwaai"], soort),
        )
    console.print(tabel)


def toon_raster(r: Raster, console: Console) -> None:
    label, soort = uitkomst_label(r.uitvoer)
    tabel = Table(
        title=f"Raster: {veilig(label)}",
        caption=f"rijen: {veilig(r.rij.pad)}; kolommen: {veilig(r.kolom.pad)}; basis "
        f"{kpi_tekst(r.basiswaarde, soort)}",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    tabel.add_column(veilig(r.rij.pad))
    for k in r.tabel.columns:
        tabel.add_column(f"{k:g}", justify="right")
    for i, rij in r.tabel.iterrows():
        tabel.add_row(f"{i:g}", *(kpi_tekst(schoon(x), soort) for x in rij))
    console.print(tabel)


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


def toon_monte_carlo(mc: MonteCarlo, console: Console, per_pand: bool = False) -> None:
    s = mc.samenvatting()
    tabel = Table(
        title=f"Onzekerheid: {len(mc.trekkingen)} trekkingen (seed {mc.seed})",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    for kop in ("Uitkomst", "Gemiddelde", "P5", "P50", "P95"):
        tabel.add_column(kop, justify="left" if kop == "Uitkomst" else "right")
    for naam, rij in s.iterrows():
        if not _kop(str(naam)):
            continue
        label, soort = uitkomst_label(str(naam))
        if str(naam).split(".")[-1] in KANSEN:
            tabel.add_row(veilig(label), kpi_tekst(rij["gemiddelde"], "procent"), "", "", "")
            continue
        tabel.add_row(
            veilig(label),
            *(kpi_tekst(schoon(rij[k]), soort) for k in ("gemiddelde", "p5", "p50", "p95")),
        )
    console.print(tabel)
    if per_pand:
        pp = mc.per_pand()
        t = Table(title="Onrendabele top per pand", box=box.SIMPLE_HEAD, header_style="bold")
        for kop in ("Pand", "P5", "P50", "P95", "Kans ORT > 0", "Kans ORT na > 0"):
            t.add_column(kop, justify="left" if kop == "Pand" else "right")
        for pand, r in pp.iterrows():
            t.add_row(
                veilig(pand),
                euro(r["ort_p5"]),
                euro(r["ort_p50"]),
                euro(r["ort_p95"]),
                kpi_tekst(r["kans_ort_positief"], "procent"),
                kpi_tekst(r["kans_ort_na_positief"], "procent"),
            )
        console.print(t)


# ------------------------------------------------------------------------ JSON
def _kolommen(df: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(i): {str(k): schoon(v) for k, v in rij.items()} for i, rij in df.iterrows()}


def vergelijking_json(v: Vergelijking) -> dict[str, Any]:
    fondsen: dict[str, dict[str, Any]] = {}
    for index, rij in zip(v.fondsen.index.tolist(), v.fondsen.to_dict("records"), strict=True):
        fonds, sleutel = (str(x) for x in index)
        fondsen.setdefault(fonds, {})[sleutel] = {str(k): schoon(x) for k, x in rij.items()}
    return {
        "soort": "vergelijking",
        "versie": __version__,
        "versies": [
            {
                "naam": x.naam,
                "bestand": x.bestand,
                "variant": x.variant,
                "fondsen": v.fondsnamen[x.naam],
            }
            for x in v.versies
        ],
        "totalen": _kolommen(v.totalen),
        "verschil": _kolommen(v.verschil(v.totalen)),
        "programma": _kolommen(v.programma),
        "koppeling": v.koppeling,
        "fondsen": fondsen,
        "ontsluitingscurve": {
            x.naam: records(x.resultaat.ontsluitingscurve, "factor")
            for x in v.versies
            if len(x.resultaat.ontsluitingscurve)
        },
        "panden": _kolommen(v.per_pand),
        "panden_na": _kolommen(v.per_pand_na),
        "waarschuwingen": {x.naam: list(x.resultaat.waarschuwingen) for x in v.versies},
    }


def gevoeligheid_json(t: Tornado | None, r: Raster | None) -> dict[str, Any]:
    eerste = t if t is not None else r
    assert eerste is not None
    return {
        "soort": "gevoeligheid",
        "versie": __version__,
        "uitkomst": eerste.uitvoer,
        "basiswaarde": schoon(eerste.basiswaarde),
        "tornado": None if t is None else records(t.tabel, "pad"),
        "raster": None
        if r is None
        else {
            "rij": r.rij.pad,
            "kolom": r.kolom.pad,
            "rijwaarden": [schoon(x) for x in r.tabel.index],
            "kolomwaarden": [schoon(x) for x in r.tabel.columns],
            "waarden": [[schoon(x) for x in rij] for rij in r.tabel.to_numpy()],
        },
    }


def onzekerheid_json(mc: MonteCarlo, parameters: dict[str, Any]) -> dict[str, Any]:
    return {
        "soort": "onzekerheid",
        "versie": __version__,
        "seed": mc.seed,
        "trekkingen": len(mc.trekkingen),
        "parameters": parameters,
        "samenvatting": _kolommen(mc.samenvatting()),
        "panden": records(mc.per_pand(), "id"),
        "kansen": mc.kansen(),
        "saldo": {n: records(w, "jaar") for n, w in mc.saldo_waaier().items()},
    }


def als_tekst(data: dict[str, Any]) -> str:
    return als_json(data)


# ---------------------------------------------------------------------- charts
def grafieken_vergelijking(v: Vergelijking, stijl: Huisstijl) -> dict[str, bytes]:
    """Fund balance per year of every version and fund, and the versions' ontsluitingscurves
    (when there are funds)."""
    saldi = {
        f"{x.naam}: {fonds}" if len(x.resultaat.fondsen) > 1 else x.naam: f.grootboek["eind"]
        for x in v.versies
        for fonds, f in x.resultaat.fondsen.items()
    }
    if not saldi:
        return {}
    uit = {
        "fondssaldo_vergelijking.png": grafieken.fondssaldo(saldi, stijl, "Fondssaldo per versie")
    }
    curves = {
        x.naam: x.resultaat.ontsluitingscurve
        for x in v.versies
        if len(x.resultaat.ontsluitingscurve)
    }
    if curves:
        uit["ontsluitingscurve_vergelijking.png"] = grafieken.ontsluitingscurve(curves, stijl)
    return uit


def grafieken_gevoeligheid(
    t: Tornado | None, r: Raster | None, stijl: Huisstijl
) -> dict[str, bytes]:
    uit: dict[str, bytes] = {}
    if t is not None:
        label, soort = uitkomst_label(t.uitvoer)
        uit["tornado.png"] = grafieken.tornado(
            t.tabel, t.basiswaarde, f"Gevoeligheid: {label}", soort, stijl
        )
    if r is not None:
        label, soort = uitkomst_label(r.uitvoer)
        uit["raster.png"] = grafieken.hittekaart(r.tabel, f"Raster: {label}", soort, stijl)
    return uit


def grafieken_onzekerheid(mc: MonteCarlo, stijl: Huisstijl) -> dict[str, bytes]:
    """Histograms of the total ORT (before and after the funds) and of each fund's homes
    unlocked, and the fan chart of fund balances."""
    totalen = mc.reeks.totalen()
    uit = {
        "histogram_onrendabele_top.png": grafieken.histogram(
            totalen["onrendabele_top"], TOTAAL["onrendabele_top"][0], "euro", stijl
        )
    }
    if mc.reeks.fondsen or not (totalen["tekort_na"] == totalen["tekort"]).all():
        uit["histogram_tekort_na.png"] = grafieken.histogram(
            totalen["tekort_na"], TOTAAL["tekort_na"][0], "euro", stijl
        )
    for fonds, kpi in mc.reeks.fondsen.items():
        label, _ = uitkomst_label(f"fondsen.{fonds}.woningen_ontsloten")
        uit[f"histogram_woningen_{fonds}.png"] = grafieken.histogram(
            kpi["woningen_ontsloten"], label, "aantal", stijl
        )
    if mc.reeks.fondssaldo:
        uit["fondssaldo_waaier.png"] = grafieken.waaier(mc.saldo_waaier(), stijl)
    return uit
