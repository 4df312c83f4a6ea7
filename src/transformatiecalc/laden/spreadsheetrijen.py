"""The rows of a ``panden_uit`` spreadsheet turned into located panden: per sheet the
headers as key paths, each row a :class:`.PMap` whose values stand at their cell, the
programme rows added to their pand; every refusal collected as a located message."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ..fouten import Celplek, Melding, ScenarioFout, kolomletter, kort
from ..getallen import duizendtallen
from ..schema.panden import Pand, ProgrammaRegel
from ..schema.regels.hulp import suggestie
from .celwaarden import Doel, Dubbelzinnig, Stap, kopstappen, uit_tekst, veld_doel
from .plekken import OnleesbareCel, Plek, PLijst, PMap

#: Sheet names of an .xlsx (and of the companion CSV, ``<naam>.programma.csv``).
BLAD_PANDEN, BLAD_PROGRAMMA = "Panden", "Programma"
#: The column of a programme row that names its pand.
KOLOM_PAND = "pand"
#: Longest column header read as a key path (the schema's longest is some 50 characters).
MAX_KOPLENGTE = 200

Rij = tuple[int, list[Any]]  # (row number, 1-based; the cells)
Blad = tuple[list[Any], list[Rij], set[tuple[int, int]]]  # header, rows, formulas without value


class Omzetting:
    """Turns the sheets' rows into located panden, collecting every refusal."""

    def __init__(
        self, bestand: str, xlsx: bool, plek: Plek, bestanden: dict[str, str] | None = None
    ) -> None:
        self.bestand = bestand
        self.xlsx = xlsx
        self.plek = plek
        #: per sheet the file it came from, if not `bestand` (panden.programma.csv)
        self.bestanden = bestanden or {}
        self.fouten: list[Melding] = []

    def blad(self, blad: str) -> str | None:
        return blad if self.xlsx else None

    def cel(self, blad: str, kop: str | None, rij: int, kolom: int) -> Plek:
        bestand = self.bestanden.get(blad, self.bestand)
        return (Celplek(bestand, self.blad(blad), kop), rij, kolom)

    def fout(self, plek: Plek, pad: str, tekst: str, code: str) -> None:
        self.fouten.append(Melding(*plek, pad, tekst, code))

    def panden(self, bladen: dict[str, Blad]) -> PLijst:
        kop, rijen, leeg = bladen[BLAD_PANDEN]
        lijst = PLijst(self.cel(BLAD_PANDEN, None, 1, 1))
        koppen = self.koppen(BLAD_PANDEN, kop, Pand, set())
        per_id: dict[str, int] = {}
        for rij, cellen in rijen:
            pand = self.rij(BLAD_PANDEN, rij, cellen, koppen, leeg, f"panden[{len(lijst)}]")
            if pand is None or self.dubbel(pand, per_id, lijst):
                continue
            if isinstance(pand.get("id"), str):
                per_id[pand["id"]] = len(lijst)
            lijst.voeg_toe(pand, pand.plek)
        if BLAD_PROGRAMMA in bladen:
            self.programma(bladen[BLAD_PROGRAMMA], lijst, per_id)
        if not lijst:
            blad = f"blad {BLAD_PANDEN} van " if self.xlsx else ""
            tekst = f"{blad}'{Path(self.bestand).name}' heeft geen panden"
            raise ScenarioFout(
                [*self.fouten, Melding(*self.plek, "panden_uit", tekst, "panden_uit.geen_panden")]
            )
        return lijst

    def dubbel(self, pand: PMap, per_id: dict[str, int], lijst: PLijst) -> bool:
        """Whether the id of `pand` is one an earlier row has: then it is reported, naming
        both rows, and the row is left out (its programme rows would go to the first)."""
        id_ = pand.get("id")
        if not isinstance(id_, str) or id_ not in per_id:
            return False
        eerste = lijst.plekken[per_id[id_]][1]
        self.fout(
            pand.waardeplek["id"],
            "",
            f"pand-id '{kort(id_)}' komt al voor in rij {eerste}; geef elk pand een eigen id",
            "pand.id_dubbel",
        )
        return True

    def koppen(
        self, blad: str, kop: list[Any], model: type[BaseModel], eigen: set[str]
    ) -> list[tuple[str, tuple[Stap, ...], Doel] | None]:
        """Per column its header, key path and kind of value (None: an empty column)."""
        uit: list[tuple[str, tuple[Stap, ...], Doel] | None] = []
        gezien: dict[str, int] = {}
        for k, naam in enumerate(kop, start=1):
            tekst = "" if naam is None else str(naam).strip()
            if not tekst:
                uit.append(None)
                continue
            plek = self.cel(blad, tekst, 1, k)
            stappen = kopstappen(tekst) if len(tekst) <= MAX_KOPLENGTE else None
            if tekst in gezien:
                self.fout(
                    plek,
                    "",
                    f"de kolomkop '{kort(tekst)}' komt twee keer voor (ook in kolom "
                    f"{kolomletter(gezien[tekst])})",
                    "panden_uit.kop_dubbel",
                )
            elif len(tekst) > MAX_KOPLENGTE:
                self.fout(
                    plek,
                    "",
                    f"de kolomkop '{kort(tekst)}' is {duizendtallen(len(tekst))} tekens lang; een sleutelpad "
                    f"is hoogstens {MAX_KOPLENGTE} tekens",
                    "panden_uit.kop_ongeldig",
                )
            elif stappen is None:
                self.fout(
                    plek,
                    "",
                    f"de kolomkop '{kort(tekst)}' is geen sleutelpad (zoals "
                    "huidig.marktwaarde of transformatie.programma[0].functie)",
                    "panden_uit.kop_ongeldig",
                )
            gezien.setdefault(tekst, k)
            doel = "tekst" if tekst in eigen else veld_doel(model, stappen) if stappen else None
            uit.append((tekst, stappen or (), doel))
        return uit

    def rij(
        self,
        blad: str,
        rij: int,
        cellen: list[Any],
        koppen: list[tuple[str, tuple[Stap, ...], Doel] | None],
        leeg: set[tuple[int, int]],
        pad: str,
    ) -> PMap | None:
        """One row as a located mapping (None for an empty row)."""
        uit = PMap(self.cel(blad, None, rij, 1))
        for k, ruw in enumerate(cellen, start=1):
            kop = koppen[k - 1] if k <= len(koppen) else None
            if ruw is None and (rij, k) in leeg:
                plek = self.cel(blad, kop[0] if kop else None, rij, k)
                self.fout(
                    plek,
                    f"{pad}.{kop[0]}" if kop else pad,
                    "de cel bevat een formule zonder berekende waarde; open het bestand in "
                    "Excel of LibreOffice en sla het op, of vul de waarde zelf in",
                    "panden_uit.formule_zonder_waarde",
                )
                if kop and kop[1]:  # not absent: no rule may miss it
                    self.zet(uit, kop[1], OnleesbareCel(), plek, f"{pad}.{kop[0]}")
                continue
            if ruw is None or (isinstance(ruw, str) and not ruw.strip()):
                continue
            if kop is None:
                self.fout(
                    self.cel(blad, None, rij, k),
                    pad,
                    "een waarde in een kolom zonder kop; geef de kolom een kop (een sleutelpad)",
                    "panden_uit.kop_ongeldig",
                )
                continue
            tekst, stappen, doel = kop
            if not stappen:
                continue  # the header's own error is reported once
            plek = self.cel(blad, tekst, rij, k)
            waarde = self.waarde(ruw, doel, plek, f"{pad}.{tekst}")
            self.zet(uit, stappen, waarde, plek, f"{pad}.{tekst}")
        return uit if uit else None

    def waarde(self, ruw: Any, doel: Doel, plek: Plek, pad: str) -> Any:
        """A cell's value as the YAML would have written it, guided by the key's type."""
        if isinstance(ruw, str):
            try:
                return uit_tekst(ruw, doel)
            except Dubbelzinnig as fout:
                self.fout(plek, pad, str(fout), f"panden_uit.{fout.soort}")
                return OnleesbareCel()
        if isinstance(ruw, bool):
            return ruw
        if isinstance(ruw, int | float) and doel == "tekst":
            return str(int(ruw)) if float(ruw).is_integer() else str(ruw)
        if isinstance(ruw, float) and ruw.is_integer() and abs(ruw) < 2**53:
            return int(ruw)
        return ruw

    def zet(
        self, wortel: PMap, stappen: tuple[Stap, ...], waarde: Any, plek: Plek, pad: str
    ) -> None:
        """Put `waarde` (at `plek`) at `stappen` below the row `wortel`; a mapping or list
        made on the way stands at the row (a missing key in it is the row's problem)."""
        rij = wortel.plek
        hier: Any = wortel
        for i, stap in enumerate(stappen):
            laatste = i == len(stappen) - 1
            volgende = None if laatste else stappen[i + 1]
            if isinstance(stap, int):
                if not isinstance(hier, PLijst):
                    break
                if stap > len(hier):
                    self.fout(
                        plek,
                        pad,
                        f"[{stap}] zonder [{len(hier)}]: vul de lijst vanaf [0] zonder gaten",
                        "panden_uit.kop_ongeldig",
                    )
                    return
                if stap == len(hier):
                    nieuw = (
                        waarde
                        if laatste
                        else PLijst(rij)
                        if isinstance(volgende, int)
                        else PMap(rij)
                    )
                    hier.voeg_toe(nieuw, plek if laatste else rij)
                hier = hier[stap]
                continue
            if not isinstance(hier, PMap):
                break
            if laatste:
                hier.zet(stap, waarde, plek, plek)
                return
            if stap not in hier:
                nieuw = PLijst(rij) if isinstance(volgende, int) else PMap(rij)
                hier.zet(stap, nieuw, plek, rij)
            hier = hier[stap]

    def programma(self, blad: Blad, panden: PLijst, per_id: dict[str, int]) -> None:
        kop, rijen, leeg = blad
        koppen = self.koppen(BLAD_PROGRAMMA, kop, ProgrammaRegel, {KOLOM_PAND})
        if not any(k is not None and k[0] == KOLOM_PAND for k in koppen):
            self.fout(
                self.cel(BLAD_PROGRAMMA, None, 1, 1),
                "",
                f"blad {BLAD_PROGRAMMA} heeft geen kolom '{KOLOM_PAND}' (de id van het pand)",
                "panden_uit.kop_ongeldig",
            )
            return
        for rij, cellen in rijen:
            regel = self.rij(BLAD_PROGRAMMA, rij, cellen, koppen, leeg, "programma")
            if regel is None:
                continue
            pand = regel.pop(KOLOM_PAND, None)
            if pand is None:
                self.fout(
                    regel.plek,
                    "",
                    f"programmaregel zonder pand: vul de kolom '{KOLOM_PAND}' "
                    "met de id van een pand",
                    "panden_uit.pand_onbekend",
                )
                continue
            plek = regel.waardeplek.pop(KOLOM_PAND)
            regel.sleutelplek.pop(KOLOM_PAND)
            if pand not in per_id:
                self.fout(
                    plek,
                    "",
                    f"programmaregel voor pand '{kort(str(pand))}', dat niet op blad "
                    f"{BLAD_PANDEN} staat{suggestie(str(pand), list(per_id))}",
                    "panden_uit.pand_onbekend",
                )
                continue
            ouder = panden[per_id[pand]]
            if "transformatie" not in ouder:
                ouder.zet("transformatie", PMap(ouder.plek), ouder.plek, ouder.plek)
            transformatie = ouder["transformatie"]
            if not isinstance(transformatie, PMap):
                continue
            if "programma" not in transformatie:
                transformatie.zet("programma", PLijst(regel.plek), regel.plek, regel.plek)
            lijst = transformatie["programma"]
            if isinstance(lijst, PLijst):
                lijst.voeg_toe(regel, regel.plek)
