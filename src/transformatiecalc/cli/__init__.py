"""Command line: ``transformatiecalc run | vergelijk | gevoelig | onzeker | validate | schema |
init | app | uit-werkboek``.

Exit codes: 0 ok, 1 invalid scenario or an output that could not be written, 2 wrong
usage, 3 internal error (a bug: please report it). No calculation happens here.

By role: :mod:`.opdrachten` (run, validate, schema, init), :mod:`.analyses` (vergelijk,
gevoelig, onzeker) and :mod:`.werkboek` (uit-werkboek) are the commands; :mod:`.verzoek`
declares the options they share once and turns them into one :class:`.verzoek.Verzoek`
(inputs read, outputs written all or none); :mod:`.terminal` holds the exit codes and the
stdout/stderr handling; :mod:`.typer_nl` makes typer speak Dutch; :mod:`.argumenten` refuses,
for every command, an option given twice and an empty path. This module registers the
commands and runs them.
"""

from __future__ import annotations

import errno
import os
import signal
import sys
import warnings
from typing import Annotated, Any, NoReturn

import typer

from .. import __version__
from ..uitvoer.veilig import veilig
from . import terminal
from .analyses import gevoelig, onzeker, vergelijk
from .app import app as app_opdracht
from .argumenten import Opdracht
from .opdrachten import init, run, schema, validate
from .terminal import GEBRUIK, INTERN, OK, ONGELDIG, STDOUT_WEG, console, stdout_weg
from .typer_nl import klik_fout, vertaal_gebruik, vertaal_hulp
from .werkboek import uit_werkboek

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
for _naam, _opdracht in (
    ("run", run),
    ("vergelijk", vergelijk),
    ("gevoelig", gevoelig),
    ("onzeker", onzeker),
    ("validate", validate),
    ("schema", schema),
    ("init", init),
    ("app", app_opdracht),
    ("uit-werkboek", uit_werkboek),
):
    app.command(_naam, cls=Opdracht)(_opdracht)


@app.callback(invoke_without_command=True)
def _hoofd(
    versie: Annotated[bool, typer.Option("--versie", help="Toon de versie en stop.")] = False,
) -> None:
    """Business cases van binnenstedelijke transformatie."""
    if versie:
        console().print(f"transformatiecalc {__version__}")
        raise typer.Exit(OK)


def _sigterm(signum: int, frame: Any) -> NoReturn:
    """SIGTERM or SIGHUP as an exception, so that temporary files are removed on the way out."""
    raise SystemExit(128 + signum)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script and ``python -m transformatiecalc``."""
    vertaal_hulp()
    for sein in ("SIGTERM", "SIGHUP"):  # a kill, a closed terminal (SIGHUP: not on Windows)
        nummer = getattr(signal, sein, None)
        if nummer is not None and signal.getsignal(nummer) is signal.SIG_DFL:
            signal.signal(nummer, _sigterm)
    if not os.environ.get("TRANSFORMATIECALC_DEBUG"):
        # Python's warnings are for developers (English, with file and line); what a user
        # must know is said in Dutch by the tool itself (waarschuwingen, "let op:")
        warnings.simplefilter("ignore")
    terminal.GESLOTEN.clear()
    if sys.stderr is None:  # started with a closed stream (>&-): nowhere to report to
        terminal.GESLOTEN.add("stderr")
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives as long as sys
    if sys.stdout is None:  # what would be printed is lost: that is exit 1, said on stderr
        terminal.GESLOTEN.add("stdout")
        sys.stdout = terminal.GeslotenUitvoer()
    for stroom in (sys.stdout, sys.stderr):
        terminal.verdraagzaam(stroom)
    uitkomst = _main(argv)
    try:
        sys.stdout.flush()
    except OSError:  # a full or closed stdout noticed only now: say so rather than Python
        stdout_weg()
        console(stderr=True).print(f"[red]fout[/red] {STDOUT_WEG}")
        return ONGELDIG
    return uitkomst


def _main(argv: list[str] | None) -> int:
    gebruiksfout = klik_fout("UsageError")
    klikfout = klik_fout("ClickException")
    commando = typer.main.get_command(app)
    try:
        uitkomst: Any = commando.main(
            args=argv, prog_name="transformatiecalc", standalone_mode=False
        )
    except gebruiksfout as fout:
        tekst = fout.format_message()  # type: ignore[attr-defined]
        fouten = console(stderr=True)
        if not tekst.strip():  # no arguments at all: typer printed the help, which says it
            return GEBRUIK
        if "Show this message and exit" in tekst or tekst.lstrip().startswith("Usage"):
            fouten.print(tekst)  # the help as the message (another typer)
        else:
            fouten.print(f"[red]gebruiksfout[/red] {veilig(vertaal_gebruik(tekst))}")
            ctx = getattr(fout, "ctx", None)
            pad = getattr(ctx, "command_path", None) or "transformatiecalc"
            fouten.print(f"Zie '{veilig(pad)} --help'.")  # the command's own help
        return GEBRUIK
    except klikfout as fout:
        console(stderr=True).print(f"[red]fout[/red] {veilig(fout.format_message())}")  # type: ignore[attr-defined]
        return ONGELDIG
    except typer.Abort:
        return 130
    except MemoryError:
        console(stderr=True).print(
            "[red]fout[/red] onvoldoende geheugen voor deze berekening; reken minder panden of "
            "trekkingen tegelijk (bijv. --per-blok), of sla de Excel-uitvoer over"
        )
        return ONGELDIG
    except BrokenPipeError:  # the reader of stdout went away (| head): nothing more to say
        stdout_weg()
        return ONGELDIG
    except OSError as fout:
        # files are read and written through toegang and bestanden, which turn every
        # OSError into a message; one that reaches here came from writing to the terminal
        if fout.errno not in (errno.ENOSPC, errno.EBADF, errno.EIO):
            raise
        stdout_weg()
        console(stderr=True).print(f"[red]fout[/red] {STDOUT_WEG}")
        return ONGELDIG
    except Exception as fout:  # a bug: say so in Dutch, without a traceback unless asked
        if os.environ.get("TRANSFORMATIECALC_DEBUG"):
            raise
        console(stderr=True).print(
            f"[red]interne fout[/red] {veilig(type(fout).__name__)}: {veilig(str(fout))}\n"
            "Dit is een fout in transformatiecalc, niet in uw scenario. Meld het met dit bericht; "
            "zet TRANSFORMATIECALC_DEBUG=1 voor de volledige traceback."
        )
        return INTERN
    return uitkomst if isinstance(uitkomst, int) else OK


__all__ = ["GEBRUIK", "INTERN", "OK", "ONGELDIG", "app", "main"]

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
