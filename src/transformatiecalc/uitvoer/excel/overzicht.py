"""The overview sheets: Voorblad (title, provenance, contents), Samenvatting (the key
figures as formulas over Panden, the programme's figures as values, warnings and charts) and
Grafieken (the static PNG charts per pand).
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from ... import __version__
from ...resultaat import Resultaat
from ..huisstijl import Huisstijl
from ..labels import PROGRAMMA_KPI, PROGRAMMA_KPI_KORT
from .blad import Blad, bereik
from .meebewegend import LIVE, STATISCH
from .portefeuille import kengetallen
from .rekenbladen import EERSTE, PANDEN, PND_I

PROGRAMMA_TITEL = (
    "Programma: verevening en fondsen samen (waarden van de export: rekenen niet mee als u "
    "de invoer wijzigt)"
)
GRAFIEKEN_VAST = (
    "De grafieken hieronder zijn vaste afbeeldingen van de export: ze veranderen niet als u de "
    f"invoer wijzigt. Die op het blad '{LIVE}' rekenen mee."
)

_KENGETALLEN = (
    ("aantal panden", None, "getal", "panden"),
    ("woningen", "woningen", "getal", "woningen"),
    ("bvo (m²)", "bvo", "getal", "bvo"),
    ("opbrengst V (nominaal)", "opbrengst", "euro", "opbrengst"),
    ("stichtingskosten (nominaal)", "stichtingskosten", "euro", "stichtingskosten"),
    (
        "residuele grondwaarde bij oplevering",
        "residuele_grondwaarde_oplevering",
        "euro",
        "residuele_grondwaarde_oplevering",
    ),
    (
        "residuele grondwaarde op peildatum",
        "residuele_grondwaarde_peildatum",
        "euro",
        "residuele_grondwaarde_peildatum",
    ),
    ("inbrengwaarde", "inbrengwaarde", "euro", "inbrengwaarde"),
    ("transformatieruimte", "transformatieruimte", "euro", "transformatieruimte"),
    ("afwaardering", "afwaardering", "euro", "afwaardering"),
    ("onrendabele top (netto)", "onrendabele_top", "euro", "onrendabele_top"),
    ("  waarvan tekort", "onrendabele_top>0", "euro", "tekort"),
    ("  waarvan overschot", "onrendabele_top<0", "euro", "overschot"),
    ("panden met een tekort", "onrendabele_top#", "getal", "panden_met_tekort"),
    ("sluitende subsidie (nominaal, bij start)", "subsidie_sluitend", "euro", "subsidie_sluitend"),
)


def schrijf_samenvatting(
    b: Blad, res: Resultaat, grafieken: dict[str, bytes], herkomst: str
) -> None:
    b.titel(
        "Samenvatting",
        f"Kerncijfers van alle panden; contante waarden in € van "
        f"{res.scenario.startjaar}. De kerncijfers zijn formules over het blad Panden; het "
        "programma (verevening en fondsen), de waarschuwingen (Let op) en de grafieken zijn "
        "waarden van de export, die niet meerekenen als u de invoer wijzigt.",
        herkomst,
    )
    _kerncijfers(b, res)
    rij = 6 + len(_KENGETALLEN)
    prog = res.programma
    if prog:
        rij = kengetallen(b, rij, PROGRAMMA_TITEL, _programma_kort(), {"waarde": prog})
    if res.waarschuwingen:
        b.blok(rij)
        b.tekst(rij, 0, "Let op", "ondertitel", meten=False)
        for i, w in enumerate(res.waarschuwingen, start=rij + 1):
            # wrapped over the table's width, not one line wider than the sheet (which a
            # printer fits to the page by shrinking all of it)
            b.tekstblok(i, 0, w)
        rij += 2 + len(res.waarschuwingen)
    _grafieken(b, rij, grafieken)
    b.ws.freeze_panes(5, 0)


def _kerncijfers(b: Blad, res: Resultaat) -> None:
    """The key figures from row 5: formulas over the Panden sheet, the engine's totals as
    their cached values."""
    b.kopregel(4, ["kengetal", "waarde"])
    n = len(res.scenario.panden)
    t = res.totalen

    def kolom(veld: str) -> str:
        k = PND_I[veld]
        return bereik(EERSTE, k, EERSTE + n - 1, k, PANDEN)

    for i, (label, veld, notatie, sleutel) in enumerate(_KENGETALLEN):
        rij = 5 + i
        b.tekst(rij, 0, label)
        if veld is None:
            formule = f"=COUNTA({kolom('pand')})"
        elif veld.endswith(">0"):
            formule = f'=SUMIF({kolom("onrendabele_top")},">0")'
        elif veld.endswith("<0"):
            formule = f'=-SUMIF({kolom("onrendabele_top")},"<0")'
        elif veld.endswith("#"):
            formule = f'=COUNTIF({kolom("onrendabele_top")},">0")'
        else:
            formule = f"=SUM({kolom(veld)})"
        b.formule(
            rij,
            1,
            formule,
            t[sleutel],
            notatie,
            "totaal" if sleutel == "onrendabele_top" else "formule",
        )


def _grafieken(b: Blad, rij: int, grafieken: dict[str, bytes]) -> None:
    """The portfolio's waterfall, the ORT per pand and the affordability gap from `rij`,
    each kept on one page, the note that they are static on the page of the first."""
    namen = [
        n
        for n in ("rg_waterval_portefeuille.png", "ort_per_pand.png", "betaalbaarheidsgat.png")
        if n in grafieken
    ]
    for i, naam in enumerate(namen):  # each kept on one page (afdrukken breaks before it)
        if i == 0:  # the note on the page of the first chart
            b.tekstblok(rij, 0, GRAFIEKEN_VAST, "notitie")
            rij += 1
        rijen = b.afbeelding(rij, 0, naam, grafieken[naam])
        if i == 0:
            b.blok(rij - 1, rijen + 1)
        rij += max(30, rijen)


def _programma_kort() -> dict[str, tuple[str, str]]:
    """The programme KPIs Samenvatting shows: the short list, with where the public discount
    rate comes from right below the rate ('contant gemaakt tegen', 'voet van')."""
    kort: dict[str, tuple[str, str]] = {}
    for k in PROGRAMMA_KPI_KORT:
        kort[k] = PROGRAMMA_KPI[k]
        if k == "disconteringsvoet_publiek":
            kort["disconteringsvoet_publiek_bron"] = PROGRAMMA_KPI["disconteringsvoet_publiek_bron"]
    kort.setdefault(
        "disconteringsvoet_publiek_bron", PROGRAMMA_KPI["disconteringsvoet_publiek_bron"]
    )
    return kort


def schrijf_voorblad(b: Blad, res: Resultaat, stijl: Huisstijl, moment: datetime) -> None:
    v = stijl.voorblad
    ws = b.ws
    ws.hide_gridlines(2)
    rij = 1
    if stijl.logo is not None and stijl.logo_pad is not None:
        # the bytes checked when the template was read, not the file as it is now
        ws.insert_image(
            rij,
            1,
            stijl.logo_pad.name,
            {
                "image_data": io.BytesIO(stijl.logo),
                "x_scale": 1,
                "y_scale": 1,
                "object_position": 3,
            },
        )
        ws.set_row(rij, 60)
        rij += 2
    b.tekst(rij, 1, v.titel, "titel", meten=False)
    b.tekst(rij + 1, 1, v.ondertitel, "ondertitel", meten=False)
    rij += 3
    regels: list[tuple[str, Any]] = [
        ("Scenario", res.scenario.naam),
        ("Organisatie", v.organisatie),
        ("Datum", moment.strftime("%d-%m-%Y %H:%M")),
        ("transformatiecalc", __version__),
        ("Scenariobestand", "" if res.bron == "<scenario>" else res.bron),
        ("sha256 van het scenario", res.sha256),
    ]
    for label, waarde in regels:
        if waarde:
            b.tekst(rij, 1, f"{label}: {waarde}", meten=False)
            rij += 1
    beschrijving = " ".join(res.scenario.beschrijving.split())
    for tekst in (beschrijving, v.tekst):
        if tekst:
            rij += 1
            b.alinea(rij, 1, tekst)
            rij += 1
    rij += 1
    b.alinea(
        rij,
        1,
        "Inhoud: Samenvatting · Panden · Functies · Residuele waarde · Kasstromen · "
        "Uitgangspunten · Grafieken (live) · Grafieken. Wijzig invoer alleen op het blad "
        "Uitgangspunten; de andere bladen en de grafieken op Grafieken (live) rekenen met "
        "formules mee.",
    )
    rij += 2
    b.alinea(rij, 1, v.disclaimer)


def schrijf_grafiekenblad(
    b: Blad, res: Resultaat, grafieken: dict[str, bytes], herkomst: str
) -> None:
    b.titel(
        "Grafieken",
        "Opbouw van de residuele grondwaarde per pand (de panden met de grootste "
        "onrendabele top of het grootste overschot).",
        herkomst,
    )
    b.tekstblok(3, 0, STATISCH, "notitie")
    rij = 4
    for naam, png in grafieken.items():
        if naam.startswith("rg_waterval_") and naam != "rg_waterval_portefeuille.png":
            rij += max(28, b.afbeelding(rij, 0, naam, png))
    del res
