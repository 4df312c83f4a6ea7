"""The empty panden spreadsheet of ``transformatiecalc init --panden-sjabloon`` (docs/spreadsheet.md).

Its columns are the key paths of a pand, taken from the schema (:class:`~...schema.panden.Pand`),
so a new field appears in the template by itself; every input column carries the
data-validation rule of its field (:mod:`.bewaking`: the options of a choice, the bounds of
a number, ja/nee), the same rules the workbook's Uitgangspunten uses. One example row per
sheet shows the form; a sheet Toelichting lists each column with its unit and description.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any, get_args, get_origin

import xlsxwriter
from pydantic import BaseModel

from ...laden.spreadsheet import BLAD_PANDEN, BLAD_PROGRAMMA, KOLOM_PAND
from ...schema.documentatie import eenheid
from ...schema.grenzen import ontdaan
from ...schema.panden import Pand, ProgrammaRegel
from .bewaking import Bewaking, Regel, regel_van_veld

#: Rows below the header that get the validation rules (Excel applies them to a range).
RIJEN = 2_000

#: An example of a named extra cost and of a spread of costs over two building years.
_VOORBEELD_EXTRA = "asbestsanering"
_VOORBEELD_LIJST = 2

_VOORBEELD_PAND: dict[str, Any] = {
    "id": "P01",
    "naam": "Bovenwoningen Kerkstraat 3-5",
    "eigenaar": "gemeente",
    "gebied": "binnenstad",
    "huidig.functie": "leeg",
    "huidig.bvo": 420,
    "huidig.marktwaarde": 390_000,
    "huidig.boekwaarde": 460_000,
    "transformatie.start": 2026,
    "transformatie.bouwtijd": 1,
    "transformatie.ingreep": "transformatie_licht",
    "transformatie.verwerving": False,
}
_VOORBEELD_PROGRAMMA: dict[str, Any] = {KOLOM_PAND: "P01", "functie": "middenhuur", "woningen": 5}

Kolom = tuple[str, type[BaseModel], str, int]  # header, model, field, container steps


def kolommen(model: type[BaseModel], voor: str = "") -> Iterator[Kolom]:
    """The template's columns of `model`: its fields as key paths, nested models opened up,
    a dict as one example key, a list of numbers as two items; lists of models (the
    programme) have their own sheet."""
    for naam, info in model.model_fields.items():
        kop = f"{voor}{naam}"
        kaal, _ = ontdaan(info.annotation)
        if isinstance(kaal, type) and issubclass(kaal, BaseModel):
            yield from kolommen(kaal, f"{kop}.")
        elif get_origin(kaal) is dict:
            yield f"{kop}.{_VOORBEELD_EXTRA}", model, naam, 1
        elif get_origin(kaal) is list:
            item, _ = ontdaan(get_args(kaal)[0])
            if isinstance(item, type) and issubclass(item, BaseModel):
                continue
            for i in range(_VOORBEELD_LIJST):
                yield f"{kop}[{i}]", model, naam, 1
        else:
            yield kop, model, naam, 0


def sjabloon_bytes() -> bytes:
    """The template as .xlsx bytes (written by the caller, atomically)."""
    uit = io.BytesIO()
    wb = xlsxwriter.Workbook(uit, {"in_memory": True})
    kop = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    panden = list(kolommen(Pand))
    eigen: Kolom = (KOLOM_PAND, Pand, "id", 0)
    programma = [eigen, *kolommen(ProgrammaRegel)]
    _blad(wb, BLAD_PANDEN, panden, _VOORBEELD_PAND, kop)
    _blad(wb, BLAD_PROGRAMMA, programma, _VOORBEELD_PROGRAMMA, kop)
    _toelichting(wb, [*panden, *programma[1:]], kop)
    wb.close()
    return uit.getvalue()


def _blad(wb: Any, naam: str, kolommen: list[Kolom], voorbeeld: dict[str, Any], kop: Any) -> None:
    ws = wb.add_worksheet(naam)
    ws.freeze_panes(1, 1)
    bewaking = Bewaking()
    for k, (tekst, model, veld, items) in enumerate(kolommen):
        ws.write_string(0, k, tekst, kop)
        ws.set_column(k, k, max(12, len(tekst) + 2))
        waarde = voorbeeld.get(tekst)
        if isinstance(waarde, bool):
            ws.write_boolean(1, k, waarde)
        elif isinstance(waarde, int | float):
            ws.write_number(1, k, waarde)
        elif waarde is not None:
            ws.write_string(1, k, waarde)
        regel: Regel | None = regel_van_veld(model, veld, items)
        if regel is not None and tekst != KOLOM_PAND:
            for rij in range(1, RIJEN + 1):  # one run per column: one rule
                bewaking.voeg_toe(regel, rij, k)
    bewaking.schrijf(ws.data_validation)


def _toelichting(wb: Any, kolommen: list[Kolom], kop: Any) -> None:
    ws = wb.add_worksheet("Toelichting")
    for k, tekst in enumerate(("kolom", "eenheid", "verplicht", "toelichting")):
        ws.write_string(0, k, tekst, kop)
    ws.set_column(0, 0, 40)
    ws.set_column(1, 2, 12)
    ws.set_column(3, 3, 100)
    for r, (tekst, model, veld, _) in enumerate(kolommen, start=1):
        info = model.model_fields[veld]
        ws.write_string(r, 0, tekst)
        ws.write_string(r, 1, eenheid(info))
        ws.write_string(r, 2, "ja" if info.is_required() else "")
        ws.write_string(r, 3, info.description or "")
