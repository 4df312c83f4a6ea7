"""The whole scenario: sections, cross-references and effective values.

After field validation, :meth:`Scenario._kruisverwijzingen` checks every rule that spans
sections (:mod:`.regels`: references such as eigenaar, exploitant, functie, ingreep, and
the rules per section) and reports *all* violations at once, each at its own path and with
its code. Then :func:`.standaarden.vul_standaarden` fills every default that depends on
another value (a partij's rates, a functie's BTW treatment, a pand's inbrengwaarde …), so
the validated model is the complete set of effective parameters: what the engine uses and
what the results echo. Last come the rules on those effective values (bounds, varianten,
onzekerheid).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationError,
    ValidationInfo,
    model_validator,
)

from .analyse import Onzekerheid, Variant
from .basis import Geheel, Jaartal, Model, Tekst
from .fondsen import Fonds
from .functies import Functie
from .markt import Conventies, Kosten, Markt
from .panden import Pand
from .partijen import Partij
from .regels import kruisverwijzingen, op_effectief
from .regels.hulp import suggestie
from .standaarden import vul_standaarden
from .verevening import Project, Verevening

if TYPE_CHECKING:
    from ..engine.huurrecht.programma import HuurrechtRijen

__all__ = ["Scenario", "suggestie"]


class Scenario(Model):
    """A scenario file (docs/scenario.md). Validated, it holds every effective parameter."""

    naam: Tekst = Field(..., description="Naam van het scenario.")
    beschrijving: str = Field("", description="Toelichting.")
    erft_van: Tekst | None = Field(
        None,
        description=(
            "Pad (relatief aan dit bestand) van een basisscenario (.yaml) waarvan dit bestand "
            "erft; mappings worden samengevoegd, lijsten vervangen, behalve panden: die worden "
            "per id samengevoegd. Een functie met een andere soort, een waardering met een "
            "andere methode of een verdeling van een ander soort vervangt die van de basis "
            "helemaal; `null` voor een functie, partij, bouwkostenpost, onzekere parameter of "
            "extra kostenpost haalt die van de basis weg. Wordt bij het laden opgelost. Het "
            "basisbestand moet in de map van dit scenario, de werkmap of een map daaronder "
            "staan (of in een map die je met "
            "--toegang toestaat); zie README, Foutmeldingen."
        ),
    )
    startjaar: Jaartal = Field(
        ...,
        description="Jaar t = 0: de peildatum van alle contante waarden.",
        json_schema_extra={"eenheid": "jaartal"},
    )
    prijspeil: Jaartal | None = Field(
        None,
        description="Jaar waarin de bedragen zijn uitgedrukt; standaard het startjaar.",
        json_schema_extra={"eenheid": "jaartal"},
    )
    horizon: Geheel = Field(
        30,
        ge=1,
        le=100,
        description="Aantal jaren na het startjaar dat wordt doorgerekend.",
        json_schema_extra={"eenheid": "jaar"},
    )
    markt: Markt = Field(default_factory=Markt, description="Marktaannames.")
    conventies: Conventies = Field(default_factory=Conventies, description="Rekenconventies.")
    kosten: Kosten = Field(..., description="Bouwkosten en opslagen.")
    partijen: dict[str, Partij] = Field(..., min_length=1, description="Eigenaren en exploitanten.")
    functies: dict[str, Functie] = Field(
        ..., min_length=1, description="Functies van het programma."
    )
    panden: list[Pand] = Field(..., min_length=1, description="De panden.")
    panden_uit: Tekst | None = Field(
        None,
        description=(
            "Pad (relatief aan dit bestand) van een spreadsheet (.xlsx of .csv) met de panden: "
            "blad Panden één rij per pand, blad Programma één rij per programmaregel; de "
            "kolomkoppen zijn de sleutelpaden (huidig.marktwaarde). In plaats van panden, niet "
            "ernaast; een scenario dat erft_van dit bestand kan panden per id wijzigen. Wordt "
            "bij het laden gelezen, met dezelfde toegangsregels als erft_van; zie "
            "docs/spreadsheet.md. Een leeg sjabloon: transformatiecalc init --panden-sjabloon."
        ),
    )
    projecten: list[Project] = Field(
        default_factory=list,
        description="Herverkaveling: groepen panden van meerdere eigenaren als één businesscase.",
    )
    verevening: Verevening | None = Field(
        None, description="Verevening van overschotten naar tekorten; weglaten = geen verevening."
    )
    fondsen: list[Fonds] = Field(
        default_factory=list, description="Binnenstadsfondsen, in volgorde van inzet."
    )

    varianten: list[Variant] = Field(
        default_factory=list,
        description="Varianten: wijzigingen op paden; `transformatiecalc vergelijk` zet ze naast de basis.",
    )
    onzekerheid: Onzekerheid | None = Field(
        None,
        description="Monte Carlo: verdelingen op paden; `transformatiecalc onzeker` trekt ze.",
    )

    _opgegeven: frozenset[str] = PrivateAttr(default_factory=frozenset)
    _huurrecht: HuurrechtRijen | None = PrivateAttr(default=None)

    @property
    def huurrecht(self) -> HuurrechtRijen | None:
        """Rent law per programme row (METHODE §2a), computed in validation; None when no
        functie gives WWS points."""
        return self._huurrecht

    @property
    def gemeente(self) -> str | None:
        """The first partij of soort gemeente (its rate is the default for public money)."""
        return next((k for k, p in self.partijen.items() if p.soort == "gemeente"), None)

    def is_opgegeven(self, pad: str) -> bool:
        """Did the file give this value (``markt.btw``, ``panden[0].huidig.boekwaarde``),
        rather than it being a default or derived from another value?"""
        return pad in self._opgegeven

    @model_validator(mode="after")
    def _kruisverwijzingen(self, info: ValidationInfo) -> Scenario:
        """The rules across sections (schema.regels), the derived defaults
        (schema.standaarden), then the rules on the effective values."""
        fouten = list(kruisverwijzingen(self))
        if fouten:
            raise ValidationError.from_exception_data("Scenario", fouten)
        self._opgegeven = frozenset(_opgegeven_paden(self, ""))
        vul_standaarden(self)
        fouten = op_effectief(self, info.context)
        if fouten:
            raise ValidationError.from_exception_data("Scenario", fouten)
        return self


def _opgegeven_paden(model: BaseModel, pad: str) -> Iterator[str]:
    """Leaf paths of the values set explicitly in the input (before defaults are filled)."""
    for naam in model.model_fields_set:
        waarde = getattr(model, naam)
        hier = f"{pad}.{naam}" if pad else naam
        if isinstance(waarde, BaseModel):
            yield from _opgegeven_paden(waarde, hier)
        elif isinstance(waarde, dict):
            for sleutel, kind in waarde.items():
                if isinstance(kind, BaseModel):
                    yield from _opgegeven_paden(kind, f"{hier}.{sleutel}")
                else:
                    yield f"{hier}.{sleutel}"
        elif isinstance(waarde, list) and waarde and isinstance(waarde[0], BaseModel):
            for i, kind in enumerate(waarde):
                yield from _opgegeven_paden(kind, f"{hier}[{i}]")
        else:
            yield hier
