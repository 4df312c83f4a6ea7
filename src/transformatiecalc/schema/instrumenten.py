"""Fund instruments (METHODE §7): subsidie, lening, garantie, deelneming, erfpacht, and the
conditions (voor) and expected default (wanbetaling) they share."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import (
    Aandeel,
    Aantal,
    Euro,
    Geheel,
    Model,
    Rentevoet,
    Tekst,
)

Aflossing = Literal["annuitair", "lineair", "ineens"]
Looptijd = Annotated[Aantal, Field(le=50)]
Omvang = Literal["maximaal", "tekort"]
_OMVANG = (
    "maximaal: het volle bedrag (aandeel van de grondslag, tot het plafond); tekort: niet meer "
    "dan nodig om het resterende tekort van het pand te sluiten (hooguit het volle bedrag). "
    "Een instrument dat het tekort niet verkleint, krijgt bij tekort het volle bedrag."
)


class Wanbetaling(Model):
    """Expected default: repayments fall by kans × verlies."""

    kans: Aandeel = Field(
        0,
        description="Kans op wanbetaling over de looptijd.",
        json_schema_extra={"eenheid": "fractie"},
    )
    verlies: Aandeel = Field(
        1,
        description="Verlies bij wanbetaling (fractie van het bedrag).",
        json_schema_extra={"eenheid": "fractie"},
    )

    @property
    def verwacht(self) -> float:
        return self.kans * self.verlies


class Voor(Model):
    """Eligibility of a pand for an instrument (all conditions must hold)."""

    eigendom: Literal["alle", "publiek", "privaat"] = Field(
        "alle", description="Eigendom van het pand: alle | publiek | privaat."
    )
    functies: list[Tekst] = Field(
        default_factory=list,
        description="Het programma bevat minstens één van deze functies (leeg: geen eis).",
    )
    panden: list[Tekst] = Field(
        default_factory=list, description="Alleen deze pand-ids (leeg: geen eis)."
    )
    min_woningen: Annotated[Geheel, Field(ge=0, le=100_000)] = Field(
        0, description="Minimaal aantal woningen in het programma."
    )
    min_betaalbaar: Aandeel = Field(
        0,
        description=(
            "Minimaal aandeel betaalbare woningen (functies met betaalbaar: true) in het totaal "
            "aantal woningen; een pand zonder woningen voldoet alleen bij 0."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )


class _Instrument(Model):
    naam: Tekst | None = Field(
        None, description="Naam (uniek binnen het fonds); standaard de soort."
    )
    voor: Voor = Field(default_factory=Voor, description="Voorwaarden.")
    min_effect: Aandeel = Field(
        0,
        description=(
            "Minimale doelmatigheid: het instrument wordt alleen verstrekt als het tekort dat "
            "het sluit (€ peildatum, hooguit het resterende tekort) minstens deze fractie is van "
            "het toegezegde bedrag (€ nominaal). 0.05: een lening van € 1 mln moet minstens "
            "€ 50 000 tekort sluiten. 0 = geen eis."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )


class SubsidieInstrument(_Instrument):
    """Lost contribution paid at start: min(aandeel_ort · ORT, max_per_pand, max_per_woning · woningen)."""

    soort: Literal["subsidie"]
    aandeel_ort: Aandeel = Field(
        1.0,
        description="Deel van het (resterende) tekort.",
        json_schema_extra={"eenheid": "fractie"},
    )
    max_per_pand: Euro | None = Field(
        None, description="Plafond per pand (€ nominaal).", json_schema_extra={"eenheid": "€"}
    )
    max_per_woning: Euro | None = Field(
        None,
        description="Plafond per woning (€ nominaal); panden zonder woningen krijgen dan niets.",
        json_schema_extra={"eenheid": "€"},
    )


class LeningInstrument(_Instrument):
    """A loan to the pand; its subsidie-equivalent closes part of the gap."""

    soort: Literal["lening"]
    aandeel_sk: Aandeel = Field(
        ...,
        description="Leenbedrag als fractie van de stichtingskosten.",
        json_schema_extra={"eenheid": "fractie"},
    )
    max_bedrag: Euro | None = Field(
        None, description="Plafond per pand (€ nominaal).", json_schema_extra={"eenheid": "€"}
    )
    omvang: Omvang = Field("maximaal", description="Leenbedrag: " + _OMVANG)
    rente: Rentevoet = Field(
        ...,
        description="Rente van het fonds per jaar.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    marktrente: Rentevoet | None = Field(
        None,
        description=(
            "Rente die het pand elders zou betalen; het verschil bepaalt het subsidie-equivalent. "
            "Standaard markt.bouwrente."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    looptijd: Looptijd = Field(
        ..., description="Looptijd in jaren.", json_schema_extra={"eenheid": "jaar"}
    )
    aflossing: Aflossing = Field("annuitair", description="annuitair | lineair | ineens.")
    aflossingsvrij: Annotated[Geheel, Field(ge=0, le=49)] = Field(
        0,
        description="Eerste jaren alleen rente (bij annuitair en lineair).",
        json_schema_extra={"eenheid": "jaar"},
    )
    jaren_voor_start: Annotated[Geheel, Field(ge=0, le=10)] = Field(
        0,
        description=(
            "Uitbetaling zoveel jaren vóór de start van de transformatie (niet vóór het "
            "startjaar): een overbruggingslening met looptijd = jaren_voor_start en aflossing "
            "ineens wordt bij de start van de bouw afgelost."
        ),
        json_schema_extra={"eenheid": "jaar"},
    )
    wanbetaling: Wanbetaling = Field(
        default_factory=Wanbetaling, description="Verwachte wanbetaling (verlaagt de ontvangsten)."
    )

    @model_validator(mode="after")
    def _aflossingsvrij_past(self) -> LeningInstrument:
        if self.aflossingsvrij >= self.looptijd:
            raise PydanticCustomError(
                "fonds.aflossingsvrij_te_lang",
                "aflossingsvrij ({a} jaar) moet korter zijn dan de looptijd ({n} jaar)",
                {"a": self.aflossingsvrij, "n": self.looptijd},
            )
        return self


class GarantieInstrument(_Instrument):
    """A guarantee on the pand's bank loan: lowers its rate, earns a premium, pays expected losses."""

    soort: Literal["garantie"]
    bankfinanciering: Aandeel = Field(
        ...,
        description="Banklening van het pand als fractie van de stichtingskosten.",
        json_schema_extra={"eenheid": "fractie"},
    )
    omvang: Omvang = Field("maximaal", description="Gegarandeerde banklening: " + _OMVANG)
    dekking: Aandeel = Field(
        ...,
        description="Gegarandeerd deel van de banklening.",
        json_schema_extra={"eenheid": "fractie"},
    )
    premie: Rentevoet = Field(
        0,
        description="Premie per jaar over het gegarandeerde bedrag.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    renteverlaging: Rentevoet = Field(
        ...,
        description="Lagere rente op de banklening dankzij de garantie (per jaar).",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    looptijd: Looptijd = Field(
        ...,
        description="Looptijd van garantie en banklening (jaren).",
        json_schema_extra={"eenheid": "jaar"},
    )
    wanbetaling: Wanbetaling = Field(
        default_factory=Wanbetaling,
        description="Verwachte wanbetaling; het fonds betaalt kans × verlies × gegarandeerd bedrag.",
    )


class DeelnemingInstrument(_Instrument):
    """The fund buys the pand at inbrengwaarde, transforms it and sells after verkoop_na years."""

    soort: Literal["deelneming"]
    verkoop_na: Annotated[Geheel, Field(ge=0, le=50)] = Field(
        0,
        description=(
            "Jaren na oplevering tot verkoop; tot dan ontvangt het fonds de netto huur. "
            "0 = verkoop bij oplevering tegen de exploitatiewaarde."
        ),
        json_schema_extra={"eenheid": "jaar"},
    )


class ErfpachtInstrument(_Instrument):
    """The fund keeps the grond; the project's upfront cost falls, the fund receives canon."""

    soort: Literal["erfpacht"]
    grondaandeel: Aandeel = Field(
        ...,
        description="Grondwaarde als fractie van de inbreng.",
        json_schema_extra={"eenheid": "fractie"},
    )
    omvang: Omvang = Field("maximaal", description="Grond in erfpacht: " + _OMVANG)
    canon: Rentevoet = Field(
        ...,
        description="Canon per jaar als fractie van de grondwaarde, geïndexeerd met 'grond'.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    termijn: Looptijd = Field(
        50, description="Jaren canon vanaf oplevering.", json_schema_extra={"eenheid": "jaar"}
    )


Instrument = Annotated[
    SubsidieInstrument
    | LeningInstrument
    | GarantieInstrument
    | DeelnemingInstrument
    | ErfpachtInstrument,
    Field(discriminator="soort"),
]
