"""Sections ``projecten`` (herverkaveling) and ``verevening`` (METHODE §6).

Amounts of verevening are euros at peildatum (contante waarde), the basis on which
the onrendabele top is reported, so that ORT na = ORT voor + bijdrage − ontvangst
holds exactly per pand.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import M2, Aandeel, Aantal, Euro, Model, Tekst, eis_som_een


class Project(Model):
    """Herverkaveling: panden of several owners computed as one business case."""

    id: Tekst = Field(..., description="Unieke code van het project, bijv. blok_noord.")
    naam: Tekst | None = Field(None, description="Leesbare naam; standaard de id.")
    panden: list[Tekst] = Field(
        ..., min_length=2, description="Ids van de panden die samen één businesscase vormen."
    )
    verdeling: Literal["inbrengwaarde"] | dict[str, Aandeel] = Field(
        "inbrengwaarde",
        description=(
            "Hoe het gezamenlijke resultaat over de eigenaren wordt verdeeld: 'inbrengwaarde' "
            "(naar rato van de inbrengwaarde van hun panden) of een aandeel per eigenaar "
            "({gemeente: 0.4, retailfonds: 0.6}, som 1). Binnen één eigenaar naar inbrengwaarde."
        ),
    )

    @model_validator(mode="after")
    def _som_een(self) -> Project:
        if isinstance(self.verdeling, dict):
            eis_som_een(list(self.verdeling.values()), "verdeling")
        return self


class Privaat(Model):
    """When and how much private panden contribute (kostenverhaal, METHODE §6)."""

    grondslag: Literal["kostenverhaal", "overeenkomst", "geen"] = Field(
        "kostenverhaal",
        description=(
            "kostenverhaal: een privaat pand draagt bij als de transformatie "
            "kostenverhaalplichtig is (≥ min_woningen woningen of ≥ min_bvo_niet_wonen m² BVO "
            "commerciële functies, Omgevingsbesluit art. 8.13) of er een anterieure "
            "overeenkomst is; overeenkomst: alleen met een anterieure overeenkomst; geen: "
            "private panden dragen niet bij."
        ),
    )
    aandeel: Aandeel | None = Field(
        None,
        description="Bijdrage als fractie van het eigen overschot (kies één van de drie).",
        json_schema_extra={"eenheid": "fractie"},
    )
    bijdrage_per_m2: Euro | None = Field(
        None,
        description="Vaste bijdrage per m² BVO van het programma (€ peildatum).",
        json_schema_extra={"eenheid": "€/m²"},
    )
    bijdrage_per_woning: Euro | None = Field(
        None,
        description="Vaste bijdrage per woning (€ peildatum).",
        json_schema_extra={"eenheid": "€"},
    )
    drempel: Euro = Field(
        10_000,
        description=(
            "Bijdragen onder dit bedrag (€ peildatum) worden niet geheven; een bijdrage "
            "precies gelijk aan de drempel wel."
        ),
        json_schema_extra={"eenheid": "€"},
    )
    min_woningen: Aantal = Field(
        10, description="Kostenverhaalplicht vanaf dit aantal woningen (art. 8.13 Ob: 10)."
    )
    min_bvo_niet_wonen: M2 = Field(
        1_500,
        description=(
            "Kostenverhaalplicht vanaf zoveel m² BVO commerciële functies (art. 8.13 Ob: 1 500); "
            "de vorige functie van het pand wordt niet getoetst."
        ),
        json_schema_extra={"eenheid": "m²"},
    )

    @model_validator(mode="after")
    def _een_regel(self) -> Privaat:
        gegeven = [
            k
            for k in ("aandeel", "bijdrage_per_m2", "bijdrage_per_woning")
            if getattr(self, k) is not None
        ]
        if len(gegeven) > 1:
            raise PydanticCustomError(
                "verevening.bijdrage_dubbel",
                "geef één bijdrageregel, niet {regels}",
                {"regels": " én ".join(gegeven)},
            )
        if not gegeven and self.grondslag != "geen":
            raise PydanticCustomError(
                "verevening.bijdrage_ontbreekt",
                "geef de bijdrage van private panden: aandeel, bijdrage_per_m2 of "
                "bijdrage_per_woning (of grondslag: geen)",
                {},
            )
        return self

    @property
    def methode(self) -> str:
        """aandeel | per_m2 | per_woning | geen."""
        if self.aandeel is not None:
            return "aandeel"
        if self.bijdrage_per_m2 is not None:
            return "per_m2"
        if self.bijdrage_per_woning is not None:
            return "per_woning"
        return "geen"


class VereveningToewijzing(Model):
    """How the pool is allocated to gaps (never more than a pand's gap)."""

    methode: Literal["pro_rata", "prioriteit", "per_woning"] = Field(
        "pro_rata",
        description=(
            "pro_rata: naar rato van het tekort; prioriteit: eerst de klassen in 'volgorde' "
            "(functies of pand-ids), binnen een klasse pro rata; per_woning: een gelijk bedrag "
            "per woning tot het tekort van een pand gedekt is (panden zonder woningen krijgen niets)."
        ),
    )
    volgorde: list[Tekst] = Field(
        default_factory=list,
        description=(
            "Bij prioriteit: functies of pand-ids in volgorde van voorrang; een pand hoort bij "
            "de eerste klasse die het noemt (een van zijn functies of zijn id); de rest komt laatst."
        ),
    )

    @model_validator(mode="after")
    def _volgorde_nodig(self) -> VereveningToewijzing:
        if self.methode == "prioriteit" and not self.volgorde:
            raise PydanticCustomError(
                "verevening.volgorde_ontbreekt", "methode prioriteit vraagt een volgorde", {}
            )
        if self.methode != "prioriteit" and self.volgorde:
            raise PydanticCustomError(
                "verevening.volgorde_overbodig",
                "volgorde geldt alleen bij methode prioriteit (nu: {m})",
                {"m": self.methode},
            )
        return self


class Verevening(Model):
    """Moving surpluses to gaps across panden, per gebied (METHODE §6)."""

    aandeel_publiek: Aandeel = Field(
        1.0,
        description="Deel van het overschot van publieke panden (gemeente, corporatie) dat de pot in gaat.",
        json_schema_extra={"eenheid": "fractie"},
    )
    privaat: Privaat = Field(
        default_factory=lambda: Privaat(grondslag="geen"),
        description="Bijdragen van private panden; standaard geen.",
    )
    toewijzing: VereveningToewijzing = Field(
        default_factory=VereveningToewijzing, description="Verdeling van de pot over de tekorten."
    )
    beginsaldo: dict[str, Euro] = Field(
        default_factory=dict,
        description="Beginsaldo van de pot per gebied (€ peildatum), bijv. {binnenstad: 500000}.",
        json_schema_extra={"eenheid": "€"},
    )
