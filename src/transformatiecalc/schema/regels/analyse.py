"""Rules on the effective scenario: plausible bounds, varianten and onzekerheid (METHODE §8).

These run after the derived defaults are filled, because a path may name a default
(``partijen.gemeente.rendementseis``) and a bound applies to the value used.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from itertools import combinations
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from pydantic_core import InitErrorDetails

from ...fouten import pad_tekst
from ..analyse import Onzekerheid
from ..grenzen import (
    Vrij,
    getal_tekst,
    grensfouten,
    grenzen_op,
    verdelingsfout,
    vrij_en_fouten,
)
from ..paden import PadFout, Stap, getal_op, ontleed, overlap_tekst, overlappen, zoek
from .hulp import Plek, fout_tekst, suggestie

if TYPE_CHECKING:
    from ..scenario import Scenario

#: Top-level keys a variant or distribution cannot address.
_NIET_TE_WIJZIGEN = frozenset({"varianten", "onzekerheid", "erft_van", "panden_uit"})


def grenzen(sc: Scenario) -> tuple[Vrij, list[InitErrorDetails]]:
    """conventies.ruime_grenzen_pad, grens.*: the paths freed by conventies.ruime_grenzen
    exist, and every value the file gives lies within its plausible range (METHODE §8)."""
    vrij, fouten_vrij = vrij_en_fouten(sc, sc.conventies.ruime_grenzen)
    fouten = [fout_tekst(loc, "conventies.ruime_grenzen_pad", tekst) for loc, tekst in fouten_vrij]
    fouten += [fout_tekst(loc, code, tekst) for loc, code, tekst in grensfouten(sc, vrij)]
    return vrij, fouten


def _eigen_sectie(pad: str) -> str | None:
    """The top-level key of `pad` if a variant or distribution cannot address it."""
    try:
        eerste = ontleed(pad)[0]
    except PadFout:
        return None
    return str(eerste) if eerste in _NIET_TE_WIJZIGEN else None


def varianten(sc: Scenario) -> Iterator[InitErrorDetails]:
    """variant.naam_dubbel, variant.pad_niet_te_wijzigen, variant.pad_ongeldig,
    variant.pad_dubbel: variant names are unique; each path of wijzig exists in the effective
    scenario, lies outside varianten/onzekerheid/erft_van, and names its value once."""
    namen: dict[str, int] = {}
    for i, variant in enumerate(sc.varianten):
        if variant.naam in namen:
            yield fout_tekst(
                ("varianten", i, "naam"),
                "variant.naam_dubbel",
                f"de variant '{variant.naam}' bestaat al (varianten[{namen[variant.naam]}])",
            )
        namen.setdefault(variant.naam, i)
        gevonden: list[tuple[str, tuple[Stap, ...]]] = []
        for pad in variant.wijzig:
            sectie = _eigen_sectie(pad)
            loc = ("varianten", i, "wijzig", pad)
            if sectie is not None:
                tekst = f"'{sectie}' kan een variant niet wijzigen"
                yield fout_tekst(loc, "variant.pad_niet_te_wijzigen", tekst)
                continue
            try:
                gevonden.append((pad, zoek(sc, pad)[0]))
            except PadFout as e:
                yield fout_tekst(loc, "variant.pad_ongeldig", str(e))
        yield from _dubbel(gevonden, ("varianten", i, "wijzig"), "variant.pad_dubbel")


def onzekerheid(sc: Scenario, vrij: Vrij) -> Iterator[InitErrorDetails]:
    """Every rule of the onzekerheid section: its parameters, then its correlations."""
    o = sc.onzekerheid
    if o is None:
        return
    yield from parameters(sc, o, vrij)
    yield from correlaties(o)


def parameters(sc: Scenario, o: Onzekerheid, vrij: Vrij) -> Iterator[InitErrorDetails]:
    """onzekerheid.geen_parameter, onzekerheid.pad_ongeldig,
    onzekerheid.verdeling_buiten_grenzen, onzekerheid.pad_dubbel: each parameter is a number
    of the effective scenario, named once, and its distribution stays within the hard and
    (unless freed) plausible ranges of that number (schema.grenzen)."""
    getallen: list[tuple[str, tuple[Stap, ...]]] = []
    for pad, verdeling in o.parameters.items():
        loc = ("onzekerheid", "parameters", pad)
        sectie = _eigen_sectie(pad)
        if sectie is not None:
            yield fout_tekst(
                loc, "onzekerheid.geen_parameter", f"'{sectie}' is geen onzekere parameter"
            )
            continue
        try:
            stappen = getal_op(sc, pad)[0]
        except PadFout as e:
            yield fout_tekst(loc, "onzekerheid.pad_ongeldig", str(e))
            continue
        getallen.append((pad, stappen))
        tekst = verdelingsfout(
            grenzen_op(sc, stappen), *verdeling.bereik(), verdeling.toelichting, vrij(stappen)
        )
        if tekst is not None:
            yield fout_tekst(loc, "onzekerheid.verdeling_buiten_grenzen", tekst)
    yield from _dubbel(getallen, ("onzekerheid", "parameters"), "onzekerheid.pad_dubbel")


def correlaties(o: Onzekerheid) -> Iterator[InitErrorDetails]:
    """onzekerheid.correlatie_onbekend, onzekerheid.correlatie_met_zichzelf,
    onzekerheid.correlatie_dubbel, onzekerheid.correlaties_tegenstrijdig: a correlation joins
    two different parameters, once, and together they form a correlation matrix."""
    paren: set[frozenset[str]] = set()
    for i, c in enumerate(o.correlaties):
        loc = ("onzekerheid", "correlaties", i, "tussen")
        a, b = c.tussen
        for pad in (a, b):
            if pad not in o.parameters:
                tekst = f"'{pad}' staat niet onder onzekerheid.parameters" + suggestie(
                    pad, o.parameters
                )
                yield fout_tekst(loc, "onzekerheid.correlatie_onbekend", tekst)
        if a == b:
            tekst = "een correlatie verbindt twee verschillende parameters"
            yield fout_tekst(loc, "onzekerheid.correlatie_met_zichzelf", tekst)
        elif frozenset((a, b)) in paren:
            tekst = f"de correlatie tussen '{a}' en '{b}' staat er al"
            yield fout_tekst(loc, "onzekerheid.correlatie_dubbel", tekst)
        paren.add(frozenset((a, b)))
    if o.correlaties:
        yield from _tegenstrijdig(o)


#: Rounding below which a correlation matrix still counts as positive semidefinite.
_MARGE = 1e-10
#: Contradicting triples of parameters a message names at most.
_MAX_DRIETALLEN = 3


def _tegenstrijdig(o: Onzekerheid) -> Iterator[InitErrorDetails]:
    """onzekerheid.correlaties_tegenstrijdig: the correlations (0 for a pair not given) form
    one correlation matrix. If not, say which three parameters contradict each other and the
    range that would fit; if no three do (four or more are needed), say which parameters are
    involved and by what factor shrinking all correlations makes them fit."""
    c = o.correlatiematrix()
    w, v = np.linalg.eigh(c)  # eigenvalues ascending
    if w[0] >= -_MARGE:
        return
    paden = list(o.parameters)
    gegeven = {
        frozenset(cor.tussen): i
        for i, cor in enumerate(o.correlaties)
        if len(set(cor.tussen)) == 2 and set(cor.tussen) <= set(o.parameters)
    }
    fout = [t for t in _drietallen(c, gegeven, paden) if t[0] < -_MARGE]
    for n, (_, drie) in enumerate(fout[:_MAX_DRIETALLEN]):
        loc, tekst = _drietal([paden[k] for k in drie], c[np.ix_(drie, drie)], gegeven)
        if n == _MAX_DRIETALLEN - 1 and len(fout) > _MAX_DRIETALLEN:
            tekst += f" (en nog {len(fout) - _MAX_DRIETALLEN} zulke drietallen)"
        yield fout_tekst(loc, "onzekerheid.correlaties_tegenstrijdig", tekst)
    if fout:
        return
    factor = math.floor(100 / (1 - w[0])) / 100  # (1 − t)·I + t·C has λ ≥ 1 − t·(1 − λmin)
    richting = np.abs(v[:, 0])
    betrokken = [p for p, x in zip(paden, richting, strict=True) if x >= 0.25 * richting.max()]
    sterkste = max((cor.r for cor in o.correlaties), key=abs)
    yield fout_tekst(
        ("onzekerheid", "correlaties"),
        "onzekerheid.correlaties_tegenstrijdig",
        "de correlaties tussen "
        + ", ".join(f"'{p}'" for p in betrokken)
        + " passen samen niet in één correlatiematrix (niet positief semidefiniet), al "
        "spreken geen drie elkaar tegen; ze passen wel als je ze allemaal met een factor "
        f"{getal_tekst(factor)} verkleint (de sterkste, r = {getal_tekst(sterkste)}, wordt "
        f"{getal_tekst(round(sterkste * factor, 4))})",
    )


def _drietallen(
    c: NDArray[np.float64], gegeven: dict[frozenset[str], int], paden: list[str]
) -> list[tuple[float, list[int]]]:
    """Every three parameters joined by at least two given correlations (only those can
    contradict each other), with the determinant of their 3 × 3 matrix, lowest first."""
    index = {p: k for k, p in enumerate(paden)}
    buren: dict[int, set[int]] = {}
    for paar in gegeven:
        a, b = (index[p] for p in paar)
        buren.setdefault(a, set()).add(b)
        buren.setdefault(b, set()).add(a)
    drie = {
        tuple(sorted((a, b, d)))
        for b, rond in buren.items()
        for a, d in combinations(sorted(rond), 2)
    }
    return sorted(
        (
            1 + 2 * c[a, b] * c[b, d] * c[a, d] - c[a, b] ** 2 - c[b, d] ** 2 - c[a, d] ** 2,
            [a, b, d],
        )
        for a, b, d in sorted(drie)
    )


def _drietal(
    drie: list[str], c: NDArray[np.float64], gegeven: dict[frozenset[str], int]
) -> tuple[Plek, str]:
    """Where and what to say about three parameters whose correlations (`c`, 3 × 3) contradict
    each other: the range the third correlation must lie in given the other two — for a pair
    without a correlation (r = 0, often forgotten) if there is one, else for the one written
    last."""

    def volgorde(paar: tuple[int, int, int]) -> float:
        return gegeven.get(frozenset((drie[paar[0]], drie[paar[1]])), math.inf)

    x, z, y = max([(0, 1, 2), (0, 2, 1), (1, 2, 0)], key=volgorde)  # the pair x–z, via y
    p, q = c[x, y], c[y, z]
    marge = math.sqrt(max(0.0, (1 - p * p) * (1 - q * q)))
    bereik = _bereik(p * q - marge, p * q + marge)
    via = (
        f"r = {getal_tekst(p)} tussen '{drie[x]}' en '{drie[y]}' en r = {getal_tekst(q)} "
        f"tussen '{drie[y]}' en '{drie[z]}'"
    )
    i = gegeven.get(frozenset((drie[x], drie[z])))
    if i is None:
        return ("onzekerheid", "correlaties"), (
            f"'{drie[x]}' en '{drie[z]}' hebben geen correlatie (dus r = 0), maar bij {via} "
            f"ligt die {bereik}: geef ze zo'n correlatie, of pas de andere twee aan"
        )
    return ("onzekerheid", "correlaties", i, "r"), (
        f"r = {getal_tekst(c[x, z])} tussen '{drie[x]}' en '{drie[z]}' past niet bij {via}: "
        f"daarbij ligt deze correlatie {bereik}; pas een van de drie aan"
    )


def _bereik(laag: float, hoog: float) -> str:
    """'tussen 0.62 en 1' (rounded inwards to two decimals), or 'op 0.5' for a single value."""
    onder = math.ceil(round(laag * 100, 6)) / 100
    boven = math.floor(round(hoog * 100, 6)) / 100
    if onder >= boven:
        return f"op {getal_tekst(round((laag + hoog) / 2, 4))}"
    return f"tussen {getal_tekst(onder)} en {getal_tekst(boven)}"


def _dubbel(
    paden: list[tuple[str, tuple[Stap, ...]]], waar: Plek, code: str
) -> Iterator[InitErrorDetails]:
    """An error at each path that names the same value as an earlier one, naming both."""
    for j, i in overlappen(paden):
        (pad, stappen), (eerder, eerdere) = paden[j], paden[i]
        plek = pad_tekst((*waar, eerder))
        yield fout_tekst((*waar, pad), code, overlap_tekst(pad, stappen, eerder, eerdere, plek))
