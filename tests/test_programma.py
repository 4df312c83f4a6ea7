"""The programme (verevening and all funds together, METHODE §7 "Programma"), its stated
discount rate, the ontsluitingscurve, the warnings a workgroup must see, and `vergelijk`
lining funds up by role — each checked by hand or against an independent run."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hulp import basis, cli, reken

ROOT = Path(__file__).resolve().parents[1]
ONTWERPEN = ("fonds_subsidie", "fonds_revolverend", "fonds_gemengd", "fonds_erfpacht_garantie")


def twee_panden(**fonds: Any) -> dict[str, Any]:
    """P1 of the gemeente (2 %) with a surplus, P2 of a belegger (5 %, from 2027) with a gap;
    the gemeente pools its surplus; a fund with € 300.000 public subsidy closes the rest."""
    d = basis()
    d["partijen"]["gemeente"] = {"soort": "gemeente", "disconteringsvoet": 0.02}
    d["panden"][0]["eigenaar"] = "gemeente"
    p2 = copy.deepcopy(d["panden"][0])
    p2.update(id="P2", eigenaar="belegger")
    p2["transformatie"]["start"] = 2027
    d["functies"]["duur"] = dict(d["functies"]["mh"], huur_per_maand=650)
    p2["transformatie"]["programma"] = [{"functie": "duur", "woningen": 10}]
    d["panden"].append(p2)
    d["verevening"] = {"aandeel_publiek": 1.0}
    d["fondsen"] = [
        {
            "naam": "stadsfonds",
            "tranches": [{"naam": "gemeente", "soort": "subsidie", "bedrag": 300_000}],
            "instrumenten": [{"soort": "subsidie"}],
            **fonds,
        }
    ]
    return d


def test_programma_telt_ontsloten_woningen_en_publiek_geld_met_de_hand() -> None:
    r = reken(twee_panden())
    ort = r.panden["onrendabele_top"]
    overschot, tekort = -ort["P1"], ort["P2"]
    assert overschot > 0 and tekort > overschot  # the pot alone does not close P2
    # verevening: P1's surplus (paid at its oplevering 2027, at 2 %) to P2 (at its start 2027, 5 %)
    bijdrage_nominaal = overschot * 1.02
    toewijzing_nominaal = overschot * 1.05
    # the fund: the rest of P2's gap as a subsidy in 2027; the remainder returns in 2046
    subsidie = (tekort - overschot) * 1.05
    assert subsidie < 300_000
    p = r.programma
    assert (p["panden_met_tekort"], p["panden_ontsloten"], p["woningen_ontsloten"]) == (1, 1, 10)
    assert p["panden_ontsloten_verevening"] == 0 and p["woningen_ontsloten_betaalbaar"] == 0
    assert p["publiek_geld_ingelegd"] == pytest.approx(bijdrage_nominaal + 300_000)
    # nobody carries the pot: the gemeente is its bank; public money is its allocation
    assert p["publiek_geld_netto_verevening"] == pytest.approx(toewijzing_nominaal / 1.02)
    assert p["publiek_geld_netto_fondsen"] == pytest.approx(
        300_000 - (300_000 - subsidie) / 1.02**20
    )
    netto = p["publiek_geld_netto_verevening"] + p["publiek_geld_netto_fondsen"]
    assert p["publiek_geld_netto"] == pytest.approx(netto)
    assert p["woningen_per_miljoen_publiek"] == pytest.approx(10 / netto * 1e6)
    # the rate is the gemeente's and the output says so; the fund uses it by default
    assert p["disconteringsvoet_publiek"] == 0.02
    assert p["disconteringsvoet_publiek_bron"] == "de voet van de gemeente (partij gemeente)"
    assert r.fondsen["stadsfonds"].kpi["disconteringsvoet_publiek"] == 0.02
    assert r.scenario.fondsen[0].disconteringsvoet == 0.02  # echoed as effective value
    assert any("geen fonds draagt hem" in w for w in r.waarschuwingen)  # the assumption


def test_hefboom_telt_alleen_panden_die_het_fonds_ontsloot() -> None:
    """Hefboom = SK of the panden whose gap the fund closed / public money net; a fund
    that helps P2 without closing its gap (€ 10.000) unlocks nothing: leverage 0."""
    r = reken(twee_panden())
    kpi = r.fondsen["stadsfonds"].kpi
    assert kpi["panden_gesloten"] == 1
    sk = r.panden.loc["P2", "stichtingskosten"]
    assert kpi["hefboom"] == pytest.approx(sk / kpi["publiek_geld_netto"])
    d = twee_panden()
    d["fondsen"][0]["instrumenten"] = [{"soort": "subsidie", "max_per_pand": 10_000}]
    kpi = reken(d).fondsen["stadsfonds"].kpi
    assert (kpi["panden_geholpen"], kpi["panden_gesloten"]) == (1, 0)
    assert kpi["hefboom"] == 0.0


def test_eigen_vermogen_dat_verliest_staat_in_de_waarschuwingen() -> None:
    """A private equity tranche of € 300.000 pays P2's subsidy (the rest of its gap after
    verevening, in 2027) and gets the rest back at the horizon: it loses the subsidy."""
    d = twee_panden()
    d["fondsen"][0]["tranches"] = [
        {"naam": "belegger", "soort": "eigen_vermogen", "bedrag": 300_000, "publiek": False}
    ]
    r = reken(d)
    ort = r.panden["onrendabele_top"]
    subsidie = (ort["P2"] + ort["P1"]) * 1.05  # P1's surplus is negative ORT
    kpi = r.fondsen["stadsfonds"].kpi
    assert kpi["verlies_eigen_vermogen"] == pytest.approx(subsidie)
    assert kpi["verlies_leningtranches"] == 0
    assert kpi["publiek_geld_netto"] == 0 and kpi["woningen_per_miljoen_publiek"] is None
    bedrag = f"{round(subsidie):,}".replace(",", ".")
    tekst = (
        "fonds stadsfonds: tranche belegger (eigen vermogen, privaat, rang 2) verliest naar "
        f"verwachting € {bedrag} van € 300.000 inleg"
    )
    assert any(w.startswith(tekst) for w in r.waarschuwingen), r.waarschuwingen


def test_een_fonds_dat_de_pot_draagt_telt_de_bijdragen_als_publiek_geld() -> None:
    r = reken(twee_panden(toewijzing={"volgorde_instrumenten": ["verevening", "subsidie"]}))
    overschot = -r.panden.loc["P1", "onrendabele_top"]
    # the gemeente's contribution goes into the fund in 2027: at 2 %, its present value
    assert r.programma["publiek_geld_netto_verevening"] == pytest.approx(overschot * 1.02 / 1.02)
    assert not any("geen fonds draagt hem" in w for w in r.waarschuwingen)


def test_disconteringsvoet_publiek_opgegeven_of_van_de_markt() -> None:
    d = twee_panden()
    d["markt"]["disconteringsvoet_publiek"] = 0.04
    r = reken(d)
    assert r.programma["disconteringsvoet_publiek"] == 0.04
    assert (
        r.programma["disconteringsvoet_publiek_bron"]
        == "opgegeven in markt.disconteringsvoet_publiek"
    )
    assert r.fondsen["stadsfonds"].kpi["disconteringsvoet_publiek"] == 0.04
    d = twee_panden()
    d["partijen"]["gemeente"]["soort"] = "corporatie"  # no gemeente at all
    r = reken(d)
    assert r.programma["disconteringsvoet_publiek"] == 0.05  # markt.disconteringsvoet
    assert "geen partij van soort gemeente" in r.programma["disconteringsvoet_publiek_bron"]


def test_ontsluitingscurve_is_het_programma_met_meer_of_minder_publiek_geld() -> None:
    """Each point equals the same scenario with the public tranche scaled in the file."""
    r = reken(twee_panden())
    curve = r.ontsluitingscurve
    assert list(curve.index) == [0.5, 0.75, 1.0, 1.25, 1.5, 2.0]
    assert curve.loc[1.0, "publiek_geld_netto"] == pytest.approx(r.programma["publiek_geld_netto"])
    for factor in (0.5, 2.0):
        d = twee_panden()
        d["fondsen"][0]["tranches"][0]["bedrag"] = 300_000 * factor
        los = reken(d).programma
        for k in ("publiek_geld_ingelegd", "publiek_geld_netto", "woningen_ontsloten"):
            assert curve.loc[factor, k] == pytest.approx(los[k])
    meer = curve["woningen_per_extra_miljoen"]
    extra = curve["publiek_geld_netto"].diff() / 1e6
    assert meer.iloc[1:].fillna(0).to_numpy() == pytest.approx(
        (curve["woningen_ontsloten"].diff() / extra).iloc[1:].fillna(0).to_numpy()
    )


# ---------------------------------------------------------------- warnings
def onsolide_bank() -> dict[str, Any]:
    """A fund borrows € 100.000 at 3 % for two years and lends it to nobody: it cannot pay
    the interest; the bank gets € 94.000 back in 2028 and loses € 6.000."""
    d = basis()
    d["fondsen"] = [
        {
            "naam": "fonds",
            "tranches": [
                {
                    "naam": "bank",
                    "soort": "lening",
                    "bedrag": 100_000,
                    "rente": 0.03,
                    "looptijd": 2,
                    "aflossing": "ineens",
                }
            ],
            "instrumenten": [{"soort": "subsidie", "voor": {"min_woningen": 1000}}],
        }
    ]
    return d


def test_senior_die_verliest_staat_in_terminal_json_en_samenvatting(tmp_path: Path) -> None:
    scenario = tmp_path / "onsolide.yaml"
    scenario.write_text(json.dumps(onsolide_bank()), encoding="utf-8")  # JSON is YAML
    p = cli(
        "run", str(scenario), "--json", str(tmp_path / "u.json"), "-o", str(tmp_path / "u.xlsx")
    )
    assert p.returncode == 0, p.stderr
    verlies = "fonds fonds: tranche bank (lening, rang 1) verliest naar verwachting € 6.000"
    te_laat = "fonds fonds: tranche bank (lening, rang 1) wordt te laat betaald"
    opzet = "fonds fonds: de opzet sluit niet"
    uit = " ".join(p.stdout.split())  # rich may wrap a long line
    for tekst in (verlies, te_laat, opzet):
        assert tekst in uit
    data = json.loads((tmp_path / "u.json").read_text(encoding="utf-8"))
    assert any(w.startswith(verlies) for w in data["waarschuwingen"])
    (tranche,) = data["fondsen"][0]["tranches"]
    assert tranche["verlies"] == pytest.approx(6_000) and tranche["jaren_achterstand"] == 19
    assert data["fondsen"][0]["kpi"]["verlies_leningtranches"] == pytest.approx(6_000)
    blad = openpyxl.load_workbook(tmp_path / "u.xlsx")["Samenvatting"]
    teksten = [str(c.value) for rij in blad.iter_rows() for c in rij if c.value]
    assert "Let op" in teksten
    assert any(t.startswith(verlies) for t in teksten)


# --------------------------------------------------------------- vergelijk
def test_vier_ontwerpen_naast_elkaar_per_rol(tmp_path: Path) -> None:
    paden = [str(ROOT / "scenarios" / f"{o}.yaml") for o in ONTWERPEN]
    p = cli("vergelijk", *paden, "--json", str(tmp_path / "v.json"), "-o", str(tmp_path / "v.xlsx"))
    assert p.returncode == 0, p.stderr
    data = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    namen = [v["naam"] for v in data["versies"]]
    fondsnamen = [v["fondsen"] for v in data["versies"]]
    assert fondsnamen == [["subsidiefonds"], ["leningenfonds"], ["gemengd_fonds"], ["grondfonds"]]
    assert data["koppeling"] == "rol" and list(data["fondsen"]) == ["fonds"]
    for k in ("woningen_ontsloten", "publiek_geld_netto", "aandeel_gehonoreerd"):
        assert set(data["fondsen"]["fonds"][k]) == set(namen)
    for k in ("panden_ontsloten", "woningen_per_miljoen_publiek", "disconteringsvoet_publiek"):
        assert set(data["programma"][k]) == set(namen)
    assert set(data["ontsluitingscurve"]) == set(namen)
    # each version's programme is its own run's programme
    los = reken_bestand(paden[2])
    assert data["programma"]["publiek_geld_netto"][namen[2]] == pytest.approx(
        los.programma["publiek_geld_netto"]
    )
    uit = " ".join(p.stdout.split())
    assert "Programma: verevening en fondsen samen" in uit
    assert "Fonds (per versie: subsidiefonds, leningenfonds, gemengd_fonds, grondfonds)" in uit
    blad = [
        [c.value for c in r]
        for r in openpyxl.load_workbook(tmp_path / "v.xlsx")["Varianten"].iter_rows()
    ]
    eerste = [r[0] for r in blad]
    assert any(str(t).startswith("Fonds, per versie het fonds van dat scenario") for t in eerste)
    rij = next(r for r in blad if r[0] == "Woningen ontsloten (tekort gesloten)")
    assert rij[1:5] == [data["fondsen"]["fonds"]["woningen_ontsloten"][n] for n in namen]


def reken_bestand(pad: str) -> Any:
    from transformatiecalc import bereken, laad_scenario

    return bereken(laad_scenario(pad))


def test_twee_fondsen_per_scenario_worden_op_naam_gekoppeld(tmp_path: Path) -> None:
    d = twee_panden()
    tweede = copy.deepcopy(d["fondsen"][0])
    tweede["naam"] = "rijksfonds"
    d["fondsen"].append(tweede)
    pad = tmp_path / "twee.yaml"
    pad.write_text(json.dumps(d), encoding="utf-8")
    p = cli("vergelijk", str(pad), str(pad), "--json", str(tmp_path / "v.json"))
    assert p.returncode == 0, p.stderr
    data = json.loads((tmp_path / "v.json").read_text(encoding="utf-8"))
    assert data["koppeling"] == "naam" and list(data["fondsen"]) == ["stadsfonds", "rijksfonds"]
    assert "fondsen op naam gekoppeld" in p.stdout
