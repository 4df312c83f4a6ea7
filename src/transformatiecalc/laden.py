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

import os
import re
import types
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .fouten import Melding, ScenarioFout, pad_tekst
from .schema import Scenario
from .schema.basis import beschrijf
from .schema.grenzen import ontdaan
from .schema.scenario import suggestie
from .toegang import MAX_GROOTTE, Geweigerd, Toegang

#: Deepest nesting of mappings and lists a scenario may have (a real one needs about 8).
MAX_DIEPTE = 64

#: Longest number a scenario may write, in characters (Python refuses ints over 4 300 digits).
MAX_GETALLENGTE = 100

__all__ = ["MAX_DIEPTE", "MAX_GETALLENGTE", "MAX_GROOTTE", "PLijst", "PMap", "Toegang"]

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
    (
        "maximum depth of data structure exceeded",
        f"het scenario is dieper genest dan {MAX_DIEPTE} niveaus; zo diep gaat geen scenario",
    ),
    ("found unexpected document separator", "onverwachte documentscheiding (---)"),
    (
        "but found another document",
        "het bestand bevat meer dan één YAML-document (---, ...); één scenario per bestand",
    ),
    (
        "expected '<document start>'",
        "na een YAML-richtlijn (%YAML, %TAG) hoort een regel '---'; een scenario heeft geen "
        "richtlijnen nodig",
    ),
    (
        "found non-comment content after document end marker",
        "tekst na het einde van het document (...); één scenario per bestand",
    ),
    ("mapping keys are not allowed here", "een sleutel op een plek waar dat niet mag"),
    (
        "sequence entries are not allowed here",
        "een lijstelement '- …' op een plek waar dat niet mag (klopt de inspringing?)",
    ),
    (
        "that cannot start any token",
        "een teken waarmee geen waarde kan beginnen (tussen aanhalingstekens zetten?)",
    ),
    ("expected the node content", "verwachtte hier een waarde"),
    ("expected alphabetic or numeric character", "verwachtte een letter of cijfer na & of *"),
    ("expected a comment or a line break", "verwachtte commentaar of een nieuwe regel"),
    (
        "expected chomping or indentation indicators",
        "na | of > mag alleen een inspringings- of afkapteken staan",
    ),
    ("expected indentation indicator", "het inspringingsteken na | of > moet 1 tot 9 zijn"),
    ("expected escape sequence", "onvolledige escape (\\x, \\u of \\U met hexcijfers)"),
    (
        "more indented follow up line than first in a block scalar",
        "een vervolgregel springt verder in dan de eerste regel van het tekstblok",
    ),
    ("found undefined tag handle", "onbekende YAML-tag"),
    ("found duplicate YAML directive", "dubbele %YAML-regel"),
    ("found incompatible YAML document", "alleen YAML 1.x wordt gelezen"),
    ("expected a digit", "verwachtte een cijfer"),
    ("expected URI", "ongeldige tag"),
)

#: Control characters that have no place in a scenario file (tab, newline and carriage
#: return aside): C0, DEL and C1. YAML refuses most of them with an English message and no
#: position we can translate; this check names the character and its place.
_CONTROLETEKENS = frozenset(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
)
_CONTROLENAMEN = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL"}


def _syntaxfout(fout: MarkedYAMLError, bestand: str) -> Melding:
    mark = fout.problem_mark or fout.context_mark
    regel, kolom = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    probleem = str(fout.problem or fout.context or fout)
    for engels, nederlands in _SYNTAX_VERTALING:
        if engels in probleem:
            return Melding(bestand, regel, kolom, "", f"YAML-syntaxfout: {nederlands}")
    # the parser's own English words would be the message; say what kind of error it is
    return Melding(
        bestand,
        regel,
        kolom,
        "",
        "YAML-syntaxfout: deze regel is geen geldige YAML "
        f"(de lezer meldt: {probleem.splitlines()[0][:120]})",
    )


def _fout_na(bestand: str, voor: str, tekst: str) -> ScenarioFout:
    """A message at the character that follows the text `voor` (line and column 1-based)."""
    regel = voor.count("\n") + 1
    kolom = len(voor) - (voor.rfind("\n") + 1) + 1
    return ScenarioFout([Melding(bestand, regel, kolom, "", tekst)])


def _controletekens(tekst: str, bestand: str) -> None:
    """Refuse a file with control characters, naming the first one and its place."""
    i, code = next((i, ord(t)) for i, t in enumerate(tekst) if ord(t) in _CONTROLETEKENS)
    naam = _CONTROLENAMEN.get(code, "een controleteken")
    raise _fout_na(
        bestand,
        tekst[:i],
        f"het bestand bevat een onzichtbaar controleteken (U+{code:04X}, {naam}); "
        "haal het weg — een scenario is gewone tekst",
    )


def _lees_tekst(pad: Path, toegang: Toegang) -> str:
    bestand = str(pad)
    try:
        ruw = toegang.lees(pad)
    except Geweigerd as fout:
        raise ScenarioFout([Melding(bestand, 1, 1, "", str(fout))]) from None
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        raise _fout_na(
            bestand,
            ruw[: fout.start].decode("utf-8-sig", "replace"),
            f"het bestand is geen geldige UTF-8 (byte 0x{ruw[fout.start]:02x}); sla het op als UTF-8",
        ) from None
    if not tekst.strip() or all(
        not r.strip() or r.lstrip().startswith("#") for r in tekst.splitlines()
    ):
        raise ScenarioFout([Melding(bestand, 1, 1, "", "het bestand is leeg")])
    if any(ord(t) in _CONTROLETEKENS for t in tekst):
        _controletekens(tekst, bestand)
    return tekst


def _buiten_unicode(tekst: str, bestand: str) -> ScenarioFout:
    """The error for a ``\\U`` escape beyond U+10FFFF, at the escape if it can be found."""
    uitleg = (
        "een escape \\U… buiten Unicode (de hoogste is \\U0010FFFF) in tekst tussen dubbele "
        "aanhalingstekens"
    )
    for gevonden in re.finditer(r"\\U([0-9A-Fa-f]{8})", tekst):
        if int(gevonden.group(1), 16) > 0x10FFFF:
            return _fout_na(bestand, tekst[: gevonden.start()], f"YAML-syntaxfout: {uitleg}")
    return ScenarioFout([Melding(bestand, 1, 1, "", f"YAML-syntaxfout: {uitleg}")])


def lees_yaml(pad: Path, toegang: Toegang | None = None) -> PMap:
    """Parse one scenario file into located plain data (no inheritance).

    `toegang` is the file-access policy (:mod:`.toegang`); by default the one for `pad`
    as a top-level file.
    """
    bestand = str(pad)
    tekst = _lees_tekst(pad, toegang if toegang is not None else Toegang.voor(pad))
    yaml = YAML(typ="safe", pure=True)
    yaml.max_depth = MAX_DIEPTE
    try:
        wortel = yaml.compose(tekst)
    except MarkedYAMLError as fout:
        raise ScenarioFout([_syntaxfout(fout, bestand)]) from None
    except ValueError:  # the scanner's chr() on an escape beyond Unicode ("\U00110000")
        raise _buiten_unicode(tekst, bestand) from None
    except RecursionError:  # a ruamel.yaml without max_depth
        raise ScenarioFout(
            [Melding(bestand, 1, 1, "", f"het scenario is dieper genest dan {MAX_DIEPTE} niveaus")]
        ) from None
    except YAMLError as fout:  # errors without a position (the reader's)
        raise ScenarioFout(
            [Melding(bestand, 1, 1, "", f"YAML-fout: het bestand is geen geldige YAML ({fout})")]
        ) from None
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
                    "een scenario is een mapping (sleutel: waarde), dit bestand bevat "
                    f"{_soort(data)}",
                )
            ]
        )
    return data


def _soort(data: Any) -> str:
    """What a YAML value is, without repeating it (it may come from a file that is not ours)."""
    if isinstance(data, list):
        return "een lijst"
    if isinstance(data, str):
        return "alleen tekst"
    return "één losse waarde"


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
        if tag.endswith((":int", ":float")) and len(node.value) > MAX_GETALLENGTE:
            self.fout(
                node,
                pad,
                f"een getal van {len(node.value)} tekens; een scenario schrijft getallen "
                f"van hoogstens {MAX_GETALLENGTE} tekens",
            )
            return None
        waarde = self.constructor.construct_object(node, deep=True)
        if isinstance(waarde, str) and _heeft_surrogaat(waarde):
            self.fout(
                node,
                pad,
                "de tekst bevat een losse surrogaat (bijv. \\ud800); dat is geen "
                "geldig Unicode-teken",
            )
            return None
        return waarde

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
            al = len(self.fouten)
            sleutel = self.bouw(sleutelnode, pad)
            if len(self.fouten) > al:
                continue
            if not isinstance(sleutel, str):
                self.fout(
                    sleutelnode,
                    pad,
                    f"een sleutel is tekst, dit is {beschrijf(sleutel)}; zet hem tussen "
                    f"aanhalingstekens ('{sleutelnode.value}') als dat zo bedoeld is",
                )
                continue
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


def _heeft_surrogaat(tekst: str) -> bool:
    return any("\ud800" <= t <= "\udfff" for t in tekst)


# ----------------------------------------------------------------------- inheritance
def lees_met_erfenis(
    pad: Path, keten: tuple[Path, ...] = (), toegang: Toegang | None = None
) -> PMap:
    """Parse `pad` and, if it says ``erft_van``, merge it onto its basis (recursively).

    A basis is read under the file-access policy `toegang` (:mod:`.toegang`; by default
    the folder trees of `pad` and of the working directory): a ``.yaml``/``.yml`` file
    inside an allowed folder, whose top-level keys are a scenario's.
    """
    toegang = toegang if toegang is not None else Toegang.voor(pad)
    data = lees_yaml(pad, toegang)
    basisnaam = data.get("erft_van")
    if basisnaam is None:
        return data
    plek = data.waardeplek["erft_van"]

    def fout(tekst: str) -> ScenarioFout:
        return ScenarioFout([Melding(*plek, "erft_van", tekst)])

    if not isinstance(basisnaam, str) or not basisnaam.strip():
        raise fout("erft_van moet een bestandsnaam zijn")
    if Path(basisnaam).suffix.lower() not in (".yaml", ".yml"):
        raise fout(f"erft_van wijst naar '{basisnaam}'; een basisscenario is een .yaml-bestand")
    kandidaat = pad.parent / basisnaam
    try:
        os.lstat(kandidaat)
    except FileNotFoundError:
        raise fout(
            f"basisbestand '{basisnaam}' niet gevonden (gezocht: {os.path.abspath(kandidaat)})"
        ) from None
    except OSError:
        pass  # a name too long, a loop …: toegang names the reason
    try:
        basispad = toegang.controleer_binnen(kandidaat)
        eigen = pad.resolve()
    except Geweigerd as reden:
        raise fout(f"basisbestand '{basisnaam}': {reden}") from None
    if basispad in (*keten, eigen):
        kring = " → ".join(p.name for p in (*keten, eigen, basispad))
        raise fout(f"erft_van vormt een kring: {kring}")
    if len(keten) >= 10:
        raise fout("erft_van is meer dan 10 lagen diep")
    try:
        basis = lees_met_erfenis(basispad, (*keten, eigen), toegang)
    except ScenarioFout as binnen:
        eerste = binnen.meldingen[0]
        if eerste.bestand == str(basispad) and eerste.pad == "" and len(binnen.meldingen) == 1:
            # the basis itself could not be read: say so where erft_van names it
            raise fout(f"basisbestand '{basisnaam}': {eerste.tekst}") from None
        raise
    if not any(sleutel in _SCENARIOSLEUTELS for sleutel in basis):
        raise fout(
            f"basisbestand '{basisnaam}' is geen scenario (geen van zijn sleutels is een "
            "scenariosleutel)"
        )
    return voeg_samen(basis, data)


_SCENARIOSLEUTELS = frozenset(Scenario.model_fields)


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


def laad_model(pad: str | Path, model: type[M], toegang: Toegang | None = None) -> M:
    """Load any YAML file of ours (e.g. a huisstijl template) into `model`, with located errors."""
    pad = Path(pad)
    data = lees_yaml(pad, toegang)
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(meldingen_uit_validatie(fout, data, str(pad), model)) from None


def laad_scenario(pad: str | Path, toegang: Toegang | None = None) -> Scenario:
    """Load, check and resolve a scenario file; raise :class:`ScenarioFout` with located messages.

    `toegang` is the file-access policy for ``erft_van`` (:class:`~.toegang.Toegang`); by
    default the folder trees of `pad` and of the working directory.
    """
    pad = Path(pad)
    data = lees_met_erfenis(pad, toegang=toegang)
    return valideer(data, str(pad))
