"""User text in the terminal: control characters made visible, rich markup printed as text
(issue #14, point 3): the sanitiser itself, the tables rendered in-process, and every
command of the command line with a scenario whose every name is hostile."""

from __future__ import annotations

import copy
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from hulp import basis, cli
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console
from rich.markup import render
from strategieen import INSTRUMENTEN

from transformatiecalc import bereken, valideer
from transformatiecalc.uitvoer.terminal import toon_samenvatting
from transformatiecalc.uitvoer.veilig import veilig

#: What may not reach a terminal raw: C0 controls except newline (the program's own lines
#: and tables have them), DEL, C1 controls, separators, zero-width and bidi characters.
RAUW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


def rauw(tekst: str) -> list[str]:
    """The raw control characters in `tekst` (empty when it is safe to show)."""
    return RAUW.findall(tekst)


# ------------------------------------------------------------------ the sanitiser
@pytest.mark.parametrize(
    ("invoer", "uit"),
    [
        ("\x1b]0;titel\x07", "\\x1b]0;titel\\x07"),  # OSC: sets the window title
        ("\x1b[2J", "\\x1b[2J"),  # CSI: clears the screen
        ("\x9b31m", "\\x9b31m"),  # C1 CSI
        ("a\x85b", "a\\x85b"),  # C1 NEL
        ("\x00\x08\x0b\x0c\x0d\x1f", "\\x00\\x08\\x0b\\x0c\\x0d\\x1f"),
        ("del\x7f", "del\\x7f"),
        ("abc\u202edef", "abc\\u202edef"),  # right-to-left override
        ("\u2066x\u2069", "\\u2066x\\u2069"),  # bidi isolate
        ("naam\ud800", "naam\\ud800"),  # lone surrogate (a YAML "\ud800")
        ("pad\udcff.yaml", "pad\\udcff.yaml"),  # an undecodable byte in a file name
        ("Plan [/b] 2026", "Plan \\[/b] 2026"),
        ("[blink red]x[/]", "\\[blink red]x\\[/]"),
        ("eind\\", "eind\\\\"),  # a trailing backslash cannot escape what follows
        ("a\\[x", "a\\\\[x"),  # rich drops a backslash before any "["
        ("a\\[b]", "a\\\\\\[b]"),
        ("regel 1\nregel\t2", "regel 1\\x0aregel 2"),  # one line; a tab is a space
        ("p.yaml\nfout q.yaml:1:1: x", "p.yaml\\x0afout q.yaml:1:1: x"),  # no forged line
        ("a\u2028b\u2029c", "a\\u2028b\\u2029c"),  # line and paragraph separators
        ("P\u200b1\u200d\u200e\u2060\ufeff", "P\\u200b1\\u200d\\u200e\\u2060\\ufeff"),  # zero width
        ("Café — € 1.000, 😀, [3], nbsp\xa0", "Café — € 1.000, 😀, [3], nbsp\xa0"),
    ],
)
def test_veilig_maakt_stuurtekens_zichtbaar_en_ontsnapt_markup(invoer: str, uit: str) -> None:
    assert veilig(invoer) == uit


def test_veilig_neemt_elk_object() -> None:
    assert veilig(2026) == "2026"
    assert veilig(Path("/tmp/a\x1b[2J")) == "/tmp/a\\x1b[2J"


def _afgedrukt(tekst: str) -> str:
    console = Console(file=io.StringIO(), width=200, highlight=False, soft_wrap=True)
    console.print(tekst)
    uit = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(uit, str)
    return uit


@pytest.mark.parametrize(
    ("naam", "zichtbaar"),
    [
        ("Plan [/b] 2026", "Plan [/b] 2026"),
        ("[blink red]x[/]", "[blink red]x[/]"),
        ("\x1b]0;titel\x07", "\\x1b]0;titel\\x07"),
        ("\\[b]", "\\[b]"),
        ("x\ud800", "x\\ud800"),
    ],
)
def test_rich_drukt_de_tekst_af_zoals_hij_is(naam: str, zichtbaar: str) -> None:
    """Inside the program's own markup the user text prints as itself, and can be encoded."""
    uit = _afgedrukt(f"[red]fout[/red] {veilig(naam)} [bold]klaar[/bold]")
    assert uit == f"fout {zichtbaar} klaar\n"
    uit.encode("utf-8")


@given(st.text("ab/#@=\\[] "))
def test_rich_leest_de_tekst_terug_zoals_hij_was(tekst: str) -> None:
    """Any mix of brackets, backslashes and tag characters prints as itself inside the
    program's markup (rich's own escape loses the backslash in '\\[x')."""
    assert render(f"[red]{veilig(tekst)}[/red]").plain == tekst
    if not tekst.endswith("\\"):
        assert render(f"{veilig(tekst)} [b]x[/b]").plain == f"{tekst} x"


def test_een_backslash_aan_het_eind_ontsnapt_de_tag_erna_niet() -> None:
    """rich's escape doubles a trailing backslash so that the program's closing tag right
    after it still closes (a trailing backslash followed by text shows doubled)."""
    pad = veilig("C:\\map\\")
    assert _afgedrukt(f"[red]{pad}[/red] klaar") == "C:\\map\\ klaar\n"
    assert _afgedrukt(f"{pad} klaar") == "C:\\map\\\\ klaar\n"


def test_markup_in_een_naam_kleurt_niets_in_een_echte_terminal() -> None:
    console = Console(file=io.StringIO(), width=80, force_terminal=True, highlight=False)
    console.print(f"{veilig('[blink red]x[/]')} {veilig(chr(27) + '[5m')}")
    uit = console.file.getvalue()  # type: ignore[attr-defined]
    assert uit.replace("\x1b[0m", "") == "[blink red]x[/] \\x1b[5m\n"


# -------------------------------------------------- a scenario with hostile names
# Keys of partijen, functies and kosten.per_m2_bvo and pand ids have a fixed form
# (schema.scenario); every other name is free text. The fixed ones get hostile values in
# test_ongeldige_namen_met_esc_geven_zichtbare_meldingen. A control character (ESC, BEL,
# C1) is refused in every name (laden.tekst); what a valid name may still hold that a
# terminal must not see raw — bidi isolates and overrides, separators, zero-width
# characters — and rich markup are in each of these.
NAAM = "Plan [/b] 2026 \u2066]0;titel\u2069 [blink red]x[/]"
PAND_1 = "P1"
PAND_2 = "P-2"
PAND_NAAM = "Hoogstraat 1\u2066]0;t\u2069"
PARTIJ = "eigenaar"
GEMEENTE = "gemeente"
FUNCTIE = "mh"
INGREEP = "licht"
GEBIED = "centrum\u2028[/]"
PROJECT = "blok\u2066]0;p\u2069"
KOSTENPOST = "asbest\u2066[1m"
FONDS = "fonds\u2066]0;f\u2069[/b]"
TRANCHE_1 = "subsidie\u200b2J[/b]"
TRANCHE_2 = "bank\u2066[1m[blink red]x[/]"
INSTRUMENT_1 = "sub\ufeff[/b]"
INSTRUMENT_2 = "len\u2066[3m"
VARIANT = "duur\u2066[2J[blink red]x[/]"


def vijandig() -> dict[str, Any]:
    """Two panden in one project, verevening, a fund with two tranches, a variant and an
    onzekerheid section; every free-text name carries ESC/BEL/C1 characters and markup."""
    data = basis()
    data["naam"] = NAAM
    data["partijen"] = {PARTIJ: {"soort": "belegger"}, GEMEENTE: {"soort": "gemeente"}}
    data["functies"] = {FUNCTIE: data["functies"]["mh"]}
    data["kosten"]["per_m2_bvo"] = {INGREEP: 1000, "zwaar": 2000}
    pand = data["panden"][0]
    pand["transformatie"]["ingreep"] = INGREEP
    pand["transformatie"]["programma"] = [{"functie": FUNCTIE, "woningen": 10}]
    pand["transformatie"]["extra_kosten"] = {KOSTENPOST: 50_000}
    pand.update(id=PAND_1, naam=PAND_NAAM, eigenaar=PARTIJ, gebied=GEBIED)
    pand["huidig"] = {"marktwaarde": 1_400_000}
    tweede = copy.deepcopy(pand)
    tweede.update(id=PAND_2, eigenaar=GEMEENTE)
    tweede["huidig"] = {"marktwaarde": 200_000}
    data["panden"] = [pand, tweede]
    data["projecten"] = [{"id": PROJECT, "panden": [PAND_1, PAND_2]}]
    data["verevening"] = {
        "aandeel_publiek": 0.5,
        "privaat": {"grondslag": "kostenverhaal", "aandeel": 0.3},
        "toewijzing": {"methode": "pro_rata"},
        "beginsaldo": {GEBIED: 100_000},
    }
    data["fondsen"] = [
        {
            "naam": FONDS,
            "tranches": [
                {"naam": TRANCHE_1, "soort": "subsidie", "bedrag": 300_000},
                {
                    "naam": TRANCHE_2,
                    "soort": "lening",
                    "bedrag": 500_000,
                    "rente": 0.25,  # too dear: the fund warns by fund and tranche name
                    "looptijd": 10,
                    "aflossing": "annuitair",
                },
            ],
            "instrumenten": [
                dict(INSTRUMENTEN[1], naam=INSTRUMENT_2),
                dict(INSTRUMENTEN[0], naam=INSTRUMENT_1),
            ],
            "toewijzing": {
                "volgorde_panden": "invoer",
                "volgorde_instrumenten": [INSTRUMENT_2, INSTRUMENT_1],
                "bij_geldgebrek": "deels",
            },
        }
    ]
    data["varianten"] = [{"naam": VARIANT, "wijzig": {"markt.bouwrente": 0.07}}]
    data["onzekerheid"] = {
        "seed": 1,
        "trekkingen": 20,
        "parameters": {"markt.bouwrente": {"verdeling": "uniform", "min": 0.04, "max": 0.08}},
    }
    return data


def schrijf(data: dict[str, Any], pad: Path) -> Path:
    """The scenario as a YAML file (JSON is YAML; every control character as a \\u escape)."""
    pad.write_text(json.dumps(data, ensure_ascii=True, indent=1), encoding="utf-8")
    return pad


def test_samenvatting_in_het_proces_toont_elke_naam_zichtbaar() -> None:
    console = Console(file=io.StringIO(), width=400, highlight=False, soft_wrap=True)
    toon_samenvatting(bereken(valideer(vijandig())), console)
    uit = console.file.getvalue()  # type: ignore[attr-defined]
    assert rauw(uit) == []
    for tekst in (
        "Plan [/b] 2026 \\u2066]0;titel\\u2069 [blink red]x[/]",
        "blok\\u2066]0;p\\u2069  eigenaar ",
        "Verevening centrum\\u2028[/]: bijdragen",
        "\nKengetal    ",
        "fonds\\u2066]0;f\\u2069[/b]\n",  # a column header
        "Tranches fonds\\u2066]0;f\\u2069[/b]\n",
        "\nbank\\u2066[1m[blink red]x[/]  lening ",
        "\nsubsidie\\u200b2J[/b]  ",
        "let op: fonds fonds\\u2066]0;f\\u2069[/b]: tranche bank\\u2066[1m[blink red]x[/] (lening, rang 1)",
    ):
        assert tekst in uit, tekst


def _schoon(p: Any) -> None:
    assert "Traceback" not in p.stderr
    assert rauw(p.stdout + p.stderr) == [], (p.stdout + p.stderr)[:2000]


@pytest.fixture(scope="module")
def bestand(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return schrijf(vijandig(), tmp_path_factory.mktemp("vijandig") / "vijandig.yaml")


def test_run_met_vijandige_namen(bestand: Path) -> None:
    p = cli("run", str(bestand))
    assert p.returncode == 0, p.stderr
    _schoon(p)
    assert "Plan [/b] 2026 \\u2066]0;titel\\u2069 [blink red]x[/]" in p.stdout
    assert "blok\\u2066]0;p\\u2069" in p.stdout and "bank\\u2066[1m[blink red]x[/]" in p.stdout
    assert "let op: fonds fonds\\u2066]0;f\\u2069[/b]: tranche" in p.stdout


def test_vergelijk_per_pand_met_vijandige_namen(bestand: Path) -> None:
    p = cli("vergelijk", str(bestand), "--per-pand")
    assert p.returncode == 0, p.stderr
    _schoon(p)
    assert "duur\\u2066[2J[blink red]x[/]" in p.stdout  # the variant, a column
    assert "Plan [/b] 2026 \\u2066]0;titel\\u2069 [blink red]x[/]" in p.stdout  # names a column
    assert "let op (alle versies): fonds fonds\\u2066]0;f\\u2069[/b]" in p.stdout


def test_gevoelig_met_vijandige_uitkomst_en_paden(bestand: Path) -> None:
    p = cli(
        "gevoelig",
        str(bestand),
        "-p",
        "markt.bouwrente=±20%",
        "--raster",
        "kosten.per_m2_bvo.licht=±10%",
        "--raster",
        "markt.bouwrente=0.04:0.08",
        "--stappen",
        "2",
        "--uitkomst",
        f"fondsen.{FONDS}.tekort_gesloten",
    )
    assert p.returncode == 0, p.stderr
    _schoon(p)
    assert "(€ peildatum) — fonds\\u2066]0;f\\u2069[/b]\n" in p.stdout  # tornado and raster titles
    assert p.stdout.count("— fonds\\u2066]0;f\\u2069[/b]") == 2
    # a path through names with brackets cannot be read: a usage error that shows them
    p = cli("gevoelig", str(bestand), "-p", f"fondsen.{FONDS}.tranches.{TRANCHE_2}.bedrag=±10%")
    assert p.returncode == 2
    _schoon(p)
    assert "onleesbaar bij 'fonds\\u2066]0;f\\u2069[/b]'" in p.stderr


def test_onzeker_per_pand_met_vijandige_namen(bestand: Path) -> None:
    p = cli("onzeker", str(bestand), "--per-pand", "-n", "20")
    assert p.returncode == 0, p.stderr
    _schoon(p)
    assert "Fonds fonds\\u2066]0;f\\u2069[/b]\n" in p.stdout  # the title of its outcomes
    assert "\nP-2  " in p.stdout  # the table per pand


def test_validate_met_vijandige_naam(bestand: Path) -> None:
    p = cli("validate", str(bestand))
    assert p.returncode == 0, p.stderr
    _schoon(p)
    assert "geldig: Plan [/b] 2026 \\u2066]0;titel\\u2069 [blink red]x[/] — 2 panden" in p.stdout


def test_onbekende_sleutel_met_esc_geeft_zichtbare_melding(tmp_path: Path) -> None:
    data = basis()
    data["onbekend\x1b[2J[/b]"] = 1
    pad = schrijf(data, tmp_path / "fout\x1b]0;t\x07.yaml")
    for commando in ("validate", "run"):
        p = cli(commando, str(pad))
        assert p.returncode == 1
        _schoon(p)
        assert "fout\\x1b]0;t\\x07.yaml:" in p.stderr  # the file in the location
        assert "onbekend\\x1b[2J[/b]: de sleutel bevat een onzichtbaar controleteken" in (p.stderr)


def test_een_nieuwe_regel_in_bestand_of_sleutel_vervalst_geen_regel(tmp_path: Path) -> None:
    """A newline in a file name or a key cannot start a line that looks like the
    program's own ("geldig: …", "fout …"): each message stays one line."""
    data = basis()
    data["x\ngeldig: alles goed\u2028"] = 1
    pad = schrijf(data, tmp_path / "a\nfout b.yaml")
    p = cli("validate", str(pad))
    assert p.returncode == 1
    _schoon(p)
    regels = p.stderr.splitlines()
    assert len(regels) == 2 and regels[1] == "1 fout in het scenario; niets berekend."
    assert "a\\x0afout b.yaml:" in regels[0]
    assert (
        "x\\x0ageldig: alles goed\\u2028: de sleutel bevat een onzichtbaar controleteken"
        in (regels[0])
    )


def test_ongeldige_namen_met_esc_geven_zichtbare_meldingen(tmp_path: Path) -> None:
    """Pand ids and the keys of partijen, functies and kosten.per_m2_bvo have a fixed form;
    the message that refuses them shows what was there. A control character in any of them
    is refused first, by the rule for every text, with the key shown visibly."""
    data = basis()
    data["partijen"] = {"beleg\x1b[2J": {"soort": "belegger"}}
    data["functies"] = {"mh\x9b[/b]": data["functies"]["mh"]}
    data["panden"][0]["id"] = "P1\x1b]0;t\x07"
    data["panden"][0]["eigenaar"] = "niemand\x07"
    _weigert_met(
        tmp_path,
        data,
        "partijen.beleg\\x1b[2J: de sleutel bevat een onzichtbaar controleteken (U+001B, ESC)",
        "functies.mh\\x9b[/b]: de sleutel bevat een onzichtbaar controleteken (U+009B",
        "panden[0].id: de tekst bevat een onzichtbaar controleteken (U+001B, ESC)",
        "panden[0].eigenaar: de tekst bevat een onzichtbaar controleteken (U+0007, BEL)",
    )
    data = basis()
    data["partijen"] = {"beleg\u2066[2J": {"soort": "belegger"}}
    data["kosten"]["per_m2_bvo"]["[blink red]x[/]"] = 900
    data["panden"][0]["id"] = "P1\u202e]0;t"
    _weigert_met(
        tmp_path,
        data,
        "de naam 'beleg\\u2066[2J' moet met een kleine letter beginnen",
        "de naam '[blink red]x[/]' moet",
        "pand-id 'P1\\u202e]0;t' mag alleen",
    )


def _weigert_met(tmp_path: Path, data: dict[str, Any], *teksten: str) -> None:
    """`validate` refuses `data` (exit 1), prints no raw control characters, and says each
    of `teksten`."""
    p = cli("validate", str(schrijf(data, tmp_path / "fout.yaml")))
    assert p.returncode == 1
    _schoon(p)
    for tekst in teksten:
        assert tekst in p.stderr, tekst


def test_stuurtekens_in_namen_worden_geweigerd_met_plek(tmp_path: Path) -> None:
    """ESC, BEL, C1 and DEL written as escapes in every free-text name (they used to reach
    the workbook's XML and, escaped, the terminal): each refused at its own path."""
    data = vijandig()
    stuur = {
        "\u2066": "\x1b",
        "\u2069": "\x07",
        "\u2028": "\x85",
        "\u200b": "\x9b",
        "\ufeff": "\x7f",
    }

    def vervang(x: Any) -> Any:
        if isinstance(x, str):
            for oud, nieuw in stuur.items():
                x = x.replace(oud, nieuw)
            return x
        if isinstance(x, dict):
            return {vervang(k): vervang(v) for k, v in x.items()}
        if isinstance(x, list):
            return [vervang(v) for v in x]
        return x

    p = cli("validate", str(schrijf(vervang(data), tmp_path / "stuur.yaml")))
    assert p.returncode == 1
    _schoon(p)
    paden = [r.split(": ", 1)[1].split(": ", 1)[0] for r in p.stderr.splitlines()[:-1]]
    assert all("onzichtbaar controleteken" in r for r in p.stderr.splitlines()[:-1])
    for pad in (
        "naam",
        "panden[0].naam",
        "panden[0].gebied",
        "projecten[0].id",
        "fondsen[0].naam",
        "fondsen[0].tranches[0].naam",
        "fondsen[0].instrumenten[1].naam",
        "fondsen[0].toewijzing.volgorde_instrumenten[0]",
        "varianten[0].naam",
    ):
        assert pad in paden, (pad, paden)


def test_gebruiksfouten_en_paden_met_stuurtekens(tmp_path: Path) -> None:
    p = cli("reken\x1b[2J[/b]")
    assert p.returncode == 2
    _schoon(p)
    assert "reken\\x1b[2J[/b]" in p.stderr
    p = cli("run", "x.yaml", "--uit\x9b[/b]")
    assert p.returncode == 2
    _schoon(p)
    assert "onbekende optie: --uit\\x9b[/b]" in p.stderr
    zonder = schrijf(basis(), tmp_path / "geen\x1b[2J[b].yaml")
    p = cli("onzeker", str(zonder))
    assert p.returncode == 1
    _schoon(p)
    assert "geen\\x1b[2J[b].yaml heeft geen sectie onzekerheid" in p.stderr


def test_init_met_stuurtekens_en_onleesbare_bytes_in_het_pad(tmp_path: Path) -> None:
    for naam in ("start\x1b]0;t\x07.yaml", "start\udcff.yaml"):  # \udcff: the byte 0xff
        pad = tmp_path / naam
        p = cli("init", str(pad))
        assert p.returncode == 0, p.stderr
        _schoon(p)
        assert pad.exists()
        zichtbaar = naam.replace("\x1b", "\\x1b").replace("\x07", "\\x07")
        assert zichtbaar.replace("\udcff", "\\udcff") in p.stdout
        p = cli("init", str(pad))
        assert p.returncode == 1 and "bestaat al" in p.stderr
        _schoon(p)


def test_json_schrijft_onzichtbare_tekens_als_escape() -> None:
    from transformatiecalc.uitvoer.json import als_json

    naam = "Plan\x7f\x9b2J\u202eb\u2028c\ud800 – é"
    tekst = als_json({"naam": naam})
    assert tekst == '{\n  "naam": "Plan\\u007f\\u009b2J\\u202eb\\u2028c\\ud800 – é"\n}\n'
    assert json.loads(tekst)["naam"] == naam  # the same text, only written differently
    tekst.encode("utf-8")  # a lone surrogate no longer stops the JSON from being written


@pytest.mark.parametrize(
    "omgeving",
    [{"PYTHONIOENCODING": "ascii"}, {"LC_ALL": "C", "PYTHONCOERCECLOCALE": "0", "PYTHONUTF8": "0"}],
)
def test_een_terminal_zonder_utf8_krijgt_vraagtekens_geen_interne_fout(
    omgeving: dict[str, str], tmp_path: Path
) -> None:
    """run printed '×' and '€' to an ASCII terminal and stopped with exit 3; now what the
    terminal cannot show becomes '?', and JSON on stdout stays UTF-8 (a file's bytes do not
    depend on the locale)."""
    import subprocess
    import sys

    data = basis()
    data["naam"] = "Café – plan"
    pad = schrijf(data, tmp_path / "s.yaml")

    def draai(*args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "transformatiecalc", *args],
            capture_output=True,
            timeout=120,
            env={"PATH": "/usr/bin:/bin", "COLUMNS": "100", **omgeving},
        )

    p = draai("run", str(pad))
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert b"Caf? ? plan" in p.stdout
    p = draai("run", str(pad), "--json", "-")
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert json.loads(p.stdout.decode("utf-8"))["scenario"]["naam"] == "Café – plan"
