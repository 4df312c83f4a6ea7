"""``transformatiecalc app``: start the web application (optional extra ``[app]``)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .terminal import ONGELDIG, console, stop


def app(
    map_: Annotated[
        Path,
        typer.Argument(
            help="De map met scenario's; de app leest en schrijft alleen daarin.",
            metavar="MAP",
            show_default="de werkmap",
        ),
    ] = Path("."),
    host: Annotated[
        str,
        typer.Option(
            "--host",
            help=(
                "Adres om op te luisteren; standaard alleen deze computer (127.0.0.1). Een ander "
                "adres (voor een team) vraagt een toegangscode: --token, of er wordt er een gemaakt."
            ),
        ),
    ] = "127.0.0.1",
    poort: Annotated[int, typer.Option("--poort", help="Poort.", min=1, max=65535)] = 8765,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", help="Toegangscode die elke bezoeker moet meegeven.", show_default=False
        ),
    ] = None,
    geen_browser: Annotated[
        bool, typer.Option("--geen-browser", help="Open de browser niet.")
    ] = False,
) -> None:
    """Start de webapp op deze computer: scenario's openen, bewerken, doorrekenen en vergelijken."""
    try:
        from ..app import start
    except ImportError:
        console(stderr=True).print(
            "[red]fout[/red] de app vraagt de extra 'app': pip install \"transformatiecalc[app]\""
        )
        raise typer.Exit(ONGELDIG) from None
    if not map_.is_dir():
        stop(f"{map_} is geen map")
    if not host.strip():
        # an empty $HOST in a script would otherwise open the app to every network
        stop(
            "--host is leeg; geef een adres: 127.0.0.1 voor alleen deze computer, 0.0.0.0 voor "
            "alle netwerken (met toegangscode)"
        )
    if token is not None and len(token) < 12:
        stop("een toegangscode (--token) is ten minste 12 tekens lang")
    try:
        start(map_, host, poort, token, not geen_browser)
    except OSError as fout:
        stop(f"de app kan niet starten op {host}:{poort}: {fout.strerror or fout}")
    except KeyboardInterrupt:
        pass
