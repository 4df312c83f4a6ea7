"""Routes of the forms: a scenario's inputs (or one pand's) as a form, and a filled-in form
written back into the YAML text of the editor (checked before it is)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from .. import formulier
from ..omgeving import OmgevingDep, json_antwoord

router = APIRouter()


@router.get("/formulier/{naam:path}", response_class=HTMLResponse)
def formulier_tonen(request: Request, naam: str, o: OmgevingDep, pand: str = "") -> HTMLResponse:
    b = o.rekenaar.reken(o.naam_of_404(naam))
    if b.resultaat is None:
        return HTMLResponse('<p class="fout">Los eerst de fouten in het scenario op.</p>')
    velden = formulier.velden(b.resultaat.scenario, pand or None)
    return o.pagina(request, "_formulier.html", naam=naam, f=velden)


@router.post("/formulier/{naam:path}")
async def formulier_opslaan(request: Request, naam: str, o: OmgevingDep) -> Response:
    naam = o.naam_of_404(naam)
    b = o.rekenaar.reken(naam)
    if b.resultaat is None:
        return json_antwoord(
            {"fout": "het scenario heeft fouten; los die eerst op in de editor"}, 409
        )
    gegevens = dict(await request.form())
    try:
        tekst = formulier.pas_toe(
            b.tekst, b.resultaat.scenario, {k: str(v) for k, v in gegevens.items()}
        )
    except formulier.FormulierFout as fout:
        return json_antwoord({"fout": str(fout)}, 400)
    fouten = o.rekenaar.controleer(naam, tekst)
    if fouten:  # nothing is written into the editor that the scenario would refuse
        return json_antwoord({"fout": "; ".join(fouten)}, 400)
    return json_antwoord({"tekst": tekst})
