"""The commands over many versions of a scenario (METHODE §8): ``vergelijk``, ``gevoelig``
and ``onzeker``. Each is a plain function; :mod:`transformatiecalc.cli` registers it.

Their options and the steps they share are in :mod:`.analysehulp`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console

from ..uitvoer.veilig import veilig
from .analysehulp import (
    DASK,
    PARAMETERS,
    PER_BLOK,
    RASTER,
    SCENARIO_MET_ONZEKERHEID,
    SEED,
    STAPPEN,
    TREKKINGEN,
    TREKKINGEN_NAAR,
    UITKOMST,
    WERKERS,
    analyse_rekenen,
    controleer_dask,
    lees_basissen,
    schrijf_analyse,
    uitvoering,
)
from .opdrachten import SCENARIO
from .terminal import ONGELDIG, console
from .verzoek import UITVOER, Verzoek, met_verzoek

if TYPE_CHECKING:
    from ..analyse.gevoeligheid import Bereik, Raster, Tornado
    from ..analyse.onzekerheid import MonteCarlo
    from ..analyse.reeks import Basis
    from ..analyse.uitvoerder import Uitvoerder
    from ..schema import Onzekerheid


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

    controleer_dask(dask, werkers)
    stijl, basissen = lees_basissen(verzoek, scenarios)
    with uitvoering(dask, werkers) as uitvoerder:
        lijst = analyse_rekenen(va.versies, basissen, uitvoerder)
    v = va.vergelijk(lijst)
    schrijf_analyse(
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
    controleer_dask(dask, werkers)
    stijl, (basis,) = lees_basissen(verzoek, [scenario])
    bereiken, assen = _bereiken(basis, parameter or [], raster_ or [])
    with uitvoering(dask, werkers) as uitvoerder:
        t, r = _tornado_en_raster(basis, bereiken, assen, uitkomst, stappen, uitvoerder)

    def toon(console: Console) -> None:
        if t is not None:
            ua.toon_tornado(t, console)
        if r is not None:
            ua.toon_raster(r, console)

    schrijf_analyse(
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

    bereiken = [analyse_rekenen(ge.bereik, basis, t) for t in parameter]
    assen = [analyse_rekenen(ge.bereik, basis, t, "--raster") for t in raster_]
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
        analyse_rekenen(ge.tornado, basis, bereiken, uitkomst, None, uitvoerder)
        if bereiken
        else None
    )
    r = (
        analyse_rekenen(ge.raster, basis, *assen, uitkomst, stappen, None, uitvoerder)
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
    controleer_dask(dask, werkers)
    stijl, (basis,) = lees_basissen(verzoek, [scenario])
    o = _sectie_onzekerheid(basis, scenario)
    with uitvoering(dask, werkers) as uitvoerder:
        mc = _trek(basis, trekkingen or o.trekkingen, seed, per_blok, verzoek.stil, uitvoerder)
    parameters = {k: v.model_dump() for k, v in o.parameters.items()}
    schrijf_analyse(
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
        mc: MonteCarlo = analyse_rekenen(
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
