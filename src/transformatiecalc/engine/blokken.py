"""The block and thread runner: independent pieces of work on the machine's cores.

Performance machinery only, no method: it splits work that shares nothing — blocks of
panden in the core (panden are independent in METHODE §1–5), chunks of rows in the IRR —
and runs the pieces on threads (numpy releases the GIL inside its loops). How the work is
split is an explicit :class:`Rekenopties`; no number depends on it: each piece computes its
rows exactly as one pass over all rows would (tested in tests/test_kern_gelijk.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from .invoer import Invoer

T = TypeVar("T")


def kernen() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Rekenopties:
    """How the core splits its work; the numbers are the same for every choice.

    - ``blok``: panden per block in the core. A block's (P, J) matrices stay in the
      processor's cache and the Python overhead per block stays small (measured in
      benchmarks/run.py). The IRR splits its rows over the threads from 2·blok rows on.
    - ``draden``: threads at most; None = the cores this process may use.
    """

    blok: int = 8192
    draden: int | None = None

    @property
    def aantal_draden(self) -> int:
        """Threads to use (≥ 1)."""
        return max(1, kernen() if self.draden is None else self.draden)


#: The options of a caller that passes none.
STANDAARD = Rekenopties()


def stukken(aantal: int, grootte: int) -> list[tuple[int, int]]:
    """Consecutive ranges [van, tot) of at most `grootte` that cover 0 … aantal."""
    return [(van, min(van + grootte, aantal)) for van in range(0, aantal, max(1, grootte))]


def per_stuk(
    taak: Callable[[tuple[int, int]], T],
    delen: list[tuple[int, int]],
    opties: Rekenopties = STANDAARD,
) -> list[T]:
    """`taak` for every range, in order; on threads when there is more than one."""
    draden = min(len(delen), opties.aantal_draden)
    if draden <= 1:
        return [taak(deel) for deel in delen]
    with ThreadPoolExecutor(max_workers=draden) as pool:
        return list(pool.map(taak, delen))


def per_kern(aantal: int, opties: Rekenopties = STANDAARD) -> list[tuple[int, int]]:
    """0 … aantal in one range per thread."""
    return stukken(aantal, -(-aantal // opties.aantal_draden))


def per_blok(inv: Invoer, taak: Callable[[Invoer], T], opties: Rekenopties = STANDAARD) -> list[T]:
    """`taak` for consecutive blocks of at most ``opties.blok`` panden of `inv` (each a
    calculation of its own, :meth:`Invoer.panden`), in order; `inv` itself if it fits."""
    if inv.aantal_panden <= opties.blok:
        return [taak(inv)]
    delen = stukken(inv.aantal_panden, opties.blok)
    return per_stuk(lambda deel: taak(inv.panden(*deel)), delen, opties)


Sleutel = tuple[str, str | None]


def _velden(d: dict[str, Any]) -> Iterator[tuple[Sleutel, NDArray[Any]]]:
    """The arrays of a block's fields; a dict of arrays gives one entry per key."""
    for naam, x in d.items():
        if isinstance(x, dict):
            yield from (((naam, k), v) for k, v in x.items())
        else:
            yield (naam, None), x


def samenvoegen(delen: list[dict[str, Any]], opties: Rekenopties = STANDAARD) -> dict[str, Any]:
    """The fields of consecutive blocks as one: arrays (and dicts of arrays) joined along
    their first axis, the pand or functie axis. Each block copies its part on its own
    thread (at 100 000 panden the results are ±80 MB)."""
    if len(delen) == 1:
        return delen[0]
    lengte: dict[Sleutel, int] = {}
    for d in delen:
        for sleutel, x in _velden(d):
            lengte[sleutel] = lengte.get(sleutel, 0) + x.shape[0]
    uit = {
        sleutel: np.empty((lengte[sleutel], *x.shape[1:]), dtype=x.dtype)
        for sleutel, x in _velden(delen[0])
    }
    begin = [dict.fromkeys(lengte, 0)]
    for d in delen[:-1]:
        begin.append({s: begin[-1][s] + x.shape[0] for s, x in _velden(d)})

    def kopieer(stuk: tuple[int, int]) -> None:
        for i in range(*stuk):
            for sleutel, x in _velden(delen[i]):
                uit[sleutel][begin[i][sleutel] : begin[i][sleutel] + x.shape[0]] = x

    per_stuk(kopieer, per_kern(len(delen), opties), opties)
    samen: dict[str, Any] = {}
    for (naam, k), x in uit.items():
        if k is None:
            samen[naam] = x
        else:
            samen.setdefault(naam, {})[k] = x
    return samen


def naast_elkaar(stromen: list[NDArray[np.float64]]) -> NDArray[np.float64]:
    """Year-major (≤ J, P_i) matrices of consecutive blocks side by side, (J_max, ΣP_i);
    a block's missing later years are zeros."""
    uit = np.zeros((max(x.shape[0] for x in stromen), sum(x.shape[1] for x in stromen)))
    begin = 0
    for x in stromen:
        uit[: x.shape[0], begin : begin + x.shape[1]] = x
        begin += x.shape[1]
    return uit
