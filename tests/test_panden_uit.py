"""``panden_uit``: panden from a spreadsheet (.xlsx or CSV) run like panden in YAML, and a
bad row is reported by file, sheet, row and column (docs/spreadsheet.md)."""

from __future__ import annotations

import csv
import json
import re
import time
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hulp import cli
from ruamel.yaml import YAML

from transformatiecalc.fouten import ScenarioFout
from transformatiecalc.laden import laad_scenario
from transformatiecalc.laden.spreadsheet import getal_uit_tekst

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
_WEG = ("panden", "projecten", "verevening", "fondsen", "varianten", "onzekerheid")


def _kop() -> dict[str, Any]:
    """The voorbeeld without its panden and what refers to them."""
    data = YAML(typ="safe", pure=True).load(VOORBEELD.read_text(encoding="utf-8"))
    return {k: v for k, v in data.items() if k not in _WEG}


def _panden(n: int) -> list[dict[str, Any]]:
    """`n` panden: the voorbeeld's fourteen over and over, each with its own id and value."""
    data = YAML(typ="safe", pure=True).load(VOORBEELD.read_text(encoding="utf-8"))
    uit = []
    for i in range(n):
        pand = json.loads(json.dumps(data["panden"][i % len(data["panden"])]))
        pand["id"] = f"P{i + 1:03d}"
        if "marktwaarde" in pand["huidig"]:
            pand["huidig"]["marktwaarde"] += 1_000 * i
        uit.append(pand)
    return uit


def _plat(x: Any, pad: str = "") -> dict[str, Any]:
    """A pand's keys as dotted paths (lists with an index), without its programme."""
    if isinstance(x, dict):
        uit: dict[str, Any] = {}
        for k, v in x.items():
            if k != "programma":
                uit.update(_plat(v, f"{pad}.{k}" if pad else k))
        return uit
    if isinstance(x, list):
        return {f"{pad}[{i}]": v for i, v in enumerate(x)}
    return {pad: x}


def _bladen(panden: list[dict[str, Any]]) -> tuple[list[list[Any]], list[list[Any]]]:
    platte = [_plat(p) for p in panden]
    koppen = list(dict.fromkeys(k for p in platte for k in p))
    rijen = [koppen, *([p.get(k) for k in koppen] for p in platte)]
    pkoppen = ["pand", "functie", "woningen", "bvo", "ingreep"]
    prijen = [pkoppen]
    for p in panden:
        for r in p["transformatie"]["programma"]:
            prijen.append([p["id"], *(r.get(k) for k in pkoppen[1:])])
    return rijen, prijen


def _xlsx(pad: Path, panden: list[dict[str, Any]]) -> None:
    _schrijf_xlsx(pad, *_bladen(panden))


def _schrijf_xlsx(pad: Path, rijen: list[list[Any]], prijen: list[list[Any]]) -> None:
    """Sheets Panden and Programma with these rows (the first is the header)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Panden"
    for r in rijen:
        ws.append(r)
    wp = wb.create_sheet("Programma")
    for r in prijen:
        wp.append(r)
    wb.save(pad)


def _scenario(map_: Path, naam: str, **extra: Any) -> Path:
    pad = map_ / naam
    pad.write_text(json.dumps({**_kop(), **extra}, ensure_ascii=False), encoding="utf-8")
    return pad


def _run(scenario: Path, map_: Path) -> dict[str, Any]:
    uit = map_ / f"{scenario.stem}.json"
    p = cli("run", str(scenario), "--json", str(uit), "--stil")
    assert p.returncode == 0, p.stderr
    return json.loads(uit.read_text(encoding="utf-8"))


def test_500_panden_uit_xlsx_rekenen_als_in_yaml(tmp_path: Path) -> None:
    panden = _panden(500)
    _xlsx(tmp_path / "panden.xlsx", panden)
    inline = _run(_scenario(tmp_path, "inline.yaml", panden=panden), tmp_path)
    begin = time.perf_counter()
    blad = _run(_scenario(tmp_path, "blad.yaml", panden_uit="panden.xlsx"), tmp_path)
    duur = time.perf_counter() - begin
    assert len(blad["panden"]) == 500
    assert blad["panden"] == inline["panden"]
    assert blad["totalen"] == inline["totalen"]
    assert duur < 60


def test_csv_met_programma_ernaast(tmp_path: Path) -> None:
    panden = _panden(20)
    rijen, prijen = _bladen(panden)
    for naam, data in (("panden.csv", rijen), ("panden.programma.csv", prijen)):
        with (tmp_path / naam).open("w", encoding="utf-8", newline="") as f:
            # as Dutch Excel saves it: ';' between cells, a decimal comma
            w = csv.writer(f, delimiter=";")
            for r in data:
                w.writerow(
                    [
                        "" if v is None else str(v).replace(".", ",") if isinstance(v, float) else v
                        for v in r
                    ]
                )
    inline = _run(_scenario(tmp_path, "inline.yaml", panden=panden), tmp_path)
    uit_csv = _run(_scenario(tmp_path, "csv.yaml", panden_uit="panden.csv"), tmp_path)
    assert uit_csv["panden"] == inline["panden"]


def _fout(tmp_path: Path, naam: str = "panden.xlsx") -> str:
    sc = _scenario(tmp_path, "sc.yaml", panden_uit=naam)
    p = cli("run", str(sc), "--stil")
    assert p.returncode == 1, p.stdout
    assert "Traceback" not in p.stderr
    return " ".join(p.stderr.split())


def test_foute_rijen_met_blad_rij_en_kolom(tmp_path: Path) -> None:
    panden = _panden(30)
    _xlsx(tmp_path / "panden.xlsx", panden)
    wb = openpyxl.load_workbook(tmp_path / "panden.xlsx")
    ws, wp = wb["Panden"], wb["Programma"]
    kop = [c.value for c in ws[1]]
    kol = {k: i + 1 for i, k in enumerate(kop)}
    ws.cell(8, kol["huidig.marktwaarde"]).value = "veel"  # P007
    ws.cell(12, kol["id"]).value = None  # P011
    wp.append(["P999", "middenhuur", 4, None, None])
    laatste = wp.max_row
    wb.save(tmp_path / "panden.xlsx")
    tekst = _fout(tmp_path)
    assert "panden.xlsx, blad Panden, rij 8, kolom" in tekst
    assert "(huidig.marktwaarde)" in tekst and "verwacht een getal" in tekst
    assert "blad Panden, rij 12: panden[10].id: verplicht veld 'id' ontbreekt" in tekst
    assert f"blad Programma, rij {laatste}, kolom A (pand)" in tekst and "P999" in tekst
    # P011 lost its id, so its programme rows name an unknown pand too
    assert "blad Programma, rij 20, kolom A (pand): programmaregel voor pand 'P011'" in tekst
    # the rules across sections (an unknown eigenaar) follow once every cell is valid,
    # as in a YAML file
    ws.cell(8, kol["huidig.marktwaarde"]).value = 500_000
    ws.cell(12, kol["id"]).value = "P011"
    wp.delete_rows(laatste)
    ws.cell(5, kol["eigenaar"]).value = "retailfnds"  # pand P004
    wb.save(tmp_path / "panden.xlsx")
    tekst = _fout(tmp_path)
    letter = openpyxl.utils.get_column_letter(kol["eigenaar"])
    assert f"blad Panden, rij 5, kolom {letter} (eigenaar)" in tekst
    assert "retailfnds" in tekst and "retailfonds" in tekst  # the suggestion


def test_buiten_de_toegestane_mappen_geweigerd(tmp_path: Path) -> None:
    buiten = tmp_path / "buiten"
    binnen = tmp_path / "binnen"
    buiten.mkdir()
    binnen.mkdir()
    _xlsx(buiten / "panden.xlsx", _panden(2))
    sc = _scenario(binnen, "sc.yaml", panden_uit="../buiten/panden.xlsx")
    p = cli("run", str(sc), "--stil", cwd=binnen)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert "buiten de toegestane mappen" in " ".join(p.stderr.split())
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(sc)
    assert fout.value.meldingen[0].code == "panden_uit.geweigerd"


def test_panden_en_panden_uit_niet_samen(tmp_path: Path) -> None:
    _xlsx(tmp_path / "panden.xlsx", _panden(2))
    sc = _scenario(tmp_path, "sc.yaml", panden_uit="panden.xlsx", panden=_panden(1))
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(sc)
    assert fout.value.meldingen[0].code == "panden_uit.samen_met_panden"


def test_erft_van_wijzigt_een_pand_uit_het_spreadsheet(tmp_path: Path) -> None:
    _xlsx(tmp_path / "panden.xlsx", _panden(3))
    _scenario(tmp_path, "basis.yaml", panden_uit="panden.xlsx")
    kind = tmp_path / "kind.yaml"
    kind.write_text(
        "erft_van: basis.yaml\npanden:\n  - id: P002\n    transformatie: {start: 2030}\n",
        encoding="utf-8",
    )
    sc = laad_scenario(kind)
    assert [p.transformatie.start for p in sc.panden] == [2027, 2030, 2027]


def test_formule_zonder_waarde_geweigerd(tmp_path: Path) -> None:
    _xlsx(tmp_path / "panden.xlsx", _panden(2))
    wb = openpyxl.load_workbook(tmp_path / "panden.xlsx")
    kop = [c.value for c in wb["Panden"][1]]
    wb["Panden"].cell(3, kop.index("huidig.marktwaarde") + 1, "=1+1")
    wb.save(tmp_path / "panden.xlsx")  # openpyxl stores no cached value
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(_scenario(tmp_path, "sc.yaml", panden_uit="panden.xlsx"))
    formule = [m for m in fout.value.meldingen if m.code == "panden_uit.formule_zonder_waarde"]
    assert len(formule) == 1 and "rij 3, kolom" in str(formule[0])


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("1150", 1150),
        ("0,048", 0.048),
        ("0.048", 0.048),
        ("1.150.000", 1150000),
        ("1.150,50", 1150.5),
        ("1,150.50", 1150.5),
        ("2,5", 2.5),
        ("1.150", "dubbelzinnig"),
        ("abc", None),
        ("1.15.0", None),
    ],
)
def test_getal_uit_tekst(tekst: str, getal: Any) -> None:
    assert getal_uit_tekst(tekst) == getal


def test_sjabloon_heen_en_terug(tmp_path: Path) -> None:
    sjabloon = tmp_path / "panden.xlsx"
    p = cli("init", "--panden-sjabloon", str(sjabloon))
    assert p.returncode == 0, p.stderr
    p = cli("init", "--panden-sjabloon", str(sjabloon))
    assert p.returncode == 1 and "--overschrijf" in p.stderr and "Traceback" not in p.stderr
    wb = openpyxl.load_workbook(sjabloon)
    ws, wp = wb["Panden"], wb["Programma"]
    kop = {c.value: c.column for c in ws[1]}
    # the choices of monument come from the schema's Literal
    lijsten = [d for d in ws.data_validations.dataValidation if d.type == "list"]
    assert any("rijksmonument" in (d.formula1 or "") for d in lijsten)
    for rij, (pid, start) in enumerate((("A1", 2026), ("A2", 2027)), start=2):
        for naam, waarde in {
            "id": pid,
            "naam": None,
            "eigenaar": "gemeente",
            "huidig.marktwaarde": 400_000,
            "huidig.boekwaarde": None,
            "huidig.bvo": None,
            "huidig.functie": None,
            "transformatie.start": start,
            "transformatie.ingreep": "transformatie_licht",
        }.items():
            ws.cell(rij, kop[naam]).value = waarde
    wp.cell(2, 1).value = "A1"
    wp.append(["A2", "middenhuur", 4])
    wb.save(sjabloon)
    uit = _run(_scenario(tmp_path, "sc.yaml", panden_uit="panden.xlsx"), tmp_path)
    assert [p["id"] for p in uit["panden"]] == ["A1", "A2"]


def test_csv_fout_noemt_rij_en_kolom(tmp_path: Path) -> None:
    (tmp_path / "panden.csv").write_text(
        "id;eigenaar;huidig.marktwaarde;transformatie.start;transformatie.ingreep;"
        "transformatie.programma[0].functie;transformatie.programma[0].woningen\n"
        "P01;gemeente;390000;2026;transformatie_licht;middenhuur;5\n"
        "P02;gemeente;1.150;2026;transformatie_licht;middenhuur;5\n",
        encoding="utf-8",
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert "panden.csv, rij 3, kolom C (huidig.marktwaarde)" in tekst
    assert "dubbelzinnig" in tekst and "rij 2" not in tekst


def test_een_verkeerde_kolomkop_is_een_melding_niet_een_per_rij(tmp_path: Path) -> None:
    """A misspelt header in a 500-pand spreadsheet: each problem once, at its first row,
    with the other rows named (was a thousand lines)."""
    rijen, prijen = _bladen(_panden(500))
    rijen[0] = ["eigenaaar" if k == "eigenaar" else k for k in rijen[0]]
    _schrijf_xlsx(tmp_path / "panden.xlsx", rijen, prijen)
    p = cli("run", str(_scenario(tmp_path, "s.yaml", panden_uit="panden.xlsx")), "--stil")
    assert p.returncode == 1
    regels = [r for r in p.stderr.splitlines() if r.startswith("fout")]
    kolom = rijen[0].index("eigenaaar")
    assert regels == [
        f"fout {tmp_path / 'panden.xlsx'}, blad Panden, rij 2, kolom {chr(65 + kolom)} (eigenaaar): "
        "panden[0].eigenaaar: onbekende sleutel 'eigenaaar' (bedoelde je 'eigenaar'?); "
        "toegestaan: id, naam, eigenaar, gebied, monument, huidig, transformatie "
        "(ook in 499 andere rijen: 3–501)",
        f"fout {tmp_path / 'panden.xlsx'}, blad Panden, rij 2: panden[0].eigenaar: verplicht "
        "veld 'eigenaar' ontbreekt (ook in 499 andere rijen: 3–501)",
    ]


_KOP_CSV = (
    "id;eigenaar;huidig.marktwaarde;transformatie.start;transformatie.ingreep;"
    "transformatie.programma[0].functie;transformatie.programma[0].woningen;naam\n"
)


def test_csv_met_een_aanhalingsteken_dat_nooit_sluit(tmp_path: Path) -> None:
    """An unclosed quote swallowed every later row into one cell (3 panden became 1)."""
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + 'P1;gemeente;400000;2026;transformatie_licht;middenhuur;6;"Hoek 1\n'
        "P2;gemeente;500000;2026;transformatie_licht;middenhuur;8;Kerkstraat 3\n"
        "P3;gemeente;500000;2026;transformatie_licht;middenhuur;8;Kerkstraat 5\n",
        encoding="utf-8",
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert "panden.csv, rij 2, kolom H (naam): panden_uit: een aanhalingsteken" in tekst
    assert "wordt nooit gesloten" in tekst
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + 'P1;gemeente;400000;2026;transformatie_licht;middenhuur;6;"Hoek" 1\n',
        encoding="utf-8",
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert "panden.csv, rij 2, kolom H (naam): panden_uit: na een sluitend aanhalingsteken" in tekst
    # a line separator (U+2028) in an earlier cell is no line end for csv: still column H
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + "P1;gemeente;400000;2026;transformatie_licht;middenhuur;6;a\u2028b\n"
        'P2;gemeente;500000;2026;transformatie_licht;middenhuur;8;"Hoek" 1\n',
        encoding="utf-8",
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert "panden.csv, rij 3, kolom H (naam): panden_uit: na een sluitend aanhalingsteken" in tekst
    # a cell over two lines, with a quote written as "", is still read
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + 'P1;gemeente;400000;2026;transformatie_licht;middenhuur;6;"Hoek ""1"""\n',
        encoding="utf-8",
    )
    uit = _run(_scenario(tmp_path, "sc.yaml", panden_uit="panden.csv"), tmp_path)
    assert uit["panden"][0]["naam"] == 'Hoek "1"'


def test_csv_met_stuurtekens_in_een_cel(tmp_path: Path) -> None:
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + "P1;gemeente;400000;2026;transformatie_licht;middenhuur;6;Pand\x00een "
        "\x1b[31mrood\n",
        encoding="utf-8",
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert (
        "panden.csv, rij 2, kolom H (naam): panden[0].naam: de tekst bevat een onzichtbaar "
        "controleteken (U+0000, NUL)"
    ) in tekst
    assert "\x1b" not in tekst and "\x00" not in tekst


def test_getal_van_duizenden_cijfers(tmp_path: Path) -> None:
    """A 5 000-digit number typed as text stopped with an internal error (exit 3: Python's
    limit on int conversion); it is refused at its cell like a long number in YAML."""
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + f"P1;gemeente;{'9' * 5000};2026;transformatie_licht;middenhuur;6;Pand\n",
        encoding="utf-8",
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert (
        "panden.csv, rij 2, kolom C (huidig.marktwaarde): panden[0].huidig.marktwaarde: een "
        "getal van 5.000 tekens; een scenario schrijft getallen van hoogstens 100 tekens"
    ) in tekst
    assert getal_uit_tekst("9" * 5000) is None


def _herschrijf(pad: Path, deel: str, wijzig: Any) -> None:
    """Rewrite one part of the zip at `pad` (an .xlsx) by `wijzig(bytes) -> bytes`."""
    import io
    import zipfile

    oud = zipfile.ZipFile(io.BytesIO(pad.read_bytes()))
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        for info in oud.infolist():
            inhoud = oud.read(info.filename)
            z.writestr(info.filename, wijzig(inhoud) if info.filename == deel else inhoud)
    pad.write_bytes(uit.getvalue())


@pytest.mark.parametrize(
    ("wijzig", "reden"),
    [
        (lambda b: b[: len(b) // 2], "ParseError"),  # cut off: the XML never closes
        (lambda b: b.replace(b"<t>P002</t>", b"<t>P0&#x1b;02</t>"), "ParseError"),
        (lambda b: b.replace(b"<t>P002</t>", b"<t>&e;</t>"), "ParseError"),  # an entity
        (lambda b: b.replace(b'<c r="H2" t="n"><v>', b'<c r="H2" t="n"><v>INF'), "ValueError"),
        (
            lambda b: b.replace(b'<c r="H2" t="n"><v>', b'<c r="H2" t="n"><v>' + b"9" * 5000),
            "ValueError",
        ),
    ],
    ids=["afgebroken", "stuurteken", "entiteit", "INF", "5000_cijfers"],
)
def test_beschadigd_blad_is_een_melding(tmp_path: Path, wijzig: Any, reden: str) -> None:
    """openpyxl reads a sheet only while its rows are iterated: a damaged sheet stopped
    with an internal error (exit 3: ParseError, ValueError) instead of a message."""
    _xlsx(tmp_path / "panden.xlsx", _panden(3))
    _herschrijf(tmp_path / "panden.xlsx", "xl/worksheets/sheet1.xml", wijzig)
    tekst = _fout(tmp_path)
    assert "sc.yaml:1:" in tekst
    assert (
        "panden_uit: bestand 'panden.xlsx' is niet te lezen: blad Panden is beschadigd "
        f"({reden}); sla het op in Excel of LibreOffice en probeer het opnieuw"
    ) in tekst
    assert "interne fout" not in tekst


def test_verkeerde_afmeting_van_het_blad_laat_geen_rijen_weg(tmp_path: Path) -> None:
    """A sheet's <dimension> is what the writing program claims, not what it holds; openpyxl
    (read-only) stopped there, so a program that wrote 'A1:Q3' for three panden lost the
    third pand and its programme rows without a word."""
    _xlsx(tmp_path / "panden.xlsx", _panden(3))
    for deel in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        _herschrijf(
            tmp_path / "panden.xlsx",
            deel,
            lambda b: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B3"', b),
        )
    sc = laad_scenario(_scenario(tmp_path, "sc.yaml", panden_uit="panden.xlsx"))
    assert [p.id for p in sc.panden] == ["P001", "P002", "P003"]
    assert [len(p.transformatie.programma) for p in sc.panden] == [3, 1, 2]
    # rows are read to the end, but a formatted empty cell far below is no row too many
    _herschrijf(
        tmp_path / "panden.xlsx",
        "xl/worksheets/sheet1.xml",
        lambda b: b.replace(b"</sheetData>", b'<row r="900000"><c r="A900000"/></row></sheetData>'),
    )
    assert len(laad_scenario(tmp_path / "sc.yaml").panden) == 3


def test_csv_met_alleen_cr_als_regeleinde_en_een_reuzencel(tmp_path: Path) -> None:
    """Two csv errors were explained as a misplaced quote: a file with CR line ends (old Mac
    Excel) and a cell of more than 131 072 characters (the csv module's limit)."""
    regel = "P1;gemeente;400000;2026;transformatie_licht;middenhuur;6;Hoek 1\n"
    (tmp_path / "panden.csv").write_text((_KOP_CSV + regel).replace("\n", "\r"), "utf-8")
    uit = _run(_scenario(tmp_path, "sc.yaml", panden_uit="panden.csv"), tmp_path)
    assert uit["panden"][0]["naam"] == "Hoek 1"
    (tmp_path / "panden.csv").write_text(
        _KOP_CSV + regel + regel.replace("Hoek 1", "x" * 200_000).replace("P1", "P2"), "utf-8"
    )
    tekst = _fout(tmp_path, "panden.csv")
    assert (
        "panden.csv, rij 3, kolom H (naam): panden_uit: de cel is langer dan 131.072 tekens; "
        "zoveel tekst hoort niet in een cel (staat er een scheidingsteken te weinig?)"
    ) in tekst
    assert "aanhalingsteken" not in tekst


def test_fout_in_het_programma_naast_de_csv_noemt_dat_bestand(tmp_path: Path) -> None:
    """A bad row of panden.programma.csv was reported as a row of panden.csv."""
    (tmp_path / "panden.csv").write_text(
        "id;eigenaar;huidig.marktwaarde;transformatie.start;transformatie.ingreep\n"
        "P1;gemeente;400000;2026;transformatie_licht\n",
        encoding="utf-8",
    )
    (tmp_path / "panden.programma.csv").write_text(
        "pand;functie;woningen;woningen\nP1;middenhuur;6;\nP9;middenhuur;4;\n", "utf-8"
    )
    tekst = _fout(tmp_path, "panden.csv")
    programma = tmp_path / "panden.programma.csv"
    assert (
        f"{programma}, rij 3, kolom A (pand): programmaregel voor pand 'P9', dat niet op blad "
        "Panden staat"
    ) in tekst
    assert (
        f"{programma}, rij 1, kolom D (woningen): de kolomkop 'woningen' komt twee keer voor "
        "(ook in kolom C)"
    ) in tekst
