"""typer in Dutch: usage errors translated, and — for the typer versions this was checked
against — the help's panel titles, its usage line and the ``--help`` option's own text.

The panel titles are module strings of ``typer.rich_utils`` read at render time; the
``--help`` text and the usage line are set by wrapping ``Command.get_help_option`` and
``Command.format_usage`` of the click that typer bundles (``typer._click``). All are typer
internals, so they are changed only for the versions in :data:`TYPER_GETEST`; with any
other typer the help keeps typer's own English titles, usage line and ``--help`` text
(the rest of the help, the messages and the exit codes are ours and stay Dutch).
"""

from __future__ import annotations

from typing import Any

import typer

from ..uitvoer.versies import in_bereik

#: The typer versions the help patches were checked against, [from, to):
#: tests/test_cli.py reads the Dutch help of every command, and the stock route.
TYPER_GETEST = ((0, 29, 2), (0, 30))

GEBRUIKSFOUTEN = (
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


#: The placeholders of click's usage line ('Usage: transformatiecalc [OPTIONS] COMMAND
#: [ARGS]...'), in Dutch.
GEBRUIKSREGEL = (
    ("[OPTIONS]", "[OPTIES]"),
    ("COMMAND [ARGS]...", "COMMANDO [ARGUMENTEN]..."),
)


def vertaal_gebruik(tekst: str) -> str:
    for engels, nederlands in GEBRUIKSFOUTEN:
        tekst = tekst.replace(engels, nederlands)
    return tekst


def hulp_vertalen(versie: str | None = None) -> bool:
    """Whether this typer (default: the installed one) is one the help patches were checked on."""
    return in_bereik(versie or typer.__version__, TYPER_GETEST)


def vertaal_hulp() -> None:
    """Dutch panel titles and ``--help`` text in typer's rich help, for a tested typer."""
    if not hulp_vertalen():
        return
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = "Argumenten"
    rich_utils.OPTIONS_PANEL_TITLE = "Opties"
    rich_utils.COMMANDS_PANEL_TITLE = "Commando's"
    rich_utils.ERRORS_PANEL_TITLE = "Fout"
    rich_utils.REQUIRED_LONG_STRING = "[verplicht]"
    rich_utils.DEFAULT_STRING = "[standaard: {}]"
    _typen_in_het_nederlands()
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
        if not getattr(kern.Command.format_usage, "_nl", False):

            def format_usage(self: Any, ctx: Any, formatter: Any) -> None:
                stukken = " ".join(self.collect_usage_pieces(ctx))
                for engels, nederlands in GEBRUIKSREGEL:
                    stukken = stukken.replace(engels, nederlands)
                formatter.write_usage(ctx.command_path, stukken, prefix="Gebruik: ")

            format_usage._nl = True  # type: ignore[attr-defined]
            kern.Command.format_usage = format_usage  # type: ignore[method-assign]
    except (ImportError, AttributeError):  # pragma: no cover
        pass


#: typer's type column in the help, in Dutch; a flag (``<bool>``) takes no value, so it
#: shows none (``--stil <bool>`` read as if it wanted ``--stil true``).
HULPTYPEN: dict[str, str | None] = {
    "<bool>": None,
    "<int>": "GETAL",
    "<int range>": "GETAL",
    "<float>": "GETAL",
    "<float range>": "GETAL",
    "<path>": "PAD",
    "<str>": "TEKST",
    "<text>": "TEKST",
}


def _typen_in_het_nederlands() -> None:
    """typer's type column through :data:`HULPTYPEN` (for a tested typer only)."""
    try:
        from typer import core
    except ImportError:  # pragma: no cover
        return
    for klasse in (core.TyperOption, core.TyperArgument):
        origineel = klasse.display_type_rich
        if getattr(origineel, "_nl", False):
            continue

        def display_type_rich(self: Any, ctx: Any, _origineel: Any = origineel) -> str | None:
            tekst = _origineel(self, ctx)
            return HULPTYPEN.get(tekst, tekst) if tekst is not None else None

        display_type_rich._nl = True  # type: ignore[attr-defined]
        klasse.display_type_rich = display_type_rich  # type: ignore[method-assign]


def klik_fout(naam: str) -> type[BaseException]:
    """typer's click exception class by name (typer does not export it; BadParameter is a
    UsageError, which is a ClickException, in every click)."""
    for klasse in typer.BadParameter.__mro__:
        if klasse.__name__ == naam:
            return klasse
    raise LookupError(naam)  # pragma: no cover
