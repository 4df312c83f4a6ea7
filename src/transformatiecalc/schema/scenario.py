"""The whole scenario: sections, cross-references and effective values.

After field validation, :meth:`Scenario._kruisverwijzingen` checks every reference
(eigenaar, exploitant, functie, ingreep) and every rule that spans sections, and
reports *all* violations at once, each at its own path. Then :meth:`_maak_effectief`
fills every default that depends on another value (a partij's rates, a functie's BTW
treatment, a pand's inbrengwaarde …), so the validated model is the complete set of
effective parameters: what the engine uses and what the results echo.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from pydantic import BaseModel, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from ..fouten import pad_tekst
from .analyse import Onzekerheid, Variant
from .basis import Geheel, Jaartal, Model, Tekst
from .fondsen import RANG_STANDAARD, Fonds
from .functies import BTW_VERREKENBAAR_STANDAARD, WONING_SOORTEN, Functie, Huurwoning
from .grenzen import Vrij, grensfouten, grenzen_op, verdelingsfout, vrij_en_fouten
from .markt import Conventies, Kosten, Markt
from .paden import PadFout, Stap, getal_op, ontleed, overlap_tekst, overlappen, zoek
from .panden import Pand
from .partijen import Partij
from .verevening import Project, Verevening

_SOORT_VERWIJZING = {  # section → (what one item is called, its demonstrative)
    "partijen": ("partij", "die"),
    "functies": ("functie", "die"),
    "kosten.per_m2_bvo": ("ingreep", "die"),
    "panden": ("pand", "dat"),
    "instrumenten": ("instrument", "dat"),
    "gebieden": ("gebied", "dat"),
}
_SLEUTEL = re.compile(r"^[a-z][a-z0-9_]*$")
#: Top-level keys a variant or distribution cannot address.
_NIET_TE_WIJZIGEN = frozenset({"varianten", "onzekerheid", "erft_van"})
_PAND_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]*$")


def suggestie(waarde: str, opties: Iterable[str]) -> str:
    """ " (bedoelde je 'x'?)" for a close match among `opties`, else ''."""
    treffers = difflib.get_close_matches(waarde, list(opties), n=1, cutoff=0.6)
    return f" (bedoelde je '{treffers[0]}'?)" if treffers else ""


def _opsomming(opties: Iterable[str]) -> str:
    lijst = sorted(opties)
    return ", ".join(lijst) if lijst else "(geen)"


class Scenario(Model):
    """A scenario file (docs/scenario.md). Validated, it holds every effective parameter."""

    naam: Tekst = Field(..., description="Naam van het scenario.")
    beschrijving: str = Field("", description="Toelichting.")
    erft_van: Tekst | None = Field(
        None,
        description=(
            "Pad (relatief aan dit bestand) van een basisscenario (.yaml) waarvan dit bestand "
            "erft; mappings worden samengevoegd, lijsten vervangen, behalve panden: die worden "
            "per id samengevoegd. Wordt bij het laden opgelost. Het basisbestand moet in de map "
            "van dit scenario, de werkmap of een map daaronder staan (of in een map die je met "
            "--toegang toestaat); zie README, Foutmeldingen."
        ),
    )
    startjaar: Jaartal = Field(
        ..., description="Jaar t = 0: de peildatum van alle contante waarden."
    )
    prijspeil: Jaartal | None = Field(
        None, description="Jaar waarin de bedragen zijn uitgedrukt; standaard het startjaar."
    )
    horizon: Geheel = Field(
        30, ge=1, le=100, description="Aantal jaren na het startjaar dat wordt doorgerekend."
    )
    markt: Markt = Field(default_factory=Markt, description="Marktaannames.")
    conventies: Conventies = Field(default_factory=Conventies, description="Rekenconventies.")
    kosten: Kosten = Field(..., description="Bouwkosten en opslagen.")
    partijen: dict[str, Partij] = Field(..., min_length=1, description="Eigenaren en exploitanten.")
    functies: dict[str, Functie] = Field(
        ..., min_length=1, description="Functies van het programma."
    )
    panden: list[Pand] = Field(..., min_length=1, description="De panden.")
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

    @property
    def gemeente(self) -> str | None:
        """The first partij of soort gemeente (its rate is the default for public money)."""
        return next((k for k, p in self.partijen.items() if p.soort == "gemeente"), None)

    def is_opgegeven(self, pad: str) -> bool:
        """Did the file give this value (``markt.btw``, ``panden[0].huidig.boekwaarde``),
        rather than it being a default or derived from another value?"""
        return pad in self._opgegeven

    @model_validator(mode="after")
    def _kruisverwijzingen(self) -> Scenario:
        fouten = list(self._controleer())
        if fouten:
            raise ValidationError.from_exception_data("Scenario", fouten)
        self._opgegeven = frozenset(_opgegeven_paden(self, ""))
        self._maak_effectief()
        vrij, fouten_vrij = vrij_en_fouten(self, self.conventies.ruime_grenzen)
        fouten = [
            *(_fout(loc, tekst) for loc, tekst in fouten_vrij),
            *(_fout(loc, tekst, "grens") for loc, tekst in grensfouten(self, vrij)),
            *self._controleer_paden(vrij),
        ]
        if fouten:
            raise ValidationError.from_exception_data("Scenario", fouten)
        return self

    def _controleer_paden(self, vrij: Vrij) -> Iterable[InitErrorDetails]:
        """Every path of varianten and onzekerheid exists in the effective scenario and is
        named once; every distribution stays within its target's ranges (schema.grenzen)."""
        fout = _fout

        def eigen_sectie(pad: str) -> str | None:
            try:
                eerste = ontleed(pad)[0]
            except PadFout:
                return None
            return str(eerste) if eerste in _NIET_TE_WIJZIGEN else None

        namen: dict[str, int] = {}
        for i, variant in enumerate(self.varianten):
            if variant.naam in namen:
                yield fout(
                    ("varianten", i, "naam"),
                    f"de variant '{variant.naam}' bestaat al (varianten[{namen[variant.naam]}])",
                )
            namen.setdefault(variant.naam, i)
            gevonden: list[tuple[str, tuple[Stap, ...]]] = []
            for pad in variant.wijzig:
                sectie = eigen_sectie(pad)
                try:
                    if sectie is not None:
                        raise PadFout(f"'{sectie}' kan een variant niet wijzigen")
                    gevonden.append((pad, zoek(self, pad)[0]))
                except PadFout as e:
                    yield fout(("varianten", i, "wijzig", pad), str(e))
            yield from _dubbel(gevonden, ("varianten", i, "wijzig"))
        o = self.onzekerheid
        if o is None:
            return
        getallen: list[tuple[str, tuple[Stap, ...]]] = []
        for pad, verdeling in o.parameters.items():
            try:
                if eigen_sectie(pad) is not None:
                    raise PadFout(f"'{eigen_sectie(pad)}' is geen onzekere parameter")
                stappen = getal_op(self, pad)[0]
            except PadFout as e:
                yield fout(("onzekerheid", "parameters", pad), str(e))
                continue
            getallen.append((pad, stappen))
            tekst = verdelingsfout(
                grenzen_op(self, stappen), *verdeling.bereik(), verdeling.toelichting, vrij(stappen)
            )
            if tekst is not None:
                yield fout(("onzekerheid", "parameters", pad), tekst)
        yield from _dubbel(getallen, ("onzekerheid", "parameters"))
        paren: set[frozenset[str]] = set()
        for i, c in enumerate(o.correlaties):
            a, b = c.tussen
            for pad in (a, b):
                if pad not in o.parameters:
                    yield fout(
                        ("onzekerheid", "correlaties", i, "tussen"),
                        f"'{pad}' staat niet onder onzekerheid.parameters"
                        + suggestie(pad, o.parameters),
                    )
            if a == b:
                yield fout(
                    ("onzekerheid", "correlaties", i, "tussen"),
                    "een correlatie verbindt twee verschillende parameters",
                )
            elif frozenset((a, b)) in paren:
                yield fout(
                    ("onzekerheid", "correlaties", i, "tussen"),
                    f"de correlatie tussen '{a}' en '{b}' staat er al",
                )
            paren.add(frozenset((a, b)))
        if o.correlaties and min(np.linalg.eigvalsh(o.correlatiematrix())) < -1e-10:
            yield fout(
                ("onzekerheid", "correlaties"),
                "deze correlaties passen niet samen in één correlatiematrix (niet positief "
                "semidefiniet): verklein de sterkste of spreek ze niet tegen",
            )

    # ------------------------------------------------------------------ checks
    def _controleer(self) -> Iterable[InitErrorDetails]:
        def fout(loc: tuple[str | int, ...], code: str, tekst: str, **ctx: Any) -> InitErrorDetails:
            return InitErrorDetails(type=PydanticCustomError(code, tekst, ctx), loc=loc, input=None)

        def verwijzing(
            loc: tuple[str | int, ...], waarde: str, sectie: str, bestaand: Iterable[str]
        ) -> Iterable[InitErrorDetails]:
            """An error naming both ends when `waarde` is not a key of `sectie`."""
            bestaand = list(bestaand)
            if waarde in bestaand:
                return
            # the field's own name, also for an item of a list ('volgorde', not '0') or a key
            # of a mapping ('beginsaldo', not the gebied itself)
            veld = next((str(x) for x in reversed(loc) if isinstance(x, str) and x != waarde), "")
            if " of " in sectie:  # e.g. verevening.toewijzing.volgorde: a functie or a pand
                tekst = "{veld} '{w}' is geen {sectie}{hint}; gedefinieerd: {opties}"
                wat, die = "", ""
            elif sectie == "gebieden":  # a gebied exists through the panden that lie in it
                tekst = (
                    "{veld} '{w}': geen enkel pand ligt in dat gebied{hint}; "
                    "gebieden van de panden: {opties}"
                )
                wat, die = "", ""
            else:
                tekst = (
                    "{veld} '{w}' verwijst naar {sectie}.{w}, maar {die} {wat} bestaat "
                    "niet{hint}; gedefinieerd: {opties}"
                )
                wat, die = _SOORT_VERWIJZING[sectie]
            yield fout(
                loc,
                "onbekende_verwijzing",
                tekst,
                veld=veld,
                w=waarde,
                sectie=sectie,
                wat=wat,
                die=die,
                opties=_opsomming(bestaand),
                hint=suggestie(waarde, bestaand),
            )

        ingrepen = self.kosten.per_m2_bvo
        for sectie, sleutels in (
            (("partijen",), self.partijen),
            (("functies",), self.functies),
            (("kosten", "per_m2_bvo"), ingrepen),
        ):
            for sleutel in sleutels:
                if not _SLEUTEL.fullmatch(sleutel):
                    yield fout(
                        (*sectie, sleutel),
                        "sleutel_vorm",
                        "de naam '{s}' moet met een kleine letter beginnen en mag alleen kleine "
                        "letters, cijfers en _ bevatten",
                        s=sleutel,
                    )

        eerste: dict[str, int] = {}
        laatste_jaar = self.startjaar + self.horizon
        for i, pand in enumerate(self.panden):
            if not _PAND_ID.fullmatch(pand.id):
                yield fout(
                    ("panden", i, "id"),
                    "pand_id_vorm",
                    "pand-id '{id}' mag alleen letters, cijfers, - en _ bevatten",
                    id=pand.id,
                )
            if pand.id in eerste:
                yield fout(
                    ("panden", i, "id"),
                    "pand_dubbel",
                    "pand-id '{id}' komt al voor bij panden[{j}]",
                    id=pand.id,
                    j=eerste[pand.id],
                )
            else:
                eerste[pand.id] = i
            tr = pand.transformatie
            yield from verwijzing(
                ("panden", i, "eigenaar"), pand.eigenaar, "partijen", self.partijen
            )
            if tr.exploitant is not None:
                yield from verwijzing(
                    ("panden", i, "transformatie", "exploitant"),
                    tr.exploitant,
                    "partijen",
                    self.partijen,
                )
            yield from verwijzing(
                ("panden", i, "transformatie", "ingreep"), tr.ingreep, "kosten.per_m2_bvo", ingrepen
            )
            if tr.start < self.startjaar:
                yield fout(
                    ("panden", i, "transformatie", "start"),
                    "start_te_vroeg",
                    "start {s} ligt vóór het startjaar van het scenario ({j})",
                    s=tr.start,
                    j=self.startjaar,
                )
            elif tr.start + tr.bouwtijd > laatste_jaar:
                yield fout(
                    ("panden", i, "transformatie", "start"),
                    "oplevering_na_horizon",
                    "oplevering in {o} (start {s} + bouwtijd {b}) valt na de horizon "
                    "({j} + {h} = {e}); verhoog horizon",
                    o=tr.start + tr.bouwtijd,
                    s=tr.start,
                    b=tr.bouwtijd,
                    j=self.startjaar,
                    h=self.horizon,
                    e=laatste_jaar,
                )
            for k, regel in enumerate(tr.programma):
                basis: tuple[str | int, ...] = ("panden", i, "transformatie", "programma", k)
                if regel.ingreep is not None:
                    yield from verwijzing(
                        (*basis, "ingreep"), regel.ingreep, "kosten.per_m2_bvo", ingrepen
                    )
                functie = self.functies.get(regel.functie)
                if functie is None:
                    yield from verwijzing(
                        (*basis, "functie"), regel.functie, "functies", self.functies
                    )
                    continue
                if functie.soort in WONING_SOORTEN:
                    if regel.woningen is None:
                        yield fout(
                            basis,
                            "woningen_ontbreekt",
                            "functie '{f}' is een {soort}: geef het aantal woningen",
                            f=regel.functie,
                            soort=functie.soort,
                        )
                else:
                    if regel.woningen is not None:
                        yield fout(
                            (*basis, "woningen"),
                            "woningen_niet_toegestaan",
                            "functie '{f}' is {soort} en telt in m²: geef bvo, geen woningen",
                            f=regel.functie,
                            soort=functie.soort,
                        )
                    elif regel.bvo is None:
                        yield fout(
                            basis,
                            "bvo_ontbreekt",
                            "functie '{f}' is {soort}: geef het bvo in m²",
                            f=regel.functie,
                            soort=functie.soort,
                        )

        # ---- projecten, verevening, fondsen (METHODE §6–7)
        pand_ids = list(eerste)
        eigenaar_van = {p.id: p.eigenaar for p in self.panden}
        in_project: dict[str, str] = {}
        project_ids: set[str] = set()
        for i, project in enumerate(self.projecten):
            loc: tuple[str | int, ...] = ("projecten", i)
            if project.id in project_ids:
                yield fout(
                    (*loc, "id"), "project_dubbel", "project-id '{id}' komt al voor", id=project.id
                )
            project_ids.add(project.id)
            for k, pid in enumerate(project.panden):
                if pid not in eerste:
                    yield from verwijzing((*loc, "panden", k), pid, "panden", pand_ids)
                elif pid in in_project:
                    yield fout(
                        (*loc, "panden", k),
                        "pand_in_twee_projecten",
                        "pand '{p}' zit al in project '{q}'; een pand hoort bij ten hoogste één "
                        "project",
                        p=pid,
                        q=in_project[pid],
                    )
                else:
                    in_project[pid] = project.id
            if isinstance(project.verdeling, dict):
                eigenaren = {eigenaar_van[p] for p in project.panden if p in eigenaar_van}
                for eig in project.verdeling:
                    if eig not in eigenaren:
                        yield fout(
                            (*loc, "verdeling", eig),
                            "verdeling_eigenaar",
                            "'{e}' is geen eigenaar van een pand in dit project; eigenaren: {o}",
                            e=eig,
                            o=_opsomming(eigenaren),
                        )
                for eig in sorted(eigenaren - set(project.verdeling)):
                    yield fout(
                        (*loc, "verdeling"),
                        "verdeling_onvolledig",
                        "eigenaar '{e}' heeft een pand in dit project maar geen aandeel in verdeling",
                        e=eig,
                    )

        gebieden = {p.gebied for p in self.panden}
        draagt_verevening = [
            f.naam
            for f in self.fondsen
            if f.toewijzing.volgorde_instrumenten
            and "verevening" in f.toewijzing.volgorde_instrumenten
        ]
        if self.verevening is not None:
            vv = self.verevening
            klassen = [*self.functies, *pand_ids]
            for k, naam in enumerate(vv.toewijzing.volgorde):
                yield from verwijzing(
                    ("verevening", "toewijzing", "volgorde", k), naam, "functie of pand", klassen
                )
            for gebied in vv.beginsaldo:
                yield from verwijzing(
                    ("verevening", "beginsaldo", gebied), gebied, "gebieden", gebieden
                )
        elif draagt_verevening:
            yield fout(
                ("fondsen",),
                "verevening_ontbreekt",
                "fonds '{f}' noemt 'verevening' in volgorde_instrumenten, maar het scenario heeft "
                "geen sectie verevening",
                f=draagt_verevening[0],
            )
        if len(draagt_verevening) > 1:
            yield fout(
                ("fondsen",),
                "verevening_twee_fondsen",
                "alleen één fonds kan de verevening voorfinancieren; nu doen {f} het",
                f=" en ".join(draagt_verevening),
            )

        fondsnamen: set[str] = set()
        for i, fonds in enumerate(self.fondsen):
            loc = ("fondsen", i)
            if fonds.naam in fondsnamen:
                yield fout(
                    (*loc, "naam"), "fonds_dubbel", "fondsnaam '{n}' komt al voor", n=fonds.naam
                )
            fondsnamen.add(fonds.naam)
            tranchenamen: set[str] = set()
            for k, tranche in enumerate(fonds.tranches):
                if tranche.naam in tranchenamen:
                    yield fout(
                        (*loc, "tranches", k, "naam"),
                        "tranche_dubbel",
                        "tranche '{n}' komt al voor in dit fonds",
                        n=tranche.naam,
                    )
                tranchenamen.add(tranche.naam)
                if tranche.jaar is not None and not (
                    self.startjaar <= tranche.jaar <= laatste_jaar
                ):
                    yield fout(
                        (*loc, "tranches", k, "jaar"),
                        "jaar_buiten_horizon",
                        "jaar {j} ligt buiten de horizon ({a}–{b})",
                        j=tranche.jaar,
                        a=self.startjaar,
                        b=laatste_jaar,
                    )
            namen: list[str] = []
            for k, instrument in enumerate(fonds.instrumenten):
                iloc: tuple[str | int, ...] = (*loc, "instrumenten", k)
                naam = instrument.naam or instrument.soort
                if naam in namen:
                    yield fout(
                        (*iloc, "naam") if instrument.naam else iloc,
                        "instrument_dubbel",
                        "instrument '{n}' komt al voor in dit fonds; geef elk instrument een "
                        "eigen naam",
                        n=naam,
                    )
                namen.append(naam)
                for m, sleutel in enumerate(instrument.voor.functies):
                    yield from verwijzing(
                        (*iloc, "voor", "functies", m), sleutel, "functies", self.functies
                    )
                for m, pid in enumerate(instrument.voor.panden):
                    yield from verwijzing((*iloc, "voor", "panden", m), pid, "panden", pand_ids)
            tw = fonds.toewijzing
            for m, pid in enumerate(tw.prioriteit):
                yield from verwijzing(
                    (*loc, "toewijzing", "prioriteit", m), pid, "panden", pand_ids
                )
            for m, naam in enumerate(tw.volgorde_instrumenten or []):
                vloc = (*loc, "toewijzing", "volgorde_instrumenten", m)
                if naam == "verevening":
                    if m != 0:
                        yield fout(
                            vloc,
                            "verevening_vooraan",
                            "'verevening' kan alleen als eerste in de volgorde staan",
                        )
                    continue
                yield from verwijzing(vloc, naam, "instrumenten", [*namen, "verevening"])

    # ------------------------------------------------------- effective values
    def _maak_effectief(self) -> None:
        """Fill every default that depends on another value (idempotent)."""
        if self.prijspeil is None:
            self.prijspeil = self.startjaar
        kk = self.markt.kosten_koper.totaal
        if self.kosten.verwervingskosten is None:
            self.kosten.verwervingskosten = kk
        for sleutel, partij in self.partijen.items():
            if partij.naam is None:
                partij.naam = sleutel
            if partij.disconteringsvoet is None:
                partij.disconteringsvoet = self.markt.disconteringsvoet
            if partij.rendementseis is None:
                partij.rendementseis = partij.disconteringsvoet
            if partij.ak is None:
                partij.ak = self.kosten.ak
            if partij.wr is None:
                partij.wr = self.kosten.wr
        for sleutel, functie in self.functies.items():
            if functie.naam is None:
                functie.naam = sleutel.replace("_", " ")
            if functie.btw_verrekenbaar is None:
                functie.btw_verrekenbaar = BTW_VERREKENBAAR_STANDAARD[functie.soort]
            waardering = getattr(functie, "waardering", None)
            if waardering is not None and waardering.kosten_koper is None:
                waardering.kosten_koper = kk
            if hasattr(functie, "betaalbaar") and functie.betaalbaar is None:
                functie.betaalbaar = (
                    isinstance(functie, Huurwoning)
                    and functie.betaalbare_huur_per_maand is not None
                    and functie.huur_per_maand <= functie.betaalbare_huur_per_maand
                )
        for pand in self.panden:
            h = pand.huidig
            if h.inbrengwaarde is None:
                if h.marktwaarde is not None:
                    h.inbrengwaarde = h.marktwaarde
                else:
                    assert h.huur_per_jaar is not None and h.bar is not None  # checked in Huidig
                    h.inbrengwaarde = h.huur_per_jaar / h.bar
            if h.boekwaarde is None:
                h.boekwaarde = h.inbrengwaarde
            tr = pand.transformatie
            if tr.exploitant is None:
                tr.exploitant = pand.eigenaar
            if tr.kostenverdeling is None:
                tr.kostenverdeling = [1.0 / tr.bouwtijd] * tr.bouwtijd
            for regel in tr.programma:
                if regel.ingreep is None:
                    regel.ingreep = tr.ingreep
                functie = self.functies[regel.functie]
                if regel.bvo is None and regel.woningen is not None:
                    regel.bvo = regel.woningen * functie.bvo_per_woning  # type: ignore[union-attr]
        for project in self.projecten:
            if project.naam is None:
                project.naam = project.id
        if self.markt.disconteringsvoet_publiek is None:
            gemeente = self.gemeente
            self.markt.disconteringsvoet_publiek = (
                self.partijen[gemeente].disconteringsvoet
                if gemeente is not None
                else self.markt.disconteringsvoet
            )
        for fonds in self.fondsen:
            if fonds.disconteringsvoet is None:
                fonds.disconteringsvoet = self.markt.disconteringsvoet_publiek
            for tranche in fonds.tranches:
                if tranche.jaar is None:
                    tranche.jaar = self.startjaar
                if tranche.rang is None:
                    tranche.rang = RANG_STANDAARD[tranche.soort]
                if tranche.publiek is None:
                    tranche.publiek = tranche.soort == "subsidie"
                if tranche.soort == "lening":
                    if tranche.rente is None:
                        tranche.rente = 0.0
                    if tranche.aflossing is None:
                        tranche.aflossing = "ineens"
            for instrument in fonds.instrumenten:
                if instrument.naam is None:
                    instrument.naam = instrument.soort
                if instrument.soort == "lening" and instrument.marktrente is None:
                    instrument.marktrente = self.markt.bouwrente
            if fonds.toewijzing.volgorde_instrumenten is None:
                fonds.toewijzing.volgorde_instrumenten = [
                    i.naam for i in fonds.instrumenten if i.naam is not None
                ]


def _fout(loc: tuple[str | int, ...], tekst: str, code: str = "pad") -> InitErrorDetails:
    """A located error with a ready Dutch text (code 'pad' points at the key, else the value)."""
    return InitErrorDetails(
        type=PydanticCustomError(code, "{tekst}", {"tekst": tekst}), loc=loc, input=None
    )


def _dubbel(
    paden: list[tuple[str, tuple[Stap, ...]]], waar: tuple[str | int, ...]
) -> Iterator[InitErrorDetails]:
    """An error at each path that names the same value as an earlier one, naming both."""
    for j, i in overlappen(paden):
        (pad, stappen), (eerder, eerdere) = paden[j], paden[i]
        plek = pad_tekst((*waar, eerder))
        yield _fout((*waar, pad), overlap_tekst(pad, stappen, eerder, eerdere, plek))


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
