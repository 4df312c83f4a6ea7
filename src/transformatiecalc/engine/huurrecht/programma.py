"""Rent law per programme row (METHODE §2a): points, segment, maximum rent, caps.

:func:`huurrecht_per_rij` turns an effective scenario into arrays with one entry per
programme row (the rows of ``Invoer``: panden in file order, each pand's programme in
order). A row without WWS points (a koopwoning, a m² functie, a huurwoning without ``wws``)
has NaN points, segment −1, NaN maximum rent and the general rent index.

Amounts are € per month at the scenario's prijspeil (kale huur). The table is the official
one of the prijspeil year; after the last shipped year it is indexed per row with the legal
cap of the row's segment (the rule by which the maximum rents themselves rise), so a rent
that is legal at prijspeil and indexed at most by that cap stays legal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from ...schema.functies import Huurwoning, Koopwoning, M2Functie
from .punten import schat_punten
from .tabellen import (
    MIDDEN_TOT_EN_MET,
    NIEUWBOUW_OPSLAG,
    SOCIAAL_TOT_EN_MET,
    TABELJAREN,
    Huurplafonds,
    Segment,
    huurplafonds,
    huurprijstabel,
    met_opslag,
    opslag,
    segment,
)

if TYPE_CHECKING:
    from ...schema.scenario import Scenario

Array = NDArray[np.float64]
IntArray = NDArray[np.int64]

#: Segment code of a row without WWS points.
GEEN_SEGMENT = -1
#: A rent counts as above the maximum only beyond half a cent (amounts are in cents).
_CENT = 0.005


@dataclass(frozen=True)
class HuurrechtRijen:
    """Rent law per programme row (F,), € per month at prijspeil unless stated."""

    functie: tuple[str, ...]  # functie key of each row
    pand: IntArray  # pand index of each row
    bron: tuple[str, ...]  # how the points are known: punten | schatting | bestand | ""
    punten: Array  # WWS points (whole), NaN without wws
    segment: IntArray  # Segment code, −1 without wws
    opslag: Array  # Bhw art. 8a surcharge (fraction), NaN without wws or in the vrije sector
    maximale_huur: Array  # table(points) incl. surcharge; NaN without wws or vrije sector
    kale_maximale_huur: Array  # table(points) without surcharge; NaN where maximale_huur is
    monument_opslag: Array  # the monument part of the surcharge (fraction); NaN likewise
    segmentgrens: Array  # table(143) sociaal, table(186) midden; NaN otherwise
    huur: Array  # the functie's huur_per_maand (NaN for other soorten)
    plafond: Array  # legal cap of the yearly rent increase of the row's segment; NaN without
    index_huur: Array  # effective yearly rent index of the row (fraction per year)
    tabeljaar: int  # year of the official table used (≤ prijspeil)
    prijspeil: int

    @property
    def betaalbare_huur(self) -> Array:
        """The default betaalbare huur of each row (METHODE §2a): the upper limit of its
        segment, or the home's own legal maximum where that is lower (a rent above it may
        not be charged); NaN in the vrije sector and without wws."""
        return np.fmin(self.segmentgrens, self.maximale_huur)

    @property
    def boven_maximum(self) -> NDArray[np.bool_]:
        """Rows whose huur_per_maand exceeds the legal maximum (by more than half a cent)."""
        boven: NDArray[np.bool_] = np.isfinite(self.maximale_huur) & (
            self.huur > self.maximale_huur + _CENT
        )
        return boven

    @property
    def getoetst(self) -> NDArray[np.bool_]:
        """Rows with WWS points (the rent is checked against the law)."""
        getoetst: NDArray[np.bool_] = self.segment != GEEN_SEGMENT
        return getoetst

    def segment_naam(self, rij: int) -> str:
        s = int(self.segment[rij])
        return "" if s == GEEN_SEGMENT else Segment(s).naam

    @property
    def tabel_tekst(self) -> str:
        """Which table: 'tabel 2026' or 'tabel 2026, geïndexeerd tot 2027 met het plafond'."""
        if self.tabeljaar == self.prijspeil:
            return f"tabel {self.tabeljaar}"
        return (
            f"tabel {self.tabeljaar}, geïndexeerd tot {self.prijspeil} met het plafond van "
            "het segment"
        )


def plafonds(sc: Scenario) -> Huurplafonds:
    """The legal rent-increase caps of the scenario's markt (fractions per year)."""
    m = sc.markt
    driejarig = m.inflatie if m.inflatie_driejarig is None else m.inflatie_driejarig
    return huurplafonds(m.inflatie, driejarig, m.loonontwikkeling)


def gewenste_huurindexatie(sc: Scenario) -> dict[str, float]:
    """The yearly rent index wished per segment, before the legal cap: its own from
    markt.indexatie.huur_per_segment, else markt.indexatie.huur."""
    ix = sc.markt.indexatie
    eigen = ix.huur_per_segment
    return {
        s.naam: ix.huur
        if eigen is None or getattr(eigen, s.naam) is None
        else getattr(eigen, s.naam)
        for s in Segment
    }


def tabeljaar(prijspeil: int) -> int | None:
    """The year of the official table for `prijspeil`: itself, or the last shipped year
    after it; None before the first table (the Wet betaalbare huur tables start in 2025)."""
    if prijspeil < TABELJAREN[0]:
        return None
    return min(prijspeil, TABELJAREN[-1])


def huurrecht_per_rij(
    sc: Scenario, punten_per_functie: dict[str, Array] | None = None
) -> HuurrechtRijen:
    """Rent law of every programme row of the effective scenario `sc`.

    `punten_per_functie` gives, per functie key, the points per row of that functie (in
    row order) when they are not simply ``wws.punten`` (an estimate or an exact count);
    rows of functies not in it take ``wws.punten``.
    """
    assert sc.prijspeil is not None
    functie: list[str] = []
    pand: list[int] = []
    bron: list[str] = []
    punten: list[float] = []
    huur: list[float] = []
    monument: list[str] = []
    bouwjaar: list[float] = []
    wonen: list[bool] = []  # already housing: no +10 % for transformation (Bhw art. 8a)
    start: list[int] = []
    oplevering: list[int] = []
    gezien: dict[str, int] = {}
    schatting: list[int] = []  # rows whose points are estimated
    for p, pd_ in enumerate(sc.panden):
        tr = pd_.transformatie
        for regel in tr.programma:
            f = sc.functies[regel.functie]
            functie.append(regel.functie)
            pand.append(p)
            monument.append(pd_.monument or "")
            bouwjaar.append(np.nan if pd_.huidig.bouwjaar is None else pd_.huidig.bouwjaar)
            wonen.append(bool(pd_.huidig.wonen))
            start.append(tr.start)
            oplevering.append(tr.start + tr.bouwtijd)
            waar, aantal, geschat = _rij_punten(f, regel.functie, gezien, punten_per_functie)
            if geschat:
                schatting.append(len(punten))
            bron.append(waar)
            punten.append(aantal)
            huur.append(f.huur_per_maand if isinstance(f, Huurwoning) else np.nan)
    punt = np.asarray(punten, dtype=np.float64)
    if schatting:
        rijen = np.asarray(schatting, dtype=np.int64)
        punt[rijen] = geschatte_punten(
            sc, [functie[i] for i in schatting], [monument[i] for i in schatting]
        )
    return _bereken(
        sc,
        functie=tuple(functie),
        pand=np.asarray(pand, dtype=np.int64),
        bron=tuple(bron),
        punten=punt,
        huur=np.asarray(huur, dtype=np.float64),
        monument=np.asarray(monument, dtype=object),
        bouwjaar=np.asarray(bouwjaar, dtype=np.float64),
        wonen=np.asarray(wonen, dtype=bool),
        start=np.asarray(start, dtype=np.int64),
        oplevering=np.asarray(oplevering, dtype=np.int64),
    )


def _rij_punten(
    f: Huurwoning | Koopwoning | M2Functie,
    naam: str,
    gezien: dict[str, int],
    punten_per_functie: dict[str, Array] | None,
) -> tuple[str, float, bool]:
    """One programme row of functie `f` (key `naam`): the source of its WWS points, the
    points (NaN without them or while still to be estimated) and whether they are to be
    estimated. `gezien` counts the rows of each functie so far (updated here)."""
    if not (isinstance(f, Huurwoning) and f.wws is not None):
        return "", np.nan, False
    k = gezien.get(naam, 0)
    gezien[naam] = k + 1
    if punten_per_functie is not None and naam in punten_per_functie:
        return f.wws.bron, float(punten_per_functie[naam][k]), False
    if f.wws.schatting is not None:
        return f.wws.bron, np.nan, True
    assert f.wws.punten is not None
    return f.wws.bron, float(f.wws.punten), False


def geschatte_punten(sc: Scenario, functies: list[str], monument: list[str]) -> Array:
    """The plan-stage WWS estimate (:func:`.punten.schat_punten`) for rows of the given
    functies (each with ``wws.schatting``), vectorised over the rows; a rijks-, gemeentelijk
    or provinciaal monument gets no minus points for energy."""
    assert sc.prijspeil is not None
    feiten = []
    for k in functies:
        f = sc.functies[k]
        assert isinstance(f, Huurwoning) and f.wws is not None and f.wws.schatting is not None
        assert f.gbo_per_woning is not None
        feiten.append((f.gbo_per_woning, f.wws.schatting))
    s = [w for _, w in feiten]
    gbo = np.array([g for g, _ in feiten], dtype=np.float64)
    uit = schat_punten(
        gbo_m2=gbo,
        energielabel=np.array([w.energielabel for w in s], dtype=object),
        woz_waarde=np.array([w.woz_per_woning(g) for g, w in feiten], dtype=np.float64),
        woz_peildatum_jaar=np.array([w.waardepeildatum(sc.prijspeil) for w in s]),
        buitenruimte_m2=np.array([w.buitenruimte_m2 for w in s], dtype=np.float64),
        keuken=np.array([w.keuken for w in s], dtype=object),
        sanitair=np.array([w.sanitair for w in s], dtype=object),
        verwarming=np.array([w.verwarming for w in s], dtype=object),
        aandeel_vertrekken=np.array([w.aandeel_vertrekken for w in s], dtype=np.float64),
        aandeel_overige_ruimten=np.array([w.aandeel_overige_ruimten for w in s]),
        eengezinswoning=np.array([w.eengezinswoning for w in s], dtype=bool),
        monument=np.array(
            [m in ("rijksmonument", "gemeentelijk", "provinciaal") for m in monument]
        ),
    )
    return uit.totaal


def _bereken(
    sc: Scenario,
    *,
    functie: tuple[str, ...],
    pand: IntArray,
    bron: tuple[str, ...],
    punten: Array,
    huur: Array,
    monument: NDArray[np.object_],
    bouwjaar: Array,
    wonen: NDArray[np.bool_],
    start: IntArray,
    oplevering: IntArray,
) -> HuurrechtRijen:
    """The vectorised part of :func:`huurrecht_per_rij`."""
    assert sc.prijspeil is not None
    heeft = np.isfinite(punten)
    seg = np.where(heeft, segment(np.where(heeft, punten, 0.0)), GEEN_SEGMENT).astype(np.int64)
    caps = plafonds(sc)
    per_seg = np.array([caps.van(s) for s in Segment])  # indexed by Segment code
    plafond = np.where(heeft, per_seg[np.maximum(seg, 0)], np.nan)

    jaar = tabeljaar(sc.prijspeil)
    tabel = huurprijstabel(jaar if jaar is not None else TABELJAREN[0])
    extra_jaren = sc.prijspeil - tabel.jaar if jaar is not None else 0
    factor = np.where(heeft, np.power(1.0 + np.nan_to_num(plafond), extra_jaren), np.nan)

    def geindexeerd(bedrag: Array) -> Array:
        return np.round(bedrag * factor, 2) if extra_jaren else bedrag

    gereguleerd = heeft & (seg != Segment.VRIJ)
    kaal = geindexeerd(tabel.maximale_huur(np.where(heeft, punten, 0.0)))
    # a pand that is already housing is no conversion to wonen: no +10 % (as if it started late)
    omzetting = np.where(wonen, 9999, start)
    fractie = np.where(gereguleerd, opslag(seg, monument, bouwjaar, omzetting, oplevering), np.nan)
    zonder_nieuwbouw = opslag(seg, monument, bouwjaar, np.full_like(start, 9999), oplevering)
    monument_opslag = np.where(gereguleerd, zonder_nieuwbouw, np.nan)
    maximale_huur = np.where(gereguleerd, met_opslag(kaal, np.nan_to_num(fractie)), np.nan)
    grens = np.where(seg == Segment.SOCIAAL, SOCIAAL_TOT_EN_MET, MIDDEN_TOT_EN_MET)
    segmentgrens = np.where(gereguleerd, geindexeerd(tabel.maximale_huur(grens)), np.nan)

    algemeen = sc.markt.indexatie.huur
    wens = gewenste_huurindexatie(sc)
    gewenst = np.array([wens[s.naam] for s in Segment])[np.maximum(seg, 0)]
    index_huur = np.where(heeft, np.minimum(gewenst, plafond), algemeen)
    return HuurrechtRijen(
        functie=functie,
        pand=pand,
        bron=bron,
        punten=punten,
        segment=seg,
        opslag=fractie,
        maximale_huur=maximale_huur,
        kale_maximale_huur=np.where(gereguleerd, kaal, np.nan),
        monument_opslag=monument_opslag,
        segmentgrens=segmentgrens,
        huur=huur,
        plafond=plafond,
        index_huur=index_huur,
        tabeljaar=tabel.jaar,
        prijspeil=sc.prijspeil,
    )


__all__ = [
    "GEEN_SEGMENT",
    "NIEUWBOUW_OPSLAG",
    "HuurrechtRijen",
    "gewenste_huurindexatie",
    "huurrecht_per_rij",
    "plafonds",
    "tabeljaar",
]
