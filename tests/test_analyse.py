"""Varianten, gevoeligheid and Monte Carlo (METHODE §8): paths, replicas and draws."""

from __future__ import annotations

import io
import math
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from transformatiecalc import ScenarioFout, bereken, laad_scenario
from transformatiecalc.analyse.gevoeligheid import bereik, raster, tornado
from transformatiecalc.analyse.onzekerheid import monte_carlo, phi, trek
from transformatiecalc.analyse.reeks import Basis, bereken_reeks, grootheid
from transformatiecalc.analyse.varianten import vergelijk, versies
from transformatiecalc.schema import Onzekerheid
from transformatiecalc.schema.paden import PadFout, ontleed, zoek

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
KLEIN = (ROOT / "tests" / "data" / "geldig" / "klein.yaml").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def voorbeeld() -> Basis:
    return Basis.laad(VOORBEELD)


def schrijf(tmp_path: Path, tekst: str, naam: str = "s.yaml") -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


# ------------------------------------------------------------------------ paths
def test_paden_op_naam_en_positie(voorbeeld: Basis) -> None:
    sc = voorbeeld.scenario
    assert ontleed("panden[2].huidig.bar") == ["panden", 2, "huidig", "bar"]
    stappen, waarde = zoek(sc, "fondsen.binnenstadsfonds.tranches.gemeente.bedrag")
    assert stappen == ("fondsen", 0, "tranches", 0, "bedrag")
    assert waarde == 4_000_000
    assert zoek(sc, "panden.P03.huidig.inbrengwaarde")[0] == (
        "panden",
        2,
        "huidig",
        "inbrengwaarde",
    )
    assert zoek(sc, "panden[2].huidig.inbrengwaarde")[1] == sc.panden[2].huidig.inbrengwaarde
    # a default the file leaves out is addressable too
    assert zoek(sc, "conventies.rente_model")[1] == sc.conventies.rente_model


@pytest.mark.parametrize(
    ("pad", "melding"),
    [
        (
            "markt.indexatie.bouwkost",
            "'bouwkost' bestaat niet in markt.indexatie; dichtstbijzijnde geldige paden: "
            "markt.indexatie.bouwkosten",
        ),
        (
            "panden.P99.huidig",
            "'P99' bestaat niet in panden; dichtstbijzijnde geldige paden: panden.P09",
        ),
        (
            "markt.btw.hoog",
            "markt.btw is een waarde (0.21), geen sectie: het pad kan daar niet verder",
        ),
        ("panden..huidig", "pad 'panden..huidig' is onleesbaar bij ''"),
    ],
)
def test_onbekend_pad_noemt_de_dichtstbijzijnde(voorbeeld: Basis, pad: str, melding: str) -> None:
    with pytest.raises(PadFout) as fout:
        zoek(voorbeeld.scenario, pad)
    assert str(fout.value) == melding


# --------------------------------------------------------------------- varianten
def test_variant_zonder_verandering_geeft_precies_de_basis(voorbeeld: Basis) -> None:
    sc = voorbeeld.scenario
    gelijk = voorbeeld.met(
        {"markt.indexatie.bouwkosten": sc.markt.indexatie.bouwkosten}, "variant 'niets'"
    )
    a, b = bereken(sc), bereken(gelijk)
    pd.testing.assert_frame_equal(a.panden, b.panden)
    pd.testing.assert_frame_equal(a.keten, b.keten)
    assert a.fondsen["binnenstadsfonds"].kpi == b.fondsen["binnenstadsfonds"].kpi


def test_variant_is_dezelfde_wijziging_in_een_kopie_van_het_bestand(tmp_path: Path) -> None:
    tekst = KLEIN + (
        "varianten:\n"
        "  - naam: duurder\n"
        "    wijzig: {kosten.per_m2_bvo.licht: 1500, functies.middenhuur.waardering.bar: 0.045}\n"
    )
    (basis_versie, variant) = versies([schrijf(tmp_path, tekst)])
    kopie = KLEIN.replace("{licht: 1200}", "{licht: 1500}").replace("bar: 0.05}", "bar: 0.045}")
    assert kopie != KLEIN
    los = bereken(laad_scenario(schrijf(tmp_path, kopie, "kopie.yaml")))
    pd.testing.assert_frame_equal(variant.resultaat.panden, los.panden)
    assert variant.resultaat.panden["onrendabele_top"].iloc[0] != pytest.approx(
        basis_versie.resultaat.panden["onrendabele_top"].iloc[0]
    )


def test_vergelijk_zet_verschillen_tegen_de_eerste(tmp_path: Path) -> None:
    tekst = KLEIN + (
        "varianten:\n  - naam: huur hoger\n    wijzig: {functies.middenhuur.huur_per_maand: 1200}\n"
    )
    v = vergelijk(versies([schrijf(tmp_path, tekst)]))
    assert list(v.totalen.columns) == ["klein", "huur hoger"]
    verschil = v.verschil(v.totalen)
    ort = v.totalen.loc["onrendabele_top"]
    assert verschil.loc["onrendabele_top", "huur hoger"] == pytest.approx(
        ort["huur hoger"] - ort["klein"]
    )
    assert (verschil["klein"] == 0).all()
    # higher rent: a smaller gap, by the value of 100 × 12 × 6 woningen at BAR 5 % (v.o.n. → k.k.)
    assert ort["huur hoger"] < ort["klein"]


def test_variant_met_ongeldige_waarde_noemt_variant_en_pad(tmp_path: Path) -> None:
    tekst = KLEIN + (
        "varianten:\n  - naam: fout\n    wijzig: {functies.middenhuur.waardering.bar: 5.5}\n"
    )
    with pytest.raises(ScenarioFout) as fout:
        versies([schrijf(tmp_path, tekst)])
    m = fout.value.meldingen[0]
    assert m.pad == "functies.middenhuur.waardering.bar"
    assert m.tekst.startswith("variant 'fout': ")


# ---------------------------------------------------------------- stacked replicas
def test_gestapeld_rekenen_is_gelijk_aan_los_rekenen(voorbeeld: Basis) -> None:
    waarden = [0.0, 0.02, 0.06]
    reeks = bereken_reeks(voorbeeld.met({"markt.indexatie.bouwkosten": w}, "punt") for w in waarden)
    for i, w in enumerate(waarden):
        los = bereken(voorbeeld.met({"markt.indexatie.bouwkosten": w}, "los"))
        assert np.array_equal(reeks.onrendabele_top[i], los.panden["onrendabele_top"].to_numpy())
        assert np.array_equal(
            reeks.onrendabele_top_na[i], los.keten["onrendabele_top_na"].to_numpy()
        )
        kpi = los.fondsen["binnenstadsfonds"].kpi
        assert (
            reeks.fondsen["binnenstadsfonds"]["woningen_ontsloten"][i] == kpi["woningen_ontsloten"]
        )


def test_tornado_en_raster_gelijk_aan_losse_runs(voorbeeld: Basis) -> None:
    bouw = bereik(voorbeeld, "kosten.per_m2_bvo.transformatie_zwaar=±10%")
    bar = bereik(voorbeeld, "functies.middenhuur.waardering.bar=0.044:0.052")
    assert (bouw.laag, bouw.hoog) == pytest.approx((1755.0, 2145.0))
    t = tornado(voorbeeld, [bar, bouw], "onrendabele_top")
    assert t.basiswaarde == pytest.approx(bereken(voorbeeld.scenario).totalen["onrendabele_top"])
    for b in (bouw, bar):
        for kant, waarde in (("laag", b.laag), ("hoog", b.hoog)):
            los = bereken(voorbeeld.met({b.pad: waarde}, "los")).totalen["onrendabele_top"]
            assert t.tabel.loc[b.pad, f"uitkomst_{kant}"] == pytest.approx(los, abs=1e-6)
    assert list(t.tabel.index) == list(t.tabel.sort_values("zwaai", ascending=False).index)

    r = raster(voorbeeld, bouw, bar, "fondsen.binnenstadsfonds.publiek_geld_netto", stappen=3)
    assert r.tabel.shape == (3, 3)
    for a, b in ((0, 0), (1, 2), (2, 1)):
        x, y = r.tabel.index[a], r.tabel.columns[b]
        los = bereken(voorbeeld.met({bouw.pad: x, bar.pad: y}, "los"))
        verwacht = los.fondsen["binnenstadsfonds"].kpi["publiek_geld_netto"]
        assert r.tabel.iloc[a, b] == pytest.approx(verwacht, abs=1e-6)


def test_onbekende_uitvoer_en_bereik(voorbeeld: Basis) -> None:
    reeks = bereken_reeks([voorbeeld.scenario])
    with pytest.raises(
        PadFout, match="onbekende uitvoer 'onrendabel_top' \\(bedoelde je 'onrendabele_top'"
    ):
        grootheid(reeks, "onrendabel_top")
    with pytest.raises(PadFout, match="pand 'P99' bestaat niet"):
        grootheid(reeks, "panden.P99.onrendabele_top")
    with pytest.raises(PadFout, match="is geen bereik"):
        bereik(voorbeeld, "markt.btw")
    with pytest.raises(PadFout, match="geen getal"):
        bereik(voorbeeld, "conventies.rente_model=±10%")
    # low above high (also a negative ±) and a range that is not finite are refused
    huur = "functies.middenhuur.huur_per_maand"
    with pytest.raises(PadFout, match=r"de lage waarde \(1.300\) ligt boven de hoge \(900\)"):
        bereik(voorbeeld, f"{huur}=1300:900")
    with pytest.raises(PadFout, match="ligt boven de hoge"):
        bereik(voorbeeld, f"{huur}=±-20%")
    with pytest.raises(PadFout, match="geen eindig getal"):
        bereik(voorbeeld, f"{huur}=±1e400%")
    assert bereik(voorbeeld, f"{huur}=900:1300").laag == 900.0


# ------------------------------------------------------------------ Monte Carlo
def onzeker(tekst: str) -> Onzekerheid:
    from ruamel.yaml import YAML

    return Onzekerheid.model_validate(YAML(typ="safe").load(textwrap.dedent(tekst)))


def test_verdelingen_hebben_hun_momenten() -> None:
    o = onzeker(
        """
        seed: 7
        trekkingen: 40000
        parameters:
          a: {verdeling: normaal, gemiddelde: 10, sd: 2}
          b: {verdeling: lognormaal, gemiddelde: 5, sd: 1.5}
          c: {verdeling: driehoek, min: 1, modus: 2, max: 6}
          d: {verdeling: uniform, min: -1, max: 3}
        correlaties:
          - {tussen: [a, d], r: 0.6}
        """
    )
    x = trek(o)
    n = len(x)
    se = lambda sd: 4 * sd / math.sqrt(n)  # noqa: E731
    assert x["a"].mean() == pytest.approx(10, abs=se(2))
    assert x["b"].mean() == pytest.approx(5, abs=se(1.5))
    assert x["b"].std() == pytest.approx(1.5, rel=0.05)
    assert x["c"].mean() == pytest.approx(3, abs=se(math.sqrt((1 + 4 + 36 - 2 - 6 - 12) / 18)))
    assert x["c"].between(1, 6).all() and x["d"].between(-1, 3).all()
    assert x["d"].mean() == pytest.approx(1, abs=se(4 / math.sqrt(12)))
    # the copula keeps the normal-score correlation; rank correlation is close to it
    # Spearman's rho of a Gaussian copula with r = 0,6: (6/π) · asin(r/2) ≈ 0,582
    assert x["a"].rank().corr(x["d"].rank()) == pytest.approx(
        6 / math.pi * math.asin(0.3), abs=0.02
    )
    assert x["a"].corr(x["b"]) == pytest.approx(0.0, abs=0.03)
    assert phi(np.array([0.0, 1.959963984540054]))[1] == pytest.approx(0.975)


def test_zelfde_seed_zelfde_getallen_andere_seed_andere() -> None:
    o = onzeker(
        "{trekkingen: 100, parameters: {a: {verdeling: driehoek, min: 0, modus: 1, max: 3}}}"
    )
    assert trek(o).equals(trek(o))
    assert not trek(o, seed=o.seed + 1).equals(trek(o))


def _met_onzekerheid(tmp_path: Path, blok: str) -> Basis:
    return Basis.laad(schrijf(tmp_path, KLEIN + "onzekerheid:\n" + blok))


def test_ontaarde_verdeling_geeft_de_deterministische_uitkomst(tmp_path: Path) -> None:
    basis = _met_onzekerheid(
        tmp_path,
        "  trekkingen: 12\n"
        "  parameters:\n"
        "    functies.middenhuur.waardering.bar: {verdeling: normaal, gemiddelde: 0.05, sd: 0}\n"
        "    kosten.per_m2_bvo.licht: {verdeling: uniform, min: 1200, max: 1200}\n"
        "    markt.indexatie.huur: {verdeling: driehoek, min: 0.02, modus: 0.02, max: 0.02}\n"
        "    functies.middenhuur.huur_per_maand: {verdeling: lognormaal, gemiddelde: 1100, sd: 0}\n",
    )
    mc = monte_carlo(basis)
    det = bereken(basis.scenario).panden["onrendabele_top"].to_numpy()
    assert (mc.reeks.onrendabele_top == det).all()
    assert mc.samenvatting().loc["onrendabele_top", "sd"] == 0.0


def test_gemiddelde_van_een_lineaire_uitkomst_convergeert(tmp_path: Path) -> None:
    """ORT is linear in the inbrengwaarde: its sample mean is within 4 standard errors of
    the deterministic value, and the standard error shrinks as 1/√n."""
    basis = _met_onzekerheid(
        tmp_path,
        "  seed: 11\n  trekkingen: 800\n  parameters:\n"
        "    panden.P1.huidig.inbrengwaarde: {verdeling: normaal, gemiddelde: 400000, sd: 60000}\n",
    )
    mc = monte_carlo(basis, per_blok=97)
    ort = mc.reeks.onrendabele_top[:, 0]
    det = bereken(basis.scenario).panden["onrendabele_top"].iloc[0]
    se = ort.std(ddof=1) / math.sqrt(len(ort))
    assert abs(ort.mean() - det) < 4 * se
    assert 0 < se < 60000  # a real spread, smaller than the input's sd
    # the block size does not change a single number
    assert np.array_equal(
        monte_carlo(basis, per_blok=800).reeks.onrendabele_top, mc.reeks.onrendabele_top
    )


def test_monte_carlo_op_het_voorbeeld_met_fonds(voorbeeld: Basis) -> None:
    mc = monte_carlo(voorbeeld, trekkingen=40)
    per_pand = mc.per_pand()
    assert list(per_pand.index) == list(
        voorbeeld.scenario.panden[i].id for i in range(len(per_pand))
    )
    assert ((per_pand["kans_ort_positief"] >= 0) & (per_pand["kans_ort_positief"] <= 1)).all()
    assert (per_pand["ort_p5"] <= per_pand["ort_p50"]).all()
    assert (per_pand["ort_p50"] <= per_pand["ort_p95"]).all()
    kansen = mc.kansen()["binnenstadsfonds"]
    kpi = mc.reeks.fondsen["binnenstadsfonds"]
    assert kansen["kastekort_ja"] == pytest.approx((kpi["jaren_kastekort"] > 0).mean())
    assert kansen["trancheverlies_ja"] == pytest.approx((kpi["tranches_met_verlies"] > 0).mean())
    assert kansen["niet_alles_gehonoreerd"] == pytest.approx(
        (kpi["aandeel_gehonoreerd"] < 1 - 1e-9).mean()
    )
    waaier = mc.saldo_waaier()["binnenstadsfonds"]
    assert (waaier["p5"] <= waaier["p95"] + 1e-9).all()
    # draw 3 recomputed on its own gives the same fund KPI
    rij = mc.trekkingen.iloc[2]
    los = bereken(voorbeeld.met(rij.to_dict(), "los"))
    assert mc.reeks.fondsen["binnenstadsfonds"]["woningen_ontsloten"][2] == pytest.approx(
        los.fondsen["binnenstadsfonds"].kpi["woningen_ontsloten"]
    )


def test_onzekerheid_pad_moet_een_getal_zijn(tmp_path: Path) -> None:
    pad = schrijf(
        tmp_path,
        KLEIN
        + "onzekerheid:\n  parameters:\n"
        + "    conventies.rente_model: {verdeling: uniform, min: 0, max: 1}\n",
    )
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    m = fout.value.meldingen[0]
    assert m.pad == "onzekerheid.parameters.conventies.rente_model"
    assert "is geen getal" in m.tekst


#: Three parameters of klein.yaml, shortened below as a, b and c in the comments.
_DRIE = {
    "functies.middenhuur.huur_per_maand": "{verdeling: uniform, min: 1000, max: 1200}",
    "kosten.per_m2_bvo.licht": "{verdeling: uniform, min: 1100, max: 1300}",
    "partijen.gemeente.disconteringsvoet": "{verdeling: uniform, min: 0.015, max: 0.025}",
    "functies.middenhuur.bvo_per_woning": "{verdeling: uniform, min: 70, max: 80}",
}


def _gecorreleerd(tmp_path: Path, paren: list[tuple[int, int, float]], k: int = 3) -> Path:
    """klein.yaml with the first `k` parameters of _DRIE and the correlations (i, j, r)."""
    paden = list(_DRIE)[:k]
    tekst = KLEIN + "onzekerheid:\n  trekkingen: 200\n  parameters:\n"
    tekst += "".join(f"    {p}: {_DRIE[p]}\n" for p in paden) + "  correlaties:\n"
    tekst += "".join(f"    - {{tussen: [{paden[i]}, {paden[j]}], r: {r}}}\n" for i, j, r in paren)
    return schrijf(tmp_path, tekst)


def _correlatiefout(pad: Path) -> tuple[str, str]:
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    (m,) = fout.value.meldingen
    assert m.code == "onzekerheid.correlaties_tegenstrijdig"
    return m.pad, m.tekst


def test_tegenstrijdige_correlaties_noemen_het_drietal_en_het_bereik(tmp_path: Path) -> None:
    """The message said only 'niet positief semidefiniet: verklein de sterkste'; it names the
    three parameters and the range the third correlation must lie in."""
    a, b, c = (f"'{p}'" for p in list(_DRIE)[:3])
    pad, tekst = _correlatiefout(_gecorreleerd(tmp_path, [(0, 1, 0.9), (0, 2, 0.9), (1, 2, -0.9)]))
    assert pad == "onzekerheid.correlaties[2].r"  # the one written last is the one to change
    assert tekst == (
        f"r = -0.9 tussen {b} en {c} past niet bij r = 0.9 tussen {b} en {a} en r = 0.9 "
        f"tussen {a} en {c}: daarbij ligt deze correlatie tussen 0.62 en 1; pas een van de "
        "drie aan"
    )


def test_vergeten_correlatie_wordt_genoemd(tmp_path: Path) -> None:
    """a–b 0.9 and b–c 0.9 without a–c: a–c is 0, which contradicts them; the message says
    so (the user wrote no correlation there, so 'verklein de sterkste' did not help)."""
    a, b, c = (f"'{p}'" for p in list(_DRIE)[:3])
    pad, tekst = _correlatiefout(_gecorreleerd(tmp_path, [(0, 1, 0.9), (1, 2, 0.9)]))
    assert pad == "onzekerheid.correlaties"
    assert tekst == (
        f"{a} en {c} hebben geen correlatie (dus r = 0), maar bij r = 0.9 tussen {a} en {b} "
        f"en r = 0.9 tussen {b} en {c} ligt die tussen 0.62 en 1: geef ze zo'n correlatie, "
        "of pas de andere twee aan"
    )
    # with r = 1 (a and b move as one) a–c must equal b–c
    _, tekst = _correlatiefout(_gecorreleerd(tmp_path, [(0, 1, 1), (1, 2, 0.5)]))
    assert "ligt die op 0.5: geef ze zo'n correlatie" in tekst
    # following the advice makes them fit
    laad_scenario(_gecorreleerd(tmp_path, [(0, 1, 0.9), (1, 2, 0.9), (0, 2, 0.62)]))
    laad_scenario(_gecorreleerd(tmp_path, [(0, 1, 1), (1, 2, 0.5), (0, 2, 0.5)]))


def test_tegenstrijdig_zonder_tegenstrijdig_drietal_noemt_een_factor(tmp_path: Path) -> None:
    """Four parameters, each pair r = -0.4: every three fit, all four do not; the message
    names them and the factor by which shrinking all correlations makes them fit."""
    paren = [(i, j, -0.4) for i in range(4) for j in range(i + 1, 4)]
    pad, tekst = _correlatiefout(_gecorreleerd(tmp_path, paren, k=4))
    assert pad == "onzekerheid.correlaties"
    assert all(f"'{p}'" in tekst for p in _DRIE)
    assert tekst.endswith(
        "al spreken geen drie elkaar tegen; ze passen wel als je ze allemaal met een factor "
        "0.83 verkleint (de sterkste, r = -0.4, wordt -0.332)"
    )
    laad_scenario(_gecorreleerd(tmp_path, [(i, j, -0.332) for i, j, _ in paren], k=4))


@pytest.mark.parametrize("r", [1, -1])
def test_volkomen_correlatie_rekent_in_onzeker(
    tmp_path: Path, r: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """r = 1 or -1 makes the matrix singular (positive semidefinite, not definite): accepted,
    and `onzeker` draws the two parameters as one (the same quantile, or the mirrored one)."""
    from transformatiecalc.cli import main

    pad = _gecorreleerd(tmp_path, [(0, 1, r)])
    csv = tmp_path / "t.csv"
    assert main(["onzeker", str(pad), "-q", "--trekkingen-naar", str(csv)]) == 0, (
        capsys.readouterr().err
    )
    x = pd.read_csv(csv)
    huur = (x["functies.middenhuur.huur_per_maand"] - 1000) / 200
    licht = (x["kosten.per_m2_bvo.licht"] - 1100) / 200
    assert np.allclose(licht, huur if r == 1 else 1 - huur)
    assert x["onrendabele_top"].notna().all() and len(x) == 200


def test_verdeling_buiten_de_harde_grens_wordt_vooraf_geweigerd(tmp_path: Path) -> None:
    """A BAR N(0,05; 0,05) reaches −0,15: refused when the file is read, not at a draw."""
    with pytest.raises(ScenarioFout) as fout:
        _met_onzekerheid(
            tmp_path,
            "  trekkingen: 50\n  parameters:\n"
            "    functies.middenhuur.waardering.bar: {verdeling: normaal, gemiddelde: 0.05, "
            "sd: 0.05}\n",
        )
    m = fout.value.meldingen[0]
    assert (m.regel, m.kolom, m.pad) == (
        25,
        5,
        "onzekerheid.parameters.functies.middenhuur.waardering.bar",
    )
    assert m.tekst == (
        "de verdeling reikt van -0.15 tot 0.25 (gemiddelde ± 4 sd; verder trekt de verdeling "
        "niet), maar de waarde moet minstens 0.001 zijn; verklein de spreiding"
    )


def test_trekking_buiten_het_bereik_noemt_trekking_en_pad(tmp_path: Path) -> None:
    """Each value of a draw is in range, but together they make a pand too large: the draw
    is named (validate finds it beforehand, tests/test_grenzen.py)."""
    tekst = KLEIN.replace("woningen: 6", "woningen: 1500") + (
        "onzekerheid:\n  trekkingen: 50\n  parameters:\n"
        "    functies.middenhuur.bvo_per_woning: {verdeling: uniform, min: 60, max: 400}\n"
    )
    basis = Basis.laad(schrijf(tmp_path, tekst))
    with pytest.raises(ScenarioFout) as fout:
        monte_carlo(basis)
    m = fout.value.meldingen[0]
    assert m.pad == "panden[0].transformatie.programma"
    assert m.tekst.startswith("trekking ")
    assert "het programma telt samen" in m.tekst


# ------------------------------------------------------------ the fast way (analyse.snel)
WINKEL = KLEIN.replace(
    "panden:\n",
    "  winkel:\n    soort: commercieel\n    huur_per_m2_per_jaar: 180\n    vvo_bvo: 0.85\n"
    "    waardering: {methode: nar, nar: 0.07}\npanden:\n",
).replace(
    "        - {functie: middenhuur, woningen: 6}\n",
    "        - {functie: middenhuur, woningen: 6}\n        - {functie: winkel, bvo: 300}\n",
)


def _mc(tmp_path: Path, tekst: str, parameters: str, n: int = 60) -> Basis:
    return Basis.laad(
        schrijf(
            tmp_path,
            tekst + f"onzekerheid:\n  seed: 3\n  trekkingen: {n}\n  parameters:\n" + parameters,
        )
    )


def test_snelle_weg_geeft_dezelfde_getallen_als_elke_trekking_valideren(tmp_path: Path) -> None:
    basis = _mc(
        tmp_path,
        WINKEL,
        "    functies.middenhuur.waardering.bar: {verdeling: normaal, gemiddelde: 0.05, sd: 0.004}\n"
        "    functies.middenhuur.bvo_per_woning: {verdeling: uniform, min: 65, max: 85}\n"
        "    functies.winkel.vvo_bvo: {verdeling: driehoek, min: 0.75, modus: 0.85, max: 0.9}\n"
        "    markt.indexatie.bouwkosten: {verdeling: uniform, min: 0.0, max: 0.05}\n",
    )
    snel, exact = monte_carlo(basis), monte_carlo(basis, snel=False)
    assert snel.snel and not exact.snel
    # bvo_per_woning and vvo_bvo enter through products (bvo = woningen × m², eenheden =
    # bvo × vvo): the same numbers up to rounding, not bit for bit
    assert np.allclose(
        snel.reeks.onrendabele_top, exact.reeks.onrendabele_top, rtol=1e-10, atol=1e-6
    )
    assert np.allclose(
        snel.reeks.residuele_grondwaarde, exact.reeks.residuele_grondwaarde, rtol=1e-10, atol=1e-6
    )


@pytest.mark.parametrize(
    ("tekst", "parameters", "waarom"),
    [
        (
            KLEIN.replace("{marktwaarde: 400000}", "{huur_per_jaar: 30000, bar: 0.075}"),
            "    panden.P1.huidig.bar: {verdeling: uniform, min: 0.06, max: 0.09}\n",
            "inbrengwaarde = huur / bar is niet affien",
        ),
        (
            KLEIN.replace("{marktwaarde: 400000}", "{huur_per_jaar: 30000, bar: 0.075}"),
            "    panden.P1.huidig.bar: {verdeling: uniform, min: 0.075, max: 0.09}\n",
            "idem, met de basiswaarde aan de rand van de getrokken waarden",
        ),
        (
            WINKEL,
            "    functies.winkel.vvo_bvo: {verdeling: uniform, min: 0.75, max: 0.9}\n"
            "    panden.P1.transformatie.programma.winkel.bvo: {verdeling: uniform, min: 200, max: 400}\n",
            "eenheden = bvo × vvo_bvo: twee paden in één product",
        ),
        (
            KLEIN + "verevening: {privaat: {grondslag: geen}}\n",
            "    functies.middenhuur.huur_per_maand: {verdeling: uniform, min: 1000, max: 1200}\n"
            "    verevening.aandeel_publiek: {verdeling: uniform, min: 0.5, max: 1.0}\n",
            "een getrokken verevenings- of fondsterm verandert de portefeuille-invoer",
        ),
    ],
)
def test_snelle_weg_wijkt_terug_waar_hij_niet_exact_is(
    tmp_path: Path, tekst: str, parameters: str, waarom: str
) -> None:
    basis = _mc(tmp_path, tekst, parameters, n=25)
    snel, exact = monte_carlo(basis), monte_carlo(basis, snel=False)
    assert not snel.snel, waarom
    assert np.array_equal(snel.reeks.onrendabele_top, exact.reeks.onrendabele_top)


FONDS_GEMENGD = ROOT / "scenarios" / "fonds_gemengd.yaml"


def _tabel(mc: object) -> str:
    from rich.console import Console

    from transformatiecalc.uitvoer.analyse import toon_monte_carlo

    console = Console(file=io.StringIO(), width=120, highlight=False, soft_wrap=True)
    toon_monte_carlo(mc, console, per_pand=True)  # type: ignore[arg-type]
    return console.file.getvalue()  # type: ignore[attr-defined]


def test_snelle_weg_met_verevening_en_fonds_geeft_dezelfde_tabel() -> None:
    """`onzeker` on a fund design: the draws go straight into the inputs (no file per draw)
    and the portfolio stages run on the core's results; the same table, and here the same
    bits, as validating every draw as a file."""
    basis = Basis.laad(FONDS_GEMENGD)
    snel, exact = monte_carlo(basis, 60), monte_carlo(basis, 60, snel=False)
    assert snel.snel and not exact.snel
    assert _tabel(snel) == _tabel(exact)
    pd.testing.assert_frame_equal(snel.uitkomsten(), exact.uitkomsten(), check_exact=True)
    for naam, saldo in exact.reeks.fondssaldo.items():
        assert np.array_equal(snel.reeks.fondssaldo[naam], saldo)


def test_snelle_weg_met_verevening_en_fonds_in_blokken(tmp_path: Path) -> None:
    """The block size changes nothing, also with portfolio stages."""
    basis = Basis.laad(FONDS_GEMENGD)
    een, drie = monte_carlo(basis, 20, per_blok=20), monte_carlo(basis, 20, per_blok=3)
    pd.testing.assert_frame_equal(een.uitkomsten(), drie.uitkomsten(), check_exact=True)


# ------------------------------------------- one value per analysis, the year axis, validate
def test_tornado_en_raster_weigeren_twee_spellingen_van_een_parameter(voorbeeld: Basis) -> None:
    a = bereik(voorbeeld, "panden[0].huidig.inbrengwaarde=±10%")
    b = bereik(voorbeeld, " panden.P01.huidig.inbrengwaarde = 1:2", "--raster")
    with pytest.raises(PadFout) as fout:
        tornado(voorbeeld, [a, b], "onrendabele_top")
    assert str(fout.value) == (
        "-p 'panden[0].huidig.inbrengwaarde=±10%' en --raster 'panden.P01.huidig.inbrengwaarde "
        "= 1:2' wijzen allebei panden[0].huidig.inbrengwaarde aan; geef elke parameter één keer"
    )
    with pytest.raises(PadFout) as fout:
        raster(voorbeeld, a, b, "onrendabele_top")
    assert str(fout.value).endswith(
        "wijzen allebei panden[0].huidig.inbrengwaarde aan; een raster vraagt twee "
        "verschillende parameters"
    )


def test_horizon_varieren_bij_fondsen_is_een_geplaatste_fout(voorbeeld: Basis) -> None:
    """The funds' ledgers are lined up year by year (was an internal error, exit 3)."""
    with pytest.raises(ScenarioFout) as fout:
        bereik(voorbeeld, "horizon=29:31")
    (m,) = fout.value.meldingen
    assert (m.bestand, m.regel, m.kolom, m.pad) == (str(VOORBEELD), 39, 10, "horizon")
    assert m.tekst == (
        "-p 'horizon=29:31': de fondsen hebben een kasboek per jaar, dus alle punten van een "
        "gevoeligheidsanalyse moeten dezelfde jaren hebben; horizon kan hier niet variëren. "
        "Vergelijk in plaats daarvan varianten met een andere horizon (varianten: wijzig: "
        "{horizon: …}, transformatiecalc vergelijk)"
    )
    assert bereik(voorbeeld, "horizon=30:30").laag == 30  # no change: nothing to refuse


def test_horizon_varieren_zonder_fondsen_kan(tmp_path: Path) -> None:
    basis = Basis.laad(schrijf(tmp_path, KLEIN))
    t = tornado(basis, [bereik(basis, "horizon=29:31")], "onrendabele_top")
    assert t.tabel.loc["horizon", "zwaai"] == 0.0


def test_gevoelig_horizon_bij_fondsen_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    from transformatiecalc.cli import main

    fonds = ROOT / "scenarios" / "fonds_subsidie.yaml"
    assert main(["gevoelig", str(fonds), "-p", "horizon=29:31", "-q"]) == 1
    fout = capsys.readouterr().err
    assert "voorbeeld_binnenstad.yaml:39:10: horizon: -p 'horizon=29:31': de fondsen" in fout


def test_validate_controleert_varianten_en_uiterste_trekkingen(tmp_path: Path) -> None:
    from transformatiecalc.analyse.controle import controleer

    basis = Basis.laad(
        schrijf(
            tmp_path,
            KLEIN.replace("woningen: 6", "woningen: 1500")
            + "varianten:\n  - naam: duur\n    wijzig: {functies.middenhuur.waardering.bar: 0.4}\n"
            "onzekerheid:\n  parameters:\n"
            "    functies.middenhuur.bvo_per_woning: {verdeling: uniform, min: 60, max: 400}\n",
        )
    )
    with pytest.raises(ScenarioFout) as fout:
        controleer(basis)
    assert [(m.pad, m.tekst) for m in fout.value.meldingen] == [
        (
            "functies.middenhuur.waardering.bar",
            "variant 'duur': mag hoogstens 0.3 zijn, kreeg 0.4",
        ),
        (
            "panden[0].transformatie.programma",
            "onzekerheid, hoogste trekking functies.middenhuur.bvo_per_woning = 400: het "
            "programma telt samen 600000 m² BVO, meer dan het plausibele bereik 0 … 200000 "
            "(bron: een groot binnenstedelijk kantoor- of winkelpand heeft 10.000–100.000 m² "
            "BVO); is dat bewust, zet dan conventies.ruime_grenzen: true of noem dit pad in die "
            "lijst",
        ),
    ]


def test_validate_van_het_voorbeeld(voorbeeld: Basis) -> None:
    from transformatiecalc.analyse.controle import controleer

    assert str(controleer(voorbeeld)) == "3 varianten en 4 onzekere parameters"


def test_tornadolabel_in_nederlandse_notatie() -> None:
    """The chart's labels read like the table beside it: 0,128, not 0.128; 1.657,5, not
    1657.5; no exponent for 2.500.000."""
    import pandas as pd

    from transformatiecalc.uitvoer.grafieken.analyse import tornadolabel

    rij = pd.Series({"laag": 0.128, "hoog": 2_500_000.0, "basis": 1657.5})
    assert tornadolabel("x.y", rij) == "x.y\n0,128 … 2.500.000 (basis 1.657,5)"
