"""Fondsen onder onzekerheid (issue #18): replicas of a fund scenario computed together
give every number of each replica computed alone, bit for bit."""

from __future__ import annotations

import copy
import math
from typing import Any

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategieen import volledige_scenarios

from transformatiecalc import valideer
from transformatiecalc.analyse.reeks import bereken_reeks, kansen
from transformatiecalc.engine import bereken_invoer, invoer_uit_scenario
from transformatiecalc.engine.portefeuille import bereken_portefeuille
from transformatiecalc.engine.portefeuilleinvoer import met_stappen


def _replica(data: dict[str, Any], factor: float, voet: float) -> dict[str, Any]:
    """The scenario with its building costs × `factor` and another market rate: other gaps,
    so other requests, waiting lists and ledgers."""
    d = copy.deepcopy(data)
    kosten = d["kosten"]["per_m2_bvo"]
    for k in kosten:
        kosten[k] = kosten[k] * factor
    d["markt"]["disconteringsvoet"] = voet
    return d


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
