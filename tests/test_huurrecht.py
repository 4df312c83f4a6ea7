"""Rent law (METHODE §2a): tables, surcharges, segments, caps, and what follows in a scenario.

Expected values are published ones (Besluit huurprijzen woonruimte, bijlage I and art. 8a;
rijksoverheid.nl 15-12-2025; the woningwaardering README example) or computed by hand in
the test from those tables, never read from the engine.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hulp import basis, cli, reken, zet
from ruamel.yaml import YAML

from transformatiecalc import valideer
from transformatiecalc.engine.huurrecht.tabellen import (
    Segment,
    huurplafonds,
    huurprijstabel,
    met_opslag,
    opslag,
    segment,
)
from transformatiecalc.fouten import ScenarioFout

T26 = huurprijstabel(2026)
T25 = huurprijstabel(2025)


# --------------------------------------------------------------------------- tables
@pytest.mark.parametrize(
    ("punten", "bedrag"),
    [
        (143, 932.93),  # liberalisatiegrens 2026, bovengrens sociale huur
        (144, 939.73),
        (186, 1228.07),  # bovengrens middenhuur 2026
        (187, 1234.92),
        (250, 1667.40),
        (251, 1667.40 + (1667.40 - 1660.54)),  # > 250: + (t250 − t249) per punt
        (284, 1900.64),  # woningwaardering README: 284 punten → € 1.900,64
        (40, 250.26),  # first row of the table
        (12, 250.26),  # below the table: the first row
    ],
)
def test_huurprijstabel_2026_aan_de_randen(punten: int, bedrag: float) -> None:
    assert T26.maximale_huur(punten) == pytest.approx(bedrag, abs=0.001)


@pytest.mark.parametrize(("punten", "bedrag"), [(143, 900.07), (186, 1184.82), (250, 1608.68)])
def test_huurprijstabel_2025(punten: int, bedrag: float) -> None:
    assert T25.maximale_huur(punten) == pytest.approx(bedrag, abs=0.001)


def test_tabellen_noemen_bron_en_datum() -> None:
    for t in (T25, T26):
        assert "Besluit huurprijzen woonruimte" in t.bron
        assert f"{t.jaar}-01-01" in t.bron
        assert t.punten[0] == 40 and t.punten[-1] == 250
        assert np.all(np.diff(t.bedrag) > 0)


def test_tabel_is_gevectoriseerd() -> None:
    uit = T26.maximale_huur(np.array([143, 186, 284]))
    assert uit.tolist() == pytest.approx([932.93, 1228.07, 1900.64])


@pytest.mark.parametrize(
    ("punten", "seg"),
    [
        (0, Segment.SOCIAAL),
        (143, Segment.SOCIAAL),
        (144, Segment.MIDDEN),
        (186, Segment.MIDDEN),
        (187, Segment.VRIJ),
        (400, Segment.VRIJ),
    ],
)
def test_segment(punten: int, seg: Segment) -> None:
    assert segment(np.array([punten]))[0] == seg


# --------------------------------------------------------------------------- surcharges
M, S, V = Segment.MIDDEN, Segment.SOCIAAL, Segment.VRIJ


@pytest.mark.parametrize(
    ("seg", "monument", "bouwjaar", "start", "oplevering", "fractie"),
    [
        (S, "rijksmonument", np.nan, 2030, 2031, 0.35),  # art. 8a lid 1
        (S, "gemeentelijk", np.nan, 2030, 2031, 0.15),  # art. 8a lid 2
        (S, "provinciaal", np.nan, 2030, 2031, 0.15),
        (S, "stadsgezicht", 1930, 2030, 2031, 0.05),  # art. 8a lid 4, vóór 1965
        (S, "stadsgezicht", 1965, 2030, 2031, 0.0),  # niet vóór 1965
        (S, "", np.nan, 2026, 2027, 0.0),  # sociale huur: geen 10 %
        (M, "", np.nan, 2027, 2029, 0.10),  # art. 8a lid 3: start vóór 2028
        (M, "", np.nan, 2028, 2029, 0.0),  # start in 2028: te laat
        (M, "", np.nan, 2023, 2024, 0.0),  # eerste verhuur niet na 1-7-2024
        (M, "rijksmonument", np.nan, 2026, 2027, 0.45),  # de opslagen tellen op
        (M, "stadsgezicht", 1900, 2026, 2027, 0.15),
    ],
)
def test_opslagen_bhw_8a(
    seg: Segment, monument: str, bouwjaar: float, start: int, oplevering: int, fractie: float
) -> None:
    uit = opslag(
        np.array([seg]), np.array([monument], dtype=object), [bouwjaar], [start], [oplevering]
    )
    assert uit[0] == pytest.approx(fractie, abs=1e-12)


def test_opslag_wordt_op_centen_afgerond() -> None:
    # 1 228,07 × 10 % = 122,807 → 122,81; 932,93 × 35 % = 326,5255 → 326,53
    assert met_opslag(1228.07, 0.10) == pytest.approx(1350.88, abs=1e-9)
    assert met_opslag(932.93, 0.35) == pytest.approx(1259.46, abs=1e-9)
    # a half cent goes up: 974,05 × 10 % = 97,405 → 97,41 (149 punten in 2026)
    assert met_opslag(974.05, 0.10) == pytest.approx(1071.46, abs=1e-9)


@pytest.mark.parametrize("jaar", [2025, 2026])
@pytest.mark.parametrize("opslag", ["0.05", "0.10", "0.15", "0.20", "0.25", "0.35", "0.45"])
def test_opslag_half_naar_boven_over_de_hele_tabel(jaar: int, opslag: str) -> None:
    """Every table amount with every sum of surcharges, against decimal arithmetic."""
    from decimal import ROUND_HALF_UP, Decimal

    t = huurprijstabel(jaar).maximale_huur(np.arange(40, 301))
    verwacht = []
    for x in t:
        d = Decimal(f"{x:.2f}")
        verwacht.append(
            float(d + (d * Decimal(opslag)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))
        )
    assert np.abs(met_opslag(t, float(opslag)) - np.array(verwacht)).max() < 1e-9


def test_huurplafonds_2026_uit_hun_formules() -> None:
    # rijksoverheid.nl 15-12-2025: CPI 3,4 %, driejaarsgemiddelde 3,6 %, CAO 5,1 %
    p = huurplafonds(inflatie=0.034, inflatie_driejarig=0.036, loonontwikkeling=0.051)
    assert (p.sociaal, p.midden, p.vrij) == pytest.approx((0.041, 0.061, 0.044), abs=1e-12)
    # CAO below CPI: the vrije sector follows the CAO
    assert huurplafonds(0.05, 0.05, 0.03).vrij == pytest.approx(0.04)


# --------------------------------------------------------------------------- a scenario
def _met_wws(punten: int, huur: float = 1000, **extra: Any) -> dict[str, Any]:
    data = zet(basis(), "functies.mh.wws", {"punten": punten})
    data = zet(data, "functies.mh.huur_per_maand", huur)
    for pad, waarde in extra.items():
        data = zet(data, pad, waarde)
    return data


def test_huur_boven_maximum_wordt_geweigerd_met_punten_maximum_en_opslag() -> None:
    # 150 punten 2026: € 980,91; start 2026 → +10 % = 980,91 + 98,09 = € 1.079,00
    with pytest.raises(ScenarioFout) as fout:
        valideer(_met_wws(150, huur=1100))
    (m,) = fout.value.meldingen
    assert m.pad == "functies.mh.huur_per_maand"
    assert m.code == "huur.boven_maximum"
    for stuk in ("€ 1.100,00", "€ 1.079,00", "150 WWS-punten", "middenhuur", "opslag 10 %", "P1"):
        assert stuk in m.tekst
    assert "huur_boven_maximum: aftoppen" in m.tekst


def test_huur_op_het_maximum_mag() -> None:
    sc = valideer(_met_wws(150, huur=1079.00))
    assert sc.huurrecht is not None
    assert sc.huurrecht.maximale_huur[0] == pytest.approx(1079.00)


def test_zonder_opslag_na_2027_is_dezelfde_huur_te_hoog() -> None:
    data = _met_wws(150, huur=1079.00, **{"panden.0.transformatie.start": 2028})
    with pytest.raises(ScenarioFout) as fout:
        valideer(data)
    assert "€ 980,91" in fout.value.meldingen[0].tekst
    assert "opslag 0 %" in fout.value.meldingen[0].tekst


def test_bestaande_woningen_krijgen_geen_opslag_voor_transformatie() -> None:
    """Bhw art. 8a: the 10 % is for new build or conversion *to* wonen. A pand that is
    already housing (huidig.wonen: ja), started in 2026: 150 punten may cost € 980,91, not
    € 1.079,00 — also in the workbook, whose surcharge formula is then the monument part."""
    import io

    import openpyxl

    from transformatiecalc.uitvoer.excel import bouw_werkboek
    from transformatiecalc.uitvoer.huisstijl import Huisstijl

    with pytest.raises(ScenarioFout) as fout:
        valideer(_met_wws(150, huur=1079.00, **{"panden.0.huidig.wonen": True}))
    assert "€ 980,91" in fout.value.meldingen[0].tekst
    r = reken(_met_wws(150, huur=980.91, **{"panden.0.huidig.wonen": True}))
    assert r.functies["wws_opslag"].iloc[0] == 0.0
    wb = openpyxl.load_workbook(io.BytesIO(bouw_werkboek(r, Huisstijl(), {}).inhoud))
    ws = wb["Functies"]
    kop = next(rij for rij in ws.iter_rows(values_only=True) if "wws_opslag" in map(str, rij))
    kolom = list(map(str, kop)).index("wws_opslag")
    formules = [str(c[kolom].value) for c in ws.iter_rows() if str(c[kolom].value).startswith("=")]
    assert formules == ["=0.0"]


def test_huidige_functie_met_woningen_zonder_wonen_geeft_een_waarschuwing() -> None:
    data = _met_wws(150, huur=1000, **{"panden.0.huidig.functie": "winkel met bovenhuis"})
    assert any("noemt wonen" in w and "huidig.wonen: ja" in w for w in reken(data).waarschuwingen)
    data = zet(data, "panden.0.huidig.wonen", False)  # said: it is a conversion
    assert not any("noemt wonen" in w for w in reken(data).waarschuwingen)
    # whole words only: an office of the Kamer van Koophandel holds no homes
    data = _met_wws(150, huur=1000, **{"panden.0.huidig.functie": "Kamer van Koophandel"})
    assert not any("noemt wonen" in w for w in reken(data).waarschuwingen)


def test_aftoppen_rekent_met_het_maximum() -> None:
    """With aftoppen the engine computes on the maximum: the same numbers as the scenario
    with huur_per_maand equal to that maximum (€ 1.079,00), and a warning."""
    hoog = reken(_met_wws(150, huur=1300, **{"conventies.huur_boven_maximum": "aftoppen"}))
    gelijk = reken(_met_wws(150, huur=1079.00))
    for veld in ("opbrengst", "onrendabele_top", "residuele_grondwaarde_oplevering"):
        assert hoog.panden[veld].iloc[0] == gelijk.panden[veld].iloc[0]
    rij = hoog.functies.iloc[0]
    assert bool(rij["huur_boven_maximum"]) is True
    assert rij["maximale_huur"] == pytest.approx(1079.00)
    assert rij["prijs"] == pytest.approx(1079.00)
    assert any("€ 1.300,00" in w and "€ 1.079,00" in w for w in hoog.waarschuwingen)


def test_betaalbare_huur_volgt_de_segmentgrens() -> None:
    # 180 punten with the 10 %: 1.186,84 + 118,68 = € 1.305,52, above the segment limit
    r = reken(_met_wws(180, huur=1000))
    rij = r.functies.iloc[0]
    assert rij["segment"] == "midden"
    assert rij["betaalbare_huur"] == pytest.approx(1228.07)  # 186 punten, tabel 2026
    assert rij["betaalbare_huur_bron"].startswith("segmentgrens midden (186 punten")
    assert rij["betaalbaarheidsgat"] == pytest.approx(rij["kostprijsdekkende_huur"] - 1228.07)
    # sociale huur: 143 punten (a home of 143 punten: its own maximum is the same)
    rij = reken(_met_wws(143, huur=700)).functies.iloc[0]
    assert (rij["segment"], rij["betaalbare_huur"]) == ("sociaal", pytest.approx(932.93))


def test_betaalbare_huur_niet_boven_de_maximale_huur_van_de_woning() -> None:
    """A home whose own maximum is below its segment limit: the betaalbare huur is that
    maximum, a rent that may be charged (the worked example of METHODE §2a). 150 punten,
    start 2026: min(€ 1.228,07; € 1.079,00); start 2028 (no surcharge): T_2026(150) =
    € 980,91; sociaal, 138 punten: € 898,56 < € 932,93."""
    rij = reken(_met_wws(150, huur=950)).functies.iloc[0]
    assert rij["betaalbare_huur"] == pytest.approx(1079.00)
    rij = reken(_met_wws(150, huur=950, **{"panden.0.transformatie.start": 2028})).functies
    rij = rij.iloc[0]
    assert rij["betaalbare_huur"] == pytest.approx(980.91)
    assert rij["betaalbare_huur_bron"].startswith("maximale huur van de woning (150 punten")
    assert rij["betaalbaarheidsgat"] == pytest.approx(rij["kostprijsdekkende_huur"] - 980.91)
    rij = reken(_met_wws(138, huur=800)).functies.iloc[0]
    assert (rij["segment"], rij["betaalbare_huur"]) == ("sociaal", pytest.approx(898.56))
    # vrije sector: no betaalbare huur, not betaalbaar
    sc = valideer(_met_wws(200, huur=2000))
    assert sc.functies["mh"].betaalbaar is False
    rij = reken(_met_wws(200, huur=2000)).functies.iloc[0]
    assert rij["segment"] == "vrij" and np.isnan(rij["maximale_huur"])
    assert np.isnan(rij["betaalbare_huur"])


def test_opgegeven_betaalbare_huur_en_betaalbaar_blijven() -> None:
    data = _met_wws(150, **{"functies.mh.betaalbare_huur_per_maand": 900})
    data = zet(data, "functies.mh.betaalbaar", False)
    r = reken(data)
    rij = r.functies.iloc[0]
    assert rij["betaalbare_huur"] == 900 and rij["betaalbare_huur_bron"] == "opgegeven"
    assert r.scenario.functies["mh"].betaalbaar is False
    assert valideer(_met_wws(150)).functies["mh"].betaalbaar is True


def test_kostprijsdekkende_huur_naast_het_maximum() -> None:
    rij = reken(_met_wws(186, huur=1000)).functies.iloc[0]
    binnen = rij["kostprijsdekkende_huur"] <= rij["maximale_huur"]
    assert bool(rij["kostprijsdekkend_binnen_maximum"]) is bool(binnen)


def test_huurindexatie_begrensd_door_het_plafond_van_het_segment() -> None:
    """midden: plafond = loonontwikkeling + 1 %-punt = 4 %; a wish of 7 % computes as 4 %,
    the same as a scenario without WWS at 4 %."""
    extra = {
        "markt.indexatie.huur_per_segment": {"midden": 0.07},
        "markt.loonontwikkeling": 0.03,
        "horizon": 30,
        "functies.mh.waardering": {"methode": "dcf", "termijn": 20, "eindwaarde": 0},
    }
    r = reken(_met_wws(150, **extra))
    assert r.functies["indexatie_huur"].iloc[0] == pytest.approx(0.04)
    zonder = basis()
    for pad, w in {
        "markt.indexatie.huur": 0.04,
        "horizon": 30,
        "functies.mh.waardering": {"methode": "dcf", "termijn": 20, "eindwaarde": 0},
    }.items():
        zonder = zet(zonder, pad, w)
    oracle = reken(zonder)
    assert r.panden["opbrengst"].iloc[0] == pytest.approx(
        oracle.panden["opbrengst"].iloc[0], rel=1e-12
    )
    assert any("huurindexatie midden: 7,0 %" in w for w in r.waarschuwingen)
    # below the cap the wish holds
    r = reken(_met_wws(150, **{**extra, "markt.indexatie.huur_per_segment": {"midden": 0.025}}))
    assert r.functies["indexatie_huur"].iloc[0] == pytest.approx(0.025)


def test_tabel_na_2026_geindexeerd_met_het_plafond() -> None:
    # prijspeil 2027, midden: plafond 4 % (loonontwikkeling 3 %): 980,91 × 1,04 = 1.020,15
    data = _met_wws(150, **{"startjaar": 2027, "panden.0.transformatie.start": 2027})
    r = reken(data)
    assert r.functies["maximale_huur"].iloc[0] == pytest.approx(
        round(980.91 * 1.04, 2) * 1.1, abs=0.01
    )
    assert any("tabel 2026, geïndexeerd tot 2027" in w for w in r.waarschuwingen)


def test_prijspeil_voor_2025_heeft_geen_tabel() -> None:
    data = _met_wws(150, **{"startjaar": 2024, "panden.0.transformatie.start": 2024})
    with pytest.raises(ScenarioFout) as fout:
        valideer(data)
    assert fout.value.meldingen[0].code == "huur.geen_tabel"


def test_stadsgezicht_vraagt_een_bouwjaar() -> None:
    with pytest.raises(ScenarioFout) as fout:
        valideer(_met_wws(150, **{"panden.0.monument": "stadsgezicht"}))
    m = fout.value.meldingen[0]
    assert (m.pad, m.code) == ("panden[0].monument", "pand.bouwjaar_ontbreekt")
    sc = valideer(
        _met_wws(150, **{"panden.0.monument": "stadsgezicht", "panden.0.huidig.bouwjaar": 1910})
    )
    assert sc.huurrecht is not None
    assert sc.huurrecht.opslag[0] == pytest.approx(0.15)  # 5 % + 10 %


def test_wws_vraagt_precies_een_bron() -> None:
    with pytest.raises(ScenarioFout) as fout:
        valideer(zet(basis(), "functies.mh.wws", {}))
    assert fout.value.meldingen[0].code == "functie.wws_een_bron"


def test_zonder_wws_een_waarschuwing_en_lege_velden() -> None:
    r = reken(basis())
    assert any("zonder WWS-punten (mh)" in w for w in r.waarschuwingen)
    rij = r.functies.iloc[0]
    assert pd.isna(rij["segment"]) and np.isnan(rij["maximale_huur"])


def test_json_velden_per_functie(tmp_path: Path) -> None:
    pad = tmp_path / "s.yaml"
    with pad.open("w", encoding="utf-8") as f:
        YAML(typ="safe", pure=True).dump(_met_wws(150, huur=1000), f)
    uit = cli("run", str(pad), "--json", str(tmp_path / "u.json"), "--stil", cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    f = json.loads((tmp_path / "u.json").read_text(encoding="utf-8"))["panden"][0]["functies"][0]
    assert f["segment"] == "midden"
    assert f["maximale_huur"] == pytest.approx(1079.00)
    assert f["wws_opslag"] == pytest.approx(0.10)
    assert f["huur_boven_maximum"] is False
    assert f["wws_punten"] == 150


# --------------------------------------------------------------------------- wws.bestand
def _scenario_met_bestand(map_: Path, bestand: str) -> Path:
    data = zet(basis(), "functies.mh.wws", {"bestand": bestand})
    data = zet(data, "functies.mh.gbo_per_woning", 60)
    pad = map_ / "s.yaml"
    with pad.open("w", encoding="utf-8") as f:
        YAML(typ="safe", pure=True).dump(data, f)
    return pad


def test_exacte_punten_uit_een_bestand(tmp_path: Path) -> None:
    """A home described room by room (the one the estimate assumes; test_wws_punten shows that
    woningwaardering gives it exactly the estimate's points) read through wws.bestand."""
    pytest.importorskip("woningwaardering")
    from test_wws_punten import _vera_woning

    from transformatiecalc.engine.huurrecht.punten import schat_punten
    from transformatiecalc.laden import laad_scenario

    (tmp_path / "woning.json").write_text(
        _vera_woning(60, "A", 300_000, 2025, 6, "standaard"), encoding="utf-8"
    )
    sc = laad_scenario(_scenario_met_bestand(tmp_path, "woning.json"))
    verwacht = float(schat_punten(60, "A", 300_000, 2025, 6).totaal)
    assert sc.huurrecht is not None
    assert sc.huurrecht.punten[0] == verwacht
    assert sc.huurrecht.bron[0] == "bestand"


def test_exacte_punten_buiten_de_jaren_van_het_pakket(tmp_path: Path) -> None:
    """woningwaardering 6.202607 values only on peildata in 2026. A scenario at prijspeil
    2027 gets a Dutch message at wws.bestand that names the package version, the years it
    covers and the three ways out, not the package's own ValueError."""
    pytest.importorskip("woningwaardering")
    from test_wws_punten import _vera_woning

    from transformatiecalc.engine.huurrecht.exact import ondersteunde_peildata, pakketversie
    from transformatiecalc.laden import laad_scenario

    periode = ondersteunde_peildata()
    if periode is None or periode[1].year > 2027:
        pytest.skip("this woningwaardering covers 2027 or does not declare its years")
    (tmp_path / "woning.json").write_text(
        _vera_woning(60, "A", 300_000, 2025, 6, "standaard"), encoding="utf-8"
    )
    pad = _scenario_met_bestand(tmp_path, "woning.json")
    tekst = pad.read_text(encoding="utf-8").replace("2026", "2027")  # startjaar and start
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    (m,) = fout.value.meldingen
    assert m.pad == "functies.mh.wws.bestand"
    assert f"woningwaardering ({pakketversie()}) waardeert alleen met het WWS van 2026" in m.tekst
    assert "het prijspeil 2027 valt daarbuiten" in m.tekst
    assert "wws: {punten: …}" in m.tekst and "pip install -U" in m.tekst


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("{}", "het bestand beschrijft geen woning"),  # woningwaardering: −5 punten
        ('{"ruimten": [', "het bestand is geen geldige JSON (regel 1, kolom 14)"),
    ],
)
def test_een_bestand_zonder_woning_wordt_geweigerd(
    tmp_path: Path, inhoud: str, melding: str
) -> None:
    from transformatiecalc.laden import laad_scenario

    (tmp_path / "woning.json").write_text(inhoud, encoding="utf-8")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(_scenario_met_bestand(tmp_path, "woning.json"))
    (m,) = fout.value.meldingen
    assert m.pad == "functies.mh.wws.bestand" and m.tekst.startswith(melding)


def test_bestand_buiten_de_map_wordt_geweigerd(tmp_path: Path) -> None:
    from transformatiecalc.laden import laad_scenario

    binnen = tmp_path / "project"
    binnen.mkdir()
    (tmp_path / "woning.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(_scenario_met_bestand(binnen, "../woning.json"))
    m = fout.value.meldingen[0]
    assert (m.code, m.pad) == ("wws.bestand_geweigerd", "functies.mh.wws.bestand")
    assert "buiten de toegestane mappen" in m.tekst


def test_variant_die_wws_bestand_buiten_de_map_zet_wordt_geweigerd(tmp_path: Path) -> None:
    """A variant's wijzig (or -p) names a file like the file itself does: the same policy
    before anything is read, and the same refusal whether the file outside exists or not."""
    pytest.importorskip("woningwaardering")
    from test_wws_punten import _vera_woning

    binnen = tmp_path / "project"
    binnen.mkdir()
    (tmp_path / "geheim.json").write_text('{"wachtwoord": "zeer-geheim-789"}', encoding="utf-8")
    (binnen / "woning.json").write_text(
        _vera_woning(60, "A", 300_000, 2025, 6, "standaard"), encoding="utf-8"
    )
    pad = binnen / "s.yaml"
    meldingen = []
    for naam in (str(tmp_path / "geheim.json"), str(tmp_path / "bestaat_niet.json"), "/etc/shadow"):
        data = zet(basis(), "functies.mh.gbo_per_woning", 60)
        data["varianten"] = [{"naam": "lek", "wijzig": {"functies.mh.wws": {"bestand": naam}}}]
        pad.write_text(json.dumps(data), encoding="utf-8")
        uit = cli("validate", str(pad), cwd=binnen)
        assert uit.returncode == 1, uit.stdout
        assert "zeer-geheim" not in uit.stderr and "Traceback" not in uit.stderr
        regel = uit.stderr.splitlines()[0]
        assert f"variant 'lek': bestand '{naam}': het bestand ligt buiten" in regel, regel
        meldingen.append(regel.replace(naam, "NAAM"))
    assert meldingen[0] == meldingen[1] == meldingen[2]
    # a file beside the scenario, named by a variant, is read as before
    data["varianten"] = [{"naam": "ok", "wijzig": {"functies.mh.wws": {"bestand": "woning.json"}}}]
    pad.write_text(json.dumps(data), encoding="utf-8")
    uit = cli("vergelijk", str(pad), cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr


def test_zonder_woningwaardering_zegt_het_hoe_te_installeren(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from transformatiecalc.engine.huurrecht import exact
    from transformatiecalc.laden import laad_scenario
    from transformatiecalc.laden import wws as laden_wws

    def ontbreekt() -> None:
        raise exact.WoningwaarderingOntbreekt()

    monkeypatch.setattr(exact, "_importeer", ontbreekt)
    laden_wws._punten.cache_clear()
    (tmp_path / "woning.json").write_text("{}", encoding="utf-8")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(_scenario_met_bestand(tmp_path, "woning.json"))
    m = fout.value.meldingen[0]
    assert m.code == "wws.bestand_ongeldig"
    assert 'pip install "transformatiecalc[wws]"' in m.tekst
    # the rest works without the package: the estimate and given points
    assert valideer(_met_wws(150)).huurrecht is not None


def test_te_hoge_huur_via_de_opdrachtregel_met_plek(tmp_path: Path) -> None:
    """A user's file with a rent above the maximum: exit 1, the file, line and column of
    huur_per_maand, nothing written; with aftoppen it runs and the JSON names the maximum."""
    data = _met_wws(150, huur=1100)
    pad = tmp_path / "s.yaml"
    with pad.open("w", encoding="utf-8") as f:
        YAML(typ="rt").dump(data, f)
    regel = next(
        i
        for i, r in enumerate(pad.read_text(encoding="utf-8").splitlines(), 1)
        if "huur_per_maand" in r
    )
    uit = cli("run", str(pad), "--json", str(tmp_path / "u.json"), cwd=tmp_path)
    assert uit.returncode == 1
    assert f"s.yaml:{regel}:" in uit.stderr and "functies.mh.huur_per_maand" in uit.stderr
    assert "€ 1.079,00" in uit.stderr and "Traceback" not in uit.stderr
    assert not (tmp_path / "u.json").exists()
    data["conventies"] = {"huur_boven_maximum": "aftoppen"}
    with pad.open("w", encoding="utf-8") as f:
        YAML(typ="rt").dump(data, f)
    uit = cli("run", str(pad), "--json", str(tmp_path / "u.json"), cwd=tmp_path)
    assert uit.returncode == 0, uit.stderr
    j = json.loads((tmp_path / "u.json").read_text(encoding="utf-8"))
    f0 = j["panden"][0]["functies"][0]
    assert f0["huur_boven_maximum"] is True and f0["maximale_huur"] == pytest.approx(1079.00)
    assert j["huurrecht"]["plafonds"] == pytest.approx(
        {"sociaal": 0.025, "midden": 0.04, "vrij": 0.03}
    )


def test_run_toont_het_huurrecht_per_functie() -> None:
    """(At 80 columns the whole `run` output is checked by test_terminal_breedte.) The
    example's middenhuur: 167 points (estimate), table 2026 T(167) = € 1.097,61; with
    10 % (start before 2028) 1.097,61 + 109,76 = € 1.207,37; in P02 (stadsgezicht, 5 % + 10 %)
    1.097,61 + 164,64 = € 1.262,25; in P11 (start 2029) the other functie at € 1.097,61."""
    from transformatiecalc.engine.huurrecht.tabellen import huurprijstabel, met_opslag

    t = float(huurprijstabel(2026).maximale_huur(167))
    assert t == pytest.approx(1097.61)
    assert met_opslag(t, 0.10) == pytest.approx(1207.37)
    assert met_opslag(t, 0.15) == pytest.approx(1262.25)
    uit = cli("run", str(Path(__file__).parents[1] / "scenarios" / "voorbeeld_binnenstad.yaml"))
    assert uit.returncode == 0, uit.stderr
    blok = uit.stdout.split("Huurrecht per functie", 1)[1].split("\n\n", 1)[0]
    assert "tabel 2026" in blok
    regel = next(r for r in blok.splitlines() if r.startswith("middenhuur "))
    assert regel.split()[:5] == ["middenhuur", "167", "midden", "1.150", "1.207–1.262"]
    assert any(r.split()[-4:-2] == ["1.095", "1.098"] for r in blok.splitlines())
    assert "geen" in next(r for r in blok.splitlines() if r.startswith("vrije_sector"))


# ---------------------------------------------- the 10 % lapses after 20 years (Bhw art. 8a)
def _lange_dcf(waardering: dict[str, Any], huur: float = 1079.00) -> dict[str, Any]:
    """150 punten, start 2026, oplevering 2027: € 1.079,00 is the maximum with the 10 %,
    € 980,91 without. Rent and table both grow 3 % a year (CAO 2 % + 1 = the middenhuur
    cap), so the rent stays 10 % above the maximum without the surcharge."""
    return _met_wws(
        150,
        huur=huur,
        **{
            "markt.indexatie.huur": 0.03,
            "markt.loonontwikkeling": 0.02,
            "markt.kosten_koper": {"overdrachtsbelasting": 0.0, "overig": 0.0},
            "functies.mh.leegstand": 0.02,
            "functies.mh.exploitatielasten": {"per_woning_per_jaar": 1500},
            "functies.mh.waardering": waardering,
        },
    )


def _dcf_met_de_hand(termijn: int, exit_yield: float | None, na_20_jaar: bool) -> float:
    """V of the 10 homes by a plain year loop (METHODE §2): exploitation year k = 1 is 2027
    (one year after prijspeil); with `na_20_jaar` the rent from k = 21 on is at most the
    maximum without the surcharge, indexed like the table."""

    def noi(k: int) -> float:
        huur = 1079.00 * 1.03**k
        if na_20_jaar and k > 20:
            huur = min(huur, 980.91 * 1.03**k)
        return 10 * 12 * huur * (1 - 0.02) - 10 * 1500

    v = sum(noi(k) / 1.05**k for k in range(1, termijn + 1))
    if exit_yield is not None:
        v += noi(termijn + 1) / exit_yield / 1.05**termijn
    return v


@pytest.mark.parametrize(
    ("waardering", "termijn", "exit_yield"),
    [
        ({"methode": "dcf", "termijn": 50, "eindwaarde": 0}, 50, None),
        ({"methode": "dcf", "termijn": 30, "exit_yield": 0.06}, 30, 0.06),
    ],
)
def test_opslag_die_na_twintig_jaar_vervalt_wordt_begroot(
    waardering: dict[str, Any], termijn: int, exit_yield: float | None
) -> None:
    """A DCF longer than 20 years on a rent that needs the 10 %: the warning says how much
    lower V is when the rent falls back to the maximum without it after 20 years of letting.
    Checked against a plain year loop of the same DCF, with and without that fall."""
    r = reken(_lange_dcf(waardering))
    met, zonder = (_dcf_met_de_hand(termijn, exit_yield, na) for na in (False, True))
    assert r.functies["opbrengst"].iloc[0] == pytest.approx(met, rel=1e-12)
    (melding,) = [w for w in r.waarschuwingen if "vervalt" in w]
    verschil = met - zonder
    assert 0.02 * met < verschil < 0.2 * met  # not a rounding matter
    from transformatiecalc.getallen import decimaal, duizendtallen

    assert (
        f"ca. € {duizendtallen(verschil)} lager ({decimaal(100 * verschil / met, 1)} %)" in melding
    )
    assert melding.startswith("mh (1 pand): ") and f"DCF van {termijn} jaar" in melding


@pytest.mark.parametrize(
    ("waardering", "huur", "index"),
    [
        ({"methode": "dcf", "termijn": 20, "eindwaarde": 0}, 1079.00, 0.03),  # within 20 years
        ({"methode": "dcf", "termijn": 50, "eindwaarde": 0}, 980.91, 0.03),  # fits without
        ({"methode": "bar", "bar": 0.05}, 1079.00, 0.03),  # no DCF
        # the rent does not grow, the table 3 % a year: in year 21 the maximum without the
        # surcharge (980,91 · 1,03^21 = € 1.823) is far above € 1.079
        ({"methode": "dcf", "termijn": 50, "eindwaarde": 0}, 1079.00, 0.0),
    ],
)
def test_geen_melding_als_de_opslag_niet_vervalt_in_de_dcf(
    waardering: dict[str, Any], huur: float, index: float
) -> None:
    r = reken(zet(_lange_dcf(waardering, huur=huur), "markt.indexatie.huur", index))
    assert not any("vervalt" in w for w in r.waarschuwingen)
