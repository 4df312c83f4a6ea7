"""Fondsen (METHODE §7): each instrument by hand, the cash constraint, tranches, invariants."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy_financial as npf
import pytest
from hulp import grootboek_klopt, reken
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas import Index
from strategieen import INSTRUMENTEN, scenarios

from transformatiecalc.engine.fondsen import (
    FondsPanden,
    FondsUitkomst,
    aflossingsschema,
    bereken_fonds,
    subsidie_equivalent,
)
from transformatiecalc.resultaat import FondsTabellen
from transformatiecalc.schema import Fonds

CENT = 0.01
J = 11  # startjaar 2026, horizon 10


def panden(**anders: Any) -> FondsPanden:
    """One pand: r = 5 %, start t=1, oplevering t=2, SK 1 mln, inbreng 400.000, 10 woningen."""
    kosten = np.zeros((1, J))
    kosten[0, 1] = 700_000.0
    velden: dict[str, Any] = dict(
        pand_ids=("P1",),
        jaren=J,
        midden_jaar=False,
        disconteringsvoet=np.array([0.05]),
        start=np.array([1]),
        oplevering=np.array([2]),
        stichtingskosten=np.array([1_000_000.0]),
        inbreng=np.array([400_000.0]),
        woningen=np.array([10.0]),
        betaalbare_woningen=np.array([10.0]),
        bvo=np.array([800.0]),
        publiek=np.array([False]),
        functies=[frozenset({"mh"})],
        kosten=kosten,
        aankoop=np.array([400_000.0]),
        noi=np.zeros((1, J)),
        ew_koop=np.array([0.0]),
        ew_huur=np.array([800_000.0]),
        index_huur=np.array([0.0]),
        index_grond=np.array([0.0]),
        geen_deelneming=np.array([False]),
        startjaar=2026,
    )
    velden.update(anders)
    return FondsPanden(**velden)


def fonds(
    instrumenten: list[dict[str, Any]], tranches: list[dict[str, Any]] | None = None, **anders: Any
) -> Fonds:
    if tranches is None:
        tranches = [
            {
                "naam": "gemeente",
                "soort": "subsidie",
                "bedrag": 1_000_000,
                "jaar": 2026,
                "rang": 3,
                "publiek": True,
            }
        ]
    for i in instrumenten:
        i.setdefault("naam", i["soort"])
    return Fonds.model_validate(
        {
            "naam": "f",
            "tranches": tranches,
            "instrumenten": instrumenten,
            "disconteringsvoet": 0.0,
            **anders,
        }
    )


def doe(f: Fonds, ort: float = 300_000.0, pd: FondsPanden | None = None) -> FondsUitkomst:
    return bereken_fonds(f, pd or panden(), np.array([ort]), marktrente=0.05)


# ----------------------------------------------------------------- schedules
def test_aflossingsschema_annuitair_lineair_ineens() -> None:
    rente, aflossing, na = aflossingsschema(0.05, 3, "annuitair")
    a = 0.05 / (1 - 1.05**-3)
    assert rente + aflossing == pytest.approx([a, a, a])
    assert aflossing.sum() == pytest.approx(1.0)
    assert npf.pmt(0.05, 3, -1.0) == pytest.approx(a)  # independent oracle
    rente, aflossing, na = aflossingsschema(0.04, 3, "lineair", aflossingsvrij=1)
    assert aflossing == pytest.approx([0.0, 0.5, 0.5])
    assert rente == pytest.approx([0.04, 0.04, 0.02])
    assert na == pytest.approx([1.0, 0.5, 0.0])
    rente, aflossing, _ = aflossingsschema(0.03, 2, "ineens")
    assert rente == pytest.approx([0.03, 0.03]) and aflossing == pytest.approx([0.0, 1.0])


def test_annuiteit_bij_een_verwaarloosbare_rente() -> None:
    # (1 + 1e-158)^-10 rounds to 1: the schedule must still be the 0 % schedule
    rente, aflossing, na = aflossingsschema(1e-158, 10, "annuitair")
    assert aflossing == pytest.approx(np.full(10, 0.1))
    assert rente.sum() == pytest.approx(0.0, abs=1e-150)
    assert na[-1] == 0.0


def test_subsidie_equivalent_nul_bij_marktrente() -> None:
    for soort in ("annuitair", "lineair", "ineens"):
        r, a, _ = aflossingsschema(0.05, 10, soort, 2 if soort != "ineens" else 0)
        assert subsidie_equivalent(r, a, 0.05) == pytest.approx(0.0, abs=1e-12)
    r, a, _ = aflossingsschema(0.0, 1, "ineens")
    assert subsidie_equivalent(r, a, 0.10) == pytest.approx(1 - 1 / 1.1)


# --------------------------------------------------------------- instruments
def test_subsidie_aandeel_en_plafonds() -> None:
    # gap 300.000 at peildatum = 315.000 in year 1; half = 157.500; cap per pand 100.000
    u = doe(fonds([{"soort": "subsidie", "aandeel_ort": 0.5, "max_per_pand": 100_000}]))
    assert u.toegekend[0, 0] == pytest.approx(100_000.0)
    assert u.effect[0, 0] == pytest.approx(100_000 / 1.05)
    assert u.ort_na[0] == pytest.approx(300_000 - 100_000 / 1.05)
    assert u.grootboek["subsidies"][1] == pytest.approx(100_000.0)
    assert u.grootboek["eind"][1] == pytest.approx(900_000.0)
    u = doe(fonds([{"soort": "subsidie", "aandeel_ort": 0.5, "max_per_woning": 12_500}]))
    assert u.toegekend[0, 0] == pytest.approx(125_000.0)
    u = doe(fonds([{"soort": "subsidie"}]))  # the whole gap: ORT becomes 0
    assert u.toegekend[0, 0] == pytest.approx(315_000.0)
    assert u.ort_na[0] == pytest.approx(0.0, abs=CENT)
    grootboek_klopt(u)


def test_subsidie_voorwaarden() -> None:
    startbouwimpuls = {
        "soort": "subsidie",
        "aandeel_ort": 0.5,
        "max_per_woning": 12_500,
        "voor": {"min_woningen": 10, "min_betaalbaar": 0.5},
    }
    assert doe(fonds([dict(startbouwimpuls)])).toegekend[0, 0] > 0
    weinig = panden(woningen=np.array([9.0]), betaalbare_woningen=np.array([9.0]))
    assert doe(fonds([dict(startbouwimpuls)]), pd=weinig).toegekend[0, 0] == 0
    duur = panden(betaalbare_woningen=np.array([4.0]))  # 40 % < 50 %
    u = doe(fonds([dict(startbouwimpuls)]), pd=duur)
    assert u.toegekend[0, 0] == 0 and u.reden[0] == 2
    assert doe(fonds([{"soort": "subsidie", "voor": {"eigendom": "publiek"}}])).toegekend[0, 0] == 0


def test_lening_schema_subsidie_equivalent_en_wanbetaling() -> None:
    u = doe(
        fonds(
            [
                {
                    "soort": "lening",
                    "aandeel_sk": 0.5,
                    "rente": 0.02,
                    "looptijd": 2,
                    "aflossing": "ineens",
                    "marktrente": 0.05,
                    "wanbetaling": {"kans": 0.1, "verlies": 0.5},
                }
            ],
            beheerkosten=0.01,
        )
    )
    g = u.grootboek
    assert u.toegekend[0, 0] == pytest.approx(500_000.0)
    assert g["leningen"][1] == pytest.approx(500_000.0)
    # expected receipts: 95 % of 10.000 interest in years 2 and 3, of 500.000 in year 3
    assert g["rente"][2:4] == pytest.approx([9_500.0, 9_500.0])
    assert g["aflossing"][3] == pytest.approx(475_000.0)
    assert g["beheerkosten"][1:5] == pytest.approx([0.0, 5_000.0, 5_000.0, 0.0])
    se = 1 - 0.02 / 1.05 - 1.02 / 1.05**2
    assert u.effect[0, 0] == pytest.approx(500_000 * se / 1.05)
    assert u.ort_na[0] == pytest.approx(300_000 - 500_000 * se / 1.05)
    grootboek_klopt(u)


def test_lening_tegen_marktrente_sluit_niets() -> None:
    u = doe(fonds([{"soort": "lening", "aandeel_sk": 0.5, "rente": 0.05, "looptijd": 10}]))
    assert u.toegekend[0, 0] == pytest.approx(500_000.0)
    assert u.ort_na[0] == pytest.approx(300_000.0, abs=CENT)
    assert u.reden[0] == 3  # financed, but the gap remains


def test_lening_boven_marktrente_neemt_een_pand_niet() -> None:
    # 8 % against a market rate of 5 %: a negative subsidie-equivalent would raise the gap
    u = doe(fonds([{"soort": "lening", "aandeel_sk": 0.5, "rente": 0.08, "looptijd": 10}]))
    assert u.toegekend[0, 0] == 0.0
    assert u.ort_na[0] == pytest.approx(300_000.0)
    assert not any(u.grootboek[k].any() for k in ("leningen", "rente", "aflossing"))


def test_overbruggingslening_zoals_de_transformatiefaciliteit() -> None:
    # ≤ 45 % of SK, ≤ € 3,5 mln, paid a year before the start, repaid at the start of the build
    brug = {
        "soort": "lening",
        "aandeel_sk": 0.45,
        "max_bedrag": 3_500_000,
        "rente": 0.04,
        "looptijd": 1,
        "aflossing": "ineens",
        "jaren_voor_start": 1,
    }
    u = doe(fonds([dict(brug)]))
    g = u.grootboek
    assert g["leningen"][0] == pytest.approx(450_000.0)
    assert g["aflossing"][1] == pytest.approx(450_000.0)
    assert g["rente"][1] == pytest.approx(18_000.0)
    grootboek_klopt(u)
    rijk = [{"naam": "bzk", "soort": "subsidie", "bedrag": 5_000_000, "jaar": 2026}]
    groot = panden(stichtingskosten=np.array([10_000_000.0]))
    assert doe(fonds([dict(brug)], rijk), pd=groot).toegekend[0, 0] == pytest.approx(3_500_000.0)


def test_garantie_premie_verwacht_verlies_en_renteverlaging() -> None:
    u = doe(
        fonds(
            [
                {
                    "soort": "garantie",
                    "bankfinanciering": 0.6,
                    "dekking": 0.5,
                    "premie": 0.01,
                    "renteverlaging": 0.01,
                    "looptijd": 2,
                    "wanbetaling": {"kans": 0.1, "verlies": 0.5},
                }
            ]
        )
    )
    g = u.grootboek
    assert g["premies"][2:4] == pytest.approx([3_000.0, 3_000.0])
    assert g["garantieverliezen"][3] == pytest.approx(15_000.0)
    # the pand saves 6.000 interest and pays 3.000 premie in years 2 and 3
    assert u.effect[0, 0] == pytest.approx(3_000 * (1.05**-2 + 1.05**-3))
    grootboek_klopt(u)


def test_deelneming_koopt_ontwikkelt_en_verkoopt() -> None:
    u = doe(fonds([{"soort": "deelneming"}]))
    g = u.grootboek
    assert g["aankopen"][1] == pytest.approx(400_000.0)
    assert g["ontwikkeling"][1] == pytest.approx(300_000.0)
    assert g["verkoop"][2] == pytest.approx(800_000.0)
    assert u.ort_na[0] == pytest.approx(0.0)  # the owner sells at inbrengwaarde
    noi = np.zeros((1, J))
    noi[0, 2:] = 40_000.0
    u = doe(
        fonds([{"soort": "deelneming", "verkoop_na": 2}]),
        pd=panden(noi=noi, index_huur=np.array([0.02])),
    )
    g = u.grootboek
    assert g["exploitatie"][2:5] == pytest.approx([40_000.0, 40_000.0, 0.0])
    assert g["verkoop"][4] == pytest.approx(800_000 * 1.02**2)
    grootboek_klopt(u)


def test_erfpacht_grond_en_canon() -> None:
    u = doe(fonds([{"soort": "erfpacht", "grondaandeel": 0.25, "canon": 0.03, "termijn": 3}]))
    g = u.grootboek
    assert g["aankopen"][1] == pytest.approx(100_000.0)
    assert g["canon"][2:6] == pytest.approx([3_000.0, 3_000.0, 3_000.0, 0.0])
    verwacht = 100_000 / 1.05 - 3_000 * (1.05**-2 + 1.05**-3 + 1.05**-4)
    assert u.effect[0, 0] == pytest.approx(verwacht)
    grootboek_klopt(u)


# ----------------------------------------------------------- cash and tranches
def test_alleen_toezeggen_met_kas_in_dat_jaar() -> None:
    tranches = [{"naam": "g", "soort": "subsidie", "bedrag": 50_000, "jaar": 2026}]
    u = doe(fonds([{"soort": "subsidie"}], tranches))
    assert u.toegekend[0, 0] == pytest.approx(50_000.0)
    assert u.reden[0] == 1
    assert u.kpi["uitputtingsjaar"] == 2027
    later = [{"naam": "g", "soort": "subsidie", "bedrag": 500_000, "jaar": 2028}]
    u = doe(fonds([{"soort": "subsidie"}], later))  # money arrives after the start
    assert u.toegekend[0, 0] == 0.0 and u.reden[0] == 1


def test_verlies_eerst_bij_de_meest_junior_tranche() -> None:
    tranches = [
        {
            "naam": "bank",
            "soort": "lening",
            "bedrag": 100_000,
            "rente": 0.0,
            "looptijd": 2,
            "aflossing": "ineens",
            "rang": 1,
            "jaar": 2026,
        },
        {
            "naam": "gemeente",
            "soort": "eigen_vermogen",
            "bedrag": 100_000,
            "rang": 2,
            "jaar": 2026,
            "publiek": True,
        },
    ]
    u = doe(fonds([{"soort": "subsidie", "max_per_pand": 80_000}], tranches))
    t = u.tranches
    assert t["naam"] == ["bank", "gemeente"]
    assert t["ontvangen"][0] == pytest.approx(100_000.0)  # repaid in 2028
    assert t["afrekening"][1] == pytest.approx(20_000.0)
    assert t["verlies"] == pytest.approx([0.0, 80_000.0])
    assert t["irr"][0] == pytest.approx(0.0, abs=1e-9)
    assert u.kpi["publiek_geld_netto"] == pytest.approx(80_000.0)  # fund rate 0


def test_rente_aan_tranches_en_achterstand() -> None:
    tranches = [
        {
            "naam": "bank",
            "soort": "lening",
            "bedrag": 100_000,
            "rente": 0.03,
            "looptijd": 2,
            "aflossing": "ineens",
            "jaar": 2026,
        }
    ]
    u = doe(fonds([{"soort": "subsidie", "voor": {"panden": ["niemand"]}}], tranches))
    g = u.grootboek
    assert g["rente_tranches"][1:4] == pytest.approx([3_000.0, 3_000.0, 0.0])
    assert g["aflossing_tranches"][2] == pytest.approx(94_000.0)  # all the cash there is
    assert u.tranches["claim_einde"][0] == pytest.approx(6_000.0)
    assert u.tranches["verlies"][0] == pytest.approx(6_000.0)
    grootboek_klopt(u)


def test_fonds_zonder_geld_helpt_niemand_en_verandert_niets() -> None:
    u = doe(
        fonds(
            [
                {"soort": "subsidie"},
                {"soort": "lening", "aandeel_sk": 0.5, "rente": 0.0, "looptijd": 5},
            ],
            tranches=[],
        )
    )
    assert not u.toegekend.any()
    assert u.ort_na == pytest.approx(u.ort_voor)
    assert all(not np.any(rij) for rij in u.grootboek.values())


def test_fonds_dat_de_pot_draagt_begint_met_het_beginsaldo_van_de_pot() -> None:
    """Carrying the pool: its beginsaldo is the fund's opening cash, its flows run through
    the ledger; without tranches or instruments the fund's cash is the pool's saldo."""
    bijdragen = np.zeros(J)
    bijdragen[3] = 40_000.0
    toewijzingen = np.zeros(J)
    toewijzingen[1] = 70_000.0
    u = bereken_fonds(
        fonds([{"soort": "subsidie"}], tranches=[]),
        panden(),
        np.array([0.0]),
        0.05,
        (100_000.0, bijdragen, toewijzingen),
    )
    g = u.grootboek
    assert g["begin"][0] == pytest.approx(100_000.0)
    assert g["eind"][:4] == pytest.approx([100_000.0, 30_000.0, 30_000.0, 70_000.0])
    assert g["eind"][-1] == pytest.approx(70_000.0)  # 100 000 + 40 000 − 70 000
    grootboek_klopt(u)


def test_bronnen_en_bestedingen_sluiten() -> None:
    """Sources = opening balance + all money in; uses = all money out + closing balance."""
    u = doe(fonds([{"soort": "subsidie"}]))
    tabel = FondsTabellen.maak(
        u, Index(["P1"]), Index(range(2026, 2026 + J)), 2026
    ).bronnen_en_bestedingen
    bron = tabel[tabel["kant"] == "bron"].set_index("post")["bedrag"]
    besteding = tabel[tabel["kant"] == "besteding"].set_index("post")["bedrag"]
    # 1 mln storting; the whole ORT (300 000 at peildatum = 315 000 paid at start in year 1)
    # as subsidie; 685 000 left
    assert bron.to_dict() == pytest.approx({"stortingen": 1_000_000.0})
    assert besteding.to_dict() == pytest.approx({"subsidies": 315_000.0, "eind": 685_000.0})


# ----------------------------------------------------------------- invariants
#: One design per instrument kind, shared with the fuzzing (tests/strategieen.py).
ONTWERPEN = INSTRUMENTEN


@settings(deadline=None)
@given(
    data=scenarios(),
    keuze=st.lists(st.sampled_from(range(len(ONTWERPEN))), min_size=1, max_size=5, unique=True),
    bedrag=st.floats(0, 8e6),
    lening=st.floats(0, 8e6),
    verevening=st.booleans(),
)
def test_grootboek_sluit_elk_jaar_en_stromen_zijn_de_pandtotalen(
    data: dict[str, Any], keuze: list[int], bedrag: float, lening: float, verevening: bool
) -> None:
    data["fondsen"] = [
        {
            "naam": "f",
            "tranches": [
                {"naam": "gemeente", "soort": "subsidie", "bedrag": bedrag},
                {
                    "naam": "bank",
                    "soort": "lening",
                    "bedrag": lening,
                    "rente": 0.03,
                    "looptijd": 12,
                    "aflossing": "annuitair",
                },
            ],
            "instrumenten": [dict(ONTWERPEN[k]) for k in keuze],
            "beheerkosten": 0.005,
            **(
                {
                    "toewijzing": {
                        "volgorde_instrumenten": ["verevening"]
                        + [ONTWERPEN[k]["soort"] for k in keuze]
                    }
                }
                if verevening
                else {}
            ),
        }
    ]
    if verevening:
        data["verevening"] = {"privaat": {"aandeel": 0.3}, "beginsaldo": {"binnenstad": bedrag / 4}}
    r = reken(data)
    pf = r.portefeuille
    assert pf is not None
    u = pf.fondsen[0]
    grootboek_klopt(u)
    assert u.grootboek["begin"][0] == pytest.approx(bedrag / 4 if verevening else 0.0)
    # a subsidie never exceeds the gap it closes
    subsidie = [k for k, n in enumerate(u.instrumenten) if n == "subsidie"]
    for k in subsidie:
        assert np.all(u.effect[:, k] <= np.maximum(u.ort_voor, 0) + CENT)
    # nothing committed without cash: the saldo only dips below zero to bridge verevening
    if not verevening:
        assert u.grootboek["eind"].min() >= -CENT
    # the chain of ORTs adds up
    assert np.allclose(u.ort_na, u.ort_voor - u.effect.sum(axis=1), atol=CENT)
