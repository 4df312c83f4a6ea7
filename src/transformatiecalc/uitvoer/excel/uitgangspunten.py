"""Sheet 'Uitgangspunten': every effective parameter, on one sheet.

Values the file gave are input cells (yellow); defaults are input cells in grey italics;
defaults derived from another value (a partij's disconteringsvoet from the market's,
a pand's boekwaarde from its inbrengwaarde, the spread of the bouwkosten from the
bouwtijd …) are live formulas, so changing the source changes them too. Input cells are
the only unlocked cells of the protected sheet, each guarded like the YAML
(bewaking.py). A value the workbook cannot recalculate from — one that sets its layout
(horizon, a functie's soort, a pand's ingreep), one only the portfolio uses (verevening
and fondsen are values) or one for information only — is locked, in grey, with a note
saying why. Scalar parameters are defined names (``markt_disconteringsvoet``,
``ingreep_transformatie_zwaar`` …) that the calculation sheets use; table cells are
referenced by address. Every cell records the scenario path it shows, so a test can
check that no effective parameter is missing.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...resultaat import huurindexatie_per_segment, huurplafonds_per_segment
from ...schema import Scenario
from ...schema.functies import Huurwoning, Koopwoning, M2Functie
from ...schema.grenzen import grenzen_van
from ...schema.panden import Transformatie
from ...schema.regels.codes import CODES
from .bewaking import (
    Bewaking,
    Regel,
    grenstekst,
    keuzes,
    regel_voor,
    stappen,
    vastregel,
    veldtype,
)
from .blad import MAX_TEKST, Blad, Namen, cel, geldige_naam

BLAD = "Uitgangspunten"
MAX_BOUWJAREN = 10

#: Why a value is locked (the note on the cell, and the herkomst of a parameter row).
STRUCTUUR = (
    "Vast: bepaalt de opbouw van het werkboek (welke formules, regels of kolommen er "
    "staan). Wijzig dit in het scenario en exporteer opnieuw."
)
PORTEFEUILLE = (
    "Vast: geldt alleen voor verevening en fondsen, die als waarden in het werkboek "
    "staan (algoritmen, geen formules). Wijzig dit in het scenario en exporteer opnieuw."
)
INFORMATIE = "Vast: ter informatie; de berekening gebruikt deze waarde niet."
HUURRECHT = (
    "Vast: de rekenkern leidt hieruit de WWS-punten, de maximale huur en de huurindexatie per "
    "programmaregel af (METHODE §2a); die staan als waarden op Functies. Wijzig dit in het "
    "scenario en exporteer opnieuw."
)
PRIJSPEIL_HUURRECHT = (
    "Vast: het prijspeil kiest de huurprijstabel waaruit de rekenkern de maximale huren "
    "haalt (METHODE §2a); die staan als waarden op Functies. Wijzig dit in het scenario en "
    "exporteer opnieuw."
)
ANALYSE = (
    "Vast: geldt voor vergelijk, gevoelig en onzeker, die een eigen werkboek schrijven. "
    "Wijzig dit in het scenario."
)


@dataclass(frozen=True)
class Kaartregel:
    """One cell of this sheet as the workbook wrote it, for reading it back
    (:mod:`.invoerkaart`, ``uit-werkboek``): its place (0-based), the scenario path it
    shows (`weg`: the path as steps when a key may hold a dot), what kind of cell it is
    (``invoer``, ``standaard``, ``afgeleid``: a formula one may overwrite, ``vast`` with
    its `reden`, ``formule``: locked) and the value written in it."""

    rij: int
    kolom: int
    pad: str
    soort: str
    waarde: Any
    weg: tuple[str | int, ...] | None = None
    reden: str | None = None


@dataclass
class Invoercellen:
    """Where each input stands (absolute addresses on this sheet) and which paths are shown;
    `kaart`: every value cell with its path and original value (see :class:`Kaartregel`)."""

    partij: dict[tuple[str, str], str] = field(default_factory=dict)
    functie: dict[tuple[str, str], str] = field(default_factory=dict)
    pand: dict[tuple[int, str], str] = field(default_factory=dict)
    verdeling: dict[int, str] = field(default_factory=dict)
    programma: dict[tuple[int, int, str], str] = field(default_factory=dict)
    ingreep: dict[str, str] = field(default_factory=dict)
    paden: set[str] = field(default_factory=set)
    kaart: list[Kaartregel] = field(default_factory=list)


@dataclass(frozen=True)
class Kolom:
    """A table column: header, the sub-path of the scenario field per object (None: not
    applicable to this object), its number format, the formula of a derived default, and
    why it is locked (None: an input)."""

    kop: str
    pad: Callable[[Any], str | None]
    notatie: str = ""
    formule: Callable[[Any, int], str | None] = lambda _obj, _rij: None
    vast: str | None = None
    regel: Regel | None = None  # a stricter rule than the schema's bounds of the field


_LEES: Any = object()  # sentinel: read the value from the scenario


class _Schrijver:
    def __init__(self, blad: Blad, namen: Namen, scenario: Scenario) -> None:
        self.blad, self.namen, self.sc = blad, namen, scenario
        self.rij = 4
        self.uit = Invoercellen()
        self.bewaking = Bewaking()

    def sectie(self, titel: str, koppen: list[str]) -> None:
        self.rij += 1
        self.blad.blok(self.rij)  # printed: a section starts a page when it does not fit
        self.blad.tekst(self.rij, 0, titel, "ondertitel", meten=False)
        self.rij += 1
        self.blad.kopregel(self.rij, koppen)
        self.rij += 1

    def bewaak(self, rij: int, kolom: int, regel: Regel | None) -> None:
        if regel is not None:
            self.bewaking.voeg_toe(regel, rij, kolom)

    def waarde(
        self,
        rij: int,
        kolom: int,
        pad: str,
        notatie: str = "",
        formule: str | None = None,
        waarde: Any = _LEES,
        vast: str | None = None,
        weg: tuple[str | int, ...] | None = None,
        regel: Regel | None = None,
    ) -> str:
        """Write the effective value at scenario `pad`: a derived default as its formula, else
        the value (yellow when given, grey italics when a default; locked in grey with a note
        when `vast` says why). Returns the address.

        `waarde` is read from the scenario unless given (for paths that contain paths),
        `weg` is the path as steps when its keys may hold a dot (extra kosten), and `regel`
        replaces the rule the schema gives the field.
        """
        if waarde is _LEES:
            waarde = _lees(self.sc, pad)
        self.uit.paden.add(pad)
        opgegeven = self.sc.is_opgegeven(pad)
        if vast is not None:
            stijl = "vast"
            self.bewaak(rij, kolom, vastregel(vast))
        else:
            stijl = "invoer" if opgegeven else "standaard"
            self.bewaak(rij, kolom, regel or self.regel(pad, weg))
        if formule is not None and not opgegeven:
            self.blad.formule(rij, kolom, formule, waarde, notatie, "afgeleid")
            stijl = "afgeleid"
        else:
            _schrijf_waarde(self.blad, rij, kolom, waarde, stijl, notatie)
        self.kaart(rij, kolom, pad, stijl, waarde, weg, vast)
        return cel(rij, kolom, BLAD)

    def kaart(
        self,
        rij: int,
        kolom: int,
        pad: str,
        soort: str,
        waarde: Any,
        weg: tuple[str | int, ...] | None = None,
        reden: str | None = None,
    ) -> None:
        """Record the cell for reading the workbook back (:class:`Kaartregel`)."""
        if isinstance(waarde, list):  # as the cell shows it (_schrijf_waarde)
            waarde = ", ".join(str(x) for x in waarde)
        if isinstance(waarde, str) and len(waarde) > MAX_TEKST:
            soort, waarde = "afgekapt", None  # the cell holds it cut (Blad.tekst): not compared
        self.uit.kaart.append(Kaartregel(rij, kolom, pad, soort, waarde, weg, reden))

    def regel(self, pad: str, weg: tuple[str | int, ...] | None = None) -> Regel | None:
        """The data-validation rule of the scenario field at `pad` (None: text, or a path
        through user keys that the schema does not describe)."""
        try:
            return regel_voor(self.sc, stappen(pad) if weg is None else weg)
        except (KeyError, AttributeError, IndexError, TypeError, ValueError):
            return None  # a path through user keys (varianten, extra kosten): unguarded

    def parameter(
        self,
        label: str,
        pad: str,
        notatie: str = "",
        eenheid: str = "",
        naam: str | None = None,
        formule: str | None = None,
        waarde: Any = _LEES,
        vast: str | None = None,
    ) -> str:
        """A row: omschrijving | waarde | eenheid | sleutel | herkomst. Returns the address
        of the value."""
        r, b = self.rij, self.blad
        b.tekst(r, 0, label)
        adres = self.waarde(r, 1, pad, notatie, formule, waarde, vast)
        b.tekst(r, 2, eenheid)
        b.tekst(r, 3, pad)
        if self.sc.is_opgegeven(pad):
            herkomst = "opgegeven"
        else:
            herkomst = "afgeleid (formule)" if formule is not None else "standaard"
        if vast is not None:
            herkomst += "; " + vast[:1].lower() + vast[1:].rstrip(".")
        b.tekst(r, 4, herkomst, "notitie")
        if naam is not None:
            self.namen.definieer(naam, adres)
        self.rij += 1
        return adres

    def tabelrij(self, prefix: str, kolommen: list[Kolom], kolom0: int = 1) -> dict[str, str]:
        """The columns of one table row for the object at `prefix`: header → address."""
        obj = _lees(self.sc, prefix)
        adressen: dict[str, str] = {}
        for c, kolom in enumerate(kolommen, start=kolom0):
            sub = kolom.pad(obj)
            if sub is None:
                self.blad.tekst(self.rij, c, "")
                continue
            adressen[kolom.kop] = self.waarde(
                self.rij,
                c,
                f"{prefix}.{sub}",
                kolom.notatie,
                kolom.formule(obj, self.rij),
                vast=kolom.vast,
                regel=kolom.regel,
            )
        return adressen

    def tabel(
        self, titel: str, sleutelkop: str, kolommen: list[Kolom], rijen: list[tuple[str, str]]
    ) -> dict[tuple[str, str], str]:
        """One row per (label, scenario prefix); returns (label, column header) → address."""
        self.sectie(titel, [sleutelkop, *[k.kop for k in kolommen]])
        adressen: dict[tuple[str, str], str] = {}
        for label, prefix in rijen:
            self.blad.tekst(self.rij, 0, label)
            for kop, adres in self.tabelrij(prefix, kolommen).items():
                adressen[(label, kop)] = adres
            self.rij += 1
        return adressen


#: Characters per line of a wrapped text in the value column (48 wide once it holds one).
_REGEL = 45


def _schrijf_waarde(
    blad: Blad, rij: int, kolom: int, waarde: Any, stijl: str, notatie: str
) -> None:
    """A scenario value in its cell: text, ja/nee, a list as text, or a number."""
    if waarde is None:
        blad.tekst(rij, kolom, "", stijl)
    elif isinstance(waarde, bool):
        blad.janee(rij, kolom, waarde, stijl)
    elif isinstance(waarde, str) and len(waarde) > _REGEL and stijl == "vast":
        # a long text (a beschrijving): wrapped in its cell, the row as high as its lines,
        # rather than cut off at the next cell
        blad.tekst(rij, kolom, waarde, "vast_alinea")
        blad.rijhoogte(rij, 15 * math.ceil(len(waarde) / _REGEL))
    elif isinstance(waarde, str):
        blad.tekst(rij, kolom, waarde, stijl)
    elif isinstance(waarde, list):
        blad.tekst(rij, kolom, ", ".join(str(x) for x in waarde), stijl)
    else:
        blad.getal(rij, kolom, float(waarde), stijl, notatie)


def _lees(obj: Any, pad: str) -> Any:
    """The value at a scenario path such as 'panden[2].transformatie.kostenverdeling[0]'."""
    for deel in pad.replace("]", "").split("."):
        naam, _, index = deel.partition("[")
        obj = obj[naam] if isinstance(obj, dict) else getattr(obj, naam)
        if index:
            obj = obj[int(index)]
    return obj


def _vast(pad: str) -> Callable[[Any], str]:
    return lambda _obj: pad


def _als(soorten: tuple[type, ...], pad: str) -> Callable[[Any], str | None]:
    return lambda obj: pad if isinstance(obj, soorten) else None


def _waardering(veld: str, *methoden: str) -> Callable[[Any], str | None]:
    def pad(functie: Any) -> str | None:
        w = getattr(functie, "waardering", None)
        return f"waardering.{veld}" if w is not None and w.methode in methoden else None

    return pad


def _per_soort(**paden: type) -> Callable[[Any], str | None]:
    """The sub-path named by the keyword whose functie class the object is (else None)."""

    def pad(functie: Any) -> str | None:
        return next((p for p, soort in paden.items() if isinstance(functie, soort)), None)

    return pad


_HUUR_EN_M2 = (Huurwoning, M2Functie)
FUNCTIEKOLOMMEN = [
    Kolom("naam", _vast("naam"), vast=INFORMATIE),
    Kolom("soort", _vast("soort"), vast=STRUCTUUR),
    Kolom(
        "huur / prijs",
        _per_soort(
            huur_per_maand=Huurwoning, von_prijs_incl_btw=Koopwoning, huur_per_m2_per_jaar=M2Functie
        ),
        "euro_centen",
    ),
    Kolom(
        "betaalbare huur",
        _per_soort(betaalbare_huur_per_maand=Huurwoning, betaalbare_huur_per_m2_per_jaar=M2Functie),
        "euro_centen",
    ),
    Kolom("betaalbaar", _als((Huurwoning, Koopwoning), "betaalbaar"), vast=PORTEFEUILLE),
    Kolom("bvo per woning", _als((Huurwoning, Koopwoning), "bvo_per_woning"), "getal"),
    Kolom(
        "gbo per woning",
        _als((Huurwoning, Koopwoning), "gbo_per_woning"),
        "getal",
        vast=INFORMATIE,
    ),
    Kolom("vvo / bvo", _als((M2Functie,), "vvo_bvo"), "factor"),
    Kolom("leegstand", _als(_HUUR_EN_M2, "leegstand"), "procent"),
    Kolom(
        "vaste lasten per jaar",
        _per_soort(
            **{
                "exploitatielasten.per_woning_per_jaar": Huurwoning,
                "exploitatielasten.per_m2_per_jaar": M2Functie,
            }
        ),
        "euro",
    ),
    Kolom("lasten % huur", _als(_HUUR_EN_M2, "exploitatielasten.percentage_huur"), "procent"),
    Kolom("BTW verrekenbaar", _vast("btw_verrekenbaar")),
    Kolom("waardering", _waardering("methode", "bar", "nar", "dcf"), vast=STRUCTUUR),
    Kolom("BAR", _waardering("bar", "bar"), "procent"),
    Kolom("NAR", _waardering("nar", "nar"), "procent"),
    Kolom("DCF-termijn", _waardering("termijn", "dcf"), "getal"),
    Kolom("exit yield", _waardering("exit_yield", "dcf"), "procent"),
    Kolom("eindwaarde", _waardering("eindwaarde", "dcf"), "getal", vast=STRUCTUUR),
    Kolom("eigen disconteringsvoet", _waardering("disconteringsvoet", "dcf"), "procent"),
    Kolom(
        "kosten koper",
        _waardering("kosten_koper", "bar", "nar", "dcf"),
        "procent",
        lambda _f, _r: "=kosten_koper",
    ),
    Kolom("verkoopkosten", _als((Koopwoning,), "verkoopkosten"), "procent"),
]
#: The price column of a functie (what kostprijsdekkende huur/prijs is expressed in).
PRIJS, BETAALBAAR = "huur / prijs", "betaalbare huur"


def schrijf_uitgangspunten(
    blad: Blad, namen: Namen, scenario: Scenario, herkomst: str
) -> Invoercellen:
    """Every effective parameter, its input cells guarded; returns where each input stands."""
    s = _Schrijver(blad, namen, scenario)
    blad.titel(
        "Uitgangspunten",
        "Alle parameters waarmee is gerekend. Geel: opgegeven in het scenario; grijs cursief: "
        "standaardwaarde; wit: afgeleid met een formule (overschrijfbaar); grijs: vast, met de "
        "reden in een notitie. Wijzig een invoercel en het werkboek rekent de panden opnieuw "
        "door; een ongeldige waarde wordt geweigerd zoals in het scenario.",
        herkomst,
    )
    blad.ws.freeze_panes(3, 1)
    _scenario_en_markt(s)
    _conventies_en_kosten(s)
    _partijen_en_functies(s)
    _panden(s, scenario)
    _programma(s, scenario)
    _huurrecht(s, scenario)
    _portefeuille(s, scenario)
    s.bewaking.schrijf(blad.ws.data_validation)
    return s.uit


LIJST = ["omschrijving", "waarde", "eenheid", "sleutel", "herkomst"]


def _scenario_en_markt(s: _Schrijver) -> None:
    s.sectie("Scenario en tijd", LIJST)
    s.parameter("naam", "naam", vast=INFORMATIE)
    s.parameter("beschrijving", "beschrijving", vast=INFORMATIE)
    s.parameter("erft van", "erft_van", vast=INFORMATIE)
    s.parameter("panden uit (spreadsheet)", "panden_uit", vast=INFORMATIE)
    s.parameter("startjaar (peildatum, t = 0)", "startjaar", "jaar", "jaar", "startjaar")
    s.parameter(
        "prijspeil",
        "prijspeil",
        "jaar",
        "jaar",
        "prijspeil",
        "=startjaar",
        # with WWS points the prijspeil picks the table of maximum rents (METHODE §2a)
        vast=None if s.sc.huurrecht is None else PRIJSPEIL_HUURRECHT,
    )
    s.parameter(
        "horizon",
        "horizon",
        "getal",
        "jaar",
        "horizon",
        vast="Vast: bepaalt het aantal jaarkolommen van het blad Kasstromen. Wijzig dit in "
        "het scenario en exporteer opnieuw.",
    )

    s.sectie("Markt", LIJST)
    s.parameter(
        "disconteringsvoet (standaard)",
        "markt.disconteringsvoet",
        "procent",
        "per jaar",
        "markt_disconteringsvoet",
    )
    s.parameter(
        "disconteringsvoet publiek geld (kengetallen fondsen en programma; waarde)",
        "markt.disconteringsvoet_publiek",
        "procent",
        "per jaar; standaard de voet van de eerste partij van soort gemeente",
        vast=PORTEFEUILLE,
    )
    for cat in ("bouwkosten", "huur", "exploitatielasten", "verkoopprijzen", "grond"):
        s.parameter(
            f"indexatie {cat}", f"markt.indexatie.{cat}", "procent", "per jaar", f"index_{cat}"
        )
    s.parameter("BTW", "markt.btw", "procent", "", "btw")
    s.parameter(
        "overdrachtsbelasting",
        "markt.kosten_koper.overdrachtsbelasting",
        "procent",
        "",
        "overdrachtsbelasting",
    )
    s.parameter("overige kosten koper", "markt.kosten_koper.overig", "procent", "", "kk_overig")
    s.parameter(
        "kosten koper: methode",
        "markt.kosten_koper.methode",
        "",
        "delen | vermenigvuldigen",
        "kk_methode",
    )
    r, blad = s.rij, s.blad
    blad.tekst(r, 0, "kosten koper totaal")
    blad.formule(r, 1, "=overdrachtsbelasting+kk_overig", s.sc.markt.kosten_koper.totaal, "procent")
    s.kaart(
        r,
        1,
        "markt.kosten_koper",
        "formule",
        s.sc.markt.kosten_koper.totaal,
        reden="overdrachtsbelasting + overig; wijzig een van die twee",
    )
    blad.tekst(r, 3, "overdrachtsbelasting + overig")
    blad.tekst(r, 4, "afgeleid (formule)", "notitie")
    s.namen.definieer("kosten_koper", cel(r, 1, BLAD))
    s.rij += 1
    s.parameter("bouwrente", "markt.bouwrente", "procent", "per jaar", "bouwrente")


def _conventies_en_kosten(s: _Schrijver) -> None:
    s.sectie("Conventies", ["omschrijving", "waarde", "keuzes", "sleutel", "herkomst"])
    for naam in (
        "ak_grondslag",
        "wr_grondslag",
        "rente_model",
        "disconteringsmoment",
        "disconteringsvoet_opbrengst",
    ):
        s.parameter(naam.replace("_", " "), f"conventies.{naam}", "", _keuzetekst(s, naam), naam)
    s.parameter(
        "ruime grenzen",
        "conventies.ruime_grenzen",
        "",
        "false | true | lijst van paden (METHODE §8)",
        "ruime_grenzen",
        vast="Vast: geldt bij het inlezen van het scenario (plausibele bereiken); de "
        "berekening gebruikt het niet.",
    )

    s.sectie("Kosten", LIJST)
    s.parameter("bijkomende kosten", "kosten.bijkomend", "procent", "van B", "bijkomend")
    s.parameter("onvoorzien", "kosten.onvoorzien", "procent", "van B + BK", "onvoorzien")
    s.parameter("algemene kosten (standaard)", "kosten.ak", "procent", "", "kosten_ak")
    s.parameter("winst & risico (standaard)", "kosten.wr", "procent", "", "kosten_wr")
    s.parameter(
        "verwervingskosten",
        "kosten.verwervingskosten",
        "procent",
        "van de inbreng",
        "verwervingskosten",
        "=kosten_koper",
    )
    s.sectie("Bouwkosten per ingreep", LIJST)
    for ingreep in s.sc.kosten.per_m2_bvo:
        # a defined name when the key makes one (at most 255 characters), else the address
        excelnaam = f"ingreep_{ingreep}"
        geldig = geldige_naam(excelnaam)
        adres = s.parameter(
            ingreep.replace("_", " "),
            f"kosten.per_m2_bvo.{ingreep}",
            "euro",
            "€/m² BVO",
            excelnaam if geldig else None,
        )
        s.uit.ingreep[ingreep] = excelnaam if geldig else adres


def _keuzetekst(s: _Schrijver, naam: str) -> str:
    """'bouw | bouw_en_grond | opbrengst': the options of a convention, from the schema."""
    opties = keuzes(veldtype(s.sc, ("conventies", naam))[0]) or ()
    return " | ".join(opties)


_DV_KOLOM = 3  # column of the disconteringsvoet in the partijen table (rendementseis follows it)
PARTIJKOLOMMEN = [
    Kolom("naam", _vast("naam"), vast=INFORMATIE),
    Kolom("soort", _vast("soort"), vast=PORTEFEUILLE),
    Kolom(
        "disconteringsvoet",
        _vast("disconteringsvoet"),
        "procent",
        lambda _p, _r: "=markt_disconteringsvoet",
    ),
    Kolom(
        "rendementseis",
        _vast("rendementseis"),
        "procent",
        lambda _p, r: "=" + cel(r, _DV_KOLOM),
    ),
    Kolom("algemene kosten", _vast("ak"), "procent", lambda _p, _r: "=kosten_ak"),
    Kolom("winst & risico", _vast("wr"), "procent", lambda _p, _r: "=kosten_wr"),
]


def _partijen_en_functies(s: _Schrijver) -> None:
    sc = s.sc
    s.uit.partij = s.tabel(
        "Partijen", "partij", PARTIJKOLOMMEN, [(key, f"partijen.{key}") for key in sc.partijen]
    )
    s.uit.functie = s.tabel(
        "Functies", "functie", FUNCTIEKOLOMMEN, [(key, f"functies.{key}") for key in sc.functies]
    )


TE_VROEG, NA_HORIZON = CODES["pand.start_te_vroeg"], CODES["pand.oplevering_na_horizon"]


def _startregel() -> Regel:
    """start: a whole year within the schema's bounds, not before the startjaar, and
    oplevering (start + bouwtijd, the cell to its right) within the horizon."""
    g = grenzen_van(
        Transformatie.model_fields["start"].annotation, Transformatie.model_fields["start"].metadata
    )
    tekst = (
        f"{grenstekst(g)}; niet vóór het startjaar, en start + bouwtijd hoogstens startjaar + "
        f"horizon ({TE_VROEG.uitleg}; {NA_HORIZON.uitleg})"
    )
    return Regel(
        (
            ("validate", "custom"),
            ("error_title", "Ongeldige invoer"),
            ("error_message", f"start: {tekst}"[:255]),
            ("error_type", "stop"),
        ),
        "=AND(ISNUMBER({c}),{c}=INT({c}),"
        f"{{c}}>={g.laag!r},{{c}}<={g.hoog!r},"
        "{c}>=startjaar,{c}+{c1}<=startjaar+horizon)",
    )


def _inbrengbron(pand: Any, r: int) -> str:
    """The inbrengwaarde's default: the marktwaarde, else huur per jaar / BAR."""
    if pand.huidig.marktwaarde is not None:
        return "=" + cel(r, PK["marktwaarde"])
    return f"={cel(r, PK['huidige huur per jaar'])}/{cel(r, PK['huidige BAR'])}"


#: The columns of the Panden table before the extra kosten, the spread and the portfolio
#: columns (those follow in _pandrij); the pand id stands in column 0.
PANDKOLOMMEN = [
    Kolom("naam", _vast("naam"), vast=INFORMATIE),
    Kolom("eigenaar", _vast("eigenaar"), vast=STRUCTUUR),
    Kolom("exploitant", _vast("transformatie.exploitant"), vast=STRUCTUUR),
    Kolom("huidige functie", _vast("huidig.functie"), vast=INFORMATIE),
    Kolom("huidig bvo", _vast("huidig.bvo"), "getal", vast=INFORMATIE),
    Kolom("huidige huur per jaar", _vast("huidig.huur_per_jaar"), "euro"),
    Kolom("huidige leegstand", _vast("huidig.leegstand"), "procent", vast=INFORMATIE),
    Kolom("huidige BAR", _vast("huidig.bar"), "procent"),
    Kolom("marktwaarde", _vast("huidig.marktwaarde"), "euro"),
    Kolom("inbrengwaarde", _vast("huidig.inbrengwaarde"), "euro", _inbrengbron),
    Kolom(
        "boekwaarde",
        _vast("huidig.boekwaarde"),
        "euro",
        lambda _p, r: "=" + cel(r, PK["inbrengwaarde"]),
    ),
    Kolom("start", _vast("transformatie.start"), "jaar", regel=_startregel()),
    Kolom("bouwtijd", _vast("transformatie.bouwtijd"), "getal"),
    Kolom("ingreep", _vast("transformatie.ingreep"), vast=STRUCTUUR),
    Kolom("verwerving", _vast("transformatie.verwerving")),
]
PK: dict[str, int] = {k.kop: i for i, k in enumerate(PANDKOLOMMEN, start=1)}
#: Columns after PANDKOLOMMEN: extra kosten, the spread, its check, then the portfolio.
EXTRA = len(PANDKOLOMMEN) + 1
VERDELING = EXTRA + 1
CONTROLE = VERDELING + MAX_BOUWJAREN
PANDKOLOMMEN_NA = [
    Kolom("gebied", _vast("gebied"), vast=PORTEFEUILLE),
    Kolom(
        "anterieure overeenkomst",
        _vast("transformatie.anterieure_overeenkomst"),
        vast=PORTEFEUILLE,
    ),
]


def _panden(s: _Schrijver, sc: Scenario) -> None:
    koppen = [
        "pand",
        *[k.kop for k in PANDKOLOMMEN],
        "extra kosten",
        *[f"verdeling jaar {j + 1}" for j in range(MAX_BOUWJAREN)],
        "controle verdeling",
        *[k.kop for k in PANDKOLOMMEN_NA],
    ]
    s.sectie("Panden", koppen)
    # The extra-kosten rows of a pand are contiguous in their own section below this table
    # (written after it: rows go in order), so a pand's total is a plain SUM over its own
    # rows. A SUMIF on the pand id would match case-insensitively and read "01" or "1E1" as
    # numbers, giving `p1` the extra kosten of `P1`.
    eerste_extra = s.rij + len(sc.panden) + 3  # past this table and the section's title rows
    extra_rijen: list[tuple[int, int]] = []
    for pand in sc.panden:
        extra_rijen.append((eerste_extra, eerste_extra + len(pand.transformatie.extra_kosten)))
        eerste_extra = extra_rijen[-1][1]
    for i in range(len(sc.panden)):
        _pandrij(s, sc, i, extra_rijen[i])
        s.rij += 1
    _extra_kosten(s, sc, extra_rijen)


def _pandrij(s: _Schrijver, sc: Scenario, i: int, extra: tuple[int, int]) -> None:
    """One pand's row: its columns, the sum of its extra kosten, the spread of the
    bouwkosten (a formula of the bouwtijd unless the scenario gives it) and its check."""
    r, p, blad = s.rij, f"panden[{i}]", s.blad
    pand = sc.panden[i]
    s.waarde(r, 0, f"{p}.id", vast=INFORMATIE)
    adressen = s.tabelrij(p, PANDKOLOMMEN)
    for kop in ("inbrengwaarde", "boekwaarde", "start", "bouwtijd", "verwerving"):
        s.uit.pand[(i, kop)] = adressen[kop]
    van, tot = extra
    if tot > van:
        blad.formule(
            r,
            EXTRA,
            f"=SUM({cel(van, 2)}:{cel(tot - 1, 2)})",
            sum(pand.transformatie.extra_kosten.values()),
            "euro",
        )
        s.kaart(
            r,
            EXTRA,
            f"{p}.transformatie.extra_kosten",
            "formule",
            sum(pand.transformatie.extra_kosten.values()),
            reden="de som van de extra kosten van het pand in de sectie Extra kosten; wijzig "
            "daar een bedrag",
        )
    else:  # none given: the default, an empty list of posts (an input: type an amount)
        blad.getal(r, EXTRA, 0.0, "standaard", "euro")
        s.kaart(r, EXTRA, f"{p}.transformatie.extra_kosten", "standaard", 0.0)
        s.bewaak(
            r,
            EXTRA,
            s.regel(
                f"{p}.transformatie.extra_kosten",
                (*stappen(p), "transformatie", "extra_kosten", ""),
            ),
        )
    s.uit.pand[(i, "extra_kosten")] = cel(r, EXTRA, BLAD)
    _verdeling(s, i, r)
    for c, kolom in enumerate(PANDKOLOMMEN_NA, start=CONTROLE + 1):
        sub = kolom.pad(pand)
        assert sub is not None
        s.waarde(r, c, f"{p}.{sub}", kolom.notatie, vast=kolom.vast)


def _verdeling(s: _Schrijver, i: int, r: int) -> None:
    """verdeling jaar 1 … 10 of pand i on row r, and the check that the spread over the
    bouwtijd adds up to 1 (a given spread does not follow a changed bouwtijd)."""
    p = f"panden[{i}].transformatie.kostenverdeling"
    tr = s.sc.panden[i].transformatie
    assert tr.kostenverdeling is not None
    bouwtijd = cel(r, PK["bouwtijd"])
    s.uit.paden.add(p)
    opgegeven = s.sc.is_opgegeven(p)
    for j in range(MAX_BOUWJAREN):
        c = VERDELING + j
        deel = tr.kostenverdeling[j] if j < len(tr.kostenverdeling) else 0.0
        if j < len(tr.kostenverdeling):
            s.uit.paden.add(f"{p}[{j}]")
        if opgegeven and j < len(tr.kostenverdeling):
            s.blad.getal(r, c, deel, "invoer", "procent")
            s.kaart(r, c, f"{p}[{j}]", "invoer", deel)
        elif opgegeven:
            s.blad.ws.write_blank(r, c, None, s.blad.formaten[("invoer", "procent")])
            s.kaart(r, c, f"{p}[{j}]", "invoer", None)
        else:  # the default: equal over the bouwtijd, following it
            s.blad.formule(
                r, c, f"=IF({j + 1}<={bouwtijd},1/{bouwtijd},0)", deel, "procent", "afgeleid"
            )
            s.kaart(r, c, f"{p}[{j}]", "afgeleid", deel)
        s.bewaak(r, c, s.regel(f"{p}[{j}]"))
    eerste, laatste = cel(r, VERDELING), cel(r, VERDELING + MAX_BOUWJAREN - 1)
    reeks = f"{eerste}:{laatste}"
    s.uit.verdeling[i] = f"'{BLAD}'!{reeks}"
    s.blad.formule(
        r,
        CONTROLE,
        f"=IF(ABS(SUMPRODUCT({reeks}*(COLUMN({reeks})-COLUMN({eerste})<{bouwtijd}))-1)>1E-9,"
        '"telt over de bouwtijd niet op tot 1","")',
        "",
    )


def _extra_kosten(s: _Schrijver, sc: Scenario, extra_rijen: list[tuple[int, int]]) -> None:
    s.sectie(
        "Extra kosten (onderdeel van de bouwkosten, verdeeld naar BVO)",
        ["pand", "post", "bedrag", "sleutel", "herkomst"],
    )
    blad = s.blad
    for i, pand in enumerate(sc.panden):
        assert s.rij == extra_rijen[i][0]
        for naam, bedrag in pand.transformatie.extra_kosten.items():
            blad.tekst(s.rij, 0, pand.id)
            blad.tekst(s.rij, 1, naam)
            # the key is user text and may hold a dot or a bracket: pass the value and the
            # steps, do not look the path up
            pad = f"panden[{i}].transformatie.extra_kosten.{naam}"
            weg = ("panden", i, "transformatie", "extra_kosten", naam)
            s.waarde(s.rij, 2, pad, "euro", waarde=bedrag, weg=weg)
            blad.tekst(s.rij, 3, pad)
            s.rij += 1


def _programma(s: _Schrijver, sc: Scenario) -> None:
    s.sectie("Programma", ["pand", "regel", "functie", "woningen", "bvo", "ingreep"])
    for i, pand in enumerate(sc.panden):
        for j, regel in enumerate(pand.transformatie.programma):
            p = f"panden[{i}].transformatie.programma[{j}]"
            r = s.rij
            s.blad.tekst(r, 0, pand.id)
            s.blad.getal(r, 1, j, "tekst", "getal")
            s.waarde(r, 2, f"{p}.functie", vast=STRUCTUUR)
            s.uit.programma[(i, j, "woningen")] = s.waarde(r, 3, f"{p}.woningen", "getal")
            per_woning = s.uit.functie.get((regel.functie, "bvo per woning"))
            formule = (
                f"={cel(r, 3)}*{per_woning}" if regel.woningen is not None and per_woning else None
            )
            s.uit.programma[(i, j, "bvo")] = s.waarde(r, 4, f"{p}.bvo", "getal", formule)
            s.waarde(r, 5, f"{p}.ingreep", vast=STRUCTUUR)
            s.rij += 1


def _bladeren(waarde: Any, pad: str) -> Iterator[tuple[str, Any]]:
    """(path, value) of each leaf under `pad` of a dumped section (a list of scalars is one
    leaf). Keys may themselves be paths (varianten, onzekerheid): the value is carried along."""
    if isinstance(waarde, dict):
        for k, v in waarde.items():
            yield from _bladeren(v, f"{pad}.{k}")
    elif isinstance(waarde, list) and waarde and isinstance(waarde[0], dict):
        for i, v in enumerate(waarde):
            yield from _bladeren(v, f"{pad}[{i}]")
    else:
        yield pad, waarde


#: Rent-law inputs of markt (METHODE §2a): path, number format, unit.
_HUURRECHT_MARKT = (
    ("markt.inflatie", "procent", "per jaar (CPI)"),
    ("markt.inflatie_driejarig", "procent", "per jaar; standaard markt.inflatie"),
    ("markt.loonontwikkeling", "procent", "per jaar (CAO)"),
)


def _huurrecht(s: _Schrijver, sc: Scenario) -> None:
    """Rent law (METHODE §2a): the caps' inputs, the rent index per segment, the switch for a
    rent above the maximum, each huurwoning's WWS points and each pand's monument status.
    Locked values: the engine derives the points, maximum rents and capped indices from them,
    and Functies shows those as values."""
    lijst = ["omschrijving", "waarde", "eenheid", "sleutel", "herkomst"]
    s.sectie("Huurrecht: WWS-punten, maximale huur, huurindexatie (METHODE §2a)", lijst)
    for pad, notatie, eenheid in _HUURRECHT_MARKT:
        waarde = _lees(sc, pad)
        if pad == "markt.inflatie_driejarig" and waarde is None:
            waarde = sc.markt.inflatie
        naam = pad.rsplit(".", 1)[-1].replace("_", " ")
        s.parameter(naam, pad, notatie, eenheid, waarde=waarde, vast=HUURRECHT)
    segmenten = sc.markt.indexatie.huur_per_segment
    if segmenten is None:
        s.parameter(
            "huurindexatie per segment",
            "markt.indexatie.huur_per_segment",
            eenheid="geen: markt.indexatie.huur voor elk segment",
            waarde="geen",
            vast=HUURRECHT,
        )
    else:
        for seg in ("sociaal", "midden", "vrij"):
            pad = f"markt.indexatie.huur_per_segment.{seg}"
            eigen = _lees(sc, pad)
            s.parameter(
                f"huurindexatie {seg}",
                pad,
                "procent",
                "per jaar, vóór het wettelijke plafond",
                waarde=sc.markt.indexatie.huur if eigen is None else eigen,
                vast=HUURRECHT,
            )
    if sc.huurrecht is not None:  # derived: the caps and the effective index per segment
        plafond, effectief = huurplafonds_per_segment(sc), huurindexatie_per_segment(sc)
        for seg in plafond:
            for label, waarde in (
                (f"wettelijk plafond huurstijging {seg}", plafond[seg]),
                (f"huurindexatie {seg} (effectief)", effectief[seg]),
            ):
                s.blad.tekst(s.rij, 0, label)
                s.blad.getal(s.rij, 1, waarde, "vast", "procent")
                s.blad.tekst(s.rij, 2, "per jaar")
                s.blad.tekst(s.rij, 4, "afgeleid door de rekenkern (METHODE §2a)", "notitie")
                s.rij += 1
    s.parameter(
        "huur boven maximum",
        "conventies.huur_boven_maximum",
        eenheid="weigeren | aftoppen",
        vast=HUURRECHT,
    )
    for k, f in sc.functies.items():
        if not isinstance(f, Huurwoning):
            continue
        prefix = f"functies.{k}.wws"
        if f.wws is None:
            s.parameter(
                f"{k}: WWS",
                prefix,
                eenheid="geen punten: huur niet getoetst",
                waarde="",
                vast=HUURRECHT,
            )
            continue
        for pad, waarde in _bladeren(f.wws.model_dump(), prefix):
            label = f"{k}: " + pad[len(prefix) + 1 :].replace("_", " ").replace(".", ", ")
            notatie = (
                "getal" if isinstance(waarde, float | int) and not isinstance(waarde, bool) else ""
            )
            s.parameter(label, pad, notatie, waarde=waarde, vast=HUURRECHT)
    for i, pand in enumerate(sc.panden):
        for pad in (f"panden[{i}].monument", f"panden[{i}].huidig.bouwjaar"):
            notatie = "jaar" if pad.endswith("bouwjaar") else ""
            s.parameter(f"{pand.id}: {pad.rsplit('.', 1)[-1]}", pad, notatie, vast=HUURRECHT)


def _portefeuille(s: _Schrijver, sc: Scenario) -> None:
    """Herverkaveling, verevening, fondsen and the analyses: one row per effective
    parameter, locked (the allocation and the ledger are algorithms, not formulas; the
    analyses write workbooks of their own)."""
    lijst = LIJST
    secties: list[tuple[str, str, Any]] = [
        (f"Herverkaveling: project {p.id}", f"projecten[{i}]", p)
        for i, p in enumerate(sc.projecten)
    ]
    if sc.verevening is not None:
        secties.append(("Verevening", "verevening", sc.verevening))
    secties += [(f"Fonds: {f.naam}", f"fondsen[{i}]", f) for i, f in enumerate(sc.fondsen)]
    secties += [(f"Variant: {v.naam}", f"varianten[{i}]", v) for i, v in enumerate(sc.varianten)]
    if sc.onzekerheid is not None:
        secties.append(("Onzekerheid (Monte Carlo)", "onzekerheid", sc.onzekerheid))
    leeg = [
        naam
        for naam, waarde in (
            ("projecten", sc.projecten),
            ("verevening", sc.verevening),
            ("fondsen", sc.fondsen),
            ("varianten", sc.varianten),
            ("onzekerheid", sc.onzekerheid),
        )
        if not waarde
    ]
    if leeg:
        s.sectie("Herverkaveling, verevening, fondsen, varianten en onzekerheid", lijst)
        for naam in leeg:
            s.blad.tekst(s.rij, 0, naam)
            s.blad.tekst(s.rij, 1, "geen", "vast")
            s.blad.tekst(s.rij, 3, naam)
            s.uit.paden.add(naam)
            s.rij += 1
    for titel, prefix, model in secties:
        s.sectie(titel, lijst)
        for pad, waarde in _bladeren(model.model_dump(), prefix):
            label = pad[len(prefix) + 1 :].replace("_", " ")
            vast = ANALYSE if prefix.startswith(("varianten", "onzekerheid")) else PORTEFEUILLE
            s.parameter(label, pad, _notatie(pad), waarde=waarde, vast=vast)


def _notatie(pad: str) -> str:
    """Number format of a portfolio parameter from its key (as given for varianten and
    onzekerheid, whose paths may point at any kind of number)."""
    if pad.startswith(("varianten", "onzekerheid")):
        return ""
    sleutel = pad.rsplit(".", 1)[-1]
    if sleutel in ("jaar",):
        return "jaar"
    if sleutel in (
        "rang",
        "looptijd",
        "aflossingsvrij",
        "jaren_voor_start",
        "verkoop_na",
        "termijn",
        "min_woningen",
    ):
        return "getal"
    if sleutel.startswith(
        (
            "aandeel",
            "rente",
            "marktrente",
            "dekking",
            "premie",
            "canon",
            "grondaandeel",
            "bankfinanciering",
            "kans",
            "verlies",
            "beheerkosten",
            "disconteringsvoet",
            "min_betaalbaar",
        )
    ):
        return "procent"
    return "euro"
