"""Rules of rent law (METHODE §2a): a rent within the legal maximum, a table for the year.

The rent law of every programme row is computed here once, on the effective scenario
(:func:`~transformatiecalc.engine.huurrecht.programma.huurrecht_per_rij`), and kept on the
scenario for the engine and the outputs (``Scenario.huurrecht``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic_core import InitErrorDetails

from ...getallen import decimaal
from ..functies import Huurwoning
from ..standaarden import vul_betaalbaar_uit_segment
from .hulp import fout, fout_tekst

if TYPE_CHECKING:
    from ...engine.huurrecht.programma import Array, HuurrechtRijen
    from ..scenario import Scenario


def monument_bouwjaar(sc: Scenario) -> Iterator[InitErrorDetails]:
    """pand.bouwjaar_ontbreekt: a pand in a beschermd stadsgezicht needs its bouwjaar (the
    5 % surcharge holds only for buildings from before 1965)."""
    for i, pand in enumerate(sc.panden):
        if pand.monument == "stadsgezicht" and pand.huidig.bouwjaar is None:
            yield fout(
                ("panden", i, "monument"),
                "pand.bouwjaar_ontbreekt",
                "monument: stadsgezicht vraagt het bouwjaar van het gebouw (huidig.bouwjaar): "
                "de opslag van 5 % op de maximale huur geldt alleen vóór 1965",
            )


def heeft_wws(sc: Scenario) -> bool:
    """Does any functie give WWS points (then rent law applies to its rows)?"""
    return any(isinstance(f, Huurwoning) and f.wws is not None for f in sc.functies.values())


def huurrecht(
    sc: Scenario, context: Any = None
) -> tuple[HuurrechtRijen | None, list[InitErrorDetails]]:
    """The rent law per row of the effective scenario, and the violations of its rules:
    huur.geen_tabel (a prijspeil before the first table), huur.boven_maximum (a rent above
    the legal maximum, unless conventies.huur_boven_maximum: aftoppen)."""
    from ...engine.huurrecht.programma import huurrecht_per_rij, tabeljaar
    from ...engine.huurrecht.tabellen import TABELJAREN

    if not heeft_wws(sc):
        return None, []
    assert sc.prijspeil is not None
    if tabeljaar(sc.prijspeil) is None:
        fouten = [
            fout(
                ("functies", k, "wws"),
                "huur.geen_tabel",
                "WWS-punten vragen een prijspeil vanaf {eerste} (de huurprijstabellen van de Wet "
                "betaalbare huur; meegeleverd: {jaren}); het prijspeil is {jaar}",
                eerste=TABELJAREN[0],
                jaren=", ".join(map(str, TABELJAREN)),
                jaar=sc.prijspeil,
            )
            for k, f in sc.functies.items()
            if isinstance(f, Huurwoning) and f.wws is not None
        ]
        return None, fouten
    exact, fouten = _exacte_punten(sc, context if isinstance(context, dict) else {})
    if fouten:
        return None, fouten
    rijen = huurrecht_per_rij(sc, exact)
    vul_betaalbaar_uit_segment(sc, rijen)
    if sc.conventies.huur_boven_maximum == "aftoppen":
        return rijen, []
    return rijen, list(_boven_maximum(sc, rijen))


def _exacte_punten(
    sc: Scenario, context: dict[str, Any]
) -> tuple[dict[str, Array], list[InitErrorDetails]]:
    """Per functie with wws.bestand its exact points (woningwaardering), the same for each of
    its rows; wws.bestand_ongeldig where they cannot be counted (package missing, bad file,
    refused by the file-access policy in `context`)."""
    from ...laden.wws import exacte_punten

    assert sc.prijspeil is not None
    punten: dict[str, Array] = {}
    fouten: list[InitErrorDetails] = []
    rijen = {k: 0 for k in sc.functies}
    for pand in sc.panden:
        for regel in pand.transformatie.programma:
            rijen[regel.functie] += 1
    for k, f in sc.functies.items():
        if not isinstance(f, Huurwoning) or f.wws is None or f.wws.bestand is None:
            continue
        waarde, reden = exacte_punten(
            f.wws.bestand, sc.prijspeil, context.get("toegang"), context.get("map")
        )
        if waarde is None:
            fouten.append(
                fout_tekst(("functies", k, "wws", "bestand"), "wws.bestand_ongeldig", reden)
            )
        else:
            punten[k] = np.full(rijen[k], float(waarde))
    return punten, fouten


def _boven_maximum(sc: Scenario, rijen: HuurrechtRijen) -> Iterator[InitErrorDetails]:
    """One error per functie whose rent exceeds the maximum in at least one pand (the pand
    with the lowest maximum is named)."""
    boven = rijen.boven_maximum
    for k in dict.fromkeys(rijen.functie[i] for i in np.flatnonzero(boven)):
        mijn = np.flatnonzero(boven & (np.asarray(rijen.functie) == k))
        i = int(mijn[np.argmin(rijen.maximale_huur[mijn])])
        andere = len({int(rijen.pand[j]) for j in mijn}) - 1
        opslag = float(rijen.opslag[i])
        yield fout(
            ("functies", k, "huur_per_maand"),
            "huur.boven_maximum",
            "de huur van € {huur} per maand ligt boven de wettelijke maximale huur van € {max} "
            "bij {punten} WWS-punten ({segment}, {tabel}, opslag {opslag} %) in pand {pand}{en}; "
            "verlaag de huur, controleer de punten, of reken met het maximum: "
            "conventies.huur_boven_maximum: aftoppen",
            huur=decimaal(float(rijen.huur[i])),
            max=decimaal(float(rijen.maximale_huur[i])),
            punten=int(rijen.punten[i]),
            segment=_SEGMENTTEKST[rijen.segment_naam(i)],
            tabel=rijen.tabel_tekst,
            opslag=decimaal(100 * opslag, 0),
            pand=sc.panden[int(rijen.pand[i])].id,
            en=""
            if andere == 0
            else f" (en {andere} ander{'' if andere == 1 else 'e'} pand{'' if andere == 1 else 'en'})",
        )


def _en_andere(n: int) -> str:
    """' (en 1 ander pand)', ' (en 3 andere panden)' or ''."""
    if n == 0:
        return ""
    return " (en 1 ander pand)" if n == 1 else f" (en {n} andere panden)"


_SEGMENTTEKST = {"sociaal": "sociale huur", "midden": "middenhuur", "vrij": "vrije sector"}
