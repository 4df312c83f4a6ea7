"""NCW and IRR against independent implementations (numpy-financial, pyxirr).

Our convention: CF_0 undiscounted, CF_t at (1+r)^−t — the same as numpy-financial's
``npv`` and pyxirr's default, and Excel's ``=CF0 + NPV(r; CF1:CFn)``.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from strategieen import scenarios

from transformatiecalc import bereken, valideer
from transformatiecalc.engine.kasstroom import IrrReden, irr, ncw, tekenwisselingen
from transformatiecalc.engine.tijd import disconteringsfactoren


def _conventioneel(n: int, t: int, seed: int) -> np.ndarray:
    """Outflows over 1–3 years, then inflows (rents, exit): one sign change per row."""
    rng = np.random.default_rng(seed)
    cf = np.zeros((n, t))
    bouw = rng.integers(1, 4, n)
    start = rng.integers(0, 3, n)
    for i in range(n):
        s, b = start[i], bouw[i]
        cf[i, s : s + b] = -rng.uniform(1e5, 2e7) * rng.dirichlet(np.ones(b))
        inkomsten = rng.uniform(0.02, 0.12) * -cf[i].sum()
        cf[i, s + b :] = inkomsten * (1 + rng.uniform(0, 0.03)) ** np.arange(t - s - b)
        if rng.random() < 0.5:  # a development with a single exit value instead of rents
            cf[i, s + b :] = 0.0
            cf[i, s + b] = -cf[i].sum() * rng.uniform(0.5, 2.0)
    return cf


@settings(max_examples=40, deadline=None)
@given(scenarios(max_panden=4))
def test_gerapporteerde_ncw_tegen_numpy_financial(data: dict[str, Any]) -> None:
    """The NCW the engine reports per pand (``panden.ncw``, summed in closed form per
    functie) is numpy-financial's ``npv`` of the cash flow it shows (``kasstromen``).

    numpy-financial's ``npv`` does not discount its first value (t = 0 is the peildatum),
    which is our ``eind_jaar``; with ``midden_jaar`` every later year moves half a year
    closer: CF_0 + (1 + r)^½ · (npv − CF_0).
    """
    npf = pytest.importorskip("numpy_financial")
    res = bereken(valideer(data))
    inv = res.uitkomst.invoer
    stromen = res.kasstromen["kasstroom"]
    for i, pand in enumerate(res.panden.index):
        cf = stromen.loc[pand].to_numpy()
        r = float(inv.disconteringsvoet[i])
        orakel = float(npf.npv(r, cf))
        if inv.midden_jaar:
            orakel = cf[0] + (1.0 + r) ** 0.5 * (orakel - cf[0])
        eigen = float(res.panden.loc[pand, "ncw"])
        schaal = float(np.abs(cf).sum()) + 1.0
        assert eigen == pytest.approx(orakel, rel=1e-9, abs=1e-9 * schaal), pand


def test_ncw_functie_tegen_numpy_financial() -> None:
    """kasstroom.ncw (the IRR tests and the benchmark's floor use it) on random flows."""
    npf = pytest.importorskip("numpy_financial")
    rng = np.random.default_rng(1)
    cf = rng.normal(0, 1e6, size=(200, 40))
    r = rng.uniform(0.0, 0.15, size=200)
    eigen = ncw(cf, disconteringsfactoren(r, 40, midden_jaar=False))
    orakel = np.array([npf.npv(r[i], cf[i]) for i in range(200)])
    assert np.allclose(eigen, orakel, rtol=1e-12, atol=1e-6)


def test_ncw_tegen_excel_conventie_van_pyxirr() -> None:
    pyxirr = pytest.importorskip("pyxirr")
    cf = [-100.0, 60.0, 60.0]
    assert ncw(np.array([cf]), disconteringsfactoren(np.array([0.1]), 3, False))[
        0
    ] == pytest.approx(4.1322314049587, abs=1e-12)
    # Excel's NPV() discounts its first argument one period; =CF0 + NPV(r; CF1:CFn) is ours
    assert cf[0] + pyxirr.npv(0.1, cf[1:], start_from_zero=False) == pytest.approx(4.1322314049587)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_irr_tegen_numpy_financial_en_pyxirr(seed: int) -> None:
    npf = pytest.importorskip("numpy_financial")
    pyxirr = pytest.importorskip("pyxirr")
    cf = _conventioneel(300, 30, seed)
    eigen, reden = irr(cf)
    assert (reden == IrrReden.OK).all()
    for i in range(cf.shape[0]):
        assert eigen[i] == pytest.approx(pyxirr.irr(cf[i]), abs=1e-9)
        assert eigen[i] == pytest.approx(npf.irr(cf[i]), abs=1e-9)


def test_irr_veel_rijen_geen_ruis_bij_de_wortel() -> None:
    # A convergence test after bracketing once let floating-point noise trigger
    # bisections and left rows off by 1e-12; here every row must match pyxirr.
    pyxirr = pytest.importorskip("pyxirr")
    cf = _conventioneel(3000, 50, 7)
    eigen, reden = irr(cf)
    orakel = np.array([pyxirr.irr(rij) for rij in cf])
    assert (reden == IrrReden.OK).all()
    assert np.max(np.abs(eigen - orakel)) < 1e-9


def test_irr_met_voorloopnullen_en_instroom_eerst() -> None:
    # a project starting in year 2 has the same IRR as when it starts in year 0
    eigen, _ = irr(np.array([[0.0, 0.0, -100.0, 0.0, 121.0], [-100.0, 0.0, 121.0, 0.0, 0.0]]))
    assert eigen == pytest.approx([0.1, 0.1], abs=1e-12)
    # a loan seen from the borrower: money in first, out later
    eigen, reden = irr(np.array([[100.0, -110.0]]))
    assert reden[0] == IrrReden.OK and eigen[0] == pytest.approx(0.1, abs=1e-12)


def test_irr_redenen() -> None:
    cf = np.array(
        [
            [-100.0, -50.0, 0.0],  # no sign change
            [0.0, 0.0, 0.0],  # nothing at all
            [-50.0, -100.0, 600.0, 300.0, -100.0],  # two sign changes: Excel 185 %, npf −77 %
            [-1.0, 1_000.0, 0.0],  # IRR 99 900 %: outside the bracket
            [-1e6, 0.0, 1.0],  # IRR −99,9 %: inside
        ],
        dtype=object,
    )
    rijen = [np.array(r, dtype=float) for r in cf]
    lengte = max(len(r) for r in rijen)
    matrix = np.array([np.pad(r, (0, lengte - len(r))) for r in rijen])
    waarde, reden = irr(matrix)
    assert list(reden) == [
        IrrReden.GEEN_WISSELING,
        IrrReden.GEEN_WISSELING,
        IrrReden.MEERDERE_WISSELINGEN,
        IrrReden.BUITEN_BEREIK,
        IrrReden.OK,
    ]
    assert np.isnan(waarde[:4]).all()
    assert waarde[4] == pytest.approx(1e-3 - 1, abs=1e-12)


def test_irr_midden_jaar_lost_eigen_ncw_op() -> None:
    cf = _conventioneel(200, 25, 11)
    waarde, reden = irr(cf, midden_jaar=True)
    assert (reden == IrrReden.OK).all()
    d = disconteringsfactoren(waarde, 25, midden_jaar=True)
    schaal = np.abs(cf).sum(axis=1)
    assert np.all(np.abs(ncw(cf, d)) <= 1e-10 * schaal)


def test_tekenwisselingen_negeert_nullen() -> None:
    cf = np.array([[-1, 0, 0, 2, 0, -1], [0, -1, 0, -2, 3, 0], [1, 1, 0, 1, 0, 0]], dtype=float)
    assert list(tekenwisselingen(cf)) == [2, 1, 0]


def test_tekenwisselingen_per_rij_zoals_geteld() -> None:
    """Against the definition, row by row: changes between consecutive non-zero flows."""
    rng = np.random.default_rng(11)
    cf = rng.choice([0.0, -0.0, 3.5, -1.25], size=(500, 9), p=[0.4, 0.1, 0.25, 0.25])
    verwacht = []
    for rij in cf:
        tekens = [np.sign(x) for x in rij if x != 0]
        verwacht.append(sum(a != b for a, b in itertools.pairwise(tekens)))
    assert list(tekenwisselingen(cf)) == verwacht
