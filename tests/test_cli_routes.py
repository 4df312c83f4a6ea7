"""The command line's two routes through typer: with a tested typer the help is Dutch
throughout (panel titles and --help patched, cli/typer_nl.py); with any other typer the
patches are skipped and typer's own help text stays, while every message and exit code
is still ours. Also: the shared options are declared once and reach the command as one
Verzoek."""

from __future__ import annotations

import subprocess
import sys

import pytest

from transformatiecalc.cli import main
from transformatiecalc.cli.typer_nl import hulp_vertalen
from transformatiecalc.cli.verzoek import GEDEELD, UITVOER


@pytest.mark.parametrize(
    ("versie", "verwacht"),
    [("0.29.2", True), ("0.29.9", True), ("0.29.1", False), ("0.30.0", False), ("1.0", False)],
)
def test_hulp_alleen_vertaald_voor_geteste_typer(versie: str, verwacht: bool) -> None:
    assert hulp_vertalen(versie) is verwacht


def test_geteste_typer_geeft_nederlandse_hulp(capsys: pytest.CaptureFixture[str]) -> None:
    assert hulp_vertalen()  # the installed typer is the one the patches were checked on
    assert main(["run", "--help"]) == 0
    uit = capsys.readouterr().out
    assert "Toon deze hulp en stop." in uit and "Opties" in uit
    assert "Schrijf de resultaten als JSON" in uit
    assert "Gebruik: transformatiecalc run [OPTIES] {scenario}" in uit  # was 'Usage: … [OPTIONS]'
    assert main(["--help"]) == 0
    assert "Gebruik: transformatiecalc [OPTIES] COMMANDO [ARGUMENTEN]..." in capsys.readouterr().out


def test_zonder_argumenten_de_hulp_en_geen_lege_fout(capsys: pytest.CaptureFixture[str]) -> None:
    """No arguments at all: the help, exit 2, and no empty 'gebruiksfout' line after it."""
    assert main([]) == 2
    uit = capsys.readouterr()
    assert "Gebruik: transformatiecalc" in uit.out and "Commando's" in uit.out
    assert uit.err == ""


def test_gebruiksfout_wijst_naar_de_hulp_van_het_commando(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", "x.yaml", "--onzin"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "Zie 'transformatiecalc run --help'."
    assert main(["onzin"]) == 2
    assert capsys.readouterr().err.splitlines()[-1] == "Zie 'transformatiecalc --help'."


_ANDERE_TYPER = """
import sys
from transformatiecalc.cli import typer_nl
typer_nl.hulp_vertalen = lambda versie=None: False
from transformatiecalc.cli import main
sys.exit(main(sys.argv[1:]))
"""


def _andere_typer(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _ANDERE_TYPER, *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={"COLUMNS": "100", "PATH": "/usr/bin:/bin"},
    )


@pytest.mark.parametrize(
    "opdracht", ["run", "validate", "init", "vergelijk", "gevoelig", "onzeker"]
)
def test_hulp_noemt_typen_in_het_nederlands_en_vlaggen_zonder_waarde(
    opdracht: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The type column reads GETAL, PAD, TEKST; a flag such as --stil shows no type (typer
    wrote '<bool>', as if it took a value), and no '<int range>' or '<path>' is left."""
    monkeypatch.setenv("COLUMNS", "200")
    assert main([opdracht, "--help"]) == 0
    uit = capsys.readouterr().out
    for engels in ("<bool>", "<int range>", "<int>", "<path>", "<str>", "<float>"):
        assert engels not in uit
    regels = {r.split()[1]: r for r in uit.splitlines() if r.startswith("│ --")}
    assert regels["--help"].split()[2:4] == ["-h", "Toon"]  # a flag: no type column
    if opdracht in {"run", "vergelijk", "gevoelig", "onzeker"}:
        assert regels["--json"].split()[2] == "PAD"
        assert regels["--stil"].split()[2:4] == ["-q", "Geen"]
    if opdracht == "onzeker":
        assert regels["--seed"].split()[2:4] == ["GETAL", "[x>=0]"]
    if opdracht == "gevoelig":
        assert regels["--uitkomst"].split()[2] == "TEKST"
    if opdracht == "init":  # the scenario is optional: init --panden-sjabloon alone
        assert any(r.split()[1:3] == ["pad", "PAD"] for r in uit.splitlines())
        assert regels["--panden-sjabloon"].split()[2] == "PAD.xlsx"
    elif opdracht != "vergelijk":
        assert any(r.split()[3] == "PAD" for r in uit.splitlines() if r.startswith("│ *"))


def test_andere_typer_houdt_zijn_eigen_hulp_en_onze_meldingen() -> None:
    p = _andere_typer("run", "--help")
    assert p.returncode == 0, p.stderr
    assert "Show this message and exit." in p.stdout  # typer's own --help text
    assert "Toon deze hulp en stop." not in p.stdout
    assert "Schrijf de resultaten als JSON" in p.stdout  # our option help is unchanged
    p = _andere_typer("run", "bestaat_niet.yaml", "--onzin")
    assert p.returncode == 2
    assert "gebruiksfout" in p.stderr and "onbekende optie" in p.stderr
    assert "Traceback" not in p.stderr
    p = _andere_typer("run", "x.yaml", "-o", "uit.txt")
    assert p.returncode == 2 and "het werkboek moet de extensie .xlsx hebben" in p.stderr


def test_gedeelde_opties_eenmaal_gedeclareerd() -> None:
    import typer

    from transformatiecalc.cli import app

    commando = typer.main.get_command(app)
    opdrachten = commando.commands  # type: ignore[attr-defined]
    for naam in ("run", "vergelijk", "gevoelig", "onzeker"):
        opties = {p.name for p in opdrachten[naam].params}
        assert {GEDEELD[o][0] for o in UITVOER} <= opties, naam
    assert {p.name for p in opdrachten["validate"].params} == {"scenario", "toegang"}
