"""Command line: ``transformatiecalc run | vergelijk | gevoelig | onzeker | validate | schema | init``.

Exit codes: 0 ok, 1 invalid scenario or an output that could not be written, 2 wrong
usage, 3 internal error (a bug: please report it). No calculation happens here.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import signal
import sys
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from . import __version__, bereken
from .fouten import ScenarioFout
from .laden import laad_scenario
from .toegang import Toegang
from .uitvoer.bestanden import UitvoerFout, botsingen, maak_map, schrijf_samen
from .uitvoer.veilig import veilig

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
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def _meld(fout: ScenarioFout, slot: str) -> NoReturn:
    """Print located messages to stderr and stop with exit code 1."""
    fouten = _console(stderr=True)
    for melding in fout.meldingen:
        fouten.print(f"[red]fout[/red] {veilig(str(melding))}")
    fouten.print(slot)
    raise typer.Exit(ONGELDIG)


@dataclass
class _Lezer:
    """Reads a command's input files under the file-access policy (:mod:`.toegang`) and
    remembers them, so that no output of the same run can overwrite one."""

    mappen: Sequence[Path] = ()
    invoer: list[Path] = field(default_factory=list)

    def toegang(self, pad: Path) -> Toegang:
        return Toegang.voor(pad, self.mappen)

    def lees(self, pad: Path, lader: Callable[[Path, Toegang], Any], slot: str) -> Any:
        """`lader(pad, toegang)`; an invalid file stops with its located messages."""
        toegang = self.toegang(pad)
        try:
            return lader(pad, toegang)
        except ScenarioFout as fout:
            n = len(fout.meldingen)
            _meld(fout, slot.format(n=n, fouten="fout" if n == 1 else "fouten"))
        finally:
            self.invoer.extend(toegang.gelezen)

    def scenario(self, pad: Path) -> Any:
        return self.lees(pad, laad_scenario, "{n} {fouten} in het scenario; niets berekend.")

    def basis(self, pad: Path) -> Any:
        from .analyse.reeks import Basis

        return self.lees(pad, Basis.laad, "{n} {fouten} in het scenario; niets berekend.")

    def huisstijl(self, pad: Path | None) -> Any:
        from .uitvoer.huisstijl import Huisstijl, laad_huisstijl

        if pad is None:
            return Huisstijl()
        return self.lees(pad, laad_huisstijl, "het huisstijlsjabloon is ongeldig; niets berekend.")


def _stop(tekst: str) -> NoReturn:
    """Print one message to stderr and stop with exit code 1."""
    _console(stderr=True).print(f"[red]fout[/red] {veilig(tekst)}")
    raise typer.Exit(ONGELDIG)


def _schrijf(*uitvoer: tuple[Path, bytes]) -> None:
    """Write the outputs all or none (:func:`.bestanden.schrijf_samen`); a failure is exit 1."""
    try:
        schrijf_samen(uitvoer)
    except UitvoerFout as fout:
        _stop(str(fout))


_TOEGANG = typer.Option(
    "--toegang",
    help=(
        "Sta erft_van en het logo van het sjabloon ook bestanden in deze map toe (naast de "
        "map van het scenario en de werkmap); herhaal voor meer mappen."
    ),
    metavar="MAP",
    show_default=False,
)


@dataclass
class _Verzoek:
    """The outputs one command was asked for, checked and written together.

    Everything is computed before anything is written; no output may overwrite an input
    of the run or another output; ``--json -`` puts the JSON on stdout and still writes
    the files asked for (their 'geschreven' lines then go to stderr).
    """

    json_pad: Path | None
    excel: Path | None
    grafieken: Path | None
    stil: bool
    extra: list[tuple[str, Path, Callable[[], bytes]]] = field(default_factory=list)
    invoer: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        _xlsx(self.excel)

    @property
    def naar_stdout(self) -> bool:
        return self.json_pad is not None and str(self.json_pad) == "-"

    def _vaste_doelen(self) -> list[tuple[str, Path]]:
        doelen = [(o, p) for o, p, _ in self.extra]
        if self.json_pad is not None and not self.naar_stdout:
            doelen.insert(0, ("--json", self.json_pad))
        if self.excel is not None:
            doelen.insert(0, ("-o", self.excel))
        return doelen

    def controleer(self, invoer: Sequence[Path], grafieken: Sequence[str] = ()) -> None:
        """Stop (exit 2) if an output would overwrite an input or another output."""
        self.invoer = list(invoer)
        doelen = self._vaste_doelen()
        if self.grafieken is not None:
            doelen += [("--grafieken", self.grafieken / naam) for naam in grafieken]
        meldingen = botsingen(doelen, self.invoer)
        if meldingen:
            raise typer.BadParameter("; ".join(meldingen))

    def voer_uit(
        self,
        json_tekst: Callable[[], str],
        werkboek: Callable[[dict[str, bytes]], bytes],
        grafieken: Callable[[], dict[str, bytes]],
        toon: Callable[[Console], None],
    ) -> None:
        """Compute every output asked for, check the chart names, write them all, then
        show the tables (not when the JSON went to stdout)."""
        bestanden: list[tuple[str, Path, bytes]] = []
        tekst = json_tekst() if self.json_pad is not None else ""
        if self.json_pad is not None and not self.naar_stdout:
            bestanden.append(("JSON", self.json_pad, tekst.encode("utf-8")))
        pngs: dict[str, bytes] = {}
        if self.excel is not None or self.grafieken is not None:
            pngs = grafieken()
        if self.excel is not None:
            bestanden.append(("werkboek", self.excel, _met_waarschuwingen(werkboek, pngs)))
        bestanden += [(optie.lstrip("-"), pad, maak()) for optie, pad, maak in self.extra]
        nieuwe_map: Path | None = None
        if self.grafieken is not None:
            self.controleer(self.invoer, list(pngs))
            if not os.path.lexists(self.grafieken):
                nieuwe_map = self.grafieken
            try:
                map_ = maak_map(self.grafieken)
            except UitvoerFout as fout:
                _stop(str(fout))
            bestanden += [("grafiek", map_ / naam, png) for naam, png in pngs.items()]
        try:
            _schrijf(*((pad, inhoud) for _, pad, inhoud in bestanden))
        except typer.Exit:
            if nieuwe_map is not None:  # nothing was written: not even the folder stays
                with contextlib.suppress(OSError):
                    nieuwe_map.rmdir()
            raise
        geschreven = [f"{wat}: {pad}" for wat, pad, _ in bestanden if wat != "grafiek"]
        if self.grafieken is not None:
            geschreven.append(f"{len(pngs)} grafieken: {self.grafieken}")
        if self.naar_stdout:
            _stdout(tekst)
        elif not self.stil:
            toon(_console())
        for regel in geschreven:
            _console(stderr=self.naar_stdout).print(f"geschreven — {veilig(regel)}")


def _met_waarschuwingen(
    werkboek: Callable[[dict[str, bytes]], bytes], pngs: dict[str, bytes]
) -> bytes:
    """The workbook's bytes; a text cut at Excel's cell limit is told on stderr, in Dutch."""
    from .uitvoer.excel.blad import AfgekaptWaarschuwing

    with warnings.catch_warnings(record=True) as gezien:
        warnings.simplefilter("always", AfgekaptWaarschuwing)
        inhoud = werkboek(pngs)
    for w in gezien:
        if issubclass(w.category, AfgekaptWaarschuwing):
            _console(stderr=True).print(f"[yellow]let op:[/yellow] {veilig(str(w.message))}")
    return inhoud


def _stdout(tekst: str) -> None:
    """Write `tekst` to stdout; a closed or full stdout is exit 1 with a message."""
    try:
        if "stdout" in _GESLOTEN:
            raise OSError(errno.EBADF, "stdout is gesloten")
        sys.stdout.write(tekst)
        sys.stdout.flush()
    except (OSError, ValueError):
        _stdout_weg()
        _stop(_STDOUT_WEG)


def _stdout_weg() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    try:
        leeg = os.open(os.devnull, os.O_WRONLY)
        os.dup2(leeg, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


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
    toegang: Annotated[list[Path] | None, _TOEGANG] = None,
) -> None:
    """Reken een scenario door en toon per pand opbrengst, kosten, residuele grondwaarde en ORT."""
    from .uitvoer.json import json_tekst
    from .uitvoer.terminal import toon_samenvatting

    verzoek = _Verzoek(json_pad, excel, grafieken, stil)
    lezer = _Lezer(toegang or ())
    stijl = lezer.huisstijl(template)
    resultaat = bereken(lezer.scenario(scenario), bron=str(scenario))
    verzoek.controleer(lezer.invoer)

    def werkboek(pngs: dict[str, bytes]) -> bytes:
        from .uitvoer.excel import werkboek_bytes  # xlsxwriter and matplotlib only when asked

        return werkboek_bytes(resultaat, stijl, pngs)

    def pngs() -> dict[str, bytes]:
        from .uitvoer.grafieken import alle_grafieken

        return alle_grafieken(resultaat, stijl)

    verzoek.voer_uit(
        lambda: json_tekst(resultaat),
        werkboek,
        pngs,
        lambda console: toon_samenvatting(resultaat, console),
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


def _analyse_rekenen(functie: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an analysis; a replica that the schema refuses is a located, Dutch error."""
    from .schema.paden import PadFout

    try:
        return functie(*args, **kwargs)
    except ScenarioFout as fout:
        _meld(fout, "een versie van het scenario is ongeldig; niets geschreven.")
    except PadFout as fout:
        raise typer.BadParameter(str(fout)) from None


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
    toegang: Annotated[list[Path] | None, _TOEGANG] = None,
) -> None:
    """Zet scenario's en hun varianten naast elkaar: totalen, fondskengetallen en ORT per pand,
    met het verschil tegen de eerste."""
    from .analyse import varianten as va
    from .uitvoer import analyse as ua
    from .uitvoer.excel.analyse import analyse_werkboek, varianten_blad

    verzoek = _Verzoek(json_pad, excel, grafieken, stil)
    lezer = _Lezer(toegang or ())
    stijl = lezer.huisstijl(template)
    basissen = [lezer.basis(pad) for pad in scenarios]  # every file checked before calculating
    verzoek.controleer(lezer.invoer)
    lijst = _analyse_rekenen(va.versies, basissen)
    v = va.vergelijk(lijst)
    verzoek.voer_uit(
        lambda: ua.als_tekst(ua.vergelijking_json(v)),
        lambda pngs: analyse_werkboek(
            lijst[0].resultaat.scenario,
            [("Varianten", varianten_blad(v, pngs))],
            stijl,
            "Vergelijking",
        ),
        lambda: ua.grafieken_vergelijking(v, stijl),
        lambda console: ua.toon_vergelijking(v, console, per_pand),
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
    toegang: Annotated[list[Path] | None, _TOEGANG] = None,
) -> None:
    """Gevoeligheid: tornado (één parameter tegelijk) en raster (twee parameters) op een uitkomst."""
    from .analyse import gevoeligheid as ge
    from .uitvoer import analyse as ua
    from .uitvoer.excel.analyse import analyse_werkboek, gevoeligheid_blad

    verzoek = _Verzoek(json_pad, excel, grafieken, stil)
    if not parameter and not raster_:
        raise typer.BadParameter(
            "geef ten minste één --parameter PAD=BEREIK, of twee keer --raster",
            param_hint="'--parameter'",
        )
    if raster_ and len(raster_) != 2:
        raise typer.BadParameter(
            "een raster vraagt precies twee keer --raster", param_hint="'--raster'"
        )
    lezer = _Lezer(toegang or ())
    stijl = lezer.huisstijl(template)
    basis = lezer.basis(scenario)
    verzoek.controleer(lezer.invoer)
    bereiken = [_analyse_rekenen(ge.bereik, basis, t) for t in parameter or []]
    assen = [_analyse_rekenen(ge.bereik, basis, t, "--raster") for t in raster_ or []]
    t = _analyse_rekenen(ge.tornado, basis, bereiken, uitkomst) if bereiken else None
    r = _analyse_rekenen(ge.raster, basis, *assen, uitkomst, stappen) if assen else None

    def toon(console: Console) -> None:
        if t is not None:
            ua.toon_tornado(t, console)
        if r is not None:
            ua.toon_raster(r, console)

    verzoek.voer_uit(
        lambda: ua.als_tekst(ua.gevoeligheid_json(t, r)),
        lambda pngs: analyse_werkboek(
            basis.scenario, [("Gevoeligheid", gevoeligheid_blad(t, r, pngs))], stijl, "Gevoeligheid"
        ),
        lambda: ua.grafieken_gevoeligheid(t, r, stijl),
        toon,
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
    toegang: Annotated[list[Path] | None, _TOEGANG] = None,
) -> None:
    """Monte Carlo over de sectie onzekerheid: P5/P50/P95 van totalen, fondskengetallen en ORT
    per pand, P(ORT > 0), per fonds P(kas onder nul) en P(verlies van een leningtranche)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from .analyse import onzekerheid as oz
    from .uitvoer import analyse as ua
    from .uitvoer.excel.analyse import analyse_werkboek, onzekerheid_blad

    verzoek = _Verzoek(json_pad, excel, grafieken, stil)
    if trekkingen_naar is not None and trekkingen_naar.suffix.lower() not in (".csv", ".parquet"):
        raise typer.BadParameter(
            "de trekkingen gaan naar een .csv- of .parquet-bestand",
            param_hint="'--trekkingen-naar'",
        )
    lezer = _Lezer(toegang or ())
    stijl = lezer.huisstijl(template)
    basis = lezer.basis(scenario)
    if trekkingen_naar is not None:
        verzoek.extra.append(
            (
                "--trekkingen-naar",
                trekkingen_naar,
                lambda: _trekkingen_bytes(mc.uitkomsten(), trekkingen_naar),
            )
        )
    verzoek.controleer(lezer.invoer)
    o = basis.scenario.onzekerheid
    if o is None:
        _console(stderr=True).print(
            f"[red]fout[/red] {veilig(str(scenario))} heeft geen sectie onzekerheid; zie "
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
    verzoek.voer_uit(
        lambda: ua.als_tekst(ua.onzekerheid_json(mc, parameters)),
        lambda pngs: analyse_werkboek(
            basis.scenario,
            [("Onzekerheid", onzekerheid_blad(mc, parameters, pngs))],
            stijl,
            "Onzekerheid",
        ),
        lambda: ua.grafieken_onzekerheid(mc, stijl),
        lambda console: ua.toon_monte_carlo(mc, console, per_pand),
    )


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


@app.command("validate")
def validate(
    scenario: Annotated[
        Path, typer.Argument(help="Het scenariobestand (YAML).", show_default=False)
    ],
    toegang: Annotated[list[Path] | None, _TOEGANG] = None,
) -> None:
    """Controleer een scenario zonder te rekenen: het bestand, elke variant en de uiterste
    trekkingen van de onzekerheid; meldt elke fout met regel, kolom en pad."""
    from .analyse.controle import controleer

    basis = _Lezer(toegang or ()).basis(scenario)
    try:
        gedaan = controleer(basis)
    except ScenarioFout as fout:
        _meld(fout, "een variant of trekking van het scenario is ongeldig.")
    sc = basis.scenario
    woningen = sum(r.woningen or 0 for p in sc.panden for r in p.transformatie.programma)
    _console().print(
        f"[green]geldig[/green]: {veilig(sc.naam)} — {len(sc.panden)} panden, {woningen} woningen, "
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
) -> None:
    """Druk het JSON Schema van het scenarioformaat af (voor validatie en autocompletion in editors)."""
    from .schema.documentatie import scenario_markdown
    from .schema.jsonschema import json_schema_tekst

    tekst = scenario_markdown() if markdown else json_schema_tekst()
    if uitvoer is None or str(uitvoer) == "-":
        _stdout(tekst)
    else:
        _schrijf((uitvoer, tekst.encode("utf-8")))
        _console().print(f"schema geschreven naar {veilig(str(uitvoer))}")


@app.command("init")
def init(
    pad: Annotated[
        Path,
        typer.Argument(
            help="Pad van het nieuwe scenariobestand ('-': naar de terminal).", show_default=False
        ),
    ],
    overschrijf: Annotated[
        bool, typer.Option("--overschrijf", help="Overschrijf een bestaand bestand.")
    ] = False,
) -> None:
    """Schrijf een startscenario met toelichting bij elke sleutel."""
    from importlib.resources import files

    sjabloon = files("transformatiecalc").joinpath("data/start.yaml").read_bytes()
    if str(pad) == "-":
        _stdout(sjabloon.decode("utf-8"))
        return
    if pad.exists() and not overschrijf:
        _console(stderr=True).print(
            f"[red]fout[/red] {veilig(str(pad))} bestaat al; kies een ander pad of gebruik --overschrijf"
        )
        raise typer.Exit(ONGELDIG)
    _schrijf((pad, sjabloon))
    _console().print(
        f"startscenario geschreven naar {veilig(str(pad))}; reken het door met "
        f"transformatiecalc run {veilig(str(pad))}"
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
    ("is not in the range", "ligt niet in het bereik"),
    # typer checks min/max and types with pydantic-style texts
    ("Input should be less than or equal to", "mag hoogstens zijn:"),
    ("Input should be greater than or equal to", "moet minstens zijn:"),
    ("Input should be less than", "moet kleiner zijn dan"),
    ("Input should be greater than", "moet groter zijn dan"),
    (
        "Input should be a valid integer, unable to parse string as an integer",
        "verwacht een geheel getal",
    ),
    ("Input should be a valid integer", "verwacht een geheel getal"),
    ("Input should be a valid number, unable to parse string as a number", "verwacht een getal"),
    ("Input should be a valid number", "verwacht een getal"),
    ("Input should be a valid boolean", "verwacht ja of nee"),
    ("is not a valid integer", "is geen geheel getal"),
    ("is not a valid float", "is geen getal"),
    ("is not a valid boolean", "is geen ja/nee-waarde"),
    ("does not exist", "bestaat niet"),
    ("Option '", "optie '"),
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


def _sigterm(signum: int, frame: Any) -> NoReturn:
    """SIGTERM or SIGHUP as an exception, so that temporary files are removed on the way out."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and ``python -m transformatiecalc``."""
    _vertaal_hulp()
    for sein in ("SIGTERM", "SIGHUP"):  # a kill, a closed terminal (SIGHUP: not on Windows)
        nummer = getattr(signal, sein, None)
        if nummer is not None and signal.getsignal(nummer) is signal.SIG_DFL:
            signal.signal(nummer, _sigterm)
    if not os.environ.get("TRANSFORMATIECALC_DEBUG"):
        # Python's warnings are for developers (English, with file and line); what a user
        # must know is said in Dutch by the tool itself (waarschuwingen, "let op:")
        warnings.simplefilter("ignore")
    _GESLOTEN.clear()
    if sys.stderr is None:  # started with a closed stream (>&-): nowhere to report to
        _GESLOTEN.add("stderr")
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as sys
    if sys.stdout is None:  # what would be printed is lost: that is exit 1, said on stderr
        _GESLOTEN.add("stdout")
        sys.stdout = _GeslotenUitvoer()
    uitkomst = _main(argv)
    try:
        sys.stdout.flush()
    except OSError:  # a full or closed stdout noticed only now: say so rather than Python
        _stdout_weg()
        _console(stderr=True).print(f"[red]fout[/red] {_STDOUT_WEG}")
        return ONGELDIG
    return uitkomst


class _GeslotenUitvoer(io.TextIOBase):
    """Stands in for a stdout that was closed at start: writing to it fails as writing to
    the closed descriptor would (EBADF), so the command stops with exit 1 and a message."""

    def write(self, tekst: str) -> int:
        if not tekst:
            return 0
        raise OSError(errno.EBADF, "stdout is gesloten")

    def writable(self) -> bool:
        return True


#: Standard streams that were closed when the program started.
_GESLOTEN: set[str] = set()
_STDOUT_WEG = "kan niet naar de terminal (stdout) schrijven: de uitvoer is vol of gesloten"


def _main(argv: list[str] | None) -> int:
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
            fouten.print(f"[red]gebruiksfout[/red] {veilig(_vertaal_gebruik(tekst))}")
            fouten.print("Zie 'transformatiecalc --help'.")
        return GEBRUIK
    except klikfout as fout:
        _console(stderr=True).print(f"[red]fout[/red] {veilig(fout.format_message())}")  # type: ignore[attr-defined]
        return ONGELDIG
    except typer.Abort:
        return 130
    except MemoryError:
        _console(stderr=True).print(
            "[red]fout[/red] onvoldoende geheugen voor deze berekening; reken minder panden of "
            "trekkingen tegelijk (bijv. --per-blok), of sla de Excel-uitvoer over"
        )
        return ONGELDIG
    except BrokenPipeError:  # the reader of stdout went away (| head): nothing more to say
        _stdout_weg()
        return ONGELDIG
    except OSError as fout:
        # files are read and written through toegang and bestanden, which turn every
        # OSError into a message; one that reaches here came from writing to the terminal
        if fout.errno not in (errno.ENOSPC, errno.EBADF, errno.EIO):
            raise
        _stdout_weg()
        _console(stderr=True).print(f"[red]fout[/red] {_STDOUT_WEG}")
        return ONGELDIG
    except Exception as fout:  # a bug: say so in Dutch, without a traceback unless asked
        if os.environ.get("TRANSFORMATIECALC_DEBUG"):
            raise
        _console(stderr=True).print(
            f"[red]interne fout[/red] {veilig(type(fout).__name__)}: {veilig(str(fout))}\n"
            "Dit is een fout in transformatiecalc, niet in uw scenario. Meld het met dit bericht; "
            "zet TRANSFORMATIECALC_DEBUG=1 voor de volledige traceback."
        )
        return INTERN
    return uitkomst if isinstance(uitkomst, int) else OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
