"""Printing a sheet: A4 landscape, header rows and columns repeated, one page wide where the
sheet still reads, a page break before a block that would not fit, and the scenario, date
and provenance in the header and footer. :class:`Afdrukbaar` is the printing half of
:class:`.blad.Blad`.

The page layout is computed from the widths and heights the workbook sets itself, the way
Excel measures them (a column of w characters is w·7+5 pixels, a row 15 points unless set;
LibreOffice prints rows of the same height and columns a little wider). What keeps a printed
page legible:

- the scale: one page wide when the whole sheet (cells, merged paragraphs, charts and
  images) fits at ≥ LEESBAAR, else PRINTSCHAAL_BREED % across pages, with vertical page
  breaks where a chart or a merged paragraph would otherwise be cut;
- long texts: wrapped in their cell (a column has a widest, :meth:`.blad.Blad.tekst`) or
  over merged cells (:meth:`.blad.Blad.tekstblok`, the title rows and the warnings), so no
  text makes a sheet wider than its columns or runs off a page;
- the title: on a sheet whose first columns repeat on every page, the title rows start
  right of them (:attr:`Afdrukbaar.titelkolom`), so a page to the right does not show a
  title cut off at the edge of the repeated columns;
- the row breaks: a block (a section, a table with its title, a chart) starts a new page
  when it does not fit on the rest of one, and every full page ends with a break of its own,
  so Excel and LibreOffice break at the same rows.
"""

from __future__ import annotations

import math
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
#: The share of a page width the vertical page breaks fill. Excel rounds a character of
#: Calibri 11 to 7 pixels (5,25 points); LibreOffice measures it unrounded (Carlito: 5,58
#: points), so its columns print some 6 % wider: filled to 93 % in Excel's measure, a page
#: holds the columns in both, and neither adds a break of its own next to ours.
VULLING = 0.93
#: Excel's default column width (characters) for a column the workbook does not set.
STANDAARDBREEDTE = 8.43
#: The first rows of a block longer than a page (its title, header and a few rows) that
#: must fit on a page for it to start there.
MIN_RIJEN = 6


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


def paginahoogte(schaal: float, herhaald: float = 0.0) -> float:
    """The points of rows a printed page holds at `schaal` (a fraction), less the rows
    repeated on every page (`herhaald`, points), with 1 % room for row heights rounded to
    whole pixels."""
    return (PAGINA_HOOGTE / schaal - herhaald) * 0.99


def kolombreedte_pt(breedte: float) -> float:
    """Printed width in points of a column `breedte` characters wide (Excel: 7 pixels per
    character of the default font plus 5 pixels padding, 0,75 point per pixel)."""
    return int(breedte * 7 + 5) * 0.75 if breedte > 0 else 0.0


class Afdrukbaar:
    """What :class:`.blad.Blad` needs to print: its worksheet, the rows with a height of
    their own (points), the column widths set (characters), the blocks a printed page
    should not split, the header rows and columns repeated on every page, and what reaches
    beyond the cells to the right (charts and images: first column, width in points)."""

    ws: Worksheet
    hoogtes: dict[int, float]
    kolombreedtes: dict[int, float]
    blokken: list[tuple[int, int]]
    koprijen: tuple[int, int] | None
    herhaald: tuple[int, int] | None
    uitsteeksels: list[tuple[int, float]]
    #: the merged paragraphs (row, first column, last column): a vertical page break does
    #: not cut them
    samengevoegd: list[tuple[int, int, int]]

    #: the sheet's first rows fit one page wide (Uitgangspunten: its lists), so its title
    #: never prints on a page to the right and may stand in column 0
    titel_links: bool = False
    #: print at this scale (percent) across pages even when the sheet would fit one page
    #: wide (Uitgangspunten: its long sections repeat their header per page, sized for it)
    schaal_vast: int | None = None

    @property
    def titelkolom(self) -> int:
        """The column the title rows start in: right of the repeated columns (a page to the
        right of the first shows those columns of the title rows, and would show the title
        cut off at their edge), unless titel_links; else 0."""
        if self.herhaald is not None and not self.titel_links:
            return self.herhaald[1] + 1
        return 0

    def blok(self, rij: int, rijen: int = 0) -> None:
        """Mark a block from `rij` that a printed page should not split (`rijen`: its rows,
        0 for up to the next block or the end of the sheet)."""
        self.blokken.append((rij, rijen))

    def afdrukken(self, afdruk: Afdruk) -> None:
        """A4 landscape; the header rows and the columns given when the sheet was made
        repeated on every page; one page wide only where the sheet then still reads
        (LEESBAAR), else at PRINTSCHAAL_BREED % across pages, with vertical page breaks that
        keep charts and merged paragraphs whole; a page break before a block (blok) that
        would not fit on the page; scenario, sheet and date in the header, the provenance
        and 'Pagina n van m' in the footer. Call after zet_breedtes."""
        ws = self.ws
        ws.set_paper(9)
        ws.set_landscape()
        ws.set_margins(left=MARGE_ZIJ, right=MARGE_ZIJ, top=MARGE_BOVEN, bottom=MARGE_BOVEN)
        herhaald = 0.0
        if self.koprijen is not None:
            ws.repeat_rows(*self.koprijen)
            herhaald = sum(self.hoogte(r) for r in range(self.koprijen[0], self.koprijen[1] + 1))
        if self.herhaald is not None:
            ws.repeat_columns(*self.herhaald)
        schaal = self.schaal()
        if schaal >= LEESBAAR and self.schaal_vast is None:
            ws.fit_to_pages(1, 0)
            schaal = math.floor(schaal * 100) / 100  # Excel's scale: whole percents
        else:
            procent = self.schaal_vast or PRINTSCHAAL_BREED
            ws.set_print_scale(procent)
            schaal = procent / 100
            kolomeinden = self.kolom_einden(schaal)
            if kolomeinden:
                ws.set_v_pagebreaks(kolomeinden)
        einden = self.pagina_einden(paginahoogte(schaal, herhaald))
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

    def breedte_pt(self, kolom: int) -> float:
        """Printed width in points of column `kolom`."""
        return kolombreedte_pt(self.kolombreedtes.get(kolom, STANDAARDBREEDTE))

    def x(self, kolom: int) -> float:
        """Where column `kolom` starts, in points from the left of the sheet."""
        return sum(self.breedte_pt(k) for k in range(kolom))

    def laatste_kolom(self) -> int:
        """The last column with cells, a width set or a merged paragraph."""
        return max(
            [
                *self.kolombreedtes,
                int(self.ws.dim_colmax or 0),
                *(k for _, _, k in self.samengevoegd),
            ]
        )

    def drukbreedte(self) -> float:
        """The printed width in points of the sheet: its columns, and the charts and images
        that reach beyond them."""
        cellen = self.x(self.laatste_kolom() + 1)
        return max([cellen, *(self.x(k) + b for k, b in self.uitsteeksels)])

    def schaal(self) -> float:
        """The scale at which the sheet fits one page wide (at most 1)."""
        breedte = self.drukbreedte()
        return min(1.0, PAGINA_BREEDTE / breedte) if breedte else 1.0

    def kolom_eind(self, x: float) -> int:
        """The column in which the point `x` (from the left of the sheet) falls."""
        kolom, rand = 0, self.breedte_pt(0)
        while rand < x:
            kolom += 1
            rand += self.breedte_pt(kolom)
        return kolom

    def kolom_einden(self, schaal: float) -> list[int]:
        """Columns to break the page before when printing at `schaal` across pages: as many
        columns as a page holds (after the repeated ones), never inside a chart, an image
        or a merged range that fits on a page."""
        ruimte = PAGINA_BREEDTE / schaal * VULLING
        herhaald = 0.0
        if self.herhaald is not None:
            herhaald = sum(
                self.breedte_pt(k) for k in range(self.herhaald[0], self.herhaald[1] + 1)
            )
        heel = [(eerste, laatste) for _, eerste, laatste in self.samengevoegd]
        for kolom, b in self.uitsteeksels:
            heel.append((kolom, self.kolom_eind(self.x(kolom) + b)))
        einden: list[int] = []
        begin, gebruikt = 0, 0.0
        laatste = max([self.laatste_kolom(), *(eind for _, eind in heel)])
        if laatste < 1:
            return []
        for kolom in range(laatste + 1):
            w = self.breedte_pt(kolom)
            if gebruikt + w > ruimte and kolom > begin:
                breek = kolom
                for eerste, eind in heel:  # break before a whole block that would be cut
                    if begin < eerste <= kolom <= eind:
                        breek = min(breek, eerste)
                einden.append(breek)
                begin = breek
                gebruikt = herhaald + sum(self.breedte_pt(k) for k in range(breek, kolom))
            gebruikt += w
        if einden and all(eind < einden[0] for _, eind in heel):
            # nothing to keep whole beyond the first page: the program breaks the columns
            # where its own widths say, at most a page wide each (LibreOffice's are wider)
            return []
        return einden[:1023]

    def pagina_einden(self, per_pagina: float) -> list[int]:
        """Rows to break the page before (`per_pagina`: the points of rows a page holds at
        the print scale, :func:`paginahoogte`). A block that fits on a page is not split: it
        starts a new page when the rest of the page is too short, and so does a longer block
        when not even its first rows (MIN_RIJEN) fit; the rows of a longer block run on, and
        the row where a page is full gets a break too. Every row is as high as the workbook says (the default
        height or its own) in Excel and LibreOffice alike, so both break where it says."""
        blokken = sorted(set(self.blokken))
        einde = max([int(self.ws.dim_rowmax or 0) + 1, *(r + n for r, n in blokken)])
        hoogte: dict[int, float] = {}  # a block's first row → the height of the block
        for i, (start, rijen) in enumerate(blokken):
            volgende = blokken[i + 1][0] if i + 1 < len(blokken) else einde
            stop = start + rijen if rijen else volgende  # the empty rows after a chart may break
            hoogte[start] = max(
                hoogte.get(start, 0.0), sum(self.hoogte(r) for r in range(start, stop))
            )
        einden: list[int] = []
        gebruikt = 0.0
        for rij in range(einde):
            h = self.hoogte(rij)
            if gebruikt > 0 and rij in hoogte:
                blok = hoogte[rij]
                kop = sum(self.hoogte(r) for r in range(rij, min(rij + MIN_RIJEN, einde)))
                if gebruikt + (blok if blok <= per_pagina else kop) > per_pagina:
                    einden.append(rij)
                    gebruikt = 0.0
            if gebruikt > 0 and gebruikt + h > per_pagina:
                einden.append(rij)  # the page is full
                gebruikt = 0.0
            gebruikt += h
        return einden[:1023]
