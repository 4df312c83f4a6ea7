"""Welk deel van het programma veroorzaakt de onrendabele top, en wat sluit hem?

Voor projectleiders: rekent het voorbeeldscenario door en laat voor één pand zien
- de opbouw van de residuele grondwaarde (opbrengst → kosten → RG),
- de onrendabele top per functie (welk deel van het programma is onrendabel),
- wat de top sluit: de kostprijsdekkende huur per functie, de sluitende subsidie,
  de maximale inbrengwaarde en de huurverhoging waarbij het rendement wordt gehaald.

Gebruik:
    python examples/onrendabele_top_van_een_pand.py [SCENARIO] [PAND]
"""

from __future__ import annotations

import sys
from pathlib import Path

from transformatiecalc import ScenarioFout, bereken, laad_scenario
from transformatiecalc.getallen import decimaal, duizendtallen
from transformatiecalc.resultaat import RG_POSTEN

STANDAARD = Path(__file__).resolve().parents[1] / "scenarios" / "voorbeeld_binnenstad.yaml"


def euro(x: float) -> str:
    return f"€ {duizendtallen(x):>12}"


def main(argv: list[str]) -> int:
    pad = Path(argv[1]) if len(argv) > 1 else STANDAARD
    try:
        resultaat = bereken(laad_scenario(pad))
    except ScenarioFout as fout:
        print(fout, file=sys.stderr)
        return 1
    panden = resultaat.panden
    pand_id = argv[2] if len(argv) > 2 else str(panden["onrendabele_top"].idxmax())
    if pand_id not in panden.index:
        print(
            f"pand {pand_id} staat niet in {pad}; kies uit {', '.join(panden.index)}",
            file=sys.stderr,
        )
        return 1
    p = panden.loc[pand_id]
    print(f"{pand_id} — {p['naam']} (eigenaar {p['eigenaar']}, exploitant {p['exploitant']})")
    print(
        f"start {p['start']}, oplevering {p['oplevering']}, {p['woningen']} woningen, "
        f"{duizendtallen(p['bvo'])} m² BVO\n"
    )

    print("Residuele grondwaarde bij oplevering (nominaal)")
    print(f"  opbrengst V                {euro(p['opbrengst'])}")
    for post in RG_POSTEN:
        print(f"  − {post.replace('_', ' '):<24} {euro(p[post])}")
    print(f"  = residuele grondwaarde    {euro(p['residuele_grondwaarde_oplevering'])}")
    print(
        f"  inbrengwaarde (peildatum)  {euro(p['inbrengwaarde'])}   "
        f"transformatieruimte {euro(p['transformatieruimte'])}\n"
    )

    print("Onrendabele top per functie (contant, € van het startjaar)")
    functies = resultaat.functies.loc[pand_id]
    for _, f in functies.iterrows():
        regel = f"  {f['functie']:<20} {euro(f['onrendabele_top'])}"
        prijs = f["kostprijsdekkende_huur"]
        if prijs == prijs:  # not NaN: a rental functie
            regel += f"   kostprijsdekkende huur {decimaal(prijs)} {f['eenheid']}"
            gat = f["betaalbaarheidsgat"]
            if gat == gat:
                regel += f" ({decimaal(gat)} boven de betaalbare huur)"
        print(regel)
    print(f"  {'totaal':<20} {euro(p['onrendabele_top'])}\n")

    print("Wat sluit de top?")
    print(f"  subsidie bij de start ({p['start']}):      {euro(p['subsidie_sluitend'])}")
    print(f"  maximale inbrengwaarde:             {euro(p['max_inbrengwaarde'])}")
    factor = p["huurfactor_rendementseis"]
    if factor == factor:
        print(
            f"  alle huren × {decimaal(factor, 3)} voor een IRR gelijk aan de rendementseis "
            f"({decimaal(100 * p['rendementseis'], 1)} %)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
