"""Where the blocks of an analysis are computed: here, one after another, or as Dask tasks.

A block (a run of Monte Carlo draws, of tornado or grid points, or one version of a
comparison) depends on nothing but its own inputs, so an analysis hands its blocks to an
:class:`Uitvoerder` and collects what comes back in block order:

- :class:`Lokaal` computes them in this process, one after another (the loop as it always was);
- :class:`Draden` computes them in this process on a few threads, two blocks at a time: the
  default where a block is part Python and part numpy (Monte Carlo with a fund: one block's
  year loop runs while the next block's core runs on the other core);
- :class:`Dask` submits each block as a task to a ``distributed`` cluster — an existing
  scheduler (``--dask ADRES``) or a local cluster of processes (``--werkers N``) — and hands
  back each result as its task completes, keeping only a few tasks in flight, so the client
  holds one finished block at a time besides what the final result needs.

The draws are made up front from the seed and a block's numbers depend only on its own
inputs, so where a block ran does not change a bit. An error in a task comes back as the
same exception (a :class:`~transformatiecalc.fouten.ScenarioFout` with its located
messages); when several blocks fail, the earliest block's error is raised, as the loop here
would have.

A task receives only picklable inputs: the :class:`~.reeks.Basis` (its data already resolved
through ``erft_van``: workers read no files) or the affine model, and the block's draws.
"""

from __future__ import annotations

import importlib.metadata
import itertools
import logging
import math
import os
import signal
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

if TYPE_CHECKING:
    from distributed import Client

G = TypeVar("G")  # what every block shares
S = TypeVar("S")  # one block's own inputs
U = TypeVar("U")  # one block's result

#: Blocks per worker that a Dask run aims for when the block size is not given: enough to
#: spread the work and to move the progress bar, few enough that a task's overhead is small.
BLOKKEN_PER_WERKER = 16
#: Monte Carlo with a fund: a fund's year loop costs about the same per step for 10 or 300
#: draws, so each worker gets one block as large as memory allows per round.
BLOKKEN_PER_WERKER_FONDSEN = 1
#: Tasks in flight per worker thread: the next block waits on the client until one is done.
IN_DE_RIJ = 2
#: Seconds to wait for a scheduler to answer, and for its first worker.
VERBINDEN_S = 10
#: The installation hint when ``distributed`` is missing.
INSTALLEER = "pip install 'transformatiecalc[dask]'"


class DaskFout(Exception):
    """Dask cannot be used (not installed, scheduler unreachable, workers unfit); the text
    is Dutch and says what to do."""


class Uitvoerder(Protocol):
    """Computes `functie(gedeeld, stuk)` for every block `stuk`."""

    @property
    def gelijktijdig(self) -> int:
        """How many blocks are computed at the same time."""
        ...

    def kaart(
        self, functie: Callable[[G, S], U], gedeeld: G, stukken: Iterable[S]
    ) -> Iterator[tuple[int, U]]:
        """(position, result) of every block as it completes; `stukken` is consumed as
        blocks are started. On an error, the earliest failing block's exception."""
        ...


class Lokaal:
    """Every block in this process, in order: the loop as it always was."""

    gelijktijdig = 1

    def kaart(
        self, functie: Callable[[G, S], U], gedeeld: G, stukken: Iterable[S]
    ) -> Iterator[tuple[int, U]]:
        for i, stuk in enumerate(stukken):
            yield i, functie(gedeeld, stuk)


LOKAAL = Lokaal()


class Draden:
    """Every block in this process, `gelijktijdig` at a time on threads; results in block
    order, the earliest failing block's exception on an error.

    Worth it where a block is partly Python that holds the GIL (a fund's year loop) and
    partly numpy that releases it (the core): the two overlap on two cores. Each block in
    flight holds its own memory, so a run holds `gelijktijdig` blocks at once. The numbers
    are those of :class:`Lokaal`: a block depends on its own inputs only. A thread cannot be
    interrupted: after Ctrl-C the blocks in flight finish (no new one starts) before the
    command ends.
    """

    def __init__(self, gelijktijdig: int = 2) -> None:
        self.gelijktijdig = max(1, gelijktijdig)

    def kaart(
        self, functie: Callable[[G, S], U], gedeeld: G, stukken: Iterable[S]
    ) -> Iterator[tuple[int, U]]:
        rij = enumerate(stukken)
        bezig: deque[tuple[int, Future[U]]] = deque()
        pool = ThreadPoolExecutor(self.gelijktijdig, thread_name_prefix="blok")
        try:
            for i, stuk in itertools.islice(rij, self.gelijktijdig):
                bezig.append((i, pool.submit(functie, gedeeld, stuk)))
            while bezig:
                i, f = bezig.popleft()
                uitkomst = f.result()  # in block order: the earliest error comes first
                volgende = next(rij, None)
                if volgende is not None:
                    bezig.append((volgende[0], pool.submit(functie, gedeeld, volgende[1])))
                yield i, uitkomst
        finally:
            # an error, Ctrl-C or a caller that stopped early: start no further block
            pool.shutdown(wait=True, cancel_futures=True)


def blokgrootte(
    uitvoerder: Uitvoerder, aantal: int, standaard: int, per_werker: int = BLOKKEN_PER_WERKER
) -> int:
    """Versions per block: `standaard` (the memory bound) here; on a cluster blocks of about
    equal size (the last takes the rest), at most `standaard`, in rounds of `per_werker`
    blocks for every worker (BLOKKEN_PER_WERKER; fewer, larger blocks where a block gains
    from its size, as the fund ledger does: BLOKKEN_PER_WERKER_FONDSEN)."""
    werkers = uitvoerder.gelijktijdig
    if werkers <= 1:
        return standaard
    per_ronde = per_werker * werkers
    rondes = max(1, math.ceil(aantal / (per_ronde * standaard)))
    return max(1, math.ceil(aantal / (per_ronde * rondes)))


def _taak(functie: Callable[[G, S], U], stil: bool, gedeeld: G, stuk: S) -> U:
    """A block on a worker; Python's warnings are silenced as the command line silences
    them (a worker's stderr is not the user's)."""
    with warnings.catch_warnings():
        if stil:
            warnings.simplefilter("ignore")
        return functie(gedeeld, stuk)


class Dask:
    """Every block a task on the cluster of `client`; results in completion order."""

    def __init__(self, client: Client) -> None:
        self.client = client

    @property
    def gelijktijdig(self) -> int:
        return max(1, int(sum(self.client.nthreads().values())))

    def kaart(
        self, functie: Callable[[G, S], U], gedeeld: G, stukken: Iterable[S]
    ) -> Iterator[tuple[int, U]]:
        from distributed import as_completed, wait

        stil = not os.environ.get("TRANSFORMATIECALC_DEBUG")
        # one copy of what the blocks share on every worker, not one per task
        gedeeld_ = self.client.scatter(gedeeld, broadcast=True, hash=False)
        rij = enumerate(stukken)
        positie: dict[Any, int] = {}  # future → block position, for the tasks in flight
        klaar = as_completed()

        def start() -> None:
            volgende = next(rij, None)
            if volgende is not None:
                i, stuk = volgende
                f = self.client.submit(_taak, functie, stil, gedeeld_, stuk, pure=False)
                positie[f] = i
                klaar.add(f)

        try:
            for _ in range(IN_DE_RIJ * self.gelijktijdig):
                start()
            for f in klaar:
                i = positie.pop(f)
                if f.status == "error":
                    self._earliest_error(i, f, positie, wait)
                start()
                uitkomst = f.result()
                f.release()
                yield i, uitkomst
        finally:
            if positie:  # an error, Ctrl-C or a caller that stopped early
                self.client.cancel(list(positie))

    def _earliest_error(self, i: int, f: Any, positie: dict[Any, int], wait: Any) -> None:
        """Raise the error of the earliest failing block: block `i` failed; blocks before it
        still running may fail too (all of them were started before block `i`)."""
        later = [g for g, j in positie.items() if j > i]
        self.client.cancel(later)
        eerder = [g for g, j in positie.items() if j < i]
        wait(eerder)
        fouten = sorted((j, id(g), g) for g, j in positie.items() if j < i and g.status == "error")
        eerste = fouten[0][2] if fouten else f
        positie.clear()
        eerste.result()  # raises the task's exception


@contextmanager
def dask_uitvoerder(adres: str | None = None, werkers: int | None = None) -> Iterator[Dask]:
    """A :class:`Dask` executor on the scheduler at `adres`, or on a local cluster of `werkers`
    processes (one thread each), closed again on the way out (also on an error or Ctrl-C).

    Raises :class:`DaskFout` when ``distributed`` is not installed, the scheduler cannot be
    reached or has no workers, or its workers run another version of transformatiecalc."""
    try:
        import distributed
    except ImportError:
        raise DaskFout(
            f"Dask is niet geïnstalleerd; --dask en --werkers vragen de extra [dask]: {INSTALLEER}"
        ) from None
    cluster = client = None
    try:
        if adres is None:
            with _zonder_ctrl_c():
                cluster = distributed.LocalCluster(
                    n_workers=werkers or 1,
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=None,
                    silence_logs=logging.CRITICAL,
                )
            client = distributed.Client(cluster)
        else:
            client = _verbind(distributed, adres)
        yield Dask(client)
    finally:
        if client is not None:
            client.close()
        if cluster is not None:
            cluster.close()


@contextmanager
def _zonder_ctrl_c() -> Iterator[None]:
    """Start processes that ignore Ctrl-C (an ignored signal stays ignored in a child): a
    Ctrl-C in the terminal reaches every process of the foreground group, and only this one
    should act on it, by closing the cluster (the workers would each print a traceback)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    vorige = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, vorige)


def _verbind(distributed: Any, adres: str) -> Client:
    """A client of the scheduler at `adres` whose workers run this version."""
    from .. import __version__

    try:
        client: Client = distributed.Client(adres, timeout=f"{VERBINDEN_S}s")
    except ValueError:
        raise DaskFout(
            f"'{adres}' is geen adres van een Dask-scheduler; schrijf bijvoorbeeld "
            "--dask tcp://scheduler:8786"
        ) from None
    except (OSError, TimeoutError):
        raise DaskFout(
            f"kan de Dask-scheduler op {adres} niet bereiken (geen verbinding binnen "
            f"{VERBINDEN_S} s); start de scheduler of geef het juiste adres, bijvoorbeeld "
            "--dask tcp://scheduler:8786"
        ) from None
    try:
        try:
            client.wait_for_workers(1, timeout=VERBINDEN_S)
        except TimeoutError:
            raise DaskFout(
                f"de Dask-scheduler op {adres} heeft geen werkers; start er ten minste één"
            ) from None
        try:
            versies = client.run(importlib.metadata.version, "transformatiecalc")
        except Exception:
            raise DaskFout(
                f"de werkers van {adres} hebben transformatiecalc niet geïnstalleerd; installeer "
                f"op elke werker dezelfde versie als hier ({__version__})"
            ) from None
        anders = sorted({str(v) for v in versies.values()} - {__version__})
        if anders:
            raise DaskFout(
                f"de werkers van {adres} draaien transformatiecalc {', '.join(anders)}, hier "
                f"{__version__}; installeer op elke werker dezelfde versie"
            )
    except BaseException:
        client.close()
        raise
    return client
