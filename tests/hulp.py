"""Shared helpers: a small hand-checkable scenario and ways to vary it."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from transformatiecalc import Resultaat, bereken, valideer
from transformatiecalc.engine.fondsen import (
    NAAR_PANDEN,
    ONTVANGSTEN,
    UITGAVEN,
    VAN_PANDEN,
    FondsUitkomst,
)


def basis() -> dict[str, Any]:
    """One pand, one functie, round numbers, no indexation: every result is hand-computable.

    Worked by hand (docs/methode.md, 'Rekenvoorbeeld'):
      bruto huur      10 woningen × € 1.000 × 12           =   120.000
      V               120.000 / 0,05 / (1 + 0,10)          = 2.181.818,18
      B               800 m² × € 1.000                     =   800.000
      BK              0,15 × B                              =   120.000
      onvoorzien      0,05 × (B + BK)                       =    46.000
      BTW             0,21 × (B + BK + onv.)                =   202.860
      F               ½ × 1.168.860 × ((1,06)^1 − 1)        =    35.065,80
      AK              0,05 × (B + BK)                       =    46.000
      W&R             0,10 × V                              =   218.181,82
      RG oplevering   V − alle posten                       =   713.710,56
    """
    return {
        "naam": "handberekening",
        "startjaar": 2026,
        "horizon": 20,
        "markt": {
            "disconteringsvoet": 0.05,
            "indexatie": {
                "bouwkosten": 0,
                "huur": 0,
                "exploitatielasten": 0,
                "verkoopprijzen": 0,
                "grond": 0,
            },
            "btw": 0.21,
            "kosten_koper": {"overdrachtsbelasting": 0.085, "overig": 0.015, "methode": "delen"},
            "bouwrente": 0.06,
        },
        "kosten": {
            "per_m2_bvo": {"licht": 1000, "zwaar": 2000},
            "bijkomend": 0.15,
            "onvoorzien": 0.05,
            "ak": 0.05,
            "wr": 0.10,
        },
        "partijen": {"belegger": {"soort": "belegger"}},
        "functies": {
            "mh": {
                "soort": "huurwoning",
                "huur_per_maand": 1000,
                "bvo_per_woning": 80,
                "waardering": {"methode": "bar", "bar": 0.05},
            },
        },
        "panden": [
            {
                "id": "P1",
                "eigenaar": "belegger",
                "huidig": {"marktwaarde": 500_000},
                "transformatie": {
                    "start": 2026,
                    "bouwtijd": 1,
                    "ingreep": "licht",
                    "programma": [{"functie": "mh", "woningen": 10}],
                },
            },
        ],
    }


def zet(data: dict[str, Any], pad: str, waarde: Any) -> dict[str, Any]:
    """Copy of `data` with the value at a dotted path replaced ('panden.0.huidig.marktwaarde')."""
    uit = copy.deepcopy(data)
    knoop: Any = uit
    delen = pad.split(".")
    for stap in delen[:-1]:
        knoop = knoop[int(stap)] if isinstance(knoop, list) else knoop.setdefault(stap, {})
    laatste = delen[-1]
    if isinstance(knoop, list):
        knoop[int(laatste)] = waarde
    else:
        knoop[laatste] = waarde
    return uit


def reken(data: dict[str, Any]) -> Resultaat:
    return bereken(valideer(copy.deepcopy(data)))


def pand(data: dict[str, Any], veld: str, i: int = 0) -> float:
    return float(reken(data).panden.iloc[i][veld])


def grootboek_klopt(u: FondsUitkomst, cent: float = 0.01) -> None:
    """A fund's ledger closes every year and its flows equal the per-pand totals."""
    g = u.grootboek
    binnen = sum(g[k] for k in ONTVANGSTEN)
    buiten = sum(g[k] for k in UITGAVEN)
    assert np.allclose(g["begin"] + binnen - buiten, g["eind"], atol=cent)
    assert np.allclose(g["begin"][1:], g["eind"][:-1], atol=cent)
    assert sum(g[k].sum() for k in NAAR_PANDEN) == pytest.approx(u.naar_pand.sum(), abs=cent)
    assert sum(g[k].sum() for k in VAN_PANDEN) == pytest.approx(u.van_pand.sum(), abs=cent)


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command line as a user runs it, with a minimal environment."""
    return subprocess.run(
        [sys.executable, "-m", "transformatiecalc", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", "PYTHONIOENCODING": "utf-8"},
    )
