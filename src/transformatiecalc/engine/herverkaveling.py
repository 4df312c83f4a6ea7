"""Herverkaveling (METHODE §6): the panden of one project as one business case.

The joint result ``Σ R`` (R = −ORT, € peildatum) of a project's panden is shared among
them by inbrengwaarde, or with a share per eigenaar (within an eigenaar by inbrengwaarde);
the joint result is conserved. The only loop is over projecten, never over panden.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .verevening import Array


@dataclass(frozen=True)
class ProjectInvoer:
    """A herverkaveling project: member panden (indices) and how owners share the result."""

    id: str
    naam: str
    leden: tuple[int, ...]
    verdeling: Mapping[str, float] | None  # eigenaar → share; None: by inbrengwaarde


@dataclass(frozen=True)
class Herverkaveling:
    """Per pand the result after herverkaveling, and per project and owner the shares."""

    ort_na: Array  # (P,) € peildatum
    project: list[str]  # (P,) project id or ''
    eigenaren: list[dict[str, object]]  # rows: project, eigenaar, aandeel, alleen, samen, verschil


def aandelen_naar_rato(gewicht: Array) -> Array:
    """Shares proportional to `gewicht` (≥ 0); equal shares when all weights are zero."""
    som = gewicht.sum()
    if som > 0:
        return np.asarray(gewicht / som, dtype=np.float64)
    return np.full(gewicht.shape, 1.0 / gewicht.size)


def herverdeel(resultaat: Array, aandeel: Array) -> Array:
    """Herverkaveling of one project: each member gets its share of the joint result.

    `resultaat` and `aandeel` are the members' own results (€, R = −ORT) and shares
    (summing to 1); the joint result Σ R is conserved.
    """
    return np.asarray(aandeel * resultaat.sum(), dtype=np.float64)


def herverkavel(
    projecten: Sequence[ProjectInvoer],
    eigenaar: Sequence[str],
    ort: Array,
    inbrengwaarde: Array,
) -> Herverkaveling:
    """Redistribute each project's joint result among its owners (METHODE §6, herverkaveling)."""
    resultaat = -ort.copy()
    project = [""] * len(eigenaar)
    rijen: list[dict[str, object]] = []
    for pr in projecten:
        leden = np.array(pr.leden)
        eigen = resultaat[leden].copy()
        if pr.verdeling is not None:
            aandeel = np.zeros(leden.size)
            for eig, deel in pr.verdeling.items():
                van = np.array([eigenaar[i] == eig for i in leden])
                aandeel[van] = deel * aandelen_naar_rato(inbrengwaarde[leden][van])
        else:
            aandeel = aandelen_naar_rato(inbrengwaarde[leden])
        resultaat[leden] = herverdeel(eigen, aandeel)
        for i in leden:
            project[i] = pr.id
        for eig in dict.fromkeys(eigenaar[i] for i in leden):
            van = np.array([eigenaar[i] == eig for i in leden])
            alleen, samen = float(eigen[van].sum()), float(resultaat[leden][van].sum())
            rijen.append(
                {
                    "project": pr.id,
                    "eigenaar": eig,
                    "aandeel": float(aandeel[van].sum()),
                    "resultaat_alleen": alleen,
                    "resultaat_samen": samen,
                    "verschil": samen - alleen,
                }
            )
    return Herverkaveling(-resultaat, project, rijen)
