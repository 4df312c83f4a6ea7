"""The facts for a plan-stage estimate of WWS points per woning (METHODE §2a, issue #15).

A project leader knows the energielabel the transformation aims for, a WOZ-waarde (or a
WOZ-waarde per m² from comparable homes), the private outdoor space and roughly how well
the kitchen, bathroom and heating are fitted out. :class:`WwsSchatting` holds those facts;
GBO per woning comes from the functie (``gbo_per_woning``). The estimate itself is
:func:`transformatiecalc.engine.huurrecht.punten.schat_punten`; each level below stands
for concrete WWS inputs, listed there and in docs/methode.md §2a.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import Aandeel, EuroPositief, Getal, Jaartal, JaNee, Model, Plausibel

#: Defaults of the GBO split; the same numbers as AANDEEL_VERTREKKEN and
#: AANDEEL_OVERIGE_RUIMTEN in engine/huurrecht/punten.py (a test keeps them equal; the
#: schema does not import the engine, whose package imports the schema).
AANDEEL_VERTREKKEN = 0.78
AANDEEL_OVERIGE_RUIMTEN = 0.05

Energielabel = Literal["A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"]
Niveau = Literal["eenvoudig", "standaard", "luxe"]

#: The WOZ-waarde of one woning (€): plausibly 50 000 … 3 000 000.
WozWaarde = Annotated[
    EuroPositief,
    Plausibel(
        50_000,
        3_000_000,
        "minimum-WOZ 2026 € 85.806; een appartement in een binnenstad € 200.000–800.000",
    ),
]
#: A WOZ-waarde per m² GBO (€/m²): plausibly 1 000 … 15 000.
WozPerM2 = Annotated[
    EuroPositief,
    Field(le=100_000),
    Plausibel(
        1_000,
        15_000,
        "gemiddeld ±€ 4.000/m² in Nederland, in het centrum van Amsterdam ±€ 10.000/m²",
    ),
]
#: Private outdoor space of one woning (m²): 0 … 1 000, plausibly at most 100.
Buitenruimte = Annotated[
    Getal,
    Field(ge=0, le=1_000),
    Plausibel(
        0, 100, "een balkon 4–10 m², een dakterras 10–40 m²; boven 40 m² telt het WWS niet meer"
    ),
]


class WwsSchatting(Model):
    """Per-woning facts of a huurwoning for its WWS points at plan stage.

    Exactly one of ``woz_waarde`` (€ per woning) and ``woz_per_m2`` (€ per m² GBO). Without
    ``woz_peildatum`` the WOZ-waarde is taken at the waardepeildatum that belongs to the
    scenario's prijspeil year: 1 January of the year before (:meth:`waardepeildatum`).
    """

    energielabel: Energielabel = Field(
        ...,
        description=(
            "Energielabel van de woning na transformatie (A++++ t/m G); rubriek 4 van het "
            "WWS, bijvoorbeeld A++: 48 punten voor een appartement."
        ),
    )
    woz_waarde: WozWaarde | None = Field(
        None,
        description=(
            "WOZ-waarde per woning (€) op de waardepeildatum. Geef dit óf woz_per_m2. "
            "Rubriek 11 van het WWS (onderdeel I en II)."
        ),
        json_schema_extra={"eenheid": "€"},
    )
    woz_per_m2: WozPerM2 | None = Field(
        None,
        description=(
            "WOZ-waarde per m² GBO (€/m²), bijvoorbeeld uit vergelijkbare woningen; "
            "WOZ-waarde = woz_per_m2 × gbo_per_woning. Geef dit óf woz_waarde."
        ),
        json_schema_extra={"eenheid": "€/m²"},
    )
    woz_peildatum: Annotated[Jaartal, Field(ge=2022)] | None = Field(
        None,
        description=(
            "Jaar van de waardepeildatum (1 januari) van de WOZ-waarde; bepaalt de "
            "rekenfactoren van rubriek 11. Standaard het jaar vóór het prijspeiljaar van "
            "het scenario (prijspeil 2026: WOZ op 1 januari 2025). Na 2025 gelden de "
            "factoren van 2025."
        ),
        json_schema_extra={"eenheid": "jaartal"},
    )
    buitenruimte_m2: Buitenruimte = Field(
        0,
        description=(
            "Privé buitenruimte per woning (balkon, loggia, dakterras, tuin) in m². "
            "Rubriek 8: 2 punten plus 0,35 per m², hoogstens 15; 0 m² geeft 5 minpunten."
        ),
        json_schema_extra={"eenheid": "m²"},
    )
    keuken: Niveau = Field(
        "standaard",
        description=(
            "Uitrusting van de (open) keuken, rubriek 5: eenvoudig 7 punten (aanrecht "
            "1,8 m, keramische kookplaat, afzuiging, koelkast), standaard 13,5 (aanrecht "
            "2,4 m, inductie, afzuiging, koel-vriescombinatie, combimagnetron), luxe 14 "
            "(aanrecht 3 m, ook vaatwasser, extra kastruimte, kokendwaterkraan)."
        ),
    )
    sanitair: Niveau = Field(
        "standaard",
        description=(
            "Uitrusting van badkamer en toilet, rubriek 6: eenvoudig 7 punten (toilet in "
            "de badkamer, wastafel, douche), standaard 12,75 (aparte toiletruimte met "
            "hangend toilet en fontein; badkamer met wastafel in kastje, douche met "
            "douchewand en thermostaatkraan), luxe 20,5 (ook hangend toilet, "
            "meerpersoonswastafel en bad en douche in de badkamer)."
        ),
    )
    verwarming: Niveau = Field(
        "standaard",
        description=(
            "Verwarming en koeling, rubriek 3: alle vertrekken verwarmd (2 punten elk, 2 "
            "voor de open keuken); standaard ook de hal (1), luxe ook de hal en koeling "
            "in twee of meer vertrekken (3); eenvoudig alleen de vertrekken."
        ),
    )
    aandeel_vertrekken: Annotated[Aandeel, Field(gt=0)] = Field(
        AANDEEL_VERTREKKEN,
        description=(
            "Deel van de GBO dat in het WWS als vertrek telt (woonkamer, slaapkamers, "
            "keuken, badkamer; rubriek 1, 1 punt per m²)."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )
    aandeel_overige_ruimten: Aandeel = Field(
        AANDEEL_OVERIGE_RUIMTEN,
        description=(
            "Deel van de GBO dat als overige ruimte telt (berging, bijkeuken, zolder; "
            "rubriek 2, 0,75 punt per m², pas vanaf 2 m²). De rest (hal, gang, "
            "binnenwanden) telt niet."
        ),
        json_schema_extra={"eenheid": "fractie"},
    )
    eengezinswoning: JaNee = Field(
        False,
        description=(
            "Eengezinswoning in plaats van appartement (meergezinswoning); rubriek 4 geeft "
            "een eengezinswoning bij label A t/m D meer punten."
        ),
    )

    @model_validator(mode="after")
    def _woz_een_van(self) -> WwsSchatting:
        if (self.woz_waarde is None) == (self.woz_per_m2 is None):
            raise PydanticCustomError(
                "wws.woz_een_van",
                "geef precies één van woz_waarde (€ per woning) of woz_per_m2 (€ per m² GBO)",
                {},
            )
        som = self.aandeel_vertrekken + self.aandeel_overige_ruimten
        if som > 1 + 1e-9:
            raise PydanticCustomError(
                "wws.aandelen_te_groot",
                "aandeel_vertrekken plus aandeel_overige_ruimten is {som}, dat is meer dan de "
                "hele GBO (1)",
                {"som": round(som, 12)},
            )
        return self

    def woz_per_woning(self, gbo_per_woning: float) -> float:
        """The WOZ-waarde of one woning (€): woz_waarde, or woz_per_m2 × GBO (m²)."""
        if self.woz_waarde is not None:
            return self.woz_waarde
        assert self.woz_per_m2 is not None  # the validator guarantees one of the two
        return self.woz_per_m2 * gbo_per_woning

    def waardepeildatum(self, prijspeil_jaar: int) -> int:
        """Year of the WOZ waardepeildatum: woz_peildatum, else the year before prijspeil."""
        return self.woz_peildatum if self.woz_peildatum is not None else prijspeil_jaar - 1
