"""What the app shows, built from a :class:`~transformatiecalc.resultaat.Resultaat`.

Numbers are written as the terminal writes them (:func:`..uitvoer.terminal.kpi_tekst`, by the
unit each quantity has in :mod:`..grootheden`); blocks the CLI prints (the programme and
fund KPIs, the comparisons, the tornado, Monte Carlo) are the CLI's own rich tables exported
as HTML, so the app and the terminal cannot disagree. Every text from a scenario is escaped
by Jinja2's autoescape or by rich's HTML export.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any
from urllib.parse import quote

import pandas as pd
from rich.console import Console

from ..grootheden import GROOTHEDEN
from ..resultaat import Resultaat
from ..uitvoer.notatie import kpi_tekst
from ..uitvoer.pand import gewoon, kop
from ..uitvoer.pand import pand_sluiters as sluiters

#: Columns of the per-pand table.
PANDKOLOMMEN = (
    "naam",
    "woningen",
    "onrendabele_top",
    "ort_per_woning",
    "irr",
    "opbrengst",
    "stichtingskosten",
    "residuele_grondwaarde_oplevering",
    "inbrengwaarde",
    "eigenaar",
)
#: Columns of the per-functie table.
FUNCTIEKOLOMMEN = (
    "functie",
    "woningen",
    "bvo",
    "prijs",
    "segment",
    "wws_punten",
    "maximale_huur",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "kostprijsdekkende_huur",
    "betaalbaarheidsgat",
)


@dataclass(frozen=True)
class Cel:
    """A table cell: the text shown and the value it sorts by."""

    tekst: str
    sorteer: float | str


@dataclass(frozen=True)
class Tabel:
    """A table for a template: heads (label, unit), rows of cells, row keys."""

    koppen: list[tuple[str, str]]
    rijen: list[list[Cel]]
    sleutels: list[str]
    numeriek: list[bool]
    namen: list[str] | None = None  # the JSON field of each column (data-veld in the page)


def cel(waarde: Any, naam: str) -> Cel:
    """One value as the terminal writes it, with a numeric sort key where it is a number."""
    g = GROOTHEDEN.get(naam)
    if waarde is None or waarde is pd.NA or (isinstance(waarde, float) and math.isnan(waarde)):
        return Cel("–", -math.inf if g is not None and g.terminal != "tekst" else "")
    if isinstance(waarde, str) or g is None or g.terminal == "tekst":
        return Cel(str(waarde), str(waarde).lower())
    if isinstance(waarde, bool):
        return Cel("ja" if waarde else "nee", float(waarde))
    try:
        x = float(waarde)
    except (TypeError, ValueError):
        return Cel("–", -math.inf)
    if not math.isfinite(x):
        return Cel("–", -math.inf)
    return Cel(
        kpi_tekst(int(x) if float(x).is_integer() and isinstance(waarde, int) else x, g.terminal), x
    )


def tabel(df: pd.DataFrame, kolommen: Sequence[str], sleutel: Callable[[Any], str]) -> Tabel:
    """`df`'s `kolommen` (those it has) as a :class:`Tabel`; rows keyed by `sleutel(index)`."""
    namen = [k for k in kolommen if k in df.columns]
    rijen = []
    for _, rij in df.iterrows():
        rijen.append([cel(gewoon(rij[k]), k) for k in namen])
    numeriek = [GROOTHEDEN.get(k) is not None and GROOTHEDEN[k].terminal != "tekst" for k in namen]
    return Tabel([kop(k) for k in namen], rijen, [sleutel(i) for i in df.index], numeriek, namen)


def pandentabel(r: Resultaat) -> Tabel:
    df = r.panden.copy()
    df.insert(0, "pand", [str(i) for i in df.index])
    uit = tabel(df, ("pand", *PANDKOLOMMEN), str)
    return uit


def functietabel(r: Resultaat, pand: str | None = None) -> Tabel:
    df = r.functies.reset_index()
    if pand is not None:
        df = df[df["pand"].astype(str) == pand]
    df["pand"] = df["pand"].astype(str)
    uit = tabel(df, ("pand", *FUNCTIEKOLOMMEN), lambda i: str(df.loc[i, "pand"]))
    k = (uit.namen or []).index("functie")
    for rij in uit.rijen:  # 'commerciele plint', as the charts write it; sorted by its id
        rij[k] = Cel(_kolomnaam(rij[k].tekst), rij[k].tekst)
    return uit


def totalen(r: Resultaat) -> tuple[list[tuple[str, str, str]], str]:
    """The portfolio's key figures (label, value, unit and basis) and the CLI's sentence on
    tekort and overschot."""
    from ..uitvoer.terminal import _tekort_en_overschot

    t = r.totalen
    uit = []
    namen = ["woningen", "bvo", "opbrengst", "stichtingskosten", "onrendabele_top"]
    if r.portefeuille is not None:
        namen.append("onrendabele_top_na")
    for naam in namen:
        if naam in t:
            label, eenheid = kop(naam)
            if naam == "onrendabele_top":  # the sum over all panden: tekort − overschot
                label = "onrendabele top, saldo (tekort − overschot)"
            if naam == "onrendabele_top_na":
                label = "onrendabele top na herverkaveling, verevening en fondsen"
            if naam == "bvo":
                label, eenheid = "BVO", ""
            uit.append((label, cel(gewoon(t[naam]), naam).tekst, eenheid))
    met_overschot = int((r.panden["onrendabele_top"] < 0).sum())
    return uit, _tekort_en_overschot(t, met_overschot)


def resultaatinhoud(r: Resultaat, naam: str, sleutel: str) -> dict[str, Any]:
    """What the result fragment shows of `r` (document `naam`, text digest `sleutel`): the key
    figures and the sentence, the warnings, and the per-pand and per-functie tables as
    finished HTML. Plain strings only, so that a heavy document's worker process builds it
    (the tables of 5 000 panden take seconds of the interpreter) and the server only joins
    them into the page."""
    kengetallen, zin = totalen(r)
    tabel_ = _macros().tabel
    klik = f"/pand/{quote(naam)}?v={sleutel}&id="
    return {
        "scenarionaam": r.scenario.naam,
        "kengetallen": kengetallen,
        "zin": zin,
        "waarschuwingen": list(r.waarschuwingen),
        "startjaar": r.scenario.startjaar,
        "panden_html": tabel_(pandentabel(r), "panden", klik),
        "functies_html": tabel_(functietabel(r), "functies"),
    }


#: The charts every result page asks for (its Resultaat tab), as :func:`grafiek` names them:
#: a heavy document's worker process draws them with the calculation.
VOORAF = (("ort", None), ("waterval", None))


#: The charts of the fund tab as :func:`grafiek` names them, with a heading and a line on
#: how to read them; those of ``run --grafieken`` on verevening and funds.
FONDSGRAFIEKEN = (
    (
        "tekort_gedekt",
        "Wat het tekort van elk pand dekt",
        "Per pand met een tekort: het deel dat herverkaveling, verevening en elk instrument van "
        "het fonds sluit, en wat blijft (grijs); de zwarte streep is het tekort. € van het "
        "startjaar; de grootste tekorten boven.",
    ),
    (
        "ontsluitingscurve",
        "Ontsluitingscurve",
        "Woningen ontsloten tegen het publieke geld netto, bij 50 tot 200 % van de publieke "
        "tranches; de gevulde punt is het ontwerp zelf (100 %).",
    ),
    (
        "bronnen_en_bestedingen",
        "Bronnen en bestedingen",
        "Waar het geld van elk fonds vandaan kwam en waar het heen ging, opgeteld over de "
        "looptijd (€ nominaal); het eindsaldo staat als laatste besteding.",
    ),
    ("fondssaldo", "Fondssaldo per jaar", "Het saldo aan het eind van elk jaar (€ nominaal)."),
)


def fondsgrafieken(r: Resultaat) -> list[tuple[str, str, str]]:
    """The charts of :data:`FONDSGRAFIEKEN` that `r` has (those ``run --grafieken`` draws)."""
    heeft = {
        "tekort_gedekt": bool(r.fondsen) or r.verevening is not None,
        "ontsluitingscurve": bool(r.fondsen) and len(r.ontsluitingscurve) > 0,
        "bronnen_en_bestedingen": bool(r.fondsen),
        "fondssaldo": bool(r.fondsen),
    }
    return [g for g in FONDSGRAFIEKEN if heeft[g[0]]]


def grafiek(r: Resultaat, soort: str, pand: str | None) -> bytes | None:
    """Chart `soort` of result `r` as PNG: 'ort', 'waterval' (of the portfolio or of `pand`),
    'betaalbaarheid' and those of the fund tab (:data:`FONDSGRAFIEKEN`), drawn as
    ``run --grafieken`` draws them; None when `r` has no such chart."""
    from ..uitvoer import grafieken as gr
    from ..uitvoer.huisstijl import Huisstijl

    stijl = Huisstijl()
    if soort == "ort":
        return bytes(gr.ort_per_pand(r, stijl))
    if soort == "betaalbaarheid":
        return bytes(gr.betaalbaarheidsgat(r, stijl))
    if soort == "waterval":
        return bytes(gr.rg_waterval(r, stijl, pand))
    if soort not in {g[0] for g in fondsgrafieken(r)}:
        return None
    if soort == "tekort_gedekt":
        return bytes(gr.tekort_gedekt(r, stijl))
    if soort == "ontsluitingscurve":
        return bytes(gr.ontsluitingscurve({r.scenario.naam: r.ontsluitingscurve}, stijl))
    if soort == "bronnen_en_bestedingen":
        tabellen = {n: f.bronnen_en_bestedingen for n, f in r.fondsen.items()}
        return bytes(gr.bronnen_en_bestedingen(tabellen, stijl))
    return bytes(gr.fondssaldo({n: f.grootboek["eind"] for n, f in r.fondsen.items()}, stijl))


def fondsblok(r: Resultaat) -> str:
    """The programme, verevening and fund blocks of ``run``, as HTML."""
    from ..uitvoer.terminal import toon_portefeuille

    return rich_html(lambda c: toon_portefeuille(r, c))


@functools.cache
def _macros() -> Any:
    """The macros of the app's templates (``_macros.html``), in an environment of their own
    with the settings of the server's (autoescape, `quote`), so a worker process renders a
    table to the same bytes as the server."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(files("transformatiecalc") / "app" / "templates")),
        autoescape=jinja2.select_autoescape(),
    )
    env.globals["quote"] = quote
    return env.get_template("_macros.html").module


def pand_sluiters(r: Resultaat, pand: str) -> list[tuple[str, str, str]]:
    """What closes the gap of one pand: (label, value, unit), from the engine's closed forms
    (the rows ``run --pand`` prints, :func:`..uitvoer.pand.pand_sluiters`)."""
    return [(label, cel(w, naam).tekst, eenheid) for naam, label, w, eenheid in sluiters(r, pand)]


#: What the CLI's tables say about its own options, as the app says it: a project leader in
#: the app has buttons and a check box, not -o or --breed.
CLI_NAAR_APP = {
    "alle kengetallen: --json of -o": "alle kengetallen: de knoppen JSON en Werkboek (.xlsx)",
    "met verschillen: --breed": "met verschillen: vink ‘alle kengetallen’ aan bij Vergelijken",
}


def rich_html(toon: Callable[[Console], None], breedte: int = 110) -> str:
    """What a CLI renderer prints, as HTML (a <pre> with inline styles, text escaped), with
    the CLI's hints on its options as the app says them (:data:`CLI_NAAR_APP`)."""
    console = Console(
        record=True,
        width=breedte,
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
    )
    toon(console)
    html = console.export_html(inline_styles=True, code_format="{code}")
    for cli, app in CLI_NAAR_APP.items():
        html = html.replace(cli, app)
    return f'<pre class="cli">{html}</pre>'


#: Ledger columns shown even when they are zero every year.
GROOTBOEK_ALTIJD = ("begin", "eind")


def grootboek(r: Resultaat) -> dict[str, tuple[Tabel, list[str]]]:
    """Each fund's ledger per year (€, nominal), as a table with years as rows, and the names
    of the columns left out because they are € 0 in every year (of 19 columns a fund uses a
    handful; with all of them its year-end balance stood off the screen)."""
    uit = {}
    for naam, f in (r.fondsen or {}).items():
        df = f.grootboek
        nul = [k for k in df.columns if k not in GROOTBOEK_ALTIJD and not df[k].astype(bool).any()]
        df = df.drop(columns=nul)
        koppen = [("jaar", "")] + [(_kolomnaam(k), "€") for k in df.columns]
        rijen = []
        for jaar, rij in df.iterrows():
            rijen.append(
                [Cel(str(jaar), float(jaar))]  # type: ignore[arg-type]
                + [Cel(kpi_tekst(float(v), "euro"), float(v)) for v in rij]
            )
        namen = ["jaar", *map(str, df.columns)]
        tabel_ = Tabel(koppen, rijen, [str(j) for j in df.index], [True] * len(koppen), namen)
        uit[str(naam)] = (tabel_, [_kolomnaam(k) for k in nul])
    return uit


def _kolomnaam(kolom: object) -> str:
    return str(kolom).replace("_", " ")
