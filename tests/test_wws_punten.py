"""WWS points at plan stage (engine/huurrecht/punten.py, METHODE §2a, issue #15).

Expected values come from published sources, cited per test:

- "Bhw": Besluit huurprijzen woonruimte, bijlage I, onder A (zelfstandige woonruimten), tekst
  geldend vanaf 2026-01-01 (BWBR0003237; in woningwaardering as
  wettelijke-documenten/BWBR0003237_2026-01-01_0.xml), with the toelichting and its
  rekenvoorbeelden per rubriek;
- the README of woningwaardering (Woonstad Rotterdam, commit 4b129f91): the example report of
  a zelfstandige woonruimte;
- hand computations written out in the test, from the Bhw's points per m² and per fitting.
"""

from __future__ import annotations

import json
import math
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transformatiecalc.engine.huurrecht.punten import (
    ENERGIELABELS,
    aantal_slaapkamers,
    rond_heel,
    rond_kwart,
    schat_punten,
    woz_cap,
    woz_onderdelen,
    woz_punten,
)

# --- rubriek 11: the Bhw's rekenvoorbeelden -------------------------------------------------


def test_woz_rekenvoorbeeld_1_peildatum_2024() -> None:
    """Bhw rubriek 11, rekenvoorbeeld 1: € 398.000 on 1-1-2024, 70 m²: 25,96385935 +
    23,49466942 = 49,45852877 → 49,5 points (€ 398.000 / 70 = € 5.685,71; the Bhw prints
    5.686,71, but its result 23,49466942 is 5.685,71 / 242)."""
    deel_I, deel_II = woz_onderdelen(398_000, 70, 2024)
    assert float(deel_I) == pytest.approx(25.96385935, abs=5e-9)
    assert float(deel_II) == pytest.approx(23.49466942, abs=5e-9)
    assert float(woz_punten(398_000, 70, 2024)) == 49.5


def test_woz_rekenvoorbeeld_2_peildatum_2025() -> None:
    """Bhw rubriek 11, rekenvoorbeeld 2: € 440.188 on 1-1-2025, 70 m²: 25,9636664 +
    23,4641791 = 49,4278455 → 49,5 points."""
    deel_I, deel_II = woz_onderdelen(440_188, 70, 2025)
    assert float(deel_I) == pytest.approx(25.9636664, abs=5e-8)
    assert float(deel_II) == pytest.approx(23.4641791, abs=5e-8)
    assert float(woz_punten(440_188, 70, 2025)) == 49.5


def test_woz_onderdeel_II_rondt_woz_per_m2_af_op_centen() -> None:
    """Bhw rekenvoorbeeld 1 divides € 5.685,71 (cents), not € 5.685,714…, by 242: the
    unrounded quotient would give 23,49468…, the Bhw gives 23,49466942."""
    _, deel_II = woz_onderdelen(398_000, 70, 2024)
    assert float(deel_II) == pytest.approx(5_685.71 / 242, abs=1e-12)
    assert abs(float(deel_II) - 398_000 / 70 / 242) > 1e-6


def test_woz_oppervlakte_op_hele_m2() -> None:
    """Bhw rubriek 11: the area is rounded to whole m² after summing (0,5 up): 69,5 m²
    counts as 70 m², so rekenvoorbeeld 1 gives the same onderdeel II."""
    _, bij_70 = woz_onderdelen(398_000, 70, 2024)
    _, bij_69_5 = woz_onderdelen(398_000, 69.5, 2024)
    _, bij_70_49 = woz_onderdelen(398_000, 70.49, 2024)
    assert float(bij_69_5) == float(bij_70) == float(bij_70_49)


def test_woz_readme_woningwaardering() -> None:
    """woningwaardering README: WOZ € 694.000 on 1-1-2024, 148 m²: onderdeel I 45,27 and
    onderdeel II 19,38 (the package shows two decimals), rubriek 11 64,75 points."""
    deel_I, deel_II = woz_onderdelen(694_000, 148, 2024)
    assert round(float(deel_I), 2) == 45.27
    assert round(float(deel_II), 2) == 19.38
    assert float(woz_punten(694_000, 148, 2024)) == 64.75


def test_readme_woningwaardering_totaal_284() -> None:
    """woningwaardering README: the rubrieken 141 + 5,25 + 14 + 15 + 22 + 7 + 15 + 64,75
    = 284 points; the cap does not bite (64,75 < 219,25 × 33/67 = 108,0)."""
    overige = 141 + 5.25 + 14 + 15 + 22 + 7 + 15
    woz, totaal = woz_cap(64.75, overige)
    assert float(woz) == 64.75
    assert float(totaal) == 284


def test_minimum_woz_waarde_zonder_woz() -> None:
    """Bhw 11.1: without a WOZ-waarde the minimum € 85.806 counts, with 1 point per
    € 16.954 (the factor for 'taxatiewaarden en minimumwaarden')."""
    deel_I, deel_II = woz_onderdelen(np.nan, 50, 2025)
    assert float(deel_I) == pytest.approx(85_806 / 16_954, rel=1e-15)
    # € 85.806 / 50 = € 1.716,12; / 268
    assert float(deel_II) == pytest.approx(1_716.12 / 268, rel=1e-15)


def test_woz_factoren_per_waardepeildatum_vectorieel() -> None:
    """Bhw 11.1: 1 punt per € 15.329 (1-1-2024) and per € 16.954 (1-1-2025), per row."""
    deel_I, _ = woz_onderdelen([15_329, 16_954], [60, 60], [2024, 2025])
    np.testing.assert_array_equal(deel_I, [1.0, 1.0])


def test_woz_waardepeildatum_voor_de_tabel_is_een_fout() -> None:
    with pytest.raises(ValueError, match="geen WOZ-factoren voor waardepeildatum 2019"):
        woz_onderdelen(300_000, 60, 2019)


# --- rubriek 11.3: the cap on the WOZ, the Bhw's rekenvoorbeelden 3-5 ---------------------------


def test_cap_rekenvoorbeeld_3() -> None:
    """Bhw 11.3, rekenvoorbeeld 3: 134 + 134 = 268 → the WOZ points become 66, total 200."""
    woz, totaal = woz_cap(134, 134)
    assert (float(woz), float(totaal)) == (66, 200)


def test_cap_rekenvoorbeeld_4_onder_187_geen_cap() -> None:
    """Bhw 11.3, rekenvoorbeeld 4: 80 + 80 = 160 < 187: no cap, 50 % WOZ is allowed."""
    woz, totaal = woz_cap(80, 80)
    assert (float(woz), float(totaal)) == (80, 160)


def test_cap_rekenvoorbeeld_5_naar_186() -> None:
    """Bhw 11.3, rekenvoorbeeld 5: 109 + 109 = 218; the cap gives 53,7 → 53 and 162 < 187,
    so the home gets 186 points."""
    woz, totaal = woz_cap(109, 109)
    assert float(totaal) == 186
    assert float(woz) == 186 - 109


def test_cap_grens_186_en_187() -> None:
    """Bhw 11.3: the cap applies from 187 points without it. 120 + 66 = 186: no cap.
    120 + 67 = 187: at most 120 × 33/67 = 59,1 → 59, total 179 < 187 → 186."""
    assert tuple(map(float, woz_cap(66, 120))) == (66, 186)
    assert float(woz_cap(67, 120)[1]) == 186


def test_cap_vectorieel() -> None:
    woz, totaal = woz_cap([134, 80, 109], [134, 80, 109])
    np.testing.assert_array_equal(woz, [66, 80, 77])
    np.testing.assert_array_equal(totaal, [200, 160, 186])


# --- rounding ---------------------------------------------------------------------------------


def test_rond_kwart_bhw_voorbeelden() -> None:
    """Bhw bijlage I: per rubriek to 0,25 with 1/8 up. Rekenvoorbeelden: rubriek 9
    9,5625 → 9,50; rubriek 10 4,8 → 4,75; onzelfstandig rubriek 8 5,14375 → 5,25."""
    np.testing.assert_array_equal(rond_kwart([9.5625, 4.8, 5.14375]), [9.5, 4.75, 5.25])


def test_rond_kwart_achtste_naar_boven_ook_met_binaire_ruis() -> None:
    """0,125 → 0,25 and 0,375 → 0,5 (1/8 up); 0,12 → 0. In binary 0,141 − 0,016 is
    0,12499… and 0,564 − 0,189 is 0,37499…: they are 1/8 and 3/8 and go up. The Bhw's
    sums 49,45852877 and 49,4278455 (rekenvoorbeelden rubriek 11) both give 49,5."""
    x = [0.125, 0.375, 0.12, 0.141 - 0.016, 0.564 - 0.189, 49.45852877, 49.4278455]
    assert 0.141 - 0.016 < 0.125 and 0.564 - 0.189 < 0.375  # the binary noise tested here
    np.testing.assert_array_equal(rond_kwart(x), [0.25, 0.5, 0.0, 0.25, 0.5, 49.5, 49.5])


def test_rond_kwart_negatief_van_nul_af() -> None:
    """Decimal ROUND_HALF_UP (woningwaardering's rounding) rounds −0,125 to −0,25."""
    np.testing.assert_array_equal(rond_kwart([-0.125, -0.12, -5.0]), [-0.25, 0.0, -5.0])


def test_rond_heel_half_naar_boven() -> None:
    """Bhw slotopmerking: 0,5 or more up. 2,5 → 3 (not 2 as round-half-even would give);
    186,5 → 187; 0,1 × 3 × 5 = 1,5000000000000002 and 4,35 × 100 / 290 = 1,4999… are 1,5."""
    x = [0.5, 2.5, 186.5, 186.49, 0.1 * 3 * 5, 4.35 * 100 / 290]
    np.testing.assert_array_equal(rond_heel(x), [1, 3, 187, 186, 2, 2])


# --- the plan-stage estimate, hand computations -------------------------------------------------


def test_schatting_70_m2_standaard_met_de_hand() -> None:
    """70 m² GBO, label A, WOZ € 300.000 on 1-1-2025, balcony 6 m², all levels standaard.

    Rubriek 1: 0,78 × 70 = 54,6 → 55 m² → 55. Rubriek 2: 0,05 × 70 = 3,5 → 4 m² × 0,75 = 3.
    Rubriek 3: 2 bedrooms (65-89 m²) + woonkamer + badkamer = 4 vertrekken × 2 + open keuken
    2 + hal 1 = 11. Rubriek 4: A, meergezinswoning 37. Rubriek 5: 13,5. Rubriek 6: 12,75.
    Rubriek 8: 2 + 0,35 × 6 = 4,1 → 4. Rubriek 11: 54,6 + 3,5 = 58,1 → 58 m²;
    300.000 / 16.954 = 17,69494 and 300.000 / 58 = 5.172,41 / 268 = 19,30004 → 36,99 → 37.
    Others 136,25 + 37 = 173,25 → 173 (< 187: no cap)."""
    p = schat_punten(70, "A", 300_000, 2025, buitenruimte_m2=6)
    assert float(p.oppervlakte_vertrekken) == 55
    assert float(p.oppervlakte_overige_ruimten) == 3
    assert float(p.verkoeling_en_verwarming) == 11
    assert float(p.energieprestatie) == 37
    assert float(p.keuken) == 13.5
    assert float(p.sanitair) == 12.75
    assert float(p.buitenruimten) == 4
    assert float(p.woz) == float(p.woz_zonder_cap) == 37
    assert float(p.totaal) == float(p.totaal_zonder_cap) == 173


def test_schatting_studio_eenvoudig_zonder_buitenruimte() -> None:
    """32 m² studio, label C, WOZ € 180.000 on 1-1-2024, no outdoor space, all eenvoudig.

    Rubriek 1: 24,96 → 25. Rubriek 2: 1,6 m² is less than the 2 m² an overige ruimte needs
    (Bhw rubriek 2): 0. Rubriek 3: woon/slaapkamer + badkamer = 2 × 2 + open keuken 2 = 6.
    Rubriek 4: C 15. Rubriek 5: 7. Rubriek 6: 7. Rubriek 8: −5. Rubriek 11: 24,96 → 25 m²;
    180.000 / 15.329 = 11,74245 and 180.000 / 25 = 7.200 / 242 = 29,75207 → 41,49 → 41,5.
    Total 55 + 41,5 = 96,5 → 97."""
    p = schat_punten(
        32, "C", 180_000, 2024, keuken="eenvoudig", sanitair="eenvoudig", verwarming="eenvoudig"
    )
    rubrieken = [
        p.oppervlakte_vertrekken,
        p.oppervlakte_overige_ruimten,
        p.verkoeling_en_verwarming,
        p.energieprestatie,
        p.keuken,
        p.sanitair,
        p.buitenruimten,
        p.woz,
    ]
    assert [float(r) for r in rubrieken] == [25, 0, 6, 15, 7, 7, -5, 41.5]
    assert float(p.totaal) == 97


def test_schatting_groot_en_duur_met_cap() -> None:
    """150 m² GBO, label A++++, WOZ € 1.500.000 on 1-1-2025, 20 m² terrace, all luxe.

    Rubriek 1: 117. Rubriek 2: 7,5 → 8 m² × 0,75 = 6. Rubriek 3: 4 bedrooms + 2 = 6 × 2 +
    2 + luxe 3 = 17. Rubriek 4: 58. Rubriek 5: 14. Rubriek 6: 20,5. Rubriek 8:
    2 + 0,35 × 20 = 9. Others: 241,5. Rubriek 11: 124,5 → 125 m²; 1.500.000 / 16.954 =
    88,47470 and 1.500.000 / 125 = 12.000 / 268 = 44,77612 → 133,25 → 133,25. Without cap
    374,75 → 375 ≥ 187: at most 241,5 × 33/67 = 118,95 → 118; total 359,5 → 360."""
    p = schat_punten(
        150,
        "A++++",
        1_500_000,
        2025,
        buitenruimte_m2=20,
        keuken="luxe",
        sanitair="luxe",
        verwarming="luxe",
    )
    assert float(p.verkoeling_en_verwarming) == 17
    assert float(p.buitenruimten) == 9
    assert float(p.woz_zonder_cap) == 133.25
    assert float(p.totaal_zonder_cap) == 375
    assert float(p.woz) == 118
    assert float(p.totaal) == 360


def test_buitenruimte_maximaal_15() -> None:
    """Bhw rubriek 8: at most 15 points; 2 + 0,35 × 40 = 16 → 15."""
    p = schat_punten(70, "A", 300_000, 2025, buitenruimte_m2=40)
    assert float(p.buitenruimten) == 15


def test_eengezinswoning_labelpunten() -> None:
    """Bhw rubriek 4 (via woningwaardering's table): label A 41 (eengezins) vs 37."""
    p = schat_punten(70, ["A", "A"], 300_000, 2025, eengezinswoning=[True, False])
    np.testing.assert_array_equal(p.energieprestatie, [41, 37])


def test_label_e_min_4() -> None:
    """Label E is −4 points (Uhw art. 10d as woningwaardering applies it), not the Bhw's −5."""
    assert float(schat_punten(70, "E", 300_000, 2025).energieprestatie) == -4


def test_slaapkamers_per_gbo() -> None:
    np.testing.assert_array_equal(
        aantal_slaapkamers([20, 39.9, 40, 64.9, 65, 89.9, 90, 115, 400]),
        [0, 0, 1, 1, 2, 2, 3, 4, 4],
    )


def test_schatting_vectorieel_gelijk_aan_per_woning() -> None:
    gbo = [32, 70, 150]
    label = ["C", "A", "A++++"]
    woz = [180_000, 300_000, 1_500_000]
    samen = schat_punten(gbo, label, woz, [2024, 2025, 2025], buitenruimte_m2=[0, 6, 20])
    for i in range(3):
        los = schat_punten(gbo[i], label[i], woz[i], [2024, 2025, 2025][i], [0, 6, 20][i])
        assert float(samen.totaal[i]) == float(los.totaal)


def test_onbekend_label_nederlandse_melding() -> None:
    with pytest.raises(ValueError, match="onbekend energielabel: H"):
        schat_punten(70, "H", 300_000, 2025)


# --- properties -------------------------------------------------------------------------------

_punten = st.floats(min_value=-50, max_value=500, allow_nan=False)


@given(_punten)
def test_rond_kwart_eigenschappen(x: float) -> None:
    r = float(rond_kwart(x))
    assert (r * 4).is_integer()
    assert abs(r - x) <= 0.125 + 1e-9


@given(st.integers(min_value=-4000, max_value=4000))
def test_rond_kwart_precieze_achtsten_naar_boven(k: int) -> None:
    """An exact odd eighth k/8 lies halfway between quarters and goes away from zero."""
    x = (2 * k + 1) / 8
    assert float(rond_kwart(x)) == math.copysign(math.floor(abs(x) * 4 + 0.5) / 4, x)
    assert abs(float(rond_kwart(x))) > abs(x)


@given(_punten)
def test_rond_heel_eigenschappen(x: float) -> None:
    r = float(rond_heel(x))
    assert r.is_integer()
    assert abs(r - x) <= 0.5 + 1e-9


@given(
    st.integers(min_value=0, max_value=800).map(lambda k: k / 4),
    st.integers(min_value=0, max_value=800).map(lambda k: k / 4),
)
def test_cap_eigenschappen(woz: float, overige: float) -> None:
    na, totaal = (float(a) for a in woz_cap(woz, overige))
    assert na <= woz
    assert totaal == float(rond_heel(overige + na))
    zonder = float(rond_heel(overige + woz))
    if zonder < 187:
        assert (na, totaal) == (woz, zonder)
    else:
        assert totaal >= 186
        assert na <= 0.33 * (overige + na) + 1e-9 or totaal == 186


_label = st.sampled_from(ENERGIELABELS)
_niveau = st.sampled_from(["eenvoudig", "standaard", "luxe"])


@settings(max_examples=200)
@given(
    st.floats(min_value=20, max_value=300),
    st.floats(min_value=50, max_value=5_000),
    st.floats(min_value=1, max_value=5_000),
    _label,
    _niveau,
    st.floats(min_value=0, max_value=60),
)
def test_totaal_monotoon_in_woz(
    gbo: float, woz_per_m2: float, extra_per_m2: float, label: str, niveau: str, buiten: float
) -> None:
    """More WOZ never gives fewer points (also across the cap and the 186 rule)."""
    laag = schat_punten(gbo, label, woz_per_m2 * gbo, 2025, buiten, niveau, niveau, niveau)
    hoog = schat_punten(
        gbo, label, (woz_per_m2 + extra_per_m2) * gbo, 2025, buiten, niveau, niveau, niveau
    )
    assert float(hoog.totaal) >= float(laag.totaal)


@settings(max_examples=200)
@given(
    st.floats(min_value=20, max_value=300),
    st.floats(min_value=5, max_value=100),
    st.floats(min_value=500, max_value=10_000),
    _label,
    _niveau,
)
def test_totaal_monotoon_in_gbo(
    gbo: float, groei: float, woz_per_m2: float, label: str, niveau: str
) -> None:
    """A larger home at the same WOZ per m² never gets fewer points, once it is 5 m² or
    more larger (below that, rounding the m² of onderdeel II and of rubriek 1 at different
    GBO can cost a point); rubriek 1-3 never decrease at all."""
    klein = schat_punten(gbo, label, woz_per_m2 * gbo, 2025, 0, niveau, niveau, niveau)
    groot = schat_punten(
        gbo + groei, label, woz_per_m2 * (gbo + groei), 2025, 0, niveau, niveau, niveau
    )
    assert float(groot.totaal) >= float(klein.totaal)
    for veld in (
        "oppervlakte_vertrekken",
        "oppervlakte_overige_ruimten",
        "verkoeling_en_verwarming",
    ):
        assert float(getattr(groot, veld)) >= float(getattr(klein, veld))


@given(st.floats(min_value=15, max_value=500), _label, st.floats(min_value=0, max_value=100))
def test_rubrieken_in_kwarten_en_totaal_heel(gbo: float, label: str, buiten: float) -> None:
    p = schat_punten(gbo, label, 400 * gbo + 50_000, 2024, buiten)
    for waarde in p[:-2]:
        assert (float(waarde) * 4).is_integer()
    assert float(p.totaal).is_integer()


# --- schema: WwsSchatting -----------------------------------------------------------------------


def test_schatting_standaardwaarden_gelijk_aan_engine() -> None:
    from transformatiecalc.engine.huurrecht import punten
    from transformatiecalc.schema import wws

    assert wws.AANDEEL_VERTREKKEN == punten.AANDEEL_VERTREKKEN
    assert wws.AANDEEL_OVERIGE_RUIMTEN == punten.AANDEEL_OVERIGE_RUIMTEN
    s = wws.WwsSchatting(energielabel="A", woz_waarde=300_000)
    assert (s.keuken, s.sanitair, s.verwarming, s.buitenruimte_m2) == (
        "standaard",
        "standaard",
        "standaard",
        0,
    )
    assert set(punten.KEUKEN_PUNTEN) == set(punten.NIVEAUS) == {"eenvoudig", "standaard", "luxe"}


def test_schatting_woz_per_woning_en_peildatum() -> None:
    from transformatiecalc.schema.wws import WwsSchatting

    per_m2 = WwsSchatting(energielabel="B", woz_per_m2=4_250)
    assert per_m2.woz_per_woning(60) == 255_000
    assert per_m2.waardepeildatum(2026) == 2025
    vast = WwsSchatting(energielabel="B", woz_waarde=300_000, woz_peildatum=2024)
    assert vast.woz_per_woning(60) == 300_000
    assert vast.waardepeildatum(2026) == 2024


@pytest.mark.parametrize(
    ("invoer", "code"),
    [
        ({"energielabel": "A"}, "wws.woz_een_van"),
        ({"energielabel": "A", "woz_waarde": 3e5, "woz_per_m2": 4e3}, "wws.woz_een_van"),
        (
            {
                "energielabel": "A",
                "woz_waarde": 3e5,
                "aandeel_vertrekken": 0.9,
                "aandeel_overige_ruimten": 0.2,
            },
            "wws.aandelen_te_groot",
        ),
        ({"energielabel": "A", "woz_waarde": 3e5, "woz_peildatum": 2019}, "greater_than_equal"),
        ({"energielabel": "A", "woz_waarde": 3e5, "buitenruimte_m2": -1}, "greater_than_equal"),
        ({"energielabel": "A", "woz_waarde": 3e5, "keuken": "midden"}, "literal_error"),
        ({"energielabel": "A", "woz_waarde": True}, "waarde.getal_verwacht"),
    ],
)
def test_schatting_fouten(invoer: dict[str, object], code: str) -> None:
    from pydantic import ValidationError

    from transformatiecalc.schema.wws import WwsSchatting

    with pytest.raises(ValidationError) as fout:
        WwsSchatting.model_validate(invoer)
    assert fout.value.errors()[0]["type"] == code


def test_schatting_velden_hebben_nederlandse_toelichting_en_eenheid() -> None:
    from transformatiecalc.schema.wws import WwsSchatting

    eenheden = {
        naam: dict(info.json_schema_extra or {}).get("eenheid")
        for naam, info in WwsSchatting.model_fields.items()
    }
    assert eenheden["woz_waarde"] == "€"
    assert eenheden["woz_per_m2"] == "€/m²"
    assert eenheden["buitenruimte_m2"] == "m²"
    assert eenheden["woz_peildatum"] == "jaartal"
    assert eenheden["aandeel_vertrekken"] == "fractie"
    for naam, info in WwsSchatting.model_fields.items():
        assert info.description, naam


# --- the optional exact path (engine/huurrecht/exact.py) ----------------------------------------


def test_zonder_woningwaardering_nederlandse_melding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the package the core imports, and exact points say how to install it."""
    import importlib
    import sys

    # the package and every submodule an earlier test may have imported: not importable
    for naam in [m for m in sys.modules if m.split(".")[0] == "woningwaardering"]:
        monkeypatch.setitem(sys.modules, naam, None)
    monkeypatch.setitem(sys.modules, "woningwaardering", None)
    from transformatiecalc.engine.huurrecht import exact

    importlib.reload(exact)
    assert not exact.beschikbaar()
    with pytest.raises(
        exact.WoningwaarderingOntbreekt, match=r'pip install "transformatiecalc\[wws\]"'
    ):
        exact.punten_exact("{}", date(2026, 7, 1))


#: VERA codes of the fittings behind each level (punten.KEUKEN_PUNTEN, SANITAIR_PUNTEN):
#: aanrecht length in mm and installaties.
_KEUKEN_VERA = {
    "eenvoudig": (1800, ["IKK", "IAF", "IKO", "EHM"]),
    "standaard": (2400, ["IKI", "IAF", "IKV", "ICM", "EHM"]),
    "luxe": (3000, ["IKI", "IAF", "IKV", "ICM", "EHM", "IVA", "EKA", "KWA"]),
}
_BADKAMER_VERA = {
    "eenvoudig": ("BAT", ["STO", "WAS", "DOU"]),
    "standaard": ("BAD", ["WAS", "DOU", "DOW", "TME", "IKW", "STW"]),
    "luxe": ("BAD", ["HTO", "MPW", "BAD", "DOU", "DOW", "TME", "TME", "HRA", "IKW", "STW", "STW"]),
}
_LABEL_VERA = {"A++++": "AP4", "A+++": "AP3", "A++": "APP", "A+": "AP"}


def _ruimte(
    i: int,
    soort: str,
    detail: str,
    m2: float,
    verwarmd: bool = False,
    verkoeld: bool = False,
    installaties: tuple[str, ...] | list[str] = (),
    aanrecht_mm: int | None = None,
) -> dict[str, object]:
    ruimte: dict[str, object] = {
        "id": f"R{i}",
        "naam": f"{detail} {i}",
        "soort": {"code": soort},
        "detailSoort": {"code": detail},
        "oppervlakte": round(m2, 2),
        "verwarmd": verwarmd,
        "verkoeld": verkoeld,
        "installaties": [{"code": c} for c in installaties],
    }
    if aanrecht_mm:
        ruimte["bouwkundigeElementen"] = [
            {"id": f"A{i}", "detailSoort": {"code": "AAN"}, "lengte": aanrecht_mm}
        ]
    return ruimte


def _vera_woning(gbo: float, label: str, woz: float, jaar: int, buiten: float, niveau: str) -> str:
    """The home the estimate assumes, room by room as VERA JSON (docs/methode.md §2a).

    78 % of GBO in vertrekken: badkamer 5 m², woonkamer with open kitchen 55 % of the rest,
    the bedrooms of aantal_slaapkamers the other 45 %; 5 % berging; 7 % hal; a toiletruimte
    of 1,2 m² (standaard, luxe); the fittings of ``niveau``; a meergezinswoning (bouwjaar
    1930: a transformed pand, so no nieuwbouw surcharge)."""
    slaapkamers = int(aantal_slaapkamers(gbo))
    vertrekken = 0.78 * gbo
    woon = (vertrekken - 5.0) * (0.55 if slaapkamers else 1.0)
    slaap = (vertrekken - 5.0 - woon) / slaapkamers if slaapkamers else 0.0
    koel = niveau == "luxe"
    aanrecht, apparaten = _KEUKEN_VERA[niveau]
    badkamer, sanitair = _BADKAMER_VERA[niveau]
    ruimten = [
        _ruimte(0, "VTK", "WOK" if slaapkamers else "WSK", woon, True, koel, apparaten, aanrecht),
        *(_ruimte(1 + k, "VTK", "SLA", slaap, True, koel) for k in range(slaapkamers)),
        _ruimte(10, "VTK", badkamer, 5.0, True, False, sanitair),
        _ruimte(12, "VRK", "HAL", 0.07 * gbo, niveau != "eenvoudig"),
        _ruimte(13, "OVR", "BER", 0.05 * gbo),
    ]
    if niveau != "eenvoudig":
        ruimten.append(_ruimte(11, "OVR", "TOI", 1.2, koel, False, ["HTO", "WAS"]))
    if buiten > 0:
        ruimten.append(_ruimte(14, "BTR", "BAL", buiten))
    eenheid = {
        "id": "plan",
        "bouwjaar": 1930,
        "woningwaarderingstelsel": {"code": "ZEL"},
        "panden": [{"soort": {"code": "MGW"}}],
        "monumenten": [],
        "gebruiksoppervlakte": gbo,
        "energieprestaties": [
            {
                "soort": {"code": "NTA"},
                "status": {"code": "DEF"},
                "begindatum": "2025-06-01",
                "einddatum": "2035-06-01",
                "label": {"code": _LABEL_VERA.get(label, label)},
            }
        ],
        "wozEenheden": [{"waardepeildatum": f"{jaar}-01-01", "vastgesteldeWaarde": woz}],
        "ruimten": ruimten,
    }
    return json.dumps(eenheid)


_PLANWONINGEN = [
    (32, "C", 180_000, 2025, 0, "eenvoudig"),
    (45, "A++", 230_000, 2025, 0, "eenvoudig"),
    (55, "A+", 260_000, 2024, 4, "standaard"),
    (70, "A", 300_000, 2025, 6, "standaard"),
    (90, "B", 420_000, 2025, 10, "luxe"),
    (150, "A++++", 1_500_000, 2025, 20, "luxe"),
]


@pytest.mark.parametrize(("gbo", "label", "woz", "jaar", "buiten", "niveau"), _PLANWONINGEN)
def test_schatting_gelijk_aan_woningwaardering_voor_de_aangenomen_woning(
    gbo: float, label: str, woz: float, jaar: int, buiten: float, niveau: str
) -> None:
    """woningwaardering values the home the estimate assumes, room by room: every rubriek
    and the total agree, so the levels stand for the fittings docs/methode.md §2a lists and
    the rubrieken follow the package's rules. What the estimate cannot know (the real split
    of GBO, the real fittings) is measured on real homes in docs/methode.md §2a."""
    pytest.importorskip("woningwaardering")
    from transformatiecalc.engine.huurrecht.exact import waardeer_exact

    exact = waardeer_exact(_vera_woning(gbo, label, woz, jaar, buiten, niveau), date(2026, 7, 1))
    schatting = schat_punten(gbo, label, woz, jaar, buiten, niveau, niveau, niveau)
    for rubriek in (
        "oppervlakte_vertrekken",
        "oppervlakte_overige_ruimten",
        "verkoeling_en_verwarming",
        "energieprestatie",
        "keuken",
        "sanitair",
        "buitenruimten",
        "woz",
    ):
        assert float(getattr(schatting, rubriek)) == exact.rubrieken[rubriek], rubriek
    assert float(schatting.totaal) == exact.totaal


def test_exact_readme_woning() -> None:
    """woningwaardering's documented example home (tests/data/generiek/input/37101000032.json
    in the package's repository, README "Voorbeeld van de tekstuele output"): its rooms
    (141 and 5,25 points) and WOZ (64,75) as the README shows, label C, no outdoor space and
    no kitchen, sanitair or heating: 141 + 5,25 − 5 + 22 = 163,25 (≥ 64,75 × 67/33, so no
    cap) and 163,25 + 64,75 = 228 points by hand."""
    pytest.importorskip("woningwaardering")
    from transformatiecalc.engine.huurrecht.exact import waardeer_exact

    eenheid = {
        "id": "readme",
        "bouwjaar": 1924,
        "woningwaarderingstelsel": {"code": "ZEL"},
        "monumenten": [],
        "panden": [{"soort": {"code": "EGW"}}],
        "wozEenheden": [{"waardepeildatum": "2024-01-01", "vastgesteldeWaarde": 694_000}],
        "energieprestaties": [
            {
                "soort": {"code": "NTA"},
                "status": {"code": "DEF"},
                "begindatum": "2025-06-01",
                "einddatum": "2035-06-01",
                "label": {"code": "C"},
            }
        ],
        "ruimten": [
            _ruimte(i, "VTK", "SLA", m2)
            for i, m2 in enumerate([21.05, 41.0, 20.37, 7.5, 15.98, 19.15, 15.82])
        ]
        + [_ruimte(9, "OVR", "BER", 6.65)],
    }
    uitkomst = waardeer_exact(json.dumps(eenheid), date(2026, 7, 1))
    assert uitkomst.rubrieken["oppervlakte_vertrekken"] == 141
    assert uitkomst.rubrieken["oppervlakte_overige_ruimten"] == 5.25
    assert uitkomst.rubrieken["woz"] == 64.75
    assert uitkomst.rubrieken["energieprestatie"] == 22
    assert uitkomst.totaal == 228
    assert float(woz_cap(64.75, 141 + 5.25 - 5 + 22)[1]) == 228


def test_exact_in_meerdere_draden_tegelijk() -> None:
    """Homes valued in several threads at once (the app serves users in threads, Monte Carlo
    validates its probes two at a time) each keep their own warnings: the package's warnings
    are caught with process-wide filters, so valuations take turns. Without that, 28 of 60
    valuations lost their warning or got another's."""
    pytest.importorskip("woningwaardering")
    from transformatiecalc.engine.huurrecht.exact import waardeer_exact

    met_woz = _vera_woning(*_PLANWONINGEN[0])
    data = json.loads(met_woz)
    del data["wozEenheden"]
    zonder_woz = json.dumps(data)
    dag = date(2026, 7, 1)
    alleen = {x: waardeer_exact(x, dag) for x in (met_woz, zonder_woz)}
    assert alleen[met_woz].waarschuwingen == ()
    assert alleen[zonder_woz].waarschuwingen == ("Eenheid (plan): geen WOZ-waarde aangeleverd",)

    def waardeer(i: int) -> bool:
        x = met_woz if i % 2 else zonder_woz
        return waardeer_exact(x, dag) == alleen[x]

    with ThreadPoolExecutor(6) as draden:
        assert all(draden.map(waardeer, range(48)))
