"""What the commands over many versions of a scenario (:mod:`.analyses`: ``vergelijk``,
``gevoelig``, ``onzeker``) share: their own options, declared once, and their steps — read the
style and the scenario files before calculating (:func:`lees_basissen`), calculate with Dutch
errors (:func:`analyse_rekenen`), run the blocks here or on Dask (:func:`controleer_dask`,
:func:`uitvoering`), and hand the JSON, workbook, charts and tables to the request
(:func:`schrijf_analyse`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from ..fouten import ScenarioFout
from .terminal import meld, stop
from .verzoek import Verzoek, maak_optie

if TYPE_CHECKING:
    from ..analyse.reeks import Basis
    from ..analyse.uitvoerder import Uitvoerder
    from ..schema import Scenario
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
def lees_basissen(verzoek: Verzoek, paden: Sequence[Path]) -> tuple[Huisstijl, list[Basis]]:
    """The workbook style and every scenario file, all read (and the outputs checked against
    them) before anything is calculated; an invalid file stops with its located messages."""
    stijl = verzoek.huisstijl()
    basissen = [verzoek.lezer.basis(pad) for pad in paden]
    verzoek.controleer()
    return stijl, basissen


def analyse_rekenen(functie: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an analysis; a replica that the schema refuses is a located, Dutch error."""
    from ..schema.paden import PadFout

    try:
        return functie(*args, **kwargs)
    except ScenarioFout as fout:
        meld(fout, "een versie van het scenario is ongeldig; niets geschreven.")
    except PadFout as fout:
        raise typer.BadParameter(str(fout)) from None


def controleer_dask(adres: str | None, werkers: int | None) -> None:
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
def uitvoering(adres: str | None, werkers: int | None) -> Iterator[Uitvoerder | None]:
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


def schrijf_analyse(
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
