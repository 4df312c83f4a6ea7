"""What every rule uses: a located error with its code, a reference check, a suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic_core import InitErrorDetails, PydanticCustomError

from .codes import CODES

Plek = tuple[str | int, ...]

_SOORT_VERWIJZING = {  # section → (what one item is called, its demonstrative)
    "partijen": ("partij", "die"),
    "functies": ("functie", "die"),
    "kosten.per_m2_bvo": ("ingreep", "die"),
    "panden": ("pand", "dat"),
    "instrumenten": ("instrument", "dat"),
    "gebieden": ("gebied", "dat"),
}


def suggestie(waarde: str, opties: Iterable[str]) -> str:
    """ " (bedoelde je 'x'?)" for a close match among `opties`, else ''."""
    treffers = difflib.get_close_matches(waarde, list(opties), n=1, cutoff=0.6)
    return f" (bedoelde je '{treffers[0]}'?)" if treffers else ""


def opsomming(opties: Iterable[str]) -> str:
    """The options sorted and comma-separated, or '(geen)'; beyond MAX_OPTIES the first
    ones and how many more (a scenario of 10 000 panden does not list them all)."""
    lijst = sorted(opties)
    if not lijst:
        return "(geen)"
    if len(lijst) <= MAX_OPTIES:
        return ", ".join(lijst)
    meer = f"{len(lijst) - MAX_OPTIES:,}".replace(",", ".")
    return f"{', '.join(lijst[:MAX_OPTIES])} … en {meer} meer"


#: Options a message lists at most.
MAX_OPTIES = 12


def fout(loc: Plek, code: str, sjabloon: str, **ctx: Any) -> InitErrorDetails:
    """A located error of rule `code` (codes.CODES); `sjabloon` is filled from `ctx`."""
    assert code in CODES, code
    return InitErrorDetails(type=PydanticCustomError(code, sjabloon, ctx), loc=loc, input=None)


def fout_tekst(loc: Plek, code: str, tekst: str) -> InitErrorDetails:
    """A located error of rule `code` with a ready Dutch text (no template)."""
    return fout(loc, code, "{tekst}", tekst=tekst)


def dubbel(loc: Plek, code: str, waarden: Iterable[str]) -> Iterator[InitErrorDetails]:
    """An error at each item of the list at `loc` that an earlier item already names (an
    order or a priority list: a second mention would silently count as the first)."""
    gezien: dict[str, int] = {}
    for k, w in enumerate(waarden):
        if w in gezien:
            yield fout(
                (*loc, k),
                code,
                "'{w}' staat twee keer in de lijst (ook op plek {eerste}); noem elk één keer",
                w=w,
                eerste=gezien[w] + 1,
            )
        gezien.setdefault(w, k)


def verwijzing(
    loc: Plek, code: str, waarde: str, sectie: str, bestaand: Iterable[str]
) -> Iterator[InitErrorDetails]:
    """An error naming both ends when `waarde` is not a key of `sectie`."""
    bestaand = list(bestaand)
    if waarde in bestaand:
        return
    # the field's own name, also for an item of a list ('volgorde', not '0') or a key
    # of a mapping ('beginsaldo', not the gebied itself)
    veld = next((str(x) for x in reversed(loc) if isinstance(x, str) and x != waarde), "")
    if " of " in sectie:  # e.g. verevening.toewijzing.volgorde: a functie or a pand
        tekst = "{veld} '{w}' is geen {sectie}{hint}; gedefinieerd: {opties}"
        wat, die = "", ""
    elif sectie == "gebieden":  # a gebied exists through the panden that lie in it
        tekst = (
            "{veld} '{w}': geen enkel pand ligt in dat gebied{hint}; "
            "gebieden van de panden: {opties}"
        )
        wat, die = "", ""
    else:
        tekst = (
            "{veld} '{w}' verwijst naar {sectie}.{w}, maar {die} {wat} bestaat "
            "niet{hint}; gedefinieerd: {opties}"
        )
        wat, die = _SOORT_VERWIJZING[sectie]
    yield fout(
        loc,
        code,
        tekst,
        veld=veld,
        w=waarde,
        sectie=sectie,
        wat=wat,
        die=die,
        opties=opsomming(bestaand),
        hint=suggestie(waarde, bestaand),
    )
