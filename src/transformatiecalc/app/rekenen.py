"""One scenario of the workspace read and calculated, with its located messages; cached.

The app calls the same functions as ``transformatiecalc run``: :func:`laad_scenario` under
the workspace's file-access policy and :func:`transformatiecalc.bereken`. A result is kept
per (document, contents of every buffer) and dropped when a file it read changes on disk,
so a table, a chart and a download of the same text are one calculation.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
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
    gelezen: dict[Path, int] = field(default_factory=dict)  # file → mtime_ns
    cache: dict[str, Any] = field(default_factory=dict)  # charts, JSON, workbook by name

    @property
    def sleutel(self) -> str:
        """A short digest of the text, for URLs of charts and downloads of this version."""
        return hashlib.sha256(self.tekst.encode("utf-8")).hexdigest()[:16]

    def meldingen_hier(self) -> list[Melding]:
        """The messages located in this document (the editor marks their lines)."""
        return [m for m in self.meldingen if str(m.bestand) == self.bestand]

    def melding_json(self, werkmap: Path) -> list[dict[str, Any]]:
        """Every message for the editor: line and column in this document, or the other
        file (relative to the folder) it stands in."""
        uit = []
        for m in self.meldingen:
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


class Rekenaar:
    """Calculates documents of one workspace; thread-safe, with a small LRU cache."""

    def __init__(self, werkruimte: Werkruimte) -> None:
        self.werkruimte = werkruimte
        self._cache: OrderedDict[tuple[str, str, str], Berekening] = OrderedDict()
        self._slot = threading.Lock()

    def reken(self, naam: str) -> Berekening:
        """The calculation of document `naam` as it stands (buffer or file)."""
        ws = self.werkruimte
        pad = ws.pad(naam)
        try:
            inhoud = ws.lees(naam)
        except Geweigerd as fout:
            melding = Melding(str(pad), 1, 1, "", str(fout), "bestand.geweigerd")
            return Berekening(naam, "", None, [melding], str(pad))
        tekst = inhoud.decode("utf-8", "replace")
        sleutel = (naam, hashlib.sha256(inhoud).hexdigest(), ws.sleutel())
        with self._slot:
            eerder = self._cache.get(sleutel)
            if eerder is not None and _ongewijzigd(eerder.gelezen):
                self._cache.move_to_end(sleutel)
                return eerder
        toegang = ws.toegang()
        if naam not in ws.buffers:  # the file itself, not a buffer: keep it in memory
            toegang.virtueel[virtueel_pad(pad)] = inhoud
        try:
            scenario = laad_scenario(pad, toegang)
            resultaat: Resultaat | None = bereken(scenario, bron=naam)
            meldingen: list[Melding] = []
        except ScenarioFout as fout:
            resultaat, meldingen = None, list(fout.meldingen)
        gelezen = {p: _mtime(p) for p in toegang.gelezen if not toegang.is_virtueel(p)}
        uit = Berekening(naam, tekst, resultaat, meldingen, str(pad), gelezen)
        with self._slot:
            self._cache[sleutel] = uit
            while len(self._cache) > CACHE_GROOTTE:
                self._cache.popitem(last=False)
        return uit

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


def _mtime(pad: Path) -> int:
    try:
        return os.stat(pad).st_mtime_ns
    except OSError:
        return -1


def _ongewijzigd(gelezen: dict[Path, int]) -> bool:
    return all(_mtime(p) == t for p, t in gelezen.items())
