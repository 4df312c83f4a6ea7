"""Fuzzing: generated *valid* scenarios with gebieden, projecten, verevening and fondsen.

Every generated scenario must validate, compute without error and keep the invariants of
METHODE §9 and §6–7: the ORT identities, money conserved to the cent in verevening and in
every ledger year, nobody receiving more than its gap, JSON without NaN, bit-identical
results on a second run; the core does not depend on pand order; JSON and Excel agree.

How many scenarios: HYPOTHESIS_PROFILE dev (default) 150, ci 2 000 (``.ci/run``), nacht
10 000 (maintainers: ``HYPOTHESIS_PROFILE=nacht pytest tests/test_fuzz.py``). The count
that actually ran is printed at the end of ``pytest -q`` (see conftest.py).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
from typing import Any

import numpy as np
import pytest
from hulp import grootboek_klopt
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from strategieen import STUURTEKENS, volledige_scenarios, vrije_tekst

from transformatiecalc import ScenarioFout, bereken, valideer
from transformatiecalc.analyse.varianten import Versie, vergelijk
from transformatiecalc.uitvoer.analyse import toon_vergelijking
from transformatiecalc.uitvoer.json import json_tekst
from transformatiecalc.uitvoer.terminal import toon_samenvatting

CENT = 0.01
PROFIEL = os.environ.get("HYPOTHESIS_PROFILE", "dev")
# ci: ~0,15 s per scenario; 1 000 keeps the CI run well under its 15 minutes
AANTAL = {"dev": 150, "ci": 1_000, "nacht": 10_000}.get(PROFIEL, 150)
#: Scenarios each property saw in this run (reported by conftest.pytest_terminal_summary).
TELLER: dict[str, int] = {}


def _tel(naam: str) -> None:
    TELLER[naam] = TELLER.get(naam, 0) + 1


def _klopt(r: Any) -> None:
    """The invariants every result must keep."""
    panden, functies, u = r.panden, r.functies, r.uitkomst
    # §9: ORT = −NCW = (inbreng + verwerving)·d_s − RG_dcf per pand; functies add up to it
    assert np.allclose(panden["onrendabele_top"], -panden["ncw"], atol=CENT)
    d_s = u.disconteringsfactor[np.arange(len(panden)), u.invoer.start]
    inbreng = (panden["inbreng"] + panden["verwervingskosten"]) * d_s
    assert np.allclose(
        panden["onrendabele_top"], inbreng - panden["residuele_grondwaarde_dcf"], atol=CENT
    )
    som = functies.groupby("pand", sort=False)["onrendabele_top"].sum()
    assert np.allclose(som.reindex(panden.index), panden["onrendabele_top"], atol=CENT)
    pf = r.portefeuille
    assert pf is not None
    v = pf.verevening
    if v is not None:
        for pot in v.potten.values():  # Σ bijdragen + begin = Σ toewijzingen + rest
            assert pot["beginsaldo"] + pot["bijdragen"] == pytest.approx(
                pot["toewijzingen"] + pot["rest"], abs=CENT
            )
            assert pot["rest"] >= -CENT
        assert np.all(v.ontvangst <= np.maximum(v.ort_voor, 0.0) + CENT)
        assert np.all(v.bijdrage <= np.maximum(-v.ort_voor, 0.0) + CENT)
        geen = np.array([g == "geen" for g in v.grondslag])
        assert np.all(v.bijdrage[geen] == 0.0)
    ort = (
        pf.verevening.ort_na
        if v is not None
        else (pf.herverkaveling.ort_na if pf.herverkaveling is not None else pf.ort_voor)
    )
    for f in pf.fondsen:
        grootboek_klopt(f)
        assert np.allclose(f.ort_voor, ort, atol=CENT)  # each fund starts where the chain is
        assert np.allclose(f.ort_na, f.ort_voor - f.effect.sum(axis=1), atol=CENT)
        for k, naam in enumerate(f.instrumenten):
            if naam.startswith("i0"):  # the subsidie never exceeds the gap at its turn
                assert np.all(f.effect[:, k] <= np.maximum(f.ort_voor, 0.0) + CENT)
        k = f.kpi  # the gap closed never exceeds the gap; closed + over-coverage = effect
        assert k["tekort_gesloten"] <= k["tekort_voor"] + CENT
        assert k["tekort_gesloten"] + k["overdekking"] == pytest.approx(f.effect.sum(), abs=CENT)
        ort = f.ort_na
    assert np.allclose(pf.ort_na, ort, atol=CENT)
    _programma_is_de_som_van_de_delen(r)


def _programma_is_de_som_van_de_delen(r: Any) -> None:
    """The programme's totals are verevening's part plus each fund's (METHODE §7)."""
    prog, pf = r.programma, r.portefeuille
    if not prog:
        assert pf.verevening is None and not pf.fondsen
        return
    fondsen = [f.kpi for f in pf.fondsen]
    assert prog["panden_ontsloten"] == prog["panden_ontsloten_verevening"] + sum(
        k["panden_gesloten"] for k in fondsen
    )
    assert prog["woningen_ontsloten"] == prog["woningen_ontsloten_verevening"] + sum(
        k["woningen_ontsloten"] for k in fondsen
    )
    assert prog["publiek_geld_ingelegd_fondsen"] == pytest.approx(
        sum(k["publiek_geld_ingelegd"] for k in fondsen)
    )
    assert prog["publiek_geld_ingelegd"] == pytest.approx(
        prog["publiek_geld_ingelegd_verevening"] + prog["publiek_geld_ingelegd_fondsen"]
    )
    assert prog["publiek_geld_netto"] == pytest.approx(
        prog["publiek_geld_netto_verevening"] + prog["publiek_geld_netto_fondsen"], abs=CENT
    )
    # every fund discounts public money at the programme's rate unless it says otherwise
    for f, fonds in zip(pf.fondsen, r.scenario.fondsen, strict=True):
        if fonds.disconteringsvoet == prog["disconteringsvoet_publiek"]:
            assert f.kpi["disconteringsvoet_publiek"] == prog["disconteringsvoet_publiek"]
    if all(
        f.kpi["disconteringsvoet_publiek"] == prog["disconteringsvoet_publiek"] for f in pf.fondsen
    ):
        assert prog["publiek_geld_netto_fondsen"] == pytest.approx(
            sum(k["publiek_geld_netto"] for k in fondsen), abs=CENT
        )
    assert prog["panden_ontsloten"] + prog["panden_tekort_blijft"] == prog["panden_met_tekort"]


@settings(max_examples=AANTAL)
@given(volledige_scenarios())
def test_elk_gegenereerd_scenario_rekent_en_houdt_zijn_invarianten(data: dict[str, Any]) -> None:
    _tel("scenario's met verevening en fondsen")
    r = bereken(valideer(data))
    _klopt(r)
    tekst = json_tekst(r)  # strict JSON: a NaN or inf would raise here
    json.loads(tekst)
    assert json_tekst(bereken(valideer(data))) == tekst  # bit-identical on a second run


@settings(max_examples=max(AANTAL // 10, 20))
@given(volledige_scenarios(), st.integers(0, 2**32))
def test_volgorde_van_de_panden_verandert_de_rekenkern_niet(
    data: dict[str, Any], zaad: int
) -> None:
    _tel("volgorde van panden")
    data.pop("fondsen", None)  # a fund may allocate in file order (volgorde_panden: invoer)
    a = bereken(valideer(data))
    random.Random(zaad).shuffle(data["panden"])
    b = bereken(valideer(data))
    for kolom in ("onrendabele_top", "residuele_grondwaarde_oplevering", "stichtingskosten"):
        assert a.panden[kolom].to_dict() == b.panden[kolom].to_dict()
    assert np.allclose(
        a.keten["onrendabele_top_na"].sort_index(),
        b.keten["onrendabele_top_na"].sort_index(),
        atol=CENT,
    )


@settings(max_examples=max(AANTAL // 80, 5))
@given(volledige_scenarios(max_panden=3))
def test_json_en_excel_zeggen_hetzelfde(data: dict[str, Any]) -> None:
    import openpyxl

    from transformatiecalc.uitvoer.excel import werkboek_bytes
    from transformatiecalc.uitvoer.huisstijl import Huisstijl

    _tel("JSON tegen Excel")
    r = bereken(valideer(data))
    uit = json.loads(json_tekst(r))
    wb = openpyxl.load_workbook(io.BytesIO(werkboek_bytes(r, Huisstijl(), {})), data_only=True)
    rijen = list(wb["Panden"].iter_rows(values_only=True))
    kop = next(i for i, rij in enumerate(rijen) if rij and rij[0] == "pand")
    kolommen = list(rijen[kop])
    per_pand = {rij[0]: rij for rij in rijen[kop + 1 :] if rij and rij[0]}
    for pand in uit["panden"]:
        rij = per_pand[pand["id"]]
        for veld, kopnaam in (
            ("onrendabele_top", "onrendabele top"),
            ("opbrengst", "opbrengst"),
            ("residuele_grondwaarde_peildatum", "residuele grondwaarde peildatum"),
        ):
            assert rij[kolommen.index(kopnaam)] == pytest.approx(pand[veld], abs=CENT)


#: Characters that must never reach the terminal raw: C0 (a newline too: one user string
#: is one line on screen), DEL, C1, zero-width marks, the line and paragraph separators,
#: bidi overrides and isolates, word joiner and invisible operators, the BOM.
STUURTEKEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def _zichtbaar(tekst: str) -> str:
    """A name as it should look on screen: a tab as a space, every other such character
    as its Python escape, all on one line."""
    tekst = tekst.replace("\t", " ")
    return STUURTEKEN.sub(
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", tekst
    )


def _zonder_wit(tekst: str) -> str:
    return "".join(tekst.split())


@settings(max_examples=max(AANTAL // 5, 20))
@given(volledige_scenarios(max_panden=3, vijandig=True), vrije_tekst("v"))
def test_vrije_tekst_komt_zichtbaar_en_zonder_stuurtekens_in_de_terminal(
    data: dict[str, Any], variant: str
) -> None:
    """Names with escape sequences, control characters and rich markup in every free-text
    field: the terminal tables of run and vergelijk --per-pand render without error, hold
    no raw control character and show each name (markup as text, controls as escapes)."""
    _tel("vijandige namen in de terminal")
    r = bereken(valideer(data))
    console = Console(file=io.StringIO(), width=2_000, highlight=False, soft_wrap=True)
    toon_samenvatting(r, console)
    naam = r.scenario.naam
    toon_vergelijking(
        vergelijk([Versie(naam, "a.yaml", None, r), Versie(variant, "a.yaml", variant, r)]),
        console,
        per_pand=True,
    )
    uit = console.file.getvalue()  # type: ignore[attr-defined]
    assert STUURTEKEN.findall(uit.replace("\n", "")) == []  # the program's own line ends
    uit.encode("utf-8")
    zichtbaar = _zonder_wit(uit)
    namen = [naam, variant, *r.fondsen]
    namen += [str(t) for f in r.fondsen.values() for t in f.tranches.index]
    for tekst in namen:
        assert _zonder_wit(_zichtbaar(tekst)) in zichtbaar, tekst


@settings(max_examples=max(AANTAL // 5, 20))
@given(
    volledige_scenarios(max_panden=2, vijandig=True),
    vrije_tekst("x"),
    st.sampled_from(STUURTEKENS),
    st.sampled_from(("naam", "fonds", "tranche", "variant", "kostenpost", "beginsaldo")),
)
def test_een_stuurteken_in_elke_vrije_tekst_wordt_geweigerd(
    data: dict[str, Any], tekst: str, stuur: str, waar: str
) -> None:
    """A control character (also one written as a YAML escape) in any free text or key is
    refused with its path and the code tekst.controleteken, before the schema reads it."""
    _tel("stuurtekens geweigerd")
    naam = tekst + stuur
    if waar == "naam":
        data["naam"], pad = naam, "naam"
    elif waar == "fonds" and data.get("fondsen"):
        data["fondsen"][0]["naam"], pad = naam, "fondsen[0].naam"
    elif waar == "tranche" and data.get("fondsen"):
        data["fondsen"][0]["tranches"][0]["naam"] = naam
        pad = "fondsen[0].tranches[0].naam"
    elif waar == "variant":
        data["varianten"] = [{"naam": naam, "wijzig": {"markt.bouwrente": 0.05}}]
        pad = "varianten[0].naam"
    elif waar == "kostenpost":
        data["panden"][0]["transformatie"]["extra_kosten"] = {naam: 1_000}
        pad = f"panden[0].transformatie.extra_kosten.{naam}"
    else:
        data["verevening"] = {"beginsaldo": {naam: 1_000}}
        pad = f"verevening.beginsaldo.{naam}"
    if waar in ("fonds", "tranche") and not data.get("fondsen"):
        data["naam"], pad = naam, "naam"
    with pytest.raises(ScenarioFout) as fout:
        valideer(data)
    m = fout.value.meldingen[0]
    assert (m.code, m.pad) == ("tekst.controleteken", pad)
    assert "onzichtbaar controleteken" in m.tekst
