"""Paths into a scenario, as varianten, gevoeligheid and onzekerheid name them.

A path walks the sections by their keys: ``markt.indexatie.bouwkosten``,
``functies.middenhuur.waardering.bar``, ``kosten.per_m2_bvo.transformatie_zwaar``.
List items are addressed by position (``panden[2]``) or by name: a pand or project by
its ``id``, a fund, tranche or instrument by its ``naam``, a programme line by its
``functie`` when that is unique in the pand — ``panden.P03.huidig.inbrengwaarde``,
``fondsen.binnenstadsfonds.tranches.gemeente.bedrag``.

Paths are resolved against the *effective* scenario (every default filled), so a
value the file leaves to its default can be varied too; the resolved path (names
turned into positions) is then applied to the file's data, and the result validated
like any file: a variant is exactly the same change made in a copy of the file.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from ..fouten import pad_tekst

Stap = str | int
_DEEL = re.compile(r"([^\[\]]*)((?:\[\d+\])*)")


class PadFout(ValueError):
    """A path that does not exist (or is not a number where one is needed); Dutch text."""


def ontleed(pad: str) -> list[Stap]:
    """'panden[2].huidig.bar' → ['panden', 2, 'huidig', 'bar']; refuses malformed paths."""
    stappen: list[Stap] = []
    for deel in pad.strip().split("."):
        m = _DEEL.fullmatch(deel.strip())
        if m is None or not (m.group(1) or m.group(2)):
            raise PadFout(f"pad '{pad}' is onleesbaar bij '{deel}'")
        if m.group(1):
            stappen.append(m.group(1))
        stappen += [int(x) for x in re.findall(r"\[(\d+)\]", m.group(2))]
    return stappen


def _naam_van(item: Any) -> str | None:
    for veld in ("id", "naam", "functie"):
        waarde = getattr(item, veld, None)
        if isinstance(waarde, str):
            return waarde
    return None


def _kinderen(waarde: Any) -> list[str]:
    """The names a path may take below `waarde` (for suggestions)."""
    if isinstance(waarde, BaseModel):
        return list(type(waarde).model_fields)
    if isinstance(waarde, Mapping):
        return [str(k) for k in waarde]
    if isinstance(waarde, list):
        return [_naam_van(x) or f"[{i}]" for i, x in enumerate(waarde)]
    return []


def _kindwaarden(waarde: Any) -> list[tuple[str, Any]]:
    """(name, value) of each child of `waarde`, named as in :func:`_kinderen`."""
    if isinstance(waarde, BaseModel):
        return [(k, getattr(waarde, k)) for k in type(waarde).model_fields]
    if isinstance(waarde, Mapping):
        return [(str(k), v) for k, v in waarde.items()]
    if isinstance(waarde, list):
        return list(zip(_kinderen(waarde), waarde, strict=True))
    return []


def _volg(hier: str, kind: str) -> str:
    return f"{hier}{kind}" if kind.startswith("[") else (f"{hier}.{kind}" if hier else kind)


def _niet_gevonden(stap: Stap, gedaan: list[Stap], waarde: Any) -> PadFout:
    hier = pad_tekst(tuple(gedaan))
    opties = _kinderen(waarde)
    naam = f"[{stap}]" if isinstance(stap, int) else str(stap)
    dichtbij = difflib.get_close_matches(naam, opties, n=3, cutoff=0.5)
    dieper = [
        _volg(_volg(hier, kind), naam)
        for kind, waarde_kind in _kindwaarden(waarde)
        if naam in _kinderen(waarde_kind)
    ]
    if dieper and not dichtbij:  # a step left out: functies.middenhuur.bar → …waardering.bar
        return PadFout(
            f"'{naam}' bestaat niet in {hier or 'het scenario'}; "
            f"dichtstbijzijnde geldige paden: {', '.join(dieper[:3])}"
        )
    if dichtbij:
        voorstel = ", ".join(_volg(hier, k) for k in dichtbij)
        return PadFout(
            f"'{naam}' bestaat niet in {hier or 'het scenario'}; "
            f"dichtstbijzijnde geldige paden: {voorstel}"
        )
    lijst = ", ".join(_volg(hier, k) for k in opties[:8]) + (" …" if len(opties) > 8 else "")
    return PadFout(
        f"'{naam}' bestaat niet in {hier or 'het scenario'}; geldige paden: {lijst or '(geen)'}"
    )


def zoek(wortel: BaseModel, pad: str | Sequence[Stap]) -> tuple[tuple[Stap, ...], Any]:
    """Resolve `pad` on the effective scenario: (steps with list positions, value there)."""
    stappen = ontleed(pad) if isinstance(pad, str) else list(pad)
    hier: Any = wortel
    gedaan: list[Stap] = []
    for stap in stappen:
        if isinstance(hier, BaseModel):
            if not (isinstance(stap, str) and stap in type(hier).model_fields):
                raise _niet_gevonden(stap, gedaan, hier)
            hier = getattr(hier, stap)
        elif isinstance(hier, Mapping):
            if stap not in hier:
                raise _niet_gevonden(stap, gedaan, hier)
            hier = hier[stap]
        elif isinstance(hier, list):
            if isinstance(stap, str):
                treffers = [i for i, x in enumerate(hier) if _naam_van(x) == stap]
                if len(treffers) > 1:
                    raise PadFout(
                        f"'{stap}' komt {len(treffers)} keer voor in "
                        f"{pad_tekst(tuple(gedaan))}; gebruik een positie, zoals "
                        f"{pad_tekst((*gedaan, treffers[0]))}"
                    )
                if not treffers:
                    raise _niet_gevonden(stap, gedaan, hier)
                stap = treffers[0]
            elif not 0 <= stap < len(hier):
                raise _niet_gevonden(stap, gedaan, hier)
            hier = hier[stap]
        else:
            wat = "niet opgegeven" if hier is None else f"een waarde ({hier!r})"
            raise PadFout(
                f"{pad_tekst(tuple(gedaan))} is {wat}, geen sectie: het pad kan daar niet verder"
            )
        gedaan.append(stap)
    return tuple(gedaan), hier


def getal_op(wortel: BaseModel, pad: str) -> tuple[tuple[Stap, ...], float]:
    """Resolve a path that must end at a number (for gevoeligheid and onzekerheid)."""
    stappen, waarde = zoek(wortel, pad)
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        raise PadFout(
            f"{pad_tekst(stappen)} is geen getal maar {type(waarde).__name__}: alleen getallen "
            "kunnen variëren (gebruik varianten voor andere waarden)"
        )
    return stappen, float(waarde)


def zet(data: Any, stappen: Sequence[Stap], waarde: Any) -> Any:
    """A copy of the file's `data` with `waarde` at `stappen` (positions, from :func:`zoek`).

    Only the containers on the path are copied (the rest is shared, and never changed);
    a mapping the file leaves out is created. Located mappings keep their positions, so
    validation errors in the result still point into the file.
    """
    if not stappen:
        return waarde
    stap, rest = stappen[0], stappen[1:]
    if isinstance(data, list):
        assert isinstance(stap, int)
        lijst = kopie(data)
        lijst[stap] = zet(data[stap], rest, waarde)
        return lijst
    mapping = kopie(data) if isinstance(data, Mapping) else {}
    binnen = mapping.get(stap)
    nieuw = zet(binnen if isinstance(binnen, Mapping | list) else {}, rest, waarde)
    _zet_sleutel(mapping, stap, nieuw)
    return mapping


def kopie(x: Any) -> Any:
    """Shallow copy that keeps the located containers' positions (laden.PMap / PLijst)."""
    uit = x.__class__.__new__(x.__class__)
    if isinstance(x, dict):
        dict.__init__(uit, x)
    else:
        list.__init__(uit, x)
    if hasattr(uit, "__dict__"):
        uit.__dict__.update(x.__dict__)
    for attribuut in ("sleutelplek", "waardeplek", "plekken"):
        if hasattr(x, attribuut):
            setattr(uit, attribuut, type(getattr(x, attribuut))(getattr(x, attribuut)))
    return uit


def _zet_sleutel(mapping: Any, sleutel: Stap, waarde: Any) -> None:
    mapping[sleutel] = waarde
    plek = getattr(mapping, "plek", None)
    for attribuut in ("sleutelplek", "waardeplek"):
        plekken = getattr(mapping, attribuut, None)
        if plekken is not None and sleutel not in plekken and plek is not None:
            plekken[sleutel] = plek


def overlappen(
    paden: Sequence[tuple[str, tuple[Stap, ...]]],
) -> Iterator[tuple[int, int]]:
    """(j, i) for each path j that names the same value as an earlier path i, or a value
    inside it or around it: two spellings (``panden[0]`` and ``panden.P01``) of one value."""
    for j, (_, b) in enumerate(paden):
        for i, (_, a) in enumerate(paden[:j]):
            if a[: len(b)] == b or b[: len(a)] == a:
                yield j, i
                break


def overlap_tekst(
    pad: str, stappen: tuple[Stap, ...], eerder: str, eerdere: tuple[Stap, ...], waar: str
) -> str:
    """Dutch message for `pad` overlapping the earlier path `eerder` (found at `waar`)."""
    if stappen == eerdere:
        return (
            f"'{pad}' en '{eerder}' ({waar}) wijzen allebei {pad_tekst(stappen)} aan; "
            "laat er één weg"
        )
    kort = min(stappen, eerdere, key=len)
    return (
        f"'{pad}' en '{eerder}' ({waar}) overlappen: het ene pad ligt binnen het andere "
        f"({pad_tekst(kort)}); laat er één weg"
    )
