"""Recalculate a workbook in LibreOffice headless, with forced recalculation on load.

LibreOffice's default profile keeps the cached values of an xlsx written by xlsxwriter
(docs/excel.md, "Waarom xlsxwriter en een YAML-sjabloon"), so a private profile sets
OOXMLRecalcMode = 0 ('always').
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

_LAAD = '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
PROFIEL = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
    f'{_LAAD}<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
    f'{_LAAD}<prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
    "</oor:items>\n"
)


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def herreken(paden: list[Path], werkmap: Path) -> list[Path]:
    """Open each workbook in LibreOffice, recalculate everything, save as xlsx in `werkmap`.

    One LibreOffice start for all files (start-up costs ~1,5 s). Returns the new paths.
    """
    programma = soffice()
    if programma is None:
        raise RuntimeError("LibreOffice (soffice) is niet geïnstalleerd")
    profiel = werkmap / "lo_profiel" / "user"
    profiel.mkdir(parents=True, exist_ok=True)
    (profiel / "registrymodifications.xcu").write_text(PROFIEL, encoding="utf-8")
    uit = werkmap / "herrekend"
    uit.mkdir(exist_ok=True)
    p = subprocess.run(
        [
            programma,
            f"-env:UserInstallation=file://{(werkmap / 'lo_profiel').resolve()}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(uit),
            *[str(p) for p in paden],
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "HOME": str(werkmap)},
    )
    resultaten = [uit / pad.name for pad in paden]
    if p.returncode != 0 or not all(r.exists() for r in resultaten):
        raise RuntimeError(f"LibreOffice faalde: {p.stdout}\n{p.stderr}")
    return resultaten
