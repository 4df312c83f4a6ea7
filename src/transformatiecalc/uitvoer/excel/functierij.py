"""One programme line of the Functies sheet while it is written: its cells, its numbers and
the formulas every block of the row builds on (METHODE §2 and §2a).

:class:`Functierij` names the row's cells (``F``: a column of this row, ``U``: the functie's
input on Uitgangspunten, ``R``: the pand's row on Residuele waarde) and builds the shared
formulas: the rent index, the years to oplevering, the valuation at a rate and the legal
maximum rent. :class:`PerEuro` holds the engine's values of the goal seeks' steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

from ...engine.huurrecht.tabellen import (
    NIEUWBOUW_OPLEVERING_VANAF,
    NIEUWBOUW_OPSLAG,
    NIEUWBOUW_START_VOOR,
)
from ...engine.invoer import BAR, DCF, NAR, AkGrondslag, Array, WrGrondslag
from ...engine.opbrengst import programmawaarde
from ...resultaat import Resultaat
from .blad import Blad
from .rekenbladen import EERSTE, FUN_I, FUNCTIES, NOTATIE, Indeling, schrijf_formule
from .uitgangspunten import Invoercellen


class PerEuro(NamedTuple):
    """Per functie row, what one euro more of price (rent or v.o.n. price, prijspeil) adds:
    to V, to EW, to AK + W&R of the cash flow, and to the NCW. The cached values of the
    goal-seek steps on Functies; the engine's own two-point slopes (METHODE §5)."""

    opbrengst: Array
    exploitatiewaarde: Array
    opslagen: Array
    ncw: Array

    @staticmethod
    def van(res: Resultaat) -> PerEuro:
        u, inv = res.uitkomst, res.uitkomst.invoer
        prog = programmawaarde(inv)
        dv = (prog.dubbel.opbrengst - prog.basis.opbrengst) / inv.prijs
        dew = (prog.dubbel.exploitatiewaarde - prog.basis.exploitatiewaarde) / inv.prijs
        p = inv.pand
        ak = inv.ak[p] * (dv if inv.ak_grondslag == AkGrondslag.OPBRENGST else 0.0)
        kosten = inv.wr_grondslag == WrGrondslag.KOSTEN
        opslagen = ak * (1.0 + (inv.wr[p] if kosten else 0.0)) + (0.0 if kosten else inv.wr[p] * dv)
        ncw = dew * u.d_oplevering[p] - opslagen * u.pi[p]
        return PerEuro(dv, dew, opslagen, ncw)


@dataclass(frozen=True)
class Functierij:
    """One programme line while Functies is written: its cells and its numbers."""

    b: Blad
    res: Resultaat
    cellen: Invoercellen
    ind: Indeling
    per_euro: PerEuro
    f: int  # functie row index
    p: int  # pand index
    j: int  # regel index within the pand

    functie: str  # its key in functies
    soort: int  # Soort code
    methode: int  # Methode code

    @property
    def rij(self) -> int:
        return EERSTE + self.f

    def F(self, kolom: str) -> str:
        return self.ind.fun(self.f, kolom, blad=False)

    def U(self, kop: str) -> str:
        return self.cellen.functie[(self.functie, kop)]

    def R(self, kolom: str) -> str:
        return self.ind.res(self.p, kolom)

    @property
    def ih(self) -> str:
        """The row's yearly rent index: index_huur, or for a row with WWS points (METHODE
        §2a) MIN(its segment's index, the legal cap); the cap and a segment's own index are
        the engine's values (locked on Uitgangspunten)."""
        wet = self.res.scenario.huurrecht
        if wet is None or not wet.getoetst[self.f]:
            return "index_huur"
        eigen = self.res.scenario.markt.indexatie.huur_per_segment
        seg = wet.segment_naam(self.f)
        waarde = None if eigen is None else getattr(eigen, seg)
        gewenst = "index_huur" if waarde is None else repr(float(waarde))
        return f"MIN({gewenst},{float(wet.plafond[self.f])!r})"

    def schrijf(self, k: str, formule: str, waarde: Any) -> None:
        schrijf_formule(self.b, self.rij, FUN_I, NOTATIE[FUNCTIES], k, formule, waarde)

    @property
    def tijd(self) -> str:
        """Years from prijspeil to oplevering: the exponent of the indexation to year o."""
        return f"({self.F('o')}+startjaar-prijspeil)"

    def per_prijs(self, netto: bool) -> str:
        """Bruto (or netto) huur in year o per euro of price (rent rows)."""
        uit = f"{self.F('eenheden')}*(1+{self.ih})^{self.tijd}"
        return f"{uit}*(1-{self.U('leegstand')}-{self.U('lasten % huur')})" if netto else uit

    def waardering(self, voet: str, *, bruto: str, netto: str, vast: str, prijs: str) -> str:
        """§2: the value of the row at rate `voet` (DCF) for this bruto and netto huur, vaste
        lasten and price; with the huur per euro of price, vast "0" and prijs "1" it is the
        value per euro of price (V and EW are affine in the price)."""
        F, U = self.F, self.U
        if self.methode == BAR:
            return f"={bruto}/{U('BAR')}*{F('kk')}"
        if self.methode == NAR:
            return f"=({netto}-{vast})/{U('NAR')}*{F('kk')}"
        if self.methode == DCF:
            return _dcf(voet, netto, vast, F("kk"), U("DCF-termijn"), U("exit yield"), self.ih)
        return (
            f"={prijs}*{F('woningen')}*(1+index_verkoopprijzen)^{self.tijd}/(1+btw)"
            f"*(1-{U('verkoopkosten')})"
        )

    def wws_opslag(self) -> str:
        """The Bhw art. 8a surcharge of the row (METHODE §2a) as a formula of its pand's start
        and bouwtijd: the monument part (an engine value) + 10 % for middenhuur whose
        transformation starts before 2028 and is first let from 2025."""
        wet = self.res.scenario.huurrecht
        assert wet is not None
        monument = repr(float(wet.monument_opslag[self.f]))
        if wet.segment_naam(self.f) != "midden" or self.res.scenario.panden[self.p].huidig.wonen:
            return monument  # no +10 %: not middenhuur, or no conversion to wonen
        start, bouwtijd = (
            self.cellen.pand[(self.p, "start")],
            self.cellen.pand[(self.p, "bouwtijd")],
        )
        return (
            f"{monument}+IF(AND({start}<{NIEUWBOUW_START_VOOR},{start}+{bouwtijd}>="
            f"{NIEUWBOUW_OPLEVERING_VANAF}),{NIEUWBOUW_OPSLAG!r},0)"
        )

    def maximale_huur(self) -> str:
        """The legal maximum rent of the row (METHODE §2a): T + ROUND(T × opslag, 2), with T
        the table value of its WWS points (an engine value) and the surcharge of
        :meth:`wws_opslag`."""
        wet = self.res.scenario.huurrecht
        assert wet is not None
        kaal = repr(float(wet.kale_maximale_huur[self.f]))
        return f"({kaal}+ROUND({kaal}*({self.wws_opslag()}),2))"


def _dcf(
    r: str, netto: str, vast: str, kk: str, termijn: str, exit_yield: str, ih: str = "index_huur"
) -> str:
    """METHODE §2 dcf: (E·A(g_h) − X·A(g_e))·m + [NOI_{N+1}/exit_yield·kk]·(1+r)^−N, with
    A(g) = Σ_{k=1..N} (1+g)^(k−1)(1+r)^−k = (1 − ((1+g)/(1+r))^N)/(r − g) and m = (1+r)^½
    for midden_jaar."""

    def annuiteit(g: str) -> str:
        return f"IF(ABS({g}-{r})<1E-12,{termijn}/(1+{r}),(1-((1+{g})/(1+{r}))^{termijn})/({r}-{g}))"

    return (
        f"=({netto}*{annuiteit(ih)}-{vast}*{annuiteit('index_exploitatielasten')})"
        f'*IF(disconteringsmoment="midden_jaar",(1+{r})^0.5,1)'
        f"+IF(ISNUMBER({exit_yield}),({netto}*(1+{ih})^{termijn}"
        f"-{vast}*(1+index_exploitatielasten)^{termijn})/{exit_yield}*{kk},0)*(1+{r})^(-{termijn})"
    )
