"""One scenario of the workspace read and calculated, with its located messages; cached.

The app calls the same functions as ``transformatiecalc run``: :func:`laad_scenario` under
the workspace's file-access policy and :func:`transformatiecalc.bereken`. A result is kept
per (document, its own bytes) and dropped when a file it read changes on disk or a buffer it
read changes, so a table, a chart and a download of the same text are one calculation and
another document's buffer being edited changes nothing here. A heavy document is calculated
in a worker process, with the tables and HTML of its result, and its charts and downloads are
made there too: the web server's threads share one interpreter lock, so whatever the server
does for a 5 000-pand scenario slows every other user's 14-pand recalculation.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import threading
import time
from collections import OrderedDict
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import bereken
from ..fouten import Melding, ScenarioFout
from ..laden import laad_scenario
from ..resultaat import Resultaat
from ..toegang import Geweigerd, virtueel_pad
from .werkruimte import Werkruimte

#: Calculations kept (a few documents, a few versions each).
CACHE_GROOTTE = 24


@dataclass
class Berekening:
    """A document's calculation: the result, or the messages that stopped it."""

    naam: str
    tekst: str
    resultaat: Resultaat | None
    meldingen: list[Melding]
    bestand: str  # the document's path as the messages name it
    gelezen: dict[Path, int] = field(default_factory=dict)  # file on disk → mtime_ns
    virtueel: dict[Path, str] = field(default_factory=dict)  # buffer read → sha256
    buffernamen: frozenset[str] | None = None  # a failed one: the buffers there were
    cache: dict[str, Any] = field(default_factory=dict)  # charts, JSON, workbook by name
    inhoud: dict[str, Any] | None = None  # a heavy one: the result fragment's parts, built
    zwaar: bool = False  # calculated in a worker process (and its charts, downloads made there)

    @property
    def sleutel(self) -> str:
        """A short digest of the text, for URLs of charts and downloads of this version."""
        return sleutel_van(self.tekst)

    def meldingen_hier(self) -> list[Melding]:
        """The messages located in this document (the editor marks their lines)."""
        return [m for m in self.meldingen if str(m.bestand) == self.bestand]

    def melding_json(self, werkmap: Path) -> list[dict[str, Any]]:
        """Every message for the editor: line and column in this document, or the other
        file (relative to the folder) it stands in."""
        uit = []
        for m in map(lambda m: _basis_buiten(m, werkmap), self.meldingen):
            hier = str(m.bestand) == self.bestand
            uit.append(
                {
                    "regel": m.regel if hier else None,
                    "kolom": m.kolom if hier else None,
                    "bestand": None if hier else _relatief(str(m.bestand), werkmap),
                    "pad": m.pad,
                    "tekst": _voor_de_app(m.tekst, werkmap),
                    "code": m.code,
                }
            )
        return uit


def sleutel_van(tekst: str) -> str:
    """The short digest of a document's text (:attr:`Berekening.sleutel`)."""
    return hashlib.sha256(tekst.encode("utf-8")).hexdigest()[:16]


def _basis_buiten(m: Melding, werkmap: Path) -> Melding:
    """`m`, or when it is about an ``erft_van`` basis that lies outside the folder (through a
    link too) the one message for every such basis: not whether it exists, nor where a link
    points (the engine says 'niet gevonden', or names the link's absolute target)."""
    gevonden = re.match(r"basisbestand '(.+?)'", m.tekst)
    if m.code not in ("erft_van.geweigerd", "erft_van.niet_gevonden") or gevonden is None:
        return m
    doel = Path(os.path.realpath(Path(str(m.bestand)).parent / gevonden.group(1)))
    if doel == werkmap or werkmap in doel.parents:
        return m
    tekst = f"basisbestand '{gevonden.group(1)}': het bestand ligt buiten de map van de app"
    return dataclasses.replace(m, tekst=tekst, code="erft_van.geweigerd")


def _voor_de_app(tekst: str, werkmap: Path) -> str:
    """A message as the app says it: paths relative to its folder (a team member need not
    see the server's folders), without the CLI's advice to use --toegang."""
    tekst = tekst.replace(f"{werkmap}{os.sep}", "").replace(str(werkmap), ".")
    return tekst.replace(
        "; geef de map die het bevat mee met --toegang MAP als dat zo bedoeld is", ""
    )


def _relatief(bestand: str, werkmap: Path) -> str:
    try:
        return str(Path(bestand).relative_to(werkmap))
    except ValueError:
        return Path(bestand).name


#: A document of more bytes than this, or one whose last calculation took longer than
#: :data:`ZWAAR_SECONDEN` of processor time (its own: not the time it waited for the
#: interpreter lock or a core, nor for a worker), is calculated in a worker process: the web
#: server's threads share one interpreter lock, so a 5 000-pand calculation in a thread made
#: every other user's 14-pand recalculation wait (median 0,57 s instead of 0,08 s).
ZWAAR_BYTES = 200_000
ZWAAR_SECONDEN = 0.3
#: Worker processes for heavy calculations (more would only share the same cores).
ZWARE_WERKERS = 2


class Rekenaar:
    """Calculates documents of one workspace; thread-safe, with a small LRU cache.

    A calculation is cached by the document and its own bytes, and stays valid while every
    file it read is unchanged: a file on disk by its mtime, a buffer by its contents (so one
    user typing in another scenario does not throw away this one's result). The same
    calculation asked twice at once is made once. Heavy ones run in a worker process."""

    def __init__(self, werkruimte: Werkruimte) -> None:
        self.werkruimte = werkruimte
        self._cache: OrderedDict[tuple[str, str], Berekening] = OrderedDict()
        self._bezig: dict[tuple[str, str], Future[Berekening]] = {}
        self._duur: dict[str, float] = {}
        self._slot = threading.Lock()
        self._werkers: Any = None

    def reken(self, naam: str) -> Berekening:
        """The calculation of document `naam` as it stands (buffer or file)."""
        ws = self.werkruimte
        pad = ws.pad(naam)
        try:
            inhoud = ws.lees(naam)
        except Geweigerd as fout:
            melding = Melding(str(pad), 1, 1, "", str(fout), "bestand.geweigerd")
            return Berekening(naam, "", None, [melding], str(pad))
        sleutel = (naam, hashlib.sha256(inhoud).hexdigest())
        with self._slot:
            eerder = self._cache.get(sleutel)
            if eerder is not None and self._geldig(eerder):
                self._cache.move_to_end(sleutel)
                return eerder
            toekomst = self._bezig.get(sleutel)
            eigen = toekomst is None
            if toekomst is None:
                toekomst = self._bezig[sleutel] = Future()
        if not eigen:
            return toekomst.result()
        try:
            uit = self._bereken(naam, pad, inhoud)
            toekomst.set_result(uit)
        except BaseException as fout:
            toekomst.set_exception(fout)
            raise
        finally:
            with self._slot:
                self._bezig.pop(sleutel, None)
        with self._slot:
            self._cache[sleutel] = uit
            while len(self._cache) > CACHE_GROOTTE:
                self._cache.popitem(last=False)
        return uit

    def _bereken(self, naam: str, pad: Path, inhoud: bytes) -> Berekening:
        ws = self.werkruimte
        with ws._slot:
            buffers = dict(ws.buffers)
        zwaar = len(inhoud) > ZWAAR_BYTES or self._duur.get(naam, 0.0) > ZWAAR_SECONDEN
        if zwaar:
            g: Gerekend = self.in_werker(laad_en_reken, ws.map, buffers, naam, inhoud, True)
        else:
            g = laad_en_reken(ws.map, buffers, naam, inhoud)
        self._duur[naam] = g.seconden
        tekst = inhoud.decode("utf-8", "replace")
        uit = Berekening(
            naam, tekst, g.resultaat, g.meldingen, str(pad), g.schijf, g.virtueel, inhoud=g.inhoud
        )
        uit.zwaar = zwaar
        if g.inhoud is not None:  # the charts the page asks for next, drawn with it
            uit.cache.update(g.inhoud.pop("grafieken", {}))
        if g.resultaat is None:  # a missing basis may appear as a new buffer
            uit.buffernamen = frozenset(buffers)
        return uit

    def in_werker(self, functie: Any, *args: Any) -> Any:
        """`functie(*args)` in a worker process (a module-level function, picklable
        arguments); here, in this thread, when a worker died (out of memory?), with a new
        pool next time."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._werker().submit(functie, *args).result()
        except BrokenProcessPool:
            self.sluit()
            return functie(*args)

    def _werker(self) -> Any:
        """The pool of worker processes for heavy calculations, started when first needed."""
        with self._slot:
            if self._werkers is None:
                from concurrent.futures import ProcessPoolExecutor

                from .taken import _context

                self._werkers = ProcessPoolExecutor(ZWARE_WERKERS, mp_context=_context())
            return self._werkers

    def sluit(self) -> None:
        """Stop the worker processes (when the app stops)."""
        with self._slot:
            werkers, self._werkers = self._werkers, None
        if werkers is not None:
            werkers.shutdown(wait=False, cancel_futures=True)

    def _geldig(self, b: Berekening) -> bool:
        """Whether every file `b` read still reads the same (see the class)."""
        ws = self.werkruimte
        virtueel = ws.toegang().virtueel
        if b.buffernamen is not None and b.buffernamen != frozenset(ws.buffers):
            return False
        for p, stempel in b.virtueel.items():
            inhoud = virtueel.get(p)
            if inhoud is None or hashlib.sha256(inhoud).hexdigest() != stempel:
                return False
        return all(p not in virtueel and _mtime(p) == t for p, t in b.gelezen.items())

    def versie(self, naam: str, sleutel: str) -> Berekening:
        """The calculation of `naam` whose text has digest `sleutel` if it is still cached (a
        chart of the result on screen while the editor holds a newer, broken text), else the
        current one."""
        with self._slot:
            for b in reversed(self._cache.values()):
                if b.naam == naam and b.sleutel == sleutel:
                    return b
        return self.reken(naam)

    def controleer(self, naam: str, tekst: str) -> list[str]:
        """The messages `tekst` would give as document `naam` (nothing is kept)."""
        pad = self.werkruimte.pad(naam)
        toegang = self.werkruimte.toegang()
        toegang.virtueel[virtueel_pad(pad)] = tekst.encode("utf-8")
        try:
            laad_scenario(pad, toegang)
        except ScenarioFout as fout:
            return [
                f"{m.pad}: {_voor_de_app(m.tekst, self.werkruimte.map)}" if m.pad else m.tekst
                for m in fout.meldingen
            ]
        return []


@dataclass
class Gerekend:
    """What :func:`laad_en_reken` sends back: the result or the messages, the files it read
    from disk (by mtime) and the other buffers it read (by digest), the processor seconds of
    the calculation, and when asked the result fragment's parts
    (:func:`.weergave.resultaatinhoud`)."""

    resultaat: Resultaat | None
    meldingen: list[Melding]
    schijf: dict[Path, int]
    virtueel: dict[Path, str]
    seconden: float
    inhoud: dict[str, Any] | None = None


def laad_en_reken(
    map_: Path, buffers: dict[str, bytes], naam: str, inhoud: bytes, met_inhoud: bool = False
) -> Gerekend:
    """Document `naam` (bytes `inhoud`) of folder `map_` with `buffers`, read and calculated
    as ``transformatiecalc run`` does; with `met_inhoud` also the tables and key figures of
    its result. In the server's thread or in a worker process."""
    begin = time.thread_time()
    ws = Werkruimte(map_, buffers)
    pad = ws.pad(naam)
    toegang = ws.toegang()
    eigen = virtueel_pad(pad)
    toegang.virtueel[eigen] = inhoud  # the file itself, not a buffer: keep it in memory
    try:
        scenario = laad_scenario(pad, toegang)
        resultaat: Resultaat | None = bereken(scenario, bron=naam)
        meldingen: list[Melding] = []
    except ScenarioFout as fout:
        resultaat, meldingen = None, list(fout.meldingen)
    schijf = {p: _mtime(p) for p in toegang.gelezen if not toegang.is_virtueel(p)}
    virtueel = {
        p: hashlib.sha256(toegang.virtueel[p]).hexdigest()
        for p in toegang.gelezen
        if p != eigen and toegang.is_virtueel(p)
    }
    seconden = time.thread_time() - begin
    delen = None
    if met_inhoud and resultaat is not None:
        from .weergave import VOORAF, grafiek, resultaatinhoud

        sleutel = sleutel_van(inhoud.decode("utf-8", "replace"))
        delen = resultaatinhoud(resultaat, naam, sleutel)
        delen["grafieken"] = {f"grafiek:{s}:{p}": grafiek(resultaat, s, p) for s, p in VOORAF}
    return Gerekend(resultaat, meldingen, schijf, virtueel, seconden, delen)


def _mtime(pad: Path) -> int:
    try:
        return os.stat(pad).st_mtime_ns
    except OSError:
        return -1
