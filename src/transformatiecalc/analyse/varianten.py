"""Varianten (METHODE §8): scenario files and their named variants side by side.

Each version is computed in full (it may change anything, panden included), so a
comparison holds the complete result of every version; the tables line up totals, the
programme (verevening and all funds together), the fund KPIs and the ORT per pand, with
differences against the first version.

Funds are lined up **by role**: when no version has more than one fund, the fund of each
version is "the fund" of that version, whatever its name (designs of one binnenstadsfonds
under different names compare row by row). When a version has several funds, they are
matched by name, and the comparison says so (``koppeling``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .. import bereken
from ..resultaat import Resultaat
from .reeks import Basis
from .uitvoerder import LOKAAL, Uitvoerder

#: The row label of "the fund" of each version when funds are lined up by role.
ROL = "fonds"
#: Portfolio totals compared (keys of Resultaat.totalen), in reading order.
TOTALEN = (
    "panden",
    "woningen",
    "bvo",
    "opbrengst",
    "stichtingskosten",
    "residuele_grondwaarde_peildatum",
    "onrendabele_top",
    "tekort",
    "overschot",
    "panden_met_tekort",
    "onrendabele_top_na",
    "tekort_na",
    "panden_met_tekort_na",
)


@dataclass(frozen=True)
class Versie:
    """One column of a comparison: a scenario file or one of its variants."""

    naam: str
    bestand: str
    variant: str | None  # None for the file itself
    resultaat: Resultaat


def versies(
    bronnen: Sequence[Basis | str | Path], uitvoerder: Uitvoerder | None = None
) -> list[Versie]:
    """Every file (a path, or one already read) and, after each, its variants, in full; each
    version computed where `uitvoerder` runs it (default: here, one after another)."""
    uit: dict[int, Versie] = dict((uitvoerder or LOKAAL).kaart(_versie, None, _stukken(bronnen)))
    return _unieke_namen([uit[i] for i in range(len(uit))])


def _stukken(bronnen: Sequence[Basis | str | Path]) -> Iterator[tuple[Basis, int | None]]:
    """Per file: the file read (None) and then each of its variants by position."""
    for bron in bronnen:
        basis = bron if isinstance(bron, Basis) else Basis.laad(bron)
        yield basis, None
        for i in range(len(basis.scenario.varianten)):
            yield basis, i


def _versie(_: None, stuk: tuple[Basis, int | None]) -> Versie:
    """One version in full: the file itself (None) or its variant at that position."""
    basis, i = stuk
    sc, pad = basis.scenario, basis.bestand
    if i is None:
        return Versie(sc.naam, pad, None, bereken(sc, bron=pad))
    v = sc.varianten[i]
    variant = basis.met(v.wijzig, f"variant '{v.naam}'")
    return Versie(v.naam, pad, v.naam, bereken(variant, bron=pad))


def _unieke_namen(lijst: list[Versie]) -> list[Versie]:
    """Column names must differ: a repeated name gets its file's stem, then a number."""
    labels = [v.naam for v in lijst]
    dubbel = {n for n in labels if labels.count(n) > 1}
    labels = [f"{Path(v.bestand).stem}: {v.naam}" if v.naam in dubbel else v.naam for v in lijst]
    teller: dict[str, int] = {}
    uit = []
    for v, label in zip(lijst, labels, strict=True):
        teller[label] = teller.get(label, 0) + 1
        uniek = f"{label} ({teller[label]})" if labels.count(label) > 1 else label
        uit.append(replace(v, naam=uniek))
    return uit


@dataclass(frozen=True)
class Vergelijking:
    """The versions side by side (columns in order; the first is the reference)."""

    versies: list[Versie]
    totalen: pd.DataFrame  # index kengetal
    per_pand: pd.DataFrame  # index pand; ORT per versie (NaN where a version lacks the pand)
    per_pand_na: pd.DataFrame  # the same after herverkaveling, verevening and fondsen
    fondsen: pd.DataFrame  # index (fonds, kengetal); fonds is ROL when lined up by role
    programma: pd.DataFrame  # index kengetal (verevening and all funds together)
    koppeling: str  # "rol": one fund per version, side by side; "naam": matched by name
    fondsnamen: dict[str, list[str]]  # versie → names of its funds

    @staticmethod
    def verschil(tabel: pd.DataFrame) -> pd.DataFrame:
        """Each column minus the first (numbers only; the first column becomes 0)."""
        getallen = tabel.apply(pd.to_numeric, errors="coerce")
        return pd.DataFrame(getallen.sub(getallen.iloc[:, 0], axis=0))


def vergelijk(versies_: list[Versie]) -> Vergelijking:
    """Line up totals, per-pand ORT and fund KPIs of `versies_`."""
    namen = [v.naam for v in versies_]
    totalen = pd.DataFrame(
        {v.naam: [v.resultaat.totalen[k] for k in TOTALEN] for v in versies_},
        index=pd.Index(TOTALEN, name="kengetal"),
    )
    per_pand = pd.DataFrame(
        {v.naam: v.resultaat.panden["onrendabele_top"] for v in versies_}, columns=namen
    )
    per_pand_na = pd.DataFrame(
        {v.naam: v.resultaat.keten["onrendabele_top_na"] for v in versies_}, columns=namen
    )
    fondsnamen = {v.naam: list(v.resultaat.fondsen) for v in versies_}
    koppeling = "rol" if all(len(n) <= 1 for n in fondsnamen.values()) else "naam"
    rijen: dict[tuple[str, str], dict[str, object]] = {}
    for v in versies_:
        for fonds, f in v.resultaat.fondsen.items():
            sleutel = ROL if koppeling == "rol" else fonds
            for k, waarde in f.kpi.items():
                rijen.setdefault((sleutel, k), {})[v.naam] = np.nan if waarde is None else waarde
    fondsen = pd.DataFrame.from_dict(rijen, orient="index", columns=namen)
    if len(fondsen):
        fondsen.index = pd.MultiIndex.from_tuples(fondsen.index, names=["fonds", "kengetal"])
    programma = pd.DataFrame(
        {
            v.naam: {k: np.nan if w is None else w for k, w in v.resultaat.programma.items()}
            for v in versies_
        },
        columns=namen,
    )
    programma.index.name = "kengetal"
    per_pand.index.name = per_pand_na.index.name = "pand"
    return Vergelijking(
        versies_, totalen, per_pand, per_pand_na, fondsen, programma, koppeling, fondsnamen
    )
