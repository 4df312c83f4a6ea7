"""The commands over many versions of a scenario (METHODE §8): ``vergelijk``, ``gevoelig``
and ``onzeker``. Each is a plain function; :mod:`transformatiecalc.cli` registers it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..fouten import ScenarioFout
from ..uitvoer.veilig import veilig
from .opdrachten import SCENARIO
from .terminal import ONGELDIG, console, meld
from .verzoek import UITVOER, Verzoek, met_verzoek


def _analyse_rekenen(functie: Any, *args: Any, **kwargs: Any) -> Any:
    """Run an analysis; a replica that the schema refuses is a located, Dutch error."""
    from ..schema.paden import PadFout

    try:
        return functie(*args, **kwargs)
    except ScenarioFout as fout:
        meld(fout, "een versie van het scenario is ongeldig; niets geschreven.")
    except PadFout as fout:
        raise typer.BadParameter(str(fout)) from None


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
    *,
    verzoek: Verzoek,
) -> None:
    """Zet scenario's en hun varianten naast elkaar: totalen, fondskengetallen en ORT per pand,
    met het verschil tegen de eerste."""
    from ..analyse import varianten as va
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import analyse_werkboek, varianten_blad

    stijl = verzoek.huisstijl()
    basissen = [verzoek.lezer.basis(pad) for pad in scenarios]  # all checked before calculating
    verzoek.controleer()
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


@met_verzoek(*UITVOER)
def gevoelig(
    scenario: SCENARIO,
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
    *,
    verzoek: Verzoek,
) -> None:
    """Gevoeligheid: tornado (één parameter tegelijk) en raster (twee parameters) op een uitkomst."""
    from ..analyse import gevoeligheid as ge
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import analyse_werkboek, gevoeligheid_blad

    if not parameter and not raster_:
        raise typer.BadParameter(
            "geef ten minste één --parameter PAD=BEREIK, of twee keer --raster",
            param_hint="'--parameter'",
        )
    if raster_ and len(raster_) != 2:
        raise typer.BadParameter(
            "een raster vraagt precies twee keer --raster", param_hint="'--raster'"
        )
    stijl = verzoek.huisstijl()
    basis = verzoek.lezer.basis(scenario)
    verzoek.controleer()
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


@met_verzoek(*UITVOER)
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
    *,
    verzoek: Verzoek,
) -> None:
    """Monte Carlo over de sectie onzekerheid: P5/P50/P95 van totalen, fondskengetallen en ORT
    per pand, P(ORT > 0), per fonds P(kas onder nul) en P(verlies van een leningtranche)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from ..analyse import onzekerheid as oz
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import analyse_werkboek, onzekerheid_blad

    if trekkingen_naar is not None and trekkingen_naar.suffix.lower() not in (".csv", ".parquet"):
        raise typer.BadParameter(
            "de trekkingen gaan naar een .csv- of .parquet-bestand",
            param_hint="'--trekkingen-naar'",
        )
    stijl = verzoek.huisstijl()
    basis = verzoek.lezer.basis(scenario)
    if trekkingen_naar is not None:
        verzoek.extra.append(
            (
                "--trekkingen-naar",
                trekkingen_naar,
                lambda: _trekkingen_bytes(mc.uitkomsten(), trekkingen_naar),
            )
        )
    verzoek.controleer()
    o = basis.scenario.onzekerheid
    if o is None:
        console(stderr=True).print(
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
        console=console(stderr=True),
        transient=True,
        disable=verzoek.stil or aantal < 200,
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
        console(stderr=True).print(
            "[red]fout[/red] Parquet vraagt het pakket pyarrow (pip install pyarrow); of schrijf "
            "naar .csv"
        )
        raise typer.Exit(ONGELDIG) from None
    return buffer.getvalue()
