"""Fondsen onder onzekerheid (issue #18): replicas of a fund scenario computed together
give every number of each replica computed alone, bit for bit."""

from __future__ import annotations

import copy
import math
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategieen import volledige_scenarios

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from bits import fondsgevallen

from transformatiecalc import valideer
from transformatiecalc.analyse.reeks import bereken_reeks, deel, kansen, stapel
from transformatiecalc.engine import bereken_invoer, invoer_uit_scenario
from transformatiecalc.engine.portefeuille import (
    Portefeuille,
    bereken_portefeuille,
    bereken_replicas,
)
from transformatiecalc.engine.portefeuilleinvoer import met_stappen, portefeuille_invoer


def _replica(data: dict[str, Any], factor: float, voet: float) -> dict[str, Any]:
    """The scenario with its building costs × `factor` and another market rate: other gaps,
    so other requests, waiting lists and ledgers."""
    d = copy.deepcopy(data)
    kosten = d["kosten"]["per_m2_bvo"]
    for k in kosten:
        kosten[k] = kosten[k] * factor
    d["markt"]["disconteringsvoet"] = voet
    return d


#: Building costs of the replicas, as a factor on the scenario's.
FACTOREN = (0.85, 1.0, 1.1, 1.25)


def _waarde(v: object) -> float:
    return math.nan if v is None else float(v)  # type: ignore[arg-type]


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    data=volledige_scenarios(max_panden=6),
    factoren=st.lists(st.floats(0.6, 1.6), min_size=2, max_size=4),
    voeten=st.lists(st.floats(0.01, 0.09), min_size=4, max_size=4),
)
def test_replicas_samen_zijn_elke_replica_alleen(
    data: dict[str, Any], factoren: list[float], voeten: list[float]
) -> None:
    scenarios = [valideer(_replica(data, f, v)) for f, v in zip(factoren, voeten, strict=False)]
    reeks = bereken_reeks(iter(scenarios), per_blok=len(scenarios))
    for r, sc in enumerate(scenarios):
        u = bereken_invoer(invoer_uit_scenario(sc))
        assert np.array_equal(reeks.onrendabele_top[r], u.onrendabele_top)
        if not met_stappen(sc):
            continue
        pf = bereken_portefeuille(sc, u)
        assert np.array_equal(reeks.onrendabele_top_na[r], pf.ort_na)
        for f in pf.fondsen:
            for k, v in {**f.kpi, **kansen(f.kpi)}.items():
                assert np.array_equal(reeks.fondsen[f.naam][k][r], _waarde(v), equal_nan=True), (
                    f.naam,
                    k,
                )
            assert np.array_equal(reeks.fondssaldo[f.naam][r], f.grootboek["eind"])
        for k, v in pf.programma.items():
            if not isinstance(v, str):
                assert np.array_equal(reeks.programma[k][r], _waarde(v), equal_nan=True), k


def _alle_getallen(pf: Portefeuille) -> dict[str, Any]:
    """Every number of the portfolio stages: each fund's arrays, ledger, tranches and KPIs,
    the gaps after each stage and the programme."""
    uit: dict[str, Any] = {"ort_na": pf.ort_na, "programma": pf.programma}
    for i, f in enumerate(pf.fondsen):
        for v in fields(f):
            uit[f"fonds{i}.{v.name}"] = getattr(f, v.name)
    return uit


def _gelijk(a: Any, b: Any) -> bool:
    """Equal to the bit (arrays by their bytes, -0.0 ≠ 0.0), recursively."""
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_gelijk(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(_gelijk(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray | float | np.floating):
        x, y = np.asarray(a), np.asarray(b)
        return x.dtype == y.dtype and x.shape == y.shape and x.tobytes() == y.tobytes()
    return bool(a == b) and type(a) is type(b)


@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(
    data=volledige_scenarios(max_panden=6),
    factoren=st.lists(st.floats(0.5, 1.8), min_size=2, max_size=5),
)
def test_kasboek_over_replicas_is_elke_replica_alleen(
    data: dict[str, Any], factoren: list[float]
) -> None:
    """Issue #18 item 1: the portfolio stages of R replicas at once (one year loop of each
    fund over all of them) give every number of each replica run alone, bit for bit.
    Replicas differ in building costs, so in gaps, order of service, waiting lists, cash
    and settlement; their portfolio inputs (the fund's terms) are the same."""
    scenarios = [valideer(_replica(data, f, data["markt"]["disconteringsvoet"])) for f in factoren]
    assume(met_stappen(scenarios[0]))
    pinv = portefeuille_invoer(scenarios[0])
    invoeren = [invoer_uit_scenario(s) for s in scenarios]
    u = bereken_invoer(stapel(invoeren))
    delen = [deel(u, i, len(invoeren)) for i in range(len(invoeren))]
    samen = bereken_replicas(pinv, u, delen)
    for sc, inv, pf in zip(scenarios, invoeren, samen, strict=True):
        alleen = bereken_portefeuille(sc, bereken_invoer(inv))
        a, b = _alle_getallen(alleen), _alle_getallen(pf)
        verschil = [k for k in a if not _gelijk(a[k], b[k])]
        assert not verschil, verschil


@pytest.mark.parametrize("geval", range(9))
def test_kasboek_over_replicas_met_lange_wachtrijen(geval: int) -> None:
    """The same for the bundled fund designs and an oversubscribed 300-pand fund under each
    allocation convention (wachten with max_wachttijd, deels, alleen_sluitend with a
    kredietlimiet, prioriteit with deelneming and garantie): four replicas whose costs
    differ, so their waiting lists and cash part ways."""
    naam, data = fondsgevallen(300)[geval]
    scenarios = [valideer(_replica(data, f, data["markt"]["disconteringsvoet"])) for f in FACTOREN]
    if not met_stappen(scenarios[0]):
        pytest.skip(f"{naam} heeft geen verevening of fonds")
    pinv = portefeuille_invoer(scenarios[0])
    invoeren = [invoer_uit_scenario(s) for s in scenarios]
    u = bereken_invoer(stapel(invoeren))
    samen = bereken_replicas(pinv, u, [deel(u, i, len(invoeren)) for i in range(len(invoeren))])
    kort = 0
    for sc, inv, pf in zip(scenarios, invoeren, samen, strict=True):
        alleen = bereken_portefeuille(sc, bereken_invoer(inv))
        a, b = _alle_getallen(alleen), _alle_getallen(pf)
        verschil = [k for k in a if not _gelijk(a[k], b[k])]
        assert not verschil, (naam, verschil)
        kort += sum(f.kpi["uitputtingsjaar"] is not None for f in pf.fondsen)
    if naam.startswith("fonds_"):
        assert kort > 0, "het fonds hoort overvraagd te zijn"


def test_versies_met_een_andere_tijdlijn_delen_geen_kasboek() -> None:
    """Versions whose portfolio inputs are equal but whose core timeline is not (mid-year
    discounting here) must not share a fund's year loop: the fund discounts with the
    timeline of its own version. Each version of a vergelijk equals its run alone."""
    data = dict(fondsgevallen(60))["fonds_60_0"]
    midden = copy.deepcopy(data)
    midden["conventies"]["disconteringsmoment"] = "midden_jaar"
    duurder = _replica(data, 1.1, data["markt"]["disconteringsvoet"])
    scenarios = [valideer(d) for d in (data, midden, duurder)]
    reeks = bereken_reeks(iter(scenarios), per_blok=3)
    for r, sc in enumerate(scenarios):
        pf = bereken_portefeuille(sc, bereken_invoer(invoer_uit_scenario(sc)))
        assert np.array_equal(reeks.onrendabele_top_na[r], pf.ort_na), r
        for f in pf.fondsen:
            assert np.array_equal(reeks.fondssaldo[f.naam][r], f.grootboek["eind"]), r


def _zonder_overslaan(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every package built with its flows and checked against the prognose in full."""
    from transformatiecalc.engine.fondsen.kasboek import Kasboek

    monkeypatch.setattr(Kasboek, "kan_niet", lambda self, nu, r: np.zeros(np.shape(nu), dtype=bool))


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(data=volledige_scenarios(max_panden=6))
def test_overslaan_op_de_uitgave_van_dit_jaar_verandert_niets(data: dict[str, Any]) -> None:
    """A package whose outlay this year alone exceeds the cash (Kasboek.kan_niet) is not
    built: every number is the same as when every package is built and checked in full."""
    sc = valideer(copy.deepcopy(data))
    assume(sc.fondsen)
    u = bereken_invoer(invoer_uit_scenario(sc))
    snel = _alle_getallen(bereken_portefeuille(sc, u))
    with pytest.MonkeyPatch.context() as mp:
        _zonder_overslaan(mp)
        vol = _alle_getallen(bereken_portefeuille(sc, u))
    verschil = [k for k in vol if not _gelijk(vol[k], snel[k])]
    assert not verschil, verschil


@pytest.mark.parametrize("naam", ["fonds_300_0", "fonds_300_2", "fonds_300_3"])
def test_overslaan_verandert_niets_bij_lange_wachtrijen(
    naam: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for the oversubscribed 300-pand fund under each convention that waits
    (bij_geldgebrek: deels does not), where most packages are passed over and the waiting
    list is sized again every year."""
    data = dict(fondsgevallen(300))[naam]
    sc = valideer(data)
    u = bereken_invoer(invoer_uit_scenario(sc))
    snel = _alle_getallen(bereken_portefeuille(sc, u))
    _zonder_overslaan(monkeypatch)
    vol = _alle_getallen(bereken_portefeuille(sc, u))
    verschil = [k for k in vol if not _gelijk(vol[k], snel[k])]
    assert not verschil, (naam, verschil)
    assert snel["fonds0.kpi"]["panden_gewacht"] > 0, "het fonds hoort overvraagd te zijn"
