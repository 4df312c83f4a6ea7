"""The cells of a workbook's map compared with their values at export: the changes, as
located data for the variant ``uit-werkboek`` writes, and the errors (a locked cell changed,
a formula overwritten, an emptied input, an ambiguous number)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..fouten import Melding
from ..schema import Scenario
from ..schema.grenzen import ontdaan
from ..uitvoer.excel.bewaking import veldtype
from .celwaarden import Doel, Dubbelzinnig, Stap, uit_tekst
from .plekken import Plek, PLijst, PMap
from .werkboekkaart import Kaart, Kaartcel, Nu, Werkboekcel, celnaam, gelijk, toon

#: The key of the extra kosten typed into the total of a pand that had none.
EXTRA_POST = "overig"


@dataclass(frozen=True)
class Wijziging:
    """One input changed in the workbook: its cell, scenario path, old and new value."""

    cel: str
    pad: str
    was: Any
    wordt: Any


class Lezing:
    """Compares each cell of the map with its value at export and collects the changes
    (as located data for the variant) and the errors."""

    def __init__(self, naam: str, kaart: Kaart, origineel: Scenario, basis: PMap) -> None:
        self.naam, self.kaart, self.sc, self.basis = naam, kaart, origineel, basis
        self.plekbestand = Werkboekcel(naam, kaart.blad)
        self.fouten: list[Melding] = []
        self.wijzigingen: list[Wijziging] = []
        self.notities: dict[tuple[Stap, ...], str] = {}
        #: (path, value, cell, comment) of each change, in the order of the sheet
        self.gezet: list[tuple[tuple[Stap, ...], Any, Plek, str]] = []
        self.ids = {c.stappen[1]: c for c in kaart.cellen if c.pad.endswith("].id")}
        # the spread of the bouwkosten per pand: (j → cell and now), set as one list
        self.verdeling: dict[int, dict[int, tuple[Kaartcel, Nu]]] = {}

    def plek(self, c: Kaartcel) -> Plek:
        return (self.plekbestand, c.rij, c.kolom)

    def fout(self, c: Kaartcel, tekst: str, code: str) -> None:
        self.fouten.append(Melding(*self.plek(c), c.pad, tekst, code))

    def lees(self, cellen: dict[tuple[int, int], Nu]) -> None:
        for c in self.kaart.cellen:
            nu, formule = cellen.get((c.rij, c.kolom), (None, False))
            if c.soort == "afgekapt":
                continue
            if c.stappen[-2:-1] == ("kostenverdeling",) and c.soort != "vast":
                self.verdeling.setdefault(int(c.stappen[1]), {})[int(c.stappen[-1])] = (
                    c,
                    (nu, formule),
                )
                continue
            self.cel(c, nu, formule)
        for i, spread in self.verdeling.items():
            self.spreiding(i, spread)

    def cel(self, c: Kaartcel, nu: Any, formule: bool) -> None:
        if c.soort == "vast":
            if formule or not gelijk(nu, c.waarde):
                reden = c.reden.removeprefix("Vast: ")
                self.fout(
                    c,
                    f"deze cel is vast en is gewijzigd (was {toon(c.waarde)}, nu {toon(nu)}): "
                    f"{reden}",
                    "werkboek.vast",
                )
            return
        if c.soort == "formule":
            if not formule:
                self.fout(
                    c,
                    f"deze cel is een formule, geen invoer, en is overschreven ({c.reden})",
                    "werkboek.formule",
                )
            return
        if c.soort == "afgeleid" and formule:
            return  # the derived default, following its source as in the scenario
        if formule and nu is None:
            self.fout(
                c,
                "de cel bevat een formule zonder berekende waarde; open het werkboek in Excel "
                "of LibreOffice en sla het op, of typ de waarde zelf",
                "werkboek.formule_zonder_waarde",
            )
            return
        if c.soort != "afgeleid" and gelijk(nu, c.waarde):
            return
        if nu is None or (isinstance(nu, str) and not nu.strip()):
            self.fout(
                c,
                "de cel is leeg gemaakt; vul een waarde in (een waarde weglaten kan alleen in "
                "het scenario)",
                "werkboek.leeg",
            )
            return
        waarde = self.omzetten(c, nu)
        if waarde is _FOUT:
            return
        stappen = c.stappen
        if c.pad.endswith("transformatie.extra_kosten") and c.soort == "standaard":
            if gelijk(waarde, 0):
                return
            stappen = (*stappen, EXTRA_POST)
        self.zet(c, stappen, waarde, nu)

    def omzetten(self, c: Kaartcel, nu: Any) -> Any:
        """The cell's value as the YAML would write it, guided by the field's type."""
        totaal = c.pad.endswith("transformatie.extra_kosten")  # the sum of the posts
        soort = "getal" if totaal else _soort(self.sc, c.stappen)
        if isinstance(nu, str):
            try:
                return uit_tekst(nu, soort)
            except Dubbelzinnig as fout:
                self.fout(c, str(fout), f"werkboek.{fout.soort}")
                return _FOUT
        if soort == "janee" and not isinstance(nu, bool) and nu in (0, 1):
            return bool(nu)  # LibreOffice may save WAAR as 1
        if isinstance(nu, float) and nu.is_integer() and abs(nu) < 2**53 and soort == "getal":
            return int(nu)
        return nu

    def zet(self, c: Kaartcel, stappen: tuple[Stap, ...], waarde: Any, nu: Any) -> None:
        naam = celnaam(self.kaart.blad, c.rij, c.kolom)
        self.gezet.append((stappen, waarde, self.plek(c), f"{naam}, was {toon(c.waarde)}"))
        self.wijzigingen.append(Wijziging(naam, c.pad, c.waarde, nu))

    def spreiding(self, i: int, spread: dict[int, tuple[Kaartcel, Nu]]) -> None:
        """The spread of pand i: unchanged, or as one list over the (new) bouwtijd."""
        if not any(_veranderd(c, *nu) for c, nu in spread.values()):
            return
        tr = self.sc.panden[i].transformatie
        bouwtijd = tr.bouwtijd
        for stappen, gezet, _, _ in self.gezet:
            if stappen == ("panden", i, "transformatie", "bouwtijd") and isinstance(gezet, int):
                bouwtijd = gezet
        eerste = spread[min(spread)][0]
        lijst = PLijst(self.plek(eerste))
        for j in range(bouwtijd):
            if j not in spread:
                break
            c, (nu, formule) = spread[j]
            if c.soort == "afgeleid" and formule:
                waarde: Any = 1 / bouwtijd  # the formula: IF(j + 1 <= bouwtijd, 1/bouwtijd, 0)
            elif nu is None or nu == "":
                waarde = 0.0  # an empty cell counts 0 in the workbook's sum
            else:
                waarde = self.omzetten(c, nu)
                if waarde is _FOUT:
                    return
            lijst.voeg_toe(waarde, self.plek(c))
            if _veranderd(c, nu, formule):
                naam = celnaam(self.kaart.blad, c.rij, c.kolom)
                self.wijzigingen.append(Wijziging(naam, c.pad, c.waarde, nu))
        was = ", ".join(toon(x) for x in tr.kostenverdeling or ())
        notitie = f"{celnaam(self.kaart.blad, eerste.rij, eerste.kolom)} e.v., was [{was}]"
        self.gezet.append(
            (("panden", i, "transformatie", "kostenverdeling"), lijst, self.plek(eerste), notitie)
        )

    def variant(self, erft_van: str) -> PMap:
        """The located variant: ``erft_van``, then each change at its path; panden by id,
        a programme (a list without ids) whole, as in the original with its changes."""
        wortel = PMap((self.plekbestand, 1, 1))
        wortel.zet("erft_van", erft_van, wortel.plek, wortel.plek)
        panden: dict[int, PMap] = {}
        programma: dict[int, PLijst] = {}
        for stappen, waarde, plek, notitie in self.gezet:
            hier, weg = wortel, stappen
            uitweg: tuple[Stap, ...] = stappen
            if stappen[0] == "panden":
                i = int(stappen[1])
                if i not in panden:
                    idcel = self.ids.get(i)
                    idplek = self.plek(idcel) if idcel else plek
                    panden[i] = PMap(idplek)
                    panden[i].zet("id", self.sc.panden[i].id, idplek, idplek)
                hier, weg = panden[i], stappen[2:]
                uitweg = ("panden", self.sc.panden[i].id, *weg)
                if weg[:2] == ("transformatie", "programma"):
                    if i not in programma:
                        origineel = self.basis["panden"][i]["transformatie"]["programma"]
                        programma[i] = copy.deepcopy(origineel)
                        _zet(hier, ("transformatie", "programma"), programma[i], plek)
                    regel = programma[i][int(weg[2])]
                    regel.zet(weg[3], waarde, plek, plek)
                    self.notities[uitweg] = notitie
                    continue
            _zet(hier, weg, waarde, plek)
            self.notities[uitweg] = notitie
        if panden:
            lijst = PLijst(wortel.plek)
            for i in sorted(panden):
                lijst.voeg_toe(panden[i], panden[i].plek)
            wortel.zet("panden", lijst, wortel.plek, wortel.plek)
        return wortel


def _veranderd(c: Kaartcel, nu: Any, formule: bool) -> bool:
    """Whether an input or derived cell no longer holds what the export wrote: a derived
    formula overwritten, an input with another value or a formula typed into it."""
    if c.soort == "afgeleid":
        return not formule
    return formule or not gelijk(nu, c.waarde)


_FOUT: Any = object()  # sentinel: the value was refused (the error is recorded)


def _soort(sc: Scenario, weg: tuple[Stap, ...]) -> Doel:
    """What the field at `weg` holds: 'getal', 'janee' or 'tekst'."""
    try:
        tp, _, _ = veldtype(sc, weg)
    except (KeyError, AttributeError, IndexError, TypeError, ValueError):
        return None
    kaal, _ = ontdaan(tp)
    if kaal is bool:
        return "janee"
    return "getal" if kaal in (int, float) else "tekst"


def _zet(wortel: PMap, stappen: tuple[Stap, ...], waarde: Any, plek: Plek) -> None:
    hier = wortel
    for stap in stappen[:-1]:
        if stap not in hier:
            hier.zet(stap, PMap(plek), plek, plek)
        hier = hier[stap]
    hier.zet(stappen[-1], waarde, plek, plek)
