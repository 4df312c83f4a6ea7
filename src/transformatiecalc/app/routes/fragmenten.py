"""Routes for the parts of a scenario page drawn when they are opened: a pand's waterfall
and what closes its gap, the fund tab, a chart."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response

from .. import weergave
from ..omgeving import Omgeving, OmgevingDep
from ..rekenen import Berekening

router = APIRouter()


@router.get("/pand/{naam:path}", response_class=HTMLResponse)
def pand(request: Request, naam: str, id: str, o: OmgevingDep, v: str = "") -> HTMLResponse:
    b = o.rekenaar.versie(o.naam_of_404(naam), v)
    if b.resultaat is None or id not in b.resultaat.panden.index:
        raise HTTPException(404, "pand niet gevonden")
    r = b.resultaat
    return o.pagina(
        request,
        "_pand.html",
        naam=naam,
        b=b,
        pand=id,
        pandnaam=r.panden.loc[id].get("naam") or id,
        sluiters=weergave.pand_sluiters(r, id),
        functies=weergave.functietabel(r, id),
    )


@router.get("/fonds/{naam:path}", response_class=HTMLResponse)
def fonds(request: Request, naam: str, o: OmgevingDep, v: str = "") -> HTMLResponse:
    """The fund tab, drawn when it is opened (it costs more than the rest of a result)."""
    b = o.rekenaar.versie(o.naam_of_404(naam), v)
    if b.resultaat is None:
        return HTMLResponse('<p class="fout">Het scenario heeft fouten.</p>')
    r = b.resultaat
    if not (r.fondsen or r.verevening is not None):
        return HTMLResponse("<p>Dit scenario heeft geen verevening en geen fondsen.</p>")
    html = b.cache.get("fonds_html")
    if html is None:
        html = b.cache["fonds_html"] = (
            o.rekenaar.in_werker(weergave.fondsblok, r) if b.zwaar else weergave.fondsblok(r)
        )
    return o.pagina(
        request,
        "_fonds.html",
        naam=naam,
        b=b,
        programma_html=html,
        grootboek=weergave.grootboek(r),
        grafieken=weergave.fondsgrafieken(r),
    )


@router.get("/grafiek/{naam:path}")
def grafiek(
    naam: str, soort: str, o: OmgevingDep, pand: str | None = None, v: str = ""
) -> Response:
    b = o.rekenaar.versie(o.naam_of_404(naam), v)
    if b.resultaat is None:
        raise HTTPException(404, "het scenario heeft fouten")
    png = _grafiek(b, soort, pand, o)
    if png is None:
        raise HTTPException(404, "geen grafiek van deze soort")
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _grafiek(b: Berekening, soort: str, pand: str | None, o: Omgeving) -> bytes | None:
    """A chart of calculation `b` (cached on it): 'ort', 'waterval' (of the portfolio or of
    `pand`), 'betaalbaarheid' or one of the fund tab's; a heavy document's in a worker
    process."""
    r = b.resultaat
    assert r is not None
    sleutel = f"grafiek:{soort}:{pand}"
    if sleutel in b.cache:
        return bytes(b.cache[sleutel])
    if soort == "waterval" and pand is not None and pand not in r.panden.index:
        return None
    png: bytes | None
    if b.zwaar:
        png = o.rekenaar.in_werker(weergave.grafiek, r, soort, pand)
    else:
        png = weergave.grafiek(r, soort, pand)
    if png is not None:
        b.cache[sleutel] = png
    return png
