"""Dask as the engine beyond one machine (issue #18 item 3): the same numbers, bit for bit,
whether the blocks run here or as tasks on a cluster; the same located messages; a clear
message without the extra; the cluster closed on the way out.

One cluster of two worker processes serves the tests that point at a scheduler (--dask);
one test starts its own through --werkers 2, as a user does."""

from __future__ import annotations

import json
import logging
import pickle
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from hulp import cli

from transformatiecalc.analyse import uitvoerder as uv
from transformatiecalc.analyse.onzekerheid import monte_carlo
from transformatiecalc.analyse.reeks import Basis
from transformatiecalc.cli import main
from transformatiecalc.fouten import Melding, ScenarioFout

distributed = pytest.importorskip("distributed")  # in the test extra: runs in CI

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
FONDS = ROOT / "scenarios" / "fonds_gemengd.yaml"  # erft_van voorbeeld: resolved before sending


@pytest.fixture(scope="module")
def adres() -> Iterator[str]:
    """The scheduler of a local cluster of two worker processes."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    ) as cluster:
        yield cluster.scheduler_address


def _draai(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """The command line in this process (no start-up of a new interpreter per call)."""
    code = main(list(args))
    uit = capsys.readouterr()
    return code, uit.out, uit.err


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    code, uit, fout = _draai(capsys, *args, "--json", "-", "--stil")
    assert code == 0, fout
    return uit


def test_werkers_2_zelfde_json_als_een_proces(capsys: pytest.CaptureFixture[str]) -> None:
    """The done-when of the issue, small and as a user runs it: a fund scenario (fast path,
    ledger per draw) on a local cluster of two processes gives the same JSON as one process,
    byte for byte, and nothing on stderr (no worker logs, no warnings)."""
    args = ("onzeker", str(FONDS), "-n", "24", "--seed", "3")
    lokaal = _json(capsys, *args)
    dask = cli(*args, "--json", "-", "--stil", "--werkers", "2")
    assert dask.returncode == 0, dask.stderr
    assert dask.stdout == lokaal and dask.stderr == ""
    assert json.loads(lokaal)["trekkingen"] == 24


def test_dask_onzeker_zelfde_tabel(adres: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ("onzeker", str(FONDS), "-n", "12", "--per-pand")
    lokaal = _draai(capsys, *args)
    assert lokaal[0] == 0 and "gemengd_fonds" in lokaal[1]
    assert _draai(capsys, *args, "--dask", adres) == lokaal


def test_dask_exacte_weg_gelijk(adres: str) -> None:
    """Every draw validated as a file on the workers (the Basis travels, not the file)."""
    basis = Basis.laad(FONDS)
    lokaal = monte_carlo(basis, 6, snel=False)
    with distributed.Client(adres) as client:
        gezien: list[int] = []
        dask = monte_carlo(
            basis, 6, snel=False, uitvoerder=uv.Dask(client), voortgang=gezien.append
        )
    assert not dask.snel and sum(gezien) == 6 and len(gezien) > 1  # several tasks
    a, b = (m.uitkomsten().to_numpy(dtype=np.float64) for m in (lokaal, dask))
    assert a.tobytes() == b.tobytes()
    for s in ("onrendabele_top", "onrendabele_top_na"):
        assert getattr(lokaal.reeks, s).tobytes() == getattr(dask.reeks, s).tobytes()


def test_dask_controlepunten_op_de_werkers(adres: str) -> None:
    """The fast way's probes are validated as tasks: the same affine model as here, and a
    probe the schema refuses on a worker still means the exact way (None)."""
    from transformatiecalc.analyse.snel import affiene_invoer

    basis = Basis.laad(FONDS)
    paden = ["functies.middenhuur.huur_per_maand", "kosten.per_m2_bvo.transformatie_licht"]
    laag, hoog = np.array([1000.0, 1000.0]), np.array([1200.0, 1300.0])
    hier = affiene_invoer(basis, paden, laag, hoog)
    taken: list[int] = []

    class Tellend(uv.Dask):
        def kaart(self, functie, gedeeld, stukken):  # type: ignore[no-untyped-def]
            stukken = list(stukken)
            taken.append(len(stukken))
            return super().kaart(functie, gedeeld, stukken)

    with distributed.Client(adres) as client:
        daar = affiene_invoer(basis, paden, laag, hoog, Tellend(client))
        ongeldig = affiene_invoer(basis, paden, np.array([-5.0, 1000.0]), hoog, Tellend(client))
    assert hier is not None and daar is not None and ongeldig is None
    assert taken == [7, 7]  # three probes per path and the joint one, as tasks
    assert pickle.dumps((hier.helling, hier.kopie, hier.v0)) == pickle.dumps(
        (daar.helling, daar.kopie, daar.v0)
    )


def test_dask_gevoelig_en_vergelijk_gelijk(adres: str, capsys: pytest.CaptureFixture[str]) -> None:
    gevoelig = (
        "gevoelig",
        str(FONDS),
        "-p",
        "markt.indexatie.bouwkosten=±50%",
        "--raster",
        "markt.indexatie.bouwkosten=0.01:0.1",
        "--raster",
        "functies.middenhuur.waardering.bar=0.04:0.06",
        "--stappen",
        "3",
        "--uitkomst",
        "fondsen.gemengd_fonds.woningen_ontsloten",
    )
    assert _json(capsys, *gevoelig, "--dask", adres) == _json(capsys, *gevoelig)
    vergelijk = ("vergelijk", str(VOORBEELD))  # the file and its variants, with a fund
    assert _json(capsys, *vergelijk, "--dask", adres) == _json(capsys, *vergelijk)


def test_fout_in_een_taak_zelfde_melding(adres: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Grid points in rows 4 and 5 are out of range, each its own task: the message names the
    first of them, located in the file, exactly as without Dask (exit 1, no traceback)."""
    args = (
        "gevoelig",
        str(VOORBEELD),
        "--raster",
        "markt.indexatie.bouwkosten=0.01:0.3",
        "--raster",
        "functies.middenhuur.waardering.bar=0.04:0.06",
    )
    lokaal, dask = _draai(capsys, *args), _draai(capsys, *args, "--dask", adres)
    assert lokaal[0] == 1 and dask == lokaal
    assert "voorbeeld_binnenstad.yaml:44:17" in dask[2] and "= 0.2275," in dask[2]
    assert "Traceback" not in dask[2]


@pytest.mark.filterwarnings("ignore:Port 8787")  # the module's cluster holds it
def test_cluster_dicht_na_een_fout(tmp_path: Path) -> None:
    """An error inside a task closes the local cluster on the way out (one worker here)."""
    basis = Basis.laad(VOORBEELD)
    from transformatiecalc.analyse.gevoeligheid import Bereik, tornado

    b = Bereik("markt.indexatie.bouwkosten", 0.03, 0.01, 5.0)
    with pytest.raises(ScenarioFout) as fout, uv.dask_uitvoerder(werkers=1) as u:
        client = u.client
        assert u.gelijktijdig == 1
        tornado(basis, [b], "onrendabele_top", uitvoerder=u)
    assert "mag hoogstens 0.2 zijn" in str(fout.value.meldingen[0])
    assert client.status == "closed"


def test_scenariofout_over_de_lijn() -> None:
    fout = ScenarioFout([Melding("a.yaml", 3, 5, "markt.x", "trekking 2: te groot")])
    terug = pickle.loads(pickle.dumps(fout))
    assert terug.meldingen == fout.meldingen and str(terug) == str(fout)


def test_werkers_van_een_andere_versie(adres: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import transformatiecalc

    monkeypatch.setattr(transformatiecalc, "__version__", "0.0.0-anders")
    with pytest.raises(uv.DaskFout, match="installeer op elke werker dezelfde versie"):  # noqa: SIM117
        with uv.dask_uitvoerder(adres):
            pass


def test_scheduler_onbereikbaar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(uv, "VERBINDEN_S", 1)
    with pytest.raises(uv.DaskFout, match="niet bereiken"), uv.dask_uitvoerder("tcp://127.0.0.1:1"):
        pass
    with pytest.raises(uv.DaskFout, match="geen adres van een Dask-scheduler"):  # noqa: SIM117
        with uv.dask_uitvoerder("onzin"):
            pass


def test_zonder_de_extra(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without distributed: the commands run as today; --werkers and --dask say how to install
    the extra (exit 1)."""
    monkeypatch.setitem(sys.modules, "distributed", None)  # import fails, find_spec gives None
    for optie in (["--werkers", "2"], ["--dask", "tcp://scheduler:8786"]):
        assert main(["onzeker", str(FONDS), "-n", "3", "--stil", *optie]) == 1
        fout = capsys.readouterr().err
        assert "pip install 'transformatiecalc[dask]'" in fout and optie[0] in fout
    with (
        pytest.raises(uv.DaskFout, match=r"transformatiecalc\[dask\]"),
        uv.dask_uitvoerder(werkers=1),
    ):
        pass
    assert main(["onzeker", str(FONDS), "-n", "3", "--stil"]) == 0


def test_dask_en_werkers_samen_is_gebruiksfout(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, fout = _draai(capsys, "onzeker", str(FONDS), "--werkers", "2", "--dask", "tcp://x:1")
    assert code == 2 and "niet allebei" in fout


def test_blokgrootte() -> None:
    assert uv.blokgrootte(uv.LOKAAL, 10_000, 1_224) == 1_224
    twee = type("Twee", (), {"gelijktijdig": 2})()
    assert uv.blokgrootte(twee, 10_000, 1_224) == 313  # 16 blocks per worker
    # never above the memory bound: four rounds of 32 blocks of 79 (the last takes the rest)
    assert uv.blokgrootte(twee, 10_000, 100) == 79
    assert uv.blokgrootte(twee, 5, 1_224) == 1
    # a fund: one block per worker per round, as large as memory allows
    assert uv.blokgrootte(twee, 200, 300, uv.BLOKKEN_PER_WERKER_FONDSEN) == 100
    assert uv.blokgrootte(twee, 1_000, 300, uv.BLOKKEN_PER_WERKER_FONDSEN) == 250
