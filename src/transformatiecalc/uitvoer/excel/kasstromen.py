"""Sheet 'Kasstromen': the project cash flow per pand, per post and per year (METHODE §3–5).

A block of rows per pand (KS_RIJEN) with the years in columns: the spread of the bouwkosten
(bouwprofiel), the discount factor, one row per post and the cash flow, each with its total,
its present value and, for the cash flow, the IRR.
"""

from __future__ import annotations

import math

from ...engine import KASSTROOMPOSTEN
from ...engine.kasstroom import IRR_REDENEN, IrrReden
from ...grootheden import GROOTHEDEN
from ...resultaat import Resultaat
from .blad import Blad, bereik, cel
from .rekenbladen import (
    EERSTE,
    KOP,
    KS_CONTANT,
    KS_IRR,
    KS_JAAR0,
    KS_POSTNAMEN,
    KS_RIJEN,
    KS_T_RIJ,
    KS_TOTAAL,
    Indeling,
)
from .uitgangspunten import Invoercellen


def schrijf_kasstromen(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, herkomst: str
) -> None:
    _kasstromen_kop(b, res, ind, herkomst)
    t_cel = [cel(KS_T_RIJ, KS_JAAR0 + k) for k in range(ind.jaren)]  # the cell holding t = k
    # Row by row, in order: the workbook streams each finished row to disk (blad.py).
    for p, pand in enumerate(res.scenario.panden):
        rij = {post: ind.ks_rij(p, post) for post in KS_RIJEN}
        b.blok(rij["kop"])  # printed: a pand's block is not split over two pages
        b.tekst(rij["kop"], 0, pand.id, "totaal")
        b.tekst(rij["kop"], 1, pand.naam or pand.id, "totaal")
        _ks_profiel(b, res, cellen, ind, p, t_cel)
        _ks_posten(b, res, ind, p, t_cel)
        _ks_kasstroom(b, res, ind, p)


def _kasstromen_kop(b: Blad, res: Resultaat, ind: Indeling, herkomst: str) -> None:
    """The title, the row of year indices t, and the headers with the calendar years (which
    follow the startjaar on Uitgangspunten)."""
    sc = res.scenario
    b.titel(
        "Kasstromen — projectkasstroom per pand, per post en per jaar",
        "Vanuit de exploitant: geld erin positief, eruit negatief; nominale euro's van elk jaar. "
        "NCW = CF0 + NPV(r; CF1:CFn) (Nederlandse Excel: NHW), contant in € van "
        f"{sc.startjaar}; IRR (IR) van de kasstroomregel.",
        herkomst,
    )
    b.tekst(KS_T_RIJ, 1, "t (jaren na het startjaar)", "notitie")
    for k in range(ind.jaren):
        b.getal(KS_T_RIJ, KS_JAAR0 + k, k, "notitie", "getal")
    b.kopregel(
        KOP,
        [
            "pand",
            "post",
            "totaal (nominaal)",
            GROOTHEDEN["contante_waarde"].label,
            GROOTHEDEN["irr"].label,
        ],
    )
    b.formules(  # the years follow the startjaar on Uitgangspunten
        KOP,
        KS_JAAR0,
        [f"=startjaar+{k}" for k in range(ind.jaren)],
        [sc.startjaar + k for k in range(ind.jaren)],  # numbers: the years as numbers
        "jaar",
        "kop",
    )
    b.ws.freeze_panes(EERSTE, KS_JAAR0)


def _ks_profiel(
    b: Blad, res: Resultaat, cellen: Invoercellen, ind: Indeling, p: int, t_cel: list[str]
) -> None:
    """The bouwprofiel (the spread of the bouwkosten over the bouwtijd, indexed to each
    year; its total and π, its discounted share) and the discount factor per year."""
    u, pand = res.uitkomst, res.scenario.panden[p].id
    s, r, bouwtijd = ind.res(p, "s"), ind.res(p, "r"), ind.res(p, "b")
    rij, d_rij = ind.ks_rij(p, "bouwprofiel"), ind.ks_jaren(p, "disconteringsfactor", blad=False)
    profiel = ind.ks_jaren(p, "bouwprofiel", blad=False)
    _postnaam(b, rij, pand, "bouwprofiel")
    b.formules(
        rij,
        KS_JAAR0,
        [
            f"=IF(AND({t}>={s},{t}<{s}+{bouwtijd}),"
            f"INDEX({cellen.verdeling[p]},1,{t}-{s}+1),0)"
            f"*(1+index_bouwkosten)^({t}+startjaar-prijspeil)"
            for t in t_cel
        ],
        u.bouwprofiel[p].tolist(),
        "factor",
    )
    b.formule(rij, KS_TOTAAL, f"=SUM({profiel})", u.nominaal[p], "factor")
    b.formule(
        rij,
        KS_CONTANT,
        f"=SUMPRODUCT({profiel},{d_rij})/{cel(rij, KS_TOTAAL)}",
        u.pi[p],
        "factor",
    )
    _postnaam(b, ind.ks_rij(p, "disconteringsfactor"), pand, "disconteringsfactor")
    b.formules(
        ind.ks_rij(p, "disconteringsfactor"),
        KS_JAAR0,
        [f'=1/(1+{r})^({t}-IF(AND(disconteringsmoment="midden_jaar",{t}>0),0.5,0))' for t in t_cel],
        u.disconteringsfactor[p].tolist(),
        "factor",
    )


def _ks_posten(b: Blad, res: Resultaat, ind: Indeling, p: int, t_cel: list[str]) -> None:
    """One row per post: its total from Residuele waarde or Functies, spread over the years
    (inbreng and verwerving in year s, EW in year o, the bouwposten as the bouwprofiel), and
    its present value."""
    u, pand = res.uitkomst, res.scenario.panden[p].id
    s, o = ind.res(p, "s"), ind.res(p, "o")
    d_rij = ind.ks_jaren(p, "disconteringsfactor", blad=False)
    profielrij = ind.ks_rij(p, "bouwprofiel")
    nominaal = cel(profielrij, KS_TOTAAL)
    totalen = {
        "inbreng": f"=-{ind.res(p, 'inbreng')}",
        "verwervingskosten": f"=-{ind.res(p, 'verwervingskosten')}",
        **{
            k: f"=-{ind.res(p, k)}"
            for k in ("bouwkosten", "bijkomende_kosten", "onvoorzien", "btw")
        },
        "algemene_kosten": "=-" + ind.fun_som(p, "algemene_kosten"),
        "winst_en_risico": "=-" + ind.fun_som(p, "winst_en_risico"),
        "exploitatiewaarde": "=" + ind.fun_som(p, "exploitatiewaarde"),
    }
    profielcellen = [cel(profielrij, KS_JAAR0 + k) for k in range(ind.jaren)]
    for post in KASSTROOMPOSTEN:
        rij = ind.ks_rij(p, post)
        _postnaam(b, rij, pand, post)
        totaal = cel(rij, KS_TOTAAL)
        b.formule(rij, KS_TOTAAL, totalen[post], u.kasstroom_totalen[post][p], "euro")
        if post in ("inbreng", "verwervingskosten"):
            per_jaar = [f"=IF({t}={s},{totaal},0)" for t in t_cel]
        elif post == "exploitatiewaarde":
            per_jaar = [f"=IF({t}={o},{totaal},0)" for t in t_cel]
        else:
            per_jaar = [f"={totaal}*{c}/{nominaal}" for c in profielcellen]
        b.formules(rij, KS_JAAR0, per_jaar, u.kasstroom[post][p].tolist(), "euro")
        b.formule(
            rij,
            KS_CONTANT,
            f"=SUMPRODUCT({ind.ks_jaren(p, post, blad=False)},{d_rij})",
            u.kasstroom_contant[post][p],
            "euro",
        )


def _ks_kasstroom(b: Blad, res: Resultaat, ind: Indeling, p: int) -> None:
    """The cash flow: the sum of the posts per year, its total, the NCW and the IRR."""
    u, r = res.uitkomst, ind.res(p, "r")
    rij = ind.ks_rij(p, "kasstroom")
    _postnaam(b, rij, res.scenario.panden[p].id, "kasstroom")
    eerste_post, laatste_post = (
        ind.ks_rij(p, KASSTROOMPOSTEN[0]),
        ind.ks_rij(p, KASSTROOMPOSTEN[-1]),
    )
    b.formules(
        rij,
        KS_JAAR0,
        [
            f"=SUM({bereik(eerste_post, KS_JAAR0 + k, laatste_post, KS_JAAR0 + k)})"
            for k in range(ind.jaren)
        ],
        u.kasstroom_totaal[p].tolist(),
        "euro",
        "totaal",
    )
    stroom = ind.ks_jaren(p, "kasstroom", blad=False)
    b.formule(
        rij, KS_TOTAAL, f"=SUM({stroom})", u.kasstroom_totalen["kasstroom"][p], "euro", "totaal"
    )
    cf0 = cel(rij, KS_JAAR0)
    rest = ind.ks_jaren(p, "kasstroom", blad=False, vanaf=1)
    b.formule(
        rij,
        KS_CONTANT,
        f'={cf0}+NPV({r},{rest})*IF(disconteringsmoment="midden_jaar",(1+{r})^0.5,1)',
        u.ncw[p],
        "euro",
        "totaal",
    )
    b.formule(
        rij,
        KS_IRR,
        irr_formule(ind, p),
        _irr_of_reden(float(u.irr[p]), int(u.irr_reden[p])),
        "procent",
        "totaal",
    )


def _irr_of_reden(irr: float, reden: int) -> float | str:
    """What the IRR cell of Kasstromen shows: the IRR, or why there is none."""
    return irr if math.isfinite(irr) else str(IRR_REDENEN[reden])


def irr_formule(ind: Indeling, p: int) -> str:
    """The IRR of pand p's cash flow as the engine finds it (METHODE §5, engine/kasstroom.irr),
    or the reason there is none, as a formula that follows every input.

    - The number of sign changes, zeros ignored, as the engine counts them: none when the
      flows lack a negative or a positive year; one when every positive year comes after
      the last negative one or every negative year after the last positive one; else more.
      Only one sign change gives an IRR.
    - Excel's IRR starts at the first non-zero year (``INDEX(…;k):…``): leading zero years
      do not change the root but made LibreOffice's Newton fail (a pand starting late:
      #N/A with 28 zero years).
    - With ``midden_jaar`` a flow in year t ≥ 1 counts at t − ½. When year 0 holds no flow
      this shifts every flow by the same half year and the root is that of IRR; when it
      holds one, the root is found with XIRR over half-year periods: year t at day
      365·(2t − 1) (year 0 at day 0), so XIRR's rate ρ per half year gives (1 + ρ)² − 1.
    - The guess is the rate at which the costs, paid at the start, grow into EW at
      oplevering (the root when all costs fall in year s); a fixed one, the engine's root at
      export, sent Newton past −100 % after an edit.
    """
    rij = ind.ks_rij(p, "kasstroom")
    stroom = ind.ks_jaren(p, "kasstroom", blad=False)
    cf0, laatste = cel(rij, KS_JAAR0), cel(rij, KS_JAAR0 + ind.jaren - 1)
    negatief_laatst = f"SUMPRODUCT(MAX(({stroom}<0)*COLUMN({stroom})))"
    positief_laatst = f"SUMPRODUCT(MAX(({stroom}>0)*COLUMN({stroom})))"
    een_wisseling = (
        f"OR(SUMPRODUCT(({stroom}>0)*(COLUMN({stroom})<{negatief_laatst}))=0,"
        f"SUMPRODUCT(({stroom}<0)*(COLUMN({stroom})<{positief_laatst}))=0)"
    )
    eerste = (
        f"{KOLOMMEN_MAX}-SUMPRODUCT(MAX(({stroom}<>0)*({KOLOMMEN_MAX}-COLUMN({stroom}))))"
        f"-COLUMN({cf0})+1"
    )
    ew = cel(ind.ks_rij(p, "exploitatiewaarde"), KS_TOTAAL)
    totaal = cel(rij, KS_TOTAAL)
    s, o = ind.res(p, "s"), ind.res(p, "o")
    gok = f"MAX(-0.9,({ew}/({ew}-{totaal}))^(1/MAX(1,{o}-{s}))-1)"
    dagen = ",".join(str(_DAG0 + (365 * (2 * t - 1) if t else 0)) for t in range(ind.jaren))
    midden = f"(1+XIRR({stroom},{{{dagen}}},(1+{gok})^0.5-1))^2-1"
    eind = f"IRR(INDEX({stroom},1,{eerste}):{laatste},{gok})"
    return (
        f'=IF(OR(COUNTIF({stroom},"<0")=0,COUNTIF({stroom},">0")=0),"{_REDEN_GEEN}",'
        f'IF(NOT({een_wisseling}),"{_REDEN_MEER}",'
        f'IFERROR(IF(AND(disconteringsmoment="midden_jaar",{cf0}<>0),{midden},{eind}),'
        f'"{_REDEN_NIET}")))'
    )


#: The reasons without an IRR that a formula can tell (engine/kasstroom.IrrReden); the
#: fourth, a root outside the engine's bracket, is told on Panden.
_REDEN_GEEN = IRR_REDENEN[IrrReden.GEEN_WISSELING]
_REDEN_MEER = IRR_REDENEN[IrrReden.MEERDERE_WISSELINGEN]
_REDEN_NIET = IRR_REDENEN[IrrReden.NIET_GECONVERGEERD]
#: Excel's number of columns: larger than any column number, for the first non-zero year.
KOLOMMEN_MAX = 16384
#: Day 0 of the half-year XIRR (1 July 2009: any valid date; only differences count).
_DAG0 = 40000


def _postnaam(b: Blad, rij: int, pand: str, post: str) -> None:
    """The pand and the name of the post at the start of a Kasstromen row."""
    b.tekst(rij, 0, pand, "notitie")
    b.tekst(rij, 1, KS_POSTNAMEN[post])
