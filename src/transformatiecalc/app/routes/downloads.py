"""The download route: a scenario as YAML, JSON or an Excel workbook (a finished task's
downloads are in :mod:`.taken`)."""

from __future__ import annotations

from pathlib import Path

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
        raise HTTPException(409, "het scenario heeft fouten; los ze eerst op")
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


def _json(r: Resultaat) -> bytes:
    from ...uitvoer.json import json_tekst

    return json_tekst(r).encode("utf-8")


def _werkboek(r: Resultaat) -> bytes:
    from ...uitvoer.excel import werkboek_bytes
    from ...uitvoer.grafieken import alle_grafieken
    from ...uitvoer.huisstijl import Huisstijl

    stijl = Huisstijl()
    return bytes(werkboek_bytes(r, stijl, alle_grafieken(r, stijl)))
