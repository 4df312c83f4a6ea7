"""The command line as a user runs it: exit codes, Dutch messages, no tracebacks, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hulp import cli

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
ONGELDIG = ROOT / "tests" / "data" / "ongeldig"


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
    # schema -o does not replace a file (here the scenario) unless asked
    voor = start.read_bytes()
    p = cli("schema", "-o", str(start))
    assert p.returncode == 1 and "bestaat al" in p.stderr and start.read_bytes() == voor
    p = cli("schema", "-o", str(start), "--overschrijf")
    assert p.returncode == 0 and json.loads(start.read_text("utf-8"))["$schema"]


def test_streepje_is_de_terminal_bij_uitvoer_en_geen_invoer(tmp_path: Path) -> None:
    """'-' writes to stdout (as --json - does) and creates no file named '-'; as an input
    it is refused with a message, as is a pipe behind /dev/stdin."""
    p = cli("init", "-", cwd=tmp_path)
    sjabloon = (ROOT / "src" / "transformatiecalc" / "data" / "start.yaml").read_text("utf-8")
    assert p.returncode == 0 and p.stdout == sjabloon
    p = cli("schema", "-o", "-", cwd=tmp_path)
    assert p.returncode == 0 and json.loads(p.stdout) == json.loads(cli("schema").stdout)
    assert list(tmp_path.iterdir()) == []
    p = cli("validate", "-", cwd=tmp_path)
    assert p.returncode == 1 and "'-' (standaardinvoer) wordt niet gelezen" in p.stderr
    p = subprocess.run(
        [sys.executable, "-m", "transformatiecalc", "validate", "/dev/stdin"],
        input=VOORBEELD.read_text("utf-8"), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert p.returncode == 1 and "'/dev/stdin' is een systeembestand" in p.stderr


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
        assert "Woningen ontsloten per € 1 mln publiek netto" in r.stdout
        assert "Revolverendheid" in r.stdout and "Programma: verevening en fondsen" in r.stdout
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


# ------------------------------------------------------------------ analyses (issue #5)
def test_vergelijk_varianten_van_het_voorbeeld(tmp_path: Path) -> None:
    import openpyxl

    from transformatiecalc import bereken, laad_scenario

    p = cli(
        "vergelijk",
        str(VOORBEELD),
        "--json",
        str(tmp_path / "v.json"),
        "-o",
        str(tmp_path / "v.xlsx"),
        "--grafieken",
        str(tmp_path / "g"),
    )
    assert p.returncode == 0, p.stderr
    assert "bouwkosten +15%" in p.stdout and "met verschillen: --breed" in p.stdout
    data = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    namen = [v["naam"] for v in data["versies"]]
    assert namen[1:] == [
        "bouwkosten +15%",
        "BAR middenhuur +0,5 %-punt",
        "gemeente verdubbelt subsidie",
    ]
    basis = bereken(laad_scenario(VOORBEELD)).totalen["onrendabele_top"]
    ort = data["totalen"]["onrendabele_top"]
    assert ort[namen[0]] == pytest.approx(basis)
    assert data["verschil"]["onrendabele_top"][namen[1]] == pytest.approx(ort[namen[1]] - basis)
    # more subsidy money changes the fund, not the ORT before it
    assert ort["gemeente verdubbelt subsidie"] == pytest.approx(basis)
    assert data["koppeling"] == "rol"  # one fund per version: side by side as "the fund"
    kpi = data["fondsen"]["fonds"]["publiek_geld_ingelegd"]
    assert kpi["gemeente verdubbelt subsidie"] - kpi[namen[0]] == pytest.approx(4_000_000)
    prog = data["programma"]["publiek_geld_ingelegd"]
    assert prog["gemeente verdubbelt subsidie"] - prog[namen[0]] == pytest.approx(4_000_000)
    wb = openpyxl.load_workbook(tmp_path / "v.xlsx")
    assert wb.sheetnames == ["Varianten", "Uitgangspunten"]
    blad = [[c.value for c in rij] for rij in wb["Varianten"].iter_rows()]
    rij = next(r for r in blad if r[0] == "Onrendabele top, netto (€ peildatum)")
    assert rij[1 : 1 + len(namen)] == pytest.approx([ort[n] for n in namen])
    assert (tmp_path / "g" / "fondssaldo_vergelijking.png").read_bytes()[:4] == b"\x89PNG"


def test_gevoelig_tornado_raster_en_foute_paden(tmp_path: Path) -> None:
    import openpyxl

    p = cli(
        "gevoelig",
        str(VOORBEELD),
        "-p",
        "kosten.per_m2_bvo.transformatie_zwaar=±10%",
        "-p",
        "markt.indexatie.bouwkosten=0.01:0.05",
        "--raster",
        "kosten.per_m2_bvo.transformatie_zwaar=±10%",
        "--raster",
        "functies.middenhuur.huur_per_maand=1100:1200",
        "--stappen",
        "3",
        "--json",
        str(tmp_path / "g.json"),
        "-o",
        str(tmp_path / "g.xlsx"),
    )
    assert p.returncode == 0, p.stderr
    data = json.loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    tornado = {r["pad"]: r for r in data["tornado"]}
    assert tornado["markt.indexatie.bouwkosten"]["laag"] == 0.01
    assert tornado["kosten.per_m2_bvo.transformatie_zwaar"]["hoog"] == pytest.approx(2145)
    assert data["raster"]["kolomwaarden"] == [1100, 1150, 1200]
    # the grid's centre row/col equals the tornado's base where both are at base
    assert data["raster"]["waarden"][1][1] == pytest.approx(data["basiswaarde"])
    assert openpyxl.load_workbook(tmp_path / "g.xlsx").sheetnames == [
        "Gevoeligheid",
        "Uitgangspunten",
    ]

    p = cli("gevoelig", str(VOORBEELD), "-p", "markt.indexatie.bouwkost=±5%")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    assert "dichtstbijzijnde geldige paden: markt.indexatie.bouwkosten" in p.stderr
    p = cli("gevoelig", str(VOORBEELD))
    assert p.returncode == 2 and "ten minste één --parameter" in p.stderr


def test_onzeker_zelfde_seed_zelfde_uitkomst(tmp_path: Path) -> None:
    import csv

    uit = []
    for i in (1, 2):
        p = cli(
            "onzeker",
            str(VOORBEELD),
            "-n",
            "25",
            "--json",
            str(tmp_path / f"o{i}.json"),
            "--trekkingen-naar",
            str(tmp_path / f"t{i}.csv"),
            "-o",
            str(tmp_path / f"o{i}.xlsx"),
            "-q",
        )
        assert p.returncode == 0, p.stderr
        uit.append((tmp_path / f"o{i}.json").read_text(encoding="utf-8"))
    assert uit[0] == uit[1]
    data = json.loads(uit[0])
    import openpyxl

    blad = [
        [c.value for c in r]
        for r in openpyxl.load_workbook(tmp_path / "o1.xlsx")["Onzekerheid"].iter_rows()
    ]
    kop = next(i for i, r in enumerate(blad) if r[0] == "uitkomst")
    kolommen = blad[kop]
    ort = next(r for r in blad[kop:] if r[0] == "Onrendabele top, netto (€ peildatum)")
    assert ort[kolommen.index("p50")] == pytest.approx(
        data["samenvatting"]["onrendabele_top"]["p50"]
    )
    assert data["trekkingen"] == 25 and data["seed"] == 20261122
    kansen = data["kansen"]["binnenstadsfonds"]
    assert set(kansen) == {"kastekort_ja", "trancheverlies_ja", "niet_alles_gehonoreerd"}
    assert all(0.0 <= k <= 1.0 for k in kansen.values())
    s = data["samenvatting"]["onrendabele_top"]
    assert s["p5"] <= s["p50"] <= s["p95"]
    with (tmp_path / "t1.csv").open(encoding="utf-8") as f:
        rijen = list(csv.DictReader(f))
    assert len(rijen) == 25
    assert {"markt.indexatie.bouwkosten", "onrendabele_top"} <= set(rijen[0])
    p = cli("onzeker", str(VOORBEELD), "-n", "25", "--seed", "1", "--json", "-")
    assert json.loads(p.stdout)["samenvatting"] != data["samenvatting"]

    klein = ROOT / "tests" / "data" / "geldig" / "klein.yaml"
    p = cli("onzeker", str(klein))
    assert p.returncode == 1 and "geen sectie onzekerheid" in p.stderr


def test_bereik_en_type_van_opties_in_het_nederlands() -> None:
    klein = str(ROOT / "tests" / "data" / "geldig" / "klein.yaml")
    gevallen = [
        (["onzeker", klein, "-n", "1"], "'-n': moet minstens zijn: 2"),
        (["onzeker", klein, "-n", "abc"], "'-n': verwacht een geheel getal"),
        (["onzeker", klein, "--seed", "-1"], "'--seed': moet minstens zijn: 0"),
        (
            ["gevoelig", klein, "-p", "functies.middenhuur.waardering.bar=±10%", "--stappen", "99"],
            "'--stappen': mag hoogstens zijn: 50",
        ),
        (["run", klein, "--json"], "optie '--json' vraagt een waarde"),
    ]
    for args, tekst in gevallen:
        p = cli(*args)
        assert p.returncode == 2, p.stderr
        assert tekst in p.stderr, p.stderr
        assert "Input should" not in p.stderr and "Option '" not in p.stderr
