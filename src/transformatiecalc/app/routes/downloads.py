"""The download route: a scenario as YAML, JSON or an Excel workbook (a finished task's
downloads are in :mod:`.taken`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from ...resultaat import Resultaat
from ..omgeving import XLSX, OmgevingDep, bijlage

router = APIRouter()


@router.get("/download/{naam:path}")
def download(naam: str, soort: str, o: OmgevingDep) -> Response:
    naam = o.naam_of_404(naam)
    stam = Path(naam).stem
    if soort == "yaml":
        return bijlage(o.werkruimte.lees(naam), f"{Path(naam).name}", "application/yaml")
    b = o.rekenaar.reken(naam)
    if b.resultaat is None:
        raise HTTPException(409, _fouten(b.melding_json(o.werkruimte.map)))
    if soort not in ("json", "xlsx"):
        raise HTTPException(404, "onbekende soort download")
    inhoud = b.cache.get(soort)
    if inhoud is None:
        maker = _json if soort == "json" else _werkboek
        # a heavy document's workbook is made in a worker process: that of 5 000 panden took
        # 43 s of the server's interpreter, and every other user's recalculation with it
        inhoud = b.cache[soort] = (
            o.rekenaar.in_werker(maker, b.resultaat) if b.zwaar else maker(b.resultaat)
        )
    if soort == "json":
        return bijlage(inhoud, f"{stam}.json", "application/json")
    return bijlage(inhoud, f"{stam}.xlsx", XLSX)


def _fouten(meldingen: list[dict[str, Any]]) -> str:
    """Why a scenario with errors has no JSON or workbook, with its first message located
    (the page said only 'het scenario heeft fouten', on a page of its own)."""
    if not meldingen:
        return "het scenario heeft fouten; los die eerst op"
    m = meldingen[0]
    plek = f"regel {m['regel']}, kolom {m['kolom']}" if m["regel"] else str(m["bestand"])
    pad = f"{m['pad']}: " if m["pad"] else ""
    aantal = "1 fout" if len(meldingen) == 1 else f"{len(meldingen)} fouten, de eerste"
    return (
        f"het scenario heeft {aantal} op {plek}: {pad}{m['tekst']} — los die eerst op "
        "(de meldingen staan onder de editor)"
    )


def _json(r: Resultaat) -> bytes:
    from ...uitvoer.json import json_tekst

    return json_tekst(r).encode("utf-8")


def _werkboek(r: Resultaat) -> bytes:
    from ...uitvoer.excel import werkboek_bytes
    from ...uitvoer.grafieken import alle_grafieken
    from ...uitvoer.huisstijl import Huisstijl

    stijl = Huisstijl()
    return bytes(werkboek_bytes(r, stijl, alle_grafieken(r, stijl)))
