"""A cheap pre-scan of an .xlsx before openpyxl reads it (:func:`voorscan`).

openpyxl parses with expat, fed in blocks: one huge XML token (a comment, a text or a tag of
many megabytes) is parsed again with every block that extends it, so its cost grows with
the square of its size (a 40 MB comment took 73 s, a 150 MB one well over two minutes);
and it reads every shared string into memory when the workbook is opened (a million take
some 7 s and 240 MB per opening). Excel and LibreOffice write neither: a cell holds at most
32 767 characters. So each XML part of the zip is streamed once, in blocks, before
openpyxl sees it, and refused when a token is longer than :data:`MAX_TOKEN` bytes or the
parts hold more shared strings (``<si>``) than the caller allows.
"""

from __future__ import annotations

import re
import zipfile

from ..getallen import duizendtallen

#: Longest XML token (a text, a tag, a comment …) in bytes; Excel writes at most some 128 KB.
MAX_TOKEN = 1024 * 1024
_BLOK = 1024 * 1024
#: Where a comment, CDATA section or processing instruction begins, with its end: inside
#: them a '<' does not end the token.
_BIJZONDER = re.compile(rb"<(!--|!\[CDATA\[|\?)")
_SLUIT = {b"!--": b"-->", b"![CDATA[": b"]]>", b"?": b"?>"}
#: A shared string: <si>, also with a namespace prefix (<x:si>).
_SI = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
#: A tag cut at the end of a block is kept for the next one when it starts this near the end.
_STAART = 256


class TeZwaar(Exception):
    """An .xlsx part that would make openpyxl slow; the message says why, in Dutch."""


class _Scan:
    """One part, fed in blocks: the length of the token being read and the shared strings."""

    def __init__(self, deel: str) -> None:
        self.deel = deel
        self.lengte = 0  # bytes of the current token so far
        self.sluit: bytes | None = None  # inside a comment, CDATA or PI: its end
        self.teksten = 0
        self.rest = b""  # the start of a tag cut at the end of the last block

    def toets(self, lengte: int) -> None:
        if lengte > MAX_TOKEN:
            grens = (
                f"{MAX_TOKEN // 2**20} MB"
                if MAX_TOKEN >= 2**20
                else f"{duizendtallen(MAX_TOKEN)} bytes"
            )
            raise TeZwaar(
                f"onderdeel {self.deel} bevat een stuk XML van meer dan {grens} zonder "
                "onderbreking; zo schrijven Excel en LibreOffice een werkboek nooit"
            )

    def voer(self, blok: bytes, einde: bool) -> None:
        """Read the next `blok` of the part (`einde`: it is the last)."""
        # with a buffer shorter than MAX_TOKEN, a token between two '<' of one buffer is
        # short enough: only the tokens at its ends need measuring
        stap = max(1, MAX_TOKEN - _STAART)
        while len(blok) > stap:
            self._voer(blok[:stap], False)
            blok = blok[stap:]
        self._voer(blok, einde)

    def _voer(self, blok: bytes, einde: bool) -> None:
        buf, self.rest = self.rest + blok, b""
        pos, n = 0, len(buf)
        while pos < n:
            if self.sluit is not None:
                j = buf.find(self.sluit, pos)
                if j < 0:  # keep what may be the start of the end sequence
                    bewaar = 0 if einde else min(len(self.sluit) - 1, n - pos)
                    self.lengte += n - pos - bewaar
                    self.rest = buf[n - bewaar :]
                    self.toets(self.lengte)
                    return
                self.toets(self.lengte + j + len(self.sluit) - pos)
                pos, self.sluit, self.lengte = j + len(self.sluit), None, 0
                continue
            m = _BIJZONDER.search(buf, pos)
            tot = m.start() if m else n
            if m is None and not einde:
                k = buf.rfind(b"<", pos)
                if k >= 0 and n - k < _STAART:
                    tot = k
            self.stuk(buf, pos, tot)
            if m is None:
                self.rest = buf[tot:]
                return
            self.sluit, self.lengte, pos = _SLUIT[m.group(1)], m.end() - m.start(), m.end()

    def stuk(self, buf: bytes, van: int, tot: int) -> None:
        """Bytes [van, tot) outside comments, CDATA and PIs: a '<' ends a token there."""
        eerste = buf.find(b"<", van, tot)
        if eerste < 0:
            self.lengte += tot - van
        else:
            self.toets(self.lengte + eerste - van)
            self.lengte = tot - buf.rfind(b"<", van, tot)
        self.toets(self.lengte)
        self.teksten += sum(1 for _ in _SI.finditer(buf, van, tot))


def _xml(begin: bytes) -> bool:
    """Whether a part that begins with `begin` may be XML (not a picture): after a byte
    order mark and white space (UTF-16: with zero bytes) comes '<', or nothing yet."""
    kaal = begin.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n\x00")
    return not kaal or kaal.startswith(b"<")


#: The encoding an XML declaration names.
_CODERING = re.compile(rb"""<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")


def _geen_utf8(begin: bytes) -> bool:
    """Whether an XML part that begins with `begin` is not UTF-8 (a UTF-16 byte order mark,
    zero bytes, another encoding declared). The scan reads UTF-8 bytes: in UTF-16 a comment
    full of '<' would pass as short tokens and no <si> would be counted. Excel and
    LibreOffice write UTF-8."""
    if begin.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in begin:
        return True
    codering = _CODERING.search(begin[:200])
    return codering is not None and codering.group(1).lower() not in (b"utf-8", b"utf8")


def voorscan(zf: zipfile.ZipFile, max_teksten: int) -> None:
    """Stream every XML part of `zf` once; :class:`TeZwaar` for a token over
    :data:`MAX_TOKEN` bytes or more than `max_teksten` shared strings in all."""
    teksten = 0
    for info in zf.infolist():
        if info.is_dir():
            continue
        scan = _Scan(info.filename)
        with zf.open(info) as f:
            blok = f.read(_BLOK)
            if not _xml(blok[:4096]):
                continue
            if _geen_utf8(blok[:4096]):
                raise TeZwaar(
                    f"onderdeel {info.filename} is geen UTF-8-XML; zo schrijven Excel en "
                    "LibreOffice een werkboek nooit"
                )
            while True:
                scan.voer(blok, not blok)
                if teksten + scan.teksten > max_teksten:
                    raise TeZwaar(
                        f"het werkboek heeft meer dan {f'{max_teksten:,}'.replace(',', '.')} "
                        f"verschillende teksten ({info.filename}); zoveel heeft een "
                        "spreadsheet dat dit programma leest niet"
                    )
                if not blok:
                    break
                blok = f.read(_BLOK)
        teksten += scan.teksten
