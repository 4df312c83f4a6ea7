"""What every route of the app shares: the folder, its calculations, the tasks, the page
templates, and the small answers (escaped text, JSON, an attachment) the routes build.

:func:`maak_app <.server.maak_app>` puts one :class:`Omgeving` on ``app.state``; a route asks
for it with a parameter annotated :data:`OmgevingDep` (a FastAPI dependency), so the routes
live in modules of their own (:mod:`.routes`) instead of as closures of one function.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from .rekenen import Rekenaar
from .taken import Taken
from .werkruimte import NaamFout, Werkruimte

#: The media type of an .xlsx workbook.
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Omgeving:
    """The state of one app: the folder `werkruimte`, its `rekenaar`, the `taken` and the
    Jinja2 `sjablonen` (with the app's globals)."""

    werkruimte: Werkruimte
    rekenaar: Rekenaar
    taken: Taken
    sjablonen: Jinja2Templates

    def pagina(self, request: Request, sjabloon: str, **context: Any) -> HTMLResponse:
        """Template `sjabloon` rendered with `context`."""
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


def esc(tekst: str) -> str:
    """`tekst` escaped for HTML."""
    return html.escape(tekst)


def json_antwoord(data: dict[str, Any], status: int = 200) -> Response:
    """`data` as a JSON response with status `status`."""
    return Response(json.dumps(data), media_type="application/json", status_code=status)


def bijlage(inhoud: bytes, naam: str, soort: str) -> Response:
    """`inhoud` as an attachment named `naam` (ASCII-safe, and in full as UTF-8)."""
    veilige_naam = "".join(t if t.isalnum() or t in "-_." else "_" for t in naam)
    return Response(
        inhoud,
        media_type=soort,
        headers={
            "Content-Disposition": f"attachment; filename=\"{veilige_naam}\"; filename*=UTF-8''{quote(naam)}"
        },
    )
