"""The Varianten sheet of `vergelijk` on paper (docs/excel.md, "Afdrukken"): a row of text
values (where the public discount rate comes from) wraps in the versions' columns instead
of running into the next version, keeps a label that says what it is, and is not cut from
its table by a page break."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from transformatiecalc.analyse import varianten as va  # noqa: E402
from transformatiecalc.uitvoer.excel.analyse import (  # noqa: E402
    VERSIEBREEDTE,
    analyse_werkboek,
    varianten_blad,
)
from transformatiecalc.uitvoer.huisstijl import Huisstijl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
LABEL = "contant gemaakt tegen: voet van"


@pytest.fixture(scope="module")
def blad() -> Any:
    lijst = va.versies(
        [
            ROOT / "scenarios" / "voorbeeld_binnenstad.yaml",
            ROOT / "scenarios" / "fonds_gemengd.yaml",
        ]
    )
    v = va.vergelijk(lijst)
    inhoud = analyse_werkboek(
        lijst[0].resultaat.scenario, [("Varianten", varianten_blad(v, {}))], Huisstijl(), "V"
    )
    return openpyxl.load_workbook(io.BytesIO(inhoud))["Varianten"]


def test_tekstrij_afgebroken_in_de_kolom_van_de_versie(blad: Any) -> None:
    rij = next(c.row for c in blad["A"] if c.value == LABEL)
    cellen = [c for c in blad[rij][1:] if isinstance(c.value, str) and c.value]
    assert len(cellen) >= 2
    langste = max(len(c.value) for c in cellen)
    for c in cellen:
        breedte = blad.column_dimensions[c.column_letter].width
        assert breedte <= VERSIEBREEDTE + 1, (c.coordinate, breedte)
        assert c.alignment.wrap_text, c.coordinate
    # as high as the wrapped text: at least two lines when it is longer than the column
    assert langste > VERSIEBREEDTE and blad.row_dimensions[rij].height >= 26


def test_tekstrij_niet_van_zijn_tabel_gescheiden(blad: Any) -> None:
    """The text row stands right under its table, on the same printed page: no row break
    falls between them (before, the table filled a page and the row opened the next)."""
    rij = next(c.row for c in blad["A"] if c.value == LABEL)
    titel = max(
        c.row
        for c in blad["A"]
        if c.row < rij and c.value == "Programma: verevening en fondsen samen"
    )
    assert not any(titel <= b.id < rij for b in blad.row_breaks.brk)
