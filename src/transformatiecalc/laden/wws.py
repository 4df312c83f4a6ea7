"""``wws.bestand``: the file with a full description of a home, for its exact WWS points.

At load time (:func:`los_wws_bestanden_op`) each ``functies.<k>.wws.bestand`` is resolved
beside the file that names it, checked against the file-access policy (the same rules as
``erft_van``) and replaced by its resolved path, so that a re-validation (varianten, Monte
Carlo) reads the same file. :func:`exacte_punten` reads it (size-limited, cached per file
version) and lets the optional package woningwaardering count the points.
"""

from __future__ import annotations

import json
import os
from datetime import date
from functools import lru_cache
from pathlib import Path

from ..fouten import Melding, ScenarioFout
from ..toegang import MAX_GROOTTE, Geweigerd, NietGevonden, Toegang, lees_bytes
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
        try:
            echt = zoek_wws_bestand(kandidaat, toegang)
            toegang.lees(echt, keten=False)
        except Geweigerd as reden:
            raise ScenarioFout(
                [Melding(*plek, pad, _reden(naam, reden), "wws.bestand_geweigerd")]
            ) from None
        wws.zet("bestand", str(echt), wws.sleutelplek["bestand"], plek)


def zoek_wws_bestand(pad: Path, toegang: Toegang) -> Path:
    """`pad` resolved under the file-access policy (:meth:`Toegang.zoek`): outside the allowed
    folders refused whether it exists or not; inside them a missing file says where it was
    looked for."""
    try:
        return toegang.zoek(pad)
    except NietGevonden:
        raise NietGevonden(f"niet gevonden (gezocht: {os.path.abspath(pad)})") from None


def _reden(naam: str, reden: Geweigerd) -> str:
    scheiding = " " if isinstance(reden, NietGevonden) else ": "
    return f"bestand '{naam}'{scheiding}{reden}"


def exacte_punten(
    bestand: str, prijspeil: int, toegang: Toegang | None = None, map: Path | None = None
) -> tuple[float | None, str]:
    """The exact WWS points of the home in `bestand` (VERA JSON) on 1 January of
    `prijspeil`, or (None, the Dutch reason) when they cannot be counted.

    Every name — from the file, a variant, ``-p`` or code — passes the file-access policy
    `toegang` before anything is read (by default the working directory's folder tree); a
    relative name is taken in `map` (the scenario's folder; by default the working
    directory)."""
    pad = (map if map is not None else Path.cwd()) / bestand
    if toegang is None:
        toegang = Toegang.voor(Path.cwd() / "_")
    try:
        pad = zoek_wws_bestand(pad, toegang)
    except Geweigerd as reden:
        return None, _reden(bestand, reden)
    try:
        stat = pad.stat()
    except OSError as fout:
        return None, f"bestand niet te lezen ({fout.strerror})"
    return _punten(str(pad), stat.st_mtime_ns, stat.st_size, prijspeil)


@lru_cache(maxsize=256)
def _punten(pad: str, _mtime: int, _grootte: int, prijspeil: int) -> tuple[float | None, str]:
    from ..engine.huurrecht.exact import (
        WoningwaarderingOntbreekt,
        beschikbaar,
        ondersteunde_peildata,
        pakketversie,
        punten_exact,
    )

    try:
        tekst = lees_bytes(Path(pad), MAX_GROOTTE).decode("utf-8")
    except (Geweigerd, UnicodeDecodeError) as fout:
        return None, f"bestand niet te lezen: {fout}"
    if not beschikbaar():  # first what to install, then what is wrong with the file
        return None, str(WoningwaarderingOntbreekt())
    try:
        data = json.loads(tekst)
    except json.JSONDecodeError as fout:
        return None, f"het bestand is geen geldige JSON (regel {fout.lineno}, kolom {fout.colno})"
    if not isinstance(data, dict) or not data.get("ruimten"):
        # woningwaardering counts an empty description as a home of −5 points
        return (
            None,
            "het bestand beschrijft geen woning: een VERA-eenheid met haar 'ruimten' verwacht",
        )
    peildatum = date(prijspeil, 1, 1)
    periode = ondersteunde_peildata()
    if periode is not None and not periode[0] <= peildatum < periode[1]:
        jaren = f"{periode[0].year}" + (
            f"–{periode[1].year - 1}" if periode[1].year - 1 > periode[0].year else ""
        )
        return (
            None,
            f"het geïnstalleerde pakket woningwaardering ({pakketversie()}) waardeert alleen "
            f"met het WWS van {jaren}, het prijspeil {prijspeil} valt daarbuiten. Werk het bij "
            f'zodra er een versie voor {prijspeil} is (pip install -U "transformatiecalc[wws]"), '
            "of geef de punten zelf (wws: {punten: …}) of een schatting (wws: {schatting: …})",
        )
    try:
        return punten_exact(tekst, peildatum), ""
    except WoningwaarderingOntbreekt as fout:
        return None, str(fout)
    except Exception as fout:  # the package's own validation: a bad description
        eerste = str(fout).splitlines()[0] if str(fout) else type(fout).__name__
        return None, f"woningwaardering kan de woning niet waarderen: {eerste[:300]}"
