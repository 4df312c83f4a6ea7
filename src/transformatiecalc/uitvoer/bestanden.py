"""Writing outputs: atomic for files, direct for devices, never over what the run read.

A regular file is written to a temporary file beside it and moved into place, so a
failure (a full disk, ``kill -9``) never leaves a broken or half-written file; the outputs
of one command are staged together and moved into place only when all are ready
(:func:`schrijf_samen`). A
character device or FIFO that already exists (``/dev/null``, ``/dev/stdout``, a named
pipe) is written directly: replacing it would turn the device node into a file. A
symbolic link is followed: the file it points to is replaced, the link stays.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

#: Prefix of the temporary files; one left behind by a killed run is recognisable by it and
#: can be deleted. Short, so that it never makes a valid target name too long.
TIJDELIJK_PREFIX = ".transformatiecalc-onvoltooid-"


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


class UitvoerFout(Exception):
    """An output could not be written; the message is Dutch and names the file."""


_REDENEN = {
    errno.EACCES: "geen schrijfrechten",
    errno.EPERM: "geen schrijfrechten",
    errno.ENOSPC: "de schijf is vol",
    errno.EROFS: "het bestandssysteem is alleen-lezen",
    errno.EDQUOT: "het schijfquotum is op",
    errno.ENOENT: "de map laat hier geen nieuw bestand toe",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.EISDIR: "dit is een map",
    errno.EFBIG: "het bestand wordt groter dan het systeem toestaat",
    errno.EEXIST: "er staat al een bestand met die naam",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EPIPE: "de lezer aan de andere kant is gestopt",
    errno.ELOOP: "de symbolische koppelingen van dit pad vormen een kring",
}


def reden(fout: OSError) -> str:
    """A Dutch reason for an OSError while writing."""
    return _REDENEN.get(fout.errno or 0, fout.strerror or str(fout))


def schrijf_atomair(pad: str | Path, inhoud: bytes) -> None:
    """Write `inhoud` to `pad`: atomically for a file, directly for a device or FIFO.

    os.replace is atomic on one file system, so readers see either the old file or
    the complete new one, also when the process is killed mid-write.
    """
    schrijf_samen([(pad, inhoud)])


@dataclass
class _Klaar:
    """One output made ready: its content in a temporary file beside the target, or (for
    a device or FIFO, which cannot be replaced) kept to be written directly."""

    pad: str | Path  # as the user gave it, for messages
    doel: Path  # links resolved
    tijdelijk: str | None
    inhoud: bytes = b""


def schrijf_samen(uitvoer: Sequence[tuple[str | Path, bytes]]) -> None:
    """Write several outputs all or none, as far as the file system allows.

    Every file's content is first written in full to a temporary file beside it; only
    when all of them are there (and the devices among the targets took their bytes) are
    they moved into place. A missing folder, a full disk or a refused permission for any
    one output thus leaves every target as it was, and no temporary file behind.
    """
    klaar: list[_Klaar] = []
    try:
        for pad, inhoud in uitvoer:
            klaar.append(_bereid_voor(pad, inhoud))
        for k in klaar:
            if k.tijdelijk is None:
                _schrijf_direct(k.pad, k.doel, k.inhoud)
        for k in klaar:
            if k.tijdelijk is not None:
                try:
                    os.replace(k.tijdelijk, k.doel)
                except OSError as fout:
                    raise UitvoerFout(f"{k.pad}: kan niet schrijven ({reden(fout)})") from None
                k.tijdelijk = None
    finally:  # also on KeyboardInterrupt and the SystemExit the CLI raises on SIGTERM
        for k in klaar:
            if k.tijdelijk is not None:
                with contextlib.suppress(OSError):
                    os.unlink(k.tijdelijk)


def _bereid_voor(pad: str | Path, inhoud: bytes) -> _Klaar:
    """Check the target and, for a regular file, write `inhoud` to a temporary file beside it."""
    doel = Path(pad)
    try:
        if doel.is_symlink():
            doel = Path(os.path.realpath(doel))
        modus = os.stat(doel).st_mode if doel.exists() else None
    except OSError as fout:
        raise UitvoerFout(f"{pad}: kan niet schrijven ({reden(fout)})") from None
    if modus is not None and (stat.S_ISCHR(modus) or stat.S_ISFIFO(modus)):
        return _Klaar(pad, doel, None, inhoud)
    if modus is not None and stat.S_ISDIR(modus):
        raise UitvoerFout(f"{pad}: dit is een map, geen bestand")
    if modus is not None and not stat.S_ISREG(modus):
        raise UitvoerFout(f"{pad}: dit is een apparaat of socket, geen bestand")
    map_ = doel.parent if str(doel.parent) else Path(".")
    if not map_.is_dir():
        raise UitvoerFout(f"{pad}: de map '{map_}' bestaat niet")
    tijdelijk: str | None = None
    try:
        fd, tijdelijk = tempfile.mkstemp(prefix=TIJDELIJK_PREFIX, suffix=".tmp", dir=map_)
        with os.fdopen(fd, "wb") as f:
            f.write(inhoud)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; give the file the mode a plain open() would (or keep the old one)
        os.chmod(tijdelijk, modus & 0o777 if modus is not None else 0o666 & ~_umask())
        klaar = _Klaar(pad, doel, tijdelijk)
        tijdelijk = None
        return klaar
    except OSError as fout:
        raise UitvoerFout(f"{pad}: kan niet schrijven ({reden(fout)})") from None
    finally:
        if tijdelijk is not None:
            with contextlib.suppress(OSError):
                os.unlink(tijdelijk)


def _schrijf_direct(pad: str | Path, doel: Path, inhoud: bytes) -> None:
    """Write to an existing character device or FIFO as it is (it cannot be replaced)."""
    try:
        with open(doel, "wb", buffering=0) as f:
            weergave = memoryview(inhoud)
            while weergave:
                n = f.write(weergave)
                if not n:
                    raise OSError(errno.EPIPE, "niets geschreven")
                weergave = weergave[n:]
    except OSError as fout:
        raise UitvoerFout(f"{pad}: kan niet schrijven ({reden(fout)})") from None


def maak_map(map_: str | Path) -> Path:
    """Create the folder `map_` (and its parents) for outputs; :class:`UitvoerFout` if it
    cannot be a folder."""
    doel = Path(map_)
    try:
        doel.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise UitvoerFout(f"{map_}: er staat al een bestand met die naam, geen map") from None
    except OSError as fout:
        raise UitvoerFout(f"{map_}: kan de map niet maken ({reden(fout)})") from None
    return doel


@contextlib.contextmanager
def in_nieuwe_map(map_: str | Path) -> Iterator[Path]:
    """The folder `map_` for the outputs written in the ``with`` block, created (with its
    missing parents) if needed (:func:`maak_map`). If the block fails, the folders it
    created are removed again: a refused or failed write leaves no empty folder behind
    (the outputs are written all or none, so those folders hold nothing)."""
    doel = Path(map_)
    nieuw = [p for p in (doel, *doel.parents) if not os.path.lexists(p)]  # deepest first
    try:
        maak_map(doel)
        yield doel
    except BaseException:
        for p in nieuw:
            with contextlib.suppress(OSError):  # rmdir removes only an empty folder
                p.rmdir()
        raise


#: What a file name made from a user's name may hold (:func:`veilige_naam`).
_VEILIG = re.compile(r"[A-Za-z0-9_-]+")
#: Longest part of a file name taken from a user's name (the hash comes on top).
_MAX_NAAMDEEL = 60


def veilige_naam(naam: object) -> str:
    """A part of a file name made from a user's name (a fund, a pand id): letters, digits,
    ``-`` and ``_`` only, so it can never leave its folder (``a/../../x``), fail late
    (``a/b``) or carry control characters. A name that already is such a word (and not
    too long) is kept as it is; any other gets its safe letters and a short hash of the
    whole name, so two different names never give the same file."""
    tekst = str(naam)
    if _VEILIG.fullmatch(tekst) and len(tekst) <= _MAX_NAAMDEEL:
        return tekst
    kern = re.sub(r"[^A-Za-z0-9_-]+", "_", tekst).strip("_-")[:_MAX_NAAMDEEL] or "naam"
    return f"{kern}-{hashlib.sha256(tekst.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"


def in_map(map_: Path, naam: str) -> Path:
    """`map_` / `naam`, refused (:class:`UitvoerFout`) unless it is a plain name directly
    inside `map_`: the last check before a chart's file is written."""
    pad = map_ / naam
    if (
        not _VEILIG.fullmatch(Path(naam).stem)
        or Path(naam).name != naam
        or Path(os.path.abspath(pad)).parent != Path(os.path.abspath(map_))
    ):
        raise UitvoerFout(f"{map_}: de naam van een grafiek is geen gewone bestandsnaam")
    return pad


def sleutel(pad: str | Path) -> str:
    """A path as one spelling per file: absolute, links resolved, as far as they exist."""
    return os.path.realpath(os.path.abspath(pad))


def botsingen(
    doelen: Sequence[tuple[str, Path]],
    invoer: Iterable[Path],
    mappen: Sequence[tuple[str, Path]] = (),
) -> list[str]:
    """Dutch messages for outputs that would overwrite an input of the run or each other.

    `doelen` pairs each output file with the option that asked for it (``'--json'``);
    `invoer` are the files the run read (scenario, its erft_van chain, template, logo);
    `mappen` are output folders (``--grafieken``), which may hold output files but may not
    be, or lie inside, a file of the run (``-o a.xlsx --grafieken a.xlsx``).
    """
    gelezen = {sleutel(p): p for p in invoer}
    gezien: dict[str, tuple[str, Path]] = {}
    meldingen: list[str] = []
    for optie, pad in doelen:
        k = sleutel(pad)
        if os.path.exists(k) and stat.S_ISCHR(os.stat(k).st_mode):
            continue  # /dev/null twice is fine
        if k in gelezen:
            meldingen.append(
                f"{optie} {pad}: dat is een invoerbestand van deze run ({gelezen[k]}); "
                "het zou worden overschreven — kies een ander pad"
            )
        elif k in gezien:
            meldingen.append(
                f"{optie} {pad}: {gezien[k][0]} schrijft al naar dat pad; geef elke uitvoer "
                "een eigen pad"
            )
        else:
            gezien[k] = (optie, pad)
    for optie, map_ in mappen:
        meldingen += _mapbotsingen(optie, map_, gelezen, gezien)
    return meldingen


def _mapbotsingen(
    optie: str, map_: Path, gelezen: dict[str, Path], gezien: dict[str, tuple[str, Path]]
) -> Iterator[str]:
    """The output folder `map_` against the files read (`gelezen`) and written (`gezien`):
    it may be neither of them, nor lie inside one."""
    k = sleutel(map_)
    # per file: the message when the folder is that file, and when it lies inside it
    botsers = [
        (
            bestand,
            f"{optie} {map_}: dat is een invoerbestand van deze run ({pad}), geen map — "
            "kies een andere map",
            f"{optie} {map_}: ligt in {pad}, een invoerbestand van deze run en geen map — "
            "kies een andere map",
        )
        for bestand, pad in gelezen.items()
    ] + [
        (
            bestand,
            f"{optie} {map_}: {ander} schrijft al een bestand op dat pad; geef elke "
            "uitvoer een eigen pad",
            f"{optie} {map_}: ligt in {pad}, waar {ander} een bestand schrijft; geef "
            "elke uitvoer een eigen pad",
        )
        for bestand, (ander, pad) in gezien.items()
    ]
    for bestand, zelfde, binnen in botsers:
        if k == bestand:
            yield zelfde
        elif k.startswith(bestand + os.sep):
            yield binnen
