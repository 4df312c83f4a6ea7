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
    (["app", "", "--geen-browser"], "'map_'"),  # '' was the working folder: the app started
]


@pytest.mark.parametrize(("args", "optie"), LEEG, ids=_id)
def test_lege_bestandsnaam_wordt_geweigerd(
    werkmap: Path, capsys: pytest.CaptureFixture[str], args: list[str], optie: str
) -> None:
    """'' is Path('.'): `--json ""` said '.: dit is een map', `--grafieken ""` wrote the
    charts into the working folder, `init ""` said '. bestaat al'."""
    fout = _geweigerd(werkmap, capsys, args)
    assert f'ongeldige waarde voor {optie}: lege bestandsnaam ("")' in fout, fout


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
