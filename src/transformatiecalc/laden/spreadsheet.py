"""``panden_uit``: a scenario's panden read from a spreadsheet (.xlsx) or CSV file (docs/spreadsheet.md).

At load time (:func:`los_panden_uit_op`, per file, before ``erft_van`` merges) the file
named by ``panden_uit`` is resolved beside the file that names it, checked against the
file-access policy (the same rules as ``erft_van``), size-limited and read without
executing anything: an .xlsx with openpyxl (read-only, formulas as their cached values; a
formula without one is refused), a CSV with the csv module. Its rows become the same
located data a YAML ``panden`` list would be (:class:`.PMap`, :class:`.PLijst`), each value
at a :class:`~..fouten.Celplek` (file, sheet, row, column header), so every rule of the
schema reports a bad cell by file, sheet, row and column.

Layout: a header row, then one row per pand (sheet ``Panden``) and one per programme row
(sheet ``Programma``, column ``pand`` naming the pand's id). A header is the key path below
the pand (``huidig.marktwaarde``, ``transformatie.extra_kosten.asbest``) or below the
programme row (``functie``, ``woningen``); list items take an index
(``transformatie.programma[0].functie``). An empty cell is an absent key.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from ..fouten import Celplek, Melding, ScenarioFout
from ..schema.grenzen import ontdaan
from ..schema.panden import Pand, ProgrammaRegel
from ..schema.regels.hulp import suggestie
from ..toegang import MAX_GROOTTE, Geweigerd, Toegang
from .plekken import Plek, PLijst, PMap

#: Sheet names of an .xlsx (and of the companion CSV, ``<naam>.programma.csv``).
BLAD_PANDEN, BLAD_PROGRAMMA = "Panden", "Programma"
#: The column of a programme row that names its pand.
KOLOM_PAND = "pand"
#: Most data rows per sheet (a real programme has hundreds of panden).
MAX_RIJEN = 20_000
#: Most columns per sheet.
MAX_KOLOMMEN = 200
#: Most bytes an .xlsx may unpack to (a zip bomb is refused before it is read).
MAX_UITGEPAKT = 200 * 1024 * 1024

_SOORTEN = (".xlsx", ".csv")
_STAP = re.compile(r"^([a-z][a-z0-9_]*)(?:\[(\d{1,4})\])?$")
_JA = {"ja", "waar", "true", "j", "1"}
_NEE = {"nee", "onwaar", "false", "n", "0"}

Stap = str | int
#: Makes the located error at ``panden_uit`` from its text and code.
_Fout = Callable[[str, str], ScenarioFout]
Doel = Literal["tekst", "getal", "janee"] | None


def los_panden_uit_op(data: PMap, toegang: Toegang) -> None:
    """Replace ``panden_uit`` of one file's `data` by the ``panden`` it names (in place).

    ``panden_uit`` stays in `data`, as written, to record where the panden came from."""
    naam = data.get("panden_uit")
    if naam is None:
        return
    plek = data.waardeplek["panden_uit"]

    def fout(tekst: str, code: str) -> ScenarioFout:
        return ScenarioFout([Melding(*plek, "panden_uit", tekst, code)])

    if not isinstance(naam, str) or not naam.strip():
        raise fout("panden_uit moet een bestandsnaam zijn", "panden_uit.geen_bestandsnaam")
    soort = Path(naam).suffix.lower()
    if soort not in _SOORTEN:
        raise fout(
            f"panden_uit wijst naar '{naam}'; panden komen uit een .xlsx- of .csv-bestand",
            "panden_uit.soort",
        )
    if "panden" in data:
        raise ScenarioFout(
            [
                Melding(
                    *data.sleutelplek["panden"],
                    "panden",
                    "een bestand geeft panden óf panden_uit, niet allebei; zet de panden in "
                    "het spreadsheet, of wijzig ze per id in een scenario dat erft_van dit "
                    "bestand",
                    "panden_uit.samen_met_panden",
                )
            ]
        )
    kandidaat = Path(plek[0]).parent / naam
    inhoud = _lees(kandidaat, naam, toegang, fout)
    if soort == ".xlsx":
        bladen = _xlsx(inhoud, naam, fout)
    else:
        bladen = {BLAD_PANDEN: _csv(inhoud, naam, fout)}
        programma = kandidaat.with_name(kandidaat.stem + ".programma.csv")
        if os.path.lexists(programma):
            inhoud = _lees(programma, programma.name, toegang, fout)
            bladen[BLAD_PROGRAMMA] = _csv(inhoud, programma.name, fout)
    bestand = str(Path(plek[0]).parent / naam)
    omzetting = _Omzetting(bestand, soort == ".xlsx", plek)
    panden = omzetting.panden(bladen)
    data.zet("panden", panden, data.sleutelplek["panden_uit"], plek)
    data.nafouten.extend(omzetting.fouten)  # with the validation's: every bad row at once


def _lees(kandidaat: Path, naam: str, toegang: Toegang, fout: _Fout) -> bytes:
    """The bytes of `kandidaat` under the file-access policy (located errors at panden_uit)."""
    if not os.path.lexists(kandidaat):
        raise fout(
            f"bestand '{naam}' niet gevonden (gezocht: {os.path.abspath(kandidaat)})",
            "panden_uit.niet_gevonden",
        )
    try:
        echt = toegang.controleer_binnen(kandidaat)
        return toegang.lees(echt, MAX_GROOTTE, keten=False)
    except Geweigerd as reden:
        raise fout(f"bestand '{naam}': {reden}", "panden_uit.geweigerd") from None


Rij = tuple[int, list[Any]]  # (row number, 1-based; the cells)
Blad = tuple[list[Any], list[Rij], set[tuple[int, int]]]  # header, rows, formulas without value


def _onleesbaar(naam: str, fout: _Fout, waarom: str) -> ScenarioFout:
    return fout(f"bestand '{naam}' is niet te lezen: {waarom}", "panden_uit.onleesbaar")


class Onleesbaar(Exception):
    """An .xlsx that cannot be read; the message says why, in Dutch."""


def open_xlsx(inhoud: bytes, maximum: int = MAX_UITGEPAKT) -> tuple[Any, Any]:
    """The workbook in `inhoud` opened twice with openpyxl, read-only and executing nothing:
    with each formula's cached value, and with the formulas. A zip bomb (more than
    `maximum` bytes unpacked) or a damaged file is :class:`Onleesbaar`; close both."""
    import openpyxl

    try:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as zf:
            uitgepakt = sum(i.file_size for i in zf.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise Onleesbaar("het is geen .xlsx-werkboek") from None
    if uitgepakt > maximum:
        raise Onleesbaar(f"uitgepakt meer dan {maximum // 2**20} MB")
    try:
        waarden = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=True)
        formules = openpyxl.load_workbook(io.BytesIO(inhoud), read_only=True, data_only=False)
    except Exception as e:  # openpyxl raises many kinds on a damaged file
        raise Onleesbaar(f"het is geen geldig .xlsx-werkboek ({type(e).__name__})") from None
    return waarden, formules


def _xlsx(inhoud: bytes, naam: str, fout: _Fout) -> dict[str, Blad]:
    """The sheets Panden and Programma of an .xlsx: values (formulas as their cached
    value), and the cells whose formula has none."""
    try:
        waarden, formules = open_xlsx(inhoud)
    except Onleesbaar as waarom:
        raise _onleesbaar(naam, fout, str(waarom)) from None
    try:
        if BLAD_PANDEN not in waarden.sheetnames:
            raise fout(
                f"'{naam}' heeft geen blad '{BLAD_PANDEN}' (wel: {', '.join(waarden.sheetnames)})",
                "panden_uit.blad_ontbreekt",
            )
        uit: dict[str, Blad] = {}
        for blad in (BLAD_PANDEN, BLAD_PROGRAMMA):
            if blad not in waarden.sheetnames:
                continue
            rijen = list(_rijen(waarden[blad].iter_rows(values_only=True), naam, blad, fout))
            leeg: set[tuple[int, int]] = set()
            for r, cellen in enumerate(formules[blad].iter_rows(values_only=True), start=1):
                if r > MAX_RIJEN + 1:
                    break
                for k, w in enumerate(cellen[:MAX_KOLOMMEN], start=1):
                    if isinstance(w, str) and w.startswith("="):
                        leeg.add((r, k))
            kop = rijen[0][1] if rijen else []
            uit[blad] = (kop, rijen[1:], leeg)
        return uit
    finally:
        waarden.close()
        formules.close()


def _rijen(rijen: Iterator[Any], naam: str, blad: str | None, fout: _Fout) -> Iterator[Rij]:
    for r, cellen in enumerate(rijen, start=1):
        if r > MAX_RIJEN + 1:
            waar = f" (blad {blad})" if blad else ""
            raise fout(
                f"'{naam}'{waar} heeft meer dan {MAX_RIJEN} rijen; zoveel panden rekent een "
                "scenario niet",
                "panden_uit.te_groot",
            )
        lijst = list(cellen)
        if len(lijst) > MAX_KOLOMMEN and any(c not in (None, "") for c in lijst[MAX_KOLOMMEN:]):
            raise fout(f"'{naam}' heeft meer dan {MAX_KOLOMMEN} kolommen", "panden_uit.te_groot")
        yield r, lijst[:MAX_KOLOMMEN]


def _csv(inhoud: bytes, naam: str, fout: _Fout) -> Blad:
    """A CSV file (UTF-8, ';' or ',' separated, as Excel saves it) as one sheet."""
    try:
        tekst = inhoud.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _onleesbaar(naam, fout, "het is geen UTF-8; sla het op als CSV UTF-8") from None
    eerste = tekst.split("\n", 1)[0]
    scheiding = ";" if eerste.count(";") > eerste.count(",") else ","
    try:
        rijen = list(_rijen(csv.reader(io.StringIO(tekst), delimiter=scheiding), naam, None, fout))
    except csv.Error as e:
        raise _onleesbaar(naam, fout, str(e)) from None
    kop = rijen[0][1] if rijen else []
    return (kop, rijen[1:], set())


def _stappen(kop: str) -> tuple[Stap, ...] | None:
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


def _doel(model: type[BaseModel], stappen: tuple[Stap, ...]) -> Doel:
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
    if not _GETAL.match(t) or t[-1] in ".,":
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
    """A number like 1.150 typed as text: thousands or decimals? The message is Dutch."""


def uit_tekst(ruw: str, doel: Doel) -> Any:
    """A cell's text as the YAML would have written it for a value of kind `doel`: a number
    written as text (:func:`getal_uit_tekst`), ja/nee from WAAR, nee, TRUE …; else the text."""
    ruw = ruw.strip()
    if doel == "getal":
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


class _Omzetting:
    """Turns the sheets' rows into located panden, collecting every refusal."""

    def __init__(self, bestand: str, xlsx: bool, plek: Plek) -> None:
        self.bestand = bestand
        self.xlsx = xlsx
        self.plek = plek
        self.fouten: list[Melding] = []

    def blad(self, blad: str) -> str | None:
        return blad if self.xlsx else None

    def cel(self, blad: str, kop: str | None, rij: int, kolom: int) -> Plek:
        return (Celplek(self.bestand, self.blad(blad), kop), rij, kolom)

    def fout(self, plek: Plek, pad: str, tekst: str, code: str) -> None:
        self.fouten.append(Melding(*plek, pad, tekst, code))

    def panden(self, bladen: dict[str, Blad]) -> PLijst:
        kop, rijen, leeg = bladen[BLAD_PANDEN]
        lijst = PLijst(self.cel(BLAD_PANDEN, None, 1, 1))
        koppen = self.koppen(BLAD_PANDEN, kop, Pand, set())
        per_id: dict[str, int] = {}
        for rij, cellen in rijen:
            pand = self.rij(BLAD_PANDEN, rij, cellen, koppen, leeg, f"panden[{len(lijst)}]")
            if pand is None:
                continue
            if isinstance(pand.get("id"), str):
                per_id.setdefault(pand["id"], len(lijst))
            lijst.voeg_toe(pand, pand.plek)
        if BLAD_PROGRAMMA in bladen:
            self.programma(bladen[BLAD_PROGRAMMA], lijst, per_id)
        if not lijst:
            blad = f"blad {BLAD_PANDEN} van " if self.xlsx else ""
            tekst = f"{blad}'{Path(self.bestand).name}' heeft geen panden"
            raise ScenarioFout(
                [*self.fouten, Melding(*self.plek, "panden_uit", tekst, "panden_uit.geen_panden")]
            )
        return lijst

    def koppen(
        self, blad: str, kop: list[Any], model: type[BaseModel], eigen: set[str]
    ) -> list[tuple[str, tuple[Stap, ...], Doel] | None]:
        """Per column its header, key path and kind of value (None: an empty column)."""
        uit: list[tuple[str, tuple[Stap, ...], Doel] | None] = []
        gezien: dict[str, int] = {}
        for k, naam in enumerate(kop, start=1):
            tekst = "" if naam is None else str(naam).strip()
            if not tekst:
                uit.append(None)
                continue
            plek = self.cel(blad, tekst, 1, k)
            stappen = _stappen(tekst)
            if tekst in gezien:
                self.fout(
                    plek,
                    "",
                    f"de kolomkop '{tekst}' komt twee keer voor (ook in kolom {gezien[tekst]})",
                    "panden_uit.kop_dubbel",
                )
            elif stappen is None:
                self.fout(
                    plek,
                    "",
                    f"de kolomkop '{tekst}' is geen sleutelpad (zoals "
                    "huidig.marktwaarde of transformatie.programma[0].functie)",
                    "panden_uit.kop_ongeldig",
                )
            gezien.setdefault(tekst, k)
            doel = "tekst" if tekst in eigen else _doel(model, stappen) if stappen else None
            uit.append((tekst, stappen or (), doel))
        return uit

    def rij(
        self,
        blad: str,
        rij: int,
        cellen: list[Any],
        koppen: list[tuple[str, tuple[Stap, ...], Doel] | None],
        leeg: set[tuple[int, int]],
        pad: str,
    ) -> PMap | None:
        """One row as a located mapping (None for an empty row)."""
        uit = PMap(self.cel(blad, None, rij, 1))
        for k, ruw in enumerate(cellen, start=1):
            kop = koppen[k - 1] if k <= len(koppen) else None
            if ruw is None and (rij, k) in leeg:
                self.fout(
                    self.cel(blad, kop[0] if kop else None, rij, k),
                    pad,
                    "de cel bevat een formule zonder berekende waarde; open het bestand in "
                    "Excel of LibreOffice en sla het op, of vul de waarde zelf in",
                    "panden_uit.formule_zonder_waarde",
                )
                continue
            if ruw is None or (isinstance(ruw, str) and not ruw.strip()):
                continue
            if kop is None:
                self.fout(
                    self.cel(blad, None, rij, k),
                    pad,
                    "een waarde in een kolom zonder kop; geef de kolom een kop (een sleutelpad)",
                    "panden_uit.kop_ongeldig",
                )
                continue
            tekst, stappen, doel = kop
            if not stappen:
                continue  # the header's own error is reported once
            plek = self.cel(blad, tekst, rij, k)
            waarde = self.waarde(ruw, doel, plek, f"{pad}.{tekst}")
            self.zet(uit, stappen, waarde, plek, f"{pad}.{tekst}")
        return uit if uit else None

    def waarde(self, ruw: Any, doel: Doel, plek: Plek, pad: str) -> Any:
        """A cell's value as the YAML would have written it, guided by the key's type."""
        if isinstance(ruw, str):
            try:
                return uit_tekst(ruw, doel)
            except Dubbelzinnig as fout:
                self.fout(plek, pad, str(fout), "panden_uit.getal_dubbelzinnig")
                return None
        if isinstance(ruw, bool):
            return ruw
        if isinstance(ruw, int | float) and doel == "tekst":
            return str(int(ruw)) if float(ruw).is_integer() else str(ruw)
        if isinstance(ruw, float) and ruw.is_integer() and abs(ruw) < 2**53:
            return int(ruw)
        return ruw

    def zet(
        self, wortel: PMap, stappen: tuple[Stap, ...], waarde: Any, plek: Plek, pad: str
    ) -> None:
        """Put `waarde` (at `plek`) at `stappen` below the row `wortel`; a mapping or list
        made on the way stands at the row (a missing key in it is the row's problem)."""
        rij = wortel.plek
        hier: Any = wortel
        for i, stap in enumerate(stappen):
            laatste = i == len(stappen) - 1
            volgende = None if laatste else stappen[i + 1]
            if isinstance(stap, int):
                if not isinstance(hier, PLijst):
                    break
                if stap > len(hier):
                    self.fout(
                        plek,
                        pad,
                        f"[{stap}] zonder [{len(hier)}]: vul de lijst vanaf [0] zonder gaten",
                        "panden_uit.kop_ongeldig",
                    )
                    return
                if stap == len(hier):
                    nieuw = (
                        waarde
                        if laatste
                        else PLijst(rij)
                        if isinstance(volgende, int)
                        else PMap(rij)
                    )
                    hier.voeg_toe(nieuw, plek if laatste else rij)
                hier = hier[stap]
                continue
            if not isinstance(hier, PMap):
                break
            if laatste:
                hier.zet(stap, waarde, plek, plek)
                return
            if stap not in hier:
                nieuw = PLijst(rij) if isinstance(volgende, int) else PMap(rij)
                hier.zet(stap, nieuw, plek, rij)
            hier = hier[stap]

    def programma(self, blad: Blad, panden: PLijst, per_id: dict[str, int]) -> None:
        kop, rijen, leeg = blad
        koppen = self.koppen(BLAD_PROGRAMMA, kop, ProgrammaRegel, {KOLOM_PAND})
        if not any(k is not None and k[0] == KOLOM_PAND for k in koppen):
            self.fout(
                self.cel(BLAD_PROGRAMMA, None, 1, 1),
                "",
                f"blad {BLAD_PROGRAMMA} heeft geen kolom '{KOLOM_PAND}' (de id van het pand)",
                "panden_uit.kop_ongeldig",
            )
            return
        for rij, cellen in rijen:
            regel = self.rij(BLAD_PROGRAMMA, rij, cellen, koppen, leeg, "programma")
            if regel is None:
                continue
            pand = regel.pop(KOLOM_PAND, None)
            if pand is None:
                self.fout(
                    regel.plek,
                    "",
                    f"programmaregel zonder pand: vul de kolom '{KOLOM_PAND}' "
                    "met de id van een pand",
                    "panden_uit.pand_onbekend",
                )
                continue
            plek = regel.waardeplek.pop(KOLOM_PAND)
            regel.sleutelplek.pop(KOLOM_PAND)
            if pand not in per_id:
                self.fout(
                    plek,
                    "",
                    f"programmaregel voor pand '{pand}', dat niet op blad "
                    f"{BLAD_PANDEN} staat{suggestie(str(pand), list(per_id))}",
                    "panden_uit.pand_onbekend",
                )
                continue
            ouder = panden[per_id[pand]]
            if "transformatie" not in ouder:
                ouder.zet("transformatie", PMap(ouder.plek), ouder.plek, ouder.plek)
            transformatie = ouder["transformatie"]
            if not isinstance(transformatie, PMap):
                continue
            if "programma" not in transformatie:
                transformatie.zet("programma", PLijst(regel.plek), regel.plek, regel.plek)
            lijst = transformatie["programma"]
            if isinstance(lijst, PLijst):
                lijst.voeg_toe(regel, regel.plek)
