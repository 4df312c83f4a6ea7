"""Pydantic models of the YAML scenario contract (SCENARIO.md), one module per section."""

from .functies import Bar, Dcf, Functie, Huurwoning, Koopwoning, M2Functie, Nar
from .markt import Conventies, Kosten, KostenKoper, Markt
from .panden import Huidig, Pand, ProgrammaRegel, Transformatie
from .partijen import Partij
from .scenario import TOEKOMSTIGE_SECTIES, Scenario

__all__ = [
    "TOEKOMSTIGE_SECTIES",
    "Bar",
    "Conventies",
    "Dcf",
    "Functie",
    "Huidig",
    "Huurwoning",
    "Koopwoning",
    "Kosten",
    "KostenKoper",
    "M2Functie",
    "Markt",
    "Nar",
    "Pand",
    "Partij",
    "ProgrammaRegel",
    "Scenario",
    "Transformatie",
]
