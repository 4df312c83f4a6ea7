"""Safe loading of scenario files: YAML 1.2, located values, ``erft_van``, Dutch errors.

The file is parsed with ruamel.yaml's *composer* (YAML 1.2: ``no`` stays text, ``1e6``
is a number) into nodes, and this module builds plain dicts and lists from them itself,
so that it can refuse what a scenario never needs and a hand-edited file often has by
mistake: duplicate keys, anchors/aliases (the "billion laughs"), and tags such as
``!!python/object``. Every mapping and list remembers where each value stood (file,
line, column), so a pydantic error at ``panden[3].transformatie.programma[0].woningen``
is reported at that line and column, in Dutch.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fouten import Melding, ScenarioFout, pad_tekst
from .schema import Scenario
from .schema.basis import beschrijf
from .schema.scenario import suggestie

#: Scenario files larger than this are refused before parsing (bytes).
MAX_GROOTTE = 10 * 1024 * 1024

Plek = tuple[str, int, int]  # (bestand, regel, kolom), 1-based

_TOEGESTANE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


class PMap(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys and values stood."""

    def __init__(self, plek: Plek) -> None:
        super().__init__()
        self.plek = plek
        self.sleutelplek: dict[Any, Plek] = {}
        self.waardeplek: dict[Any, Plek] = {}

    def zet(self, sleutel: Any, waarde: Any, sleutelplek: Plek, waardeplek: Plek) -> None:
        self[sleutel] = waarde
        self.sleutelplek[sleutel] = sleutelplek
        self.waardeplek[sleutel] = waardeplek


class PLijst(list[Any]):
    """A list that remembers where it and each of its items stood."""

    def __init__(self, plek: Plek) -> None:
        super().__init__()
        self.plek = plek
        self.plekken: list[Plek] = []

    def voeg_toe(self, waarde: Any, plek: Plek) -> None:
        self.append(waarde)
        self.plekken.append(plek)


# --------------------------------------------------------------------------- parsing
_SYNTAX_VERTALING = (
    ("found character '\\t'", "tab gevonden: spring in met spaties, niet met tabs"),
    ("found character \\t", "tab gevonden: spring in met spaties, niet met tabs"),
    (
        "mapping values are not allowed",
        "een ':' op een plek waar dat niet mag (staat er een spatie na "
        "de dubbele punt, of moet de tekst tussen aanhalingstekens?)",
    ),
    ("could not find expected ':'", "verwachtte 'sleutel: waarde' (ontbreekt een ':'?)"),
    ("expected <block end>", "de inspringing klopt niet: deze regel hoort niet op dit niveau"),
    (
        "found unexpected end of stream",
        "onverwacht einde van het bestand (ontbreekt een sluitend aanhalingsteken of haakje?)",
    ),
    (
        "expected a single document",
        "het bestand bevat meer dan één YAML-document (---); één scenario per bestand",
    ),
    ("found undefined alias", "aliassen (*naam) zijn niet toegestaan in een scenario"),
    (
        "found unknown escape character",
        "onbekend escapeteken in tekst tussen dubbele aanhalingstekens",
    ),
    ("expected ',' or ']'", "verwachtte ',' of ']' in een lijst tussen haakjes"),
    ("expected ',' or '}'", "verwachtte ',' of '}' in een mapping tussen accolades"),
    ("did not find expected key", "verwachtte een sleutel (klopt de inspringing?)"),
    (
        "did not find expected '-' indicator",
        "verwachtte een lijstelement '- …' (klopt de inspringing?)",
    ),
    ("found a tab character", "tab gevonden: spring in met spaties, niet met tabs"),
)


def _syntaxfout(fout: MarkedYAMLError, bestand: str) -> Melding:
    mark = fout.problem_mark or fout.context_mark
    regel, kolom = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    probleem = str(fout.problem or fout.context or fout)
    for engels, nederlands in _SYNTAX_VERTALING:
        if engels in probleem:
            return Melding(bestand, regel, kolom, "", f"YAML-syntaxfout: {nederlands}")
    return Melding(bestand, regel, kolom, "", f"YAML-syntaxfout: {probleem}")


def _lees_tekst(pad: Path) -> str:
    bestand = str(pad)
    try:
        grootte = pad.stat().st_size
    except FileNotFoundError:
        raise ScenarioFout([Melding(bestand, 1, 1, "", "bestand niet gevonden")]) from None
    except OSError as fout:
        raise ScenarioFout(
            [Melding(bestand, 1, 1, "", f"bestand niet leesbaar ({fout.strerror})")]
        ) from None
    if pad.is_dir():
        raise ScenarioFout([Melding(bestand, 1, 1, "", "dit is een map, geen scenariobestand")])
    if grootte > MAX_GROOTTE:
        raise ScenarioFout(
            [
                Melding(
                    bestand,
                    1,
                    1,
                    "",
                    f"het bestand is {grootte / 1e6:.1f} MB; een scenario mag hoogstens "
                    f"{MAX_GROOTTE // (1024 * 1024)} MB zijn",
                )
            ]
        )
    try:
        ruw = pad.read_bytes()
    except OSError as fout:
        raise ScenarioFout(
            [Melding(bestand, 1, 1, "", f"bestand niet leesbaar ({fout.strerror})")]
        ) from None
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        voor = ruw[: fout.start]
        regel = voor.count(b"\n") + 1
        kolom = fout.start - (voor.rfind(b"\n") + 1) + 1
        raise ScenarioFout(
            [
                Melding(
                    bestand,
                    regel,
                    kolom,
                    "",
                    f"het bestand is geen geldige UTF-8 (byte 0x{ruw[fout.start]:02x}); sla het op als UTF-8",
                )
            ]
        ) from None
    if not tekst.strip() or all(
        not r.strip() or r.lstrip().startswith("#") for r in tekst.splitlines()
    ):
        raise ScenarioFout([Melding(bestand, 1, 1, "", "het bestand is leeg")])
    return tekst


def lees_yaml(pad: Path) -> PMap:
    """Parse one scenario file into located plain data (no inheritance)."""
    bestand = str(pad)
    tekst = _lees_tekst(pad)
    yaml = YAML(typ="safe", pure=True)
    try:
        wortel = yaml.compose(tekst)
    except MarkedYAMLError as fout:
        raise ScenarioFout([_syntaxfout(fout, bestand)]) from None
    if wortel is None:
        raise ScenarioFout([Melding(bestand, 1, 1, "", "het bestand is leeg")])
    fouten: list[Melding] = []
    data = _Bouwer(yaml, bestand, fouten).bouw(wortel, "")
    if fouten:
        raise ScenarioFout(fouten)
    if not isinstance(data, PMap):
        raise ScenarioFout(
            [
                Melding(
                    bestand,
                    1,
                    1,
                    "",
                    f"een scenario is een mapping (sleutel: waarde), dit is {beschrijf(data)}",
                )
            ]
        )
    return data


class _Bouwer:
    """Turns composed YAML nodes into PMap/PLijst/scalars, collecting every refusal."""

    def __init__(self, yaml: YAML, bestand: str, fouten: list[Melding]) -> None:
        self.constructor = yaml.constructor
        self.bestand = bestand
        self.fouten = fouten
        self.gezien: set[int] = set()

    def plek(self, node: Node) -> Plek:
        return (self.bestand, node.start_mark.line + 1, node.start_mark.column + 1)

    def fout(self, node: Node, pad: str, tekst: str) -> None:
        _, regel, kolom = self.plek(node)
        self.fouten.append(Melding(self.bestand, regel, kolom, pad, tekst))

    def bouw(self, node: Node, pad: str) -> Any:
        if getattr(node, "anchor", None) or id(node) in self.gezien:
            self.fout(
                node,
                pad,
                "ankers en aliassen (&naam, *naam) zijn niet toegestaan in een scenario; "
                "schrijf de waarde uit of gebruik erft_van",
            )
            return None
        self.gezien.add(id(node))
        tag = str(node.tag)
        if tag not in _TOEGESTANE_TAGS:
            self.fout(
                node,
                pad,
                f"de YAML-tag '{tag.replace('tag:yaml.org,2002:', '!!')}' is niet "
                "toegestaan in een scenario",
            )
            return None
        if isinstance(node, MappingNode):
            return self._mapping(node, pad)
        if isinstance(node, SequenceNode):
            lijst = PLijst(self.plek(node))
            for i, item in enumerate(node.value):
                lijst.voeg_toe(self.bouw(item, f"{pad}[{i}]"), self.plek(item))
            return lijst
        assert isinstance(node, ScalarNode)
        return self.constructor.construct_object(node, deep=True)

    def _mapping(self, node: MappingNode, pad: str) -> PMap:
        mapping = PMap(self.plek(node))
        for sleutelnode, waardenode in node.value:
            if str(sleutelnode.tag) == "tag:yaml.org,2002:merge":
                self.fout(
                    sleutelnode, pad, "samenvoegsleutels (<<) zijn niet toegestaan in een scenario"
                )
                continue
            if not isinstance(sleutelnode, ScalarNode):
                self.fout(
                    sleutelnode,
                    pad,
                    "een sleutel moet een enkele waarde zijn, geen lijst of mapping",
                )
                continue
            sleutel = self.bouw(sleutelnode, pad)
            kind = f"{pad}.{sleutel}" if pad else str(sleutel)
            if sleutel in mapping:
                eerder = mapping.sleutelplek[sleutel][1]
                self.fout(
                    sleutelnode,
                    kind,
                    f"de sleutel '{sleutel}' komt dubbel voor (eerder op regel "
                    f"{eerder}); elke sleutel mag maar één keer",
                )
                continue
            mapping.zet(
                sleutel, self.bouw(waardenode, kind), self.plek(sleutelnode), self.plek(waardenode)
            )
        return mapping


# ----------------------------------------------------------------------- inheritance
def lees_met_erfenis(pad: Path, keten: tuple[Path, ...] = ()) -> PMap:
    """Parse `pad` and, if it says ``erft_van``, merge it onto its basis (recursively)."""
    data = lees_yaml(pad)
    basisnaam = data.get("erft_van")
    if basisnaam is None:
        return data
    plek = data.waardeplek["erft_van"]
    if not isinstance(basisnaam, str) or not basisnaam.strip():
        raise ScenarioFout([Melding(*plek, "erft_van", "erft_van moet een bestandsnaam zijn")])
    basispad = (pad.parent / basisnaam).resolve()
    eigen = pad.resolve()
    if basispad in (*keten, eigen):
        kring = " → ".join(p.name for p in (*keten, eigen, basispad))
        raise ScenarioFout([Melding(*plek, "erft_van", f"erft_van vormt een kring: {kring}")])
    if len(keten) >= 10:
        raise ScenarioFout([Melding(*plek, "erft_van", "erft_van is meer dan 10 lagen diep")])
    if not basispad.is_file():
        raise ScenarioFout(
            [
                Melding(
                    *plek,
                    "erft_van",
                    f"basisbestand '{basisnaam}' niet gevonden (gezocht: {basispad})",
                )
            ]
        )
    basis = lees_met_erfenis(basispad, (*keten, eigen))
    return voeg_samen(basis, data)


def voeg_samen(basis: PMap, kind: PMap) -> PMap:
    """Deep merge: mappings key by key, lists of mappings with an ``id`` per id, others replaced.

    The child's own ``erft_van`` is kept, so the effective scenario records what it inherited.
    """
    uit = PMap(kind.plek)
    for sleutel, waarde in basis.items():
        if sleutel != "erft_van":
            uit.zet(sleutel, waarde, basis.sleutelplek[sleutel], basis.waardeplek[sleutel])
    for sleutel, waarde in kind.items():
        oud = uit.get(sleutel)
        if isinstance(oud, PMap) and isinstance(waarde, PMap):
            waarde = voeg_samen(oud, waarde)
        elif (
            isinstance(oud, PLijst)
            and isinstance(waarde, PLijst)
            and _met_ids(oud)
            and _met_ids(waarde)
        ):
            waarde = _voeg_lijsten_samen(oud, waarde)
        uit.zet(sleutel, waarde, kind.sleutelplek[sleutel], kind.waardeplek[sleutel])
    return uit


def _met_ids(lijst: PLijst) -> bool:
    return all(isinstance(x, PMap) and "id" in x for x in lijst)


def _voeg_lijsten_samen(basis: PLijst, kind: PLijst) -> PLijst:
    uit = PLijst(kind.plek)
    nieuw = {x["id"]: (x, p) for x, p in zip(kind, kind.plekken, strict=True)}
    for item, plek in zip(basis, basis.plekken, strict=True):
        if item["id"] in nieuw:
            vervanger, vplek = nieuw.pop(item["id"])
            uit.voeg_toe(voeg_samen(item, vervanger), vplek)
        else:
            uit.voeg_toe(item, plek)
    for item, plek in nieuw.values():
        uit.voeg_toe(item, plek)
    return uit


# ------------------------------------------------------------- validation → Dutch
def _kaal(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...]."""
    while True:
        if get_origin(tp) is not None and hasattr(tp, "__metadata__"):
            tp = get_args(tp)[0]
            continue
        if get_origin(tp) in (Union, types.UnionType):
            leden = [a for a in get_args(tp) if a is not type(None)]
            if len(leden) == 1:
                tp = leden[0]
                continue
        return tp


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


def _vertaal(fout: Mapping[str, Any], ouder: Any, eind: Any) -> str:
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
            f"onbekende sleutel '{laatste}'{suggestie(str(laatste), velden)}; toegestaan: "
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
    if soort in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        grens = next(iter(ctx.values()))
        woorden = {
            "greater_than_equal": "moet minstens {g} zijn",
            "greater_than": "moet groter zijn dan {g}",
            "less_than_equal": "mag hoogstens {g} zijn",
            "less_than": "moet kleiner zijn dan {g}",
        }
        tekst = woorden[soort].format(g=_getal_tekst(grens)) + f", kreeg {_getal_tekst(invoer)}"
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


def meldingen_uit_validatie(
    fout: ValidationError,
    data: Mapping[Any, Any],
    bestand: str,
    wortel: type[BaseModel] = Scenario,
) -> list[Melding]:
    """Translate pydantic's errors into located Dutch :class:`Melding` objects."""
    standaard: Plek = (bestand, 1, 1)
    gesorteerd: list[tuple[tuple[Any, ...], Melding]] = []
    for e in fout.errors(include_url=False):
        pad, ouder, eind = _ontleed(tuple(e["loc"]), wortel)
        if e["type"] == "union_tag_invalid":  # point at the value of 'soort'/'methode' itself
            pad = [*pad, str((e.get("ctx") or {}).get("discriminator", "")).strip("'")]
        plek = _plek_van(
            data, pad, sleutel=e["type"] in ("extra_forbidden", "pad"), standaard=standaard
        )
        m = Melding(plek[0], plek[1], plek[2], pad_tekst(tuple(pad)), _vertaal(e, ouder, eind))
        # a missing field is often the other half of a misspelt one: the misspelling (with
        # its suggestion) comes first
        volgorde = (m.bestand != bestand, m.bestand, e["type"] == "missing", m.regel, m.kolom)
        gesorteerd.append((volgorde, m))
    meldingen = [m for _, m in sorted(gesorteerd, key=lambda x: x[0])]
    return meldingen


# ------------------------------------------------------------------------- public
def als_gewone_data(x: Any) -> Any:
    """Located data (PMap/PLijst, nested) as plain dicts and lists, e.g. to vary in code."""
    if isinstance(x, dict):
        return {k: als_gewone_data(v) for k, v in x.items()}
    if isinstance(x, list):
        return [als_gewone_data(v) for v in x]
    return x


def valideer(data: Mapping[str, Any], bestand: str = "<scenario>") -> Scenario:
    """Validate located (or plain) data into an effective :class:`Scenario`."""
    try:
        return Scenario.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(meldingen_uit_validatie(fout, data, bestand)) from None


M = TypeVar("M", bound=BaseModel)


def laad_model(pad: str | Path, model: type[M]) -> M:
    """Load any YAML file of ours (e.g. a huisstijl template) into `model`, with located errors."""
    pad = Path(pad)
    data = lees_yaml(pad)
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(meldingen_uit_validatie(fout, data, str(pad), model)) from None


def laad_scenario(pad: str | Path) -> Scenario:
    """Load, check and resolve a scenario file; raise :class:`ScenarioFout` with located messages."""
    pad = Path(pad)
    data = lees_met_erfenis(pad)
    return valideer(data, str(pad))
