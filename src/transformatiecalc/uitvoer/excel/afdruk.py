"""Printing a sheet: A4 landscape, header rows and columns repeated, one page wide where the
sheet still reads, a page break before a block that would not fit, and the scenario, date
and provenance in the header and footer. :class:`Afdrukbaar` is the printing half of
:class:`.blad.Blad`.
"""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.worksheet import Worksheet

#: Printing: A4 landscape (11,69 × 8,27 inch) less the margins of :meth:`Blad.afdrukken`, in
#: points; a row is 15 points unless set otherwise.
MARGE_ZIJ, MARGE_BOVEN, MARGE_KOPVOET = 0.4, 0.7, 0.3
PAGINA_BREEDTE = (11.69 - 2 * MARGE_ZIJ) * 72
PAGINA_HOOGTE = (8.27 - 2 * MARGE_BOVEN) * 72
RIJHOOGTE = 15.0
#: The smallest scale at which a sheet fitted to one page wide still reads (a 10–11 pt
#: font at 60 % is 6–7 pt); a wider sheet is printed at PRINTSCHAAL_BREED % and runs
#: across pages, with its first columns repeated.
LEESBAAR = 0.6
PRINTSCHAAL_BREED = 70


@dataclass(frozen=True)
class Afdruk:
    """What the header and footer of every printed page say: the scenario, the date of the
    export and the provenance line (sha256, version)."""

    scenario: str
    datum: str
    herkomst: str


def _kopvoet(tekst: str, ruimte: int = 80) -> str:
    """Text for an Excel header or footer after a font size code (&8): '&' escaped as '&&',
    cut to `ruimte` characters without splitting an escaped '&&' (the whole header may hold
    255), and a leading digit kept apart from the code by a space (&8 then 03-12-2026 would
    be font size 803)."""
    tekst = tekst.replace("&", "&&")[:ruimte]
    if (len(tekst) - len(tekst.rstrip("&"))) % 2:
        tekst = tekst[:-1]
    return f" {tekst}" if tekst[:1].isdigit() else tekst


def kolombreedte_pt(breedte: float) -> float:
    """Printed width in points of a column `breedte` characters wide (Excel: 7 pixels per
    character of the default font plus 5 pixels padding, 0,75 point per pixel)."""
    return int(breedte * 7 + 5) * 0.75 if breedte > 0 else 0.0


class Afdrukbaar:
    """What :class:`.blad.Blad` needs to print: its worksheet, the rows with a height of
    their own (points), the column widths set (characters) and the blocks a printed page
    should not split ((first row, rows))."""

    ws: Worksheet
    hoogtes: dict[int, float]
    kolombreedtes: dict[int, float]
    blokken: list[tuple[int, int]]

    def blok(self, rij: int, rijen: int = 0) -> None:
        """Mark a block from `rij` that a printed page should not split (`rijen`: its rows,
        0 for up to the next block or the end of the sheet)."""
        self.blokken.append((rij, rijen))

    def afdrukken(
        self,
        afdruk: Afdruk,
        koprijen: tuple[int, int] | None = None,
        kolommen: tuple[int, int] | None = None,
    ) -> None:
        """A4 landscape; the header rows `koprijen` and the columns `kolommen` (first, last)
        repeated on every page; one page wide only where the sheet then still reads
        (LEESBAAR), else at PRINTSCHAAL_BREED % across pages; a page break before a block
        (blok) that would not fit on the page; scenario, sheet and date in the header, the
        provenance and 'Pagina n van m' in the footer. Call after zet_breedtes."""
        ws = self.ws
        ws.set_paper(9)
        ws.set_landscape()
        ws.set_margins(left=MARGE_ZIJ, right=MARGE_ZIJ, top=MARGE_BOVEN, bottom=MARGE_BOVEN)
        schaal = self.schaal()
        if schaal >= LEESBAAR:
            ws.fit_to_pages(1, 0)
        else:
            ws.set_print_scale(PRINTSCHAAL_BREED)
            schaal = PRINTSCHAAL_BREED / 100
        herhaald = 0.0
        if koprijen is not None:
            ws.repeat_rows(*koprijen)
            herhaald = sum(self.hoogte(r) for r in range(koprijen[0], koprijen[1] + 1))
        if kolommen is not None:
            ws.repeat_columns(*kolommen)
        einden = self.pagina_einden(PAGINA_HOOGTE / schaal - herhaald)
        if einden:
            ws.set_h_pagebreaks(einden)
        ws.set_header(
            f"&L&8{_kopvoet(afdruk.scenario)}&C&8&A&R&8{_kopvoet(afdruk.datum, 20)}",
            {"margin": MARGE_KOPVOET},
        )
        ws.set_footer(
            f"&L&8{_kopvoet(afdruk.herkomst, 160)}&R&8Pagina &P van &N",
            {"margin": MARGE_KOPVOET},
        )

    def hoogte(self, rij: int) -> float:
        return self.hoogtes.get(rij, RIJHOOGTE)

    def schaal(self) -> float:
        """The scale at which the sheet's columns fit one page wide (at most 1)."""
        laatste = max([*self.kolombreedtes, int(self.ws.dim_colmax or 0)])
        breedte = sum(kolombreedte_pt(self.kolombreedtes.get(k, 8.43)) for k in range(laatste + 1))
        return min(1.0, PAGINA_BREEDTE / breedte) if breedte else 1.0

    def pagina_einden(self, per_pagina: float) -> list[int]:
        """Rows to break the page before, so that no block is split that fits on a page
        (`per_pagina`: the points of rows a page holds at the print scale)."""
        einde = int(self.ws.dim_rowmax or 0) + 1
        blokken = sorted(self.blokken)
        grenzen = [(start, start + rijen if rijen else None) for start, rijen in blokken]
        einden: list[int] = []
        gebruikt = sum(self.hoogte(r) for r in range(blokken[0][0])) if blokken else 0.0
        for i, (start, stop) in enumerate(grenzen):
            volgende = grenzen[i + 1][0] if i + 1 < len(grenzen) else max(einde, stop or 0)
            stop = volgende if stop is None else max(stop, volgende)
            h = sum(self.hoogte(r) for r in range(start, stop))
            if gebruikt > 0 and gebruikt + h > per_pagina and len(einden) < 1023:
                einden.append(start)
                gebruikt = 0.0
            # a block longer than a page ends where the renderer's row heights say (Excel
            # 15 points, LibreOffice less): the next block then starts a page of its own
            gebruikt = per_pagina if gebruikt + h > per_pagina else gebruikt + h
        return einden
