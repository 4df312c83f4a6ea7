"""The project cash flow, its net present value and internal rate of return (METHODE §5).

The project cash flow of a pand is a handful of posts (:data:`KASSTROOMPOSTEN`), each a
nominal total spread over the years in a fixed way (:func:`kasstroom_per_post`).

Cash flows are arrays of shape (..., jaren): money into the holding party positive.
NCW uses the scenario's discounting convention (see ``tijd``); the IRR solves NCW = 0
under the same convention with a vectorised, bracketed Newton iteration (bisection
whenever Newton leaves the bracket), after checking that the flows change sign exactly
once (Descartes: then the root is unique). Rows without a unique IRR get NaN and a
reason code (:class:`IrrReden`) instead of an arbitrary root.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from enum import IntEnum
from typing import NamedTuple

import numpy as np
from numpy.typing import NDArray

from .blokken import STANDAARD, Rekenopties, per_kern, per_stuk, stukken
from .invoer import Array, Invoer
from .tijd import eenheid_in_jaar

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


def kasstroom_per_post(
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


def optellen(stromen: Iterable[Array]) -> Array:
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


def kasstroom_tot_laatste_stroom(
    inv: Invoer, posten: dict[str, Array], profiel: Array, nominaal: Array
) -> Array:
    """The total project cash flow, year-major (≤ J, P), through the last year with a
    flow: what the IRR needs (later years are zero). The full matrices per post are built
    on request (``Uitkomst.kasstroom``), with the same operations."""
    voor = _jaren_met_stromen(inv, posten)
    return optellen(x for _, x in kasstroom_per_post(inv, posten, profiel, nominaal, voor))


class IrrReden(IntEnum):
    """Why a row has no IRR (OK: it has one); the code in ``Uitkomst.irr_reden`` (int64)."""

    OK = 0
    GEEN_WISSELING = 1
    MEERDERE_WISSELINGEN = 2
    BUITEN_BEREIK = 3
    NIET_GECONVERGEERD = 4

    @property
    def tekst(self) -> str | None:
        """The reason in Dutch for the outputs (None for OK)."""
        return IRR_REDENEN[self]


#: Reason text per code (None: the IRR was found); read by code from resultaat/,
#: uitvoer/excel/panden.py and engine/fondsen/afrekening.py.
IRR_REDENEN: dict[int, str | None] = {
    IrrReden.OK: None,
    IrrReden.GEEN_WISSELING: "geen tekenwisseling in de kasstromen (alles ≥ 0 of alles ≤ 0)",
    IrrReden.MEERDERE_WISSELINGEN: (
        "meer dan één tekenwisseling in de kasstromen: de IRR is niet eenduidig"
    ),
    IrrReden.BUITEN_BEREIK: "de IRR ligt buiten het bereik −99,99 % … 10 000 %",
    IrrReden.NIET_GECONVERGEERD: "de IRR-berekening convergeerde niet",
}
IRR_ONDER, IRR_BOVEN = -0.9999, 100.0


def ncw(kasstroom: Array, disconteringsfactor: Array) -> Array:
    """Σ_t CF_t · d_t along the last axis (€ at peildatum)."""
    return np.asarray(np.einsum("...t,...t->...", kasstroom, disconteringsfactor), dtype=np.float64)


def tekenwisselingen(kasstroom: Array) -> NDArray[np.int64]:
    """Number of sign changes per row, ignoring zero flows.

    One pass over the years (the last axis), carrying each row's last non-zero sign:
    a project cash flow has few years, so this beats sorting out the zeros per row.
    """
    cf = np.asarray(kasstroom, dtype=np.float64)
    aantal = np.zeros(cf.shape[:-1], dtype=np.int64)
    vorige = np.zeros(cf.shape[:-1])  # sign of the last non-zero flow so far (0: none yet)
    for t in range(cf.shape[-1]):
        teken = np.sign(cf[..., t])
        nu = np.where(teken != 0, teken, vorige)
        # a carried NaN differs from itself: it counts again in every later year
        aantal += (nu != vorige) & (vorige != 0) & (nu != 0)
        vorige = nu
    return aantal


def _waarde_en_helling(c: Array, r: Array, delta: float) -> tuple[Array, Array]:
    """f(r) = c_0 + (1+r)^δ · Σ_{t≥1} c_t (1+r)^−t and df/dr, for columns c[t] of shape (T, N).

    Horner's rule in v = 1/(1+r) gives S(v) = Σ c_t v^t and S'(v); δ = ½ for mid-year
    discounting (every t ≥ 1 shifted half a year earlier), 0 otherwise.
    """
    v = 1.0 / (1.0 + r)
    s = c[-1].copy()
    ds = np.zeros_like(s)
    for k in range(c.shape[0] - 2, -1, -1):
        # in place (each operation rounds once either way): no new arrays per step
        ds *= v
        ds += s
        s *= v
        s += c[k]
    if delta == 0.0:
        return s, -ds * v * v
    rest = s - c[0]
    m = np.power(v, -delta)
    f = c[0] + m * rest
    dfdv = -delta * m / v * rest + m * ds
    return f, -dfdv * v * v


def _newton(
    c: Array,
    r: Array,
    onder: Array,
    boven: Array,
    klaar: NDArray[np.bool_],
    delta: float,
    tol: float,
    max_iter: int,
) -> None:
    """Bracketed Newton on the columns of `c` (T, N), updating `r` and `klaar` in place.

    Iterates on the unfinished rows only. Every step is elementwise per row, so a row's
    iterates are the same whether or not the finished rows (or other chunks of rows) are
    carried along; most rows converge in 5–8 steps, a few need 40.
    """
    # numpy's error state is per thread: set it here, where the chunk runs
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        actief = np.flatnonzero(~klaar)
        ca, ra, oa, ba = c[:, actief], r[actief], onder[actief], boven[actief]
        for _ in range(max_iter):
            if actief.size == 0:
                break
            f, df = _waarde_en_helling(ca, ra, delta)
            positief = f > 0  # root lies above r
            oa = np.where(positief, ra, oa)
            ba = np.where(positief, ba, ra)
            stap = f / df
            nieuw = ra - stap
            geconvergeerd = np.abs(stap) <= tol * (1.0 + np.abs(ra))
            # accept a small Newton step before any bisection: floating-point noise in f
            # near the root must not trigger a bisection (tests/test_kasstroom.py,
            # test_irr_veel_rijen_geen_ruis_bij_de_wortel)
            buiten = ~geconvergeerd & (~np.isfinite(nieuw) | (nieuw <= oa) | (nieuw >= ba))
            ra = np.where(buiten, 0.5 * (oa + ba), nieuw)
            r[actief] = ra
            af = geconvergeerd | (ba - oa <= tol * (1.0 + np.abs(ra)))
            if af.any():
                klaar[actief[af]] = True
                blijft = ~af
                actief, ca, ra, oa, ba = (
                    actief[blijft],
                    ca[:, blijft],
                    ra[blijft],
                    oa[blijft],
                    ba[blijft],
                )


def _los_op(
    c: Array, delta: float, tol: float, max_iter: int, opties: Rekenopties
) -> tuple[Array, NDArray[np.bool_], NDArray[np.bool_]]:
    """Roots of the columns of `c` (T, N), each starting negative with one sign change:
    r per column, whether the root lies in the bracket, and whether it was found (|NCW|
    small against the flows). Large sets of columns are split over the threads."""
    n = c.shape[1]
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        onder = np.full(n, IRR_ONDER)
        boven = np.full(n, IRR_BOVEN)
        f_onder, _ = _waarde_en_helling(c, onder, delta)
        f_boven, _ = _waarde_en_helling(c, boven, delta)
        binnen = (f_onder > 0) & (f_boven < 0)
        r = np.where(binnen, 0.05, np.nan)
        klaar = ~binnen

        def newton(deel: tuple[int, int]) -> None:
            van, tot = deel
            _newton(
                c[:, van:tot],
                r[van:tot],
                onder[van:tot],
                boven[van:tot],
                klaar[van:tot],
                delta,
                tol,
                max_iter,
            )

        # rows are independent: large sets are split over the cores (one chunk per core)
        delen = per_kern(n, opties) if n >= 2 * opties.blok else stukken(n, n)
        per_stuk(newton, delen, opties)
        f, _ = _waarde_en_helling(c, r, delta)
        schaal = np.abs(c).sum(axis=0) * np.maximum(1.0, np.power(1.0 / (1.0 + r), c.shape[0]))
        goed = binnen & klaar & (np.abs(f) <= 1e-8 * schaal)
    return r, binnen, goed


class Irr(NamedTuple):
    """IRR per row (fraction per year; NaN without a unique root) and its reason code."""

    waarde: Array
    reden: NDArray[np.int64]  # IrrReden codes


def irr(
    kasstroom: Array,
    midden_jaar: bool = False,
    tol: float = 1e-12,
    max_iter: int = 200,
    opties: Rekenopties = STANDAARD,
) -> Irr:
    """IRR per row of `kasstroom` (P, J) and a reason code per row (IrrReden.OK when found).

    Only rows with exactly one sign change are solved; their NCW is monotone in r on
    the bracket [−99,99 %, 10 000 %] after normalising the first flow to be negative.
    From 2·``opties.blok`` rows on, the rows are split over the threads (same numbers).
    """
    cf = np.asarray(kasstroom, dtype=np.float64)
    n = cf.shape[0]
    resultaat = np.full(n, np.nan)
    reden = np.full(n, IrrReden.OK, dtype=np.int64)
    # Only years in which some row has a flow can change a sign or a root: count and solve
    # on the years up to the last such year (leading zero years stay: with midden_jaar
    # year 0 is discounted differently, and Newton must see the same polynomial).
    gevuld = np.flatnonzero(cf.any(axis=0))
    if gevuld.size == 0:
        reden[:] = IrrReden.GEEN_WISSELING
        return Irr(resultaat, reden)
    # year by year over long rows of panden: (J, P), each year contiguous (a year-major
    # input, such as the core's, is not copied)
    jaar = np.ascontiguousarray(cf[:, : gevuld[-1] + 1].T)
    wissel = tekenwisselingen(jaar[gevuld[0] :].T)
    reden[wissel == 0] = IrrReden.GEEN_WISSELING
    reden[wissel > 1] = IrrReden.MEERDERE_WISSELINGEN
    rijen = np.flatnonzero(wissel == 1)
    if rijen.size == 0:
        return Irr(resultaat, reden)
    sub = jaar[:, rijen]
    actief_tot = int(np.max(np.nonzero(sub.any(axis=1))[0])) + 1  # drop trailing all-zero years
    eerste = np.take_along_axis(sub, np.argmax(sub != 0, axis=0)[None, :], axis=0)[0]
    c = sub[:actief_tot] * -np.sign(eerste)  # (T, N), starts < 0
    delta = 0.5 if midden_jaar else 0.0
    r, binnen, goed = _los_op(c, delta, tol, max_iter, opties)
    resultaat[rijen[goed]] = r[goed]
    reden[rijen[~binnen]] = IrrReden.BUITEN_BEREIK
    reden[rijen[binnen & ~goed]] = IrrReden.NIET_GECONVERGEERD
    return Irr(resultaat, reden)
