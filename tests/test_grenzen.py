"""Bounds that catch nonsense (schema.grenzen): plausible ranges, conventies.ruime_grenzen,
the programme of a pand in total, distributions against their target, one value per path."""

from __future__ import annotations

import copy
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from ruamel.yaml import YAML

from transformatiecalc import ScenarioFout, bereken
from transformatiecalc.analyse.onzekerheid import trek
from transformatiecalc.laden import valideer
from transformatiecalc.schema import Onzekerheid
from transformatiecalc.schema.analyse import Lognormaal, Normaal
from transformatiecalc.schema.grenzen import getal_tekst, grenzen_op

ROOT = Path(__file__).resolve().parents[1]
KLEIN: dict[str, Any] = YAML(typ="safe").load(
    (ROOT / "tests" / "data" / "geldig" / "klein.yaml").read_text(encoding="utf-8")
)
AFGEKAPT = (5, 8)  # normal scores below −4 and above 4 among 200 000 with the default seed
BEWUST = "; is dat bewust, zet dan conventies.ruime_grenzen: true of noem dit pad in die lijst"
BRON_BAR = (
    "BAR woongebouwen 3,0–5,7 % volgens StiVAD 2022–2024; 1 % laat ruimte voor NAR en exit "
    "yield, 25 % is minder dan vier jaar huur"
)


def _klein(**wijzig: Any) -> dict[str, Any]:
    """KLEIN with values set by path ('functies.middenhuur.bar' style, '/' for list items)."""
    data = copy.deepcopy(KLEIN)
    for pad, waarde in wijzig.items():
        hier: Any = data
        stappen = [int(s) if s.isdigit() else s for s in pad.split("__")]
        for stap in stappen[:-1]:
            hier = hier[stap]
        hier[stappen[-1]] = waarde
    return data


def _fouten(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioFout) as fout:
        valideer(data)
    return [(m.pad, m.tekst) for m in fout.value.meldingen]


# ----------------------------------------------------------------- plausible ranges
def test_bar_buiten_het_plausibele_bereik() -> None:
    data = _klein(functies__middenhuur__waardering__bar=0.005)
    assert _fouten(data) == [
        (
            "functies.middenhuur.waardering.bar",
            f"kreeg 0.005, buiten het plausibele bereik 0.01 … 0.25 (bron: {BRON_BAR})" + BEWUST,
        )
    ]


def test_bar_onder_de_harde_grens_ook_met_ruime_grenzen() -> None:
    data = _klein(functies__middenhuur__waardering__bar=0.0001)
    data["conventies"] = {"ruime_grenzen": True}
    assert _fouten(data) == [
        ("functies.middenhuur.waardering.bar", "moet minstens 0.001 zijn, kreeg 0.0001")
    ]


KOOP = {
    "soort": "koopwoning",
    "von_prijs_incl_btw": 395_000,
    "bvo_per_woning": 85,
}
WINKEL = {
    "soort": "commercieel",
    "huur_per_m2_per_jaar": 200,
    "waardering": {"methode": "dcf", "termijn": 15, "exit_yield": 0.07},
}


@pytest.mark.parametrize(
    ("pad", "waarde", "bereik"),
    [
        ("functies.middenhuur.waardering.bar", 0.26, "0.01 … 0.25"),
        ("functies.middenhuur.huur_per_maand", 50, "100 … 10000"),
        ("functies.middenhuur.betaalbare_huur_per_maand", 20_000, "100 … 10000"),
        ("functies.middenhuur.bvo_per_woning", 10, "15 … 500"),
        ("functies.middenhuur.gbo_per_woning", 600, "15 … 500"),
        ("functies.koop.von_prijs_incl_btw", 20_000, "50000 … 10000000"),
        ("functies.winkel.huur_per_m2_per_jaar", 6_000, "5 … 5000"),
        ("functies.winkel.waardering.exit_yield", 0.005, "0.01 … 0.25"),
        ("functies.winkel.waardering.disconteringsvoet", 0.22, "0 … 0.2"),
        ("kosten.per_m2_bvo.licht", 20_000, "50 … 10000"),
        ("markt.disconteringsvoet", 0.21, "0 … 0.2"),
        ("partijen.gemeente.disconteringsvoet", 0.25, "0 … 0.2"),
        ("partijen.gemeente.rendementseis", 0.3, "0 … 0.2"),
        ("panden.0.huidig.bar", 0.28, "0.01 … 0.25"),
    ],
)
def test_elke_plausibele_grens_geeft_een_melding(pad: str, waarde: float, bereik: str) -> None:
    """One message, at the value the file gives (a derived rendementseis is not repeated)."""
    data = _klein()
    data["functies"]["koop"] = copy.deepcopy(KOOP)
    data["functies"]["winkel"] = copy.deepcopy(WINKEL)
    if pad == "panden.0.huidig.bar":
        data["panden"][0]["huidig"] = {"huur_per_jaar": 30_000, "bar": 0.07}
    hier: Any = data
    stappen = [int(s) if s.isdigit() else s for s in pad.split(".")]
    for stap in stappen[:-1]:
        hier = hier[stap] if isinstance(stap, int) else hier.setdefault(stap, {})
    hier[stappen[-1]] = waarde
    (fout,) = _fouten(data)
    assert fout[0] == pad.replace(".0.", "[0].")
    assert fout[1].startswith(
        f"kreeg {getal_tekst(waarde)}, buiten het plausibele bereik {bereik} (bron: "
    )
    assert fout[1].endswith(BEWUST.removeprefix("; "))


def test_pand_te_groot_hard_en_plausibel() -> None:
    plek = "panden[0].transformatie.programma"
    assert _fouten(_klein(panden__0__transformatie__programma__0__woningen=100_000)) == [
        (
            plek,
            "het programma telt samen 7500000 m² BVO (woningen × bvo_per_woning en bvo); een pand "
            "heeft hoogstens 1000000 m² BVO",
        ),
        (
            plek,
            "het programma telt samen 100000 woningen, meer dan het plausibele bereik 0 … 2000 "
            "(bron: de grootste kantoortransformaties leveren enkele honderden tot ±1.000 "
            "woningen)" + BEWUST,
        ),
    ]
    assert _fouten(_klein(panden__0__transformatie__programma__0__woningen=2_700)) == [
        (
            plek,
            "het programma telt samen 202500 m² BVO, meer dan het plausibele bereik 0 … 200000 "
            "(bron: een groot binnenstedelijk kantoor- of winkelpand heeft 10.000–100.000 m² "
            "BVO)" + BEWUST,
        ),
        (
            plek,
            "het programma telt samen 2700 woningen, meer dan het plausibele bereik 0 … 2000 "
            "(bron: de grootste kantoortransformaties leveren enkele honderden tot ±1.000 "
            "woningen)" + BEWUST,
        ),
    ]
    # ruime_grenzen frees the plausible bounds of the pand, never the hard one
    data = _klein(panden__0__transformatie__programma__0__woningen=100_000)
    data["conventies"] = {"ruime_grenzen": ["panden.P1"]}
    assert [t for _, t in _fouten(data)] == [
        "het programma telt samen 7500000 m² BVO (woningen × bvo_per_woning en bvo); een pand "
        "heeft hoogstens 1000000 m² BVO"
    ]


# ----------------------------------------------------------- conventies.ruime_grenzen
def test_ruime_grenzen_true_rekent_en_wordt_getoond() -> None:
    data = _klein(functies__middenhuur__waardering__bar=0.005)
    data["conventies"] = {"ruime_grenzen": True}
    resultaat = bereken(valideer(data))
    assert resultaat.uitgangspunten["conventies"]["ruime_grenzen"] is True
    ort = float(resultaat.panden["onrendabele_top"].iloc[0])
    assert math.isfinite(ort) and ort < 0  # a BAR of 0,5 % values the homes far above cost


def test_ruime_grenzen_met_paden_geeft_alleen_die_waarden_vrij() -> None:
    data = _klein(
        functies__middenhuur__waardering__bar=0.005, functies__middenhuur__bvo_per_woning=700
    )
    data["conventies"] = {"ruime_grenzen": ["functies.middenhuur.waardering"]}
    assert [p for p, _ in _fouten(data)] == ["functies.middenhuur.bvo_per_woning"]
    data["conventies"] = {"ruime_grenzen": ["functies.middenhuur"]}
    sc = valideer(data)
    assert sc.conventies.ruime_grenzen == ["functies.middenhuur"]
    assert bereken(sc).uitgangspunten["conventies"]["ruime_grenzen"] == ["functies.middenhuur"]


def test_ruime_grenzen_onbekend_pad() -> None:
    data = _klein()
    data["conventies"] = {"ruime_grenzen": ["functies.middenhuur.bar"]}
    assert _fouten(data) == [
        (
            "conventies.ruime_grenzen[0]",
            "'bar' bestaat niet in functies.middenhuur; dichtstbijzijnde geldige paden: "
            "functies.middenhuur.waardering.bar",
        )
    ]


def test_standaard_ruime_grenzen_is_false_in_de_uitgangspunten() -> None:
    assert bereken(valideer(_klein())).uitgangspunten["conventies"]["ruime_grenzen"] is False


# ------------------------------------------------------------------- distributions
def test_bereik_van_de_verdelingen() -> None:
    assert Normaal(verdeling="normaal", gemiddelde=0.048, sd=0.004).bereik() == pytest.approx(
        (0.032, 0.064), abs=1e-15
    )
    laag, hoog = Lognormaal(verdeling="lognormaal", gemiddelde=100, sd=10).bereik()
    s = math.sqrt(math.log1p(0.01))
    assert laag == pytest.approx(math.exp(math.log(100) - s * s / 2 - 4 * s), rel=1e-14)
    assert hoog == pytest.approx(math.exp(math.log(100) - s * s / 2 + 4 * s), rel=1e-14)


def test_trekkingen_blijven_binnen_het_bereik() -> None:
    """Normal scores beyond ±4 (about 6 in 100 000) are cut off: no draw leaves the range."""
    o = Onzekerheid.model_validate(
        {
            "trekkingen": 200_000,
            "parameters": {
                "a": {"verdeling": "normaal", "gemiddelde": 0.05, "sd": 0.01},
                "b": {"verdeling": "lognormaal", "gemiddelde": 5, "sd": 1.5},
            },
        }
    )
    getrokken = trek(o)
    for pad, v in o.parameters.items():
        laag, hoog = v.bereik()
        assert getrokken[pad].min() == laag and getrokken[pad].max() == hoog
    laag, hoog = o.parameters["a"].bereik()
    afgekapt = int(np.sum(getrokken["a"] == laag)), int(np.sum(getrokken["a"] == hoog))
    assert afgekapt == AFGEKAPT  # scores beyond ±4 with this seed, cut off to the bounds


def test_verdeling_buiten_het_plausibele_bereik() -> None:
    data = _klein()
    data["onzekerheid"] = {
        "parameters": {
            "functies.middenhuur.waardering.bar": {
                "verdeling": "uniform",
                "min": 0.001,
                "max": 0.05,
            }
        }
    }
    assert _fouten(data) == [
        (
            "onzekerheid.parameters.functies.middenhuur.waardering.bar",
            f"de verdeling reikt van 0.001 tot 0.05, buiten het plausibele bereik 0.01 … 0.25 "
            f"(bron: {BRON_BAR}); verklein de spreiding, of zet bewust conventies.ruime_grenzen: "
            "true of noem dit pad in die lijst",
        )
    ]
    data["conventies"] = {"ruime_grenzen": ["functies.middenhuur.waardering.bar"]}
    assert valideer(data).onzekerheid is not None


def test_verdeling_op_een_geheel_getal() -> None:
    data = _klein()
    data["onzekerheid"] = {
        "parameters": {"horizon": {"verdeling": "uniform", "min": 29, "max": 31}}
    }
    assert _fouten(data) == [
        (
            "onzekerheid.parameters.horizon",
            "dit is een geheel getal, maar een verdeling trekt gebroken getallen; geef een vaste "
            "waarde of vergelijk varianten",
        )
    ]


def test_grenzen_op_een_pad() -> None:
    sc = valideer(_klein())
    g = grenzen_op(sc, ("functies", "middenhuur", "waardering", "bar"))
    assert (g.laag, g.hoog, g.plausibel and (g.plausibel.laag, g.plausibel.hoog)) == (
        0.001,
        0.3,
        (0.01, 0.25),
    )
    g = grenzen_op(sc, ("kosten", "per_m2_bvo", "licht"))
    assert (g.laag, g.laag_open, g.plausibel and g.plausibel.hoog) == (0, True, 10_000)
    assert grenzen_op(sc, ("horizon",)).geheel


# ------------------------------------------------------------ one value, one path
def test_twee_spellingen_van_een_pad_in_een_variant() -> None:
    data = _klein()
    data["varianten"] = [
        {
            "naam": "duurder",
            "wijzig": {
                "functies.middenhuur.waardering.bar": 0.055,
                "functies.middenhuur.waardering": {"methode": "bar", "bar": 0.06},
            },
        }
    ]
    assert _fouten(data) == [
        (
            "varianten[0].wijzig.functies.middenhuur.waardering",
            "'functies.middenhuur.waardering' en 'functies.middenhuur.waardering.bar' "
            "(varianten[0].wijzig.functies.middenhuur.waardering.bar) overlappen: het ene pad "
            "ligt binnen het andere (functies.middenhuur.waardering); laat er één weg",
        )
    ]


def test_twee_spellingen_van_een_pand_in_onzekerheid() -> None:
    data = _klein()
    data["onzekerheid"] = {
        "parameters": {
            "panden[0].huidig.marktwaarde": {"verdeling": "uniform", "min": 3e5, "max": 5e5},
            " panden . P1 .huidig.marktwaarde": {"verdeling": "uniform", "min": 3e5, "max": 5e5},
        }
    }
    assert _fouten(data) == [
        (
            "onzekerheid.parameters. panden . P1 .huidig.marktwaarde",
            "' panden . P1 .huidig.marktwaarde' en 'panden[0].huidig.marktwaarde' "
            "(onzekerheid.parameters.panden[0].huidig.marktwaarde) wijzen allebei "
            "panden[0].huidig.marktwaarde aan; laat er één weg",
        )
    ]


def test_harde_grens_in_de_woorden_van_de_validatie() -> None:
    """A range crossing a hard bound is named once, in the words of a validation message
    (was 'moet groter zijn dan 0 zijn')."""
    from transformatiecalc.schema.grenzen import Grenzen

    open_ = Grenzen(laag=0.0, hoog=1.0, laag_open=True, hoog_open=True)
    assert open_.hard(-1.0, 0.5) == "moet groter zijn dan 0"
    assert open_.hard(0.5, 2.0) == "moet kleiner zijn dan 1"
    dicht = Grenzen(laag=0.0, hoog=0.3)
    assert dicht.hard(-0.1, 0.2) == "moet minstens 0 zijn"
    assert dicht.hard(0.1, 0.5) == "mag hoogstens 0.3 zijn"  # as written in the YAML
    assert dicht.hard(0.0, 0.3) is None
