"""Pydantic models of the YAML scenario contract (docs/scenario.md), one module per section."""

from .analyse import Correlatie, Onzekerheid, Variant, Verdeling
from .fondsen import (
    DeelnemingInstrument,
    ErfpachtInstrument,
    Fonds,
    FondsToewijzing,
    GarantieInstrument,
    Instrument,
    LeningInstrument,
    SubsidieInstrument,
    Tranche,
    Voor,
)
from .functies import Bar, Dcf, Functie, Huurwoning, Koopwoning, M2Functie, Nar
from .markt import Conventies, Kosten, KostenKoper, Markt
from .panden import Huidig, Pand, ProgrammaRegel, Transformatie
from .partijen import Partij
from .scenario import Scenario
from .verevening import Privaat, Project, Verevening, VereveningToewijzing

__all__ = [
    "Bar",
    "Conventies",
    "Correlatie",
    "Dcf",
    "DeelnemingInstrument",
    "ErfpachtInstrument",
    "Fonds",
    "FondsToewijzing",
    "Functie",
    "GarantieInstrument",
    "Huidig",
    "Huurwoning",
    "Instrument",
    "Koopwoning",
    "Kosten",
    "KostenKoper",
    "LeningInstrument",
    "M2Functie",
    "Markt",
    "Nar",
    "Onzekerheid",
    "Pand",
    "Partij",
    "Privaat",
    "ProgrammaRegel",
    "Project",
    "Scenario",
    "SubsidieInstrument",
    "Tranche",
    "Transformatie",
    "Variant",
    "Verdeling",
    "Verevening",
    "VereveningToewijzing",
    "Voor",
]
