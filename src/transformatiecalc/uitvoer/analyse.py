"""Varianten, gevoeligheid and onzekerheid in the terminal and as JSON (METHODE §8).

JSON contract of the three analyses (numbers unrounded, euros at peildatum unless the
label says nominaal, a value that does not exist is ``null``):

    vergelijk: {"soort": "vergelijking", "versies": [{"naam", "bestand", "variant",
                "fondsen": [naam, …]}],
                "totalen": {kengetal: {versie: waarde}}, "verschil": {…same, minus the first…},
                "programma": {kengetal: {versie: waarde}},
                "koppeling": "rol" | "naam",
                "fondsen": {fonds: {kengetal: {versie: waarde}}}  (fonds "fonds" by rol),
                "ontsluitingscurve": {versie: [{"factor", "publiek_geld_netto", …}]},
                "panden": {pand: {versie: ort}}, "panden_na": {…},
                "waarschuwingen": {versie: [tekst, …]}}
    gevoelig:  {"soort": "gevoeligheid", "uitkomst", "basiswaarde",
                "tornado": [{"pad", "basis", "laag", "hoog", "uitkomst_laag", "uitkomst_hoog",
                             "zwaai"}] | null,
                "raster": {"rij", "kolom", "rijwaarden", "kolomwaarden", "waarden": [[…]]} | null}
    onzeker:   {"soort": "onzekerheid", "seed", "trekkingen", "parameters": {pad: verdeling},
                "samenvatting": {uitkomst: {"gemiddelde", "sd", "p5", "p50", "p95", …}},
                "panden": [{"id", "ort_gemiddelde", "ort_p5", …, "kans_ort_positief", …}],
                "kansen": {fonds: {"kastekort_ja", "trancheverlies_ja",
                "niet_alles_gehonoreerd"}}, "saldo": {fonds: [{"jaar", "p5", …, "p95"}]}}

The terminal tables are in :mod:`.analysetabellen` (re-exported here).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import __version__
from ..analyse.gevoeligheid import Raster, Tornado
from ..analyse.onzekerheid import MonteCarlo
from ..analyse.varianten import Vergelijking
from . import grafieken
from .analysetabellen import DUIZEND as DUIZEND
from .analysetabellen import toon_monte_carlo as toon_monte_carlo
from .analysetabellen import toon_raster as toon_raster
from .analysetabellen import toon_tornado as toon_tornado
from .analysetabellen import toon_vergelijking as toon_vergelijking
from .bestanden import veilige_naam
from .huisstijl import Huisstijl
from .json import als_json, records, schoon
from .labels import TOTAAL, uitkomst_label


# ------------------------------------------------------------------------ JSON
def _kolommen(df: pd.DataFrame) -> dict[str, dict[str, Any]]:
    return {str(i): {str(k): schoon(v) for k, v in rij.items()} for i, rij in df.iterrows()}


def vergelijking_json(v: Vergelijking) -> dict[str, Any]:
    fondsen: dict[str, dict[str, Any]] = {}
    for index, rij in zip(v.fondsen.index.tolist(), v.fondsen.to_dict("records"), strict=True):
        fonds, sleutel = (str(x) for x in index)
        fondsen.setdefault(fonds, {})[sleutel] = {str(k): schoon(x) for k, x in rij.items()}
    return {
        "soort": "vergelijking",
        "versie": __version__,
        "versies": [
            {
                "naam": x.naam,
                "bestand": x.bestand,
                "variant": x.variant,
                "fondsen": v.fondsnamen[x.naam],
            }
            for x in v.versies
        ],
        "totalen": _kolommen(v.totalen),
        "verschil": _kolommen(v.verschil(v.totalen)),
        "programma": _kolommen(v.programma),
        "koppeling": v.koppeling,
        "fondsen": fondsen,
        "ontsluitingscurve": {
            x.naam: records(x.resultaat.ontsluitingscurve, "factor")
            for x in v.versies
            if len(x.resultaat.ontsluitingscurve)
        },
        "panden": _kolommen(v.per_pand),
        "panden_na": _kolommen(v.per_pand_na),
        "waarschuwingen": {x.naam: list(x.resultaat.waarschuwingen) for x in v.versies},
    }


def gevoeligheid_json(t: Tornado | None, r: Raster | None) -> dict[str, Any]:
    eerste = t if t is not None else r
    assert eerste is not None
    return {
        "soort": "gevoeligheid",
        "versie": __version__,
        "uitkomst": eerste.uitvoer,
        "basiswaarde": schoon(eerste.basiswaarde),
        "tornado": None if t is None else records(t.tabel, "pad"),
        "raster": None
        if r is None
        else {
            "rij": r.rij.pad,
            "kolom": r.kolom.pad,
            "rijwaarden": [schoon(x) for x in r.tabel.index],
            "kolomwaarden": [schoon(x) for x in r.tabel.columns],
            "waarden": [[schoon(x) for x in rij] for rij in r.tabel.to_numpy()],
        },
    }


def onzekerheid_json(mc: MonteCarlo, parameters: dict[str, Any]) -> dict[str, Any]:
    return {
        "soort": "onzekerheid",
        "versie": __version__,
        "seed": mc.seed,
        "trekkingen": len(mc.trekkingen),
        "parameters": parameters,
        "samenvatting": _kolommen(mc.samenvatting()),
        "panden": records(mc.per_pand(), "id"),
        "kansen": mc.kansen(),
        "saldo": {n: records(w, "jaar") for n, w in mc.saldo_waaier().items()},
    }


def als_tekst(data: dict[str, Any]) -> str:
    return als_json(data)


# ---------------------------------------------------------------------- charts
def grafieken_vergelijking(v: Vergelijking, stijl: Huisstijl) -> dict[str, bytes]:
    """Fund balance per year of every version and fund, and the versions' ontsluitingscurves
    (when there are funds)."""
    saldi = {
        f"{x.naam}: {fonds}" if len(x.resultaat.fondsen) > 1 else x.naam: f.grootboek["eind"]
        for x in v.versies
        for fonds, f in x.resultaat.fondsen.items()
    }
    if not saldi:
        return {}
    uit = {
        "fondssaldo_vergelijking.png": grafieken.fondssaldo(saldi, stijl, "Fondssaldo per versie")
    }
    curves = {
        x.naam: x.resultaat.ontsluitingscurve
        for x in v.versies
        if len(x.resultaat.ontsluitingscurve)
    }
    if curves:
        uit["ontsluitingscurve_vergelijking.png"] = grafieken.ontsluitingscurve(curves, stijl)
    return uit


def grafieken_gevoeligheid(
    t: Tornado | None, r: Raster | None, stijl: Huisstijl
) -> dict[str, bytes]:
    uit: dict[str, bytes] = {}
    if t is not None:
        label, soort = uitkomst_label(t.uitvoer)
        uit["tornado.png"] = grafieken.tornado(
            t.tabel, t.basiswaarde, f"Gevoeligheid: {label}", soort, stijl
        )
    if r is not None:
        label, soort = uitkomst_label(r.uitvoer)
        uit["raster.png"] = grafieken.hittekaart(r.tabel, f"Raster: {label}", soort, stijl)
    return uit


def grafieken_onzekerheid(mc: MonteCarlo, stijl: Huisstijl) -> dict[str, bytes]:
    """Histograms of the total ORT (before and after the funds) and of each fund's homes
    unlocked, and the fan chart of fund balances."""
    totalen = mc.reeks.totalen()
    uit = {
        "histogram_onrendabele_top.png": grafieken.histogram(
            totalen["onrendabele_top"], TOTAAL["onrendabele_top"][0], "euro", stijl
        )
    }
    if mc.reeks.fondsen or not (totalen["tekort_na"] == totalen["tekort"]).all():
        uit["histogram_tekort_na.png"] = grafieken.histogram(
            totalen["tekort_na"], TOTAAL["tekort_na"][0], "euro", stijl
        )
    for fonds, kpi in mc.reeks.fondsen.items():
        label, _ = uitkomst_label(f"fondsen.{fonds}.woningen_ontsloten")
        uit[f"histogram_woningen_{veilige_naam(fonds)}.png"] = grafieken.histogram(
            kpi["woningen_ontsloten"], label, "aantal", stijl
        )
    if mc.reeks.fondssaldo:
        uit["fondssaldo_waaier.png"] = grafieken.waaier(mc.saldo_waaier(), stijl)
    return uit
