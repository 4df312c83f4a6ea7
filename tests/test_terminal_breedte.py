"""The terminal output fits the terminal: at 80 and 160 columns no number is cut, wrapped or
written the English way, and counts read in Dutch (issue #19, "the terminal fits").

Each command runs through the real entry point (`main`) with COLUMNS set, as a user at a
terminal of that width would see it; the numbers the engine computed must appear whole."""

from __future__ import annotations

import io
import itertools
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hulp import basis, reken
from rich.console import Console

from transformatiecalc.cli import main
from transformatiecalc.getallen import aantal, duizendtallen, getal
from transformatiecalc.uitvoer.terminal import euro, kpi_tekst, toon_samenvatting

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
ONTWERPEN = [
    ROOT / "scenarios" / f"fonds_{n}.yaml"
    for n in ("subsidie", "revolverend", "gemengd", "erfpacht_garantie")
]
BREEDTES = (80, 160)
TORNADO = [
    "-p",
    "kosten.per_m2_bvo.transformatie_zwaar=±10%",
    "-p",
    "functies.middenhuur.waardering.bar=0.044:0.052",
    "-p",
    "panden[0].huidig.marktwaarde=±20%",
    "-p",
    # P05 (sociale huur only): a later start does not lose the 10 % middenhuur surcharge
    "panden[4].transformatie.start=2027:2029",
]


def _uitvoer(
    args: list[str], breedte: int, capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch
) -> str:
    mp.setenv("COLUMNS", str(breedte))
    assert main(args) == 0
    return capsys.readouterr().out


def _geen_afgekapt_getal(uit: str, breedte: int) -> None:
    """No line wider than the terminal (it would wrap a number anywhere), no ellipsis (rich
    cuts a cell with '…'), no exponent, no English decimal point and no amount parted from
    its '€'. Not checked: the paths written to and the hash-and-version line."""
    regels = [r for r in uit.splitlines() if not r.startswith(("geschreven", "scenario sha256"))]
    for regel, volgende in zip(regels, [*regels[1:], ""], strict=True):
        assert len(regel) <= breedte, regel
        assert "…" not in regel, regel
        assert not (regel.rstrip().endswith("€") and re.match(r"\s*-?\d", volgende)), regel
        assert not (re.search(r"\d$", regel.rstrip()) and volgende.startswith("%")), regel
    tekst = "\n".join(regels)
    assert not re.search(r"\d[eE][+-]?\d", tekst)  # 2.5e+06
    assert not re.search(r"(?<![\d.])0\.\d", tekst)  # 0.048
    assert not re.search(r"\d\.\d{1,2}(?![\d.])", tekst)  # 1852.5 (Dutch: 1.852,5)


def _heel(tekst: str, uit: str) -> bool:
    """`tekst` (a formatted number) stands in `uit` as a whole, not as part of another."""
    return re.search(rf"(?<![\d.,]){re.escape(tekst)}(?![\d.,])", uit) is not None


@pytest.mark.parametrize("breedte", BREEDTES)
def test_run_past(
    breedte: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pad = tmp_path / "v.json"
    uit = _uitvoer(["run", str(VOORBEELD), "--json", str(pad)], breedte, capsys, monkeypatch)
    _geen_afgekapt_getal(uit, breedte)
    data = json.loads(pad.read_text(encoding="utf-8"))
    t = data["totalen"]
    assert re.search(r"^Totaal\s+14 panden\s+190\s", uit, re.M), uit
    for sleutel in ("onrendabele_top", "onrendabele_top_na", "opbrengst", "inbrengwaarde"):
        assert _heel(euro(t[sleutel], 1000), uit), sleutel
    assert _heel(euro(t["tekort"]), uit) and _heel(euro(t["overschot"]), uit)
    for p in data["panden"]:
        assert _heel(euro(p["onrendabele_top"], 1000), uit), p["id"]
    for pot in data["verevening"]["potten"].values():
        assert _heel(euro(pot["tekort_na"]), uit)
    # every owner is named in full: in the table or in the legend under it
    for p in data["panden"]:
        assert p["eigenaar"] in uit
        for f in p["functies"]:  # and every functie (was folded: 'huisartsenpraktij' / 'k')
            assert f["functie"] in uit, f["functie"]
    assert "bij 12 panden; overschot" in uit.replace("\n", " ")
    _waar_de_ort_vandaan_komt(uit, data)


def _waar_de_ort_vandaan_komt(uit: str, data: dict[str, Any]) -> None:
    """Issue #16, item 6: with up to 20 panden `run` shows per functie the ORT, the ORT
    without inbreng, the inbreng's share (€ 1.000) and the ORT per woning, per pand the
    break-even bouwkosten per m² BVO, every number whole."""
    assert "Waar de ORT vandaan komt, per functie" in uit
    for p in data["panden"]:
        assert _heel(duizendtallen(p["break_even_bouwkosten_per_m2"]), uit), p["id"]
        for f in [p, *p["functies"]]:
            for sleutel in ("onrendabele_top", "ort_zonder_inbreng", "inbreng_aandeel"):
                assert _heel(euro(f[sleutel], 1000), uit), (p["id"], sleutel)
            if f["ort_per_woning"] is not None:
                assert _heel(duizendtallen(f["ort_per_woning"]), uit), p["id"]


def test_een_percentage_blijft_bij_zijn_getal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The guarantee warning of the erfpacht design broke '5 %' over two lines (at 60)."""
    for breedte in (60, 80):
        uit = _uitvoer(["run", str(ONTWERPEN[3])], breedte, capsys, monkeypatch)
        regels = uit.splitlines()
        for regel, volgende in itertools.pairwise(regels):
            assert not (re.search(r"\d$", regel.rstrip()) and volgende.startswith("%")), regel


@pytest.mark.parametrize("breedte", BREEDTES)
def test_vergelijk_van_vier_ontwerpen_past(
    breedte: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pad = tmp_path / "v.json"
    args = ["vergelijk", *map(str, ONTWERPEN), "--json", str(pad)]
    uit = _uitvoer(args, breedte, capsys, monkeypatch)
    _geen_afgekapt_getal(uit, breedte)
    assert len(uit.splitlines()) < 100  # compact: one block per group of KPIs
    data = json.loads(pad.read_text(encoding="utf-8"))
    for groep, sleutels in (
        ("totalen", ("onrendabele_top_na", "tekort_na")),
        ("programma", ("tekort_gesloten", "publiek_geld_netto")),
    ):
        for sleutel in sleutels:
            for waarde in data[groep][sleutel].values():
                assert _heel(euro(waarde, 1000), uit), (groep, sleutel, waarde)
    for waarde in data["fondsen"]["fonds"]["publiek_geld_netto"].values():
        assert _heel(euro(waarde, 1000), uit)
    # --breed: every KPI, in euros, with the difference against the first design
    breed = _uitvoer([*args[:-2], "--breed"], breedte, capsys, monkeypatch)
    _geen_afgekapt_getal(breed, breedte)
    for naam, waarde in data["totalen"]["onrendabele_top_na"].items():
        assert _heel(euro(waarde), breed), naam
        verschil = data["verschil"]["onrendabele_top_na"][naam]
        if abs(verschil) > 0.5:
            assert _heel(euro(abs(verschil)), breed)


@pytest.mark.parametrize("breedte", BREEDTES)
def test_gevoelig_in_nederlandse_getallen(
    breedte: int, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ["gevoelig", str(VOORBEELD), *TORNADO]
    args += ["--raster", "functies.middenhuur.waardering.bar=0.044:0.052"]
    args += ["--raster", "kosten.per_m2_bvo.transformatie_zwaar=±10%", "--stappen", "3"]
    uit = _uitvoer(args, breedte, capsys, monkeypatch)
    _geen_afgekapt_getal(uit, breedte)
    assert re.search(r"\s3\.100\.000\s+2\.480\.000\s+3\.720\.000\s", uit)  # not 3.1e+06
    assert re.search(r"\s0,048\s+0,044\s+0,052\s", uit)  # not 0.048
    assert re.search(r"\s2028\s+2027\s+2029\s", uit)  # a year, not 2.028


@pytest.mark.parametrize("breedte", BREEDTES)
def test_onzeker_past(
    breedte: int,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pad = tmp_path / "o.json"
    args = ["onzeker", str(VOORBEELD), "-n", "40", "--per-pand", "--json", str(pad)]
    uit = _uitvoer(args, breedte, capsys, monkeypatch)
    _geen_afgekapt_getal(uit, breedte)
    data = json.loads(pad.read_text(encoding="utf-8"))
    for sleutel in ("onrendabele_top", "tekort_na"):
        for k in ("gemiddelde", "p5", "p50", "p95"):
            assert _heel(euro(data["samenvatting"][sleutel][k], 1000), uit), (sleutel, k)
    for p in data["panden"]:
        assert _heel(euro(p["ort_p50"], 1000), uit), p["id"]
    assert "Onzekerheid: 40 trekkingen" in uit


def test_een_pand_is_enkelvoud() -> None:
    """One pand, with a surplus and no shortfall: '1 pand', and no 'bij de andere'."""
    console = Console(file=io.StringIO(), width=80, highlight=False, soft_wrap=True)
    toon_samenvatting(reken(basis()), console)
    uit = console.file.getvalue()  # type: ignore[attr-defined]
    assert "1 panden" not in uit and "bij de andere" not in uit
    assert re.search(r"^Totaal\s+1 pand\s", uit, re.M), uit
    assert re.search(r"^Geen pand met een tekort; overschot € [\d.]+ bij 1 pand\.$", uit, re.M)
    assert aantal(1, "pand", "panden") == "1 pand"
    assert aantal(1_000, "trekking", "trekkingen") == "1.000 trekkingen"


def test_getallen_en_jaren_in_het_nederlands() -> None:
    assert getal(2.5e6) == "2.500.000" and getal(0.048) == "0,048" and getal(1852.5) == "1.852,5"
    assert getal(-0.5) == "-0,5" and getal(2145.0) == "2.145"
    assert kpi_tekst(2027.4, "jaar") == "2027" and kpi_tekst(2031, "jaar") == "2031"
    assert kpi_tekst(13_490_991.0, "euro", 1000) == "13.491"


def test_per_functie_vanzelf_tot_twintig_panden(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The block shows by itself for up to 20 panden, beyond that only when asked (in `run`
    with --per-functie, whole at 80 columns)."""
    d = basis()
    d["panden"] = [{**d["panden"][0], "id": f"P{i:02d}"} for i in range(21)]
    res = reken(d)
    for per_functie, verwacht in ((None, False), (True, True), (False, False)):
        console = Console(file=io.StringIO(), width=80)
        toon_samenvatting(res, console, per_functie)
        assert ("Waar de ORT vandaan komt" in console.file.getvalue()) is verwacht
    klein = reken(basis())
    console = Console(file=io.StringIO(), width=80)
    toon_samenvatting(klein, console)
    assert "Waar de ORT vandaan komt" in console.file.getvalue()
    groot = tmp_path / "groot.yaml"
    groot.write_text(json.dumps(d), encoding="utf-8")
    assert "Waar de ORT vandaan komt" not in _uitvoer(["run", str(groot)], 80, capsys, monkeypatch)
    met = _uitvoer(["run", str(groot), "--per-functie"], 80, capsys, monkeypatch)
    _geen_afgekapt_getal(met, 80)
    assert "Waar de ORT vandaan komt" in met


def test_afkortingen_houden_wat_verschilt() -> None:
    """Names that share their start keep what tells them apart ('fam.smit', not
    'familie1.'); a digit only where even that does not part them; a short form is never
    a name shown in full."""
    from transformatiecalc.uitvoer.tabel import afkortingen

    eigenaren = ["retailfonds", "familie_smit", "gemeente", "familie_de_vries"]
    assert afkortingen(eigenaren, 9) == {
        "retailfonds": "retailfo.",
        "familie_smit": "fam.smit",
        "familie_de_vries": "fam.de_v.",
    }
    assert afkortingen(["aaaa_x1", "aaaa_x2", "aaaa_x"], 5) == {
        "aaaa_x1": "aaa1.",
        "aaaa_x2": "aaa2.",
        "aaaa_x": "aaa3.",
    }
    assert afkortingen(["abcdefghij", "abcdefgh."], 9) == {"abcdefghij": "abcdefg1."}
    # two groups that both fall back to digits are numbered on, not each from 1
    namen = ["familie_smit", "familie_jan", "famous_smit", "famous_jan"]
    kort = afkortingen(namen, 8)
    assert len(set(kort.values())) == 4 and all(len(v) <= 8 for v in kort.values())


def test_streepje_bij_woningen_per_miljoen_wordt_uitgelegd(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The erfpacht-and-guarantee design costs the public nothing net (its NCW is
    negative), so homes per € 1 mln is '–': the caption says why, for the programme, for
    the fund by name and in a comparison by version; a design with public cost gets no such
    line."""

    def plat(args: list[str]) -> str:
        return " ".join(_uitvoer(args, 100, capsys, monkeypatch).split())

    waarom = "is niet positief (de publieke partijen krijgen contant minstens terug wat ze inleggen"
    uit = plat(["run", str(ONTWERPEN[3])])
    assert "Woningen ontsloten per € 1 mln publiek netto –" in uit
    assert f"– bij woningen per € 1 mln: het publiek geld netto {waarom}" in uit
    assert (
        f"– bij woningen per € 1 mln en hefboom: het publiek geld netto van grondfonds {waarom}"
        in uit
    )
    assert "niet positief" not in plat(["run", str(ONTWERPEN[0])])
    uit = plat(["vergelijk", str(ONTWERPEN[0]), str(ONTWERPEN[3])])
    assert f"het publiek geld netto in versie 2 {waarom}" in uit
