"""Herverkaveling and verevening (METHODE §6): hand-computed cases, legal edges, invariants."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hulp import basis, reken, zet
from hypothesis import given
from hypothesis import strategies as st
from strategieen import scenarios

from transformatiecalc.engine import herverkaveling as hv
from transformatiecalc.engine import potverdeling as pv
from transformatiecalc.engine import verevening as vv

CENT = 0.01


# ---------------------------------------------------------------- allocation rules
def test_pro_rata_naar_tekort_en_nooit_boven_een_tekort() -> None:
    tekort = np.array([100.0, 300.0])
    assert pv.pro_rata(tekort, 200.0) == pytest.approx([50.0, 150.0])
    assert pv.pro_rata(tekort, 500.0) == pytest.approx([100.0, 300.0])


ROOT = Path(__file__).resolve().parents[1]


def test_per_woning_gelijk_bedrag_per_woning_tot_het_tekort_dicht_is() -> None:
    tekort = np.array([100.0, 1_000.0, 50.0])
    woningen = np.array([1.0, 4.0, 0.0])
    # λ·1 + λ·4 = 300 → λ = 60; the pand without woningen gets nothing
    assert pv.per_woning(tekort, woningen, 300.0) == pytest.approx([60.0, 240.0, 0.0])
    # at λ = 100 the first pand is closed; the rest (600) goes to the second
    assert pv.per_woning(tekort, woningen, 700.0) == pytest.approx([100.0, 600.0, 0.0])
    assert pv.per_woning(tekort, woningen, 5_000.0) == pytest.approx([100.0, 1_000.0, 0.0])


def test_prioriteit_eerst_de_eerste_klasse_daarbinnen_pro_rata() -> None:
    tekort = np.array([100.0, 50.0, 300.0])
    klasse = np.array([1, 0, 1])
    # class 0 takes 50; the remaining 200 pro rata over 100 and 300
    assert pv.prioriteit(tekort, klasse, 250.0) == pytest.approx([50.0, 50.0, 150.0])


def test_een_ongeldige_pot_blijft_zichtbaar_en_een_lege_pot_geeft_niets() -> None:
    """A NaN pot (a NaN result upstream) is not an empty pot: its allocations are NaN, as
    each rule gives it alone, and a row beside it is untouched; a pot ≤ 0 allocates nothing."""
    tekort = np.array([[100.0, 300.0], [100.0, 300.0], [100.0, 300.0]])
    woningen = np.ones_like(tekort)
    klasse = np.array([0, 1])
    for methode in pv.Toewijzingsmethode:
        uit = pv.toewijzen_rijen(tekort, np.array([np.nan, 200.0, -5.0]), methode, woningen, klasse)
        alleen = pv.toewijzen(tekort[0], np.nan, methode, woningen[0], klasse)
        assert uit[0].tobytes() == alleen.tobytes(), methode
        assert uit[2].tolist() == [0.0, 0.0], methode
        assert uit[1].sum() == pytest.approx(200.0), methode
    for methode in ("pro_rata", "prioriteit"):
        assert np.isnan(pv.toewijzen(tekort[0], np.nan, methode, woningen[0], klasse)).all()


def test_prioriteitsklasse_eerste_vermelding_van_id_of_functie() -> None:
    klasse = pv.prioriteitsklasse(
        ["P1", "P2", "P3", "P4"],
        [{"sociaal"}, {"huisarts", "sociaal"}, {"koop"}, {"koop"}],
        ["huisarts", "P3", "sociaal"],
    )
    assert klasse.tolist() == [2, 0, 1, 3]


def test_herverkaveling_naar_inbrengwaarde_behoudt_het_totaal() -> None:
    resultaat = np.array([300.0, -100.0])
    aandeel = hv.aandelen_naar_rato(np.array([100.0, 300.0]))
    assert hv.herverdeel(resultaat, aandeel) == pytest.approx([50.0, 150.0])


# ------------------------------------------------------------- contributions
def test_bijdragen_publiek_privaat_plafond_en_drempel() -> None:
    overschot = np.array([100_000.0, 100_000.0, 100_000.0, 20_000.0, 30_000.0])
    publiek = np.array([True, False, False, False, False])
    basis_ = np.array([False, True, False, True, True])
    bvo = np.array([1_000.0, 1_000.0, 1_000.0, 1_000.0, 1_000.0])
    woningen = np.zeros(5)
    # aandeel: publiek 0,8·S; privaat 0,3·S with basis; 0,3·20.000 = 6.000 < drempel
    uit = vv.bijdragen(overschot, publiek, basis_, 0.8, "aandeel", 0.3, bvo, woningen, 10_000)
    assert uit == pytest.approx([80_000.0, 30_000.0, 0.0, 0.0, 0.0])
    # per m²: 25 × 1.000 = 25.000, capped at the pand's own surplus (20.000)
    uit = vv.bijdragen(overschot, publiek, basis_, 1.0, "per_m2", 25.0, bvo, woningen, 10_000)
    assert uit == pytest.approx([100_000.0, 25_000.0, 0.0, 20_000.0, 25_000.0])


@pytest.mark.parametrize(
    ("woningen", "bvo", "plichtig"),
    [(9, 0.0, False), (10, 0.0, True), (0, 1_499.99, False), (0, 1_500.0, True)],
)
def test_kostenverhaalplicht_op_de_grens(woningen: int, bvo: float, plichtig: bool) -> None:
    uit = vv.kostenverhaalplichtig(np.array([float(woningen)]), np.array([bvo]), 10, 1_500)
    assert bool(uit[0]) is plichtig


# ------------------------------------------------------------- whole scenarios
def _twee_panden(woningen: int = 10, **privaat: Any) -> dict[str, Any]:
    """A private pand with a surplus (high rent) and a gemeente pand with a gap."""
    data = basis()
    data["partijen"]["gemeente"] = {"soort": "gemeente"}
    data["functies"]["duur"] = {
        "soort": "huurwoning",
        "huur_per_maand": 2_000,
        "bvo_per_woning": 80,
        "waardering": {"methode": "bar", "bar": 0.05},
    }
    data["panden"][0]["transformatie"]["programma"] = [{"functie": "duur", "woningen": woningen}]
    tweede = zet(data, "panden.0.id", "P2")["panden"][0]
    tweede["eigenaar"] = "gemeente"
    tweede["huidig"] = {"marktwaarde": 2_000_000}
    tweede["transformatie"]["programma"] = [{"functie": "mh", "woningen": 10}]
    data["panden"].append(tweede)
    data["verevening"] = {
        "privaat": {"grondslag": "kostenverhaal", "aandeel": 0.3, "drempel": 10_000, **privaat}
    }
    return data


def test_privaat_draagt_bij_vanaf_tien_woningen() -> None:
    for woningen, draagt in ((9, False), (10, True)):
        r = reken(_twee_panden(woningen))
        v = r.verevening
        assert v is not None
        s = -r.panden.loc["P1", "onrendabele_top"]
        assert s > 10_000 / 0.3  # a surplus well above the drempel
        verwacht = 0.3 * s if draagt else 0.0
        assert v.loc["P1", "bijdrage"] == pytest.approx(verwacht, abs=CENT)
        assert v.loc["P1", "grondslag"] == ("kostenverhaal" if draagt else "geen")
        # the gemeente pand receives what was contributed (its gap is larger)
        assert v.loc["P2", "ontvangst"] == pytest.approx(verwacht, abs=CENT)
        assert v.loc["P2", "ort_na"] == pytest.approx(v.loc["P2", "ort_voor"] - verwacht, abs=CENT)


def test_anterieure_overeenkomst_is_ook_een_grondslag() -> None:
    data = zet(_twee_panden(9), "panden.0.transformatie.anterieure_overeenkomst", True)
    v = reken(data).verevening
    assert v is not None
    assert v.loc["P1", "grondslag"] == "overeenkomst"
    assert v.loc["P1", "bijdrage"] > 0


@pytest.mark.parametrize(("drempel", "geheven"), [(10_000.0, True), (10_000.01, False)])
def test_drempel_op_de_grens(drempel: float, geheven: bool) -> None:
    # 10 woningen × € 1.000 = € 10.000: charged at a drempel of 10.000, waived just above
    data = _twee_panden(10)
    data["verevening"]["privaat"] = {
        "grondslag": "kostenverhaal",
        "bijdrage_per_woning": 1_000,
        "drempel": drempel,
    }
    v = reken(data).verevening
    assert v is not None
    assert v.loc["P1", "bijdrage"] == pytest.approx(10_000.0 if geheven else 0.0)


def test_bijdrage_en_ontvangst_in_de_jaren_dat_ze_bewegen() -> None:
    r = reken(_twee_panden(10))
    v, stromen = r.verevening, r.vereveningsstromen
    assert v is not None and stromen is not None
    # start 2026, bouwtijd 1: the contribution is paid at oplevering (2027), discounted at 5 %
    assert v.loc["P1", "bijdrage_nominaal"] == pytest.approx(v.loc["P1", "bijdrage"] * 1.05)
    assert v.loc["P2", "ontvangst_nominaal"] == pytest.approx(v.loc["P2", "ontvangst"])
    assert stromen.loc[2027, "bijdragen"] == pytest.approx(v.loc["P1", "bijdrage_nominaal"])
    assert stromen.loc[2026, "toewijzingen"] == pytest.approx(v.loc["P2", "ontvangst_nominaal"])
    # the pool must be bridged in 2026: it pays before it receives
    pf = r.portefeuille
    assert pf is not None and pf.verevening is not None
    assert pf.verevening.voorfinanciering == pytest.approx(v.loc["P2", "ontvangst_nominaal"])


def test_gebieden_vereven_elk_binnen_zichzelf() -> None:
    data = _twee_panden(10)
    data["panden"][1]["gebied"] = "noord"
    v = reken(data).verevening
    assert v is not None
    assert v.loc["P1", "bijdrage"] > 0
    assert v.loc["P2", "ontvangst"] == 0.0  # the surplus stays in its own gebied


def test_herverkaveling_verdeelt_het_resultaat_naar_inbrengwaarde() -> None:
    data = _twee_panden(10)
    del data["verevening"]
    data["projecten"] = [{"id": "blok", "panden": ["P1", "P2"]}]
    r = reken(data)
    ort = r.panden["onrendabele_top"]
    samen = -(ort["P1"] + ort["P2"])
    na = r.keten["na_herverkaveling"]
    # inbreng 500.000 and 2.000.000: shares 1/5 and 4/5 of the joint result
    assert -na["P1"] == pytest.approx(samen / 5)
    assert -na["P2"] == pytest.approx(samen * 4 / 5)
    eigenaren = r.projecten.set_index("eigenaar")
    assert eigenaren.loc["belegger", "verschil"] == pytest.approx(samen / 5 + ort["P1"])


def test_herverkaveling_met_expliciete_verdeling() -> None:
    data = _twee_panden(10)
    del data["verevening"]
    data["projecten"] = [
        {"id": "blok", "panden": ["P1", "P2"], "verdeling": {"belegger": 0.6, "gemeente": 0.4}}
    ]
    r = reken(data)
    samen = -r.panden["onrendabele_top"].sum()
    assert -r.keten.loc["P1", "na_herverkaveling"] == pytest.approx(0.6 * samen)


# ------------------------------------------------------------------ invariants
bedragen = st.lists(st.floats(-5e6, 5e6, allow_nan=False), min_size=1, max_size=12)


@given(
    resultaat=bedragen,
    data=st.data(),
    methode=st.sampled_from(["aandeel", "per_m2", "per_woning"]),
    toewijzing=st.sampled_from(["pro_rata", "prioriteit", "per_woning"]),
    begin=st.floats(0, 1e6),
)
def test_verevening_behoudt_geld_en_respecteert_grenzen(
    resultaat: list[float], data: st.DataObject, methode: str, toewijzing: str, begin: float
) -> None:
    r = np.array(resultaat)
    n = r.size
    publiek = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    basis_ = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    woningen = np.array(data.draw(st.lists(st.integers(0, 40), min_size=n, max_size=n)), float)
    bvo = woningen * 70 + 100
    klasse = np.array(data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)))
    overschot, tekort = np.maximum(r, 0), np.maximum(-r, 0)
    bijdrage = vv.bijdragen(
        overschot,
        publiek,
        basis_,
        0.9,
        methode,
        0.4 if methode == "aandeel" else 150.0,
        bvo,
        woningen,
        10_000,
    )
    ontvangst = pv.toewijzen(tekort, begin + bijdrage.sum(), toewijzing, woningen, klasse)
    rest = begin + bijdrage.sum() - ontvangst.sum()
    # conservation to the cent, and no money created
    assert begin + bijdrage.sum() == pytest.approx(ontvangst.sum() + rest, abs=CENT)
    assert rest >= -CENT
    # nobody receives more than its gap; nobody pays more than its surplus
    assert np.all(ontvangst <= tekort + CENT)
    assert np.all(bijdrage <= overschot + CENT)
    # a private pand without a basis never pays
    assert np.all(bijdrage[~publiek & ~basis_] == 0)
    # macro-aftopping: everything is allocated while gaps remain
    if tekort.sum() > begin + bijdrage.sum() and toewijzing != "per_woning":
        assert rest == pytest.approx(0.0, abs=CENT)


@given(scenarios())
def test_verevening_in_scenario_behoudt_geld(data: dict[str, Any]) -> None:
    data["verevening"] = {
        "privaat": {"grondslag": "kostenverhaal", "aandeel": 0.5},
        "toewijzing": {"methode": "pro_rata"},
        "beginsaldo": {"binnenstad": 100_000},
    }
    r = reken(data)
    v, potten = r.verevening, r.vereveningspotten
    assert v is not None and potten is not None
    pot = potten.loc["binnenstad"]
    assert pot["beginsaldo"] + v["bijdrage"].sum() == pytest.approx(
        v["ontvangst"].sum() + pot["rest"], abs=CENT
    )
    assert np.all(v["ontvangst"] <= np.maximum(v["ort_voor"], 0) + CENT)
    assert np.allclose(v["ort_na"], v["ort_voor"] + v["bijdrage"] - v["ontvangst"], atol=CENT)
    privaat = ~r.panden["publiek"]
    assert np.all(v.loc[privaat & (v["grondslag"] == "geen"), "bijdrage"] == 0)
    assert np.all(v["bijdrage"] <= np.maximum(-v["ort_voor"], 0) + CENT)


@given(
    data=st.data(),
    replicas=st.integers(1, 5),
    panden=st.integers(1, 400),
    methode=st.sampled_from(list(vv.Bijdragemethode)),
    grondslag=st.sampled_from(list(vv.Grondslag)),
    toewijzing=st.sampled_from(list(pv.Toewijzingsmethode)),
)
def test_verevening_over_replicas_gelijk_aan_elke_replica_alleen(
    data: st.DataObject,
    replicas: int,
    panden: int,
    methode: vv.Bijdragemethode,
    grondslag: vv.Grondslag,
    toewijzing: pv.Toewijzingsmethode,
) -> None:
    """R replicas at once (Monte Carlo draws: the core's results differ, ownership and
    gebied do not) give every replica what it gets alone, bit for bit (issue #18 item 1)."""
    n = replicas * panden
    # values from a generator seeded by hypothesis: hundreds of panden, so that a sum over
    # a gebied is added pairwise (from 8 terms on) and its order would show
    rng = np.random.default_rng(data.draw(st.integers(0, 2**32 - 1)))
    ort = rng.uniform(-3e6, 3e6, n) * (rng.random(n) < 0.9)
    woningen = rng.integers(0, 41, n).astype(float)
    jaren = 12
    start = rng.integers(0, 7, n)
    regels = vv.VereveningInvoer(
        aandeel_publiek=0.8,
        grondslag=grondslag,
        methode=methode,
        waarde=0.4 if methode == vv.Bijdragemethode.AANDEEL else 120.0,
        drempel=data.draw(st.sampled_from([0.0, 10_000.0])),
        min_woningen=10,
        min_bvo_niet_wonen=1_500,
        toewijzing=toewijzing,
        volgorde=("P1", "sociaal"),
        beginsaldo={"noord": data.draw(st.floats(0, 1e6))},
        drager=None,
    )
    vp = vv.VereveningPanden(
        pand_ids=tuple(f"P{i}" for i in range(panden)),
        publiek=rng.random(panden) < 0.3,
        overeenkomst=rng.random(panden) < 0.3,
        gebied=tuple(rng.choice(["noord", "zuid"], panden).tolist()),
        functies=tuple(frozenset({"sociaal"} if i % 2 else {"koop"}) for i in range(panden)),
        woningen=woningen,
        bvo=woningen * 70 + rng.uniform(0, 2_000, n),
        bvo_commercieel=rng.uniform(0, 2_000, n),
        d_start=rng.uniform(0.5, 1.0, n),
        d_oplevering=rng.uniform(0.4, 1.0, n),
        start=start,
        oplevering=start + rng.integers(1, 4, n),
        jaren=jaren,
        replicas=replicas,
    )
    samen = vv.vereven_replicas(regels, vp, ort)
    assert len(samen) == replicas
    for r, uit in enumerate(samen):
        rijen = slice(r * panden, (r + 1) * panden)
        # the core's results per replica (R·P,); ownership and gebied per pand (P,)
        velden = {
            k: (v[rijen] if isinstance(v, np.ndarray) and v.size == n else v)
            for k, v in vars(vp).items()
        }
        alleen = vv.vereven(regels, vv.VereveningPanden(**{**velden, "replicas": 1}), ort[rijen])
        for veld, waarde in vars(alleen).items():
            anders = getattr(uit, veld)
            if isinstance(waarde, np.ndarray):
                assert waarde.tobytes() == anders.tobytes(), veld
            else:
                assert waarde == anders, veld


def test_een_klasse_twee_keer_in_de_volgorde_wordt_geweigerd(tmp_path: Path) -> None:
    """A second mention in the priority order would silently count as the first."""
    from transformatiecalc.fouten import ScenarioFout
    from transformatiecalc.laden import laad_scenario

    tekst = (ROOT / "scenarios" / "voorbeeld_binnenstad.yaml").read_text(encoding="utf-8")
    oud = "volgorde: [huisartsenpraktijk, sociale_huur]"
    assert oud in tekst
    pad = tmp_path / "s.yaml"
    pad.write_text(
        tekst.replace(oud, "volgorde: [huisartsenpraktijk, sociale_huur, huisartsenpraktijk]"),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    (m,) = fout.value.meldingen
    assert (m.pad, m.code) == ("verevening.toewijzing.volgorde[2]", "verevening.volgorde_dubbel")
    assert "'huisartsenpraktijk' staat twee keer in de lijst (ook op plek 1)" in m.tekst
