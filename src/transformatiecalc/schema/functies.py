"""Section ``functies``: the products a pand is transformed into (METHODE §2).

A functie is one of four ``soort``: ``huurwoning`` and ``koopwoning`` are counted in
woningen, ``commercieel`` and ``maatschappelijk`` in m² BVO. Rental functies carry a
``waardering`` (``bar``, ``nar`` or ``dcf``); a koopwoning is valued from its v.o.n. price.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import (
    Aantal,
    Aanvangsrendement,
    Disconteringsvoet,
    Euro,
    Geheel,
    Getal,
    HuurPerM2PerJaar,
    HuurPerMaand,
    JaNee,
    M2PerWoning,
    Model,
    Opslag,
    Tekst,
    Transactiekosten,
    VonPrijs,
)
from .wws import WwsSchatting

#: Default of btw_verrekenbaar per soort (METHODE §3): woningverhuur and most social
#: functions are BTW-exempt, so BTW on building costs is a real cost there.
BTW_VERREKENBAAR_STANDAARD: dict[str, bool] = {
    "huurwoning": False,
    "koopwoning": True,
    "commercieel": True,
    "maatschappelijk": False,
}


class Bar(Model):
    """Value = bruto huur at oplevering / BAR, converted from v.o.n. to k.k."""

    methode: Literal["bar"]
    bar: Aanvangsrendement = Field(
        ...,
        description="Bruto aanvangsrendement (fractie), v.o.n.",
        json_schema_extra={"eenheid": "fractie"},
    )
    kosten_koper: Transactiekosten | None = Field(
        None,
        description="Eigen kosten koper (totaal) voor deze functie; standaard markt.kosten_koper.",
        json_schema_extra={"eenheid": "fractie"},
    )


class Nar(Model):
    """Value = NOI in the first year / NAR, converted from v.o.n. to k.k."""

    methode: Literal["nar"]
    nar: Aanvangsrendement = Field(
        ...,
        description="Netto aanvangsrendement (fractie), v.o.n.",
        json_schema_extra={"eenheid": "fractie"},
    )
    kosten_koper: Transactiekosten | None = Field(
        None,
        description="Eigen kosten koper (totaal) voor deze functie; standaard markt.kosten_koper.",
        json_schema_extra={"eenheid": "fractie"},
    )


class Dcf(Model):
    """Value = Σ NOI_k (1+r)^−k over `termijn` years + eindwaarde (1+r)^−termijn."""

    methode: Literal["dcf"]
    termijn: Annotated[Aantal, Field(le=100)] = Field(
        ...,
        description="Aantal exploitatiejaren N in de DCF (bijv. 15 marktwaarde, 50 bedrijfswaarde).",
        json_schema_extra={"eenheid": "jaar"},
    )
    exit_yield: Aanvangsrendement | None = Field(
        None,
        description="Eindwaarde = NOI_(N+1) / exit_yield, na kosten koper. Geef dit óf eindwaarde: 0.",
        json_schema_extra={"eenheid": "fractie"},
    )
    eindwaarde: Literal[0] | None = Field(
        None,
        description="Zet op 0 voor een eindige exploitatie zonder eindwaarde (bedrijfswaarde).",
    )
    disconteringsvoet: Disconteringsvoet | None = Field(
        None,
        description="Eigen disconteringsvoet van deze functie; standaard die van de exploitant.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    kosten_koper: Transactiekosten | None = Field(
        None,
        description="Eigen kosten koper (totaal) op de eindwaarde; standaard markt.kosten_koper.",
        json_schema_extra={"eenheid": "fractie"},
    )

    @model_validator(mode="after")
    def _een_eindwaarde(self) -> Dcf:
        if self.exit_yield is not None and self.eindwaarde is not None:
            raise PydanticCustomError(
                "functie.dcf_eindwaarde",
                "exit_yield en eindwaarde: 0 sluiten elkaar uit; geef er precies één (een "
                "exit_yield die dit bestand van zijn basis erft, zet u uit met exit_yield: null)",
                {},
            )
        if self.exit_yield is None and self.eindwaarde is None:
            raise PydanticCustomError(
                "functie.dcf_eindwaarde",
                "geef precies één van exit_yield (eindwaarde = NOI / exit_yield) of eindwaarde: 0",
                {},
            )
        return self


Waardering = Annotated[Bar | Nar | Dcf, Field(discriminator="methode")]


class LastenWoning(Model):
    """Exploitatielasten of a rental dwelling: fixed per woning (indexed) plus a % of bruto huur."""

    per_woning_per_jaar: Euro = Field(
        0,
        description="Vaste lasten per woning per jaar (onderhoud, beheer, belastingen), prijspeil.",
        json_schema_extra={"eenheid": "€ per jaar"},
    )
    percentage_huur: Opslag = Field(
        0,
        description="Lasten als fractie van de bruto huur.",
        json_schema_extra={"eenheid": "fractie"},
    )


class LastenM2(Model):
    """Exploitatielasten of a m² functie: fixed per m² VVO (indexed) plus a % of bruto huur."""

    per_m2_per_jaar: Euro = Field(
        0,
        description="Vaste lasten per m² VVO per jaar, prijspeil.",
        json_schema_extra={"eenheid": "€/m² per jaar"},
    )
    percentage_huur: Opslag = Field(
        0,
        description="Lasten als fractie van de bruto huur.",
        json_schema_extra={"eenheid": "fractie"},
    )


class _FunctieBasis(Model):
    naam: Tekst | None = Field(None, description="Leesbare naam; standaard de sleutel.")
    btw_verrekenbaar: JaNee | None = Field(
        None,
        description=(
            "Is BTW op de bouwkosten verrekenbaar? Standaard per soort: koopwoning en "
            "commercieel true, huurwoning en maatschappelijk false."
        ),
    )


class Wws(Model):
    """The WWS points of one woning of this functie (METHODE §2a), given one of three ways."""

    punten: Annotated[Geheel, Field(ge=0, le=1000)] | None = Field(
        None,
        description=(
            "Puntentotaal volgens het woningwaarderingsstelsel (hele punten, na de "
            "WOZ-begrenzing, zonder opslagen), bijvoorbeeld uit een puntentelling."
        ),
        json_schema_extra={"eenheid": "punten"},
    )
    schatting: WwsSchatting | None = Field(
        None,
        description=(
            "Schat de punten in de planfase uit enkele kenmerken (energielabel, WOZ, "
            "buitenruimte, niveau van keuken, sanitair en verwarming) en gbo_per_woning; de "
            "rubrieken en standaarden staan in METHODE §2a."
        ),
    )
    bestand: Tekst | None = Field(
        None,
        description=(
            "Pad (relatief aan het scenario) van een JSON-bestand met de volledige beschrijving "
            "van één woning (VERA-eenheid); de punten rekent het pakket woningwaardering exact "
            '(installeer met pip install "transformatiecalc[wws]"). Dezelfde toegangsregels '
            "als erft_van."
        ),
    )

    @model_validator(mode="after")
    def _een_bron(self) -> Wws:
        gegeven = [k for k in WWS_BRONNEN if getattr(self, k) is not None]
        if len(gegeven) != 1:
            raise PydanticCustomError(
                "functie.wws_een_bron",
                "geef precies één van {bronnen} (nu: {gegeven})",
                {"bronnen": ", ".join(WWS_BRONNEN), "gegeven": ", ".join(gegeven) or "geen"},
            )
        return self

    @property
    def bron(self) -> str:
        """How the points are known: 'punten' (given), 'schatting' or 'bestand'."""
        return next(k for k in WWS_BRONNEN if getattr(self, k) is not None)


#: The ways a functie's WWS points can be given, in the order of docs/methode.md §2a.
WWS_BRONNEN: tuple[str, ...] = ("punten", "schatting", "bestand")


class Huurwoning(_FunctieBasis):
    soort: Literal["huurwoning"]
    huur_per_maand: HuurPerMaand = Field(
        ...,
        description="Kale huur per woning per maand (€, prijspeil), geïndexeerd tot oplevering.",
        json_schema_extra={"eenheid": "€ per maand"},
    )
    wws: Wws | None = Field(
        None,
        description=(
            "WWS-punten van één woning: punten, schatting of bestand (METHODE §2a). Daarmee "
            "toetst de engine de huur aan de wettelijke maximale huur, bepaalt het segment "
            "(sociaal, midden, vrij) en begrenst de huurindexatie. Zonder wws wordt de huur "
            "niet getoetst (met een waarschuwing)."
        ),
    )
    betaalbare_huur_per_maand: HuurPerMaand | None = Field(
        None,
        description=(
            "Betaalbare huur per maand; daarmee wordt het betaalbaarheidsgat berekend. "
            "Standaard, met wws, de bovengrens van het segment volgens de huurprijstabel van "
            "het prijspeil (sociaal: 143 punten, € 932,93 in 2026; midden: 186 punten, "
            "€ 1 228,07 in 2026), of de maximale huur van de woning zelf als die lager is; "
            "vrije sector en zonder wws: geen."
        ),
        json_schema_extra={"eenheid": "€ per maand"},
    )
    betaalbaar: JaNee | None = Field(
        None,
        description=(
            "Telt als betaalbare woning (voorwaarde min_betaalbaar van fondsinstrumenten); "
            "standaard, met wws: sociale huur of middenhuur; zonder wws: huur_per_maand ≤ "
            "betaalbare_huur_per_maand."
        ),
    )
    bvo_per_woning: M2PerWoning = Field(
        ...,
        description="BVO per woning (m²), drijft de bouwkosten.",
        json_schema_extra={"eenheid": "m²"},
    )
    gbo_per_woning: M2PerWoning | None = Field(
        None,
        description="GBO per woning (m²); nodig voor een WWS-schatting, anders ter informatie.",
        json_schema_extra={"eenheid": "m²"},
    )
    exploitatielasten: LastenWoning = Field(default_factory=LastenWoning)
    leegstand: Annotated[Opslag, Field(lt=0.5)] = Field(
        0,
        description="Structurele leegstand en huurderving als fractie van de bruto huur.",
        json_schema_extra={"eenheid": "fractie"},
    )
    waardering: Waardering = Field(..., description="Waarderingsmethode: bar, nar of dcf.")

    @model_validator(mode="after")
    def _gbo_voor_schatting(self) -> Huurwoning:
        if self.wws is not None and self.wws.schatting is not None and self.gbo_per_woning is None:
            raise PydanticCustomError(
                "functie.wws_gbo_ontbreekt",
                "wws.schatting rekent met de GBO per woning: geef gbo_per_woning",
                {},
            )
        return self


class Koopwoning(_FunctieBasis):
    soort: Literal["koopwoning"]
    von_prijs_incl_btw: VonPrijs = Field(
        ...,
        description="Vrij-op-naamprijs per woning incl. BTW (€, prijspeil).",
        json_schema_extra={"eenheid": "€"},
    )
    betaalbaar: JaNee | None = Field(
        None,
        description=(
            "Telt als betaalbare koopwoning (voorwaarde min_betaalbaar van fondsinstrumenten); "
            "standaard nee."
        ),
    )
    bvo_per_woning: M2PerWoning = Field(
        ...,
        description="BVO per woning (m²), drijft de bouwkosten.",
        json_schema_extra={"eenheid": "m²"},
    )
    gbo_per_woning: M2PerWoning | None = Field(
        None,
        description="GBO per woning (m²), ter informatie.",
        json_schema_extra={"eenheid": "m²"},
    )
    verkoopkosten: Transactiekosten = Field(
        0.015,
        description="Verkoopkosten (makelaar, marketing) als fractie van de opbrengst excl. BTW.",
        json_schema_extra={"eenheid": "fractie"},
    )


class M2Functie(_FunctieBasis):
    soort: Literal["commercieel", "maatschappelijk"]
    huur_per_m2_per_jaar: HuurPerM2PerJaar = Field(
        ...,
        description="Huur per m² VVO per jaar (€, prijspeil), geïndexeerd tot oplevering.",
        json_schema_extra={"eenheid": "€/m² per jaar"},
    )
    betaalbare_huur_per_m2_per_jaar: HuurPerM2PerJaar | None = Field(
        None,
        description="Huur die de beoogde gebruiker kan dragen (€/m² VVO/jaar).",
        json_schema_extra={"eenheid": "€/m² per jaar"},
    )
    vvo_bvo: Annotated[Getal, Field(gt=0, le=1)] = Field(
        0.8,
        description="Verhouding VVO/BVO (NEN 2580); bepaalt de verhuurbare m².",
        json_schema_extra={"eenheid": "fractie"},
    )
    exploitatielasten: LastenM2 = Field(default_factory=LastenM2)
    leegstand: Annotated[Opslag, Field(lt=0.5)] = Field(
        0,
        description="Structurele leegstand en huurderving als fractie van de bruto huur.",
        json_schema_extra={"eenheid": "fractie"},
    )
    waardering: Waardering = Field(..., description="Waarderingsmethode: bar, nar of dcf.")


Functie = Annotated[Huurwoning | Koopwoning | M2Functie, Field(discriminator="soort")]

WONING_SOORTEN: frozenset[str] = frozenset({"huurwoning", "koopwoning"})


def rentedragend(functie: Huurwoning | Koopwoning | M2Functie) -> bool:
    """True for functies whose price is a rent (all but koopwoning)."""
    return functie.soort != "koopwoning"


__all__ = [
    "BTW_VERREKENBAAR_STANDAARD",
    "WONING_SOORTEN",
    "Bar",
    "Dcf",
    "Functie",
    "Huurwoning",
    "Koopwoning",
    "LastenM2",
    "LastenWoning",
    "M2Functie",
    "Nar",
    "Waardering",
    "Wws",
    "rentedragend",
]
