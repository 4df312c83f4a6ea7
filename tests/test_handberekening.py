"""Every METHODE §1–4 convention against a value computed by hand.

The reference case is `hulp.basis()` (worked out in its docstring and in
docs/methode.md). Each test changes one parameter and restates the METHODE formula
with plain scalar arithmetic — never by calling the engine.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hulp import basis, pand, reken, zet

CENT = 0.005

V = 120_000 / 0.05 / 1.10  # bar, kk delen
B, BK = 800_000.0, 120_000.0
ON = 0.05 * (B + BK)
BTW = 0.21 * (B + BK + ON)
BS = B + BK + ON + BTW  # 1.168.860
F = 0.5 * BS * 0.06  # half_bouwkosten, bouwtijd 1
AK = 0.05 * (B + BK)
WR = 0.10 * V


def test_basis_residuele_posten_en_grondwaarde() -> None:
    r = reken(basis()).panden.iloc[0]
    assert r["opbrengst"] == pytest.approx(2_181_818.18, abs=CENT)
    assert r["bouwkosten"] == pytest.approx(800_000.00, abs=CENT)
    assert r["bijkomende_kosten"] == pytest.approx(120_000.00, abs=CENT)
    assert r["onvoorzien"] == pytest.approx(46_000.00, abs=CENT)
    assert r["btw"] == pytest.approx(202_860.00, abs=CENT)
    assert r["financieringskosten"] == pytest.approx(35_065.80, abs=CENT)
    assert r["algemene_kosten"] == pytest.approx(46_000.00, abs=CENT)
    assert r["winst_en_risico"] == pytest.approx(218_181.82, abs=CENT)
    assert r["residuele_grondwaarde_oplevering"] == pytest.approx(713_710.56, abs=CENT)
    assert r["residuele_grondwaarde_peildatum"] == pytest.approx(679_724.35, abs=CENT)
    assert r["grondquote"] == pytest.approx(713_710.5636 / 2_181_818.1818, rel=1e-9)
    assert r["transformatieruimte"] == pytest.approx(679_724.35 - 500_000, abs=CENT)
    assert r["stichtingskosten"] == pytest.approx(1_968_107.62, abs=CENT)
    assert r["afwaardering"] == 0.0  # boekwaarde defaults to the inbrengwaarde


def test_basis_kasstroom_ncw_irr_ort() -> None:
    r = reken(basis()).panden.iloc[0]
    # year 0: −500.000 − (BS + AK + W&R); year 1: + V
    assert r["ncw"] == pytest.approx(144_880.26, abs=CENT)
    assert r["onrendabele_top"] == pytest.approx(-144_880.26, abs=CENT)
    assert r["irr"] == pytest.approx(2_181_818.1818 / 1_933_041.8182 - 1, abs=1e-9)
    assert r["residuele_grondwaarde_dcf"] == pytest.approx(644_880.26, abs=CENT)
    assert r["exploitatiewaarde"] == pytest.approx(2_181_818.18, abs=CENT)


def test_kosten_koper_vermenigvuldigen() -> None:
    d = zet(basis(), "markt.kosten_koper.methode", "vermenigvuldigen")
    assert pand(d, "opbrengst") == pytest.approx(2_400_000 * (1 - 0.10), abs=CENT)


@pytest.mark.parametrize(
    ("model", "bouwtijd", "verdeling", "factor"),
    [
        ("geen", 1, None, 0.0),
        ("half_bouwkosten", 1, None, 0.5 * 0.06),
        ("half_bouwkosten", 2, None, 0.5 * (1.06**2 - 1)),
        # outlay half in year 0 (2 years of interest), half in year 1 (1 year)
        ("kasstroom", 2, [0.5, 0.5], 0.5 * (1.06**2 - 1) + 0.5 * 0.06),
        ("kasstroom", 2, [0.2, 0.8], 0.2 * (1.06**2 - 1) + 0.8 * 0.06),
        ("kasstroom", 1, None, 0.06),
    ],
)
def test_rente_model(
    model: str, bouwtijd: int, verdeling: list[float] | None, factor: float
) -> None:
    d = zet(basis(), "conventies.rente_model", model)
    d = zet(d, "panden.0.transformatie.bouwtijd", bouwtijd)
    if verdeling is not None:
        d = zet(d, "panden.0.transformatie.kostenverdeling", verdeling)
    r = reken(d).panden.iloc[0]
    assert r["financieringskosten"] == pytest.approx(BS * factor, abs=CENT)
    # rente_model belongs to the static residual only: the DCF view does not change
    ncw_zonder = reken(zet(d, "conventies.rente_model", "geen")).panden.iloc[0]["ncw"]
    assert r["ncw"] == ncw_zonder


def test_ak_grondslag_opbrengst() -> None:
    d = zet(basis(), "conventies.ak_grondslag", "opbrengst")
    r = reken(d).panden.iloc[0]
    assert r["algemene_kosten"] == pytest.approx(0.05 * V, abs=CENT)
    assert r["residuele_grondwaarde_oplevering"] == pytest.approx(
        V - BS - F - 0.05 * V - WR, abs=CENT
    )


def test_ak_grondslag_bouw_en_grond_gesloten_vorm() -> None:
    d = zet(basis(), "conventies.ak_grondslag", "bouw_en_grond")
    r = reken(d).panden.iloc[0]
    # METHODE §4: RG = (V − B − BK − onv − BTW − F − W&R − ak·(B+BK)) / (1 + ak)
    rg = (V - BS - F - WR - 0.05 * (B + BK)) / 1.05
    assert r["residuele_grondwaarde_oplevering"] == pytest.approx(rg, abs=CENT)
    assert r["algemene_kosten"] == pytest.approx(0.05 * (B + BK + rg), abs=CENT)
    # the closed form satisfies the circular definition RG = V − posts(RG)
    assert rg == pytest.approx(V - BS - F - 0.05 * (B + BK + rg) - WR, abs=1e-6)
    # cash-flow view: the grond is the inbreng (500.000), no circularity
    ak_dcf = 0.05 * (B + BK + 500_000)
    assert r["ncw"] == pytest.approx(-500_000 - (BS + ak_dcf + WR) + V / 1.05, abs=CENT)


def test_wr_grondslag_kosten() -> None:
    d = zet(basis(), "conventies.wr_grondslag", "kosten")
    r = reken(d).panden.iloc[0]
    wr = 0.10 * (BS + F + AK)
    assert r["winst_en_risico"] == pytest.approx(wr, abs=CENT)
    assert r["residuele_grondwaarde_oplevering"] == pytest.approx(V - BS - F - AK - wr, abs=CENT)
    # cash-flow view: no F in the grondslag
    assert r["ncw"] == pytest.approx(-500_000 - (BS + AK + 0.10 * (BS + AK)) + V / 1.05, abs=CENT)


def test_ak_bouw_en_grond_met_wr_op_kosten() -> None:
    d = zet(
        zet(basis(), "conventies.ak_grondslag", "bouw_en_grond"),
        "conventies.wr_grondslag",
        "kosten",
    )
    rg = float(reken(d).panden.iloc[0]["residuele_grondwaarde_oplevering"])
    ak = 0.05 * (B + BK + rg)
    wr = 0.10 * (BS + F + ak)
    assert rg == pytest.approx(V - BS - F - ak - wr, abs=CENT)


def test_btw_verrekenbaar() -> None:
    d = zet(basis(), "functies.mh.btw_verrekenbaar", True)
    r = reken(d).panden.iloc[0]
    assert r["btw"] == 0.0
    assert r["financieringskosten"] == pytest.approx(0.5 * (B + BK + ON) * 0.06, abs=CENT)


def test_midden_jaar() -> None:
    d = zet(basis(), "conventies.disconteringsmoment", "midden_jaar")
    r = reken(d).panden.iloc[0]
    rg = V - BS - F - AK - WR
    assert r["residuele_grondwaarde_peildatum"] == pytest.approx(rg / 1.05**0.5, abs=CENT)
    assert r["ncw"] == pytest.approx(-500_000 - (BS + AK + WR) + V / 1.05**0.5, abs=CENT)
    # the IRR solves the same convention: −cf0 = V·(1+irr)^−½
    assert r["irr"] == pytest.approx((V / (500_000 + BS + AK + WR)) ** 2 - 1, abs=1e-9)


def test_indexatie_per_categorie() -> None:
    d = basis()
    d["markt"]["indexatie"] = {
        "bouwkosten": 0.03,
        "huur": 0.02,
        "exploitatielasten": 0.0,
        "verkoopprijzen": 0.0,
        "grond": 0.04,
    }
    d = zet(d, "panden.0.transformatie.start", 2027)  # s = 1, o = 2
    r = reken(d).panden.iloc[0]
    b = 800_000 * 1.03  # spent in year 1
    bk, on = 0.15 * b, 0.05 * 1.15 * b
    btw = 0.21 * (b + bk + on)
    v = 120_000 * 1.02**2 / 0.05 / 1.10  # rent indexed to oplevering (year 2)
    assert r["bouwkosten"] == pytest.approx(b, abs=CENT)
    assert r["opbrengst"] == pytest.approx(v, abs=CENT)
    assert r["inbreng"] == pytest.approx(500_000 * 1.04, abs=CENT)
    bs = b + bk + on + btw
    rg = v - bs - 0.5 * bs * 0.06 - 0.05 * (b + bk) - 0.10 * v
    assert r["residuele_grondwaarde_oplevering"] == pytest.approx(rg, abs=CENT)
    assert r["residuele_grondwaarde_peildatum"] == pytest.approx(rg / 1.05**2, abs=CENT)
    ncw = -(500_000 * 1.04 + bs + 0.05 * (b + bk) + 0.10 * v) / 1.05 + v / 1.05**2
    assert r["ncw"] == pytest.approx(ncw, abs=CENT)


def test_prijspeil_voor_startjaar() -> None:
    d = zet(basis(), "prijspeil", 2025)  # amounts of 2025, indexed one year to 2026
    d["markt"]["indexatie"]["bouwkosten"] = 0.03
    assert pand(d, "bouwkosten") == pytest.approx(800_000 * 1.03, abs=CENT)


def test_kostenverdeling_met_indexatie() -> None:
    d = zet(basis(), "panden.0.transformatie.bouwtijd", 2)
    d = zet(d, "panden.0.transformatie.kostenverdeling", [0.25, 0.75])
    d["markt"]["indexatie"]["bouwkosten"] = 0.03
    assert pand(d, "bouwkosten") == pytest.approx(800_000 * (0.25 + 0.75 * 1.03), abs=CENT)


def test_verwerving_en_verwervingskosten() -> None:
    d = zet(basis(), "panden.0.transformatie.verwerving", True)
    r = reken(d).panden.iloc[0]
    assert r["verwervingskosten"] == pytest.approx(
        0.10 * 500_000, abs=CENT
    )  # default: kosten koper
    d = zet(d, "kosten.verwervingskosten", 0.119)
    r = reken(d).panden.iloc[0]
    assert r["verwervingskosten"] == pytest.approx(0.119 * 500_000, abs=CENT)
    assert r["ncw"] == pytest.approx(-500_000 * 1.119 - (BS + AK + WR) + V / 1.05, abs=CENT)


def test_inbreng_uit_huur_en_bar() -> None:
    d = zet(basis(), "panden.0.huidig", {"huur_per_jaar": 40_000, "bar": 0.08})
    assert pand(d, "inbrengwaarde") == pytest.approx(500_000, abs=CENT)


def test_inbrengwaarde_gaat_voor_marktwaarde() -> None:
    d = zet(basis(), "panden.0.huidig", {"marktwaarde": 500_000, "inbrengwaarde": 450_000})
    assert pand(d, "inbrengwaarde") == 450_000


def test_afwaardering() -> None:
    d = zet(basis(), "panden.0.huidig.boekwaarde", 900_000)
    rg_peildatum = (V - BS - F - AK - WR) / 1.05
    assert pand(d, "afwaardering") == pytest.approx(900_000 - rg_peildatum, abs=CENT)
    d = zet(
        basis(), "panden.0.huidig.boekwaarde", 600_000
    )  # below RG_peildatum: nothing to write off
    assert pand(d, "afwaardering") == 0.0


def test_nar_met_lasten_en_leegstand() -> None:
    d = zet(basis(), "functies.mh.waardering", {"methode": "nar", "nar": 0.05})
    d = zet(
        d, "functies.mh.exploitatielasten", {"per_woning_per_jaar": 1_200, "percentage_huur": 0.05}
    )
    d = zet(d, "functies.mh.leegstand", 0.02)
    noi = 120_000 * (1 - 0.02 - 0.05) - 10 * 1_200
    assert pand(d, "opbrengst") == pytest.approx(noi / 0.05 / 1.10, abs=CENT)


def test_bar_negeert_lasten() -> None:
    d = zet(basis(), "functies.mh.exploitatielasten", {"per_woning_per_jaar": 1_200})
    assert pand(d, "opbrengst") == pytest.approx(V, abs=CENT)


def test_dcf_eindige_exploitatie_tegen_numpy_financial() -> None:
    npf = pytest.importorskip("numpy_financial")
    d = zet(basis(), "functies.mh.waardering", {"methode": "dcf", "termijn": 10, "eindwaarde": 0})
    d = zet(d, "functies.mh.exploitatielasten", {"per_woning_per_jaar": 2_000})
    noi = 120_000 - 20_000
    # a level annuity of NOI for 10 years at 5 %, in arrears
    assert pand(d, "opbrengst") == pytest.approx(float(npf.pv(0.05, 10, -noi)), abs=CENT)


def test_dcf_met_groei_en_exit_yield() -> None:
    d = basis()
    d["markt"]["indexatie"]["huur"] = 0.02
    d["markt"]["indexatie"]["exploitatielasten"] = 0.03
    d = zet(d, "functies.mh.waardering", {"methode": "dcf", "termijn": 15, "exit_yield": 0.06})
    d = zet(
        d, "functies.mh.exploitatielasten", {"per_woning_per_jaar": 2_000, "percentage_huur": 0.1}
    )
    d = zet(d, "functies.mh.leegstand", 0.03)

    # oplevering in year 1: year-1 rent and lasten are indexed one year
    def noi(k: int) -> float:
        jaar = k  # exploitation year k is calendar year index o + k − 1 = k
        bruto = 120_000 * 1.02**jaar
        return bruto * (1 - 0.03) - (20_000 * 1.03**jaar + 0.1 * bruto)

    som = sum(noi(k) / 1.05**k for k in range(1, 16))
    eindwaarde = noi(16) / 0.06 / 1.10
    assert pand(d, "opbrengst") == pytest.approx(som + eindwaarde / 1.05**15, abs=CENT)


def test_dcf_eigen_disconteringsvoet_en_partijvoet() -> None:
    waardering = {"methode": "dcf", "termijn": 20, "eindwaarde": 0}
    d = zet(basis(), "functies.mh.waardering", waardering)
    d = zet(d, "partijen.belegger.disconteringsvoet", 0.04)
    annuiteit = (1 - 1.04**-20) / 0.04
    assert pand(d, "exploitatiewaarde") == pytest.approx(120_000 * annuiteit, abs=CENT)
    d = zet(d, "functies.mh.waardering.disconteringsvoet", 0.07)
    assert pand(d, "exploitatiewaarde") == pytest.approx(120_000 * (1 - 1.07**-20) / 0.07, abs=CENT)


def test_disconteringsvoet_opbrengst_markt() -> None:
    d = zet(basis(), "functies.mh.waardering", {"methode": "dcf", "termijn": 20, "eindwaarde": 0})
    d = zet(d, "partijen.belegger.disconteringsvoet", 0.04)
    d = zet(d, "conventies.disconteringsvoet_opbrengst", "markt")
    r = reken(d).panden.iloc[0]
    assert r["opbrengst"] == pytest.approx(120_000 * (1 - 1.05**-20) / 0.05, abs=CENT)
    assert r["exploitatiewaarde"] == pytest.approx(120_000 * (1 - 1.04**-20) / 0.04, abs=CENT)


def test_koopwoning() -> None:
    d = zet(
        basis(),
        "functies.mh",
        {"soort": "koopwoning", "von_prijs_incl_btw": 400_000, "bvo_per_woning": 80},
    )
    r = reken(d).panden.iloc[0]
    assert r["opbrengst"] == pytest.approx(10 * 400_000 / 1.21 * (1 - 0.015), abs=CENT)
    assert r["btw"] == 0.0  # koopwoning: BTW recoverable by default


def test_m2_functie_en_extra_kosten_naar_bvo() -> None:
    d = basis()
    d["functies"]["winkel"] = {
        "soort": "commercieel",
        "huur_per_m2_per_jaar": 200,
        "vvo_bvo": 0.8,
        "waardering": {"methode": "bar", "bar": 0.08, "kosten_koper": 0.12},
    }
    d["panden"][0]["transformatie"]["programma"].append(
        {"functie": "winkel", "bvo": 200, "ingreep": "zwaar"}
    )
    d["panden"][0]["transformatie"]["extra_kosten"] = {"asbest": 100_000}
    res = reken(d)
    f = res.functies
    # winkel: 200 m² × 0,8 = 160 m² vvo × € 200 = € 32.000 bruto; k.k. with its own 12 %
    assert f.loc[("P1", 1), "opbrengst"] == pytest.approx(32_000 / 0.08 / 1.12, abs=CENT)
    # B per functie: own BVO × own ingreep + extra kosten by BVO share (800 : 200)
    assert f.loc[("P1", 0), "bouwkosten"] == pytest.approx(800 * 1000 + 0.8 * 100_000, abs=CENT)
    assert f.loc[("P1", 1), "bouwkosten"] == pytest.approx(200 * 2000 + 0.2 * 100_000, abs=CENT)
    # BTW only on the huurwoning; commercieel recovers it by default
    assert f.loc[("P1", 1), "btw"] == 0.0
    b = 800 * 1000 + 0.8 * 100_000
    assert f.loc[("P1", 0), "btw"] == pytest.approx(0.21 * b * 1.15 * 1.05, abs=CENT)


def test_partij_eigen_ak_en_wr() -> None:
    d = zet(basis(), "partijen.belegger", {"soort": "gemeente", "wr": 0, "ak": 0.02})
    r = reken(d).panden.iloc[0]
    assert r["winst_en_risico"] == 0.0
    assert r["algemene_kosten"] == pytest.approx(0.02 * (B + BK), abs=CENT)


def test_exploitant_bepaalt_voet() -> None:
    d = basis()
    d["partijen"]["corporatie"] = {"soort": "corporatie", "disconteringsvoet": 0.03}
    d = zet(d, "panden.0.transformatie.exploitant", "corporatie")
    assert pand(d, "residuele_grondwaarde_peildatum") == pytest.approx(
        (V - BS - F - AK - WR) / 1.03, abs=CENT
    )


def test_herkomst_ort_en_break_even_bouwkosten() -> None:
    """METHODE §5, "Waar de ORT vandaan komt", on the reference case: inbreng € 500.000 in
    year 0 (d_s = 1, no verwerving), AK on B + BK and W&R on V, so only the inbreng itself
    is its share; the building year is year 0 (π = 1)."""
    res = reken(basis())
    r = res.panden.iloc[0]
    f = res.functies.iloc[0]
    ort = -(V / 1.05 - 500_000 - (BS + AK + WR))  # −144.880,26
    assert r["onrendabele_top"] == pytest.approx(ort, abs=CENT)
    assert r["inbreng_aandeel"] == pytest.approx(500_000.00, abs=CENT)
    assert r["ort_zonder_inbreng"] == pytest.approx(ort - 500_000, abs=CENT)  # −644.880,26
    assert r["ort_zonder_inbreng"] == pytest.approx(-644_880.26, abs=CENT)
    assert f["inbreng_aandeel"] == pytest.approx(500_000.00, abs=CENT)
    assert f["ort_zonder_inbreng"] == pytest.approx(-644_880.26, abs=CENT)
    assert r["ort_per_woning"] == pytest.approx(-144_880.26 / 10, abs=CENT)  # −14.488,03
    assert r["ort_per_m2_bvo"] == pytest.approx(-144_880.26 / 800, abs=CENT)  # −181,10
    assert f["ort_per_woning"] == pytest.approx(-14_488.03, abs=CENT)
    # K = BS + AK per € of B: every post proportional to B (W&R follows V here); the
    # NCW falls by K/B per € of B, so B* = B·(1 + NCW/K) and per m²: 1.000·(1 + 144.880,26 /
    # 1.214.860) = 1.119,26
    k = BS + AK  # 1.214.860
    assert k == pytest.approx(1_214_860.0)
    assert r["break_even_bouwkosten_per_m2"] == pytest.approx(1000 * (1 - ort / k), abs=CENT)
    assert r["break_even_bouwkosten_per_m2"] == pytest.approx(1_119.26, abs=CENT)


def test_break_even_bouwkosten_sluiten_het_pand() -> None:
    """Recomputed with the break-even bouwkosten per m² the pand's ORT is 0."""
    d = basis()
    c = pand(d, "break_even_bouwkosten_per_m2")
    assert pand(zet(d, "kosten.per_m2_bvo.licht", c), "onrendabele_top") == pytest.approx(
        0.0, abs=1e-6
    )


def test_herkomst_ort_met_grond_in_ak_en_wr_op_kosten() -> None:
    """AK on B + BK + grond and W&R on the kosten: the inbreng also carries AK on it and
    W&R on that AK (both spent like B, π = 1)."""
    d = zet(basis(), "conventies.ak_grondslag", "bouw_en_grond")
    d = zet(d, "conventies.wr_grondslag", "kosten")
    r = reken(d).panden.iloc[0]
    assert r["inbreng_aandeel"] == pytest.approx(500_000 * (1 + 0.05 * (1 + 0.10)), abs=CENT)
    zonder = zet(d, "panden.0.huidig.inbrengwaarde", 0)
    assert r["ort_zonder_inbreng"] == pytest.approx(pand(zonder, "onrendabele_top"), abs=CENT)


@pytest.mark.parametrize(
    ("huidig", "melding"),
    [
        (700, "P1: het programma heeft 800 m² BVO, het pand nu 700 m² (+14,3 %; optoppen of "),
        (900, "P1: het programma heeft 800 m² BVO, het pand nu 900 m² (-11,1 %; leegstand of "),
        (770, None),  # +3,9 %: within the 5 % margin
        (840, None),  # −4,8 %
    ],
)
def test_waarschuwing_bvo_programma_tegen_pand(huidig: int, melding: str | None) -> None:
    res = reken(zet(basis(), "panden.0.huidig.bvo", huidig))
    bvo = [w for w in res.waarschuwingen if "m² BVO" in w]
    if melding is None:
        assert bvo == []
    else:
        assert len(bvo) == 1 and bvo[0].startswith(melding), bvo


def test_waarschuwing_bvo_voor_veel_panden_is_een_regel(tmp_path: Path) -> None:
    """Three panden of the example given their former BVO again (P01 4.200 m² for a
    programme of 2.870 = −31,7 %; P09 700 for 1.100 = +57,1 %; P12 240 for 150 = −37,5 %):
    more than BVO_LOS, so one line lists them. The example itself has none."""
    from transformatiecalc import bereken, laad_scenario

    voorbeeld = Path(__file__).parents[1] / "scenarios" / "voorbeeld_binnenstad.yaml"
    assert not [w for w in bereken(laad_scenario(voorbeeld)).waarschuwingen if "BVO" in w]
    tekst = voorbeeld.read_text(encoding="utf-8")
    for oud, nieuw in (
        ("bvo: 2_900", "bvo: 4_200"),
        ("bvo: 1_100, marktwaarde: 900_000", "bvo: 700, marktwaarde: 900_000"),
        ("bvo: 155", "bvo: 240"),
    ):
        assert tekst.count(oud) == 1, oud
        tekst = tekst.replace(oud, nieuw)
    (tmp_path / "s.yaml").write_text(tekst, encoding="utf-8")
    bvo = [w for w in bereken(laad_scenario(tmp_path / "s.yaml")).waarschuwingen if "BVO" in w]
    assert len(bvo) == 1
    assert bvo[0].startswith("3 panden hebben een programma met meer of minder BVO dan het pand nu")
    assert bvo[0].endswith("P01 -31,7 %, P09 +57,1 %, P12 -37,5 %")
