"""The trail: every document and every METHODE paragraph that code, tests and docs cite exists.

Scans src/, tests/, benchmarks/, examples/, README.md and docs/ for

- cited files: ``docs/….md``, a bare ``….md`` (at the root, in docs/ or beside the citing
  file), with a ``#anker`` checked against the headings of that file;
- cited paragraphs: ``§n``, ``§n–m`` and ``§n–§m``, with or without ``METHODE`` or
  ``methode`` in front: each must be a ``## §n`` heading of docs/methode.md (the only
  document with numbered paragraphs);
- cited Python files in docs/ and the README (``engine/blokken.py``);
- the names in "In de code" (a paragraph in §1–8 of docs/methode.md and a column of its
  Begrippen): each is defined in the package source, so the mapping cannot go stale.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
METHODE = ROOT / "docs" / "methode.md"
MAPPEN = ("src", "tests", "benchmarks", "examples", "docs")
BESTANDEN = ("README.md",)
SOORTEN = {".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".cfg"}

#: A file name ending in .md, optionally with folders before it and an anchor after it; not
#: part of a URL or of a longer name.
BESTAND = re.compile(r"(?<![\w/.:-])((?:[\w.-]+/)*[\w.-]+\.md)(?:#([\w-]+))?(?![\w/])")
#: §n, §n–m, §n-§m (the dash is an en dash or a hyphen).
PARAGRAAF = re.compile(r"§\s?(\d+)(?:\s?[–-]\s?§?\s?(\d+))?")
KOP = re.compile(r"^## §(\d+) ", re.MULTILINE)


def _bestanden() -> list[Path]:
    gevonden = [ROOT / naam for naam in BESTANDEN]
    for map_ in MAPPEN:
        for pad in sorted((ROOT / map_).rglob("*")):
            delen = set(pad.relative_to(ROOT).parts)
            if (
                pad.is_file()
                and pad.suffix in SOORTEN
                and "__pycache__" not in delen
                and not any(d.endswith(".egg-info") for d in delen)
            ):
                gevonden.append(pad)
    return gevonden


def _regels(pad: Path) -> list[tuple[int, str]]:
    tekst = pad.read_text(encoding="utf-8", errors="replace")
    return list(enumerate(tekst.splitlines(), start=1))


def _anker(kop: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    kop = re.sub(r"[^\w\- ]", "", kop.strip().lower())
    return kop.replace(" ", "-")


def _ankers(pad: Path) -> set[str]:
    koppen = re.findall(r"^#+ (.+)$", pad.read_text(encoding="utf-8"), re.MULTILINE)
    return {_anker(k) for k in koppen}


def _doel(naam: str, van: Path) -> Path | None:
    """Where a cited .md file is: as written from the root, beside the citing file, or in
    docs/ (a bare name). Case-sensitive, as on the machines that build the docs."""
    kandidaten = [ROOT / naam, van.parent / naam]
    if "/" not in naam:
        kandidaten.append(ROOT / "docs" / naam)
    for pad in kandidaten:
        if pad.is_file() and pad.name in {p.name for p in pad.parent.iterdir()}:
            return pad
    return None


def test_methode_heeft_genummerde_paragrafen() -> None:
    nummers = [int(n) for n in KOP.findall(METHODE.read_text(encoding="utf-8"))]
    assert nummers == list(range(1, len(nummers) + 1))
    assert len(nummers) >= 9


def test_elk_genoemd_document_bestaat() -> None:
    fout: list[str] = []
    for pad in _bestanden():
        if pad == Path(__file__).resolve():
            continue
        for nr, regel in _regels(pad):
            for naam, anker in BESTAND.findall(regel):
                waar = f"{pad.relative_to(ROOT)}:{nr}"
                doel = _doel(naam, pad)
                if doel is None:
                    fout.append(f"{waar}: {naam} bestaat niet")
                elif anker and anker not in _ankers(doel):
                    fout.append(f"{waar}: {naam}#{anker}: geen kop met dat anker")
    assert fout == []


def test_elke_genoemde_paragraaf_bestaat_in_de_methode() -> None:
    koppen = {int(n) for n in KOP.findall(METHODE.read_text(encoding="utf-8"))}
    fout: list[str] = []
    aantal = 0
    for pad in _bestanden():
        if pad == Path(__file__).resolve():
            continue
        for nr, regel in _regels(pad):
            for van, tot in PARAGRAAF.findall(regel):
                aantal += 1
                nummers = range(int(van), int(tot or van) + 1)
                ontbreekt = [n for n in nummers if n not in koppen]
                if ontbreekt or not nummers:
                    fout.append(f"{pad.relative_to(ROOT)}:{nr}: §{van}{'–' + tot if tot else ''}")
    assert aantal > 50  # the scan is not vacuous: code and docs cite paragraphs throughout
    assert fout == []


@pytest.mark.parametrize(
    ("tekst", "verwacht"),
    [
        ("zie performance.md §3", ["performance.md"]),
        ("(docs/scenario.md#onzekerheid)", ["docs/scenario.md"]),
        ("[`scenario.md`](scenario.md)", ["scenario.md", "scenario.md"]),
        ("https://example.org/x.md", []),
    ],
)
def test_het_patroon_vindt_bestanden(tekst: str, verwacht: list[str]) -> None:
    assert [n for n, _ in BESTAND.findall(tekst)] == verwacht


def test_het_patroon_vindt_paragrafen() -> None:
    gevonden = PARAGRAAF.findall("METHODE §1–5, §6–§7, methode §9 en §4")
    assert gevonden == [("1", "5"), ("6", "7"), ("9", ""), ("4", "")]


#: A Python file named in backticks: `engine/blokken.py`, `tests/test_x.py`, `tijd.py`.
PYTHONBESTAND = re.compile(r"`((?:[\w.-]+/)*[\w-]+\.py)`")
PAKKET = ROOT / "src" / "transformatiecalc"


def _py_bestaat(naam: str) -> bool:
    """A cited .py file exists: from the root, from the package, or (a bare name or a
    path tail) somewhere in the package."""
    if (ROOT / naam).is_file() or (PAKKET / naam).is_file():
        return True
    return any(p.as_posix().endswith("/" + naam) for p in PAKKET.rglob("*.py"))


def test_elk_genoemd_pythonbestand_in_de_documentatie_bestaat() -> None:
    """docs/ and the README name modules (docs/ontwerp.md maps them all); a module that is
    moved or renamed must not leave its old name there (docs/prestaties.md cited
    engine/draden.py after it became engine/blokken.py)."""
    fout: list[str] = []
    aantal = 0
    for pad in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for nr, regel in _regels(pad):
            for naam in PYTHONBESTAND.findall(regel):
                aantal += 1
                if not _py_bestaat(naam):
                    fout.append(f"{pad.relative_to(ROOT)}:{nr}: {naam}")
    assert aantal > 30  # docs/ontwerp.md alone names more
    assert fout == []


def test_het_patroon_vindt_pythonbestanden() -> None:
    assert _py_bestaat("engine/blokken.py") and _py_bestaat("tijd.py")
    assert not _py_bestaat("engine/draden.py")
    gevonden = PYTHONBESTAND.findall("(`engine/blokken.py`, `tijd.py`; numpy) en `x.pyc`")
    assert gevonden == ["engine/blokken.py", "tijd.py"]


# ---------------------------------------------------------------- "In de code"
#: A name in code as the docs write it: a dotted identifier, a part optionally followed by
#: ``[]`` (a JSON list): `tijdlijn`, `Resultaat.keten`, `panden[].kosten.inbreng`.
NAAM = re.compile(r"[A-Za-z_]\w*(?:\[\])?(?:\.[A-Za-z_]\w*(?:\[\])?)*")
#: A file name (checked elsewhere or not code): `engine/tijd.py`, `tekort_gedekt.png`.
BESTANDSNAAM = re.compile(r"\.(?:py|png|md|ya?ml|csv|json|xlsx)$")
CODE = re.compile(r"`([^`\n]+)`")
IN_DE_CODE = "**In de code:**"


def _in_de_code(tekst: str) -> list[tuple[int, str]]:
    """(line, backticked text) of every "**In de code:**" paragraph (to the next blank line,
    heading or table) and of every cell of a table column headed "In de code"."""
    gevonden: list[tuple[int, str]] = []
    alinea = False
    kolom: int | None = None
    for nr, regel in enumerate(tekst.splitlines(), start=1):
        kaal = regel.strip()
        if kaal.startswith(IN_DE_CODE):
            alinea = True
        elif not kaal or kaal.startswith(("#", "|")):
            alinea = False
        if alinea:
            gevonden += [(nr, x) for x in CODE.findall(regel)]
        if not kaal.startswith("|"):
            kolom = None
            continue
        cellen = [c.strip() for c in kaal.strip("|").split("|")]
        if kolom is None:
            kolom = cellen.index("In de code") if "In de code" in cellen else None
        elif kolom < len(cellen) and not set(cellen[kolom]) <= set("-: "):
            gevonden += [(nr, x) for x in CODE.findall(cellen[kolom])]
    return gevonden


#: How a name is defined in the source: ``def naam``, ``class naam``, a field, keyword or
#: annotation ``naam:``, an assignment ``naam =`` (also ``self.naam =``), and a key ``"naam"``.
DEFINITIE = re.compile(r"\b(?:def|class)\s+(\w+)|(?<!\w)([A-Za-z_]\w*)\s*(?::|=(?!=))")
SLEUTEL = re.compile(r"[\"']([A-Za-z_]\w*)[\"']")


@dataclass(frozen=True)
class Bron:
    """The names the package defines: all of them (keys included), and per class the names
    defined in the files that define it (no keys)."""

    namen: frozenset[str]
    per_klasse: dict[str, frozenset[str]]


def _definities(tekst: str) -> set[str]:
    return {a or b for a, b in DEFINITIE.findall(tekst)}


def _broncode() -> Bron:
    namen: set[str] = set()
    per_klasse: dict[str, set[str]] = {}
    for pad in sorted(PAKKET.rglob("*.py")):
        tekst = pad.read_text(encoding="utf-8")
        hier = _definities(tekst)
        namen |= hier | set(SLEUTEL.findall(tekst))
        for klasse in re.findall(r"^class (\w+)", tekst, re.MULTILINE):
            per_klasse.setdefault(klasse, set()).update(hier)
    return Bron(frozenset(namen), {k: frozenset(v) for k, v in per_klasse.items()})


def _onbekend(tekst: str, bron: Bron) -> list[str]:
    """The names in the "In de code" parts of `tekst` that the package does not define. In
    ``Klasse.naam`` the name must be defined in the file of that class (not only as a key)."""
    fout: list[str] = []
    for _, code in _in_de_code(tekst):
        if BESTANDSNAAM.search(code) or not NAAM.fullmatch(code):
            continue
        delen = code.replace("[]", "").split(".")
        goed = all(d in bron.namen for d in delen)
        if goed and len(delen) > 1 and delen[0] in bron.per_klasse:
            goed = delen[1] in bron.per_klasse[delen[0]]
        if not goed:
            fout.append(code)
    return fout


@pytest.fixture(scope="module")
def bron() -> Bron:
    return _broncode()


def test_elke_paragraaf_zegt_waar_ze_in_de_code_staat() -> None:
    """§1–8 and §2a each have an "In de code" paragraph; the glossary has an "In de code"
    column."""
    tekst = METHODE.read_text(encoding="utf-8")
    delen = re.split(r"^## ", tekst, flags=re.MULTILINE)
    paragrafen = {d.split()[0][1:]: d for d in delen if d.startswith("§")}
    zonder = [n for n in [*map(str, range(1, 9)), "2a"] if IN_DE_CODE not in paragrafen[n]]
    assert zonder == []
    begrippen = next(d for d in delen if d.startswith("Begrippen"))
    assert len(_in_de_code(begrippen)) > 30


def test_elke_naam_in_de_code_bestaat(bron: Bron) -> None:
    """Every identifier in an "In de code" paragraph or column of docs/ is defined in the
    package (as a function, class, field, assignment or key), so the names cannot go stale."""
    fout: list[str] = []
    aantal = 0
    for pad in sorted((ROOT / "docs").glob("*.md")):
        tekst = pad.read_text(encoding="utf-8")
        aantal += len(_in_de_code(tekst))
        fout += [f"{pad.relative_to(ROOT)}: {naam}" for naam in _onbekend(tekst, bron)]
    assert aantal > 300  # the scan is not vacuous: methode.md alone names more
    assert fout == []


def test_een_verzonnen_naam_valt_op(bron: Bron) -> None:
    alinea = (
        "**In de code:** `engine/tijd.py` (`tijdlijn`, `verzonnen_functie`); `Invoer.start`,\n"
        "`Invoer.ncw` (bestaat, maar niet op Invoer), `panden[].kosten.inbreng`, "
        "`panden[].verzonnen_veld`, `tekort_gedekt.png`, `=CF0 + NPV(r)`.\n"
        "\n"
        "`niet_in_een_alinea`\n"
    )
    assert _onbekend(alinea, bron) == ["verzonnen_functie", "Invoer.ncw", "panden[].verzonnen_veld"]
    tabel = "| begrip | In de code |\n|---|---|\n| ORT | `onrendabele_top`, `onrendabele_tip` |\n"
    assert _onbekend(tabel, bron) == ["onrendabele_tip"]
    assert _in_de_code("| a | b |\n|---|---|\n| x | `geen_kolom` |\n") == []
