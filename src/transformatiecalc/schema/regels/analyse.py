"""Rules on the effective scenario: plausible bounds, varianten and onzekerheid (METHODE §8).

These run after the derived defaults are filled, because a path may name a default
(``partijen.gemeente.rendementseis``) and a bound applies to the value used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np
from pydantic_core import InitErrorDetails

from ...fouten import pad_tekst
from ..analyse import Onzekerheid
from ..grenzen import Vrij, grensfouten, grenzen_op, verdelingsfout, vrij_en_fouten
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
    if o.correlaties and min(np.linalg.eigvalsh(o.correlatiematrix())) < -1e-10:
        yield fout_tekst(
            ("onzekerheid", "correlaties"),
            "onzekerheid.correlaties_tegenstrijdig",
            "deze correlaties passen niet samen in één correlatiematrix (niet positief "
            "semidefiniet): verklein de sterkste of spreek ze niet tegen",
        )


def _dubbel(
    paden: list[tuple[str, tuple[Stap, ...]]], waar: Plek, code: str
) -> Iterator[InitErrorDetails]:
    """An error at each path that names the same value as an earlier one, naming both."""
    for j, i in overlappen(paden):
        (pad, stappen), (eerder, eerdere) = paden[j], paden[i]
        plek = pad_tekst((*waar, eerder))
        yield fout_tekst((*waar, pad), code, overlap_tekst(pad, stappen, eerder, eerdere, plek))
