"""Sections ``markt``, ``conventies`` and ``kosten`` (METHODE §1–4).

Every default here is documented in its ``description`` (which becomes the JSON Schema
hover text and docs/scenario.md) and echoed in the results as an effective value.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .basis import (
    BouwkostenPerM2,
    Disconteringsvoet,
    Indexatie,
    JaNee,
    Model,
    Opslag,
    Rentevoet,
    Tekst,
    Transactiekosten,
)


class HuurPerSegment(Model):
    """Yearly rent change per rent segment (METHODE §2a), before the legal cap."""

    sociaal: Indexatie | None = Field(
        None,
        description="Huurstijging sociale huur (≤ 143 punten); standaard markt.indexatie.huur.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    midden: Indexatie | None = Field(
        None,
        description="Huurstijging middenhuur (144–186 punten); standaard markt.indexatie.huur.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    vrij: Indexatie | None = Field(
        None,
        description="Huurstijging vrije sector (≥ 187 punten); standaard markt.indexatie.huur.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )


class Indexaties(Model):
    """Yearly price change per category (METHODE §1): bedrag_t = bedrag · (1+i)^(jaar − prijspeil)."""

    bouwkosten: Indexatie = Field(
        0.03,
        description="Jaarlijkse stijging van bouwkosten, bijkomende kosten en extra kosten.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    huur: Indexatie = Field(
        0.02,
        description=(
            "Jaarlijkse stijging van huren (woningen en m²). Voor huurwoningen met WWS-punten "
            "begrensd door het wettelijke plafond van hun segment (METHODE §2a)."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    huur_per_segment: HuurPerSegment | None = Field(
        None,
        description=(
            "Eigen huurindexatie per huursegment (sociaal, midden, vrij) voor huurwoningen met "
            "WWS-punten; een segment dat ontbreekt volgt markt.indexatie.huur. Ook deze "
            "indexatie wordt begrensd door het wettelijke plafond (METHODE §2a)."
        ),
    )
    exploitatielasten: Indexatie = Field(
        0.025,
        description="Jaarlijkse stijging van de vaste exploitatielasten.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    verkoopprijzen: Indexatie = Field(
        0.02,
        description="Jaarlijkse stijging van v.o.n.-prijzen van koopwoningen.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    grond: Indexatie = Field(
        0.02,
        description="Jaarlijkse stijging van de inbrengwaarde tot het startjaar van het pand.",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )


class KostenKoper(Model):
    """Kosten koper: turn a v.o.n. value into a k.k. value (METHODE §2)."""

    overdrachtsbelasting: Transactiekosten = Field(
        0.08,
        description=(
            "Overdrachtsbelasting bij verkoop van het verhuurde complex. Standaard 0.08: het "
            "tarief voor woningen die niet als hoofdverblijf dienen vanaf 1-1-2026 (was 10,4 %); "
            "voor niet-woningen blijft 10,4 % gelden (zet dan per functie "
            "waardering.kosten_koper)."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )
    overig: Transactiekosten = Field(
        0.015,
        description="Overige kosten koper (notaris, taxatie, advies) als fractie.",
        json_schema_extra={"eenheid": "fractie"},
    )
    methode: Literal["delen", "vermenigvuldigen"] = Field(
        "delen",
        description="delen: waarde_kk = waarde_von / (1 + kk); vermenigvuldigen: waarde_von · (1 − kk).",
    )

    @property
    def totaal(self) -> float:
        """kk = overdrachtsbelasting + overig (fraction)."""
        return self.overdrachtsbelasting + self.overig


class Markt(Model):
    """Market assumptions shared by all panden."""

    disconteringsvoet: Disconteringsvoet = Field(
        0.055,
        description=(
            "Disconteringsvoet (fractie per jaar) voor partijen die geen eigen "
            "disconteringsvoet opgeven."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    disconteringsvoet_publiek: Disconteringsvoet | None = Field(
        None,
        description=(
            "Voet (fractie per jaar) waartegen publiek geld contant wordt gemaakt in de "
            "kengetallen van fondsen en van het programma (publiek geld netto, woningen per "
            "€ 1 mln). Standaard de disconteringsvoet van de gemeente (de eerste partij van "
            "soort gemeente), anders markt.disconteringsvoet."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    indexatie: Indexaties = Field(
        default_factory=Indexaties, description="Indexatie per categorie."
    )
    btw: Opslag = Field(
        0.21,
        description="BTW-tarief op bouwkosten en koopwoningen.",
        json_schema_extra={"eenheid": "fractie"},
    )
    kosten_koper: KostenKoper = Field(default_factory=KostenKoper, description="Kosten koper.")
    bouwrente: Rentevoet = Field(
        0.05,
        description="Rente over de bouwsom tijdens de bouw (financieringskosten, §3).",
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    inflatie: Indexatie = Field(
        0.02,
        description=(
            "Inflatie (CPI) per jaar, voor de wettelijke plafonds van de huurstijging "
            "(METHODE §2a): vrije sector min(inflatie, loonontwikkeling) + 1 %-punt. Standaard "
            "0.02, de middellangetermijndoelstelling van de ECB; 2025 was 3,4 %."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    inflatie_driejarig: Indexatie | None = Field(
        None,
        description=(
            "Gemiddelde inflatie (CPI) over drie jaar, voor het plafond van de sociale huur "
            "(gemiddelde + 0,5 %-punt). Standaard markt.inflatie (een vaste inflatie heeft dat "
            "gemiddelde); 2026 gebruikte 3,6 %."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )
    loonontwikkeling: Indexatie = Field(
        0.03,
        description=(
            "CAO-loonontwikkeling per jaar, voor het plafond van de middenhuur (+ 1 %-punt) en "
            "de vrije sector. Standaard 0.03 (2 % inflatie plus 1 % reële loongroei, een "
            "aanname); 2026 gebruikte 5,1 %."
        ),
        json_schema_extra={"eenheid": "fractie per jaar"},
    )


class Conventies(Model):
    """Conventions practitioners disagree on (METHODE §3–5); every one is a choice here."""

    ak_grondslag: Literal["bouw", "bouw_en_grond", "opbrengst"] = Field(
        "bouw",
        description=(
            "Grondslag van de algemene kosten: bouw (B+BK), bouw_en_grond (B+BK+grond; in de "
            "residuele berekening circulair, in gesloten vorm opgelost) of opbrengst (V)."
        ),
    )
    wr_grondslag: Literal["opbrengst", "kosten"] = Field(
        "opbrengst",
        description="Grondslag van winst & risico: opbrengst (V) of kosten (B+BK+onvoorzien+BTW+F+AK).",
    )
    rente_model: Literal["geen", "half_bouwkosten", "kasstroom"] = Field(
        "half_bouwkosten",
        description=(
            "Financieringskosten in de residuele berekening: geen; half_bouwkosten "
            "(½·bouwsom·((1+i)^bouwtijd − 1)); kasstroom (rente per jaar van uitgave tot oplevering)."
        ),
    )
    disconteringsmoment: Literal["eind_jaar", "midden_jaar"] = Field(
        "eind_jaar",
        description=(
            "eind_jaar: kasstroom in jaar t telt met (1+r)^−t (Excel: CF0 + NPV(r; CF1:CFn)); "
            "midden_jaar: (1+r)^−(t−0,5) voor t ≥ 1."
        ),
    )
    disconteringsvoet_opbrengst: Literal["partij", "markt"] = Field(
        "partij",
        description=(
            "Welke disconteringsvoet de DCF-waardering van de opbrengst V (residuele "
            "grondwaarde, §2) gebruikt: partij (die van de exploitant, zodat V gelijk is aan de "
            "exploitatiewaarde) of markt (markt.disconteringsvoet)."
        ),
    )
    huur_boven_maximum: Literal["weigeren", "aftoppen"] = Field(
        "weigeren",
        description=(
            "Wat als de huur van een huurwoning boven de wettelijke maximale huur van haar "
            "WWS-punten ligt (METHODE §2a): weigeren (een fout met de plek, de punten en het "
            "maximum) of aftoppen (een waarschuwing, en de berekening gebruikt het maximum)."
        ),
    )
    ruime_grenzen: JaNee | list[Tekst] = Field(
        False,
        description=(
            "Reken bewust met waarden buiten hun plausibele bereik (aanvangsrendementen, "
            "disconteringsvoeten, huren, prijzen, bouwkosten, m² per woning en de omvang van een "
            "pand; het bereik staat bij elke sleutel): true voor alle waarden, of een lijst "
            "paden, zoals [functies.studio.bvo_per_woning], voor die waarden en alles eronder. "
            "De harde grenzen blijven gelden. Zie METHODE §8."
        ),
    )


class Kosten(Model):
    """Building-cost assumptions (METHODE §3)."""

    per_m2_bvo: dict[str, BouwkostenPerM2] = Field(
        ...,
        min_length=1,
        description=(
            "Bouwkosten per m² BVO per ingreep (€ excl. BTW, prijspeil), bijvoorbeeld "
            "{transformatie_licht: 1350, transformatie_zwaar: 2050}. Verplicht: er is geen "
            "betrouwbare landelijke waarde; noteer de bron in een commentaarregel."
        ),
        json_schema_extra={"eenheid": "€/m²"},
    )
    bijkomend: Opslag = Field(
        0.16,
        description="Bijkomende kosten (advies, leges, aansluitingen) als fractie van B.",
        json_schema_extra={"eenheid": "fractie"},
    )
    onvoorzien: Opslag = Field(
        0.05,
        description="Onvoorzien als fractie van B + BK.",
        json_schema_extra={"eenheid": "fractie"},
    )
    ak: Opslag = Field(
        0.05,
        description="Algemene kosten als fractie van de ak_grondslag.",
        json_schema_extra={"eenheid": "fractie"},
    )
    wr: Opslag = Field(
        0.08,
        description="Winst & risico als fractie van de wr_grondslag.",
        json_schema_extra={"eenheid": "fractie"},
    )
    verwervingskosten: Transactiekosten | None = Field(
        None,
        description=(
            "Kosten bij aankoop van een pand (verwerving: true) als fractie van de inbreng. "
            "Standaard: markt.kosten_koper (overdrachtsbelasting + overig)."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )
