"""The result of a calculation: tables (pandas) named with the glossary, totals and assumptions.

Every column of the tables panden, functies, kasstromen and exploitatie is a quantity of
:mod:`..grootheden` (its label, unit, basis and §). :class:`Resultaat` is here; the tables per
pand, functie and year are built in :mod:`.tabellen`, a fund's tables in :mod:`.fondsen`,
rent law in :mod:`.huurrecht`, the warnings in :mod:`.controles`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from .. import __version__
from ..engine import Uitkomst
from ..engine.onrendabel import HerkomstOrt, herkomst_ort
from ..engine.portefeuille import Portefeuille, ontsluitingscurve
from ..grootheden import RG_POSTEN as RG_POSTEN  # still read here by grafieken.py, examples/
from ..schema import Scenario
from .controles import fondswaarschuwingen as fondswaarschuwingen
from .controles import waarschuwingen as waarschuwingen
from .fondsen import FondsTabellen as FondsTabellen
from .huurrecht import huurindexatie_per_segment as huurindexatie_per_segment
from .huurrecht import huurplafonds_per_segment as huurplafonds_per_segment
from .huurrecht import huurwaarschuwingen as huurwaarschuwingen
from .tabellen import EENHEDEN as EENHEDEN
from .tabellen import PANDKOLOMMEN as PANDKOLOMMEN
from .tabellen import exploitatietabel, functietabel, kasstroomtabel, pandentabel
from .tabellen import per_eenheid as per_eenheid


def scenario_sha256(scenario: Scenario) -> str:
    """sha256 of the effective scenario as canonical JSON (sorted keys, no spaces)."""
    tekst = json.dumps(
        scenario.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Resultaat:
    """Everything one scenario produces.

    - ``panden``: one row per pand (index ``pand``), euros nominal unless the column
      says ``_peildatum``; rates as fractions.
    - ``functies``: one row per programme line (pand, regel).
    - ``kasstromen``: one row per pand and year (index ``pand``, ``jaar``), one column
      per post of the project cash flow (costs negative), the total, the discount factor
      and the present value.
    - ``exploitatie``: per programme line and year of exploitation: bruto huur, lasten, NOI.
    - ``uitgangspunten``: every effective parameter, defaults included.
    - ``keten``: per pand the onrendabele top through the portfolio stages
      (herverkaveling → verevening → each fonds), € peildatum.
    - ``projecten``, ``verevening``, ``vereveningspotten`` and ``fondsen`` (per fonds
      its grootboek, panden, tranches and kpi): the portfolio stages (METHODE §6–7).
    - ``programma``: verevening and all funds together — panden and homes unlocked,
      public money in and net (at ``disconteringsvoet_publiek``), homes per € 1 mln;
      ``ontsluitingscurve``: the same at 50–200 % of the public tranches.
    """

    scenario: Scenario
    uitkomst: Uitkomst
    bron: str = "<scenario>"
    waarschuwingen: list[str] = field(default_factory=list)
    portefeuille: Portefeuille | None = None

    @cached_property
    def sha256(self) -> str:
        return scenario_sha256(self.scenario)

    @property
    def versie(self) -> str:
        return __version__

    @cached_property
    def uitgangspunten(self) -> dict[str, Any]:
        """The effective scenario (every default filled in) as plain JSON-able data."""
        return self.scenario.model_dump(mode="json")

    @cached_property
    def huurrecht(self) -> dict[str, Any] | None:
        """Rent law of the scenario (METHODE §2a), None without WWS points: the table used,
        the legal caps of the yearly rent increase and the effective rent index per segment
        (fractions per year)."""
        rijen = self.scenario.huurrecht
        if rijen is None:
            return None
        return {
            "tabel": rijen.tabel_tekst,
            "tabeljaar": rijen.tabeljaar,
            "prijspeil": rijen.prijspeil,
            "plafonds": huurplafonds_per_segment(self.scenario),
            "indexatie": huurindexatie_per_segment(self.scenario),
        }

    # ------------------------------------------------------------------ tables
    @cached_property
    def herkomst_ort(self) -> HerkomstOrt:
        """Where the ORT comes from: the inbreng's share, the ORT without it and the
        break-even bouwkosten per m² BVO (METHODE §5)."""
        return herkomst_ort(self.uitkomst)

    @cached_property
    def panden(self) -> pd.DataFrame:
        return pandentabel(self.uitkomst, self.scenario, self.herkomst_ort)

    @cached_property
    def functies(self) -> pd.DataFrame:
        return functietabel(self.uitkomst, self.scenario, self.herkomst_ort)

    @cached_property
    def kasstromen(self) -> pd.DataFrame:
        return kasstroomtabel(self.uitkomst)

    @cached_property
    def exploitatie(self) -> pd.DataFrame:
        return exploitatietabel(self.uitkomst, self.functies)

    # ------------------------------------------------------- portfolio stages
    @property
    def _pf(self) -> Portefeuille:
        if self.portefeuille is None:
            raise ValueError("dit resultaat is zonder portefeuillestappen berekend")
        return self.portefeuille

    @cached_property
    def keten(self) -> pd.DataFrame:
        """ORT per pand after each stage (€ peildatum); one column per stage that ran."""
        pf = self._pf
        kolommen: dict[str, Any] = {"onrendabele_top": pf.ort_voor}
        if pf.herverkaveling is not None:
            kolommen["na_herverkaveling"] = pf.herverkaveling.ort_na
        if pf.verevening is not None:
            kolommen["na_verevening"] = pf.verevening.ort_na
        for f in pf.fondsen:
            kolommen[f"na_{f.naam}"] = f.ort_na
        kolommen["onrendabele_top_na"] = pf.ort_na
        return pd.DataFrame(kolommen, index=self.panden.index)

    @cached_property
    def projecten(self) -> pd.DataFrame:
        """Herverkaveling: per project and eigenaar the share and the result alone vs. together."""
        kolommen = [
            "project",
            "eigenaar",
            "aandeel",
            "resultaat_alleen",
            "resultaat_samen",
            "verschil",
        ]
        h = self._pf.herverkaveling
        return pd.DataFrame(h.eigenaren if h else [], columns=kolommen)

    @cached_property
    def verevening(self) -> pd.DataFrame | None:
        """Per pand: gebied, grondslag, ORT voor, bijdrage, ontvangst, ORT na (€ peildatum)."""
        v = self._pf.verevening
        if v is None:
            return None
        return pd.DataFrame(
            {
                "gebied": v.gebied,
                "grondslag": v.grondslag,
                "ort_voor": v.ort_voor,
                "bijdrage": v.bijdrage,
                "ontvangst": v.ontvangst,
                "ort_na": v.ort_na,
                "bijdrage_nominaal": v.bijdrage_nominaal,
                "jaar_bijdrage": self.uitkomst.invoer.oplevering + self.scenario.startjaar,
                "ontvangst_nominaal": v.ontvangst_nominaal,
                "jaar_ontvangst": self.uitkomst.invoer.start + self.scenario.startjaar,
            },
            index=self.panden.index,
        )

    @cached_property
    def vereveningspotten(self) -> pd.DataFrame | None:
        """Per gebied: beginsaldo, bijdragen, toewijzingen, rest, tekort voor en na."""
        v = self._pf.verevening
        if v is None:
            return None
        return pd.DataFrame.from_dict(v.potten, orient="index").rename_axis("gebied")

    @cached_property
    def vereveningsstromen(self) -> pd.DataFrame | None:
        """The pool's nominal flows per year and its cumulative saldo."""
        v = self._pf.verevening
        if v is None:
            return None
        return pd.DataFrame(
            {
                "bijdragen": v.bijdragen_per_jaar,
                "toewijzingen": v.toewijzingen_per_jaar,
                "saldo": v.saldo_per_jaar,
            },
            index=pd.Index(np.arange(v.saldo_per_jaar.size) + self.scenario.startjaar, name="jaar"),
        )

    @cached_property
    def fondsen(self) -> dict[str, FondsTabellen]:
        """Per fonds (by name): grootboek, panden, tranches and kpi."""
        jaren = pd.Index(
            np.arange(self.uitkomst.invoer.jaren) + self.scenario.startjaar, name="jaar"
        )
        return {
            f.naam: FondsTabellen.maak(f, self.panden.index, jaren, self.scenario.startjaar)
            for f in self._pf.fondsen
        }

    @property
    def programma(self) -> dict[str, Any]:
        """Verevening and all funds together (METHODE §7, "Programma"); empty without them."""
        pf = self.portefeuille
        if pf is None or (pf.verevening is None and not pf.fondsen):
            return {}
        return pf.programma

    @cached_property
    def ontsluitingscurve(self) -> pd.DataFrame:
        """Homes unlocked against public money at multiples of the public tranches (index
        factor); empty when no fund has a public tranche. Runs the funds again per point."""
        punten = ontsluitingscurve(self._pf, self.uitkomst) if self.portefeuille else []
        return pd.DataFrame(punten).set_index("factor") if punten else pd.DataFrame()

    # ------------------------------------------------------------------ totals
    @cached_property
    def totalen(self) -> dict[str, Any]:
        df = self.panden
        ort = df["onrendabele_top"]
        som = {
            k: float(df[k].sum())
            for k in (
                "opbrengst",
                "stichtingskosten",
                "residuele_grondwaarde_oplevering",
                "residuele_grondwaarde_peildatum",
                "inbrengwaarde",
                "transformatieruimte",
                "afwaardering",
                "exploitatiewaarde",
                "ncw",
                "onrendabele_top",
                "subsidie_sluitend",
            )
        }
        f = self.functies
        per_functie = {
            naam: {
                "woningen": int(groep["woningen"].sum()),
                "bvo": float(groep["bvo"].sum()),
                "onrendabele_top": float(groep["onrendabele_top"].sum()),
            }
            for naam, groep in f.groupby("functie", sort=True)
        }
        return {
            "panden": len(df),
            "woningen": int(df["woningen"].sum()),
            "bvo": float(df["bvo"].sum()),
            **som,
            "tekort": float(ort.clip(lower=0).sum()),
            "overschot": float((-ort).clip(lower=0).sum()),
            "panden_met_tekort": int((ort > 0).sum()),
            **self._totalen_na(),
            "per_functie": per_functie,
        }

    def _totalen_na(self) -> dict[str, Any]:
        if self.portefeuille is None:
            return {}
        na = self.portefeuille.ort_na
        return {
            "onrendabele_top_na": float(na.sum()),
            "tekort_na": float(np.clip(na, 0.0, None).sum()),
            "panden_met_tekort_na": int((na > 0.005).sum()),
        }
