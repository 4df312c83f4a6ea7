"""The native charts on "Grafieken (live)": they read live cells, and follow an edit.

The chart XML (xl/charts/*.xml) must reference the helper tables; the helper tables must be
formulas over Functies and Residuele waarde; after LibreOffice recalculates a workbook with
changed bouwkosten, the cells the charts read equal the engine on the changed scenario.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest

openpyxl = pytest.importorskip("openpyxl")

from libreoffice import herreken, soffice  # noqa: E402
from test_excel import EIS_LO, VOORBEELD, _data, _schrijf  # noqa: E402

from transformatiecalc import bereken, laad_scenario, valideer  # noqa: E402
from transformatiecalc.resultaat import Resultaat  # noqa: E402
from transformatiecalc.uitvoer.excel import bouw_werkboek  # noqa: E402
from transformatiecalc.uitvoer.excel.meebewegend import (  # noqa: E402
    LIVE,
    MAX_PANDEN,
    POSTEN,
    STATISCH,
    balk,
    functies_van,
    lijn,
    selectie,
)
from transformatiecalc.uitvoer.excel.rekenbladen import FUN_I  # noqa: E402
from transformatiecalc.uitvoer.grafieken.opmaak import reeksstijlen  # noqa: E402
from transformatiecalc.uitvoer.huisstijl import Huisstijl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
KOP_ORT, KOP_WATERVAL = 6, 33  # 1-based header rows of the two helper tables (14 panden)


def _grafieken(inhoud: bytes) -> dict[str, list[str]]:
    """Each chart's XML file → the ranges it references (<c:f>)."""
    z = zipfile.ZipFile(io.BytesIO(inhoud))
    return {
        n: re.findall(r"<c:f>([^<]*)</c:f>", z.read(n).decode())
        for n in sorted(z.namelist())
        if n.startswith("xl/charts/chart")
    }


@pytest.fixture(scope="module")
def voorbeeld() -> tuple[Resultaat, bytes]:
    res = bereken(laad_scenario(VOORBEELD))
    return res, bouw_werkboek(res, Huisstijl(), {}).inhoud


def _per_functie(res: Resultaat, p: int) -> dict[str, float]:
    """The engine's ORT of pand p per functie (summed over its programme lines)."""
    uit: dict[str, float] = {}
    a = int(res.uitkomst.invoer.segmenten[p])
    for j, regel in enumerate(res.scenario.panden[p].transformatie.programma):
        uit[regel.functie] = uit.get(regel.functie, 0.0) + float(
            res.uitkomst.f_onrendabele_top[a + j]
        )
    return uit


def test_grafieken_lezen_de_levende_cellen(voorbeeld: tuple[Resultaat, bytes]) -> None:
    res, inhoud = voorbeeld
    n = len(res.scenario.panden)
    wb = openpyxl.load_workbook(io.BytesIO(inhoud))
    assert wb.sheetnames.index(LIVE) == wb.sheetnames.index("Grafieken") - 1
    assert wb["Grafieken"]["A4"].value == STATISCH
    ws = wb[LIVE]
    koppen = [c.value for c in ws[KOP_ORT]]
    functies = koppen[1 : koppen.index("totaal")]
    laatste = KOP_ORT + n
    grafieken = _grafieken(inhoud)
    assert len(grafieken) == 3  # ORT, waterfall, fund balance (the example has a fund)
    ort, waterval, fonds = grafieken.values()
    live = f"'{LIVE}'!"
    for c, functie in enumerate(functies, start=1):
        kol = openpyxl.utils.get_column_letter(c + 1)
        assert f"{live}${kol}${KOP_ORT + 1}:${kol}${laatste}" in ort, functie
    assert f"{live}$A${KOP_ORT + 1}:$A${laatste}" in ort
    # each helper cell: the Functies ORT cells of that pand and functie, or 0
    ort_kol = openpyxl.utils.get_column_letter(FUN_I["onrendabele_top"] + 1)
    for r in range(KOP_ORT + 1, laatste + 1):
        for c in range(2, len(functies) + 2):
            v = ws.cell(r, c).value
            assert v == 0 or re.fullmatch(rf"=('Functies'!\${ort_kol}\$\d+\+?)+", v), v
    # the waterfall: V, costs, RG as SUMs over Residuele waarde, the chart reads D:G
    rijen = range(KOP_WATERVAL + 1, KOP_WATERVAL + len(POSTEN) + 1)
    assert [ws.cell(r, 1).value for r in rijen] == [label for _, label in POSTEN]
    assert ws.cell(KOP_WATERVAL + 1, 2).value == "=SUM('Residuele waarde'!$J$6:$J$19)"
    assert ws.cell(rijen[-1], 2).value == "=SUM('Residuele waarde'!$T$6:$T$19)"
    for kol in "DEFG":
        assert f"{live}${kol}${rijen[0]}:${kol}${rijen[-1]}" in waterval
    # the fund balance: the Eindsaldo row of the Kasboek on Fonds (values)
    eind = next(c.row for c in wb["Fonds"]["A"] if c.value == "Eindsaldo")
    assert any(re.fullmatch(rf"Fonds!\$B\${eind}:\$[A-Z]+\${eind}", f) for f in fonds)


def _reeksen(inhoud: bytes, naam: str) -> list[tuple[str, str | None, str | None]]:
    """Each series of chart `naam` (xl/charts/…): its colour (a solid fill or line, or a
    pattern's background), the pattern's preset and its foreground colour."""
    xml = zipfile.ZipFile(io.BytesIO(inhoud)).read(naam).decode()
    uit: list[tuple[str, str | None, str | None]] = []
    for ser in re.findall(r"<c:ser>.*?</c:ser>", xml):
        patroon = re.search(
            r'<a:pattFill prst="(\w+)"><a:fgClr><a:srgbClr val="(\w+)"/></a:fgClr>'
            r'<a:bgClr><a:srgbClr val="(\w+)"/></a:bgClr>',
            ser,
        )
        if patroon:
            uit.append(("#" + patroon[3], patroon[1], "#" + patroon[2]))
        else:
            kleur = re.search(r'<c:spPr>.*?<a:solidFill><a:srgbClr val="(\w+)"/>', ser)
            assert kleur, ser[:200]
            uit.append(("#" + kleur[1], None, None))
    return uit


def test_elke_functie_een_eigen_kleur(voorbeeld: tuple[Resultaat, bytes]) -> None:
    """The ORT chart gives every functie a colour of its own, the colours of the PNG chart
    (reeksstijlen): the example has 8 functies and the house palette 7, and cycling it gave
    two functies one colour. Beyond the palette a series is hatched, as in the PNG."""
    res, inhoud = voorbeeld
    functies = functies_van(res, selectie(res))
    assert len(functies) > len(Huisstijl().kleuren.grafiek)
    stijlen = reeksstijlen(Huisstijl(), len(functies))
    reeksen = _reeksen(inhoud, "xl/charts/chart1.xml")
    assert [k for k, _, _ in reeksen] == [s.kleur for s in stijlen]
    assert len({k for k, _, _ in reeksen}) == len(functies)
    for (_, patroon, voor), stijl in zip(reeksen, stijlen, strict=True):
        assert (patroon is None) == (stijl.arcering is None), (patroon, stijl)
        if patroon is not None:
            assert voor == stijl.rand
    # every hatch and dash reeksstijlen gives has a pattern fill and a dash of its own
    veel = reeksstijlen(Huisstijl(), 60)
    patronen = {s.arcering: balk(s)["pattern"]["pattern"] for s in veel if s.arcering}
    assert len(set(patronen.values())) == len(patronen) > 1
    assert len({lijn(s).get("dash_type") for s in veel}) == len({s.lijn for s in veel})


def test_staafgrafieken_zetten_hun_labels_onderaan(voorbeeld: tuple[Resultaat, bytes]) -> None:
    """The ORT chart and the waterfall put their category labels under the plot: at zero,
    where they stood, a negative bar (P10's overschot, a negative RG) covered its label."""
    _, inhoud = voorbeeld
    z = zipfile.ZipFile(io.BytesIO(inhoud))
    for naam in ("xl/charts/chart1.xml", "xl/charts/chart2.xml"):
        xml = z.read(naam).decode()
        assert "<c:barChart>" in xml, naam
        categorie = xml[xml.index("<c:catAx>") : xml.index("</c:catAx>")]
        assert '<c:tickLblPos val="low"/>' in categorie, naam


def test_fondssaldo_een_kleur_per_fonds(voorbeeld: tuple[Resultaat, bytes]) -> None:
    """The fund balance chart colours its lines as the PNG does (reeksstijlen)."""
    res, inhoud = voorbeeld
    reeksen = _reeksen(inhoud, "xl/charts/chart3.xml")
    assert [k for k, _, _ in reeksen] == [
        s.kleur for s in reeksstijlen(Huisstijl(), len(res.scenario.fondsen))
    ]


def test_gecachte_waarden_zijn_die_van_de_rekenkern(voorbeeld: tuple[Resultaat, bytes]) -> None:
    res, inhoud = voorbeeld
    ws = openpyxl.load_workbook(io.BytesIO(inhoud), data_only=True)[LIVE]
    _controleer(ws, res)


def _controleer(ws: Any, res: Resultaat) -> None:
    """The helper tables of sheet `ws` against the engine's result `res`."""
    koppen = [c.value for c in ws[KOP_ORT]]
    functies = koppen[1 : koppen.index("totaal")]
    ids = [p.id for p in res.scenario.panden]
    for r in range(KOP_ORT + 1, KOP_ORT + 1 + len(ids)):
        p = ids.index(ws.cell(r, 1).value)
        motor = _per_functie(res, p)
        for c, functie in enumerate(functies, start=2):
            assert ws.cell(r, c).value == pytest.approx(motor.get(functie, 0.0), abs=0.01)
        assert ws.cell(r, len(functies) + 2).value == pytest.approx(
            float(res.uitkomst.onrendabele_top[p]), abs=0.01
        )
    u = res.uitkomst
    stand = 0.0
    for i, (sleutel, _) in enumerate(POSTEN):
        r = KOP_WATERVAL + 1 + i
        bedrag = float(np.sum(getattr(u, sleutel)))
        assert ws.cell(r, 2).value == pytest.approx(bedrag, abs=0.01)
        vorige = stand
        stand = bedrag if i in (0, len(POSTEN) - 1) else stand - bedrag
        assert ws.cell(r, 3).value == pytest.approx(stand, abs=0.01)
        basis, totaal, boven, onder = (ws.cell(r, c).value for c in range(4, 8))
        if i in (0, len(POSTEN) - 1):
            assert (basis, boven, onder) == (0, 0, 0) and totaal == pytest.approx(stand, abs=0.01)
        else:  # the visible bar spans exactly from the previous stand to this one
            laag, hoog = min(vorige, stand), max(vorige, stand)
            onderkant = basis + onder if basis <= 0 else basis
            bovenkant = basis + boven if basis >= 0 else basis
            assert (onderkant, bovenkant) == (pytest.approx(laag, abs=0.01),
                                              pytest.approx(hoog, abs=0.01))  # fmt: skip
    assert stand == pytest.approx(float(np.sum(u.rg_oplevering)), abs=0.01)


def test_bouwkosten_wijzigen_beweegt_de_grafiekdata(tmp_path: Path) -> None:
    """Change the bouwkosten per m² on Uitgangspunten, let LibreOffice recalculate: the cells
    the charts read equal the engine on the changed scenario."""
    if soffice() is None:
        if EIS_LO:
            pytest.fail("LibreOffice is vereist in CI maar niet gevonden")
        pytest.skip("LibreOffice niet geïnstalleerd")
    pad = _schrijf(bereken(laad_scenario(VOORBEELD)), tmp_path / "voorbeeld.xlsx")
    wb = openpyxl.load_workbook(pad)
    blad, adres = next(iter(wb.defined_names["ingreep_transformatie_zwaar"].destinations))
    wb[blad][adres.replace("$", "")].value = 2_300.0
    gewijzigd = tmp_path / "gewijzigd.xlsx"
    wb.save(gewijzigd)
    data = _data()
    data["kosten"]["per_m2_bvo"]["transformatie_zwaar"] = 2_300.0
    motor = bereken(valideer(data))
    (herrekend,) = herreken([gewijzigd], tmp_path)
    lo = openpyxl.load_workbook(herrekend, data_only=True)[LIVE]
    oud = openpyxl.load_workbook(pad, data_only=True)[LIVE]
    assert lo.cell(KOP_WATERVAL + 2, 2).value != pytest.approx(oud.cell(KOP_WATERVAL + 2, 2).value)
    _controleer(lo, motor)


def test_duizend_panden_alleen_de_grootste(tmp_path: Path) -> None:
    """1 000 panden: the ORT chart holds the MAX_PANDEN largest |ORT|, largest tekort first."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import portefeuille

    res = bereken(valideer(portefeuille(1_000)))
    gekozen = selectie(res)
    ort = res.uitkomst.onrendabele_top
    assert len(gekozen) == MAX_PANDEN
    assert min(abs(ort[gekozen])) >= np.sort(np.abs(ort))[-MAX_PANDEN]
    assert list(ort[gekozen]) == sorted(ort[gekozen], reverse=True)
    inhoud = bouw_werkboek(res, Huisstijl(), {}).inhoud
    ort_grafiek = next(iter(_grafieken(inhoud).values()))
    assert f"'{LIVE}'!$A${KOP_ORT + 1}:$A${KOP_ORT + MAX_PANDEN}" in ort_grafiek
    ws = openpyxl.load_workbook(io.BytesIO(inhoud))[LIVE]
    assert "Alleen de 25 panden" in ws["A4"].value
    assert ws.cell(KOP_WATERVAL + 2, 1).value == "post"  # the table moves down below 25 rows


def test_samenvatting_zegt_wat_niet_meerekent() -> None:
    """Samenvatting mixes live key figures with values of the export: the programme's title
    says it does not recalculate, a note stands right above the first (static PNG) chart, on
    its page, and Verevening and Fonds say so in their subtitle. Where the public discount
    rate comes from ('voet van') stands right under the rate, not three rows lower."""
    from transformatiecalc.uitvoer.excel.overzicht import GRAFIEKEN_VAST, PROGRAMMA_TITEL
    from transformatiecalc.uitvoer.grafieken import alle_grafieken

    res = bereken(laad_scenario(VOORBEELD))
    inhoud = bouw_werkboek(res, Huisstijl(), alle_grafieken(res, Huisstijl())).inhoud
    wb = openpyxl.load_workbook(io.BytesIO(inhoud))
    ws = wb["Samenvatting"]
    kolom_a = {c.value: c.row for c in ws["A"] if isinstance(c.value, str)}
    assert PROGRAMMA_TITEL in kolom_a and "rekenen niet mee" in PROGRAMMA_TITEL
    eerste = min(img.anchor._from.row for img in ws._images) + 1  # 1-based
    assert ws.cell(eerste - 1, 1).value == GRAFIEKEN_VAST
    assert all(b.id != eerste - 1 for b in ws.row_breaks.brk)  # note and chart on one page
    rij = kolom_a["  contant gemaakt tegen"]
    assert str(ws.cell(rij + 1, 1).value).strip() == "voet van"
    for naam in ("Verevening", "Fonds"):
        ondertitel = " ".join(str(c.value) for c in wb[naam][2] if c.value)
        assert "rekenen niet mee" in ondertitel, naam
