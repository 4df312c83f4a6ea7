"""WWS points of a zelfstandige woonruimte at plan stage (METHODE §2a, issue #15).

The woningwaarderingsstelsel (Besluit huurprijzen woonruimte, "Bhw", bijlage I, onder A)
counts points per rubriek; this module estimates them from the few facts a project leader
has before there is a floor plan: GBO, energielabel, WOZ-waarde, private outdoor space and
a standard level (``eenvoudig``, ``standaard``, ``luxe``) for keuken, sanitair and
verwarming. Every level stands for concrete WWS inputs, written out in docs/methode.md
§2a and in the constants below; the rubrieken are computed with the Bhw's own rules and
rounding, so only the translation from facts to rooms and fittings is an estimate.

All functions take and return numpy arrays over woningen or programme rows (scalars
broadcast); there is no Python loop over rows. Points are WWS points (dimensionless);
areas in m², amounts in € (WOZ, at its waardepeildatum).

Rounding (Bhw bijlage I, "Slotopmerking" and the text above rubriek 1): each rubriek is
rounded to 0,25 point with 1/8 rounded up (:func:`rond_kwart`), the total to whole points
with 0,5 rounded up (:func:`rond_heel`). Both are decimal-safe on floats.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]

#: Labels in the order of the Bhw table, best first.
ENERGIELABELS: tuple[str, ...] = ("A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G")

#: Rubriek 4, points per energielabel for a meergezinswoning (an apartment: what a
#: transformation delivers) and an eengezinswoning. Source: woningwaardering (Woonstad
#: Rotterdam, MIT), commit 4b129f91, energieprestatie/lookup_tabellen/label_en_energie-index.csv,
#: after Bhw bijlage I rubriek 4; label E is −4 as in the Uitvoeringsregeling huurprijzen
#: woonruimte art. 10d (the Bhw prints −5; we follow the package).
LABELPUNTEN_MEERGEZINS: dict[str, float] = dict(
    zip(ENERGIELABELS, (58, 53, 48, 43, 37, 30, 15, 11, -4, -9, -15), strict=True)
)
LABELPUNTEN_EENGEZINS: dict[str, float] = dict(
    zip(ENERGIELABELS, (62, 57, 52, 47, 41, 34, 22, 14, -4, -9, -15), strict=True)
)

NIVEAUS: tuple[str, ...] = ("eenvoudig", "standaard", "luxe")

#: Rubriek 5 (keuken) per level; the kitchen is one open kitchen in the woonkamer.
#: eenvoudig: aanrecht 1,8 m (4) + keramische kookplaat 1 + afzuiginstallatie 0,75 +
#:   inbouwkoelkast 1 + eenhandsmengkraan 0,25 = 7.
#: standaard: aanrecht 2,4 m (7) + inductiekookplaat 1,75 + afzuiginstallatie 0,75 +
#:   inbouw koel-vriescombinatie 1,75 + combimagnetron 2 + eenhandsmengkraan 0,25 = 13,5.
#: luxe: aanrecht 3,0 m (7) + the standaard fittings + vaatwasser 1,5 + extra kastruimte
#:   0,75 + kokendwaterkraan 0,5 = 16 → extra voorzieningen at most the aanrecht points
#:   (7): 14.
KEUKEN_PUNTEN: dict[str, float] = {"eenvoudig": 7.0, "standaard": 13.5, "luxe": 14.0}

#: Rubriek 6 (sanitair) per level, zelfstandige woonruimte.
#: eenvoudig: badkamer met staand toilet 2 + wastafel 1 + douche 4 = 7.
#: standaard: toiletruimte met hangend toilet 3,75 + fontein (wastafel) 1; badkamer met
#:   wastafel 1 + douche 4 + douchewand 1,25 + thermostatische mengkraan 0,5 + kastje met
#:   wastafel 1 + stopcontact bij wastafel 0,25 = 12,75.
#: luxe: toiletruimte met hangend toilet 3,75 + fontein 1; badkamer met hangend toilet
#:   2,75 + meerpersoonswastafel 1,5 + bad en douche 7 + douchewand 1,25 + 2 thermostatische
#:   mengkranen 1 + handdoekradiator 0,75 + kastje met wastafel 1 + 2 stopcontacten 0,5
#:   = 20,5.
SANITAIR_PUNTEN: dict[str, float] = {"eenvoudig": 7.0, "standaard": 12.75, "luxe": 20.5}

#: Rubriek 3 on top of 2 points per heated vertrek and 2 for the open kitchen: heated
#: overige or verkeersruimten (1 each, at most 4) and cooled vertrekken (1 each, at most 2).
#: eenvoudig: only the vertrekken heated; standaard: also the hal (1); luxe: the hal (1)
#: and cooling, as with a heat pump, in at least two vertrekken (2). A heated toiletruimte
#: counts only from 2 m² (it must be an overige ruimte), which a toilet rarely is.
VERWARMING_EXTRA: dict[str, float] = {"eenvoudig": 0.0, "standaard": 1.0, "luxe": 3.0}

#: Default split of GBO (NEN 2580) into the areas the WWS counts: vertrekken (rubriek 1)
#: and overige ruimten (rubriek 2); the rest is verkeersruimte (hal, gang), internal walls
#: and space the WWS does not count. Medians over the 16 homes with a GBO in the test set
#: of woningwaardering (tests/data/zelfstandige_woonruimten/input, commit 4b129f91).
AANDEEL_VERTREKKEN = 0.78
AANDEEL_OVERIGE_RUIMTEN = 0.05

#: Rubriek 2: an overige ruimte counts from 2 m² (Bhw bijlage I, rubriek 2, toelichting);
#: the estimate treats the overige ruimten as one berging.
MINIMUM_OVERIGE_RUIMTE_M2 = 2.0

#: Rubriek 11.3: the WOZ points are at most 33 % of the total from this total (without the
#: cap) on; a home the cap takes below it gets 186.
WOZ_CAP_DREMPEL = 187.0
WOZ_CAP_AANDEEL = 0.33


def _rond_half_op(x: npt.ArrayLike, per_eenheid: int) -> Array:
    """Round to 1/per_eenheid, half away from zero, as Decimal ROUND_HALF_UP would.

    ``x * per_eenheid`` is first rounded to 9 decimals, which removes the binary noise of
    a decimal such as 0.125 + 0.1 − 0.1 or 2.675 (stored as 2.67499…) without moving any
    value the WWS can produce (its inputs have at most a few decimals).
    """
    q = np.round(np.abs(np.asarray(x, dtype=np.float64)) * per_eenheid, 9)
    uit: Array = np.sign(np.asarray(x, dtype=np.float64)) * np.floor(q + 0.5) / per_eenheid
    return uit + 0.0  # −0.0 → 0.0


def rond_kwart(x: npt.ArrayLike) -> Array:
    """Round points to 0.25 with 1/8 up (Bhw bijlage I): 0.125 → 0.25, 0.12 → 0.0."""
    return _rond_half_op(x, 4)


def rond_heel(x: npt.ArrayLike) -> Array:
    """Round to whole points (or m²) with 0.5 up: 186.5 → 187, 2.5 → 3 (not 2)."""
    return _rond_half_op(x, 1)


def _rond_cent(x: npt.ArrayLike) -> Array:
    """Round euros to cents, half up: € 5 685,714 → € 5 685,71."""
    return _rond_half_op(x, 100)


class WozFactoren(NamedTuple):
    """Rubriek 11 factors per waardepeildatum year (data/huurrecht/woz_factoren.csv)."""

    waardepeildatum: npt.NDArray[np.int64]  # year of the waardepeildatum (1 January)
    factor_I: Array  # € WOZ per point
    factor_II: Array  # € WOZ per m² per point
    minimumwaarde: Array  # € WOZ when there is no WOZ-waarde


@lru_cache(maxsize=1)
def woz_factoren() -> WozFactoren:
    """The rubriek 11 factors, oldest waardepeildatum first, from the package data."""
    tekst = (
        files("transformatiecalc").joinpath("data/huurrecht/woz_factoren.csv").read_text("utf-8")
    )
    regels = [r for r in tekst.splitlines() if r.strip() and not r.startswith("#")]
    kolommen = regels[0].split(",")
    waarden = np.array([[float(v) for v in r.split(",")] for r in regels[1:]])
    k = {naam: waarden[:, i] for i, naam in enumerate(kolommen)}
    volgorde = np.argsort(k["waardepeildatum"])
    return WozFactoren(
        waardepeildatum=k["waardepeildatum"][volgorde].astype(np.int64),
        factor_I=k["factor_I"][volgorde],
        factor_II=k["factor_II"][volgorde],
        minimumwaarde=k["minimumwaarde"][volgorde],
    )


def _factorrij(peildatum_jaar: npt.ArrayLike) -> npt.NDArray[np.intp]:
    """Row of the factor table per home: the newest waardepeildatum ≤ the given year.

    A year after the newest row uses the newest factors (as woningwaardering does): the
    scenario's WOZ is at prijspeil, and the factors follow the eigenwoningwaarden.
    """
    tabel = woz_factoren()
    jaar = np.asarray(peildatum_jaar, dtype=np.int64)
    rij = np.searchsorted(tabel.waardepeildatum, jaar, side="right") - 1
    if np.any(rij < 0):
        eerste = int(tabel.waardepeildatum[0])
        raise ValueError(
            f"geen WOZ-factoren voor waardepeildatum {int(np.min(jaar))}: de tabel begint bij "
            f"1 januari {eerste}"
        )
    return rij


def woz_onderdelen(
    woz_waarde: npt.ArrayLike, oppervlakte_m2: npt.ArrayLike, peildatum_jaar: npt.ArrayLike
) -> tuple[Array, Array]:
    """Onderdeel I and II of rubriek 11, unrounded points.

    ``woz_waarde`` € per woning at 1 January of ``peildatum_jaar`` (NaN: no WOZ-waarde, the
    minimum WOZ-waarde of that cohort is used); ``oppervlakte_m2`` the m² of vertrekken
    plus overige ruimten (rubriek 1 + 2, plus type-I parking places), rounded here to whole
    m² with 0.5 up. Onderdeel I = WOZ / factor I; onderdeel II = (WOZ / m², rounded to
    cents) / factor II, as in the Bhw's rekenvoorbeeld (€ 398.000 / 70 = € 5.685,71).
    """
    tabel = woz_factoren()
    rij = _factorrij(peildatum_jaar)
    woz = np.asarray(woz_waarde, dtype=np.float64)
    woz = np.where(np.isnan(woz), tabel.minimumwaarde[rij], woz)
    m2 = rond_heel(oppervlakte_m2)
    if np.any(m2 < 1):
        raise ValueError("de oppervlakte van vertrekken en overige ruimten is minder dan 1 m²")
    onderdeel_I: Array = woz / tabel.factor_I[rij]
    onderdeel_II: Array = _rond_cent(woz / m2) / tabel.factor_II[rij]
    return onderdeel_I, onderdeel_II


def woz_punten(
    woz_waarde: npt.ArrayLike, oppervlakte_m2: npt.ArrayLike, peildatum_jaar: npt.ArrayLike
) -> Array:
    """Rubriek 11 points before the cap: onderdeel I + II, rounded to 0.25 (see woz_onderdelen)."""
    onderdeel_I, onderdeel_II = woz_onderdelen(woz_waarde, oppervlakte_m2, peildatum_jaar)
    return rond_kwart(onderdeel_I + onderdeel_II)


def woz_cap(woz: npt.ArrayLike, overige: npt.ArrayLike) -> tuple[Array, Array]:
    """Apply the cap on the WOZ (Bhw bijlage I, 11.3): (WOZ points after cap, total).

    ``woz`` is rubriek 11 and ``overige`` the sum of all other rubrieken, both after
    rounding per rubriek. The total without cap is ``rond_heel(overige + woz)``; from 187
    on, the WOZ points are at most 33 % of the total, i.e. at most overige × 33/67, then
    rounded down to whole points; a home the cap takes below 187 gets 186 (and its WOZ
    points become 186 − overige). Returns the WOZ points and the whole-point total, with
    ``total == rond_heel(overige + woz after cap)``.
    """
    woz_a = np.asarray(woz, dtype=np.float64)
    overig = np.asarray(overige, dtype=np.float64)
    zonder_cap = rond_heel(overig + woz_a)
    maximum = overig * (WOZ_CAP_AANDEEL * 100) / ((1 - WOZ_CAP_AANDEEL) * 100)
    geraakt = (zonder_cap >= WOZ_CAP_DREMPEL) & (woz_a > maximum)
    woz_na: Array = np.where(geraakt, np.floor(np.round(maximum, 9)), woz_a)
    totaal = rond_heel(overig + woz_na)
    naar_186 = geraakt & (totaal < WOZ_CAP_DREMPEL)
    woz_na = np.where(naar_186, WOZ_CAP_DREMPEL - 1 - overig, woz_na)
    totaal = np.where(naar_186, WOZ_CAP_DREMPEL - 1, totaal)
    return woz_na, totaal


def _kaart(waarden: npt.ArrayLike, tabel: dict[str, float], wat: str) -> Array:
    """Map text values (labels, levels) to numbers; a loop over the distinct values only."""
    tekst = np.asarray(waarden, dtype=np.str_)
    uniek, plek = np.unique(tekst, return_inverse=True)
    onbekend = [str(u) for u in uniek if str(u) not in tabel]
    if onbekend:
        raise ValueError(f"onbekend {wat}: {', '.join(onbekend)} (kies uit {', '.join(tabel)})")
    getallen = np.array([tabel[str(u)] for u in uniek], dtype=np.float64)
    uit: Array = getallen[plek].reshape(tekst.shape)
    return uit


def aantal_slaapkamers(gbo_m2: npt.ArrayLike) -> Array:
    """Estimated bedrooms: 0 below 40 m² GBO (a studio), then one more per 25 m², at most 4.

    40–64 m²: 1, 65–89 m²: 2, 90–114 m²: 3, from 115 m²: 4.
    """
    gbo = np.asarray(gbo_m2, dtype=np.float64)
    uit: Array = np.clip(np.floor((gbo - 15.0) / 25.0), 0.0, 4.0)
    return uit


class WwsPunten(NamedTuple):
    """Estimated WWS points per woning, per rubriek (after rounding to 0.25) and in total."""

    oppervlakte_vertrekken: Array  # rubriek 1
    oppervlakte_overige_ruimten: Array  # rubriek 2
    verkoeling_en_verwarming: Array  # rubriek 3
    energieprestatie: Array  # rubriek 4
    keuken: Array  # rubriek 5
    sanitair: Array  # rubriek 6
    buitenruimten: Array  # rubriek 8
    woz_zonder_cap: Array  # rubriek 11 before the cap (11.3)
    woz: Array  # rubriek 11 after the cap
    totaal_zonder_cap: Array  # whole points, without the cap
    totaal: Array  # whole points, after the cap: the WWS points of the home


def schat_punten(
    gbo_m2: npt.ArrayLike,
    energielabel: npt.ArrayLike,
    woz_waarde: npt.ArrayLike,
    woz_peildatum_jaar: npt.ArrayLike,
    buitenruimte_m2: npt.ArrayLike = 0.0,
    keuken: npt.ArrayLike = "standaard",
    sanitair: npt.ArrayLike = "standaard",
    verwarming: npt.ArrayLike = "standaard",
    aandeel_vertrekken: npt.ArrayLike = AANDEEL_VERTREKKEN,
    aandeel_overige_ruimten: npt.ArrayLike = AANDEEL_OVERIGE_RUIMTEN,
    eengezinswoning: npt.ArrayLike = False,
    monument: npt.ArrayLike = False,
) -> WwsPunten:
    """Plan-stage estimate of the WWS points of a zelfstandige woonruimte (METHODE §2a).

    Per woning (arrays broadcast): ``gbo_m2`` GBO in m²; ``energielabel`` "A++++" … "G";
    ``woz_waarde`` € per woning at 1 January of ``woz_peildatum_jaar`` (NaN: the minimum
    WOZ-waarde); ``buitenruimte_m2`` private outdoor space in m² (0: no outdoor space, −5
    points); ``keuken``, ``sanitair``, ``verwarming`` "eenvoudig" | "standaard" | "luxe";
    ``aandeel_vertrekken`` and ``aandeel_overige_ruimten`` the fractions of GBO that count
    in rubriek 1 and 2; ``eengezinswoning`` True for a single-family house (rubriek 4).

    Rubriek 1: rond_heel(aandeel_vertrekken × GBO) points. Rubriek 2: 0.75 per whole m² of
    aandeel_overige_ruimten × GBO, nothing below 2 m². Rubriek 3: 2 per heated vertrek (woonkamer, bedrooms of
    :func:`aantal_slaapkamers`, badkamer) + 2 for the open kitchen + VERWARMING_EXTRA.
    Rubriek 4: the label table, no minus points for a rijks-, gemeentelijk or provinciaal
    ``monument`` (Bhw bijlage I, rubriek 4). Rubriek 5 and 6: KEUKEN_PUNTEN, SANITAIR_PUNTEN. Rubriek 8:
    2 + 0.35 per whole m², at most 15; −5 without outdoor space. Rubriek 11: woz_punten on
    the m² of rubriek 1 + 2, then the cap (woz_cap). Not estimated (0): rubriek 7, 9, 10, 12.
    """
    gbo = np.asarray(gbo_m2, dtype=np.float64)
    m2_vertrekken = gbo * np.asarray(aandeel_vertrekken, dtype=np.float64)
    m2_overig = gbo * np.asarray(aandeel_overige_ruimten, dtype=np.float64)
    r1 = rond_kwart(rond_heel(m2_vertrekken))
    m2_overig = np.where(m2_overig >= MINIMUM_OVERIGE_RUIMTE_M2, m2_overig, 0.0)
    r2 = rond_kwart(rond_heel(m2_overig) * 0.75)

    vertrekken = 1.0 + aantal_slaapkamers(gbo) + 1.0  # woonkamer, slaapkamers, badkamer
    r3 = rond_kwart(
        2.0 * vertrekken + 2.0 + _kaart(verwarming, VERWARMING_EXTRA, "verwarmingsniveau")
    )

    meergezins = _kaart(energielabel, LABELPUNTEN_MEERGEZINS, "energielabel")
    eengezins = _kaart(energielabel, LABELPUNTEN_EENGEZINS, "energielabel")
    r4 = rond_kwart(np.where(np.asarray(eengezinswoning, dtype=bool), eengezins, meergezins))
    r4 = np.where(np.asarray(monument, dtype=bool), np.maximum(r4, 0.0), r4)
    r5 = rond_kwart(_kaart(keuken, KEUKEN_PUNTEN, "keukenniveau"))
    r6 = rond_kwart(_kaart(sanitair, SANITAIR_PUNTEN, "sanitairniveau"))

    buiten = np.asarray(buitenruimte_m2, dtype=np.float64)
    r8 = rond_kwart(np.where(buiten > 0, np.minimum(2.0 + 0.35 * rond_heel(buiten), 15.0), -5.0))

    r11 = woz_punten(woz_waarde, m2_vertrekken + m2_overig, woz_peildatum_jaar)
    overige = r1 + r2 + r3 + r4 + r5 + r6 + r8
    woz, totaal = woz_cap(r11, overige)
    delen = np.broadcast_arrays(
        r1, r2, r3, r4, r5, r6, r8, r11, woz, rond_heel(overige + r11), totaal
    )
    return WwsPunten(*(np.array(d, dtype=np.float64) for d in delen))
