"""Readable terminal tables (rich), with Dutch number formatting."""

from __future__ import annotations

import math

import pandas as pd
from rich import box
from rich.console import Console
from rich.table import Table

from ..getallen import decimaal, duizendtallen
from ..grootheden import GROOTHEDEN
from ..resultaat import Resultaat
from .json import schoon
from .labels import (
    CURVE_KOLOMMEN,
    FONDS_KPI,
    FONDS_KPI_KORT,
    PROGRAMMA_KPI,
    PROGRAMMA_KPI_KORT,
    TRANCHE_KOLOMMEN,
)
from .veilig import veilig


def euro(bedrag: float, schaal: float = 1.0) -> str:
    """'€ 1.234.567' (whole euros, Dutch separators) or, with schaal=1000, '1.235'."""
    if bedrag is None or not math.isfinite(bedrag):
        return "–"
    tekst = duizendtallen(bedrag / schaal)
    return tekst if schaal != 1.0 else f"€ {tekst}"


def procent(fractie: float, decimalen: int = 1) -> str:
    """'5,4 %' for 0.054; '–' for a missing value."""
    if fractie is None or not math.isfinite(fractie):
        return "–"
    return f"{decimaal(fractie * 100, decimalen)} %"


#: The summary's columns per pand: quantity (its head: ``Grootheid.kop_terminal``) → width.
_SAMENVATTING = {
    "pand": 5,
    "eigenaar": 12,
    "woningen": 4,
    "opbrengst": 6,
    "stichtingskosten": 6,
    "residuele_grondwaarde_oplevering": 7,
    "inbrengwaarde": 7,
    "onrendabele_top": 6,
    "irr": 7,
}
#: Its amounts in € 1.000 before the ORT.
_BEDRAGEN = ("opbrengst", "stichtingskosten", "residuele_grondwaarde_oplevering", "inbrengwaarde")


def toon_samenvatting(resultaat: Resultaat, console: Console) -> None:
    """Per-pand table with totals (amounts in € 1.000), then the scenario line and notes."""
    df = resultaat.panden
    k = 1000.0
    tabel = Table(
        title=veilig(resultaat.scenario.naam),
        caption=(
            f"bedragen × € 1.000; V, SK en RG nominaal, inbreng en ORT in € van "
            f"{resultaat.scenario.startjaar}"
        ),
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    kolommen = dict(_SAMENVATTING)
    keten = resultaat.keten
    na = keten["onrendabele_top_na"].to_dict() if keten.shape[1] > 2 else None
    if na is not None:
        kolommen["onrendabele_top_na"] = 6
    for naam, breedte in kolommen.items():
        g = GROOTHEDEN[naam]
        tabel.add_column(
            g.kop_terminal,
            justify="left" if g.terminal == "tekst" else "right",
            no_wrap=True,
            min_width=breedte,
            max_width=max(breedte, 12),
        )
    for pand_id, r in df.iterrows():
        ort = float(r["onrendabele_top"])
        kleur = "red" if ort > 0 else "green"
        tabel.add_row(
            veilig(pand_id),
            veilig(str(r["eigenaar"])[:12]),
            str(r["woningen"]),
            *(euro(r[naam], k) for naam in _BEDRAGEN),
            f"[{kleur}]{euro(ort, k)}[/{kleur}]",
            procent(r["irr"]),
            *([euro(float(na[pand_id]), k)] if na is not None else []),
        )
    t = resultaat.totalen
    tabel.add_section()
    tabel.add_row(
        "Totaal",
        f"{t['panden']} pnd.",
        str(t["woningen"]),
        *(euro(t[naam], k) for naam in _BEDRAGEN),
        euro(t["onrendabele_top"], k),
        "",
        *([euro(t["onrendabele_top_na"], k)] if na is not None else []),
        style="bold",
    )
    console.print(tabel)
    console.print(
        f"Onrendabele top (tekort) {euro(t['tekort'])} bij {t['panden_met_tekort']} panden; "
        f"overschot {euro(t['overschot'])} bij de andere."
    )
    toon_portefeuille(resultaat, console)
    console.print(
        f"scenario sha256 {resultaat.sha256[:16]}… · transformatiecalc {resultaat.versie}",
        style="dim",
    )
    for w in resultaat.waarschuwingen:
        console.print(f"[yellow]let op:[/yellow] {veilig(w)}")


def kpi_tekst(waarde: object, soort: str) -> str:
    """A fund KPI as Dutch text ('–' when it does not exist)."""
    if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
        return "–"
    if soort == "janee":
        return "ja" if waarde else "nee"
    if soort == "tekst" or isinstance(waarde, str):
        return veilig(waarde)
    assert isinstance(waarde, int | float)
    if soort == "jaar":
        return str(int(waarde)) if float(waarde).is_integer() else decimaal(float(waarde), 1)
    if soort == "aantal":
        x = float(waarde)
        return duizendtallen(x) if x.is_integer() else decimaal(x, 1)
    if soort == "euro":
        return euro(float(waarde))
    if soort == "m2":
        return f"{duizendtallen(float(waarde))} m²"
    if soort == "procent":
        return procent(float(waarde), 0)
    if soort == "voet":
        return procent(float(waarde), 1)
    return decimaal(float(waarde), 1)


def toon_portefeuille(resultaat: Resultaat, console: Console) -> None:
    """Herverkaveling, verevening and fund KPIs (one column per fonds), when present."""
    pf = resultaat.portefeuille
    if pf is None:
        return
    if not resultaat.projecten.empty:
        tabel = Table(title="Herverkaveling", box=box.SIMPLE_HEAD, header_style="bold")
        for kop in ("Project", "Eigenaar", "Aandeel", "Alleen", "Samen", "Verschil"):
            tabel.add_column(kop, justify="left" if kop in ("Project", "Eigenaar") else "right")
        for r in resultaat.projecten.to_dict("records"):
            tabel.add_row(
                veilig(r["project"]),
                veilig(r["eigenaar"]),
                procent(r["aandeel"]),
                *(euro(r[k]) for k in ("resultaat_alleen", "resultaat_samen", "verschil")),
            )
        console.print(tabel)
    if pf.verevening is not None:
        v = pf.verevening
        for gebied, pot in v.potten.items():
            console.print(
                f"Verevening {veilig(gebied)}: bijdragen {euro(pot['bijdragen'])} "
                f"(beginsaldo {euro(pot['beginsaldo'])}), toegewezen {euro(pot['toewijzingen'])}, "
                f"rest {euro(pot['rest'])}; tekort {euro(pot['tekort_voor'])} → "
                f"{euro(pot['tekort_na'])} (€ {resultaat.scenario.startjaar})."
            )
        drager = f" door fonds {veilig(v.gedragen_door)}" if v.gedragen_door else ""
        console.print(
            f"Voorfinanciering van de vereveningspot{drager}: {euro(v.voorfinanciering)} "
            "(toewijzingen bij start, bijdragen pas bij oplevering)."
        )
    toon_programma(resultaat, console)
    if resultaat.fondsen:
        tabel = Table(
            title="Fondsen",
            caption="alle kengetallen: --json of -o",
            box=box.SIMPLE_HEAD,
            header_style="bold",
        )
        tabel.add_column("Kengetal")
        for naam in resultaat.fondsen:
            tabel.add_column(veilig(naam), justify="right")
        for sleutel in FONDS_KPI_KORT:
            label, soort = FONDS_KPI[sleutel]
            tabel.add_row(
                label, *(kpi_tekst(f.kpi[sleutel], soort) for f in resultaat.fondsen.values())
            )
        console.print(tabel)
        for naam, f in resultaat.fondsen.items():
            toon_tranches(naam, f.tranches, console)


def toon_programma(resultaat: Resultaat, console: Console) -> None:
    """The programme block (verevening and all funds together) and its ontsluitingscurve."""
    prog = resultaat.programma
    if not prog:
        return
    tabel = Table(
        title="Programma: verevening en fondsen samen",
        caption=f"publiek geld contant gemaakt tegen "
        f"{procent(float(prog['disconteringsvoet_publiek']))}: "
        f"{veilig(prog['disconteringsvoet_publiek_bron'])}",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    tabel.add_column("Kengetal")
    tabel.add_column("waarde", justify="right")
    for sleutel in PROGRAMMA_KPI_KORT:
        label, soort = PROGRAMMA_KPI[sleutel]
        tabel.add_row(label, kpi_tekst(prog[sleutel], soort))
    console.print(tabel)
    curve = resultaat.ontsluitingscurve
    if curve.empty:
        return
    tabel = Table(
        title="Ontsluitingscurve: de publieke tranches × factor",
        box=box.SIMPLE_HEAD,
        header_style="bold",
    )
    kolommen = ("publiek_geld_netto", "woningen_ontsloten", "woningen_ontsloten_betaalbaar")
    tabel.add_column("factor", justify="right")
    for k in (*kolommen, "woningen_per_extra_miljoen"):
        tabel.add_column(CURVE_KOLOMMEN[k][0], justify="right")
    for factor, rij in curve.iterrows():
        tabel.add_row(
            procent(float(factor), 0),  # type: ignore[arg-type]
            *(kpi_tekst(schoon(rij[k]), CURVE_KOLOMMEN[k][1]) for k in kolommen),
            kpi_tekst(schoon(rij["woningen_per_extra_miljoen"]), "factor"),
        )
    console.print(tabel)


def toon_tranches(naam: str, tranches: pd.DataFrame, console: Console) -> None:
    """Per tranche of one fund: what it put in, got back, lost and how late it was paid."""
    tabel = Table(
        title=f"Tranches {veilig(naam)}",
        caption="verlies: verwacht, na de afrekening; te laat: jaren met achterstand",
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        collapse_padding=True,
    )
    kolommen = ("soort", "rang", "bedrag", "rente", "irr", "verlies", "jaren_achterstand")
    koppen = ("soort", "rang", "bedrag", "rente", "IRR", "verlies", "te laat")
    tabel.add_column("tranche", overflow="fold", min_width=8)
    for k, kop in zip(kolommen, koppen, strict=True):
        tabel.add_column(kop, justify="left" if k == "soort" else "right", no_wrap=True)
    for tranche, rij in tranches.iterrows():
        tabel.add_row(
            veilig(tranche),
            *(
                kpi_tekst(schoon(rij[k]), TRANCHE_KOLOMMEN[k][1]).replace("_vermogen", " verm.")
                for k in kolommen
            ),
        )
    console.print(tabel)
