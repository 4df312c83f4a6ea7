"""What the command line itself must refuse and typer (click) lets through, checked once for
every command: a single-valued option given twice (click silently keeps the last one, so
``--json a.json --json b.json`` would write only b.json) and an empty path (``''`` is
``Path('.')``, the working directory: ``--grafieken ""`` would write charts there and
``--json ""`` would fail on a folder named '.').

Both are usage errors (exit 2) that name the option, raised while the arguments are parsed,
so before a command reads or writes anything. :class:`Opdracht` is the command class every
command is registered with (:mod:`transformatiecalc.cli`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import typer
from typer.core import TyperCommand

from .typer_nl import klik_fout


class Opdracht(TyperCommand):
    """A typer command that also refuses a repeated single-valued option and an empty path."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ruw: dict[str, Any] = {}
        if not ctx.resilient_parsing:  # not while the shell completes a word
            ruw = _eenmaal(ctx, self.make_parser(ctx), args)
        rest: list[str] = super().parse_args(ctx, args)
        if not ctx.resilient_parsing:
            _geen_lege_paden(ctx, self.get_params(ctx), ruw)
        return rest


def optienaam(param: Any) -> str:
    """How a message names an option or argument: ``'--uitvoer' / '-o'``, ``'scenario'``."""
    return " / ".join(f"'{naam}'" for naam in (param.opts or [param.name]))


def _eenmaal(ctx: Any, parser: Any, args: Sequence[str]) -> dict[str, Any]:
    """The raw values click's own parser reads from `args` (a dry run: what it cannot parse
    the real parse that follows reports in its own words); a usage error if an option that
    takes one value appears more than once."""
    try:
        ruw, _, volgorde = parser.parse_args(args=list(args))
    except klik_fout("UsageError"):
        return {}
    for param, keer in Counter(volgorde).items():
        if keer > 1 and _een_waarde(param):
            ctx.fail(
                f"{optienaam(param)} is {keer} keer gegeven; geef deze optie één keer "
                "(anders telt alleen de laatste)"
            )
    return dict(ruw)


def _een_waarde(param: Any) -> bool:
    """Whether `param` is an option that takes exactly one value (not a flag, not a count,
    not one that may be repeated such as --toegang or --parameter)."""
    return (
        getattr(param, "param_type_name", "") == "option"
        and not getattr(param, "is_flag", False)
        and not getattr(param, "count", False)
        and not getattr(param, "multiple", False)
    )


def _geen_lege_paden(ctx: Any, params: Sequence[Any], ruw: dict[str, Any]) -> None:
    """A usage error for the first path option or argument given as an empty text."""
    for param in params:
        waarde = ctx.params.get(param.name)
        gegeven = ruw.get(param.name)
        paden = waarde if isinstance(waarde, list | tuple) else [waarde]
        teksten = gegeven if isinstance(gegeven, list | tuple) else [gegeven]
        if "" in teksten and any(isinstance(p, PurePath) for p in paden):
            raise typer.BadParameter(
                'lege bestandsnaam (""); geef een pad', ctx=ctx, param_hint=optienaam(param)
            )
