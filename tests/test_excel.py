"""The Excel workbook: formulas that recalculate to the engine, cached values, safety, style.

The LibreOffice tests skip on a machine without LibreOffice, except when
TRANSFORMATIECALC_EIS_LIBREOFFICE=1 (set by .ci/run, which installs it): in CI they
must run.
"""

from __future__ import annotations

import copy
import io
import math
import os
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

openpyxl = pytest.importorskip("openpyxl")
pd = pytest.importorskip("pandas")

from libreoffice import herreken, soffice  # noqa: E402

from transformatiecalc import bereken, laad_scenario, valideer  # noqa: E402
from transformatiecalc.engine.fondsen import ONTVANGSTEN  # noqa: E402
from transformatiecalc.laden import als_gewone_data, lees_met_erfenis  # noqa: E402
from transformatiecalc.resultaat import Resultaat  # noqa: E402
from transformatiecalc.uitvoer.bestanden import schrijf_atomair  # noqa: E402
from transformatiecalc.uitvoer.excel import bouw_werkboek, werkboek_bytes  # noqa: E402
from transformatiecalc.uitvoer.excel.overzicht import PROGRAMMA_TITEL  # noqa: E402
from transformatiecalc.uitvoer.excel.rekenbladen import (  # noqa: E402
    EERSTE,
    FUN_I,
    PND,
    PND_I,
    RES_I,
)
from transformatiecalc.uitvoer.grafieken import alle_grafieken  # noqa: E402
from transformatiecalc.uitvoer.huisstijl import Huisstijl, laad_huisstijl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
EIS_LO = os.environ.get("TRANSFORMATIECALC_EIS_LIBREOFFICE") == "1"


def _data() -> dict[str, Any]:
    """The example as plain data, to vary."""
    return copy.deepcopy(als_gewone_data(lees_met_erfenis(VOORBEELD)))


def _alle_conventies_anders() -> dict[str, Any]:
    d = _data()
    d["conventies"] = {
        "ak_grondslag": "bouw_en_grond",
        "wr_grondslag": "kosten",
        "rente_model": "kasstroom",
        "disconteringsmoment": "midden_jaar",
        "disconteringsvoet_opbrengst": "markt",
        "huur_boven_maximum": "aftoppen",
    }
    d["markt"]["kosten_koper"]["methode"] = "vermenigvuldigen"
    d["prijspeil"] = 2025
    d["functies"]["sociale_huur"]["waardering"]["disconteringsvoet"] = 0.045
    d["panden"][1]["transformatie"]["programma"].append(
        {"functie": "middenhuur", "woningen": 2, "bvo": 170, "ingreep": "transformatie_zwaar"}
    )
    ids = [p["id"] for p in d["panden"]]
    d["projecten"] = [{"id": "blok", "panden": ids[:2]}]
    d["verevening"] = {
        "privaat": {"bijdrage_per_woning": 5_000},
        "toewijzing": {"methode": "prioriteit", "volgorde": [ids[-1]]},
        "beginsaldo": {"binnenstad": 100_000},
    }
    d["fondsen"] = [
        {
            "naam": "fonds",
            "tranches": [
                {"naam": "gemeente", "soort": "subsidie", "bedrag": 2_000_000},
                {"naam": "bank", "soort": "lening", "bedrag": 2_000_000, "looptijd": 10},
            ],
            "instrumenten": [
                {"soort": "subsidie", "max_per_woning": 12_500, "voor": {"min_betaalbaar": 0.5}},
                {"soort": "lening", "aandeel_sk": 0.4, "rente": 0.01, "looptijd": 10},
                {
                    "soort": "garantie",
                    "bankfinanciering": 0.5,
                    "dekking": 0.5,
                    "renteverlaging": 0.01,
                    "looptijd": 10,
                },
                {"soort": "deelneming", "verkoop_na": 5},
                {"soort": "erfpacht", "grondaandeel": 0.3, "canon": 0.015},
            ],
            "toewijzing": {"volgorde_instrumenten": ["verevening", "subsidie"]},
        }
    ]
    d["varianten"] = [
        {"naam": "subsidie hoger", "wijzig": {"fondsen.fonds.tranches.gemeente.bedrag": 3e6}}
    ]
    return d


def _schrijf(res: Resultaat, pad: Path) -> Path:
    schrijf_atomair(pad, werkboek_bytes(res, Huisstijl(), alle_grafieken(res, Huisstijl())))
    return pad


@pytest.fixture(scope="module")
def werkboeken(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The example and variants, exported (and where possible recalculated by LibreOffice)."""
    map_ = tmp_path_factory.mktemp("excel")
    voorbeeld = bereken(laad_scenario(VOORBEELD))
    anders = bereken(valideer(_alle_conventies_anders()))
    uit: dict[str, Any] = {
        "voorbeeld": (voorbeeld, _schrijf(voorbeeld, map_ / "voorbeeld.xlsx")),
        "anders": (anders, _schrijf(anders, map_ / "anders.xlsx")),
    }
    # one input changed on Uitgangspunten, each in a copy edited with openpyxl
    wijzigingen = {
        "bouwkosten": (
            "ingreep_transformatie_zwaar",
            2_300.0,
            ("kosten", "per_m2_bvo", "transformatie_zwaar"),
        ),
        "rente": ("bouwrente", 0.065, ("markt", "bouwrente")),
        "grondslag": ("ak_grondslag", "opbrengst", ("conventies", "ak_grondslag")),
    }
    gewijzigd = {}
    for naam, (excelnaam, waarde, pad) in wijzigingen.items():
        wb = openpyxl.load_workbook(uit["voorbeeld"][1])
        blad, adres = next(iter(wb.defined_names[excelnaam].destinations))
        wb[blad][adres.replace("$", "")].value = waarde
        doel = map_ / f"gewijzigd_{naam}.xlsx"
        wb.save(doel)
        data = _data()
        knoop = data
        for stap in pad[:-1]:
            knoop = knoop.setdefault(stap, {})
        knoop[pad[-1]] = waarde
        gewijzigd[naam] = (bereken(valideer(data)), doel)
    uit["gewijzigd"] = gewijzigd
    if soffice() is not None:
        bronnen = [uit["voorbeeld"][1], uit["anders"][1], *[p for _, p in gewijzigd.values()]]
        herrekend = herreken(bronnen, map_)
        uit["herrekend"] = dict(zip([p.name for p in bronnen], herrekend, strict=True))
    return uit


def _vereis_lo(werkboeken: dict[str, Any]) -> dict[str, Path]:
    if "herrekend" not in werkboeken:
        if EIS_LO:
            pytest.fail("LibreOffice is vereist in CI maar niet gevonden")
        pytest.skip("LibreOffice niet geïnstalleerd")
    return werkboeken["herrekend"]  # type: ignore[no-any-return]


def afwijkingen(pad: Path, herrekend: Path) -> tuple[int, list[tuple[Any, ...]]]:
    """Every formula cell of the workbook at `pad`: its cached value (the engine's) against
    LibreOffice's recalculation in `herrekend`. Returns the number of formulas and the
    cells that differ by more than € 0,01 (far tighter on rates and factors)."""
    formules = openpyxl.load_workbook(pad)
    cache = openpyxl.load_workbook(pad, data_only=True)
    lo = openpyxl.load_workbook(herrekend, data_only=True)
    aantal, afwijkend = 0, []
    for ws in formules.worksheets:
        for rij in ws.iter_rows():
            for c in rij:
                if not (isinstance(c.value, str) and c.value.startswith("=")):
                    continue
                aantal += 1
                motor, herberekend = (
                    cache[ws.title][c.coordinate].value,
                    lo[ws.title][c.coordinate].value,
                )
                if isinstance(motor, int | float) and isinstance(herberekend, int | float):
                    if abs(motor - herberekend) > min(0.01, 1e-9 * max(1.0, abs(motor))):
                        afwijkend.append((ws.title, c.coordinate, motor, herberekend, c.value[:80]))
                elif (motor or "") != (herberekend or ""):
                    afwijkend.append((ws.title, c.coordinate, motor, herberekend, c.value[:80]))
    return aantal, afwijkend


@pytest.mark.parametrize("naam", ["voorbeeld", "anders"])
def test_elke_formule_herrekent_naar_de_waarde_van_de_rekenkern(
    werkboeken: dict[str, Any], naam: str
) -> None:
    herrekend = _vereis_lo(werkboeken)
    _, pad = werkboeken[naam]
    aantal, afwijkend = afwijkingen(pad, herrekend[pad.name])
    assert aantal > 5_000  # the check is not vacuous: thousands of live formulas
    assert afwijkend == []


@pytest.mark.parametrize("wijziging", ["bouwkosten", "rente", "grondslag"])
def test_invoer_wijzigen_herrekent_de_panden(werkboeken: dict[str, Any], wijziging: str) -> None:
    herrekend = _vereis_lo(werkboeken)
    motor, pad = werkboeken["gewijzigd"][wijziging]
    origineel = werkboeken["voorbeeld"][0]
    lo = openpyxl.load_workbook(herrekend[pad.name], data_only=True)
    rg = np.array(
        [
            lo["Residuele waarde"].cell(EERSTE + 1 + p, RES_I["rg_oplevering"] + 1).value
            for p in range(len(motor.panden))
        ],
        dtype=float,
    )
    ort = np.array(
        [
            lo["Panden"].cell(EERSTE + 1 + p, PND_I["onrendabele_top"] + 1).value
            for p in range(len(motor.panden))
        ],
        dtype=float,
    )
    assert np.allclose(rg, motor.panden["residuele_grondwaarde_oplevering"], atol=0.01, rtol=0)
    assert np.allclose(ort, motor.panden["onrendabele_top"], atol=0.01, rtol=0)
    # and the change mattered: the workbook did recalculate
    assert not np.allclose(rg, origineel.panden["residuele_grondwaarde_oplevering"], atol=1.0)


#: How docs/excel.md tells a reader to read the Panden sheet into Resultaat.panden.
LEES_PANDEN: dict[str, Any] = {
    "sheet_name": "Panden",
    "header": 4,
    "index_col": "pand",
    "na_values": ["n.v.t.", "geen IRR"],
    "dtype": {"irr_reden": "string"},
}


@pytest.mark.parametrize("herrekenen", [False, True])
def test_pandas_leest_panden_als_resultaat_panden(
    werkboeken: dict[str, Any], herrekenen: bool
) -> None:
    """docs/excel.md: read_excel with header row 4 gives the frame Resultaat.panden, column
    for column: from the cached values (what xlsxwriter stores) and after LibreOffice has
    recalculated every formula."""
    res, pad = werkboeken["voorbeeld"]
    if herrekenen:
        pad = _vereis_lo(werkboeken)[pad.name]
    gelezen = pd.read_excel(pad, **LEES_PANDEN)
    motor = res.panden
    assert list(gelezen.columns) == list(motor.columns)
    assert gelezen.index.name == "pand" and list(gelezen.index) == list(motor.index)
    assert len(motor.columns) == 44 and list(motor.columns[:3]) == [
        "naam",
        "eigenaar",
        "eigenaar_soort",
    ]
    euro = [k for k in motor.columns if PND[PND_I[k]][2].startswith("euro")]
    assert {"onrendabele_top", "max_inbrengwaarde", "stichtingskosten"} <= set(euro)
    # amounts to the cent, rates, factors and counts to 1e-9 relative, text and ja/nee exactly
    pd.testing.assert_frame_equal(gelezen[euro], motor[euro], check_dtype=False, rtol=0, atol=0.01)
    rest = [k for k in motor.columns if k not in euro]
    pd.testing.assert_frame_equal(
        gelezen[rest], motor[rest], check_dtype=False, rtol=1e-9, atol=1e-12
    )
    assert gelezen.loc["P01", "start"] == 2027 and gelezen.loc["P01", "oplevering"] == 2029
    assert gelezen["publiek"].dtype == bool and gelezen["irr_reden"].isna().all()


def test_uitgangspunten_tonen_elke_effectieve_parameter() -> None:
    res = bereken(valideer(_alle_conventies_anders()))
    cellen = bouw_werkboek(res, Huisstijl(), {}).cellen

    def bladeren(x: Any, pad: str) -> Any:
        if isinstance(x, dict):
            for k, v in x.items():
                yield from bladeren(v, f"{pad}.{k}" if pad else k)
        elif isinstance(x, list) and x and isinstance(x[0], dict):
            for i, v in enumerate(x):
                yield from bladeren(v, f"{pad}[{i}]")
        else:
            yield pad

    ontbreekt = [p for p in bladeren(res.scenario.model_dump(), "") if p not in cellen.paden]
    assert ontbreekt == []


def test_tekst_wordt_nooit_een_formule(tmp_path: Path) -> None:
    d = _data()
    d["naam"] = '=HYPERLINK("http://x","klik")'
    d["panden"][0]["naam"] = "+31 6 1234"
    d["panden"][1]["naam"] = "-5 m2 korting"
    d["panden"][2]["naam"] = "@SUM(A1:A2)"
    d["beschrijving"] = "=1+1"
    res = bereken(valideer(d))
    pad = _schrijf(res, tmp_path / "injectie.xlsx")
    wb = openpyxl.load_workbook(pad)
    gevonden = 0
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for c in rij:
                if isinstance(c.value, str) and any(
                    x in c.value for x in ("HYPERLINK", "@SUM", "+31 6", "-5 m2", "=1+1")
                ):
                    assert c.data_type == "s", (ws.title, c.coordinate, c.value)
                    gevonden += 1
    assert gevonden >= 5


def test_mislukte_export_laat_het_oude_bestand_staan(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doel = tmp_path / "uit.xlsx"
    doel.write_bytes(b"vorige versie")

    def faal(*_a: Any, **_k: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", faal)
    from transformatiecalc.uitvoer.bestanden import UitvoerFout

    with pytest.raises(UitvoerFout, match="de schijf is vol"):
        _schrijf(bereken(laad_scenario(VOORBEELD)), doel)
    assert doel.read_bytes() == b"vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.xlsx"]  # no temporary file left behind


def test_grafieken_zijn_echte_beelden() -> None:
    from PIL import Image

    res = bereken(laad_scenario(VOORBEELD))
    grafieken = alle_grafieken(res, Huisstijl())
    assert {"rg_waterval_portefeuille.png", "ort_per_pand.png", "betaalbaarheidsgat.png"} <= set(
        grafieken
    )
    assert len([n for n in grafieken if n.startswith("rg_waterval_P")]) == len(res.panden)
    for naam, png in grafieken.items():
        beeld = Image.open(io.BytesIO(png)).convert("RGB")
        assert beeld.width >= 600 and beeld.height >= 300, naam
        kleuren = beeld.getcolors(maxcolors=1_000_000)
        assert kleuren is not None and len(kleuren) > 50, naam  # not blank
        wit = max(kleuren)[0] / (beeld.width * beeld.height)
        assert wit < 0.95, naam  # something is drawn
    # the house style's first series colour is used
    rood, groen, blauw = (int(Huisstijl().kleuren.grafiek[0][i : i + 2], 16) for i in (1, 3, 5))
    beeld = Image.open(io.BytesIO(grafieken["ort_per_pand.png"])).convert("RGB")
    assert any(
        abs(c[0] - rood) + abs(c[1] - groen) + abs(c[2] - blauw) < 6
        for _, c in beeld.getcolors(10**6)
    )
    assert grafieken == alle_grafieken(res, Huisstijl())  # deterministic bytes


def test_watervallen_met_een_gedeelde_opmaak_passen_in_hun_beeld() -> None:
    """The per-pand waterfalls share one layout, made on a template spanning every pand's
    levels: no chart's labels, title or bars may fall outside its figure, whether its
    amounts are small, large or negative."""
    from transformatiecalc.uitvoer.grafieken import _waterval, _watervallen

    labels = ["opbrengst V", "bouwkosten", "overig"]
    reeksen = {
        "klein": (labels, [90_000.0, -20_000.0, -5_000.0], "klein"),
        "groot": (labels, [9.0e8, -2.5e8, -1.0e8], "groot"),
        "negatief": (labels, [2.0e6, -7.5e6, -0.5e6], "een tekort"),
    }

    def past(fig: Any) -> bool:
        fig.canvas.draw()
        vak = fig.axes[0].get_tightbbox(fig.canvas.get_renderer())
        breed, hoog = fig.canvas.get_width_height()
        return bool(vak.x0 >= 0 and vak.y0 >= 0 and vak.x1 <= breed and vak.y1 <= hoog)

    figuren = _watervallen(reeksen, Huisstijl(), "rest")
    assert set(figuren) == set(reeksen)
    posities = {tuple(f.axes[0].get_position().bounds) for f in figuren.values()}
    assert len(posities) == 1  # one shared layout
    for naam, fig in figuren.items():
        assert past(fig), naam
    # the check itself: axes filling the whole figure leave their tick labels outside
    assert not past(_waterval(*reeksen["groot"], Huisstijl(), "rest", (0.0, 0.0, 1.0, 1.0)))


def test_eigen_huisstijl(tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (120, 40), "#336699").save(tmp_path / "logo.png")
    (tmp_path / "stijl.yaml").write_text(
        "naam: gemeente voorbeeldstad\n"
        "kleuren: {primair: '#006633'}\n"
        "voorblad: {organisatie: Gemeente Voorbeeldstad, tekst: 'Status: concept', logo: logo.png}\n",
        encoding="utf-8",
    )
    stijl = laad_huisstijl(tmp_path / "stijl.yaml")
    res = bereken(laad_scenario(VOORBEELD))
    pad = tmp_path / "stijl.xlsx"
    pad.write_bytes(werkboek_bytes(res, stijl, {}))
    wb = openpyxl.load_workbook(pad)
    teksten = [c.value for rij in wb["Voorblad"].iter_rows() for c in rij if c.value]
    assert "Organisatie: Gemeente Voorbeeldstad" in teksten and "Status: concept" in teksten
    assert wb["Voorblad"]._images, "het logo staat op het voorblad"
    kop = wb["Panden"].cell(EERSTE - 1, 1)  # the Dutch labels above the table's field names
    assert kop.fill.fgColor.rgb.endswith("006633")
    assert wb["Panden"].cell(EERSTE, 1).font.color.rgb.endswith("006633")


def test_standaardsjabloon_is_de_standaard() -> None:
    assert (
        laad_huisstijl(ROOT / "templates" / "standaard.yaml").model_dump()
        == Huisstijl().model_dump()
    )


def test_ongeldig_sjabloon_geeft_geplaatste_melding(tmp_path: Path) -> None:
    from transformatiecalc import ScenarioFout

    (tmp_path / "fout.yaml").write_text("kleuren:\n  primair: blauw\n  achtergrond: '#FFFFFF'\n")
    with pytest.raises(ScenarioFout) as fout:
        laad_huisstijl(tmp_path / "fout.yaml")
    teksten = [str(m) for m in fout.value.meldingen]
    assert any(
        ":2:12: kleuren.primair: kleur 'blauw' moet de vorm #RRGGBB hebben" in t for t in teksten
    )
    assert any(":3:3: kleuren.achtergrond: onbekende sleutel 'achtergrond'" in t for t in teksten)


def test_sjabloon_met_stuurtekens_als_escape_wordt_geweigerd(tmp_path: Path) -> None:
    """Written as YAML escapes, ESC in lettertype and SOH in a number format reached the
    workbook's XML; the rule for every text refuses them in a template too."""
    from transformatiecalc import ScenarioFout

    for tekst, plek in (
        ('lettertype: "\\e[31mComic"\n', ":1:13: lettertype: de tekst bevat een onzichtbaar "),
        ('getalnotatie: {euro: "0\\x01"}\n', ":1:22: getalnotatie.euro: de tekst bevat een "),
    ):
        (tmp_path / "sjabloon.yaml").write_text(tekst, encoding="utf-8")
        with pytest.raises(ScenarioFout) as fout:
            laad_huisstijl(tmp_path / "sjabloon.yaml")
        assert plek in str(fout.value.meldingen[0]), str(fout.value)
        assert fout.value.meldingen[0].code == "tekst.controleteken"


def test_geen_nan_of_fouten_in_cellen(werkboeken: dict[str, Any]) -> None:
    _, pad = werkboeken["voorbeeld"]
    wb = openpyxl.load_workbook(pad, data_only=True)
    for ws in wb.worksheets:
        for rij in ws.iter_rows():
            for c in rij:
                assert not (isinstance(c.value, float) and math.isnan(c.value)), (
                    ws.title,
                    c.coordinate,
                )
                assert not (isinstance(c.value, str) and c.value.startswith("#")), (
                    ws.title,
                    c.coordinate,
                )


def test_snelle_formulevoorbereiding_gelijk_aan_xlsxwriter(werkboeken: dict[str, Any]) -> None:
    """Werkblad's fast path must give exactly what xlsxwriter's own _prepare_formula gives."""
    from xlsxwriter.worksheet import Worksheet

    from transformatiecalc.uitvoer.excel.blad import Werkblad

    eigen, origineel = Werkblad(), Worksheet()
    formules = {
        c.value
        for ws in openpyxl.load_workbook(werkboeken["anders"][1]).worksheets
        for rij in ws.iter_rows()
        for c in rij
        if isinstance(c.value, str) and c.value.startswith("=")
    }
    formules |= {
        "=XLOOKUP(A1,B1:B9,C1:C9)",
        "=SORT(A1:A9)",
        "=STDEV.S(A1:A9)",
        "{=SUM(A1:A3)}",
        "=IF(A1>0,SORTBY(A1:A9,B1:B9),0)",
        "=MINGLE(A1)",  # xlsxwriter's SINGLE pattern is \SINGLE\(: any character before INGLE
        "={1,2}",
        "=1+filter(A1:A9,B1:B9)",
        "=SUM(A1:A3)",
    }
    assert len(formules) > 1_000
    for f in formules:
        assert eigen._prepare_formula(f) == origineel._prepare_formula(f), f


def test_formulerij_geeft_wat_xlsxwriter_per_cel_geeft() -> None:
    """A row written at once stores what xlsxwriter stores cell by cell, also when one
    formula of the row needs the _xlfn. prefix."""
    from xlsxwriter.worksheet import Worksheet

    from transformatiecalc.uitvoer.excel.blad import Werkblad

    for rij in (
        ["=SUM(A1:A2)", "=IF(B1>0,B1,0)", "=A1*2"],
        ["=SUM(A1:A2)", "=XLOOKUP(A1,B1:B9,C1:C9)", "=A1*2"],
        ["=A1*2", "={1,2}", "=STDEV.S(A1:A9)"],
    ):
        eigen, origineel = Werkblad(), Worksheet()
        eigen.formulerij(3, 2, rij, None, [1.0, 2.0, ""])
        for i, (formule, waarde) in enumerate(zip(rij, [1.0, 2.0, ""], strict=True)):
            origineel.write_formula(3, 2 + i, formule, None, waarde)
        assert eigen.table == origineel.table, rij
        assert (eigen.dim_colmin, eigen.dim_colmax) == (origineel.dim_colmin, origineel.dim_colmax)


def test_snelle_cellen_schrijven_dezelfde_xml_als_xlsxwriter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Werkblad's fast formula and cell paths give the same workbook, byte for byte, as
    stock xlsxwriter (every part of the zip, for a scenario with every convention changed,
    verevening and fondsen). The stock route is the one an untested xlsxwriter version
    takes: the version check says no, and every sheet is a plain Worksheet written through
    its public methods."""
    import zipfile
    from datetime import datetime

    import xlsxwriter
    from xlsxwriter.worksheet import Worksheet

    from transformatiecalc.uitvoer.excel import blad

    assert blad.snelle_weg()  # the installed xlsxwriter is one the fast path was checked on

    res = bereken(valideer(_alle_conventies_anders()))
    moment = datetime(2026, 11, 23, 12, 0)

    def delen(inhoud: bytes) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            return {n: z.read(n) for n in z.namelist()}

    eigen = delen(bouw_werkboek(res, Huisstijl(), {}, moment).inhoud)
    aangemaakt: list[type] = []
    add_worksheet = xlsxwriter.Workbook.add_worksheet

    def volg(wb: Any, *args: Any, **kwargs: Any) -> Any:
        ws = add_worksheet(wb, *args, **kwargs)
        aangemaakt.append(type(ws))
        return ws

    monkeypatch.setattr(xlsxwriter.Workbook, "add_worksheet", volg)
    monkeypatch.setattr(blad, "snelle_weg", lambda versie=None: False)
    origineel = delen(bouw_werkboek(res, Huisstijl(), {}, moment).inhoud)
    assert aangemaakt and all(k is Worksheet for k in aangemaakt)
    assert eigen.keys() == origineel.keys()
    assert sum(n.startswith("xl/worksheets/sheet") for n in eigen) >= 8
    for naam in eigen:
        assert eigen[naam] == origineel[naam], naam


@pytest.mark.parametrize(
    ("versie", "snel"),
    [
        ("3.3.1", True),
        ("3.3.9", True),
        ("3.3.0", False),
        ("3.2.9", False),
        ("3.4.0", False),
        ("3.4.0rc1", False),
        ("4.0", False),
        ("onbekend", False),
    ],
)
def test_snelle_weg_alleen_voor_geteste_xlsxwriter_versies(versie: str, snel: bool) -> None:
    from transformatiecalc.uitvoer.excel.blad import snelle_weg

    assert snelle_weg(versie) is snel


def test_verevening_en_fonds_staan_als_waarden_in_het_werkboek(
    werkboeken: dict[str, Any],
) -> None:
    res, pad = werkboeken["voorbeeld"]
    bladen = pd.read_excel(pad, sheet_name=None, header=None)
    assert list(bladen).index("Verevening") < list(bladen).index("Uitgangspunten")
    fonds = bladen["Fonds"].set_index(0)
    f = res.fondsen["binnenstadsfonds"]
    eind = fonds[fonds.index == "Eindsaldo"].iloc[0].dropna().to_numpy(dtype=float)  # kasboek
    assert np.allclose(eind, f.grootboek["eind"].to_numpy(), atol=0.005)
    # bronnen en bestedingen: each post summed over the years; both sides add up
    kop = int(np.flatnonzero(fonds.index.astype(str).str.startswith("Bronnen en bestedingen"))[0])
    geld = fonds.iloc[kop + 2 : kop + 2 + len(f.bronnen_en_bestedingen), :2]
    geld.columns = ["kant", "bedrag"]
    assert float(geld.loc["Subsidies", "bedrag"]) == pytest.approx(f.grootboek["subsidies"].sum())
    kant = geld.groupby("kant")["bedrag"].sum()
    assert kant["bron"] == pytest.approx(kant["besteding"], abs=0.01)
    assert kant["bron"] == pytest.approx(
        f.grootboek["begin"].iloc[0] + f.grootboek[list(ONTVANGSTEN)].to_numpy().sum()
    )
    # the label stands twice: the programme (verevening and fund together), then the fund
    rijen = fonds.loc["Woningen ontsloten per € 1 mln publiek netto"]
    assert float(rijen.iloc[0, 0]) == pytest.approx(res.programma["woningen_per_miljoen_publiek"])
    assert float(rijen.iloc[1, 0]) == pytest.approx(f.kpi["woningen_per_miljoen_publiek"])
    # the Samenvatting shows the programme's headline and every warning
    samen = bladen["Samenvatting"]
    teksten = set(samen[0].dropna().astype(str))
    assert PROGRAMMA_TITEL in teksten
    assert set(res.waarschuwingen) <= teksten
    vv = bladen["Verevening"]
    kop = vv.index[vv[0] == "Per pand"][0] + 1
    tabel = vv.iloc[kop + 1 : kop + 1 + len(res.panden)]
    kolommen = list(vv.iloc[kop])
    bijdrage = tabel[kolommen.index("bijdrage")].to_numpy(dtype=float)
    assert np.allclose(bijdrage, res.verevening["bijdrage"].to_numpy(), atol=0.005)


def test_bar_regels_markeren_leegstand_en_lasten_als_niet_in_de_waardering(
    werkboeken: dict[str, Any],
) -> None:
    """METHODE §2: a BAR values the bruto huur; Functies shows the netto huur and the vaste
    lasten of a BAR row grey and italic, with the note 'niet in de waardering'; other rows
    have no note."""
    res, pad = werkboeken["voorbeeld"]
    ws = openpyxl.load_workbook(pad)["Functies"]
    waardering = res.functies["waardering"].tolist()
    assert "bar" in waardering and any(w != "bar" for w in waardering)
    for f, methode in enumerate(waardering):
        for kolom in ("netto", "vast"):
            c = ws.cell(EERSTE + 1 + f, FUN_I[kolom] + 1)
            if methode == "bar":
                assert c.comment is not None and c.comment.text.startswith(
                    "niet in de waardering"
                ), (f, kolom)
                assert c.font.italic
            else:
                assert c.comment is None, (f, kolom)


@pytest.mark.parametrize("wijziging", ["bouwkosten", "grondslag"])
def test_herkomst_ort_volgt_de_invoer(werkboeken: dict[str, Any], wijziging: str) -> None:
    """ORT zonder inbreng, inbreng-aandeel and the break-even bouwkosten per m² on Panden
    recalculate to the engine's run on the changed input."""
    herrekend = _vereis_lo(werkboeken)
    motor, pad = werkboeken["gewijzigd"][wijziging]
    ws = openpyxl.load_workbook(herrekend[pad.name], data_only=True)["Panden"]
    for sleutel in ("ort_zonder_inbreng", "inbreng_aandeel", "break_even_bouwkosten_per_m2"):
        excel = np.array(
            [ws.cell(EERSTE + 1 + p, PND_I[sleutel] + 1).value for p in range(len(motor.panden))],
            dtype=float,
        )
        assert np.allclose(excel, motor.panden[sleutel], atol=0.01, rtol=0), sleutel


def test_afdrukken_liggend_met_koppen_kolommen_en_paginanummers(
    werkboeken: dict[str, Any],
) -> None:
    """Every visible sheet prints landscape on A4 with the scenario, the sheet and the date in
    the header and 'Pagina n van m' in the footer (the hidden Invoerkaart is not printed); the
    table sheets repeat their two header rows and the pand column, and only the narrow sheets
    are fitted to one page wide."""
    res, pad = werkboeken["voorbeeld"]
    wb = openpyxl.load_workbook(pad)
    zichtbaar = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert [ws.title for ws in wb.worksheets if ws not in zichtbaar] == ["Invoerkaart"]
    for ws in zichtbaar:
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.page_setup.paperSize == 9, ws.title
        assert ws.oddHeader.left.text == res.scenario.naam, ws.title
        assert ws.oddHeader.center.text == "&A", ws.title
        # the date in 8 points: kept apart from the size code (&8 03-…, not &803-…)
        assert re.fullmatch(r"\d\d-\d\d-20\d\d", ws.oddHeader.right.text or ""), ws.title
        assert ws.oddHeader.right.size == 8, ws.title
        assert ws.oddFooter.right.text == "Pagina &P van &N", ws.title
        assert ws.oddFooter.left.text.startswith("Scenario: Voorbeeldstad binnenstad"), ws.title
    herhaald = {
        "Panden": ("$4:$5", "$A:$A"),
        "Functies": ("$4:$5", "$A:$C"),
        "Residuele waarde": ("$4:$5", "$A:$A"),
        "Kasstromen": ("$4:$5", "$A:$B"),
        "Uitgangspunten": (None, "$A:$A"),
    }
    for naam, (rijen, kolommen) in herhaald.items():
        assert (wb[naam].print_title_rows, wb[naam].print_title_cols) == (rijen, kolommen)
    # too wide for one legible page: 70 %, across pages (Grafieken (live): its tables and,
    # right of them, its charts); narrow ones: one page wide
    breed = ("Panden", "Functies", "Residuele waarde", "Kasstromen", "Uitgangspunten")
    for naam in (*breed, "Grafieken (live)"):
        ws = wb[naam]
        assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 70, naam
    for naam in ("Voorblad", "Samenvatting", "Verevening", "Grafieken"):
        ws = wb[naam]
        assert ws.sheet_properties.pageSetUpPr.fitToPage, naam
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) in ((1, 0), (None, 0)), naam


def _breuken(ws: Any) -> list[int]:
    """The 0-based rows a manual page break comes before (xlsxwriter's brk id)."""
    return [b.id for b in ws.row_breaks.brk]


def test_paginaeinden_tussen_blokken(werkboeken: dict[str, Any]) -> None:
    """Page breaks fall between blocks: on Uitgangspunten before a section title (or, in a
    section longer than a page, where the page is full), on Kasstromen before a pand's
    block, on Samenvatting never inside a chart."""
    res, pad = werkboeken["voorbeeld"]
    wb = openpyxl.load_workbook(pad)
    ws = wb["Uitgangspunten"]
    breuken = _breuken(ws)
    assert len(breuken) >= 4
    secties = [r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).font.i and ws.cell(r, 1).value]
    binnen = 0
    for rij in breuken:  # the row after the break (1-based rij + 1) is a section title
        c = ws.cell(rij + 1, 1)
        if c.font.italic and c.value and ws.cell(rij + 2, 1).fill.fgColor.rgb:
            continue
        # else a full page inside a section that is longer than a page
        begin = max(s for s in secties if s <= rij)
        einde = min([s for s in secties if s > rij + 1] + [ws.max_row + 1])
        lengte = sum(ws.row_dimensions[r].height or 15 for r in range(begin, einde))
        assert lengte > (8.27 - 1.4) * 72 / 0.7, (rij, c.value)
        binnen += 1
    assert binnen < len(breuken) / 2
    ks = wb["Kasstromen"]
    ids = {p.id for p in res.scenario.panden}
    assert _breuken(ks) and all(ks.cell(r + 1, 1).value in ids for r in _breuken(ks))
    assert all(ks.cell(r + 1, 2).value != "bouwprofiel (€ per € prijspeil)" for r in _breuken(ks))
    samen = wb["Samenvatting"]
    plaatjes = [(im.anchor._from.row, im.height) for im in samen._images]
    assert len(plaatjes) == 3
    for start, hoogte in plaatjes:  # a chart's rows: its height in points over 15-pt rows
        rijen = math.ceil(hoogte * 0.75 / 15)
        assert not any(start < r < start + rijen for r in _breuken(samen)), (start, rijen)
    assert plaatjes[0][0] in _breuken(samen) or len(_breuken(samen)) >= 2


def test_resultaatbladen_zijn_excel_tabellen_met_json_namen(werkboeken: dict[str, Any]) -> None:
    """Panden, Functies and Residuele waarde are Excel tables (one header row of the JSON
    names, filterable), with the Dutch labels on the row above; the sheet protection lets
    the tables be filtered."""
    res, pad = werkboeken["voorbeeld"]
    wb = openpyxl.load_workbook(pad)
    n, f = len(res.panden), len(res.functies)
    panden = wb["Panden"]
    tabel = panden.tables["tabel_panden"]
    velden = ["pand", *res.panden.columns]
    assert tabel.ref == f"A5:{openpyxl.utils.get_column_letter(len(velden))}{5 + n}"
    assert [k.name for k in tabel.tableColumns] == velden
    assert [c.value for c in panden[5]] == velden
    assert tabel.autoFilter is not None and tabel.autoFilter.ref == tabel.ref
    labels = {k: panden.cell(4, i + 1).value for i, k in enumerate(velden)}
    assert labels["onrendabele_top"] == "onrendabele top"
    assert labels["residuele_grondwaarde_dcf"] == "residuele grondwaarde (DCF)"
    assert panden.protection.autoFilter is False  # False: filtering is allowed
    functies = wb["Functies"].tables["tabel_functies"]
    namen = [k.name for k in functies.tableColumns]
    assert functies.ref.endswith(str(5 + f)) and functies.ref.startswith("A5:")
    assert namen[:3] == ["pand", "regel", "functie"]
    for veld in ("onrendabele_top", "betaalbare_huur", "kostprijsdekkende_prijs", "wws_punten"):
        assert veld in namen
    assert len(namen) == len(set(namen)) == len(FUN_I)
    residueel = wb["Residuele waarde"].tables["tabel_residuele_waarde"]
    assert [k.name for k in residueel.tableColumns][:4] == ["pand", "naam", "start_t", "bouwtijd"]
    assert "residuele_grondwaarde_oplevering" in [k.name for k in residueel.tableColumns]
    # the formulas inside the tables are the ones the recalculation test checks
    assert str(panden.cell(6, PND_I["ncw"] + 1).value).startswith("='Kasstromen'!")


def test_kasstromen_jaren_zijn_getallen(werkboeken: dict[str, Any]) -> None:
    """The years above Kasstromen are numbers (=startjaar+k, cached as whole numbers), also
    after LibreOffice recalculates, so pandas reads them as numeric column names."""
    res, pad = werkboeken["voorbeeld"]
    jaren = list(range(res.scenario.startjaar, res.scenario.startjaar + 31))
    for bron in (pad, _vereis_lo(werkboeken)[pad.name]):
        ws = openpyxl.load_workbook(bron, data_only=True)["Kasstromen"]
        rij = [c.value for c in ws[5]][5:]
        assert rij == jaren and all(isinstance(j, int) for j in rij), bron
        blad = pd.read_excel(bron, sheet_name="Kasstromen", header=4)
        assert list(blad.columns[5:]) == jaren


def test_verevening_en_fonds_als_excel_tabellen_met_json_namen() -> None:
    """The result tables of the Verevening and Fonds sheets are Excel tables too, with the
    JSON names as their header: a fund's tranches read back with pandas under those names."""
    import pandas as pd

    res = bereken(laad_scenario(ROOT / "scenarios" / "fonds_gemengd.yaml"))
    inhoud = werkboek_bytes(res, Huisstijl(), {})
    wb = openpyxl.load_workbook(io.BytesIO(inhoud))
    fonds, verevening = wb["Fonds"], wb["Verevening"]
    assert len(verevening.tables) == 4 and len(fonds.tables) >= 4
    f = res.fondsen["gemengd_fonds"]
    tranches = next(
        t for t in fonds.tables.values() if fonds[t.ref.split(":")[0]].value == "tranche"
    )
    kop = int(tranches.ref.split(":")[0][1:])
    gelezen = pd.read_excel(io.BytesIO(inhoud), sheet_name="Fonds", header=kop - 1, index_col=0)
    gelezen = gelezen.iloc[: len(f.tranches)]
    assert list(gelezen.index) == list(f.tranches.index)
    assert list(gelezen.columns[: len(f.tranches.columns)]) == [str(k) for k in f.tranches.columns]
    kasboek = next(t for t in fonds.tables.values() if fonds[t.ref.split(":")[0]].value == "post")
    jaren = [c.value for c in fonds[kasboek.ref.split(":")[0][1:]]][1:]
    assert jaren[:2] == [str(res.scenario.startjaar), str(res.scenario.startjaar + 1)]
