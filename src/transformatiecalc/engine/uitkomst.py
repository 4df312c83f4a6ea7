"""Every number of the core (METHODE §1–5), grouped by the § of docs/methode.md.

:class:`Uitkomst` holds what :func:`.rekenkern.bereken_invoer` computes as fields, and
what follows from those fields by one elementwise step, or the matrices per year that an
output asks for, as properties computed on request with the same operations (so with the
same numbers). Each field declares its axis (:mod:`.assen`): names starting with ``f_``
are per functie row (F,), the others per pand (P,); the properties per pand and year
(P, J) or per functie row and year (F, J) where said.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from .assen import FUNCTIE, PAND, snijd
from .invoer import Array, Invoer, Methode
from .kasstroom import kasstroom_per_post, optellen
from .opbrengst import (
    Exploitatie,
    HuurBijOplevering,
    Voeten,
    Waardering,
    exploitatie,
    kosten_koper_factor,
    voeten,
)
from .residueel import afwaardering
from .tijd import bouwprofiel, disconteringsfactoren


@dataclass(frozen=True)
class Uitkomst:
    """Every number the engine produces, as arrays (€ nominal unless said otherwise)."""

    invoer: Invoer
    # --- §1 tijd: discounting and the building profile, per pand
    d_start: Array = field(metadata=PAND)  # discount factor of year s
    d_oplevering: Array = field(metadata=PAND)  # discount factor of year o
    # Σ_t bouwprofiel: nominal € per € of bouwkosten at prijspeil
    nominaal: Array = field(metadata=PAND)
    # Σ_t bouwprofiel·d_t / nominaal: PV of a nominal € spent like B
    pi: Array = field(metadata=PAND)
    # --- §2 opbrengst: the value of the programme at oplevering
    opbrengst: Array = field(metadata=PAND)  # V per pand
    f_opbrengst: Array = field(metadata=FUNCTIE)  # V per functie row
    f_exploitatiewaarde: Array = field(metadata=FUNCTIE)  # EW per functie row
    # --- §3 stichtingskosten, per pand
    inbreng: Array = field(metadata=PAND)  # inbrengwaarde indexed to year s
    verwervingskosten: Array = field(metadata=PAND)
    bouwkosten: Array = field(metadata=PAND)
    bijkomende_kosten: Array = field(metadata=PAND)
    onvoorzien: Array = field(metadata=PAND)
    btw: Array = field(metadata=PAND)
    bouwsom: Array = field(metadata=PAND)  # BS = B + BK + onvoorzien + BTW
    rentefactor: Array = field(metadata=PAND)  # financieringskosten per € of bouwsom (rente_model)
    financieringskosten: Array = field(metadata=PAND)
    # --- §3 stichtingskosten, per functie row
    f_bouwkosten: Array = field(metadata=FUNCTIE)
    f_bijkomende_kosten: Array = field(metadata=FUNCTIE)
    f_onvoorzien: Array = field(metadata=FUNCTIE)
    f_btw: Array = field(metadata=FUNCTIE)
    # --- §4 the static residual, per pand
    algemene_kosten: Array = field(metadata=PAND)  # AK of the residual (grond = RG)
    winst_en_risico: Array = field(metadata=PAND)  # W&R of the residual
    stichtingskosten: Array = field(metadata=PAND)  # inbreng + verwerving + the residual's posts
    rg_oplevering: Array = field(metadata=PAND)
    rg_peildatum: Array = field(metadata=PAND)  # € at peildatum
    # --- §5 the DCF view per pand; values at peildatum
    exploitatiewaarde: Array = field(metadata=PAND)  # nominal at oplevering
    # post → nominal total of the project cash flow (costs < 0)
    kasstroom_posten: dict[str, Array] = field(metadata=PAND)
    ncw: Array = field(metadata=PAND)
    rg_dcf: Array = field(metadata=PAND)
    irr: Array = field(metadata=PAND)
    irr_reden: NDArray[np.int64] = field(metadata=PAND)  # kasstroom.IrrReden codes
    # € peildatum (same basis as the input inbrengwaarde)
    max_inbrengwaarde: Array = field(metadata=PAND)
    huurfactor_rendementseis: Array = field(metadata=PAND)
    # --- §5 ORT per functie row and the goal seeks
    f_inbreng: Array = field(metadata=FUNCTIE)
    f_verwervingskosten: Array = field(metadata=FUNCTIE)
    f_algemene_kosten: Array = field(metadata=FUNCTIE)  # AK of the cash-flow view (grond = inbreng)
    f_winst_en_risico: Array = field(metadata=FUNCTIE)
    f_ncw: Array = field(metadata=FUNCTIE)
    f_kostprijsdekkende_prijs: Array = field(metadata=FUNCTIE)
    f_break_even_rendement: Array = field(metadata=FUNCTIE)

    def panden(self, van: int, tot: int) -> Uitkomst:
        """The results of panden van … tot−1 alone (as if computed on their own)."""
        inv = self.invoer
        r0, r1 = np.searchsorted(inv.pand, [van, tot])
        waarden = snijd(self, (van, tot), (int(r0), int(r1)), sla_over="invoer")
        return Uitkomst(invoer=inv.panden(van, tot), **waarden)

    # Results that follow from the fields above (or from the input) by one elementwise
    # step: computed when asked, with the same operations, so the same numbers. Not
    # storing them keeps the core's output (and the fresh memory it must touch) smaller.
    # The matrices per year are built when an output asks for them (Excel, the kasstromen
    # and exploitatie tables, the fund ledgers), not by the core: at portfolio scale each
    # is tens of MB. They agree with the numbers above to the bit.

    # --- §1 on request
    @cached_property
    def bouwprofiel(self) -> Array:
        """(P, J) nominal € spent per € of bouwkosten at prijspeil (METHODE §1, §3)."""
        return bouwprofiel(self.invoer)

    @cached_property
    def disconteringsfactor(self) -> Array:
        """(P, J) discount factor per pand and year (a read-only broadcast view when all
        panden share one rate)."""
        inv = self.invoer
        d = disconteringsfactoren(inv.disconteringsvoet, inv.jaren, inv.midden_jaar)
        return np.broadcast_to(d, (inv.aantal_panden, inv.jaren))

    # --- §2 on request
    @cached_property
    def woningen(self) -> Array:
        """Dwellings per pand."""
        return np.add.reduceat(self.invoer.woningen, self.invoer.segmenten)

    @cached_property
    def bvo(self) -> Array:
        """m² BVO per pand."""
        return np.add.reduceat(self.invoer.bvo, self.invoer.segmenten)

    @cached_property
    def _voeten(self) -> Voeten:
        return voeten(self.invoer)

    @property
    def f_voet_exploitatiewaarde(self) -> Array:
        """Rate passed to the valuation of EW (every row, fraction)."""
        return self._voeten.exploitatiewaarde

    @property
    def f_voet_opbrengst(self) -> Array:
        """Rate passed to the valuation of V (every row, fraction)."""
        return self._voeten.opbrengst

    @cached_property
    def f_waarderingsvoet(self) -> Array:
        """DCF rate used for EW, dcf rows only (fraction; NaN otherwise)."""
        return np.where(self.invoer.methode == Methode.DCF, self.f_voet_exploitatiewaarde, np.nan)

    @cached_property
    def f_kk_factor(self) -> Array:
        """v.o.n. → k.k. factor of the row's kosten koper."""
        return kosten_koper_factor(self.invoer.kosten_koper, self.invoer.kk_delen)

    @cached_property
    def _bij_oplevering(self) -> HuurBijOplevering:
        return Waardering(self.invoer, self.f_voet_opbrengst).huur_bij_oplevering(self.invoer.prijs)

    @property
    def f_bruto_oplevering(self) -> Array:
        """Bruto huur in year o (€/year)."""
        return self._bij_oplevering.bruto

    @property
    def f_netto_huur(self) -> Array:
        """Bruto · (1 − leegstand − %lasten) in year o (€/year)."""
        return self._bij_oplevering.netto

    @property
    def f_vaste_lasten(self) -> Array:
        """Fixed exploitatielasten in year o (€/year)."""
        return self._bij_oplevering.vaste_lasten

    @cached_property
    def _exploitatie(self) -> Exploitatie:
        return exploitatie(self.invoer)

    @property
    def bruto_huur(self) -> Array:
        """(F, J) bruto huur per functie row and year (€)."""
        return self._exploitatie.bruto_huur

    @property
    def exploitatielasten(self) -> Array:
        """(F, J) exploitatielasten per functie row and year (€)."""
        return self._exploitatie.lasten

    @property
    def noi(self) -> Array:
        """(F, J) netto exploitatiekasstroom per functie row and year (€)."""
        return self._exploitatie.noi

    # --- §4 on request
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

    # --- §5 on request
    @cached_property
    def onrendabele_top(self) -> Array:
        """ORT = −NCW per pand (€ peildatum)."""
        return -self.ncw

    @cached_property
    def subsidie_sluitend(self) -> Array:
        """The subsidy that closes the gap, nominal, paid in year s (€)."""
        return np.maximum(-self.ncw, 0.0) / self.d_start

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
    def kasstroom(self) -> dict[str, Array]:
        """Post → (P, J) nominal project cash flow (costs negative), METHODE §5."""
        per_jaar = kasstroom_per_post(
            self.invoer, self.kasstroom_posten, self.bouwprofiel, self.nominaal, None
        )
        # pand-major like every (P, J) matrix: sums along the years then run as elsewhere
        return {post: np.ascontiguousarray(stroom.T) for post, stroom in per_jaar}

    @cached_property
    def kasstroom_totaal(self) -> Array:
        """(P, J) the project cash flow: the posts added in KASSTROOMPOSTEN order."""
        return optellen(self.kasstroom.values())

    @cached_property
    def kasstroom_totalen(self) -> dict[str, Array]:
        """Post → nominal total, and ``kasstroom``: Σ_t of the total cash flow."""
        return {**self.kasstroom_posten, "kasstroom": self.kasstroom_totaal.sum(axis=-1)}

    @cached_property
    def kasstroom_contant(self) -> dict[str, Array]:
        """Post → its present value at peildatum (€)."""
        d = self.disconteringsfactor
        return {post: (stroom * d).sum(axis=-1) for post, stroom in self.kasstroom.items()}


#: Results of Uitkomst computed on request (properties, not fields), by name.
OP_VERZOEK = tuple(
    naam
    for naam, waarde in vars(Uitkomst).items()
    if isinstance(waarde, cached_property | property) and not naam.startswith("_")
)
