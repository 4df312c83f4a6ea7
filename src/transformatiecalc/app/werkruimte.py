"""The app's workspace: one folder, the scenario files in it, and the open editor buffers.

The file-access policy of the CLI (:mod:`transformatiecalc.toegang`) holds here with one
root only: the chosen folder. A document is named by its path relative to that folder
(``fondsen/revolverend.yaml``); a name that leaves the folder, is absolute, hidden, or not
a ``.yaml``/``.yml`` file is refused before any file is touched. Unsaved buffers and uploads
live in memory as *virtual* files of the folder, so ``erft_van`` between two of them works
before either is saved; saving writes the buffer atomically and never outside the folder.
"""

from __future__ import annotations

import hashlib
import os
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..toegang import MAX_GROOTTE, Geweigerd, Toegang, echt_pad, lees_bytes, virtueel_pad
from ..uitvoer.bestanden import UitvoerFout, schrijf_atomair

#: At most this many scenario files are listed (a folder is a project, not a disk).
MAX_BESTANDEN = 500
#: At most this many unsaved buffers are kept (each up to the size limit of a scenario).
MAX_BUFFERS = 50
#: Folders that are never searched for scenarios.
_OVERSLAAN = {"node_modules", "__pycache__", "site-packages"}


class NaamFout(ValueError):
    """A document name the workspace refuses; the message is Dutch."""


#: Unicode categories no file name of the app may contain: control characters (an escape
#: sequence in a terminal that lists the folder), format characters (U+202E turns
#: 'abc\u202egnp.yaml' into what reads as 'abcmlay.png'; zero-width characters), line and
#: paragraph separators, surrogates and private use.
_ONZICHTBAAR = {"Cc", "Cf", "Cs", "Co", "Zl", "Zp"}


def onzichtbaar(teken: str) -> bool:
    """Whether `teken` may not stand in a file name (see :data:`_ONZICHTBAAR`)."""
    return unicodedata.category(teken) in _ONZICHTBAAR


@dataclass
class Werkruimte:
    """The chosen folder (resolved) and the in-memory buffers, by relative name."""

    map: Path
    buffers: dict[str, bytes] = field(default_factory=dict)
    _slot: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def open(cls, map_: str | Path) -> Werkruimte:
        echt = echt_pad(Path(map_))
        if not echt.is_dir():
            raise Geweigerd(f"'{map_}' is geen map")
        return cls(echt)

    # ---------------------------------------------------------------- names
    def pad(self, naam: str) -> Path:
        """The path of document `naam` inside the folder; :class:`NaamFout` if it is not one."""
        if not naam or "\\" in naam or "\x00" in naam:
            raise NaamFout("ongeldige bestandsnaam")
        verboden = next((t for t in naam if onzichtbaar(t)), None)
        if verboden is not None:  # the name itself is not repeated: it is what misleads
            raise NaamFout(
                f"de bestandsnaam bevat een stuurteken of onzichtbaar teken "
                f"(U+{ord(verboden):04X}); kies een naam met alleen gewone tekens"
            )
        if len(naam) > 1000:
            raise NaamFout("de bestandsnaam is te lang")
        deel = PurePosixPath(naam)
        if deel.is_absolute() or any(s in ("", ".", "..") or s.startswith(".") for s in deel.parts):
            raise NaamFout(f"'{naam}' ligt buiten de map van de app")
        if deel.suffix.lower() not in (".yaml", ".yml"):
            raise NaamFout(f"'{naam}' is geen scenario (.yaml of .yml)")
        if any(len(s.encode("utf-8")) > 200 for s in deel.parts):
            raise NaamFout("de bestandsnaam is te lang (hoogstens 200 tekens per deel)")
        pad = self.map.joinpath(*deel.parts)
        # a link out of the folder is refused before anything is asked of its target, with
        # the words of a name with '..': whether the target exists is none of the page's business
        los = Path(os.path.realpath(pad))
        if not (los == self.map or self.map in los.parents):
            raise NaamFout(f"'{naam}' ligt buiten de map van de app")
        try:
            # a new file: every folder on the way, links resolved, must be inside
            bestaat = pad.exists() or pad.is_symlink()
            echt = echt_pad(pad) if bestaat else pad.parent.resolve() / pad.name
        except (Geweigerd, OSError, RuntimeError) as fout:
            raise NaamFout(f"'{naam}': {fout}") from None
        if not (echt == self.map or self.map in echt.parents):
            raise NaamFout(f"'{naam}' wijst naar een bestand buiten de map van de app")
        return pad

    def namen(self) -> list[str]:
        """Every scenario file in the folder tree and every unsaved buffer, sorted."""
        gevonden: set[str] = set(self.buffers)
        for pad in sorted(self.map.rglob("*")):
            if len(gevonden) >= MAX_BESTANDEN:
                break
            deel = pad.relative_to(self.map).parts
            if any(s.startswith(".") or s in _OVERSLAAN for s in deel):
                continue
            if pad.suffix.lower() in (".yaml", ".yml") and pad.is_file():
                try:
                    self.pad("/".join(deel))
                except NaamFout:
                    continue
                gevonden.add("/".join(deel))
        return sorted(gevonden)

    def nieuwe_naam(self, gewenst: str) -> str:
        """`gewenst` (a bare file name) made unique in the folder: 'x.yaml', 'x-2.yaml' …"""
        basis = PurePosixPath(PurePosixPath(gewenst.replace("\\", "/")).name or "scenario.yaml")
        stam, ext = basis.stem.lstrip(".") or "scenario", basis.suffix.lower()
        if ext not in (".yaml", ".yml"):
            ext = ".yaml"
        stam = stam[:120]
        naam, n = f"{stam}{ext}", 1
        while naam in self.buffers or (self.map / naam).exists():
            n += 1
            naam = f"{stam}-{n}{ext}"
        self.pad(naam)
        return naam

    # ---------------------------------------------------------------- contents
    def lees(self, naam: str) -> bytes:
        """The buffer of `naam`, or the file on disk under the file-access rules."""
        pad = self.pad(naam)
        with self._slot:
            if naam in self.buffers:
                return self.buffers[naam]
        return lees_bytes(pad)

    def zet(self, naam: str, inhoud: bytes) -> None:
        """Keep `inhoud` as the unsaved buffer of `naam`."""
        self.pad(naam)
        if len(inhoud) > MAX_GROOTTE:
            raise NaamFout(
                f"het scenario is {len(inhoud) / 1e6:.1f} MB; hoogstens "
                f"{MAX_GROOTTE // (1024 * 1024)} MB".replace(".", ",")
            )
        with self._slot:
            if naam not in self.buffers and len(self.buffers) >= MAX_BUFFERS:
                raise NaamFout(
                    f"er staan al {MAX_BUFFERS} niet opgeslagen scenario's open; sla er een op "
                    "of gooi de wijzigingen weg"
                )
            self.buffers[naam] = inhoud

    def verwerp(self, naam: str) -> None:
        """Forget the unsaved buffer of `naam` (the file on disk, if any, stays)."""
        with self._slot:
            self.buffers.pop(naam, None)

    def gewijzigd(self, naam: str) -> bool:
        """Whether `naam` has a buffer that differs from the file on disk (or no file)."""
        with self._slot:
            buffer = self.buffers.get(naam)
        if buffer is None:
            return False
        try:
            return lees_bytes(self.pad(naam)) != buffer
        except Geweigerd:
            return True

    def bewaar(self, naam: str) -> Path:
        """Write the buffer of `naam` to the folder (atomically) and forget the buffer."""
        pad = self.pad(naam)
        with self._slot:
            inhoud = self.buffers.get(naam)
        if inhoud is None:
            return pad
        try:
            schrijf_atomair(pad, inhoud)
        except UitvoerFout as fout:
            raise NaamFout(str(fout)) from None
        with self._slot:
            if self.buffers.get(naam) == inhoud:
                del self.buffers[naam]
        return pad

    def toegang(self) -> Toegang:
        """The file-access policy of one calculation: the folder only, with the buffers."""
        with self._slot:
            virtueel = {
                virtueel_pad(self.map.joinpath(*n.split("/"))): b for n, b in self.buffers.items()
            }
        return Toegang((self.map,), virtueel=virtueel, streng=True)

    def sleutel(self) -> str:
        """A digest of the buffers, for caches of calculations that may read several."""
        with self._slot:
            delen = sorted(self.buffers.items())
        h = hashlib.sha256()
        for naam, inhoud in delen:
            h.update(naam.encode() + b"\0" + hashlib.sha256(inhoud).digest())
        return h.hexdigest()
