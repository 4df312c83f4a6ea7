"""The static residual: residuele grondwaarde at oplevering (METHODE §4).

    RG = V − B − BK − onvoorzien − BTW − F − AK − W&R

summed nominally. AK and W&R may depend on RG itself (``ak_grondslag: bouw_en_grond``,
and through AK also ``wr_grondslag: kosten``); every combination is linear in RG, so
it is solved in closed form rather than iterated. :func:`residueel` is §4 of the core.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .invoer import AkGrondslag, Array, Invoer, WrGrondslag
from .kosten import Stichtingskosten, opslagen
from .tijd import Tijdlijn


def residuele_grondwaarde(
    inv: Invoer,
    opbrengst: Array,
    bouw_en_bijkomend: Array,
    kosten: Array,
    ak: Array,
    wr: Array,
) -> Array:
    """RG at oplevering per pand (€).

    With C = B+BK+onvoorzien+BTW+F (`kosten`), G = B+BK, AK = a0 + a1·RG where
    a0 = ak·(G·[bouw, bouw_en_grond] + V·[opbrengst]) and a1 = ak·[bouw_en_grond],
    and W&R = wr·V·[opbrengst] + wr·(C + AK)·[kosten], solving RG = V − C − AK − W&R
    gives

        RG = (V·(1 − wr·[opbrengst]) − (1 + wr·[kosten])·(C + a0)) / (1 + a1·(1 + wr·[kosten]))

    which for W&R on opbrengst reduces to METHODE's
    RG = (V − C − W&R − ak·(B+BK)) / (1 + ak).
    """
    grondslag = inv.ak_grondslag
    a0 = ak * (opbrengst if grondslag == AkGrondslag.OPBRENGST else bouw_en_bijkomend)
    a1 = ak if grondslag == AkGrondslag.BOUW_EN_GROND else np.zeros_like(ak)
    wr_v = wr if inv.wr_grondslag == WrGrondslag.OPBRENGST else np.zeros_like(wr)
    wr_k = wr if inv.wr_grondslag == WrGrondslag.KOSTEN else np.zeros_like(wr)
    return (opbrengst * (1.0 - wr_v) - (1.0 + wr_k) * (kosten + a0)) / (1.0 + a1 * (1.0 + wr_k))


def afwaardering(boekwaarde: Array, inbrengwaarde: Array, rg_peildatum: Array) -> Array:
    """max(0, boekwaarde − max(inbrengwaarde, RG_peildatum)) (€): the owner's write-off (§4)."""
    return np.maximum(0.0, boekwaarde - np.maximum(inbrengwaarde, rg_peildatum))


@dataclass(frozen=True)
class Residueel:
    """§4 per pand: the static residual and its AK and W&R (nominal € unless said)."""

    rg_oplevering: Array  # RG at oplevering
    rg_peildatum: Array  # RG · d_o (€ at peildatum)
    algemene_kosten: Array  # AK of the residual (the grond is RG)
    winst_en_risico: Array  # W&R of the residual
    stichtingskosten: Array  # SK = inbreng + verwerving + C + AK + W&R


def residueel(inv: Invoer, opbrengst: Array, sk: Stichtingskosten, tijd: Tijdlijn) -> Residueel:
    """METHODE §4 per pand from V (`opbrengst`, §2) and the stichtingskosten (§3)."""
    g, c = sk.bouw_en_bijkomend, sk.kosten
    rg = residuele_grondwaarde(inv, opbrengst, g, c, inv.ak, inv.wr)
    ak, wr = opslagen(inv, g, c, opbrengst, rg, inv.ak, inv.wr)
    return Residueel(
        rg_oplevering=rg,
        rg_peildatum=rg * tijd.discontering.oplevering,
        algemene_kosten=ak,
        winst_en_risico=wr,
        stichtingskosten=sk.inbreng + sk.verwervingskosten + c + ak + wr,
    )
