"""pydantic's validation errors as located Dutch :class:`~..fouten.Melding` objects.

A pydantic error at ``panden[3].transformatie.programma[0].woningen`` is reported at the
line and column where that value stands, in Dutch, with pydantic's error type (or the
scenario rule's code) as the message's ``code``.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from ..fouten import Melding, kort, pad_tekst
from ..schema import Scenario
from ..schema.basis import beschrijf, getal_verwacht
from ..schema.grenzen import GRENSWOORDEN, ontdaan
from ..schema.regels import NAAR_SLEUTEL, suggestie
from .plekken import OnleesbareCel, Plek, PLijst, PMap


def _kaal(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...]."""
    return ontdaan(tp)[0]


def _union_leden(tp: Any) -> list[type[BaseModel]]:
    if get_origin(tp) in (Union, types.UnionType):
        return [a for a in get_args(tp) if isinstance(a, type) and issubclass(a, BaseModel)]
    return []


def _tag_van(lid: type[BaseModel]) -> list[str]:
    for veld in ("soort", "methode", "verdeling"):
        info = lid.model_fields.get(veld)
        if info is not None and get_origin(info.annotation) is Literal:
            return [str(a) for a in get_args(info.annotation)]
    return []


def _ontleed(loc: tuple[Any, ...], wortel: type[BaseModel]) -> tuple[list[Any], Any, Any]:
    """Split a pydantic loc into (data path, type of the parent, type at the end).

    pydantic puts the tag of a discriminated union into the loc
    (``functies.middenhuur.huurwoning.waardering``); those steps are not in the data.
    """
    tp: Any = wortel
    data: list[Any] = []
    ouder: Any = None
    for stap in loc:
        tp = _kaal(tp)
        leden = _union_leden(tp)
        if leden:
            gekozen = next((lid for lid in leden if str(stap) in _tag_van(lid)), None)
            if gekozen is not None:
                tp = gekozen
                continue
        ouder = tp
        data.append(stap)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            info = tp.model_fields.get(stap) if isinstance(stap, str) else None
            tp = info.annotation if info is not None else None
        elif get_origin(tp) is list:
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            tp = get_args(tp)[1]
        else:
            tp = None
    return data, _kaal(ouder), _kaal(tp)


def _plek_van(data: Mapping[Any, Any], pad: list[Any], sleutel: bool, standaard: Plek) -> Plek:
    """Position of the value (or key) at `pad`; the deepest existing ancestor if missing."""
    node: Any = data
    plek = getattr(data, "plek", standaard)
    for i, stap in enumerate(pad):
        laatste = i == len(pad) - 1
        if isinstance(node, PMap) and stap in node:
            plek = node.sleutelplek[stap] if (laatste and sleutel) else node.waardeplek[stap]
            node = node[stap]
        elif isinstance(node, PLijst) and isinstance(stap, int) and 0 <= stap < len(node):
            plek = node.plekken[stap]
            node = node[stap]
        else:
            break
    return plek


def _getal_tekst(x: Any) -> str:
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e15:
        return str(int(x))
    return str(x)


_GRENSWOORDEN = GRENSWOORDEN


def _grenstekst(soort: str, grens: Any, invoer: Any) -> str:
    """A value beyond a bound, with the fraction spelled out when 5.5 was meant as 5,5 %."""
    tekst = _GRENSWOORDEN[soort].format(g=_getal_tekst(grens)) + f", kreeg {_getal_tekst(invoer)}"
    if (
        soort.startswith("less")
        and isinstance(grens, int | float)
        and grens <= 1
        and isinstance(invoer, int | float)
        and 1 < invoer <= 100
    ):
        tekst += (
            f"; percentages schrijf je als fractie: {_getal_tekst(invoer)} % = "
            f"{_getal_tekst(round(invoer / 100, 10))}"
        )
    return tekst


def _vertaal(fout: Mapping[str, Any], ouder: Any, eind: Any) -> str:
    """The Dutch text of one pydantic error (`ouder`, `eind`: the types around its place)."""
    soort = fout["type"]
    ctx = fout.get("ctx") or {}
    invoer = fout.get("input")
    loc = fout["loc"]
    laatste = loc[-1] if loc else ""
    if soort == "missing":
        return f"verplicht veld '{laatste}' ontbreekt"
    if soort == "extra_forbidden":
        velden = (
            list(ouder.model_fields)
            if isinstance(ouder, type) and issubclass(ouder, BaseModel)
            else []
        )
        return (
            f"onbekende sleutel '{kort(str(laatste))}'{suggestie(str(laatste), velden)}; "
            f"toegestaan: "
            f"{', '.join(velden)}"
        )
    if soort == "literal_error":
        opties = [str(a) for a in get_args(eind)] if get_origin(eind) is Literal else []
        tekst = ", ".join(opties) if opties else str(ctx.get("expected", ""))
        return (
            f"ongeldige waarde: {beschrijf(invoer)}{suggestie(str(invoer), opties)}; "
            f"toegestaan: {tekst}"
        )
    if soort in ("union_tag_invalid", "union_tag_not_found"):
        opties = [t for lid in _union_leden(eind) for t in _tag_van(lid)]
        veld = str(ctx.get("discriminator", "")).strip("'")
        if soort == "union_tag_not_found":
            return f"sleutel '{veld}' ontbreekt; toegestaan: {', '.join(opties)}"
        tag = str(ctx.get("tag", ""))
        return f"onbekende {veld} '{tag}'{suggestie(tag, opties)}; toegestaan: {', '.join(opties)}"
    if soort in _GRENSWOORDEN:
        return _grenstekst(soort, next(iter(ctx.values())), invoer)
    if soort == "too_short":
        return f"moet minstens {ctx.get('min_length', 1)} element(en) bevatten"
    if soort in ("dict_type", "model_type", "model_attributes_type", "mapping_type"):
        return f"verwacht een mapping (sleutel: waarde), kreeg {beschrijf(invoer)}"
    if soort == "list_type":
        return f"verwacht een lijst, kreeg {beschrijf(invoer)}"
    if soort in ("string_type", "str_type"):
        return f"verwacht tekst, kreeg {beschrijf(invoer)}"
    if soort in ("int_type", "int_parsing", "int_from_float"):
        return f"verwacht een geheel getal, kreeg {beschrijf(invoer)}"
    if soort in ("float_type", "float_parsing"):
        return f"verwacht een getal, kreeg {beschrijf(invoer)}"
    if soort in ("bool_type", "bool_parsing"):
        return f"verwacht true of false, kreeg {beschrijf(invoer)}"
    if soort == "finite_number":
        return "verwacht een eindig getal (geen .nan of .inf)"
    if soort in ("value_error", "assertion_error"):
        return str(fout["msg"]).removeprefix("Value error, ")
    return str(fout["msg"])  # our own PydanticCustomError messages are already Dutch


def _onleesbaar(fout: Mapping[str, Any], data: Any, pad: list[Any]) -> bool:
    """Whether pydantic's error is its refusal of an unreadable spreadsheet cell
    (:class:`.OnleesbareCel`); an unknown key is reported all the same."""
    if fout["type"] == "extra_forbidden":
        return False
    if isinstance(fout.get("input"), OnleesbareCel):
        return True
    for stap in pad:  # a discriminator's error has the mapping as its input
        try:
            data = data[stap]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(data, OnleesbareCel)


def meldingen_uit_validatie(
    fout: ValidationError,
    data: Mapping[Any, Any],
    bestand: str,
    wortel: type[BaseModel] = Scenario,
) -> list[Melding]:
    """Translate pydantic's errors into located Dutch :class:`Melding` objects."""
    standaard: Plek = (bestand, 1, 1)
    wijzen = getattr(data, "schrijfwijzen", {})
    gesorteerd: list[tuple[tuple[Any, ...], Melding]] = []
    for e in fout.errors(include_url=False):
        pad, ouder, eind = _ontleed(tuple(e["loc"]), wortel)
        if _onleesbaar(e, data, pad):
            continue  # the cell's own message (PMap.nafouten) says what is wrong
        if e["type"] == "union_tag_invalid":  # point at the value of 'soort'/'methode' itself
            pad = [*pad, str((e.get("ctx") or {}).get("discriminator", "")).strip("'")]
        plek = _plek_van(data, pad, sleutel=e["type"] in NAAR_SLEUTEL, standaard=standaard)
        tekst = _vertaal(e, ouder, eind)
        if e["type"] == "waarde.getal_verwacht" and plek in wijzen:
            # the reader saw how the text stood (quoted, a block, !!str): say what to change
            tekst = getal_verwacht(e.get("input"), wijzen[plek])
        m = Melding(*plek, pad_tekst(tuple(pad)), tekst, code=e["type"])
        # a missing field is often the other half of a misspelt one: the misspelling (with
        # its suggestion) comes first
        volgorde = (m.bestand != bestand, m.bestand, e["type"] == "missing", m.regel, m.kolom)
        gesorteerd.append((volgorde, m))
    meldingen = [m for _, m in sorted(gesorteerd, key=lambda x: x[0])]
    return meldingen
