"""Routes of the long calculations (Monte Carlo, tornado, comparison): start one as a task
of :mod:`..taken`, follow its progress, stop it, show its charts, download its results."""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from ..omgeving import XLSX, Omgeving, OmgevingDep, bijlage, esc
from ..taken import Taak

#: The outcomes a tornado can be drawn for in the app (totals; `gevoelig --uitkomst` knows more).
UITKOMSTEN = {
    "onrendabele_top": "onrendabele top (saldo)",
    "tekort": "tekort (panden met een ORT)",
    "residuele_grondwaarde": "residuele grondwaarde",
    "onrendabele_top_na": "onrendabele top na herverkaveling, verevening en fondsen",
    "tekort_na": "tekort na herverkaveling, verevening en fondsen",
}

#: A Monte Carlo run keeps three numbers per draw and pand (and copies while it builds them):
#: 100 000 draws of a 5 000-pand scenario took 22 GB and stalled the machine everyone shares.
#: The app refuses more draws × panden than this (±0,5 GB of result; the CLI has no limit).
MAX_TREKKINGEN_MAAL_PANDEN = 20_000_000

router = APIRouter()


@router.post("/taak/onzeker/{naam:path}", response_class=HTMLResponse)
def onzeker(request: Request, naam: str, o: OmgevingDep, trekkingen: int = Form(0)) -> HTMLResponse:
    b = o.rekenaar.reken(o.naam_of_404(naam))
    if b.resultaat is None or b.resultaat.scenario.onzekerheid is None:
        return HTMLResponse(
            '<p class="fout">Dit scenario heeft geen (geldige) sectie onzekerheid.</p>'
        )
    n = trekkingen if 2 <= trekkingen <= 100_000 else b.resultaat.scenario.onzekerheid.trekkingen
    panden = max(len(b.resultaat.panden), 1)
    if n * panden > MAX_TREKKINGEN_MAAL_PANDEN:
        hoogstens = MAX_TREKKINGEN_MAAL_PANDEN // panden
        return HTMLResponse(
            f'<p class="fout">{n} trekkingen bij {panden} panden vragen te veel geheugen van de '
            f"app: kies hoogstens {hoogstens} trekkingen (het vak Trekkingen), of reken met "
            "transformatiecalc onzeker op de opdrachtregel.</p>"
        )
    return _start(
        o,
        request,
        "onzeker",
        f"Onzekerheid — {naam}",
        n,
        {"naam": naam, "trekkingen": n},
        f"{_stam(naam)}_onzeker",
    )


@router.post("/taak/gevoelig/{naam:path}", response_class=HTMLResponse)
def gevoelig(
    request: Request,
    naam: str,
    o: OmgevingDep,
    parameters: str = Form(""),
    uitkomst: str = Form(""),
) -> HTMLResponse:
    o.naam_of_404(naam)
    regels = [(i, r.strip()) for i, r in enumerate(parameters.splitlines(), 1) if r.strip()][:30]
    if not regels:
        return HTMLResponse(
            '<p class="fout">Geef ten minste één parameter, bijv. kosten.bijkomend=±20%.</p>'
        )
    if uitkomst not in UITKOMSTEN:
        uitkomst = "onrendabele_top"
    opdracht = {
        "naam": naam,
        "parameters": [t for _, t in regels],
        "regelnummers": [i for i, _ in regels],
        "uitkomst": uitkomst,
    }
    return _start(
        o,
        request,
        "gevoelig",
        f"Gevoeligheid — {naam}",
        len(regels),
        opdracht,
        f"{_stam(naam)}_gevoelig",
    )


@router.get("/vergelijk", response_class=HTMLResponse)
def vergelijk_pagina(request: Request, o: OmgevingDep) -> HTMLResponse:
    return o.pagina(request, "vergelijk.html", namen=o.werkruimte.namen())


@router.post("/taak/vergelijk", response_class=HTMLResponse)
async def vergelijk(request: Request, o: OmgevingDep) -> HTMLResponse:
    formulier_ = await request.form()
    namen = [str(n) for n in formulier_.getlist("naam")][:12]
    for n in namen:
        o.naam_of_404(n)
    if not namen:
        return HTMLResponse('<p class="fout">Kies ten minste één scenario.</p>')
    opdracht = {"namen": namen, "breed": formulier_.get("breed") == "ja"}
    return _start(o, request, "vergelijk", "Vergelijking", len(namen), opdracht, "vergelijking")


def _stam(naam: str) -> str:
    """A document's file name without folder and extension."""
    return PurePosixPath(naam).stem


def _start(
    o: Omgeving,
    request: Request,
    soort: str,
    titel: str,
    totaal: int,
    opdracht: dict[str, Any],
    bestandsnaam: str,
) -> HTMLResponse:
    """Task `soort` started on the folder and its unsaved buffers, shown as its fragment;
    its downloads are called `bestandsnaam`."""
    opdracht = {**opdracht, "map": str(o.werkruimte.map), "buffers": dict(o.werkruimte.buffers)}
    try:
        taak = o.taken.start(soort, titel, totaal, opdracht, sessie(request), bestandsnaam)
    except RuntimeError as fout:
        return HTMLResponse(f'<p class="fout">{esc(str(fout))}</p>')
    return o.pagina(request, "_taak.html", taak=taak)


def taak_of_404(t: Taak | None, tekst: str = "taak niet gevonden") -> Taak:
    """`t`, or a 404 with `tekst` when there is no such task."""
    if t is None:
        raise HTTPException(404, tekst)
    return t


@router.get("/taak/{id}/pagina", response_class=HTMLResponse)
def taak_pagina(request: Request, id: str, o: OmgevingDep) -> HTMLResponse:
    t = taak_of_404(o.taken.get(id), "berekening niet gevonden (na een uur vergeten)")
    return o.pagina(request, "taak.html", taak=t)


@router.get("/taak/{id}", response_class=HTMLResponse)
def taak(request: Request, id: str, o: OmgevingDep) -> HTMLResponse:
    return o.pagina(request, "_taak.html", taak=taak_of_404(o.taken.get(id)))


@router.post("/taak/{id}/stop", response_class=HTMLResponse)
def taak_stop(request: Request, id: str, o: OmgevingDep) -> HTMLResponse:
    try:
        t = o.taken.stop(id, sessie(request))
    except PermissionError as fout:
        raise HTTPException(403, str(fout)) from None
    return o.pagina(request, "_taak.html", taak=taak_of_404(t))


def sessie(request: Request) -> str:
    """The session of `request` (set by the guard in :mod:`..server`)."""
    return str(getattr(request.state, "sessie", ""))


@router.get("/taak/{id}/grafiek/{grafiek}")
def taak_grafiek(id: str, grafiek: str, o: OmgevingDep) -> Response:
    t = o.taken.get(id)
    if t is None or t.status != "klaar" or grafiek not in t.uitkomst.get("grafieken", {}):
        raise HTTPException(404, "grafiek niet gevonden")
    return Response(t.uitkomst["grafieken"][grafiek], media_type="image/png")


@router.get("/taak/{id}/download")
def taak_download(id: str, soort: str, o: OmgevingDep) -> Response:
    t = o.taken.get(id)
    if t is None or t.status != "klaar":
        raise HTTPException(404, "taak niet gevonden of niet klaar")
    if soort == "json":
        naam = f"{t.bestandsnaam}.json"
        return bijlage(t.uitkomst["json"].encode("utf-8"), naam, "application/json")
    if soort == "xlsx":
        return bijlage(t.uitkomst["werkboek"], f"{t.bestandsnaam}.xlsx", XLSX)
    raise HTTPException(404, "onbekende soort download")
