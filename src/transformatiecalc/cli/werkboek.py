"""The command ``uit-werkboek``: the inputs changed in a workbook, back into a scenario.

No calculation happens here; :mod:`..laden.werkboek` reads the workbook.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..fouten import ScenarioFout
from ..uitvoer.bestanden import botsingen
from ..uitvoer.veilig import veilig
from .opdrachten import OVERSCHRIJF
from .terminal import bestaat_al, console, meld, schrijf
from .verzoek import GEDEELD, maak_optie

if TYPE_CHECKING:
    from ..laden.werkboek import Terugweg

_TOEGANG = GEDEELD["toegang"]


def uit_werkboek(
    werkboek: Annotated[
        Path,
        typer.Argument(
            help="Het werkboek (.xlsx) dat 'transformatiecalc run -o' schreef, met gewijzigde "
            "invoer op het blad Uitgangspunten.",
            show_default=False,
        ),
    ],
    uitvoer: Annotated[
        Path,
        maak_optie(
            "--uitvoer",
            "-o",
            hulp="Schrijf de variant (YAML) naar dit pad; hij erft_van het oorspronkelijke "
            "scenario en noemt alleen wat in het werkboek is gewijzigd.",
            metavar="PAD.yaml",
        ),
    ],
    basis: Annotated[
        Path | None,
        maak_optie(
            "--basis",
            hulp="Het oorspronkelijke scenario, als het niet staat waar het werkboek zegt "
            "(het pad op het Voorblad, vanuit de werkmap of naast het werkboek).",
            metavar="PAD",
        ),
    ] = None,
    overschrijf: OVERSCHRIJF = False,
    toegang: Annotated[
        list[Path] | None,
        maak_optie(
            *_TOEGANG[3],
            hulp="Sta het oorspronkelijke scenario dat het werkboek noemt, en waarvan het "
            "erft, ook in deze map toe (naast de map van het werkboek en de werkmap); herhaal "
            "voor meer mappen. Met --basis kies je het zelf.",
            metavar=_TOEGANG[4],
        ),
    ] = None,
) -> None:
    """Lees de gewijzigde invoer van een werkboek terug als variant van het scenario.

    De variant erft_van het oorspronkelijke scenario en noemt alleen wat op het blad
    Uitgangspunten is gewijzigd; hij wordt gecontroleerd zoals elk scenario en een fout noemt
    de cel (Uitgangspunten!B18)."""
    from ..laden.werkboek import als_yaml

    terug = _lees(werkboek, uitvoer, basis, toegang or ())
    meldingen = botsingen([("-o", uitvoer)], [Path(werkboek), *terug.gelezen])
    if meldingen:
        raise typer.BadParameter("; ".join(meldingen))
    if os.path.lexists(uitvoer) and not overschrijf:
        bestaat_al(uitvoer)
    schrijf((uitvoer, als_yaml(terug, str(werkboek)).encode("utf-8")))
    _zeg_geschreven(terug, uitvoer)


def _lees(werkboek: Path, uitvoer: Path, basis: Path | None, toegang: Sequence[Path]) -> Terugweg:
    """The workbook's changes as a variant to be written at `uitvoer` (a .yaml path); an
    error in the workbook stops with its located messages (exit 1)."""
    from ..laden.werkboek import lees_werkboek

    if uitvoer.suffix.lower() not in (".yaml", ".yml"):
        raise typer.BadParameter(
            "de variant is een scenario: geef een pad dat eindigt op .yaml", param_hint="'-o'"
        )
    try:
        return lees_werkboek(werkboek, uitvoer, basis, toegang)
    except ScenarioFout as fout:
        n = len(fout.meldingen)
        meld(
            fout, f"{n} {'fout' if n == 1 else 'fouten'} in het werkboek; geen variant geschreven."
        )


def _zeg_geschreven(terug: Terugweg, uitvoer: Path) -> None:
    """The changes read (cell, path, old → new), the warnings, and where the variant went."""
    from ..laden.werkboek import toon

    uit = console()
    if terug.wijzigingen:
        n = len(terug.wijzigingen)
        uit.print(f"{n} {'wijziging' if n == 1 else 'wijzigingen'} in het werkboek:")
        for w in terug.wijzigingen:
            uit.print(
                f"  {veilig(w.cel)}  {veilig(w.pad)}: {veilig(toon(w.was))} → {veilig(toon(w.wordt))}"
            )
    else:
        uit.print(
            "geen gewijzigde invoer in het werkboek: de variant is gelijk aan het "
            "oorspronkelijke scenario"
        )
    for tekst in terug.waarschuwingen:
        console(stderr=True).print(f"[yellow]let op:[/yellow] {veilig(tekst)}")
    uit.print(
        f"geschreven — variant: {veilig(str(uitvoer))} (erft_van: "
        f"{veilig(terug.variant['erft_van'])}); reken hem door met transformatiecalc run "
        f"{veilig(str(uitvoer))}"
    )
