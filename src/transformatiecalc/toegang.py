"""Which files a run may read: the file-access policy (README, "Foutmeldingen").

A scenario can name other files — ``erft_van`` a basis scenario, a house-style template
its ``logo`` — and the tool will later run behind a web page, so a file never decides on
its own what else is read. The rules:

- every file is read as a *regular* file, at most :data:`MAX_GROOTTE` bytes, without
  trusting the size the file system reports (``/proc`` files say 0); devices, FIFOs and
  sockets are refused before they are opened for reading (a FIFO would hang, ``/dev/zero``
  never ends), and so is anything under ``/proc``, ``/sys`` and ``/dev``;
- a file named *by another file* must lie, after resolving symbolic links, inside an
  allowed folder: by default the folder tree of the top-level file and the working
  directory, widened only by the caller (the CLI's ``--toegang MAP``);
- the files read for one scenario — the top-level file and its ``erft_van`` chain —
  together stay within :data:`MAX_GROOTTE`, as one file would.

Nothing from a refused file is echoed in a message.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

#: Scenario files (one file, or a whole erft_van chain) larger than this are refused (bytes).
MAX_GROOTTE = 10 * 1024 * 1024

#: Folders of the operating system whose "files" are never inputs.
SYSTEEMMAPPEN = (Path("/proc"), Path("/sys"), Path("/dev"))


#: Open without waiting for a FIFO's writer and without adopting a terminal (POSIX; the flags
#: do not exist on Windows, which has neither FIFOs in the file system nor /proc).
_LEESVLAGGEN = os.O_RDONLY | sum(
    getattr(os, vlag, 0) for vlag in ("O_NONBLOCK", "O_NOCTTY", "O_CLOEXEC", "O_BINARY")
)


class Geweigerd(Exception):
    """A file that may not or cannot be read; the message is Dutch and names no content."""


class TeGroot(Geweigerd):
    """A file (or a chain of files) over the size limit."""


class NietGevonden(Geweigerd):
    """A named file inside the allowed folders that does not exist (the caller says where
    it looked); outside them a missing file is refused like an existing one."""


#: A NUL in a file name (YAML can write one as the escape ``\0``): no file system allows it.
NUL_IN_NAAM = "de bestandsnaam bevat een NUL-teken (\\x00); een bestandsnaam kan dat niet bevatten"


def toon_naam(naam: str) -> str:
    """A file name as a message shows it: a NUL as ``\\x00`` (see :data:`NUL_IN_NAAM`)."""
    return naam.replace("\x00", "\\x00")


def _reden(fout: OSError) -> str:
    return {
        errno.ENOENT: "bestand niet gevonden",
        errno.ENOTDIR: "bestand niet gevonden (een deel van het pad is geen map)",
        errno.EACCES: "geen leesrechten",
        errno.EPERM: "geen leesrechten",
        errno.ELOOP: "de symbolische koppelingen van dit pad vormen een kring",
        errno.ENAMETOOLONG: "de bestandsnaam is te lang",
        errno.EISDIR: "dit is een map, geen bestand",
    }.get(fout.errno or 0, f"bestand niet leesbaar ({fout.strerror or fout})")


def echt_pad(pad: Path) -> Path:
    """`pad` with every symbolic link resolved; :class:`Geweigerd` if it does not exist."""
    try:
        return pad.resolve(strict=True)
    except RuntimeError:  # Python 3.11 reports a symlink loop this way
        raise Geweigerd(_reden(OSError(errno.ELOOP, "loop"))) from None
    except OSError as fout:
        raise Geweigerd(_reden(fout)) from None


def is_systeempad(pad: Path) -> bool:
    """True for paths under /proc, /sys or /dev (after resolving links)."""
    return any(pad == m or m in pad.parents for m in SYSTEEMMAPPEN)


def lees_bytes(pad: Path, maximum: int = MAX_GROOTTE) -> bytes:
    """The bytes of the regular file `pad`, at most `maximum` of them.

    The file is opened non-blocking and checked with ``fstat`` on the open descriptor,
    so a FIFO or device is refused without waiting for it and the check cannot be
    raced by swapping the file between a ``stat`` and the ``open``.
    """
    try:
        echt = echt_pad(pad)
    except Geweigerd:
        if str(pad) == "-":
            raise Geweigerd(
                "'-' (standaardinvoer) wordt niet gelezen; geef het pad van een scenariobestand"
            ) from None
        if os.path.lexists(pad) and is_systeempad(Path(os.path.abspath(pad))):
            raise Geweigerd(_systeem(pad)) from None  # /dev/stdin from a pipe: pipe:[…]
        raise
    if is_systeempad(echt):
        raise Geweigerd(_systeem(echt))
    try:
        fd = os.open(echt, _LEESVLAGGEN)
    except OSError as fout:
        raise Geweigerd(_reden(fout)) from None
    try:
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            raise Geweigerd("dit is een map, geen bestand")
        if not stat.S_ISREG(status.st_mode):
            raise Geweigerd("dit is geen gewoon bestand (een apparaat, pipe of socket)")
        if status.st_size > maximum:
            raise TeGroot(te_groot(status.st_size, maximum))
        delen: list[bytes] = []
        gelezen = 0
        while gelezen <= maximum:
            deel = os.read(fd, min(1 << 20, maximum + 1 - gelezen))
            if not deel:
                break
            delen.append(deel)
            gelezen += len(deel)
    except OSError as fout:
        raise Geweigerd(_reden(fout)) from None
    finally:
        os.close(fd)
    if gelezen > maximum:
        raise TeGroot(te_groot(gelezen, maximum, minstens=True))
    return b"".join(delen)


def _systeem(pad: Path) -> str:
    return f"'{pad}' is een systeembestand (/proc, /sys, /dev), geen invoerbestand"


def te_groot(grootte: int, maximum: int, minstens: bool = False) -> str:
    """The Dutch message for a file over the size limit."""
    mb = f"{'meer dan ' if minstens else ''}{grootte / 1e6:.1f} MB".replace(".", ",")
    return f"het bestand is {mb}; een scenario mag hoogstens {maximum // (1024 * 1024)} MB zijn"


@dataclass
class Toegang:
    """The folders a run may read named files from, and what it has read so far.

    ``wortels`` are resolved folders; a file named by another file (``erft_van``, a
    logo) must lie inside one of them. ``gelezen`` lists every file read (resolved),
    so outputs can be checked against the inputs of the same run.
    """

    wortels: tuple[Path, ...] = ()
    gelezen: list[Path] = field(default_factory=list)
    bytes_gelezen: int = 0
    #: Files that exist only in memory (the app's unsaved editor buffers), by
    #: :func:`virtueel_pad`; they are read instead of (or in the absence of) the file on disk.
    virtueel: dict[Path, bytes] = field(default_factory=dict)
    #: Refuse a named file outside the allowed folders before looking whether it exists
    #: (the app: a message must not tell what exists elsewhere on the server).
    streng: bool = False

    @classmethod
    def voor(cls, bestand: str | Path, extra: Iterable[str | Path] = ()) -> Toegang:
        """The default policy for a top-level `bestand`: its folder tree and the working
        directory's, plus the folders in `extra` (the CLI's ``--toegang``)."""
        mappen = [Path(bestand).absolute().parent, Path.cwd(), *(Path(m) for m in extra)]
        wortels: list[Path] = []
        for m in mappen:
            try:
                echt = m.resolve()
            except (OSError, RuntimeError):
                continue
            if echt not in wortels:
                wortels.append(echt)
        return cls(tuple(wortels))

    def binnen(self, echt: Path) -> bool:
        """Whether the resolved path `echt` lies inside one of the allowed folders."""
        return any(echt == w or w in echt.parents for w in self.wortels)

    def is_virtueel(self, pad: Path) -> bool:
        """Whether `pad` names one of the in-memory files."""
        return bool(self.virtueel) and virtueel_pad(pad) in self.virtueel

    def zoek(self, pad: Path) -> Path:
        """The resolved `pad` of a file named by another file or by a variant (``erft_van``,
        ``panden_uit``, ``wws.bestand``, a logo), under the policy, before anything is read.

        Whether the file lies inside an allowed folder is decided first, on the path with the
        links that exist resolved, so a name outside them gets the same refusal whether the
        file exists or not (a message never tells what exists elsewhere); inside them a
        missing file is :class:`NietGevonden`.
        """
        if "\x00" in str(pad):  # os functions raise ValueError: refuse it as a name
            raise Geweigerd(NUL_IN_NAAM)
        if not self.is_virtueel(pad):
            try:
                voorlopig: Path | None = Path(os.path.abspath(pad)).resolve(strict=False)
            except (OSError, RuntimeError):  # a loop: controleer_binnen names it
                voorlopig = None
            if voorlopig is not None and not self.binnen(voorlopig):
                raise Geweigerd(self._buiten(pad, voorlopig))
            try:
                os.lstat(pad)
            except FileNotFoundError:
                raise NietGevonden("bestand niet gevonden") from None
            except OSError:
                pass  # a name too long, a loop …: controleer_binnen names the reason
        return self.controleer_binnen(pad)

    def controleer_binnen(self, pad: Path) -> Path:
        """The resolved `pad` if it lies inside an allowed folder, else :class:`Geweigerd`."""
        echt = virtueel_pad(pad) if self.is_virtueel(pad) else echt_pad(pad)
        if not self.binnen(echt):
            raise Geweigerd(self._buiten(pad, echt))
        return echt

    def _buiten(self, pad: Path, echt: Path) -> str:
        mappen = ", ".join(str(w) for w in self.wortels)
        via = f" (via een koppeling naar {echt})" if str(echt) != os.path.abspath(pad) else ""
        return (
            f"het bestand ligt{via} buiten de toegestane mappen ({mappen}); geef de map "
            "die het bevat mee met --toegang MAP als dat zo bedoeld is"
        )

    def lees(self, pad: Path, maximum: int = MAX_GROOTTE, keten: bool = True) -> bytes:
        """Read `pad` (see :func:`lees_bytes`) and record it; with `keten`, the bytes
        count towards the limit shared by one scenario and its ``erft_van`` chain."""
        over = maximum - self.bytes_gelezen if keten else maximum
        try:
            inhoud = self._lees_virtueel(pad, over) if self.is_virtueel(pad) else None
            if inhoud is None:
                inhoud = lees_bytes(pad, max(over, 0))
        except TeGroot:
            if not (keten and self.bytes_gelezen):
                raise
            raise TeGroot(
                "de bestanden van de erft_van-keten zijn samen meer dan "
                f"{maximum // (1024 * 1024)} MB; een scenario mag hoogstens zo groot zijn, "
                "ook verdeeld over meerdere bestanden"
            ) from None
        if keten:
            self.bytes_gelezen += len(inhoud)
        echt = virtueel_pad(pad) if self.is_virtueel(pad) else echt_pad(pad)
        if echt not in self.gelezen:
            self.gelezen.append(echt)
        return inhoud

    def _lees_virtueel(self, pad: Path, maximum: int) -> bytes:
        """An in-memory file, under the same size limit as one on disk."""
        echt = self.controleer_binnen(pad)
        inhoud = self.virtueel[echt]
        if len(inhoud) > maximum:
            raise TeGroot(te_groot(len(inhoud), maximum))
        return inhoud


def virtueel_pad(pad: Path) -> Path:
    """The key of an in-memory file: its folder resolved, its own name as given."""
    absoluut = Path(os.path.abspath(pad))
    try:
        return absoluut.parent.resolve() / absoluut.name
    except (OSError, RuntimeError):
        return absoluut
