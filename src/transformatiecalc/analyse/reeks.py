"""Many versions of one scenario computed together (METHODE §8).

A *replica* is the scenario with some values changed by path — a tornado point, a grid
cell, a Monte Carlo draw. Each replica is the file's data with those changes, validated
like any file (so derived defaults follow, and out-of-range values are refused with the
same messages); a replica is therefore exactly the same change made in a copy of the file.

The calculation is not repeated per replica: the replicas' inputs are stacked along the
pand axis (replica r's panden are rows r·P … r·P+P−1), the core (METHODE §1–5) runs
once on the stack, and the results are read back as arrays of shape (replicas, panden).
Replicas are processed in blocks (``per_blok``) so memory stays bounded however many
draws are asked for. Herverkaveling and verevening are
run per replica, and each fund's ledger once over all replicas with the same portfolio
inputs (:mod:`.verzamelaar`, METHODE §7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from ..fouten import Melding, ScenarioFout, pad_tekst
from ..laden import _plek_van, lees_met_erfenis, valideer
from ..schema import Scenario
from ..schema.paden import PadFout, Stap, kopie, zet, zoek
from ..schema.scenario import suggestie
from ..toegang import Toegang
from .uitvoerder import LOKAAL, Uitvoerder, blokgrootte
from .verzamelaar import Reeks, Verzamelaar, deel, kansen, stapel

__all__ = ["Reeks", "Verzamelaar", "deel", "kansen", "stapel"]

Array = NDArray[np.float64]
G = TypeVar("G")
S = TypeVar("S")

#: Memory the stacked core may use per block (bytes); sets the default block size.
GEHEUGEN_PER_BLOK = 256 * 1024**2
#: Memory of the funds' inputs of one block of replicas, and at most so many replicas in
#: one fund ledger (beyond, a block gains little and the progress bar moves rarely).
GEHEUGEN_PER_BLOK_FONDSEN = 768 * 1024**2
MAX_PER_BLOK_FONDSEN = 500


#: A KPI without a value in a replica (None) is NaN in the arrays.
@dataclass(frozen=True)
class Basis:
    """A scenario file read for analysis: its data (after erft_van) and effective scenario."""

    data: Mapping[str, Any]  # without varianten and onzekerheid: replicas do not need them
    bestand: str
    scenario: Scenario
    #: The file-access policy the file was read under; a replica's files (a variant's
    #: wws.bestand) pass the same one.
    toegang: Toegang | None = None

    @classmethod
    def laad(cls, pad: str | Path, toegang: Toegang | None = None) -> Basis:
        """Read and validate `pad` (``erft_van`` under the file-access policy `toegang`);
        raises ScenarioFout with located messages."""
        toegang = toegang if toegang is not None else Toegang.voor(pad)
        data = lees_met_erfenis(Path(pad), toegang=toegang)
        scenario = valideer(data, str(pad), toegang)
        kaal = kopie(data)  # a located copy: replicas' errors still point into the file
        for sectie in ("varianten", "onzekerheid"):
            kaal.pop(sectie, None)
        return cls(kaal, str(pad), scenario, toegang)

    def stappen(self, pad: str) -> tuple[Stap, ...]:
        """The path with list positions (names resolved on the effective scenario)."""
        return zoek(self.scenario, pad)[0]

    def melding(self, stappen: Sequence[Stap], tekst: str) -> Melding:
        """A message located at the value at `stappen` in the file (or the nearest
        section the file gives, when the value is a default)."""
        bestand, regel, kolom = _plek_van(self.data, list(stappen), False, (self.bestand, 1, 1))
        return Melding(bestand, regel, kolom, pad_tekst(tuple(stappen)), tekst)

    def met(self, wijzigingen: Mapping[str, Any], wat: str) -> Scenario:
        """The scenario with `wijzigingen` (path → value) applied to the file's data.

        `wat` names the replica in messages ('variant duurder bouwen', 'trekking 17').
        """
        data: Any = self.data
        for pad, waarde in wijzigingen.items():
            try:
                stappen = self.stappen(pad)
            except PadFout as e:
                raise ScenarioFout([Melding(self.bestand, 1, 1, pad, f"{wat}: {e}")]) from None
            data = zet(data, stappen, _gewoon(waarde))
        try:
            return valideer(data, self.bestand, self.toegang, tekst_gecontroleerd=True)
        except ScenarioFout as fout:
            raise ScenarioFout(
                [replace(m, tekst=f"{wat}: {m.tekst}") for m in fout.meldingen]
            ) from None


def _gewoon(waarde: Any) -> Any:
    """numpy scalars → Python numbers (the schema accepts int and float only)."""
    return waarde.item() if isinstance(waarde, np.generic) else waarde


# ----------------------------------------------------------------- stack and split
def per_blok_standaard(scenario: Scenario) -> int:
    """Replicas per block so that the stacked core stays within GEHEUGEN_PER_BLOK."""
    panden = len(scenario.panden)
    regels = sum(len(p.transformatie.programma) for p in scenario.panden)
    jaren = scenario.horizon + 1
    # ~40 (P, J) and ~12 (F, J) float arrays live at once in the core (measured, see docs)
    per_replica = 8 * jaren * (40 * panden + 12 * regels) + 1
    return max(1, GEHEUGEN_PER_BLOK // per_replica)


def per_blok_fondsen(scenario: Scenario) -> int:
    """Replicas per block of a fund's ledger (one year loop over all of them; a step of
    the loop costs about the same for 10 or 200 replicas, so larger blocks are faster):
    what the funds keep per replica (three (P, J) arrays of the panden, and once more
    while the core's blocks are joined) within GEHEUGEN_PER_BLOK_FONDSEN, at most
    MAX_PER_BLOK_FONDSEN. The core runs on these in blocks of :func:`per_blok_standaard`."""
    per_replica = 8 * (scenario.horizon + 1) * 6 * len(scenario.panden) + 1
    return max(1, min(MAX_PER_BLOK_FONDSEN, GEHEUGEN_PER_BLOK_FONDSEN // per_replica))


# ------------------------------------------------------------------ results
PAND_GROOTHEDEN = ("onrendabele_top", "residuele_grondwaarde", "onrendabele_top_na")


def grootheid(reeks: Reeks, naam: str) -> Array:
    """One output per replica by name: a total (``onrendabele_top``), a pand's value
    (``panden.P03.residuele_grondwaarde``), a fund KPI (``fondsen.NAAM.woningen_ontsloten``)
    or a programme KPI (``programma.woningen_per_miljoen_publiek``)."""
    totalen = reeks.totalen()
    if naam in totalen:
        return totalen[naam]
    delen = naam.split(".")
    if len(delen) == 2 and delen[0] == "programma":
        if delen[1] not in reeks.programma:
            if not reeks.programma:
                raise PadFout("dit scenario heeft geen verevening of fondsen: geen programma")
            raise PadFout(
                f"'{delen[1]}' is geen kengetal van het programma"
                + suggestie(delen[1], reeks.programma)
            )
        return reeks.programma[delen[1]]
    if len(delen) == 3 and delen[0] == "panden":
        if delen[1] not in reeks.pand_ids:
            raise PadFout(f"pand '{delen[1]}' bestaat niet{suggestie(delen[1], reeks.pand_ids)}")
        if delen[2] not in PAND_GROOTHEDEN:
            raise PadFout(
                f"'{delen[2]}' is geen uitvoer per pand; kies uit {', '.join(PAND_GROOTHEDEN)}"
            )
        return np.asarray(getattr(reeks, delen[2])[:, reeks.pand_ids.index(delen[1])])
    if len(delen) == 3 and delen[0] == "fondsen":
        if delen[1] not in reeks.fondsen:
            raise PadFout(f"fonds '{delen[1]}' bestaat niet{suggestie(delen[1], reeks.fondsen)}")
        kpi = reeks.fondsen[delen[1]]
        if delen[2] not in kpi:
            raise PadFout(f"'{delen[2]}' is geen kengetal van een fonds{suggestie(delen[2], kpi)}")
        return kpi[delen[2]]
    opties = [*totalen, "panden.ID.<" + "|".join(PAND_GROOTHEDEN) + ">"]
    if reeks.fondsen:
        opties.append("fondsen.NAAM.<kengetal>")
    if reeks.programma:
        opties.append("programma.<kengetal>")
    raise PadFout(
        f"onbekende uitvoer '{naam}'{suggestie(naam, totalen)}; kies uit {', '.join(opties)}"
    )


def bereken_reeks(
    scenarios: Iterable[Scenario],
    per_blok: int | None = None,
    voortgang: Callable[[int], None] | None = None,
) -> Reeks:
    """Compute every replica of `scenarios` (an iterable, consumed block by block).

    The core runs once per block on the stacked panden; herverkaveling, verevening and
    fondsen run per replica when the scenario has them. `voortgang(n)` is called after
    each block with the number of replicas done in it. Without `per_blok`, blocks are
    sized by :func:`per_blok_standaard` of the first scenario.
    """
    rij = iter(scenarios)
    eerste = next(rij, None)
    if eerste is None:
        raise ValueError("geen enkele versie om te berekenen")
    stukken = blokken(chain([eerste], rij), per_blok or per_blok_standaard(eerste))
    return verzamel(LOKAAL, _scenarioblok, None, stukken, voortgang).reeks()


def bereken_versies(
    basis: Basis,
    versies: Iterable[tuple[Mapping[str, Any], str]],
    aantal: int,
    per_blok: int | None = None,
    voortgang: Callable[[int], None] | None = None,
    uitvoerder: Uitvoerder | None = None,
) -> Reeks:
    """Every version of `basis` in `versies` (`aantal` of them, consumed block by block: the
    changes by path and the version's name in messages), each validated as a file and
    computed as by :func:`bereken_reeks`; a block is validated and computed where
    `uitvoerder` runs it (default: here)."""
    uitvoerder = uitvoerder or LOKAAL
    grootte = per_blok or blokgrootte(uitvoerder, aantal, per_blok_standaard(basis.scenario))
    stukken = blokken(versies, grootte)
    return verzamel(uitvoerder, _versieblok, basis, stukken, voortgang).reeks()


def blokken(rij: Iterable[Any], grootte: int) -> Iterator[list[Any]]:
    """`rij` in lists of `grootte` (the last may be shorter), consumed as they are asked for."""
    rij = iter(rij)
    while blok := list(islice(rij, max(grootte, 1))):
        yield blok


def _scenarioblok(_: None, blok: list[Scenario]) -> Verzamelaar:
    uit = Verzamelaar()
    uit.verwerk(blok)
    return uit


def _versieblok(basis: Basis, blok: list[tuple[Mapping[str, Any], str]]) -> Verzamelaar:
    return _scenarioblok(None, [basis.met(wijziging, wat) for wijziging, wat in blok])


def verzamel(
    uitvoerder: Uitvoerder,
    functie: Callable[[G, S], Verzamelaar],
    gedeeld: G,
    stukken: Iterable[S],
    voortgang: Callable[[int], None] | None = None,
) -> Verzamelaar:
    """The blocks' outputs joined in block order, whatever order they complete in; a block
    that completes early waits (alone) until the blocks before it are in."""
    uit = Verzamelaar()
    wacht: dict[int, Verzamelaar] = {}
    volgende = 0
    for i, klaar in uitvoerder.kaart(functie, gedeeld, stukken):
        if voortgang is not None:
            voortgang(klaar.aantal)
        wacht[i] = klaar
        while volgende in wacht:
            uit.voeg(wacht.pop(volgende))
            volgende += 1
    return uit
