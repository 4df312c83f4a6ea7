"""The locked sections of 'Uitgangspunten': rent law (METHODE §2a), whose points, maximum
rents and capped indices the engine derives and Functies shows as values; and the portfolio
(herverkaveling, verevening, fondsen) and the analyses, which are algorithms or workbooks of
their own. One row per effective parameter, each with the reason it is locked."""

from __future__ import annotations

from typing import Any

from ....resultaat import huurindexatie_per_segment, huurplafonds_per_segment
from ....schema import Scenario
from ....schema.functies import Huurwoning
from .schrijver import ANALYSE, HUURRECHT, LIJST, PORTEFEUILLE, Schrijver, bladeren, lees

#: Rent-law inputs of markt (METHODE §2a): path, number format, unit.
_HUURRECHT_MARKT = (
    ("markt.inflatie", "procent", "per jaar (CPI)"),
    ("markt.inflatie_driejarig", "procent", "per jaar; standaard markt.inflatie"),
    ("markt.loonontwikkeling", "procent", "per jaar (CAO)"),
)


def sectie_huurrecht(s: Schrijver, sc: Scenario) -> None:
    """Rent law (METHODE §2a): the caps' inputs, the rent index per segment, the switch for a
    rent above the maximum, each huurwoning's WWS points and each pand's monument status.
    Locked values: the engine derives the points, maximum rents and capped indices from them,
    and Functies shows those as values."""
    s.sectie("Huurrecht: WWS-punten, maximale huur, huurindexatie (METHODE §2a)", LIJST)
    _huurindexatie(s, sc)
    _huurplafonds(s, sc)
    s.parameter(
        "huur boven maximum",
        "conventies.huur_boven_maximum",
        eenheid="weigeren | aftoppen",
        vast=HUURRECHT,
    )
    _wws(s, sc)


def _huurindexatie(s: Schrijver, sc: Scenario) -> None:
    """The caps' inputs (inflatie, loonontwikkeling) and the rent index per segment before the
    cap (markt.indexatie.huur where a segment has none of its own)."""
    for pad, notatie, eenheid in _HUURRECHT_MARKT:
        waarde = lees(sc, pad)
        if pad == "markt.inflatie_driejarig" and waarde is None:
            waarde = sc.markt.inflatie
        naam = pad.rsplit(".", 1)[-1].replace("_", " ")
        s.parameter(naam, pad, notatie, eenheid, waarde=waarde, vast=HUURRECHT)
    segmenten = sc.markt.indexatie.huur_per_segment
    if segmenten is None:
        s.parameter(
            "huurindexatie per segment",
            "markt.indexatie.huur_per_segment",
            eenheid="geen: markt.indexatie.huur voor elk segment",
            waarde="geen",
            vast=HUURRECHT,
        )
    else:
        for seg in ("sociaal", "midden", "vrij"):
            pad = f"markt.indexatie.huur_per_segment.{seg}"
            eigen = lees(sc, pad)
            s.parameter(
                f"huurindexatie {seg}",
                pad,
                "procent",
                "per jaar, vóór het wettelijke plafond",
                waarde=sc.markt.indexatie.huur if eigen is None else eigen,
                vast=HUURRECHT,
            )


def _huurplafonds(s: Schrijver, sc: Scenario) -> None:
    """Derived by the engine, with WWS points only: the legal cap of the yearly rent rise and
    the effective rent index per segment (fraction per year)."""
    if sc.huurrecht is None:
        return
    plafond, effectief = huurplafonds_per_segment(sc), huurindexatie_per_segment(sc)
    for seg in plafond:
        for label, waarde in (
            (f"wettelijk plafond huurstijging {seg}", plafond[seg]),
            (f"huurindexatie {seg} (effectief)", effectief[seg]),
        ):
            s.rijstart()
            s.blad.tekst(s.rij, 0, label)
            s.blad.getal(s.rij, 1, waarde, "vast", "procent")
            s.blad.tekst(s.rij, 2, "per jaar")
            s.blad.tekst(s.rij, 4, "afgeleid door de rekenkern (METHODE §2a)", "notitie")
            s.rij += 1


def _wws(s: Schrijver, sc: Scenario) -> None:
    """Each huurwoning's WWS points (every field of its wws, or that it has none) and each
    pand's monument status, bouwjaar and whether it is already housing."""
    for k, f in sc.functies.items():
        if not isinstance(f, Huurwoning):
            continue
        prefix = f"functies.{k}.wws"
        if f.wws is None:
            s.parameter(
                f"{k}: WWS",
                prefix,
                eenheid="geen punten: huur niet getoetst",
                waarde="",
                vast=HUURRECHT,
            )
            continue
        for pad, waarde in bladeren(f.wws.model_dump(), prefix):
            label = f"{k}: " + pad[len(prefix) + 1 :].replace("_", " ").replace(".", ", ")
            notatie = (
                "getal" if isinstance(waarde, float | int) and not isinstance(waarde, bool) else ""
            )
            s.parameter(label, pad, notatie, waarde=waarde, vast=HUURRECHT)
    for i, pand in enumerate(sc.panden):
        for pad in (f"panden[{i}].monument", f"panden[{i}].huidig.bouwjaar"):
            notatie = "jaar" if pad.endswith("bouwjaar") else ""
            s.parameter(f"{pand.id}: {pad.rsplit('.', 1)[-1]}", pad, notatie, vast=HUURRECHT)
        # already housing: no 10 % for conversion to wonen; not given means no
        wonen = "ja" if pand.huidig.wonen else "nee"
        s.parameter(f"{pand.id}: wonen", f"panden[{i}].huidig.wonen", waarde=wonen, vast=HUURRECHT)


def sectie_portefeuille(s: Schrijver, sc: Scenario) -> None:
    """Herverkaveling, verevening, fondsen and the analyses: one row per effective
    parameter, locked (the allocation and the ledger are algorithms, not formulas; the
    analyses write workbooks of their own)."""
    secties: list[tuple[str, str, Any]] = [
        (f"Herverkaveling: project {p.id}", f"projecten[{i}]", p)
        for i, p in enumerate(sc.projecten)
    ]
    if sc.verevening is not None:
        secties.append(("Verevening", "verevening", sc.verevening))
    secties += [(f"Fonds: {f.naam}", f"fondsen[{i}]", f) for i, f in enumerate(sc.fondsen)]
    secties += [(f"Variant: {v.naam}", f"varianten[{i}]", v) for i, v in enumerate(sc.varianten)]
    if sc.onzekerheid is not None:
        secties.append(("Onzekerheid (Monte Carlo)", "onzekerheid", sc.onzekerheid))
    leeg = [
        naam
        for naam, waarde in (
            ("projecten", sc.projecten),
            ("verevening", sc.verevening),
            ("fondsen", sc.fondsen),
            ("varianten", sc.varianten),
            ("onzekerheid", sc.onzekerheid),
        )
        if not waarde
    ]
    if leeg:
        s.sectie("Herverkaveling, verevening, fondsen, varianten en onzekerheid", LIJST)
        for naam in leeg:
            s.rijstart()
            s.blad.tekst(s.rij, 0, naam)
            s.blad.tekst(s.rij, 1, "geen", "vast")
            s.blad.tekst(s.rij, 3, naam)
            s.uit.paden.add(naam)
            s.rij += 1
    for titel, prefix, model in secties:
        s.sectie(titel, LIJST)
        for pad, waarde in bladeren(model.model_dump(), prefix):
            label = pad[len(prefix) + 1 :].replace("_", " ")
            vast = ANALYSE if prefix.startswith(("varianten", "onzekerheid")) else PORTEFEUILLE
            s.parameter(label, pad, _notatie(pad), waarde=waarde, vast=vast)


def _notatie(pad: str) -> str:
    """Number format of a portfolio parameter from its key (as given for varianten and
    onzekerheid, whose paths may point at any kind of number)."""
    if pad.startswith(("varianten", "onzekerheid")):
        return ""
    sleutel = pad.rsplit(".", 1)[-1]
    if sleutel in ("jaar",):
        return "jaar"
    if sleutel in (
        "rang",
        "looptijd",
        "aflossingsvrij",
        "jaren_voor_start",
        "verkoop_na",
        "termijn",
        "min_woningen",
    ):
        return "getal"
    if sleutel.startswith(
        (
            "aandeel",
            "rente",
            "marktrente",
            "dekking",
            "premie",
            "canon",
            "grondaandeel",
            "bankfinanciering",
            "kans",
            "verlies",
            "beheerkosten",
            "disconteringsvoet",
            "min_betaalbaar",
        )
    ):
        return "procent"
    return "euro"
