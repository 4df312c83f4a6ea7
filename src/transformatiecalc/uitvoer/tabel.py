"""Terminal tables that fit the terminal's width without cutting a number.

A number column is as wide as its widest cell and never wraps; its header is broken over
lines at its spaces instead. A text column (a label, a name) folds onto more lines, down to
its `minimum`. When even that does not fit, the table is split into stacked tables that
each repeat the first `vast` columns (the row labels), so every number is printed whole at
any width. Headers are plain text and escaped here (:func:`.veilig.veilig`); cells are
markup that the caller has made safe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .veilig import veilig

#: Width between two columns: one space of padding and the (blank) divider of SIMPLE_HEAD.
_TUSSENRUIMTE = 2


#: A word for wrapping a sentence: '€ 1.234', '(€ 2026)', '5 %' and a legend's 'retailfo. =
#: retailfonds,' count as one.
_WOORD = re.compile(r"(?:\S*€ )?\S+(?: %\S*)?(?: = \S+)?")


def zin(console: Console, tekst: str, **opmaak: Any) -> None:
    """Print a sentence (safe markup) wrapped between words at the terminal's width, so
    that the terminal never breaks a number in two nor parts it from its '€'."""
    regel = Text.from_markup(tekst)
    begin, starts = 0, []
    for woord in _WOORD.finditer(regel.plain):
        if cell_len(regel.plain[begin : woord.end()]) > console.width and woord.start() > begin:
            begin = woord.start()
            starts.append(begin)
    for deel in regel.divide(starts):
        deel.rstrip()
        console.print(deel, soft_wrap=True, **opmaak)


@dataclass(frozen=True)
class Kolom:
    """One column: its header (plain text), and whether it holds text or numbers."""

    kop: str
    tekst: bool = False
    minimum: int = 12  # the narrowest a text column folds to
    afkorten: bool = False  # a text column of names: shortened, with a legend, not folded


@dataclass(frozen=True)
class Rij:
    """One row: cells as safe markup; a totals row is bold, set apart and never shortened."""

    cellen: Sequence[str]
    totaal: bool = False


def _breedte(markup: str) -> int:
    return max((Text.from_markup(r).cell_len for r in markup.split("\n")), default=0)


def _zichtbaar(tekst: str) -> str:
    """What the terminal shows of a plain `tekst` (control characters as escapes)."""
    return Text.from_markup(veilig(tekst)).plain


def _woorden(kop: str) -> list[str]:
    """The words of a header as shown, '€' kept with the amount after it ('€\u00a01 mln')."""
    return [w for w in _zichtbaar(kop).replace("€ ", "€\u00a0").split(" ") if w]


def _kop_regels(kop: str, breedte: int) -> str:
    """A number column's header, escaped, broken between words into lines of at most
    `breedte` cells (a number column does not wrap its header itself)."""
    regels: list[str] = []
    for woord in _woorden(kop):
        if regels and cell_len(f"{regels[-1]} {woord}") <= breedte:
            regels[-1] += f" {woord}"
        else:
            regels.append(woord)
    return "\n".join(veilig(r.replace("\u00a0", " ")) for r in regels)


def _maten(kolommen: Sequence[Kolom], rijen: Sequence[Rij]) -> list[tuple[int, int]]:
    """(natural, minimum) width of every column; a number column reaches its minimum by
    breaking its header, a text column by folding."""
    maten = []
    for i, k in enumerate(kolommen):
        cellen = max((_breedte(r.cellen[i]) for r in rijen), default=0)
        kop = cell_len(_zichtbaar(k.kop))
        woord = max(map(cell_len, _woorden(k.kop)), default=0)
        if k.tekst:
            natuurlijk = max(cellen, kop)
            maten.append((natuurlijk, max(woord, min(natuurlijk, k.minimum))))
        else:
            maten.append((max(cellen, kop), max(cellen, woord)))
    return maten


def _som(breedtes: list[int]) -> int:
    """The width of a table with columns this wide."""
    return sum(breedtes) + _TUSSENRUIMTE * (len(breedtes) - 1)


def _delen(maten: list[tuple[int, int]], vast: int, breedte: int) -> list[list[int]]:
    """Column indices of each stacked table: the first `vast` in each, the others in order,
    in as few tables as fit at their minimum widths and as evenly spread as fits."""
    vaste, overige = list(range(vast)), list(range(vast, len(maten)))

    def past(deel: list[int]) -> bool:
        return _som([maten[i][1] for i in [*vaste, *deel]]) <= breedte

    gretig: list[list[int]] = [[]]
    for i in overige:
        if gretig[-1] and not past([*gretig[-1], i]):
            gretig.append([])
        gretig[-1].append(i)
    stuk = -(-len(overige) // len(gretig))  # columns per table when spread evenly
    gelijk = [overige[j : j + stuk] for j in range(0, len(overige), stuk)] or [[]]
    delen = gelijk if len(gelijk) == len(gretig) and all(map(past, gelijk)) else gretig
    return [[*vaste, *deel] for deel in delen]


def afkortingen(namen: Sequence[str], breedte: int) -> dict[str, str]:
    """Distinct short forms of at most `breedte` characters for the names longer than that:
    a prefix and a full stop ('binnens.'); where prefixes would coincide, the start of the
    common part and what differs ('fam.smit', 'fam.de_v.' for familie_smit and
    familie_de_vries), and a digit only where that does not part them either."""
    alle = list(dict.fromkeys(namen))
    lang = [n for n in alle if len(n) > breedte]
    kort = {n: _ingekort(n, breedte) for n in lang}
    for groep in _samenvallend(kort).values():
        kort.update(_verschil(groep, breedte))
    heel = {n for n in alle if n not in kort}
    teller = 0  # one count over all groups: two groups numbered from 1 each got equal forms
    for _ in range(100):
        botsend = [
            m
            for vorm, groep in _samenvallend(kort).items()
            if len(groep) > 1 or vorm in heel
            for m in groep
        ]
        if not botsend:
            break
        for m in botsend:
            teller += 1
            kort[m] = f"{m[: max(1, breedte - 1 - len(str(teller)))]}{teller}."
    return kort


def _ingekort(naam: str, breedte: int) -> str:
    """`naam` cut to `breedte` characters with a full stop as its last."""
    return naam[: max(1, breedte - 1)] + "."


def _samenvallend(kort: dict[str, str]) -> dict[str, list[str]]:
    """The names per short form."""
    groepen: dict[str, list[str]] = {}
    for naam, vorm in kort.items():
        groepen.setdefault(vorm, []).append(naam)
    return groepen


def _verschil(groep: list[str], breedte: int) -> dict[str, str]:
    """Short forms for names whose prefixes coincide: three letters of their common start
    and a full stop, then the part after it ('fam.smit'), cut with a full stop if too long."""
    if len(groep) < 2:
        return {}
    tot = next(
        (i for i, t in enumerate(zip(*groep, strict=False)) if len(set(t)) > 1),
        min(map(len, groep)),
    )
    gemeen = groep[0][:tot]  # their common start, character by character
    kop = gemeen[: min(3, len(gemeen))] + "."
    uit: dict[str, str] = {}
    for naam in groep:
        rest = naam[len(gemeen) :]
        if not rest or len(kop) + 2 > breedte:
            return {}
        uit[naam] = (
            kop + rest if len(kop + rest) <= breedte else kop + _ingekort(rest, breedte - len(kop))
        )
    return uit


def _afgekort(
    kolommen: Sequence[Kolom], lijst: list[Rij], maten: list[tuple[int, int]], breedte: int
) -> tuple[list[Rij], list[str]]:
    """The rows with the names in `afkorten` columns shortened where the table would fold
    them, and a legend line per such column ('Eigenaar: binnens. = binnenstad_ontwikkeling')."""
    legenda: list[str] = []
    for i, k in enumerate(kolommen):
        if not k.afkorten:
            continue
        rest = breedte - _som([m[1] if j != i else 0 for j, m in enumerate(maten)])
        if maten[i][0] <= rest:
            continue
        namen = [Text.from_markup(r.cellen[i]).plain for r in lijst]
        kort = afkortingen(
            [n for r, n in zip(lijst, namen, strict=True) if not r.totaal], max(rest, k.minimum)
        )
        if not kort:
            continue
        lijst = [
            Rij((*r.cellen[:i], veilig(kort[n]), *r.cellen[i + 1 :]))
            if n in kort and not r.totaal
            else r
            for r, n in zip(lijst, namen, strict=True)
        ]
        uitleg = ", ".join(f"{veilig(v)} = {veilig(n)}" for n, v in kort.items())
        legenda.append(f"{veilig(k.kop)}: {uitleg}")
    return lijst, legenda


def _verdeel(maten: list[tuple[int, int]], tekst: list[bool], breedte: int) -> list[int]:
    """The widths of one table's columns: each at its minimum, then, while the table still
    fits, the text columns widened towards their natural width (fewer folded lines) and
    then the number columns (an unbroken header), from left to right."""
    breedtes = [m[1] for m in maten]
    over = breedte - _som(breedtes)
    for soort in (True, False):
        for j, (natuurlijk, minimum) in enumerate(maten):
            if tekst[j] is soort and over > 0:
                extra = min(over, natuurlijk - minimum)
                breedtes[j] += extra
                over -= extra
    return breedtes


def toon_tabel(
    console: Console,
    kolommen: Sequence[Kolom],
    rijen: Sequence[Rij | Sequence[str]],
    *,
    titel: str | None = None,
    onderschrift: str | None = None,
    vast: int = 1,
) -> None:
    """Print `rijen` under `kolommen` in as few stacked tables as the width allows.

    `titel` (plain text) heads the first table and `onderschrift` (safe markup) follows
    the last, both wrapped at the width (a table's own caption would not be: the console
    soft-wraps); an empty line goes before each table."""
    lijst = [r if isinstance(r, Rij) else Rij(r) for r in rijen]
    lijst, legenda = _afgekort(kolommen, lijst, _maten(kolommen, lijst), console.width)
    maten = _maten(kolommen, lijst)
    delen = _delen(maten, vast, console.width)
    for n, deel in enumerate(delen):
        breedtes = _verdeel(
            [maten[i] for i in deel], [kolommen[i].tekst for i in deel], console.width
        )
        tabel = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
            header_style="bold",
        )
        for i, breed in zip(deel, breedtes, strict=True):
            k = kolommen[i]
            if k.tekst:
                tabel.add_column(veilig(k.kop), overflow="fold", width=breed)
            else:
                tabel.add_column(
                    _kop_regels(k.kop, breed), justify="right", no_wrap=True, width=breed
                )
        for r in lijst:
            if r.totaal:
                tabel.add_section()
            tabel.add_row(*(r.cellen[i] for i in deel), style="bold" if r.totaal else None)
        console.print()
        if titel and n == 0:
            zin(console, veilig(titel), style="italic")
        console.print(tabel)
    for regel in ([onderschrift] if onderschrift else []) + legenda:
        zin(console, regel)
