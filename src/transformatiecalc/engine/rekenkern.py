"""The calculation core: Invoer → Uitkomst, METHODE §1–5 in one pass over arrays."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .blokken import STANDAARD, Rekenopties, naast_elkaar, per_blok, samenvoegen
from .invoer import Array, Invoer, Methode
from .kasstroom import irr
from .kosten import bouwkosten, bouwprofiel, opslagen, rentefactor
from .onrendabel import (
    Discontering,
    FunctieRekening,
    break_even_rendement,
    huurfactor,
    kostprijsdekkende_prijs,
    lineaire_oplossing,
)
from .opbrengst import (
    Waardering,
    exploitatie,
    kosten_koper_factor,
    voeten,
)
from .residueel import afwaardering, residuele_grondwaarde
from .tijd import disconteringsfactoren, eenheid_in_jaar, op_jaar

#: Posts of the project cash flow (METHODE §5), in sheet order; costs are negative.
KASSTROOMPOSTEN = (
    "inbreng",
    "verwervingskosten",
    "bouwkosten",
    "bijkomende_kosten",
    "onvoorzien",
    "btw",
    "algemene_kosten",
    "winst_en_risico",
    "exploitatiewaarde",
)


@dataclass(frozen=True)
class Uitkomst:
    """Every number the engine produces, as arrays (€ nominal unless said otherwise).

    Per pand (P,): the static residual (§4) posts and results, the DCF view (§5) and
    the goal seeks. Per functie row (F,): value, ORT and betaalbaarheid. Per pand and
    year (P, J): the project cash flow by post. Per functie row and year (F, J): the
    exploitatiekasstroom.
    """

    invoer: Invoer
    # --- per pand: static residual (§4)
    opbrengst: Array
    inbreng: Array  # inbrengwaarde indexed to year s
    verwervingskosten: Array
    bouwkosten: Array
    bijkomende_kosten: Array
    onvoorzien: Array
    btw: Array
    financieringskosten: Array
    algemene_kosten: Array  # AK of the residual (grond = RG)
    winst_en_risico: Array  # W&R of the residual
    stichtingskosten: Array  # inbreng + verwerving + the residual's posts
    rg_oplevering: Array
    rg_peildatum: Array  # € at peildatum
    # --- per pand: DCF view (§5); values at peildatum
    exploitatiewaarde: Array  # nominal at oplevering
    ncw: Array
    rg_dcf: Array
    irr: Array
    irr_reden: NDArray[np.int64]
    max_inbrengwaarde: Array  # € peildatum (same basis as the input inbrengwaarde)
    huurfactor_rendementseis: Array
    # --- per pand: intermediates shown in the audit trail (Excel)
    nominaal: Array  # Σ_t bouwprofiel: nominal € per € of bouwkosten at prijspeil
    pi: Array  # Σ_t bouwprofiel·d_t / nominaal: PV of a nominal € spent like B
    d_start: Array  # discount factor of year s
    d_oplevering: Array  # discount factor of year o
    rentefactor: Array  # financieringskosten per € of bouwsom (§3, rente_model)
    bouwsom: Array  # BS = B + BK + onvoorzien + BTW
    kasstroom_posten: dict[str, Array]  # post → nominal total of the project cash flow (costs < 0)
    # --- per functie row
    f_opbrengst: Array
    f_exploitatiewaarde: Array
    f_bouwkosten: Array
    f_bijkomende_kosten: Array
    f_onvoorzien: Array
    f_btw: Array
    f_inbreng: Array
    f_verwervingskosten: Array
    f_algemene_kosten: Array
    f_winst_en_risico: Array
    f_ncw: Array
    f_kostprijsdekkende_prijs: Array
    f_break_even_rendement: Array

    # Results that follow from the fields above (or from the input) by one elementwise
    # step: computed when asked, with the same operations, so the same numbers. Not
    # storing them keeps the core's output (and the fresh memory it must touch) smaller.
    @cached_property
    def onrendabele_top(self) -> Array:
        """ORT = −NCW per pand (€ peildatum)."""
        return -self.ncw

    @cached_property
    def grondquote(self) -> Array:
        """RG / V per pand (fraction; NaN without opbrengst)."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(self.opbrengst != 0.0, self.rg_oplevering / self.opbrengst, np.nan)

    @cached_property
    def transformatieruimte(self) -> Array:
        """RG_peildatum − inbrengwaarde (€ peildatum)."""
        return self.rg_peildatum - self.invoer.inbrengwaarde

    @cached_property
    def afwaardering(self) -> Array:
        """The owner's write-off (€ peildatum), METHODE §4."""
        inv = self.invoer
        return afwaardering(inv.boekwaarde, inv.inbrengwaarde, self.rg_peildatum)

    @cached_property
    def subsidie_sluitend(self) -> Array:
        """The subsidy that closes the gap, nominal, paid in year s (€)."""
        return np.maximum(-self.ncw, 0.0) / self.d_start

    @cached_property
    def woningen(self) -> Array:
        """Dwellings per pand."""
        return np.add.reduceat(self.invoer.woningen, self.invoer.segmenten)

    @cached_property
    def bvo(self) -> Array:
        """m² BVO per pand."""
        return np.add.reduceat(self.invoer.bvo, self.invoer.segmenten)

    @cached_property
    def f_onrendabele_top(self) -> Array:
        """ORT = −NCW per functie row (€ peildatum)."""
        return -self.f_ncw

    @cached_property
    def f_betaalbaarheidsgat(self) -> Array:
        """Kostprijsdekkende huur − betaalbare huur per rental row (NaN for koop)."""
        inv = self.invoer
        return np.where(
            inv.methode != Methode.KOOP, self.f_kostprijsdekkende_prijs - inv.betaalbaar, np.nan
        )

    @cached_property
    def _voeten(self) -> tuple[Array, Array]:
        return voeten(self.invoer)

    @property
    def f_voet_exploitatiewaarde(self) -> Array:
        """Rate passed to the valuation of EW (every row, fraction)."""
        return self._voeten[1]

    @property
    def f_voet_opbrengst(self) -> Array:
        """Rate passed to the valuation of V (every row, fraction)."""
        return self._voeten[0]

    @cached_property
    def f_waarderingsvoet(self) -> Array:
        """DCF rate used for EW, dcf rows only (fraction; NaN otherwise)."""
        return np.where(self.invoer.methode == Methode.DCF, self.f_voet_exploitatiewaarde, np.nan)

    @cached_property
    def f_kk_factor(self) -> Array:
        """v.o.n. → k.k. factor of the row's kosten koper."""
        return kosten_koper_factor(self.invoer.kosten_koper, self.invoer.kk_delen)

    @cached_property
    def _bij_oplevering(self) -> tuple[Array, Array, Array]:
        return Waardering(self.invoer, self.f_voet_opbrengst).huur_bij_oplevering(self.invoer.prijs)

    @property
    def f_bruto_oplevering(self) -> Array:
        """Bruto huur in year o (€/year)."""
        return self._bij_oplevering[0]

    @property
    def f_netto_huur(self) -> Array:
        """Bruto · (1 − leegstand − %lasten) in year o (€/year)."""
        return self._bij_oplevering[1]

    @property
    def f_vaste_lasten(self) -> Array:
        """Fixed exploitatielasten in year o (€/year)."""
        return self._bij_oplevering[2]

    def panden(self, van: int, tot: int) -> Uitkomst:
        """The results of panden van … tot−1 alone (as if computed on their own)."""
        inv = self.invoer
        r0, r1 = np.searchsorted(inv.pand, [van, tot])
        waarden: dict[str, Any] = {"invoer": inv.panden(van, tot)}
        for veld in fields(self):
            x = getattr(self, veld.name)
            if veld.name == "invoer":
                continue
            if isinstance(x, dict):
                waarden[veld.name] = {k: v[van:tot] for k, v in x.items()}
            else:  # per functie row ("f_…") or per pand
                waarden[veld.name] = x[r0:r1] if veld.name.startswith("f_") else x[van:tot]
        return Uitkomst(**waarden)

    # The matrices per year below are built when an output asks for them (Excel, the
    # kasstromen and exploitatie tables, the fund ledgers), not by the core: at portfolio
    # scale each is tens of MB. They are computed with the same operations in the same
    # order as the numbers above were, so they agree with them to the bit.
    @cached_property
    def bouwprofiel(self) -> Array:
        """(P, J) nominal € spent per € of bouwkosten at prijspeil (METHODE §3)."""
        return bouwprofiel(self.invoer)

    @cached_property
    def disconteringsfactor(self) -> Array:
        """(P, J) discount factor per pand and year (a read-only broadcast view when all
        panden share one rate)."""
        inv = self.invoer
        d = disconteringsfactoren(inv.disconteringsvoet, inv.jaren, inv.midden_jaar)
        return np.broadcast_to(d, (inv.aantal_panden, inv.jaren))

    @cached_property
    def kasstroom(self) -> dict[str, Array]:
        """Post → (P, J) nominal project cash flow (costs negative), METHODE §5."""
        per_jaar = _kasstroom_per_post(
            self.invoer, self.kasstroom_posten, self.bouwprofiel, self.nominaal, None
        )
        # pand-major like every (P, J) matrix: sums along the years then run as elsewhere
        return {post: np.ascontiguousarray(stroom.T) for post, stroom in per_jaar}

    @cached_property
    def kasstroom_totaal(self) -> Array:
        """(P, J) the project cash flow: the posts added in KASSTROOMPOSTEN order."""
        return _optellen(self.kasstroom.values())

    @cached_property
    def kasstroom_totalen(self) -> dict[str, Array]:
        """Post → nominal total, and ``kasstroom``: Σ_t of the total cash flow."""
        return {**self.kasstroom_posten, "kasstroom": self.kasstroom_totaal.sum(axis=-1)}

    @cached_property
    def kasstroom_contant(self) -> dict[str, Array]:
        """Post → its present value at peildatum (€)."""
        d = self.disconteringsfactor
        return {post: (stroom * d).sum(axis=-1) for post, stroom in self.kasstroom.items()}

    @cached_property
    def _exploitatie(self) -> tuple[Array, Array, Array]:
        return exploitatie(self.invoer)

    @property
    def bruto_huur(self) -> Array:
        """(F, J) bruto huur per functie row and year (€)."""
        return self._exploitatie[0]

    @property
    def exploitatielasten(self) -> Array:
        """(F, J) exploitatielasten per functie row and year (€)."""
        return self._exploitatie[1]

    @property
    def noi(self) -> Array:
        """(F, J) netto exploitatiekasstroom per functie row and year (€)."""
        return self._exploitatie[2]


#: Results of Uitkomst computed on request (properties, not fields), by name.
OP_VERZOEK = tuple(
    naam
    for naam, waarde in vars(Uitkomst).items()
    if isinstance(waarde, cached_property | property) and not naam.startswith("_")
)


def _kasstroom_per_post(
    inv: Invoer, posten: dict[str, Array], profiel: Array, nominaal: Array, jaren: int | None
) -> Iterator[tuple[str, Array]]:
    """Post → year-major (jaren, P) nominal cash flow: inbreng and verwerving in year s,
    the costs that follow B spread like the bouwprofiel (`nominaal` = Σ_t profiel), EW in
    year o. `jaren` limits the years (None: the whole horizon); each entry is computed
    the same way either way. Year-major, so that every operation runs along the long
    pand axis (a project has few years, a portfolio many panden); one post at a time, in
    KASSTROOMPOSTEN order, so that a sum need not keep them all.
    """
    j = inv.jaren if jaren is None else jaren
    spreiding = np.ascontiguousarray(profiel[:, :j].T) / nominaal
    in_start, in_oplevering = eenheid_in_jaar(inv.start, j), eenheid_in_jaar(inv.oplevering, j)
    verdeling = {
        "inbreng": in_start,
        "verwervingskosten": in_start,
        "exploitatiewaarde": in_oplevering,
    }
    for post in KASSTROOMPOSTEN:
        yield post, posten[post] * verdeling.get(post, spreiding)


def _optellen(stromen: Iterable[Array]) -> Array:
    """Σ of the posts' matrices, added one after another (KASSTROOMPOSTEN order)."""
    reeks = iter(stromen)
    totaal = next(reeks) + next(reeks)
    for stroom in reeks:
        totaal += stroom
    return totaal


def _jaren_met_stromen(inv: Invoer, posten: dict[str, Array]) -> int:
    """Number of leading years that hold every non-zero entry of the project cash flow:
    through the last year with a building share, an inbreng or an oplevering. Later
    years only add zeros (the whole horizon if an amount is not finite: NaN·0 is NaN)."""
    if not all(np.isfinite(x).all() for x in posten.values()):
        return inv.jaren
    bouw = np.flatnonzero(inv.verdeling.any(axis=0))
    laatste = max(int(inv.oplevering.max(initial=0)), int(bouw[-1]) if bouw.size else 0)
    return min(inv.jaren, laatste + 1)


def bereken_invoer(inv: Invoer, opties: Rekenopties | None = None) -> Uitkomst:
    """Run METHODE §1–5 for all panden.

    Panden are independent in §1–5, so a large portfolio is computed in blocks of
    ``opties.blok`` panden on the machine's cores (:mod:`.blokken`); every number is the
    same as in one pass over all panden. The IRR runs last, over all panden, on the total
    cash flow through the last year with a flow. `opties` None: :data:`blokken.STANDAARD`.
    """
    opties = STANDAARD if opties is None else opties
    delen = per_blok(inv, _bereken_blok, opties)
    velden = samenvoegen([v for v, _ in delen], opties)
    per_jaar = naast_elkaar([x for _, x in delen])
    irr_waarde, irr_reden = irr(per_jaar.T, inv.midden_jaar, opties=opties)
    return Uitkomst(invoer=inv, irr=irr_waarde, irr_reden=irr_reden, **velden)


def _bereken_blok(inv: Invoer) -> tuple[dict[str, Any], Array]:
    """§1–5 for the panden of `inv` except the IRR: the Uitkomst fields, and the total
    project cash flow through the last year with a flow, year-major (≤ J, P)."""
    p = inv.pand
    seg = inv.segmenten
    s, o = inv.start, inv.oplevering

    def per_pand(x: Array) -> Array:
        return np.add.reduceat(x, seg)

    # §1 time
    d = disconteringsfactoren(inv.disconteringsvoet, inv.jaren, inv.midden_jaar)  # (P|1, J)
    profiel = bouwprofiel(inv)
    nominaal = profiel.sum(axis=-1)
    pi = (profiel * d).sum(axis=-1) / nominaal
    disc = Discontering(op_jaar(d, s), op_jaar(d, o), pi, p)
    grondfactor = np.power(1.0 + inv.index_grond, s.astype(np.float64))

    # §3 building costs per functie
    bvo_pand = per_pand(inv.bvo)
    kosten = bouwkosten(inv, nominaal, bvo_pand)

    # §2 + §5 value and NCW per functie
    voet_v, voet_ew = voeten(inv)
    rek = FunctieRekening(inv, kosten, inv.bvo / bvo_pand[p], voet_v, voet_ew, grondfactor)
    w_basis, w_dubbel = rek.waarden(inv.prijs), rek.waarden(2.0 * inv.prijs)
    f = rek.ncw(w_basis, inv.inbrengwaarde, disc)

    # §4 static residual per pand
    opbrengst = per_pand(f.opbrengst)
    g = per_pand(kosten.bouw_en_bijkomend)
    bouwsom = per_pand(kosten.bouwsom)
    rente = rentefactor(inv, profiel)
    financiering = bouwsom * rente
    c = bouwsom + financiering
    rg = residuele_grondwaarde(inv, opbrengst, g, c, inv.ak, inv.wr)
    ak_rg, wr_rg = opslagen(inv, g, c, opbrengst, rg, inv.ak, inv.wr)
    inbreng = inv.inbrengwaarde * grondfactor
    verwerving = inv.verwervingskosten * inv.verwerving * inbreng
    rg_peildatum = rg * disc.oplevering

    # §5 DCF view per pand
    ncw = per_pand(f.ncw)
    ew = per_pand(f.exploitatiewaarde)
    ak_k, wr_k = per_pand(f.algemene_kosten), per_pand(f.winst_en_risico)
    posten = {
        "inbreng": -inbreng,
        "verwervingskosten": -verwerving,
        "bouwkosten": -per_pand(kosten.bouwkosten),
        "bijkomende_kosten": -per_pand(kosten.bijkomende_kosten),
        "onvoorzien": -per_pand(kosten.onvoorzien),
        "btw": -per_pand(kosten.btw),
        "algemene_kosten": -ak_k,
        "winst_en_risico": -wr_k,
        "exploitatiewaarde": ew,
    }
    # The IRR needs the total cash flow only through the last year that holds a flow
    # (later years are zero); the full matrices per post are built on request (Uitkomst).
    voor = _jaren_met_stromen(inv, posten)
    stroom = _optellen(x for _, x in _kasstroom_per_post(inv, posten, profiel, nominaal, voor))

    # §5 goal seeks
    prijs_nul = kostprijsdekkende_prijs(rek, f, w_dubbel, inv.inbrengwaarde, disc)
    ander = np.maximum(inv.inbrengwaarde, 1.0)
    ncw_hoger = per_pand(rek.ncw(w_basis, inv.inbrengwaarde + ander, disc).ncw)
    # at the rendementseis; most partijen require their own disconteringsvoet, and for
    # their panden these are the same numbers as above, so only the others are computed
    anders = np.flatnonzero(inv.rendementseis != inv.disconteringsvoet)
    eis_start, eis_oplevering, eis_bouw = disc.start.copy(), disc.oplevering.copy(), pi.copy()
    if anders.size:
        d_eis = disconteringsfactoren(inv.rendementseis[anders], inv.jaren, inv.midden_jaar)
        eis_start[anders] = op_jaar(d_eis, s[anders])
        eis_oplevering[anders] = op_jaar(d_eis, o[anders])
        eis_bouw[anders] = (profiel[anders] * d_eis).sum(-1) / nominaal[anders]
    disc_eis = Discontering(eis_start, eis_oplevering, eis_bouw, p)

    velden = dict(
        opbrengst=opbrengst,
        inbreng=inbreng,
        verwervingskosten=verwerving,
        bouwkosten=per_pand(kosten.bouwkosten),
        bijkomende_kosten=per_pand(kosten.bijkomende_kosten),
        onvoorzien=per_pand(kosten.onvoorzien),
        btw=per_pand(kosten.btw),
        financieringskosten=financiering,
        algemene_kosten=ak_rg,
        winst_en_risico=wr_rg,
        stichtingskosten=inbreng + verwerving + c + ak_rg + wr_rg,
        rg_oplevering=rg,
        rg_peildatum=rg_peildatum,
        exploitatiewaarde=ew,
        ncw=ncw,
        rg_dcf=ncw + (inbreng + verwerving) * disc.start,
        max_inbrengwaarde=lineaire_oplossing(
            inv.inbrengwaarde, ncw, inv.inbrengwaarde + ander, ncw_hoger
        ),
        huurfactor_rendementseis=huurfactor(
            rek, w_basis, w_dubbel, inv.inbrengwaarde, disc_eis, seg
        ),
        nominaal=nominaal,
        pi=pi,
        d_start=disc.start,
        d_oplevering=disc.oplevering,
        rentefactor=rente,
        bouwsom=bouwsom,
        kasstroom_posten=posten,
        f_opbrengst=f.opbrengst,
        f_exploitatiewaarde=f.exploitatiewaarde,
        f_bouwkosten=kosten.bouwkosten,
        f_bijkomende_kosten=kosten.bijkomende_kosten,
        f_onvoorzien=kosten.onvoorzien,
        f_btw=kosten.btw,
        f_inbreng=f.inbreng,
        f_verwervingskosten=f.verwervingskosten,
        f_algemene_kosten=f.algemene_kosten,
        f_winst_en_risico=f.winst_en_risico,
        f_ncw=f.ncw,
        f_kostprijsdekkende_prijs=prijs_nul,
        f_break_even_rendement=break_even_rendement(rek, f, prijs_nul),
    )
    return velden, stroom
