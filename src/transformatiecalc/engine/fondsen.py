"""Fondsen (METHODE §7): tranches in, instruments out, a cash book per year.

The allocation is sequential by nature — a commitment is only made when the fund
has the cash in that year, so each decision depends on all earlier ones — and is
the one place where the engine loops: over years, and within a year over the
(pand, instrument) decisions of that year. Everything a decision needs (eligibility,
requested amounts, repayment schedules, present-value effects) is computed for all
panden at once beforehand, so the loop body is a few scalar operations.

Conventions:
- ledger amounts are nominal euros in the year they move; the effect of an
  instrument on a pand's onrendabele top is its present value at peildatum at the
  pand's own disconteringsvoet (the same basis as the ORT);
- a commitment reserves all its future outlays: the fund commits only when
  ``saldo − gereserveerd`` covers them (subsidie and lening may be granted in part);
- each year the fund first receives (stortingen, rente, aflossing, canon …), pays
  what it committed earlier and its beheerkosten, then serves its tranches in order
  of rang (1 = senior; interest before principal; what it cannot pay becomes
  achterstand), and only then makes new commitments from what is left;
- at the horizon the fund is settled on paper: eindvermogen (saldo + expected
  claims on panden + grond in erfpacht + unsold deelnemingen − expected guarantee
  losses still to come) goes to the tranches in order of rang; the most junior
  tranche bears a shortfall first. This settlement is what tranche IRRs and the net
  public money count as coming back.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from ..schema import (
    DeelnemingInstrument,
    ErfpachtInstrument,
    Fonds,
    GarantieInstrument,
    Instrument,
    LeningInstrument,
    SubsidieInstrument,
    Tranche,
    Voor,
)
from .kasstroom import IRR_REDENEN, irr
from .verevening import aandelen_naar_rato

Array = NDArray[np.float64]
BoolArray = NDArray[np.bool_]
IntArray = NDArray[np.int64]

#: Ledger rows: money in (ontvangsten) and money out (uitgaven), in sheet order.
ONTVANGSTEN = (
    "stortingen",
    "aflossing",
    "rente",
    "canon",
    "verkoop",
    "exploitatie",
    "premies",
    "vereveningsbijdragen",
)
UITGAVEN = (
    "subsidies",
    "leningen",
    "aankopen",
    "ontwikkeling",
    "garantieverliezen",
    "vereveningstoewijzingen",
    "beheerkosten",
    "rente_tranches",
    "aflossing_tranches",
)
#: The rows that are money between the fund and panden (not tranches, fees or verevening).
VAN_PANDEN = ("aflossing", "rente", "canon", "verkoop", "exploitatie", "premies")
NAAR_PANDEN = ("subsidies", "leningen", "aankopen", "ontwikkeling", "garantieverliezen")

#: Why a pand keeps a gap after the fund.
REDENEN = {
    0: "",
    1: "geen geld: het fonds had te weinig kas",
    2: "niet in aanmerking voor een instrument",
    3: "instrumenten dekken het tekort niet",
}
CENT = 0.005


def aflossingsschema(
    rente: float, looptijd: int, aflossing: str, aflossingsvrij: int = 0
) -> tuple[Array, Array, Array]:
    """Per € 1 lent at year 0: (interest, principal, outstanding after payment), years 1 … n.

    ``annuitair``: after the interest-only years, equal payments A = r/(1 − (1+r)^−m)
    over the remaining m years, principal (A − r)(1+r)^(j−1); ``lineair``: 1/m per
    year; ``ineens``: everything in year n. Interest is r × outstanding at the start
    of the year.
    """
    n, g = looptijd, aflossingsvrij
    m = n - g
    if aflossing == "ineens":
        hoofdsom = np.zeros(n)
        hoofdsom[-1] = 1.0
    elif aflossing == "lineair" or rente == 0.0:
        hoofdsom = np.r_[np.zeros(g), np.full(m, 1.0 / m)]
    else:
        # 1 − (1+r)^−m via expm1/log1p: exact also for a rate so small that (1+r)^−m
        # rounds to 1 (found by fuzzing: r = 1e-158 divided by zero)
        annuiteit = rente / -math.expm1(-m * math.log1p(rente))
        hoofdsom = np.r_[np.zeros(g), (annuiteit - rente) * (1.0 + rente) ** np.arange(m)]
    na = np.maximum(1.0 - np.cumsum(hoofdsom), 0.0)
    na[-1] = 0.0
    voor = np.r_[1.0, na[:-1]]
    return rente * voor, hoofdsom, na


def subsidie_equivalent(rente_k: Array, aflossing_k: Array, marktrente: float) -> float:
    """Per € 1 lent: 1 − PV at the market rate of the contractual payments (years 1 … n).

    Zero for a loan at the market rate; the part of a gap a soft loan closes.
    """
    k = np.arange(1, rente_k.size + 1)
    return float(1.0 - ((rente_k + aflossing_k) * (1.0 + marktrente) ** -k).sum())


@dataclass(frozen=True)
class FondsPanden:
    """What the fund needs to know about every pand (P rows), all nominal € unless said."""

    pand_ids: tuple[str, ...]
    jaren: int  # J: years t = 0 … horizon
    midden_jaar: bool
    disconteringsvoet: Array  # the pand's rate (ORT basis)
    start: IntArray  # s
    oplevering: IntArray  # o
    stichtingskosten: Array
    inbreng: Array  # at s (nominal)
    woningen: Array
    betaalbare_woningen: Array
    bvo: Array
    publiek: BoolArray
    functies: Sequence[frozenset[str]]
    kosten: Array  # (P, J) the project's costs per year (positive), for deelneming
    aankoop: Array  # inbreng + verwervingskosten at s (part of `kosten`)
    noi: Array  # (P, J) NOI of the rental functies
    ew_koop: Array  # net sale proceeds at o
    ew_huur: Array  # EW of the rental functies at o
    index_huur: Array  # per pand (fraction per year)
    index_grond: Array
    geen_deelneming: BoolArray  # panden with verevening or herverkaveling flows
    startjaar: int

    def factor(self, t: IntArray | Array) -> Array:
        """(1 + r_p)^−τ(t) at each pand's own rate; `t` (year index) has shape (P,) or (P, K)."""
        t = np.asarray(t, dtype=np.float64)
        tau = np.where(t >= 1, t - 0.5, t) if self.midden_jaar else t
        r = self.disconteringsvoet if t.ndim == 1 else self.disconteringsvoet[:, None]
        return np.power(1.0 + r, -tau)


@dataclass
class FondsUitkomst:
    """The fund's ledger, what it did per pand, its tranches and KPIs."""

    naam: str
    grootboek: dict[str, Array]  # begin, each ONTVANGSTEN/UITGAVEN row, eind — (J,)
    instrumenten: list[str]
    toegekend: Array  # (P, K) nominal amount committed per instrument
    effect: Array  # (P, K) reduction of the pand's ORT (€ peildatum)
    jaar: IntArray  # (P, K) year index of the commitment (−1 = none)
    ort_voor: Array
    ort_na: Array
    reden: IntArray  # REDENEN code per pand (0 when no gap remains)
    naar_pand: Array  # (P,) Σ over the horizon of money from the fund to/for the pand
    van_pand: Array  # (P,) Σ over the horizon of money from the pand to the fund
    tranches: dict[str, list[object]] = field(default_factory=dict)
    kpi: dict[str, object] = field(default_factory=dict)


def geschikt(voor: Voor, pd: FondsPanden) -> BoolArray:
    """Eligibility mask (P,) of an instrument's `voor` conditions."""
    ok = np.ones(len(pd.pand_ids), dtype=bool)
    if voor.eigendom == "publiek":
        ok &= pd.publiek
    elif voor.eigendom == "privaat":
        ok &= ~pd.publiek
    if voor.functies:
        wil = set(voor.functies)
        ok &= np.array([bool(f & wil) for f in pd.functies], dtype=bool)
    if voor.panden:
        ok &= np.isin(np.array(pd.pand_ids), voor.panden)
    ok &= pd.woningen >= voor.min_woningen
    if voor.min_betaalbaar > 0:
        with np.errstate(divide="ignore", invalid="ignore"):
            aandeel = np.where(pd.woningen > 0, pd.betaalbare_woningen / pd.woningen, 0.0)
        ok &= (pd.woningen > 0) & (aandeel >= voor.min_betaalbaar - 1e-12)
    return ok


def _in_horizon(rij: Array, begin: int, waarden: Array) -> float:
    """Add `waarden` to `rij` from year `begin` on, dropping what falls after the horizon.

    Returns the amount that fell inside the horizon.
    """
    jaren = rij.size
    if begin >= jaren:
        return 0.0
    stuk = waarden[: jaren - begin]
    rij[begin : begin + stuk.size] += stuk
    return float(stuk.sum())


@dataclass(frozen=True)
class _Aanbod:
    """One instrument prepared for every pand (P rows)."""

    naam: str
    instrument: Instrument
    geschikt: BoolArray
    betaaljaar: IntArray  # year of the (first) outlay
    bedrag: Array  # lening: requested; garantie: expected loss; deelneming/erfpacht: outlay
    effect: Array  # reduction of ORT (€ peildatum); for lening per € lent
    reeks: Array | None = None  # erfpacht: canon (P, termijn) from oplevering on
    schema: tuple[Array, Array, Array] | None = None  # lening: aflossingsschema per € lent


def _bereid_voor(fonds: Fonds, pd: FondsPanden, marktrente_standaard: float) -> list[_Aanbod]:
    """Eligibility, amounts and present-value effects of every instrument for every pand."""
    uit: list[_Aanbod] = []
    s, o = pd.start, pd.oplevering
    nul = np.zeros(len(pd.pand_ids))
    for ins in fonds.instrumenten:
        ok = geschikt(ins.voor, pd)
        naam = ins.naam or ins.soort
        if isinstance(ins, SubsidieInstrument):
            uit.append(_Aanbod(naam, ins, ok, s, nul, pd.factor(s)))
        elif isinstance(ins, LeningInstrument):
            schema = aflossingsschema(ins.rente, ins.looptijd, ins.aflossing, ins.aflossingsvrij)
            markt = ins.marktrente if ins.marktrente is not None else marktrente_standaard
            betaal = np.maximum(s - ins.jaren_voor_start, 0)
            vraag = ins.aandeel_sk * pd.stichtingskosten
            if ins.max_bedrag is not None:
                vraag = np.minimum(vraag, ins.max_bedrag)
            se = subsidie_equivalent(schema[0], schema[1], markt) * pd.factor(betaal)
            uit.append(_Aanbod(naam, ins, ok, betaal, vraag, se, schema=schema))
        elif isinstance(ins, GarantieInstrument):
            bank = ins.bankfinanciering * pd.stichtingskosten
            k = np.arange(1, ins.looptijd + 1)
            netto = ins.renteverlaging * bank - ins.premie * ins.dekking * bank
            effect = netto * pd.factor(s[:, None] + k[None, :]).sum(axis=1)
            verlies = ins.wanbetaling.verwacht * ins.dekking * bank
            uit.append(_Aanbod(naam, ins, ok, s, verlies, effect))
        elif isinstance(ins, DeelnemingInstrument):
            ok = ok & ~pd.geen_deelneming
            uit.append(_Aanbod(naam, ins, ok, s, pd.kosten.sum(axis=1), nul))
        else:
            grond = ins.grondaandeel * pd.inbreng
            jaar = o[:, None] + np.arange(ins.termijn)[None, :]
            groei = np.power(1.0 + pd.index_grond[:, None], (jaar - s[:, None]).astype(np.float64))
            canon = ins.canon * grond[:, None] * groei
            effect = grond * pd.factor(s) - (canon * pd.factor(jaar)).sum(axis=1)
            uit.append(_Aanbod(naam, ins, ok, s, grond, effect, canon))
    return uit


class _Kasboek:
    """The fund's cash during the simulation: ledger rows, saldo and reservations."""

    def __init__(self, jaren: int) -> None:
        self.rij = {k: np.zeros(jaren) for k in (*ONTVANGSTEN, *UITGAVEN)}
        self.saldo = 0.0
        self.gereserveerd = 0.0
        self.t = 0
        self.laatste = jaren - 1

    @property
    def beschikbaar(self) -> float:
        return max(self.saldo - self.gereserveerd, 0.0)

    def uitgeven(self, post: str, jaar: int, bedrag: float) -> float:
        """Commit an outlay in `jaar` (≥ now): paid now or reserved. Returns the part in the horizon."""
        if jaar > self.laatste:
            return 0.0
        self.rij[post][jaar] += bedrag
        if jaar == self.t:
            self.saldo -= bedrag
        else:
            self.gereserveerd += bedrag
        return bedrag

    def ontvangen(self, post: str, begin: int, reeks: Array) -> float:
        """Schedule receipts from year `begin` (> now). Returns the part in the horizon."""
        return _in_horizon(self.rij[post], begin, reeks)


def bereken_fonds(
    fonds: Fonds,
    pd: FondsPanden,
    ort: Array,
    marktrente: float,
    verevening: tuple[float, Array, Array] | None = None,
) -> FondsUitkomst:
    """Simulate one fund over the horizon.

    `ort` is each pand's gap before this fund (€ peildatum); `verevening` the pool's
    (beginsaldo, nominal bijdragen per year, nominal toewijzingen per year) when this
    fund carries the pool: the pool's beginsaldo is then the fund's opening cash.
    """
    jaren, aantal = pd.jaren, len(pd.pand_ids)
    s, o = pd.start, pd.oplevering
    laatste = jaren - 1
    kas = _Kasboek(jaren)
    rij = kas.rij
    begin, eind = np.zeros(jaren), np.zeros(jaren)
    if verevening is not None:
        kas.saldo = verevening[0]
        rij["vereveningsbijdragen"] += verevening[1]
        rij["vereveningstoewijzingen"] += verevening[2]

    # --- tranches: stortingen and contractual debt service, senior (rang 1) first
    tranches = sorted(fonds.tranches, key=lambda x: x.rang or 0)
    nt = len(tranches)
    t_jaar = np.array([(x.jaar or pd.startjaar) - pd.startjaar for x in tranches], dtype=np.int64)
    schuld = {"rente_tranches": np.zeros((nt, jaren)), "aflossing_tranches": np.zeros((nt, jaren))}
    open_na_horizon = np.zeros(nt)  # loan principal not yet due at the horizon
    for i, tr in enumerate(tranches):
        rij["stortingen"][t_jaar[i]] += tr.bedrag
        if tr.soort == "lening":
            n = tr.looptijd or 1
            r_k, a_k, na_k = aflossingsschema(tr.rente or 0.0, n, tr.aflossing or "ineens")
            _in_horizon(schuld["rente_tranches"][i], int(t_jaar[i]) + 1, tr.bedrag * r_k)
            _in_horizon(schuld["aflossing_tranches"][i], int(t_jaar[i]) + 1, tr.bedrag * a_k)
            verstreken = min(laatste - int(t_jaar[i]), n)
            open_na_horizon[i] = tr.bedrag * (na_k[verstreken - 1] if verstreken else 1.0)
    achterstand = {post: np.zeros(nt) for post in schuld}
    betaald = np.zeros((nt, jaren))

    # --- who is served when, in which order
    aanbod = _bereid_voor(fonds, pd, marktrente)
    index = {a.naam: k for k, a in enumerate(aanbod)}
    genoemd = [index[n] for n in fonds.toewijzing.volgorde_instrumenten or [] if n in index]
    volgorde = genoemd + [k for k in range(len(aanbod)) if k not in genoemd]
    ooit_geschikt = np.zeros(aantal, dtype=bool)
    beslisjaar = s.copy()
    for a in aanbod:
        ooit_geschikt |= a.geschikt
        beslisjaar = np.where(a.geschikt, np.minimum(beslisjaar, a.betaaljaar), beslisjaar)
    prio = {pid: k for k, pid in enumerate(fonds.toewijzing.prioriteit)}
    prio_sleutel = np.array([prio.get(p, len(prio)) for p in pd.pand_ids])
    if fonds.toewijzing.volgorde_panden == "startjaar":
        tweede = s.astype(np.float64)
    elif fonds.toewijzing.volgorde_panden == "ort_per_woning":
        tweede = np.where(pd.woningen > 0, ort / np.maximum(pd.woningen, 1.0), np.inf)
    else:
        tweede = np.zeros(aantal)
    ort = np.asarray(ort, dtype=np.float64).copy()
    ort_voor = ort.copy()
    gap = ort_voor > CENT
    rangorde = np.lexsort((np.arange(aantal), tweede, prio_sleutel, beslisjaar))
    beslissingen = rangorde[(gap & ooit_geschikt)[rangorde]].tolist()

    toegekend = np.zeros((aantal, len(aanbod)))
    effect = np.zeros((aantal, len(aanbod)))
    jaar = np.full((aantal, len(aanbod)), -1, dtype=np.int64)
    naar_pand, van_pand = np.zeros(aantal), np.zeros(aantal)
    tekort_kas = np.zeros(aantal, dtype=bool)
    uitstaand = np.zeros(jaren)  # pand loans, contractual principal at year end
    vordering_einde = 0.0  # expected claims and assets at the horizon
    verplichting_na = 0.0  # expected guarantee losses after the horizon
    uitputtingsjaar: int | None = None
    d_s = pd.factor(s)

    def toezeggen(p: int, a: _Aanbod) -> tuple[float, float] | None:
        """Try instrument `a` for pand `p` now: (amount, ORT effect), or None."""
        nonlocal vordering_einde, verplichting_na, uitputtingsjaar
        ins, t = a.instrument, kas.t
        betaal = int(a.betaaljaar[p])
        if isinstance(ins, SubsidieInstrument | LeningInstrument):
            if isinstance(ins, SubsidieInstrument):
                vraag = ins.aandeel_ort * ort[p] / d_s[p]
                if ins.max_per_pand is not None:
                    vraag = min(vraag, ins.max_per_pand)
                if ins.max_per_woning is not None:
                    vraag = min(vraag, ins.max_per_woning * pd.woningen[p])
            else:
                vraag = float(a.bedrag[p])
                if a.effect[p] < 0.0:
                    return None  # dearer than the owner's own money: the pand declines it
            if vraag <= CENT:
                return None
            bedrag = min(vraag, kas.beschikbaar)
            if bedrag < vraag - CENT:
                tekort_kas[p] = True
                uitputtingsjaar = t if uitputtingsjaar is None else uitputtingsjaar
            if bedrag <= CENT:
                return None
            if isinstance(ins, SubsidieInstrument):
                naar_pand[p] += kas.uitgeven("subsidies", betaal, bedrag)
                return bedrag, bedrag * d_s[p]
            naar_pand[p] += kas.uitgeven("leningen", betaal, bedrag)
            assert a.schema is not None
            r_k, a_k, na_k = a.schema
            terug = bedrag * (1.0 - ins.wanbetaling.verwacht)
            van_pand[p] += kas.ontvangen("rente", betaal + 1, terug * r_k)
            van_pand[p] += kas.ontvangen("aflossing", betaal + 1, terug * a_k)
            _in_horizon(uitstaand, betaal, bedrag * np.r_[1.0, na_k])
            verstreken = laatste - betaal
            if verstreken < ins.looptijd:
                vordering_einde += terug * (na_k[verstreken - 1] if verstreken else 1.0)
            return bedrag, bedrag * float(a.effect[p])
        if isinstance(ins, GarantieInstrument | ErfpachtInstrument) and a.effect[p] <= 0:
            return None  # the pand would not take it: it does not lower its gap
        nodig = float(a.bedrag[p])
        verliesjaar = int(s[p]) + ins.looptijd if isinstance(ins, GarantieInstrument) else t
        if (nodig if verliesjaar <= laatste else 0.0) > kas.beschikbaar + CENT:
            tekort_kas[p] = True
            uitputtingsjaar = t if uitputtingsjaar is None else uitputtingsjaar
            return None
        if isinstance(ins, GarantieInstrument):
            gegarandeerd = ins.dekking * ins.bankfinanciering * pd.stichtingskosten[p]
            premie = np.full(ins.looptijd, ins.premie * gegarandeerd)
            van_pand[p] += kas.ontvangen("premies", int(s[p]) + 1, premie)
            naar_pand[p] += kas.uitgeven("garantieverliezen", verliesjaar, nodig)
            if verliesjaar > laatste:
                verplichting_na += nodig
            return gegarandeerd, float(a.effect[p])
        if isinstance(ins, ErfpachtInstrument):
            assert a.reeks is not None
            naar_pand[p] += kas.uitgeven("aankopen", betaal, nodig)
            van_pand[p] += kas.ontvangen("canon", int(o[p]), a.reeks[p])
            vordering_einde += nodig * (1.0 + pd.index_grond[p]) ** (laatste - int(s[p]))
            return nodig, float(a.effect[p])
        assert isinstance(ins, DeelnemingInstrument)
        kosten = pd.kosten[p]
        naar_pand[p] += kas.uitgeven("aankopen", int(s[p]), float(pd.aankoop[p]))
        ontwikkeling = kosten.copy()
        ontwikkeling[s[p]] -= pd.aankoop[p]
        for j in np.flatnonzero(ontwikkeling > 0):
            naar_pand[p] += kas.uitgeven("ontwikkeling", int(j), float(ontwikkeling[j]))
        op, n = int(o[p]), ins.verkoop_na
        van_pand[p] += kas.ontvangen("verkoop", op, np.array([pd.ew_koop[p]]))
        van_pand[p] += kas.ontvangen("exploitatie", op, pd.noi[p, op : op + n])
        verkoop = pd.ew_huur[p] * (1.0 + pd.index_huur[p]) ** n
        if op + n <= laatste:
            van_pand[p] += kas.ontvangen("verkoop", op + n, np.array([verkoop]))
        else:
            vordering_einde += pd.ew_huur[p] * (1.0 + pd.index_huur[p]) ** (laatste - op)
        return nodig, float(ort[p])

    b = 0
    for t in range(jaren):
        kas.t = t
        begin[t] = kas.saldo
        vooraf = sum(rij[k][t] for k in NAAR_PANDEN)  # committed earlier, reserved then
        kas.gereserveerd -= vooraf
        rij["beheerkosten"][t] = fonds.beheerkosten * (uitstaand[t - 1] if t else 0.0)
        kas.saldo += sum(rij[k][t] for k in ONTVANGSTEN) - vooraf
        kas.saldo -= rij["beheerkosten"][t] + rij["vereveningstoewijzingen"][t]
        vrij = kas.beschikbaar
        for i in range(nt):
            for post in ("rente_tranches", "aflossing_tranches"):
                verschuldigd = schuld[post][i, t] + achterstand[post][i]
                betaling = min(verschuldigd, vrij)
                vrij -= betaling
                achterstand[post][i] = verschuldigd - betaling
                rij[post][t] += betaling
                betaald[i, t] += betaling
                kas.saldo -= betaling
        while b < len(beslissingen) and beslisjaar[beslissingen[b]] == t:
            p = beslissingen[b]
            b += 1
            for k in volgorde:
                if not aanbod[k].geschikt[p] or ort[p] <= CENT:
                    continue
                gedaan = toezeggen(p, aanbod[k])
                if gedaan is not None:
                    toegekend[p, k], effect[p, k] = gedaan
                    jaar[p, k] = t
                    ort[p] -= gedaan[1]
        eind[t] = kas.saldo

    # --- settlement at the horizon: claims by rang; the most junior bears a shortfall first
    vermogen = eind[laatste] + vordering_einde - verplichting_na
    claim = np.array(
        [
            open_na_horizon[i]
            + achterstand["rente_tranches"][i]
            + achterstand["aflossing_tranches"][i]
            if tr.soort == "lening"
            else tr.bedrag
            for i, tr in enumerate(tranches)
        ]
    )
    afrekening = np.zeros(nt)
    over = max(vermogen, 0.0)
    rangen = np.array([tr.rang or 0 for tr in tranches])
    for rang in np.unique(rangen):
        groep = rangen == rang
        nodig = float(claim[groep].sum())
        deel = min(over, nodig)
        if nodig > 0:
            afrekening[groep] = claim[groep] * (deel / nodig)
        over -= deel
    rest = np.array([tr.soort != "lening" for tr in tranches], dtype=bool)
    if over > 0 and rest.any():
        afrekening[rest] += over * aandelen_naar_rato(
            np.array([tr.bedrag for tr in tranches])[rest]
        )
        over = 0.0
    stromen = betaald.copy()
    for i, tr in enumerate(tranches):
        stromen[i, t_jaar[i]] -= tr.bedrag
    stromen[:, laatste] += afrekening
    tranche_irr, tranche_reden = irr(stromen, False)

    uitkomst = FondsUitkomst(
        naam=fonds.naam,
        grootboek={"begin": begin, **rij, "eind": eind},
        instrumenten=[a.naam for a in aanbod],
        toegekend=toegekend,
        effect=effect,
        jaar=jaar,
        ort_voor=ort_voor,
        ort_na=ort,
        reden=np.where(
            gap & (ort > CENT), np.where(tekort_kas, 1, np.where(ooit_geschikt, 3, 2)), 0
        ).astype(np.int64),
        naar_pand=naar_pand,
        van_pand=van_pand,
    )
    uitkomst.tranches = {
        "naam": [tr.naam for tr in tranches],
        "soort": [tr.soort for tr in tranches],
        "rang": [int(tr.rang or 0) for tr in tranches],
        "publiek": [bool(tr.publiek) for tr in tranches],
        "jaar": [int(j) + pd.startjaar for j in t_jaar],
        "bedrag": [float(tr.bedrag) for tr in tranches],
        "ontvangen": [float(x) for x in betaald.sum(axis=1)],
        "claim_einde": [float(x) for x in claim],
        "afrekening": [float(x) for x in afrekening],
        "verlies": [float(max(c - a, 0.0)) for c, a in zip(claim, afrekening, strict=True)],
        "irr": [float(x) for x in tranche_irr],
        "irr_reden": [IRR_REDENEN[int(x)] for x in tranche_reden],
    }
    uitkomst.kpi = _kpi(
        uitkomst, fonds, tranches, pd, stromen, vermogen, vordering_einde, over, uitputtingsjaar
    )
    return uitkomst


def _kpi(
    u: FondsUitkomst,
    fonds: Fonds,
    tranches: list[Tranche],
    pd: FondsPanden,
    stromen: Array,
    vermogen: float,
    vorderingen: float,
    restwaarde: float,
    uitputtingsjaar: int | None,
) -> dict[str, object]:
    """The fund's key figures (METHODE §7)."""
    g = u.grootboek
    geholpen = (u.toegekend > 0).any(axis=1)
    gesloten = (u.ort_voor > CENT) & (u.ort_na <= CENT)
    niet = (u.ort_voor > CENT) & (u.ort_na > CENT)
    voet = fonds.disconteringsvoet if fonds.disconteringsvoet is not None else 0.0
    d = np.power(1.0 + voet, -np.arange(pd.jaren, dtype=np.float64))
    publiek = np.array([bool(tr.publiek) for tr in tranches], dtype=bool)
    ingelegd = float(sum(tr.bedrag for tr in tranches if tr.publiek))
    publiek_netto = float(-(stromen[publiek] * d).sum()) if publiek.any() else 0.0
    woningen = float(pd.woningen[gesloten].sum())
    uit = float(sum(g[k].sum() for k in NAAR_PANDEN))
    terug = float(sum(g[k].sum() for k in VAN_PANDEN))
    revolverend = (terug + vorderingen) / uit if uit > 0 else None
    eind = g["eind"]
    positief = publiek_netto > CENT
    return {
        "panden_geholpen": int(geholpen.sum()),
        "panden_gesloten": int(gesloten.sum()),
        "panden_niet_gefinancierd": int(niet.sum()),
        "niet_gefinancierd_tekort": float(u.ort_na[niet].sum()),
        "woningen_geholpen": int(pd.woningen[geholpen].sum()),
        "bvo_geholpen": float(pd.bvo[geholpen].sum()),
        "woningen_ontsloten": int(woningen),
        "bvo_ontsloten": float(pd.bvo[gesloten].sum()),
        "ort_gedekt": float(u.effect.sum()),
        # fixed-size instruments (lening, garantie, erfpacht) can overshoot a small gap
        "overdekking": float(np.clip(-u.ort_na[u.ort_voor > CENT], 0.0, None).sum()),
        "publiek_geld_ingelegd": ingelegd,
        "publiek_geld_netto": publiek_netto,
        "publiek_geld_per_woning": publiek_netto / woningen if woningen and positief else None,
        "woningen_per_miljoen_publiek": woningen / publiek_netto * 1e6 if positief else None,
        "hefboom": float(pd.stichtingskosten[geholpen].sum()) / publiek_netto if positief else None,
        "uitgezet": uit,
        "terugontvangen": terug,
        "vorderingen_einde": vorderingen,
        "revolverendheid": revolverend,
        "revolverend": revolverend is not None and revolverend >= 0.8,
        "minimum_saldo": float(eind.min()),
        "jaar_minimum_saldo": int(np.argmin(eind)) + pd.startjaar,
        "uitputtingsjaar": None if uitputtingsjaar is None else uitputtingsjaar + pd.startjaar,
        "eindsaldo": float(eind[-1]),
        "eindvermogen": float(vermogen),
        "restwaarde_na_tranches": float(restwaarde),
    }
