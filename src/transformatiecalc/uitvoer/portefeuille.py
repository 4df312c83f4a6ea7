"""The portfolio stages of a result in the terminal (METHODE §6–7): herverkaveling,
verevening, the programme of verevening and funds together with its ontsluitingscurve, and
per fund its KPIs and tranches."""

from __future__ import annotations

import pandas as pd
from rich.console import Console

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
from .notatie import Kengetal, euro, kpi_tekst, procent
from .tabel import Kolom, toon_tabel, zin
from .veilig import veilig


def toon_portefeuille(resultaat: Resultaat, console: Console) -> None:
    """Herverkaveling, verevening and fund KPIs (one column per fonds), when present."""
    pf = resultaat.portefeuille
    if pf is None:
        return
    if not resultaat.projecten.empty:
        kolommen = [
            Kolom("Project", tekst=True, minimum=8, afkorten=True),
            Kolom("Eigenaar", tekst=True, minimum=8, afkorten=True),
            *(Kolom(kop) for kop in ("Aandeel", "Alleen", "Samen", "Verschil")),
        ]
        rijen = [
            (
                veilig(r["project"]),
                veilig(r["eigenaar"]),
                procent(r["aandeel"]),
                *(euro(r[k]) for k in ("resultaat_alleen", "resultaat_samen", "verschil")),
            )
            for r in resultaat.projecten.to_dict("records")
        ]
        toon_tabel(console, kolommen, rijen, titel="Herverkaveling")
    if pf.verevening is not None:
        v = pf.verevening
        for gebied, pot in v.potten.items():
            zin(
                console,
                f"Verevening {veilig(gebied)}: bijdragen {euro(pot['bijdragen'])} "
                f"(beginsaldo {euro(pot['beginsaldo'])}), toegewezen {euro(pot['toewijzingen'])}, "
                f"rest {euro(pot['rest'])}; tekort {euro(pot['tekort_voor'])} → "
                f"{euro(pot['tekort_na'])} (€ {resultaat.scenario.startjaar}).",
            )
        drager = f" door fonds {veilig(v.gedragen_door)}" if v.gedragen_door else ""
        zin(
            console,
            f"Voorfinanciering van de vereveningspot{drager}: {euro(v.voorfinanciering)} "
            "(toewijzingen bij start, bijdragen pas bij oplevering).",
        )
    toon_programma(resultaat, console)
    if resultaat.fondsen:
        fondsen = list(resultaat.fondsen.values())
        toon_tabel(
            console,
            [Kengetal, *(Kolom(naam) for naam in resultaat.fondsen)],
            [
                (FONDS_KPI[k][0], *(kpi_tekst(f.kpi[k], FONDS_KPI[k][1]) for f in fondsen))
                for k in FONDS_KPI_KORT
            ],
            titel="Fondsen",
            onderschrift="alle kengetallen: --json of -o" + _fondsen_zonder_kosten(resultaat),
        )
        for naam, f in resultaat.fondsen.items():
            toon_tranches(naam, f.tranches, console)


def toon_programma(resultaat: Resultaat, console: Console) -> None:
    """The programme block (verevening and all funds together) and its ontsluitingscurve."""
    prog = resultaat.programma
    if not prog:
        return
    toon_tabel(
        console,
        [Kengetal, Kolom("waarde")],
        [
            (PROGRAMMA_KPI[k][0], kpi_tekst(prog[k], PROGRAMMA_KPI[k][1]))
            for k in PROGRAMMA_KPI_KORT
        ],
        titel="Programma: verevening en fondsen samen",
        onderschrift=f"publiek geld contant gemaakt tegen "
        f"{procent(float(prog['disconteringsvoet_publiek']))}: "
        f"{veilig(prog['disconteringsvoet_publiek_bron'])}"
        + (niet_positief() if _zonder_kosten(prog) else ""),
    )
    curve = resultaat.ontsluitingscurve
    if curve.empty:
        return
    kolommen = ("publiek_geld_netto", "woningen_ontsloten", "woningen_ontsloten_betaalbaar")
    toon_tabel(
        console,
        [
            Kolom("factor"),
            *(Kolom(CURVE_KOLOMMEN[k][0]) for k in (*kolommen, "woningen_per_extra_miljoen")),
        ],
        [
            (
                procent(float(factor), 0),  # type: ignore[arg-type]
                *(kpi_tekst(schoon(rij[k]), CURVE_KOLOMMEN[k][1]) for k in kolommen),
                kpi_tekst(schoon(rij["woningen_per_extra_miljoen"]), "factor"),
            )
            for factor, rij in curve.iterrows()
        ],
        titel="Ontsluitingscurve: de publieke tranches × factor",
    )


def _zonder_kosten(kpi: dict[str, object]) -> bool:
    """Whether the public money net of a programme or fund is not positive, so that homes
    per € 1 mln (and the leverage) do not exist: '–' in the tables (METHODE §7)."""
    netto = kpi.get("publiek_geld_netto")
    return isinstance(netto, int | float) and kpi.get("woningen_per_miljoen_publiek") is None


def _fondsen_zonder_kosten(resultaat: Resultaat) -> str:
    """The fund table's explanation of its '–' for homes per € 1 mln, naming the funds."""
    namen = [veilig(n) for n, f in (resultaat.fondsen or {}).items() if _zonder_kosten(f.kpi)]
    return niet_positief(f" van {', '.join(namen)}", hefboom=True) if namen else ""


def niet_positief(wie: str = "", hefboom: bool = False) -> str:
    """A caption's explanation of a '–' for homes per € 1 mln (and the leverage): the public
    money net (`wie`: ' van grondfonds', ' in versie 1') is not positive (METHODE §7)."""
    return (
        f"; – bij woningen per € 1 mln{' en hefboom' if hefboom else ''}: het publiek geld "
        f"netto{wie} is niet positief (de publieke partijen krijgen contant minstens terug wat "
        "ze inleggen; er zijn geen publieke kosten om te delen)"
    )


def toon_tranches(naam: str, tranches: pd.DataFrame, console: Console) -> None:
    """Per tranche of one fund: what it put in, got back, lost and how late it was paid."""
    kolommen = ("soort", "rang", "bedrag", "rente", "irr", "verlies", "jaren_achterstand")
    koppen = ("soort", "rang", "bedrag", "rente", "IRR", "verlies", "te laat")
    toon_tabel(
        console,
        [
            Kolom("tranche", tekst=True, minimum=8, afkorten=True),
            *(
                Kolom(kop, tekst=k == "soort", minimum=8)
                for k, kop in zip(kolommen, koppen, strict=True)
            ),
        ],
        [
            (
                veilig(tranche),
                *(
                    kpi_tekst(schoon(rij[k]), TRANCHE_KOLOMMEN[k][1]).replace("_vermogen", " verm.")
                    for k in kolommen
                ),
            )
            for tranche, rij in tranches.iterrows()
        ],
        titel=f"Tranches {naam}",
        onderschrift="verlies: verwacht, na de afrekening; te laat: jaren met achterstand",
    )
