"""Section ``fondsen``: capital (tranches), instruments and allocation (METHODE §7).

Fund amounts are nominal euros in the year they move (the ledger is a cash book);
the effect of an instrument on a pand's onrendabele top is its present value at
peildatum at that pand's disconteringsvoet.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import (
    Disconteringsvoet,
    Euro,
    Geheel,
    Jaartal,
    JaNee,
    Model,
    Opslag,
    Rentevoet,
    Tekst,
)
from .instrumenten import (
    Aflossing,
    DeelnemingInstrument,
    ErfpachtInstrument,
    GarantieInstrument,
    Instrument,
    LeningInstrument,
    Looptijd,
    SubsidieInstrument,
    Voor,
    Wanbetaling,
)

__all__ = [
    "RANG_STANDAARD",
    "DeelnemingInstrument",
    "ErfpachtInstrument",
    "Fonds",
    "FondsToewijzing",
    "GarantieInstrument",
    "Instrument",
    "LeningInstrument",
    "SubsidieInstrument",
    "Tranche",
    "Voor",
    "Wanbetaling",
]

RANG_STANDAARD = {"lening": 1, "eigen_vermogen": 2, "subsidie": 3}


class Tranche(Model):
    """A source of capital of the fund."""

    naam: Tekst = Field(..., description="Naam van de tranche (uniek binnen het fonds).")
    soort: Literal["subsidie", "lening", "eigen_vermogen"] = Field(
        ...,
        description=(
            "subsidie: wordt niet terugbetaald (wat aan het eind over is, vloeit terug naar de "
            "verstrekker); lening: rente en aflossing; eigen_vermogen: restclaim."
        ),
    )
    bedrag: Euro = Field(
        ...,
        description="Storting (€ nominaal in het stortingsjaar).",
        json_schema_extra={"eenheid": "€"},
    )
    jaar: Jaartal | None = Field(
        None,
        description="Jaar van storting; standaard het startjaar.",
        json_schema_extra={"eenheid": "jaartal"},
    )
    rang: Annotated[Geheel, Field(ge=1, le=99)] | None = Field(
        None,
        description=(
            "Senioriteit: 1 = meest senior, wordt als eerste terugbetaald; de hoogste rang "
            "draagt verliezen als eerste. Standaard lening 1, eigen_vermogen 2, subsidie 3."
        ),
    )
    rente: Rentevoet | None = Field(
        None,
        description="Rente per jaar (alleen bij lening).",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    looptijd: Looptijd | None = Field(
        None,
        description="Looptijd in jaren (alleen bij lening).",
        json_schema_extra={"eenheid": "jaar"},
    )
    aflossing: Aflossing | None = Field(
        None, description="annuitair | lineair | ineens (alleen bij lening; standaard ineens)."
    )
    publiek: JaNee | None = Field(
        None,
        description=(
            "Is dit publiek geld (telt mee in 'publiek geld netto')? Standaard: subsidie ja, "
            "lening en eigen_vermogen nee."
        ),
    )

    @model_validator(mode="after")
    def _lening_velden(self) -> Tranche:
        if self.soort == "lening":
            if self.looptijd is None:
                raise PydanticCustomError(
                    "fonds.looptijd_ontbreekt",
                    "een tranche van soort lening vraagt een looptijd",
                    {},
                )
        else:
            for veld in ("rente", "looptijd", "aflossing"):
                if getattr(self, veld) is not None:
                    raise PydanticCustomError(
                        "fonds.alleen_bij_lening",
                        "{veld} geldt alleen voor een tranche van soort lening (deze is {soort})",
                        {"veld": veld, "soort": self.soort},
                    )
        return self


class FondsToewijzing(Model):
    """Order of service: panden by commitment year, then this order; instruments in this order."""

    volgorde_panden: Literal["startjaar", "ort_per_woning", "invoer"] = Field(
        "startjaar",
        description=(
            "Binnen een jaar: startjaar (dan volgorde in het bestand), ort_per_woning (kleinste "
            "tekort per woning eerst) of invoer (volgorde in het bestand). Toezeggingen volgen "
            "altijd de tijd: het fonds kan alleen geld uitgeven dat het in dat jaar heeft."
        ),
    )
    prioriteit: list[Tekst] = Field(
        default_factory=list,
        description="Pand-ids die binnen hun jaar als eerste aan de beurt zijn.",
    )
    volgorde_instrumenten: list[Tekst] | None = Field(
        None,
        description=(
            "Namen van instrumenten (standaard hun soort) in de volgorde waarin ze per pand "
            "worden geprobeerd; niet genoemde instrumenten volgen daarna in de volgorde van "
            "'instrumenten'. 'verevening' vooraan betekent "
            "dat dit fonds de vereveningspot voorfinanciert (bijdragen en toewijzingen lopen "
            "door zijn kasboek)."
        ),
    )
    bij_geldgebrek: Literal["wachten", "deels"] = Field(
        "wachten",
        description=(
            "Als de kas een pakket niet helemaal kan dragen: wachten (het pand komt op de "
            "wachtlijst; elk jaar wordt zijn pakket opnieuw gemaat en het krijgt het hele "
            "pakket zodra dat past, bijvoorbeeld met geld uit aflossingen) of deels (het pand "
            "krijgt nu wat de kas toelaat — subsidie en lening gedeeltelijk, de andere "
            "instrumenten helemaal of niet — en wacht niet)."
        ),
    )
    max_wachttijd: Annotated[Geheel, Field(ge=0, le=100)] | None = Field(
        None,
        description=(
            "Hoeveel jaar een pand hooguit op de wachtlijst staat; daarna valt het af (niet "
            "gefinancierd). Standaard geen grens: tot het eind van de horizon."
        ),
        json_schema_extra={"eenheid": "jaar"},
    )
    alleen_sluitend: JaNee = Field(
        False,
        description=(
            "Alleen toezeggen als het pakket het tekort van het pand helemaal sluit; een pand dat "
            "met alle instrumenten samen een tekort houdt, krijgt dan niets."
        ),
    )

    @model_validator(mode="after")
    def _sluitend_wacht(self) -> FondsToewijzing:
        if self.alleen_sluitend and self.bij_geldgebrek == "deels":
            raise PydanticCustomError(
                "fonds.sluitend_en_deels",
                "alleen_sluitend: true past niet bij bij_geldgebrek: deels (een deel van een "
                "pakket sluit het tekort niet); kies bij_geldgebrek: wachten",
                {},
            )
        return self


class Fonds(Model):
    """A fund: tranches in, instruments out, simulated year by year."""

    naam: Tekst = Field(..., description="Naam van het fonds (uniek).")
    tranches: list[Tranche] = Field(default_factory=list, description="Kapitaal.")
    instrumenten: list[Instrument] = Field(..., min_length=1, description="Instrumenten.")
    toewijzing: FondsToewijzing = Field(
        default_factory=FondsToewijzing, description="Volgorde van panden en instrumenten."
    )
    beheerkosten: Opslag = Field(
        0,
        description="Beheerkosten per jaar als fractie van de uitstaande leningen (SVn: 0.005).",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    disconteringsvoet: Disconteringsvoet | None = Field(
        None,
        description=(
            "Voet voor de contante waarde van publiek geld in de kengetallen van dit fonds; "
            "standaard markt.disconteringsvoet_publiek (de voet van de gemeente)."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    kredietlimiet: Euro = Field(
        0,
        description=(
            "Hoe ver de kas onder nul mag (€, rekening-courant bij gemeente of bank); het fonds "
            "doet toezeggingen tot saldo = −kredietlimiet. Het model rekent over een negatief "
            "saldo geen rente. Elk jaar onder nul staat als kastekort in de kengetallen en als "
            "waarschuwing. Standaard 0: het fonds staat nooit rood door eigen toezeggingen."
        ),
        json_schema_extra={"eenheid": "€"},
    )
