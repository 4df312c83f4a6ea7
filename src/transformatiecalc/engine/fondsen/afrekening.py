"""The settlement with the tranches at the horizon, on paper (METHODE §7, "Afrekening aan
de horizon").

Eindvermogen (cash + expected claims on panden + grond in erfpacht + unsold deelnemingen −
expected guarantee losses still to come, € nominal at the horizon) goes to the tranches in
order of rang; the most junior tranche bears a shortfall first, a surplus goes pro rata to
the deposits of the subsidie and eigen-vermogen tranches. This settlement is what tranche
IRRs and the net public money count as coming back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from ..herverkaveling import aandelen_naar_rato
from ..kasstroom import IRR_REDENEN, Irr, irr
from .kasboek import Kasboek, Tranche
from .panden import Array
from .posten import CENT

if TYPE_CHECKING:
    from .fonds import FondsInvoer


class Afrekening(NamedTuple):
    """Each tranche's flows (nt, J) from its own side, € nominal (−storting, +betaald,
    +afrekening in the horizon year), what is left after every claim (€, ≥ 0), and per
    tranche its claim at the horizon and what it is paid of it (nt,)."""

    stromen: Array
    rest: float
    claim: Array
    afrekening: Array


def claims(tranches: tuple[Tranche, ...], kas: Kasboek) -> Array:
    """Per tranche its claim at the horizon (€): a loan its remaining principal and
    arrears, a subsidie or eigen vermogen its deposit."""
    return np.array(
        [
            kas.open_na_horizon[i] + kas.achterstand[:, i].sum() if tr.is_lening else tr.bedrag
            for i, tr in enumerate(tranches)
        ]
    )


def verdeel(tranches: tuple[Tranche, ...], claim: Array, vermogen: float) -> tuple[Array, float]:
    """Pay `vermogen` (€, nothing if < 0) to the claims by rang, pro rata within a rang;
    a surplus to the subsidie and eigen-vermogen tranches pro rata to their deposits.
    Returns the payment per tranche and what is left (only when no such tranche exists)."""
    afrekening = np.zeros(len(tranches))
    over = max(vermogen, 0.0)
    rangen = np.array([tr.rang for tr in tranches])
    for rang in np.unique(rangen):
        groep = rangen == rang
        nodig = float(claim[groep].sum())
        deel = min(over, nodig)
        if nodig > 0:
            afrekening[groep] = claim[groep] * (deel / nodig)
        over -= deel
    rest = np.array([not tr.is_lening for tr in tranches], dtype=bool)
    if over > 0 and rest.any():
        afrekening[rest] += over * aandelen_naar_rato(
            np.array([tr.bedrag for tr in tranches])[rest]
        )
        over = 0.0
    return afrekening, over


def trancheoverzicht(
    tranches: tuple[Tranche, ...],
    kas: Kasboek,
    afrekening: Afrekening,
    rendement: Irr,
    startjaar: int,
) -> dict[str, list[Any]]:
    """The table per tranche (JSON ``tranches``): terms, money received, claim and
    settlement, expected loss, arrears and IRR (`rendement`, of `afrekening.stromen`);
    years as calendar years."""
    tranche_irr, tranche_reden = rendement
    claim, uitbetaald = afrekening.claim, afrekening.afrekening
    achterstand = kas.achterstand_jaar
    te_laat = achterstand > CENT
    return {
        "naam": [tr.naam for tr in tranches],
        "soort": [str(tr.soort) for tr in tranches],
        "rang": [tr.rang for tr in tranches],
        "publiek": [tr.publiek for tr in tranches],
        "jaar": [tr.jaar + startjaar for tr in tranches],
        "bedrag": [tr.bedrag for tr in tranches],
        "rente": [tr.rente if tr.is_lening else None for tr in tranches],
        "ontvangen": [float(x) for x in kas.betaald.sum(axis=1)],
        "claim_einde": [float(x) for x in claim],
        "afrekening": [float(x) for x in uitbetaald],
        "verlies": [float(max(c - a, 0.0)) for c, a in zip(claim, uitbetaald, strict=True)],
        "achterstand_max": [float(x) for x in achterstand.max(axis=1, initial=0.0)],
        "jaren_achterstand": [int(x) for x in te_laat.sum(axis=1)],
        "eerste_jaar_achterstand": [
            int(np.argmax(rij)) + startjaar if rij.any() else None for rij in te_laat
        ],
        "irr": [float(x) for x in tranche_irr],
        "irr_reden": [IRR_REDENEN[int(x)] for x in tranche_reden],
    }


def afrekenen(fonds: FondsInvoer, kas: Kasboek, vermogen: float) -> Afrekening:
    """Settle on paper at the horizon: `vermogen` is the eindvermogen (€ nominal at the
    horizon). Returns each tranche's flows, claim and payment and what is left over
    (:class:`Afrekening`); the table per tranche follows from it with
    :func:`trancheoverzicht`."""
    tranches = fonds.tranches
    claim = claims(tranches, kas)
    afrekening, over = verdeel(tranches, claim, vermogen)
    stromen = kas.betaald.copy()
    for i, tr in enumerate(tranches):
        stromen[i, tr.jaar] -= tr.bedrag
    stromen[:, kas.laatste] += afrekening
    return Afrekening(stromen, over, claim, afrekening)


def rendementen(afrekeningen: list[Afrekening]) -> list[Irr]:
    """The IRR of every tranche of every replica's settlement: one calculation per group of
    replicas whose tranches have their last flow in the same years. Each row's root is found
    on its own, but the IRR trims the years after the last flow of all its rows (and its
    convergence test scales with their number), so only such replicas share a calculation:
    the same numbers as one replica at a time."""
    groepen: dict[tuple[int, ...], list[int]] = {}
    for i, a in enumerate(afrekeningen):
        gevuld = a.stromen != 0
        laatste = np.where(
            gevuld.any(axis=1), a.stromen.shape[1] - 1 - np.argmax(gevuld[:, ::-1], axis=1), -1
        )
        groepen.setdefault(tuple(laatste.tolist()), []).append(i)
    uit: list[Irr | None] = [None] * len(afrekeningen)
    for leden in groepen.values():
        alle = irr(np.vstack([afrekeningen[i].stromen for i in leden]), False)
        begin = 0
        for i in leden:
            eind = begin + afrekeningen[i].stromen.shape[0]
            uit[i] = Irr(alle.waarde[begin:eind], alle.reden[begin:eind])
            begin = eind
    return [x for x in uit if x is not None]
