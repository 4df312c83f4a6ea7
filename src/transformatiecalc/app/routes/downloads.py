"""The download route: a scenario as YAML, JSON or an Excel workbook (a finished task's
downloads are in :mod:`.taken`)."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from ..omgeving import XLSX, OmgevingDep, bijlage
from ..rekenen import Berekening

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
    if soort == "json":
        from ...uitvoer.json import json_tekst

        inhoud = b.cache.get("json") or json_tekst(b.resultaat).encode("utf-8")
        b.cache["json"] = inhoud
        return bijlage(inhoud, f"{stam}.json", "application/json")
    if soort == "xlsx":
        inhoud = b.cache.get("xlsx") or _werkboek(b)
        b.cache["xlsx"] = inhoud
        return bijlage(inhoud, f"{stam}.xlsx", XLSX)
    raise HTTPException(404, "onbekende soort download")


def _werkboek(b: Berekening) -> bytes:
    from ...uitvoer.excel import werkboek_bytes
    from ...uitvoer.grafieken import alle_grafieken
    from ...uitvoer.huisstijl import Huisstijl

    assert b.resultaat is not None
    stijl = Huisstijl()
    return bytes(werkboek_bytes(b.resultaat, stijl, alle_grafieken(b.resultaat, stijl)))
