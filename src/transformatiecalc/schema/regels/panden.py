"""Rules for each pand and its programme: ids, references, timing, woningen or bvo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic_core import InitErrorDetails

from ..functies import WONING_SOORTEN
from ..panden import Pand, ProgrammaRegel
from .hulp import Plek, fout, verwijzing

if TYPE_CHECKING:
    from ..scenario import Scenario

_PAND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


def panden(sc: Scenario) -> Iterator[InitErrorDetails]:
    """Every rule of the panden section, pand by pand (the pand's own rules, then its
    programme's)."""
    eerste: dict[str, int] = {}
    for i, pand in enumerate(sc.panden):
        yield from pand_id(pand, i, eerste)
        eerste.setdefault(pand.id, i)
        yield from pand_verwijzingen(sc, pand, i)
        yield from pand_planning(sc, pand, i)
        for k, regel in enumerate(pand.transformatie.programma):
            yield from programma_regel(sc, regel, ("panden", i, "transformatie", "programma", k))


def pand_id(pand: Pand, i: int, eerste: dict[str, int]) -> Iterator[InitErrorDetails]:
    """pand.id_vorm, pand.id_dubbel: an id of letters, digits, - and _, used once."""
    if not _PAND_ID.fullmatch(pand.id):
        yield fout(
            ("panden", i, "id"),
            "pand.id_vorm",
            "pand-id '{id}' mag alleen letters, cijfers, - en _ bevatten",
            id=pand.id,
        )
    if pand.id in eerste:
        yield fout(
            ("panden", i, "id"),
            "pand.id_dubbel",
            "pand-id '{id}' komt al voor bij panden[{j}]",
            id=pand.id,
            j=eerste[pand.id],
        )


def pand_verwijzingen(sc: Scenario, pand: Pand, i: int) -> Iterator[InitErrorDetails]:
    """pand.eigenaar_onbekend, pand.exploitant_onbekend, pand.ingreep_onbekend: the eigenaar
    and exploitant are partijen, the ingreep is a key of kosten.per_m2_bvo."""
    tr = pand.transformatie
    yield from verwijzing(
        ("panden", i, "eigenaar"), "pand.eigenaar_onbekend", pand.eigenaar, "partijen", sc.partijen
    )
    if tr.exploitant is not None:
        yield from verwijzing(
            ("panden", i, "transformatie", "exploitant"),
            "pand.exploitant_onbekend",
            tr.exploitant,
            "partijen",
            sc.partijen,
        )
    yield from verwijzing(
        ("panden", i, "transformatie", "ingreep"),
        "pand.ingreep_onbekend",
        tr.ingreep,
        "kosten.per_m2_bvo",
        sc.kosten.per_m2_bvo,
    )


def pand_planning(sc: Scenario, pand: Pand, i: int) -> Iterator[InitErrorDetails]:
    """pand.start_te_vroeg, pand.oplevering_na_horizon: the transformation starts in or after
    the startjaar and is delivered within the horizon (METHODE §1)."""
    tr = pand.transformatie
    laatste_jaar = sc.startjaar + sc.horizon
    if tr.start < sc.startjaar:
        yield fout(
            ("panden", i, "transformatie", "start"),
            "pand.start_te_vroeg",
            "start {s} ligt vóór het startjaar van het scenario ({j})",
            s=tr.start,
            j=sc.startjaar,
        )
    elif tr.start + tr.bouwtijd > laatste_jaar:
        yield fout(
            ("panden", i, "transformatie", "start"),
            "pand.oplevering_na_horizon",
            "oplevering in {o} (start {s} + bouwtijd {b}) valt na de horizon "
            "({j} + {h} = {e}); verhoog horizon",
            o=tr.start + tr.bouwtijd,
            s=tr.start,
            b=tr.bouwtijd,
            j=sc.startjaar,
            h=sc.horizon,
            e=laatste_jaar,
        )


def programma_regel(sc: Scenario, regel: ProgrammaRegel, basis: Plek) -> Iterator[InitErrorDetails]:
    """programma.ingreep_onbekend, programma.functie_onbekend, programma.woningen_ontbreekt,
    programma.woningen_niet_toegestaan, programma.bvo_ontbreekt: a line names known keys, and
    counts woningen for a woning function, m² bvo for any other."""
    if regel.ingreep is not None:
        yield from verwijzing(
            (*basis, "ingreep"),
            "programma.ingreep_onbekend",
            regel.ingreep,
            "kosten.per_m2_bvo",
            sc.kosten.per_m2_bvo,
        )
    functie = sc.functies.get(regel.functie)
    if functie is None:
        yield from verwijzing(
            (*basis, "functie"),
            "programma.functie_onbekend",
            regel.functie,
            "functies",
            sc.functies,
        )
    elif functie.soort in WONING_SOORTEN:
        if regel.woningen is None:
            yield fout(
                basis,
                "programma.woningen_ontbreekt",
                "functie '{f}' is een {soort}: geef het aantal woningen",
                f=regel.functie,
                soort=functie.soort,
            )
    elif regel.woningen is not None:
        yield fout(
            (*basis, "woningen"),
            "programma.woningen_niet_toegestaan",
            "functie '{f}' is {soort} en telt in m²: geef bvo, geen woningen",
            f=regel.functie,
            soort=functie.soort,
        )
    elif regel.bvo is None:
        yield fout(
            basis,
            "programma.bvo_ontbreekt",
            "functie '{f}' is {soort}: geef het bvo in m²",
            f=regel.functie,
            soort=functie.soort,
        )
