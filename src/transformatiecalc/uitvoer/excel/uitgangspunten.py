"""Sheet 'Uitgangspunten': every effective parameter, on one sheet.

Values the file gave are input cells (yellow); defaults are input cells in grey italics;
defaults derived from another value (a partij's disconteringsvoet from the market's,
a pand's boekwaarde from its inbrengwaarde …) are live formulas, so changing the source
changes them too. Scalar parameters are defined names (``markt_disconteringsvoet``,
``ingreep_transformatie_zwaar`` …) that the calculation sheets use; table cells are
referenced by address. Every cell records the scenario path it shows, so a test can
check that no effective parameter is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ...schema import Scenario
from ...schema.functies import Huurwoning, Koopwoning, M2Functie
from .blad import Blad, Namen, cel, geldige_naam

BLAD = "Uitgangspunten"
MAX_BOUWJAREN = 10


@dataclass
class Invoercellen:
    """Where each input stands (absolute addresses on this sheet) and which paths are shown."""

    partij: dict[tuple[str, str], str] = field(default_factory=dict)
    functie: dict[tuple[str, str], str] = field(default_factory=dict)
    pand: dict[tuple[int, str], str] = field(default_factory=dict)
    verdeling: dict[int, str] = field(default_factory=dict)
    programma: dict[tuple[int, int, str], str] = field(default_factory=dict)
    ingreep: dict[str, str] = field(default_factory=dict)
    paden: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class Kolom:
    """A table column: header, the sub-path of the scenario field per object (None: not
    applicable to this object), its number format, and the formula of a derived default."""

    kop: str
    pad: Callable[[Any], str | None]
    notatie: str = ""
    formule: Callable[[Any, int], str | None] = lambda _obj, _rij: None


_LEES: Any = object()  # sentinel: read the value from the scenario


class _Schrijver:
    def __init__(self, blad: Blad, namen: Namen, scenario: Scenario) -> None:
        self.blad, self.namen, self.sc = blad, namen, scenario
        self.rij = 4
        self.uit = Invoercellen()

    def sectie(self, titel: str, koppen: list[str]) -> None:
        self.rij += 1
        self.blad.tekst(self.rij, 0, titel, "ondertitel", meten=False)
        self.rij += 1
        self.blad.kopregel(self.rij, koppen)
        self.rij += 1

    def waarde(
        self,
        rij: int,
        kolom: int,
        pad: str,
        notatie: str = "",
        formule: str | None = None,
        waarde: Any = _LEES,
    ) -> str:
        """Write the effective value at scenario `pad`: a derived default as its formula, else
        the value (yellow when given, grey italics when a default). Returns the address.

        `waarde` is read from the scenario unless given (for paths that contain paths).
        """
        b = self.blad
        if waarde is _LEES:
            waarde = _lees(self.sc, pad)
        self.uit.paden.add(pad)
        opgegeven = self.sc.is_opgegeven(pad)
        stijl = "invoer" if opgegeven else "standaard"
        if formule is not None and not opgegeven:
            b.formule(rij, kolom, formule, waarde, notatie)
        elif waarde is None:
            b.tekst(rij, kolom, "", stijl)
        elif isinstance(waarde, bool):
            b.janee(rij, kolom, waarde, stijl)
        elif isinstance(waarde, str):
            b.tekst(rij, kolom, waarde, stijl)
        elif isinstance(waarde, list):
            b.tekst(rij, kolom, ", ".join(str(x) for x in waarde), stijl)
        else:
            b.getal(rij, kolom, float(waarde), stijl, notatie)
        return cel(rij, kolom, BLAD)

    def parameter(
        self,
        label: str,
        pad: str,
        notatie: str = "",
        eenheid: str = "",
        naam: str | None = None,
        formule: str | None = None,
        waarde: Any = _LEES,
    ) -> str:
        """A row: omschrijving | waarde | eenheid | sleutel | herkomst. Returns the address
        of the value."""
        r, b = self.rij, self.blad
        b.tekst(r, 0, label)
        adres = self.waarde(r, 1, pad, notatie, formule, waarde)
        b.tekst(r, 2, eenheid)
        b.tekst(r, 3, pad)
        if self.sc.is_opgegeven(pad):
            herkomst = "opgegeven"
        else:
            herkomst = "afgeleid (formule)" if formule is not None else "standaard"
        b.tekst(r, 4, herkomst, "notitie")
        if naam is not None:
            self.namen.definieer(naam, adres)
        self.rij += 1
        return adres

    def tabel(
        self, titel: str, sleutelkop: str, kolommen: list[Kolom], rijen: list[tuple[str, str]]
    ) -> dict[tuple[str, str], str]:
        """One row per (label, scenario prefix); returns (label, column header) → address."""
        self.sectie(titel, [sleutelkop, *[k.kop for k in kolommen]])
        adressen: dict[tuple[str, str], str] = {}
        for label, prefix in rijen:
            self.blad.tekst(self.rij, 0, label)
            obj = _lees(self.sc, prefix)
            for c, kolom in enumerate(kolommen, start=1):
                sub = kolom.pad(obj)
                if sub is None:
                    self.blad.tekst(self.rij, c, "")
                    continue
                adressen[(label, kolom.kop)] = self.waarde(
                    self.rij, c, f"{prefix}.{sub}", kolom.notatie, kolom.formule(obj, self.rij)
                )
            self.rij += 1
        return adressen


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
    Kolom("naam", _vast("naam")),
    Kolom("soort", _vast("soort")),
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
    Kolom("betaalbaar", _als((Huurwoning, Koopwoning), "betaalbaar")),
    Kolom("bvo per woning", _als((Huurwoning, Koopwoning), "bvo_per_woning"), "getal"),
    Kolom("gbo per woning", _als((Huurwoning, Koopwoning), "gbo_per_woning"), "getal"),
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
    Kolom("waardering", _waardering("methode", "bar", "nar", "dcf")),
    Kolom("BAR", _waardering("bar", "bar"), "procent"),
    Kolom("NAR", _waardering("nar", "nar"), "procent"),
    Kolom("DCF-termijn", _waardering("termijn", "dcf"), "getal"),
    Kolom("exit yield", _waardering("exit_yield", "dcf"), "procent"),
    Kolom("eindwaarde", _waardering("eindwaarde", "dcf"), "getal"),
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
    sc = scenario
    s = _Schrijver(blad, namen, sc)
    blad.titel(
        "Uitgangspunten",
        "Alle parameters waarmee is gerekend. Geel: opgegeven in het scenario; grijs cursief: "
        "standaardwaarde; wit: afgeleid met een formule. Wijzig een invoercel en het werkboek "
        "rekent de panden opnieuw door.",
        herkomst,
    )
    blad.ws.freeze_panes(3, 1)
    lijst = ["omschrijving", "waarde", "eenheid", "sleutel", "herkomst"]
    s.sectie("Scenario en tijd", lijst)
    s.parameter("naam", "naam")
    s.parameter("beschrijving", "beschrijving")
    s.parameter("erft van", "erft_van")
    s.parameter("startjaar (peildatum, t = 0)", "startjaar", "jaar", "jaar", "startjaar")
    s.parameter("prijspeil", "prijspeil", "jaar", "jaar", "prijspeil", "=startjaar")
    s.parameter("horizon", "horizon", "getal", "jaar", "horizon")

    s.sectie("Markt", lijst)
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
    r = s.rij
    blad.tekst(r, 0, "kosten koper totaal")
    blad.formule(r, 1, "=overdrachtsbelasting+kk_overig", sc.markt.kosten_koper.totaal, "procent")
    blad.tekst(r, 3, "overdrachtsbelasting + overig")
    blad.tekst(r, 4, "afgeleid (formule)", "notitie")
    namen.definieer("kosten_koper", cel(r, 1, BLAD))
    s.rij += 1
    s.parameter("bouwrente", "markt.bouwrente", "procent", "per jaar", "bouwrente")

    s.sectie("Conventies", ["omschrijving", "waarde", "keuzes", "sleutel", "herkomst"])
    for naam, opties in {
        "ak_grondslag": "bouw | bouw_en_grond | opbrengst",
        "wr_grondslag": "opbrengst | kosten",
        "rente_model": "geen | half_bouwkosten | kasstroom",
        "disconteringsmoment": "eind_jaar | midden_jaar",
        "disconteringsvoet_opbrengst": "partij | markt",
        "ruime_grenzen": "false | true | lijst van paden (METHODE §8)",
    }.items():
        s.parameter(naam.replace("_", " "), f"conventies.{naam}", "", opties, naam)

    s.sectie("Kosten", lijst)
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
    s.sectie("Bouwkosten per ingreep", lijst)
    for ingreep in sc.kosten.per_m2_bvo:
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

    dv_kolom = 3  # column of the disconteringsvoet in the partijen table (rendementseis follows it)
    partijen = s.tabel(
        "Partijen",
        "partij",
        [
            Kolom("naam", _vast("naam")),
            Kolom("soort", _vast("soort")),
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
                lambda _p, r: "=" + cel(r, dv_kolom),
            ),
            Kolom("algemene kosten", _vast("ak"), "procent", lambda _p, _r: "=kosten_ak"),
            Kolom("winst & risico", _vast("wr"), "procent", lambda _p, _r: "=kosten_wr"),
        ],
        [(key, f"partijen.{key}") for key in sc.partijen],
    )
    s.uit.partij = {(key, kop): adres for (key, kop), adres in partijen.items()}

    functies = s.tabel(
        "Functies", "functie", FUNCTIEKOLOMMEN, [(key, f"functies.{key}") for key in sc.functies]
    )
    s.uit.functie = dict(functies)

    _panden(s, sc)
    _programma(s, sc)
    _huurrecht(s, sc)
    _portefeuille(s, sc)
    return s.uit


def _panden(s: _Schrijver, sc: Scenario) -> None:
    blad = s.blad
    koppen = [
        "pand",
        "naam",
        "eigenaar",
        "exploitant",
        "huidige functie",
        "huidig bvo",
        "huidige huur per jaar",
        "huidige leegstand",
        "huidige BAR",
        "marktwaarde",
        "inbrengwaarde",
        "boekwaarde",
        "start",
        "bouwtijd",
        "ingreep",
        "verwerving",
        "extra kosten",
        *[f"verdeling jaar {j + 1}" for j in range(MAX_BOUWJAREN)],
        "gebied",
        "anterieure overeenkomst",
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
    for i, pand in enumerate(sc.panden):
        r = s.rij
        p = f"panden[{i}]"
        s.waarde(r, 0, f"{p}.id")
        s.waarde(r, 1, f"{p}.naam")
        s.waarde(r, 2, f"{p}.eigenaar")
        s.waarde(r, 3, f"{p}.transformatie.exploitant")
        s.waarde(r, 4, f"{p}.huidig.functie")
        s.waarde(r, 5, f"{p}.huidig.bvo", "getal")
        s.waarde(r, 6, f"{p}.huidig.huur_per_jaar", "euro")
        s.waarde(r, 7, f"{p}.huidig.leegstand", "procent")
        s.waarde(r, 8, f"{p}.huidig.bar", "procent")
        s.waarde(r, 9, f"{p}.huidig.marktwaarde", "euro")
        bron = (
            f"={cel(r, 9)}" if pand.huidig.marktwaarde is not None else f"={cel(r, 6)}/{cel(r, 8)}"
        )
        s.uit.pand[(i, "inbrengwaarde")] = s.waarde(
            r, 10, f"{p}.huidig.inbrengwaarde", "euro", bron
        )
        s.uit.pand[(i, "boekwaarde")] = s.waarde(
            r, 11, f"{p}.huidig.boekwaarde", "euro", f"={cel(r, 10)}"
        )
        s.uit.pand[(i, "start")] = s.waarde(r, 12, f"{p}.transformatie.start", "jaar")
        s.uit.pand[(i, "bouwtijd")] = s.waarde(r, 13, f"{p}.transformatie.bouwtijd", "getal")
        s.waarde(r, 14, f"{p}.transformatie.ingreep")
        s.uit.pand[(i, "verwerving")] = s.waarde(r, 15, f"{p}.transformatie.verwerving")
        van, tot = extra_rijen[i]
        if tot > van:
            blad.formule(
                r,
                16,
                f"=SUM({cel(van, 2)}:{cel(tot - 1, 2)})",
                sum(pand.transformatie.extra_kosten.values()),
                "euro",
            )
        else:  # none given: the default, an empty list of posts
            blad.getal(r, 16, 0.0, "standaard", "euro")
        s.uit.pand[(i, "extra_kosten")] = cel(r, 16, BLAD)
        verdeling = pand.transformatie.kostenverdeling or []
        s.uit.paden.add(f"{p}.transformatie.kostenverdeling")
        for j in range(len(verdeling)):
            s.waarde(r, 17 + j, f"{p}.transformatie.kostenverdeling[{j}]", "procent")
        s.uit.verdeling[i] = f"'{BLAD}'!{cel(r, 17)}:{cel(r, 17 + MAX_BOUWJAREN - 1)}"
        s.waarde(r, 17 + MAX_BOUWJAREN, f"{p}.gebied")
        s.waarde(r, 18 + MAX_BOUWJAREN, f"{p}.transformatie.anterieure_overeenkomst")
        s.rij += 1

    s.sectie(
        "Extra kosten (onderdeel van de bouwkosten, verdeeld naar BVO)",
        ["pand", "post", "bedrag", "sleutel", "herkomst"],
    )
    for i, pand in enumerate(sc.panden):
        assert s.rij == extra_rijen[i][0]
        for naam, bedrag in pand.transformatie.extra_kosten.items():
            blad.tekst(s.rij, 0, pand.id)
            blad.tekst(s.rij, 1, naam)
            # the key is user text and may hold a dot or a bracket: pass the value, do not
            # look the path up
            pad = f"panden[{i}].transformatie.extra_kosten.{naam}"
            s.waarde(s.rij, 2, pad, "euro", waarde=bedrag)
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
            s.waarde(r, 2, f"{p}.functie")
            s.uit.programma[(i, j, "woningen")] = s.waarde(r, 3, f"{p}.woningen", "getal")
            per_woning = s.uit.functie.get((regel.functie, "bvo per woning"))
            formule = (
                f"={cel(r, 3)}*{per_woning}" if regel.woningen is not None and per_woning else None
            )
            s.uit.programma[(i, j, "bvo")] = s.waarde(r, 4, f"{p}.bvo", "getal", formule)
            s.waarde(r, 5, f"{p}.ingreep")
            s.rij += 1


#: Rent-law inputs (METHODE §2a) by scenario path, with their number format.
_HUURRECHT_MARKT = (
    ("markt.inflatie", "procent", "per jaar (CPI)"),
    ("markt.inflatie_driejarig", "procent", "per jaar; standaard markt.inflatie"),
    ("markt.loonontwikkeling", "procent", "per jaar (CAO)"),
)


def _huurrecht(s: _Schrijver, sc: Scenario) -> None:
    """Rent law (METHODE §2a): the caps' inputs, the rent index per segment, the switch for a
    rent above the maximum, each huurwoning's WWS points and each pand's monument status.
    Values, not formulas: the maximum rents are on sheet Functies, computed by the engine."""
    lijst = ["omschrijving", "waarde", "eenheid", "sleutel", "herkomst"]
    s.sectie("Huurrecht: WWS-punten, maximale huur, huurindexatie (METHODE §2a)", lijst)
    for pad, notatie, eenheid in _HUURRECHT_MARKT:
        waarde = _lees(sc, pad)
        if pad == "markt.inflatie_driejarig" and waarde is None:
            waarde = sc.markt.inflatie
        s.parameter(pad.rsplit(".", 1)[-1].replace("_", " "), pad, notatie, eenheid, waarde=waarde)
    segmenten = sc.markt.indexatie.huur_per_segment
    if segmenten is None:
        s.parameter(
            "huurindexatie per segment",
            "markt.indexatie.huur_per_segment",
            eenheid="geen: markt.indexatie.huur voor elk segment",
            waarde="geen",
        )
    else:
        for seg in ("sociaal", "midden", "vrij"):
            pad = f"markt.indexatie.huur_per_segment.{seg}"
            waarde = _lees(sc, pad)
            s.parameter(
                f"huurindexatie {seg}",
                pad,
                "procent",
                "per jaar, vóór het wettelijke plafond",
                waarde=sc.markt.indexatie.huur if waarde is None else waarde,
            )
    s.parameter(
        "huur boven maximum",
        "conventies.huur_boven_maximum",
        eenheid="weigeren | aftoppen",
    )
    for k, f in sc.functies.items():
        if not isinstance(f, Huurwoning):
            continue
        prefix = f"functies.{k}.wws"
        if f.wws is None:
            s.parameter(f"{k}: WWS", prefix, eenheid="geen punten: huur niet getoetst", waarde="")
            continue
        for pad, waarde in _bladeren(f.wws.model_dump(), prefix):
            label = f"{k}: " + pad[len(prefix) + 1 :].replace("_", " ").replace(".", ", ")
            s.parameter(
                label, pad, "getal" if isinstance(waarde, float | int) else "", waarde=waarde
            )
    for i, pand in enumerate(sc.panden):
        for pad in (f"panden[{i}].monument", f"panden[{i}].huidig.bouwjaar"):
            s.parameter(
                f"{pand.id}: {pad.rsplit('.', 1)[-1]}", pad, "jaar" if "bouwjaar" in pad else ""
            )


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


def _portefeuille(s: _Schrijver, sc: Scenario) -> None:
    """Herverkaveling, verevening and fondsen: one row per effective parameter (values;
    the allocation and the ledger are algorithms, not formulas)."""
    lijst = ["omschrijving", "waarde", "eenheid", "sleutel", "herkomst"]
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
            s.blad.tekst(s.rij, 1, "geen", "standaard")
            s.blad.tekst(s.rij, 3, naam)
            s.uit.paden.add(naam)
            s.rij += 1
    for titel, prefix, model in secties:
        s.sectie(titel, lijst)
        for pad, waarde in _bladeren(model.model_dump(), prefix):
            label = pad[len(prefix) + 1 :].replace("_", " ")
            s.parameter(label, pad, _notatie(pad), waarde=waarde)


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
