"""Readable terminal tables (rich), with Dutch number formatting: the summary of a run per
pand, where the ORT comes from per functie, rent law per functie. The portfolio stages are in
:mod:`.portefeuille`, the number notation in :mod:`.notatie` (both re-exported here)."""

from __future__ import annotations

from typing import Any

import pandas as pd
from rich.console import Console

from ..getallen import aantal, duizendtallen
from ..grootheden import GROOTHEDEN
from ..resultaat import Resultaat
from .notatie import Kengetal as Kengetal
from .notatie import euro as euro
from .notatie import euro_heel
from .notatie import kpi_tekst as kpi_tekst
from .notatie import procent as procent
from .portefeuille import toon_portefeuille as toon_portefeuille
from .tabel import Kolom, Rij, toon_tabel, zin
from .veilig import veilig

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
    keten = resultaat.keten
    na = keten["onrendabele_top_na"].to_dict() if keten.shape[1] > 2 else None
    namen = (*_SAMENVATTING, "onrendabele_top_na") if na is not None else _SAMENVATTING
    kolommen = [
        Kolom(g.kop_terminal, tekst=g.terminal == "tekst", minimum=8, afkorten=n == "eigenaar")
        for n, g in ((n, GROOTHEDEN[n]) for n in namen)
    ]
    rijen = _pandrijen(resultaat, na)
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
    zin(console, _tekort_en_overschot(resultaat.totalen, int((df["onrendabele_top"] < 0).sum())))
    if per_functie if per_functie is not None else len(df) <= PER_FUNCTIE_TOT:
        toon_herkomst_ort(resultaat, console)
    toon_huurrecht(resultaat, console)
    toon_portefeuille(resultaat, console)
    toon_voet(resultaat, console)


def toon_voet(resultaat: Resultaat, console: Console) -> None:
    """The scenario's hash and the version, then every warning."""
    zin(
        console,
        f"scenario sha256 {resultaat.sha256[:16]}… · transformatiecalc {resultaat.versie}",
        style="dim",
    )
    for w in resultaat.waarschuwingen:
        zin(console, f"[yellow]let op:[/yellow] {veilig(w)}")


def _pandrijen(resultaat: Resultaat, na: dict[Any, Any] | None) -> list[Rij]:
    """The summary's row per pand (amounts in € 1.000, the ORT red for a gap) and the totals;
    `na`: the ORT after the portfolio stages per pand, when they ran."""
    k = 1000.0
    rijen: list[Rij] = []
    for pand_id, r in resultaat.panden.iterrows():
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
    return rijen


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


def toon_herkomst_ort(resultaat: Resultaat, console: Console, alleen: str | None = None) -> None:
    """Where the ORT comes from (METHODE §5): per pand its functies with the ORT, the ORT
    without inbreng and the inbreng's share (€ 1.000; for `alleen`, one pand, in whole €
    and without the pand column) and the ORT per woning (€), then the pand's own row with
    its break-even bouwkosten per m² BVO (€, prijspeil)."""
    koppen = {"functie": "Functie", "woningen": "Won."}
    kolommen = [
        *([Kolom("Pand", tekst=True, minimum=4)] if alleen is None else []),
        *(
            Kolom(
                koppen.get(n, GROOTHEDEN[n].kop_terminal),
                tekst=n == "functie",
                minimum=8,
                afkorten=n == "functie",
            )
            for n in _HERKOMST
        ),
    ]

    def bedrag(x: float) -> str:
        return euro(x, 1000.0) if alleen is None else euro_heel(x)

    def rij(pand_id: str, naam: str, r: pd.Series, laatste: str) -> tuple[str, ...]:
        cellen = (
            naam,
            duizendtallen(r["woningen"]),
            *(bedrag(r[n]) for n in ("onrendabele_top", "ort_zonder_inbreng", "inbreng_aandeel")),
            euro_heel(r["ort_per_woning"]),
            laatste,
        )
        return cellen if alleen is not None else (veilig(pand_id), *cellen)

    rijen: list[Rij] = []
    panden = resultaat.panden if alleen is None else resultaat.panden.loc[[alleen]]
    per_pand = resultaat.functies.groupby(level="pand", sort=False)
    for pand_id, p in panden.iterrows():
        for _, r in per_pand.get_group(pand_id).iterrows():
            rijen.append(Rij(rij(str(pand_id), veilig(r["functie"]), r, "")))
        laatste = euro_heel(p["break_even_bouwkosten_per_m2"])
        rijen.append(Rij(rij(str(pand_id), "pand", p, laatste), totaal=True))
    toon_tabel(
        console,
        kolommen,
        rijen,
        titel="Waar de ORT vandaan komt, per functie" + (f" ({alleen})" if alleen else ""),
        onderschrift=(
            f"ORT, ORT zonder inbreng en inbreng-aandeel {'× € 1.000 ' if alleen is None else ''}"
            f"in € van {resultaat.scenario.startjaar}; ORT per woning in €; break-even "
            "bouwkosten: € per m² BVO op prijspeil waarbij de ORT van het pand nul is"
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
