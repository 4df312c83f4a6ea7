"""Value of the finished programme per functie at oplevering (METHODE §2).

:func:`programmawaarde` is §2 of the core: V and EW of every functie row, at the input
price and at twice that price (the second for the goal seeks of §5, which are linear).

All functions are vectorised over functie rows (axis −1) and return euros of the
oplevering year (nominal, prices indexed to year o). Units: rents in the unit of
``Invoer.prijs`` times ``Invoer.eenheden`` give euros per year.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from .invoer import Array, IntArray, Invoer, Methode
from .tijd import indexfactoren


def kosten_koper_factor(kk: Array, delen: bool) -> Array:
    """v.o.n. → k.k.: 1/(1+kk) (``delen``) or (1−kk) (``vermenigvuldigen``)."""
    return 1.0 / (1.0 + kk) if delen else 1.0 - kk


def groeiannuiteit(groei: float | Array, r: Array, n: IntArray, midden_jaar: bool) -> Array:
    """Σ_{k=1..n} (1+g)^(k−1) · (1+r)^−k, times (1+r)^½ with midden_jaar.

    The present value at oplevering of a yearly amount that starts at 1 in the first
    exploitation year and grows by g, received at the end of each year (or mid-year).
    Closed form (1/(1+r)) · ((1+δ)^n − 1)/δ with δ = (g−r)/(1+r), evaluated with
    expm1/log1p so that g → r tends smoothly to n/(1+r).
    """
    r = np.asarray(r, dtype=np.float64)
    delta = (groei - r) / (1.0 + r)
    nf = np.asarray(n, dtype=np.float64)
    teller = np.expm1(nf * np.log1p(delta))
    som = np.divide(teller, delta, out=nf.copy(), where=delta != 0.0)
    factor = som / (1.0 + r)
    return factor * np.sqrt(1.0 + r) if midden_jaar else factor


class HuurBijOplevering(NamedTuple):
    """Per functie row, euros of the oplevering year o (the first exploitation year)."""

    bruto: Array  # bruto huur = prijs · eenheden · (1 + i_huur)^o (€/year)
    netto: Array  # bruto · (1 − leegstand − %lasten) (€/year)
    vaste_lasten: Array  # vaste lasten · (1 + i_exploitatielasten)^o (€/year)


class _Oplevering(NamedTuple):
    """Per row, independent of the price: what turns a price into rents of year o."""

    huurindex: Array  # (1 + i_huur)^o
    netto_factor: Array  # 1 − leegstand − %lasten
    vaste_lasten: Array  # vaste lasten in year o (€)


class _DcfFactoren(NamedTuple):
    """DCF rows (METHODE §2), independent of the price."""

    annuiteit_huur: Array  # Σ_k (1 + i_huur)^(k−1) (1+r)^−k
    annuiteit_lasten: Array  # vaste lasten · the same with i_exploitatielasten (€)
    groei_huur: Array  # (1 + i_huur)^N: netto huur in year N+1 per € of year 1
    groei_lasten: Array  # vaste lasten in year N+1 (€)
    korting: Array  # (1+r)^−N
    exit_yield: Array  # NaN: no eindwaarde


class _KoopFactoren(NamedTuple):
    """Koop rows (METHODE §2), independent of the price."""

    prijsindex: Array  # (1 + i_verkoopprijzen)^o
    btw: Array  # 1 + btw
    verkoop: Array  # 1 − verkoopkosten


@dataclass(frozen=True)
class Waardering:
    """The value of every functie row at its pand's oplevering (METHODE §2), for any price.

    - ``bar``: bruto_huur_o / BAR, v.o.n. → k.k.
    - ``nar``: NOI_1 / NAR, v.o.n. → k.k., NOI_1 = bruto·(1 − leegstand − %lasten) − vaste lasten
    - ``dcf``: Σ_{k=1..N} NOI_k (1+r)^−k + eindwaarde (1+r)^−N, eindwaarde = NOI_{N+1} /
      exit_yield, v.o.n. → k.k. (0 without exit_yield)
    - ``koop``: woningen · v.o.n.-prijs_o / (1 + btw) · (1 − verkoopkosten)

    `r` is the discount rate per row for ``dcf`` (ignored otherwise). Rents are indexed to
    the oplevering year o (NOI_1 is earned in year o); NOI_k grows with the huur and
    exploitatielasten indices. Everything that does not depend on the price (index powers,
    annuity factors, the k.k. factor) is computed once, and each method only for its own
    rows; a row's value is computed with the same operations in the same order as when
    every method is computed for every row, so the numbers are the same to the bit.
    """

    inv: Invoer
    r: Array  # DCF rate per functie row (fraction per year)

    @cached_property
    def _rijen(self) -> dict[Methode, IntArray]:
        m = self.inv.methode
        return {methode: np.flatnonzero(m == methode) for methode in Methode}

    @cached_property
    def _bij_oplevering(self) -> _Oplevering:
        inv = self.inv
        p = inv.pand
        o = inv.oplevering[p] + inv.verschuiving
        huur = np.power(1.0 + inv.index_huur_functie, o)
        vast = inv.lasten_vast * np.power(1.0 + inv.index_exploitatielasten[p], o)
        return _Oplevering(huur, 1.0 - inv.leegstand - inv.lasten_percentage, vast)

    @cached_property
    def _kk(self) -> Array:
        return kosten_koper_factor(self.inv.kosten_koper, self.inv.kk_delen)

    @cached_property
    def _dcf(self) -> _DcfFactoren:
        inv, i = self.inv, self._rijen[Methode.DCF]
        p, n, r = inv.pand[i], inv.termijn[i], self.r[i]
        huur, lasten = inv.index_huur_functie[i], inv.index_exploitatielasten[p]
        vast = self._bij_oplevering.vaste_lasten[i]
        return _DcfFactoren(
            groeiannuiteit(huur, r, n, inv.midden_jaar),
            vast * groeiannuiteit(lasten, r, n, inv.midden_jaar),
            np.power(1.0 + huur, n),
            vast * np.power(1.0 + lasten, n),
            np.power(1.0 + r, -n.astype(np.float64)),
            inv.exit_yield[i],
        )

    @cached_property
    def _koop(self) -> _KoopFactoren:
        inv, i = self.inv, self._rijen[Methode.KOOP]
        p = inv.pand[i]
        o = inv.oplevering[p] + inv.verschuiving
        return _KoopFactoren(
            np.power(1.0 + inv.index_verkoopprijzen[p], o),
            1.0 + inv.btw[p],
            1.0 - inv.verkoopkosten[i],
        )

    def huur_bij_oplevering(self, prijs: Array) -> HuurBijOplevering:
        """Per functie row, in euros of the oplevering year o (first exploitation year):

        - bruto huur = prijs · eenheden · (1 + i_huur)^o
        - netto huur = bruto · (1 − leegstand − %lasten): after vacancy and rent-linked lasten
        - vaste lasten = vaste lasten · (1 + i_exploitatielasten)^o

        so that NOI_1 = netto huur − vaste lasten. Zero for koopwoningen (no lasten, no
        vacancy; their 'bruto' is not used).
        """
        huur, netto, vast = self._bij_oplevering
        bruto = prijs * self.inv.eenheden * huur
        return HuurBijOplevering(bruto, bruto * netto, vast)

    def waarde(self, prijs: Array) -> Array:
        """V (or EW) per row at `prijs` per unit at prijspeil (see ``Invoer.prijs``), €."""
        inv, rijen = self.inv, self._rijen
        huur, netto_factor, vast = self._bij_oplevering
        uit = np.full(len(prijs), np.nan)
        for methode in (Methode.BAR, Methode.NAR, Methode.DCF):
            i = rijen[methode]
            if not i.size:
                continue
            bruto = prijs[i] * inv.eenheden[i] * huur[i]
            if methode == Methode.BAR:
                uit[i] = bruto / inv.rendement[i] * self._kk[i]
                continue
            netto_huur = bruto * netto_factor[i]
            if methode == Methode.NAR:
                uit[i] = (netto_huur - vast[i]) / inv.rendement[i] * self._kk[i]
                continue
            dcf = self._dcf
            pv = netto_huur * dcf.annuiteit_huur - dcf.annuiteit_lasten
            noi_na = netto_huur * dcf.groei_huur - dcf.groei_lasten
            eindwaarde = np.where(
                np.isnan(dcf.exit_yield), 0.0, noi_na / dcf.exit_yield * self._kk[i]
            )
            uit[i] = pv + eindwaarde * dcf.korting
        i = rijen[Methode.KOOP]
        if i.size:
            koop = self._koop
            uit[i] = prijs[i] * inv.eenheden[i] * koop.prijsindex / koop.btw * koop.verkoop
        return uit

    def waarde_later(self, prijs: Array, k: IntArray) -> Array:
        """V (or EW) per row as a buyer values it `k` years after oplevering (k ≥ 0 per row,
        € of year o + k): rents and fixed lasten indexed k years further (each with its own
        index: a row's rent index is capped by law, §2a); ``bar``/``nar`` capitalise them; a
        ``dcf`` with an exit yield is the same DCF k years on (its termijn is a valuation
        horizon), a ``dcf`` with ``eindwaarde: 0`` (a finite exploitation) has k years fewer
        to run and is worth nothing after its termijn; koop rows are NaN (sold at o).
        With k = 0 it is :meth:`waarde` (up to rounding)."""
        inv, rijen = self.inv, self._rijen
        huur, netto_factor, vast = self._bij_oplevering
        kf = np.asarray(k, dtype=np.float64)
        p = inv.pand
        groei_huur = np.power(1.0 + inv.index_huur_functie, kf)
        groei_lasten = np.power(1.0 + inv.index_exploitatielasten[p], kf)
        bruto = prijs * inv.eenheden * huur * groei_huur
        netto, vast_k = bruto * netto_factor, vast * groei_lasten
        uit = np.full(len(prijs), np.nan)
        i = rijen[Methode.BAR]
        uit[i] = bruto[i] / inv.rendement[i] * self._kk[i]
        i = rijen[Methode.NAR]
        uit[i] = (netto[i] - vast_k[i]) / inv.rendement[i] * self._kk[i]
        i = rijen[Methode.DCF]
        if i.size:
            ey = inv.exit_yield[i]
            eindig = np.isnan(ey)
            n = np.where(eindig, np.maximum(inv.termijn[i] - k[i], 0), inv.termijn[i])
            r, ih, il = self.r[i], inv.index_huur_functie[i], inv.index_exploitatielasten[p[i]]
            pv = netto[i] * groeiannuiteit(ih, r, n, inv.midden_jaar) - vast_k[i] * groeiannuiteit(
                il, r, n, inv.midden_jaar
            )
            noi_na = netto[i] * np.power(1.0 + ih, n) - vast_k[i] * np.power(1.0 + il, n)
            korting = np.power(1.0 + r, -n.astype(np.float64))
            eind = np.where(eindig, 0.0, noi_na / np.where(eindig, 1.0, ey) * self._kk[i])
            uit[i] = pv + eind * korting
        return uit


def waarderingsvoeten(inv: Invoer, voet_per_pand: Array) -> Array:
    """DCF rate per functie row: the functie's own rate, else the given per-pand rate."""
    eigen = inv.waarderingsvoet
    return np.where(np.isnan(eigen), voet_per_pand[inv.pand], eigen)


class Voeten(NamedTuple):
    """DCF rate per functie row (fraction per year) for V and for EW."""

    opbrengst: Array
    exploitatiewaarde: Array


def voeten(inv: Invoer) -> Voeten:
    """DCF rates per functie row (V, EW): EW at the exploitant's rate (or the functie's own),
    V too unless ``disconteringsvoet_opbrengst: markt`` — then the same array for both."""
    ew = waarderingsvoeten(inv, inv.disconteringsvoet)
    if inv.opbrengst_markt:
        return Voeten(waarderingsvoeten(inv, inv.markt_disconteringsvoet), ew)
    return Voeten(ew, ew)


class Exploitatie(NamedTuple):
    """Exploitatiekasstroom per functie row and year, (F, J) each (€ nominal)."""

    bruto_huur: Array
    lasten: Array
    noi: Array


def exploitatie(inv: Invoer) -> Exploitatie:
    """Exploitatiekasstroom per functie row and year: (bruto huur, lasten, NOI), shape (F, J).

    Exploitation year k = 1, 2, … is calendar year index o + k − 1 (rents run from
    the oplevering year), with rents and fixed lasten indexed to that year. DCF
    functies run for their termijn, bar/nar functies to the horizon; koop has none.
    Effective rent = bruto · (1 − leegstand); NOI = effective rent − lasten.
    """
    t = np.arange(inv.jaren)
    o = inv.oplevering[inv.pand]
    k = t[None, :] - o[:, None] + 1
    actief = (
        (k >= 1)
        & (inv.methode[:, None] != Methode.KOOP)
        & ((inv.methode[:, None] != Methode.DCF) | (k <= inv.termijn[:, None]))
    )
    f_huur = indexfactoren(inv.index_huur_functie, inv.jaren, inv.verschuiving)
    f_lasten = indexfactoren(inv.index_exploitatielasten[inv.pand], inv.jaren, inv.verschuiving)
    bruto = np.where(actief, (inv.prijs * inv.eenheden)[:, None] * f_huur, 0.0)  # (F, J)
    lasten = np.where(
        actief, inv.lasten_vast[:, None] * f_lasten + inv.lasten_percentage[:, None] * bruto, 0.0
    )
    noi = bruto * (1.0 - inv.leegstand[:, None]) - lasten
    return Exploitatie(bruto, lasten, noi)


@dataclass(frozen=True)
class Waarden:
    """V (opbrengst) and EW (exploitatiewaarde) of each functie row at one price (nominal €)."""

    opbrengst: Array
    exploitatiewaarde: Array

    def kies(self, waar: NDArray[np.bool_], anders: Waarden) -> Waarden:
        """These values where `waar`, those of `anders` elsewhere (row by row)."""
        return Waarden(
            np.where(waar, self.opbrengst, anders.opbrengst),
            np.where(waar, self.exploitatiewaarde, anders.exploitatiewaarde),
        )


def waarden(opbrengst: Waardering, ew: Waardering, prijs: Array) -> Waarden:
    """V and EW of every row at `prijs` (per unit, prijspeil); EW is V when both use the
    same :class:`Waardering`. Row by row: a row's values depend on its own price only."""
    v = opbrengst.waarde(prijs)
    return Waarden(v, v if ew is opbrengst else ew.waarde(prijs))


@dataclass(frozen=True)
class Programmawaarde:
    """§2 per functie row: the valuations of V and EW and their values at two prices."""

    voeten: Voeten  # DCF rate per row for V and for EW
    waardering_opbrengst: Waardering  # values V at the rate for opbrengst
    waardering_ew: Waardering  # values EW (the same object when both rates are the same)
    basis: Waarden  # at the input price
    dubbel: Waarden  # at twice the input price
    opbrengst: Array  # V_p = Σ_f V_f per pand at the input price (€ of each pand's year o)


def programmawaarde(inv: Invoer) -> Programmawaarde:
    """METHODE §2 for every functie row: V and EW at the input price and at twice it.

    V and EW share one :class:`Waardering` (and so one computation) unless
    ``disconteringsvoet_opbrengst: markt`` gives them different rates.
    """
    voet = voeten(inv)
    v = Waardering(inv, voet.opbrengst)
    ew = v if voet.exploitatiewaarde is voet.opbrengst else Waardering(inv, voet.exploitatiewaarde)
    basis, dubbel = waarden(v, ew, inv.prijs), waarden(v, ew, 2.0 * inv.prijs)
    opbrengst = np.add.reduceat(basis.opbrengst, inv.segmenten)
    return Programmawaarde(voet, v, ew, basis, dubbel, opbrengst)
