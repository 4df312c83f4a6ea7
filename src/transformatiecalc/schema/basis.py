"""Base model and numeric field types of the scenario contract.

Every scenario model derives from :class:`Model` (unknown keys are errors). Numeric
fields use the types below instead of bare ``float``/``int`` because pydantic's lax
mode would silently accept ``true`` as 1.0 and the text ``"1e6"`` as a number; a
financial tool must refuse both. Ranges are ``Field`` constraints, so they also appear
in the JSON Schema that editors use.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from ..fouten import kort


@dataclass(frozen=True)
class Plausibel:
    """The range a value takes in practice, beside the hard range of its ``Field``.

    The hard range keeps the arithmetic finite and catches slips such as 5.5 for 5,5 %;
    it always holds. A value outside the plausible range is refused too, unless the
    scenario says it is deliberate (``conventies.ruime_grenzen``, METHODE §8). `bron`
    says in Dutch where the range comes from; it is quoted in the message and the docs.
    """

    laag: float
    hoog: float
    bron: str


class Model(BaseModel):
    """Base of every scenario section: unknown keys are refused."""

    model_config = ConfigDict(extra="forbid", use_attribute_docstrings=False)


def beschrijf(waarde: Any) -> str:
    """Short Dutch description of a YAML value for error messages."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if waarde is None:
        return "een lege waarde"
    if isinstance(waarde, str):
        return f"de tekst '{kort(waarde)}'"
    if isinstance(waarde, dict):
        return "een mapping"
    if isinstance(waarde, list):
        return "een lijst"
    if isinstance(waarde, datetime.date):  # YAML reads 2026-01-01 as a date
        return f"de datum {waarde.isoformat()}"
    return repr(waarde)


@dataclass(frozen=True)
class Schrijfwijze:
    """How a text value stood in a YAML file, as the reader saw it (:mod:`..laden.lezen`):
    its style (``'"'`` or ``"'"`` for quotes, ``'|'`` or ``'>'`` for a block, None for
    plain) and whether a tag (``!!str``) made it text."""

    stijl: str | None
    getagd: bool = False


def getal_verwacht(waarde: Any, schrijfwijze: Schrijfwijze | None = None) -> str:
    """The message for a value that is not a number, with a hint that fits what was written:
    `schrijfwijze` says how a text stood in the YAML file (None: not known, e.g. data given
    in Python)."""
    hint = ""
    if isinstance(waarde, datetime.date):
        hint = f"; een datum is geen jaar, schrijf alleen het jaar ({waarde.year})"
    if isinstance(waarde, str):
        hint = _teksthint(waarde.strip().replace("_", ""), schrijfwijze)
    return f"verwacht een getal, kreeg {beschrijf(waarde)}{hint}"


def _teksthint(tekst: str, schrijfwijze: Schrijfwijze | None) -> str:
    """What to change in a text that was meant as a number (or '' if it is no number)."""
    if "," in tekst and tekst.replace(",", "").replace(".", "").lstrip("-").isdigit():
        return " (gebruik een punt als decimaalteken: 0.055, en _ voor duizendtallen)"
    try:
        if not math.isfinite(float(tekst)):
            return ""  # 'nan', 'inf': no number a scenario can use, however written
    except ValueError:
        return ""
    if not tekst.isascii():  # float() reads other scripts' digits; YAML does not
        return " (schrijf het getal met de cijfers 0-9)"
    if schrijfwijze is None:
        return " (schrijf het als getal, zonder aanhalingstekens of !!str)"
    weg = []
    if schrijfwijze.getagd:
        weg.append("!!str")
    if schrijfwijze.stijl in ('"', "'"):
        weg.append("de aanhalingstekens")
    elif schrijfwijze.stijl in ("|", ">"):
        return f" (schrijf het getal direct na de dubbele punt, zonder '{schrijfwijze.stijl}')"
    return f" (haal {' en '.join(weg)} weg)" if weg else ""


def _getal(waarde: Any) -> Any:
    """Accept int/float only (not bool, not text); refuse NaN and infinity."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        raise PydanticCustomError(
            "waarde.getal_verwacht", "{tekst}", {"tekst": getal_verwacht(waarde)}
        )
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise PydanticCustomError(
            "waarde.eindig_getal",
            "verwacht een eindig getal, kreeg {kreeg}",
            {"kreeg": repr(waarde)},
        )
    return waarde


def _geheel(waarde: Any) -> Any:
    """Accept whole numbers only (2 and 2.0, not 2.5, not true, not text)."""
    _getal(waarde)
    if isinstance(waarde, float):
        if not waarde.is_integer():
            raise PydanticCustomError(
                "waarde.geheel_getal",
                "verwacht een geheel getal, kreeg {kreeg}",
                {"kreeg": repr(waarde)},
            )
        return int(waarde)
    return waarde


def _tekst(waarde: Any) -> Any:
    if not isinstance(waarde, str):
        raise PydanticCustomError(
            "waarde.tekst_verwacht",
            "verwacht tekst, kreeg {kreeg}{hint}",
            {
                "kreeg": beschrijf(waarde),
                "hint": " (zet het tussen aanhalingstekens)"
                if isinstance(waarde, int | float) and not isinstance(waarde, bool)
                else "",
            },
        )
    if not waarde.strip():
        raise PydanticCustomError("waarde.tekst_leeg", "tekst mag niet leeg zijn", {})
    return waarde


def _janee(waarde: Any) -> Any:
    if not isinstance(waarde, bool):
        raise PydanticCustomError(
            "waarde.janee_verwacht",
            "verwacht true of false, kreeg {kreeg}",
            {"kreeg": beschrijf(waarde)},
        )
    return waarde


Getal = Annotated[float, BeforeValidator(_getal)]
Geheel = Annotated[int, BeforeValidator(_geheel)]
Tekst = Annotated[str, BeforeValidator(_tekst)]
JaNee = Annotated[bool, BeforeValidator(_janee)]

# Upper bounds are far above any real pand (€ 100 mld., 1 km²) but keep the arithmetic finite.
#: An amount in euros excluding BTW, at prijspeil; zero or more.
Euro = Annotated[Getal, Field(ge=0, le=1e11)]
#: An amount in euros that must be positive (a price, a rent).
EuroPositief = Annotated[Getal, Field(gt=0, le=1e11)]
#: An area in m² (BVO, GBO, VVO); positive.
M2 = Annotated[Getal, Field(gt=0, le=1e6)]
#: The area of one woning (BVO or GBO, m²): plausibly 15 … 500.
M2PerWoning = Annotated[
    M2, Plausibel(15, 500, "een studio is ±20 m², een grote stadswoning 150–250 m²")
]
#: The most m² BVO the programme of one pand may have (woningen × bvo_per_woning plus bvo).
BVO_PER_PAND_MAX = 1e6
#: Plausible ranges of a pand's programme in total (METHODE §8).
BVO_PER_PAND = Plausibel(
    0, 200_000, "een groot binnenstedelijk kantoor- of winkelpand heeft 10.000–100.000 m² BVO"
)
WONINGEN_PER_PAND = Plausibel(
    0, 2_000, "de grootste kantoortransformaties leveren enkele honderden tot ±1.000 woningen"
)
#: A rent per woning per month (€, prijspeil): plausibly 100 … 10 000.
HuurPerMaand = Annotated[
    EuroPositief,
    Plausibel(
        100,
        10_000,
        "WWS 2026: 143 punten € 932,93, 250 punten € 1.667,40; vrije sector daarboven",
    ),
]
#: A rent per m² VVO per year (€, prijspeil): plausibly 5 … 5 000.
HuurPerM2PerJaar = Annotated[
    EuroPositief,
    Plausibel(
        5, 5_000, "maatschappelijke ruimte vanaf enkele euro's, toplocaties winkels ±€ 3.000"
    ),
]
#: A v.o.n. price per woning incl. BTW (€, prijspeil): plausibly 50 000 … 10 000 000.
VonPrijs = Annotated[
    EuroPositief,
    Plausibel(
        50_000,
        10_000_000,
        "NHG-grens 2026 € 470.000, koopgrens Woningbouwimpuls € 405.000",
    ),
]
#: Building costs per m² BVO (€ excl. BTW, prijspeil): plausibly 50 … 10 000.
BouwkostenPerM2 = Annotated[
    EuroPositief,
    Plausibel(
        50,
        10_000,
        "stichtingskosten corporatienieuwbouw € 2.709/m² volgens Aedes 2021; opknappen "
        "enkele honderden euro's",
    ),
]
#: A calendar year.
Jaartal = Annotated[Geheel, Field(ge=1900, le=2200)]


# Rates are fractions (0.055 = 5,5 %). Each range below is a sane bound that also catches
# the classic slip of writing 5.5 for 5,5 %; the error message then suggests the fraction.

#: A discount rate, interest rate or required return: 0 … 0,30.
Rentevoet = Annotated[Getal, Field(ge=0, le=0.3)]
#: A discount rate or required return (IRR): plausibly 0 … 0,20.
Disconteringsvoet = Annotated[
    Rentevoet,
    Plausibel(
        0,
        0.2,
        "grondexploitaties 2 % volgens BBV, bedrijfswaarde corporaties ±5 %, beleggers en "
        "ontwikkelaars 5,5–9 % in het voorbeeld",
    ),
]
#: A yearly index (price change): −0,10 … 0,20.
Indexatie = Annotated[Getal, Field(ge=-0.1, le=0.2)]
#: A share of something: 0 … 1.
Aandeel = Annotated[Getal, Field(ge=0, le=1)]
#: A surcharge on costs or value (AK, W&R, onvoorzien): 0 … 0,5.
Opslag = Annotated[Getal, Field(ge=0, le=0.5)]
#: A transaction-cost rate (kosten koper, verwerving, verkoop): 0 … 0,3.
Transactiekosten = Annotated[Getal, Field(ge=0, le=0.3)]
#: A capitalisation yield (BAR, NAR, exit yield): 0,001 … 0,30 (below 0,001 a value is more
#: than a thousand years of rent), plausibly 0,01 … 0,25.
Aanvangsrendement = Annotated[
    Getal,
    Field(ge=0.001, le=0.3),
    Plausibel(
        0.01,
        0.25,
        "BAR woongebouwen 3,0–5,7 % volgens StiVAD 2022–2024; 1 % laat ruimte voor NAR en "
        "exit yield, 25 % is minder dan vier jaar huur",
    ),
]
#: A count of at least one (woningen, years of bouwtijd).
Aantal = Annotated[Geheel, Field(ge=1, le=100_000)]


def eis_som_een(waarden: list[float], wat: str) -> None:
    """Raise a located error when shares (a kostenverdeling, a verdeling) do not sum to 1."""
    som = sum(waarden)
    if abs(som - 1.0) > 1e-9:
        raise PydanticCustomError(
            "waarde.som_niet_een",
            "{wat} telt op tot {som}, dat moet 1 zijn",
            {"wat": wat, "som": round(som, 12)},
        )
