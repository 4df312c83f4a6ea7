"""What a spreadsheet cell means to a scenario: a column header as a key path and the kind
of value the schema expects there, and a number or ja/nee typed as text read as the YAML
would have written it ('0,055' is 0.055; '1.150' is ambiguous). Shared by ``panden_uit``
(:mod:`.spreadsheet`), ``uit-werkboek`` (:mod:`.werkboek`) and the app's forms."""

from __future__ import annotations

import re
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..getallen import duizendtallen
from ..schema.grenzen import ontdaan
from .plekken import MAX_GETALLENGTE

_STAP = re.compile(r"^([a-z][a-z0-9_]*)(?:\[(\d{1,4})\])?$")
_JA = {"ja", "waar", "true", "j", "1"}
_NEE = {"nee", "onwaar", "false", "n", "0"}

Stap = str | int
Doel = Literal["tekst", "getal", "janee"] | None


def kopstappen(kop: str) -> tuple[Stap, ...] | None:
    """'transformatie.programma[0].functie' → ('transformatie', 'programma', 0, 'functie')."""
    uit: list[Stap] = []
    for deel in kop.split("."):
        m = _STAP.match(deel)
        if m is None:
            return None
        uit.append(m.group(1))
        if m.group(2) is not None:
            uit.append(int(m.group(2)))
    return tuple(uit)


def veld_doel(model: type[BaseModel], stappen: tuple[Stap, ...]) -> Doel:
    """What the value at `stappen` below `model` is: text, a number, ja/nee, or unknown."""
    tp: Any = model
    for stap in stappen:
        kaal, _ = ontdaan(tp)
        if isinstance(kaal, type) and issubclass(kaal, BaseModel) and isinstance(stap, str):
            info = kaal.model_fields.get(stap)
            if info is None:
                return None
            tp = info.annotation
        elif get_origin(kaal) is list and isinstance(stap, int):
            tp = get_args(kaal)[0]
        elif get_origin(kaal) is dict and isinstance(stap, str):
            tp = get_args(kaal)[1]
        else:
            return None
    kaal, _ = ontdaan(tp)
    if kaal is str or get_origin(kaal) is Literal:
        return "tekst"
    if kaal is bool:
        return "janee"
    if kaal in (int, float):
        return "getal"
    return None


_GETAL = re.compile(r"^[+-]?\d[\d.,_]*$")


def getal_uit_tekst(tekst: str) -> int | float | str | None:
    """A number written as text ('1150', '0,048', '1.150.000', '1.150,50'), or None when the
    text is no number; '1.150' and '1,150' are ambiguous (thousands or decimals?) and come
    back as the text 'dubbelzinnig'."""
    t = tekst.strip().replace(" ", "").replace("\u00a0", "")
    if len(t) > MAX_GETALLENGTE or not _GETAL.match(t) or t[-1] in ".,":
        return None
    kaal = t.replace("_", "")
    punten, kommas = kaal.count("."), kaal.count(",")
    if punten and kommas:  # the last one is the decimal sign, the other groups thousands
        dec, dui = (",", ".") if kaal.rfind(",") > kaal.rfind(".") else (".", ",")
        if kaal.count(dec) > 1 or not _groepen(kaal.split(dec)[0], dui):
            return None
        return float(kaal.replace(dui, "").replace(dec, "."))
    teken = "." if punten else "," if kommas else ""
    if not teken:
        return int(kaal)
    if kaal.count(teken) > 1:
        return int(kaal.replace(teken, "")) if _groepen(kaal, teken) else None
    voor, na = kaal.split(teken)
    if len(na) == 3 and voor.lstrip("+-") not in ("0", ""):
        return "dubbelzinnig"
    return float(f"{voor}.{na}")


class Dubbelzinnig(ValueError):
    """A number like 1.150 typed as text: thousands or decimals? The message is Dutch;
    `soort` ends the code of the message (``panden_uit.getal_dubbelzinnig``)."""

    soort = "getal_dubbelzinnig"


class GetalTeLang(Dubbelzinnig):
    """A number typed as text longer than a scenario writes one (:data:`MAX_GETALLENGTE`):
    Python refuses to convert an integer of thousands of digits."""

    soort = "getal_te_lang"


def uit_tekst(ruw: str, doel: Doel) -> Any:
    """A cell's text as the YAML would have written it for a value of kind `doel`: a number
    written as text (:func:`getal_uit_tekst`), ja/nee from WAAR, nee, TRUE …; else the text."""
    ruw = ruw.strip()
    if doel == "getal":
        kaal = ruw.replace(" ", "").replace("\u00a0", "")
        if len(kaal) > MAX_GETALLENGTE and _GETAL.match(kaal):
            raise GetalTeLang(
                f"een getal van {duizendtallen(len(kaal))} tekens; een scenario schrijft getallen van "
                f"hoogstens {MAX_GETALLENGTE} tekens"
            )
        getal = getal_uit_tekst(ruw)
        if getal == "dubbelzinnig":
            raise Dubbelzinnig(
                f"'{ruw}' is dubbelzinnig: duizendtallen of decimalen? Schrijf het getal "
                "zonder scheidingsteken voor duizendtallen"
            )
        return ruw if getal is None else getal
    if doel == "janee" and ruw.lower() in _JA | _NEE:
        return ruw.lower() in _JA
    return ruw


def _groepen(tekst: str, teken: str) -> bool:
    delen = tekst.lstrip("+-").split(teken)
    return 1 <= len(delen[0]) <= 3 and all(len(d) == 3 for d in delen[1:])
