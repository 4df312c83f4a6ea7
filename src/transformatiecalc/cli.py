"""Command line: ``transformatiecalc run | vergelijk | gevoelig | onzeker | validate | schema | init``.

Exit codes: 0 ok, 1 invalid scenario or an output that could not be written, 2 wrong
usage, 3 internal error (a bug: please report it). No calculation happens here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape

from . import __version__, bereken
from .fouten import ScenarioFout
from .laden import laad_scenario
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


def _laad(pad: Path, lader: Any = laad_scenario) -> Any:
    """`lader(pad)` (a Scenario by default); an invalid file stops with its located messages."""
    try:
        return lader(pad)
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

    _xlsx(excel)
    stijl = _huisstijl(template)
    resultaat = bereken(_laad(scenario), bron=str(scenario))

    def werkboek(pngs: dict[str, bytes]) -> bytes:
        from .uitvoer.excel import werkboek_bytes  # xlsxwriter and matplotlib only when asked

        return werkboek_bytes(resultaat, stijl, pngs)

    def pngs() -> dict[str, bytes]:
        from .uitvoer.grafieken import alle_grafieken

        return alle_grafieken(resultaat, stijl)

    _uitvoer(
        lambda: json_tekst(resultaat),
        excel,
        werkboek,
        grafieken,
        pngs,
        json_pad,
        lambda console: toon_samenvatting(resultaat, console),
        stil,
    )


# ----------------------------------------------------------------- analyses
_JSON = typer.Option(
    "--json",
    help="Schrijf de uitkomsten als JSON naar dit pad ('-': naar de terminal).",
    metavar="PAD",
    show_default=False,
)
_EXCEL = typer.Option(
    "--uitvoer", "-o", help="Schrijf een Excel-werkboek (.xlsx).", metavar="PAD", show_default=False
)
_GRAFIEKEN = typer.Option(
    "--grafieken",
    help="Schrijf de grafieken als PNG in deze map.",
    metavar="MAP",
    show_default=False,
)
_TEMPLATE = typer.Option(
    "--template",
    help="Huisstijlsjabloon (YAML); zie templates/.",
    metavar="PAD",
    show_default=False,
)
_STIL = typer.Option("--stil", "-q", help="Geen tabel in de terminal.")


def _basis(pad: Path) -> Any:
    from .analyse.reeks import Basis

    return _laad(pad, Basis.laad)


def _analyse_rekenen(functie: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an analysis; a replica that the schema refuses is a located, Dutch error."""
    from .schema.paden import PadFout

    try:
        return functie(*args, **kwargs)
    except ScenarioFout as fout:
        _meld(fout, "een versie van het scenario is ongeldig; niets geschreven.")
    except PadFout as fout:
        raise typer.BadParameter(str(fout)) from None


def _uitvoer(
    json_tekst: Callable[[], str],
    excel: Path | None,
    werkboek: Callable[[dict[str, bytes]], bytes],
    grafieken_map: Path | None,
    grafieken: Callable[[], dict[str, bytes]],
    json_pad: Path | None,
    toon: Callable[[Console], None],
    stil: bool,
) -> None:
    """Write JSON, workbook and charts (each atomically, only those asked for), then show
    the tables; with ``--json -`` only the JSON, on stdout."""
    if json_pad is not None and str(json_pad) == "-":
        sys.stdout.write(json_tekst())
        return
    geschreven: list[str] = []
    if json_pad is not None:
        _schrijf(json_pad, json_tekst().encode("utf-8"))
        geschreven.append(f"JSON: {json_pad}")
    if excel is not None or grafieken_map is not None:
        pngs = grafieken()
        if excel is not None:
            _schrijf(excel, werkboek(pngs))
            geschreven.append(f"werkboek: {excel}")
        if grafieken_map is not None:
            from .uitvoer.grafieken import schrijf_grafieken

            try:
                schrijf_grafieken(pngs, grafieken_map)
            except (UitvoerFout, OSError) as fout:
                _console(stderr=True).print(f"[red]fout[/red] {escape(str(fout))}")
                raise typer.Exit(ONGELDIG) from None
            geschreven.append(f"{len(pngs)} grafieken: {grafieken_map}")
    if not stil:
        toon(_console())
    for regel in geschreven:
        _console().print(f"geschreven — {escape(regel)}")


def _xlsx(excel: Path | None) -> None:
    if excel is not None and excel.suffix.lower() != ".xlsx":
        raise typer.BadParameter("het werkboek moet de extensie .xlsx hebben", param_hint="'-o'")


@app.command("vergelijk")
def vergelijk(
    scenarios: Annotated[
        list[Path],
        typer.Argument(
            help="Een of meer scenariobestanden; elk met zijn varianten.", show_default=False
        ),
    ],
    per_pand: Annotated[
        bool, typer.Option("--per-pand", help="Toon ook de onrendabele top per pand.")
    ] = False,
    json_pad: Annotated[Path | None, _JSON] = None,
    excel: Annotated[Path | None, _EXCEL] = None,
    grafieken: Annotated[Path | None, _GRAFIEKEN] = None,
    template: Annotated[Path | None, _TEMPLATE] = None,
    stil: Annotated[bool, _STIL] = False,
) -> None:
    """Zet scenario's en hun varianten naast elkaar: totalen, fondskengetallen en ORT per pand,
    met het verschil tegen de eerste."""
    from .analyse import varianten as va
    from .uitvoer import analyse as ua
    from .uitvoer.excel.analyse import analyse_werkboek, varianten_blad

    _xlsx(excel)
    stijl = _huisstijl(template)
    basissen = [_basis(pad) for pad in scenarios]  # every file checked before any calculation
    lijst = _analyse_rekenen(va.versies, basissen)
    v = va.vergelijk(lijst)
    _uitvoer(
        lambda: ua.als_tekst(ua.vergelijking_json(v)),
        excel,
        lambda pngs: analyse_werkboek(
            lijst[0].resultaat.scenario,
            [("Varianten", varianten_blad(v, pngs))],
            stijl,
            "Vergelijking",
        ),
        grafieken,
        lambda: ua.grafieken_vergelijking(v, stijl),
        json_pad,
        lambda console: ua.toon_vergelijking(v, console, per_pand),
        stil,
    )


@app.command("gevoelig")
def gevoelig(
    scenario: Annotated[
        Path, typer.Argument(help="Het scenariobestand (YAML).", show_default=False)
    ],
    parameter: Annotated[
        list[str] | None,
        typer.Option(
            "--parameter",
            "-p",
            help=(
                "Tornado: PAD=±20% (relatief), PAD=±0.01 (absoluut) of PAD=LAAG:HOOG; "
                "herhaal voor meer parameters."
            ),
            metavar="PAD=BEREIK",
            show_default=False,
        ),
    ] = None,
    raster_: Annotated[
        list[str] | None,
        typer.Option(
            "--raster",
            help="Raster van twee parameters: geef --raster twee keer (zelfde notatie).",
            metavar="PAD=BEREIK",
            show_default=False,
        ),
    ] = None,
    stappen: Annotated[
        int, typer.Option("--stappen", help="Punten per as van het raster.", min=2, max=50)
    ] = 5,
    uitkomst: Annotated[
        str,
        typer.Option(
            "--uitkomst",
            help=(
                "Welke uitkomst: onrendabele_top, tekort, residuele_grondwaarde, "
                "onrendabele_top_na, tekort_na, panden.ID.onrendabele_top, "
                "panden.ID.residuele_grondwaarde, fondsen.NAAM.<kengetal> of "
                "programma.<kengetal>."
            ),
        ),
    ] = "onrendabele_top",
    json_pad: Annotated[Path | None, _JSON] = None,
    excel: Annotated[Path | None, _EXCEL] = None,
    grafieken: Annotated[Path | None, _GRAFIEKEN] = None,
    template: Annotated[Path | None, _TEMPLATE] = None,
    stil: Annotated[bool, _STIL] = False,
) -> None:
    """Gevoeligheid: tornado (één parameter tegelijk) en raster (twee parameters) op een uitkomst."""
    from .analyse import gevoeligheid as ge
    from .uitvoer import analyse as ua
    from .uitvoer.excel.analyse import analyse_werkboek, gevoeligheid_blad

    _xlsx(excel)
    if not parameter and not raster_:
        raise typer.BadParameter(
            "geef ten minste één --parameter PAD=BEREIK, of twee keer --raster",
            param_hint="'--parameter'",
        )
    if raster_ and len(raster_) != 2:
        raise typer.BadParameter(
            "een raster vraagt precies twee keer --raster", param_hint="'--raster'"
        )
    stijl = _huisstijl(template)
    basis = _basis(scenario)
    bereiken = [_analyse_rekenen(ge.bereik, basis, t) for t in parameter or []]
    assen = [_analyse_rekenen(ge.bereik, basis, t) for t in raster_ or []]
    t = _analyse_rekenen(ge.tornado, basis, bereiken, uitkomst) if bereiken else None
    r = _analyse_rekenen(ge.raster, basis, *assen, uitkomst, stappen) if assen else None

    def toon(console: Console) -> None:
        if t is not None:
            ua.toon_tornado(t, console)
        if r is not None:
            ua.toon_raster(r, console)

    _uitvoer(
        lambda: ua.als_tekst(ua.gevoeligheid_json(t, r)),
        excel,
        lambda pngs: analyse_werkboek(
            basis.scenario, [("Gevoeligheid", gevoeligheid_blad(t, r, pngs))], stijl, "Gevoeligheid"
        ),
        grafieken,
        lambda: ua.grafieken_gevoeligheid(t, r, stijl),
        json_pad,
        toon,
        stil,
    )


@app.command("onzeker")
def onzeker(
    scenario: Annotated[
        Path,
        typer.Argument(
            help="Het scenariobestand (YAML) met een sectie onzekerheid.", show_default=False
        ),
    ],
    trekkingen: Annotated[
        int | None,
        typer.Option(
            "--trekkingen",
            "-n",
            help="Aantal trekkingen (anders uit het scenario).",
            min=2,
            max=1_000_000,
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            help="Startwaarde van de toevalsgenerator (anders uit het scenario).",
            min=0,
            show_default=False,
        ),
    ] = None,
    per_blok: Annotated[
        int | None,
        typer.Option(
            "--per-blok",
            help="Trekkingen per rekenblok (anders naar geheugen, ±256 MB).",
            min=1,
            show_default=False,
        ),
    ] = None,
    trekkingen_naar: Annotated[
        Path | None,
        typer.Option(
            "--trekkingen-naar",
            help="Schrijf elke trekking (parameters en uitkomsten) naar .csv of .parquet.",
            metavar="PAD",
            show_default=False,
        ),
    ] = None,
    per_pand: Annotated[
        bool, typer.Option("--per-pand", help="Toon ook P5/P50/P95 en P(ORT > 0) per pand.")
    ] = False,
    json_pad: Annotated[Path | None, _JSON] = None,
    excel: Annotated[Path | None, _EXCEL] = None,
    grafieken: Annotated[Path | None, _GRAFIEKEN] = None,
    template: Annotated[Path | None, _TEMPLATE] = None,
    stil: Annotated[bool, _STIL] = False,
) -> None:
    """Monte Carlo over de sectie onzekerheid: P5/P50/P95 van totalen, fondskengetallen en ORT
    per pand, P(ORT > 0), per fonds P(kas onder nul) en P(verlies van een leningtranche)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .analyse import onzekerheid as oz
    from .uitvoer import analyse as ua
    from .uitvoer.excel.analyse import analyse_werkboek, onzekerheid_blad

    _xlsx(excel)
    if trekkingen_naar is not None and trekkingen_naar.suffix.lower() not in (".csv", ".parquet"):
        raise typer.BadParameter(
            "de trekkingen gaan naar een .csv- of .parquet-bestand",
            param_hint="'--trekkingen-naar'",
        )
    stijl = _huisstijl(template)
    basis = _basis(scenario)
    o = basis.scenario.onzekerheid
    if o is None:
        _console(stderr=True).print(
            f"[red]fout[/red] {escape(str(scenario))} heeft geen sectie onzekerheid; zie "
            "docs/scenario.md#onzekerheid"
        )
        raise typer.Exit(ONGELDIG)
    aantal = trekkingen or o.trekkingen
    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=_console(stderr=True),
        transient=True,
        disable=stil or aantal < 200,
    ) as balk:
        taak = balk.add_task("trekkingen", total=aantal)
        mc = _analyse_rekenen(
            oz.monte_carlo,
            basis,
            aantal,
            seed,
            per_blok,
            lambda n: balk.advance(taak, n),
        )
    parameters = {k: v.model_dump() for k, v in o.parameters.items()}
    if trekkingen_naar is not None:
        _schrijf(trekkingen_naar, _trekkingen_bytes(mc.uitkomsten(), trekkingen_naar))
    _uitvoer(
        lambda: ua.als_tekst(ua.onzekerheid_json(mc, parameters)),
        excel,
        lambda pngs: analyse_werkboek(
            basis.scenario,
            [("Onzekerheid", onzekerheid_blad(mc, parameters, pngs))],
            stijl,
            "Onzekerheid",
        ),
        grafieken,
        lambda: ua.grafieken_onzekerheid(mc, stijl),
        json_pad,
        lambda console: ua.toon_monte_carlo(mc, console, per_pand),
        stil,
    )
    if trekkingen_naar is not None:
        _console().print(f"geschreven — trekkingen: {escape(str(trekkingen_naar))}")


def _trekkingen_bytes(tabel: Any, pad: Path) -> bytes:
    """The draws as CSV (always) or Parquet (when pyarrow is installed)."""
    import io

    if pad.suffix.lower() == ".csv":
        return str(tabel.to_csv(lineterminator="\n")).encode("utf-8")
    try:
        buffer = io.BytesIO()
        tabel.to_parquet(buffer)
    except ImportError:
        _console(stderr=True).print(
            "[red]fout[/red] Parquet vraagt het pakket pyarrow (pip install pyarrow); of schrijf "
            "naar .csv"
        )
        raise typer.Exit(ONGELDIG) from None
    return buffer.getvalue()


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
    """Controleer een scenario zonder te rekenen: het bestand, elke variant en de uiterste
    trekkingen van de onzekerheid; meldt elke fout met regel, kolom en pad."""
    from .analyse.controle import controleer

    basis = _basis(scenario)
    try:
        gedaan = controleer(basis)
    except ScenarioFout as fout:
        _meld(fout, "een variant of trekking van het scenario is ongeldig.")
    sc = basis.scenario
    woningen = sum(r.woningen or 0 for p in sc.panden for r in p.transformatie.programma)
    _console().print(
        f"[green]geldig[/green]: {escape(sc.naam)} — {len(sc.panden)} panden, {woningen} woningen, "
        f"{len(sc.functies)} functies, {len(sc.partijen)} partijen"
        + (f"; gecontroleerd: {gedaan}" if gedaan.varianten or gedaan.parameters else "")
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
    ("Invalid value:", "ongeldige waarde:"),
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
