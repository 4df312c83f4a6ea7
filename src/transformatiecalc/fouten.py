"""Located, Dutch error messages for invalid scenarios."""

from __future__ import annotations

from dataclasses import dataclass


class Celplek(str):
    """The ``bestand`` of a value read from a spreadsheet (``panden_uit``): the file, its
    sheet and the column header, so a :class:`Melding` can say "blad Panden, rij 17,
    kolom C (eigenaar)". As a string it is ``bestand[blad]`` (sorting groups by sheet)."""

    bestand: str
    blad: str | None
    kop: str | None

    def __new__(cls, bestand: str, blad: str | None, kop: str | None = None) -> Celplek:
        uit = super().__new__(cls, f"{bestand}[{blad}]" if blad else bestand)
        uit.bestand, uit.blad, uit.kop = bestand, blad, kop
        return uit

    def __getnewargs__(self) -> tuple[str, str | None, str | None]:  # type: ignore[override]
        return (self.bestand, self.blad, self.kop)

    def tekst(self, rij: int, kolom: int) -> str:
        """'panden.xlsx, blad Panden, rij 17, kolom C (eigenaar)'."""
        blad = f", blad {self.blad}" if self.blad else ""
        kop = f", kolom {kolomletter(kolom)} ({kort(self.kop)})" if self.kop else ""
        return f"{self.bestand}{blad}, rij {rij}{kop}"


#: Longest text a user typed (a cell, a column header) that a message repeats whole.
KORT = 40


def kort(tekst: str, lengte: int = KORT) -> str:
    """`tekst`, cut at `lengte` characters with an ellipsis ('aaaa…') when longer."""
    return tekst if len(tekst) <= lengte else f"{tekst[:lengte]}…"


def kolomletter(kolom: int) -> str:
    """1 → 'A', 27 → 'AA' (a spreadsheet's column letters)."""
    letters = ""
    while kolom > 0:
        kolom, rest = divmod(kolom - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Melding:
    """One problem in a scenario file, at a place a user can find.

    ``regel`` and ``kolom`` are 1-based (as editors show them); ``pad`` is the path in
    the scenario (``panden[3].transformatie.programma[0].woningen``), empty for
    problems with the file itself. ``code`` is a short, stable, machine-readable name of the
    rule that was broken (``pand.eigenaar_onbekend``, or pydantic's error type such as
    ``greater_than``); the list is in docs/scenario.md, "Foutcodes". It is not part of the
    text a user reads.
    """

    bestand: str
    regel: int
    kolom: int
    pad: str
    tekst: str
    code: str = ""

    def __str__(self) -> str:
        if isinstance(self.bestand, Celplek):
            plek = self.bestand.tekst(self.regel, self.kolom)
        else:
            plek = f"{self.bestand}:{self.regel}:{self.kolom}"
        return f"{plek}: {self.pad}: {self.tekst}" if self.pad else f"{plek}: {self.tekst}"


class ScenarioFout(Exception):
    """An invalid scenario: one or more :class:`Melding` objects."""

    def __init__(self, meldingen: list[Melding]) -> None:
        self.meldingen = meldingen
        super().__init__("\n".join(str(m) for m in meldingen))

    def __reduce__(self) -> tuple[type[ScenarioFout], tuple[list[Melding]]]:
        """Pickled with its messages (an error raised in a Dask task comes back whole)."""
        return (self.__class__, (self.meldingen,))


def pad_tekst(pad: tuple[str | int, ...]) -> str:
    """('panden', 3, 'transformatie') → 'panden[3].transformatie'."""
    delen: list[str] = []
    for stap in pad:
        if isinstance(stap, int):
            delen.append(f"[{stap}]")
        else:
            delen.append(("." if delen else "") + str(stap))
    return "".join(delen)
