"""Fondsen (METHODE §7): each instrument by hand, reservation, waiting list, sizing, the
tranches, the KPIs and the invariants of the ledger."""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy_financial as npf
import pytest
from hulp import basis, grootboek_klopt, reken, zet
from hypothesis import given, settings
from hypothesis import strategies as st
from pandas import Index
from strategieen import INSTRUMENTEN, scenarios

from transformatiecalc import valideer
from transformatiecalc.engine.fondsen import (
    FondsInvoer,
    FondsPanden,
    FondsUitkomst,
    Reden,
    aflossingsschema,
    bereken_fonds,
    subsidie_equivalent,
)
from transformatiecalc.engine.portefeuilleinvoer import fonds_invoer
from transformatiecalc.engine.verevening import Pot
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
        ew_huur_later=np.array([[800_000.0]]),  # sold at o (verkoop_na 0)
        ew_huur_einde=np.array([800_000.0]),
        verkoop_na=(0,),
        index_grond=np.array([0.0]),
        geen_deelneming=np.array([False]),
        startjaar=2026,
    )
    velden.update(anders)
    return FondsPanden(**velden)


def twee_panden() -> FondsPanden:
    """The same pand twice (P1, P2), both starting in t=1."""
    een = panden()
    velden = {}
    for naam in FondsPanden.__dataclass_fields__:
        waarde = getattr(een, naam)
        if isinstance(waarde, np.ndarray):
            waarde = np.concatenate([waarde, waarde])
        elif naam == "functies":
            waarde = [*waarde, *waarde]
        velden[naam] = waarde
    velden["pand_ids"] = ("P1", "P2")
    return FondsPanden(**velden)


GEMEENTE = {"naam": "gemeente", "soort": "subsidie", "bedrag": 1_000_000, "jaar": 2026, "rang": 3}


def fonds(
    instrumenten: list[dict[str, Any]],
    tranches: list[dict[str, Any]] | None = None,
    **anders: Any,
) -> FondsInvoer:
    """A fund as the engine reads it, through the scenario's own builder; instruments are
    named after their soort, loans get a market rate of 5 %, public money a rate of 0."""
    for i in instrumenten:
        i.setdefault("naam", i["soort"])
        if i["soort"] == "lening":
            i.setdefault("marktrente", 0.05)
    model = Fonds.model_validate(
        {
            "naam": "f",
            "tranches": [dict(GEMEENTE, publiek=True)] if tranches is None else tranches,
            "instrumenten": instrumenten,
            "disconteringsvoet": 0.0,
            **anders,
        }
    )
    return fonds_invoer(model, 2026)


def doe(
    f: FondsInvoer,
    ort: float | list[float] = 300_000.0,
    fp: FondsPanden | None = None,
    pot: Pot | None = None,
) -> FondsUitkomst:
    return bereken_fonds(f, fp or panden(), np.atleast_1d(np.asarray(ort, dtype=float)), pot)


def pot(toewijzingen: dict[int, float], bijdragen: dict[int, float], begin: float = 0.0) -> Pot:
    uit, in_ = np.zeros(J), np.zeros(J)
    for t, x in toewijzingen.items():
        uit[t] = x
    for t, x in bijdragen.items():
        in_[t] = x
    return Pot(begin, in_, uit)


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
    assert doe(fonds([dict(startbouwimpuls)]), fp=weinig).toegekend[0, 0] == 0
    duur = panden(betaalbare_woningen=np.array([4.0]))  # 40 % < 50 %
    u = doe(fonds([dict(startbouwimpuls)]), fp=duur)
    assert u.toegekend[0, 0] == 0 and u.reden[0] == Reden.NIET_GESCHIKT
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
    # 1 % of the 500.000 outstanding at the start of years 2 and 3
    assert g["beheerkosten"][1:5] == pytest.approx([0.0, 5_000.0, 5_000.0, 0.0])
    se = 1 - 0.02 / 1.05 - 1.02 / 1.05**2
    assert u.effect[0, 0] == pytest.approx(500_000 * se / 1.05)
    assert u.ort_na[0] == pytest.approx(300_000 - 500_000 * se / 1.05)
    grootboek_klopt(u)


def test_vordering_aan_de_horizon_is_de_contante_waarde_van_wat_nog_komt() -> None:
    """Lent in 2027, horizon 2036. At the fund's rate equal to the loan's own (1,5 %
    annuitair over 30 years) the payments still due are worth the principal outstanding
    (numpy-financial's schedule: 21 payments left); a bullet loan at 0 % over 50 years,
    due in 2077, is worth 1,02⁻⁴¹ of it at 2 %, not its face value."""
    lening = {"soort": "lening", "aandeel_sk": 1.0, "looptijd": 30, "rente": 0.015}
    u = doe(fonds([dict(lening)], disconteringsvoet=0.015))
    a = npf.pmt(0.015, 30, -1_000_000.0)
    open_ = float(npf.pv(0.015, 21, -a))
    assert u.kpi["vorderingen_einde"] == pytest.approx(open_, rel=1e-12)
    kogel = dict(lening, looptijd=50, rente=0.0, aflossing="ineens")
    u = doe(fonds([kogel], disconteringsvoet=0.02))
    assert u.kpi["vorderingen_einde"] == pytest.approx(1_000_000 * 1.02**-41, rel=1e-12)
    u = doe(fonds([kogel], disconteringsvoet=0.0))
    assert u.kpi["vorderingen_einde"] == pytest.approx(1_000_000.0)


def test_lening_tegen_marktrente_sluit_niets() -> None:
    u = doe(fonds([{"soort": "lening", "aandeel_sk": 0.5, "rente": 0.05, "looptijd": 10}]))
    assert u.toegekend[0, 0] == pytest.approx(500_000.0)
    assert u.ort_na[0] == pytest.approx(300_000.0, abs=CENT)
    assert u.reden[0] == Reden.DEKT_NIET  # financed, but the gap remains


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
    assert doe(fonds([dict(brug)], rijk), fp=groot).toegekend[0, 0] == pytest.approx(3_500_000.0)


GARANTIE = {
    "soort": "garantie",
    "bankfinanciering": 0.6,
    "dekking": 0.5,
    "premie": 0.01,
    "renteverlaging": 0.01,
    "looptijd": 2,
    "wanbetaling": {"kans": 0.1, "verlies": 0.5},
}


def test_garantie_premie_verwacht_verlies_en_renteverlaging() -> None:
    u = doe(fonds([dict(GARANTIE)]))
    g = u.grootboek
    assert g["premies"][2:4] == pytest.approx([3_000.0, 3_000.0])
    assert g["garantieverliezen"][3] == pytest.approx(15_000.0)
    # the pand saves 6.000 interest and pays 3.000 premie in years 2 and 3
    assert u.effect[0, 0] == pytest.approx(3_000 * (1.05**-2 + 1.05**-3))
    grootboek_klopt(u)
    # it stands for 300.000 in 2028 and 2029; cash 1.003.000 and then 1.006.000 − 15.000
    k = u.kpi
    assert (k["garanties_uitstaand_max"], k["jaar_garanties_max"]) == (300_000.0, 2028)
    assert k["garantiedekking"] == pytest.approx(991_000 / 300_000)
    assert (k["grootste_garantie"], u.grootste_garantie_pand) == (300_000.0, "P1")


def test_garantie_groter_dan_de_kas_staat_in_de_waarschuwingen() -> None:
    """€ 100.000 in the fund, a guarantee of € 300.000: in 2028 it has 103.000 (34 % per
    euro guaranteed), in 2029 103.000 + 3.000 − 15.000 = 91.000 (30 %); the warning names
    the year of the highest stand, its cash, the lowest ratio and the largest guarantee."""
    from transformatiecalc.resultaat.controles import _garantiewaarschuwing

    garantie = dict(GARANTIE)
    u = doe(fonds([garantie], [dict(GEMEENTE, bedrag=100_000, publiek=True)]))
    assert u.kpi["garantiedekking"] == pytest.approx(91_000 / 300_000)
    (tekst,) = _garantiewaarschuwing(u, 2026)
    assert tekst == (
        "fonds f staat in 2028 garant voor € 300.000 met € 103.000 kas (op het laagst, in "
        "2029, 30 % kas per euro garantie); het kasboek rekent alleen met het verwachte "
        "verlies (wanbetaling) — de grootste garantie, € 300.000 voor P1, is meer dan die kas"
    )
    assert _garantiewaarschuwing(doe(fonds([garantie])), 2026) == []  # 1 mln: covered


def test_deelneming_koopt_ontwikkelt_en_verkoopt() -> None:
    u = doe(fonds([{"soort": "deelneming"}]))
    g = u.grootboek
    assert g["aankopen"][1] == pytest.approx(400_000.0)
    assert g["ontwikkeling"][1] == pytest.approx(300_000.0)
    assert g["verkoop"][2] == pytest.approx(800_000.0)
    assert u.ort_na[0] == pytest.approx(0.0)  # the owner sells at inbrengwaarde
    noi = np.zeros((1, J))
    noi[0, 2:] = 40_000.0
    # sold two years after o at what a buyer gives then (from the core: 820.000 here)
    later = dict(ew_huur_later=np.array([[800_000.0, 820_000.0]]), verkoop_na=(0, 2))
    u = doe(fonds([{"soort": "deelneming", "verkoop_na": 2}]), fp=panden(noi=noi, **later))
    g = u.grootboek
    assert g["exploitatie"][2:5] == pytest.approx([40_000.0, 40_000.0, 0.0])
    assert g["verkoop"][4] == pytest.approx(820_000.0)
    grootboek_klopt(u)
    # not sold before the horizon (2036): held at its value then
    einde = dict(ew_huur_later=np.array([[0.0, 0.0]]), ew_huur_einde=np.array([650_000.0]))
    u = doe(
        fonds([{"soort": "deelneming", "verkoop_na": 9}]),
        fp=panden(noi=noi, **einde, verkoop_na=(0, 9)),
    )
    assert u.grootboek["verkoop"].sum() == 0.0
    assert u.kpi["vorderingen_einde"] == pytest.approx(650_000.0)


def test_erfpacht_grond_en_canon() -> None:
    u = doe(fonds([{"soort": "erfpacht", "grondaandeel": 0.25, "canon": 0.03, "termijn": 3}]))
    g = u.grootboek
    assert g["aankopen"][1] == pytest.approx(100_000.0)
    assert g["canon"][2:6] == pytest.approx([3_000.0, 3_000.0, 3_000.0, 0.0])
    # the price in 2027, the canon 2028-2030, and the grond the pand must buy back (or lease
    # anew) when the term ends in 2030
    verwacht = 100_000 / 1.05 - 3_000 * (1.05**-2 + 1.05**-3 + 1.05**-4) - 100_000 / 1.05**4
    assert u.effect[0, 0] == pytest.approx(verwacht)
    grootboek_klopt(u)


def test_erfpacht_tegen_een_marktcanon_sluit_niets() -> None:
    """A canon equal to the pand's rate (5 %, grond index 0): price in 2027, canon
    2028–2030, grond back in 2030 — 1,05⁻¹ = 0,05 × (1,05⁻² + 1,05⁻³) + 1,05 × 1,05⁻⁴, so the
    pand gains nothing; above it the pand does not take it (the gap stays)."""
    markt = {"soort": "erfpacht", "grondaandeel": 0.25, "canon": 0.05, "termijn": 3}
    u = doe(fonds([markt]))
    assert abs(u.effect[0, 0]) < 1e-6
    u = doe(fonds([dict(markt, canon=0.06)]))
    assert u.toegekend[0, 0] == 0.0 and u.ort_na[0] == pytest.approx(300_000.0)
    # the grond indexed 2 %: the canon that breaks even is 1,05 / 1,02 − 1 (2,94 %), not 5 %
    geindexeerd = panden(index_grond=np.array([0.02]))
    u = doe(fonds([dict(markt, canon=1.05 / 1.02 - 1)]), fp=geindexeerd)
    assert abs(u.effect[0, 0]) < 1e-6
    u = doe(fonds([dict(markt, canon=0.03)]), fp=geindexeerd)
    assert u.toegekend[0, 0] == 0.0


# ------------------------------------------------------ sizing and min_effect
ZACHTE_LENING = {
    "soort": "lening",
    "aandeel_sk": 1.0,
    "max_bedrag": 1_600_000,
    "rente": 0.015,
    "looptijd": 10,
    "aflossing": "annuitair",
    "marktrente": 0.05,
}


def _se_zachte_lening() -> float:
    """Subsidie-equivalent per € of ZACHTE_LENING, from numpy-financial (the oracle)."""
    annuiteit = npf.pmt(0.015, 10, -1.0)
    return float(1.0 + npf.pv(0.05, 10, annuiteit))  # npf.pv is negative: 1 − PV


def test_lening_naar_het_tekort_en_minimale_doelmatigheid() -> None:
    """A € 15.000 gap does not absorb a € 1,6 mln loan: sized to the gap it borrows
    15.000 / (SE · d(1)); at full size it is refused below min_effect; without either it
    overshoots, and only the gap counts as closed."""
    groot = panden(stichtingskosten=np.array([2_000_000.0]))
    per_euro = _se_zachte_lening() / 1.05
    rijk = [dict(GEMEENTE, bedrag=2_000_000)]
    u = doe(fonds([dict(ZACHTE_LENING, omvang="tekort")], rijk), 15_000.0, groot)
    assert u.toegekend[0, 0] == pytest.approx(15_000.0 / per_euro)
    assert u.ort_na[0] == pytest.approx(0.0, abs=CENT)
    assert u.kpi["tekort_gesloten"] == pytest.approx(15_000.0) and u.kpi["overdekking"] == 0

    u = doe(fonds([dict(ZACHTE_LENING, min_effect=0.05)], rijk), 15_000.0, groot)
    assert u.toegekend[0, 0] == 0.0 and u.reden[0] == Reden.DEKT_NIET  # 15.000 < 5 % of 1,6 mln

    u = doe(fonds([dict(ZACHTE_LENING)], rijk), 15_000.0, groot)
    assert u.toegekend[0, 0] == pytest.approx(1_600_000.0)
    assert u.effect[0, 0] == pytest.approx(1_600_000.0 * per_euro)
    assert u.kpi["tekort_gesloten"] == pytest.approx(15_000.0)
    assert u.kpi["overdekking"] == pytest.approx(1_600_000.0 * per_euro - 15_000.0)
    assert u.kpi["woningen_ontsloten"] == 10


def test_erfpacht_en_garantie_naar_het_tekort() -> None:
    erfpacht = {"soort": "erfpacht", "grondaandeel": 0.25, "canon": 0.03, "termijn": 3}
    per_euro = 1 / 1.05 - 0.03 * (1.05**-2 + 1.05**-3 + 1.05**-4) - 1.05**-4
    u = doe(fonds([dict(erfpacht, omvang="tekort")]), 3_000.0)
    assert u.toegekend[0, 0] == pytest.approx(3_000.0 / per_euro)
    assert u.grootboek["canon"][2] == pytest.approx(0.03 * 3_000.0 / per_euro)
    assert u.ort_na[0] == pytest.approx(0.0, abs=CENT)
    garantie = {k: v for k, v in GARANTIE.items() if k != "wanbetaling"} | {"omvang": "tekort"}
    per_bank = (0.01 - 0.01 * 0.5) * (1.05**-2 + 1.05**-3)
    u = doe(fonds([garantie]), 2_000.0)
    assert u.toegekend[0, 0] == pytest.approx(0.5 * 2_000.0 / per_bank)  # the guaranteed part
    assert u.ort_na[0] == pytest.approx(0.0, abs=CENT)


# ------------------------------------------------------------- reservation
def test_fonds_houdt_kas_vast_voor_de_pot_die_het_voorfinanciert() -> None:
    """docs/methode.md §7, voorbeeld 1. The fund (€ 1 mln) carries a pot that allocates
    € 600.000 in 2028 and receives € 700.000 in 2030. A pand asks € 525.000 in 2027 (its
    gap of € 500.000 at 5 %): that would leave € 400.000 − 525.000 < 0 in 2028, so it
    waits, and is served in 2030 when the contributions arrive: 500.000 · 1,05⁴."""
    u = doe(fonds([{"soort": "subsidie"}]), 500_000.0, pot=pot({2: 600_000}, {4: 700_000}))
    g = u.grootboek
    assert g["subsidies"][4] == pytest.approx(500_000 * 1.05**4)  # 607.753,13
    assert g["subsidies"][:4] == pytest.approx([0, 0, 0, 0])
    assert g["eind"][:5] == pytest.approx(
        [1_000_000, 1_000_000, 400_000, 400_000, 1_100_000 - 500_000 * 1.05**4]
    )
    assert g["eind"].min() >= 0
    assert u.effect[0, 0] == pytest.approx(500_000.0) and u.ort_na[0] == pytest.approx(0.0)
    assert (u.aanvraagjaar[0], u.toezegjaar[0]) == (1, 4)
    assert u.kpi["wachttijd_gemiddeld"] == 3 and u.kpi["panden_gewacht"] == 1
    assert u.kpi["uitputtingsjaar"] == 2027
    assert u.kastekort_jaren == [] and u.kpi["kastekort"] == 0
    grootboek_klopt(u)


def test_deels_toezeggen_blijft_ook_binnen_de_kas() -> None:
    """bij_geldgebrek: deels — the pand takes the € 400.000 the fund can spare now."""
    f = fonds([{"soort": "subsidie"}], toewijzing={"bij_geldgebrek": "deels"})
    u = doe(f, 500_000.0, pot=pot({2: 600_000}, {4: 700_000}))
    assert u.toegekend[0, 0] == pytest.approx(400_000.0)
    assert u.ort_na[0] == pytest.approx(500_000 - 400_000 / 1.05)
    assert u.grootboek["eind"][:5] == pytest.approx([1e6, 600_000, 0, 0, 700_000])
    assert u.reden[0] == Reden.GEEN_GELD
    assert u.gehonoreerd[0] == pytest.approx(400_000 / 525_000)
    assert u.kpi["aandeel_gehonoreerd"] == pytest.approx(400_000 / 525_000)


def test_trancheschuld_is_gereserveerd() -> None:
    """The bank (rang 1) is owed € 100.000 in 2028; the fund has € 200.000. A subsidy of
    € 80.000 fits (€ 20.000 left for the gemeente); one of € 150.000 would leave the bank
    € 50.000 short, so the pand waits and the bank is repaid in full."""
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
    assert u.kpi["kapitaal_terug"] == pytest.approx((100_000 + 20_000) / 200_000)

    u = doe(fonds([{"soort": "subsidie", "max_per_pand": 150_000}], tranches))
    assert u.toegekend[0, 0] == 0.0 and u.reden[0] == Reden.WACHT
    assert u.tranches["verlies"] == pytest.approx([0.0, 0.0])
    assert u.kpi["panden_wachtend_einde"] == 1


# ------------------------------------------------------------ waiting list
LENING_IN_TWEE_JAAR = {
    "soort": "lening",
    "aandeel_sk": 1.0,
    "rente": 0.0,
    "looptijd": 2,
    "aflossing": "ineens",
    "marktrente": 0.05,
}
EIGEN_VERMOGEN = [
    {
        "naam": "gemeente",
        "soort": "eigen_vermogen",
        "bedrag": 1_000_000,
        "jaar": 2026,
        "publiek": True,
    }
]


def test_wachtlijst_lening_uit_de_aflossing_van_de_vorige() -> None:
    """docs/methode.md §7, voorbeeld 2. € 1 mln eigen vermogen; P1 and P2 each ask a
    € 1 mln loan (0 %, repaid in one go after 2 years) in 2027. P1 gets it, P2 waits
    and is served in 2029 from P1's repayment; its loan is repaid in 2031."""
    u = doe(
        fonds([dict(LENING_IN_TWEE_JAAR)], EIGEN_VERMOGEN), [300_000.0, 300_000.0], twee_panden()
    )
    g = u.grootboek
    assert g["leningen"][:6] == pytest.approx([0, 1e6, 0, 1e6, 0, 0])
    assert g["aflossing"][:6] == pytest.approx([0, 0, 0, 1e6, 0, 1e6])
    se = 1 - 1 / 1.05**2
    assert u.effect[:, 0] == pytest.approx([1e6 * se / 1.05, 1e6 * se / 1.05**3])
    assert list(u.aanvraagjaar) == [1, 1] and list(u.toezegjaar) == [1, 3]
    assert list(u.jaar[:, 0]) == [1, 3]
    k = u.kpi
    assert (k["panden_gewacht"], k["wachttijd_gemiddeld"], k["wachttijd_max"]) == (1, 2.0, 2)
    assert k["aandeel_gehonoreerd"] == pytest.approx(1.0)
    assert k["revolverendheid"] == pytest.approx(1.0)
    # free cash: € 1 mln before anything, nothing while both loans are out, € 1 mln from 2031
    assert u.vrije_kas == pytest.approx([1e6, 0, 0, 0, 0, 1e6, 1e6, 1e6, 1e6, 1e6, 1e6])
    assert k["vrije_kas_gemiddeld"] == pytest.approx(7e6 / 11)
    grootboek_klopt(u)


def test_wachtlijst_stortingen_later_en_maximale_wachttijd() -> None:
    later = [{"naam": "g", "soort": "subsidie", "bedrag": 500_000, "jaar": 2028, "publiek": True}]
    u = doe(fonds([{"soort": "subsidie"}], later))  # money arrives a year after the start
    assert u.grootboek["subsidies"][2] == pytest.approx(300_000 * 1.05**2)
    assert u.ort_na[0] == pytest.approx(0.0, abs=CENT) and u.toezegjaar[0] == 2

    weinig = [{"naam": "g", "soort": "subsidie", "bedrag": 50_000, "jaar": 2026}]
    u = doe(fonds([{"soort": "subsidie"}], weinig))
    assert u.toegekend[0, 0] == 0.0 and u.reden[0] == Reden.WACHT
    assert u.kpi["uitputtingsjaar"] == 2027
    k = u.kpi
    assert (k["panden_gewacht"], k["panden_wachtend_einde"], k["wachttijd_gemiddeld"]) == (
        1,
        1,
        None,
    )
    u = doe(fonds([{"soort": "subsidie"}], weinig, toewijzing={"max_wachttijd": 2}))
    assert u.reden[0] == Reden.WACHTTIJD and u.kpi["panden_wachtend_einde"] == 0
    assert (u.kpi["panden_gewacht"], u.kpi["panden_afgevallen"]) == (1, 1)


def test_wachtend_pand_krijgt_het_opnieuw_gemaakte_kleinere_pakket() -> None:
    """A waiting pand gets its package sized again each year, and it is that package that
    must fit — not last year's. P1 (start 2027, ORT € 300.000, r = 5 %) asks in 2027 a
    € 500.000 loan at 0 % for 2 years (SE = 1 − 1,05⁻², effect SE · 1,05⁻¹ per € = 8,85 %
    ≥ min_effect 8,5 %) and a subsidie for the rest: 500.000 + (300.000 − 500.000 · SE /
    1,05) · 1,05 = € 768.514,74 in 2027, with € 400.000 in the fund: it waits. In 2028
    the loan closes SE · 1,05⁻² = 8,43 % < 8,5 % per €: not offered; the subsidie alone,
    300.000 · 1,05² = € 330.750, fits: 43 % of what it asked is honoured. (Until 4 December
    2026 a waiting pand was passed over while its last package's outlay exceeded the cash,
    and P1 waited to the end.)"""
    se = 1 - 1 / 1.05**2
    lening = dict(LENING_IN_TWEE_JAAR, aandeel_sk=0.5, min_effect=0.085)
    f = fonds([lening, {"soort": "subsidie"}], [dict(GEMEENTE, bedrag=400_000)])
    u = doe(f)
    assert 500_000 * se / 1.05 >= 0.085 * 500_000 > 500_000 * se / 1.05**2  # the premise
    assert u.gevraagd[0] == pytest.approx(500_000 + (300_000 - 500_000 * se / 1.05) * 1.05)
    assert u.gevraagd[0] == pytest.approx(768_514.74, abs=CENT)
    assert list(u.aanvraagjaar) == [1] and list(u.toezegjaar) == [2]
    assert u.toegekend[0] == pytest.approx([0.0, 330_750.0])
    assert u.grootboek["subsidies"][:4] == pytest.approx([0, 0, 330_750.0, 0])
    assert u.ort_na[0] == pytest.approx(0.0, abs=CENT) and u.reden[0] == Reden.GEEN
    assert (u.kpi["panden_gewacht"], u.kpi["wachttijd_max"]) == (1, 1)
    assert u.kpi["uitputtingsjaar"] == 2027
    # it asked € 768.514,74 and got € 330.750: 43 % honoured, not 100 %
    assert u.gehonoreerd[0] == pytest.approx(330_750.0 / 768_514.74, abs=1e-8)
    assert u.kpi["aandeel_gehonoreerd"] == pytest.approx(0.43037, abs=1e-5)
    grootboek_klopt(u)


def test_alleen_sluitend() -> None:
    f = fonds(
        [{"soort": "subsidie", "max_per_pand": 100_000}], toewijzing={"alleen_sluitend": True}
    )
    u = doe(f)
    assert u.toegekend[0, 0] == 0.0 and u.reden[0] == Reden.NIET_SLUITEND
    assert not u.grootboek["subsidies"].any()


def test_wie_na_wachten_geen_sluitend_pakket_meer_krijgt_valt_af() -> None:
    """alleen_sluitend, a subsidy of at most € 320.000: in 2027 the gap of 300.000 needs
    315.000 (it closes) but the fund has 200.000, so the pand waits; in 2028 it needs
    330.750, the subsidy gives 320.000 (effect 290.249): no closing package any more. The
    cause was the wait: it leaves with that reason and counts as dropped."""
    from transformatiecalc.resultaat.controles import _wachtwaarschuwingen

    tranches = [
        dict(GEMEENTE, bedrag=200_000, publiek=True),
        dict(GEMEENTE, naam="later", bedrag=500_000, jaar=2029, publiek=True),
    ]
    f = fonds(
        [{"soort": "subsidie", "max_per_pand": 320_000}],
        tranches,
        toewijzing={"alleen_sluitend": True},
    )
    u = doe(f)
    assert u.reden[0] == Reden.NA_WACHTEN and u.toegekend[0, 0] == 0.0
    assert (u.kpi["panden_gewacht"], u.kpi["panden_afgevallen"]) == (1, 1)
    assert u.kpi["panden_wachtend_einde"] == 0
    assert _wachtwaarschuwingen(u, 2026) == [
        "fonds f: 1 pand viel af na wachten op geld: het pakket bood daarna niets meer of "
        "sloot niet (tekort € 300.000, € van 2026)"
    ]


# ------------------------------------------------------- overdraft and loss
def test_kredietlimiet_laat_de_kas_onder_nul_en_meldt_het() -> None:
    """€ 100.000 own money and a credit line of € 250.000: a € 300.000 loan (repaid in
    2029) fits; the cash is −200.000 in 2027 and 2028. Without the line the pand waits."""
    lening = dict(LENING_IN_TWEE_JAAR, aandeel_sk=0.3)
    ev = [dict(EIGEN_VERMOGEN[0], bedrag=100_000)]
    u = doe(fonds([dict(lening)], ev, kredietlimiet=250_000))
    assert u.grootboek["eind"][:4] == pytest.approx([100_000, -200_000, -200_000, 100_000])
    assert u.kastekort_jaren == [1, 2]
    k = u.kpi
    assert (k["kastekort"], k["jaren_kastekort"], k["eerste_jaar_kastekort"]) == (
        pytest.approx(200_000),
        2,
        2027,
    )
    u = doe(fonds([dict(lening)], ev))
    assert u.toegekend[0, 0] == 0.0 and u.grootboek["eind"].min() >= 0


def test_kredietlimiet_die_de_bank_betaalt_eindigt_met_een_tekort() -> None:
    """€ 200.000 from a bank at 10 %, due in one go in 2028, invested in nothing: the fund
    pays 20.000 in 2027 and 220.000 in 2028 with its credit line, and ends € 40.000 short."""
    bank = [
        {
            "naam": "bank",
            "soort": "lening",
            "bedrag": 200_000,
            "rente": 0.10,
            "looptijd": 2,
            "aflossing": "ineens",
            "jaar": 2026,
        }
    ]
    u = doe(fonds([{"soort": "subsidie", "voor": {"min_woningen": 99}}], bank, kredietlimiet=1e6))
    assert u.grootboek["eind"][:3] == pytest.approx([200_000, 180_000, -40_000])
    assert u.tranches["verlies"] == [0.0]  # the bank was paid: with the credit line
    assert u.kpi["eindvermogen"] == pytest.approx(-40_000) and u.kpi["tekort_einde"] == 40_000


def test_erfpacht_die_na_de_horizon_doorloopt_telt_canon_en_grond() -> None:
    """Grond € 100.000 (index 0), canon 3 % for 50 years from 2028: at the horizon (2036) 41
    canons still to come and the grond back after 2077; at a fund rate of 0 that is worth
    100.000 × (1 + 41 × 0,03); at 4 % each is discounted from its year to 2036."""
    erfpacht = {"soort": "erfpacht", "grondaandeel": 0.25, "canon": 0.03, "termijn": 50}
    u = doe(fonds([dict(erfpacht)]))
    assert u.kpi["vorderingen_einde"] == pytest.approx(100_000 * (1 + 41 * 0.03))
    u = doe(fonds([dict(erfpacht)], disconteringsvoet=0.04))
    jaren = range(2037, 2078)
    verwacht = sum(3_000 / 1.04 ** (j - 2036) for j in jaren) + 100_000 / 1.04 ** (2077 - 2036)
    assert u.kpi["vorderingen_einde"] == pytest.approx(verwacht)


def test_pot_die_de_kas_overvraagt_is_een_kastekort() -> None:
    """The pot's allocations are not the fund's decision: € 300.000 in 2027 against
    € 100.000 cash leaves −200.000 until the € 400.000 contributions of 2029."""
    tranches = [{"naam": "g", "soort": "subsidie", "bedrag": 100_000, "jaar": 2026}]
    u = doe(fonds([{"soort": "subsidie"}], tranches), 0.0, pot=pot({1: 300_000}, {3: 400_000}))
    assert u.grootboek["eind"][:4] == pytest.approx([100_000, -200_000, -200_000, 200_000])
    assert u.kastekort_jaren == [1, 2] and u.kpi["kastekort"] == pytest.approx(200_000)
    grootboek_klopt(u)


def test_senior_lening_die_de_pot_voorfinanciert_verliest() -> None:
    """A bank lends € 1 mln (0 %, due in 2028) to a fund that pays a pot's € 800.000
    allocation in 2027 and never gets it back: the bank receives € 200.000 in 2028, the
    rest stays arrears and is lost at the horizon."""
    bank = [
        {
            "naam": "bank",
            "soort": "lening",
            "bedrag": 1_000_000,
            "rente": 0.0,
            "looptijd": 2,
            "aflossing": "ineens",
            "rang": 1,
            "jaar": 2026,
        }
    ]
    u = doe(fonds([{"soort": "subsidie"}], bank), 0.0, pot=pot({1: 800_000}, {}))
    t = u.tranches
    assert t["ontvangen"][0] == pytest.approx(200_000.0)
    assert t["achterstand_max"][0] == pytest.approx(800_000.0)
    assert t["jaren_achterstand"][0] == 9 and t["eerste_jaar_achterstand"][0] == 2028
    assert t["verlies"][0] == pytest.approx(800_000.0)
    assert t["irr"][0] == pytest.approx(0.2**0.5 - 1)  # −1 mln now, +0,2 mln in two years
    k = u.kpi
    assert (k["verlies_leningtranches"], k["tranches_met_verlies"], k["tranches_te_laat"]) == (
        pytest.approx(800_000.0),
        1,
        1,
    )


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
    the ledger; without tranches the fund's cash is the pool's saldo."""
    u = doe(
        fonds([{"soort": "subsidie"}], tranches=[]), 0.0, pot=pot({1: 70_000}, {3: 40_000}, 1e5)
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
    krediet=st.sampled_from([0.0, 500_000.0]),
    wijze=st.sampled_from(["wachten", "deels"]),
    tekort=st.booleans(),
)
def test_grootboek_sluit_en_de_kas_blijft_boven_nul_tenzij_gemeld(
    data: dict[str, Any],
    keuze: list[int],
    bedrag: float,
    lening: float,
    verevening: bool,
    krediet: float,
    wijze: str,
    tekort: bool,
) -> None:
    instrumenten = [dict(ONTWERPEN[k]) for k in keuze]
    for ins in instrumenten:
        if tekort and ins["soort"] in ("lening", "garantie", "erfpacht"):
            ins["omvang"] = "tekort"
    toewijzing: dict[str, Any] = {"bij_geldgebrek": wijze}
    if verevening:
        toewijzing["volgorde_instrumenten"] = ["verevening", *(i["soort"] for i in instrumenten)]
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
            "instrumenten": instrumenten,
            "beheerkosten": 0.005,
            "kredietlimiet": krediet,
            "toewijzing": toewijzing,
        }
    ]
    if verevening:
        data["verevening"] = {"privaat": {"aandeel": 0.3}, "beginsaldo": {"binnenstad": bedrag / 4}}
    r = reken(data)
    pf = r.portefeuille
    assert pf is not None
    u = pf.fondsen[0]
    grootboek_klopt(u)  # money conserved to the cent, every year
    assert u.grootboek["begin"][0] == pytest.approx(bedrag / 4 if verevening else 0.0)
    eind = u.grootboek["eind"]
    if not verevening and u.tekort_opzet == 0:
        # below the floor only by what the fund does not decide: the pot it carries, or a
        # design that cannot serve its tranches (both flagged in warnings)
        assert eind.min() >= -krediet - CENT
    if u.tekort_opzet > 0:
        assert any("fonds f: de opzet sluit niet" in w for w in r.waarschuwingen)
    if u.kastekort_jaren:  # cash below zero is named in a warning, with its first year
        eerste = str(2026 + u.kastekort_jaren[0])
        assert any("fonds f staat rood" in w and eerste in w for w in r.waarschuwingen)
    # a subsidie never exceeds the gap it closes; the gap closed never exceeds the gap
    for k, n in enumerate(u.instrumenten):
        if n == "subsidie":
            assert np.all(u.effect[:, k] <= np.maximum(u.ort_voor, 0) + CENT)
    kpi = u.kpi
    assert kpi["tekort_gesloten"] <= kpi["tekort_voor"] + CENT
    assert kpi["tekort_gesloten"] + kpi["overdekking"] == pytest.approx(u.effect.sum(), abs=CENT)
    assert np.all(u.effect >= -CENT)
    assert np.allclose(u.ort_na, u.ort_voor - u.effect.sum(axis=1), atol=CENT)
    assert 0.0 <= (kpi["aandeel_gehonoreerd"] or 0.0) <= 1.0 + 1e-12


@settings(max_examples=300, deadline=None, derandomize=True)
@given(
    saldo=st.floats(-2e6, 2e6),
    krediet=st.sampled_from([0.0, 250_000.0]),
    bij=st.one_of(
        st.sampled_from([0.0, 0.004, 0.005, 0.00500001, 0.006]),
        st.floats(-0.02, 0.02),
        st.floats(-1e5, 1e5),
    ),
    later=st.one_of(
        st.just([0.0, 0.0, 0.0]), st.lists(st.floats(-3e5, 3e5), min_size=3, max_size=3)
    ),
    ulp=st.sampled_from([1.0, 1 + 2e-16, 1 - 2e-16, 1 + 1e-15]),
)
def test_kan_niet_alleen_waar_het_pakket_niet_past(
    saldo: float, krediet: float, bij: float, later: list[float], ulp: float
) -> None:
    """Kasboek.kan_niet passes over a package by its outlay this year alone: only where
    Kasboek.past refuses it, whatever its later flows — at the edge (an outlay within a
    cent of the cash), below the floor (nothing paid this year: not passed over) and with
    the outlay added up in another order (a last-bit difference)."""
    from transformatiecalc.engine.fondsen import Post
    from transformatiecalc.engine.fondsen.kasboek import Kasboek
    from transformatiecalc.engine.fondsen.toezegging import Toezegging

    kas = Kasboek(4, (), krediet)
    kas.jaar_begin(0)
    kas.saldo[:] = saldo
    nu = max(saldo + krediet + bij, 0.0)  # around the cash this year (or nothing)
    stromen = np.zeros((1, 2, 4))  # aflossing in, subsidies out
    stromen[0, 1, 0] = nu
    for j, x in enumerate(later, start=1):
        stromen[0, 0 if x > 0 else 1, j] = abs(x)
    nul = np.zeros(1)
    tz = Toezegging(nul, nul, stromen, nul, nul, posten=(Post.AFLOSSING, Post.SUBSIDIES))
    r = np.zeros(1, dtype=np.int64)
    past = bool(kas.past(kas.verloop(tz), r)[0])
    if kas.kan_niet(np.array([nu * ulp]), r)[0]:
        assert not past
    if nu > max(saldo + krediet, 0.0) + 0.02:  # clearly more than the cash: passed over
        assert kas.kan_niet(np.array([nu * ulp]), r)[0]


def test_zet_schrijft_vanaf_het_beginjaar_en_laat_na_de_horizon_vallen() -> None:
    """A flow of three years from year 1 and from year 3 in a horizon of five years (0–4):
    added where it belongs, the years past the horizon dropped; a start before year 0 is
    refused (it would write into the row of the pair before)."""
    from transformatiecalc.engine.fondsen.toezegging import zet

    rij = np.zeros((2, 5))
    rij[0, 0] = 7.0
    zet(rij, np.array([1, 3]), np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    assert rij.tolist() == [[7.0, 1.0, 2.0, 3.0, 0.0], [0.0, 0.0, 0.0, 4.0, 5.0]]
    with pytest.raises(ValueError, match="vóór jaar 0"):
        zet(rij, np.array([0, -1]), np.ones((2, 2)))


# ------------------------------------------ deelneming: the value when it is sold
def _deelneming_scenario(**markt: Any) -> dict[str, Any]:
    """basis() with a gap (marktwaarde € 2 mln), 150 WWS-punten (middenhuur, € 1.000 is
    legal) and a fund that buys it and sells 3 years after oplevering (2027 + 3 = 2030)."""
    d = zet(basis(), "panden.0.huidig.marktwaarde", 2_000_000)
    d = zet(d, "functies.mh.wws", {"punten": 150})
    for k, v in markt.items():
        d = zet(d, f"markt.{k}", v)
    d["fondsen"] = [
        {
            "naam": "f",
            "tranches": [{"naam": "g", "soort": "eigen_vermogen", "bedrag": 5_000_000}],
            "instrumenten": [{"soort": "deelneming", "verkoop_na": 3}],
        }
    ]
    return d


def test_deelneming_verkoopt_tegen_de_huur_die_de_wet_toelaat() -> None:
    """The rent may rise 8 % a year by the market, but the law caps middenhuur at CAO + 1 =
    4 %: the EW (BAR 5 %, k.k. 10 %) in 2030 is 120.000 × 1,04⁴ / 0,05 / 1,1 (indexed to
    2027 and three years on), not × 1,08³ on top of 2027's."""
    r = reken(_deelneming_scenario(**{"indexatie.huur": 0.08, "loonontwikkeling": 0.03}))
    g = r.fondsen["f"].grootboek
    assert g.loc[2030, "verkoop"] == pytest.approx(120_000 * 1.04**4 / 0.05 / 1.1)
    assert r.functies["indexatie_huur"].iloc[0] == pytest.approx(0.04)


def test_deelneming_aan_de_horizon_telt_de_huur_vanaf_het_jaar_erna() -> None:
    """Not sold by the horizon (2046): the fund had the rents of 2027–2046 in cash; it
    holds the value of the rents from 2047 on — BAR: 120.000 × 1,04²¹ / 0,05 / 1,1 (the
    rent of 2047), not that of 2046 a second time."""
    d = _deelneming_scenario(**{"indexatie.huur": 0.08, "loonontwikkeling": 0.03})
    d["fondsen"][0]["instrumenten"][0]["verkoop_na"] = 40
    k = reken(d).fondsen["f"].kpi
    assert k["vorderingen_einde"] == pytest.approx(120_000 * 1.04**21 / 0.05 / 1.1)


def test_waarde_later_van_een_eindige_dcf_loopt_af() -> None:
    """A DCF of 10 years with eindwaarde 0, valued 4 years after oplevering: the 6 NOIs left,
    each discounted to then (an explicit sum as the oracle); with an exit yield the DCF
    rolls on (the rent 4 years further, the same termijn)."""
    from transformatiecalc.engine import invoer_uit_scenario
    from transformatiecalc.engine.opbrengst import Waardering, voeten

    d = zet(basis(), "functies.mh.waardering", {"methode": "dcf", "termijn": 10, "eindwaarde": 0})
    d = zet(d, "functies.mh.exploitatielasten", {"per_woning_per_jaar": 1_000})
    d = zet(d, "markt.indexatie.huur", 0.02)
    d = zet(d, "markt.indexatie.exploitatielasten", 0.03)
    inv = invoer_uit_scenario(valideer(d))
    w = Waardering(inv, voeten(inv).exploitatiewaarde)
    k = np.array([4])
    r, o = 0.05, 1  # the belegger's rate (the market's); oplevering 2027
    noi = [120_000 * 1.02 ** (o + 4 + j) - 10_000 * 1.03 ** (o + 4 + j) for j in range(6)]
    verwacht = sum(x / (1 + r) ** (j + 1) for j, x in enumerate(noi))
    assert w.waarde_later(inv.prijs, k)[0] == pytest.approx(verwacht, rel=1e-12)
    assert w.waarde_later(inv.prijs, np.array([12]))[0] == 0.0  # after its termijn
    d = zet(d, "functies.mh.waardering", {"methode": "dcf", "termijn": 10, "exit_yield": 0.06})
    inv = invoer_uit_scenario(valideer(d))
    w = Waardering(inv, voeten(inv).exploitatiewaarde)
    noi = [120_000 * 1.02 ** (o + 4 + j) - 10_000 * 1.03 ** (o + 4 + j) for j in range(11)]
    eind = noi[10] / 0.06 / 1.1
    verwacht = sum(x / (1 + r) ** (j + 1) for j, x in enumerate(noi[:10])) + eind / (1 + r) ** 10
    assert w.waarde_later(inv.prijs, k)[0] == pytest.approx(verwacht, rel=1e-12)


# ------------------------------------------------ an assumption the workgroup must see
@pytest.mark.parametrize(
    ("wanbetaling", "gemeld"),
    [
        (None, True),  # not given: computed with kans 0
        ({"verlies": 0.4}, True),  # the chance still not given
        ({"kans": 0.0}, False),  # said: no default
        ({"kans": 0.03, "verlies": 0.4}, False),
    ],
)
def test_lening_en_garantie_zonder_wanbetaling_worden_genoemd(
    wanbetaling: dict[str, float] | None, gemeld: bool
) -> None:
    """A loan or guarantee without a chance of default in the scenario is computed free of
    credit risk; the warning says so, naming the fund and the instrument."""
    lening: dict[str, Any] = {
        "naam": "starterslening",
        "soort": "lening",
        "aandeel_sk": 0.3,
        "rente": 0.02,
        "looptijd": 15,
    }
    if wanbetaling is not None:
        lening["wanbetaling"] = wanbetaling
    data = zet(
        basis(),
        "fondsen",
        [{"naam": "binnenstadsfonds", "tranches": [dict(GEMEENTE, publiek=True)],
          "instrumenten": [lening]}],
    )  # fmt: skip
    meldingen = [w for w in reken(data).waarschuwingen if "wanbetaling" in w]
    if gemeld:
        assert meldingen == [
            "fonds binnenstadsfonds: lening starterslening rekent zonder wanbetaling (kans 0, "
            "niet opgegeven): kasboek en kengetallen tonen geen kredietrisico; geef "
            "wanbetaling: {kans: …, verlies: …}"
        ]
    else:
        assert meldingen == []
