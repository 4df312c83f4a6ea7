"""Base model and numeric field types of the scenario contract.

Every scenario model derives from :class:`Model` (unknown keys are errors). Numeric
fields use the types below instead of bare ``float``/``int`` because pydantic's lax
mode would silently accept ``true`` as 1.0 and the text ``"1e6"`` as a number; a
financial tool must refuse both. Ranges are ``Field`` constraints, so they also appear
in the JSON Schema that editors use.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError


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
        return f"de tekst '{waarde[:40]}'"
    if isinstance(waarde, dict):
        return "een mapping"
    if isinstance(waarde, list):
        return "een lijst"
    return repr(waarde)


def _getal(waarde: Any) -> Any:
    """Accept int/float only (not bool, not text); refuse NaN and infinity."""
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        hint = ""
        if isinstance(waarde, str):
            tekst = waarde.strip().replace("_", "")
            if "," in tekst and tekst.replace(",", "").replace(".", "").lstrip("-").isdigit():
                hint = " (gebruik een punt als decimaalteken: 0.055, en _ voor duizendtallen)"
            else:
                try:
                    float(tekst)
                    hint = " (haal de aanhalingstekens weg)"
                except ValueError:
                    pass
        raise PydanticCustomError(
            "getal_verwacht",
            "verwacht een getal, kreeg {kreeg}{hint}",
            {"kreeg": beschrijf(waarde), "hint": hint},
        )
    if isinstance(waarde, float) and not math.isfinite(waarde):
        raise PydanticCustomError(
            "eindig_getal", "verwacht een eindig getal, kreeg {kreeg}", {"kreeg": repr(waarde)}
        )
    return waarde


def _geheel(waarde: Any) -> Any:
    """Accept whole numbers only (2 and 2.0, not 2.5, not true, not text)."""
    _getal(waarde)
    if isinstance(waarde, float):
        if not waarde.is_integer():
            raise PydanticCustomError(
                "geheel_getal", "verwacht een geheel getal, kreeg {kreeg}", {"kreeg": repr(waarde)}
            )
        return int(waarde)
    return waarde


def _tekst(waarde: Any) -> Any:
    if not isinstance(waarde, str):
        raise PydanticCustomError(
            "tekst_verwacht",
            "verwacht tekst, kreeg {kreeg}{hint}",
            {
                "kreeg": beschrijf(waarde),
                "hint": " (zet het tussen aanhalingstekens)"
                if isinstance(waarde, int | float) and not isinstance(waarde, bool)
                else "",
            },
        )
    if not waarde.strip():
        raise PydanticCustomError("tekst_leeg", "tekst mag niet leeg zijn", {})
    return waarde


def _janee(waarde: Any) -> Any:
    if not isinstance(waarde, bool):
        raise PydanticCustomError(
            "janee_verwacht", "verwacht true of false, kreeg {kreeg}", {"kreeg": beschrijf(waarde)}
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
#: A calendar year.
Jaartal = Annotated[Geheel, Field(ge=1900, le=2200)]


# Rates are fractions (0.055 = 5,5 %). Each range below is a sane bound that also catches
# the classic slip of writing 5.5 for 5,5 %; the error message then suggests the fraction.

#: A discount rate, interest rate or required return: 0 … 0,30.
Rentevoet = Annotated[Getal, Field(ge=0, le=0.3)]
#: A yearly index (price change): −0,10 … 0,20.
Indexatie = Annotated[Getal, Field(ge=-0.1, le=0.2)]
#: A share of something: 0 … 1.
Aandeel = Annotated[Getal, Field(ge=0, le=1)]
#: A surcharge on costs or value (AK, W&R, onvoorzien): 0 … 0,5.
Opslag = Annotated[Getal, Field(ge=0, le=0.5)]
#: A transaction-cost rate (kosten koper, verwerving, verkoop): 0 … 0,3.
Transactiekosten = Annotated[Getal, Field(ge=0, le=0.3)]
#: A capitalisation yield (BAR, NAR, exit yield): above 0, at most 0,30.
Aanvangsrendement = Annotated[Getal, Field(gt=0, le=0.3)]
#: A count of at least one (woningen, years of bouwtijd).
Aantal = Annotated[Geheel, Field(ge=1, le=100_000)]


def eis_som_een(waarden: list[float], wat: str) -> None:
    """Raise a located error when shares (a kostenverdeling, a verdeling) do not sum to 1."""
    som = sum(waarden)
    if abs(som - 1.0) > 1e-9:
        raise PydanticCustomError(
            f"{wat}_som",
            "{wat} telt op tot {som}, dat moet 1 zijn",
            {"wat": wat, "som": round(som, 12)},
        )
