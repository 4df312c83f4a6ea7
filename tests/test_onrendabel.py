"""ORT per functie, kostprijsdekkende huur, betaalbaarheidsgat and goal seeks (METHODE §5)."""

from __future__ import annotations

import pytest
from hulp import basis, reken, zet

CENT = 0.005
V = 120_000 / 0.05 / 1.10
BS = 800_000 + 120_000 + 46_000 + 202_860
AK = 46_000.0


def _gemengd() -> dict:
    d = basis()
    d["functies"]["winkel"] = {
        "soort": "commercieel",
        "huur_per_m2_per_jaar": 150,
        "vvo_bvo": 0.8,
        "betaalbare_huur_per_m2_per_jaar": 120,
        "waardering": {"methode": "nar", "nar": 0.08},
    }
    d["functies"]["koop"] = {
        "soort": "koopwoning",
        "von_prijs_incl_btw": 350_000,
        "bvo_per_woning": 90,
    }
    d["functies"]["sociaal"] = {
        "soort": "huurwoning",
        "huur_per_maand": 800,
        "bvo_per_woning": 60,
        "betaalbare_huur_per_maand": 932.93,
        "exploitatielasten": {"per_woning_per_jaar": 2_400},
        "waardering": {"methode": "dcf", "termijn": 50, "eindwaarde": 0},
    }
    d["panden"][0]["transformatie"]["programma"] = [
        {"functie": "mh", "woningen": 6},
        {"functie": "winkel", "bvo": 300, "ingreep": "zwaar"},
        {"functie": "koop", "woningen": 4},
        {"functie": "sociaal", "woningen": 8},
    ]
    d["panden"][0]["transformatie"]["bouwtijd"] = 2
    d["panden"][0]["transformatie"]["start"] = 2027
    d["panden"][0]["transformatie"]["extra_kosten"] = {"sloop": 150_000}
    d["markt"]["indexatie"] = {
        "bouwkosten": 0.03,
        "huur": 0.02,
        "exploitatielasten": 0.025,
        "verkoopprijzen": 0.02,
        "grond": 0.02,
    }
    return d


def test_kostprijsdekkende_huur_basis() -> None:
    # NCW(R) = V(R)·(1/1,05 − 0,10) − (500.000 + BS + AK), V(R) = R·12·10/0,05/1,10
    v_nul = (500_000 + BS + AK) / (1 / 1.05 - 0.10)
    r_nul = v_nul / (12 * 10 / 0.05 / 1.10)
    d = zet(basis(), "functies.mh.betaalbare_huur_per_maand", 900)
    f = reken(d).functies.iloc[0]
    assert f["kostprijsdekkende_huur"] == pytest.approx(r_nul, abs=1e-6)
    assert f["kostprijsdekkende_huur"] == pytest.approx(922.10, abs=CENT)
    assert f["betaalbaarheidsgat"] == pytest.approx(r_nul - 900, abs=1e-6)
    assert f["break_even_bar"] == pytest.approx(0.05 * V / v_nul, rel=1e-12)


def test_kostprijsdekkende_huur_sluit_de_functie() -> None:
    d = _gemengd()
    res = reken(d)
    for regel, sleutel, pad in (
        (0, "kostprijsdekkende_huur", "functies.mh.huur_per_maand"),
        (1, "kostprijsdekkende_huur", "functies.winkel.huur_per_m2_per_jaar"),
        (2, "kostprijsdekkende_von_prijs", "functies.koop.von_prijs_incl_btw"),
        (3, "kostprijsdekkende_huur", "functies.sociaal.huur_per_maand"),
    ):
        prijs = float(res.functies.iloc[regel][sleutel])
        nieuw = reken(zet(d, pad, prijs)).functies.iloc[regel]
        assert nieuw["onrendabele_top"] == pytest.approx(0.0, abs=1e-4), sleutel


def test_betaalbaarheidsgat_gekapitaliseerd_is_ort() -> None:
    # With the rent at the betaalbare huur, the capitalised gap equals the functie's ORT.
    d = _gemengd()
    d = zet(d, "functies.sociaal.huur_per_maand", 932.93)
    res = reken(d)
    f = res.functies.iloc[3]
    hoger = reken(zet(d, "functies.sociaal.huur_per_maand", 933.93)).functies.iloc[3]
    per_euro = f["onrendabele_top"] - hoger["onrendabele_top"]  # ORT per € of monthly rent
    assert f["betaalbaarheidsgat"] * per_euro == pytest.approx(f["onrendabele_top"], rel=1e-9)


def test_ort_per_functie_telt_op() -> None:
    res = reken(_gemengd())
    assert res.functies["onrendabele_top"].sum() == pytest.approx(
        res.panden.iloc[0]["onrendabele_top"], abs=1e-6
    )
    # inbreng and the shared extra kosten go by BVO share
    bvo = res.functies["bvo"]
    aandeel = bvo / bvo.sum()
    assert res.functies["inbreng"].to_numpy() == pytest.approx(
        (500_000 * 1.02 * aandeel).to_numpy(), abs=CENT
    )


def test_subsidie_sluitend() -> None:
    d = zet(basis(), "panden.0.huidig.marktwaarde", 800_000)
    r = reken(d).panden.iloc[0]
    # RG_dcf = 644.880,26: an inbreng of 800.000 leaves a gap of 155.119,74, paid in year 0
    assert r["onrendabele_top"] == pytest.approx(800_000 - 644_880.26, abs=CENT)
    assert r["subsidie_sluitend"] == pytest.approx(800_000 - 644_880.26, abs=CENT)
    d = zet(d, "panden.0.transformatie.start", 2028)  # paid in year 2: nominal amount grows
    r = reken(d).panden.iloc[0]
    assert r["subsidie_sluitend"] == pytest.approx(r["onrendabele_top"] * 1.05**2, abs=CENT)
    assert reken(basis()).panden.iloc[0]["subsidie_sluitend"] == 0.0  # an overschot needs none


def test_max_inbrengwaarde() -> None:
    assert reken(basis()).panden.iloc[0]["max_inbrengwaarde"] == pytest.approx(644_880.26, abs=CENT)
    # with verwerving (10 %), grond indexation and AK on the grond it stays the break-even inbreng
    d = _gemengd()
    d = zet(d, "panden.0.transformatie.verwerving", True)
    d = zet(d, "conventies.ak_grondslag", "bouw_en_grond")
    d = zet(d, "conventies.wr_grondslag", "kosten")
    maximum = float(reken(d).panden.iloc[0]["max_inbrengwaarde"])
    r = reken(zet(d, "panden.0.huidig.marktwaarde", maximum)).panden.iloc[0]
    assert r["onrendabele_top"] == pytest.approx(0.0, abs=1e-4)


def test_break_even_bar_en_nar() -> None:
    d = _gemengd()
    res = reken(d)
    bar = float(res.functies.iloc[0]["break_even_bar"])
    nar = float(res.functies.iloc[1]["break_even_nar"])
    assert reken(zet(d, "functies.mh.waardering.bar", bar)).functies.iloc[0]["onrendabele_top"] == (
        pytest.approx(0.0, abs=1e-4)
    )
    assert reken(zet(d, "functies.winkel.waardering.nar", nar)).functies.iloc[1][
        "onrendabele_top"
    ] == (pytest.approx(0.0, abs=1e-4))
    assert res.functies.iloc[2][["break_even_bar", "break_even_nar"]].isna().all()


def test_huurfactor_rendementseis() -> None:
    d = _gemengd()
    d = zet(d, "partijen.belegger.rendementseis", 0.08)
    factor = float(reken(d).panden.iloc[0]["huurfactor_rendementseis"])
    hoger = d
    for pad in (
        "functies.mh.huur_per_maand",
        "functies.winkel.huur_per_m2_per_jaar",
        "functies.sociaal.huur_per_maand",
    ):
        oud = {
            "functies.mh.huur_per_maand": 1000,
            "functies.winkel.huur_per_m2_per_jaar": 150,
            "functies.sociaal.huur_per_maand": 800,
        }[pad]
        hoger = zet(hoger, pad, oud * factor)
    # the dcf functie is valued at the exploitant's disconteringsvoet, so only the project
    # IRR is measured at the rendementseis
    assert reken(hoger).panden.iloc[0]["irr"] == pytest.approx(0.08, abs=1e-9)


def test_irr_geen_tekenwisseling_met_reden() -> None:
    d = zet(basis(), "functies.mh.huur_per_maand", 1)
    d = zet(d, "functies.mh.waardering", {"methode": "nar", "nar": 0.05})
    d = zet(d, "functies.mh.exploitatielasten", {"per_woning_per_jaar": 5_000})
    # a rent of € 1 a month is deliberately absurd: it makes every cash flow negative
    d = zet(d, "conventies.ruime_grenzen", ["functies.mh.huur_per_maand"])
    r = reken(d).panden.iloc[0]
    assert r["exploitatiewaarde"] < 0
    assert r["irr"] != r["irr"]  # NaN
    assert "tekenwisseling" in r["irr_reden"]
