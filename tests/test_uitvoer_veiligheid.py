"""Output safety: a killed export leaves the previous file intact; clear messages when a
target cannot be written (issue #7, point 3)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hulp import cli

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
            tijdelijk = [p for p in tmp_path.iterdir() if p.name.startswith(".uit.xlsx.")]
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
