"""``uit-werkboek``: the inputs a recipient changed on a workbook's Uitgangspunten, back
into a scenario — a variant that ``erft_van`` the original and lists only what changed.

The workbook says itself which cell holds which scenario path and what it held at export
(the hidden sheet Invoerkaart, :mod:`..uitvoer.excel.invoerkaart`), so nothing here
depends on where a cell stands. Per cell of that map:

- an input (``invoer``, ``standaard``) whose value differs from the one at export is a
  change; a formula typed into it counts with its cached value;
- a derived default (``afgeleid``) that still holds a formula follows its source, as the
  default does in the scenario; a value typed over it is a change;
- a locked value (``vast``) or locked formula (``formule``) that differs is an error, with
  the reason the workbook gives for locking it.

Values are read as the YAML would have written them (text '0,055' is 0.055 as in
``panden_uit``), placed at their cell (``werkboek.xlsx, Uitgangspunten!B18``) and merged onto
the original scenario, which is found from the path on the map (relative to the working
directory or beside the workbook, or given) and must still be the scenario the workbook was
made from (its sha256). The merged scenario is validated like any scenario, so every error
names the cell. The workbook is read under the file-access rules (:mod:`..toegang`), with
openpyxl read-only, executing nothing.
"""

from __future__ import annotations

import copy
import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fouten import Celplek, Melding, ScenarioFout, kolomletter
from ..resultaat import scenario_sha256
from ..schema import Scenario
from ..schema.grenzen import getal_tekst, ontdaan
from ..toegang import Geweigerd, Toegang
from ..uitvoer.excel.bewaking import stappen as pad_stappen
from ..uitvoer.excel.bewaking import veldtype
from . import als_gewone_data, valideer
from .erfenis import lees_met_erfenis, voeg_samen
from .plekken import Plek, PLijst, PMap
from .spreadsheet import Doel, Dubbelzinnig, Onleesbaar, open_xlsx, uit_tekst

#: Largest workbook read (bytes); a workbook of 1 000 panden is some 20 MB.
MAX_WERKBOEK = 200 * 1024 * 1024
#: Most bytes the workbook may unpack to (a zip bomb is refused before it is read).
MAX_UITGEPAKT = 2 * 1024**3
KAART, FORMAAT = "Invoerkaart", 1
#: The key of the extra kosten typed into the total of a pand that had none.
EXTRA_POST = "overig"

Stap = str | int


class Werkboekcel(Celplek):
    """A cell of a workbook as Excel names it: 'werkboek.xlsx, Uitgangspunten!B18'."""

    def tekst(self, rij: int, kolom: int) -> str:
        return f"{self.bestand}, {celnaam(self.blad or '', rij, kolom)}"


def celnaam(blad: str, rij: int, kolom: int) -> str:
    """'Uitgangspunten!B18', 'Residuele waarde' quoted as Excel does."""
    naam = blad if blad.replace("_", "").isalnum() else "'" + blad.replace("'", "''") + "'"
    return f"{naam}!{kolomletter(kolom)}{rij}"


@dataclass(frozen=True)
class Wijziging:
    """One input changed in the workbook: its cell, scenario path, old and new value."""

    cel: str
    pad: str
    was: Any
    wordt: Any


@dataclass
class Terugweg:
    """What ``uit-werkboek`` found: the variant (plain data, ``erft_van`` first), its
    changes, the original scenario's file, the files read and the variant's comments
    (per key path of the variant, the cell and old value)."""

    variant: dict[str, Any]
    wijzigingen: list[Wijziging]
    basis: Path
    scenario: Scenario
    gelezen: list[Path] = field(default_factory=list)
    notities: dict[tuple[Stap, ...], str] = field(default_factory=dict)
    waarschuwingen: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Kaartcel:
    rij: int  # 1-based, as Excel shows it
    kolom: int
    pad: str
    stappen: tuple[Stap, ...]
    soort: str
    waarde: Any
    reden: str


@dataclass
class _Kaart:
    blad: str
    scenario: str
    sha256: str
    cellen: list[_Kaartcel]


def lees_werkboek(
    werkboek: Path,
    doel: Path,
    basis: Path | None = None,
    mappen: Sequence[Path] = (),
) -> Terugweg:
    """Read the changed inputs of `werkboek` into a variant to be written at `doel`.

    `basis`: the original scenario, if not found from the workbook's map; `mappen`: the
    folders ``--toegang`` allows besides the workbook's and the working directory.
    Raises :class:`ScenarioFout` with located messages."""
    naam = str(werkboek)
    toegang = Toegang.voor(werkboek, mappen)
    try:
        inhoud = toegang.lees(werkboek, MAX_WERKBOEK, keten=False)
    except Geweigerd as reden:
        raise _bovenaan(naam, str(reden), "bestand.geweigerd") from None
    try:
        waarden, formules = open_xlsx(inhoud, MAX_UITGEPAKT)
    except Onleesbaar as waarom:
        tekst = f"het werkboek is niet te lezen: {waarom}"
        raise _bovenaan(naam, tekst, "werkboek.onleesbaar") from None
    try:
        kaart = _lees_kaart(waarden, naam)
        cellen = _lees_cellen(waarden, formules, kaart, naam)
    finally:
        waarden.close()
        formules.close()
    basispad, basisdata, origineel, gelezen = _zoek_basis(werkboek, kaart, basis, mappen)
    lezing = _Lezing(naam, kaart, origineel, basisdata)
    lezing.lees(cellen)
    erft_van = _erft_van(basispad, doel)
    variant = lezing.variant(erft_van)
    try:  # the cells read, validated as a scenario: every error at once
        scenario = valideer(voeg_samen(basisdata, variant), naam)
    except ScenarioFout as fout:
        raise ScenarioFout(lezing.fouten + fout.meldingen) from None
    if lezing.fouten:
        raise ScenarioFout(lezing.fouten)
    uit = Terugweg(
        als_gewone_data(variant),
        lezing.wijzigingen,
        basispad,
        scenario,
        [toegang.gelezen[0], *gelezen] if toegang.gelezen else gelezen,
        lezing.notities,
    )
    echt = basispad.resolve()
    if not Toegang.voor(doel, mappen).binnen(echt):
        uit.waarschuwingen.append(
            f"het oorspronkelijke scenario ligt buiten de map van de variant en de werkmap; "
            f"reken de variant door met --toegang {echt.parent}"
        )
    return uit


def _bovenaan(bestand: str, tekst: str, code: str) -> ScenarioFout:
    return ScenarioFout([Melding(bestand, 1, 1, "", tekst, code)])


def _lees_kaart(wb: Any, naam: str) -> _Kaart:
    """The map of the workbook (sheet Invoerkaart): the cells and where they came from."""
    if KAART not in wb.sheetnames:
        raise _bovenaan(
            naam,
            f"het werkboek heeft geen blad {KAART}: het is niet gemaakt met "
            "'transformatiecalc run -o', of met een versie van vóór uit-werkboek; exporteer het "
            "scenario opnieuw en breng de wijzigingen daarin over",
            "werkboek.geen_kaart",
        )
    kop: dict[str, Any] = {}
    delen: list[str] = []
    for rij in wb[KAART].iter_rows(max_col=2, values_only=True):
        sleutel, waarde = (*rij, None, None)[:2]
        if delen or sleutel == "kaart":
            delen.append(sleutel if isinstance(sleutel, str) else "")
        elif isinstance(sleutel, str):
            kop[sleutel] = waarde
    try:
        document = json.loads("".join(delen[1:]))
        redenen = [str(r) for r in document["redenen"]]
        cellen = []
        for adres, pad, soort, waarde, reden, weg in document["cellen"]:
            r, k = _adres(adres)
            stappen = tuple(weg) if weg is not None else pad_stappen(pad)
            tekst = "" if reden is None else redenen[reden]
            cellen.append(_Kaartcel(r, k, pad, stappen, str(soort), waarde, tekst))
    except (ValueError, KeyError, TypeError, IndexError):
        cellen = []
    if kop.get("formaat") != FORMAAT or not cellen:
        raise _bovenaan(
            naam,
            f"het blad {KAART} van dit werkboek is onvolledig of van een andere versie van "
            "transformatiecalc; exporteer het scenario opnieuw",
            "werkboek.geen_kaart",
        )
    return _Kaart(
        str(kop.get("blad") or "Uitgangspunten"),
        str(kop.get("scenario") or ""),
        str(kop.get("sha256") or ""),
        cellen,
    )


def _adres(tekst: str) -> tuple[int, int]:
    """'B18' → (18, 2)."""
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    letters, rij = coordinate_from_string(tekst)
    return rij, column_index_from_string(letters)


#: A cell now: its value (a formula's cached value), and whether it holds a formula.
Nu = tuple[Any, bool]


def _lees_cellen(
    waarden: Any, formules: Any, kaart: _Kaart, naam: str
) -> dict[tuple[int, int], Nu]:
    """The cells of the map on its sheet, as they are now."""
    if kaart.blad not in formules.sheetnames:
        raise _bovenaan(naam, f"het werkboek heeft geen blad {kaart.blad}", "werkboek.geen_kaart")
    nodig = {(c.rij, c.kolom) for c in kaart.cellen}
    #: inputs: a formula typed into one counts with its cached value (a derived or locked
    #: formula does not need it)
    invoer = {(c.rij, c.kolom) for c in kaart.cellen if c.soort in ("invoer", "standaard")}
    laatste = max((r for r, _ in nodig), default=0)
    uit: dict[tuple[int, int], Nu] = {}
    formulecellen: set[tuple[int, int]] = set()
    for rij in formules[kaart.blad].iter_rows(max_row=laatste):
        for c in rij:
            plek = (getattr(c, "row", None), getattr(c, "column", None))
            if plek in nodig:
                formule = c.data_type == "f"
                waarheid = _WAARHEID.get(str(c.value).upper()) if formule else None
                if waarheid is not None:  # LibreOffice saves WAAR as the formula =TRUE()
                    uit[plek] = (waarheid, False)
                    continue
                uit[plek] = (c.value, formule)
                if formule and plek in invoer:
                    formulecellen.add(plek)
    if formulecellen:  # a formula typed into an input counts with its cached value
        for rij in waarden[kaart.blad].iter_rows(max_row=laatste):
            for c in rij:
                plek = (getattr(c, "row", None), getattr(c, "column", None))
                if plek in formulecellen:
                    uit[plek] = (c.value, True)
    return uit


_WAARHEID = {"=TRUE()": True, "=FALSE()": False, "=TRUE": True, "=FALSE": False}


def _gelijk(nu: Any, was: Any) -> bool:
    """Whether a cell still holds the value written at export."""
    if nu in (None, "") or was in (None, ""):
        return nu in (None, "") and was in (None, "")
    if isinstance(nu, bool) or isinstance(was, bool):  # LibreOffice may save WAAR as 1
        return isinstance(nu, int | float) and isinstance(was, int | float) and nu == was
    if isinstance(nu, int | float) and isinstance(was, int | float):
        return math.isclose(float(nu), float(was), rel_tol=1e-12, abs_tol=1e-300)
    if isinstance(nu, str) and isinstance(was, str):
        return " ".join(nu.split()) == " ".join(was.split())
    return False


def _zoek_basis(
    werkboek: Path, kaart: _Kaart, basis: Path | None, mappen: Sequence[Path]
) -> tuple[Path, PMap, Scenario, list[Path]]:
    """The original scenario: `basis` if given, else the path on the map, relative to the
    working directory or beside the workbook; it must still be the scenario the workbook
    was made from (sha256)."""
    naam = str(werkboek)
    if basis is not None:
        kandidaten = [basis]
    elif kaart.scenario:
        bron = Path(kaart.scenario)
        kandidaten = [bron, werkboek.parent / bron, werkboek.parent / bron.name]
    else:
        raise _bovenaan(
            naam,
            "het werkboek noemt geen scenariobestand (het is niet met 'transformatiecalc run' "
            "gemaakt); geef het oorspronkelijke scenario met --basis PAD",
            "werkboek.basis_niet_gevonden",
        )
    gezien: list[Path] = []
    for kandidaat in kandidaten:
        if any(os.path.abspath(kandidaat) == os.path.abspath(g) for g in gezien):
            continue
        gezien.append(kandidaat)
        if basis is None and not kandidaat.is_file():
            continue
        toegang = Toegang.voor(kandidaat, mappen)
        try:
            data = lees_met_erfenis(kandidaat, toegang=toegang)
        except ScenarioFout as fout:
            if basis is None and fout.meldingen[0].code == "bestand.geweigerd":
                continue
            raise
        scenario = valideer(data, str(kandidaat))
        if kaart.sha256 and scenario_sha256(scenario) != kaart.sha256:
            raise _bovenaan(
                naam,
                f"het scenario '{kandidaat}' is niet meer het scenario waarvan het werkboek is "
                f"gemaakt (sha256 {scenario_sha256(scenario)[:12]}…, het werkboek noemt "
                f"{kaart.sha256[:12]}…): het scenario of een bestand waarvan het erft is "
                "sindsdien gewijzigd. Zet het oorspronkelijke scenario terug, of exporteer het "
                "werkboek opnieuw en breng de wijzigingen daarin over",
                "werkboek.basis_gewijzigd",
            )
        return kandidaat, data, scenario, list(toegang.gelezen)
    gezocht = ", ".join(os.path.abspath(g) for g in gezien)
    raise _bovenaan(
        naam,
        f"het oorspronkelijke scenario '{kaart.scenario}' (volgens het werkboek) is niet "
        f"gevonden (gezocht: {gezocht}); geef het pad met --basis PAD",
        "werkboek.basis_niet_gevonden",
    )


def _erft_van(basis: Path, doel: Path) -> str:
    """The path of `basis` relative to the folder of the variant at `doel`."""
    if basis.suffix.lower() not in (".yaml", ".yml"):
        raise _bovenaan(
            str(basis),
            "het oorspronkelijke scenario is geen .yaml-bestand; erft_van kan er niet naar wijzen",
            "werkboek.basis_niet_gevonden",
        )
    try:
        rel = os.path.relpath(os.path.abspath(basis), os.path.dirname(os.path.abspath(doel)))
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(basis)
    return Path(rel).as_posix()


class _Lezing:
    """Compares each cell of the map with its value at export and collects the changes
    (as located data for the variant) and the errors."""

    def __init__(self, naam: str, kaart: _Kaart, origineel: Scenario, basis: PMap) -> None:
        self.naam, self.kaart, self.sc, self.basis = naam, kaart, origineel, basis
        self.plekbestand = Werkboekcel(naam, kaart.blad)
        self.fouten: list[Melding] = []
        self.wijzigingen: list[Wijziging] = []
        self.notities: dict[tuple[Stap, ...], str] = {}
        #: (path, value, cell, comment) of each change, in the order of the sheet
        self.gezet: list[tuple[tuple[Stap, ...], Any, Plek, str]] = []
        self.ids = {c.stappen[1]: c for c in kaart.cellen if c.pad.endswith("].id")}
        # the spread of the bouwkosten per pand: (j → cell and now), set as one list
        self.verdeling: dict[int, dict[int, tuple[_Kaartcel, Nu]]] = {}

    def plek(self, c: _Kaartcel) -> Plek:
        return (self.plekbestand, c.rij, c.kolom)

    def fout(self, c: _Kaartcel, tekst: str, code: str) -> None:
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

    def cel(self, c: _Kaartcel, nu: Any, formule: bool) -> None:
        if c.soort == "vast":
            if formule or not _gelijk(nu, c.waarde):
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
        if c.soort != "afgeleid" and _gelijk(nu, c.waarde):
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
            if _gelijk(waarde, 0):
                return
            stappen = (*stappen, EXTRA_POST)
        self.zet(c, stappen, waarde, nu)

    def omzetten(self, c: _Kaartcel, nu: Any) -> Any:
        """The cell's value as the YAML would write it, guided by the field's type."""
        totaal = c.pad.endswith("transformatie.extra_kosten")  # the sum of the posts
        soort = "getal" if totaal else _soort(self.sc, c.stappen)
        if isinstance(nu, str):
            try:
                return uit_tekst(nu, soort)
            except Dubbelzinnig as fout:
                self.fout(c, str(fout), "werkboek.getal_dubbelzinnig")
                return _FOUT
        if soort == "janee" and not isinstance(nu, bool) and nu in (0, 1):
            return bool(nu)  # LibreOffice may save WAAR as 1
        if isinstance(nu, float) and nu.is_integer() and abs(nu) < 2**53 and soort == "getal":
            return int(nu)
        return nu

    def zet(self, c: _Kaartcel, stappen: tuple[Stap, ...], waarde: Any, nu: Any) -> None:
        naam = celnaam(self.kaart.blad, c.rij, c.kolom)
        self.gezet.append((stappen, waarde, self.plek(c), f"{naam}, was {toon(c.waarde)}"))
        self.wijzigingen.append(Wijziging(naam, c.pad, c.waarde, nu))

    def spreiding(self, i: int, spread: dict[int, tuple[_Kaartcel, Nu]]) -> None:
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


def _veranderd(c: _Kaartcel, nu: Any, formule: bool) -> bool:
    """Whether an input or derived cell no longer holds what the export wrote: a derived
    formula overwritten, an input with another value or a formula typed into it."""
    if c.soort == "afgeleid":
        return not formule
    return formule or not _gelijk(nu, c.waarde)


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


def toon(x: Any) -> str:
    """A cell value as a message shows it: 0,055, WAAR, 'tekst', leeg."""
    if x is None or x == "":
        return "leeg"
    if isinstance(x, bool):
        return "WAAR" if x else "ONWAAR"
    if isinstance(x, int | float):
        return getal_tekst(x).replace(".", ",")
    return f"'{x}'"


def als_yaml(terugweg: Terugweg, werkboek: str) -> str:
    """The variant as YAML: a header saying where it came from, and after each changed
    value the cell it was read from."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def bouw(x: Any, weg: tuple[Stap, ...]) -> Any:
        if isinstance(x, dict):
            uit = CommentedMap()
            for k, v in x.items():
                stap: Stap = k
                uit[k] = bouw(v, (*weg, stap))
                if (*weg, stap) in terugweg.notities and not isinstance(v, dict):
                    uit.yaml_add_eol_comment(terugweg.notities[(*weg, stap)], k)
            return uit
        if isinstance(x, list):
            seq = CommentedSeq()
            for j, v in enumerate(x):
                plek: Stap = v["id"] if weg == ("panden",) and isinstance(v, dict) else j
                seq.append(bouw(v, (*weg, plek)))
            return seq
        return x

    n = len(terugweg.wijzigingen)
    kop = (
        f"Variant uit het werkboek {Path(werkboek).name} (transformatiecalc uit-werkboek): "
        f"{n} {'wijziging' if n == 1 else 'wijzigingen'} op het blad Uitgangspunten ten "
        f"opzichte van {terugweg.variant['erft_van']}. Achter elke waarde staat de cel waar "
        "ze vandaan komt."
    )
    yaml = YAML()
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    for regel in _afbreken(kop, 98):
        buffer.write(f"# {regel}\n")
    yaml.dump(bouw(terugweg.variant, ()), buffer)
    return buffer.getvalue()


def _afbreken(tekst: str, breedte: int) -> list[str]:
    import textwrap

    return textwrap.wrap(tekst, breedte)
