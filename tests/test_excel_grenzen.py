"""The workbook at the edges of its input: pand ids that differ only in case or look like
numbers, keys with a dot, names longer than an Excel name holds, text longer than a cell
holds, and rows taller than Excel allows. Each must give a workbook that recalculates to
the engine, or say clearly what it cut."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

openpyxl = pytest.importorskip("openpyxl")

from hulp import basis, cli  # noqa: E402
from libreoffice import herreken, soffice  # noqa: E402
from test_excel import EIS_LO, afwijkingen  # noqa: E402

from transformatiecalc import bereken, valideer  # noqa: E402
from transformatiecalc.uitvoer.excel import bouw_werkboek  # noqa: E402
from transformatiecalc.uitvoer.excel.blad import (  # noqa: E402
    MAX_RIJHOOGTE,
    MAX_TEKST,
    AfgekaptWaarschuwing,
)
from transformatiecalc.uitvoer.excel.rekenbladen import EERSTE, PND_I, RES_I  # noqa: E402
from transformatiecalc.uitvoer.huisstijl import Huisstijl  # noqa: E402

#: An ingreep key of 250 characters: 'ingreep_' + key is longer than an Excel name may be.
LANGE_INGREEP = "l" + "a" * 249
#: Per pand id: its extra kosten (keys with a dot and a bracket among them) and ingreep.
PANDEN: dict[str, tuple[dict[str, float], str]] = {
    "P1": ({"asbest": 150_000}, "licht"),
    "p1": ({}, "licht"),
    "1": ({"gevel.noord": 20_000, "dak[2]": 5_000}, "licht"),
    "01": ({}, LANGE_INGREEP),
    "1E1": ({"lift": 7_000}, "licht"),
}
#: hulp.basis by hand: residuele grondwaarde bij oplevering without extra kosten.
RG_BASIS = 713_710.56
#: What € 1 of extra bouwkosten takes off that residuele grondwaarde (hulp.basis, by hand):
#: bijkomend 15 %, onvoorzien 5 %, BTW 21 %, half-bouwtijd rente 3 % on the bouwsom, and
#: AK 5 % of B + BK (W&R is over the opbrengst and does not move).
PER_EURO = 1.15 * 1.05 * 1.21 * 1.03 + 0.05 * 1.15


def lastig() -> dict[str, Any]:
    """hulp.basis with five panden whose ids a case-insensitive or number-reading match
    would confuse, a long ingreep name and very long texts."""
    d = basis()
    d["kosten"]["per_m2_bvo"][LANGE_INGREEP] = 1_000  # the same price as licht
    sjabloon = d["panden"][0]
    d["panden"] = []
    for i, (pid, (extra, ingreep)) in enumerate(PANDEN.items()):
        pand = json.loads(json.dumps(sjabloon))
        pand["id"] = pid
        pand["huidig"]["marktwaarde"] = 400_000 + 10_000 * i
        pand["transformatie"]["ingreep"] = ingreep
        if extra:
            pand["transformatie"]["extra_kosten"] = extra
        d["panden"].append(pand)
    d["beschrijving"] = "Een lange toelichting. " * 2_000  # 46 000 characters
    d["panden"][1]["naam"] = "n" * 40_000
    return d


@pytest.fixture(scope="module")
def werkboek(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    map_ = tmp_path_factory.mktemp("grenzen")
    res = bereken(valideer(lastig()))
    with warnings.catch_warnings(record=True) as gevangen:
        warnings.simplefilter("always")
        wb = bouw_werkboek(res, Huisstijl(), {})
    pad = map_ / "lastig.xlsx"
    pad.write_bytes(wb.inhoud)
    uit = {"res": res, "wb": wb, "pad": pad, "waarschuwingen": gevangen}
    if soffice() is not None:
        uit["herrekend"] = herreken([pad], map_)[0]
    return uit


def _herrekend(werkboek: dict[str, Any]) -> Path:
    if "herrekend" not in werkboek:
        if EIS_LO:
            pytest.fail("LibreOffice is vereist in CI maar niet gevonden")
        pytest.skip("LibreOffice niet geïnstalleerd")
    return werkboek["herrekend"]  # type: ignore[no-any-return]


def test_lastige_ids_herrekenen_naar_de_rekenkern(werkboek: dict[str, Any]) -> None:
    """Every formula, recalculated by LibreOffice, equals the engine; before the fix the
    SUMIF gave `p1` the € 150 000 of `P1` and `01`/`1E1` the posts of `1`."""
    aantal, afwijkend = afwijkingen(werkboek["pad"], _herrekend(werkboek))
    assert aantal > 500
    assert afwijkend == []


def test_extra_kosten_per_pand_alleen_de_eigen_posten(werkboek: dict[str, Any]) -> None:
    lo = openpyxl.load_workbook(_herrekend(werkboek), data_only=True)
    cellen = werkboek["wb"].cellen
    for i, (pid, (extra, _)) in enumerate(PANDEN.items()):
        blad, adres = cellen.pand[(i, "extra_kosten")].split("!")
        assert lo[blad.strip("'")][adres.replace("$", "")].value == sum(extra.values()), pid


def test_residuele_grondwaarde_met_de_hand(werkboek: dict[str, Any]) -> None:
    """The recalculated residuele grondwaarde of each pand from the hand calculation of
    hulp.basis, less PER_EURO per euro of its own extra kosten; the pand with the
    250-character ingreep (same price as licht) has the plain value."""
    lo = openpyxl.load_workbook(_herrekend(werkboek), data_only=True)["Residuele waarde"]
    motor = werkboek["res"].panden
    for p, (pid, (extra, _)) in enumerate(PANDEN.items()):
        rg = lo.cell(EERSTE + 1 + p, RES_I["rg_oplevering"] + 1).value
        verwacht = RG_BASIS - PER_EURO * sum(extra.values())
        assert rg == pytest.approx(verwacht, abs=0.01), pid
        assert rg == pytest.approx(motor["residuele_grondwaarde_oplevering"].iloc[p], abs=0.01)


def test_ort_per_pand_gelijk_aan_de_rekenkern(werkboek: dict[str, Any]) -> None:
    lo = openpyxl.load_workbook(_herrekend(werkboek), data_only=True)["Panden"]
    motor = werkboek["res"].panden
    ids = [lo.cell(EERSTE + 1 + p, 1).value for p in range(len(PANDEN))]
    assert ids == list(PANDEN)  # written as text: '01' stays '01', '1E1' is no 10
    for p in range(len(PANDEN)):
        ort = lo.cell(EERSTE + 1 + p, PND_I["onrendabele_top"] + 1).value
        assert ort == pytest.approx(motor["onrendabele_top"].iloc[p], abs=0.01)
    # P1 and p1 differ only in P1's € 150 000 of extra kosten (and € 10 000 of marktwaarde)
    assert motor["onrendabele_top"].iloc[0] != pytest.approx(motor["onrendabele_top"].iloc[1])


def test_lange_ingreep_zonder_excel_naam(werkboek: dict[str, Any]) -> None:
    """'ingreep_' + 250 characters is no valid Excel name: the formulas use the address."""
    cellen = werkboek["wb"].cellen
    assert cellen.ingreep["licht"] == "ingreep_licht"
    assert cellen.ingreep[LANGE_INGREEP].startswith("'Uitgangspunten'!$B$")
    namen = openpyxl.load_workbook(werkboek["pad"]).defined_names
    assert "ingreep_licht" in namen and all(len(n) <= 255 for n in namen)


def test_te_lange_tekst_zichtbaar_afgekapt(werkboek: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(werkboek["pad"])
    naam = wb["Panden"].cell(EERSTE + 2, 2).value
    assert len(naam) == MAX_TEKST
    assert naam.startswith("n" * 1_000)
    assert naam.endswith("de hele tekst staat in het scenario]")
    assert "afgekapt: 40.000 tekens" in naam
    meldingen = werkboek["wb"].afgekapt
    assert (
        "blad Panden, cel B7: tekst van 40.000 tekens afgekapt (een Excel-cel houdt er 32.767)"
        in meldingen
    )
    assert any(m.startswith("blad Uitgangspunten, cel B9: tekst van 46.000") for m in meldingen)
    assert len(meldingen) == 7  # the name on five sheets, the beschrijving on two
    gewaarschuwd = [w for w in werkboek["waarschuwingen"] if w.category is AfgekaptWaarschuwing]
    assert sorted(str(w.message) for w in gewaarschuwd) == sorted(meldingen)


def test_rijhoogte_hoogstens_409_punten(werkboek: dict[str, Any]) -> None:
    wb = openpyxl.load_workbook(werkboek["pad"])
    hoogtes = [
        d.height for ws in wb.worksheets for d in ws.row_dimensions.values() if d.height is not None
    ]
    # the long beschrijving would ask for 6 900 points (xlsxwriter rounds to whole pixels)
    assert MAX_RIJHOOGTE - 1 < max(hoogtes) <= MAX_RIJHOOGTE


def test_opdrachtregel_schrijft_het_werkboek(tmp_path: Path) -> None:
    """The whole run through the command line: an exit code 0, no internal error."""
    scenario = tmp_path / "lastig.yaml"
    scenario.write_text(json.dumps(lastig()), encoding="utf-8")  # JSON is YAML
    p = cli("run", str(scenario), "-o", str(tmp_path / "lastig.xlsx"), "--stil", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "lastig.xlsx").stat().st_size > 10_000
    # each cut is told once, in Dutch, not as a raw Python warning
    assert p.stderr.count("let op: blad ") == 7, p.stderr
    assert "let op: blad Panden, cel B7: tekst van 40.000 tekens afgekapt" in p.stderr
    assert "Warning" not in p.stderr


def test_mislukte_export_laat_geen_tijdelijke_bestanden(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rows go to temporary files while the workbook is written (constant_memory); an
    export that fails halfway removes them, as a finished one does."""
    import tempfile

    import transformatiecalc.uitvoer.excel as excel

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    res = bereken(valideer(basis()))
    bouw_werkboek(res, Huisstijl(), {})
    assert list(tmp_path.iterdir()) == []

    def stuk(*_args: Any) -> None:
        raise RuntimeError("halverwege")

    monkeypatch.setattr(excel, "schrijf_panden", stuk)
    with pytest.raises(RuntimeError, match="halverwege"):
        bouw_werkboek(res, Huisstijl(), {})
    assert list(tmp_path.iterdir()) == []


def test_zip64_alleen_voor_grote_bladen(monkeypatch: pytest.MonkeyPatch) -> None:
    """Above 4 GiB of rows a sheet needs ZIP64 (some 65 000 panden); the workbook with it
    holds the same cells."""
    import io
    import zipfile

    import transformatiecalc.uitvoer.excel as excel

    res = bereken(valideer(basis()))
    gewoon = bouw_werkboek(res, Huisstijl(), {}).inhoud
    monkeypatch.setattr(excel, "_ZIP64_VANAF", 1)
    groot = bouw_werkboek(res, Huisstijl(), {}).inhoud
    for inhoud in (gewoon, groot):
        with zipfile.ZipFile(io.BytesIO(inhoud)) as z:
            assert z.testzip() is None
    a, b = (openpyxl.load_workbook(io.BytesIO(x)) for x in (gewoon, groot))
    for ws in a.worksheets:
        assert [[c.value for c in r] for r in ws.iter_rows()] == [
            [c.value for c in r] for r in b[ws.title].iter_rows()
        ]
