"""Command line: ``transformatiecalc run | validate | schema | init``.

Exit codes: 0 ok, 1 invalid scenario or an output that could not be written, 2 wrong
usage, 3 internal error (a bug: please report it). No calculation happens here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__, bereken
from .fouten import ScenarioFout
from .laden import laad_scenario
from .schema import Scenario
from .uitvoer.bestanden import UitvoerFout, schrijf_atomair

OK, ONGELDIG, GEBRUIK, INTERN = 0, 1, 2, 3

app = typer.Typer(
    name="transformatiecalc",
    help=(
        "Business cases van binnenstedelijke transformatie: residuele grondwaarde, "
        "onrendabele top en betaalbaarheid per pand en per functie."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _meld(fout: ScenarioFout, slot: str) -> NoReturn:
    """Print located messages to stderr and stop with exit code 1."""
    fouten = _console(stderr=True)
    for melding in fout.meldingen:
        fouten.print(f"[red]fout[/red] {escape(str(melding))}")
    fouten.print(slot)
    raise typer.Exit(ONGELDIG)


def _laad(pad: Path) -> Scenario:
    try:
        return laad_scenario(pad)
    except ScenarioFout as fout:
        n = len(fout.meldingen)
        _meld(fout, f"{n} {'fout' if n == 1 else 'fouten'} in het scenario; niets berekend.")


def _schrijf(pad: Path, inhoud: bytes) -> None:
    try:
        schrijf_atomair(pad, inhoud)
    except UitvoerFout as fout:
        _console(stderr=True).print(f"[red]fout[/red] {escape(str(fout))}")
        raise typer.Exit(ONGELDIG) from None


@app.command("run")
def run(
    scenario: Annotated[
        Path, typer.Argument(help="Het scenariobestand (YAML).", show_default=False)
    ],
    json_pad: Annotated[
        Path | None,
        typer.Option(
            "--json",
            help="Schrijf de resultaten als JSON naar dit pad ('-': naar de terminal).",
            metavar="PAD",
            show_default=False,
        ),
    ] = None,
    excel: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            help="Schrijf een Excel-werkboek (.xlsx) met formules.",
            metavar="PAD",
            show_default=False,
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            help="Huisstijlsjabloon (YAML) voor het werkboek; zie templates/.",
            metavar="PAD",
            show_default=False,
        ),
    ] = None,
    grafieken: Annotated[
        Path | None,
        typer.Option(
            "--grafieken",
            help="Schrijf de grafieken als PNG in deze map.",
            metavar="MAP",
            show_default=False,
        ),
    ] = None,
    stil: Annotated[bool, typer.Option("--stil", "-q", help="Geen tabel in de terminal.")] = False,
) -> None:
    """Reken een scenario door en toon per pand opbrengst, kosten, residuele grondwaarde en ORT."""
    from .uitvoer.json import json_tekst
    from .uitvoer.terminal import toon_samenvatting

    if excel is not None and excel.suffix.lower() != ".xlsx":
        raise typer.BadParameter("het werkboek moet de extensie .xlsx hebben", param_hint="'-o'")
    stijl = _huisstijl(template)
    resultaat = bereken(_laad(scenario), bron=str(scenario))
    if json_pad is not None and str(json_pad) == "-":
        sys.stdout.write(json_tekst(resultaat))
        return
    geschreven: list[str] = []
    if json_pad is not None:
        _schrijf(json_pad, json_tekst(resultaat).encode("utf-8"))
        geschreven.append(f"JSON: {json_pad}")
    if excel is not None or grafieken is not None:
        from .uitvoer.excel import werkboek_bytes
        from .uitvoer.grafieken import alle_grafieken, schrijf_grafieken

        pngs = alle_grafieken(resultaat, stijl)
        if excel is not None:
            _schrijf(excel, werkboek_bytes(resultaat, stijl, pngs))
            geschreven.append(f"werkboek: {excel}")
        if grafieken is not None:
            try:
                schrijf_grafieken(pngs, grafieken)
            except (UitvoerFout, OSError) as fout:
                _console(stderr=True).print(f"[red]fout[/red] {escape(str(fout))}")
                raise typer.Exit(ONGELDIG) from None
            geschreven.append(f"{len(pngs)} grafieken: {grafieken}")
    if not stil:
        toon_samenvatting(resultaat, _console())
    for regel in geschreven:
        _console().print(f"geschreven — {escape(regel)}")


def _huisstijl(pad: Path | None) -> Any:
    from .uitvoer.huisstijl import laad_huisstijl

    try:
        return laad_huisstijl(pad)
    except ScenarioFout as fout:
        _meld(fout, "het huisstijlsjabloon is ongeldig; niets berekend.")


@app.command("validate")
def validate(
    scenario: Annotated[
        Path, typer.Argument(help="Het scenariobestand (YAML).", show_default=False)
    ],
) -> None:
    """Controleer een scenario zonder te rekenen; meldt elke fout met regel, kolom en pad."""
    sc = _laad(scenario)
    woningen = sum(r.woningen or 0 for p in sc.panden for r in p.transformatie.programma)
    _console().print(
        f"[green]geldig[/green]: {escape(sc.naam)} — {len(sc.panden)} panden, {woningen} woningen, "
        f"{len(sc.functies)} functies, {len(sc.partijen)} partijen"
    )


@app.command("schema")
def schema(
    uitvoer: Annotated[
        Path | None,
        typer.Option(
            "--uitvoer",
            "-o",
            help="Schrijf het schema naar dit bestand.",
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
) -> None:
    """Druk het JSON Schema van het scenarioformaat af (voor validatie en autocompletion in editors)."""
    from .schema.documentatie import scenario_markdown
    from .schema.jsonschema import json_schema_tekst

    tekst = scenario_markdown() if markdown else json_schema_tekst()
    if uitvoer is None:
        sys.stdout.write(tekst)
    else:
        _schrijf(uitvoer, tekst.encode("utf-8"))
        _console().print(f"schema geschreven naar {escape(str(uitvoer))}")


@app.command("init")
def init(
    pad: Annotated[
        Path, typer.Argument(help="Pad van het nieuwe scenariobestand.", show_default=False)
    ],
    overschrijf: Annotated[
        bool, typer.Option("--overschrijf", help="Overschrijf een bestaand bestand.")
    ] = False,
) -> None:
    """Schrijf een startscenario met toelichting bij elke sleutel."""
    from importlib.resources import files

    if pad.exists() and not overschrijf:
        _console(stderr=True).print(
            f"[red]fout[/red] {escape(str(pad))} bestaat al; kies een ander pad of gebruik --overschrijf"
        )
        raise typer.Exit(ONGELDIG)
    sjabloon = files("transformatiecalc").joinpath("data/start.yaml").read_bytes()
    _schrijf(pad, sjabloon)
    _console().print(
        f"startscenario geschreven naar {escape(str(pad))}; reken het door met "
        f"transformatiecalc run {escape(str(pad))}"
    )


@app.callback(invoke_without_command=True)
def _hoofd(
    versie: Annotated[bool, typer.Option("--versie", help="Toon de versie en stop.")] = False,
) -> None:
    """Business cases van binnenstedelijke transformatie."""
    if versie:
        _console().print(f"transformatiecalc {__version__}")
        raise typer.Exit(OK)


# ------------------------------------------------------------------- main
_GEBRUIKSFOUTEN = (
    ("No such option:", "onbekende optie:"),
    ("No such command", "onbekend commando"),
    ("Missing argument", "ontbrekend argument"),
    ("Missing option", "ontbrekende optie"),
    ("Got unexpected extra arguments", "onverwachte extra argumenten"),
    ("Got unexpected extra argument", "onverwacht extra argument"),
    ("requires an argument", "vraagt een waarde"),
    ("Invalid value for", "ongeldige waarde voor"),
    ("Did you mean", "bedoelde je"),
    ("Possible options:", "mogelijke opties:"),
)


def _vertaal_gebruik(tekst: str) -> str:
    for engels, nederlands in _GEBRUIKSFOUTEN:
        tekst = tekst.replace(engels, nederlands)
    return tekst


def _vertaal_hulp() -> None:
    """Dutch panel titles in typer's rich help (module-level strings read at render time)."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
    rich_utils.OPTIONS_PANEL_TITLE = "Opties"
    rich_utils.COMMANDS_PANEL_TITLE = "Commando's"
    rich_utils.ERRORS_PANEL_TITLE = "Fout"
    rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
    rich_utils.DEFAULT_STRING = "[standaard: {}]"
    # The --help option's own text lives in typer's bundled click; patch it when the
    # internals are as expected, and leave it English otherwise.
    try:
        from typer._click import core as kern

        origineel = kern.Command.get_help_option
        if not getattr(origineel, "_nl", False):

            def get_help_option(self: Any, ctx: Any) -> Any:
                optie = origineel(self, ctx)
                if optie is not None:
                    optie.help = "Toon deze hulp en stop."
                return optie

            get_help_option._nl = True  # type: ignore[attr-defined]
            kern.Command.get_help_option = get_help_option  # type: ignore[method-assign]
    except (ImportError, AttributeError):  # pragma: no cover
        pass


def _klik_fout(naam: str) -> type[BaseException]:
    """typer's bundled click exception class by name (typer does not export it)."""
    for klasse in typer.BadParameter.__mro__:
        if klasse.__name__ == naam:
            return klasse
    raise LookupError(naam)  # pragma: no cover


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and ``python -m transformatiecalc``."""
    _vertaal_hulp()
    gebruiksfout = _klik_fout("UsageError")
    klikfout = _klik_fout("ClickException")
    commando = typer.main.get_command(app)
    try:
        uitkomst: Any = commando.main(
            args=argv, prog_name="transformatiecalc", standalone_mode=False
        )
    except gebruiksfout as fout:
        tekst = fout.format_message()  # type: ignore[attr-defined]
        fouten = _console(stderr=True)
        if "Show this message and exit" in tekst or tekst.lstrip().startswith("Usage"):
            fouten.print(tekst)  # no arguments at all: the help is the message
        else:
            fouten.print(f"[red]gebruiksfout[/red] {escape(_vertaal_gebruik(tekst))}")
            fouten.print("Zie 'transformatiecalc --help'.")
        return GEBRUIK
    except klikfout as fout:
        _console(stderr=True).print(f"[red]fout[/red] {escape(fout.format_message())}")  # type: ignore[attr-defined]
        return ONGELDIG
    except typer.Abort:
        return 130
    except Exception as fout:  # a bug: say so in Dutch, without a traceback unless asked
        if os.environ.get("TRANSFORMATIECALC_DEBUG"):
            raise
        _console(stderr=True).print(
            f"[red]interne fout[/red] {escape(type(fout).__name__)}: {escape(str(fout))}\n"
            "Dit is een fout in transformatiecalc, niet in uw scenario. Meld het met dit bericht; "
            "zet TRANSFORMATIECALC_DEBUG=1 voor de volledige traceback."
        )
        return INTERN
    return uitkomst if isinstance(uitkomst, int) else OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
