"""Rules for verevening (METHODE §6) and the fund that pre-finances it (§7)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import InitErrorDetails

from .hulp import dubbel, fout, verwijzing

if TYPE_CHECKING:
    from ..scenario import Scenario


def verevening(sc: Scenario) -> Iterator[InitErrorDetails]:
    """Every rule of the verevening section."""
    yield from verevening_verwijzingen(sc)
    yield from verevening_en_fondsen(sc)


def verevening_verwijzingen(sc: Scenario) -> Iterator[InitErrorDetails]:
    """verevening.volgorde_onbekend, verevening.gebied_onbekend: the priority order names
    functies or panden, and a beginsaldo a gebied where some pand lies."""
    vv = sc.verevening
    if vv is None:
        return
    klassen = [*sc.functies, *dict.fromkeys(p.id for p in sc.panden)]
    yield from dubbel(
        ("verevening", "toewijzing", "volgorde"),
        "verevening.volgorde_dubbel",
        vv.toewijzing.volgorde,
    )
    for k, naam in enumerate(vv.toewijzing.volgorde):
        yield from verwijzing(
            ("verevening", "toewijzing", "volgorde", k),
            "verevening.volgorde_onbekend",
            naam,
            "functie of pand",
            klassen,
        )
    gebieden = {p.gebied for p in sc.panden}
    for gebied in vv.beginsaldo:
        yield from verwijzing(
            ("verevening", "beginsaldo", gebied),
            "verevening.gebied_onbekend",
            gebied,
            "gebieden",
            gebieden,
        )


def verevening_en_fondsen(sc: Scenario) -> Iterator[InitErrorDetails]:
    """verevening.ontbreekt, verevening.twee_fondsen: a fund that names 'verevening' among its
    instruments needs a verevening section, and only one fund can pre-finance it."""
    draagt_verevening = [
        f.naam
        for f in sc.fondsen
        if f.toewijzing.volgorde_instrumenten and "verevening" in f.toewijzing.volgorde_instrumenten
    ]
    if sc.verevening is None and draagt_verevening:
        yield fout(
            ("fondsen",),
            "verevening.ontbreekt",
            "fonds '{f}' noemt 'verevening' in volgorde_instrumenten, maar het scenario heeft "
            "geen sectie verevening",
            f=draagt_verevening[0],
        )
    if len(draagt_verevening) > 1:
        yield fout(
            ("fondsen",),
            "verevening.twee_fondsen",
            "alleen één fonds kan de verevening voorfinancieren; nu doen {f} het",
            f=" en ".join(draagt_verevening),
        )
