"""docs/scenario.md, generated from the models: every key, its type, range, default and meaning.

Generating the reference from the same ``Field(description=…)`` text that the JSON
Schema carries keeps the documented defaults equal to the ones the code applies; a
test fails when the committed file is stale.
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from .grenzen import grenzen_van
from .regels.codes import CODES
from .secties import SECTIES

_NAMEN = {m: titel for titel, m, _, _ in SECTIES}


def _getal(x: float) -> str:
    return (str(int(x)) if float(x).is_integer() else str(x)).replace(".", ",")


def _bereik(metadata: list[Any]) -> str:
    """' (≥ 0,001, ≤ 0,3; plausibel 0,01 … 0,25)' from a field's constraints (schema.grenzen)."""
    tekst = grenzen_van(float, metadata).tekst()
    return f" ({tekst})" if tekst else ""


def _type(tp: Any) -> str:
    if get_origin(tp) is not None and hasattr(tp, "__metadata__"):
        return _type(get_args(tp)[0]) + _bereik(list(tp.__metadata__))
    if get_origin(tp) in (Union, types.UnionType):
        leden = [a for a in get_args(tp) if a is not type(None)]
        return " of ".join(_type(a) for a in leden)
    if get_origin(tp) is Literal:
        return " \\| ".join(f"`{a}`" for a in get_args(tp))
    if get_origin(tp) is list:
        return f"lijst van {_type(get_args(tp)[0])}"
    if get_origin(tp) is dict:
        return f"mapping naam → {_type(get_args(tp)[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        titel = _NAMEN.get(tp)
        return f"zie [{titel}](#{_anker(titel)})" if titel else tp.__name__
    return {float: "getal", int: "geheel getal", str: "tekst", bool: "`true` \\| `false`"}.get(
        tp, str(tp)
    )


def _anker(titel: str) -> str:
    """GitHub-style heading anchor."""
    tekens = [c for c in titel.lower() if c.isalnum() or c in " -_"]
    return "".join(tekens).replace(" ", "-")


def _standaard(info: Any) -> str:
    if info.is_required():
        return "**verplicht**"
    if info.default_factory is not None:
        waarde = info.default_factory()
        return "lege mapping" if waarde == {} else "zie sectie"
    if info.default is None or info.default is PydanticUndefined:
        return "zie toelichting"
    if info.default == "":
        return "leeg"
    if isinstance(info.default, bool):
        return f"`{str(info.default).lower()}`"
    if isinstance(info.default, float | int):
        return f"`{_getal(info.default)}`"
    return f"`{info.default}`"


def eenheid(info: FieldInfo) -> str:
    """The unit of a field (``json_schema_extra={"eenheid": …}``: €, €/m², m², fractie,
    jaar …), or '' for a field without one."""
    extra = info.json_schema_extra
    return str(extra.get("eenheid", "")) if isinstance(extra, dict) else ""


def scenario_markdown() -> str:
    """The scenario reference in Dutch Markdown."""
    regels = [
        "# Scenarioformaat — naslag",
        "",
        "Dit bestand is gegenereerd uit de code (`transformatiecalc schema --markdown`); wijzig de",
        "beschrijvingen in `src/transformatiecalc/schema/`, niet hier. Een uitgewerkt voorbeeld staat",
        "in `scenarios/voorbeeld_binnenstad.yaml`, de rekenregels in `docs/methode.md`.",
        "",
        "Afspraken: sleutels in lower_snake_case; bedragen in euro's excl. BTW op het prijspeil",
        "(tenzij de sleutel `_incl_btw` zegt); oppervlakken in m²; percentages als fractie",
        "(`0.055` = 5,5 %); `_` mag als duizendtalscheiding. De eenheid van een sleutel staat ook in het",
        "JSON Schema (`eenheid`). Onbekende en dubbele sleutels zijn",
        "fouten. Een lege standaard (*zie toelichting*) wordt bij het laden afgeleid zoals de",
        "toelichting zegt; de resultaten tonen altijd de waarde waarmee is gerekend.",
        "",
    ]
    for titel, model, pad, inleiding in SECTIES:
        regels += [f"## {titel}", "", inleiding, ""]
        regels += [
            "| sleutel | type | eenheid | standaard | toelichting |",
            "|---|---|---|---|---|",
        ]
        for naam, info in model.model_fields.items():
            tp_tekst = _type(info.annotation) + _bereik(list(info.metadata))
            volledig = f"{pad}.{naam}" if pad else naam
            beschrijving = (info.description or "").replace("|", "\\|")
            regels.append(
                f"| `{volledig}` | {tp_tekst} | {eenheid(info)} | {_standaard(info)} | "
                f"{beschrijving} |"
            )
        regels.append("")
    return "\n".join([*regels, *_foutcodes()])


def _foutcodes() -> list[str]:
    """The section listing every error code (schema.regels.codes)."""
    regels = [
        "## Foutcodes",
        "",
        "Elke melding heeft naast haar tekst een korte, vaste code (`Melding.code` in Python), voor",
        "wie meldingen in code verwerkt; de tekst op de terminal toont haar niet. Codes met een punt",
        "zijn regels van transformatiecalc (`sectie.regel`); codes zonder punt zijn de fouttypen van",
        "pydantic, zoals pydantic ze noemt (ook andere dan deze lijst, zoals `value_error`).",
        "",
        "| code | betekenis |",
        "|---|---|",
    ]
    regels += [f"| `{c.code}` | {c.uitleg} |" for c in CODES.values()]
    regels.append("")
    return regels
