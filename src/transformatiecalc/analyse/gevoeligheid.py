"""Gevoeligheid (METHODE §8): one-at-a-time tornado and two-parameter grids.

Every point is a replica (see :mod:`.reeks`): the base, each parameter at its low and
high value with the others at base, or each cell of a grid. All points of one analysis
are computed together on the stacked panden.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..fouten import ScenarioFout, pad_tekst
from ..getallen import getal
from ..schema.paden import PadFout, Stap, getal_op, overlappen
from .reeks import Basis, Reeks, bereken_versies, grootheid
from .uitvoerder import Uitvoerder

_BEREIK = re.compile(
    r"^\s*(?P<pad>[^=]+?)\s*=\s*(?:(?:±|\+-|\+/-)\s*(?P<delta>[0-9.eE_+-]+)\s*(?P<pct>%?)"
    r"|(?P<laag>[-0-9.eE_+]+)\s*:\s*(?P<hoog>[-0-9.eE_+]+))\s*$"
)


@dataclass(frozen=True)
class Bereik:
    """A parameter's path, base value and the low and high value to try; `tekst` and
    `optie` are the command-line argument it came from (for messages)."""

    pad: str
    basis: float
    laag: float
    hoog: float
    tekst: str = ""
    optie: str = "-p"
    stappen: tuple[Stap, ...] = ()

    def punten(self, stappen: int) -> np.ndarray:
        """`stappen` values from laag to hoog (inclusive) for a grid axis."""
        return np.linspace(self.laag, self.hoog, stappen)

    @property
    def argument(self) -> str:
        """The argument as typed: "-p 'horizon=29:31'"."""
        return f"{self.optie} '{self.tekst or self.pad}'"


#: Paths that set the year axis: replicas of a scenario with funds must share it (the
#: funds' ledgers are lined up year by year).
TIJDAS = (("horizon",), ("startjaar",))


def bereik(basis: Basis, tekst: str, optie: str = "-p") -> Bereik:
    """Parse 'PAD=±20%' (relative), 'PAD=±0.01' (absolute) or 'PAD=LAAG:HOOG'.

    `optie` names the argument in messages (-p or --raster). Raises PadFout (Dutch) for
    malformed text, an unknown path or a non-number, and ScenarioFout (located at the
    value in the file) for a range the analysis cannot run.
    """
    m = _BEREIK.match(tekst)
    if m is None:
        raise PadFout(
            f"'{tekst}' is geen bereik; schrijf PAD=±20% (relatief), PAD=±0.01 (absoluut) "
            "of PAD=LAAG:HOOG"
        )
    pad = m.group("pad")
    stappen, waarde = getal_op(basis.scenario, pad)
    try:
        if m.group("delta") is not None:
            delta = float(m.group("delta").replace("_", ""))
            stap = abs(waarde) * delta / 100.0 if m.group("pct") else delta
            laag, hoog = waarde - stap, waarde + stap
        else:
            laag, hoog = (float(m.group(k).replace("_", "")) for k in ("laag", "hoog"))
    except ValueError:
        raise PadFout(f"'{tekst}': het bereik is geen getal") from None
    if not (math.isfinite(laag) and math.isfinite(hoog)):
        raise PadFout(f"'{tekst}': het bereik is geen eindig getal")
    if laag > hoog:
        raise PadFout(
            f"'{tekst}': de lage waarde ({getal(laag)}) ligt boven de hoge ({getal(hoog)}); "
            "schrijf LAAG:HOOG, of ±X met X ≥ 0"
        )
    uit = Bereik(pad, waarde, laag, hoog, tekst.strip(), optie, stappen)
    if basis.scenario.fondsen and stappen in TIJDAS and (laag, hoog) != (waarde, waarde):
        raise ScenarioFout(
            [
                basis.melding(
                    stappen,
                    f"{uit.argument}: de fondsen hebben een kasboek per jaar, dus alle punten "
                    f"van een gevoeligheidsanalyse moeten dezelfde jaren hebben; {pad} kan hier "
                    "niet variëren. Vergelijk in plaats daarvan varianten met een andere "
                    f"{pad} (varianten: wijzig: {{{pad}: …}}, transformatiecalc vergelijk)",
                )
            ]
        )
    return uit


def _een_keer(bereiken: Sequence[Bereik], wat: str) -> None:
    """Refuse two arguments that name the same value (in any spelling)."""
    for j, i in overlappen([(b.pad, b.stappen) for b in bereiken]):
        a, b = bereiken[i], bereiken[j]
        raise PadFout(
            f"{a.argument} en {b.argument} wijzen allebei {pad_tekst(a.stappen)} aan; {wat}"
        )


@dataclass(frozen=True)
class Tornado:
    """One-at-a-time results: per parameter the output at its low and high value."""

    uitvoer: str
    basiswaarde: float  # the output at base
    tabel: pd.DataFrame  # index pad: basis, laag, hoog, uitkomst_laag, uitkomst_hoog, zwaai


def tornado(
    basis: Basis,
    bereiken: list[Bereik],
    uitvoer: str,
    per_blok: int | None = None,
    uitvoerder: Uitvoerder | None = None,
) -> Tornado:
    """Output `uitvoer` at base and at each parameter's low and high value (others at base),
    ordered by swing |uitkomst_hoog − uitkomst_laag|, largest first."""
    _een_keer(bereiken, "geef elke parameter één keer")
    punten: list[tuple[str, dict[str, float]]] = [("basis", {})]
    for b in bereiken:
        punten.append((f"{b.pad} = {b.laag:g}", {b.pad: b.laag}))
        punten.append((f"{b.pad} = {b.hoog:g}", {b.pad: b.hoog}))
    reeks = _reken(basis, punten, per_blok, uitvoerder)
    waarden = grootheid(reeks, uitvoer)
    rijen = [
        {
            "pad": b.pad,
            "basis": b.basis,
            "laag": b.laag,
            "hoog": b.hoog,
            "uitkomst_laag": float(waarden[1 + 2 * i]),
            "uitkomst_hoog": float(waarden[2 + 2 * i]),
        }
        for i, b in enumerate(bereiken)
    ]
    tabel = pd.DataFrame(rijen).set_index("pad")
    tabel["zwaai"] = (tabel["uitkomst_hoog"] - tabel["uitkomst_laag"]).abs()
    tabel = tabel.sort_values("zwaai", ascending=False, kind="stable")
    return Tornado(uitvoer, float(waarden[0]), tabel)


@dataclass(frozen=True)
class Raster:
    """Two-parameter grid: the output for every combination (rows: first, columns: second)."""

    uitvoer: str
    rij: Bereik
    kolom: Bereik
    basiswaarde: float
    tabel: pd.DataFrame  # index: values of rij.pad; columns: values of kolom.pad


def raster(
    basis: Basis,
    rij: Bereik,
    kolom: Bereik,
    uitvoer: str,
    stappen: int = 5,
    per_blok: int | None = None,
    uitvoerder: Uitvoerder | None = None,
) -> Raster:
    """Output `uitvoer` on the grid rij.punten × kolom.punten (plus the base point)."""
    _een_keer([rij, kolom], "een raster vraagt twee verschillende parameters")
    x, y = rij.punten(stappen), kolom.punten(stappen)
    punten: list[tuple[str, dict[str, float]]] = [("basis", {})]
    punten += [
        (f"{rij.pad} = {a:g}, {kolom.pad} = {b:g}", {rij.pad: float(a), kolom.pad: float(b)})
        for a in x
        for b in y
    ]
    waarden = grootheid(_reken(basis, punten, per_blok, uitvoerder), uitvoer)
    tabel = pd.DataFrame(
        waarden[1:].reshape(len(x), len(y)),
        index=pd.Index(x, name=rij.pad),
        columns=pd.Index(y, name=kolom.pad),
    )
    return Raster(uitvoer, rij, kolom, float(waarden[0]), tabel)


def _reken(
    basis: Basis,
    punten: list[tuple[str, dict[str, float]]],
    per_blok: int | None,
    uitvoerder: Uitvoerder | None,
) -> Reeks:
    """Every point as a version of `basis` (blocks where `uitvoerder` runs them)."""
    versies = [(w, f"punt {naam}") for naam, w in punten]
    return bereken_versies(basis, versies, len(versies), per_blok, None, uitvoerder)
