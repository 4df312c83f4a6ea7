"""Blocks on threads in this process (analyse.uitvoerder.Draden, issue #18): the same
numbers as one block after another, results in block order, the earliest failing block's
error, and no block started after an error beyond those already in flight."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from transformatiecalc.analyse import onzekerheid
from transformatiecalc.analyse import uitvoerder as uv
from transformatiecalc.analyse.onzekerheid import monte_carlo
from transformatiecalc.analyse.reeks import Basis

ROOT = Path(__file__).resolve().parents[1]
FONDS = ROOT / "scenarios" / "fonds_gemengd.yaml"


def test_monte_carlo_met_fonds_op_draden_gelijk_aan_een_voor_een() -> None:
    """Blocks of 5 draws, two at a time on threads: every output bit for bit as the blocks
    one after another (the numbers depend on a block's own inputs only)."""
    basis = Basis.laad(FONDS)
    lokaal = monte_carlo(basis, 23, per_blok=5, uitvoerder=uv.LOKAAL)
    draden = monte_carlo(basis, 23, per_blok=5, uitvoerder=uv.Draden(2))
    assert lokaal.snel and draden.snel and draden.reeks.fondsen
    pd.testing.assert_frame_equal(lokaal.uitkomsten(), draden.uitkomsten(), check_exact=True)
    for a, b in ((lokaal.reeks, draden.reeks),):
        assert a.onrendabele_top.tobytes() == b.onrendabele_top.tobytes()
        assert a.onrendabele_top_na.tobytes() == b.onrendabele_top_na.tobytes()
    waaier_a, waaier_b = lokaal.saldo_waaier(), draden.saldo_waaier()
    assert waaier_a.keys() == waaier_b.keys() and waaier_a
    for naam in waaier_a:
        pd.testing.assert_frame_equal(waaier_a[naam], waaier_b[naam], check_exact=True)


def test_monte_carlo_met_fonds_kiest_draden_bij_twee_kernen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without an uitvoerder, a fund's Monte Carlo runs the probes and blocks of the fast
    way on two threads where the process may use two cores; one after another on one core,
    and the exact way (every draw validated as a file) always one after another."""
    gebruikt: list[int] = []
    kaart = uv.Draden.kaart

    def spion(self: uv.Draden, *args: object) -> object:
        gebruikt.append(self.gelijktijdig)
        return kaart(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(uv.Draden, "kaart", spion)
    basis = Basis.laad(FONDS)
    monkeypatch.setattr(onzekerheid, "kernen", lambda: 2)
    assert monte_carlo(basis, 6).snel
    assert gebruikt == [2, 2]  # the probes of the fast way, then the blocks
    assert not monte_carlo(basis, 6, snel=False).snel  # each draw a file: one after another
    assert gebruikt == [2, 2]
    monkeypatch.setattr(onzekerheid, "kernen", lambda: 1)
    monte_carlo(basis, 6)
    assert gebruikt == [2, 2]


def test_draden_in_blokvolgorde_ook_als_een_later_blok_eerder_klaar_is() -> None:
    def blok(_: None, i: int) -> int:
        time.sleep(0.05 if i % 2 == 0 else 0.0)
        return i * i

    assert list(uv.Draden(2).kaart(blok, None, range(7))) == [(i, i * i) for i in range(7)]
    assert list(uv.Draden(3).kaart(blok, None, [])) == []


def test_draden_de_fout_van_het_vroegste_blok_en_niets_meer_gestart() -> None:
    """Block 2 fails first in time, block 1 later: block 1's error is raised, as one block
    after another would; blocks past those in flight are never started."""
    gestart: list[int] = []
    slot = threading.Lock()

    def blok(_: None, i: int) -> int:
        with slot:
            gestart.append(i)
        if i == 1:
            time.sleep(0.1)
            raise ValueError("blok 1")
        if i == 2:
            raise ValueError("blok 2")
        return i

    uitkomsten = []
    with pytest.raises(ValueError, match="blok 1"):
        for i, x in uv.Draden(2).kaart(blok, None, range(10)):
            uitkomsten.append((i, x))
    assert uitkomsten == [(0, 0)]
    assert sorted(gestart) == [0, 1, 2]


def test_draden_stoppen_als_de_aanroeper_stopt() -> None:
    """A caller that stops early (Ctrl-C in the progress loop, an error downstream): the
    blocks in flight finish, no new one starts."""
    gestart: list[int] = []

    def blok(_: None, i: int) -> int:
        gestart.append(i)
        return i

    rij = uv.Draden(2).kaart(blok, None, range(100))
    assert next(rij) == (0, 0)
    rij.close()
    assert max(gestart) <= 2
    assert np.all(np.diff(sorted(gestart)) == 1)
