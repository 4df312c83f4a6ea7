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

The map is read in :mod:`.werkboekkaart`, the cells compared with it in :mod:`.werkboeklezing`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..fouten import ScenarioFout
from ..resultaat import scenario_sha256
from ..schema import Scenario
from ..toegang import Geweigerd, Toegang
from . import als_gewone_data, valideer
from .celwaarden import Stap
from .erfenis import lees_met_erfenis, voeg_samen
from .plekken import PMap
from .spreadsheet import Onleesbaar, beschadigd, open_xlsx
from .werkboekkaart import KAART, Kaart, Nu, bovenaan, lees_cellen, lees_kaart
from .werkboekkaart import toon as toon
from .werkboeklezing import Lezing, Wijziging

#: Largest workbook read (bytes); a workbook of 1 000 panden is some 20 MB.
MAX_WERKBOEK = 200 * 1024 * 1024
#: Most bytes the workbook may unpack to (a zip bomb is refused before it is read).
MAX_UITGEPAKT = 2 * 1024**3
#: Most shared strings (different texts) in the workbook: far more than a workbook of
#: 1 000 panden saved by Excel holds, few enough for openpyxl (a million: some 7 s).
MAX_TEKSTEN = 1_000_000


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
    kaart, cellen = _open(naam, werkboek, toegang)
    basispad, basisdata, origineel, gelezen = _zoek_basis(werkboek, kaart, basis, mappen)
    lezing = Lezing(naam, kaart, origineel, basisdata)
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


def _open(naam: str, werkboek: Path, toegang: Toegang) -> tuple[Kaart, dict[tuple[int, int], Nu]]:
    """The workbook's map and its cells, read under the file-access rules; a workbook that
    cannot be read is a located error, never a traceback."""
    try:
        inhoud = toegang.lees(werkboek, MAX_WERKBOEK, keten=False)
    except Geweigerd as reden:
        raise bovenaan(naam, str(reden), "bestand.geweigerd") from None
    try:
        waarden, formules = open_xlsx(inhoud, MAX_UITGEPAKT, MAX_TEKSTEN)
    except Onleesbaar as waarom:
        tekst = f"het werkboek is niet te lezen: {waarom}"
        raise bovenaan(naam, tekst, "werkboek.onleesbaar") from None
    blad = KAART
    try:
        kaart = lees_kaart(waarden, naam)
        blad = kaart.blad
        return kaart, lees_cellen(waarden, formules, kaart, naam)
    except ScenarioFout:
        raise
    except Exception as e:  # damaged XML, a number cell openpyxl cannot convert …
        tekst = f"het werkboek is niet te lezen: {beschadigd(blad, e)}"
        raise bovenaan(naam, tekst, "werkboek.onleesbaar") from None
    finally:
        waarden.close()
        formules.close()


def _zoek_basis(
    werkboek: Path, kaart: Kaart, basis: Path | None, mappen: Sequence[Path]
) -> tuple[Path, PMap, Scenario, list[Path]]:
    """The original scenario: `basis` if given, else the path on the map, relative to the
    working directory or beside the workbook; it must still be the scenario the workbook
    was made from (sha256). A path from the map is the workbook's word: it is read only
    inside the allowed folders (the workbook's, the working directory's, --toegang);
    --basis is the user's own."""
    naam = str(werkboek)
    toegestaan = Toegang.voor(werkboek, mappen)
    gezien: list[Path] = []
    buiten = False
    for kandidaat in _kandidaten(naam, werkboek, kaart, basis):
        if any(os.path.abspath(kandidaat) == os.path.abspath(g) for g in gezien):
            continue
        gezien.append(kandidaat)
        if basis is None:
            try:
                echt = Path(os.path.abspath(kandidaat)).resolve()
            except (OSError, RuntimeError, ValueError):
                continue
            if not toegestaan.binnen(echt):
                buiten = True
                continue
            if not kandidaat.is_file():
                continue
        gevonden = _lees_basis(naam, kandidaat, kaart, mappen, gegeven=basis is not None)
        if gevonden is not None:
            return gevonden
    if buiten:
        mappen_ = ", ".join(str(w) for w in toegestaan.wortels)
        raise bovenaan(
            naam,
            f"het oorspronkelijke scenario '{kaart.scenario}' (volgens het werkboek) ligt "
            f"buiten de toegestane mappen ({mappen_}); geef het pad met --basis PAD, of de map "
            "met --toegang MAP",
            "werkboek.basis_niet_gevonden",
        )
    gezocht = ", ".join(os.path.abspath(g) for g in gezien)
    raise bovenaan(
        naam,
        f"het oorspronkelijke scenario '{kaart.scenario}' (volgens het werkboek) is niet "
        f"gevonden (gezocht: {gezocht}); geef het pad met --basis PAD",
        "werkboek.basis_niet_gevonden",
    )


def _kandidaten(naam: str, werkboek: Path, kaart: Kaart, basis: Path | None) -> list[Path]:
    """Where the original may be: `basis`, else the map's path as written, beside the
    workbook, and its file name beside the workbook."""
    if basis is not None:
        return [basis]
    if not kaart.scenario:
        raise bovenaan(
            naam,
            "het werkboek noemt geen scenariobestand (het is niet met 'transformatiecalc run' "
            "gemaakt); geef het oorspronkelijke scenario met --basis PAD",
            "werkboek.basis_niet_gevonden",
        )
    bron = Path(kaart.scenario)
    return [bron, werkboek.parent / bron, werkboek.parent / bron.name]


def _lees_basis(
    naam: str, kandidaat: Path, kaart: Kaart, mappen: Sequence[Path], gegeven: bool
) -> tuple[Path, PMap, Scenario, list[Path]] | None:
    """`kandidaat` read and validated as the original (None: a refused file of the map's,
    try the next); a scenario changed since the export is an error."""
    toegang = Toegang.voor(kandidaat, mappen)
    try:
        data = lees_met_erfenis(kandidaat, toegang=toegang)
    except ScenarioFout as fout:
        if not gegeven and fout.meldingen[0].code == "bestand.geweigerd":
            return None
        raise
    scenario = valideer(data, str(kandidaat), toegang)
    if kaart.sha256 and scenario_sha256(scenario) != kaart.sha256:
        raise bovenaan(
            naam,
            f"het scenario '{kandidaat}' is niet meer het scenario waarvan het werkboek is "
            f"gemaakt (sha256 {scenario_sha256(scenario)[:12]}…, het werkboek noemt "
            f"{kaart.sha256[:12]}…): het scenario of een bestand waarvan het erft is "
            "sindsdien gewijzigd. Zet het oorspronkelijke scenario terug, of exporteer het "
            "werkboek opnieuw en breng de wijzigingen daarin over",
            "werkboek.basis_gewijzigd",
        )
    return kandidaat, data, scenario, list(toegang.gelezen)


def _erft_van(basis: Path, doel: Path) -> str:
    """The path of `basis` relative to the folder of the variant at `doel`."""
    if basis.suffix.lower() not in (".yaml", ".yml"):
        raise bovenaan(
            str(basis),
            "het oorspronkelijke scenario is geen .yaml-bestand; erft_van kan er niet naar wijzen",
            "werkboek.basis_niet_gevonden",
        )
    try:
        rel = os.path.relpath(os.path.abspath(basis), os.path.dirname(os.path.abspath(doel)))
    except ValueError:  # another drive (Windows)
        rel = os.path.abspath(basis)
    return Path(rel).as_posix()


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
