"""Every number of the core, bit for bit, before and after an optimisation (issue #6).

    python benchmarks/bits.py --maak REF.pkl        # before the change
    python benchmarks/bits.py --vergelijk REF.pkl   # after: lists every array that differs
    python benchmarks/bits.py --vergelijk REF.pkl --invoer-opnieuw
        # after a change of Invoer itself: the stored scenarios turned into arrays again

Runs the core (METHODE §1–5) on synthetic portfolios (1 000 and 100 000 panden; 3 000 with
every convention changed) and on 400 generated scenarios (tests/strategieen.py, fixed
seed), and stores every array of ``Uitkomst`` — including the matrices built on request.
For every case with portfolio stages (the generated ones with verevening or fondsen, the
bundled fund designs, and a 1 000-pand fund with each allocation convention) it also stores
the stages' results (METHODE §6–7): every array of each fund, its ledger, tranches and KPIs,
and the programme. The comparison is on the bytes: a last-bit change, a -0.0 for a 0.0 or
a NaN payload counts.
"""

from __future__ import annotations

import argparse
import copy
import pickle
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests"), str(ROOT / "benchmarks")]

from run import portefeuille  # noqa: E402

from transformatiecalc import valideer  # noqa: E402
from transformatiecalc.engine import Uitkomst, bereken_invoer, invoer_uit_scenario  # noqa: E402
from transformatiecalc.engine.invoer import Invoer  # noqa: E402
from transformatiecalc.engine.portefeuille import bereken_portefeuille  # noqa: E402
from transformatiecalc.engine.portefeuilleinvoer import met_stappen  # noqa: E402
from transformatiecalc.engine.uitkomst import OP_VERZOEK  # noqa: E402
from transformatiecalc.laden import als_gewone_data, lees_met_erfenis  # noqa: E402


def scenarios() -> list[tuple[str, dict[str, Any]]]:
    """The scenario data of every case, by name (deterministic)."""
    from hypothesis import HealthCheck, given, settings
    from strategieen import volledige_scenarios

    uit = [(f"synthetisch_{n}", portefeuille(n)) for n in (1_000, 100_000)]
    basis = portefeuille(3_000, seed=5)
    for i, conventies in enumerate(
        (
            {
                "disconteringsmoment": "midden_jaar",
                "rente_model": "kasstroom",
                "ak_grondslag": "bouw_en_grond",
                "wr_grondslag": "kosten",
                "disconteringsvoet_opbrengst": "markt",
            },
            {"rente_model": "geen", "ak_grondslag": "opbrengst"},
        )
    ):
        data = copy.deepcopy(basis)
        data["conventies"].update(conventies)
        uit.append((f"conventies_{i}", data))
    gegenereerd: list[dict[str, Any]] = []

    @settings(
        max_examples=400,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(volledige_scenarios())
    def verzamel(data: dict[str, Any]) -> None:
        gegenereerd.append(copy.deepcopy(data))

    verzamel()
    return uit + fondsgevallen() + [(f"gegenereerd_{i}", d) for i, d in enumerate(gegenereerd)]


def fondsgevallen(panden: int = 1_000) -> list[tuple[str, dict[str, Any]]]:
    """The bundled scenarios, and a fund over `panden` panden (oversubscribed: long waiting
    lists) with each allocation convention."""
    uit = [
        (f"bundel_{pad.stem}", als_gewone_data(lees_met_erfenis(pad)))
        for pad in sorted((ROOT / "scenarios").glob("*.yaml"))
    ]
    basis = portefeuille(panden, seed=7, fondsen=True)
    toewijzingen: tuple[dict[str, Any], ...] = (
        {},
        {"bij_geldgebrek": "deels"},
        {"alleen_sluitend": True, "volgorde_panden": "startjaar"},
        {
            "max_wachttijd": None,
            "volgorde_panden": "invoer",
            "prioriteit": [f"B{panden // 2:06d}", "B000007"],
        },
    )
    for i, toewijzing in enumerate(toewijzingen):
        data = copy.deepcopy(basis)
        fonds = data["fondsen"][0]
        fonds["toewijzing"].update(toewijzing)
        if fonds["toewijzing"].get("max_wachttijd", 0) is None:
            del fonds["toewijzing"]["max_wachttijd"]
        if i == 2:
            fonds["kredietlimiet"] = 1_500_000
        if i == 3:
            fonds["instrumenten"].append(
                {"naam": "deelneming", "soort": "deelneming", "verkoop_na": 10}
            )
            fonds["instrumenten"].append(
                {
                    "naam": "garantie",
                    "soort": "garantie",
                    "bankfinanciering": 0.6,
                    "dekking": 0.5,
                    "premie": 0.005,
                    "renteverlaging": 0.01,
                    "looptijd": 10,
                    "wanbetaling": {"kans": 0.05, "verlies": 0.5},
                }
            )
            fonds["toewijzing"]["volgorde_instrumenten"] += ["garantie", "deelneming"]
        uit.append((f"fonds_{panden}_{i}", data))
    return uit


def portefeuille_arrays(data: dict[str, Any], u: Uitkomst) -> dict[str, np.ndarray]:
    """Every array the portfolio stages produce (METHODE §6–7); empty without stages."""
    sc = valideer(copy.deepcopy(data))
    if not met_stappen(sc):
        return {}
    pf = bereken_portefeuille(sc, u)
    uit: dict[str, Any] = {"ort_na": pf.ort_na, "ort_fondsen": pf.ort_fondsen}
    uit.update({f"programma.{k}": v for k, v in pf.programma.items()})
    if pf.verevening is not None:
        for v in fields(pf.verevening):
            uit[f"verevening.{v.name}"] = getattr(pf.verevening, v.name)
    for i, f in enumerate(pf.fondsen):
        for v in fields(f):
            waarde = getattr(f, v.name)
            if isinstance(waarde, dict):
                for k, w in waarde.items():
                    uit[f"fonds{i}.{v.name}.{k}"] = w
            else:
                uit[f"fonds{i}.{v.name}"] = waarde
    return {k: _array(v) for k, v in uit.items()}


def _array(v: Any) -> np.ndarray:
    """A value as an array to compare on the bytes (None and text as an object array)."""
    try:
        x = np.array(v, copy=True)
    except ValueError:
        x = np.array(repr(v))
    return x if x.dtype != object else np.array(repr(v))


def invoeren(daten: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, Invoer]]:
    """Every case as the core's input."""
    return [(naam, invoer_uit_scenario(valideer(copy.deepcopy(d)))) for naam, d in daten]


def arrays(u: Uitkomst) -> dict[str, np.ndarray]:
    namen = [v.name for v in fields(u) if v.name != "invoer"] + list(OP_VERZOEK)
    uit: dict[str, np.ndarray] = {}
    for naam in namen:
        waarde = getattr(u, naam)
        delen = waarde.items() if isinstance(waarde, dict) else [(None, waarde)]
        for sleutel, x in delen:
            uit[naam if sleutel is None else f"{naam}.{sleutel}"] = np.array(x, copy=True)
    return uit


def alle_arrays(inv: Invoer, data: dict[str, Any] | None) -> dict[str, np.ndarray]:
    """The core's arrays, and the portfolio stages' when the case has them."""
    u = bereken_invoer(inv)
    uit = arrays(u)
    if data is not None:
        uit.update({f"portefeuille.{k}": v for k, v in portefeuille_arrays(data, u).items()})
    return uit


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    wat = args.add_mutually_exclusive_group(required=True)
    wat.add_argument("--maak", type=Path, help="schrijf de referentie naar dit bestand")
    wat.add_argument("--vergelijk", type=Path, help="vergelijk met deze referentie")
    args.add_argument(
        "--invoer-opnieuw",
        action="store_true",
        help="maak de invoer opnieuw uit dezelfde scenario's (na een wijziging van Invoer)",
    )
    opties = args.parse_args()
    if opties.maak is not None:
        daten = scenarios()
        alles = invoeren(daten)
        referentie = {
            naam: alle_arrays(inv, d) for (naam, inv), (_, d) in zip(alles, daten, strict=True)
        }
        with opties.maak.open("wb") as f:
            pickle.dump((alles, referentie, daten), f)
        print(f"{len(alles)} invoeren vastgelegd in {opties.maak}")
        return
    with opties.vergelijk.open("rb") as f:
        alles, referentie, *daten = pickle.load(f)
    if opties.invoer_opnieuw:
        if not daten:
            raise SystemExit("deze referentie bevat geen scenario's; maak haar opnieuw met --maak")
        alles = invoeren(daten[0])
    anders = 0
    for i, (naam, inv) in enumerate(alles):
        nu = alle_arrays(inv, daten[0][i][1] if daten else None)
        for sleutel in sorted(set(nu) | set(referentie[naam])):
            a, b = referentie[naam].get(sleutel), nu.get(sleutel)
            if (
                a is None
                or b is None
                or a.shape != b.shape
                or a.dtype != b.dtype
                or a.tobytes() != b.tobytes()
            ):
                anders += 1
                print(f"anders: {naam} {sleutel}")
    print(f"{len(alles)} invoeren vergeleken, {anders} arrays anders")
    raise SystemExit(1 if anders else 0)


if __name__ == "__main__":
    main()
