"""The command line as a user runs it: exit codes, Dutch messages, no tracebacks, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
ONGELDIG = ROOT / "tests" / "data" / "ongeldig"


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "transformatiecalc", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"},
    )


def test_run_schrijft_json_contract(tmp_path: Path) -> None:
    uit = tmp_path / "out.json"
    p = cli("run", str(VOORBEELD), "--json", str(uit))
    assert p.returncode == 0, p.stderr
    assert "Voorbeeldstad binnenstad" in p.stdout and "Totaal" in p.stdout
    data = json.loads(uit.read_text(encoding="utf-8"))
    assert set(data) >= {"scenario", "uitgangspunten", "panden", "totalen"}
    assert set(data["scenario"]) >= {"naam", "sha256", "versie"}
    assert len(data["scenario"]["sha256"]) == 64
    verplicht = {
        "id",
        "eigenaar",
        "opbrengst",
        "stichtingskosten",
        "residuele_grondwaarde_oplevering",
        "residuele_grondwaarde_peildatum",
        "grondquote",
        "inbrengwaarde",
        "transformatieruimte",
        "afwaardering",
        "exploitatiewaarde",
        "onrendabele_top",
        "ncw",
        "irr",
        "subsidie_sluitend",
        "functies",
    }
    for pand in data["panden"]:
        assert verplicht <= set(pand)
        assert (pand["irr"] is None) == (pand["irr_reden"] is not None)
        for f in pand["functies"]:
            assert {
                "functie",
                "onrendabele_top",
                "kostprijsdekkende_huur",
                "betaalbaarheidsgat",
            } <= set(f)
    assert data["totalen"]["onrendabele_top"] == pytest.approx(
        sum(p["onrendabele_top"] for p in data["panden"]), abs=1e-6
    )


def test_json_naar_stdout_is_alleen_json() -> None:
    p = cli("run", str(VOORBEELD), "--json", "-")
    assert p.returncode == 0
    data = json.loads(p.stdout)
    assert data["scenario"]["naam"] == "Voorbeeldstad binnenstad — basis"


def test_uitgangspunten_bevatten_standaardwaarden() -> None:
    data = json.loads(cli("run", str(VOORBEELD), "--json", "-").stdout)
    u = data["uitgangspunten"]
    # not in the file, so these are echoed defaults and derived effective values
    assert u["partijen"]["retailfonds"]["wr"] == 0.08
    assert u["partijen"]["binnenstad_ontwikkeling"]["ak"] == 0.05
    assert u["partijen"]["retailfonds"]["rendementseis"] == 0.065
    assert u["functies"]["sociale_huur"]["btw_verrekenbaar"] is False
    assert u["functies"]["middenhuur"]["waardering"]["kosten_koper"] == pytest.approx(0.095)
    assert u["panden"][3]["huidig"]["inbrengwaarde"] == pytest.approx(38_000 / 0.085)
    assert u["panden"][0]["transformatie"]["kostenverdeling"] == [0.5, 0.5]


@pytest.mark.parametrize(
    "naam",
    [
        "syntaxfout_dubbele_punt",
        "dubbele_sleutel_diep",
        "onbekende_sleutel",
        "verkeerd_type",
        "negatief_oppervlak",
        "onbekende_eigenaar",
    ],
)
def test_ongeldig_scenario_exit_1_zonder_traceback(naam: str, tmp_path: Path) -> None:
    pad = ONGELDIG / f"{naam}.yaml"
    uit = tmp_path / "out.json"
    for commando in (["run", str(pad), "--json", str(uit)], ["validate", str(pad)]):
        p = cli(*commando)
        assert p.returncode == 1
        assert "Traceback" not in p.stderr + p.stdout
        regel, kolom = pad.read_text().splitlines()[0].split()[2].split(":")[:2]
        assert f"{pad}:{regel}:{kolom}:" in p.stderr
        assert "niets berekend" in p.stderr
    assert not uit.exists()  # nothing half-written


def test_validate_geldig() -> None:
    p = cli("validate", str(VOORBEELD))
    assert p.returncode == 0
    assert "geldig" in p.stdout and "14 panden" in p.stdout


def test_gebruiksfouten_exit_2() -> None:
    p = cli("run")
    assert p.returncode == 2 and "ontbrekend argument" in p.stderr
    p = cli("run", str(VOORBEELD), "--jsn", "x")
    assert p.returncode == 2 and "onbekende optie" in p.stderr and "Traceback" not in p.stderr
    p = cli("rekenen")
    assert p.returncode == 2 and "onbekend commando" in p.stderr


def test_onschrijfbaar_doel_geeft_nette_fout(tmp_path: Path) -> None:
    p = cli("run", str(VOORBEELD), "--json", str(tmp_path / "bestaat_niet" / "uit.json"))
    assert p.returncode == 1
    assert "de map" in p.stderr and "bestaat niet" in p.stderr and "Traceback" not in p.stderr


def test_schema_en_init(tmp_path: Path) -> None:
    p = cli("schema")
    assert p.returncode == 0
    schema = json.loads(p.stdout)
    assert schema["$schema"].startswith("http://json-schema.org/draft-07")
    start = tmp_path / "mijn_binnenstad.yaml"
    p = cli("init", str(start))
    assert p.returncode == 0 and start.exists()
    assert cli("validate", str(start)).returncode == 0
    assert cli("run", str(start)).returncode == 0
    p = cli("init", str(start))
    assert p.returncode == 1 and "bestaat al" in p.stderr


def test_versie_en_help() -> None:
    p = cli("--versie")
    assert p.returncode == 0 and p.stdout.startswith("transformatiecalc ")
    p = cli("run", "--help")
    assert p.returncode == 0 and "Toon deze hulp" in p.stdout


def test_run_met_werkboek_grafieken_en_sjabloon(tmp_path: Path) -> None:
    p = cli(
        "run",
        str(VOORBEELD),
        "-o",
        str(tmp_path / "uit.xlsx"),
        "--grafieken",
        str(tmp_path / "graf"),
        "--template",
        str(ROOT / "templates" / "standaard.yaml"),
        "-q",
    )
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "uit.xlsx").stat().st_size > 100_000
    assert (tmp_path / "graf" / "ort_per_pand.png").exists()
    assert "werkboek:" in p.stdout and "grafieken:" in p.stdout


def test_werkboek_fouten(tmp_path: Path) -> None:
    p = cli("run", str(VOORBEELD), "-o", str(tmp_path / "uit.csv"))
    assert p.returncode == 2 and ".xlsx" in p.stderr
    (tmp_path / "stijl.yaml").write_text("kleuren: {primair: blauw}\n")
    p = cli(
        "run",
        str(VOORBEELD),
        "-o",
        str(tmp_path / "uit.xlsx"),
        "--template",
        str(tmp_path / "stijl.yaml"),
    )
    assert (
        p.returncode == 1
        and f"{tmp_path / 'stijl.yaml'}:1:" in p.stderr
        and "Traceback" not in p.stderr
    )
    assert not (tmp_path / "uit.xlsx").exists()
    p = cli("run", str(VOORBEELD), "-o", str(tmp_path / "weg" / "uit.xlsx"))
    assert p.returncode == 1 and "bestaat niet" in p.stderr


def test_drie_fondsontwerpen_tonen_woningen_per_publieke_euro_en_revolverendheid(
    tmp_path: Path,
) -> None:
    kpi = {}
    for ontwerp in ("subsidie", "revolverend", "gemengd"):
        uit = tmp_path / f"{ontwerp}.json"
        r = cli("run", str(ROOT / "scenarios" / f"fonds_{ontwerp}.yaml"), "--json", str(uit))
        assert r.returncode == 0, r.stderr
        assert "Woningen ontsloten per € 1 mln publiek geld" in r.stdout
        assert "Revolverend (≥ 80 %)" in r.stdout
        data = json.loads(uit.read_text(encoding="utf-8"))
        (fonds,) = data["fondsen"]
        kpi[ontwerp] = fonds["kpi"]
        jaren = fonds["grootboek"]
        assert [j["jaar"] for j in jaren] == list(range(2026, 2057))
        assert data["verevening"]["gedragen_door"] == fonds["naam"]
        assert {"onrendabele_top_na"} <= set(data["panden"][0])
    # a pure subsidy fund gets nothing back; a loan fund does not close gaps by itself
    assert kpi["subsidie"]["revolverendheid"] == 0.0 and not kpi["subsidie"]["revolverend"]
    assert kpi["revolverend"]["revolverend"] and kpi["revolverend"]["woningen_ontsloten"] == 0
    assert kpi["subsidie"]["woningen_per_miljoen_publiek"] > 0
    assert kpi["gemengd"]["publiek_geld_netto"] < kpi["subsidie"]["publiek_geld_netto"]
