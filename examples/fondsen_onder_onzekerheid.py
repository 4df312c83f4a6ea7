"""Vier fondsontwerpen onder onzekerheid: welk ontwerp houdt stand als de bouw tegenvalt?

    python examples/fondsen_onder_onzekerheid.py [MAP_VOOR_GRAFIEKEN] [--trekkingen N]

Voor een lid van de werkgroep financiering. De vier ontwerpen uit scenarios/fonds_*.yaml
(zuivere subsidie, revolverende leningen, gemengd met publiek eerste verlies, erfpacht en
garantie) erven de
panden én de sectie `onzekerheid` van het voorbeeld: bouwkostenindex, bouwkosten per m²
(die twee samen oplopend), de BAR van middenhuur en de huur van vrije-sectorwoningen.
Elk ontwerp krijgt precies dezelfde trekkingen (dezelfde seed), dus de verschillen komen
van het ontwerp, niet van het toeval.

Per ontwerp: hoeveel woningen het programma (verevening en fonds samen) ontsluit (P5 / P50
/ P95), hoeveel publiek geld het netto kost, welk deel van de gevraagde steun het fonds
honoreert, en hoe vaak een geldgever verlies lijdt of de kas onder nul gaat. Met een map
erbij: de waaier van het fondssaldo en per ontwerp een histogram van de ontsloten woningen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
from fondsvergelijking import MAP, ONTWERPEN  # the same designs as the script next to this one
from rich.console import Console
from rich.table import Table

from transformatiecalc.analyse.onzekerheid import WAAIER, monte_carlo
from transformatiecalc.analyse.reeks import Basis
from transformatiecalc.uitvoer.bestanden import schrijf_atomair
from transformatiecalc.uitvoer.grafieken import histogram, waaier
from transformatiecalc.uitvoer.huisstijl import Huisstijl
from transformatiecalc.uitvoer.terminal import kpi_tekst

#: (where, KPI, label, kind) shown per design as P5 / P50 / P95: programme or fund.
TONEN = (
    ("programma", "woningen_ontsloten", "Woningen ontsloten (programma)", "aantal"),
    ("programma", "publiek_geld_netto", "Publiek geld netto (NCW)", "euro"),
    ("programma", "woningen_per_miljoen_publiek", "Woningen per € 1 mln publiek", "factor"),
    ("fonds", "aandeel_gehonoreerd", "Gevraagde steun gehonoreerd", "procent"),
    ("fonds", "revolverendheid", "Revolverendheid", "procent"),
)
#: (probability, label) per design.
KANS = (
    ("trancheverlies_ja", "Kans dat een geldgever verlies lijdt"),
    ("kastekort_ja", "Kans op een kas onder nul"),
)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("map", nargs="?", type=Path, help="map voor de grafieken")
    args.add_argument("--trekkingen", type=int, default=300, help="trekkingen per ontwerp")
    opties = args.parse_args()

    console = Console()
    uitkomsten = {}
    for naam, bestand in ONTWERPEN.items():
        console.print(f"[dim]{naam}: {opties.trekkingen} trekkingen …[/dim]")
        uitkomsten[naam] = monte_carlo(Basis.laad(MAP / bestand), trekkingen=opties.trekkingen)

    tabel = Table(title=f"Vier fondsontwerpen, {opties.trekkingen} trekkingen (P5 / P50 / P95)")
    tabel.add_column("Kengetal")
    for naam in ONTWERPEN:
        tabel.add_column(naam, justify="right")
    for waar, sleutel, label, soort in TONEN:
        cellen = []
        for mc in uitkomsten.values():
            ((_, fonds),) = mc.reeks.fondsen.items()
            kpi = mc.reeks.programma if waar == "programma" else fonds
            w = kpi[sleutel][np.isfinite(kpi[sleutel])]
            if w.size == 0:
                cellen.append("–")
                continue
            p = np.percentile(w, (5, 50, 95))
            cellen.append(" / ".join(kpi_tekst(float(x), soort) for x in p))
        tabel.add_row(label, *cellen)
    for sleutel, label in KANS:
        tabel.add_row(
            label,
            *(
                kpi_tekst(next(iter(mc.kansen().values()))[sleutel], "procent")
                for mc in uitkomsten.values()
            ),
        )
    console.print(tabel)

    def mediaan(naam: str) -> float:
        w = uitkomsten[naam].reeks.programma["woningen_per_miljoen_publiek"]
        w = w[np.isfinite(w)]
        return float(np.median(w)) if w.size else 0.0

    beste = max(ONTWERPEN, key=mediaan)
    console.print(
        f"Meeste woningen per € 1 mln publiek geld in de mediane trekking: [bold]{beste}[/bold]."
    )

    if opties.map is not None:
        opties.map.mkdir(parents=True, exist_ok=True)
        stijl = Huisstijl()
        banden = {
            naam: next(iter(mc.saldo_waaier().values()))[[f"p{q}" for q in WAAIER]]
            for naam, mc in uitkomsten.items()
        }
        pngs = {"waaier_vier_ontwerpen.png": waaier(banden, stijl, "Fondssaldo, vier ontwerpen")}
        for i, (naam, mc) in enumerate(uitkomsten.items(), start=1):
            pngs[f"woningen_ontwerp_{i}.png"] = histogram(
                mc.reeks.programma["woningen_ontsloten"],
                f"Woningen ontsloten (programma) — {naam}",
                "aantal",
                stijl,
            )
        for bestand, png in pngs.items():
            schrijf_atomair(opties.map / bestand, png)
            console.print(f"grafiek: {opties.map / bestand}")


if __name__ == "__main__":
    main()
