"""`run --pand ID`: one pand in detail in the terminal — its residual land value built up
from V, the ORT and its two parts, what closes the gap, and its functies — the way a project
leader asks "what causes the gap of my pand and what closes it" without a workbook."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from transformatiecalc.cli import main
from transformatiecalc.getallen import duizendtallen
from transformatiecalc.uitvoer.notatie import procent
from transformatiecalc.uitvoer.pand import pand_ids

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
POSTEN = (
    ("bouwkosten", "bouwkosten"),
    ("bijkomende_kosten", "bijkomende kosten"),
    ("onvoorzien", "onvoorzien"),
    ("btw", "BTW"),
    ("financieringskosten", "financiering"),
    ("algemene_kosten", "algemene kosten"),
    ("winst_en_risico", "winst & risico"),
)


def _run(args: list[str], capsys: pytest.CaptureFixture[str], mp: pytest.MonkeyPatch) -> str:
    mp.setenv("COLUMNS", "80")
    assert main(args) == 0
    return capsys.readouterr().out


def _bedrag(uit: str, label: str) -> int:
    """The amount on the line that starts with `label` (Dutch thousands, '€ ' optional)."""
    m = re.search(rf"^{re.escape(label)}\s+(?:€ )?(-?[\d.]+)\s*$", uit, re.M)
    assert m is not None, label
    return int(m.group(1).replace(".", ""))


def test_een_pand_in_detail(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    pad = tmp_path / "v.json"
    uit = _run(["run", str(VOORBEELD), "--pand", "P01", "--json", str(pad)], capsys, monkeypatch)
    p = next(p for p in json.loads(pad.read_text("utf-8"))["panden"] if p["id"] == "P01")
    # the build-up: V, each post as a negative step, and the steps add up to the RG
    stappen = [_bedrag(uit, "opbrengst V")] + [_bedrag(uit, label) for _, label in POSTEN]
    assert stappen[0] == round(p["opbrengst"])
    for (sleutel, label), stap in zip(POSTEN, stappen[1:], strict=True):
        assert stap == -round(p["kosten"][sleutel]), label
    rg = _bedrag(uit, "residuele grondwaarde")
    assert rg == round(p["residuele_grondwaarde_oplevering"])
    assert abs(sum(stappen) - rg) <= len(POSTEN)  # each step rounded to the euro
    # the ORT, its two parts, and what closes the gap, each with its unit and basis
    assert _bedrag(uit, "onrendabele top (€, peildatum)") == round(p["onrendabele_top"])
    zonder = _bedrag(uit, "ORT zonder inbreng (€, peildatum)")
    aandeel = _bedrag(uit, "inbreng-aandeel ORT (€, peildatum)")
    assert abs(zonder + aandeel - round(p["onrendabele_top"])) <= 1
    assert _bedrag(uit, "sluitende subsidie, betaald in 2027 (€, nominaal)") == round(
        p["subsidie_sluitend"]
    )
    assert _bedrag(uit, "maximale inbrengwaarde (€, peildatum)") == round(p["max_inbrengwaarde"])
    assert f"€ {duizendtallen(p['break_even_bouwkosten_per_m2'])}" in uit
    assert re.search(rf"^IRR \(% per jaar\)\s+{re.escape(procent(p['irr']))}$", uit, re.M)
    # its functies in whole euros, no other pand
    for f in p["functies"]:
        assert re.search(
            rf"^{f['functie']}\s+{f['woningen']}\s+{re.escape(duizendtallen(f['onrendabele_top']))}\s",
            uit,
            re.M,
        ), f["functie"]
    assert "Waar de ORT vandaan komt, per functie (P01)" in uit
    assert "P02" not in uit and "Kerkstraat" not in uit
    assert all(
        len(r) <= 80
        for r in uit.splitlines()
        if not r.startswith(("scenario sha256", "geschreven"))
    )


def test_meer_panden_en_hoofdletters(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    uit = _run(["run", str(VOORBEELD), "--pand", "p11", "--pand", "P02"], capsys, monkeypatch)
    assert uit.index("P11 Voormalig postkantoor") < uit.index("P02 Bovenwoningen")
    assert "Voormalig warenhuis" not in uit


def test_pand_ids_exact_voor_hoofdletters() -> None:
    """Ids are matched exactly, or else ignoring case where that names one pand: a
    scenario may hold both P1 and p1 (the workbook's formulas are exact)."""
    assert pand_ids(["P1", "p1", "P2"], ["p1", "P2", "p2", "P3"]) == (["p1", "P2"], ["P3"])
    assert pand_ids(["P1", "p1"], ["P1"]) == (["P1"], [])
    assert pand_ids(["P1", "p1"], ["P1", "P1"]) == (["P1"], [])


@pytest.mark.parametrize(
    ("extra", "melding"),
    [
        (["--pand", "P99", "--pand", "x"], "'P99', 'x': geen pand van dit scenario"),
        # escaped once, where it is printed: markup as text, ESC visible, no repr quotes
        (["--pand", "[red]x", "--pand", "a\x1bb"], "'[red]x', 'a\\x1bb': geen pand"),
        (["--pand", "P01", "-q"], "dat kan niet samen met --stil"),
        (["--pand", "P01", "--json", "-"], "dat kan niet samen met --json -"),
    ],
)
def test_verkeerd_gevraagd_pand_is_een_gebruiksfout(
    extra: list[str], melding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    werkboek = tmp_path / "v.xlsx"
    assert main(["run", str(VOORBEELD), "-o", str(werkboek), *extra]) == 2
    fout = capsys.readouterr().err.replace("\n", " ")
    assert "ongeldige waarde voor '--pand'" in fout and melding in fout
    assert not werkboek.exists()  # nothing written


def test_een_pand_zonder_irr_zegt_waarom_onder_de_tabel(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A pand without an IRR: '–' in its cell and the engine's reason under the table (in
    the number column the reason was cut with '…' and folded every label)."""
    from rich.console import Console

    from transformatiecalc import bereken, laad_scenario
    from transformatiecalc.engine.kasstroom import IRR_REDENEN, IrrReden
    from transformatiecalc.uitvoer.pand import toon_pand

    res = bereken(laad_scenario(VOORBEELD))
    reden = str(IRR_REDENEN[IrrReden.GEEN_WISSELING])
    res.panden.loc["P02", ["irr", "irr_reden"]] = [float("nan"), reden]
    console = Console(width=80, record=True, file=io.StringIO())
    toon_pand(res, "P02", console)
    uit = console.export_text()
    assert re.search(r"^IRR \(% per jaar\)\s+–$", uit, re.M), uit
    assert f"IRR –: {reden}" in " ".join(uit.split())
    assert "…" not in uit and all(len(r) <= 80 for r in uit.splitlines())
