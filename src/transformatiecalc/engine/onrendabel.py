"""Onrendabele top per functie and the goal seeks (METHODE §5).

The NCW of a functie (its share of the pand's project cash flow) is

    NCW_f = EW_f·d_o − (inbreng_f + verwerving_f)·d_s − (BS_f + AK_f + W&R_f)·π

with π = Σ_t bouwprofiel_t·d_t / Σ_t bouwprofiel_t (the present value of one nominal
euro spent like the bouwkosten). Inbreng and verwerving are shared by BVO; B follows
each functie's own BVO and ingreep, with named extra kosten shared by BVO; BTW applies
to the functie's own BVO where it is not recoverable; AK and W&R follow their
grondslag per functie. Σ_f NCW_f is the pand's NCW and ORT = −NCW.

Every NCW here is affine in a functie's price (rent or v.o.n. price) and in the
inbrengwaarde, so each goal seek is a closed-form linear solve from two evaluations of
the same function — exact up to rounding, no iteration. The values of the programme
(V and EW, the expensive part) depend on the price only, so they are computed once per
price (§2, :func:`.opbrengst.programmawaarde`) and shared by the evaluations that use it.
:func:`onrendabele_top` is §5 of the core except the IRR, which runs over all panden at
the end (:func:`.rekenkern.bereken_invoer`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from .invoer import AkGrondslag, Array, IntArray, Invoer, Methode, WrGrondslag
from .kasstroom import kasstroom_tot_laatste_stroom
from .kosten import Bouwkosten, Stichtingskosten, opslagen
from .opbrengst import Programmawaarde, Waarden, Waardering
from .tijd import Discontering, Tijdlijn, discontering_tegen

if TYPE_CHECKING:
    from .uitkomst import Uitkomst


@dataclass(frozen=True)
class FunctieNcw:
    """NCW of each functie row and the posts it is built from (nominal €)."""

    ncw: Array
    opbrengst: Array
    exploitatiewaarde: Array
    inbreng: Array
    verwervingskosten: Array
    algemene_kosten: Array
    winst_en_risico: Array


class _Opslagbasis(NamedTuple):
    """Per functie row: what the NCW's inbreng, AK and W&R are built from."""

    verwervingsfactor: Array  # verwervingskosten · verwerving (fraction of inbreng)
    ak: Array  # the exploitant's AK fraction
    wr: Array  # the exploitant's W&R fraction
    bouw_en_bijkomend: Array  # B + BK (€)
    bouwsom: Array  # B + BK + onvoorzien + BTW (€)


@dataclass(frozen=True)
class FunctieRekening:
    """What the NCW of a functie depends on besides prices and inbreng (fixed per scenario)."""

    inv: Invoer
    kosten: Bouwkosten
    bvo_aandeel: Array  # BVO share of the row in its pand
    waardering_opbrengst: Waardering  # values V (§2), for the break-even yield
    grondfactor: Array  # per pand: (1 + i_grond)^s, inbrengwaarde → euros of year s

    @cached_property
    def _per_rij(self) -> _Opslagbasis:
        inv = self.inv
        p = inv.pand
        return _Opslagbasis(
            inv.verwervingskosten[p] * inv.verwerving[p],
            inv.ak[p],
            inv.wr[p],
            self.kosten.bouw_en_bijkomend,
            self.kosten.bouwsom,
        )

    def ncw(self, w: Waarden, inbrengwaarde: Array, d: Discontering) -> FunctieNcw:
        """NCW per row for the programme values `w` (§2, :class:`.opbrengst.Waarden`)."""
        inv = self.inv
        basis, rij = self._per_rij, d.per_rij
        opbrengst, ew = w.opbrengst, w.exploitatiewaarde
        inbreng = (inbrengwaarde * self.grondfactor)[inv.pand] * self.bvo_aandeel
        verwerving = basis.verwervingsfactor * inbreng
        # The cash-flow view carries no financing costs: discounting is the cost of
        # money there (METHODE §5); the grond is the inbreng.
        ak, wr = opslagen(
            inv, basis.bouw_en_bijkomend, basis.bouwsom, opbrengst, inbreng, basis.ak, basis.wr
        )
        ncw = (
            ew * rij.oplevering
            - (inbreng + verwerving) * rij.start
            - (basis.bouwsom + ak + wr) * rij.bouw
        )
        return FunctieNcw(ncw, opbrengst, ew, inbreng, verwerving, ak, wr)


def lineaire_oplossing(x0: Array, y0: Array, x1: Array, y1: Array) -> Array:
    """x where the line through (x0, y0) and (x1, y1) is zero; NaN where it is flat."""
    helling = (y1 - y0) / (x1 - x0)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(helling != 0.0, x0 - y0 / helling, np.nan)


def kostprijsdekkende_prijs(
    rek: FunctieRekening, basis: FunctieNcw, dubbel: Waarden, inbreng: Array, d: Discontering
) -> Array:
    """Price per row (same unit as ``Invoer.prijs``, prijspeil) at which NCW_f = 0.

    `dubbel` are the programme values at twice the price. For a rental functie this is
    the kostprijsdekkende huur; for a koopwoning the kostprijsdekkende v.o.n.-prijs. NaN
    where the NCW does not rise with the price.
    """
    prijs = rek.inv.prijs
    hoger = rek.ncw(dubbel, inbreng, d).ncw
    uitkomst = lineaire_oplossing(prijs, basis.ncw, 2.0 * prijs, hoger)
    return np.where(hoger > basis.ncw, uitkomst, np.nan)


def break_even_rendement(rek: FunctieRekening, basis: FunctieNcw, prijs_nul: Array) -> Array:
    """BAR/NAR at which NCW_f = 0 for bar/nar rows (NaN for others).

    V ∝ 1/rendement at a fixed rent, and NCW_f is affine in V, so the break-even
    yield is rendement · V / V*, with V* the value at the kostprijsdekkende huur.
    """
    inv = rek.inv
    v_nul = rek.waardering_opbrengst.waarde(prijs_nul)
    with np.errstate(divide="ignore", invalid="ignore"):
        uit = inv.rendement * basis.opbrengst / v_nul
    return np.where(np.isfinite(uit) & (v_nul > 0), uit, np.nan)


def huurfactor(
    rek: FunctieRekening,
    basis: Waarden,
    dubbel: Waarden,
    inbreng: Array,
    d: Discontering,
    segmenten: IntArray,
) -> Array:
    """Per pand: the factor on all rents (not koop prices) at which the pand's NCW is zero.

    `basis` and `dubbel` are the programme values at the price and at twice the price.
    Evaluated with the discount factors `d` — at the exploitant's rendementseis this
    is the rent level at which the development IRR equals that rendementseis.
    """
    inv = rek.inv
    huur = inv.methode != Methode.KOOP
    n1 = np.add.reduceat(rek.ncw(basis, inbreng, d).ncw, segmenten)
    n2 = np.add.reduceat(rek.ncw(dubbel.kies(huur, basis), inbreng, d).ncw, segmenten)
    heeft_huur = np.add.reduceat(huur.astype(np.float64), segmenten) > 0
    een = np.ones_like(n1)
    factor = lineaire_oplossing(een, n1, 2.0 * een, n2)
    return np.where(heeft_huur & (n2 > n1), factor, np.nan)


@dataclass(frozen=True)
class Onrendabel:
    """§5 per functie row and per pand, except the IRR (€ at peildatum unless said)."""

    functie: FunctieNcw  # NCW per functie row and its posts (nominal)
    # per pand
    ncw: Array  # Σ_f NCW_f; ORT = −NCW
    exploitatiewaarde: Array  # EW, nominal at oplevering
    rg_dcf: Array  # NCW + (inbreng + verwervingskosten)·d_s
    kasstroom_posten: dict[str, Array]  # post → nominal total (costs < 0)
    stroom: Array  # year-major (≤ J, P) total project cash flow, for the IRR
    max_inbrengwaarde: Array  # inbrengwaarde (peildatum) at which NCW = 0
    huurfactor_rendementseis: Array  # factor on all rents giving IRR = rendementseis
    # per functie row
    kostprijsdekkende_prijs: Array  # price at which NCW_f = 0 (unit of Invoer.prijs)
    break_even_rendement: Array  # BAR/NAR at which NCW_f = 0


def onrendabele_top(
    inv: Invoer, tijd: Tijdlijn, programma: Programmawaarde, sk: Stichtingskosten
) -> Onrendabel:
    """METHODE §5 from §1–3: NCW per functie and per pand, RG_dcf, the project cash flow
    by post and the goal seeks (kostprijsdekkende prijs, break-even BAR/NAR,
    max_inbrengwaarde, huurfactor at the rendementseis)."""
    seg, d = inv.segmenten, tijd.discontering
    rek = FunctieRekening(
        inv, sk.functie, sk.bvo_aandeel, programma.waardering_opbrengst, tijd.grondfactor
    )
    f = rek.ncw(programma.basis, inv.inbrengwaarde, d)
    ncw = np.add.reduceat(f.ncw, seg)
    posten = _kasstroomposten(f, sk, seg)
    prijs_nul = kostprijsdekkende_prijs(rek, f, programma.dubbel, inv.inbrengwaarde, d)
    d_eis = discontering_tegen(inv.rendementseis, inv, tijd)
    return Onrendabel(
        functie=f,
        ncw=ncw,
        exploitatiewaarde=posten["exploitatiewaarde"],
        rg_dcf=ncw + (sk.inbreng + sk.verwervingskosten) * d.start,
        kasstroom_posten=posten,
        stroom=kasstroom_tot_laatste_stroom(inv, posten, tijd.profiel, tijd.nominaal),
        max_inbrengwaarde=_max_inbrengwaarde(rek, programma.basis, ncw, d, seg),
        huurfactor_rendementseis=huurfactor(
            rek, programma.basis, programma.dubbel, inv.inbrengwaarde, d_eis, seg
        ),
        kostprijsdekkende_prijs=prijs_nul,
        break_even_rendement=break_even_rendement(rek, f, prijs_nul),
    )


def _kasstroomposten(f: FunctieNcw, sk: Stichtingskosten, seg: IntArray) -> dict[str, Array]:
    """Post → nominal total per pand of the project cash flow (KASSTROOMPOSTEN; costs < 0):
    the §3 posts, AK and W&R of the cash-flow view, and EW."""

    def som(x: Array) -> Array:
        return np.add.reduceat(x, seg)

    return {
        "inbreng": -sk.inbreng,
        "verwervingskosten": -sk.verwervingskosten,
        "bouwkosten": -sk.bouwkosten,
        "bijkomende_kosten": -sk.bijkomende_kosten,
        "onvoorzien": -sk.onvoorzien,
        "btw": -sk.btw,
        "algemene_kosten": -som(f.algemene_kosten),
        "winst_en_risico": -som(f.winst_en_risico),
        "exploitatiewaarde": som(f.exploitatiewaarde),
    }


def _max_inbrengwaarde(
    rek: FunctieRekening, basis: Waarden, ncw: Array, d: Discontering, seg: IntArray
) -> Array:
    """Per pand: the inbrengwaarde (peildatum, as in the input) at which NCW = 0, from the
    NCW at the input and at a higher inbrengwaarde (the NCW is affine in it)."""
    inbreng = rek.inv.inbrengwaarde
    ander = np.maximum(inbreng, 1.0)
    hoger = np.add.reduceat(rek.ncw(basis, inbreng + ander, d).ncw, seg)
    return lineaire_oplossing(inbreng, ncw, inbreng + ander, hoger)


@dataclass(frozen=True)
class HerkomstOrt:
    """Where the ORT comes from (METHODE §5, "Waar de ORT vandaan komt"); € peildatum
    unless said.

    Per functie row: ``f_inbreng_aandeel`` is what the inbreng adds to the ORT — the
    inbreng and its verwervingskosten at year s, and the AK and W&R on them where their
    grondslag includes the grond — and ``f_ort_zonder_inbreng`` = ORT_f − that share, the
    ORT at an inbrengwaarde of 0. Per pand the same, summed over its rows.
    ``break_even_bouwkosten_per_m2`` (€ per m² BVO at prijspeil, per pand): the
    bouwkosten per m² BVO (B / BVO, extra kosten included) at which the pand's NCW is 0,
    all its bouwkosten scaled by one factor; NaN without bouwkosten. Negative: even
    without bouwkosten the pand has a gap.
    """

    f_inbreng_aandeel: Array
    f_ort_zonder_inbreng: Array
    inbreng_aandeel: Array
    ort_zonder_inbreng: Array
    break_even_bouwkosten_per_m2: Array


def herkomst_ort(u: Uitkomst) -> HerkomstOrt:
    """Split the ORT into the inbreng's share and the rest, and the break-even bouwkosten
    per m² BVO, in closed form from the posts of `u` (the NCW is affine in the inbreng and
    in B: every post of the cash-flow view is linear in them).

    With the functie row's discount factors d_s (year s) and π (building years):

        inbreng_aandeel_f = (inbreng_f + verwerving_f)·d_s + (ΔAK_f + ΔW&R_f)·π
        ΔAK_f = ak·inbreng_f (grondslag bouw_en_grond, else 0)
        ΔW&R_f = wr·ΔAK_f (W&R grondslag kosten, else 0)

    and per pand, with K = Σ_f (BS_f + AK_B,f + W&R_B,f)·π the present value of the
    bouwkosten B and every post proportional to it (BK, onvoorzien, BTW, the AK and W&R
    on them), NCW(λ·B) = NCW − (λ − 1)·K, so NCW = 0 at λ* = 1 + NCW / K and the
    break-even bouwkosten per m² BVO are λ*·B / (Σ bouwprofiel · BVO).
    """
    inv = u.invoer
    p, seg = inv.pand, inv.segmenten
    ak, wr, pi = inv.ak[p], inv.wr[p], u.pi[p]
    grond_ak = inv.ak_grondslag == AkGrondslag.BOUW_EN_GROND
    wr_kosten = inv.wr_grondslag == WrGrondslag.KOSTEN
    delta_ak = ak * u.f_inbreng if grond_ak else np.zeros_like(u.f_inbreng)
    delta_wr = wr * delta_ak if wr_kosten else np.zeros_like(delta_ak)
    aandeel = (u.f_inbreng + u.f_verwervingskosten) * u.d_start[p] + (delta_ak + delta_wr) * pi
    f_ort = -u.f_ncw
    pand_aandeel = np.add.reduceat(aandeel, seg)

    bouw_en_bijkomend = u.f_bouwkosten + u.f_bijkomende_kosten
    bouwsom = bouw_en_bijkomend + u.f_onvoorzien + u.f_btw
    ak_b = (
        np.zeros_like(bouwsom)
        if inv.ak_grondslag == AkGrondslag.OPBRENGST
        else ak * bouw_en_bijkomend
    )
    wr_b = wr * (bouwsom + ak_b) if wr_kosten else np.zeros_like(bouwsom)
    k = np.add.reduceat((bouwsom + ak_b + wr_b) * pi, seg)
    bvo = np.add.reduceat(inv.bvo, seg)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_m2 = u.bouwkosten * (1.0 + u.ncw / k) / (u.nominaal * bvo)
    return HerkomstOrt(
        f_inbreng_aandeel=aandeel,
        f_ort_zonder_inbreng=f_ort - aandeel,
        inbreng_aandeel=pand_aandeel,
        ort_zonder_inbreng=-u.ncw - pand_aandeel,
        break_even_bouwkosten_per_m2=np.where((k > 0) & (bvo > 0), per_m2, np.nan),
    )
