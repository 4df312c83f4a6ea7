"""The bundled example, the JSON Schema and the generated docs stay true to the code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from transformatiecalc import bereken, laad_scenario
from transformatiecalc.schema.documentatie import scenario_markdown
from transformatiecalc.schema.jsonschema import json_schema, json_schema_tekst

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
START = ROOT / "src" / "transformatiecalc" / "data" / "start.yaml"


def test_voorbeeld_dekt_elke_eigenaar_en_functie() -> None:
    sc = laad_scenario(VOORBEELD)
    assert len(sc.panden) >= 12
    eigenaars = {sc.partijen[p.eigenaar].soort for p in sc.panden}
    assert eigenaars == {"gemeente", "corporatie", "belegger", "ontwikkelaar", "particulier"}
    gebruikt = {r.functie for p in sc.panden for r in p.transformatie.programma}
    assert gebruikt >= {
        "sociale_huur",
        "middenhuur",
        "vrije_sector",
        "koop",
        "commerciele_plint",
        "huisartsenpraktijk",
        "ambachtswerkplaats",
    }
    assert {f.soort for f in sc.functies.values()} == {
        "huurwoning",
        "koopwoning",
        "commercieel",
        "maatschappelijk",
    }
    methoden = {
        getattr(f, "waardering", None).methode
        for f in sc.functies.values()  # type: ignore[union-attr]
        if hasattr(f, "waardering")
    }
    assert methoden == {"bar", "nar", "dcf"}


def test_voorbeeld_bronnen_bij_waarden() -> None:
    tekst = VOORBEELD.read_text(encoding="utf-8")
    for bron in ("[HC26]", "[OVB26]", "[STIVAD]", "[BHW]", "[IVGG]", "[BBV]"):
        assert tekst.count(bron) >= 2, bron  # defined in the header and used at a value
    # the segment limits the betaalbare huur defaults to, with their source (METHODE §2a)
    assert "143 punten = € 932,93 [HC26]" in tekst and "186 punten = € 1.228,07 [HC26]" in tekst


def test_voorbeeld_plausibel() -> None:
    res = bereken(laad_scenario(VOORBEELD))
    p = res.panden
    # social rent is the classic gap: the corporatie's pand with only sociale huur has an ORT
    # per woning within a plausibility band of € 54k–100k (a sanity range, not a sourced figure)
    per_woning = p.loc["P05", "onrendabele_top"] / p.loc["P05", "woningen"]
    assert 40_000 < per_woning < 110_000
    # bovenverdiepingen tot middenhuur at a 4,8 % BAR pay for themselves
    assert p.loc["P10", "onrendabele_top"] < 0
    # the retail investor's warehouse must write down far below book value
    assert p.loc["P01", "afwaardering"] > 2_000_000


def _yaml_als_data(pad: Path) -> object:
    yaml = YAML(typ="safe", pure=True)
    return yaml.load(pad.read_text(encoding="utf-8"))


def test_json_schema_valideert_voorbeeld_en_startscenario() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json_schema())
    for pad in (VOORBEELD, START):
        fouten = list(validator.iter_errors(_yaml_als_data(pad)))
        assert fouten == [], (pad, [f.message for f in fouten])
    slecht = _yaml_als_data(VOORBEELD)
    slecht["panden"][0]["transformatie"]["bouwtyd"] = 2  # type: ignore[index]
    assert list(validator.iter_errors(slecht))


def test_json_schema_kent_erft_van_en_panden_uit() -> None:
    """A variant (erft_van) needs nothing else, panden_uit stands for panden; a file with
    neither misses its required sections."""
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json_schema())
    for pad in sorted((ROOT / "scenarios").glob("fonds_*.yaml")):
        fouten = [f.message for f in validator.iter_errors(_yaml_als_data(pad))]
        assert fouten == [], (pad.name, fouten)
    assert list(validator.iter_errors({"erft_van": "basis.yaml", "naam": "variant"})) == []
    data = _yaml_als_data(VOORBEELD)
    panden = data.pop("panden")  # type: ignore[union-attr]
    assert [f.message for f in validator.iter_errors(data)] != []
    data["panden_uit"] = "panden.xlsx"  # type: ignore[index]
    assert list(validator.iter_errors(data)) == []
    data["panden"] = panden  # type: ignore[index]
    del data["kosten"]  # type: ignore[attr-defined]
    assert any("'kosten' is a required property" in f.message for f in validator.iter_errors(data))


def test_schema_bestand_is_actueel() -> None:
    opgeslagen = (ROOT / "scenarios" / "transformatiecalc.schema.json").read_text(encoding="utf-8")
    assert opgeslagen == json_schema_tekst(), (
        "scenarios/transformatiecalc.schema.json is verouderd: "
        "transformatiecalc schema -o scenarios/transformatiecalc.schema.json --overschrijf"
    )


def test_scenario_naslag_is_actueel() -> None:
    opgeslagen = (ROOT / "docs" / "scenario.md").read_text(encoding="utf-8")
    assert opgeslagen == scenario_markdown(), (
        "docs/scenario.md is verouderd: "
        "transformatiecalc schema --markdown -o docs/scenario.md --overschrijf"
    )


def test_readme_en_ci_gebruiken_hetzelfde_testcommando() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blokken = re.findall(r"<!-- (installeer-en-\w+) -->\s*```(?:bash|sh)\n(.+?)\n```", readme, re.S)
    commandos = dict(blokken)
    assert set(commandos) == {"installeer-en-voorbeeld", "installeer-en-test", "installeer-en-app"}
    assert "pytest" in commandos["installeer-en-test"]
    assert '".[app]"' in commandos["installeer-en-app"]
    assert "transformatiecalc app scenarios" in commandos["installeer-en-app"]
    assert "voorbeeld_binnenstad.yaml" in commandos["installeer-en-voorbeeld"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "installeer-en-test" in ci  # .ci/run executes the README block by this marker


def test_methode_documenteert_elke_conventie() -> None:
    methode = (ROOT / "docs" / "methode.md").read_text(encoding="utf-8")
    schema = json.dumps(json_schema())
    for sleutel in (
        "ak_grondslag",
        "wr_grondslag",
        "rente_model",
        "disconteringsmoment",
        "disconteringsvoet_opbrengst",
        "bouw_en_grond",
        "half_bouwkosten",
        "kasstroom",
        "midden_jaar",
        "delen",
        "vermenigvuldigen",
    ):
        assert sleutel in methode, sleutel
        assert sleutel in schema, sleutel


def test_startscenario_en_voorbeeld_zonder_onbedoelde_waarschuwing() -> None:
    """What a new user runs first warns only where the example means to: `init`'s start
    scenario not at all (its P02 had 900 m² BVO for a programme of 750), the example only
    about its fund's waiting list (ten of its panden had a programme of another BVO)."""
    from transformatiecalc import bereken

    assert bereken(laad_scenario(START)).waarschuwingen == []
    (melding,) = bereken(laad_scenario(VOORBEELD)).waarschuwingen
    assert melding.startswith("fonds binnenstadsfonds: 4 panden vielen af na de maximale wachttijd")


def test_readme_vergelijking_van_de_fondsontwerpen_is_actueel(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The README's programme block of the four fund designs is what `vergelijk` prints
    (its 'tekort dat blijft' had gone stale by up to € 0,6 mln)."""
    from transformatiecalc.cli import main

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blok = readme.split("Eerst het **programma**", 1)[1].split("```", 2)[1]
    regels = [r for r in blok.splitlines() if r.strip() and r.strip() != "…"]
    monkeypatch.setenv("COLUMNS", "80")
    ontwerpen = ("subsidie", "revolverend", "gemengd", "erfpacht_garantie")
    assert (
        main(["vergelijk", *(str(ROOT / "scenarios" / f"fonds_{o}.yaml") for o in ontwerpen)]) == 0
    )
    uit = capsys.readouterr().out.splitlines()
    assert len(regels) > 15
    for regel in regels:
        assert regel.rstrip() in (u.rstrip() for u in uit), regel
