"""Atomic file writing: a failure never leaves a broken or half-written file."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    huidig = os.umask(0)
    os.umask(huidig)
    return huidig


class UitvoerFout(Exception):
    """An output could not be written; the message is Dutch and names the file."""


def schrijf_atomair(pad: str | Path, inhoud: bytes) -> None:
    """Write `inhoud` to a temporary file next to `pad`, then move it into place.

    os.replace is atomic on one file system, so readers see either the old file or
    the complete new one, also when the process is killed mid-write.
    """
    doel = Path(pad)
    map_ = doel.parent if str(doel.parent) else Path(".")
    if not map_.is_dir():
        raise UitvoerFout(f"{doel}: de map '{map_}' bestaat niet")
    if doel.is_dir():
        raise UitvoerFout(f"{doel}: dit is een map, geen bestand")
    tijdelijk: str | None = None
    try:
        fd, tijdelijk = tempfile.mkstemp(prefix=f".{doel.name}.", suffix=".tmp", dir=map_)
        with os.fdopen(fd, "wb") as f:
            f.write(inhoud)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp creates 0600; give the file the mode a plain open() would (or keep the old one)
        os.chmod(tijdelijk, doel.stat().st_mode & 0o777 if doel.exists() else 0o666 & ~_umask())
        os.replace(tijdelijk, doel)
        tijdelijk = None
    except OSError as fout:
        reden = {
            errno.EACCES: "geen schrijfrechten",
            errno.EPERM: "geen schrijfrechten",
            errno.ENOSPC: "de schijf is vol",
            errno.EROFS: "het bestandssysteem is alleen-lezen",
            errno.EDQUOT: "het schijfquotum is op",
            errno.ENOENT: "de map laat hier geen nieuw bestand toe",
            errno.ENAMETOOLONG: "de bestandsnaam is te lang",
            errno.EISDIR: "dit is een map",
        }.get(fout.errno or 0, fout.strerror or str(fout))
        raise UitvoerFout(f"{doel}: kan niet schrijven ({reden})") from None
    finally:
        if tijdelijk is not None:
            with contextlib.suppress(OSError):
                os.unlink(tijdelijk)
