"""The portfolio stages after the per-pand core: herverkaveling → verevening → fondsen,
and the programme they form together (METHODE §6–7).

Each stage takes every pand's onrendabele top (€ peildatum) as the previous stage left
it and hands on its own result, so a project leader can follow one pand through the
chain: ORT voor → na herverkaveling → na verevening → na elk fonds. The **programme** is
verevening and all funds together, starting from the ORT after herverkaveling (the
business cases as the owners make them): how many panden and homes it unlocks and what
that costs in public money, at one stated discount rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..schema import Scenario
from .fondsen import CENT, Deelneming, FondsPanden, FondsUitkomst, bereken_fonds
from .fondsen.fonds import bereken_replicas as bereken_replicas_fonds
from .fondsen.panden import stapel_fondspanden
from .herverkaveling import Herverkaveling, herverkavel
from .invoer import COMMERCIEEL, KOOP
from .opbrengst import Waardering, voeten
from .portefeuilleinvoer import PortefeuilleInvoer, portefeuille_invoer
from .rekenkern import Uitkomst
from .verevening import (
    Array,
    BoolArray,
    IntArray,
    Pot,
    VereveningPanden,
    VereveningUitkomst,
    vereven_replicas,
)

#: Multiples of the design's public tranches at which the ontsluitingscurve is drawn.
FACTOREN = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


@dataclass
class Portefeuille:
    """What the portfolio stages did, and what a rerun of the funds needs."""

    invoer: PortefeuilleInvoer
    ort_voor: Array  # (P,) the core's ORT
    herverkaveling: Herverkaveling | None
    verevening: VereveningUitkomst | None
    fondsen: list[FondsUitkomst] = field(default_factory=list)
    ort_na: Array = field(default_factory=lambda: np.zeros(0))
    ort_programma: Array = field(default_factory=lambda: np.zeros(0))  # after herverkaveling
    ort_fondsen: Array = field(default_factory=lambda: np.zeros(0))  # entering the first fund
    fondspanden: FondsPanden | None = None
    pot: Pot | None = None  # the verevening pot (booked by the fund that carries it)
    programma: dict[str, object] = field(default_factory=dict)


def _per_pand(x: Array, segmenten: IntArray) -> Array:
    """Sum programme rows (F, …) to panden (P, …); `segmenten` is each pand's first row."""
    return np.add.reduceat(x, segmenten, axis=0)


def betaalbare_woningen(pinv: PortefeuilleInvoer, u: Uitkomst) -> Array:
    """Per pand (P,) the woningen of its functies with betaalbaar: true (count); for a
    stacked `u` of R replicas per pand row (R·P,)."""
    inv = u.invoer
    betaalbaar = np.tile(pinv.betaalbaar, inv.woningen.size // pinv.betaalbaar.size)
    return _per_pand(np.where(betaalbaar, inv.woningen, 0.0), inv.segmenten)


def vereveningspanden(pinv: PortefeuilleInvoer, u: Uitkomst, replicas: int = 1) -> VereveningPanden:
    """The per-pand arrays verevening needs (METHODE §6), from the core's results; `u` may
    hold `replicas` replicas of the scenario stacked (rows r·P … r·P+P−1)."""
    inv = u.invoer
    return VereveningPanden(
        pand_ids=inv.pand_ids[: len(inv.pand_ids) // replicas],
        publiek=pinv.publiek,
        overeenkomst=pinv.overeenkomst,
        gebied=pinv.gebied,
        functies=pinv.functies,
        woningen=u.woningen,
        bvo=u.bvo,
        bvo_commercieel=_per_pand(np.where(inv.soort == COMMERCIEEL, inv.bvo, 0.0), inv.segmenten),
        d_start=u.d_start,
        d_oplevering=u.d_oplevering,
        start=inv.start,
        oplevering=inv.oplevering,
        jaren=inv.jaren,
        replicas=replicas,
    )


def fondspanden(
    pinv: PortefeuilleInvoer, u: Uitkomst, geen_deelneming: BoolArray, replicas: int = 1
) -> FondsPanden:
    """The per-pand arrays a fund needs (METHODE §7), from the core's results: € nominal
    per year, costs positive; `geen_deelneming` marks panden in a project or with
    verevening flows (a deelneming may not buy them). `u` may hold `replicas` replicas of
    the scenario stacked (rows r·P … r·P+P−1), with `geen_deelneming` for all of them."""
    inv = u.invoer
    koop = inv.methode == KOOP
    verkoop_na = tuple(
        sorted(
            {
                i.verkoop_na
                for f in pinv.fondsen
                for i in f.instrumenten
                if isinstance(i, Deelneming)
            }
        )
    )
    if verkoop_na:
        kosten = -sum(
            (stroom for post, stroom in u.kasstroom.items() if post != "exploitatiewaarde"),
            np.zeros_like(u.kasstroom_totaal),
        )
        noi = _per_pand(u.noi, inv.segmenten)
        ew = Waardering(inv, voeten(inv).exploitatiewaarde)

        def later(k: IntArray) -> Array:
            return _per_pand(np.where(koop, 0.0, ew.waarde_later(inv.prijs, k)), inv.segmenten)

        rij = np.ones(inv.pand.size, dtype=np.int64)
        ew_later = np.stack([later(n * rij) for n in verkoop_na], axis=1)
        # held at the horizon: the fund had the rents up to and including its year, so the
        # value is that of the rents from the year after (as a sale in that year would be)
        ew_einde = later(inv.jaren - inv.oplevering[inv.pand])
    else:  # only a deelneming reads the cost, rent and value matrices: not made without one
        kosten = noi = ew_later = np.zeros((inv.aantal_panden, 0))
        ew_einde = np.zeros(inv.aantal_panden)
    return FondsPanden(
        pand_ids=inv.pand_ids[: len(inv.pand_ids) // replicas],
        jaren=inv.jaren,
        midden_jaar=inv.midden_jaar,
        disconteringsvoet=inv.disconteringsvoet,
        start=inv.start,
        oplevering=inv.oplevering,
        stichtingskosten=u.stichtingskosten,
        inbreng=u.inbreng,
        woningen=u.woningen,
        betaalbare_woningen=betaalbare_woningen(pinv, u),
        bvo=u.bvo,
        publiek=np.tile(pinv.publiek, replicas),
        functies=pinv.functies,
        kosten=kosten,
        aankoop=u.inbreng + u.verwervingskosten,
        noi=noi,
        ew_koop=_per_pand(np.where(koop, u.f_exploitatiewaarde, 0.0), inv.segmenten),
        ew_huur_later=ew_later,
        ew_huur_einde=ew_einde,
        verkoop_na=verkoop_na,
        index_grond=inv.index_grond,
        geen_deelneming=geen_deelneming,
        startjaar=inv.startjaar,
        replicas=replicas,
    )


def _fondsen(
    pinv: PortefeuilleInvoer, fp: FondsPanden, ort: Array, pot: Pot | None
) -> tuple[list[FondsUitkomst], Array]:
    """Every fund in order, each on the gaps (€ peildatum) the previous one left; the pot
    goes only to the fund that carries it. Returns the funds and the gaps after the last."""
    uit = []
    for fonds in pinv.fondsen:
        f = bereken_fonds(fonds, fp, ort, pot if fonds.draagt_verevening else None)
        uit.append(f)
        ort = f.ort_na.copy()
    return uit, ort


def _voor_de_fondsen(
    pinv: PortefeuilleInvoer, u: Uitkomst, delen: list[Uitkomst]
) -> list[tuple[Portefeuille, BoolArray]]:
    """Herverkaveling and verevening (METHODE §6), each on the ORT (€ peildatum) the
    previous stage left, for the R replicas of `u` (stacked; `delen` each alone): per
    replica the stages so far and the panden a deelneming may not buy. Verevening runs
    over all replicas at once (:func:`.verevening.vereven_replicas`), herverkaveling per
    replica."""
    replicas = len(delen)
    ort = u.onrendabele_top.reshape(replicas, -1).copy()  # (R, P)
    uit = [Portefeuille(pinv, ort[r].copy(), None, None) for r in range(replicas)]
    geen_deelneming = np.zeros(ort.shape, dtype=bool)
    if pinv.projecten:
        for r, (pf, d) in enumerate(zip(uit, delen, strict=True)):
            pf.herverkaveling = herverkavel(
                pinv.projecten, pinv.eigenaar, ort[r].copy(), d.invoer.inbrengwaarde
            )
            ort[r] = pf.herverkaveling.ort_na
            geen_deelneming[r] |= np.array([bool(x) for x in pf.herverkaveling.project])
    for r, pf in enumerate(uit):
        pf.ort_programma = ort[r].copy()
    if pinv.verevening is not None:
        vp = vereveningspanden(pinv, u, replicas)
        for r, v in enumerate(vereven_replicas(pinv.verevening, vp, ort.reshape(-1))):
            uit[r].verevening = v
            ort[r] = v.ort_na
            geen_deelneming[r] |= (v.bijdrage > 0) | (v.ontvangst > 0)
            uit[r].pot = v.pot
    for r, pf in enumerate(uit):
        pf.ort_fondsen = ort[r].copy()
        pf.ort_na = ort[r].copy()
    return list(zip(uit, geen_deelneming, strict=True))


def bereken_portefeuille(
    scenario: Scenario | None, u: Uitkomst, pinv: PortefeuilleInvoer | None = None
) -> Portefeuille:
    """Run herverkaveling, verevening (METHODE §6) and the fondsen (§7) in that order, each
    on the ORT (€ peildatum) the previous stage left; then the programme (§7, "Programma").
    The stages read only `pinv` (from `scenario` when not given) and the core's `u`."""
    if pinv is None:
        assert scenario is not None, "bereken_portefeuille needs a scenario or its pinv"
        pinv = portefeuille_invoer(scenario)
    ((uit, geen_deelneming),) = _voor_de_fondsen(pinv, u, [u])
    if pinv.fondsen:
        uit.fondspanden = fondspanden(pinv, u, geen_deelneming)
        uit.fondsen, uit.ort_na = _fondsen(pinv, uit.fondspanden, uit.ort_fondsen, uit.pot)
    uit.programma = programma(uit, u)
    return uit


@dataclass
class VoorDeFondsen:
    """A block of replicas after herverkaveling and verevening: per replica its stages so
    far and what the programme needs of its panden, and the panden of all of them as the
    funds see them (stacked, None without funds). Holds no core matrices, so blocks of
    the core can be released before the funds run over many of them at once."""

    portefeuilles: list[Portefeuille]
    programmapanden: list[ProgrammaPanden]
    fondspanden: FondsPanden | None


def voor_de_fondsen(pinv: PortefeuilleInvoer, u: Uitkomst, delen: list[Uitkomst]) -> VoorDeFondsen:
    """The stages before the funds for R replicas of one scenario: `u` holds them stacked
    (replica r's panden at rows r·P … r·P+P−1), `delen` each alone."""
    stappen = _voor_de_fondsen(pinv, u, delen)
    fp = None
    if pinv.fondsen:
        fp = fondspanden(pinv, u, np.concatenate([g for _, g in stappen]), len(delen))
    return VoorDeFondsen(
        [pf for pf, _ in stappen], [ProgrammaPanden.van(pinv, d) for d in delen], fp
    )


def met_de_fondsen(pinv: PortefeuilleInvoer, blokken: list[VoorDeFondsen]) -> list[Portefeuille]:
    """Every fund once over all replicas of `blokken` (one year loop,
    :func:`.fondsen.fonds.bereken_replicas`), then each replica's programme. Each replica's
    result equals :func:`bereken_portefeuille` of it alone, bit for bit."""
    uit = [pf for b in blokken for pf in b.portefeuilles]
    if pinv.fondsen:
        fp = stapel_fondspanden([b.fondspanden for b in blokken if b.fondspanden is not None])
        ort = np.concatenate([pf.ort_fondsen for pf in uit])
        potten = [pf.pot for pf in uit]
        for fonds in pinv.fondsen:
            gedragen = potten if fonds.draagt_verevening and potten[0] is not None else None
            per_replica = bereken_replicas_fonds(fonds, fp, ort, gedragen)  # type: ignore[arg-type]
            for pf, f in zip(uit, per_replica, strict=True):
                pf.fondsen.append(f)
            ort = np.concatenate([f.ort_na for f in per_replica])
        for r, pf in enumerate(uit):
            pf.fondspanden = fp.replica(r)
            pf.ort_na = pf.fondsen[-1].ort_na.copy()
    programmapanden = [pp for b in blokken for pp in b.programmapanden]
    for pf, pp in zip(uit, programmapanden, strict=True):
        pf.programma = _programma(pf, pp)
    return uit


def bereken_replicas(
    pinv: PortefeuilleInvoer, u: Uitkomst, delen: list[Uitkomst]
) -> list[Portefeuille]:
    """:func:`bereken_portefeuille` for R replicas of one scenario at once (`u` stacked,
    `delen` each alone): herverkaveling and verevening per replica, every fund once over
    all of them. Each replica's result equals its own run bit for bit."""
    return met_de_fondsen(pinv, [voor_de_fondsen(pinv, u, delen)])


# ------------------------------------------------------------------ programme
def _publiek_verevening(v: VereveningUitkomst | None, jaren: int) -> tuple[float, Array]:
    """Public money the pot puts in: nominal (beginsaldo + public contributions) and per
    year the net flow out of public hands.

    Carried by a fund, the pot's beginsaldo and the public panden's contributions go
    into that fund (what comes back returns through its tranches). Carried by nobody, the
    gemeente is the pot's bank: public money is what it allocates minus what private
    panden contribute, in the years it moves (so the bridging costs its time value).
    """
    stroom = np.zeros(jaren)
    if v is None:
        return 0.0, stroom
    ingelegd = v.beginsaldo + float(v.publieke_bijdragen_per_jaar.sum())
    if v.gedragen_door is not None:
        stroom[0] += v.beginsaldo
        stroom += v.publieke_bijdragen_per_jaar
    else:
        stroom += v.toewijzingen_per_jaar - (v.bijdragen_per_jaar - v.publieke_bijdragen_per_jaar)
    return ingelegd, stroom


@dataclass(frozen=True)
class ProgrammaPanden:
    """What the programme needs of the panden of one scenario (P,), from the core."""

    woningen: Array
    bvo: Array
    betaalbare_woningen: Array
    jaren: int

    @classmethod
    def van(cls, pinv: PortefeuilleInvoer, u: Uitkomst) -> ProgrammaPanden:
        return cls(u.woningen, u.bvo, betaalbare_woningen(pinv, u), u.invoer.jaren)


def programma(pf: Portefeuille, u: Uitkomst) -> dict[str, object]:
    """Verevening and all funds together (METHODE §7, "Programma"): panden and homes
    unlocked, public money in and net, homes per € 1 mln at one discount rate."""
    return _programma(pf, ProgrammaPanden.van(pf.invoer, u))


def _programma(pf: Portefeuille, pp: ProgrammaPanden) -> dict[str, object]:
    pinv = pf.invoer
    begin, na = pf.ort_programma, pf.ort_na
    gap = begin > CENT
    ontsloten = gap & (na <= CENT)
    betaalbaar = pp.betaalbare_woningen
    voet = pinv.disconteringsvoet_publiek
    d = np.power(1.0 + voet, -np.arange(pp.jaren, dtype=np.float64))
    vv_ingelegd, vv_stroom = _publiek_verevening(pf.verevening, pp.jaren)
    f_ingelegd = sum(tr.bedrag for f in pinv.fondsen for tr in f.tranches if tr.publiek)
    vv_netto = float((vv_stroom * d).sum())
    f_netto = float(sum((f.publiek_ingelegd * d).sum() for f in pf.fondsen))
    netto = vv_netto + f_netto
    woningen = float(pp.woningen[ontsloten].sum())
    positief = netto > CENT
    door_vv = np.zeros_like(gap)
    if pf.verevening is not None:
        door_vv = gap & (pf.verevening.ort_na <= CENT)
    return {
        "panden_met_tekort": int(gap.sum()),
        "panden_ontsloten": int(ontsloten.sum()),
        "panden_ontsloten_verevening": int(door_vv.sum()),
        "panden_tekort_blijft": int((gap & ~ontsloten).sum()),
        "woningen_ontsloten": int(woningen),
        "woningen_ontsloten_betaalbaar": int(betaalbaar[ontsloten].sum()),
        "woningen_ontsloten_verevening": int(pp.woningen[door_vv].sum()),
        "bvo_ontsloten": float(pp.bvo[ontsloten].sum()),
        "tekort_voor": float(np.clip(begin, 0.0, None).sum()),
        "tekort_gesloten": float((np.clip(begin, 0.0, None) - np.clip(na, 0.0, None))[gap].sum()),
        "tekort_na": float(np.clip(na, 0.0, None)[gap].sum()),
        "overdekking": float(np.clip(-na[gap], 0.0, None).sum()),
        "publiek_geld_ingelegd": vv_ingelegd + f_ingelegd,
        "publiek_geld_ingelegd_verevening": vv_ingelegd,
        "publiek_geld_ingelegd_fondsen": f_ingelegd,
        "publiek_geld_netto": netto,
        "publiek_geld_netto_verevening": vv_netto,
        "publiek_geld_netto_fondsen": f_netto,
        "disconteringsvoet_publiek": voet,
        "disconteringsvoet_publiek_bron": pinv.disconteringsvoet_publiek_bron,
        "publiek_geld_per_woning": netto / woningen if woningen and positief else None,
        "woningen_per_miljoen_publiek": woningen / netto * 1e6 if positief else None,
    }


#: The programme KPIs each point of the ontsluitingscurve carries.
CURVE = (
    "publiek_geld_ingelegd",
    "publiek_geld_netto",
    "panden_ontsloten",
    "woningen_ontsloten",
    "woningen_ontsloten_betaalbaar",
    "woningen_per_miljoen_publiek",
)


def ontsluitingscurve(
    pf: Portefeuille, u: Uitkomst, factoren: tuple[float, ...] = FACTOREN
) -> list[dict[str, float | None]]:
    """Homes unlocked against public money: the programme with every public tranche
    scaled by each factor (verevening unchanged), and between points the homes unlocked
    per extra € 1 mln (net). Empty when no fund has a public tranche."""
    pinv = pf.invoer
    if pf.fondspanden is None or not any(tr.publiek for f in pinv.fondsen for tr in f.tranches):
        return []
    punten: list[dict[str, float | None]] = []
    for factor in factoren:
        if factor == 1.0:
            prog = pf.programma
        else:
            ander = pinv.met_publiek_geld(factor)
            fondsen, na = _fondsen(ander, pf.fondspanden, pf.ort_fondsen, pf.pot)
            prog = programma(replace(pf, invoer=ander, fondsen=fondsen, ort_na=na), u)
        punt: dict[str, float | None] = {"factor": factor}
        for k in CURVE:
            punt[k] = prog[k]  # type: ignore[assignment]
        punten.append(punt)
    vorige: dict[str, float | None] | None = None
    for punt in punten:
        marginaal = None
        if vorige is not None:
            extra = float(punt["publiek_geld_netto"] or 0) - float(
                vorige["publiek_geld_netto"] or 0
            )
            meer = float(punt["woningen_ontsloten"] or 0) - float(vorige["woningen_ontsloten"] or 0)
            marginaal = meer / extra * 1e6 if extra > CENT else None
        punt["woningen_per_extra_miljoen"] = marginaal
        vorige = punt
    return punten
