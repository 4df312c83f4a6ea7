"""The rules a scenario must satisfy beyond its fields, one function per rule, per section.

Each section's model checks its own fields (``schema/panden.py`` …). The rules here span
sections: a pand's eigenaar is a partij, a fund's tranche lies within the horizon. They
run in two phases around the derived defaults (:mod:`..standaarden`):

1. :func:`kruisverwijzingen` on the file as given: keys (:mod:`.sleutels`), panden and their
   programme (:mod:`.panden`), projecten (:mod:`.projecten`), verevening
   (:mod:`.verevening`), fondsen (:mod:`.fondsen`).
2. :func:`op_effectief` on the effective scenario: rent law (:mod:`.huurrecht`), plausible
   bounds, varianten and onzekerheid (:mod:`.analyse`), whose paths may name a default.

Every violation is reported, each at its own path and with its code (:mod:`.codes`, listed
in docs/scenario.md); the order is the order of this list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from pydantic_core import InitErrorDetails

from . import analyse, fondsen, huurrecht, panden, projecten, sleutels, verevening
from .codes import CODES, NAAR_SLEUTEL, Code
from .hulp import suggestie

if TYPE_CHECKING:
    from ..scenario import Scenario

__all__ = ["CODES", "NAAR_SLEUTEL", "Code", "kruisverwijzingen", "op_effectief", "suggestie"]


def kruisverwijzingen(sc: Scenario) -> Iterator[InitErrorDetails]:
    """Phase 1: every cross-section rule on the file as given, section by section."""
    yield from sleutels.sleutel_vorm(sc)
    yield from panden.panden(sc)
    yield from huurrecht.monument_bouwjaar(sc)
    yield from projecten.projecten(sc)
    yield from verevening.verevening(sc)
    yield from fondsen.fondsen(sc)


def op_effectief(sc: Scenario, context: Any = None) -> list[InitErrorDetails]:
    """Phase 2: the rules on the effective scenario (rent law, bounds, varianten,
    onzekerheid). The rent law per programme row is kept on the scenario. `context` is the
    validation's (laden.valideer: the file-access policy for the files the scenario names)."""
    rijen, fouten = huurrecht.huurrecht(sc, context)
    sc._huurrecht = rijen
    vrij, grensfouten = analyse.grenzen(sc)
    fouten += grensfouten
    fouten += analyse.varianten(sc)
    fouten += analyse.onzekerheid(sc, vrij)
    return fouten
