"""Drie fondsontwerpen naast elkaar: wat levert € 1 publiek geld op, en komt het terug?

    python examples/fondsvergelijking.py [MAP_VOOR_GRAFIEK]

Rekent scenarios/fonds_subsidie.yaml, fonds_revolverend.yaml en fonds_gemengd.yaml door
(alle drie erven de panden, de herverkaveling en de verevening van het voorbeeld), zet de
kengetallen naast elkaar en tekent het saldo van de drie fondsen per jaar en hun bronnen en
bestedingen over de looptijd.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from transformatiecalc import bereken, laad_scenario
from transformatiecalc.uitvoer.bestanden import schrijf_atomair
from transformatiecalc.uitvoer.grafieken import bronnen_en_bestedingen, fondssaldo
from transformatiecalc.uitvoer.huisstijl import Huisstijl
from transformatiecalc.uitvoer.labels import FONDS_KPI
from transformatiecalc.uitvoer.terminal import kpi_tekst

MAP = Path(__file__).resolve().parents[1] / "scenarios"
ONTWERPEN = {
    "zuivere subsidie": "fonds_subsidie.yaml",
    "revolverende leningen": "fonds_revolverend.yaml",
    "gemengd, publiek eerste verlies": "fonds_gemengd.yaml",
}
TONEN = (
    "publiek_geld_ingelegd",
    "publiek_geld_netto",
    "panden_gesloten",
    "woningen_ontsloten",
    "woningen_per_miljoen_publiek",
    "publiek_geld_per_woning",
    "hefboom",
    "revolverendheid",
    "revolverend",
    "uitputtingsjaar",
    "eindvermogen",
)


def main() -> None:
    kpi, saldi, geld = {}, {}, {}
    for naam, bestand in ONTWERPEN.items():
        resultaat = bereken(laad_scenario(MAP / bestand))
        (fonds,) = resultaat.fondsen.values()
        kpi[naam] = fonds.kpi
        saldi[naam] = fonds.grootboek["eind"]
        geld[naam] = fonds.bronnen_en_bestedingen

    tabel = Table(title="Drie fondsontwerpen, dezelfde veertien panden")
    tabel.add_column("Kengetal")
    for naam in ONTWERPEN:
        tabel.add_column(naam, justify="right")
    for sleutel in TONEN:
        label, soort = FONDS_KPI[sleutel]
        tabel.add_row(label, *(kpi_tekst(kpi[n][sleutel], soort) for n in ONTWERPEN))
    console = Console()
    console.print(tabel)

    def per_mln(naam: str) -> float:
        waarde = kpi[naam]["woningen_per_miljoen_publiek"]
        return float(waarde) if isinstance(waarde, int | float) else 0.0

    beste = max(ONTWERPEN, key=per_mln)
    revolverend = [n for n in ONTWERPEN if kpi[n]["revolverend"]]
    console.print(f"Meeste woningen per € 1 mln publiek geld: [bold]{beste}[/bold].")
    console.print(f"Revolverend (≥ 80 % komt terug): {', '.join(revolverend) or 'geen'}.")

    if len(sys.argv) > 1:
        map_ = Path(sys.argv[1])
        map_.mkdir(parents=True, exist_ok=True)
        stijl = Huisstijl()
        for naam, png in (
            (
                "fondssaldo_vergelijking.png",
                fondssaldo(saldi, stijl, "Saldo per jaar, drie ontwerpen"),
            ),
            (
                "bronnen_en_bestedingen_vergelijking.png",
                bronnen_en_bestedingen(geld, stijl, "Bronnen en bestedingen, drie ontwerpen"),
            ),
        ):
            schrijf_atomair(map_ / naam, png)
            console.print(f"grafiek: {map_ / naam}")


if __name__ == "__main__":
    main()
