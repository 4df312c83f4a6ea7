"""Routes of the folder and the editor: the list of scenarios, a new one, an upload, one
scenario's page, and its text calculated, saved or discarded."""

from __future__ import annotations

import hashlib
from importlib.resources import files
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, HTTPException, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...toegang import MAX_GROOTTE, Geweigerd
from .. import weergave
from ..omgeving import Omgeving, OmgevingDep, esc, lees_formulier
from ..rekenen import Berekening
from ..werkruimte import NaamFout, Werkruimte

#: Upload limit (bytes): one scenario file.
MAX_UPLOAD = MAX_GROOTTE

router = APIRouter()


@router.get("/favicon.ico")
def favicon() -> Response:
    return Response(status_code=204)


@router.get("/", response_class=HTMLResponse)
def start(request: Request, o: OmgevingDep) -> HTMLResponse:
    return _startpagina(request, o)


def _startpagina(request: Request, o: Omgeving, melding: str = "") -> HTMLResponse:
    """The list of scenarios, with `melding` (why a new scenario or an upload was refused)
    drawn in the page itself: a message in the URL (``/?melding=…``) showed any text anyone
    put in a link as the app's alert."""
    antwoord = o.pagina(
        request, "start.html", namen=o.werkruimte.namen(), melding=melding, taken=o.taken.lijst()
    )
    if melding:
        antwoord.status_code = 400
    return antwoord


@router.post("/nieuw")
def nieuw(request: Request, o: OmgevingDep, naam: str = Form("nieuw_scenario.yaml")) -> Response:
    ws = o.werkruimte
    try:
        naam = ws.nieuwe_naam(naam)
        ws.zet(naam, files("transformatiecalc").joinpath("data/start.yaml").read_bytes())
    except NaamFout as fout:
        return _startpagina(request, o, str(fout))
    return RedirectResponse(f"/s/{quote(naam)}", 303)


@router.post("/upload")
async def upload(request: Request, bestand: UploadFile, o: OmgevingDep) -> Response:
    inhoud = await bestand.read(MAX_UPLOAD + 1)
    if len(inhoud) > MAX_UPLOAD:
        return _startpagina(
            request, o, f"het bestand is groter dan {MAX_UPLOAD // (1024 * 1024)} MB"
        )
    try:
        inhoud.decode("utf-8")
        naam = o.werkruimte.nieuwe_naam(bestand.filename or "upload.yaml")
        o.werkruimte.zet(naam, inhoud)
    except UnicodeDecodeError:
        return _startpagina(request, o, "het bestand is geen UTF-8-tekst")
    except NaamFout as fout:
        return _startpagina(request, o, str(fout))
    return RedirectResponse(f"/s/{quote(naam)}", 303)


@router.get("/s/{naam:path}", response_class=HTMLResponse)
def scenario(request: Request, naam: str, o: OmgevingDep) -> HTMLResponse:
    naam = o.naam_of_404(naam)
    b = o.rekenaar.reken(naam)
    gewijzigd = o.werkruimte.gewijzigd(naam)
    # the page of one calculation is the same for everyone: drawn once (that of a 5 000-pand
    # scenario is 15 MB of HTML and takes seconds of the server's interpreter)
    sleutel = f"pagina:{gewijzigd}"
    if sleutel not in b.cache:
        b.cache[sleutel] = o.sjablonen.get_template("scenario.html").render(
            request=request, naam=naam, b=b, **_context(b, o.werkruimte), gewijzigd=gewijzigd
        )
    return HTMLResponse(b.cache[sleutel])


@router.post("/reken/{naam:path}", response_class=HTMLResponse)
async def reken(request: Request, naam: str, o: OmgevingDep) -> Response:
    """The editor's text kept as the buffer of `naam` and calculated. The form is read here,
    not by FastAPI, so that a whole scenario (up to the size limit) fits in its field."""
    formulier = await lees_formulier(request)
    tekst, basis = formulier.get("tekst", ""), formulier.get("basis", "")
    if not isinstance(tekst, str) or not isinstance(basis, str):
        raise HTTPException(400, "onvolledig verzoek: de tekst van het scenario ontbreekt")
    return await run_in_threadpool(_reken, request, naam, o, tekst, basis)


def _reken(request: Request, naam: str, o: Omgeving, tekst: str, basis: str) -> Response:
    naam = o.naam_of_404(naam)
    ws = o.werkruimte
    if _botsing(ws, naam, basis, tekst):
        antwoord = o.pagina(request, "_botsing.html", naam=naam)
        antwoord.headers["HX-Reswap"] = "none"
        return antwoord
    try:
        ws.zet(naam, tekst.encode("utf-8", "surrogatepass"))
    except (NaamFout, UnicodeEncodeError) as fout:
        antwoord = HTMLResponse(
            f'<p id="conflict" class="fout" hx-swap-oob="true">{esc(str(fout))}</p>'
        )
        antwoord.headers["HX-Reswap"] = "none"
        return antwoord
    b = o.rekenaar.reken(naam)
    antwoord = o.pagina(request, "_resultaat.html", naam=naam, b=b, **_context(b, ws), oob=True)
    if b.resultaat is None:
        antwoord.headers["HX-Reswap"] = "none"  # keep the last valid result; oob: messages
    return antwoord


@router.post("/bewaar/{naam:path}", response_class=HTMLResponse)
def bewaar(naam: str, o: OmgevingDep, basis: str = Form("")) -> HTMLResponse:
    naam = o.naam_of_404(naam)
    ws = o.werkruimte
    if naam not in ws.buffers:
        return HTMLResponse('<span id="opslag">niets gewijzigd</span>')
    if basis and _sha(ws.buffers.get(naam, b"")) != basis:
        return HTMLResponse(
            '<span id="opslag" class="fout">niet opgeslagen: een ander tabblad of een collega '
            "heeft dit scenario intussen gewijzigd; laad de pagina opnieuw</span>"
        )
    try:
        pad = ws.bewaar(naam)
    except NaamFout as fout:
        return HTMLResponse(f'<span id="opslag" class="fout">{esc(str(fout))}</span>')
    return HTMLResponse(
        f'<span id="opslag">opgeslagen in {esc(str(pad.relative_to(ws.map)))}</span>'
    )


@router.post("/verwerp/{naam:path}")
def verwerp(naam: str, o: OmgevingDep) -> Response:
    naam = o.naam_of_404(naam)
    o.werkruimte.verwerp(naam)
    doel = f"/s/{quote(naam)}" if o.werkruimte.pad(naam).exists() else "/"
    return RedirectResponse(doel, 303)


def _context(b: Berekening, ws: Werkruimte) -> dict[str, Any]:
    """What the result fragment shows of calculation `b` (kept with it: the tables of a
    5 000-pand scenario take seconds to build; a heavy document's worker process builds
    them with its calculation, see :class:`..rekenen.Rekenaar`)."""
    if "context" not in b.cache:
        b.cache["context"] = _bouw_context(b, ws)
    return dict(b.cache["context"])


def _bouw_context(b: Berekening, ws: Werkruimte) -> dict[str, Any]:
    uit: dict[str, Any] = {"meldingen": b.melding_json(ws.map)}
    if b.resultaat is not None:
        uit.update(b.inhoud or weergave.resultaatinhoud(b.resultaat, b.naam, b.sleutel))
    return uit


def _sha(inhoud: bytes) -> str:
    return hashlib.sha256(inhoud).hexdigest()[:16]


def _botsing(ws: Werkruimte, naam: str, basis: str, tekst: str) -> bool:
    """Whether the text on the server changed since this editor last saw it (another tab or
    a colleague), so that this edit would silently overwrite theirs."""
    if not basis:
        return False
    try:
        nu = ws.lees(naam)
    except (Geweigerd, NaamFout):
        return False
    return _sha(nu) != basis and nu != tekst.encode("utf-8", "surrogatepass")
