"""The fund ledger over replicas (issue #18 item 1) against the ledger before it.

`tests/data/fondsen_referentie.json` holds, for the cases of :func:`gevallen`, every fund's
KPIs, year-end cash, tranche table and the gaps after the funds as computed by the scalar
ledger of commit d0bb5d9 (one pand at a time, Python floats), the last version before the
ledger ran over an axis of replicas: an independent implementation of the same rules. The
numbers must be the same to the bit (floats are stored with ``repr``).

Made with: ``git worktree add /tmp/oud d0bb5d9``, the corrections below made in its
``engine/fondsen`` (two of 4 December 2026, three of 5 December), and, in this repository,
``PYTHONPATH=/tmp/oud/src python tests/test_fonds_referentie.py --maak`` (the cases come
from this module, the numbers from the old package). The corrections: (1) in
``Toewijzing.wachtenden`` the branch ``elif self.nodig_nu[p] > self.kas.saldo -
self.kas.vloer + CENT:`` and the line under it deleted —
it passed over a waiting pand while the outlay of its package of an earlier year exceeded the
cash, where the rule is that the package sized again this year must fit (docs/methode.md §7,
"Geldgebrek"); (2) in ``Toewijzing.probeer`` ``self.gehonoreerd[p] = 1.0`` replaced by
``min(float(totaal.bedrag) / gevraagd, 1.0) if gevraagd > 0 else 1.0`` with ``gevraagd =
float(self.gevraagd[p])`` — a package sized again after waiting can be smaller than the one
asked. fonds_60_2 and fonds_60_3 differ from the reference without them. (3) In
``instrumenten.py``, ``Erfpacht.aanbod``: the grond the pand must buy back when the term ends
is subtracted from the effect (docs/methode.md §7, "Instrumenten") — ``per_euro = prijs *
fp.d1(p, c) - float((canon * dj).sum()) - groei ** (int(jaar[-1]) - s) * float(dj[-1])``
with ``dj = fp.d(p, jaar)``; (4) in ``kengetallen.py`` the ``hefboom`` counts the SK of the
panden closed (``gesloten``), not helped; (5) the KPI ``verlies_eigen_vermogen`` (the sum of
``verlies`` over the ``eigen_vermogen`` tranches) after ``tranches_met_verlies``; (6) the
guarantee KPIs: a scalar ``garanties(fu, fonds, fp)`` in ``kengetallen.py`` (per year the sum
of ``toegekend`` of the garantie instruments running from ``jaar + 1`` to ``jaar +
looptijd``, its maximum and first year, the minimum of ``eind / stand``, the largest
guarantee); (7) in ``Lening.aanbod`` the ``vordering`` is the expected payments
after the horizon at the fund's rate (``waarderingsvoet=voet`` passed as for erfpacht):
``terug * float(np.where(jaar > fp.laatste, (schema.rente + schema.aflossing) * korting,
0.0).sum())``; (8) the reason ``Reden.NA_WACHTEN`` (7): in ``Toewijzing.wachtenden``, a
waiting pand that ``probeer`` lets go with ``DEKT_NIET`` or ``NIET_SLUITEND`` gets it, and
``panden_afgevallen`` counts it with ``WACHTTIJD``.
"""

from __future__ import annotations

import copy
import json
import math
import sys
from pathlib import Path
from typing import Any

import pytest

import transformatiecalc  # first: with --maak the package is the one on PYTHONPATH

ROOT = Path(__file__).resolve().parents[1]
REFERENTIE = ROOT / "tests" / "data" / "fondsen_referentie.json"


def gevallen() -> dict[str, dict[str, Any]]:
    """The bundled fund designs, an oversubscribed 60-pand fund under each allocation
    convention, and erfpacht terms that end just past the horizon (a power of 2)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bits import fondsgevallen

    uit = {naam: data for naam, data in fondsgevallen(60) if "fondsen" in data}
    erfpacht = copy.deepcopy(uit["bundel_fonds_erfpacht_garantie"])
    erfpacht["horizon"] = 4
    erfpacht.setdefault("conventies", {})["huur_boven_maximum"] = "aftoppen"
    erfpacht["markt"]["indexatie"]["grond"] = 0.0204
    for pand in erfpacht["panden"]:
        pand["transformatie"].update(start=2029, bouwtijd=1)
        pand["transformatie"].pop("kostenverdeling", None)
    erfpacht["fondsen"][0]["instrumenten"][0]["termijn"] = 2
    erfpacht["fondsen"][0]["tranches"][0]["bedrag"] = 500_000_000
    uit["erfpacht_voorbij_de_horizon"] = erfpacht
    midden = copy.deepcopy(uit["fonds_60_0"])
    midden["conventies"]["disconteringsmoment"] = "midden_jaar"
    uit["fonds_60_midden_jaar"] = midden
    return uit


def _tekst(x: Any) -> Any:
    """Every number as the exact text of its float (None, bool, int and text as they are)."""
    if isinstance(x, dict):
        return {k: _tekst(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_tekst(v) for v in x]
    if hasattr(x, "tolist"):
        return _tekst(x.tolist())
    if isinstance(x, float):
        return "nan" if math.isnan(x) else repr(x)
    return x


def getallen(data: dict[str, Any]) -> dict[str, Any]:
    """What the reference holds of one case."""
    from transformatiecalc import valideer
    from transformatiecalc.engine import bereken_invoer, invoer_uit_scenario
    from transformatiecalc.engine.portefeuille import bereken_portefeuille

    sc = valideer(copy.deepcopy(data))
    pf = bereken_portefeuille(sc, bereken_invoer(invoer_uit_scenario(sc)))
    return _tekst(
        {
            "ort_na": pf.ort_na,
            "programma": {k: v for k, v in pf.programma.items() if not isinstance(v, str)},
            "fondsen": [
                {
                    "kpi": f.kpi,
                    "eind": f.grootboek["eind"],
                    "vrije_kas": f.vrije_kas,
                    "toegekend": f.toegekend,
                    "tranches": f.tranches,
                }
                for f in pf.fondsen
            ],
        }
    )


@pytest.mark.parametrize("naam", sorted(json.loads(REFERENTIE.read_text())))
def test_fondsen_gelijk_aan_het_kasboek_van_voor_de_replicas(naam: str) -> None:
    referentie = json.loads(REFERENTIE.read_text())[naam]
    nu = json.loads(json.dumps(getallen(gevallen()[naam])))
    assert nu == referentie


if __name__ == "__main__" and sys.argv[1:] == ["--maak"]:
    print(f"pakket: {transformatiecalc.__file__}")
    REFERENTIE.write_text(
        json.dumps({naam: getallen(d) for naam, d in gevallen().items()}, indent=0) + "\n",
        encoding="utf-8",
    )
    print(f"geschreven: {REFERENTIE}")
