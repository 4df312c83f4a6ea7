"""The commands over many versions of a scenario (METHODE §8): ``vergelijk``, ``gevoelig``
and ``onzeker``. Each is a plain function; :mod:`transformatiecalc.cli` registers it.

The three share their steps: read the style and the scenario files before calculating
(:func:`_lees_basissen`), calculate with Dutch errors (:func:`_analyse_rekenen`), and hand
the JSON, workbook, charts and tables to the request (:func:`_schrijf_analyse`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from ..fouten import ScenarioFout
from ..uitvoer.veilig import veilig
from .opdrachten import SCENARIO
from .terminal import ONGELDIG, console, meld, stop
from .verzoek import UITVOER, Verzoek, maak_optie, met_verzoek

if TYPE_CHECKING:
    from ..analyse.gevoeligheid import Bereik, Raster, Tornado
    from ..analyse.onzekerheid import MonteCarlo
    from ..analyse.reeks import Basis
    from ..analyse.uitvoerder import Uitvoerder
    from ..schema import Onzekerheid, Scenario
    from ..uitvoer.excel.analyse import Schrijver
    from ..uitvoer.huisstijl import Huisstijl

# ------------------------------------------------------------ the commands' own options
PARAMETERS = Annotated[
    list[str] | None,
    maak_optie(
        "--parameter",
        "-p",
        hulp=(
            "Tornado: PAD=±20% (relatief), PAD=±0.01 (absoluut) of PAD=LAAG:HOOG; "
            "herhaal voor meer parameters."
        ),
        metavar="PAD=BEREIK",
    ),
]
RASTER = Annotated[
    list[str] | None,
    maak_optie(
        "--raster",
        hulp="Raster van twee parameters: geef --raster twee keer (zelfde notatie).",
        metavar="PAD=BEREIK",
    ),
]
STAPPEN = Annotated[
    int, typer.Option("--stappen", help="Punten per as van het raster.", min=2, max=50)
]
UITKOMST = Annotated[
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
]
SCENARIO_MET_ONZEKERHEID = Annotated[
    Path,
    typer.Argument(
        help="Het scenariobestand (YAML) met een sectie onzekerheid.", show_default=False
    ),
]
TREKKINGEN = Annotated[
    int | None,
    maak_optie(
        "--trekkingen",
        "-n",
        hulp="Aantal trekkingen (anders uit het scenario).",
        minimum=2,
        maximum=1_000_000,
    ),
]
SEED = Annotated[
    int | None,
    maak_optie(
        "--seed", hulp="Startwaarde van de toevalsgenerator (anders uit het scenario).", minimum=0
    ),
]
PER_BLOK = Annotated[
    int | None,
    maak_optie(
        "--per-blok", hulp="Trekkingen per rekenblok (anders naar geheugen, ±256 MB).", minimum=1
    ),
]
DASK = Annotated[
    str | None,
    maak_optie(
        "--dask",
        hulp=(
            "Reken de blokken als taken op een draaiend Dask-cluster: het adres van de "
            "scheduler, bijv. tcp://scheduler:8786. De werkers hebben dezelfde versie van "
            "transformatiecalc nodig; vraagt de extra \\[dask]."
        ),
        metavar="ADRES",
    ),
]
WERKERS = Annotated[
    int | None,
    maak_optie(
        "--werkers",
        hulp=(
            "Reken de blokken in N processen op deze machine (een lokaal Dask-cluster); "
            "vraagt de extra \\[dask]."
        ),
        metavar="N",
        minimum=1,
        maximum=1024,
    ),
]
TREKKINGEN_NAAR = Annotated[
    Path | None,
    maak_optie(
        "--trekkingen-naar",
        hulp="Schrijf elke trekking (parameters en uitkomsten) naar .csv of .parquet.",
        metavar="PAD",
    ),
]


# ------------------------------------------------------------ steps the commands share
def _lees_basissen(verzoek: Verzoek, paden: Sequence[Path]) -> tuple[Huisstijl, list[Basis]]:
    """The workbook style and every scenario file, all read (and the outputs checked against
    them) before anything is calculated; an invalid file stops with its located messages."""
    stijl = verzoek.huisstijl()
    basissen = [verzoek.lezer.basis(pad) for pad in paden]
    verzoek.controleer()
    return stijl, basissen


def _analyse_rekenen(functie: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an analysis; a replica that the schema refuses is a located, Dutch error."""
    from ..schema.paden import PadFout

    try:
        return functie(*args, **kwargs)
    except ScenarioFout as fout:
        meld(fout, "een versie van het scenario is ongeldig; niets geschreven.")
    except PadFout as fout:
        raise typer.BadParameter(str(fout)) from None


def _controleer_dask(adres: str | None, werkers: int | None) -> None:
    """Before anything is read: --dask and --werkers together is a usage error (exit 2); either
    without the extra installed is exit 1 with how to install it."""
    if adres is not None and werkers is not None:
        raise typer.BadParameter(
            "geef --dask (een bestaand cluster) of --werkers (een cluster op deze machine), "
            "niet allebei",
            param_hint="'--werkers'",
        )
    if adres is None and werkers is None:
        return
    from importlib.util import find_spec

    from ..analyse.uitvoerder import INSTALLEER

    if find_spec("distributed") is None:
        stop(
            f"{'--dask' if adres is not None else '--werkers'} rekent met Dask, en dat is niet "
            f"geïnstalleerd; installeer de extra: {INSTALLEER}"
        )


@contextmanager
def _uitvoerder(adres: str | None, werkers: int | None) -> Iterator[Uitvoerder | None]:
    """Where the blocks run: here (None), on the scheduler at `adres`, or on a local cluster of
    `werkers` processes; the cluster is closed on the way out (also on an error or Ctrl-C)."""
    if adres is None and werkers is None:
        yield None
        return
    from ..analyse.uitvoerder import DaskFout, dask_uitvoerder

    with ExitStack() as stapel:
        try:
            uitvoerder = stapel.enter_context(dask_uitvoerder(adres, werkers))
        except DaskFout as fout:
            stop(str(fout))
        yield uitvoerder


def _schrijf_analyse(
    verzoek: Verzoek,
    scenario: Scenario,
    stijl: Huisstijl,
    *,
    blad: str,
    titel: str,
    json: Callable[[], dict[str, Any]],
    schrijver: Callable[[dict[str, bytes]], Schrijver],
    grafieken: Callable[[], dict[str, bytes]],
    toon: Callable[[Console], None],
) -> None:
    """Hand an analysis's outputs to the request, each computed only when asked for: the JSON,
    a workbook titled `titel` with sheet `blad` (beside the base `scenario`'s Uitgangspunten),
    the charts and the terminal tables."""
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import analyse_werkboek

    verzoek.voer_uit(
        lambda: ua.als_tekst(json()),
        lambda pngs: analyse_werkboek(scenario, [(blad, schrijver(pngs))], stijl, titel),
        grafieken,
        toon,
    )


# ------------------------------------------------------------ vergelijk
@met_verzoek(*UITVOER)
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
    breed: Annotated[
        bool,
        typer.Option(
            "--breed",
            help="Toon alle kengetallen, in euro's en met het verschil tegen de eerste versie.",
        ),
    ] = False,
    dask: DASK = None,
    werkers: WERKERS = None,
    *,
    verzoek: Verzoek,
) -> None:
    """Zet scenario's en hun varianten naast elkaar: per groep kengetallen (totalen,
    programma, fonds) een blok met de versies als kolommen; --breed voor alles."""
    from ..analyse import varianten as va
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import varianten_blad

    _controleer_dask(dask, werkers)
    stijl, basissen = _lees_basissen(verzoek, scenarios)
    with _uitvoerder(dask, werkers) as uitvoerder:
        lijst = _analyse_rekenen(va.versies, basissen, uitvoerder)
    v = va.vergelijk(lijst)
    _schrijf_analyse(
        verzoek,
        lijst[0].resultaat.scenario,
        stijl,
        blad="Varianten",
        titel="Vergelijking",
        json=lambda: ua.vergelijking_json(v),
        schrijver=lambda pngs: varianten_blad(v, pngs),
        grafieken=lambda: ua.grafieken_vergelijking(v, stijl),
        toon=lambda console: ua.toon_vergelijking(v, console, per_pand, breed),
    )


# ------------------------------------------------------------ gevoelig
@met_verzoek(*UITVOER)
def gevoelig(
    scenario: SCENARIO,
    parameter: PARAMETERS = None,
    raster_: RASTER = None,
    stappen: STAPPEN = 5,
    uitkomst: UITKOMST = "onrendabele_top",
    dask: DASK = None,
    werkers: WERKERS = None,
    *,
    verzoek: Verzoek,
) -> None:
    """Gevoeligheid: tornado (één parameter tegelijk) en raster (twee parameters) op een uitkomst."""
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import gevoeligheid_blad

    _controleer_parameters(parameter, raster_)
    _controleer_dask(dask, werkers)
    stijl, (basis,) = _lees_basissen(verzoek, [scenario])
    bereiken, assen = _bereiken(basis, parameter or [], raster_ or [])
    with _uitvoerder(dask, werkers) as uitvoerder:
        t, r = _tornado_en_raster(basis, bereiken, assen, uitkomst, stappen, uitvoerder)

    def toon(console: Console) -> None:
        if t is not None:
            ua.toon_tornado(t, console)
        if r is not None:
            ua.toon_raster(r, console)

    _schrijf_analyse(
        verzoek,
        basis.scenario,
        stijl,
        blad="Gevoeligheid",
        titel="Gevoeligheid",
        json=lambda: ua.gevoeligheid_json(t, r),
        schrijver=lambda pngs: gevoeligheid_blad(t, r, pngs),
        grafieken=lambda: ua.grafieken_gevoeligheid(t, r, stijl),
        toon=toon,
    )


def _controleer_parameters(parameter: list[str] | None, raster_: list[str] | None) -> None:
    """Usage errors (exit 2): no parameter at all, or a grid that is not two parameters."""
    if not parameter and not raster_:
        raise typer.BadParameter(
            "geef ten minste één --parameter PAD=BEREIK, of twee keer --raster",
            param_hint="'--parameter'",
        )
    if raster_ and len(raster_) != 2:
        raise typer.BadParameter(
            "een raster vraagt precies twee keer --raster", param_hint="'--raster'"
        )


def _bereiken(
    basis: Basis, parameter: list[str], raster_: list[str]
) -> tuple[list[Bereik], list[Bereik]]:
    """Every range parsed (tornado first, then the grid's axes) before anything is computed."""
    from ..analyse import gevoeligheid as ge

    bereiken = [_analyse_rekenen(ge.bereik, basis, t) for t in parameter]
    assen = [_analyse_rekenen(ge.bereik, basis, t, "--raster") for t in raster_]
    return bereiken, assen


def _tornado_en_raster(
    basis: Basis,
    bereiken: list[Bereik],
    assen: list[Bereik],
    uitkomst: str,
    stappen: int,
    uitvoerder: Uitvoerder | None,
) -> tuple[Tornado | None, Raster | None]:
    """The tornado and the grid that were asked for (None for the other)."""
    from ..analyse import gevoeligheid as ge

    t = (
        _analyse_rekenen(ge.tornado, basis, bereiken, uitkomst, None, uitvoerder)
        if bereiken
        else None
    )
    r = (
        _analyse_rekenen(ge.raster, basis, *assen, uitkomst, stappen, None, uitvoerder)
        if assen
        else None
    )
    return t, r


# ------------------------------------------------------------ onzeker
@met_verzoek(*UITVOER)
def onzeker(
    scenario: SCENARIO_MET_ONZEKERHEID,
    trekkingen: TREKKINGEN = None,
    seed: SEED = None,
    per_blok: PER_BLOK = None,
    trekkingen_naar: TREKKINGEN_NAAR = None,
    per_pand: Annotated[
        bool, typer.Option("--per-pand", help="Toon ook P5/P50/P95 en P(ORT > 0) per pand.")
    ] = False,
    dask: DASK = None,
    werkers: WERKERS = None,
    *,
    verzoek: Verzoek,
) -> None:
    """Monte Carlo over de sectie onzekerheid: P5/P50/P95 van totalen, fondskengetallen en ORT
    per pand, P(ORT > 0), per fonds P(kas onder nul) en P(verlies van een leningtranche)."""
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import onzekerheid_blad

    if trekkingen_naar is not None:
        if trekkingen_naar.suffix.lower() not in (".csv", ".parquet"):
            raise typer.BadParameter(
                "de trekkingen gaan naar een .csv- of .parquet-bestand",
                param_hint="'--trekkingen-naar'",
            )
        verzoek.extra.append(
            (
                "--trekkingen-naar",
                trekkingen_naar,
                lambda: _trekkingen_bytes(mc.uitkomsten(), trekkingen_naar),
            )
        )
    _controleer_dask(dask, werkers)
    stijl, (basis,) = _lees_basissen(verzoek, [scenario])
    o = _sectie_onzekerheid(basis, scenario)
    with _uitvoerder(dask, werkers) as uitvoerder:
        mc = _trek(basis, trekkingen or o.trekkingen, seed, per_blok, verzoek.stil, uitvoerder)
    parameters = {k: v.model_dump() for k, v in o.parameters.items()}
    _schrijf_analyse(
        verzoek,
        basis.scenario,
        stijl,
        blad="Onzekerheid",
        titel="Onzekerheid",
        json=lambda: ua.onzekerheid_json(mc, parameters),
        schrijver=lambda pngs: onzekerheid_blad(mc, parameters, pngs),
        grafieken=lambda: ua.grafieken_onzekerheid(mc, stijl),
        toon=lambda console: ua.toon_monte_carlo(mc, console, per_pand),
    )


def _sectie_onzekerheid(basis: Basis, pad: Path) -> Onzekerheid:
    """The scenario's section onzekerheid; without one, a message and exit 1."""
    o = basis.scenario.onzekerheid
    if o is None:
        console(stderr=True).print(
            f"[red]fout[/red] {veilig(str(pad))} heeft geen sectie onzekerheid; zie "
            "docs/scenario.md#onzekerheid"
        )
        raise typer.Exit(ONGELDIG)
    return o


def _trek(
    basis: Basis,
    aantal: int,
    seed: int | None,
    per_blok: int | None,
    stil: bool,
    uitvoerder: Uitvoerder | None = None,
) -> MonteCarlo:
    """The Monte Carlo draws, with a progress bar on stderr from 200 draws on (not with
    --stil), moved by each block as it completes (here or as a Dask task); the bar is gone
    when they are done."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from ..analyse import onzekerheid as oz

    with Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
        disable=stil or aantal < 200,
    ) as balk:
        taak = balk.add_task("trekkingen", total=aantal)
        mc: MonteCarlo = _analyse_rekenen(
            oz.monte_carlo,
            basis,
            aantal,
            seed,
            per_blok,
            lambda n: balk.advance(taak, n),
            uitvoerder=uitvoerder,
        )
    return mc


def _trekkingen_bytes(tabel: Any, pad: Path) -> bytes:
    """The draws as CSV (always) or Parquet (when pyarrow is installed)."""
    import io

    if pad.suffix.lower() == ".csv":
        return str(tabel.to_csv(lineterminator="\n")).encode("utf-8")
    try:
        buffer = io.BytesIO()
        tabel.to_parquet(buffer)
    except ImportError:
        console(stderr=True).print(
            "[red]fout[/red] Parquet vraagt het pakket pyarrow (pip install pyarrow); of schrijf "
            "naar .csv"
        )
        raise typer.Exit(ONGELDIG) from None
    return buffer.getvalue()
