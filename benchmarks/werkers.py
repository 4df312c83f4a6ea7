"""Dask-werkers (issue #18 punt 3): schaalwinst en geheugen van de client, in één run.

    python benchmarks/werkers.py [--snel] [--markdown PAD]

Meet, met een lokaal Dask-cluster (`--werkers N`: N processen van één draad):

- dezelfde Monte Carlo met verevening en een fonds (synthetische portefeuille van
  benchmarks/run.py) zonder Dask, op 1 werker en op 2 werkers: tijd zonder het starten van het
  cluster, de verhouding 2 werkers tegen 1, en dat alle drie dezelfde getallen geven (bit voor
  bit); daarbij het piekgeheugen van een werker (één blok tegelijk) en de grootte van een
  blokuitkomst;
- het piekgeheugen van de client tegen het aantal trekkingen (elk in een eigen proces, 2
  werkers), naast de grootte van de uiteindelijke uitkomst (de arrays van de Reeks).

De machine is gedeeld: vergelijk verhoudingen binnen één run. Het bestand heet niet dask.py:
dat zou het pakket dask overschaduwen.
"""

from __future__ import annotations

import importlib
import logging
import pickle
import sys
import time
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # benchmarks/run.py: portfolios, own processes, machine

warnings.simplefilter("ignore")  # distributed's notes (a busy port 8787) are not results


def _piek_mb() -> float:
    """This process's peak resident memory (MB); run on a worker through client.run."""
    for regel in Path("/proc/self/status").read_text().splitlines():
        if regel.startswith("VmHWM:"):
            return int(regel.split()[1]) / 1024
    return float("nan")


def _cluster(werkers: int) -> Any:
    import distributed

    return distributed.LocalCluster(
        n_workers=werkers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.CRITICAL,
    )


def _basis(panden: int, trekkingen: int) -> Any:
    data = run.portefeuille(panden, fondsen=True)
    data["onzekerheid"] = run._onzekerheid(trekkingen)
    return run._basis(data)


def schaal(panden: int, trekkingen: int) -> dict[str, Any]:
    """The same fund Monte Carlo here, on 1 worker and on 2 workers."""
    import distributed

    from transformatiecalc.analyse.onzekerheid import monte_carlo
    from transformatiecalc.analyse.reeks import Verzamelaar, per_blok_standaard
    from transformatiecalc.analyse.uitvoerder import Dask, blokgrootte

    basis = _basis(panden, trekkingen)
    t = time.perf_counter()
    lokaal = monte_carlo(basis)
    uit: dict[str, Any] = {
        "panden": panden,
        "trekkingen": trekkingen,
        "snel": lokaal.snel,
        "lokaal_s": time.perf_counter() - t,
    }
    referentie = lokaal.uitkomsten().to_numpy(dtype=np.float64).tobytes()
    for werkers in (1, 2):
        with _cluster(werkers) as cluster, distributed.Client(cluster) as client:
            u = Dask(client)
            # a fresh worker imports transformatiecalc on its first task (±2 s here): measured
            # apart, so that the ratio is the one of a long run
            t = time.perf_counter()
            client.run(importlib.import_module, "transformatiecalc.analyse.snel")
            uit["import_s"] = time.perf_counter() - t
            start = client.run(_piek_mb)
            t = time.perf_counter()
            mc = monte_carlo(basis, uitvoerder=u)
            uit[f"w{werkers}_s"] = time.perf_counter() - t
            piek = client.run(_piek_mb)
            uit[f"w{werkers}_werker_mb"] = (min(start.values()), max(piek.values()))
            uit[f"w{werkers}_gelijk"] = (
                mc.uitkomsten().to_numpy(dtype=np.float64).tobytes() == referentie
            )
            uit["blok"] = blokgrootte(u, trekkingen, per_blok_standaard(basis.scenario))
    # what one finished block sends back to the client
    deel = Verzamelaar()
    deel.voeg(_eerste_blok(basis, uit["blok"]))
    uit["blok_kb"] = len(pickle.dumps(deel)) / 1024
    return uit


def _eerste_blok(basis: Any, grootte: int) -> Any:
    from transformatiecalc.analyse.onzekerheid import trek
    from transformatiecalc.analyse.snel import _snelblok, affiene_invoer

    o = basis.scenario.onzekerheid
    waarden = trek(o).to_numpy()
    model = affiene_invoer(basis, list(o.parameters), waarden.min(axis=0), waarden.max(axis=0))
    return _snelblok(model, waarden[:grootte])


def client_geheugen(trekkingen: int, werkers: int) -> dict[str, Any]:
    """In its own process: fonds_gemengd with `trekkingen` draws on `werkers` workers (0: no
    Dask); the client's peak memory and the size of the final result."""
    return run._in_eigen_proces(f"_client_in_proces({trekkingen}, {werkers})", "werkers")


def _client_in_proces(trekkingen: int, werkers: int) -> dict[str, Any]:
    import distributed

    from transformatiecalc.analyse.onzekerheid import monte_carlo
    from transformatiecalc.analyse.reeks import Basis
    from transformatiecalc.analyse.uitvoerder import Dask

    basis = Basis.laad(run.ROOT / "scenarios" / "fonds_gemengd.yaml")
    t = time.perf_counter()
    if werkers:
        with _cluster(werkers) as cluster, distributed.Client(cluster) as client:
            t = time.perf_counter()
            mc = monte_carlo(basis, trekkingen, uitvoerder=Dask(client))
    else:
        mc = monte_carlo(basis, trekkingen)
    s = time.perf_counter() - t
    r = mc.reeks
    uitkomst = sum(
        x.nbytes
        for x in (
            r.onrendabele_top,
            r.residuele_grondwaarde,
            r.onrendabele_top_na,
            *r.fondssaldo.values(),
            *r.programma.values(),
            *(v for kpi in r.fondsen.values() for v in kpi.values()),
        )
    )
    return {
        "trekkingen": trekkingen,
        "werkers": werkers,
        "s": s,
        "piek_mb": run._piekgeheugen_gb() * 1024,
        "uitkomst_mb": uitkomst / 1024**2,
    }


def rapport(m: dict[str, Any]) -> list[tuple[str, str, str]]:
    s = m["schaal"]
    taak = f"{run._n(s['trekkingen'])} trekkingen × {run._n(s['panden'])} panden"
    gelijk = "bit voor bit gelijk" if s["w1_gelijk"] and s["w2_gelijk"] else "NIET GELIJK"
    rijen = [
        (f"Monte Carlo met verevening en fonds, {taak}, zonder Dask", f"{s['lokaal_s']:.1f} s", ""),
        (
            "  1 werker (na het importeren op de werker)",
            f"{s['w1_s']:.1f} s (importeren {s['import_s']:.1f} s)",
            f"{s['lokaal_s'] / s['w1_s']:.2f}× zonder Dask",
        ),
        ("  2 werkers", f"{s['w2_s']:.1f} s ({gelijk})", f"{s['w1_s'] / s['w2_s']:.2f}× 1 werker"),
        (
            f"  één blok ({s['blok']} trekkingen): piek van een werker",
            f"{s['w1_werker_mb'][1]:.0f} MB (bij de start {s['w1_werker_mb'][0]:.0f} MB)",
            "",
        ),
        ("  één blok: uitkomst terug naar de client", f"{s['blok_kb']:.0f} kB", ""),
    ]
    for c in m["client"]:
        wie = f"{c['werkers']} werkers" if c["werkers"] else "zonder Dask"
        rijen.append(
            (
                f"Client, fonds_gemengd, {run._n(c['trekkingen'])} trekkingen, {wie}",
                f"piek {c['piek_mb']:.0f} MB, {c['s']:.1f} s",
                f"uitkomst {c['uitkomst_mb']:.1f} MB",
            )
        )
    return rijen


def main() -> None:
    opties = run.opties(__doc__)
    m: dict[str, Any] = {}
    print("schaal: zonder Dask, 1 werker, 2 werkers …", file=sys.stderr)
    m["schaal"] = schaal(50, 8) if opties.snel else schaal(1_000, 200)
    m["client"] = []
    for n, w in (
        ((20, 2), (40, 2)) if opties.snel else ((250, 2), (1_000, 2), (4_000, 2), (4_000, 0))
    ):
        print(f"client: {n} trekkingen, {w} werkers …", file=sys.stderr)
        m["client"].append(client_geheugen(n, w))
    rijen = rapport(m)
    kop = ("meting", "uitkomst", "verhouding")
    breed = [max(len(r[i]) for r in (kop, *rijen)) for i in range(3)]
    print(
        "\n".join(
            "  ".join(c.ljust(breed[i]) for i, c in enumerate(r)).rstrip() for r in (kop, *rijen)
        )
    )
    if opties.markdown is not None:
        tekst = "\n".join(
            [f"| {' | '.join(kop)} |", "|---|---|---|", *(f"| {' | '.join(r)} |" for r in rijen)]
        )
        kopregel = f"Gemeten op {date.today().isoformat()} — {run.machine()}"
        opties.markdown.write_text(f"{kopregel}\n\n{tekst}\n", encoding="utf-8")
        print(f"geschreven: {opties.markdown}", file=sys.stderr)


if __name__ == "__main__":
    main()
