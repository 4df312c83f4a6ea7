"""The commands that compute one scenario or none: ``run``, ``validate``, ``schema``, ``init``.

Each is a plain function; :mod:`transformatiecalc.cli` registers it with typer. No
calculation happens here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from .. import bereken
from ..fouten import ScenarioFout
from ..uitvoer.bestanden import botsingen
from ..uitvoer.veilig import veilig
from .terminal import bestaat_al, console, meld, schrijf, stdout, stop
from .verzoek import Verzoek, met_verzoek

SCENARIO = Annotated[Path, typer.Argument(help="Het scenariobestand (YAML).", show_default=False)]
OVERSCHRIJF = Annotated[
    bool, typer.Option("--overschrijf", help="Overschrijf een bestaand bestand.")
]
PER_FUNCTIE = Annotated[
    bool,
    typer.Option(
        "--per-functie",
        help=(
            "Toon per functie waar de ORT vandaan komt (ORT zonder inbreng, "
            "inbreng-aandeel, ORT per woning), ook bij meer dan 20 panden."
        ),
        show_default=False,
    ),
]
PAND = Annotated[
    list[str] | None,
    typer.Option(
        "--pand",
        help=(
            "Toon alleen dit pand, in detail: de opbouw van de residuele grondwaarde, de "
            "onrendabele top en wat het gat sluit, per functie; herhaal voor meer panden."
        ),
        metavar="ID",
        show_default=False,
    ),
]


@met_verzoek(
    "json",
    "uitvoer",
    "template",
    "grafieken",
    "stil",
    "toegang",
    hulp={
        "json": "Schrijf de resultaten als JSON naar dit pad ('-': naar de terminal).",
        "uitvoer": "Schrijf een Excel-werkboek (.xlsx) met formules.",
        "template": "Huisstijlsjabloon (YAML) voor het werkboek; zie templates/.",
    },
)
def run(
    scenario: SCENARIO,
    per_functie: PER_FUNCTIE = False,
    pand: PAND = None,
    *,
    verzoek: Verzoek,
) -> None:
    """Reken een scenario door en toon per pand opbrengst, kosten, residuele grondwaarde en ORT."""
    from ..uitvoer.json import json_tekst
    from ..uitvoer.pand import toon_panden
    from ..uitvoer.terminal import toon_samenvatting

    if pand and (verzoek.stil or verzoek.naar_stdout):
        raise typer.BadParameter(
            "toont een pand in de terminal; dat kan niet samen met "
            + ("--stil" if verzoek.stil else "--json - (de JSON op de terminal)"),
            param_hint="'--pand'",
        )
    stijl = verzoek.huisstijl()
    sc = verzoek.lezer.scenario(scenario)
    panden = _gevraagde_panden([p.id for p in sc.panden], pand or [])
    resultaat = bereken(sc, bron=str(scenario))
    verzoek.controleer()

    def werkboek(pngs: dict[str, bytes]) -> bytes:
        from ..uitvoer.excel import werkboek_bytes  # xlsxwriter and matplotlib only when asked

        return werkboek_bytes(resultaat, stijl, pngs)

    def pngs() -> dict[str, bytes]:
        from ..uitvoer.grafieken import alle_grafieken

        return alle_grafieken(resultaat, stijl)

    verzoek.voer_uit(
        lambda: json_tekst(resultaat),
        werkboek,
        pngs,
        lambda console: (
            toon_panden(resultaat, panden, console)
            if panden
            else toon_samenvatting(resultaat, console, per_functie or None)
        ),
    )


def _gevraagde_panden(ids: list[str], gevraagd: list[str]) -> list[str]:
    """The scenario's ids of the panden asked for with --pand; one it lacks is a usage error."""
    from ..uitvoer.pand import pand_ids

    panden, onbekend = pand_ids(ids, gevraagd)
    if onbekend:
        raise typer.BadParameter(
            ", ".join(f"'{o}'" for o in onbekend) + ": geen pand van dit scenario; de "
            f"panden: {_opsomming(ids)}",
            param_hint="'--pand'",
        )
    return panden


def _opsomming(ids: list[str], hoogstens: int = 12) -> str:
    """'P01, P02, …' — the first `hoogstens` ids and how many more (plain text: a usage
    error is escaped once, where it is printed)."""
    getoond = ", ".join(ids[:hoogstens])
    return getoond + (f" en {len(ids) - hoogstens} meer" if len(ids) > hoogstens else "")


@met_verzoek("toegang")
def validate(scenario: SCENARIO, *, verzoek: Verzoek) -> None:
    """Controleer een scenario zonder te rekenen: het bestand, elke variant en de uiterste
    trekkingen van de onzekerheid; meldt elke fout met regel, kolom en pad."""
    from ..analyse.controle import controleer

    basis = verzoek.lezer.basis(scenario)
    try:
        gedaan = controleer(basis)
    except ScenarioFout as fout:
        meld(fout, "een variant of trekking van het scenario is ongeldig.")
    sc = basis.scenario
    woningen = sum(r.woningen or 0 for p in sc.panden for r in p.transformatie.programma)
    console().print(
        f"[green]geldig[/green]: {veilig(sc.naam)} — {len(sc.panden)} panden, {woningen} woningen, "
        f"{len(sc.functies)} functies, {len(sc.partijen)} partijen"
        + (f"; gecontroleerd: {gedaan}" if gedaan.varianten or gedaan.parameters else "")
    )


def schema(
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            help="Schrijf het schema naar dit bestand ('-': naar de terminal).",
            metavar="PAD",
            show_default=False,
        ),
    ] = None,
    markdown: Annotated[
        bool,
        typer.Option(
            "--markdown", help="Geef de naslag van alle sleutels in Markdown (docs/scenario.md)."
        ),
    ] = False,
    overschrijf: OVERSCHRIJF = False,
) -> None:
    """Druk het JSON Schema van het scenarioformaat af (voor validatie en autocompletion in editors)."""
    from ..schema.documentatie import scenario_markdown
    from ..schema.jsonschema import json_schema_tekst

    tekst = scenario_markdown() if markdown else json_schema_tekst()
    if uitvoer is None or str(uitvoer) == "-":
        stdout(tekst)
    else:
        if os.path.lexists(uitvoer) and not overschrijf:
            bestaat_al(uitvoer)  # like init: never replace a file (a scenario?) unasked
        schrijf((uitvoer, tekst.encode("utf-8")))
        console().print(f"schema geschreven naar {veilig(str(uitvoer))}")


def init(
    pad: Annotated[
        Path | None,
        typer.Argument(
            help="Pad van het nieuwe scenariobestand ('-': naar de terminal).", show_default=False
        ),
    ] = None,
    panden_sjabloon: Annotated[
        Path | None,
        typer.Option(
            "--panden-sjabloon",
            help=(
                "Schrijf ook (of alleen) een leeg spreadsheet (.xlsx) voor panden_uit, met "
                "keuzelijsten en grenzen uit het schema; zie docs/spreadsheet.md."
            ),
            metavar="PAD.xlsx",
            show_default=False,
        ),
    ] = None,
    overschrijf: OVERSCHRIJF = False,
) -> None:
    """Schrijf een startscenario met toelichting bij elke sleutel, en/of een leeg
    panden-spreadsheet."""
    from importlib.resources import files

    naar_terminal = pad is not None and str(pad) == "-"
    _controleer_init(pad, panden_sjabloon, naar_terminal, overschrijf)
    sjabloon = files("transformatiecalc").joinpath("data/start.yaml").read_bytes()
    uitvoer: list[tuple[Path, bytes]] = []
    if pad is not None and not naar_terminal:
        uitvoer.append((pad, sjabloon))
    if panden_sjabloon is not None:
        from ..uitvoer.excel.sjabloon import sjabloon_bytes

        uitvoer.append((panden_sjabloon, sjabloon_bytes()))
    schrijf(*uitvoer)
    if naar_terminal:
        stdout(sjabloon.decode("utf-8"))
    _zeg_geschreven(None if naar_terminal else pad, panden_sjabloon, naar_terminal)


def _controleer_init(
    pad: Path | None, panden_sjabloon: Path | None, naar_terminal: bool, overschrijf: bool
) -> None:
    """Every argument of ``init`` checked before anything is written (also before the
    scenario goes to '-'): something to write, the right extensions, two different paths,
    and no existing file unless `overschrijf`."""
    if pad is None and panden_sjabloon is None:
        stop("geef het pad van een nieuw scenario, of --panden-sjabloon PAD.xlsx")
    if panden_sjabloon is not None and panden_sjabloon.suffix.lower() != ".xlsx":
        stop(f"--panden-sjabloon {panden_sjabloon}: een panden-sjabloon is een .xlsx-bestand")
    doelen = [("het startscenario", pad)] if pad is not None and not naar_terminal else []
    if panden_sjabloon is not None:
        doelen.append(("--panden-sjabloon", panden_sjabloon))
    meldingen = botsingen(doelen, [])
    if meldingen:
        raise typer.BadParameter("; ".join(meldingen))
    if pad is not None and not naar_terminal and pad.suffix.lower() not in (".yaml", ".yml"):
        raise typer.BadParameter(
            f"het startscenario {pad}: een scenario is een .yaml-bestand"
            + (
                f"; een leeg panden-spreadsheet schrijf je met --panden-sjabloon {pad}"
                if pad.suffix.lower() in (".xlsx", ".csv")
                else ""
            )
        )
    for _, doel in doelen:
        if os.path.lexists(doel) and not overschrijf:  # exists() raises on a too long name
            bestaat_al(doel)


def _zeg_geschreven(pad: Path | None, panden_sjabloon: Path | None, stderr: bool) -> None:
    """What ``init`` wrote, and what to do next with it (on stderr when the scenario went to
    stdout, so that stdout holds only the scenario)."""
    if pad is not None:
        console(stderr=stderr).print(
            f"startscenario geschreven naar {veilig(str(pad))}; reken het door met "
            f"transformatiecalc run {veilig(str(pad))}"
        )
    if panden_sjabloon is not None:
        console(stderr=stderr).print(
            f"panden-sjabloon geschreven naar {veilig(str(panden_sjabloon))}; vul één rij per "
            "pand (blad Panden) en per programmaregel (blad Programma) en noem het in je "
            f"scenario met panden_uit: {veilig(panden_sjabloon.name)}"
        )
