"""Readable terminal tables (rich), with Dutch number formatting."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from rich.console import Console

from ..getallen import aantal, decimaal, duizendtallen
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
from .tabel import Kolom, Rij, toon_tabel, zin
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


#: The summary's columns per pand (their heads: ``Grootheid.kop_terminal``).
_SAMENVATTING = (
    "pand",
    "eigenaar",
    "woningen",
    "opbrengst",
    "stichtingskosten",
    "residuele_grondwaarde_oplevering",
    "inbrengwaarde",
    "onrendabele_top",
    "irr",
)
#: Its amounts in € 1.000 before the ORT.
_BEDRAGEN = ("opbrengst", "stichtingskosten", "residuele_grondwaarde_oplevering", "inbrengwaarde")


#: Up to this many panden `run` shows where the ORT comes from per functie by itself.
PER_FUNCTIE_TOT = 20


def toon_samenvatting(
    resultaat: Resultaat, console: Console, per_functie: bool | None = None
) -> None:
    """Per-pand table with totals (amounts in € 1.000), where the ORT comes from per functie
    (`per_functie`; None: for up to :data:`PER_FUNCTIE_TOT` panden), then the scenario line
    and notes."""
    df = resultaat.panden
    k = 1000.0
    keten = resultaat.keten
    na = keten["onrendabele_top_na"].to_dict() if keten.shape[1] > 2 else None
    namen = (*_SAMENVATTING, "onrendabele_top_na") if na is not None else _SAMENVATTING
    kolommen = [
        Kolom(g.kop_terminal, tekst=g.terminal == "tekst", minimum=8, afkorten=n == "eigenaar")
        for n, g in ((n, GROOTHEDEN[n]) for n in namen)
    ]
    rijen: list[Rij] = []
    for pand_id, r in df.iterrows():
        ort = float(r["onrendabele_top"])
        kleur = "red" if ort > 0 else "green"
        rijen.append(
            Rij(
                (
                    veilig(pand_id),
                    veilig(r["eigenaar"]),
                    duizendtallen(r["woningen"]),
                    *(euro(r[naam], k) for naam in _BEDRAGEN),
                    f"[{kleur}]{euro(ort, k)}[/{kleur}]",
                    procent(r["irr"]),
                    *([euro(float(na[pand_id]), k)] if na is not None else []),
                )
            )
        )
    t = resultaat.totalen
    rijen.append(
        Rij(
            (
                "Totaal",
                aantal(t["panden"], "pand", "panden"),
                duizendtallen(t["woningen"]),
                *(euro(t[naam], k) for naam in _BEDRAGEN),
                euro(t["onrendabele_top"], k),
                "",
                *([euro(t["onrendabele_top_na"], k)] if na is not None else []),
            ),
            totaal=True,
        )
    )
    toon_tabel(
        console,
        kolommen,
        rijen,
        titel=resultaat.scenario.naam,
        onderschrift=(
            f"bedragen × € 1.000; V, SK en RG nominaal, inbreng en ORT in € van "
            f"{resultaat.scenario.startjaar}"
        ),
    )
    zin(console, _tekort_en_overschot(t, int((df["onrendabele_top"] < 0).sum())))
    if per_functie if per_functie is not None else len(df) <= PER_FUNCTIE_TOT:
        toon_herkomst_ort(resultaat, console)
    toon_huurrecht(resultaat, console)
    toon_portefeuille(resultaat, console)
    zin(
        console,
        f"scenario sha256 {resultaat.sha256[:16]}… · transformatiecalc {resultaat.versie}",
        style="dim",
    )
    for w in resultaat.waarschuwingen:
        zin(console, f"[yellow]let op:[/yellow] {veilig(w)}")


#: The columns of the per-functie block (their heads: ``Grootheid.kop_terminal``).
_HERKOMST = (
    "functie",
    "woningen",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "ort_per_woning",
    "break_even_bouwkosten_per_m2",
)


def toon_herkomst_ort(resultaat: Resultaat, console: Console) -> None:
    """Where the ORT comes from (METHODE §5): per pand its functies with the ORT, the ORT
    without inbreng and the inbreng's share (€ 1.000) and the ORT per woning (€), then the
    pand's own row with its break-even bouwkosten per m² BVO (€, prijspeil)."""
    k = 1000.0
    koppen = {"functie": "Functie", "woningen": "Won."}
    kolommen = [
        Kolom("Pand", tekst=True, minimum=4),
        *(
            Kolom(koppen.get(n, GROOTHEDEN[n].kop_terminal), tekst=n == "functie", minimum=8)
            for n in _HERKOMST
        ),
    ]

    def bedragen(r: pd.Series) -> tuple[str, ...]:
        return (
            duizendtallen(r["woningen"]),
            euro(r["onrendabele_top"], k),
            euro(r["ort_zonder_inbreng"], k),
            euro(r["inbreng_aandeel"], k),
            _euro_heel(r["ort_per_woning"]),
        )

    rijen: list[Rij] = []
    panden = resultaat.panden
    per_pand = resultaat.functies.groupby(level="pand", sort=False)
    for pand_id, p in panden.iterrows():
        for _, r in per_pand.get_group(pand_id).iterrows():
            rijen.append(Rij((veilig(pand_id), veilig(r["functie"]), *bedragen(r), "")))
        rijen.append(
            Rij(
                (
                    veilig(pand_id),
                    "pand",
                    *bedragen(p),
                    _euro_heel(p["break_even_bouwkosten_per_m2"]),
                ),
                totaal=True,
            )
        )
    toon_tabel(
        console,
        kolommen,
        rijen,
        titel="Waar de ORT vandaan komt, per functie",
        onderschrift=(
            f"ORT, ORT zonder inbreng en inbreng-aandeel × € 1.000 in € van "
            f"{resultaat.scenario.startjaar}; ORT per woning in €; break-even bouwkosten: € per "
            "m² BVO op prijspeil waarbij de ORT van het pand nul is"
        ),
    )


def toon_huurrecht(resultaat: Resultaat, console: Console) -> None:
    """Rent law per huurwoning functie with WWS points (METHODE §2a): points, segment, the
    rent, the lowest and highest legal maximum over its panden (the surcharges differ per
    pand), the highest kostprijsdekkende huur and whether it fits within the law; nothing
    without WWS points. Whole euros per month (the JSON and the workbook have the cents)."""
    hr = resultaat.huurrecht
    if hr is None:
        return
    f = resultaat.functies
    f = f[f["segment"].notna()]
    kolommen = [
        Kolom("Functie", tekst=True, minimum=8, afkorten=True),
        Kolom("Punten"),
        Kolom("Segment", tekst=True, minimum=7),
        Kolom("Huur"),
        Kolom("Max. huur"),
        Kolom("Kostprijs-dekkend"),
        Kolom("Past", tekst=True, minimum=5),
    ]
    rijen: list[Rij] = []
    for naam, g in f.groupby("functie", sort=False):
        maxima = g["maximale_huur"].dropna()
        if maxima.empty:
            maximum = "geen"
        elif round(maxima.min()) == round(maxima.max()):
            maximum = duizendtallen(float(maxima.min()))
        else:
            maximum = f"{duizendtallen(float(maxima.min()))}–{duizendtallen(float(maxima.max()))}"
        binnen = g["kostprijsdekkend_binnen_maximum"].dropna()
        past = _past(binnen.tolist())
        huur = resultaat.scenario.functies[str(naam)].huur_per_maand  # type: ignore[union-attr]
        rijen.append(
            Rij(
                (
                    veilig(str(naam)),
                    duizendtallen(float(g["wws_punten"].iloc[0])),
                    str(g["segment"].iloc[0]),
                    duizendtallen(float(huur)),
                    maximum,
                    duizendtallen(float(g["kostprijsdekkende_huur"].max())),
                    past,
                )
            )
        )
    toon_tabel(
        console,
        kolommen,
        rijen,
        titel=f"Huurrecht per functie (Wet betaalbare huur, {hr['tabel']})",
        onderschrift=(
            "€ per maand op prijspeil, afgerond; max. huur met de opslagen van elk pand "
            "(laagste–hoogste); kostprijsdekkend: de hoogste over de panden; past: die huur "
            "binnen het maximum van het pand"
        ),
    )


def _past(binnen: list[bool]) -> str:
    """'ja', 'nee' or 'deels' over a functie's panden; '–' where none has a maximum."""
    if not binnen:
        return "–"
    return "ja" if all(binnen) else ("nee" if not any(binnen) else "deels")


def _euro_heel(bedrag: float) -> str:
    """'−14.488' (whole euros, no sign of the currency: the column says it); '–' if none."""
    if bedrag is None or not math.isfinite(bedrag):
        return "–"
    return duizendtallen(bedrag)


def _tekort_en_overschot(t: dict[str, Any], met_overschot: int) -> str:
    """'Onrendabele top (tekort) € … bij 12 panden; overschot € … bij 1 pand.', naming a
    side without panden as such ('geen pand met een overschot')."""
    met_tekort = int(t["panden_met_tekort"])
    tekort = (
        f"Onrendabele top (tekort) {euro(t['tekort'])} bij {aantal(met_tekort, 'pand', 'panden')}"
        if met_tekort
        else "Geen pand met een tekort"
    )
    if not met_overschot:
        return f"{tekort}; geen pand met een overschot."
    return (
        f"{tekort}; overschot {euro(t['overschot'])} bij {aantal(met_overschot, 'pand', 'panden')}."
    )


def kpi_tekst(waarde: object, soort: str, schaal: float = 1.0) -> str:
    """A fund KPI as Dutch text ('–' when it does not exist); euros divided by `schaal`
    (1000: '1.235' for € 1.234.567). A year is a whole year, also as a mean of draws."""
    if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
        return "–"
    if soort == "janee":
        return "ja" if waarde else "nee"
    if soort == "tekst" or isinstance(waarde, str):
        return veilig(waarde)
    assert isinstance(waarde, int | float)
    if soort == "jaar":
        return str(round(waarde))
    if soort == "aantal":
        x = float(waarde)
        return duizendtallen(x) if x.is_integer() else decimaal(x, 1)
    if soort == "euro":
        return euro(float(waarde), schaal)
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
            onderschrift="alle kengetallen: --json of -o",
        )
        for naam, f in resultaat.fondsen.items():
            toon_tranches(naam, f.tranches, console)


#: The column of KPI labels: folds between words, never narrower than 20 characters.
Kengetal = Kolom("Kengetal", tekst=True, minimum=20)


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
        f"{veilig(prog['disconteringsvoet_publiek_bron'])}",
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
