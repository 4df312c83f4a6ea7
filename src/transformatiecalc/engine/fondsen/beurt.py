"""Whose turn it is (METHODE §7, "Toewijzing en kas"): the year of each pand's turn, the
order of service within a year, and the queues of the year loop in
:mod:`.toewijzing`, for R replicas at once (arrays over replicas × places).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from .conventies import Pandvolgorde
from .panden import Array, BoolArray, FondsPanden, IntArray

if TYPE_CHECKING:
    from .fonds import FondsInvoer


def beslisjaren(fonds: FondsInvoer, fp: FondsPanden) -> tuple[IntArray, BoolArray]:
    """Per pand row the year of its first outlay (its turn) and whether any instrument fits."""
    ooit = np.zeros(fp.aantal, dtype=bool)
    jaar = fp.start.copy()
    for ins in fonds.instrumenten:
        ok = ins.geschikt(fp)
        ooit |= ok
        jaar = np.where(ok, np.minimum(jaar, ins.betaaljaar(fp)), jaar)
    return np.asarray(jaar, dtype=np.int64), ooit


def rangorde(fonds: FondsInvoer, fp: FondsPanden, ort: Array, beslisjaar: IntArray) -> IntArray:
    """Order of service per replica (R, P), pand indices within the replica: by year of
    the first outlay, then prioriteit, then volgorde_panden."""
    r, p = fp.replicas, fp.per_replica
    prio = {pid: k for k, pid in enumerate(fonds.prioriteit)}
    prio_sleutel = np.array([prio.get(pid, len(prio)) for pid in fp.pand_ids])
    if fonds.volgorde_panden == Pandvolgorde.STARTJAAR:
        tweede = fp.start.astype(np.float64)
    elif fonds.volgorde_panden == Pandvolgorde.ORT_PER_WONING:
        tweede = np.where(fp.woningen > 0, ort / np.maximum(fp.woningen, 1.0), np.inf)
    else:
        tweede = np.zeros(fp.aantal)
    sleutels = (np.arange(p), tweede, prio_sleutel, beslisjaar)
    return np.lexsort([np.broadcast_to(np.reshape(k, (-1, p)), (r, p)) for k in sleutels])


#: Pairs whose packages are sized in one batch ahead of their steps (without flows): a
#: larger batch costs less per pair; an erfpacht's sizing takes pairs × termijn × 8 bytes
#: for each of a few arrays.
PAREN_PER_BUNDEL = 8192


def bundels(stappen: list[IntArray]) -> Iterator[list[tuple[int, IntArray]]]:
    """Consecutive steps (k, replicas) in bundles of about PAREN_PER_BUNDEL pairs (at least
    one step each)."""
    bundel: list[tuple[int, IntArray]] = []
    paren = 0
    for k, wie in enumerate(stappen):
        if bundel and paren + wie.size > PAREN_PER_BUNDEL:
            yield bundel
            bundel, paren = [], 0
        bundel.append((k, wie))
        paren += wie.size
    if bundel:
        yield bundel


class Rij:
    """Per replica an ordered list of pand rows (a queue): (R, P) rows and their counts."""

    def __init__(self, replicas: int, plaatsen: int) -> None:
        self.rijen = np.full((replicas, plaatsen), -1, dtype=np.int64)
        self.lengte = np.zeros(replicas, dtype=np.int64)

    def achteraan(self, r: IntArray, g: IntArray) -> None:
        """Put row g[i] at the end of replica r[i]'s queue (no replica twice)."""
        self.rijen[r, self.lengte[r]] = g
        self.lengte[r] += 1

    def gevuld(self) -> tuple[IntArray, BoolArray]:
        """The occupied part of the queues: rows (R, n) and which places hold one."""
        n = int(self.lengte.max(initial=0))
        return self.rijen[:, :n], np.arange(n) < self.lengte[:, None]

    def houd(self, blijft: BoolArray) -> None:
        """Keep the places marked in `blijft` (R, n), in their order."""
        rijen, _ = self.gevuld()
        volgorde = np.argsort(~blijft, axis=1, kind="stable")
        self.lengte = blijft.sum(axis=1)
        gehouden = np.take_along_axis(rijen, volgorde, axis=1)
        gehouden[np.arange(rijen.shape[1]) >= self.lengte[:, None]] = -1
        self.rijen[:, : rijen.shape[1]] = gehouden
