"""Every version a scenario asks for, checked without computing (``transformatiecalc validate``).

A scenario is *geldig* when every command will run on it: the file itself (checked when
it is read), each variant applied to it (what ``vergelijk`` computes) and every draw of
its ``onzekerheid`` (what ``onzeker`` computes). Draws cannot all be tried, but they need
not be: each distribution draws from a closed range (:meth:`bereik`, normal scores cut
off at ±4), and the schema's bounds are intervals per value, so a draw is valid when each
parameter at its lowest and at its highest value is valid, and so are the two corners
with every parameter at its lowest and every parameter at its highest (values that
bound a sum of two drawn parameters, such as a pand's BVO).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from ..fouten import Melding, ScenarioFout
from ..schema.grenzen import getal_tekst
from .reeks import Basis


@dataclass(frozen=True)
class Controle:
    """What was checked: the number of variants and of uncertain parameters."""

    varianten: int
    parameters: int

    def __str__(self) -> str:
        """'3 varianten en 4 onzekere parameters' (the parts that are not zero)."""
        delen = [
            f"{n} {enkel if n == 1 else meer}"
            for n, enkel, meer in (
                (self.varianten, "variant", "varianten"),
                (self.parameters, "onzekere parameter", "onzekere parameters"),
            )
            if n
        ]
        return " en ".join(delen)


def controleer(basis: Basis) -> Controle:
    """Validate every variant and the extreme draws of `basis`; raise ScenarioFout with
    the messages of all versions that are invalid (each names its version)."""
    meldingen: list[Melding] = []
    for wat, wijzigingen, hoek in _versies(basis):
        if hoek and meldingen:  # a corner would repeat what a single parameter showed
            continue
        try:
            basis.met(wijzigingen, wat)
        except ScenarioFout as fout:
            meldingen += fout.meldingen
    if meldingen:
        raise ScenarioFout(meldingen)
    o = basis.scenario.onzekerheid
    return Controle(len(basis.scenario.varianten), len(o.parameters) if o else 0)


def _versies(basis: Basis) -> Iterator[tuple[str, Mapping[str, object], bool]]:
    """(name for messages, changes, is a corner) of every version to check."""
    for v in basis.scenario.varianten:
        yield f"variant '{v.naam}'", v.wijzig, False
    o = basis.scenario.onzekerheid
    if o is None:
        return
    uitersten = {pad: v.bereik() for pad, v in o.parameters.items()}
    for pad, (laag, hoog) in uitersten.items():
        yield f"onzekerheid, laagste trekking {pad} = {getal_tekst(laag)}", {pad: laag}, False
        yield f"onzekerheid, hoogste trekking {pad} = {getal_tekst(hoog)}", {pad: hoog}, False
    if len(uitersten) > 1:
        for i, woord in enumerate(("laagste", "hoogste")):
            hoek = {pad: grenzen[i] for pad, grenzen in uitersten.items()}
            yield f"onzekerheid, elke parameter op zijn {woord} trekking", hoek, True
