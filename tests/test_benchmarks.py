"""benchmarks/run.py --snel as a smoke test: it runs and prints its table (no timing is
asserted anywhere; the numbers live in docs/prestaties.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmarks_snel_draaien(tmp_path: Path) -> None:
    uit = tmp_path / "prestaties.md"
    p = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--snel", "--markdown", str(uit)],
        capture_output=True,
        text=True,
        timeout=600,
        env={"PATH": "/usr/bin:/bin", "MPLBACKEND": "Agg", "PYTHONIOENCODING": "utf-8"},
    )
    assert p.returncode == 0, p.stderr
    for regel in ("Rekenkern per pand", "tegen lus numpy-financial", "Monte Carlo", "Excel-export"):
        assert regel in p.stdout
    tekst = uit.read_text(encoding="utf-8")
    assert tekst.startswith("Gemeten op ") and "| meting | uitkomst | verhouding |" in tekst
