"""The general sections of 'Uitgangspunten': scenario and time, markt, conventies, kosten
(with the bouwkosten per ingreep), and the tables of partijen and functies. Scalars are
defined names the calculation sheets use (``markt_disconteringsvoet``, ``btw`` …)."""

from __future__ import annotations

from ....schema.functies import Huurwoning, Koopwoning, M2Functie
from ..bewaking import keuzes, veldtype
from ..blad import cel, geldige_naam
from .schrijver import (
    BLAD,
    INFORMATIE,
    LIJST,
    PORTEFEUILLE,
    PRIJSPEIL_HUURRECHT,
    STRUCTUUR,
    Kolom,
    Schrijver,
    als,
    altijd,
    per_soort,
    waarderingspad,
)

_HUUR_EN_M2 = (Huurwoning, M2Functie)
#: Why the gbo per woning is locked: the engine estimates the WWS points (and the WOZ value
#: from woz_per_m2) with it, values on Functies; it is for information only without them.
GBO = (
    "Vast: met de gbo per woning schat de rekenkern de WWS-punten en de WOZ-waarde "
    "(wws.schatting, woz_per_m2; METHODE §2a), die als waarden op Functies staan; zonder die "
    "schatting is het ter informatie. Wijzig dit in het scenario en exporteer opnieuw."
)
#: Why the exit yield of a DCF with `eindwaarde: 0` is locked: the YAML takes exactly one
#: of the two, so a typed exit yield would give an eindwaarde the scenario refuses.
ZONDER_EINDWAARDE = (
    "Vast: deze DCF rekent met eindwaarde 0 (geen exit yield); het scenario neemt precies "
    "één van exit_yield en eindwaarde: 0. Wijzig dit in het scenario en exporteer opnieuw."
)
FUNCTIEKOLOMMEN = [
    Kolom("naam", altijd("naam"), vast=INFORMATIE),
    Kolom("soort", altijd("soort"), vast=STRUCTUUR),
    Kolom(
        "huur / prijs",
        per_soort(
            huur_per_maand=Huurwoning, von_prijs_incl_btw=Koopwoning, huur_per_m2_per_jaar=M2Functie
        ),
        "euro_centen",
    ),
    Kolom(
        "betaalbare huur",
        per_soort(betaalbare_huur_per_maand=Huurwoning, betaalbare_huur_per_m2_per_jaar=M2Functie),
        "euro_centen",
    ),
    Kolom("betaalbaar", als((Huurwoning, Koopwoning), "betaalbaar"), vast=PORTEFEUILLE),
    Kolom("bvo per woning", als((Huurwoning, Koopwoning), "bvo_per_woning"), "getal"),
    Kolom(
        "gbo per woning",
        als((Huurwoning, Koopwoning), "gbo_per_woning"),
        "getal",
        vast=GBO,
    ),
    Kolom("vvo / bvo", als((M2Functie,), "vvo_bvo"), "factor"),
    Kolom("leegstand", als(_HUUR_EN_M2, "leegstand"), "procent"),
    Kolom(
        "vaste lasten per jaar",
        per_soort(
            **{
                "exploitatielasten.per_woning_per_jaar": Huurwoning,
                "exploitatielasten.per_m2_per_jaar": M2Functie,
            }
        ),
        "euro",
    ),
    Kolom("lasten % huur", als(_HUUR_EN_M2, "exploitatielasten.percentage_huur"), "procent"),
    Kolom("BTW verrekenbaar", altijd("btw_verrekenbaar")),
    Kolom("waardering", waarderingspad("methode", "bar", "nar", "dcf"), vast=STRUCTUUR),
    Kolom("BAR", waarderingspad("bar", "bar"), "procent"),
    Kolom("NAR", waarderingspad("nar", "nar"), "procent"),
    Kolom("DCF-termijn", waarderingspad("termijn", "dcf"), "getal"),
    Kolom(
        "exit yield",
        waarderingspad("exit_yield", "dcf"),
        "procent",
        vast_als=lambda f: ZONDER_EINDWAARDE if f.waardering.eindwaarde == 0 else None,
    ),
    Kolom("eindwaarde", waarderingspad("eindwaarde", "dcf"), "getal", vast=STRUCTUUR),
    Kolom("eigen disconteringsvoet", waarderingspad("disconteringsvoet", "dcf"), "procent"),
    Kolom(
        "kosten koper",
        waarderingspad("kosten_koper", "bar", "nar", "dcf"),
        "procent",
        lambda _f, _r: "=kosten_koper",
    ),
    Kolom("verkoopkosten", als((Koopwoning,), "verkoopkosten"), "procent"),
]
#: The price column of a functie (what kostprijsdekkende huur/prijs is expressed in).
PRIJS, BETAALBAAR = "huur / prijs", "betaalbare huur"


def sectie_scenario(s: Schrijver) -> None:
    """Scenario en tijd: the scenario's name and origin, startjaar, prijspeil and horizon."""
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


def sectie_markt(s: Schrijver) -> None:
    """Markt: the rates, the indices, BTW, kosten koper (with their total, a formula) and the
    bouwrente; each a defined name."""
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
    _kosten_koper_totaal(s)
    s.parameter("bouwrente", "markt.bouwrente", "procent", "per jaar", "bouwrente")


def _kosten_koper_totaal(s: Schrijver) -> None:
    """The row 'kosten koper totaal': overdrachtsbelasting + overig, a formula (locked) and
    the defined name kosten_koper."""
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


def secties_conventies_en_kosten(s: Schrijver) -> None:
    """Conventies (with their options from the schema), kosten and the bouwkosten per ingreep
    (a defined name each where the key makes one)."""
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


def _keuzetekst(s: Schrijver, naam: str) -> str:
    """'bouw | bouw_en_grond | opbrengst': the options of a convention, from the schema."""
    opties = keuzes(veldtype(s.sc, ("conventies", naam))[0]) or ()
    return " | ".join(opties)


_DV_KOLOM = 3  # column of the disconteringsvoet in the partijen table (rendementseis follows it)
PARTIJKOLOMMEN = [
    Kolom("naam", altijd("naam"), vast=INFORMATIE),
    Kolom("soort", altijd("soort"), vast=PORTEFEUILLE),
    Kolom(
        "disconteringsvoet",
        altijd("disconteringsvoet"),
        "procent",
        lambda _p, _r: "=markt_disconteringsvoet",
    ),
    Kolom(
        "rendementseis",
        altijd("rendementseis"),
        "procent",
        lambda _p, r: "=" + cel(r, _DV_KOLOM),
    ),
    Kolom("algemene kosten", altijd("ak"), "procent", lambda _p, _r: "=kosten_ak"),
    Kolom("winst & risico", altijd("wr"), "procent", lambda _p, _r: "=kosten_wr"),
]


def secties_partijen_en_functies(s: Schrijver) -> None:
    """The tables of partijen and functies: one row per key, one column per parameter."""
    sc = s.sc
    s.uit.partij = s.tabel(
        "Partijen", "partij", PARTIJKOLOMMEN, [(key, f"partijen.{key}") for key in sc.partijen]
    )
    s.uit.functie = s.tabel(
        "Functies", "functie", FUNCTIEKOLOMMEN, [(key, f"functies.{key}") for key in sc.functies]
    )
