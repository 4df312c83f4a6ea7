"""Forms for what project leaders change most, written back into the scenario's YAML.

A form shows the *effective* values of one pand (start, bouwtijd, ingreep, programme), of
the functies in its programme (rent or price, BAR/NAR) and the building cost per m² of its
ingreep. On submit only the values that differ from the effective ones are written, with
ruamel.yaml's round-trip mode, so comments, key order and the rest of the file stay as the
user wrote them; a scenario that ``erft_van`` another gets the change as its own override.
Field names are scenario paths: ``panden[P01].transformatie.start``,
``functies.middenhuur.huur_per_maand``, ``kosten.per_m2_bvo.transformatie_zwaar``,
``panden[P01].transformatie.programma[0].woningen``.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..schema import Scenario


class FormulierFout(ValueError):
    """A form value or scenario the form cannot write; the message is Dutch."""


@dataclass
class Veld:
    """One input of the form."""

    naam: str  # the scenario path, also the form field name
    label: str
    waarde: Any
    soort: str = "getal"  # getal | geheel | keuze
    keuzes: list[str] = field(default_factory=list)
    stap: str = "any"
    eenheid: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.waarde, float) and self.waarde.is_integer():
            self.waarde = int(self.waarde)  # '1950', not '1950.0', in the form

    @property
    def tekst(self) -> str:
        """The value as the form shows it: Dutch decimal comma, no thousands separator
        (which would make '1.950' ambiguous when read back)."""
        if isinstance(self.waarde, float):
            return repr(self.waarde).replace(".", ",")
        return str(self.waarde)


@dataclass
class Velden:
    """The form of one pand."""

    panden: list[tuple[str, str]]
    pand: str
    algemeen: list[Veld]
    programma: list[tuple[Veld, Veld]]  # (functie, woningen or bvo)
    functies: list[tuple[str, list[Veld]]]
    kosten: list[Veld]


_PRIJS = {
    "huur_per_maand": ("huur per maand", "€ per woning per maand"),
    "huur_per_m2_per_jaar": ("huur per m² per jaar", "€ per m² VVO per jaar"),
    "von_prijs_incl_btw": ("v.o.n.-prijs incl. BTW", "€ per woning"),
}


def velden(sc: Scenario, pand: str | None) -> Velden:
    """The form of pand `pand` (the first one if None) with the scenario's effective values."""
    if not sc.panden:
        raise FormulierFout("het scenario heeft geen panden")
    p = next((q for q in sc.panden if q.id == pand), sc.panden[0])
    t = p.transformatie
    basis = f"panden[{p.id}].transformatie"
    ingrepen = list(sc.kosten.per_m2_bvo)
    algemeen = [
        Veld(f"{basis}.start", "start (jaar)", t.start, "geheel", stap="1"),
        Veld(f"{basis}.bouwtijd", "bouwtijd (jaren)", t.bouwtijd, "geheel", stap="1"),
        Veld(f"{basis}.ingreep", "ingreep", t.ingreep, "keuze", ingrepen),
    ]
    programma = []
    for i, regel in enumerate(t.programma):
        functie = Veld(
            f"{basis}.programma[{i}].functie", "functie", regel.functie, "keuze", list(sc.functies)
        )
        if regel.woningen is not None:
            omvang = Veld(
                f"{basis}.programma[{i}].woningen", "woningen", regel.woningen, "geheel", stap="1"
            )
        else:
            omvang = Veld(f"{basis}.programma[{i}].bvo", "BVO", regel.bvo, eenheid="m²")
        programma.append((functie, omvang))
    functies = []
    for naam in dict.fromkeys(r.functie for r in t.programma):
        f = sc.functies[naam]
        lijst = []
        for sleutel, (label, eenheid) in _PRIJS.items():
            if hasattr(f, sleutel):
                lijst.append(
                    Veld(f"functies.{naam}.{sleutel}", label, getattr(f, sleutel), eenheid=eenheid)
                )
        w = getattr(f, "waardering", None)
        for sleutel in ("bar", "nar", "exit_yield"):
            if w is not None and getattr(w, sleutel, None) is not None:
                lijst.append(
                    Veld(
                        f"functies.{naam}.waardering.{sleutel}",
                        sleutel.upper().replace("_", " "),
                        getattr(w, sleutel),
                        stap="0.0001",
                        eenheid="fractie (0,048 = 4,8 %)",
                    )
                )
        functies.append((naam, lijst))
    kosten = [
        Veld(
            f"kosten.per_m2_bvo.{t.ingreep}",
            f"bouwkosten {t.ingreep}",
            sc.kosten.per_m2_bvo[t.ingreep],
            eenheid="€ per m² BVO",
        )
    ]
    return Velden(
        [(q.id, q.naam or q.id) for q in sc.panden], p.id, algemeen, programma, functies, kosten
    )


_STAP = re.compile(r"([^.\[\]]+)(?:\[([^\]]+)\])?")


def pas_toe(tekst: str, sc: Scenario, gegevens: dict[str, str]) -> str:
    """`tekst` with the form's changed values written in: over the old value where the text
    holds it, else added by a round trip (:func:`_rond`); the new text."""
    f = velden(sc, gegevens.get("pand"))
    alle = (
        f.algemeen
        + [v for paar in f.programma for v in paar]
        + [v for _, lijst in f.functies for v in lijst]
        + f.kosten
    )
    wijzigingen: dict[str, Any] = {}
    for veld in alle:
        if veld.naam not in gegevens:
            continue
        nieuw = _waarde(veld, gegevens[veld.naam])
        if nieuw != veld.waarde:
            wijzigingen[veld.naam] = nieuw
    if not wijzigingen:
        return tekst
    tekst, rest = _ter_plekke(tekst, wijzigingen)
    if not rest:
        return tekst
    return _rond(tekst, sc, f, rest)


def _ter_plekke(tekst: str, wijzigingen: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Each change whose value the text itself holds, written over that value's characters
    (nothing else in the file moves); the changes the text does not hold are returned."""
    from ruamel.yaml.nodes import ScalarNode

    yaml = YAML(typ="safe", pure=True)
    try:
        wortel = yaml.compose(tekst)
    except Exception as fout:
        raise FormulierFout(f"het scenario is geen geldige YAML: {fout}") from None
    vervangingen: list[tuple[int, int, str]] = []
    rest: dict[str, Any] = {}
    for pad, waarde in wijzigingen.items():
        knoop = _knoop(wortel, _stappen(pad))
        if isinstance(knoop, ScalarNode):
            vervangingen.append((knoop.start_mark.index, knoop.end_mark.index, _yaml_tekst(waarde)))
        else:
            rest[pad] = waarde
    for begin, eind, nieuw in sorted(vervangingen, reverse=True):
        tekst = tekst[:begin] + nieuw + tekst[eind:]
    return tekst, rest


def _knoop(knoop: Any, stappen: list[tuple[str, str | None]]) -> Any:
    """The node at `stappen` in a composed YAML tree, or None."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    for sleutel, index in stappen:
        if not isinstance(knoop, MappingNode):
            return None
        knoop = next((v for k, v in knoop.value if getattr(k, "value", None) == sleutel), None)
        if index is None:
            continue
        if not isinstance(knoop, SequenceNode):
            return None
        if sleutel == "panden":
            knoop = next((item for item in knoop.value if _id(item) == index), None)
        elif index.isdigit() and int(index) < len(knoop.value):
            knoop = knoop.value[int(index)]
        else:
            return None
    return knoop


def _id(item: Any) -> str | None:
    from ruamel.yaml.nodes import MappingNode

    if isinstance(item, MappingNode):
        for k, v in item.value:
            if getattr(k, "value", None) == "id":
                return str(v.value)
    return None


def _yaml_tekst(waarde: Any) -> str:
    """A form value as a YAML 1.2 scalar (choices are plain keys of the scenario)."""
    if isinstance(waarde, bool):
        return "true" if waarde else "false"
    if isinstance(waarde, int | float):
        return repr(waarde)
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", str(waarde)) and str(waarde) not in (
        "true",
        "false",
        "null",
    ):
        return str(waarde)
    return '"' + str(waarde).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _rond(tekst: str, sc: Scenario, f: Velden, wijzigingen: dict[str, Any]) -> str:
    """The changes the text does not hold yet (a variant that inherits them, a default),
    added through ruamel.yaml's round trip; it keeps comments and order but may reflow
    long flow mappings onto one line."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    try:
        doc = yaml.load(tekst)
    except Exception as fout:
        raise FormulierFout(f"het scenario is geen geldige YAML: {fout}") from None
    if not isinstance(doc, CommentedMap):
        raise FormulierFout("het scenario is geen mapping")
    programma = {k: v for k, v in wijzigingen.items() if ".programma[" in k}
    for pad, waarde in wijzigingen.items():
        if pad not in programma:
            _zet(doc, pad, waarde)
    if programma:
        _zet_programma(doc, sc, f.pand, f.programma, programma)
    uit = io.StringIO()
    yaml.dump(doc, uit)
    return uit.getvalue()


def _waarde(veld: Veld, tekst: str) -> Any:
    tekst = tekst.strip()
    if veld.soort == "keuze":
        if tekst not in veld.keuzes:
            raise FormulierFout(f"{veld.label}: kies een van {', '.join(veld.keuzes)}")
        return tekst
    from ..laden.celwaarden import getal_uit_tekst

    getal = getal_uit_tekst(tekst)
    if getal == "dubbelzinnig":
        raise FormulierFout(
            f"{veld.label}: '{tekst}' is dubbelzinnig (duizendtallen of decimalen?); schrijf "
            "1150 of 1,15"
        )
    if not isinstance(getal, int | float) or not math.isfinite(getal):
        raise FormulierFout(f"{veld.label}: '{tekst}' is geen getal")
    x = float(getal)
    if veld.soort == "geheel" or (x.is_integer() and isinstance(veld.waarde, int)):
        if not x.is_integer():
            raise FormulierFout(f"{veld.label}: geef een geheel getal")
        return int(x)
    return int(x) if x.is_integer() and abs(x) >= 1 and veld.stap == "any" else x


def _stappen(pad: str) -> list[tuple[str, str | None]]:
    return [(m.group(1), m.group(2)) for m in _STAP.finditer(pad)]


def _pand_item(doc: CommentedMap, pand: str) -> CommentedMap:
    if "panden_uit" in doc:
        raise FormulierFout(
            "de panden van dit scenario staan in een spreadsheet (panden_uit); wijzig ze daar"
        )
    panden = doc.get("panden")
    if panden is None:  # a variant (erft_van) that changes none yet
        panden = doc["panden"] = CommentedSeq()
    for item in panden:
        if isinstance(item, dict) and str(item.get("id")) == pand:
            return item  # type: ignore[return-value]
    item = CommentedMap([("id", pand)])
    panden.append(item)
    return item


def _zet(doc: CommentedMap, pad: str, waarde: Any) -> None:
    stappen = _stappen(pad)
    hier: Any = doc
    for i, (sleutel, index) in enumerate(stappen):
        laatste = i == len(stappen) - 1
        if sleutel == "panden" and index is not None:
            hier = _pand_item(doc, index)
            continue
        if laatste:
            hier[sleutel] = waarde
            return
        volgende = hier.get(sleutel)
        if not isinstance(volgende, dict):
            volgende = hier[sleutel] = CommentedMap()
        hier = volgende


def _zet_programma(
    doc: CommentedMap,
    sc: Scenario,
    pand: str,
    regels: list[tuple[Veld, Veld]],
    wijzigingen: dict[str, Any],
) -> None:
    """The pand's whole programme (a list without ids is replaced as a whole by erft_van)."""
    nieuw = CommentedSeq()
    for functie, omvang in regels:
        rij = CommentedMap()
        rij["functie"] = wijzigingen.get(functie.naam, functie.waarde)
        sleutel = omvang.naam.rsplit(".", 1)[1]
        rij[sleutel] = wijzigingen.get(omvang.naam, omvang.waarde)
        origineel = next(q for q in sc.panden if q.id == pand).transformatie.programma
        idx = regels.index((functie, omvang))
        if sleutel == "woningen" and origineel[idx].bvo is not None:
            rij["bvo"] = origineel[idx].bvo
        if origineel[idx].ingreep is not None:
            rij["ingreep"] = origineel[idx].ingreep
        rij.fa.set_flow_style()
        nieuw.append(rij)
    item = _pand_item(doc, pand)
    transformatie = item.get("transformatie")
    if not isinstance(transformatie, dict):
        transformatie = item["transformatie"] = CommentedMap()
    transformatie["programma"] = nieuw
