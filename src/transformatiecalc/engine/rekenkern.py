"""The calculation core: Invoer → Uitkomst, METHODE §1–5 in the order of docs/methode.md.

One function per §, each in the module of its §, each returning a small named result:

    §1 tijd.tijdlijn                    → Tijdlijn          discounting, bouwprofiel
    §2 opbrengst.programmawaarde        → Programmawaarde   V and EW per functie
    §3 kosten.stichtingskosten          → Stichtingskosten  B, BK, onvoorzien, BTW, F, inbreng
    §4 residueel.residueel              → Residueel         RG, AK, W&R, SK
    §5 onrendabel.onrendabele_top       → Onrendabel        NCW, ORT, kasstroom, goal seeks
    §5 kasstroom.irr                    → Irr               over all panden, last

§1–4 and most of §5 run per block of panden (:mod:`.blokken`, the runner; panden are
independent there); the IRR runs once over all panden at the end, so that its Newton steps
are split over the cores. The results land in :class:`.uitkomst.Uitkomst`.
"""

from __future__ import annotations

from typing import Any

from .blokken import STANDAARD, Rekenopties, naast_elkaar, per_blok, samenvoegen
from .invoer import Array, Invoer
from .kasstroom import KASSTROOMPOSTEN, irr
from .kosten import Stichtingskosten, stichtingskosten
from .onrendabel import Onrendabel, onrendabele_top
from .opbrengst import Programmawaarde, programmawaarde
from .residueel import Residueel, residueel
from .tijd import Tijdlijn, tijdlijn
from .uitkomst import OP_VERZOEK, Uitkomst

# Uitkomst, OP_VERZOEK and KASSTROOMPOSTEN were defined here before issue #17; their import
# path from this module is kept (analyse/reeks.py, engine/portefeuille.py import Uitkomst).
__all__ = ["KASSTROOMPOSTEN", "OP_VERZOEK", "Rekenopties", "Uitkomst", "bereken_invoer"]


def bereken_invoer(inv: Invoer, opties: Rekenopties | None = None) -> Uitkomst:
    """Run METHODE §1–5 for all panden.

    Panden are independent in §1–5, so a large portfolio is computed in blocks of
    ``opties.blok`` panden on the machine's cores (:mod:`.blokken`); every number is the
    same as in one pass over all panden. The IRR runs last, over all panden, on the total
    cash flow through the last year with a flow. `opties` None: :data:`.blokken.STANDAARD`.
    """
    opties = STANDAARD if opties is None else opties
    delen = per_blok(inv, _paragrafen, opties)
    velden = samenvoegen([v for v, _ in delen], opties)
    per_jaar = naast_elkaar([stroom for _, stroom in delen])
    irr_waarde, irr_reden = irr(per_jaar.T, inv.midden_jaar, opties=opties)  # §5 IRR
    return Uitkomst(invoer=inv, irr=irr_waarde, irr_reden=irr_reden, **velden)


def _paragrafen(inv: Invoer) -> tuple[dict[str, Any], Array]:
    """§1–5 for the panden of `inv` except the IRR: the Uitkomst fields, and the total
    project cash flow through the last year with a flow, year-major (≤ J, P)."""
    tijd = tijdlijn(inv)  # §1
    programma = programmawaarde(inv)  # §2
    sk = stichtingskosten(inv, tijd)  # §3
    rg = residueel(inv, programma.opbrengst, sk, tijd)  # §4
    ort = onrendabele_top(inv, tijd, programma, sk)  # §5 except the IRR
    return _velden(tijd, programma, sk, rg, ort), ort.stroom


def _velden(
    tijd: Tijdlijn, programma: Programmawaarde, sk: Stichtingskosten, rg: Residueel, ort: Onrendabel
) -> dict[str, Any]:
    """The fields of :class:`.uitkomst.Uitkomst` (but invoer and the IRR), § by §: each
    under its name in the § result, with ``f_`` for the per functie row results."""
    return {
        # §1
        "d_start": tijd.discontering.start,
        "d_oplevering": tijd.discontering.oplevering,
        **_neem(tijd, "", "nominaal", "pi"),
        # §2
        "opbrengst": programma.opbrengst,
        **_neem(programma.basis, "f_", "opbrengst", "exploitatiewaarde"),
        # §3
        **_neem(sk, "", "inbreng", "verwervingskosten", *_BOUWPOSTEN),
        **_neem(sk, "", "bouwsom", "rentefactor", "financieringskosten"),
        **_neem(sk.functie, "f_", *_BOUWPOSTEN),
        # §4
        **_neem(rg, "", "algemene_kosten", "winst_en_risico", "stichtingskosten"),
        **_neem(rg, "", "rg_oplevering", "rg_peildatum"),
        # §5
        **_neem(ort, "", "exploitatiewaarde", "kasstroom_posten", "ncw", "rg_dcf"),
        **_neem(ort, "", "max_inbrengwaarde", "huurfactor_rendementseis"),
        **_neem(ort.functie, "f_", "inbreng", "verwervingskosten", "ncw"),
        **_neem(ort.functie, "f_", "algemene_kosten", "winst_en_risico"),
        **_neem(ort, "f_", "kostprijsdekkende_prijs", "break_even_rendement"),
    }


#: The building cost posts of §3, per pand and per functie row.
_BOUWPOSTEN = ("bouwkosten", "bijkomende_kosten", "onvoorzien", "btw")


def _neem(bron: object, voorvoegsel: str, *namen: str) -> dict[str, Any]:
    """The attributes `namen` of `bron`, keyed by voorvoegsel + name."""
    return {voorvoegsel + naam: getattr(bron, naam) for naam in namen}
