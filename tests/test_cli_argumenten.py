"""A careless command line: the same path for two outputs (also a chart folder on a file of
the run), an empty path, an option given twice, '-' where no terminal output exists, and
init's arguments. Each is refused with a Dutch message naming the option, before anything
is computed or written: no file and no folder is created, no input changed."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from transformatiecalc.cli import main

KLEIN = Path(__file__).parent / "data" / "geldig" / "klein.yaml"
START = Path(__file__).resolve().parents[1] / "src" / "transformatiecalc" / "data" / "start.yaml"

#: klein.yaml with a section onzekerheid, so that onzeker runs on it too.
ONZEKER = """
onzekerheid:
  trekkingen: 20
  parameters:
    functies.middenhuur.huur_per_maand: {verdeling: uniform, min: 1000, max: 1200}
"""


@pytest.fixture
def werkmap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding only s.yaml (klein.yaml with onzekerheid)."""
    (tmp_path / "s.yaml").write_text(KLEIN.read_text("utf-8") + ONZEKER, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "300")  # one message, one line
    return tmp_path


@pytest.fixture(autouse=True)
def geen_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """A refusal that does not happen must not start a web server that never returns."""

    def start(*args: object) -> None:
        raise AssertionError("de app is gestart")

    with contextlib.suppress(ImportError):  # without the extra the command stops before
        monkeypatch.setattr("transformatiecalc.app.start", start)


def _id(x: object) -> str:
    return " ".join(x) if isinstance(x, list) else str(x)


def _inhoud(map_: Path) -> dict[str, bytes | None]:
    """Every file and folder under `map_`, with the bytes of each file."""
    return {
        str(p.relative_to(map_)): None if p.is_dir() else p.read_bytes()
        for p in sorted(map_.rglob("*"))
    }


def _geweigerd(
    werkmap: Path, capsys: pytest.CaptureFixture[str], args: list[str], code: int = 2
) -> str:
    """Run `args`; assert exit `code`, nothing on stdout and the folder unchanged; the
    message on stderr."""
    voor = _inhoud(werkmap)
    assert main(args) == code
    uit = capsys.readouterr()
    assert uit.out == "", uit.out
    assert "Traceback" not in uit.err
    assert _inhoud(werkmap) == voor
    return uit.err


ANALYSES = [
    ["run", "s.yaml"],
    ["vergelijk", "s.yaml"],
    ["gevoelig", "s.yaml", "-p", "functies.middenhuur.huur_per_maand=±10%"],
    ["onzeker", "s.yaml"],
]


# ------------------------------------------------ one path, two outputs (a chart folder too)
@pytest.mark.parametrize("opdracht", ANALYSES, ids=lambda a: a[0])
@pytest.mark.parametrize(
    ("opties", "tekst"),
    [
        (
            ["-o", "a.xlsx", "--grafieken", "a.xlsx"],
            "--grafieken a.xlsx: -o schrijft al een bestand op dat pad",
        ),
        (
            ["-o", "x/a.xlsx", "--grafieken", "x/a.xlsx"],
            "--grafieken x/a.xlsx: -o schrijft al een bestand op dat pad",
        ),
        (
            ["--json", "a.json", "--grafieken", "./a.json"],
            "--grafieken a.json: --json schrijft al een bestand op dat pad",
        ),
        (
            ["-o", "x.xlsx", "--grafieken", "x.xlsx/g"],
            "--grafieken x.xlsx/g: ligt in x.xlsx, waar -o een bestand schrijft",
        ),
        (["--grafieken", "s.yaml"], "--grafieken s.yaml: dat is een invoerbestand van deze run"),
        (["--grafieken", "s.yaml/g"], "--grafieken s.yaml/g: ligt in "),
    ],
)
def test_grafiekenmap_op_een_bestand_van_de_run_wordt_geweigerd(
    werkmap: Path,
    capsys: pytest.CaptureFixture[str],
    opdracht: list[str],
    opties: list[str],
    tekst: str,
) -> None:
    """`-o a.xlsx --grafieken a.xlsx` said 'a.xlsx: dit is een map' after computing, and
    with x/a.xlsx it left the folder x behind."""
    fout = _geweigerd(werkmap, capsys, [*opdracht, *opties, "-q"])
    assert "gebruiksfout" in fout and tekst in fout, fout
    assert "dit is een map" not in fout


def test_grafieken_naast_de_json_in_dezelfde_map_mag(
    werkmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "s.yaml", "--json", "g/a.json", "--grafieken", "g", "-q"]) == 0
    assert (werkmap / "g" / "a.json").exists() and (werkmap / "g" / "ort_per_pand.png").exists()


def test_een_grafiek_is_enkelvoud(werkmap: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["gevoelig", "s.yaml", "-p", "kosten.bijkomend=±10%", "--grafieken", "g/", "-q"]
    assert main(args) == 0
    assert "geschreven — 1 grafiek: g\n" in capsys.readouterr().out  # was '1 grafieken'


def test_een_mislukte_uitvoer_laat_geen_nieuwe_mappen_achter(
    werkmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON cannot be written (its folder is missing), so the chart folder n1/n2/g is
    not made, nor n1 and n1/n2 (only g was removed again)."""
    fout = _geweigerd(
        werkmap, capsys, ["run", "s.yaml", "--json", "weg/a.json", "--grafieken", "n1/n2/g"], 1
    )
    assert "weg/a.json: de map 'weg' bestaat niet" in fout


def test_nieuwe_map_wordt_opgeruimd_als_het_schrijven_mislukt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """in_nieuwe_map removes the folders it made (not one that was there); the library's
    schrijf_grafieken uses it too."""
    from transformatiecalc.uitvoer import grafieken
    from transformatiecalc.uitvoer.bestanden import UitvoerFout, in_nieuwe_map

    (tmp_path / "er").mkdir()
    with pytest.raises(RuntimeError), in_nieuwe_map(tmp_path / "er" / "n1" / "n2") as map_:
        assert map_.is_dir()
        raise RuntimeError
    with in_nieuwe_map(tmp_path / "er"):  # it was there: it stays, also on success
        pass

    def weigert(*args: object) -> None:
        raise UitvoerFout("x: kan niet schrijven (de schijf is vol)")

    monkeypatch.setattr(grafieken, "schrijf_samen", weigert)
    with pytest.raises(UitvoerFout, match="de schijf is vol"):
        grafieken.schrijf_grafieken({"a.png": b"a"}, tmp_path / "nieuw" / "diep")
    assert [p.name for p in tmp_path.rglob("*")] == ["er"]


# ------------------------------------------------ an empty path, for every path of every command
LEEG = [
    (["run", ""], "'scenario'"),
    (["run", "s.yaml", "--json", ""], "'--json'"),
    (["run", "s.yaml", "-o", ""], "'--uitvoer' / '-o'"),
    (["run", "s.yaml", "--uitvoer="], "'--uitvoer' / '-o'"),
    (["run", "s.yaml", "--grafieken", ""], "'--grafieken'"),
    (["run", "s.yaml", "--template", ""], "'--template'"),
    (["run", "s.yaml", "--toegang", ".", "--toegang", ""], "'--toegang'"),
    (["vergelijk", "s.yaml", ""], "'scenarios'"),
    (["vergelijk", "s.yaml", "--grafieken", ""], "'--grafieken'"),
    (["gevoelig", "s.yaml", "-p", "horizon=±1", "--json", ""], "'--json'"),
    (["onzeker", "s.yaml", "--trekkingen-naar", ""], "'--trekkingen-naar'"),
    (["onzeker", "", "--json", "-"], "'scenario'"),
    (["validate", ""], "'scenario'"),
    (["validate", "s.yaml", "--toegang", ""], "'--toegang'"),
    (["schema", "-o", ""], "'--uitvoer' / '-o'"),
    (["init", ""], "'pad'"),
    (["init", "--panden-sjabloon", ""], "'--panden-sjabloon'"),
    (["uit-werkboek", "", "-o", "v.yaml"], "'werkboek'"),
    (["uit-werkboek", "w.xlsx", "-o", ""], "'--uitvoer' / '-o'"),
    (["uit-werkboek", "w.xlsx", "-o", "v.yaml", "--basis", ""], "'--basis'"),
    (["app", "", "--geen-browser"], "'MAP'"),  # '' was the working folder: the app started
]


@pytest.mark.parametrize(("args", "optie"), LEEG, ids=_id)
def test_lege_bestandsnaam_wordt_geweigerd(
    werkmap: Path, capsys: pytest.CaptureFixture[str], args: list[str], optie: str
) -> None:
    """'' is Path('.'): `--json ""` said '.: dit is een map', `--grafieken ""` wrote the
    charts into the working folder, `init ""` said '. bestaat al'."""
    fout = _geweigerd(werkmap, capsys, args)
    assert f"ongeldige waarde voor {optie}: lege bestandsnaam ('')" in fout, fout


@pytest.mark.parametrize(
    ("args", "tekst"),
    [
        (["run", "s.yaml", "--json", " "], "'--json': een bestandsnaam van alleen spaties"),
        (["run", "s.yaml", "--json", "uit/"], "'--json': uit/ eindigt op '/' en noemt dus een map"),
        (["run", "s.yaml/"], "'scenario': s.yaml/ eindigt op '/'"),
        (["schema", "-o", "uit/"], "'--uitvoer' / '-o': uit/ eindigt op '/'"),
        (["init", "nieuw/"], "'pad': nieuw/ eindigt op '/'"),
    ],
    ids=_id,
)
def test_bestandsnaam_van_spaties_of_met_slash_wordt_geweigerd(
    werkmap: Path, capsys: pytest.CaptureFixture[str], args: list[str], tekst: str
) -> None:
    """Path('uit/') is Path('uit'): `--json uit/` wrote a file named 'uit'."""
    assert tekst in _geweigerd(werkmap, capsys, args)


def test_map_mag_op_een_slash_eindigen(werkmap: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["run", "s.yaml", "--grafieken", "g/", "--toegang", "./", "-q"]
    assert main(args) == 0
    assert (werkmap / "g" / "ort_per_pand.png").exists()


# ------------------------------------------------ an option given twice
HERHAALD = [
    (["run", "s.yaml", "--json", "a.json", "--json", "b.json"], "'--json' is 2 keer"),
    (["run", "s.yaml", "--json=a.json", "--json=b.json"], "'--json' is 2 keer"),
    (["run", "s.yaml", "-o", "a.xlsx", "--uitvoer", "b.xlsx"], "'--uitvoer' / '-o' is 2 keer"),
    (
        ["run", "s.yaml", "--grafieken", "g", "--grafieken", "h", "--grafieken", "i"],
        "'--grafieken' is 3 keer",
    ),
    (["onzeker", "s.yaml", "-n", "10", "-n", "20", "--json", "-"], "'--trekkingen' / '-n' is 2"),
    (
        ["gevoelig", "s.yaml", "-p", "horizon=±1", "--uitkomst", "tekort", "--uitkomst", "x"],
        "'--uitkomst' is 2 keer",
    ),
    (["schema", "-o", "a.json", "-o", "b.json"], "'--uitvoer' / '-o' is 2 keer"),
    (["init", "--panden-sjabloon", "a.xlsx", "--panden-sjabloon", "b.xlsx"], "is 2 keer"),
    (["uit-werkboek", "w.xlsx", "-o", "a.yaml", "-o", "b.yaml"], "'--uitvoer' / '-o' is 2"),
    (["app", ".", "--poort", "8000", "--poort", "8001", "--geen-browser"], "'--poort' is 2"),
]


@pytest.mark.parametrize(("args", "tekst"), HERHAALD, ids=_id)
def test_enkelvoudige_optie_twee_keer_wordt_geweigerd(
    werkmap: Path, capsys: pytest.CaptureFixture[str], args: list[str], tekst: str
) -> None:
    """click keeps the last value: `--json a.json --json b.json` wrote only b.json."""
    fout = _geweigerd(werkmap, capsys, args)
    assert "gebruiksfout" in fout and tekst in fout and "geef deze optie één keer" in fout


def test_herhaalbare_opties_en_vlaggen_mogen_vaker(
    werkmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (werkmap / "m").mkdir()
    args = ["run", "s.yaml", "--toegang", ".", "--toegang", "m", "-q", "--stil"]
    assert main([*args, "--json", "-"]) == 0
    assert (
        main(["gevoelig", "s.yaml", "-p", "horizon=±1", "-p", "kosten.bijkomend=±10%", "-q"]) == 0
    )


# ------------------------------------------------ '-' where there is no terminal output
@pytest.mark.parametrize(
    ("args", "tekst"),
    [
        (["run", "s.yaml", "-o", "-", "--json", "-"], "een werkboek kan niet naar de terminal"),
        (["run", "s.yaml", "--grafieken", "-"], "de grafieken gaan naar een map, niet naar de"),
    ],
)
def test_streepje_waar_geen_terminal_kan(
    werkmap: Path, capsys: pytest.CaptureFixture[str], args: list[str], tekst: str
) -> None:
    """`--grafieken -` made a folder named '-'."""
    assert tekst in _geweigerd(werkmap, capsys, args)


# ------------------------------------------------ init checks every argument first
def test_init_controleert_alles_voor_het_schrijven(
    werkmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init - --panden-sjabloon -` printed the scenario and only then refused the sjabloon;
    the same with a sjabloon that exists; `init a.xlsx --panden-sjabloon a.xlsx` wrote the
    scenario and then the sjabloon over it."""
    fout = _geweigerd(werkmap, capsys, ["init", "-", "--panden-sjabloon", "-"], 1)
    assert "--panden-sjabloon -: een panden-sjabloon is een .xlsx-bestand" in fout
    (werkmap / "p.xlsx").write_bytes(b"van de gebruiker")
    fout = _geweigerd(werkmap, capsys, ["init", "-", "--panden-sjabloon", "p.xlsx"], 1)
    assert "p.xlsx bestaat al" in fout
    fout = _geweigerd(werkmap, capsys, ["init", "a.xlsx", "--panden-sjabloon", "./a.xlsx"])
    assert "--panden-sjabloon a.xlsx: het startscenario schrijft al naar dat pad" in fout


def test_init_met_een_verkeerde_extensie_of_een_te_lange_naam(
    werkmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`init panden.xlsx` (the sjabloon was meant) wrote a YAML scenario named .xlsx; a
    300-character name ended in a traceback (OSError from Path.exists)."""
    fout = _geweigerd(werkmap, capsys, ["init", "panden.xlsx"])
    assert (
        "gebruiksfout ongeldige waarde: het startscenario panden.xlsx: een scenario is "
        "een .yaml-bestand; een leeg panden-spreadsheet schrijf je met --panden-sjabloon "
        "panden.xlsx"
    ) in " ".join(fout.split())
    for args in (["init", "a" * 300 + ".yaml"], ["init", "--panden-sjabloon", "a" * 300 + ".xlsx"]):
        fout = _geweigerd(werkmap, capsys, args, 1)
        assert "de bestandsnaam is te lang" in fout


def test_init_naar_de_terminal_met_sjabloon_houdt_stdout_zuiver(
    werkmap: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With the scenario on stdout, the 'geschreven' line of the sjabloon goes to stderr
    (it ended up in `init - --panden-sjabloon p.xlsx > s.yaml`)."""
    assert main(["init", "-", "--panden-sjabloon", "q.xlsx"]) == 0
    uit = capsys.readouterr()
    assert uit.out == START.read_text("utf-8")
    assert "panden-sjabloon geschreven naar q.xlsx" in uit.err
    assert (werkmap / "q.xlsx").stat().st_size > 1000
