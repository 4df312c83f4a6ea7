"""``panden_uit`` under hostile or careless input (the audit of 2025): an unreadable cell
gives its own message and no follow-up errors, a duplicate id names both rows, a tab-
separated CSV is read, long headers are cut, and an .xlsx that would make openpyxl slow
is refused by a cheap pre-scan."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hulp import cli
from test_panden_uit import _herschrijf, _scenario

from transformatiecalc.fouten import ScenarioFout
from transformatiecalc.laden import laad_scenario, spreadsheet, voorscan

_KOP = "id;eigenaar;huidig.marktwaarde;transformatie.start;transformatie.ingreep"
_PROGRAMMA = "pand;functie;woningen\nP01;middenhuur;5\n"


def _meldingen(tmp_path: Path, naam: str) -> list[str]:
    """The messages of loading a scenario with ``panden_uit: naam`` (it must fail)."""
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(_scenario(tmp_path, "sc.yaml", panden_uit=naam))
    return [str(m) for m in fout.value.meldingen]


def _csv(tmp_path: Path, tekst: str, programma: str = _PROGRAMMA) -> None:
    (tmp_path / "p.csv").write_text(tekst, encoding="utf-8")
    (tmp_path / "p.programma.csv").write_text(programma, encoding="utf-8")


def test_een_dubbelzinnige_cel_geeft_geen_vervolgfout(tmp_path: Path) -> None:
    """'1.150' in huidig.marktwaarde also gave 'de inbrengwaarde is niet te bepalen: geef
    inbrengwaarde, marktwaarde of …' at its row, as if the cell were empty."""
    _csv(tmp_path, f"{_KOP}\nP01;gemeente;1.150;2026;transformatie_licht\n")
    sc = _scenario(tmp_path, "sc.yaml", panden_uit="p.csv")
    p = cli("validate", str(sc))
    assert p.returncode == 1 and "Traceback" not in p.stderr
    regels = [r for r in p.stderr.splitlines() if r.startswith("fout")]
    assert regels == [
        f"fout {tmp_path / 'p.csv'}, rij 2, kolom C (huidig.marktwaarde): "
        "panden[0].huidig.marktwaarde: '1.150' is dubbelzinnig: duizendtallen of decimalen? "
        "Schrijf het getal zonder scheidingsteken voor duizendtallen"
    ]


def _xlsx(pad: Path, panden: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Panden"
    for r in [_KOP.split(";"), *panden]:
        ws.append(r)
    wp = wb.create_sheet("Programma")
    for r in _PROGRAMMA.splitlines():
        wp.append(r.split(";"))
    wb.save(pad)


def test_tekst_of_formule_zonder_waarde_in_een_getalcel_geeft_geen_vervolgfout(
    tmp_path: Path,
) -> None:
    """'veel' in a number column is refused as in YAML, without the inbrengwaarde rule; a
    formula without a cached value was read as an empty cell, so that rule fired too."""
    _xlsx(tmp_path / "p.xlsx", [["P01", "gemeente", "veel", 2026, "transformatie_licht"]])
    assert _meldingen(tmp_path, "p.xlsx") == [
        f"{tmp_path / 'p.xlsx'}, blad Panden, rij 2, kolom C (huidig.marktwaarde): "
        "panden[0].huidig.marktwaarde: verwacht een getal, kreeg de tekst 'veel'"
    ]
    _xlsx(tmp_path / "p.xlsx", [["P01", "gemeente", "=1+1", 2026, "transformatie_licht"]])
    assert _meldingen(tmp_path, "p.xlsx") == [
        f"{tmp_path / 'p.xlsx'}, blad Panden, rij 2, kolom C (huidig.marktwaarde): "
        "panden[0].huidig.marktwaarde: de cel bevat een formule zonder berekende waarde; open "
        "het bestand in Excel of LibreOffice en sla het op, of vul de waarde zelf in"
    ]


def test_dubbele_id_noemt_beide_rijen(tmp_path: Path) -> None:
    """The second row with id P01 got 'verplicht veld programma ontbreekt' (the programme
    rows went to the first)."""
    rij = "P01;gemeente;400000;2026;transformatie_licht"
    _csv(
        tmp_path,
        f"{_KOP}\n{rij}\nP02;gemeente;500000;2026;transformatie_licht\n{rij}\n",
        _PROGRAMMA + "P02;middenhuur;4\n",
    )
    assert _meldingen(tmp_path, "p.csv") == [
        f"{tmp_path / 'p.csv'}, rij 4, kolom A (id): pand-id 'P01' komt al voor in rij 2; "
        "geef elk pand een eigen id"
    ]


def test_csv_met_tabs_wordt_gelezen(tmp_path: Path) -> None:
    """A tab-separated CSV (Excel's 'Tekst (tab)', a copy from a sheet) gave one message:
    the whole header line 'is geen sleutelpad'. A header of key paths holds no ';', ',' or
    tab of its own, so the separator it uses is safe to follow."""
    _csv(
        tmp_path,
        f"{_KOP}\nP01;gemeente;400000;2026;transformatie_licht\n".replace(";", "\t"),
        _PROGRAMMA.replace(";", "\t"),
    )
    sc = laad_scenario(_scenario(tmp_path, "sc.yaml", panden_uit="p.csv"))
    assert [(p.id, p.huidig.marktwaarde) for p in sc.panden] == [("P01", 400000)]
    assert sc.panden[0].transformatie.programma[0].woningen == 5


def test_een_lange_kolomkop_wordt_ingekort(tmp_path: Path) -> None:
    """A header of 100 000 characters was echoed whole (twice, and in the path): it is cut
    at 40 characters with an ellipsis, as a cell's text is."""
    lang, sleutel = "x " * 30 + "x", "a" * 100_000
    for kop, tekst in (
        (lang, f"de kolomkop '{'x ' * 20}…' is geen sleutelpad"),
        (sleutel, f"de kolomkop '{'a' * 40}…' is 100.000 tekens lang; een sleutelpad"),
    ):
        _csv(tmp_path, f"{_KOP};{kop}\nP01;gemeente;400000;2026;transformatie_licht;3\n")
        (melding,) = _meldingen(tmp_path, "p.csv")
        assert melding.startswith(f"{tmp_path / 'p.csv'}, rij 1, kolom F ({kop[:40]}…): {tekst}")
        assert len(melding) < 300
    _csv(tmp_path, f"{_KOP};naam\nP01;gemeente;{'q' * 1000};2026;transformatie_licht;n\n")
    assert _meldingen(tmp_path, "p.csv") == [
        f"{tmp_path / 'p.csv'}, rij 2, kolom C (huidig.marktwaarde): "
        f"panden[0].huidig.marktwaarde: verwacht een getal, kreeg de tekst '{'q' * 40}…'"
    ]
    # a programme row for an unknown pand, an id used twice: the value is cut too
    _csv(
        tmp_path,
        f"{_KOP}\nP01;gemeente;400000;2026;transformatie_licht\n",
        f"{_PROGRAMMA}{'P' * 1000};middenhuur;5\n",
    )
    (melding,) = _meldingen(tmp_path, "p.csv")
    assert f"programmaregel voor pand '{'P' * 40}…', dat niet" in melding and len(melding) < 300


def _xml_met(tekst: int) -> bytes:
    return (
        b'<?xml version="1.0"?><sst><!-- a<b<c --><x:si><t>'
        + b"y" * tekst
        + b"</t></x:si><si/><![CDATA[<<]]><?pi <x> ?></sst>"
    )


@pytest.mark.parametrize("blok", [1, 2, 3, 7, 64, 10_000])
def test_voorscan_meet_elk_token_over_de_grenzen_van_de_blokken(
    monkeypatch: pytest.MonkeyPatch, blok: int
) -> None:
    """The longest token (here '<t>' and 300 bytes of text) and the shared strings are
    found wherever the blocks are cut; a '<' inside a comment, CDATA or PI ends no token."""
    monkeypatch.setattr(voorscan, "MAX_TOKEN", 303)

    def scan(xml: bytes) -> int:
        s = voorscan._Scan("deel.xml")
        for i in range(0, len(xml), blok):
            s.voer(xml[i : i + blok], False)
        s.voer(b"", True)
        return s.teksten

    assert scan(_xml_met(300)) == 2
    with pytest.raises(voorscan.TeZwaar, match=r"onderdeel deel\.xml bevat een stuk XML"):
        scan(_xml_met(301))
    for lang in (b"<!--" + b"<a>" * 100 + b"-->", b"<![CDATA[" + b"<" * 300 + b"]]>"):
        with pytest.raises(voorscan.TeZwaar):
            scan(b"<r>" + lang + b"</r>")


def test_xlsx_dat_openpyxl_traag_maakt_wordt_vooraf_geweigerd(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 150 MB comment in a sheet took openpyxl over two minutes (its cost grows with the
    square of a token's size), five million shared strings 51 s and 930 MB. The limits
    are scaled down here (1 MB → 10 KB, 200 000 texts → 5), the files with them."""
    monkeypatch.setattr(voorscan, "MAX_TOKEN", 10_000)
    monkeypatch.setattr(voorscan, "_BLOK", 4096)
    monkeypatch.setattr(spreadsheet, "MAX_TEKSTEN", 5)
    pad = tmp_path / "p.xlsx"
    _xlsx(pad, [["P01", "gemeente", 400000, 2026, "transformatie_licht"]])
    laad_scenario(_scenario(tmp_path, "sc.yaml", panden_uit="p.xlsx"))  # it is read
    _herschrijf(
        pad,
        "xl/worksheets/sheet1.xml",
        lambda b: b.replace(b"<sheetData>", b"<!--" + b"x" * 20_000 + b"--><sheetData>"),
    )
    assert _meldingen(tmp_path, "p.xlsx") == [
        f"{tmp_path / 'sc.yaml'}:1:{_kolom(tmp_path)}: panden_uit: bestand 'p.xlsx' is niet te "
        "lezen: onderdeel xl/worksheets/sheet1.xml bevat een stuk XML van meer dan 10.000 bytes zonder "
        "onderbreking; zo schrijven Excel en LibreOffice een werkboek nooit"
    ]
    _xlsx(pad, [["P01", "gemeente", 400000, 2026, "transformatie_licht"]])
    teksten = b"".join(b"<si><t>t%d</t></si>" % i for i in range(6))
    _herschrijf(pad, "xl/worksheets/sheet1.xml", lambda b: b + b"<!--" + teksten + b"-->")
    laad_scenario(tmp_path / "sc.yaml")  # in a comment they are no shared strings
    _herschrijf(pad, "docProps/app.xml", lambda b: b"<sst>" + teksten + b"</sst>")
    assert _meldingen(tmp_path, "p.xlsx") == [
        f"{tmp_path / 'sc.yaml'}:1:{_kolom(tmp_path)}: panden_uit: bestand 'p.xlsx' is niet te "
        "lezen: het werkboek heeft meer dan 5 verschillende teksten (docProps/app.xml); "
        "zoveel heeft een spreadsheet dat dit programma leest niet"
    ]
    # the same comment in UTF-16 (with '<' in it): the scan reads UTF-8 bytes, so a part in
    # another encoding is refused, not scanned past (a 16 M-character one took 12,5 s)
    _xlsx(pad, [["P01", "gemeente", 400000, 2026, "transformatie_licht"]])
    _herschrijf(
        pad,
        "xl/worksheets/sheet1.xml",
        lambda b: (
            b"\xff\xfe"
            + b.replace(b"UTF-8", b"UTF-16")
            .replace(b"<sheetData>", b"<!--" + b"<a" * 20_000 + b"--><sheetData>")
            .decode("utf-8")
            .encode("utf-16-le")
        ),
    )
    assert _meldingen(tmp_path, "p.xlsx") == [
        f"{tmp_path / 'sc.yaml'}:1:{_kolom(tmp_path)}: panden_uit: bestand 'p.xlsx' is niet te "
        "lezen: onderdeel xl/worksheets/sheet1.xml is geen UTF-8-XML; zo schrijven Excel en "
        "LibreOffice een werkboek nooit"
    ]


def _kolom(tmp_path: Path) -> int:
    """The column of panden_uit's value in the one-line JSON scenario sc.yaml."""
    tekst = (tmp_path / "sc.yaml").read_text(encoding="utf-8")
    return tekst.index('"panden_uit": "') + len('"panden_uit": "')
