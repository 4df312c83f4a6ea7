"""The writer of the sheet 'Uitgangspunten': sections, parameter rows and table rows of
scenario values, each cell guarded (bewaking.py) and recorded for reading the workbook back
(:class:`Kaartregel`); why a value is locked; and how a table column finds its value in the
scenario (a sub-path per object).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ....schema import Scenario
from ..afdruk import PRINTSCHAAL_BREED, paginahoogte
from ..bewaking import Bewaking, Regel, regel_voor, stappen, vastregel
from ..blad import MAX_TEKST, Blad, Namen, cel

BLAD = "Uitgangspunten"
MAX_BOUWJAREN = 10


#: Why a value is locked (the note on the cell, and the herkomst of a parameter row).
STRUCTUUR = (
    "Vast: bepaalt de opbouw van het werkboek (welke formules, regels of kolommen er "
    "staan). Wijzig dit in het scenario en exporteer opnieuw."
)
PORTEFEUILLE = (
    "Vast: geldt alleen voor verevening en fondsen, die als waarden in het werkboek "
    "staan (algoritmen, geen formules). Wijzig dit in het scenario en exporteer opnieuw."
)
INFORMATIE = "Vast: ter informatie; de berekening gebruikt deze waarde niet."
HUURRECHT = (
    "Vast: de rekenkern leidt hieruit de WWS-punten, de maximale huur en de huurindexatie per "
    "programmaregel af (METHODE §2a); die staan als waarden op Functies. Wijzig dit in het "
    "scenario en exporteer opnieuw."
)
PRIJSPEIL_HUURRECHT = (
    "Vast: het prijspeil kiest de huurprijstabel waaruit de rekenkern de maximale huren "
    "haalt (METHODE §2a); die staan als waarden op Functies. Wijzig dit in het scenario en "
    "exporteer opnieuw."
)
ANALYSE = (
    "Vast: geldt voor vergelijk, gevoelig en onzeker, die een eigen werkboek schrijven. "
    "Wijzig dit in het scenario."
)
#: The columns of a list of parameters (one per row).
LIJST = ["omschrijving", "waarde", "eenheid", "sleutel", "herkomst"]
#: The widest the first columns get (characters; a longer text is wrapped in its cell):
#: omschrijving, waarde, eenheid, sleutel, herkomst and the sixth column (the ingreep of
#: the programme), together one printed page wide at 70 %, so that the lists print on one
#: page across and only the wide tables (functies, panden) run over more pages.
BREEDTES = {0: 34.0, 1: 30.0, 2: 24.0, 3: 48.0, 4: 34.0, 5: 22.0}
#: The herkomst of a locked parameter whose reason is that of the row above.
ZOALS_HIERBOVEN = "vast, zoals hierboven"
#: A long section is cut into printed pages of its own, each with the section's title
#: ('… (vervolg)') and header again: once the rows since the last title fill a page at the
#: sheet's print scale but for room for one more row (as high as the highest of the
#: section so far, at least VRIJ points).
PAGINA = paginahoogte(PRINTSCHAAL_BREED / 100)
VRIJ = 45.0
VERVOLG = " (vervolg)"


@dataclass(frozen=True)
class Kaartregel:
    """One cell of this sheet as the workbook wrote it, for reading it back
    (:mod:`.invoerkaart`, ``uit-werkboek``): its place (0-based), the scenario path it
    shows (`weg`: the path as steps when a key may hold a dot), what kind of cell it is
    (``invoer``, ``standaard``, ``afgeleid``: a formula one may overwrite, ``vast`` with
    its `reden`, ``formule``: locked) and the value written in it."""

    rij: int
    kolom: int
    pad: str
    soort: str
    waarde: Any
    weg: tuple[str | int, ...] | None = None
    reden: str | None = None


@dataclass
class Invoercellen:
    """Where each input stands (absolute addresses on this sheet) and which paths are shown;
    `kaart`: every value cell with its path and original value (see :class:`Kaartregel`)."""

    partij: dict[tuple[str, str], str] = field(default_factory=dict)
    functie: dict[tuple[str, str], str] = field(default_factory=dict)
    pand: dict[tuple[int, str], str] = field(default_factory=dict)
    verdeling: dict[int, str] = field(default_factory=dict)
    programma: dict[tuple[int, int, str], str] = field(default_factory=dict)
    ingreep: dict[str, str] = field(default_factory=dict)
    paden: set[str] = field(default_factory=set)
    kaart: list[Kaartregel] = field(default_factory=list)


@dataclass(frozen=True)
class Kolom:
    """A table column: header, the sub-path of the scenario field per object (None: not
    applicable to this object), its number format, the formula of a derived default, and
    why it is locked (None: an input; `vast_als`: why it is locked for this object, for a
    column locked only for some objects)."""

    kop: str
    pad: Callable[[Any], str | None]
    notatie: str = ""
    formule: Callable[[Any, int], str | None] = lambda _obj, _rij: None
    vast: str | None = None
    regel: Regel | None = None  # a stricter rule than the schema's bounds of the field
    vast_als: Callable[[Any], str | None] = lambda _obj: None


_LEES: Any = object()  # sentinel: read the value from the scenario


class Schrijver:
    def __init__(self, blad: Blad, namen: Namen, scenario: Scenario) -> None:
        self.blad, self.namen, self.sc = blad, namen, scenario
        self.rij = 4
        self.uit = Invoercellen()
        self.bewaking = Bewaking()
        self.blad.maxbreedte.update(BREEDTES)
        self.blad.schaal_vast = PRINTSCHAAL_BREED  # the page VRIJ and PAGINA are sized for
        # the row of the last locked parameter and why it is locked
        self.vorige_reden: tuple[int, str] | None = None
        # the current section's title and header; the points of its rows written since its
        # (continued) title, counted up to row `geteld`
        self.kop: tuple[str, list[str]] = ("", [])
        self.gevuld, self.geteld, self.hoogste = 0.0, 0, VRIJ

    def sectie(self, titel: str, koppen: list[str]) -> None:
        self.rij += 1
        self.kop = (titel, koppen)
        self.hoogste = VRIJ
        self._koppen(titel)

    def _koppen(self, titel: str) -> None:
        """The section's title and header row from self.rij, a block of its own: printed, a
        section (or a page of a long one) starts a new page when it does not fit."""
        self.blad.blok(self.rij)
        self.blad.sectietitel(self.rij, titel)
        self.blad.kopregel(self.rij + 1, self.kop[1])
        self.gevuld, self.geteld = 0.0, self.rij
        self.rij += 2

    def rijstart(self) -> None:
        """Before a row of a list or table that may run long: when the rows since the
        section's title fill a printed page but for room for one more row, the title '…
        (vervolg)' and the header again, so every printed page of a long section starts with
        its header. No row of this sheet is computed ahead: a formula refers to cells already
        written (or, on the calculation sheets, to the addresses recorded here), so a header
        put in between moves nothing it reads."""
        for r in range(self.geteld, self.rij):
            hoogte = self.blad.hoogte(r)
            self.gevuld += hoogte
            self.hoogste = max(self.hoogste, hoogte)
        self.geteld = self.rij
        if self.gevuld + self.hoogste > PAGINA:
            self._koppen(self.kop[0].removesuffix(VERVOLG) + VERVOLG)

    def bewaak(self, rij: int, kolom: int, regel: Regel | None) -> None:
        if regel is not None:
            self.bewaking.voeg_toe(regel, rij, kolom)

    def waarde(
        self,
        rij: int,
        kolom: int,
        pad: str,
        notatie: str = "",
        formule: str | None = None,
        waarde: Any = _LEES,
        vast: str | None = None,
        weg: tuple[str | int, ...] | None = None,
        regel: Regel | None = None,
    ) -> str:
        """Write the effective value at scenario `pad`: a derived default as its formula, else
        the value (yellow when given, grey italics when a default; locked in grey with a note
        when `vast` says why). Returns the address.

        `waarde` is read from the scenario unless given (for paths that contain paths),
        `weg` is the path as steps when its keys may hold a dot (extra kosten), and `regel`
        replaces the rule the schema gives the field.
        """
        if waarde is _LEES:
            waarde = lees(self.sc, pad)
        self.uit.paden.add(pad)
        opgegeven = self.sc.is_opgegeven(pad)
        if vast is not None:
            stijl = "vast"
            self.bewaak(rij, kolom, vastregel(vast))
        else:
            stijl = "invoer" if opgegeven else "standaard"
            self.bewaak(rij, kolom, regel or self.regel(pad, weg))
        if formule is not None and not opgegeven:
            self.blad.formule(rij, kolom, formule, waarde, notatie, "afgeleid")
            stijl = "afgeleid"
        else:
            _schrijf_waarde(self.blad, rij, kolom, waarde, stijl, notatie)
        self.kaart(rij, kolom, pad, stijl, waarde, weg, vast)
        return cel(rij, kolom, BLAD)

    def kaart(
        self,
        rij: int,
        kolom: int,
        pad: str,
        soort: str,
        waarde: Any,
        weg: tuple[str | int, ...] | None = None,
        reden: str | None = None,
    ) -> None:
        """Record the cell for reading the workbook back (:class:`Kaartregel`)."""
        if isinstance(waarde, list):  # as the cell shows it (_schrijf_waarde)
            waarde = ", ".join(str(x) for x in waarde)
        if isinstance(waarde, str) and len(waarde) > MAX_TEKST:
            soort, waarde = "afgekapt", None  # the cell holds it cut (Blad.tekst): not compared
        self.uit.kaart.append(Kaartregel(rij, kolom, pad, soort, waarde, weg, reden))

    def regel(self, pad: str, weg: tuple[str | int, ...] | None = None) -> Regel | None:
        """The data-validation rule of the scenario field at `pad` (None: text, or a path
        through user keys that the schema does not describe)."""
        try:
            return regel_voor(self.sc, stappen(pad) if weg is None else weg)
        except (KeyError, AttributeError, IndexError, TypeError, ValueError):
            return None  # a path through user keys (varianten, extra kosten): unguarded

    def parameter(
        self,
        label: str,
        pad: str,
        notatie: str = "",
        eenheid: str = "",
        naam: str | None = None,
        formule: str | None = None,
        waarde: Any = _LEES,
        vast: str | None = None,
    ) -> str:
        """A row: omschrijving | waarde | eenheid | sleutel | herkomst. Returns the address
        of the value."""
        self.rijstart()
        r, b = self.rij, self.blad
        b.tekst(r, 0, label)
        adres = self.waarde(r, 1, pad, notatie, formule, waarde, vast)
        b.tekst(r, 2, eenheid)
        b.tekst(r, 3, pad)
        if self.sc.is_opgegeven(pad):
            herkomst = "opgegeven"
        else:
            herkomst = "afgeleid (formule)" if formule is not None else "standaard"
        if vast is not None:
            # the reason once, wrapped; the rows right below with the same reason refer to it
            reden = vast[:1].lower() + vast[1:].rstrip(".")
            herkomst += "; " + (ZOALS_HIERBOVEN if self.vorige_reden == (r - 1, reden) else reden)
            self.vorige_reden = (r, reden)
        b.tekst(r, 4, herkomst, "notitie")
        if naam is not None:
            self.namen.definieer(naam, adres)
        self.rij += 1
        return adres

    def tabelrij(self, prefix: str, kolommen: list[Kolom], kolom0: int = 1) -> dict[str, str]:
        """The columns of one table row for the object at `prefix`: header → address."""
        obj = lees(self.sc, prefix)
        adressen: dict[str, str] = {}
        for c, kolom in enumerate(kolommen, start=kolom0):
            sub = kolom.pad(obj)
            if sub is None:
                self.blad.tekst(self.rij, c, "")
                continue
            adressen[kolom.kop] = self.waarde(
                self.rij,
                c,
                f"{prefix}.{sub}",
                kolom.notatie,
                kolom.formule(obj, self.rij),
                vast=kolom.vast or kolom.vast_als(obj),
                regel=kolom.regel,
            )
        return adressen

    def tabel(
        self, titel: str, sleutelkop: str, kolommen: list[Kolom], rijen: list[tuple[str, str]]
    ) -> dict[tuple[str, str], str]:
        """One row per (label, scenario prefix); returns (label, column header) → address."""
        self.sectie(titel, [sleutelkop, *[k.kop for k in kolommen]])
        adressen: dict[tuple[str, str], str] = {}
        for label, prefix in rijen:
            self.rijstart()
            self.blad.tekst(self.rij, 0, label)
            for kop, adres in self.tabelrij(prefix, kolommen).items():
                adressen[(label, kop)] = adres
            self.rij += 1
        return adressen


def _schrijf_waarde(
    blad: Blad, rij: int, kolom: int, waarde: Any, stijl: str, notatie: str
) -> None:
    """A scenario value in its cell: text, ja/nee, a list as text, or a number."""
    if waarde is None:
        blad.tekst(rij, kolom, "", stijl)
    elif isinstance(waarde, bool):
        blad.janee(rij, kolom, waarde, stijl)
    elif isinstance(waarde, str):  # a long one (a beschrijving) wrapped in its cell
        blad.tekst(rij, kolom, waarde, stijl)
    elif isinstance(waarde, list):
        blad.tekst(rij, kolom, ", ".join(str(x) for x in waarde), stijl)
    else:
        blad.getal(rij, kolom, float(waarde), stijl, notatie)


def lees(obj: Any, pad: str) -> Any:
    """The value at a scenario path such as 'panden[2].transformatie.kostenverdeling[0]'."""
    for deel in pad.replace("]", "").split("."):
        naam, _, index = deel.partition("[")
        obj = obj[naam] if isinstance(obj, dict) else getattr(obj, naam)
        if index:
            obj = obj[int(index)]
    return obj


def altijd(pad: str) -> Callable[[Any], str]:
    return lambda _obj: pad


def als(soorten: tuple[type, ...], pad: str) -> Callable[[Any], str | None]:
    return lambda obj: pad if isinstance(obj, soorten) else None


def waarderingspad(veld: str, *methoden: str) -> Callable[[Any], str | None]:
    def pad(functie: Any) -> str | None:
        w = getattr(functie, "waardering", None)
        return f"waardering.{veld}" if w is not None and w.methode in methoden else None

    return pad


def per_soort(**paden: type) -> Callable[[Any], str | None]:
    """The sub-path named by the keyword whose functie class the object is (else None)."""

    def pad(functie: Any) -> str | None:
        return next((p for p, soort in paden.items() if isinstance(functie, soort)), None)

    return pad


def bladeren(waarde: Any, pad: str) -> Iterator[tuple[str, Any]]:
    """(path, value) of each leaf under `pad` of a dumped section (a list of scalars is one
    leaf). Keys may themselves be paths (varianten, onzekerheid): the value is carried along."""
    if isinstance(waarde, dict):
        for k, v in waarde.items():
            yield from bladeren(v, f"{pad}.{k}")
    elif isinstance(waarde, list) and waarde and isinstance(waarde[0], dict):
        for i, v in enumerate(waarde):
            yield from bladeren(v, f"{pad}[{i}]")
    else:
        yield pad, waarde
