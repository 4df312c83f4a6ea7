"""Many versions of one scenario computed together (METHODE §8).

A *replica* is the scenario with some values changed by path — a tornado point, a grid
cell, a Monte Carlo draw. Each replica is the file's data with those changes, validated
like any file (so derived defaults follow, and out-of-range values are refused with the
same messages); a replica is therefore exactly the same change made in a copy of the file.

The calculation is not repeated per replica: the replicas' inputs are stacked along the
pand axis (replica r's panden are rows r·P … r·P+P−1), the core (METHODE §1–5) runs
once on the stack, and the results are read back as arrays of shape (replicas, panden).
Replicas are processed in blocks (``per_blok``) so memory stays bounded however many
draws are asked for. Only the portfolio stage (herverkaveling, verevening, fondsen) is
run per replica: a fund's cash book is sequential by nature (METHODE §7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

from ..engine import bereken_invoer, invoer_uit_scenario
from ..engine.assen import stapel_velden, zonder_as
from ..engine.invoer import Invoer
from ..engine.portefeuille import Portefeuille, VoorDeFondsen, met_de_fondsen, voor_de_fondsen
from ..engine.portefeuilleinvoer import (
    PortefeuilleInvoer,
    met_stappen,
    portefeuille_invoer,
    zelfde,
)
from ..engine.rekenkern import Uitkomst
from ..fouten import Melding, ScenarioFout, pad_tekst
from ..laden import _plek_van, lees_met_erfenis, valideer
from ..schema import Scenario
from ..schema.paden import PadFout, Stap, kopie, zet, zoek
from ..schema.scenario import suggestie
from ..toegang import Toegang
from .uitvoerder import LOKAAL, Uitvoerder, blokgrootte

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
_GEEN = float("nan")


def kansen(kpi: dict[str, object]) -> dict[str, float]:
    """Per replica the yes/no outcomes (1/0) whose mean over the draws is a probability:
    cash below zero, a lending tranche that loses money, support not fully honoured."""
    gehonoreerd = kpi.get("aandeel_gehonoreerd")
    return {
        "kastekort_ja": float(bool(kpi.get("jaren_kastekort"))),
        "trancheverlies_ja": float(bool(kpi.get("tranches_met_verlies"))),
        "niet_alles_gehonoreerd": float(
            gehonoreerd is not None and float(gehonoreerd) < 1.0 - 1e-9  # type: ignore[arg-type]
        ),
    }


@dataclass(frozen=True)
class Basis:
    """A scenario file read for analysis: its data (after erft_van) and effective scenario."""

    data: Mapping[str, Any]  # without varianten and onzekerheid: replicas do not need them
    bestand: str
    scenario: Scenario

    @classmethod
    def laad(cls, pad: str | Path, toegang: Toegang | None = None) -> Basis:
        """Read and validate `pad` (``erft_van`` under the file-access policy `toegang`);
        raises ScenarioFout with located messages."""
        data = lees_met_erfenis(Path(pad), toegang=toegang)
        scenario = valideer(data, str(pad))
        kaal = kopie(data)  # a located copy: replicas' errors still point into the file
        for sectie in ("varianten", "onzekerheid"):
            kaal.pop(sectie, None)
        return cls(kaal, str(pad), scenario)

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
            return valideer(data, self.bestand)
        except ScenarioFout as fout:
            raise ScenarioFout(
                [replace(m, tekst=f"{wat}: {m.tekst}") for m in fout.meldingen]
            ) from None


def _gewoon(waarde: Any) -> Any:
    """numpy scalars → Python numbers (the schema accepts int and float only)."""
    return waarde.item() if isinstance(waarde, np.generic) else waarde


# ----------------------------------------------------------------- stack and split
def stapel(invoeren: Sequence[Invoer]) -> Invoer:
    """One Invoer with the panden (and functie rows) of all `invoeren` after each other.

    Scalars (years, conventions) must be equal; every array is concatenated along its
    first axis, and each functie row's pand index is shifted to its replica's panden.
    """
    if len(invoeren) == 1:
        return invoeren[0]
    return Invoer(**stapel_velden(Invoer, invoeren, [inv.aantal_panden for inv in invoeren]))


def _sleutel(inv: Invoer) -> tuple[Any, ...]:
    """Replicas with equal scalars can share one stacked calculation."""
    return zonder_as(inv)


def deel(u: Uitkomst, i: int, n: int) -> Uitkomst:
    """Replica i of a stacked Uitkomst of n equal replicas."""
    p = u.invoer.aantal_panden // n
    return u.panden(i * p, (i + 1) * p)


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
@dataclass
class Reeks:
    """What every replica gave (replica r in row r)."""

    pand_ids: tuple[str, ...]
    jaren: NDArray[np.int64]  # calendar years of the fund ledgers
    onrendabele_top: Array  # (R, P) € peildatum, before the portfolio stages
    residuele_grondwaarde: Array  # (R, P) € peildatum
    onrendabele_top_na: Array  # (R, P) after herverkaveling, verevening, fondsen
    fondsen: dict[str, dict[str, Array]] = field(default_factory=dict)  # naam → KPI → (R,)
    fondssaldo: dict[str, Array] = field(default_factory=dict)  # naam → (R, J) year-end cash
    programma: dict[str, Array] = field(default_factory=dict)  # KPI → (R,)

    @property
    def aantal(self) -> int:
        return int(self.onrendabele_top.shape[0])

    def totalen(self) -> dict[str, Array]:
        """Portfolio totals per replica (R,)."""
        ort, na = self.onrendabele_top, self.onrendabele_top_na
        return {
            "onrendabele_top": ort.sum(axis=1),
            "tekort": np.clip(ort, 0.0, None).sum(axis=1),
            "residuele_grondwaarde": self.residuele_grondwaarde.sum(axis=1),
            "onrendabele_top_na": na.sum(axis=1),
            "tekort_na": np.clip(na, 0.0, None).sum(axis=1),
            "panden_met_tekort": (ort > 0.005).sum(axis=1).astype(np.float64),
            "panden_met_tekort_na": (na > 0.005).sum(axis=1).astype(np.float64),
        }


#: Outputs per pand that an analysis can follow (`panden.P03.<naam>`).
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
    for i, deel in uitvoerder.kaart(functie, gedeeld, stukken):
        if voortgang is not None:
            voortgang(deel.aantal)
        wacht[i] = deel
        while volgende in wacht:
            uit.voeg(wacht.pop(volgende))
            volgende += 1
    return uit


class Verzamelaar:
    """Collects the outputs of each block of replicas."""

    def __init__(self) -> None:
        self.ort: list[Array] = []
        self.rg: list[Array] = []
        self.na: list[Array] = []
        self.kpi: dict[str, dict[str, list[float]]] = {}
        self.saldo: dict[str, list[Array]] = {}
        self.programma: dict[str, list[float]] = {}
        self.pand_ids: tuple[str, ...] | None = None
        self.jaren = np.zeros(0, dtype=np.int64)

    @property
    def aantal(self) -> int:
        """Replicas collected."""
        return sum(len(x) for x in self.ort)

    def voeg(self, ander: Verzamelaar) -> None:
        """Append the replicas `ander` collected (a later block): the same lists as when this
        collector had processed that block itself."""
        if ander.pand_ids is not None:
            self.panden(ander.pand_ids)
        self.ort += ander.ort
        self.rg += ander.rg
        self.na += ander.na
        for naam, kpi in ander.kpi.items():
            rij = self.kpi.setdefault(naam, {})
            for k, v in kpi.items():
                rij.setdefault(k, []).extend(v)
        for naam, saldo in ander.saldo.items():
            self.saldo.setdefault(naam, []).extend(saldo)
        for k, w in ander.programma.items():
            self.programma.setdefault(k, []).extend(w)
        if ander.jaren.size:
            self.jaren = ander.jaren

    def verwerk(self, blok: list[Scenario]) -> None:
        """Collect a block of versions, each validated as a file: the core stacked by group
        of equal scalars, and the versions whose portfolio inputs are equal (a variant of
        building costs or rents, a tornado point, a draw) through each fund's ledger at
        once; collected in the order of `blok`."""
        invoeren = [invoer_uit_scenario(s) for s in blok]
        for inv in invoeren:
            self.panden(inv.pand_ids)
        kernen = _kern(invoeren)
        portefeuilles = _portefeuilles(blok, kernen)
        for u, pf in zip(kernen, portefeuilles, strict=True):
            ort = self._kern(u, 1)
            if pf is None:
                self.na.append(ort)
            else:
                self._portefeuille(pf)
        self.jaren = np.arange(blok[0].startjaar, blok[0].startjaar + blok[0].horizon + 1)

    def panden(self, pand_ids: tuple[str, ...]) -> None:
        if self.pand_ids is None:
            self.pand_ids = pand_ids
        elif pand_ids != self.pand_ids:
            raise ValueError("alle versies van een scenario moeten dezelfde panden hebben")

    def blok(self, u: Uitkomst, n: int, pinv: PortefeuilleInvoer | None) -> None:
        """Collect `n` replicas computed together (a stacked Uitkomst, replica r's panden
        after each other) that share the portfolio inputs `pinv` (None: no portfolio stage)."""
        voor = self.kern(u, n, pinv)
        if pinv is not None and voor is not None:
            self.portefeuilles(pinv, [voor])

    def kern(self, u: Uitkomst, n: int, pinv: PortefeuilleInvoer | None) -> VoorDeFondsen | None:
        """Collect the core's results of `n` stacked replicas (as :meth:`blok`); with
        portfolio inputs, return what the stages before the funds leave (no core matrices:
        `u` may be released), for :meth:`portefeuilles`."""
        ort = self._kern(u, n)
        if pinv is None:
            self.na.append(ort)
            return None
        return voor_de_fondsen(pinv, u, [deel(u, i, n) for i in range(n)] if n > 1 else [u])

    def portefeuilles(self, pinv: PortefeuilleInvoer, blokken: list[VoorDeFondsen]) -> None:
        """Collect the portfolio stages of the replicas of `blokken` (in order), each fund
        run once over all of them."""
        for pf in met_de_fondsen(pinv, blokken):
            self._portefeuille(pf)

    def _kern(self, u: Uitkomst, n: int) -> Array:
        """Collect the ORT and RG of `n` stacked replicas; returns the ORT (n, P)."""
        p = u.invoer.aantal_panden // n
        ort = u.onrendabele_top.reshape(n, p)
        self.ort.append(ort)
        self.rg.append(u.rg_peildatum.reshape(n, p))
        return ort

    def _portefeuille(self, pf: Portefeuille) -> None:
        """Collect one replica's portfolio stages: the ORT after them, each fund's KPIs and
        cash, the programme."""
        self.na.append(pf.ort_na[None, :])
        for f in pf.fondsen:
            rij = self.kpi.setdefault(f.naam, {})
            for k, v in {**f.kpi, **kansen(f.kpi)}.items():
                rij.setdefault(k, []).append(_GEEN if v is None else float(v))
            self.saldo.setdefault(f.naam, []).append(f.grootboek["eind"])
        for k, v in pf.programma.items():
            if not isinstance(v, str):
                self.programma.setdefault(k, []).append(_GEEN if v is None else float(v))  # type: ignore[arg-type]

    def reeks(self) -> Reeks:
        if self.pand_ids is None:
            raise ValueError("geen enkele versie om te berekenen")
        return Reeks(
            pand_ids=self.pand_ids,
            jaren=self.jaren,
            onrendabele_top=np.vstack(self.ort),
            residuele_grondwaarde=np.vstack(self.rg),
            onrendabele_top_na=np.vstack(self.na),
            fondsen={n: {k: np.asarray(v) for k, v in d.items()} for n, d in self.kpi.items()},
            fondssaldo={n: np.vstack(v) for n, v in self.saldo.items()},
            programma={k: np.asarray(v) for k, v in self.programma.items()},
        )


def _portefeuilles(blok: list[Scenario], kernen: list[Uitkomst]) -> list[Portefeuille | None]:
    """The portfolio stages of every version (None without them); versions with equal
    portfolio inputs share one run of each fund's ledger."""
    groepen: list[tuple[PortefeuilleInvoer, list[int]]] = []
    for i, s in enumerate(blok):
        if not met_stappen(s):
            continue
        pinv = portefeuille_invoer(s)
        groep = next((leden for p, leden in groepen if zelfde(p, pinv)), None)
        if groep is None:
            groepen.append((pinv, [i]))
        else:
            groep.append(i)
    uit: list[Portefeuille | None] = [None] * len(blok)
    for pinv, leden in groepen:
        voor = [voor_de_fondsen(pinv, kernen[i], [kernen[i]]) for i in leden]
        for i, pf in zip(leden, met_de_fondsen(pinv, voor), strict=True):
            uit[i] = pf
    return uit


def _kern(invoeren: list[Invoer]) -> list[Uitkomst]:
    """The core for every Invoer, stacked by group of equal scalars; in input order."""
    groepen: dict[tuple[Any, ...], list[int]] = {}
    for i, inv in enumerate(invoeren):
        groepen.setdefault(_sleutel(inv), []).append(i)
    uit: list[Uitkomst | None] = [None] * len(invoeren)
    for leden in groepen.values():
        u = bereken_invoer(stapel([invoeren[i] for i in leden]))
        for k, i in enumerate(leden):
            uit[i] = deel(u, k, len(leden)) if len(leden) > 1 else u
    return [x for x in uit if x is not None]
