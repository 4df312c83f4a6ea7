"""Dutch number formatting and the example scripts users follow."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from transformatiecalc.getallen import decimaal, duizendtallen
from transformatiecalc.uitvoer.terminal import euro, procent

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize(
    ("x", "tekst"),
    [(0, "0"), (999.4, "999"), (1234567.8, "1.234.568"), (-1500, "-1.500"), (-0.4, "0")],
)
def test_duizendtallen(x: float, tekst: str) -> None:
    assert duizendtallen(x) == tekst


@pytest.mark.parametrize(
    ("x", "n", "tekst"),
    [
        (1609.746, 2, "1.609,75"),
        (0.5, 1, "0,5"),
        (-2.005, 2, "-2,00"),
        (-0.001, 2, "0,00"),
        (1e6, 0, "1.000.000"),
    ],
)
def test_decimaal(x: float, n: int, tekst: str) -> None:
    assert decimaal(x, n) == tekst


def test_euro_en_procent() -> None:
    assert euro(2_181_818.18) == "€ 2.181.818"
    assert euro(2_181_818.18, 1000) == "2.182"
    assert euro(float("nan")) == "–"
    assert procent(0.12869) == "12,9 %"
    assert procent(123.4) == "12.340,0 %"
    assert procent(float("nan")) == "–"


def test_voorbeeldscript_onrendabele_top() -> None:
    p = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "onrendabele_top_van_een_pand.py"),
            str(ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"),
            "P05",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr
    assert "P05 — Voormalige bank, Markt 4" in p.stdout
    assert "sociale_huur" in p.stdout and "kostprijsdekkende huur" in p.stdout
    assert "subsidie bij de start (2028)" in p.stdout


def test_voorbeeldscript_fondsvergelijking(tmp_path: Path) -> None:
    p = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "fondsvergelijking.py"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert p.returncode == 0, p.stderr
    assert "Programma: verevening en fondsen samen" in p.stdout
    assert "Woningen ontsloten per € 1 mln publiek netto" in p.stdout
    assert "Meeste woningen per € 1 mln publiek geld (programma, netto):" in p.stdout
    assert "Ontwerpen waarin een geldgever verlies lijdt: geen." in p.stdout
    assert (tmp_path / "fondssaldo_vergelijking.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "ontsluitingscurve_vergelijking.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "bronnen_en_bestedingen_vergelijking.png").read_bytes()[:4] == b"\x89PNG"


def test_voorbeeldscript_fondsen_onder_onzekerheid(tmp_path: Path) -> None:
    p = subprocess.run(
        [
            sys.executable,
            str(ROOT / "examples" / "fondsen_onder_onzekerheid.py"),
            str(tmp_path),
            "--trekkingen",
            "20",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "200"},
    )
    assert p.returncode == 0, p.stderr
    assert "Vier fondsontwerpen, 20 trekkingen (P5 / P50 / P95)" in p.stdout
    assert "Kans dat een geldgever verlies lijdt" in p.stdout
    for naam in ("waaier_vier_ontwerpen.png", "woningen_ontwerp_1.png", "woningen_ontwerp_4.png"):
        assert (tmp_path / naam).read_bytes()[:4] == b"\x89PNG"
