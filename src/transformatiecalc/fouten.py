"""Located, Dutch error messages for invalid scenarios."""

from __future__ import annotations

from dataclasses import dataclass


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
        plek = f"{self.bestand}:{self.regel}:{self.kolom}"
        return f"{plek}: {self.pad}: {self.tekst}" if self.pad else f"{plek}: {self.tekst}"


class ScenarioFout(Exception):
    """An invalid scenario: one or more :class:`Melding` objects."""

    def __init__(self, meldingen: list[Melding]) -> None:
        self.meldingen = meldingen
        super().__init__("\n".join(str(m) for m in meldingen))


def pad_tekst(pad: tuple[str | int, ...]) -> str:
    """('panden', 3, 'transformatie') → 'panden[3].transformatie'."""
    delen: list[str] = []
    for stap in pad:
        if isinstance(stap, int):
            delen.append(f"[{stap}]")
        else:
            delen.append(("." if delen else "") + str(stap))
    return "".join(delen)
