"""One fund's results as tables (METHODE §7): its ledger, per pand, its tranches and kpi."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from ..engine.fondsen import ONTVANGSTEN, REDENEN, UITGAVEN, FondsUitkomst, Reden


@dataclass(frozen=True)
class FondsTabellen:
    """One fund's results as tables."""

    naam: str
    instrumenten: list[str]
    grootboek: pd.DataFrame  # index jaar: begin, ontvangsten, uitgaven, eind (€ nominaal)
    panden: pd.DataFrame  # index pand: ort_voor, <instrument>_bedrag/_effect/_jaar, ort_na, …
    tranches: pd.DataFrame  # index tranche
    kpi: dict[str, Any]

    @cached_property
    def bronnen_en_bestedingen(self) -> pd.DataFrame:
        """Sources and uses over the whole horizon (€ nominaal, summed over years).

        Rows ``kant`` 'bron' (the opening balance and every kind of money in) and
        'besteding' (every kind of money out and the closing balance); posts that stay
        zero are left out. By the ledger identity both sides add up to the same total. A
        negative closing balance (cash short at the horizon, possible only when the fund
        prefinances verevening) is the source ``kastekort``.
        """
        g = self.grootboek
        begin = float(g["begin"].iloc[0]) if len(g) else 0.0
        eind = float(g["eind"].iloc[-1]) if len(g) else 0.0
        rijen = [("bron", "begin", begin)]
        rijen += [("bron", k, float(g[k].sum())) for k in ONTVANGSTEN]
        rijen += [("besteding", k, float(g[k].sum())) for k in UITGAVEN]
        rijen.append(("besteding", "eind", eind) if eind >= 0 else ("bron", "kastekort", -eind))
        tabel = pd.DataFrame(rijen, columns=["kant", "post", "bedrag"])
        return tabel[tabel["bedrag"].abs() > 0.005].reset_index(drop=True)

    @classmethod
    def maak(
        cls, f: FondsUitkomst, panden: pd.Index, jaren: pd.Index, startjaar: int
    ) -> FondsTabellen:
        grootboek = pd.DataFrame(f.grootboek, index=jaren)
        per_pand: dict[str, Any] = {"ort_voor": f.ort_voor}
        for k, naam in enumerate(f.instrumenten):
            per_pand[f"{naam}_bedrag"] = f.toegekend[:, k]
            per_pand[f"{naam}_effect"] = f.effect[:, k]
            per_pand[f"{naam}_jaar"] = pd.array(
                [int(j) + startjaar if j >= 0 else None for j in f.jaar[:, k]], dtype="Int64"
            )
        per_pand["ort_na"] = f.ort_na
        per_pand["niet_gefinancierd"] = f.reden > 0
        per_pand["reden"] = pd.array([REDENEN[Reden(int(r))] for r in f.reden], dtype="string")
        per_pand["aanvraagjaar"] = _jaren(f.aanvraagjaar, startjaar)
        per_pand["toezegjaar"] = _jaren(f.toezegjaar, startjaar)
        per_pand["wachttijd"] = pd.array(
            [
                int(b - a) if b >= 0 else None
                for a, b in zip(f.aanvraagjaar, f.toezegjaar, strict=True)
            ],
            dtype="Int64",
        )
        per_pand["gevraagd"] = f.gevraagd
        per_pand["gehonoreerd"] = f.gehonoreerd
        per_pand["naar_pand"] = f.naar_pand
        per_pand["van_pand"] = f.van_pand
        tranches = pd.DataFrame(f.tranches).set_index("naam")
        return cls(
            f.naam,
            f.instrumenten,
            grootboek,
            pd.DataFrame(per_pand, index=panden),
            tranches,
            f.kpi,
        )


def _jaren(index: np.ndarray, startjaar: int) -> Any:
    return pd.array([int(j) + startjaar if j >= 0 else None for j in index], dtype="Int64")
