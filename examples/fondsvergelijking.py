"""Vier fondsontwerpen naast elkaar: wat levert € 1 publiek geld op, en klopt de opzet?

    python examples/fondsvergelijking.py [MAP_VOOR_GRAFIEKEN]

Rekent scenarios/fonds_subsidie.yaml, fonds_revolverend.yaml, fonds_gemengd.yaml en
fonds_erfpacht_garantie.yaml door (alle vier erven de panden, de herverkaveling en de
verevening van het voorbeeld) en zet ze naast elkaar zoals `transformatiecalc vergelijk`
dat doet: eerst het programma (verevening en fonds samen: panden en woningen ontsloten,
publiek geld ingelegd en netto, woningen per € 1 mln), dan het fonds van elk ontwerp —
elk ontwerp noemt zijn fonds anders, de kengetallen staan toch rij voor rij naast elkaar.
Met een map erbij: het saldo per jaar, bronnen en bestedingen, en de ontsluitingscurves
(woningen ontsloten tegen publiek geld bij 50–200 % van de publieke tranches).
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console

from transformatiecalc.analyse.varianten import vergelijk, versies
from transformatiecalc.uitvoer.analyse import grafieken_vergelijking, toon_vergelijking
from transformatiecalc.uitvoer.bestanden import schrijf_atomair
from transformatiecalc.uitvoer.grafieken import bronnen_en_bestedingen
from transformatiecalc.uitvoer.huisstijl import Huisstijl

MAP = Path(__file__).resolve().parents[1] / "scenarios"
ONTWERPEN = {
    "zuivere subsidie": "fonds_subsidie.yaml",
    "revolverende leningen": "fonds_revolverend.yaml",
    "gemengd, publiek eerste verlies": "fonds_gemengd.yaml",
    "erfpacht en garantie": "fonds_erfpacht_garantie.yaml",
}


def main() -> None:
    lijst = versies([MAP / bestand for bestand in ONTWERPEN.values()])
    v = vergelijk(lijst)
    console = Console()
    toon_vergelijking(v, console)

    prog = v.programma.loc["woningen_per_miljoen_publiek"]
    namen = dict(zip(prog.index, ONTWERPEN, strict=True))
    beste = prog.astype(float).idxmax()
    console.print(
        f"Meeste woningen per € 1 mln publiek geld (programma, netto): [bold]{namen[beste]}[/bold]."
    )
    verlies = v.fondsen.loc[("fonds", "verlies_leningtranches")]
    onsolide = [namen[n] for n, x in verlies.items() if float(x) > 0.005]
    console.print(f"Ontwerpen waarin een geldgever verlies lijdt: {', '.join(onsolide) or 'geen'}.")

    if len(sys.argv) > 1:
        map_ = Path(sys.argv[1])
        map_.mkdir(parents=True, exist_ok=True)
        stijl = Huisstijl()
        pngs = grafieken_vergelijking(v, stijl)
        geld = {
            namen[x.naam]: f.bronnen_en_bestedingen
            for x in lijst
            for f in x.resultaat.fondsen.values()
        }
        pngs["bronnen_en_bestedingen_vergelijking.png"] = bronnen_en_bestedingen(
            geld, stijl, "Bronnen en bestedingen, vier ontwerpen"
        )
        for naam, png in pngs.items():
            schrijf_atomair(map_ / naam, png)
            console.print(f"grafiek: {map_ / naam}")


if __name__ == "__main__":
    main()
