"""What the command line itself must refuse and typer (click) lets through, checked once for
every command: a single-valued option given twice (click silently keeps the last one, so
``--json a.json --json b.json`` would write only b.json) and an empty path (``''`` is
``Path('.')``, the working directory: ``--grafieken ""`` would write charts there and
``--json ""`` would fail on a folder named '.'), and a file's path that ends in a slash
(``--json uit/`` would write a file named 'uit'; an option or argument that takes a folder
says so with the metavar ``MAP``).

Each is a usage error (exit 2) that names the option, raised while the arguments are parsed,
so before a command reads or writes anything. :class:`Opdracht` is the command class every
command is registered with (:mod:`transformatiecalc.cli`).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

import typer
from typer.core import TyperCommand

from .typer_nl import klik_fout


class Opdracht(TyperCommand):
    """A typer command that also refuses a repeated single-valued option and an empty path
    (or, for a path that is a file, one that ends in a slash)."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        ruw: dict[str, Any] = {}
        if not ctx.resilient_parsing:  # not while the shell completes a word
            ruw = _eenmaal(ctx, self.make_parser(ctx), args)
        rest: list[str] = super().parse_args(ctx, args)
        if not ctx.resilient_parsing:
            _paden_in_orde(ctx, self.get_params(ctx), ruw)
        return rest


def optienaam(param: Any) -> str:
    """How a message names an option or argument: ``'--uitvoer' / '-o'``, ``'scenario'``
    (an argument by its metavar if it has one: ``'MAP'``)."""
    if getattr(param, "param_type_name", "") != "option" and param.metavar:
        return f"'{param.metavar}'"
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


def _paden_in_orde(ctx: Any, params: Sequence[Any], ruw: dict[str, Any]) -> None:
    """A usage error for the first path option or argument given as an empty text (or only
    spaces), or, unless it takes a folder (metavar ``MAP``), ending in a slash."""
    for param in params:
        waarde = ctx.params.get(param.name)
        paden = waarde if isinstance(waarde, list | tuple) else [waarde]
        if not any(isinstance(p, PurePath) for p in paden):
            continue
        gegeven = ruw.get(param.name)
        for tekst in gegeven if isinstance(gegeven, list | tuple) else [gegeven]:
            if not isinstance(tekst, str):
                continue
            if not tekst.strip():
                reden = "lege bestandsnaam" if not tekst else "een bestandsnaam van alleen spaties"
                raise typer.BadParameter(
                    f"{reden} ({tekst!r}); geef een pad", ctx=ctx, param_hint=optienaam(param)
                )
            if tekst.endswith(_SCHEIDINGSTEKENS) and param.metavar != "MAP":
                raise typer.BadParameter(
                    f"{tekst} eindigt op '{tekst[-1]}' en noemt dus een map; geef een bestandsnaam",
                    ctx=ctx,
                    param_hint=optienaam(param),
                )


#: What ends a path that names a folder ('uit/').
_SCHEIDINGSTEKENS = tuple({"/", os.sep})
