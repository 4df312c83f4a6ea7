"""Output safety: a killed export leaves the previous file intact; clear messages when a
target cannot be written (issue #7, point 3); no output over an input or over another output,
devices written directly, every output asked for written also with ``--json -``, temporary
files gone after an interruption, a closed or full stdout and a lack of memory reported
(issue #14, points 2 and 7)."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hulp import cli

from transformatiecalc import cli as cli_module
from transformatiecalc.uitvoer import bestanden
from transformatiecalc.uitvoer.bestanden import TIJDELIJK_PREFIX, schrijf_atomair

ROOT = Path(__file__).resolve().parents[1]
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"

#: A child that writes 200 MB through schrijf_atomair in one call (slow enough to be killed
#: while the bytes go to disk).
_SCHRIJVER = """
import sys
from transformatiecalc.uitvoer.bestanden import schrijf_atomair
schrijf_atomair(sys.argv[1], b"n" * (200 * 1024 * 1024))
"""


def test_gedood_tijdens_het_schrijven_laat_het_vorige_bestand_staan(tmp_path: Path) -> None:
    doel = tmp_path / "uit.xlsx"
    doel.write_bytes(b"vorige versie")
    kind = subprocess.Popen([sys.executable, "-c", _SCHRIJVER, str(doel)])
    try:
        # wait until the temporary file next to the target is being filled, then kill hard
        tijdelijk: list[Path] = []
        grens = time.monotonic() + 60
        while time.monotonic() < grens and kind.poll() is None:
            tijdelijk = [p for p in tmp_path.iterdir() if p.name.startswith(TIJDELIJK_PREFIX)]
            if tijdelijk and tijdelijk[0].stat().st_size > 0:
                break
            time.sleep(0.001)
        assert kind.poll() is None, "the writer finished before it could be killed"
        assert tijdelijk, "no temporary file appeared"
        os.kill(kind.pid, signal.SIGKILL)
    finally:
        kind.wait(timeout=60)
    assert kind.returncode == -signal.SIGKILL
    assert doel.read_bytes() == b"vorige versie"


def test_map_zonder_schrijfrechten_geeft_een_nette_melding(tmp_path: Path) -> None:
    dicht = tmp_path / "dicht"
    dicht.mkdir()
    dicht.chmod(0o500)
    # root ignores directory modes; sysfs refuses new files to everyone
    doel = Path("/sys/uit.json") if os.geteuid() == 0 else dicht / "uit.json"
    try:
        p = cli("run", str(VOORBEELD), "--json", str(doel))
    finally:
        dicht.chmod(0o700)
    assert p.returncode == 1 and "Traceback" not in p.stderr
    assert f"{doel}: kan niet schrijven (geen schrijfrechten)" in p.stderr


def test_doel_is_een_map_of_in_een_ontbrekende_map(tmp_path: Path) -> None:
    p = cli("run", str(VOORBEELD), "--json", str(tmp_path))
    assert p.returncode == 1 and "dit is een map, geen bestand" in p.stderr
    p = cli("run", str(VOORBEELD), "--json", str(tmp_path / "weg" / "uit.json"))
    assert p.returncode == 1 and "de map" in p.stderr and "bestaat niet" in p.stderr
    assert "Traceback" not in p.stderr


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_volle_schijf_geeft_een_nette_melding(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The temporary file's descriptor points at /dev/full, which fails every write with
    ENOSPC exactly as a full disk does; the previous file stays and nothing is left over."""
    import tempfile

    from transformatiecalc.uitvoer.bestanden import UitvoerFout, schrijf_atomair

    doel = tmp_path / "uit.json"
    doel.write_bytes(b"vorige versie")
    echt = tmp_path / ".uit.json.tijdelijk.tmp"

    def naar_vol(*_a: object, **_k: object) -> tuple[int, str]:
        echt.write_bytes(b"")
        return os.open("/dev/full", os.O_WRONLY), str(echt)

    monkeypatch.setattr(tempfile, "mkstemp", naar_vol)
    with pytest.raises(UitvoerFout, match=r"uit\.json: kan niet schrijven \(de schijf is vol\)"):
        schrijf_atomair(doel, b"x" * 1_000_000)
    assert doel.read_bytes() == b"vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["uit.json"]


def test_uitvoer_samen_alles_of_niets(tmp_path: Path) -> None:
    """One output that cannot be written (here the last: a file with a folder in its way)
    leaves every other target as it was, and no temporary file."""
    from transformatiecalc.uitvoer.bestanden import UitvoerFout, schrijf_samen

    (tmp_path / "a.json").write_bytes(b"vorige a")
    (tmp_path / "map").mkdir()
    doelen = [(tmp_path / "a.json", b"nieuw a"), (tmp_path / "b.json", b"nieuw b")]
    with pytest.raises(UitvoerFout, match=r"map: dit is een map, geen bestand"):
        schrijf_samen([*doelen, (tmp_path / "map", b"x")])
    assert (tmp_path / "a.json").read_bytes() == b"vorige a"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "map"]
    schrijf_samen(doelen)
    assert [(p.read_bytes()) for p, _ in doelen] == [b"nieuw a", b"nieuw b"]


def test_een_mislukte_uitvoer_schrijft_ook_de_andere_niet(tmp_path: Path, scenario: Path) -> None:
    """`--json b.json -o weg/x.xlsx --grafieken g`: the workbook's folder is missing, so
    neither the JSON nor the charts (nor their folder) are written."""
    (tmp_path / "b.json").write_bytes(b"vorige")
    p = cli(
        "run", str(scenario), "--json", str(tmp_path / "b.json"),
        "-o", str(tmp_path / "weg" / "x.xlsx"), "--grafieken", str(tmp_path / "g"),
    )  # fmt: skip
    assert p.returncode == 1 and "de map" in p.stderr and "bestaat niet" in p.stderr
    assert "geschreven" not in p.stderr + p.stdout
    assert (tmp_path / "b.json").read_bytes() == b"vorige"
    assert sorted(x.name for x in tmp_path.iterdir()) == ["b.json", "s.yaml"]


# ------------------------------------------------ outputs against inputs, devices, stdout
KLEIN = Path(__file__).parent / "data" / "geldig" / "klein.yaml"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    pad = tmp_path / "s.yaml"
    pad.write_bytes(KLEIN.read_bytes())
    return pad


def test_uitvoer_over_een_invoer_of_een_andere_uitvoer_wordt_geweigerd(
    tmp_path: Path, scenario: Path
) -> None:
    (tmp_path / "kind.yaml").write_text("erft_van: s.yaml\nnaam: kind\n", encoding="utf-8")
    voor = scenario.read_bytes()
    gevallen = [
        (["run", str(scenario), "--json", str(scenario)], "--json", "een invoerbestand"),
        # the basis of an erft_van chain is an input too, also spelt differently
        (
            ["run", str(tmp_path / "kind.yaml"), "--json", str(tmp_path / "." / "s.yaml")],
            "--json",
            "een invoerbestand",
        ),
        (
            [
                "run",
                str(scenario),
                "--json",
                str(tmp_path / "x.xlsx"),
                "-o",
                str(tmp_path / "x.xlsx"),
            ],
            "--json",
            "-o schrijft al naar dat pad",
        ),
        (
            [
                "vergelijk",
                str(scenario),
                "-o",
                str(tmp_path / "s.yaml.xlsx"),
                "--json",
                str(scenario),
            ],
            "--json",
            "een invoerbestand",
        ),
    ]
    for args, optie, tekst in gevallen:
        p = cli(*args)
        assert p.returncode == 2, p.stderr
        assert "Traceback" not in p.stderr
        assert optie in p.stderr and tekst in p.stderr, p.stderr
        assert scenario.read_bytes() == voor
        assert not (tmp_path / "x.xlsx").exists() and not (tmp_path / "s.yaml.xlsx").exists()


def test_grafiek_over_het_logo_van_het_sjabloon_wordt_geweigerd(
    tmp_path: Path, scenario: Path
) -> None:
    from PIL import Image

    (tmp_path / "g").mkdir()
    Image.new("RGB", (40, 20), "#336699").save(tmp_path / "g" / "ort_per_pand.png")
    logo = (tmp_path / "g" / "ort_per_pand.png").read_bytes()
    (tmp_path / "t.yaml").write_text("voorblad: {logo: g/ort_per_pand.png}\n", encoding="utf-8")
    json_pad = tmp_path / "uit.json"
    p = cli(
        "run", str(scenario), "--template", str(tmp_path / "t.yaml"),
        "--grafieken", str(tmp_path / "g"), "--json", str(json_pad),
    )  # fmt: skip
    assert p.returncode == 2 and "--grafieken" in p.stderr and "invoerbestand" in p.stderr
    assert (tmp_path / "g" / "ort_per_pand.png").read_bytes() == logo
    assert not json_pad.exists()  # nothing written when one output is refused


def test_json_naar_stdout_schrijft_ook_werkboek_en_grafieken(
    tmp_path: Path, scenario: Path
) -> None:
    p = cli(
        "run", str(scenario), "--json", "-", "-o", str(tmp_path / "uit.xlsx"),
        "--grafieken", str(tmp_path / "g"),
    )  # fmt: skip
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["scenario"]["naam"] == "klein"  # stdout holds only the JSON
    assert (tmp_path / "uit.xlsx").stat().st_size > 10_000
    assert sorted(x.name for x in (tmp_path / "g").iterdir()) == [
        "betaalbaarheidsgat.png",
        "ort_per_pand.png",
        "rg_waterval_P1.png",
        "rg_waterval_portefeuille.png",
    ]
    assert "geschreven — werkboek" in p.stderr and "4 grafieken" in p.stderr


def test_apparaat_en_fifo_worden_direct_beschreven(tmp_path: Path) -> None:
    schrijf_atomair("/dev/null", b"weg")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    ontvangen: list[bytes] = []
    lezer = threading.Thread(target=lambda: ontvangen.append(fifo.read_bytes()), daemon=True)
    lezer.start()
    schrijf_atomair(fifo, b"x" * 200_000)  # larger than a pipe's buffer
    lezer.join(timeout=20)
    assert ontvangen == [b"x" * 200_000]
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    with pytest.raises(bestanden.UitvoerFout, match="de schijf is vol"):
        schrijf_atomair("/dev/full", b"x")


def test_koppeling_blijft_koppeling(tmp_path: Path) -> None:
    (tmp_path / "echt.json").write_text("oud")
    (tmp_path / "link.json").symlink_to("echt.json")
    schrijf_atomair(tmp_path / "link.json", b"nieuw")
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "echt.json").read_text() == "nieuw"


def test_lange_geldige_naam_en_naam_van_het_tijdelijke_bestand(tmp_path: Path) -> None:
    naam = "u" * 250 + ".json"  # 255 characters: the longest name the file system allows
    schrijf_atomair(tmp_path / naam, b"{}")
    assert (tmp_path / naam).read_bytes() == b"{}"
    assert len(TIJDELIJK_PREFIX) + 8 + len(".tmp") < 64


@pytest.mark.parametrize("onderbreking", [KeyboardInterrupt, SystemExit])
def test_onderbroken_schrijven_laat_geen_tijdelijk_bestand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, onderbreking: type[BaseException]
) -> None:
    (tmp_path / "uit.json").write_text("vorige")

    def onderbreek(fd: int) -> None:
        raise onderbreking()

    monkeypatch.setattr(bestanden.os, "fsync", onderbreek)
    with pytest.raises(onderbreking):
        schrijf_atomair(tmp_path / "uit.json", b"nieuw")
    assert [p.name for p in tmp_path.iterdir()] == ["uit.json"]
    assert (tmp_path / "uit.json").read_text() == "vorige"


@pytest.mark.parametrize(("sein", "code"), [("SIGTERM", 143), ("SIGHUP", 129)])
def test_sigterm_wordt_een_nette_afsluiting(sein: str, code: int) -> None:
    # SIGTERM (kill) and SIGHUP (the terminal closed) raise SystemExit(128 + n) in the CLI,
    # so the finally blocks above run
    programma = (
        "import os, signal, sys\n"
        "from transformatiecalc import cli\n"
        "cli.main(['--versie'])\n"
        "try:\n"
        f"    os.kill(os.getpid(), signal.{sein})\n"
        "    signal.pause()\n"
        "except SystemExit as e:\n"
        "    print('SystemExit', e.code)\n"
    )
    p = subprocess.run(
        [sys.executable, "-c", programma], capture_output=True, text=True, timeout=60
    )
    assert f"SystemExit {code}" in p.stdout, p.stderr


def test_grafiekenmap_die_een_bestand_is(tmp_path: Path, scenario: Path) -> None:
    (tmp_path / "g").write_text("")
    p = cli(
        "run", str(scenario), "--grafieken", str(tmp_path / "g"), "--json", str(tmp_path / "u.json")
    )
    assert p.returncode == 1
    assert "er staat al een bestand met die naam, geen map" in p.stderr
    assert not (tmp_path / "u.json").exists()


def test_volle_of_gesloten_stdout(scenario: Path) -> None:
    basis = [sys.executable, "-m", "transformatiecalc", "run", str(scenario)]
    omgeving = {"PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8"}
    for extra in (["--json", "-"], []):
        with open("/dev/full", "w") as vol:
            p = subprocess.run(
                basis + extra,
                stdout=vol,
                stderr=subprocess.PIPE,
                text=True,
                env=omgeving,
                timeout=120,
            )
        assert p.returncode == 1, p.stderr
        assert "kan niet naar de terminal (stdout) schrijven" in p.stderr
        assert "Traceback" not in p.stderr and "Exception ignored" not in p.stderr
    # started with stdout closed: whatever the command would print is lost, so it is exit 1
    for opdracht in ("run {s} --json -", "run {s}", "validate {s}", "vergelijk {s} {s}", "schema"):
        p = subprocess.run(
            ["/bin/sh", "-c", '"$0" -m transformatiecalc ' + opdracht.format(s='"$1"') + " >&-",
             sys.executable, str(scenario)],
            stderr=subprocess.PIPE, text=True, env=omgeving, timeout=120,
        )  # fmt: skip
        assert p.returncode == 1, (opdracht, p.stderr)
        assert "de uitvoer is vol of gesloten" in p.stderr, opdracht
        assert "Traceback" not in p.stderr, opdracht


def test_geheugentekort_is_een_melding(
    scenario: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def te_groot(*args: object, **kwargs: object) -> None:
        raise MemoryError

    monkeypatch.setattr(cli_module.opdrachten, "bereken", te_groot)
    assert cli_module.main(["run", str(scenario)]) == 1
    fout = capsys.readouterr().err
    assert "onvoldoende geheugen voor deze berekening" in fout and "Traceback" not in fout


def test_dollartekens_in_namen_zijn_tekst_in_grafieken_en_werkboek(tmp_path: Path) -> None:
    """A '$' in a name was read by matplotlib as the start of a formula: the chart failed and
    `run -o` ended in exit 3. Now it is drawn as written."""
    tekst = VOORBEELD.read_text(encoding="utf-8")
    tekst = tekst.replace("naam: Voorbeeldstad binnenstad — basis", "naam: Plan $A$ en $ los")
    tekst = tekst.replace("naam: Voormalig warenhuis, Hoogstraat 12", "naam: Pand $x^2$")
    scenario = tmp_path / "dollar.yaml"
    scenario.write_text(tekst, encoding="utf-8")
    uit = cli(
        "run", str(scenario), "-o", str(tmp_path / "d.xlsx"), "--grafieken", str(tmp_path / "g")
    )
    assert uit.returncode == 0, uit.stderr
    assert (tmp_path / "g" / "rg_waterval_P01.png").stat().st_size > 10_000


@pytest.mark.parametrize(
    ("naam", "begin"),
    [
        ("a/../../../ontsnapt", "a_ontsnapt-"),
        ("a/b", "a_b-"),
        ("a b", "a_b-"),
        ("..", "naam-"),
        ("fonds\u202e", "fonds-"),
        ("x" * 300, "x" * 60 + "-"),
    ],
)
def test_bestandsnaam_uit_een_naam_blijft_in_zijn_map(naam: str, begin: str) -> None:
    veilig = bestanden.veilige_naam(naam)
    assert veilig.startswith(begin) and len(veilig) == len(begin) + 8
    assert bestanden.in_map(Path("g"), f"h_{veilig}.png") == Path("g") / f"h_{veilig}.png"
    if not naam.startswith("x"):  # the last check refuses the name itself
        with pytest.raises(bestanden.UitvoerFout):
            bestanden.in_map(Path("g"), f"h_{naam}.png")


def test_bestandsnamen_uit_namen_blijven_verschillend() -> None:
    namen = ["a b", "a_b", "a/b", "a-b", "binnenstadsfonds", "P1", "p1"]
    veilig = [bestanden.veilige_naam(n) for n in namen]
    assert len(set(veilig)) == len(namen)
    assert veilig[1] == "a_b" and veilig[4] == "binnenstadsfonds" and veilig[5] == "P1"


def test_grafieken_met_een_fondsnaam_als_pad_blijven_in_de_map(tmp_path: Path) -> None:
    """A fund named 'a/../../../ontsnapt' gave the histogram's file name: it left the folder."""
    tekst = VOORBEELD.read_text(encoding="utf-8")
    tekst = tekst.replace("- naam: binnenstadsfonds", '- naam: "a/../../../ontsnapt"')
    tekst = tekst.replace("fondsen.binnenstadsfonds.tranches", "fondsen.a.tranches")
    tekst = tekst.replace("  - naam: gemeente verdubbelt subsidie\n", "").replace(
        "    wijzig: {fondsen.a.tranches.gemeente.bedrag: 8_000_000}\n", ""
    )
    pad = tmp_path / "s.yaml"
    pad.write_text(tekst, encoding="utf-8")
    (tmp_path / "uit").mkdir()
    p = cli("onzeker", str(pad), "-n", "10", "--stil", "--grafieken", "uit/a/b/c", cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    namen = sorted(os.listdir(tmp_path / "uit" / "a" / "b" / "c"))
    assert any(n.startswith("histogram_woningen_a_ontsnapt-") for n in namen), namen
    assert sorted(os.listdir(tmp_path)) == ["s.yaml", "uit"]
    assert sorted(os.listdir(tmp_path / "uit")) == ["a"]
