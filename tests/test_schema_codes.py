"""Melding.code: every message carries the code of the rule it breaks (schema.regels.codes),
or pydantic's error type; the codes are listed in docs/scenario.md."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from transformatiecalc import ScenarioFout, laad_scenario, valideer
from transformatiecalc.schema.documentatie import scenario_markdown
from transformatiecalc.schema.regels import CODES

ROOT = Path(__file__).resolve().parents[1]
ONGELDIG = sorted((ROOT / "tests" / "data" / "ongeldig").glob("*.yaml"))
KLEIN: dict[str, Any] = YAML(typ="safe").load(
    (ROOT / "tests" / "data" / "geldig" / "klein.yaml").read_text(encoding="utf-8")
)


def _codes(data: dict[str, Any]) -> list[str]:
    with pytest.raises(ScenarioFout) as fout:
        valideer(data)
    return [m.code for m in fout.value.meldingen]


@pytest.mark.parametrize("pad", ONGELDIG, ids=[p.stem for p in ONGELDIG])
def test_elke_melding_heeft_een_bekende_code(pad: Path) -> None:
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    for m in fout.value.meldingen:
        assert m.code in CODES, (m.code, str(m))
        assert m.code not in str(m)  # the terminal text is unchanged: no code in it


@pytest.mark.parametrize(
    ("bestand", "code"),
    [
        ("onbekende_eigenaar", "pand.eigenaar_onbekend"),
        ("onbekende_functie", "programma.functie_onbekend"),
        ("oplevering_na_horizon", "pand.oplevering_na_horizon"),
        ("pand_in_twee_projecten", "project.pand_in_twee_projecten"),
        ("verevening_onbekende_functie", "verevening.volgorde_onbekend"),
        ("fonds_onbekend_instrument", "fonds.volgorde_onbekend"),
        ("variant_pad_bestaat_niet", "variant.pad_ongeldig"),
        ("onzekerheid_dubbel_pad", "onzekerheid.pad_dubbel"),
        ("bar_onplausibel", "grens.onplausibel"),
        ("dubbele_sleutel_top", "yaml.sleutel_dubbel"),
        ("erft_van_zichzelf", "erft_van.kring"),
        ("nan_waarde", "waarde.eindig_getal"),
        # pydantic's own error types, kept as they are
        ("onbekende_sleutel", "extra_forbidden"),
        ("verplicht_veld", "missing"),
        ("negatief_oppervlak", "greater_than"),
        ("bar_als_procent", "less_than_equal"),
        ("fonds_onbekende_tranchesoort", "literal_error"),
        ("onbekende_soort", "union_tag_invalid"),
    ],
)
def test_code_van_de_eerste_melding(bestand: str, code: str) -> None:
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(ROOT / "tests" / "data" / "ongeldig" / f"{bestand}.yaml")
    assert fout.value.meldingen[0].code == code


def test_codes_van_regels_over_secties() -> None:
    data = copy.deepcopy(KLEIN)
    pand = data["panden"][0]
    data["panden"].append(copy.deepcopy(pand))  # the same id twice
    pand["transformatie"]["exploitant"] = "niemand"
    pand["transformatie"]["start"] = data["startjaar"] - 1
    data["partijen"]["Hoofdletter"] = data["partijen"]["gemeente"]
    ander = data["panden"][1]["id"] = "P2"
    data["projecten"] = [{"id": "p", "panden": ["P9", ander]}, {"id": "p", "panden": [ander, "P8"]}]
    assert _codes(data) == [
        "sleutel.vorm",
        "pand.exploitant_onbekend",
        "pand.start_te_vroeg",
        "project.pand_onbekend",
        "project.id_dubbel",
        "project.pand_in_twee_projecten",
        "project.pand_onbekend",
    ]


def test_regels_noemen_alleen_gedocumenteerde_codes() -> None:
    """Every code string in schema/ and laden/ is in CODES (the list in the docs)."""
    secties = {c.sectie for c in CODES.values()}
    gevonden: set[str] = set()
    for map_ in ("schema", "laden"):
        for bron in (ROOT / "src" / "transformatiecalc" / map_).rglob("*.py"):
            if bron.name in ("codes.py", "secties.py"):
                continue
            for code in re.findall(r'"([a-z_]+\.[a-z_]+)"', bron.read_text(encoding="utf-8")):
                if code.split(".")[0] in secties:
                    gevonden.add(code)
    assert gevonden - set(CODES) == set()
    assert len(gevonden) > 60


def test_codes_staan_in_de_documentatie() -> None:
    tekst = scenario_markdown()
    assert "## Foutcodes" in tekst
    for code in CODES:
        assert f"`{code}`" in tekst


def test_codes_van_panden_en_programma() -> None:
    data = copy.deepcopy(KLEIN)
    tweede = copy.deepcopy(data["panden"][0])
    tweede["id"] = "P 2"
    tweede["eigenaar"] = "niemand"
    tweede["transformatie"]["programma"][0]["woningen"] = None
    data["panden"] += [tweede, copy.deepcopy(data["panden"][0])]
    assert _codes(data) == [
        "pand.id_vorm",
        "pand.eigenaar_onbekend",
        "programma.woningen_ontbreekt",
        "pand.id_dubbel",
    ]


def test_verwijzing_naar_een_onbekend_pand_noemt_niet_alle_panden() -> None:
    """A wrong pand id among 30 panden: the message lists the first 12 (sorted) and how
    many more, not all of them (10 000 panden would fill the terminal)."""
    data = copy.deepcopy(KLEIN)
    pand = data["panden"][0]
    data["panden"] = [{**copy.deepcopy(pand), "id": f"Q{i:02d}"} for i in range(30)]
    data["projecten"] = [{"id": "samen", "panden": ["Q00", "Q99"]}]
    with pytest.raises(ScenarioFout) as fout:
        valideer(data)
    (melding,) = [m for m in fout.value.meldingen if m.code == "project.pand_onbekend"]
    assert (
        "gedefinieerd: Q00, Q01, Q02, Q03, Q04, Q05, Q06, Q07, Q08, Q09, Q10, Q11 … en 18 meer"
        in (melding.tekst)
    )
    assert "Q12" not in melding.tekst
