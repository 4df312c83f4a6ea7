"""The result of a calculation: tables (pandas) named with the glossary, totals and assumptions.

Every column of the tables panden, functies, kasstromen and exploitatie is a quantity of
:mod:`.grootheden` (its label, unit, basis and §).
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from . import __version__
from .engine import KASSTROOMPOSTEN, Uitkomst
from .engine.assen import As
from .engine.fondsen import ONTVANGSTEN, REDENEN, UITGAVEN, FondsUitkomst, Reden
from .engine.huurrecht.programma import HuurrechtRijen, gewenste_huurindexatie, plafonds
from .engine.huurrecht.tabellen import (
    MIDDEN_TOT_EN_MET,
    NIEUWBOUW_JAREN,
    NIEUWBOUW_OPSLAG,
    SOCIAAL_TOT_EN_MET,
    Segment,
    met_opslag,
)
from .engine.invoer import BAR, KOOP, METHODE_NAMEN, NAR, SOORT_NAMEN, Invoer
from .engine.kasstroom import IRR_REDENEN
from .engine.onrendabel import HerkomstOrt, herkomst_ort
from .engine.portefeuille import Portefeuille, ontsluitingscurve
from .getallen import decimaal, duizendtallen, reeksen
from .grootheden import PRIJSEENHEDEN, namen
from .grootheden import RG_POSTEN as RG_POSTEN  # still read here by grafieken.py, examples/
from .schema import Dcf, Huurwoning, Scenario

#: Unit of a functie's price (and so of its kostprijsdekkende prijs), per soort code.
EENHEDEN = PRIJSEENHEDEN

#: The columns of :attr:`Resultaat.panden`, in order (the pand is its index): the Panden
#: sheet of the workbook has them in this order, so that pandas reads it back as this frame.
PANDKOLOMMEN = namen(
    As.PAND,
    "naam",
    "eigenaar",
    "eigenaar_soort",
    "publiek",
    "exploitant",
    "start",
    "bouwtijd",
    "oplevering",
    "woningen",
    "bvo",
    "inbrengwaarde",
    "boekwaarde",
    "opbrengst",
    "inbreng",
    "verwervingskosten",
    *RG_POSTEN,
    "stichtingskosten",
    "residuele_grondwaarde_oplevering",
    "residuele_grondwaarde_peildatum",
    "grondquote",
    "transformatieruimte",
    "afwaardering",
    "exploitatiewaarde",
    "ncw",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "ort_per_woning",
    "ort_per_m2_bvo",
    "break_even_bouwkosten_per_m2",
    "residuele_grondwaarde_dcf",
    "irr",
    "irr_reden",
    "subsidie_sluitend",
    "max_inbrengwaarde",
    "huurfactor_rendementseis",
    "disconteringsvoet",
    "rendementseis",
)


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
        u, inv, sc = self.uitkomst, self.uitkomst.invoer, self.scenario
        h = self.herkomst_ort
        partij = [sc.partijen[p.eigenaar] for p in sc.panden]
        df = pd.DataFrame(
            {
                "naam": [p.naam or p.id for p in sc.panden],
                "eigenaar": [p.eigenaar for p in sc.panden],
                "eigenaar_soort": [x.soort for x in partij],
                "publiek": [x.publiek for x in partij],
                "exploitant": [p.transformatie.exploitant for p in sc.panden],
                "start": inv.start + inv.startjaar,
                "bouwtijd": inv.bouwtijd,
                "oplevering": inv.oplevering + inv.startjaar,
                "woningen": u.woningen.astype(np.int64),
                "bvo": u.bvo,
                "inbrengwaarde": inv.inbrengwaarde,
                "boekwaarde": inv.boekwaarde,
                "opbrengst": u.opbrengst,
                "inbreng": u.inbreng,
                "verwervingskosten": u.verwervingskosten,
                "bouwkosten": u.bouwkosten,
                "bijkomende_kosten": u.bijkomende_kosten,
                "onvoorzien": u.onvoorzien,
                "btw": u.btw,
                "financieringskosten": u.financieringskosten,
                "algemene_kosten": u.algemene_kosten,
                "winst_en_risico": u.winst_en_risico,
                "stichtingskosten": u.stichtingskosten,
                "residuele_grondwaarde_oplevering": u.rg_oplevering,
                "residuele_grondwaarde_peildatum": u.rg_peildatum,
                "grondquote": u.grondquote,
                "transformatieruimte": u.transformatieruimte,
                "afwaardering": u.afwaardering,
                "exploitatiewaarde": u.exploitatiewaarde,
                "ncw": u.ncw,
                "onrendabele_top": u.onrendabele_top,
                "ort_zonder_inbreng": h.ort_zonder_inbreng,
                "inbreng_aandeel": h.inbreng_aandeel,
                "ort_per_woning": per_eenheid(u.onrendabele_top, u.woningen),
                "ort_per_m2_bvo": per_eenheid(u.onrendabele_top, u.bvo),
                "break_even_bouwkosten_per_m2": h.break_even_bouwkosten_per_m2,
                "residuele_grondwaarde_dcf": u.rg_dcf,
                "irr": u.irr,
                # nullable text: the same dtype whether or not any pand lacks an IRR
                "irr_reden": pd.array([IRR_REDENEN[int(r)] for r in u.irr_reden], dtype="string"),
                "subsidie_sluitend": u.subsidie_sluitend,
                "max_inbrengwaarde": u.max_inbrengwaarde,
                "huurfactor_rendementseis": u.huurfactor_rendementseis,
                "disconteringsvoet": inv.disconteringsvoet,
                "rendementseis": inv.rendementseis,
            },
            index=pd.Index(list(inv.pand_ids), name="pand"),
        )
        return df[list(PANDKOLOMMEN)]

    @cached_property
    def functies(self) -> pd.DataFrame:
        u, inv, sc = self.uitkomst, self.uitkomst.invoer, self.scenario
        regels = [(p.id, k, r) for p in sc.panden for k, r in enumerate(p.transformatie.programma)]
        huur = inv.methode != KOOP
        methode = inv.methode
        h = self.herkomst_ort
        df = pd.DataFrame(
            {
                "pand": [x[0] for x in regels],
                "regel": [x[1] for x in regels],
                "functie": [x[2].functie for x in regels],
                "soort": [SOORT_NAMEN[s] for s in inv.soort],
                "waardering": [METHODE_NAMEN[m] for m in methode],
                "ingreep": [x[2].ingreep for x in regels],
                "woningen": inv.woningen.astype(np.int64),
                "bvo": inv.bvo,
                "prijs": inv.prijs,
                "eenheid": [EENHEDEN[s] for s in inv.soort],
                "opbrengst": u.f_opbrengst,
                "exploitatiewaarde": u.f_exploitatiewaarde,
                "inbreng": u.f_inbreng,
                "verwervingskosten": u.f_verwervingskosten,
                "bouwkosten": u.f_bouwkosten,
                "bijkomende_kosten": u.f_bijkomende_kosten,
                "onvoorzien": u.f_onvoorzien,
                "btw": u.f_btw,
                "algemene_kosten": u.f_algemene_kosten,
                "winst_en_risico": u.f_winst_en_risico,
                "ncw": u.f_ncw,
                "onrendabele_top": u.f_onrendabele_top,
                "ort_zonder_inbreng": h.f_ort_zonder_inbreng,
                "inbreng_aandeel": h.f_inbreng_aandeel,
                "ort_per_woning": per_eenheid(u.f_onrendabele_top, inv.woningen),
                "ort_per_m2_bvo": per_eenheid(u.f_onrendabele_top, inv.bvo),
                "kostprijsdekkende_huur": np.where(huur, u.f_kostprijsdekkende_prijs, np.nan),
                "kostprijsdekkende_von_prijs": np.where(huur, np.nan, u.f_kostprijsdekkende_prijs),
                "betaalbare_huur": inv.betaalbaar,
                "betaalbaarheidsgat": u.f_betaalbaarheidsgat,
                "break_even_bar": np.where(methode == BAR, u.f_break_even_rendement, np.nan),
                "break_even_nar": np.where(methode == NAR, u.f_break_even_rendement, np.nan),
                "waarderingsvoet": u.f_waarderingsvoet,
                **huurrecht_kolommen(sc, inv, u.f_kostprijsdekkende_prijs),
            }
        )
        return df.set_index(["pand", "regel"])

    @cached_property
    def kasstromen(self) -> pd.DataFrame:
        u, inv = self.uitkomst, self.uitkomst.invoer
        j = u.kasstroom_totaal.shape[1]
        index = pd.MultiIndex.from_product(
            [list(inv.pand_ids), np.arange(j) + inv.startjaar], names=["pand", "jaar"]
        )
        kolommen: dict[str, Any] = {post: u.kasstroom[post].ravel() for post in KASSTROOMPOSTEN}
        kolommen["kasstroom"] = u.kasstroom_totaal.ravel()
        kolommen["disconteringsfactor"] = u.disconteringsfactor.ravel()
        kolommen["contante_waarde"] = (u.kasstroom_totaal * u.disconteringsfactor).ravel()
        return pd.DataFrame(kolommen, index=index)

    @cached_property
    def exploitatie(self) -> pd.DataFrame:
        u, inv = self.uitkomst, self.uitkomst.invoer
        rij, jaar = np.nonzero(u.bruto_huur)
        functies = self.functies.index
        return pd.DataFrame(
            {
                "pand": functies.get_level_values("pand")[rij],
                "regel": functies.get_level_values("regel")[rij],
                "functie": self.functies["functie"].to_numpy()[rij],
                "jaar": jaar + inv.startjaar,
                "bruto_huur": u.bruto_huur[rij, jaar],
                "effectieve_huur": u.bruto_huur[rij, jaar] * (1.0 - inv.leegstand[rij]),
                "exploitatielasten": u.exploitatielasten[rij, jaar],
                "noi": u.noi[rij, jaar],
            }
        ).set_index(["pand", "regel", "jaar"])

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


def per_eenheid(bedrag: np.ndarray, aantal: np.ndarray) -> np.ndarray:
    """`bedrag` per woning or per m² (€ per unit); NaN where there are none."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(aantal > 0, bedrag / aantal, np.nan)


def _jaren(index: np.ndarray, startjaar: int) -> Any:
    return pd.array([int(j) + startjaar if j >= 0 else None for j in index], dtype="Int64")


def _euro(x: float) -> str:
    return f"€ {duizendtallen(x)}"


def fondswaarschuwingen(pf: Portefeuille, startjaar: int) -> list[str]:
    """What a workgroup must not miss about the funds and the pot (Dutch, one line each):
    a lending tranche that loses money or is paid late, cash below zero, panden still
    waiting at the horizon, and a pot whose bridging nobody carries (an assumption)."""
    uit: list[str] = []
    v = pf.verevening
    if v is not None and v.gedragen_door is None and v.voorfinanciering > 0.005:
        uit.append(
            f"verevening: de pot moet {_euro(v.voorfinanciering)} voorfinancieren (toewijzingen "
            "bij de start, bijdragen pas bij oplevering) en geen fonds draagt hem; gerekend is "
            "alsof de gemeente dat doet (zet 'verevening' vooraan in volgorde_instrumenten van "
            "een fonds om het door een fonds te laten dragen)"
        )
    for f in pf.fondsen:
        uit += _tranchewaarschuwingen(f)
        uit += _kaswaarschuwingen(f, None if v is None else v.gedragen_door, startjaar)
        uit += _opzetwaarschuwing(f, startjaar)
        uit += _wachtwaarschuwingen(f, startjaar)
    return uit


def _tranchewaarschuwingen(f: FondsUitkomst) -> list[str]:
    """Per lending tranche of fund `f`: an expected loss, and payment in arrears (€ nominaal)."""
    uit: list[str] = []
    t = f.tranches
    for i, naam in enumerate(t["naam"]):
        if t["soort"][i] != "lening":
            continue
        rente, irr = t["rente"][i], t["irr"][i]
        irr_tekst = f"IRR {decimaal(100 * irr, 1)} %" if math.isfinite(irr) else "geen IRR"
        rente_tekst = f"{decimaal(100 * float(rente or 0.0), 1)} % rente"
        tranche = f"fonds {f.naam}: tranche {naam} (lening, rang {t['rang'][i]})"
        if t["verlies"][i] > 0.005:
            uit.append(
                f"{tranche} verliest naar verwachting {_euro(t['verlies'][i])} "
                f"({irr_tekst} tegen {rente_tekst})"
            )
        if t["jaren_achterstand"][i] > 0:
            uit.append(
                f"{tranche} wordt te laat betaald: achterstand tot "
                f"{_euro(t['achterstand_max'][i])}, {t['jaren_achterstand'][i]} jaar vanaf "
                f"{t['eerste_jaar_achterstand'][i]} ({irr_tekst} tegen {rente_tekst})"
            )
    return uit


def _kaswaarschuwingen(f: FondsUitkomst, potdrager: str | None, startjaar: int) -> list[str]:
    """Fund `f`'s cash below zero during the horizon (when, how deep, why) and a deficit
    left at the horizon (who does not get it back); `potdrager` is the fund that carries
    the verevening pot, if any."""
    uit: list[str] = []
    k = f.kpi
    if f.kastekort_jaren:
        jaren = [j + startjaar for j in f.kastekort_jaren]
        limiet = float(k["kredietlimiet"])
        if float(k["kastekort"]) <= limiet + 0.005:
            waarom = f"binnen de kredietlimiet van {_euro(limiet)}, zonder rente gerekend"
        elif potdrager == f.naam:
            waarom = "de vereveningspot die het fonds draagt vraagt meer dan zijn kas"
        else:
            waarom = "meer dan de kredietlimiet"
        wanneer = f"in {reeksen(jaren)}"
        if len(jaren) > 1:
            wanneer += f", het laagst in {k['jaar_minimum_saldo']}"
        uit.append(
            f"fonds {f.naam} staat rood: kas tot {_euro(float(k['kastekort']))} onder nul "
            f"{wanneer}; {waarom}"
        )
    if float(k["tekort_einde"]) > 0.005:
        wie = (
            "de kredietverstrekker krijgt de roodstand niet terug"
            if float(k["kredietlimiet"]) > 0
            else "geen tranche in de afrekening draagt dit"
        )
        uit.append(
            f"fonds {f.naam} eindigt met een tekort: eindvermogen aan de horizon "
            f"{_euro(float(k['tekort_einde']))} onder nul; {wie}"
        )
    return uit


def _opzetwaarschuwing(f: FondsUitkomst, startjaar: int) -> list[str]:
    """A fund whose set-up does not close: without any commitment its forecast goes below
    zero (in which year, or at the settlement at the horizon)."""
    if f.jaar_tekort_opzet is None:
        return []
    return [
        f"fonds {f.naam}: de opzet sluit niet — zonder één toezegging komt de "
        f"prognose {_euro(f.tekort_opzet)} onder nul "
        + (
            "bij de afrekening aan de horizon"
            if f.jaar_tekort_opzet == len(f.vrije_kas) - 1
            else f"in {f.jaar_tekort_opzet + startjaar}"
        )
        + " (rente en aflossing aan tranches of de vereveningspot vragen meer dan er "
        "binnenkomt); het fonds doet alleen toezeggingen die dat niet verergeren"
    ]


def _wachtwaarschuwingen(f: FondsUitkomst, startjaar: int) -> list[str]:
    """Panden fund `f` dropped after the maximum waiting time, and panden still waiting at
    the horizon, each with their remaining gap (€ of `startjaar`)."""
    uit: list[str] = []
    afgevallen = f.reden == Reden.WACHTTIJD
    if afgevallen.any():
        n = int(afgevallen.sum())
        uit.append(
            f"fonds {f.naam}: {n} {'pand viel' if n == 1 else 'panden vielen'} af na de "
            f"maximale wachttijd (tekort {_euro(float(f.ort_na[afgevallen].sum()))}, "
            f"€ van {startjaar})"
        )
    wachtend = int(f.kpi["panden_wachtend_einde"])
    if wachtend:
        open_ = float(f.ort_na[f.reden == Reden.WACHT].sum())
        uit.append(
            f"fonds {f.naam}: {wachtend} {'pand wacht' if wachtend == 1 else 'panden wachten'} "
            f"tot het eind van de horizon op geld (tekort {_euro(open_)}, € van {startjaar})"
        )
    return uit


def huurplafonds_per_segment(sc: Scenario) -> dict[str, float]:
    """The legal cap of the yearly rent increase per segment (METHODE §2a)."""
    caps = plafonds(sc)
    return {seg.naam: caps.van(seg) for seg in Segment}


def huurindexatie_per_segment(sc: Scenario) -> dict[str, float]:
    """The effective yearly rent index per segment: its own (or markt.indexatie.huur), at
    most the legal cap (METHODE §2a)."""
    wens = gewenste_huurindexatie(sc)
    return {seg: min(wens[seg], plafond) for seg, plafond in huurplafonds_per_segment(sc).items()}


def huurrecht_kolommen(sc: Scenario, inv: Invoer, kostprijsdekkend: np.ndarray) -> dict[str, Any]:
    """The rent-law columns of the functies table (METHODE §2a); empty (None/NaN) for rows
    without WWS points."""
    n = len(inv.pand)
    rijen = sc.huurrecht
    if rijen is None:
        leeg: Any = pd.array([None] * n, dtype="string")
        return {
            "wws_punten": pd.array([None] * n, dtype="Int64"),
            "wws_bron": leeg,
            "segment": leeg,
            "maximale_huur": np.full(n, np.nan),
            "wws_opslag": np.full(n, np.nan),
            "huur_boven_maximum": pd.array([None] * n, dtype="boolean"),
            "kostprijsdekkend_binnen_maximum": pd.array([None] * n, dtype="boolean"),
            "betaalbare_huur_bron": _betaalbare_huur_bron(sc, None),
            "indexatie_huur": inv.index_huur_functie,
        }
    getoetst = rijen.getoetst
    regulier = np.isfinite(rijen.maximale_huur)

    def alleen(mask: np.ndarray, waarde: np.ndarray) -> Any:
        return pd.array(
            [bool(w) if m else None for m, w in zip(mask, waarde, strict=True)], dtype="boolean"
        )

    return {
        "wws_punten": pd.array(
            [int(p) if g else None for g, p in zip(getoetst, rijen.punten, strict=True)],
            dtype="Int64",
        ),
        "wws_bron": pd.array([b or None for b in rijen.bron], dtype="string"),
        "segment": pd.array([rijen.segment_naam(i) or None for i in range(n)], dtype="string"),
        "maximale_huur": rijen.maximale_huur,
        "wws_opslag": rijen.opslag,
        "huur_boven_maximum": alleen(getoetst, rijen.boven_maximum),
        "kostprijsdekkend_binnen_maximum": alleen(
            regulier & np.isfinite(kostprijsdekkend),
            kostprijsdekkend <= rijen.maximale_huur + 0.005,
        ),
        "betaalbare_huur_bron": _betaalbare_huur_bron(sc, rijen),
        "indexatie_huur": inv.index_huur_functie,
    }


def _betaalbare_huur_bron(sc: Scenario, rijen: HuurrechtRijen | None) -> Any:
    """Per row where its betaalbare huur comes from: 'opgegeven', 'segmentgrens sociaal
    (143 punten)', 'segmentgrens midden (186 punten)', or None (no betaalbare huur)."""
    uit: list[str | None] = []
    i = 0
    for pand in sc.panden:
        for regel in pand.transformatie.programma:
            f = sc.functies[regel.functie]
            eigen = getattr(f, "betaalbare_huur_per_maand", None) or getattr(
                f, "betaalbare_huur_per_m2_per_jaar", None
            )
            if eigen is not None:
                uit.append("opgegeven")
            elif rijen is not None and np.isfinite(rijen.segmentgrens[i]):
                seg = rijen.segment_naam(i)
                grens = SOCIAAL_TOT_EN_MET if seg == "sociaal" else MIDDEN_TOT_EN_MET
                uit.append(f"segmentgrens {seg} ({grens} punten, {rijen.tabel_tekst})")
            else:
                uit.append(None)
            i += 1
    return pd.array(uit, dtype="string")


def huurwaarschuwingen(sc: Scenario) -> list[str]:
    """What rent law says about the programme (METHODE §2a), one Dutch line each: a rent
    capped at the legal maximum, a rent index capped by law, a rent that rests on the 10 %
    surcharge in a DCF longer than its 20 years, huurwoningen whose rent is not checked."""
    uit: list[str] = []
    rijen = sc.huurrecht
    zonder = [k for k, f in sc.functies.items() if isinstance(f, Huurwoning) and f.wws is None]
    gebruikt = {r.functie for p in sc.panden for r in p.transformatie.programma}
    zonder = [k for k in zonder if k in gebruikt]
    if zonder:
        uit.append(
            f"huurwoningen zonder WWS-punten ({', '.join(zonder)}): de huur is niet getoetst aan "
            "de Wet betaalbare huur; geef per functie wws (METHODE §2a)"
        )
    if rijen is None:
        return uit
    if rijen.tabeljaar != rijen.prijspeil:
        uit.append(
            f"maximale huren: {rijen.tabel_tekst} (een aanname; de tabel van {rijen.prijspeil} "
            "is nog niet bekend)"
        )
    for i in np.flatnonzero(rijen.boven_maximum):
        uit.append(
            f"{sc.panden[int(rijen.pand[i])].id}, {rijen.functie[i]}: huur "
            f"€ {decimaal(float(rijen.huur[i]))} ligt boven de maximale huur "
            f"€ {decimaal(float(rijen.maximale_huur[i]))} ({int(rijen.punten[i])} WWS-punten); "
            "gerekend met het maximum (conventies.huur_boven_maximum: aftoppen)"
        )
    wens = gewenste_huurindexatie(sc)
    for seg in Segment:
        mijn = rijen.segment == seg
        if not mijn.any():
            continue
        gewenst = wens[seg.naam]
        plafond = float(rijen.plafond[mijn][0])
        if gewenst > plafond:
            uit.append(
                f"huurindexatie {seg.naam}: {decimaal(100 * gewenst, 1)} % ligt boven het wettelijke "
                f"plafond van {decimaal(100 * plafond, 1)} %; gerekend met het plafond"
            )
    lang = _dcf_langer_dan_opslag(sc, rijen)
    if lang:
        uit.append(
            f"de huur van {', '.join(lang)} past alleen met de opslag van 10 % voor transformatie "
            f"vóór 2028, die na {NIEUWBOUW_JAREN} jaar vervalt; de DCF rekent langer door met "
            "dezelfde huur (METHODE §2a)"
        )
    return uit


def _dcf_langer_dan_opslag(sc: Scenario, rijen: HuurrechtRijen) -> list[str]:
    """Functies in a DCF longer than 20 years whose rent needs the 10 % surcharge."""
    uit: dict[str, None] = {}
    for i in np.flatnonzero(np.nan_to_num(rijen.opslag) >= NIEUWBOUW_OPSLAG - 1e-12):
        f = sc.functies[rijen.functie[i]]
        w = getattr(f, "waardering", None)
        if not isinstance(w, Dcf) or w.termijn <= NIEUWBOUW_JAREN:
            continue
        zonder = met_opslag(rijen.kale_maximale_huur[i], rijen.monument_opslag[i])
        if rijen.huur[i] > zonder + 0.005:
            uit[rijen.functie[i]] = None
    return list(uit)


#: A programme whose BVO differs from the pand's current BVO by more than this fraction
#: (either way) is named in the warnings.
BVO_MARGE = 0.05


#: Up to this many panden with a programme of another BVO get a line each; more get one line.
BVO_LOS = 2


def _bvo_waarschuwingen(scenario: Scenario, uitkomst: Uitkomst) -> list[str]:
    """Panden whose programme has more or less BVO than the pand has now (beyond BVO_MARGE):
    a line each for a few, one line listing them all for more (the example has ten; ten
    lines hid the other warnings)."""
    afwijkend: list[tuple[str, float, float]] = []
    for p, pand in enumerate(scenario.panden):
        huidig = pand.huidig.bvo
        nieuw = float(uitkomst.bvo[p])
        if huidig is not None and abs(nieuw - huidig) > BVO_MARGE * huidig:
            afwijkend.append((pand.id, nieuw, float(huidig)))

    def procent(nieuw: float, huidig: float) -> str:
        return f"{'+' if nieuw > huidig else ''}{decimaal(100 * (nieuw / huidig - 1), 1)} %"

    if len(afwijkend) <= BVO_LOS:
        return [
            f"{id_}: het programma heeft {duizendtallen(nieuw)} m² BVO, het pand nu "
            f"{duizendtallen(huidig)} m² ({procent(nieuw, huidig)}; "
            f"{'optoppen of uitbouwen?' if nieuw > huidig else 'leegstand of sloop?'} "
            "de bouwkosten volgen het programma)"
            for id_, nieuw, huidig in afwijkend
        ]
    lijst = ", ".join(f"{id_} {procent(nieuw, huidig)}" for id_, nieuw, huidig in afwijkend)
    return [
        f"{len(afwijkend)} panden hebben een programma met meer of minder BVO dan het pand nu "
        f"(meer dan {round(100 * BVO_MARGE)} % verschil; minder: leegstand of sloop?, meer: "
        f"optoppen of uitbouwen?; de bouwkosten volgen het programma): {lijst}"
    ]


def waarschuwingen(scenario: Scenario, uitkomst: Uitkomst) -> list[str]:
    """Plausibility notes that do not stop the calculation (Dutch, one line each), rent
    law first (:func:`huurwaarschuwingen`)."""
    uit = huurwaarschuwingen(scenario)
    uit += _bvo_waarschuwingen(scenario, uitkomst)
    for p, pand in enumerate(scenario.panden):
        if uitkomst.exploitatiewaarde[p] <= 0:
            uit.append(
                f"{pand.id}: de exploitatiewaarde is niet positief; controleer huren en lasten"
            )
    return uit
