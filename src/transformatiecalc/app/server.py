"""The web application: FastAPI routes, server-rendered pages (Jinja2) and HTMX fragments.

Pages: the folder's scenarios (open, new from ``init``'s template, upload), one scenario
(YAML editor with located messages, results, a pand's waterfall and what closes its gap,
forms, fund, downloads, Monte Carlo and tornado as tasks) and a comparison of scenarios.
Every number comes from the engine functions the CLI calls; see :mod:`.weergave`.
"""

from __future__ import annotations

import hmac
import json
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Form, HTTPException, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..toegang import MAX_GROOTTE, Geweigerd
from . import formulier, weergave
from .rekenen import Berekening, Rekenaar
from .taken import Taak, Taken
from .werkruimte import NaamFout, Werkruimte

_HIER = files("transformatiecalc") / "app"
#: Upload limit (bytes): one scenario file.
MAX_UPLOAD = MAX_GROOTTE
#: The outcomes a tornado can be drawn for in the app (totals; `gevoelig --uitkomst` knows more).
UITKOMSTEN = {
    "onrendabele_top": "onrendabele top (saldo)",
    "tekort": "tekort (panden met een ORT)",
    "residuele_grondwaarde": "residuele grondwaarde",
    "onrendabele_top_na": "onrendabele top na herverkaveling, verevening en fondsen",
    "tekort_na": "tekort na herverkaveling, verevening en fondsen",
}


def maak_app(
    werkmap: str | Path,
    token: str | None = None,
    hosts: tuple[str, ...] | None = None,
) -> FastAPI:
    """The app on folder `werkmap`.

    `token`: when set, every request must carry it (once as ``?token=…``, then as a cookie);
    `hosts`: the Host headers accepted (against DNS rebinding); None accepts any (tests).
    """
    ws = Werkruimte.open(werkmap)
    rekenaar = Rekenaar(ws)
    taken = Taken()
    app = FastAPI(title="transformatiecalc", version=__version__, docs_url=None, redoc_url=None)
    app.state.werkruimte, app.state.rekenaar, app.state.taken = ws, rekenaar, taken
    app.mount("/static", StaticFiles(directory=str(_HIER / "static")), name="static")
    sjablonen = Jinja2Templates(directory=str(_HIER / "templates"))
    sjablonen.env.globals.update(
        versie=__version__, werkmap=ws.map.name or str(ws.map), quote=quote, uitkomsten=UITKOMSTEN
    )

    @app.middleware("http")
    async def bewaking(request: Request, call_next: Any) -> Response:
        if hosts is not None and request.headers.get("host", "") not in hosts:
            return _weiger(400, "onbekende host; open de app via het adres dat bij de start stond")
        if request.method == "POST":
            herkomst = request.headers.get("origin")
            if herkomst is not None and herkomst.split("://", 1)[-1] != request.headers.get("host"):
                return _weiger(403, "verzoek van een andere website geweigerd")
        if token is not None:
            gegeven = request.query_params.get("token")
            if gegeven is not None and hmac.compare_digest(gegeven, token):
                door = RedirectResponse(str(request.url.remove_query_params("token")), 303)
                door.set_cookie("tc_token", token, httponly=True, samesite="strict")
                return door
            if not hmac.compare_digest(request.cookies.get("tc_token", ""), token):
                return _weiger(401, "deze app vraagt een toegangscode; open het adres met ?token=…")
        antwoord: Response = await call_next(request)
        antwoord.headers["X-Content-Type-Options"] = "nosniff"
        antwoord.headers["X-Frame-Options"] = "DENY"
        antwoord.headers["Content-Security-Policy"] = (
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            "script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
        )
        return antwoord

    def pagina(request: Request, sjabloon: str, **context: Any) -> HTMLResponse:
        return sjablonen.TemplateResponse(request, sjabloon, context)

    def naam_of_404(naam: str) -> str:
        try:
            ws.pad(naam)
        except NaamFout as fout:
            raise HTTPException(404, str(fout)) from None
        return naam

    @app.get("/favicon.ico")
    def favicon() -> Response:
        return Response(status_code=204)

    # ------------------------------------------------------------ the folder
    @app.get("/", response_class=HTMLResponse)
    def start(request: Request, melding: str = "") -> HTMLResponse:
        return pagina(request, "start.html", namen=ws.namen(), melding=melding, taken=taken.lijst())

    @app.post("/nieuw")
    def nieuw(naam: str = Form("nieuw_scenario.yaml")) -> Response:
        try:
            naam = ws.nieuwe_naam(naam)
            ws.zet(naam, files("transformatiecalc").joinpath("data/start.yaml").read_bytes())
        except NaamFout as fout:
            return RedirectResponse(f"/?melding={quote(str(fout))}", 303)
        return RedirectResponse(f"/s/{quote(naam)}", 303)

    @app.post("/upload")
    async def upload(bestand: UploadFile) -> Response:
        inhoud = await bestand.read(MAX_UPLOAD + 1)
        if len(inhoud) > MAX_UPLOAD:
            tekst = f"het bestand is groter dan {MAX_UPLOAD // (1024 * 1024)} MB"
            return RedirectResponse(f"/?melding={quote(tekst)}", 303)
        try:
            inhoud.decode("utf-8")
            naam = ws.nieuwe_naam(bestand.filename or "upload.yaml")
            ws.zet(naam, inhoud)
        except UnicodeDecodeError:
            return RedirectResponse(f"/?melding={quote('het bestand is geen UTF-8-tekst')}", 303)
        except NaamFout as fout:
            return RedirectResponse(f"/?melding={quote(str(fout))}", 303)
        return RedirectResponse(f"/s/{quote(naam)}", 303)

    # ------------------------------------------------------------ one scenario
    @app.get("/s/{naam:path}", response_class=HTMLResponse)
    def scenario(request: Request, naam: str) -> HTMLResponse:
        naam = naam_of_404(naam)
        b = rekenaar.reken(naam)
        return pagina(
            request,
            "scenario.html",
            naam=naam,
            b=b,
            **_context(b, ws),
            gewijzigd=ws.gewijzigd(naam),
        )

    @app.post("/reken/{naam:path}", response_class=HTMLResponse)
    def reken(
        request: Request, naam: str, tekst: str = Form(""), basis: str = Form("")
    ) -> Response:
        naam = naam_of_404(naam)
        if _botsing(ws, naam, basis, tekst):
            antwoord = pagina(request, "_botsing.html", naam=naam)
            antwoord.headers["HX-Reswap"] = "none"
            return antwoord
        try:
            ws.zet(naam, tekst.encode("utf-8", "surrogatepass"))
        except (NaamFout, UnicodeEncodeError) as fout:
            antwoord = HTMLResponse(
                f'<p id="conflict" class="fout" hx-swap-oob="true">{_esc(str(fout))}</p>'
            )
            antwoord.headers["HX-Reswap"] = "none"
            return antwoord
        b = rekenaar.reken(naam)
        antwoord = pagina(request, "_resultaat.html", naam=naam, b=b, **_context(b, ws), oob=True)
        if b.resultaat is None:
            antwoord.headers["HX-Reswap"] = "none"  # keep the last valid result; oob: messages
        return antwoord

    @app.post("/bewaar/{naam:path}", response_class=HTMLResponse)
    def bewaar(naam: str, basis: str = Form("")) -> HTMLResponse:
        naam = naam_of_404(naam)
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
            return HTMLResponse(f'<span id="opslag" class="fout">{_esc(str(fout))}</span>')
        return HTMLResponse(
            f'<span id="opslag">opgeslagen in {_esc(str(pad.relative_to(ws.map)))}</span>'
        )

    @app.post("/verwerp/{naam:path}")
    def verwerp(naam: str) -> Response:
        naam = naam_of_404(naam)
        ws.verwerp(naam)
        doel = f"/s/{quote(naam)}" if ws.pad(naam).exists() else "/"
        return RedirectResponse(doel, 303)

    @app.get("/pand/{naam:path}", response_class=HTMLResponse)
    def pand(request: Request, naam: str, id: str, v: str = "") -> HTMLResponse:
        b = rekenaar.versie(naam_of_404(naam), v)
        if b.resultaat is None or id not in b.resultaat.panden.index:
            raise HTTPException(404, "pand niet gevonden")
        r = b.resultaat
        return pagina(
            request,
            "_pand.html",
            naam=naam,
            b=b,
            pand=id,
            pandnaam=r.panden.loc[id].get("naam") or id,
            sluiters=weergave.pand_sluiters(r, id),
            functies=weergave.functietabel(r, id),
        )

    @app.get("/fonds/{naam:path}", response_class=HTMLResponse)
    def fonds(request: Request, naam: str, v: str = "") -> HTMLResponse:
        """The fund tab, drawn when it is opened (it costs more than the rest of a result)."""
        b = rekenaar.versie(naam_of_404(naam), v)
        if b.resultaat is None:
            return HTMLResponse('<p class="fout">Het scenario heeft fouten.</p>')
        r = b.resultaat
        if not (r.fondsen or r.verevening is not None):
            return HTMLResponse("<p>Dit scenario heeft geen verevening en geen fondsen.</p>")
        from ..uitvoer.terminal import toon_portefeuille

        html = b.cache.get("fonds_html")
        if html is None:
            html = b.cache["fonds_html"] = weergave.rich_html(lambda c: toon_portefeuille(r, c))
        return pagina(
            request,
            "_fonds.html",
            naam=naam,
            b=b,
            programma_html=html,
            grootboek=weergave.grootboek(r),
        )

    @app.get("/grafiek/{naam:path}")
    def grafiek(naam: str, soort: str, pand: str | None = None, v: str = "") -> Response:
        b = rekenaar.versie(naam_of_404(naam), v)
        if b.resultaat is None:
            raise HTTPException(404, "het scenario heeft fouten")
        png = _grafiek(b, soort, pand)
        if png is None:
            raise HTTPException(404, "geen grafiek van deze soort")
        return Response(
            png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"}
        )

    @app.get("/download/{naam:path}")
    def download(naam: str, soort: str) -> Response:
        naam = naam_of_404(naam)
        stam = Path(naam).stem
        if soort == "yaml":
            return _bijlage(ws.lees(naam), f"{Path(naam).name}", "application/yaml")
        b = rekenaar.reken(naam)
        if b.resultaat is None:
            raise HTTPException(409, "het scenario heeft fouten; los ze eerst op")
        if soort == "json":
            from ..uitvoer.json import json_tekst

            inhoud = b.cache.get("json") or json_tekst(b.resultaat).encode("utf-8")
            b.cache["json"] = inhoud
            return _bijlage(inhoud, f"{stam}.json", "application/json")
        if soort == "xlsx":
            inhoud = b.cache.get("xlsx") or _werkboek(b)
            b.cache["xlsx"] = inhoud
            return _bijlage(
                inhoud,
                f"{stam}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        raise HTTPException(404, "onbekende soort download")

    @app.get("/formulier/{naam:path}", response_class=HTMLResponse)
    def formulier_tonen(request: Request, naam: str, pand: str = "") -> HTMLResponse:
        b = rekenaar.reken(naam_of_404(naam))
        if b.resultaat is None:
            return HTMLResponse('<p class="fout">Los eerst de fouten in het scenario op.</p>')
        velden = formulier.velden(b.resultaat.scenario, pand or None)
        return pagina(request, "_formulier.html", naam=naam, f=velden)

    @app.post("/formulier/{naam:path}")
    async def formulier_opslaan(request: Request, naam: str) -> Response:
        naam = naam_of_404(naam)
        b = rekenaar.reken(naam)
        if b.resultaat is None:
            return _json({"fout": "het scenario heeft fouten; los die eerst op in de editor"}, 409)
        gegevens = dict(await request.form())
        try:
            tekst = formulier.pas_toe(
                b.tekst, b.resultaat.scenario, {k: str(v) for k, v in gegevens.items()}
            )
        except formulier.FormulierFout as fout:
            return _json({"fout": str(fout)}, 400)
        fouten = rekenaar.controleer(naam, tekst)
        if fouten:  # nothing is written into the editor that the scenario would refuse
            return _json({"fout": "; ".join(fouten)}, 400)
        return _json({"tekst": tekst})

    # ------------------------------------------------------------ tasks
    @app.post("/taak/onzeker/{naam:path}", response_class=HTMLResponse)
    def onzeker(request: Request, naam: str, trekkingen: int = Form(0)) -> HTMLResponse:
        b = rekenaar.reken(naam_of_404(naam))
        if b.resultaat is None or b.resultaat.scenario.onzekerheid is None:
            return HTMLResponse(
                '<p class="fout">Dit scenario heeft geen (geldige) sectie onzekerheid.</p>'
            )
        n = (
            trekkingen
            if 2 <= trekkingen <= 100_000
            else b.resultaat.scenario.onzekerheid.trekkingen
        )
        return _start(
            request, "onzeker", f"Onzekerheid — {naam}", n, {"naam": naam, "trekkingen": n}
        )

    @app.post("/taak/gevoelig/{naam:path}", response_class=HTMLResponse)
    def gevoelig(
        request: Request, naam: str, parameters: str = Form(""), uitkomst: str = Form("")
    ) -> HTMLResponse:
        naam_of_404(naam)
        regels = [r.strip() for r in parameters.splitlines() if r.strip()][:30]
        if not regels:
            return HTMLResponse(
                '<p class="fout">Geef ten minste één parameter, bijv. kosten.bijkomend=±20%.</p>'
            )
        if uitkomst not in UITKOMSTEN:
            uitkomst = "onrendabele_top"
        opdracht = {"naam": naam, "parameters": regels, "uitkomst": uitkomst}
        return _start(request, "gevoelig", f"Gevoeligheid — {naam}", len(regels), opdracht)

    @app.get("/vergelijk", response_class=HTMLResponse)
    def vergelijk_pagina(request: Request) -> HTMLResponse:
        return pagina(request, "vergelijk.html", namen=ws.namen())

    @app.post("/taak/vergelijk", response_class=HTMLResponse)
    async def vergelijk(request: Request) -> HTMLResponse:
        formulier_ = await request.form()
        namen = [str(n) for n in formulier_.getlist("naam")][:12]
        for n in namen:
            naam_of_404(n)
        if not namen:
            return HTMLResponse('<p class="fout">Kies ten minste één scenario.</p>')
        opdracht = {"namen": namen, "breed": formulier_.get("breed") == "ja"}
        return _start(request, "vergelijk", "Vergelijking", len(namen), opdracht)

    def _start(
        request: Request, soort: str, titel: str, totaal: int, opdracht: dict[str, Any]
    ) -> HTMLResponse:
        opdracht = {**opdracht, "map": str(ws.map), "buffers": dict(ws.buffers)}
        try:
            taak = taken.start(soort, titel, totaal, opdracht)
        except RuntimeError as fout:
            return HTMLResponse(f'<p class="fout">{_esc(str(fout))}</p>')
        return pagina(request, "_taak.html", taak=taak)

    def taak_of_404(t: Taak | None, tekst: str = "taak niet gevonden") -> Taak:
        if t is None:
            raise HTTPException(404, tekst)
        return t

    @app.get("/taak/{id}/pagina", response_class=HTMLResponse)
    def taak_pagina(request: Request, id: str) -> HTMLResponse:
        t = taak_of_404(taken.get(id), "berekening niet gevonden (na een uur vergeten)")
        return pagina(request, "taak.html", taak=t)

    @app.get("/taak/{id}", response_class=HTMLResponse)
    def taak(request: Request, id: str) -> HTMLResponse:
        return pagina(request, "_taak.html", taak=taak_of_404(taken.get(id)))

    @app.post("/taak/{id}/stop", response_class=HTMLResponse)
    def taak_stop(request: Request, id: str) -> HTMLResponse:
        return pagina(request, "_taak.html", taak=taak_of_404(taken.stop(id)))

    @app.get("/taak/{id}/grafiek/{grafiek}")
    def taak_grafiek(id: str, grafiek: str) -> Response:
        t = taken.get(id)
        if t is None or t.status != "klaar" or grafiek not in t.uitkomst.get("grafieken", {}):
            raise HTTPException(404, "grafiek niet gevonden")
        return Response(t.uitkomst["grafieken"][grafiek], media_type="image/png")

    @app.get("/taak/{id}/download")
    def taak_download(id: str, soort: str) -> Response:
        t = taken.get(id)
        if t is None or t.status != "klaar":
            raise HTTPException(404, "taak niet gevonden of niet klaar")
        if soort == "json":
            return _bijlage(
                t.uitkomst["json"].encode("utf-8"), f"{t.soort}.json", "application/json"
            )
        if soort == "xlsx":
            return _bijlage(
                t.uitkomst["werkboek"],
                f"{t.soort}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        raise HTTPException(404, "onbekende soort download")

    @app.exception_handler(StarletteHTTPException)
    async def http_fout(request: Request, fout: StarletteHTTPException) -> Response:
        tekst = (
            str(fout.detail)
            if fout.status_code != 404 or fout.detail != "Not Found"
            else ("deze pagina bestaat niet")
        )
        return _weiger(fout.status_code, tekst)

    @app.exception_handler(RequestValidationError)
    async def verzoek_fout(request: Request, fout: RequestValidationError) -> Response:
        return _weiger(400, "onvolledig verzoek: een gegeven ontbreekt of heeft de verkeerde vorm")

    @app.exception_handler(Exception)
    async def interne_fout(request: Request, fout: Exception) -> Response:
        return _weiger(
            500,
            f"interne fout ({type(fout).__name__}); dit is een fout in transformatiecalc, niet in "
            "uw scenario. Meld het met wat u deed.",
        )

    @app.exception_handler(Geweigerd)
    async def geweigerd(request: Request, fout: Geweigerd) -> Response:
        return _weiger(400, str(fout))

    @app.on_event("shutdown")
    def afsluiten() -> None:
        taken.stop_alles()

    return app


def _context(b: Berekening, ws: Werkruimte) -> dict[str, Any]:
    """What the result fragment shows of calculation `b`."""
    meldingen = b.melding_json(ws.map)
    uit: dict[str, Any] = {"meldingen": meldingen}
    r = b.resultaat
    if r is None:
        return uit
    kengetallen, zin = weergave.totalen(r)
    uit.update(
        scenarionaam=r.scenario.naam,
        kengetallen=kengetallen,
        zin=zin,
        panden=weergave.pandentabel(r),
        functies=weergave.functietabel(r),
        waarschuwingen=list(r.waarschuwingen),
        startjaar=r.scenario.startjaar,
    )
    return uit


def _grafiek(b: Berekening, soort: str, pand: str | None) -> bytes | None:
    """A chart of calculation `b` (cached on it): 'ort', 'waterval' (of the portfolio or of
    `pand`), 'fondssaldo', 'betaalbaarheid'."""
    from ..uitvoer import grafieken as gr
    from ..uitvoer.huisstijl import Huisstijl

    r = b.resultaat
    assert r is not None
    sleutel = f"grafiek:{soort}:{pand}"
    if sleutel in b.cache:
        return bytes(b.cache[sleutel])
    stijl = Huisstijl()
    png: bytes | None = None
    if soort == "ort":
        png = gr.ort_per_pand(r, stijl)
    elif soort == "betaalbaarheid":
        png = gr.betaalbaarheidsgat(r, stijl)
    elif soort == "waterval":
        if pand is not None and pand not in r.panden.index:
            return None
        png = gr.rg_waterval(r, stijl, pand)
    elif soort == "fondssaldo" and r.fondsen:
        png = gr.fondssaldo({n: f.grootboek["eind"] for n, f in r.fondsen.items()}, stijl)
    if png is not None:
        b.cache[sleutel] = png
    return png


def _werkboek(b: Berekening) -> bytes:
    from ..uitvoer.excel import werkboek_bytes
    from ..uitvoer.grafieken import alle_grafieken
    from ..uitvoer.huisstijl import Huisstijl

    assert b.resultaat is not None
    stijl = Huisstijl()
    return bytes(werkboek_bytes(b.resultaat, stijl, alle_grafieken(b.resultaat, stijl)))


def _sha(inhoud: bytes) -> str:
    import hashlib

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


def _json(data: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(data), media_type="application/json", status_code=status)


def _bijlage(inhoud: bytes, naam: str, soort: str) -> Response:
    veilige_naam = "".join(t if t.isalnum() or t in "-_." else "_" for t in naam)
    return Response(
        inhoud,
        media_type=soort,
        headers={
            "Content-Disposition": f"attachment; filename=\"{veilige_naam}\"; filename*=UTF-8''{quote(naam)}"
        },
    )


def _esc(tekst: str) -> str:
    import html

    return html.escape(tekst)


def _weiger(status: int, tekst: str) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="nl"><meta charset="utf-8"><title>transformatiecalc</title>'
        f'<p class="fout">{_esc(tekst)}</p><p><a href="/">terug naar de scenario\'s</a></p></html>',
        status_code=status,
    )
