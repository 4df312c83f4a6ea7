"""Units as metadata on the schema fields: in the JSON Schema and in docs/scenario.md."""

from __future__ import annotations

from typing import Any

from transformatiecalc.schema.documentatie import eenheid, scenario_markdown
from transformatiecalc.schema.jsonschema import json_schema
from transformatiecalc.schema.secties import SECTIES

EENHEDEN = {"€", "€ per jaar", "€ per maand", "€/m²", "€/m² per jaar", "m²", "fractie"}
EENHEDEN |= {"fractie per jaar", "jaar", "jaartal", "punten"}  # punten: WWS (METHODE §2a)


def _velden() -> list[tuple[str, str, Any]]:
    return [
        (model.__name__, naam, info)
        for _, model, _, _ in SECTIES
        for naam, info in model.model_fields.items()
    ]


def test_eenheden_zijn_uit_een_vaste_lijst() -> None:
    gebruikt = {eenheid(info) for _, _, info in _velden()} - {""}
    assert gebruikt == EENHEDEN


def test_bekende_eenheden() -> None:
    velden = {(m, n): eenheid(info) for m, n, info in _velden()}
    assert velden["Markt", "disconteringsvoet"] == "fractie per jaar"
    assert velden["Kosten", "per_m2_bvo"] == "€/m²"
    assert velden["Huurwoning", "huur_per_maand"] == "€ per maand"
    assert velden["Huurwoning", "bvo_per_woning"] == "m²"
    assert velden["Huidig", "inbrengwaarde"] == "€"
    assert velden["Transformatie", "bouwtijd"] == "jaar"
    assert velden["Scenario", "startjaar"] == "jaartal"
    assert velden["Pand", "eigenaar"] == ""


def test_getal_met_eenheid_in_de_toelichting_heeft_een_eenheid() -> None:
    """A number whose description names € or a fraction carries the unit as metadata."""
    for model, naam, info in _velden():
        tekst = info.description or ""
        getal = "float" in str(info.annotation) or "int" in str(info.annotation)
        if getal and ("€" in tekst or "fractie" in tekst):
            assert eenheid(info), f"{model}.{naam}"


def test_eenheid_in_json_schema_en_docs() -> None:
    schema = json_schema()
    markt = schema["definitions"]["Markt"]["properties"]
    assert markt["disconteringsvoet"]["eenheid"] == "fractie per jaar"
    assert "| `markt.btw` | getal (≥ 0, ≤ 0,5) | fractie | `0,21` |" in scenario_markdown()
