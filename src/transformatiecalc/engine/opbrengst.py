"""Value of the finished programme per functie at oplevering (METHODE §2).

All functions are vectorised over functie rows (axis −1) and return euros of the
oplevering year (nominal, prices indexed to year o). Units: rents in the unit of
``Invoer.prijs`` times ``Invoer.eenheden`` give euros per year.
"""

from __future__ import annotations

import numpy as np

from .invoer import BAR, DCF, KOOP, NAR, Array, IntArray, Invoer
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


def huur_bij_oplevering(inv: Invoer, prijs: Array) -> tuple[Array, Array, Array]:
    """Per functie row, in euros of the oplevering year o (first exploitation year):

    - bruto huur = prijs · eenheden · (1 + i_huur)^o
    - netto huur = bruto · (1 − leegstand − %lasten): rent after vacancy and rent-linked lasten
    - vaste lasten = vaste lasten · (1 + i_exploitatielasten)^o

    so that NOI_1 = netto huur − vaste lasten. Zero for koopwoningen (no lasten, no
    vacancy; their 'bruto' is not used).
    """
    p = inv.pand
    o = inv.oplevering[p] + inv.verschuiving
    bruto = prijs * inv.eenheden * np.power(1.0 + inv.index_huur[p], o)
    netto = bruto * (1.0 - inv.leegstand - inv.lasten_percentage)
    vast = inv.lasten_vast * np.power(1.0 + inv.index_exploitatielasten[p], o)
    return bruto, netto, vast


def waarde_bij_oplevering(inv: Invoer, prijs: Array, r: Array) -> Array:
    """Value V_f (or EW_f) of every functie row at its pand's oplevering, in euros.

    - ``bar``: bruto_huur_o / BAR, v.o.n. → k.k.
    - ``nar``: NOI_1 / NAR, v.o.n. → k.k., NOI_1 = bruto·(1 − leegstand − %lasten) − vaste lasten
    - ``dcf``: Σ_{k=1..N} NOI_k (1+r)^−k + eindwaarde (1+r)^−N, eindwaarde = NOI_{N+1} /
      exit_yield, v.o.n. → k.k. (0 without exit_yield)
    - ``koop``: woningen · v.o.n.-prijs_o / (1 + btw) · (1 − verkoopkosten)

    `prijs` is the price per unit at prijspeil (see ``Invoer.prijs``); `r` the
    discount rate per row for ``dcf`` (ignored otherwise). Rents are indexed to the
    oplevering year o (NOI_1 is earned in year o); NOI_k grows with the huur and
    exploitatielasten indices.
    """
    bruto, netto_huur, vast = huur_bij_oplevering(inv, prijs)
    kkf = kosten_koper_factor(inv.kosten_koper, inv.kk_delen)

    bar = bruto / inv.rendement * kkf
    nar = (netto_huur - vast) / inv.rendement * kkf

    n, p = inv.termijn, inv.pand
    huur, lasten = inv.index_huur[p], inv.index_exploitatielasten[p]
    pv = netto_huur * groeiannuiteit(huur, r, n, inv.midden_jaar) - vast * groeiannuiteit(
        lasten, r, n, inv.midden_jaar
    )
    noi_na = netto_huur * np.power(1.0 + huur, n) - vast * np.power(1.0 + lasten, n)
    eindwaarde = np.where(np.isnan(inv.exit_yield), 0.0, noi_na / inv.exit_yield * kkf)
    dcf = pv + eindwaarde * np.power(1.0 + r, -n.astype(np.float64))

    koop = (
        prijs
        * inv.eenheden
        * np.power(1.0 + inv.index_verkoopprijzen[p], inv.oplevering[p] + inv.verschuiving)
        / (1.0 + inv.btw[p])
        * (1.0 - inv.verkoopkosten)
    )
    m = inv.methode
    return np.select([m == BAR, m == NAR, m == DCF, m == KOOP], [bar, nar, dcf, koop], np.nan)


def waarderingsvoeten(inv: Invoer, voet_per_pand: Array) -> Array:
    """DCF rate per functie row: the functie's own rate, else the given per-pand rate."""
    eigen = inv.waarderingsvoet
    return np.where(np.isnan(eigen), voet_per_pand[inv.pand], eigen)


def exploitatie(inv: Invoer) -> tuple[Array, Array, Array]:
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
        & (inv.methode[:, None] != KOOP)
        & ((inv.methode[:, None] != DCF) | (k <= inv.termijn[:, None]))
    )
    f_huur = indexfactoren(inv.index_huur[inv.pand], inv.jaren, inv.verschuiving)
    f_lasten = indexfactoren(inv.index_exploitatielasten[inv.pand], inv.jaren, inv.verschuiving)
    bruto = np.where(actief, (inv.prijs * inv.eenheden)[:, None] * f_huur, 0.0)  # (F, J)
    lasten = np.where(
        actief, inv.lasten_vast[:, None] * f_lasten + inv.lasten_percentage[:, None] * bruto, 0.0
    )
    noi = bruto * (1.0 - inv.leegstand[:, None]) - lasten
    return bruto, lasten, noi
