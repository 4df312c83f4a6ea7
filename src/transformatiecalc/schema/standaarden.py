"""Derived defaults: every value the file may leave out whose default depends on another value.

This is the table of docs/methode.md ("Conventies en standaarden") and of the *zie toelichting*
defaults in docs/scenario.md, in code: one function per section, each line "this key, if the
file leaves it out, is that value". The order matters where one default feeds another (a
partij's rendementseis follows its own disconteringsvoet; the public discount rate follows
the gemeente's).

Why in place: the defaults are filled inside the scenario's own validation
(``Scenario._kruisverwijzingen``), because the rules that follow them (plausible bounds, the
paths of varianten and onzekerheid) must see the values the engine will use, and a pydantic
``model_validator(mode="after")`` must return the instance it was given when a model is built
with ``Scenario(...)``. A deep copy per validation would also double the cost of analyses that
validate thousands of versions. So :func:`vul_standaarden` is the one place that writes into a
validated model; it only fills fields that are ``None`` (and so is idempotent), and runs once,
after ``Scenario.is_opgegeven`` has recorded what the file gave.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .fondsen import RANG_STANDAARD, Fonds
from .functies import BTW_VERREKENBAAR_STANDAARD, Functie, Huurwoning
from .panden import Pand
from .partijen import Partij

if TYPE_CHECKING:
    from ..engine.huurrecht.programma import HuurrechtRijen
    from .scenario import Scenario


def _vul(model: Any, veld: str, waarde: Any) -> None:
    """Set `veld` of `model` to `waarde` if the file left it out (it is None)."""
    if getattr(model, veld) is None:
        setattr(model, veld, waarde)


def vul_standaarden(sc: Scenario) -> None:
    """Fill every derived default of `sc`, section by section (idempotent)."""
    _vul(sc, "prijspeil", sc.startjaar)
    _vul(sc.kosten, "verwervingskosten", sc.markt.kosten_koper.totaal)
    for sleutel, partij in sc.partijen.items():
        _partij(sc, sleutel, partij)
    for sleutel, functie in sc.functies.items():
        _functie(sc, sleutel, functie)
    for pand in sc.panden:
        _pand(sc, pand)
    for project in sc.projecten:
        _vul(project, "naam", project.id)
    gemeente = sc.gemeente
    _vul(
        sc.markt,
        "disconteringsvoet_publiek",
        sc.partijen[gemeente].disconteringsvoet
        if gemeente is not None
        else sc.markt.disconteringsvoet,
    )
    for fonds in sc.fondsen:
        _fonds(sc, fonds)


def _partij(sc: Scenario, sleutel: str, partij: Partij) -> None:
    """A partij: naam its key; disconteringsvoet markt.disconteringsvoet; rendementseis its own
    disconteringsvoet; ak and wr those of kosten."""
    _vul(partij, "naam", sleutel)
    _vul(partij, "disconteringsvoet", sc.markt.disconteringsvoet)
    _vul(partij, "rendementseis", partij.disconteringsvoet)
    _vul(partij, "ak", sc.kosten.ak)
    _vul(partij, "wr", sc.kosten.wr)


def _functie(sc: Scenario, sleutel: str, functie: Functie) -> None:
    """A functie: naam its key with spaces; btw_verrekenbaar per soort (METHODE §3); kosten koper
    of its waardering markt.kosten_koper; betaalbaar: a huurwoning whose rent is at most its
    betaalbare huur (a koopwoning: no); with WWS points it follows the segment instead
    (:func:`vul_betaalbaar_uit_segment`, once the segments are known)."""
    _vul(functie, "naam", sleutel.replace("_", " "))
    _vul(functie, "btw_verrekenbaar", BTW_VERREKENBAAR_STANDAARD[functie.soort])
    waardering = getattr(functie, "waardering", None)
    if waardering is not None:
        _vul(waardering, "kosten_koper", sc.markt.kosten_koper.totaal)
    if hasattr(functie, "betaalbaar") and getattr(functie, "wws", None) is None:
        _vul(
            functie,
            "betaalbaar",
            isinstance(functie, Huurwoning)
            and functie.betaalbare_huur_per_maand is not None
            and functie.huur_per_maand <= functie.betaalbare_huur_per_maand,
        )


def vul_betaalbaar_uit_segment(sc: Scenario, rijen: HuurrechtRijen) -> None:
    """betaalbaar of a huurwoning with WWS points: sociale huur or middenhuur (METHODE §2a),
    when all its programme rows are in one segment (otherwise it stays None and each row
    follows its own segment)."""
    for sleutel, functie in sc.functies.items():
        if not isinstance(functie, Huurwoning) or functie.wws is None:
            continue
        segmenten = {rijen.segment_naam(i) for i, k in enumerate(rijen.functie) if k == sleutel}
        if len(segmenten) == 1:
            _vul(functie, "betaalbaar", segmenten != {"vrij"})


def _pand(sc: Scenario, pand: Pand) -> None:
    """A pand: inbrengwaarde its marktwaarde, else huur_per_jaar / bar; boekwaarde its
    inbrengwaarde; exploitant its eigenaar; kostenverdeling equal over the bouwtijd; a
    programme line's ingreep the pand's, its bvo woningen × bvo_per_woning."""
    h = pand.huidig
    if h.inbrengwaarde is None:
        if h.marktwaarde is not None:
            h.inbrengwaarde = h.marktwaarde
        else:
            assert h.huur_per_jaar is not None and h.bar is not None  # checked in Huidig
            h.inbrengwaarde = h.huur_per_jaar / h.bar
    _vul(h, "boekwaarde", h.inbrengwaarde)
    tr = pand.transformatie
    _vul(tr, "exploitant", pand.eigenaar)
    _vul(tr, "kostenverdeling", [1.0 / tr.bouwtijd] * tr.bouwtijd)
    for regel in tr.programma:
        _vul(regel, "ingreep", tr.ingreep)
        if regel.bvo is None and regel.woningen is not None:
            regel.bvo = regel.woningen * sc.functies[regel.functie].bvo_per_woning  # type: ignore[union-attr]


def _fonds(sc: Scenario, fonds: Fonds) -> None:
    """A fund: disconteringsvoet markt.disconteringsvoet_publiek; a tranche paid in the
    startjaar, with the rang of its soort, public if it is a subsidie, a loan at 0 % repaid
    at once; an instrument named after its soort, a loan's marktrente markt.bouwrente; the
    instrument order that of the file."""
    _vul(fonds, "disconteringsvoet", sc.markt.disconteringsvoet_publiek)
    for tranche in fonds.tranches:
        _vul(tranche, "jaar", sc.startjaar)
        _vul(tranche, "rang", RANG_STANDAARD[tranche.soort])
        _vul(tranche, "publiek", tranche.soort == "subsidie")
        if tranche.soort == "lening":
            _vul(tranche, "rente", 0.0)
            _vul(tranche, "aflossing", "ineens")
    for instrument in fonds.instrumenten:
        _vul(instrument, "naam", instrument.soort)
        if instrument.soort == "lening":
            _vul(instrument, "marktrente", sc.markt.bouwrente)
    _vul(
        fonds.toewijzing,
        "volgorde_instrumenten",
        [i.naam for i in fonds.instrumenten if i.naam is not None],
    )
