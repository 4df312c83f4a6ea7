"""Independent pieces of work on the machine's cores.

numpy releases the GIL inside its loops, so pieces that share nothing — blocks of panden
in the core, chunks of rows in the IRR — run in parallel on threads. No number depends
on how the work is split: each piece computes its rows exactly as one pass over all rows
would (tested in tests/test_kern_gelijk.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

#: Panden per block in the core: a block's (P, J) matrices stay in the processor's cache,
#: and the Python overhead per block stays small (measured in benchmarks/run.py).
BLOK = 8192


def kernen() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def stukken(aantal: int, grootte: int) -> list[tuple[int, int]]:
    """Consecutive ranges [van, tot) of at most `grootte` that cover 0 … aantal."""
    return [(van, min(van + grootte, aantal)) for van in range(0, aantal, max(1, grootte))]


def per_stuk(taak: Callable[[tuple[int, int]], T], delen: list[tuple[int, int]]) -> list[T]:
    """`taak` for every range, in order; on threads when there is more than one."""
    draden = min(len(delen), kernen())
    if draden <= 1:
        return [taak(deel) for deel in delen]
    with ThreadPoolExecutor(max_workers=draden) as pool:
        return list(pool.map(taak, delen))
