"""Rules for the names of partijen, functies and ingrepen (the keys other sections cite)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import InitErrorDetails

from .hulp import fout

if TYPE_CHECKING:
    from ..scenario import Scenario

_SLEUTEL = re.compile(r"^[a-z][a-z0-9_]*$")


def sleutel_vorm(sc: Scenario) -> Iterator[InitErrorDetails]:
    """sleutel.vorm: a key of partijen, functies and kosten.per_m2_bvo is lower_snake_case."""
    for sectie, sleutels in (
        (("partijen",), sc.partijen),
        (("functies",), sc.functies),
        (("kosten", "per_m2_bvo"), sc.kosten.per_m2_bvo),
    ):
        for sleutel in sleutels:
            if not _SLEUTEL.fullmatch(sleutel):
                yield fout(
                    (*sectie, sleutel),
                    "sleutel.vorm",
                    "de naam '{s}' moet met een kleine letter beginnen en mag alleen kleine "
                    "letters, cijfers en _ bevatten",
                    s=sleutel,
                )
