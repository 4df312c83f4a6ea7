"""Section ``panden``: each building, its current state and its transformation (METHODE §1, §3)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import (
    BVO_PER_PAND,
    BVO_PER_PAND_MAX,
    M2,
    WONINGEN_PER_PAND,
    Aandeel,
    Aantal,
    Aanvangsrendement,
    Euro,
    Geheel,
    Jaartal,
    JaNee,
    Model,
    Tekst,
    eis_som_een,
)


def _duizend(x: float) -> str:
    """1000000 → '1.000.000' (Dutch thousands separator) for descriptions."""
    return f"{x:,.0f}".replace(",", ".")


class Huidig(Model):
    """The pand as it is now. The inbrengwaarde comes from, in this order: ``inbrengwaarde``,
    ``marktwaarde``, or ``huur_per_jaar / bar`` (METHODE §3)."""

    functie: Tekst | None = Field(
        None, description="Huidige functie (winkel, kantoor, leeg …), ter informatie."
    )
    wonen: JaNee | None = Field(
        None,
        description=(
            "Het pand is nu al woonruimte (verbouw of renovatie van bestaande woningen, geen "
            "verbouw van een andere functie naar wonen): dan geldt de opslag van 10 % op de "
            "maximale huur voor transformatie vóór 2028 niet (Bhw art. 8a). Standaard nee."
        ),
    )
    bouwjaar: Annotated[Geheel, Field(ge=1000, le=2200)] | None = Field(
        None,
        description=(
            "Bouwjaar van het gebouw; nodig bij monument: stadsgezicht (de opslag van 5 % op de "
            "maximale huur geldt alleen voor gebouwen van vóór 1965)."
        ),
        json_schema_extra={"eenheid": "jaartal"},
    )
    bvo: M2 | None = Field(
        None,
        description="Huidig BVO (m²), ter informatie en controle.",
        json_schema_extra={"eenheid": "m²"},
    )
    huur_per_jaar: Euro | None = Field(
        None,
        description="Huur die het pand nu opbrengt (€/jaar); met bar bepaalt dit de inbrengwaarde.",
        json_schema_extra={"eenheid": "€ per jaar"},
    )
    leegstand: Aandeel | None = Field(
        None,
        description="Huidige leegstand (fractie), ter informatie.",
        json_schema_extra={"eenheid": "fractie"},
    )
    bar: Aanvangsrendement | None = Field(
        None,
        description="BAR van de huidige functie; inbrengwaarde = huur_per_jaar / bar.",
        json_schema_extra={"eenheid": "fractie"},
    )
    marktwaarde: Euro | None = Field(
        None,
        description="Marktwaarde in huidige staat op peildatum (€).",
        json_schema_extra={"eenheid": "€"},
    )
    inbrengwaarde: Euro | None = Field(
        None,
        description=(
            "Waarde waarmee het pand de business case ingaat (€, peildatum). Standaard de "
            "marktwaarde, anders huur_per_jaar / bar."
        ),
        json_schema_extra={"eenheid": "€"},
    )
    boekwaarde: Euro | None = Field(
        None,
        description=(
            "Boekwaarde bij de eigenaar (€); het verschil met de inbrengwaarde is de "
            "afwaardering. Standaard gelijk aan de inbrengwaarde (geen afwaardering bekend)."
        ),
        json_schema_extra={"eenheid": "€"},
    )

    @model_validator(mode="after")
    def _inbreng_bepaalbaar(self) -> Huidig:
        if (
            self.inbrengwaarde is None
            and self.marktwaarde is None
            and (self.huur_per_jaar is None or self.bar is None)
        ):
            raise PydanticCustomError(
                "pand.inbreng_onbekend",
                "de inbrengwaarde is niet te bepalen: geef inbrengwaarde, marktwaarde of "
                "huur_per_jaar met bar",
                {},
            )
        return self


class ProgrammaRegel(Model):
    """One functie in the programme: woningen for woning soorten, bvo for m² soorten."""

    functie: Tekst = Field(..., description="Sleutel van een functie uit de sectie functies.")
    woningen: Aantal | None = Field(None, description="Aantal woningen (huurwoning, koopwoning).")
    bvo: M2 | None = Field(
        None,
        description=(
            "BVO in m² (verplicht voor commercieel en maatschappelijk; bij woningen een "
            "optionele vervanging van woningen × bvo_per_woning)."
        ),
        json_schema_extra={"eenheid": "m²"},
    )
    ingreep: Tekst | None = Field(
        None,
        description="Eigen ingreep voor dit deel van het programma; standaard die van het pand.",
    )


class Transformatie(Model):
    """What happens to the pand, and when."""

    start: Jaartal = Field(
        ...,
        description="Startjaar s: inbreng/verwerving en eerste bouwjaar.",
        json_schema_extra={"eenheid": "jaartal"},
    )
    bouwtijd: Annotated[Aantal, Field(le=10)] = Field(
        1,
        description="Bouwtijd b in jaren (≥ 1); oplevering in jaar s + b.",
        json_schema_extra={"eenheid": "jaar"},
    )
    ingreep: Tekst = Field(..., description="Sleutel uit kosten.per_m2_bvo.")
    verwerving: JaNee = Field(
        False, description="Wisselt het pand van eigenaar (dan verwervingskosten over de inbreng)?"
    )
    exploitant: Tekst | None = Field(
        None,
        description=(
            "Partij die transformeert en het pand daarna houdt; standaard de eigenaar. "
            "Haar disconteringsvoet, ak en wr gelden voor dit pand."
        ),
    )
    programma: list[ProgrammaRegel] = Field(
        ...,
        min_length=1,
        description=(
            "De nieuwe functies. Samen (woningen × bvo_per_woning plus bvo) hoogstens "
            f"{_duizend(BVO_PER_PAND_MAX)} m² BVO; plausibel tot {_duizend(BVO_PER_PAND.hoog)} "
            f"m² BVO en {_duizend(WONINGEN_PER_PAND.hoog)} woningen per pand."
        ),
    )
    extra_kosten: dict[str, Euro] = Field(
        default_factory=dict,
        description="Benoemde extra bouwkosten (€, prijspeil), bijvoorbeeld {asbestsanering: 180000}.",
        json_schema_extra={"eenheid": "€"},
    )
    anterieure_overeenkomst: JaNee = Field(
        False,
        description=(
            "Is er een anterieure overeenkomst met de gemeente? Dan draagt een privaat pand bij "
            "aan de verevening, ook zonder kostenverhaalplicht."
        ),
    )
    kostenverdeling: list[Aandeel] | None = Field(
        None,
        description=(
            "Verdeling van de bouwkosten over de bouwjaren (lengte = bouwtijd, som = 1); "
            "standaard gelijk verdeeld."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )

    @model_validator(mode="after")
    def _verdeling_past(self) -> Transformatie:
        if self.kostenverdeling is not None:
            if len(self.kostenverdeling) != self.bouwtijd:
                raise PydanticCustomError(
                    "pand.kostenverdeling_lengte",
                    "kostenverdeling heeft {n} getallen, maar de bouwtijd is {b} jaar",
                    {"n": len(self.kostenverdeling), "b": self.bouwtijd},
                )
            eis_som_een(self.kostenverdeling, "kostenverdeling")
        return self


class Pand(Model):
    """One building (or adjoining buildings treated as one)."""

    id: Tekst = Field(..., description="Unieke code van het pand, bijv. P01.")
    naam: Tekst | None = Field(None, description="Naam of adres.")
    eigenaar: Tekst = Field(..., description="Sleutel van de eigenaar in de sectie partijen.")
    gebied: Tekst = Field(
        "binnenstad",
        description="Gebied waarbinnen verevening plaatsvindt (elk gebied heeft een eigen pot).",
    )
    monument: Literal["rijksmonument", "gemeentelijk", "provinciaal", "stadsgezicht"] | None = (
        Field(
            None,
            description=(
                "Monumentstatus, voor de opslagen op de maximale huur van huurwoningen (Bhw art. "
                "8a, METHODE §2a): rijksmonument +35 %, gemeentelijk of provinciaal monument "
                "+15 %, stadsgezicht (rijksbeschermd stads- of dorpsgezicht, gebouwd vóór 1965, "
                "geen monument) +5 %. Een monument krijgt geen minpunten voor energie."
            ),
        )
    )
    huidig: Huidig = Field(..., description="De huidige staat.")
    transformatie: Transformatie = Field(..., description="De transformatie.")
