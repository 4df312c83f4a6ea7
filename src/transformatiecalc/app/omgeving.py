"""What every route of the app shares: the folder, its calculations, the tasks, the page
templates, and the small answers (escaped text, JSON, an attachment) the routes build.

:func:`maak_app <.server.maak_app>` puts one :class:`Omgeving` on ``app.state``; a route asks
for it with a parameter annotated :data:`OmgevingDep` (a FastAPI dependency), so the routes
live in modules of their own (:mod:`.routes`) instead of as closures of one function.
"""

from __future__ import annotations

import html
import inspect
import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.formparsers import MultiPartException

from ..toegang import MAX_GROOTTE
from .rekenen import Rekenaar
from .taken import Taken
from .werkruimte import NaamFout, Werkruimte

#: The media type of an .xlsx workbook.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The largest form field the editor's routes read: a scenario of the size limit, URL-encoded
#: (a byte takes at most three characters), with room to spare. Starlette's default is 1 MB,
#: which refused a scenario of 1,4 MB with an English 400 the page never showed.
MAX_VELD = 3 * MAX_GROOTTE + 64 * 1024
_MET_GRENS = "max_part_size" in inspect.signature(Request.form).parameters


@dataclass(frozen=True)
class Omgeving:
    """The state of one app: the folder `werkruimte`, its `rekenaar`, the `taken` and the
    Jinja2 `sjablonen` (with the app's globals)."""

    werkruimte: Werkruimte
    rekenaar: Rekenaar
    taken: Taken
    sjablonen: Jinja2Templates

    def pagina(self, request: Request, sjabloon: str, **context: Any) -> HTMLResponse:
        """Template `sjabloon` rendered with `context` (and the session asking, ``sessie``)."""
        context.setdefault("sessie", getattr(request.state, "sessie", ""))
        return self.sjablonen.TemplateResponse(request, sjabloon, context)

    def naam_of_404(self, naam: str) -> str:
        """`naam` when it names a document of the folder; a 404 with the Dutch reason if not."""
        try:
            self.werkruimte.pad(naam)
        except NaamFout as fout:
            raise HTTPException(404, str(fout)) from None
        return naam


async def omgeving(request: Request) -> Omgeving:
    """The :class:`Omgeving` of the app serving `request`."""
    uit: Omgeving = request.app.state.omgeving
    return uit


#: A route's parameter of this type receives the app's :class:`Omgeving`.
OmgevingDep = Annotated[Omgeving, Depends(omgeving)]


async def lees_formulier(request: Request) -> FormData:
    """The form of `request`, with fields up to :data:`MAX_VELD` (a whole scenario); a field
    over it, or a body that cannot be read, is an HTTP error with a Dutch reason."""
    try:
        if _MET_GRENS:
            return await request.form(max_part_size=MAX_VELD)
        return await request.form()  # older Starlette: no limit on URL-encoded fields
    except (StarletteHTTPException, MultiPartException) as fout:  # English, from Starlette
        if "maximum size" in str(getattr(fout, "detail", None) or fout):
            raise HTTPException(
                413,
                f"het verzoek is te groot; een scenario mag hoogstens "
                f"{MAX_GROOTTE // (1024 * 1024)} MB zijn",
            ) from None
        raise HTTPException(400, "het verzoek is onleesbaar") from None


def esc(tekst: str) -> str:
    """`tekst` escaped for HTML."""
    return html.escape(tekst)


def json_antwoord(data: dict[str, Any], status: int = 200) -> Response:
    """`data` as a JSON response with status `status`."""
    return Response(json.dumps(data), media_type="application/json", status_code=status)


def bijlage(inhoud: bytes, naam: str, soort: str) -> Response:
    """`inhoud` as an attachment named `naam`: RFC 6266 with the name in full as UTF-8
    (RFC 5987 ``filename*``) and an ASCII fallback for old clients. A header is Latin-1, so
    a name like 名前.yaml in ``filename=`` gave a 500."""
    ascii_naam = "".join(t if t.isascii() and (t.isalnum() or t in "-_.") else "_" for t in naam)
    return Response(
        inhoud,
        media_type=soort,
        headers={
            "Content-Disposition": (
                f"attachment; filename=\"{ascii_naam}\"; filename*=UTF-8''{quote(naam, safe='')}"
            )
        },
    )
