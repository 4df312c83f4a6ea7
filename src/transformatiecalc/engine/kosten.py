"""Stichtingskosten posts (METHODE §3).

Building costs of pand p are spent over its building years by the ``verdeling``
(shares) and indexed with the bouwkosten index: the *bouwprofiel* w_t · idx_t
(:func:`.tijd.bouwprofiel`) gives, per euro at prijspeil, the nominal euros spent in year
t. Every post that is proportional to the building costs (B, BK, onvoorzien, BTW, and
AK/W&R in the cash flow) follows this profile, so a post is fully described by its
nominal total. :func:`stichtingskosten` is §3 of the core; AK and W&R depend on the view
(static residual §4, cash flow §5) and are computed there with :func:`opslagen`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .invoer import AkGrondslag, Array, Invoer, RenteModel, WrGrondslag
from .tijd import Tijdlijn


@dataclass(frozen=True)
class Bouwkosten:
    """Nominal totals per functie row (€): B, BK, onvoorzien and non-recoverable BTW."""

    bouwkosten: Array  # B = (bvo · €/m² + share of extra_kosten) · indexation
    bijkomende_kosten: Array  # BK = bijkomend · B
    onvoorzien: Array  # onvoorzien · (B + BK)
    btw: Array  # btw · (B + BK + onvoorzien) where BTW is not recoverable

    @property
    def bouw_en_bijkomend(self) -> Array:
        """B + BK: the AK grondslag ``bouw``."""
        return self.bouwkosten + self.bijkomende_kosten

    @property
    def bouwsom(self) -> Array:
        """BS = B + BK + onvoorzien + BTW: what financing and the cash flow carry."""
        return self.bouwkosten + self.bijkomende_kosten + self.onvoorzien + self.btw


def bouwkosten(inv: Invoer, nominaal: Array, bvo_pand: Array) -> Bouwkosten:
    """Nominal cost posts per functie row.

    `nominaal` is Σ_t bouwprofiel per pand (nominal euros per euro at prijspeil);
    named extra kosten of a pand are shared over its functies by BVO share.
    """
    p = inv.pand
    b0 = inv.bvo * inv.kosten_per_m2 + inv.extra_kosten[p] * inv.bvo / bvo_pand[p]
    b = b0 * nominaal[p]
    bk = inv.bijkomend[p] * b
    onv = inv.onvoorzien[p] * (b + bk)
    btw = inv.btw[p] * (b + bk + onv) * inv.btw_niet_verrekenbaar
    return Bouwkosten(b, bk, onv, btw)


def rentefactor(inv: Invoer, profiel: Array) -> Array:
    """Financieringskosten per euro of bouwsom, per pand (§3, ``rente_model``).

    - ``geen``: 0
    - ``half_bouwkosten``: ½ · ((1+i)^b − 1)
    - ``kasstroom``: Σ_t BS_t · ((1+i)^(o−t) − 1) / Σ_t BS_t, interest from each year of
      outlay to oplevering.
    """
    i = inv.bouwrente
    if inv.rente_model == RenteModel.GEEN:
        return np.zeros(inv.aantal_panden)
    if inv.rente_model == RenteModel.HALF_BOUWKOSTEN:
        return np.asarray(0.5 * np.expm1(inv.bouwtijd * np.log1p(i)), dtype=np.float64)
    looptijd = inv.oplevering[:, None] - np.arange(inv.jaren)[None, :]
    opgerent = np.where(profiel > 0.0, profiel * np.expm1(looptijd * np.log1p(i)[:, None]), 0.0)
    return np.asarray(opgerent.sum(axis=-1) / profiel.sum(axis=-1), dtype=np.float64)


class Opslagen(NamedTuple):
    """AK and W&R (€) of one view (the static residual or the cash flow)."""

    algemene_kosten: Array
    winst_en_risico: Array


def opslagen(
    inv: Invoer,
    bouw_en_bijkomend: Array,
    kosten: Array,
    opbrengst: Array,
    grond: Array,
    ak: Array,
    wr: Array,
) -> Opslagen:
    """AK and W&R (€) for a known grond (METHODE §3).

    AK = ak · grondslag: ``bouw`` B+BK, ``bouw_en_grond`` B+BK+grond, ``opbrengst`` V.
    W&R = wr · grondslag: ``opbrengst`` V, ``kosten`` (kosten + AK), where `kosten` is
    B + BK + onvoorzien + BTW + F of the view at hand.
    """
    if inv.ak_grondslag == AkGrondslag.OPBRENGST:
        algemeen = ak * opbrengst
    elif inv.ak_grondslag == AkGrondslag.BOUW_EN_GROND:
        algemeen = ak * (bouw_en_bijkomend + grond)
    else:
        algemeen = ak * bouw_en_bijkomend
    if inv.wr_grondslag == WrGrondslag.OPBRENGST:
        return Opslagen(algemeen, wr * opbrengst)
    return Opslagen(algemeen, wr * (kosten + algemeen))


@dataclass(frozen=True)
class Stichtingskosten:
    """§3: the posts before AK and W&R, per functie row and per pand (nominal €)."""

    functie: Bouwkosten  # B, BK, onvoorzien, BTW per functie row
    bvo_aandeel: Array  # per functie row: its share of the pand's BVO
    # per pand
    bouwkosten: Array  # B
    bijkomende_kosten: Array  # BK
    onvoorzien: Array
    btw: Array
    bouw_en_bijkomend: Array  # B + BK
    bouwsom: Array  # BS = B + BK + onvoorzien + BTW
    rentefactor: Array  # financieringskosten per € of bouwsom
    financieringskosten: Array  # F = BS · rentefactor
    inbreng: Array  # inbrengwaarde indexed with grond to year s
    verwervingskosten: Array  # verwervingskosten · inbreng where the pand changes hands

    @property
    def kosten(self) -> Array:
        """C = BS + F: the costs of the static residual before AK and W&R (§4)."""
        return self.bouwsom + self.financieringskosten


def stichtingskosten(inv: Invoer, tijd: Tijdlijn) -> Stichtingskosten:
    """METHODE §3 per functie row and per pand: B, BK, onvoorzien, BTW, the bouwsom and
    its financieringskosten (``rente_model``), inbreng and verwervingskosten."""
    seg, p = inv.segmenten, inv.pand
    bvo_pand = np.add.reduceat(inv.bvo, seg)
    f = bouwkosten(inv, tijd.nominaal, bvo_pand)
    bouwsom = np.add.reduceat(f.bouwsom, seg)
    rente = rentefactor(inv, tijd.profiel)
    inbreng = inv.inbrengwaarde * tijd.grondfactor
    return Stichtingskosten(
        functie=f,
        bvo_aandeel=inv.bvo / bvo_pand[p],
        bouwkosten=np.add.reduceat(f.bouwkosten, seg),
        bijkomende_kosten=np.add.reduceat(f.bijkomende_kosten, seg),
        onvoorzien=np.add.reduceat(f.onvoorzien, seg),
        btw=np.add.reduceat(f.btw, seg),
        bouw_en_bijkomend=np.add.reduceat(f.bouw_en_bijkomend, seg),
        bouwsom=bouwsom,
        rentefactor=rente,
        financieringskosten=bouwsom * rente,
        inbreng=inbreng,
        verwervingskosten=inv.verwervingskosten * inv.verwerving * inbreng,
    )
