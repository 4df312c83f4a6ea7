"""The terminal side of the command line: exit codes, messages on stderr, and a stdout that
may be closed or full (then exit 1 with a message, never a traceback)."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console

from ..fouten import ScenarioFout
from ..uitvoer.bestanden import UitvoerFout, schrijf_samen
from ..uitvoer.veilig import veilig

OK, ONGELDIG, GEBRUIK, INTERN = 0, 1, 2, 3

#: Standard streams that were closed when the program started.
GESLOTEN: set[str] = set()
STDOUT_WEG = "kan niet naar de terminal (stdout) schrijven: de uitvoer is vol of gesloten"


def console(stderr: bool = False) -> Console:
    return Console(stderr=stderr, highlight=False, soft_wrap=True, emoji=False)


def meld(fout: ScenarioFout, slot: str) -> NoReturn:
    """Print located messages to stderr and stop with exit code 1."""
    fouten = console(stderr=True)
    for melding in fout.meldingen:
        fouten.print(f"[red]fout[/red] {veilig(str(melding))}")
    fouten.print(slot)
    raise typer.Exit(ONGELDIG)


def stop(tekst: str) -> NoReturn:
    """Print one message to stderr and stop with exit code 1."""
    console(stderr=True).print(f"[red]fout[/red] {veilig(tekst)}")
    raise typer.Exit(ONGELDIG)


def bestaat_al(doel: Path) -> NoReturn:
    """Stop with exit code 1: `doel` exists and ``--overschrijf`` was not given."""
    console(stderr=True).print(
        f"[red]fout[/red] {veilig(str(doel))} bestaat al; kies een ander pad of gebruik "
        "--overschrijf"
    )
    raise typer.Exit(ONGELDIG)


def schrijf(*uitvoer: tuple[Path | str, bytes]) -> None:
    """Write the outputs all or none (:func:`.bestanden.schrijf_samen`); a failure is exit 1."""
    try:
        schrijf_samen(uitvoer)
    except UitvoerFout as fout:
        stop(str(fout))


def _is_utf8(stroom: object) -> bool:
    codering = str(getattr(stroom, "encoding", "") or "").lower().replace("-", "")
    return codering.replace("_", "") == "utf8"


#: Error handlers that never fail on a character the encoding lacks ("strict" and the C
#: locale's "surrogateescape" do).
_VERVANGEND = frozenset({"replace", "backslashreplace", "xmlcharrefreplace", "namereplace"})


def verdraagzaam(stroom: object) -> None:
    """A terminal that cannot show every character (``PYTHONIOENCODING=ascii``, ``LC_ALL=C``)
    gets '?' for what it cannot show instead of the command stopping with a
    UnicodeEncodeError (stderr already has Python's backslashreplace)."""
    if _is_utf8(stroom) or getattr(stroom, "errors", "strict") in _VERVANGEND:
        return
    reconfigure = getattr(stroom, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(OSError, ValueError, io.UnsupportedOperation):
            reconfigure(errors="replace")


def stdout(tekst: str) -> None:
    """Write `tekst` (a file's content: JSON, YAML) to stdout, as UTF-8 also when the terminal
    says otherwise (a file's bytes must not change with the locale); a closed or full stdout
    is exit 1 with a message."""
    try:
        if "stdout" in GESLOTEN:
            raise OSError(errno.EBADF, "stdout is gesloten")
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is not None and not _is_utf8(sys.stdout):
            sys.stdout.flush()
            buffer.write(tekst.encode("utf-8", "surrogateescape"))
            buffer.flush()
            return
        sys.stdout.write(tekst)
        sys.stdout.flush()
    except (OSError, ValueError):
        stdout_weg()
        stop(STDOUT_WEG)


def stdout_weg() -> None:
    """Point stdout at /dev/null so that Python's own flush at exit cannot fail again."""
    try:
        leeg = os.open(os.devnull, os.O_WRONLY)
        os.dup2(leeg, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class GeslotenUitvoer(io.TextIOBase):
    """Stands in for a stdout that was closed at start: writing to it fails as writing to
    the closed descriptor would (EBADF), so the command stops with exit 1 and a message."""

    def write(self, tekst: str) -> int:
        if not tekst:
            return 0
        raise OSError(errno.EBADF, "stdout is gesloten")

    def writable(self) -> bool:
        return True
