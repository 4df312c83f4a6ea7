"""What a command was asked for: the options several commands share (declared once, here),
the input files it read and the outputs it must write, as one :class:`Verzoek`."""

from __future__ import annotations

import contextlib
import functools
import inspect
import os
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from ..fouten import ScenarioFout
from ..laden import laad_scenario
from ..toegang import Toegang
from ..uitvoer.bestanden import UitvoerFout, botsingen, in_map, in_nieuwe_map
from ..uitvoer.veilig import veilig
from .terminal import console, meld, schrijf, stdout, stop


@dataclass
class Lezer:
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
            meld(fout, slot.format(n=n, fouten="fout" if n == 1 else "fouten"))
        finally:
            self.invoer.extend(toegang.gelezen)

    def scenario(self, pad: Path) -> Any:
        return self.lees(pad, laad_scenario, "{n} {fouten} in het scenario; niets berekend.")

    def basis(self, pad: Path) -> Any:
        from ..analyse.reeks import Basis

        return self.lees(pad, Basis.laad, "{n} {fouten} in het scenario; niets berekend.")

    def huisstijl(self, pad: Path | None) -> Any:
        from ..uitvoer.huisstijl import Huisstijl, laad_huisstijl

        if pad is None:
            return Huisstijl()
        return self.lees(pad, laad_huisstijl, "het huisstijlsjabloon is ongeldig; niets berekend.")


@dataclass
class Verzoek:
    """The outputs one command was asked for, checked and written together, and the reader
    of its inputs (with the folders ``--toegang`` allows).

    Everything is computed before anything is written; no output may overwrite an input
    of the run or another output; ``--json -`` puts the JSON on stdout and still writes
    the files asked for (their 'geschreven' lines then go to stderr).
    """

    json_pad: Path | None = None
    excel: Path | None = None
    grafieken: Path | None = None
    stil: bool = False
    template: Path | None = None
    lezer: Lezer = field(default_factory=Lezer)
    extra: list[tuple[str, Path, Callable[[], bytes]]] = field(default_factory=list)
    invoer: list[Path] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.excel is not None and str(self.excel) == "-":
            raise typer.BadParameter(
                "een werkboek kan niet naar de terminal; geef een pad dat eindigt op .xlsx",
                param_hint="'-o'",
            )
        if self.excel is not None and self.excel.suffix.lower() != ".xlsx":
            raise typer.BadParameter(
                "het werkboek moet de extensie .xlsx hebben", param_hint="'-o'"
            )
        if self.grafieken is not None and str(self.grafieken) == "-":
            raise typer.BadParameter(
                "de grafieken gaan naar een map, niet naar de terminal; geef een map",
                param_hint="'--grafieken'",
            )

    @classmethod
    def uit_opties(
        cls,
        json_pad: Path | None = None,
        excel: Path | None = None,
        grafieken: Path | None = None,
        stil: bool = False,
        template: Path | None = None,
        toegang: list[Path] | None = None,
    ) -> Verzoek:
        """The request from the shared options as typer passes them."""
        return cls(json_pad, excel, grafieken, stil, template, Lezer(toegang or ()))

    @property
    def naar_stdout(self) -> bool:
        return self.json_pad is not None and str(self.json_pad) == "-"

    def huisstijl(self) -> Any:
        """The workbook style of ``--template`` (read under the access policy), or the default."""
        return self.lezer.huisstijl(self.template)

    def _vaste_doelen(self) -> list[tuple[str, Path]]:
        doelen = [(o, p) for o, p, _ in self.extra]
        if self.json_pad is not None and not self.naar_stdout:
            doelen.insert(0, ("--json", self.json_pad))
        if self.excel is not None:
            doelen.insert(0, ("-o", self.excel))
        return doelen

    def controleer(
        self, invoer: Sequence[Path] | None = None, grafieken: Sequence[str] = ()
    ) -> None:
        """Stop (exit 2) if an output would overwrite an input (default: every file read so
        far) or another output, or the folder of ``--grafieken`` is, or lies in, one of
        those files; `grafieken` are the chart names, once they are known."""
        self.invoer = list(self.lezer.invoer if invoer is None else invoer)
        doelen = self._vaste_doelen()
        mappen: list[tuple[str, Path]] = []
        if self.grafieken is not None:
            doelen += [("--grafieken", self.grafieken / naam) for naam in grafieken]
            mappen.append(("--grafieken", self.grafieken))
        meldingen = botsingen(doelen, self.invoer, mappen)
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
        map_: contextlib.AbstractContextManager[object] = contextlib.nullcontext()
        if self.grafieken is not None:
            self.controleer(self.invoer, list(pngs))
            try:
                doelen = [in_map(self.grafieken, naam) for naam in pngs]
            except UitvoerFout as fout:
                stop(str(fout))
            bestanden += [
                ("grafiek", pad, png) for pad, png in zip(doelen, pngs.values(), strict=True)
            ]
            map_ = in_nieuwe_map(self.grafieken)  # nothing written: not even the folder stays
        try:
            with map_:
                schrijf(*((pad, inhoud) for _, pad, inhoud in bestanden))
        except UitvoerFout as fout:  # the folder could not be made
            stop(str(fout))
        geschreven = [f"{wat}: {pad}" for wat, pad, _ in bestanden if wat != "grafiek"]
        if self.grafieken is not None:
            n = len(pngs)
            geschreven.append(f"{n} {'grafiek' if n == 1 else 'grafieken'}: {self.grafieken}")
        if self.naar_stdout:
            stdout(tekst)
        elif not self.stil:
            toon(console())
        for regel in geschreven:
            console(stderr=self.naar_stdout).print(f"geschreven — {veilig(regel)}")


def _met_waarschuwingen(
    werkboek: Callable[[dict[str, bytes]], bytes], pngs: dict[str, bytes]
) -> bytes:
    """The workbook's bytes; a text cut at Excel's cell limit is told on stderr, in Dutch."""
    from ..uitvoer.excel.blad import AfgekaptWaarschuwing

    with warnings.catch_warnings(record=True) as gezien:
        warnings.simplefilter("always", AfgekaptWaarschuwing)
        inhoud = werkboek(pngs)
    for w in gezien:
        if issubclass(w.category, AfgekaptWaarschuwing):
            console(stderr=True).print(f"[yellow]let op:[/yellow] {veilig(str(w.message))}")
    return inhoud


# ------------------------------------------------------------ shared options
def maak_optie(
    *namen: str,
    hulp: str,
    metavar: str | None = None,
    minimum: int | None = None,
    maximum: int | None = None,
) -> Any:
    """A typer option that shows no default, with an optional lower and upper bound
    (``--toegang`` also checks that each folder exists)."""
    return typer.Option(
        *namen,
        help=hulp,
        metavar=metavar,
        min=minimum,
        max=maximum,
        show_default=False,
        callback=controleer_mappen if "--toegang" in namen else None,
    )


def controleer_mappen(mappen: list[Path] | None) -> list[Path] | None:
    """Each ``--toegang MAP`` is an existing folder: a misspelt one would be ignored
    silently, and the file it was meant to allow refused with advice to use --toegang."""
    for m in mappen or ():
        try:
            bestaat, is_map = os.path.exists(m), os.path.isdir(m)
        except (OSError, ValueError):
            bestaat = is_map = False
        if not bestaat:
            raise typer.BadParameter(f"{m}: de map bestaat niet")
        if not is_map:
            raise typer.BadParameter(f"{m} is een bestand, geen map")
    return mappen


#: The options several commands share, each declared once: option → (parameter, type,
#: default, option names, metavar, help). A command may word the help its own way.
GEDEELD: dict[str, tuple[str, Any, Any, tuple[str, ...], str | None, str]] = {
    "json": (
        "json_pad",
        Path | None,
        None,
        ("--json",),
        "PAD",
        "Schrijf de uitkomsten als JSON naar dit pad ('-': naar de terminal).",
    ),
    "uitvoer": (
        "excel",
        Path | None,
        None,
        ("--uitvoer", "-o"),
        "PAD",
        "Schrijf een Excel-werkboek (.xlsx).",
    ),
    "grafieken": (
        "grafieken",
        Path | None,
        None,
        ("--grafieken",),
        "MAP",
        "Schrijf de grafieken als PNG in deze map.",
    ),
    "template": (
        "template",
        Path | None,
        None,
        ("--template",),
        "PAD",
        "Huisstijlsjabloon (YAML); zie templates/.",
    ),
    "stil": ("stil", bool, False, ("--stil", "-q"), None, "Geen tabel in de terminal."),
    "toegang": (
        "toegang",
        list[Path] | None,
        None,
        ("--toegang",),
        "MAP",
        "Sta erft_van, panden_uit en het logo van het sjabloon ook bestanden in deze map "
        "toe (naast de map van het scenario en de werkmap); herhaal voor meer mappen.",
    ),
}
#: The shared options of the commands that write outputs, in the order --help shows them.
UITVOER = ("json", "uitvoer", "grafieken", "template", "stil", "toegang")


def met_verzoek(
    *opties: str, hulp: dict[str, str] | None = None
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared `opties` (after its own, in this order) and hand it one
    :class:`Verzoek` built from them, as its keyword argument ``verzoek``.

    The command's own parameters stay in its signature; typer reads the combined one. The
    request is built before the command runs, so a wrong ``-o`` extension is the first
    message, as it always was."""

    def versier(opdracht: Callable[..., None]) -> Callable[..., None]:
        eigen = inspect.signature(opdracht, eval_str=True)
        parameters = [p for p in eigen.parameters.values() if p.name != "verzoek"]
        namen: list[str] = []
        for optie in opties:
            naam, soort, standaard, decls, metavar, tekst = GEDEELD[optie]
            tekst = (hulp or {}).get(optie, tekst)
            if soort is bool:
                info = typer.Option(*decls, help=tekst)
            else:
                info = maak_optie(*decls, hulp=tekst, metavar=metavar)
            parameters.append(
                inspect.Parameter(
                    naam,
                    inspect.Parameter.POSITIONAL_OR_KEYWORD,
                    default=standaard,
                    annotation=Annotated[soort, info],
                )
            )
            namen.append(naam)

        @functools.wraps(opdracht)
        def uitvoeren(**kwargs: Any) -> None:
            gedeeld = {naam: kwargs.pop(naam) for naam in namen}
            opdracht(**kwargs, verzoek=Verzoek.uit_opties(**gedeeld))

        del uitvoeren.__wrapped__  # typer must read the combined signature, not the command's
        uitvoeren.__signature__ = eigen.replace(parameters=parameters)  # type: ignore[attr-defined]
        uitvoeren.__annotations__ = {p.name: p.annotation for p in parameters}
        return uitvoeren

    return versier
