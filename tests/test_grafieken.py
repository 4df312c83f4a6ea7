"""The PNG charts (uitvoer/grafieken, shared by the app, the CLI and the workbook): every text
stays inside its image, and every series of a chart has a colour of its own."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from transformatiecalc import bereken, laad_scenario
from transformatiecalc.uitvoer import grafieken as gr
from transformatiecalc.uitvoer.huisstijl import Huisstijl

SCENARIOS = Path(__file__).parents[1] / "scenarios"
#: A name as long as users give them (a pand's address, a fund design with its description).
LANG = "Voorbeeldstad — fonds 3, gemengd met publiek eerste verlies en een lange toelichting"


@pytest.fixture
def figuren(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Figure]]:
    """Every figure the chart functions turn into a PNG while the test runs."""
    gezien: list[Figure] = []
    for module in ("opmaak", "analyse", "fondsen", "panden", "waterval"):
        mod = sys.modules[f"transformatiecalc.uitvoer.grafieken.{module}"]
        origineel = mod.als_png  # type: ignore[attr-defined]

        def vang(fig: Figure, origineel: Any = origineel) -> bytes:
            gezien.append(fig)
            return bytes(origineel(fig))

        monkeypatch.setattr(mod, "als_png", vang)
    yield gezien


def _buiten(fig: Figure) -> list[str]:
    """The titles of `fig` drawn (partly) outside its image, and whether anything is (the
    tick labels in view, legends)."""
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    breed, hoog = fig.canvas.get_width_height()
    titels = [t for ax in fig.axes for t in (ax.title, ax._left_title, ax._right_title)]
    uit = []
    for tekst in [*titels, *([fig._suptitle] if fig._suptitle is not None else [])]:
        if not tekst.get_visible() or not tekst.get_text().strip():
            continue
        vak = tekst.get_window_extent(r)
        if vak.x0 < -0.5 or vak.y0 < -0.5 or vak.x1 > breed + 0.5 or vak.y1 > hoog + 0.5:
            uit.append(tekst.get_text())
    tight = fig.get_tightbbox(r)
    if tight.x1 > fig.bbox_inches.x1 + 0.01 or tight.x0 < -0.01:
        uit.append(f"iets buiten het beeld: {tight.bounds}")
    return uit


def test_lange_titels_vallen_niet_van_het_beeld(figuren: list[Figure]) -> None:
    """A pand's waterfall titled 'P09 Hoek Hoogstraat/Molenstraat (sloop-nieuwbouw)' and the
    portfolio waterfall of 'Voorbeeldstad — fonds 3, gemengd met publiek eerste verlies' ran
    off the image (in the app and the workbook): every title now wraps at the figure's edge."""
    stijl = Huisstijl()
    labels = ["opbrengst V", "bouwkosten", "overig"]
    gr.waterval(labels, [4e6, -3e6, -5e5], f"Residuele grondwaarde — {LANG}", stijl, "rest")
    gr.watervallen(
        {
            "kort": (labels, [4e6, -3e6, -5e5], "kort"),
            "lang": (labels, [2e6, -3e6, -5e5], f"Residuele grondwaarde — P09 {LANG}"),
        },
        stijl,
        "rest",
    )
    trekkingen = np.random.default_rng(1).normal(1e7, 2e6, 500)
    gr.histogram(trekkingen, f"Woningen ontsloten — {LANG}", "aantal", stijl)
    tornadotabel = pd.DataFrame(
        {"uitkomst_laag": [9e6, 9.5e6], "uitkomst_hoog": [1.1e7, 1.05e7], "laag": [0.1, 1.0],
         "hoog": [0.2, 2.0], "basis": [0.15, 1.5]},
        index=["kosten.bijkomend", "kosten.wr"],
    )  # fmt: skip
    gr.tornado(tornadotabel, 1e7, f"Gevoeligheid: {LANG}", "euro", stijl)
    saldo = pd.Series([5e6, 3e6, 4e6], index=[2026, 2027, 2028])
    gr.fondssaldo({LANG: saldo, "ander fonds": saldo / 2}, stijl, f"Fondssaldo — {LANG}")
    r = bereken(laad_scenario(SCENARIOS / "fonds_gemengd.yaml"))
    r.scenario.naam = LANG
    for png in gr.alle_grafieken(r, stijl).values():
        assert png.startswith(b"\x89PNG")
    bronnen = next(iter(r.fondsen.values())).bronnen_en_bestedingen
    gr.bronnen_en_bestedingen({LANG: bronnen}, stijl, f"Bronnen en bestedingen — {LANG}")
    gr.ontsluitingscurve({LANG: r.ontsluitingscurve}, stijl, f"Ontsluitingscurve — {LANG}")
    assert len(figuren) > 20
    for fig in figuren:
        assert _buiten(fig) == [], [t.get_text() for a in fig.axes for t in (a._left_title,)]

    # the check itself: the same title without wrapping runs off the image
    fig = figuren[0]
    fig.axes[0]._left_title.set_wrap(False)
    assert _buiten(fig)


def test_elke_reeks_een_eigen_kleur(figuren: list[Figure]) -> None:
    """The palette has 7 colours and the example 8 functies: 'middenhuur vanaf 2028' had the
    colour of 'sociale huur' in the stacked ORT chart. Beyond the house colours a series gets
    a lighter or darker version of one, and a pattern."""
    from transformatiecalc.uitvoer.grafieken.opmaak import _afstand, reeksstijlen

    stijl = Huisstijl()
    for n in (3, 7, 8, 9, 20, 40):
        stijlen = reeksstijlen(stijl, n)
        assert len({r.kleur for r in stijlen}) == n
        assert [r.kleur for r in stijlen[:7]] == stijl.kleuren.grafiek[:n]  # the house style first
        assert all(r.arcering is None for r in stijlen[:7])
        assert all(r.arcering and r.lijn != "-" for r in stijlen[7:])
    extra = reeksstijlen(stijl, 14)[7:]
    assert (
        min(_afstand(a.kleur, b.kleur) for a in extra for b in reeksstijlen(stijl, 14) if a != b)
        >= 15
    )
    # a template that lists a colour twice: still distinct
    dubbel = Huisstijl.model_validate({"kleuren": {"grafiek": ["#1F4E79", "#1F4E79", "#C55A11"]}})
    assert len({r.kleur for r in reeksstijlen(dubbel, 5)}) == 5
    # one colour, many series: ends (an endless search for more shades hung the run), each
    # series styled, the shades used again with their patterns
    een = Huisstijl.model_validate({"kleuren": {"grafiek": ["#1F4E79"] * 3}})
    veel = reeksstijlen(een, 60)
    assert len(veel) == 60 and len({r.kleur for r in veel}) >= 10
    assert all(r.arcering for r in veel[1:])

    r = bereken(laad_scenario(SCENARIOS / "voorbeeld_binnenstad.yaml"))
    assert r.functies["functie"].nunique() > len(stijl.kleuren.grafiek)
    gr.ort_per_pand(r, stijl)
    ax = figuren[-1].axes[0]
    series = {
        c.get_label(): (tuple(c.patches[0].get_facecolor()), c.patches[0].get_hatch())
        for c in ax.containers
    }
    assert len(series) == r.functies["functie"].nunique()
    assert len(set(series.values())) == len(series), series

    saldo = pd.Series([5e6, 3e6, 4e6], index=[2026, 2027, 2028])
    gr.fondssaldo({f"versie {i}": saldo * i for i in range(1, 10)}, stijl)
    lijnen = [(lijn.get_color(), lijn.get_linestyle()) for lijn in figuren[-1].axes[0].lines[:-1]]
    assert len(lijnen) == 9 and len({k for k, _ in lijnen}) == 9


def test_histogram_van_een_aantal_staat_op_hele_getallen() -> None:
    """Homes unlocked over the draws: bin edges halfway between whole numbers (one value
    per bar while at most 50 are spanned), the axis and the P-labels without a decimal."""
    import numpy as np

    from transformatiecalc.uitvoer.grafieken.analyse import bakken
    from transformatiecalc.uitvoer.grafieken.opmaak import as_notatie

    woningen = np.array([6, 12, 12, 22, 38, 38, 39, 54, 55], dtype=float)
    randen = bakken(woningen, "aantal")
    assert isinstance(randen, list)
    assert randen[0] == 5.5 and randen[-1] == 55.5 and len(randen) == 51
    assert np.all(np.diff(randen) == 1.0)
    breed = bakken(np.array([0.0, 120.0]), "aantal")
    assert isinstance(breed, list) and breed[1] - breed[0] == 3.0 and breed[0] == -0.5
    assert bakken(woningen, "euro") == 10  # amounts: about √n bins, at least 10
    notatie = as_notatie("aantal")
    assert notatie(12.0, None) == "12" and notatie(1500.0, None) == "1.500"
    assert notatie(38.5, None) == "38,5"


def test_histogram_van_een_enkele_waarde(figuren: list[Figure]) -> None:
    """Every draw the same count: whole-number ticks around it (the locator fell back to
    37,5 … 38,2) and one line and label for the coinciding percentiles (three labels stood
    on each other)."""
    import numpy as np

    from transformatiecalc.uitvoer.grafieken.analyse import _percentielen, histogram

    assert _percentielen(np.array([38.0] * 100)) == [("P5 = P50 = P95", 38.0, "-")]
    assert [p[0] for p in _percentielen(np.arange(1.0, 11.0))] == ["P5", "P50", "P95"]
    histogram(np.array([38.0] * 100), "Woningen ontsloten", "aantal", Huisstijl())
    ax = figuren[-1].axes[0]
    figuren[-1].canvas.draw()
    zichtbaar = [t for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert zichtbaar and all(float(t).is_integer() for t in zichtbaar)
    assert 38.0 in zichtbaar
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["P5 = P50 = P95: 38"]
