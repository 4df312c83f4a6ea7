"""Rules for binnenstadsfondsen (METHODE §7): names, tranches, instruments, allocation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import InitErrorDetails

from ..fondsen import Fonds
from .hulp import Plek, dubbel, fout, verwijzing

if TYPE_CHECKING:
    from ..scenario import Scenario


def fondsen(sc: Scenario) -> Iterator[InitErrorDetails]:
    """Every rule of the fondsen section, fund by fund."""
    pand_ids = dict.fromkeys(p.id for p in sc.panden)
    fondsnamen: set[str] = set()
    for i, fonds in enumerate(sc.fondsen):
        loc: Plek = ("fondsen", i)
        if fonds.naam in fondsnamen:
            yield fout(
                (*loc, "naam"), "fonds.naam_dubbel", "fondsnaam '{n}' komt al voor", n=fonds.naam
            )
        fondsnamen.add(fonds.naam)
        yield from tranches(sc, fonds, loc)
        namen: list[str] = []
        yield from instrumenten(sc, fonds, loc, pand_ids, namen)
        yield from toewijzing(fonds, loc, pand_ids, namen)


def tranches(sc: Scenario, fonds: Fonds, loc: Plek) -> Iterator[InitErrorDetails]:
    """fonds.tranche_dubbel, fonds.tranche_buiten_horizon: tranche names are unique within a
    fund, and a tranche is paid in within the horizon."""
    laatste_jaar = sc.startjaar + sc.horizon
    tranchenamen: set[str] = set()
    for k, tranche in enumerate(fonds.tranches):
        if tranche.naam in tranchenamen:
            yield fout(
                (*loc, "tranches", k, "naam"),
                "fonds.tranche_dubbel",
                "tranche '{n}' komt al voor in dit fonds",
                n=tranche.naam,
            )
        tranchenamen.add(tranche.naam)
        if tranche.jaar is not None and not (sc.startjaar <= tranche.jaar <= laatste_jaar):
            yield fout(
                (*loc, "tranches", k, "jaar"),
                "fonds.tranche_buiten_horizon",
                "jaar {j} ligt buiten de horizon ({a}–{b})",
                j=tranche.jaar,
                a=sc.startjaar,
                b=laatste_jaar,
            )


def instrumenten(
    sc: Scenario, fonds: Fonds, loc: Plek, pand_ids: dict[str, None], namen: list[str]
) -> Iterator[InitErrorDetails]:
    """fonds.instrument_dubbel, fonds.voor_functie_onbekend, fonds.voor_pand_onbekend: each
    instrument has its own name (collected in `namen`), and its conditions name known
    functies and panden."""
    for k, instrument in enumerate(fonds.instrumenten):
        iloc: Plek = (*loc, "instrumenten", k)
        naam = instrument.naam or instrument.soort
        if naam in namen:
            yield fout(
                (*iloc, "naam") if instrument.naam else iloc,
                "fonds.instrument_dubbel",
                "instrument '{n}' komt al voor in dit fonds; geef elk instrument een eigen naam",
                n=naam,
            )
        namen.append(naam)
        for m, sleutel in enumerate(instrument.voor.functies):
            yield from verwijzing(
                (*iloc, "voor", "functies", m),
                "fonds.voor_functie_onbekend",
                sleutel,
                "functies",
                sc.functies,
            )
        for m, pid in enumerate(instrument.voor.panden):
            yield from verwijzing(
                (*iloc, "voor", "panden", m), "fonds.voor_pand_onbekend", pid, "panden", pand_ids
            )


def toewijzing(
    fonds: Fonds, loc: Plek, pand_ids: dict[str, None], namen: list[str]
) -> Iterator[InitErrorDetails]:
    """fonds.prioriteit_onbekend, fonds.volgorde_onbekend, fonds.verevening_niet_vooraan:
    the priority names panden, the instrument order names the fund's instruments, with
    'verevening' only in front."""
    tw = fonds.toewijzing
    for m, pid in enumerate(tw.prioriteit):
        yield from verwijzing(
            (*loc, "toewijzing", "prioriteit", m),
            "fonds.prioriteit_onbekend",
            pid,
            "panden",
            pand_ids,
        )
    for lijst in ("prioriteit", "volgorde_instrumenten"):
        yield from dubbel(
            (*loc, "toewijzing", lijst), "fonds.volgorde_dubbel", getattr(tw, lijst) or []
        )
    for m, naam in enumerate(tw.volgorde_instrumenten or []):
        vloc = (*loc, "toewijzing", "volgorde_instrumenten", m)
        if naam == "verevening":
            if m != 0:
                yield fout(
                    vloc,
                    "fonds.verevening_niet_vooraan",
                    "'verevening' kan alleen als eerste in de volgorde staan",
                )
            continue
        yield from verwijzing(
            vloc, "fonds.volgorde_onbekend", naam, "instrumenten", [*namen, "verevening"]
        )
