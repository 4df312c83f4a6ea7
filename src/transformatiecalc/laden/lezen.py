"""Safe reading of one YAML file into located plain data (YAML 1.2, no inheritance).

The file is parsed with ruamel.yaml's *composer* (YAML 1.2: ``no`` stays text, ``1e6``
is a number) into nodes, and this module builds plain dicts and lists from them itself,
so that it can refuse what a scenario never needs and a hand-edited file often has by
mistake: duplicate keys, anchors/aliases (the "billion laughs"), and tags such as
``!!python/object``. Every mapping and list remembers where each value stood (file,
line, column).
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..fouten import Melding, ScenarioFout
from ..getallen import duizendtallen
from ..schema.basis import Schrijfwijze, beschrijf
from ..toegang import Geweigerd, Toegang
from .plekken import MAX_DIEPTE, MAX_GETALLENGTE, Plek, PLijst, PMap
from .yamlfouten import (
    CONTROLETEKENS,
    buiten_unicode,
    controletekens,
    fout_bovenaan,
    fout_na,
    syntaxfout,
)

_TOEGESTANE_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp")
}


def _lees_tekst(pad: Path, toegang: Toegang) -> str:
    bestand = str(pad)
    try:
        ruw = toegang.lees(pad)
    except Geweigerd as fout:
        raise fout_bovenaan(bestand, str(fout), "bestand.geweigerd") from None
    try:
        tekst = ruw.decode("utf-8-sig")
    except UnicodeDecodeError as fout:
        raise fout_na(
            bestand,
            ruw[: fout.start].decode("utf-8-sig", "replace"),
            f"het bestand is geen geldige UTF-8 (byte 0x{ruw[fout.start]:02x}); sla het op als UTF-8",
            "bestand.geen_utf8",
        ) from None
    if not tekst.strip() or all(
        not r.strip() or r.lstrip().startswith("#") for r in tekst.splitlines()
    ):
        raise fout_bovenaan(bestand, "het bestand is leeg", "bestand.leeg")
    if any(ord(t) in CONTROLETEKENS for t in tekst):
        controletekens(tekst, bestand)
    return tekst


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
        wortel = _componeer(yaml, tekst)
    except MarkedYAMLError as fout:
        raise ScenarioFout([syntaxfout(fout, bestand)]) from None
    except ValueError:  # the scanner's chr() on an escape beyond Unicode ("\U00110000")
        raise buiten_unicode(tekst, bestand) from None
    except RecursionError:  # a ruamel.yaml without max_depth
        tekst = f"het scenario is dieper genest dan {MAX_DIEPTE} niveaus"
        raise fout_bovenaan(bestand, tekst, "yaml.te_diep") from None
    except YAMLError as fout:  # errors without a position (the reader's)
        tekst = f"YAML-fout: het bestand is geen geldige YAML ({fout})"
        raise fout_bovenaan(bestand, tekst, "yaml.syntax") from None
    if wortel is None:
        raise fout_bovenaan(bestand, "het bestand is leeg", "bestand.leeg")
    fouten: list[Melding] = []
    bouwer = _Bouwer(yaml, bestand, fouten)
    data = bouwer.bouw(wortel, "")
    if fouten:
        raise ScenarioFout(fouten)
    if not isinstance(data, PMap):
        tekst = f"een scenario is een mapping (sleutel: waarde), dit bestand bevat {_soort(data)}"
        raise fout_bovenaan(bestand, tekst, "bestand.geen_mapping")
    data.schrijfwijzen = bouwer.schrijfwijzen
    return data


#: Composed top-level blocks of recent texts, by (first line, text of the block). The app
#: recalculates at every pause in typing; an edit then re-composes only the block it touches
#: (``panden:``, ``functies:`` …), not the whole file (ruamel's composer is pure Python and
#: takes most of the time of a recalculation). The result is the same node tree.
_BLOKKEN: OrderedDict[tuple[int, str], MappingNode] = OrderedDict()
_BLOKKEN_MAX = 512
_BLOKKEN_SLOT = threading.Lock()
#: Texts above this size are composed whole (the cache is for files a person edits).
_BLOKKEN_TOT = 1024 * 1024
#: A line that starts a top-level block: a plain key at column 0.
_KOP = re.compile(r"[A-Za-z_][\w\-]*[ \t]*:(?:[ \t]|$)")


def _componeer(yaml: YAML, tekst: str) -> Node | None:
    """The composed root node of `tekst`: block by block from the cache where the text is a
    plain top-level mapping, else (and on any doubt or error) the whole text at once, so a
    broken file is reported exactly as before."""
    blokken = _blokken(tekst) if len(tekst) <= _BLOKKEN_TOT else None
    if blokken is not None:
        try:
            return _componeer_blokken(yaml, blokken)
        except Exception:  # the whole text says what is wrong, in its own words, from a
            # fresh reader (a failed composition leaves ruamel's depth count behind)
            vers = YAML(typ="safe", pure=True)
            vers.max_depth = yaml.max_depth
            return vers.compose(tekst)  # type: ignore[no-any-return]
    wortel: Node | None = yaml.compose(tekst)
    return wortel


def _blokken(tekst: str) -> list[tuple[int, str]] | None:
    """`tekst` cut before each line that starts a top-level key: (first line, text), or None
    when a line at column 0 is anything else (a document marker, a directive, flow syntax …)."""
    regels = tekst.splitlines(keepends=True)
    begin: list[int] = []
    for i, regel in enumerate(regels):
        if not regel.strip() or regel.lstrip(" ").startswith("#"):
            continue
        if regel[0] == " ":
            if not begin:  # indented text before the first key belongs to no block
                return None
            continue
        if not _KOP.match(regel):
            return None
        begin.append(i)
    if not begin:
        return None
    grenzen = [*begin[1:], len(regels)]
    return [(a, "".join(regels[a:b])) for a, b in zip(begin, grenzen, strict=True)]


def _componeer_blokken(yaml: YAML, blokken: list[tuple[int, str]]) -> MappingNode:
    """One mapping node of the blocks' key–value pairs; each block composed on its own lines
    (padded with newlines, so every mark has the line and column of the whole file)."""
    paren: list[Any] = []
    knopen: list[MappingNode] = []
    for begin, blok in blokken:
        knoop = _lijstblok(yaml, begin, blok) or _blok(yaml, "\n" * begin + blok)
        knopen.append(knoop)
        paren.extend(knoop.value)
    return MappingNode(
        "tag:yaml.org,2002:map",
        paren,
        start_mark=knopen[0].start_mark,
        end_mark=knopen[-1].end_mark,
        flow_style=False,
    )


def _blok(yaml: YAML, tekst: str) -> MappingNode:
    """`tekst` (one top-level key, padded to its lines) composed, or from the cache."""
    with _BLOKKEN_SLOT:
        knoop = _BLOKKEN.get((0, tekst))
        if knoop is not None:
            _BLOKKEN.move_to_end((0, tekst))
            return knoop
    nieuw = yaml.compose(tekst)
    if not isinstance(nieuw, MappingNode) or nieuw.flow_style or len(nieuw.value) != 1:
        raise ValueError("geen blok met één sleutel")
    with _BLOKKEN_SLOT:
        _BLOKKEN[(0, tekst)] = nieuw
        while len(_BLOKKEN) > _BLOKKEN_MAX:
            _BLOKKEN.popitem(last=False)
    return nieuw


_ITEM = re.compile(r"( *)- ")


def _lijstblok(yaml: YAML, begin: int, blok: str) -> MappingNode | None:
    """A top-level key whose value is a block sequence (``panden:``), composed item by item
    (each item on its own lines under the key), so an edit in one pand re-composes that pand;
    None when the block is not such a sequence."""
    regels = blok.splitlines(keepends=True)
    kop, rest = regels[0], regels[1:]
    if kop.split("#", 1)[0].rstrip().split(":", 1)[1].strip():
        return None  # the value is on the key's line
    inspringing: int | None = None
    items: list[int] = []
    for i, regel in enumerate(rest):
        kaal = regel.lstrip(" ")
        if not kaal.strip() or kaal.startswith("#"):
            continue
        diep = len(regel) - len(kaal)
        m = _ITEM.match(regel)
        if inspringing is None:
            if m is None:
                return None
            inspringing = diep
        if m is not None and diep == inspringing:
            items.append(i)
        elif diep <= inspringing:
            return None
    if len(items) < 2:
        return None
    knopen: list[Any] = []
    for a, b in zip(items, [*items[1:], len(rest)], strict=True):
        tekst = "\n" * begin + kop + "\n" * a + "".join(rest[a:b])
        knoop = _blok(yaml, tekst)
        lijst = knoop.value[0][1]
        if not isinstance(lijst, SequenceNode) or lijst.flow_style or len(lijst.value) != 1:
            raise ValueError("geen lijst met één item")
        knopen.append(knoop)
    eerste, laatste = knopen[0].value[0][1], knopen[-1].value[0][1]
    lijst = SequenceNode(
        "tag:yaml.org,2002:seq",
        [k.value[0][1].value[0] for k in knopen],
        start_mark=eerste.start_mark,
        end_mark=laatste.end_mark,
        flow_style=False,
    )
    return MappingNode(
        "tag:yaml.org,2002:map",
        [(knopen[0].value[0][0], lijst)],
        start_mark=knopen[0].start_mark,
        end_mark=knopen[-1].end_mark,
        flow_style=False,
    )


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
        self.resolver = yaml.resolver
        self.bestand = bestand
        self.fouten = fouten
        self.gezien: set[int] = set()
        #: How each text that was not written plainly stood (quoted, a block, !!str).
        self.schrijfwijzen: dict[Plek, Schrijfwijze] = {}

    def plek(self, node: Node) -> Plek:
        return (self.bestand, node.start_mark.line + 1, node.start_mark.column + 1)

    def fout(self, node: Node, pad: str, tekst: str, code: str) -> None:
        _, regel, kolom = self.plek(node)
        self.fouten.append(Melding(self.bestand, regel, kolom, pad, tekst, code))

    def bouw(self, node: Node, pad: str) -> Any:
        if getattr(node, "anchor", None) or id(node) in self.gezien:
            self.fout(
                node,
                pad,
                "ankers en aliassen (&naam, *naam) zijn niet toegestaan in een scenario; "
                "schrijf de waarde uit of gebruik erft_van",
                "yaml.anker",
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
                "yaml.tag",
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
                f"een getal van {duizendtallen(len(node.value))} tekens; een scenario schrijft getallen "
                f"van hoogstens {MAX_GETALLENGTE} tekens",
                "yaml.getal_te_lang",
            )
            return None
        waarde = self.constructor.construct_object(node, deep=True)
        if isinstance(waarde, str):
            waarde, los = _surrogaten(waarde)
            if los is not None:
                self.fout(
                    node,
                    pad,
                    f"de tekst bevat een losse surrogaat (\\u{ord(los):04x}); dat is geen "
                    "geldig Unicode-teken (een paar zoals \\ud83d\\ude00 is wel één teken)",
                    "yaml.surrogaat",
                )
                return None
            getagd = self._getagd(node)
            if node.style or getagd:  # a message may have to say what to change in it
                self.schrijfwijzen[self.plek(node)] = Schrijfwijze(node.style, getagd)
        return waarde

    def _getagd(self, node: ScalarNode) -> bool:
        """Whether the scalar carries a tag in the file (``!!str 30``): its mark points at
        the tag; without the source text, a plain scalar that would not resolve to its tag
        was tagged."""
        mark = node.start_mark
        buffer, plek = getattr(mark, "buffer", None), getattr(mark, "pointer", None)
        if isinstance(buffer, str) and isinstance(plek, int):
            return buffer[plek : plek + 1] == "!"
        vanzelf = self.resolver.resolve(ScalarNode, node.value, (True, False))
        return not node.style and vanzelf != node.tag

    def _mapping(self, node: MappingNode, pad: str) -> PMap:
        mapping = PMap(self.plek(node))
        for sleutelnode, waardenode in node.value:
            if str(sleutelnode.tag) == "tag:yaml.org,2002:merge":
                self.fout(
                    sleutelnode,
                    pad,
                    "samenvoegsleutels (<<) zijn niet toegestaan in een scenario",
                    "yaml.samenvoegsleutel",
                )
                continue
            if not isinstance(sleutelnode, ScalarNode):
                self.fout(
                    sleutelnode,
                    pad,
                    "een sleutel moet een enkele waarde zijn, geen lijst of mapping",
                    "yaml.sleutel_geen_waarde",
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
                    "yaml.sleutel_geen_tekst",
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
                    "yaml.sleutel_dubbel",
                )
                continue
            mapping.zet(
                sleutel, self.bouw(waardenode, kind), self.plek(sleutelnode), self.plek(waardenode)
            )
        return mapping


def _surrogaten(tekst: str) -> tuple[str, str | None]:
    """`tekst` with each pair of escaped UTF-16 surrogates (``"\\ud83d\\ude00"``, as a JSON
    export writes an emoji) combined into its character, as JSON does; and the first
    surrogate left without its partner, which is no character at all (None if there is none)."""
    if not any("\ud800" <= t <= "\udfff" for t in tekst):
        return tekst, None
    delen: list[str] = []
    i = 0
    while i < len(tekst):
        t = tekst[i]
        if "\ud800" <= t <= "\udbff" and "\udc00" <= tekst[i + 1 : i + 2] <= "\udfff":
            delen.append(chr(0x10000 + (ord(t) - 0xD800) * 0x400 + ord(tekst[i + 1]) - 0xDC00))
            i += 2
        elif "\ud800" <= t <= "\udfff":
            return tekst, t
        else:
            delen.append(t)
            i += 1
    return "".join(delen), None
