"""The JSON contract (stable: other tools and our own checks read it).

    {"scenario": {"naam", "sha256", "versie", "bron"},
     "uitgangspunten": {…every effective parameter…},
     "panden": [{"id", "eigenaar", "opbrengst", "stichtingskosten", …, "functies": [...]}],
     "totalen": {…},
     "projecten": [{"id", "panden", "eigenaren": [{"eigenaar", "aandeel", "resultaat_alleen",
                    "resultaat_samen", "verschil"}]}],
     "verevening": null | {"potten": {gebied: {…}}, "panden": [{"id", "gebied", "grondslag",
                    "ort_voor", "bijdrage", "ontvangst", "ort_na", …}], "per_jaar": [...],
                    "voorfinanciering", "gedragen_door"},
     "fondsen": [{"naam", "kpi": {…}, "grootboek": [{"jaar", "begin", …, "eind"}],
                  "panden": [{"id", "ort_voor", "instrumenten": {naam: {"bedrag", "effect",
                  "jaar"}}, "ort_na", "niet_gefinancierd", "reden", "aanvraagjaar",
                  "toezegjaar", "wachttijd", "gevraagd", "gehonoreerd", …}],
                  "tranches": [{"naam", "soort", "rang", "bedrag", "rente", "verlies",
                  "achterstand_max", "jaren_achterstand", "irr", …}]}],
     "programma": null | {"panden_ontsloten", "woningen_ontsloten",
                  "woningen_ontsloten_betaalbaar", "publiek_geld_ingelegd",
                  "publiek_geld_netto", "disconteringsvoet_publiek",
                  "disconteringsvoet_publiek_bron", "woningen_per_miljoen_publiek", …,
                  "ontsluitingscurve": [{"factor", "publiek_geld_ingelegd",
                  "publiek_geld_netto", "woningen_ontsloten", …}]},
     "huurrecht": null | {"tabel", "tabeljaar", "prijspeil", "plafonds": {"sociaal",
                  "midden", "vrij"}, "indexatie": {"sociaal", "midden", "vrij"}},
     "waarschuwingen": [...]}

Each pand also carries ``onrendabele_top_na``: its ORT after herverkaveling, verevening
and every fonds (€ peildatum).

Euros are numbers (not rounded), rates fractions; a value that does not exist (an IRR
without a sign change, a grondquote without opbrengst) is ``null``, with ``irr_reden``
saying why for the IRR. ``scenario.versie`` is the transformatiecalc version that
computed the file.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import pandas as pd

from ..engine.assen import As
from ..grootheden import RG_POSTEN, namen
from ..resultaat import FondsTabellen, Resultaat

#: Fields of each pand, in contract order (the first ones are the issue's contract); each a
#: quantity of ``grootheden.py`` (its unit, basis and §).
PANDVELDEN = namen(
    As.PAND,
    "opbrengst",
    "stichtingskosten",
    "residuele_grondwaarde_oplevering",
    "residuele_grondwaarde_peildatum",
    "grondquote",
    "inbrengwaarde",
    "transformatieruimte",
    "afwaardering",
    "exploitatiewaarde",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "ort_per_woning",
    "ort_per_m2_bvo",
    "break_even_bouwkosten_per_m2",
    "ncw",
    "irr",
    "irr_reden",
    "subsidie_sluitend",
    "residuele_grondwaarde_dcf",
    "max_inbrengwaarde",
    "huurfactor_rendementseis",
    "boekwaarde",
    "woningen",
    "bvo",
    "start",
    "oplevering",
    "disconteringsvoet",
    "rendementseis",
)
KOSTENVELDEN = namen(As.PAND, "inbreng", "verwervingskosten", *RG_POSTEN)
FUNCTIEVELDEN = namen(
    As.FUNCTIE,
    "soort",
    "waardering",
    "woningen",
    "bvo",
    "opbrengst",
    "exploitatiewaarde",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "ort_per_woning",
    "ort_per_m2_bvo",
    "kostprijsdekkende_huur",
    "betaalbare_huur",
    "betaalbaarheidsgat",
    "eenheid",
    "kostprijsdekkende_von_prijs",
    "break_even_bar",
    "break_even_nar",
    "waarderingsvoet",
    "wws_punten",
    "wws_bron",
    "segment",
    "maximale_huur",
    "wws_opslag",
    "huur_boven_maximum",
    "kostprijsdekkend_binnen_maximum",
    "betaalbare_huur_bron",
    "indexatie_huur",
)


def schoon(waarde: Any) -> Any:
    """numpy scalars → Python; NaN/inf and pandas' NA → None."""
    if waarde is pd.NA:
        return None
    if hasattr(waarde, "item"):
        waarde = waarde.item()
    if isinstance(waarde, float) and not math.isfinite(waarde):
        return None
    return waarde


def naar_json(resultaat: Resultaat) -> dict[str, Any]:
    """The JSON contract as a dict."""
    per_pand: dict[str, list[dict[str, Any]]] = {}
    for r in resultaat.functies.reset_index().to_dict("records"):
        per_pand.setdefault(r["pand"], []).append(
            {"functie": r["functie"], **{v: schoon(r[v]) for v in FUNCTIEVELDEN}}
        )
    panden = [
        {
            "id": rij["pand"],
            "naam": rij["naam"],
            "eigenaar": rij["eigenaar"],
            "exploitant": rij["exploitant"],
            **{veld: schoon(rij[veld]) for veld in PANDVELDEN},
            "kosten": {veld: schoon(rij[veld]) for veld in KOSTENVELDEN},
            "functies": per_pand.get(rij["pand"], []),
        }
        for rij in resultaat.panden.reset_index().to_dict("records")
    ]
    keten = resultaat.keten["onrendabele_top_na"]
    for pand in panden:
        pand["onrendabele_top_na"] = schoon(keten[pand["id"]])
    return {
        "scenario": {
            "naam": resultaat.scenario.naam,
            "sha256": resultaat.sha256,
            "versie": resultaat.versie,
            "bron": resultaat.bron,
        },
        "uitgangspunten": resultaat.uitgangspunten,
        "panden": panden,
        "totalen": resultaat.totalen,
        "projecten": _projecten(resultaat),
        "verevening": _verevening(resultaat),
        "fondsen": [_fonds(f) for f in resultaat.fondsen.values()],
        "programma": _programma(resultaat),
        "huurrecht": resultaat.huurrecht,
        "waarschuwingen": list(resultaat.waarschuwingen),
    }


def _programma(resultaat: Resultaat) -> dict[str, Any] | None:
    prog = resultaat.programma
    if not prog:
        return None
    curve = resultaat.ontsluitingscurve
    return {
        **{k: schoon(v) for k, v in prog.items()},
        "ontsluitingscurve": records(curve, "factor") if len(curve) else [],
    }


def records(df: pd.DataFrame, index: str) -> list[dict[str, Any]]:
    """Rows of a table as dicts with clean values, the index as field `index`."""
    return [
        {str(k): schoon(v) for k, v in rij.items()}
        for rij in df.rename_axis(index).reset_index().to_dict("records")
    ]


def _projecten(resultaat: Resultaat) -> list[dict[str, Any]]:
    eigenaren = records(resultaat.projecten, "rij")
    return [
        {
            "id": p.id,
            "naam": p.naam,
            "panden": list(p.panden),
            "eigenaren": [
                {k: v for k, v in e.items() if k not in ("rij", "project")}
                for e in eigenaren
                if e["project"] == p.id
            ],
        }
        for p in resultaat.scenario.projecten
    ]


def _verevening(resultaat: Resultaat) -> dict[str, Any] | None:
    v, potten, stromen = (
        resultaat.verevening,
        resultaat.vereveningspotten,
        resultaat.vereveningsstromen,
    )
    if v is None or potten is None or stromen is None:
        return None
    pf = resultaat.portefeuille
    assert pf is not None and pf.verevening is not None
    return {
        "potten": {r.pop("gebied"): r for r in records(potten, "gebied")},
        "panden": records(v, "id"),
        "per_jaar": records(stromen, "jaar"),
        "voorfinanciering": pf.verevening.voorfinanciering,
        "gedragen_door": pf.verevening.gedragen_door,
    }


def _fonds(f: FondsTabellen) -> dict[str, Any]:
    panden = []
    for rij in records(f.panden, "id"):
        instrumenten = {
            naam: {veld: rij.pop(f"{naam}_{veld}") for veld in ("bedrag", "effect", "jaar")}
            for naam in f.instrumenten
        }
        panden.append({**rij, "instrumenten": instrumenten})
    return {
        "naam": f.naam,
        "kpi": {k: schoon(v) for k, v in f.kpi.items()},
        "grootboek": records(f.grootboek, "jaar"),
        "panden": panden,
        "tranches": records(f.tranches, "naam"),
    }


#: Characters written as \\uXXXX escapes although the JSON is UTF-8: DEL and C1 controls,
#: the bidirectional overrides and isolates, the line and paragraph separators and lone
#: surrogates. json.dumps escapes only C0; these would act on a terminal (``--json -``) or
#: fail to encode. Only string contents can hold them, so the JSON decodes the same.
_ONTSNAPT = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def als_json(data: Any) -> str:
    """`data` as the JSON text every command writes: UTF-8, indented, no NaN."""
    tekst = json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
    return _ONTSNAPT.sub(lambda m: f"\\u{ord(m.group()):04x}", tekst)


def json_tekst(resultaat: Resultaat) -> str:
    return als_json(naar_json(resultaat))
