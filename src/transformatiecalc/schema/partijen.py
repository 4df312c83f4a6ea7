"""Section ``partijen``: the owners and holders of panden (METHODE §3, §6)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .basis import Disconteringsvoet, Model, Opslag, Tekst

PartijSoort = Literal["gemeente", "corporatie", "belegger", "ontwikkelaar", "particulier"]
PUBLIEKE_SOORTEN: frozenset[str] = frozenset({"gemeente", "corporatie"})


class Partij(Model):
    """A party. Rates left empty take the scenario's defaults (echoed as effective values)."""

    soort: PartijSoort = Field(
        ...,
        description="gemeente | corporatie (publiek) | belegger | ontwikkelaar | particulier (privaat).",
    )
    naam: Tekst | None = Field(None, description="Leesbare naam; standaard de sleutel.")
    disconteringsvoet: Disconteringsvoet | None = Field(
        None,
        description="Eigen disconteringsvoet; standaard markt.disconteringsvoet.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    rendementseis: Disconteringsvoet | None = Field(
        None,
        description=(
            "Rendementseis (IRR) voor de doelzoeking 'huurfactor_rendementseis'; standaard de "
            "eigen disconteringsvoet."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    ak: Opslag | None = Field(
        None,
        description="Eigen algemene kosten; standaard kosten.ak.",
        json_schema_extra={"eenheid": "fractie"},
    )
    wr: Opslag | None = Field(
        None,
        description="Eigen winst & risico (vaak 0 voor gemeente/corporatie); standaard kosten.wr.",
        json_schema_extra={"eenheid": "fractie"},
    )

    @property
    def publiek(self) -> bool:
        """gemeente and corporatie are publiek, the others privaat (METHODE §6)."""
        return self.soort in PUBLIEKE_SOORTEN
