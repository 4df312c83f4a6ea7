"""JSON Schema of the scenario format, for editors (VS Code YAML, PyCharm).

pydantic emits draft 2020-12 (``$defs``); the YAML language server and PyCharm have
long supported draft-07 best, so the schema is rewritten to ``definitions`` with
draft-07 ``$ref`` paths. No 2020-only keywords are used by our models.
"""

from __future__ import annotations

import json
from typing import Any

from .scenario import Scenario

SCHEMA_URI = "http://json-schema.org/draft-07/schema#"


def _herschrijf(knoop: Any) -> Any:
    if isinstance(knoop, dict):
        uit = {}
        for sleutel, waarde in knoop.items():
            if sleutel == "$ref" and isinstance(waarde, str):
                uit[sleutel] = waarde.replace("#/$defs/", "#/definitions/")
            elif sleutel == "$defs":
                uit["definitions"] = _herschrijf(waarde)
            else:
                uit[sleutel] = _herschrijf(waarde)
        return uit
    if isinstance(knoop, list):
        return [_herschrijf(x) for x in knoop]
    return knoop


def json_schema() -> dict[str, Any]:
    """The scenario schema as a draft-07 JSON Schema dict.

    What a file must hold depends on two keys the loader resolves before validation: a file
    with ``erft_van`` needs nothing else (its basis holds the rest), and ``panden_uit`` stands
    for ``panden``. pydantic's plain ``required`` cannot say that, so it becomes an
    ``if``/``else`` an editor understands (otherwise every variant file was marked wrong)."""
    schema = _herschrijf(Scenario.model_json_schema())
    verplicht = [k for k in schema.pop("required", []) if k != "panden"]
    schema["if"] = {"required": ["erft_van"]}
    schema["else"] = {
        "required": verplicht,
        "anyOf": [{"required": ["panden"]}, {"required": ["panden_uit"]}],
    }
    return {**schema, "$schema": SCHEMA_URI, "title": "transformatiecalc-scenario"}


def json_schema_tekst() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
