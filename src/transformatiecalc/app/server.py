"""The web application: FastAPI routes, server-rendered pages (Jinja2) and HTMX fragments.

Pages: the folder's scenarios (open, new from ``init``'s template, upload), one scenario
(YAML editor with located messages, results, a pand's waterfall and what closes its gap,
forms, fund, downloads, Monte Carlo and tornado as tasks) and a comparison of scenarios.
Every number comes from the engine functions the CLI calls; see :mod:`.weergave`. This module
builds the app and guards every request (Host, Origin, token, security headers, Dutch error
pages); the routes are in :mod:`.routes`.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..toegang import Geweigerd
from .omgeving import Omgeving, esc
from .rekenen import Rekenaar
from .routes import ROUTERS
from .routes.taken import UITKOMSTEN
from .taken import Taken
from .werkruimte import Werkruimte

_HIER = files("transformatiecalc") / "app"
#: The security headers on every answer that passed the guard.
KOPPEN = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'"
    ),
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

    @asynccontextmanager
    async def levensloop(_: FastAPI) -> AsyncIterator[None]:
        yield
        taken.stop_alles()  # at shutdown: stop the long runs and the worker processes
        rekenaar.sluit()

    app = FastAPI(
        title="transformatiecalc",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        lifespan=levensloop,
    )
    app.state.werkruimte, app.state.rekenaar, app.state.taken = ws, rekenaar, taken
    app.mount("/static", StaticFiles(directory=str(_HIER / "static")), name="static")
    sjablonen = Jinja2Templates(directory=str(_HIER / "templates"))
    sjablonen.env.globals.update(
        versie=__version__, werkmap=ws.map.name or str(ws.map), quote=quote, uitkomsten=UITKOMSTEN
    )
    app.state.omgeving = Omgeving(ws, rekenaar, taken, sjablonen)
    app.middleware("http")(_bewaking(token, hosts))
    for router in ROUTERS:
        app.include_router(router)
    _foutpaginas(app)
    return app


def _bewaking(
    token: str | None, hosts: tuple[str, ...] | None
) -> Callable[[Request, Any], Awaitable[Response]]:
    """The guard before every route: an unknown Host (400), a POST from another site (403) or
    a missing `token` (401) is refused; the token given as ``?token=`` becomes a cookie; every
    answer gets :data:`KOPPEN`."""

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
        # who is asking: a session of its own per browser (the token is the team's), so that
        # a run is limited and stopped per session (see Taken)
        sessie = request.cookies.get("tc_sessie", "")
        nieuw = len(sessie) != 32 or not sessie.isalnum()
        if nieuw:
            sessie = secrets.token_hex(16)
        request.state.sessie = sessie
        antwoord: Response = await call_next(request)
        if nieuw:
            antwoord.set_cookie("tc_sessie", sessie, httponly=True, samesite="strict")
        antwoord.headers.update(KOPPEN)
        return antwoord

    return bewaking


def _foutpaginas(app: FastAPI) -> None:
    """Every error as a Dutch page: HTTP errors with their reason, an incomplete request 400,
    a refused file 400, anything else 500 (naming the exception's type only)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_fout(request: Request, fout: StarletteHTTPException) -> Response:
        tekst = str(fout.detail)
        if fout.status_code == 404 and tekst == "Not Found":
            tekst = "deze pagina bestaat niet"
        elif "maximum size" in tekst:  # Starlette's form limits, in English
            tekst = "een veld van het verzoek is te groot"
        elif "Too many fields" in tekst or "error parsing the body" in tekst:
            tekst = "het verzoek is onleesbaar"
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


def _weiger(status: int, tekst: str) -> HTMLResponse:
    return HTMLResponse(
        f'<!doctype html><html lang="nl"><meta charset="utf-8"><title>transformatiecalc</title>'
        '<link rel="stylesheet" href="/static/app.css"><header class="balk">'
        '<a class="merk" href="/">transformatiecalc</a></header><main>'
        f'<p class="fout">{esc(tekst)}</p><p><a href="/">terug naar de scenario\'s</a></p>'
        "</main></html>",
        status_code=status,
    )
