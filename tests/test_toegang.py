"""The file-access policy: what erft_van, a template and its logo may read (README, Foutmeldingen).

Each test builds the files a careless or hostile user would point at and checks that the
policy refuses them with a located Dutch message that repeats nothing of their content,
and that the normal use — erft_van across sibling folders of one project — still works.
"""

from __future__ import annotations

import io
import os
import struct
import threading
import zlib
from pathlib import Path

import pytest
from hulp import cli

from transformatiecalc import ScenarioFout, laad_scenario
from transformatiecalc.toegang import MAX_GROOTTE, Toegang
from transformatiecalc.uitvoer.huisstijl import laad_huisstijl

KLEIN = (Path(__file__).parent / "data" / "geldig" / "klein.yaml").read_text(encoding="utf-8")
GEHEIM = "api_token=zeer-geheim-789"


def _project(tmp_path: Path) -> Path:
    """project/basis/basis.yaml and project/varianten/, a folder with a secret beside it."""
    (tmp_path / "project" / "basis").mkdir(parents=True)
    (tmp_path / "project" / "varianten").mkdir()
    (tmp_path / "project" / "basis" / "basis.yaml").write_text(KLEIN, encoding="utf-8")
    (tmp_path / "geheim").mkdir()
    (tmp_path / "geheim" / "token.yaml").write_text(f"naam: '{GEHEIM}'\n", encoding="utf-8")
    (tmp_path / "geheim" / "token.env").write_text(GEHEIM + "\n", encoding="utf-8")
    return tmp_path / "project"


def _fout(pad: Path, toegang: Toegang | None = None) -> str:
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(pad, toegang)
    tekst = str(fout.value)
    assert GEHEIM not in tekst and "zeer-geheim" not in tekst
    return tekst


def test_erft_van_over_zustermappen_werkt_vanuit_de_projectmap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    kind = project / "varianten" / "duur.yaml"
    kind.write_text("erft_van: ../basis/basis.yaml\nnaam: duur\n", encoding="utf-8")
    monkeypatch.chdir(project)
    assert laad_scenario(kind).naam == "duur"
    # from elsewhere the sibling folder is outside both default folders …
    monkeypatch.chdir(tmp_path / "geheim")
    assert "buiten de toegestane mappen" in _fout(kind)
    # … until it is allowed explicitly
    toegang = Toegang.voor(kind, [project])
    assert laad_scenario(kind, toegang).naam == "duur"
    assert toegang.gelezen == [kind.resolve(), (project / "basis" / "basis.yaml").resolve()]


def test_erft_van_buiten_de_mappen_wordt_niet_gelezen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    kind = project / "varianten" / "k.yaml"
    for verwijzing in ("../../geheim/token.yaml", str(tmp_path / "geheim" / "token.yaml")):
        kind.write_text(f"erft_van: {verwijzing}\n", encoding="utf-8")
        tekst = _fout(kind)
        assert f"{kind}:1:11: erft_van: basisbestand '{verwijzing}': het bestand ligt buiten" in (
            tekst
        )
    kind.write_text("erft_van: ../../geheim/token.env\n", encoding="utf-8")
    assert "een basisscenario is een .yaml-bestand" in _fout(kind)
    # outside the folders a missing file is refused like an existing one (no oracle)
    for verwijzing in ("../../geheim/weg.yaml", "/bestaat/niet.yaml"):
        kind.write_text(f"erft_van: {verwijzing}\n", encoding="utf-8")
        assert "het bestand ligt buiten de toegestane mappen" in _fout(kind)


def test_erft_van_via_een_koppeling_naar_buiten_of_naar_proc(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(project)
    (project / "basis" / "stiekem.yaml").symlink_to(tmp_path / "geheim" / "token.yaml")
    (project / "basis" / "omgeving.yaml").symlink_to("/proc/self/environ")
    kind = project / "basis" / "k.yaml"
    for naam in ("stiekem.yaml", "omgeving.yaml"):
        kind.write_text(f"erft_van: {naam}\n", encoding="utf-8")
        assert "via een koppeling naar" in _fout(kind)
    # even allowed explicitly, /proc is never read
    kind.write_text("erft_van: omgeving.yaml\n", encoding="utf-8")
    tekst = _fout(kind, Toegang.voor(kind, ["/proc"]))
    assert "is een systeembestand (/proc, /sys, /dev)" in tekst
    assert "PATH=" not in tekst


def test_erft_van_naar_een_bestand_dat_geen_scenario_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = _project(tmp_path)
    monkeypatch.chdir(tmp_path)
    kind = project / "k.yaml"
    kind.write_text("erft_van: ../geheim/token.yaml\n", encoding="utf-8")
    # token.yaml has a scenario key (naam), so it is read; its value then is the scenario's
    # name, which is the user's own doing inside an allowed folder — but a mapping of
    # foreign keys is refused without repeating them
    (tmp_path / "geheim" / "app.yaml").write_text(
        "database: {wachtwoord: zeer-geheim-789}\n", encoding="utf-8"
    )
    kind.write_text("erft_van: ../geheim/app.yaml\n", encoding="utf-8")
    assert "is geen scenario (geen van zijn sleutels is een scenariosleutel)" in _fout(kind)
    (tmp_path / "geheim" / "tekst.yaml").write_text(GEHEIM + "\n", encoding="utf-8")
    kind.write_text("erft_van: ../geheim/tekst.yaml\n", encoding="utf-8")
    assert "dit bestand bevat alleen tekst" in _fout(kind)


def test_kringen_lange_namen_en_mappen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    kind = tmp_path / "k.yaml"
    kind.write_text("erft_van: a.yaml\n", encoding="utf-8")
    assert "de symbolische koppelingen van dit pad vormen een kring" in _fout(kind)
    kind.write_text(f"erft_van: {'x' * 300}.yaml\n", encoding="utf-8")
    assert "de bestandsnaam is te lang" in _fout(kind)
    (tmp_path / "map.yaml").mkdir()
    kind.write_text("erft_van: map.yaml\n", encoding="utf-8")
    assert "dit is een map, geen bestand" in _fout(kind)


def test_een_nul_teken_in_de_bestandsnaam(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A NUL in a named file's name (written as the escape \\0) stopped with an internal
    error (exit 3: ValueError 'embedded null byte'); the same for panden_uit."""
    monkeypatch.chdir(tmp_path)
    kind = tmp_path / "k.yaml"
    kind.write_text('erft_van: "basis\\0.yaml"\n', encoding="utf-8")
    assert (
        "k.yaml:1:11: erft_van: basisbestand 'basis\\x00.yaml': de bestandsnaam bevat een "
        "NUL-teken (\\x00); een bestandsnaam kan dat niet bevatten"
    ) in _fout(kind)
    p = cli("validate", str(kind))
    assert p.returncode == 1 and "Traceback" not in p.stderr and "interne fout" not in p.stderr
    kind.write_text(KLEIN.replace("panden:", 'panden_uit: "p\\0.csv"\npanden_oud:'), "utf-8")
    assert "de bestandsnaam bevat een NUL-teken" in _fout(kind)


def test_fifo_en_apparaten_worden_geweigerd_zonder_te_wachten(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.yaml"
    os.mkfifo(fifo)
    kind = tmp_path / "k.yaml"
    kind.write_text("erft_van: pijp.yaml\n", encoding="utf-8")
    uitkomsten: list[str] = []

    def probeer() -> None:
        for pad in (fifo, kind, Path("/dev/zero"), Path("/proc/self/environ")):
            with pytest.raises(ScenarioFout) as fout:
                laad_scenario(pad)
            uitkomsten.append(fout.value.meldingen[0].tekst)

    draad = threading.Thread(target=probeer, daemon=True)
    draad.start()
    draad.join(timeout=20)
    assert not draad.is_alive(), "een FIFO of apparaat liet het lezen wachten"
    assert uitkomsten[0] == "dit is geen gewoon bestand (een apparaat, pipe of socket)"
    assert uitkomsten[1].endswith("dit is geen gewoon bestand (een apparaat, pipe of socket)")
    assert (
        uitkomsten[2] == "'/dev/zero' is een systeembestand (/proc, /sys, /dev), geen invoerbestand"
    )
    assert "is een systeembestand" in uitkomsten[3]


def test_de_grens_van_10_mb_geldt_voor_de_hele_erft_van_keten(tmp_path: Path) -> None:
    opvulling = "# " + "x" * 98 + "\n"
    helft = (MAX_GROOTTE // 2 + 1000) // len(opvulling)
    (tmp_path / "basis.yaml").write_text(KLEIN + opvulling * helft, encoding="utf-8")
    kind = tmp_path / "kind.yaml"
    kind.write_text("erft_van: basis.yaml\nnaam: k\n" + opvulling * helft, encoding="utf-8")
    assert os.path.getsize(kind) < MAX_GROOTTE and os.path.getsize(tmp_path / "basis.yaml") < (
        MAX_GROOTTE
    )
    with pytest.raises(ScenarioFout) as fout:
        laad_scenario(kind)
    m = fout.value.meldingen[0]
    assert (m.regel, m.kolom, m.pad) == (1, 11, "erft_van")
    assert "de bestanden van de erft_van-keten zijn samen meer dan 10 MB" in m.tekst


def _sjabloon(map_: Path, logo: str) -> Path:
    pad = map_ / "huisstijl.yaml"
    pad.write_text(f"naam: eigen\nvoorblad:\n  titel: T\n  logo: {logo}\n", encoding="utf-8")
    return pad


def test_logo_moet_een_echte_png_of_jpeg_binnen_de_mappen_zijn(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    project = _project(tmp_path)
    monkeypatch.chdir(project)
    Image.new("RGB", (40, 20), "#336699").save(project / "logo.png")
    Image.new("RGB", (40, 20), "#336699").save(project / "logo.gif")
    os.replace(project / "logo.gif", project / "gif.png")
    (project / "tekst.png").write_text(GEHEIM, encoding="utf-8")
    # a PNG of header and end only (no pixel data), and a JPEG cut after 30 bytes
    (project / "leeg.png").write_bytes(_png_zonder_beeld())
    jpeg = io.BytesIO()
    Image.new("RGB", (1, 1)).save(jpeg, "JPEG")
    (project / "kort.jpg").write_bytes(jpeg.getvalue()[:30])
    Image.new("RGB", (40, 20)).save(tmp_path / "geheim" / "buiten.png")

    stijl = laad_huisstijl(_sjabloon(project, "logo.png"))
    assert stijl.logo == (project / "logo.png").read_bytes()
    verwacht = {
        "tekst.png": "dit is geen leesbare PNG- of JPEG-afbeelding",
        "leeg.png": "dit is geen leesbare PNG- of JPEG-afbeelding",
        "kort.jpg": "dit is geen leesbare PNG- of JPEG-afbeelding",
        "gif.png": "dit is een GIF-afbeelding; een logo is PNG of JPEG",
        "../geheim/buiten.png": "het bestand ligt buiten de toegestane mappen",
        "/etc/passwd": "een logo is een .png- of .jpg-bestand",
        "weg.png": "bestand niet gevonden",
    }
    for logo, tekst in verwacht.items():
        pad = _sjabloon(project, logo)
        with pytest.raises(ScenarioFout) as fout:
            laad_huisstijl(pad)
        m = fout.value.meldingen[0]
        assert (m.bestand, m.regel, m.kolom, m.pad) == (str(pad), 4, 9, "voorblad.logo")
        assert m.tekst.startswith(f"logo '{logo}': {tekst}"), m.tekst
        assert GEHEIM not in m.tekst


def _png_zonder_beeld() -> bytes:
    def blok(soort: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(soort + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + soort + data + struct.pack(">I", crc)

    kop = struct.pack(">IIBBBBB", 10, 10, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + blok(b"IHDR", kop) + blok(b"IEND", b"")


def test_logo_dat_xlsxwriter_weigert_is_een_melding() -> None:
    """What Excel's writer cannot place is refused when the template is read, not halfway
    through the export."""
    from transformatiecalc.toegang import Geweigerd
    from transformatiecalc.uitvoer.huisstijl import _past_in_werkboek

    with pytest.raises(Geweigerd, match="kan niet in een Excel-werkboek"):
        _past_in_werkboek(b"\xff\xd8\xff\xe0" + bytes(20), "logo.jpg")
    _past_in_werkboek(_echte_png(), "logo.png")


def _echte_png() -> bytes:
    from PIL import Image

    uit = io.BytesIO()
    Image.new("RGB", (4, 4), "#336699").save(uit, "PNG")
    return uit.getvalue()


def test_cli_toegang_verruimt_de_mappen(tmp_path: Path) -> None:
    project = _project(tmp_path)
    kind = project / "varianten" / "duur.yaml"
    kind.write_text("erft_van: ../basis/basis.yaml\nnaam: duur\n", encoding="utf-8")
    p = cli("validate", str(kind), cwd=tmp_path / "geheim")
    assert p.returncode == 1 and "buiten de toegestane mappen" in p.stderr
    assert "Traceback" not in p.stderr
    p = cli("validate", str(kind), "--toegang", str(project), cwd=tmp_path / "geheim")
    assert p.returncode == 0, p.stderr
    assert "geldig" in p.stdout


def test_cli_toegang_naar_een_map_die_niet_bestaat(tmp_path: Path) -> None:
    """--toegang with a misspelt folder was accepted silently (the run then refused the file
    the user meant to allow, or worse, succeeded for another reason)."""
    project = _project(tmp_path)
    basis = project / "basis" / "basis.yaml"
    (tmp_path / "bestand.txt").write_text("x\n", encoding="utf-8")
    for opdracht in (["validate", str(basis)], ["run", str(basis), "--stil"]):
        p = cli(*opdracht, "--toegang", str(tmp_path / "projct"), cwd=tmp_path)
        assert p.returncode == 2, (opdracht, p.stderr)
        assert (
            f"gebruiksfout ongeldige waarde voor '--toegang': {tmp_path / 'projct'}: de map "
            "bestaat niet"
        ) in " ".join(p.stderr.split())
        p = cli(*opdracht, "--toegang", str(tmp_path / "bestand.txt"), cwd=tmp_path)
        assert p.returncode == 2 and "is een bestand, geen map" in p.stderr
    p = cli("uit-werkboek", "w.xlsx", "-o", "v.yaml", "--toegang", "nergens", cwd=tmp_path)
    assert p.returncode == 2 and "nergens: de map bestaat niet" in p.stderr
