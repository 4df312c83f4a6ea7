"""The core's shortcuts give the same bits as the direct computation (issue #6).

The core saves work in four ways, each resting on one property tested here:

- the IRR iterates only on unfinished rows: a row's iterates do not depend on the other rows;
- a power per distinct rate or index, copied to its rows: the power is elementwise;
- V and EW computed once per price and shared: a row's value depends on its own price only;
- the IRR reads the total cash flow only through the last year with a flow, and the
  matrices per post and year are built on request: both equal the full computation;
- large portfolios are computed in blocks of panden on several threads: panden are
  independent in METHODE §1–5.

Each test compares exact bits (``tobytes``), not closeness: the JSON of a scenario must not
change by a single bit when the core is optimised (docs/prestaties.md, werkwijze).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import numpy as np
from hulp import reken
from hypothesis import given, settings
from hypothesis import strategies as st
from strategieen import scenarios

from transformatiecalc.engine import Uitkomst, bereken_invoer
from transformatiecalc.engine.blokken import Rekenopties
from transformatiecalc.engine.invoer import Methode
from transformatiecalc.engine.kasstroom import KASSTROOMPOSTEN, irr
from transformatiecalc.engine.opbrengst import Waardering
from transformatiecalc.engine.tijd import disconteringsfactoren, indexfactoren, looptijden
from transformatiecalc.engine.uitkomst import OP_VERZOEK


def _bits(a: Any) -> bytes:
    return np.ascontiguousarray(np.asarray(a, dtype=np.float64)).tobytes()


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.booleans())
def test_irr_van_een_rij_hangt_niet_af_van_de_andere_rijen(seed: int, midden_jaar: bool) -> None:
    rng = np.random.default_rng(seed)
    n, t = 40, 12
    cf = np.zeros((n, t))
    for i in range(n):
        s, b = rng.integers(0, 4), rng.integers(1, 4)
        cf[i, s : s + b] = -rng.uniform(1e4, 1e7, b)
        cf[i, s + b] = -cf[i].sum() * rng.uniform(0.3, 40.0)  # IRRs from −70 % to far above 100 %
    cf[rng.random(n) < 0.1] *= -1  # some rows start with an inflow
    samen, reden = irr(cf, midden_jaar)
    # rows split in one chunk per thread
    verdeeld, reden_verdeeld = irr(cf, midden_jaar, opties=Rekenopties(blok=4, draden=3))
    assert _bits(verdeeld) == _bits(samen)
    assert (reden_verdeeld == reden).all()
    for i in range(n):
        alleen, reden_i = irr(cf[i : i + 1], midden_jaar)
        assert _bits(alleen) == _bits(samen[i : i + 1]), i
        assert reden_i[0] == reden[i]


def test_macht_per_unieke_waarde_is_de_macht_per_rij() -> None:
    rng = np.random.default_rng(3)
    tau = looptijden(51, True)
    for r in (
        rng.choice([0.055, 0.0625, 0.07, -0.0], size=1_000),  # a few partijen: shared rows
        rng.uniform(0.0, 0.1, size=1_000),  # every rate differs: one power per row
    ):
        direct = np.power(1.0 + r[:, None], -tau)
        assert _bits(disconteringsfactoren(r, 51, True)) == _bits(direct)
        assert _bits(indexfactoren(r, 51, 3)) == _bits(
            np.power(1.0 + r[:, None], np.arange(51) + 3.0)
        )
    eén = np.full(500, 0.06)
    gedeeld = disconteringsfactoren(eén, 51, False)
    assert gedeeld.shape == (1, 51)
    assert _bits(np.broadcast_to(gedeeld, (500, 51))) == _bits(
        np.power(1.0 + eén[:, None], -np.arange(51.0))
    )


@settings(max_examples=40, deadline=None)
@given(scenarios())
def test_waarde_per_rij_hangt_alleen_af_van_de_eigen_prijs(data: dict[str, Any]) -> None:
    inv = reken(data).uitkomst.invoer
    voet = np.where(np.isnan(inv.waarderingsvoet), 0.06, inv.waarderingsvoet)
    huur = inv.methode != Methode.KOOP
    # a fresh Waardering per price: nothing cached from one price is reused for another
    enkel = Waardering(inv, voet).waarde(inv.prijs)
    dubbel = Waardering(inv, voet).waarde(2.0 * inv.prijs)
    gemengd = Waardering(inv, voet).waarde(np.where(huur, 2.0 * inv.prijs, inv.prijs))
    assert _bits(gemengd) == _bits(np.where(huur, dubbel, enkel))


@settings(max_examples=60, deadline=None)
@given(scenarios())
def test_kern_gelijk_aan_de_volledige_kasstroom(data: dict[str, Any]) -> None:
    u = reken(data).uitkomst
    inv = u.invoer
    totaal = np.zeros((inv.aantal_panden, inv.jaren))
    for post in KASSTROOMPOSTEN:  # the posts added one after another, over the whole horizon
        totaal = totaal + u.kasstroom[post] if post != KASSTROOMPOSTEN[0] else u.kasstroom[post]
    assert _bits(u.kasstroom_totaal) == _bits(totaal)
    waarde, reden = irr(u.kasstroom_totaal, inv.midden_jaar)
    assert _bits(u.irr) == _bits(waarde)
    assert (u.irr_reden == reden).all()
    assert _bits(u.kasstroom_totalen["kasstroom"]) == _bits(u.kasstroom_totaal.sum(axis=-1))
    d = disconteringsfactoren(inv.disconteringsvoet, inv.jaren, inv.midden_jaar)
    assert _bits(u.disconteringsfactor) == _bits(np.broadcast_to(d, totaal.shape))


#: Every array the core produces, including those built on request.
_UITKOMSTEN = [v.name for v in fields(Uitkomst) if v.name != "invoer"] + list(OP_VERZOEK)


def _zelfde(a: Uitkomst, b: Uitkomst) -> None:
    for naam in _UITKOMSTEN:
        x, y = getattr(a, naam), getattr(b, naam)
        if isinstance(x, dict):
            assert x.keys() == y.keys(), naam
            for k in x:
                assert _bits(x[k]) == _bits(y[k]), (naam, k)
        else:
            assert _bits(x) == _bits(y), naam


@settings(max_examples=30, deadline=None)
@given(scenarios(max_panden=6), st.integers(1, 3))
def test_blokken_en_draden_geven_dezelfde_bits(data: dict[str, Any], blok: int) -> None:
    inv = reken(data).uitkomst.invoer
    heel = bereken_invoer(inv)
    in_blokken = bereken_invoer(inv, Rekenopties(blok=blok, draden=2))
    _zelfde(heel, in_blokken)
    # and a block of panden is the calculation of those panden alone
    van, tot = 0, max(1, inv.aantal_panden // 2)
    _zelfde(heel.panden(van, tot), bereken_invoer(inv.panden(van, tot)))
