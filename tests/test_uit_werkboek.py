"""``uit-werkboek`` (issue #16 item 7): the inputs a recipient changed in the workbook, back
into a scenario — a variant that erft_van the original and lists only what changed.

The round trip: export the example with ``run -o``, change three inputs of different kinds
with openpyxl, recalculate in LibreOffice (tests/libreoffice.py), read the workbook back
into a variant, run the engine on it: every per-pand and per-functie result equals the
recalculated workbook's cells (to the cent, the comparison of test_excel_invoer.py). Then
each kind of error, with its exact message.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from hulp import cli
from ruamel.yaml import YAML

openpyxl = pytest.importorskip("openpyxl")

from libreoffice import herreken, soffice  # noqa: E402
from test_excel import EIS_LO  # noqa: E402
from test_excel_invoer import afwijkingen  # noqa: E402

from transformatiecalc import ScenarioFout, bereken, laad_scenario  # noqa: E402
from transformatiecalc.laden.werkboek import lees_werkboek  # noqa: E402
from transformatiecalc.toegang import Toegang  # noqa: E402
from transformatiecalc.uitvoer.excel import bouw_werkboek  # noqa: E402
from transformatiecalc.uitvoer.excel.invoerkaart import KAART  # noqa: E402
from transformatiecalc.uitvoer.huisstijl import Huisstijl  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"
BRON = "scenarios/voorbeeld_binnenstad.yaml"  # as the user gave it, from the project folder


def _project(map_: Path) -> Path:
    """A project folder with the example scenario at scenarios/."""
    (map_ / "scenarios").mkdir(parents=True)
    shutil.copy(VOORBEELD, map_ / BRON)
    return map_


def _adres(wb: Any, pad: str) -> str:
    """The cell on Uitgangspunten that shows scenario path `pad`, from the Invoerkaart as
    docs/excel.md describes it: a JSON document in column A below the row 'kaart'."""
    delen = [r[0] for r in wb[KAART].iter_rows(max_col=1, values_only=True)]
    kaart = json.loads("".join(delen[delen.index("kaart") + 1 :]))
    return next(str(c[0]) for c in kaart["cellen"] if c[1] == pad)


def _wijzig(bron: Path, doel: Path, wijzigingen: dict[str, Any]) -> dict[str, str]:
    """Save `bron` with `wijzigingen` (scenario path → new value) at `doel`; the cells."""
    wb = openpyxl.load_workbook(bron)
    cellen = {pad: _adres(wb, pad) for pad in wijzigingen}
    for pad, waarde in wijzigingen.items():
        wb["Uitgangspunten"][cellen[pad]].value = waarde
    wb.save(doel)
    return cellen


DRIE = {
    "markt.disconteringsvoet": 0.0625,  # a market rate
    "kosten.per_m2_bvo.transformatie_zwaar": 2350,  # bouwkosten per m² of an ingreep
    "panden[2].transformatie.bouwtijd": 3,  # a pand's bouwtijd: the default spread follows
}


#: Every other kind of input: a rent, a pand's bouwtijd with its spread typed over the
#: formulas, a given spread, woningen of a programme row (a list without ids: written whole),
#: extra kosten typed into a pand without posts, a derived boekwaarde overwritten, ja/nee,
#: a start.
ALLE = {
    "functies.middenhuur.huur_per_maand": 1050,
    "panden[6].transformatie.bouwtijd": 2,
    "panden[6].transformatie.kostenverdeling[0]": 0.4,
    "panden[6].transformatie.kostenverdeling[1]": 0.6,
    "panden[13].transformatie.kostenverdeling[0]": 0.3,
    "panden[13].transformatie.kostenverdeling[1]": 0.7,
    "panden[1].transformatie.programma[0].woningen": 7,
    "panden[3].transformatie.extra_kosten": 125_000,
    "panden[9].huidig.boekwaarde": 900_000,
    "panden[11].transformatie.verwerving": True,
    "panden[4].transformatie.start": 2030,
}


@pytest.fixture(scope="module")
def heen_en_terug(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Export with run -o, change inputs (DRIE, ALLE), recalculate in LibreOffice (one start
    for both), read each back with uit-werkboek."""
    if soffice() is None:
        if EIS_LO:
            pytest.fail("LibreOffice is vereist in CI maar niet gevonden")
        pytest.skip("LibreOffice niet geïnstalleerd")
    map_ = _project(tmp_path_factory.mktemp("heen"))
    p = cli("run", BRON, "-o", "werkboek.xlsx", "-q", cwd=map_)
    assert p.returncode == 0, p.stderr
    cellen = {
        naam: _wijzig(map_ / "werkboek.xlsx", map_ / f"{naam}.xlsx", wijzigingen)
        for naam, wijzigingen in (("drie", DRIE), ("alle", ALLE))
    }
    herrekend = dict(zip(cellen, herreken([map_ / f"{n}.xlsx" for n in cellen], map_), strict=True))
    (map_ / "varianten").mkdir()
    uit = {
        naam: cli("uit-werkboek", str(pad), "-o", f"varianten/{naam}.yaml", cwd=map_)
        for naam, pad in herrekend.items()
    }
    return {"map": map_, "herrekend": herrekend, "cellen": cellen, "uit": uit}


def _variant(heen_en_terug: dict[str, Any], naam: str) -> tuple[Any, Any]:
    """The variant's text and the engine's result on it."""
    map_ = heen_en_terug["map"]
    p = heen_en_terug["uit"][naam]
    assert p.returncode == 0, p.stderr
    variant = map_ / "varianten" / f"{naam}.yaml"
    return variant.read_text(encoding="utf-8"), bereken(
        laad_scenario(variant, Toegang.voor(variant, [map_]))
    )


@pytest.mark.parametrize("naam", ["drie", "alle"])
def test_de_variant_rekent_als_het_herrekende_werkboek(
    heen_en_terug: dict[str, Any], naam: str
) -> None:
    """Every per-pand (sheet Panden) and per-functie (Functies) result of the recalculated
    workbook equals the engine's on the variant, to the cent."""
    _, motor = _variant(heen_en_terug, naam)
    assert afwijkingen(motor, heen_en_terug["herrekend"][naam], set()) == []
    # and the changes mattered: the original's ORT differs
    basis = bereken(laad_scenario(heen_en_terug["map"] / BRON))
    assert (motor.panden["onrendabele_top"] - basis.panden["onrendabele_top"]).abs().max() > 1


def test_de_variant_noemt_alleen_de_drie_wijzigingen(heen_en_terug: dict[str, Any]) -> None:
    tekst, _ = _variant(heen_en_terug, "drie")
    cellen = heen_en_terug["cellen"]["drie"]
    pand = laad_scenario(heen_en_terug["map"] / BRON).panden[2].id
    assert YAML(typ="safe").load(tekst) == {
        "erft_van": "../scenarios/voorbeeld_binnenstad.yaml",
        "markt": {"disconteringsvoet": 0.0625},
        "kosten": {"per_m2_bvo": {"transformatie_zwaar": 2350}},
        "panden": [{"id": pand, "transformatie": {"bouwtijd": 3}}],
    }
    # each value says where it came from, and what it was
    cel = cellen["markt.disconteringsvoet"]
    assert f"disconteringsvoet: 0.0625  # Uitgangspunten!{cel}, was 0,055" in tekst
    uit = heen_en_terug["uit"]["drie"].stdout
    assert "3 wijzigingen in het werkboek:" in uit
    assert f"Uitgangspunten!{cel}  markt.disconteringsvoet: 0,055 → 0,0625" in uit


def test_lijsten_en_afgeleide_waarden_in_de_variant(heen_en_terug: dict[str, Any]) -> None:
    """A spread is written whole over the bouwtijd, a programme whole as the original wrote
    it, extra kosten typed into a pand's total as one post."""
    tekst, _ = _variant(heen_en_terug, "alle")
    variant = YAML(typ="safe").load(tekst)
    panden = {p["id"]: p for p in variant["panden"]}
    assert variant["functies"] == {"middenhuur": {"huur_per_maand": 1050}}
    assert panden["P07"]["transformatie"] == {"bouwtijd": 2, "kostenverdeling": [0.4, 0.6]}
    assert panden["P14"]["transformatie"] == {"kostenverdeling": [0.3, 0.7]}
    assert panden["P02"]["transformatie"] == {
        "programma": [{"functie": "middenhuur", "woningen": 7}]
    }
    assert panden["P04"]["transformatie"] == {"extra_kosten": {"overig": 125_000}}
    assert panden["P10"] == {"id": "P10", "huidig": {"boekwaarde": 900_000}}
    assert panden["P12"]["transformatie"] == {"verwerving": True}
    assert panden["P05"]["transformatie"] == {"start": 2030}
    assert set(variant) == {"erft_van", "functies", "panden"} and len(panden) == 7


def test_ongewijzigd_werkboek_geeft_een_lege_variant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exported, opened and saved by LibreOffice (recalculated), read back: nothing changed."""
    if soffice() is None:
        pytest.skip("LibreOffice niet geïnstalleerd")
    map_ = _project(tmp_path)
    monkeypatch.chdir(map_)
    _exporteer(map_)
    (herrekend,) = herreken([map_ / "werkboek.xlsx"], map_)
    terug = lees_werkboek(herrekend, map_ / "leeg.yaml")
    assert terug.wijzigingen == []
    assert terug.variant == {"erft_van": "scenarios/voorbeeld_binnenstad.yaml"}


# ------------------------------------------------------------------ errors
def _exporteer(map_: Path) -> Path:
    """The example's workbook, made as `run -o` makes it (bron as given), without charts."""
    resultaat = bereken(laad_scenario(map_ / BRON), bron=BRON)
    uit = map_ / "werkboek.xlsx"
    uit.write_bytes(bouw_werkboek(resultaat, Huisstijl(), {}).inhoud)
    return uit


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    map_ = _project(tmp_path_factory.mktemp("fouten"))
    _exporteer(map_)
    return map_


def _meldingen(project: Path, wijzigingen: dict[str, Any], naam: str = "fout.xlsx") -> list[str]:
    """The messages uit-werkboek gives after `wijzigingen`, with the cells in {pad}."""
    wb = openpyxl.load_workbook(project / "werkboek.xlsx")
    for pad, waarde in wijzigingen.items():
        if "!" in pad:
            wb["Uitgangspunten"][pad.split("!")[1]].value = waarde
        else:
            wb["Uitgangspunten"][_adres(wb, pad)].value = waarde
    wb.save(project / naam)
    with pytest.raises(ScenarioFout) as fout:
        lees_werkboek(project / naam, project / "variant.yaml")
    return [str(m) for m in fout.value.meldingen]


def _cel(project: Path, pad: str) -> str:
    wb = openpyxl.load_workbook(project / "werkboek.xlsx", read_only=True)
    try:
        return _adres(wb, pad)
    finally:
        wb.close()


def test_fouten_per_cel(project: Path) -> None:
    """Text where a number belongs, 5,5 for 0,055, an unknown choice, a locked value, a
    locked formula overwritten, an emptied input, an ambiguous number: all at once, each
    at its cell, in Dutch."""
    kk = _cel(project, "markt.kosten_koper")
    meldingen = _meldingen(
        project,
        {
            "markt.disconteringsvoet": "vijf procent",
            "markt.bouwrente": 5.5,
            "conventies.ak_grondslag": "bouwen",
            "horizon": 40,
            f"Uitgangspunten!{kk}": 0.1,
            "kosten.bijkomend": None,
            "kosten.per_m2_bvo.transformatie_licht": "1.150",
        },
    )
    c = {
        p: _cel(project, p)
        for p in (
            "markt.disconteringsvoet",
            "markt.bouwrente",
            "conventies.ak_grondslag",
            "horizon",
            "kosten.bijkomend",
            "kosten.per_m2_bvo.transformatie_licht",
        )
    }
    w = str(project / "fout.xlsx")
    assert sorted(meldingen) == sorted(
        [
            f"{w}, Uitgangspunten!{c['horizon']}: horizon: deze cel is vast en is gewijzigd (was "
            "30, nu 40): bepaalt het aantal jaarkolommen van het blad Kasstromen. Wijzig dit in "
            "het scenario en exporteer opnieuw.",
            f"{w}, Uitgangspunten!{kk}: markt.kosten_koper: deze cel is een formule, geen invoer, "
            "en is overschreven (overdrachtsbelasting + overig; wijzig een van die twee)",
            f"{w}, Uitgangspunten!{c['kosten.bijkomend']}: kosten.bijkomend: de cel is leeg "
            "gemaakt; vul een waarde in (een waarde weglaten kan alleen in het scenario)",
            f"{w}, Uitgangspunten!{c['kosten.per_m2_bvo.transformatie_licht']}: "
            "kosten.per_m2_bvo.transformatie_licht: '1.150' is dubbelzinnig: duizendtallen of "
            "decimalen? Schrijf het getal zonder scheidingsteken voor duizendtallen",
            f"{w}, Uitgangspunten!{c['markt.disconteringsvoet']}: markt.disconteringsvoet: "
            "verwacht een getal, kreeg de tekst 'vijf procent'",
            f"{w}, Uitgangspunten!{c['markt.bouwrente']}: markt.bouwrente: mag hoogstens 0.3 "
            "zijn, kreeg 5.5; percentages schrijf je als fractie: 5.5 % = 0.055",
            f"{w}, Uitgangspunten!{c['conventies.ak_grondslag']}: conventies.ak_grondslag: "
            "ongeldige waarde: de tekst 'bouwen' (bedoelde je 'bouw'?); toegestaan: bouw, "
            "bouw_en_grond, opbrengst",
        ]
    )


def test_tekst_met_komma_is_een_getal(project: Path, tmp_path: Path) -> None:
    """'0,06' typed as text (an English Excel) is 0.06, as in panden_uit."""
    wb = openpyxl.load_workbook(project / "werkboek.xlsx")
    wb["Uitgangspunten"][_adres(wb, "markt.disconteringsvoet")].value = "0,06"
    wb.save(project / "komma.xlsx")
    terug = lees_werkboek(project / "komma.xlsx", project / "komma.yaml")
    assert terug.variant["markt"] == {"disconteringsvoet": 0.06}


def test_getal_van_duizenden_cijfers_als_tekst(project: Path) -> None:
    """Was exit 3 (Python's limit on int conversion); now a message at the cell."""
    cel = _cel(project, "markt.disconteringsvoet")
    meldingen = _meldingen(project, {"markt.disconteringsvoet": "1" * 5000}, "lang.xlsx")
    assert meldingen == [
        f"{project / 'lang.xlsx'}, Uitgangspunten!{cel}: markt.disconteringsvoet: een getal van 5.000 "
        "tekens; een scenario schrijft getallen van hoogstens 100 tekens"
    ]


def _enige_melding(*args: Any, **kwargs: Any) -> str:
    """The one message with which lees_werkboek refuses."""
    with pytest.raises(ScenarioFout) as fout:
        lees_werkboek(*args, **kwargs)
    (melding,) = fout.value.meldingen
    return str(melding)


def test_oorspronkelijk_scenario_niet_gevonden(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Looked for relative to the working directory and beside the workbook."""
    shutil.copy(project / "werkboek.xlsx", tmp_path / "werkboek.xlsx")
    monkeypatch.chdir(tmp_path)
    assert _enige_melding(Path("werkboek.xlsx"), Path("variant.yaml")) == (
        f"werkboek.xlsx:1:1: het oorspronkelijke scenario '{BRON}' (volgens het werkboek) is "
        f"niet gevonden (gezocht: {tmp_path / BRON}, {tmp_path / 'voorbeeld_binnenstad.yaml'}); "
        "geef het pad met --basis PAD"
    )


def test_basis_naast_het_werkboek_of_met_basis(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The original beside the workbook is found; --basis names it elsewhere."""
    monkeypatch.chdir(tmp_path)
    ander = tmp_path / "ergens"
    ander.mkdir()
    shutil.copy(project / "werkboek.xlsx", ander / "werkboek.xlsx")
    shutil.copy(VOORBEELD, ander / "voorbeeld_binnenstad.yaml")
    terug = lees_werkboek(ander / "werkboek.xlsx", tmp_path / "uit" / "v.yaml")
    assert terug.variant["erft_van"] == "../ergens/voorbeeld_binnenstad.yaml"
    terug = lees_werkboek(ander / "werkboek.xlsx", tmp_path / "v.yaml", basis=project / BRON)
    assert terug.basis == project / BRON


def test_werkboek_wijst_naar_een_bestand_buiten_de_mappen(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scenario path on the Invoerkaart is the workbook's word, and a workbook comes from
    others: it made uit-werkboek read any file (/etc/passwd, a YAML elsewhere, with its
    parse error echoed). Outside the allowed folders it is now refused unread."""
    (tmp_path / "geheim").mkdir()
    geheim = tmp_path / "geheim" / "s.yaml"
    geheim.write_text("naam: geheim\napi_token: zeer-geheim-789\nstartjaar: [\n", "utf-8")
    (tmp_path / "w").mkdir()
    wb = openpyxl.load_workbook(project / "werkboek.xlsx")
    for rij in wb[KAART].iter_rows(max_col=2):
        if rij[0].value == "scenario":
            rij[1].value = str(geheim)
    wb.save(tmp_path / "w" / "werkboek.xlsx")
    monkeypatch.chdir(tmp_path / "w")
    assert _enige_melding(Path("werkboek.xlsx"), Path("v.yaml")) == (
        f"werkboek.xlsx:1:1: het oorspronkelijke scenario '{geheim}' (volgens het werkboek) "
        f"ligt buiten de toegestane mappen ({tmp_path / 'w'}); geef het pad met --basis PAD, of "
        "de map met --toegang MAP"
    )
    # allowed explicitly, it is read (and here refused for what it is)
    with pytest.raises(ScenarioFout) as fout:
        lees_werkboek(Path("werkboek.xlsx"), Path("v.yaml"), mappen=[tmp_path / "geheim"])
    assert "YAML-syntaxfout" in str(fout.value)


def test_gewijzigd_oorspronkelijk_scenario(project: Path, tmp_path: Path) -> None:
    kopie = tmp_path / "scenarios" / "voorbeeld_binnenstad.yaml"
    kopie.parent.mkdir()
    kopie.write_text(
        VOORBEELD.read_text(encoding="utf-8").replace("horizon: 30", "horizon: 31"),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioFout) as fout:
        lees_werkboek(project / "werkboek.xlsx", tmp_path / "v.yaml", basis=kopie)
    (melding,) = fout.value.meldingen
    assert melding.code == "werkboek.basis_gewijzigd"
    assert str(melding).startswith(
        f"{project / 'werkboek.xlsx'}:1:1: het scenario '{kopie}' is niet meer het scenario "
        "waarvan het werkboek is gemaakt (sha256 "
    )
    assert str(melding).endswith(
        "het scenario of een bestand waarvan het erft is sindsdien gewijzigd. Zet het "
        "oorspronkelijke scenario terug, of exporteer het werkboek opnieuw en breng de "
        "wijzigingen daarin over"
    )


def test_werkboek_zonder_invoerkaart(project: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(project / "werkboek.xlsx")
    del wb[KAART]
    wb.save(tmp_path / "oud.xlsx")
    with pytest.raises(ScenarioFout) as fout:
        lees_werkboek(tmp_path / "oud.xlsx", tmp_path / "v.yaml")
    assert [m.code for m in fout.value.meldingen] == ["werkboek.geen_kaart"]


def test_cli_fout_is_exit_1_zonder_traceback(project: Path) -> None:
    wb = openpyxl.load_workbook(project / "werkboek.xlsx")
    cel = _adres(wb, "horizon")
    wb["Uitgangspunten"][cel].value = 40
    wb.save(project / "cli.xlsx")
    p = cli("uit-werkboek", "cli.xlsx", "-o", "v.yaml", cwd=project)
    assert p.returncode == 1
    assert "Traceback" not in p.stderr
    assert f"fout cli.xlsx, Uitgangspunten!{cel}: horizon: deze cel is vast" in p.stderr
    assert "1 fout in het werkboek; geen variant geschreven." in p.stderr
    assert not (project / "v.yaml").exists()


def test_cli_overschrijft_geen_invoer_of_bestaand_bestand(project: Path) -> None:
    p = cli("uit-werkboek", "werkboek.xlsx", "-o", BRON, cwd=project)
    assert p.returncode == 2 and "dat is een invoerbestand van deze run" in p.stderr
    (project / "bestaat.yaml").write_text("# van mij\n", encoding="utf-8")
    p = cli("uit-werkboek", "werkboek.xlsx", "-o", "bestaat.yaml", cwd=project)
    assert p.returncode == 1 and "bestaat al" in p.stderr
    assert (project / "bestaat.yaml").read_text(encoding="utf-8") == "# van mij\n"
    p = cli("uit-werkboek", "werkboek.xlsx", "-o", "v.txt", cwd=project)
    assert p.returncode == 2 and ".yaml" in p.stderr


def test_formule_zonder_berekende_waarde_in_een_invoercel(project: Path) -> None:
    """A formula typed into an input counts with its cached value; saved by a program that
    does not calculate (openpyxl), it has none: the message says what to do."""
    cel = _cel(project, "markt.btw")
    meldingen = _meldingen(project, {"markt.btw": "=0.2+0.01"}, "formule.xlsx")
    assert meldingen == [
        f"{project / 'formule.xlsx'}, Uitgangspunten!{cel}: markt.btw: de cel bevat een formule "
        "zonder berekende waarde; open het werkboek in Excel of LibreOffice en sla het op, of "
        "typ de waarde zelf"
    ]


def test_beschadigd_werkboek_is_een_melding(project: Path) -> None:
    """Damaged sheet XML surfaced only while openpyxl iterated the rows: exit 3 (ParseError)."""
    import io
    import zipfile

    oud = zipfile.ZipFile(project / "werkboek.xlsx")
    uit = io.BytesIO()
    with zipfile.ZipFile(uit, "w", zipfile.ZIP_DEFLATED) as z:
        for info in oud.infolist():
            inhoud = oud.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                inhoud = inhoud[: len(inhoud) // 2]
            z.writestr(info.filename, inhoud)
    (project / "kapot.xlsx").write_bytes(uit.getvalue())
    p = cli("uit-werkboek", "kapot.xlsx", "-o", "kapot.yaml", cwd=project)
    assert p.returncode == 1 and "Traceback" not in p.stderr and "interne fout" not in p.stderr
    assert (
        "fout kapot.xlsx:1:1: het werkboek is niet te lezen: blad Invoerkaart is beschadigd "
        "(ParseError); sla het op in Excel of LibreOffice en probeer het opnieuw"
    ) in " ".join(p.stderr.split())
    assert not (project / "kapot.yaml").exists()
