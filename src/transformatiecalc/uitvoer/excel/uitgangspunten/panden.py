"""The sections 'Extra kosten', 'Panden' and 'Programma' of 'Uitgangspunten': the extra
kosten per post, one row per pand (with its extra kosten summed and the spread of its
bouwkosten), and one row per programme line."""

from __future__ import annotations

from typing import Any

from ....schema import Scenario
from ....schema.functies import Huurwoning, Koopwoning
from ....schema.grenzen import grenzen_van
from ....schema.panden import Transformatie
from ....schema.regels.codes import CODES
from ..bewaking import Regel, grenstekst, stappen
from ..blad import cel
from .schrijver import (
    BLAD,
    INFORMATIE,
    MAX_BOUWJAREN,
    PORTEFEUILLE,
    STRUCTUUR,
    Kolom,
    Schrijver,
    altijd,
)

#: Why the woningen of a programme line in m² are locked.
IN_M2 = (
    "Vast: deze functie telt in m² (bvo), niet in woningen; het scenario weigert woningen "
    "op deze regel."
)
TE_VROEG, NA_HORIZON = CODES["pand.start_te_vroeg"], CODES["pand.oplevering_na_horizon"]


def _jaarregel(veld: str, eis: str, voorwaarde: str) -> Regel:
    """A whole number within the schema's bounds of transformatie.`veld`, plus `voorwaarde`
    (a formula of {c}, the cell, and its neighbours {c1} right and {c_1} left); `eis`
    says in Dutch what that condition asks."""
    f = Transformatie.model_fields[veld]
    g = grenzen_van(f.annotation, f.metadata)
    return Regel(
        (
            ("validate", "custom"),
            ("error_title", "Ongeldige invoer"),
            ("error_message", f"{veld}: {grenstekst(g)}; {eis}"[:255]),
            ("error_type", "stop"),
        ),
        f"=AND(ISNUMBER({{c}}),{{c}}=INT({{c}}),{{c}}>={g.laag!r},{{c}}<={g.hoog!r},{voorwaarde})",
    )


def _startregel() -> Regel:
    """start: not before the startjaar, and oplevering (start + bouwtijd, the cell to its
    right) within the horizon."""
    return _jaarregel(
        "start",
        "niet vóór het startjaar, en start + bouwtijd hoogstens startjaar + horizon "
        f"({TE_VROEG.uitleg}; {NA_HORIZON.uitleg})",
        "{c}>=startjaar,{c}+{c1}<=startjaar+horizon",
    )


def _bouwtijdregel() -> Regel:
    """bouwtijd: oplevering (start, the cell to its left, + bouwtijd) within the horizon, as
    the start cell checks it: a longer bouwtijd can push oplevering past the horizon as well
    as a later start."""
    return _jaarregel(
        "bouwtijd",
        f"start + bouwtijd hoogstens startjaar + horizon ({NA_HORIZON.uitleg})",
        "{c_1}+{c}<=startjaar+horizon",
    )


def _inbrengbron(_pand: Any, r: int) -> str:
    """The inbrengwaarde's default, in the engine's order (schema/standaarden.py): the
    marktwaarde when its cell holds a number, else huur per jaar / BAR. Live both ways: a
    marktwaarde typed into the empty cell of a pand valued by huur / BAR becomes its
    inbrengwaarde, and clearing the marktwaarde falls back on huur / BAR."""
    markt = cel(r, PK["marktwaarde"])
    huur, bar = cel(r, PK["huidige huur per jaar"]), cel(r, PK["huidige BAR"])
    return f"=IF(ISNUMBER({markt}),{markt},{huur}/{bar})"


#: The columns of the Panden table before the extra kosten, the spread and the portfolio
#: columns (those follow in _pandrij); the pand id stands in column 0.
PANDKOLOMMEN = [
    Kolom("naam", altijd("naam"), vast=INFORMATIE),
    Kolom("eigenaar", altijd("eigenaar"), vast=STRUCTUUR),
    Kolom("exploitant", altijd("transformatie.exploitant"), vast=STRUCTUUR),
    Kolom("huidige functie", altijd("huidig.functie"), vast=INFORMATIE),
    Kolom("huidig bvo", altijd("huidig.bvo"), "getal", vast=INFORMATIE),
    Kolom("huidige huur per jaar", altijd("huidig.huur_per_jaar"), "euro"),
    Kolom("huidige leegstand", altijd("huidig.leegstand"), "procent", vast=INFORMATIE),
    Kolom("huidige BAR", altijd("huidig.bar"), "procent"),
    Kolom("marktwaarde", altijd("huidig.marktwaarde"), "euro"),
    Kolom("inbrengwaarde", altijd("huidig.inbrengwaarde"), "euro", _inbrengbron),
    Kolom(
        "boekwaarde",
        altijd("huidig.boekwaarde"),
        "euro",
        lambda _p, r: "=" + cel(r, PK["inbrengwaarde"]),
    ),
    Kolom("start", altijd("transformatie.start"), "jaar", regel=_startregel()),
    Kolom("bouwtijd", altijd("transformatie.bouwtijd"), "getal", regel=_bouwtijdregel()),
    Kolom("ingreep", altijd("transformatie.ingreep"), vast=STRUCTUUR),
    Kolom("verwerving", altijd("transformatie.verwerving")),
]
PK: dict[str, int] = {k.kop: i for i, k in enumerate(PANDKOLOMMEN, start=1)}
#: Columns after PANDKOLOMMEN: extra kosten, the spread, its check, then the portfolio.
EXTRA = len(PANDKOLOMMEN) + 1
VERDELING = EXTRA + 1
CONTROLE = VERDELING + MAX_BOUWJAREN
PANDKOLOMMEN_NA = [
    Kolom("gebied", altijd("gebied"), vast=PORTEFEUILLE),
    Kolom(
        "anterieure overeenkomst",
        altijd("transformatie.anterieure_overeenkomst"),
        vast=PORTEFEUILLE,
    ),
]


def sectie_panden(s: Schrijver, sc: Scenario) -> None:
    """The section of the panden's extra kosten, then the table of panden.

    The extra kosten come first so that a pand's total is a SUM over rows already written
    (rows go in order): nothing is computed ahead, and both tables repeat their title and
    header on every printed page (Schrijver.rijstart) like the other long sections. Before,
    the panden came first and the rows of the extra kosten were computed ahead, which a
    header repeated within the tables would have moved: with hundreds of panden, pages
    printed without a header. A SUMIF on the pand id instead would match
    case-insensitively and read "01" or "1E1" as numbers, giving `p1` the extra kosten of
    `P1`."""
    extra_rijen = _extra_kosten(s, sc)
    koppen = [
        "pand",
        *[k.kop for k in PANDKOLOMMEN],
        "extra kosten",
        *[f"verdeling jaar {j + 1}" for j in range(MAX_BOUWJAREN)],
        "controle verdeling",
        *[k.kop for k in PANDKOLOMMEN_NA],
    ]
    s.sectie("Panden", koppen)
    for i in range(len(sc.panden)):
        s.rijstart()
        _pandrij(s, sc, i, extra_rijen[i])
        s.rij += 1


def _pandrij(s: Schrijver, sc: Scenario, i: int, extra: list[int]) -> None:
    """One pand's row: its columns, the sum of its extra kosten (`extra`: their rows), the
    spread of the bouwkosten (a formula of the bouwtijd unless the scenario gives it) and
    its check."""
    r, p, blad = s.rij, f"panden[{i}]", s.blad
    pand = sc.panden[i]
    s.waarde(r, 0, f"{p}.id", vast=INFORMATIE)
    adressen = s.tabelrij(p, PANDKOLOMMEN)
    for kop in (
        "huidige BAR",
        "marktwaarde",
        "inbrengwaarde",
        "boekwaarde",
        "start",
        "bouwtijd",
        "verwerving",
    ):
        s.uit.pand[(i, kop)] = adressen[kop]
    if extra:
        blad.formule(
            r,
            EXTRA,
            f"=SUM({_bereiken(extra, 2)})",
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


def _verdeling(s: Schrijver, i: int, r: int) -> None:
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


def _bereiken(rijen: list[int], kolom: int) -> str:
    """The cells of `kolom` on `rijen` (ascending) as ranges of consecutive rows, for a SUM:
    a header repeated at a page start may stand between two rows of one pand."""
    reeksen: list[list[int]] = []
    for r in rijen:
        if reeksen and r == reeksen[-1][-1] + 1:
            reeksen[-1].append(r)
        else:
            reeksen.append([r])
    return ",".join(
        cel(a[0], kolom) if len(a) == 1 else f"{cel(a[0], kolom)}:{cel(a[-1], kolom)}"
        for a in reeksen
    )


def _extra_kosten(s: Schrijver, sc: Scenario) -> list[list[int]]:
    """One row per extra kosten post of each pand; returns each pand's rows."""
    s.sectie(
        "Extra kosten (onderdeel van de bouwkosten, verdeeld naar BVO)",
        ["pand", "post", "bedrag", "sleutel", "herkomst"],
    )
    blad = s.blad
    rijen: list[list[int]] = []
    for i, pand in enumerate(sc.panden):
        rijen.append([])
        for naam, bedrag in pand.transformatie.extra_kosten.items():
            s.rijstart()
            rijen[-1].append(s.rij)
            blad.tekst(s.rij, 0, pand.id)
            blad.tekst(s.rij, 1, naam)
            # the key is user text and may hold a dot or a bracket: pass the value and the
            # steps, do not look the path up
            pad = f"panden[{i}].transformatie.extra_kosten.{naam}"
            weg = ("panden", i, "transformatie", "extra_kosten", naam)
            s.waarde(s.rij, 2, pad, "euro", waarde=bedrag, weg=weg)
            blad.tekst(s.rij, 3, pad)
            s.rij += 1
    return rijen


def sectie_programma(s: Schrijver, sc: Scenario) -> None:
    """One row per programme line: functie, woningen, bvo (per woning: a formula) and ingreep."""
    s.sectie("Programma", ["pand", "regel", "functie", "woningen", "bvo", "ingreep"])
    for i, pand in enumerate(sc.panden):
        for j, regel in enumerate(pand.transformatie.programma):
            p = f"panden[{i}].transformatie.programma[{j}]"
            s.rijstart()
            r = s.rij
            s.blad.tekst(r, 0, pand.id)
            s.blad.getal(r, 1, j, "tekst", "getal")
            s.waarde(r, 2, f"{p}.functie", vast=STRUCTUUR)
            functie = sc.functies[regel.functie]
            # a commercial or social line counts in m² (the YAML refuses woningen there):
            # its woningen cell is locked, not an input the workbook would ignore
            in_m2 = None if isinstance(functie, Huurwoning | Koopwoning) else IN_M2
            woningen = s.waarde(r, 3, f"{p}.woningen", "getal", vast=in_m2)
            if in_m2 is None:
                s.uit.programma[(i, j, "woningen")] = woningen
            per_woning = s.uit.functie.get((regel.functie, "bvo per woning"))
            formule = (
                f"={cel(r, 3)}*{per_woning}" if regel.woningen is not None and per_woning else None
            )
            s.uit.programma[(i, j, "bvo")] = s.waarde(r, 4, f"{p}.bvo", "getal", formule)
            s.waarde(r, 5, f"{p}.ingreep", vast=STRUCTUUR)
            s.rij += 1
