"""Printing the workbook (docs/excel.md, "Afdrukken"): the layout decisions, read back from
the file with openpyxl and from the sheets as the exporter laid them out.

What a printer makes of a sheet follows from its print settings, its column widths and row
heights, and from text that runs past its cell: a line wider than the used columns makes a
sheet fitted to one page wide print smaller (LibreOffice prints the text whole), and runs
off the page in Excel.
"""

from __future__ import annotations

import io
import itertools
import math
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from transformatiecalc import bereken, laad_scenario  # noqa: E402
from transformatiecalc.uitvoer.excel import bouw_werkboek  # noqa: E402
from transformatiecalc.uitvoer.excel.afdruk import (  # noqa: E402
    LEESBAAR,
    PAGINA_BREEDTE,
    PAGINA_HOOGTE,
    VULLING,
    kolombreedte_pt,
)
from transformatiecalc.uitvoer.excel.blad import TEKSTBREEDTE, Blad, regels  # noqa: E402
from transformatiecalc.uitvoer.excel.meebewegend import LIVE  # noqa: E402
from transformatiecalc.uitvoer.excel.uitgangspunten.schrijver import (  # noqa: E402
    BREEDTES,
    ZOALS_HIERBOVEN,
)
from transformatiecalc.uitvoer.grafieken import alle_grafieken  # noqa: E402
from transformatiecalc.uitvoer.huisstijl import Huisstijl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
#: Sheets printed at 70 % across pages, and those fitted to one page wide.
BREED = ("Panden", "Functies", "Residuele waarde", "Kasstromen", "Fonds", "Uitgangspunten", LIVE)
SMAL = ("Voorblad", "Samenvatting", "Verevening", "Grafieken")


@pytest.fixture(scope="module", params=["voorbeeld_binnenstad", "fonds_erfpacht_garantie"])
def boek(request: pytest.FixtureRequest) -> tuple[Any, Any, dict[str, Blad]]:
    """A scenario exported with its charts: the result, the workbook as openpyxl reads it
    and each sheet as the exporter laid it out (kept when it set up printing)."""
    res = bereken(laad_scenario(ROOT / "scenarios" / f"{request.param}.yaml"))
    bladen: dict[str, Blad] = {}
    origineel = Blad.afdrukken

    def bewaar(self: Blad, afdruk: Any) -> None:
        origineel(self, afdruk)
        bladen[self.naam] = self

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Blad, "afdrukken", bewaar)
        inhoud = bouw_werkboek(res, Huisstijl(), alle_grafieken(res, Huisstijl())).inhoud
    return res, openpyxl.load_workbook(io.BytesIO(inhoud)), bladen


def _breedtes(ws: Any) -> dict[int, float]:
    """Column widths as written (characters; xlsxwriter adds 0,71 of padding)."""
    uit: dict[int, float] = {}
    for d in ws.column_dimensions.values():
        if d.width and d.min:
            for k in range(d.min, d.max + 1):
                uit[k] = d.width - 0.7109375
    return uit


def _samengevoegd(ws: Any) -> dict[tuple[int, int], Any]:
    """The first cell (row, column) of each merged range → the range."""
    return {(m.min_row, m.min_col): m for m in ws.merged_cells.ranges}


def _hoogte(ws: Any, rij: int) -> float:
    return float(ws.row_dimensions[rij].height or 15.0)


def test_schaal_alleen_een_pagina_breed_waar_leesbaar(boek: Any) -> None:
    """A sheet is fitted to one page wide only where all of it (cells, merged paragraphs,
    charts and images) fits at 60 % or more; the others print at 70 % across pages. With
    the warnings wrapped, Samenvatting fits at 100 %."""
    _, wb, bladen = boek
    for naam in SMAL:
        if naam in bladen:
            ws, blad = wb[naam], bladen[naam]
            assert ws.sheet_properties.pageSetUpPr.fitToPage, naam
            assert blad.schaal() >= LEESBAAR, naam
    for naam in BREED:
        ws, blad = wb[naam], bladen[naam]
        assert not ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.scale == 70, naam
        assert blad.schaal() < LEESBAAR, naam
    assert bladen["Samenvatting"].schaal() == 1.0
    assert bladen["Samenvatting"].drukbreedte() <= PAGINA_BREEDTE


def test_waarschuwingen_afgebroken_over_samengevoegde_cellen(boek: Any) -> None:
    """Each warning on Samenvatting stands wrapped in cells merged over at least
    TEKSTBREEDTE characters, its row as high as its lines: not one long line that widens
    the sheet (which the printer then fits to the page by shrinking all of it)."""
    res, wb, bladen = boek
    ws, blad = wb["Samenvatting"], bladen["Samenvatting"]
    breedte, samen = _breedtes(ws), _samengevoegd(ws)
    cellen = {c.value: c for rij in ws.iter_rows(max_col=1) for c in rij if c.value}
    assert res.waarschuwingen
    for w in res.waarschuwingen:
        c = cellen[w]
        assert c.alignment.wrap_text, w
        m = samen[(c.row, 1)]
        assert m.min_row == m.max_row == c.row and m.max_col >= 2, w
        tekens = sum(breedte.get(k, 8.43) for k in range(1, m.max_col + 1))
        assert tekens >= TEKSTBREEDTE, w
        assert _hoogte(ws, c.row) >= blad.tekst_hoogte(regels(w, TEKSTBREEDTE - 2)), w


def test_geen_tekst_loopt_voorbij_het_blad_of_wordt_afgekapt(boek: Any) -> None:
    """No text cell that neither wraps nor is merged runs past the last column of its sheet
    (which would widen the print) or under the next filled cell of its row (cut off).
    Estimated generously: a character is 0,95 of a column width unit at 10 points."""
    _, wb, _ = boek
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        breedte, samen = _breedtes(ws), _samengevoegd(ws)
        in_samen = {
            (r, k)
            for m in samen.values()
            for r in range(m.min_row, m.max_row + 1)
            for k in range(m.min_col, m.max_col + 1)
        }
        totaal = sum(breedte.get(k, 8.43) for k in range(1, ws.max_column + 1))
        for rij in ws.iter_rows():
            gevuld = [c.column for c in rij if c.value not in (None, "")]
            for c in rij:
                tekst = c.value
                if not isinstance(tekst, str) or not tekst or tekst.startswith("="):
                    continue
                if c.alignment.wrap_text or (c.row, c.column) in in_samen:
                    continue
                if c.alignment.horizontal in ("right", "center"):
                    continue
                lengte = len(tekst) * 0.95 * (c.font.sz or 10) / 10 * (1.08 if c.font.b else 1)
                if lengte <= breedte.get(c.column, 8.43) - 1:
                    continue
                volgende = [k for k in gevuld if k > c.column]
                tot = volgende[0] if volgende else ws.max_column + 1
                ruimte = sum(breedte.get(k, 8.43) for k in range(c.column, tot))
                assert lengte <= ruimte, (ws.title, c.coordinate, tekst[:50])
                begin = sum(breedte.get(k, 8.43) for k in range(1, c.column))
                assert begin + lengte <= totaal, (ws.title, c.coordinate, tekst[:50])


def test_afgebroken_tekst_past_in_zijn_rij(boek: Any) -> None:
    """A text wrapped in its cell (or its merged cells) has a row as high as its lines, so
    Excel and LibreOffice show all of it (neither fits a row height they did not write)."""
    _, wb, bladen = boek
    for naam, blad in bladen.items():
        ws = wb[naam]
        breedte, samen = _breedtes(ws), _samengevoegd(ws)
        for rij in ws.iter_rows():
            for c in rij:
                if not isinstance(c.value, str) or not c.alignment.wrap_text or c.font.b:
                    continue
                m = samen.get((c.row, c.column))
                laatste = m.max_col if m is not None else c.column
                tekens = sum(breedte.get(k, 8.43) for k in range(c.column, laatste + 1)) - 2
                nodig = blad.tekst_hoogte(regels(c.value, tekens, c.font.sz or 10))
                assert _hoogte(ws, c.row) >= nodig - 0.01, (naam, c.coordinate, c.value[:40])


def test_titel_rechts_van_de_herhaalde_kolommen(boek: Any) -> None:
    """The title rows stand right of the repeated columns on a sheet that repeats its first
    columns (so a page to the right shows no title cut off at their edge), else in column A
    (and on Uitgangspunten, whose lists at the top are one page wide); the explanation and
    the scenario line are paragraphs wrapped over merged cells within the first page."""
    _, wb, bladen = boek
    for naam, blad in bladen.items():
        if naam == "Voorblad":
            continue
        ws = wb[naam]
        kolom = 1
        if ws.print_title_cols and naam != "Uitgangspunten":  # its lists: one page wide
            laatste = ws.print_title_cols.split(":")[1].strip("$")
            kolom = openpyxl.utils.column_index_from_string(laatste) + 1
            for r in (1, 2, 3):
                for k in range(1, kolom):
                    assert ws.cell(r, k).value in (None, ""), (naam, r, k)
        assert ws.cell(1, kolom).value and ws.cell(1, kolom).font.b, naam
        samen = _samengevoegd(ws)
        for r in (2, 3):
            c = ws.cell(r, kolom)
            assert c.value and c.alignment.wrap_text, (naam, r)
            m = samen[(r, kolom)]
            eind = sum(kolombreedte_pt(blad.kolombreedtes.get(k, 8.43)) for k in range(m.max_col))
            assert eind <= PAGINA_BREEDTE / 0.7 * VULLING, (naam, r)


def test_uitgangspunten_compact(boek: Any) -> None:
    """Uitgangspunten: no column wider than its widest (BREEDTES), the list columns together
    one page wide at 70 %, the long herkomst texts wrapped, a locked reason written once and
    'zoals hierboven' below it, and about as many pages down as its rows fill."""
    _, wb, bladen = boek
    ws, blad = wb["Uitgangspunten"], bladen["Uitgangspunten"]
    breedte = _breedtes(ws)
    for k, grens in BREEDTES.items():
        assert breedte[k + 1] <= grens, k
    lijst = sum(kolombreedte_pt(breedte[k + 1]) for k in BREEDTES)
    assert lijst <= PAGINA_BREEDTE / 0.7 * VULLING
    herkomst = [ws.cell(r, 5) for r in range(1, ws.max_row + 1)]
    lang = [c for c in herkomst if isinstance(c.value, str) and len(c.value) > breedte[5] - 2]
    assert lang and all(c.alignment.wrap_text for c in lang)
    assert any(isinstance(c.value, str) and c.value.endswith(ZOALS_HIERBOVEN) for c in herkomst)
    per_pagina = PAGINA_HOOGTE / 0.7
    rijen = sum(_hoogte(ws, r) for r in range(1, ws.max_row + 1))
    paginas = 1 + len(ws.row_breaks.brk)
    assert paginas <= math.ceil(1.35 * rijen / per_pagina), (paginas, rijen / per_pagina)
    assert blad.maxbreedte[0] == BREEDTES[0]


def test_uitgangspunten_elke_pagina_begint_met_titel_en_kopregel(boek: Any) -> None:
    """Every printed page of Uitgangspunten starts with a section's title and its header row:
    a section longer than a page (huurrecht, a fund) repeats them as '… (vervolg)' where a
    page begins, as a table heading does in a printed report (before, the rows of the long
    huurrecht section ran over three pages without a header)."""
    _, wb, _ = boek
    ws = wb["Uitgangspunten"]
    assert ws.page_setup.scale == 70  # the page the continued headers are sized for
    assert ws.row_breaks.brk
    vervolg = _pagina_begint_met_titel_en_kopregel(ws)
    assert sum(t.endswith("(vervolg)") for t in vervolg) >= 2
    titels = [
        c.value for c in ws["A"] if isinstance(c.value, str) and c.value.endswith("(vervolg)")
    ]
    assert any(t.startswith("Huurrecht") for t in titels)


def test_geen_pagina_voller_dan_een_pagina(boek: Any) -> None:
    """On a sheet printed at 70 % every page, from one row break to the next, holds no more
    rows than fit (less the repeated header rows): Excel and LibreOffice add no break of
    their own, so both break at the rows the workbook says (between blocks)."""
    _, wb, _ = boek
    for naam in BREED:
        ws = wb[naam]
        herhaald = 0.0
        if ws.print_title_rows:
            a, b = (int(x.strip("$")) for x in ws.print_title_rows.split(":"))
            herhaald = sum(_hoogte(ws, r) for r in range(a, b + 1))
        per_pagina = PAGINA_HOOGTE / 0.7 - herhaald
        grenzen = [0, *(b.id for b in ws.row_breaks.brk), ws.max_row]
        for van, tot in itertools.pairwise(grenzen):
            hoogte = sum(_hoogte(ws, r + 1) for r in range(van, tot))
            assert hoogte <= per_pagina, (naam, van, tot, hoogte, per_pagina)


def test_grafieken_live_niet_doorgesneden(boek: Any) -> None:
    """Grafieken (live) prints its tables on the first pages across and its charts, one
    below the other, on the next (with the names of the panden, whose ids the first chart
    shows): no vertical page break falls inside a chart."""
    _, wb, bladen = boek
    ws, blad = wb[LIVE], bladen[LIVE]
    einden = [b.id for b in ws.col_breaks.brk]
    assert len(blad.uitsteeksels) >= 2
    kolommen = {k for k, _ in blad.uitsteeksels}
    assert len(kolommen - {0}) == 1  # the charts beside the tables share one column
    for kolom, breedte in blad.uitsteeksels:
        eind = blad.kolom_eind(blad.x(kolom) + breedte)
        assert not any(kolom < e <= eind for e in einden), (kolom, eind, einden)
    assert any(0 < e <= max(kolommen) for e in einden)  # the charts on a later page across


def test_tekst_in_herhaalde_kolommen_past_erin(boek: Any) -> None:
    """A text in the columns repeated on every printed page (a section title, a label)
    fits in them or wraps there: a page to the right, which shows only those columns of
    the row, does not show it cut off at their edge."""
    _, wb, _ = boek
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" or not ws.print_title_cols:
            continue
        laatste = openpyxl.utils.column_index_from_string(
            ws.print_title_cols.split(":")[1].strip("$")
        )
        breedte, samen = _breedtes(ws), _samengevoegd(ws)
        for rij in ws.iter_rows(max_col=laatste):
            for c in rij:
                tekst = c.value
                if not isinstance(tekst, str) or tekst.startswith("=") or c.alignment.wrap_text:
                    continue
                assert (c.row, c.column) not in samen, (ws.title, c.coordinate)
                lengte = len(tekst) * 0.95 * (c.font.sz or 10) / 10 * (1.08 if c.font.b else 1)
                ruimte = sum(breedte.get(k, 8.43) for k in range(c.column, laatste + 1))
                assert lengte <= ruimte, (ws.title, c.coordinate, tekst[:50])


def test_xlsxwriter_houdt_samengevoegde_bereiken_in_een_lijst() -> None:
    """The paragraphs are merged after their rows are written (constant_memory) through
    xlsxwriter's private list ``merge``; a version without it is noticed here (the export
    then leaves the paragraphs unmerged instead of failing)."""
    from xlsxwriter.worksheet import Worksheet

    from transformatiecalc.uitvoer.excel.blad import _kan_samenvoegen

    assert _kan_samenvoegen(Worksheet())
    assert not _kan_samenvoegen(object())


def _pagina_begint_met_titel_en_kopregel(ws: Any) -> list[str]:
    """The title of each page of `ws` after a row break; fails where a page does not start
    with a section's title (italic) and its header row (filled as the first header)."""
    titels = []
    for b in (b.id for b in ws.row_breaks.brk):  # the page starts at row b + 1 (1-based)
        titel, kop = ws.cell(b + 1, 1), ws.cell(b + 2, 1)
        assert isinstance(titel.value, str) and titel.font.i, (b, titel.value)
        assert kop.fill.fgColor.rgb == ws.cell(7, 1).fill.fgColor.rgb, (b, kop.value)
        titels.append(titel.value)
    return titels


@pytest.fixture(scope="module")
def driehonderd() -> tuple[Any, Any]:
    """300 panden (benchmarks/run.py), every third with three extra kosten posts."""
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import portefeuille

    from transformatiecalc import valideer

    data = portefeuille(300)
    for pand in data["panden"][::3]:
        pand["transformatie"]["extra_kosten"] = {"asbest": 40_000, "fundering": 90_000, "gevel": 1}
    res = bereken(valideer(data))
    return res, bouw_werkboek(res, Huisstijl(), {})


def test_driehonderd_panden_elke_pagina_met_titel_en_kopregel(driehonderd: Any) -> None:
    """With 300 panden the tables panden and extra kosten run over many printed pages; each
    page starts with the section's title ('… (vervolg)') and its header row, as the other
    long sections do (before, some ten pages of panden printed without a header)."""
    _, werkboek = driehonderd
    ws = openpyxl.load_workbook(io.BytesIO(werkboek.inhoud))["Uitgangspunten"]
    titels = _pagina_begint_met_titel_en_kopregel(ws)
    assert titels.count("Panden (vervolg)") >= 5
    assert any(t.startswith("Extra kosten") and t.endswith("(vervolg)") for t in titels)


def test_driehonderd_panden_herrekent_naar_de_rekenkern(driehonderd: Any, tmp_path: Path) -> None:
    """The headers repeated within the tables move no address: a pand's extra kosten are the
    SUM of its own posts also where a page start splits them, and every formula of the
    300-pand workbook, recalculated by LibreOffice, equals the engine."""
    from libreoffice import herreken, soffice
    from test_excel import EIS_LO, afwijkingen

    res, werkboek = driehonderd
    ws = openpyxl.load_workbook(io.BytesIO(werkboek.inhoud))["Uitgangspunten"]
    gesplitst = 0
    for i, pand in enumerate(res.scenario.panden):
        posten = pand.transformatie.extra_kosten
        if not posten:
            continue
        adres = werkboek.cellen.pand[(i, "extra_kosten")].split("!")[1]
        formule = ws[adres.replace("$", "")].value
        rijen = [
            r
            for deel in formule.removeprefix("=SUM(").removesuffix(")").split(",")
            for a, _, b in [deel.replace("$", "").partition(":")]
            for r in range(int(a[1:]), int((b or a)[1:]) + 1)
        ]
        assert [ws.cell(r, 1).value for r in rijen] == [pand.id] * len(posten), formule
        assert [ws.cell(r, 2).value for r in rijen] == list(posten), formule
        gesplitst += "," in formule
    assert gesplitst  # a page start between two posts of a pand
    if soffice() is None:
        if EIS_LO:
            pytest.fail("LibreOffice is vereist in CI maar niet gevonden")
        pytest.skip("LibreOffice niet geïnstalleerd")
    pad = tmp_path / "driehonderd.xlsx"
    pad.write_bytes(werkboek.inhoud)
    aantal, afwijkend = afwijkingen(pad, herreken([pad], tmp_path)[0])
    assert aantal > 200_000
    assert afwijkend == []
