"""``wws.bestand``: the file with a full description of a home, for its exact WWS points.

At load time (:func:`los_wws_bestanden_op`) each ``functies.<k>.wws.bestand`` is resolved
beside the file that names it, checked against the file-access policy (the same rules as
``erft_van``) and replaced by its resolved path, so that a re-validation (varianten, Monte
Carlo) reads the same file. :func:`exacte_punten` reads it (size-limited, cached per file
version) and lets the optional package woningwaardering count the points.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..fouten import Melding, ScenarioFout
from ..toegang import MAX_GROOTTE, Geweigerd, Toegang, lees_bytes
from .plekken import PMap


def los_wws_bestanden_op(data: PMap, toegang: Toegang) -> None:
    """Resolve and check every ``wws.bestand`` of `data` in place (located errors)."""
    functies = data.get("functies")
    if not isinstance(functies, PMap):
        return
    for sleutel, functie in functies.items():
        wws = functie.get("wws") if isinstance(functie, PMap) else None
        if not isinstance(wws, PMap) or not isinstance(wws.get("bestand"), str):
            continue
        naam = wws["bestand"]
        plek = wws.waardeplek["bestand"]
        pad = f"functies.{sleutel}.wws.bestand"
        kandidaat = Path(plek[0]).parent / naam
        if not os.path.lexists(kandidaat):
            raise ScenarioFout(
                [
                    Melding(
                        *plek,
                        pad,
                        f"bestand '{naam}' niet gevonden (gezocht: {os.path.abspath(kandidaat)})",
                        "wws.bestand_geweigerd",
                    )
                ]
            )
        try:
            echt = toegang.controleer_binnen(kandidaat)
            toegang.lees(echt, keten=False)
        except Geweigerd as reden:
            raise ScenarioFout(
                [Melding(*plek, pad, f"bestand '{naam}': {reden}", "wws.bestand_geweigerd")]
            ) from None
        wws.zet("bestand", str(echt), wws.sleutelplek["bestand"], plek)


def exacte_punten(bestand: str, prijspeil: int) -> tuple[float | None, str]:
    """The exact WWS points of the home in `bestand` (VERA JSON) on 1 January of
    `prijspeil`, or (None, the Dutch reason) when they cannot be counted."""
    pad = Path(bestand)
    if not pad.is_absolute():  # validated from code, not loaded from a file: the cwd tree
        try:
            pad = Toegang.voor(Path.cwd() / "_").controleer_binnen(pad)
        except Geweigerd as reden:
            return None, str(reden)
    try:
        stat = pad.stat()
    except OSError as fout:
        return None, f"bestand niet te lezen ({fout.strerror})"
    return _punten(str(pad), stat.st_mtime_ns, stat.st_size, prijspeil)


@lru_cache(maxsize=256)
def _punten(pad: str, _mtime: int, _grootte: int, prijspeil: int) -> tuple[float | None, str]:
    from ..engine.huurrecht.exact import WoningwaarderingOntbreekt, punten_exact

    try:
        tekst = lees_bytes(Path(pad), MAX_GROOTTE).decode("utf-8")
    except (Geweigerd, UnicodeDecodeError) as fout:
        return None, f"bestand niet te lezen: {fout}"
    try:
        return punten_exact(tekst, date(prijspeil, 1, 1)), ""
    except WoningwaarderingOntbreekt as fout:
        return None, str(fout)
    except Exception as fout:  # the package's own validation: a bad description
        eerste = str(fout).splitlines()[0] if str(fout) else type(fout).__name__
        return None, f"woningwaardering kan de woning niet waarderen: {eerste[:300]}"
