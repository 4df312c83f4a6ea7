"""Malformed scenarios: each gives a located Dutch message (file:line:column: path: text).

Every file in tests/data/ongeldig starts with '# verwacht: REGEL:KOLOM: PAD: TEKST'; the
first message for that file must be exactly at that place, with that path, and start
with that text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from transformatiecalc import ScenarioFout, laad_scenario
from transformatiecalc.laden import MAX_GROOTTE

DATA = Path(__file__).parent / "data"
ONGELDIG = sorted((DATA / "ongeldig").glob("*.yaml"))


def _verwacht(pad: Path) -> tuple[int, int, str, str]:
    # the first line only: a corpus file may hold bytes that are not UTF-8 further on
    kop = pad.read_bytes().split(b"\n", 1)[0].decode("utf-8").removeprefix("# verwacht: ")
    regel, kolom, rest = kop.split(":", 2)
    plek, tekst = rest.strip().split(": ", 1) if not rest.startswith(" : ") else ("", rest[3:])
    return int(regel), int(kolom), plek, tekst


@pytest.mark.parametrize("pad", ONGELDIG, ids=[p.stem for p in ONGELDIG])
def test_ongeldig_scenario_geeft_geplaatste_melding(pad: Path) -> None:
    regel, kolom, plek, tekst = _verwacht(pad)
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    m = fout.value.meldingen[0]
    assert (m.bestand, m.regel, m.kolom, m.pad) == (str(pad), regel, kolom, plek)
    assert m.tekst.startswith(tekst)
    assert str(m).startswith(f"{pad}:{regel}:{kolom}: ")


def test_alle_fouten_tegelijk(tmp_path: Path) -> None:
    tekst = (DATA / "geldig" / "klein.yaml").read_text()
    tekst = tekst.replace("bar: 0.05", "bar: 5").replace("woningen: 6", "woningen: 0")
    tekst = tekst.replace("soort: gemeente,", "soort: gemeente, wr: -1,")
    pad = tmp_path / "s.yaml"
    pad.write_text(tekst)
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    assert [m.pad for m in fout.value.meldingen] == [
        "partijen.gemeente.wr",
        "functies.middenhuur.waardering.bar",
        "panden[0].transformatie.programma[0].woningen",
    ]


def test_leeg_bestand(tmp_path: Path) -> None:
    for inhoud in ("", "\n\n", "# alleen commentaar\n"):
        pad = tmp_path / "leeg.yaml"
        pad.write_text(inhoud)
        with pytest.raises(ScenarioFout, match="het bestand is leeg"):
            laad_scenario(pad)


def test_geen_utf8(tmp_path: Path) -> None:
    pad = tmp_path / "latin1.yaml"
    pad.write_bytes("naam: café\n".encode("latin-1"))
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    m = fout.value.meldingen[0]
    assert (m.regel, m.kolom) == (1, 10)
    assert "geen geldige UTF-8 (byte 0xe9)" in m.tekst


def test_te_groot_bestand(tmp_path: Path) -> None:
    pad = tmp_path / "groot.yaml"
    with pad.open("wb") as f:  # 50 MB (sparse): refused by size, before it is read
        f.truncate(50 * 1024 * 1024)
    assert pad.stat().st_size > MAX_GROOTTE
    with pytest.raises(ScenarioFout, match="hoogstens 10 MB"):
        laad_scenario(pad)


def test_geen_mapping(tmp_path: Path) -> None:
    pad = tmp_path / "lijst.yaml"
    pad.write_text("- 1\n- 2\n")
    with pytest.raises(ScenarioFout, match="een scenario is een mapping"):
        laad_scenario(pad)


def test_bestand_bestaat_niet(tmp_path: Path) -> None:
    with pytest.raises(ScenarioFout, match="bestand niet gevonden"):
        laad_scenario(tmp_path / "weg.yaml")


def test_erft_van_voegt_samen(tmp_path: Path) -> None:
    (tmp_path / "basis.yaml").write_text((DATA / "geldig" / "klein.yaml").read_text())
    (tmp_path / "variant.yaml").write_text(
        "erft_van: basis.yaml\n"
        "naam: variant\n"
        "kosten: {bijkomend: 0.2}\n"
        "panden:\n"
        "  - id: P1\n"
        "    transformatie: {start: 2027}\n"
        "  - id: P2\n"
        "    eigenaar: gemeente\n"
        "    huidig: {marktwaarde: 100000}\n"
        "    transformatie: {start: 2026, ingreep: licht, programma: [{functie: middenhuur, woningen: 1}]}\n"
    )
    sc = laad_scenario(tmp_path / "variant.yaml")
    assert sc.naam == "variant"
    assert sc.erft_van == "basis.yaml"
    assert sc.kosten.bijkomend == 0.2 and sc.kosten.per_m2_bvo == {
        "licht": 1200
    }  # merged, not replaced
    assert [p.id for p in sc.panden] == ["P1", "P2"]
    assert sc.panden[0].transformatie.start == 2027  # merged by id
    assert sc.panden[0].transformatie.programma[0].woningen == 6  # kept from the basis


def test_erft_van_met_een_andere_soort_vervangt_in_plaats_van_samen_te_voegen(
    tmp_path: Path,
) -> None:
    """A variant that values a functie by DCF instead of BAR gets the DCF it wrote, not a
    DCF with the basis' 'bar' merged in (which was refused as an unknown key in the basis,
    a dead end: a child cannot remove a key). The same for a functie of another soort and a
    distribution of another kind; the same methode is still merged key by key."""
    (tmp_path / "basis.yaml").write_text((DATA / "geldig" / "klein.yaml").read_text())
    (tmp_path / "dcf.yaml").write_text(
        "erft_van: basis.yaml\n"
        "functies:\n"
        "  middenhuur:\n"
        "    waardering: {methode: dcf, termijn: 30, eindwaarde: 0}\n"
    )
    w = laad_scenario(tmp_path / "dcf.yaml").functies["middenhuur"].waardering
    assert (w.methode, w.termijn, w.exit_yield) == ("dcf", 30, None)
    (tmp_path / "bar.yaml").write_text(
        "erft_van: basis.yaml\nfuncties: {middenhuur: {waardering: {methode: bar, bar: 0.06}}}\n"
    )
    assert laad_scenario(tmp_path / "bar.yaml").functies["middenhuur"].waardering.bar == 0.06
    (tmp_path / "koop.yaml").write_text(
        "erft_van: basis.yaml\n"
        "functies:\n"
        "  middenhuur: {soort: koopwoning, von_prijs_incl_btw: 400000, bvo_per_woning: 80}\n"
    )
    assert laad_scenario(tmp_path / "koop.yaml").functies["middenhuur"].soort == "koopwoning"


def test_erft_van_vervangt_een_verdeling_van_een_ander_soort(tmp_path: Path) -> None:
    (tmp_path / "basis.yaml").write_text(
        (DATA / "geldig" / "klein.yaml").read_text()
        + "onzekerheid:\n  trekkingen: 10\n  parameters:\n"
        "    markt.disconteringsvoet: {verdeling: normaal, gemiddelde: 0.05, sd: 0.005}\n"
    )
    (tmp_path / "kind.yaml").write_text(
        "erft_van: basis.yaml\nonzekerheid:\n  parameters:\n"
        "    markt.disconteringsvoet: {verdeling: uniform, min: 0.04, max: 0.06}\n"
    )
    v = laad_scenario(tmp_path / "kind.yaml").onzekerheid.parameters["markt.disconteringsvoet"]
    assert (v.verdeling, v.min, v.max) == ("uniform", 0.04, 0.06)


def test_geerfde_exit_yield_naast_eindwaarde_nul_zegt_hoe_hij_weg_kan(tmp_path: Path) -> None:
    """Within the same methode the merge stays key by key: a child that writes eindwaarde: 0
    onto a basis DCF with an exit_yield gets both, and the message says how to drop the
    inherited one; exit_yield: null does."""
    (tmp_path / "basis.yaml").write_text(
        (DATA / "geldig" / "klein.yaml")
        .read_text()
        .replace("{methode: bar, bar: 0.05}", "{methode: dcf, termijn: 20, exit_yield: 0.06}")
    )
    (tmp_path / "kind.yaml").write_text(
        "erft_van: basis.yaml\nfuncties: {middenhuur: {waardering: {eindwaarde: 0}}}\n"
    )
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(tmp_path / "kind.yaml")
    (m,) = fout.value.meldingen
    assert m.code == "functie.dcf_eindwaarde" and "exit_yield: null" in m.tekst
    (tmp_path / "kind.yaml").write_text(
        "erft_van: basis.yaml\n"
        "functies: {middenhuur: {waardering: {exit_yield: null, eindwaarde: 0}}}\n"
    )
    w = laad_scenario(tmp_path / "kind.yaml").functies["middenhuur"].waardering
    assert (w.exit_yield, w.eindwaarde, w.termijn) == (None, 0, 20)


def test_null_haalt_een_geerfde_parameter_functie_of_kostenpost_weg(tmp_path: Path) -> None:
    """In a mapping whose keys the user names, a child's null removes the inherited entry
    (the only way to take something away); elsewhere null stays a value for validation."""
    (tmp_path / "basis.yaml").write_text(
        (DATA / "geldig" / "klein.yaml").read_text()
        + "onzekerheid:\n  trekkingen: 10\n  parameters:\n"
        "    markt.disconteringsvoet: {verdeling: normaal, gemiddelde: 0.05, sd: 0.005}\n"
        "    kosten.bijkomend: {verdeling: uniform, min: 0.1, max: 0.2}\n"
    )
    (tmp_path / "kind.yaml").write_text(
        "erft_van: basis.yaml\nonzekerheid: {parameters: {markt.disconteringsvoet: null}}\n"
        "kosten: {per_m2_bvo: {zwaar: 2000}}\n"
    )
    sc = laad_scenario(tmp_path / "kind.yaml")
    assert sc.onzekerheid is not None
    assert list(sc.onzekerheid.parameters) == ["kosten.bijkomend"]
    (tmp_path / "klein.yaml").write_text(
        "erft_van: kind.yaml\nkosten: {per_m2_bvo: {zwaar: null}}\n"
    )
    assert laad_scenario(tmp_path / "klein.yaml").kosten.per_m2_bvo == {"licht": 1200}
    # not a named entry: null is a value, and the message says what is wrong with it
    (tmp_path / "leeg.yaml").write_text("erft_van: basis.yaml\nkosten: {bijkomend: null}\n")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(tmp_path / "leeg.yaml")
    assert fout.value.meldingen[0].pad == "kosten.bijkomend"


def test_de_gelabelde_en_genoemde_plekken_zijn_die_van_het_schema() -> None:
    """erfenis.GELABELD lists every tagged union and erfenis.GENOEMD every mapping with
    user-named keys that a merge can reach — through mappings and through lists merged by id
    (panden, projecten; other lists are replaced whole): read off the JSON schema."""
    from transformatiecalc.laden.erfenis import GELABELD, GENOEMD
    from transformatiecalc.schema import Scenario

    schema = Scenario.model_json_schema()
    defs = schema["$defs"]

    def los(s: dict) -> dict:
        while "$ref" in s:
            s = defs[s["$ref"].split("/")[-1]]
        return s

    gelabeld: dict[tuple[str, ...], str] = {}
    genoemd: set[tuple[str, ...]] = set()

    def loop(s: dict, pad: tuple[str, ...]) -> None:
        s = los(s)
        if "discriminator" in s:
            gelabeld[pad] = s["discriminator"]["propertyName"]
        for keuze in s.get("anyOf", []) + s.get("oneOf", []):
            loop(keuze, pad)
        for naam, sub in s.get("properties", {}).items():
            loop(sub, (*pad, naam))
        items = s.get("items")
        if isinstance(items, dict) and "id" in los(items).get("properties", {}):
            loop(items, (*pad, "*"))  # merged by id
        extra = s.get("additionalProperties")
        if isinstance(extra, dict):
            genoemd.add(pad)
            loop(extra, (*pad, "*"))

    loop(schema, ())
    assert gelabeld == GELABELD
    assert genoemd == GENOEMD


def test_erft_van_fout_wijst_naar_juiste_bestand(tmp_path: Path) -> None:
    (tmp_path / "basis.yaml").write_text(
        (DATA / "geldig" / "klein.yaml").read_text().replace("bar: 0.05", "bar: 0.5")
    )
    (tmp_path / "kind.yaml").write_text("erft_van: basis.yaml\nnaam: kind\n")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(tmp_path / "kind.yaml")
    m = fout.value.meldingen[0]
    assert m.bestand == str((tmp_path / "basis.yaml").resolve())
    assert m.pad == "functies.middenhuur.waardering.bar"


def test_erft_van_kring(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("erft_van: b.yaml\nnaam: a\n")
    (tmp_path / "b.yaml").write_text("erft_van: a.yaml\nnaam: b\n")
    with pytest.raises(ScenarioFout, match=r"erft_van vormt een kring: a.yaml → b.yaml → a.yaml"):
        laad_scenario(tmp_path / "a.yaml")


def test_erft_van_ontbrekend_basisbestand(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("erft_van: weg.yaml\nnaam: a\n")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(tmp_path / "a.yaml")
    m = fout.value.meldingen[0]
    assert (m.regel, m.kolom, m.pad) == (1, 11, "erft_van")
    assert "basisbestand 'weg.yaml' niet gevonden" in m.tekst


def test_dubbele_pand_id_en_vormregels(tmp_path: Path) -> None:
    tekst = (DATA / "geldig" / "klein.yaml").read_text()
    tekst += tekst[tekst.index("  - id: P1") :]
    pad = tmp_path / "dubbel.yaml"
    pad.write_text(tekst.replace("middenhuur:\n", "Midden Huur:\n", 1))
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    teksten = [m.tekst for m in fout.value.meldingen]
    assert any("moet met een kleine letter beginnen" in t for t in teksten)
    pad.write_text(tekst)
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    assert fout.value.meldingen[0].tekst == "pand-id 'P1' komt al voor bij panden[0]"
    assert fout.value.meldingen[0].pad == "panden[1].id"


def test_id_en_sleutel_met_regelovergang_aan_het_eind(tmp_path: Path) -> None:
    """'^…$' with re.match lets a trailing newline through; ids and keys use fullmatch."""
    tekst = (DATA / "geldig" / "klein.yaml").read_text()
    pad = tmp_path / "s.yaml"
    pad.write_text(tekst.replace("id: P1", 'id: "P1\\n"'))
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    assert fout.value.meldingen[0].pad == "panden[0].id"
    assert fout.value.meldingen[0].tekst.startswith(
        "de tekst bevat een onzichtbaar controleteken (U+000A, nieuwe regel)"
    )
    pad.write_text(
        tekst.replace("  middenhuur:", '  "middenhuur\\n":').replace(
            "functie: middenhuur", 'functie: "middenhuur\\n"'
        )
    )
    with pytest.raises(ScenarioFout, match="de sleutel bevat een onzichtbaar controleteken"):
        laad_scenario(pad)


@pytest.mark.parametrize(
    ("geschreven", "hint"),
    [
        ('"2026"', " (haal de aanhalingstekens weg)"),
        ("'2026'", " (haal de aanhalingstekens weg)"),
        ("!!str 2026", " (haal !!str weg)"),  # said 'haal de aanhalingstekens weg': there are none
        ("!<tag:yaml.org,2002:str> 2026", " (haal !!str weg)"),
        ('!!str "2026"', " (haal !!str en de aanhalingstekens weg)"),
        ("|-\n  2026", " (schrijf het getal direct na de dubbele punt, zonder '|')"),
        ("'2026,5'", " (gebruik een punt als decimaalteken: 0.055, en _ voor duizendtallen)"),
        ("nan", ""),  # YAML 1.2 writes .nan; no number a scenario can use anyway
        ("٢٠٢٦", " (schrijf het getal met de cijfers 0-9)"),
        ("tweeduizend", ""),
    ],
)
def test_tekst_waar_een_getal_hoort_krijgt_een_passende_hint(
    tmp_path: Path, geschreven: str, hint: str
) -> None:
    """The hint says what to change in what was written (the reader keeps how a text stood:
    quoted, a block, !!str), also in a variant read through erft_van."""
    basis = tmp_path / "basis.yaml"
    basis.write_text((DATA / "geldig" / "klein.yaml").read_text())
    for pad, tekst in [
        (
            tmp_path / "s.yaml",
            basis.read_text().replace("startjaar: 2026", f"startjaar: {geschreven}"),
        ),
        (tmp_path / "kind.yaml", f"erft_van: basis.yaml\nnaam: kind\nstartjaar: {geschreven}\n"),
    ]:
        pad.write_text(tekst, encoding="utf-8")
        with pytest.raises(ScenarioFout) as fout:
            laad_scenario(pad)
        m = fout.value.meldingen[0]
        assert (m.bestand, m.pad, m.code) == (str(pad), "startjaar", "waarde.getal_verwacht")
        assert m.tekst.startswith("verwacht een getal, kreeg de tekst '")
        assert m.tekst.endswith("'" + hint), m.tekst


def test_tekst_waar_een_getal_hoort_zonder_bestand() -> None:
    """Data given in Python: how the text was written is not known, so the hint names both."""
    from hulp import basis, zet

    from transformatiecalc import valideer

    with pytest.raises(ScenarioFout) as fout:
        valideer(zet(basis(), "horizon", "30"))
    assert fout.value.meldingen[0].tekst == (
        "verwacht een getal, kreeg de tekst '30' (schrijf het als getal, zonder "
        "aanhalingstekens of !!str)"
    )


@pytest.mark.parametrize(
    ("geschreven", "naam"),
    [
        ('"\\ud83d\\ude00 plan"', "\U0001f600 plan"),  # what a JSON export writes for 😀
        ('"a\\uD83C\\uDFE0b\\ud83d\\ude00"', "a\U0001f3e0b\U0001f600"),
        ('"\U0001f600 \\ud83d\\ude00"', "\U0001f600 \U0001f600"),  # the character itself, too
    ],
)
def test_surrogaatpaar_wordt_een_teken(tmp_path: Path, geschreven: str, naam: str) -> None:
    """A high and a low surrogate in a row are one character, as in JSON (it was refused as
    'een losse surrogaat'); also in a key."""
    tekst = (DATA / "geldig" / "klein.yaml").read_text()
    pad = tmp_path / "s.yaml"
    pad.write_text(
        tekst.replace("naam: klein", f"naam: {geschreven}").replace(
            "gemeente: {", f"{geschreven}: {{"
        ),
        encoding="utf-8",
    )
    with pytest.raises(ScenarioFout) as fout:  # a partij key has other rules: that is said
        laad_scenario(pad)
    assert fout.value.meldingen[0].pad == f"partijen.{naam}"
    assert all(m.code != "yaml.surrogaat" for m in fout.value.meldingen)
    pad.write_text(tekst.replace("naam: klein", f"naam: {geschreven}"), encoding="utf-8")
    assert laad_scenario(pad).naam == naam


@pytest.mark.parametrize(
    ("geschreven", "los"),
    [
        ('"klein \\ud800"', "\\ud800"),
        ('"\\ude00\\ud83d"', "\\ude00"),  # low before high: no pair
        ('"a\\ud83d"', "\\ud83d"),  # a high one at the end
        ('"\\ud83d\\ude00\\ude00"', "\\ude00"),  # one pair, one left over
        ('"\\ud83d x \\ude00"', "\\ud83d"),  # not side by side
    ],
)
def test_losse_surrogaat_wordt_geweigerd(tmp_path: Path, geschreven: str, los: str) -> None:
    pad = tmp_path / "s.yaml"
    tekst = (DATA / "geldig" / "klein.yaml").read_text()
    pad.write_text(tekst.replace("naam: klein", f"naam: {geschreven}"), encoding="utf-8")
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad)
    m = fout.value.meldingen[0]
    assert (m.regel, m.kolom, m.pad, m.code) == (1, 7, "naam", "yaml.surrogaat")
    assert m.tekst.startswith(f"de tekst bevat een losse surrogaat ({los});")
