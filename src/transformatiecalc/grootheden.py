"""One declaration per output quantity: name, Dutch label, unit, basis, METHODE §, axes.

The name is the column of the :class:`~.resultaat.Resultaat` tables and the field of the
JSON contract; the label heads the column on the workbook's sheets; the number format
(Excel and terminal) follows from the unit. The tables, the JSON contract, the sheets, the
terminal summary and docs/grootheden.md read them from here (a test checks that every
column and field is registered). Not here: the scenario's input keys (their units are
schema metadata), the fund and programme KPIs (``uitvoer/labels.py``) and the columns that
exist only as a step of a sheet's formulas (``uitvoer/excel/rekenbladen.py``).

    python -c "from transformatiecalc.grootheden import markdown; print(markdown(), end='')" \
        > docs/grootheden.md
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from .engine.assen import As


class Basis(StrEnum):
    """In which euros an amount is expressed (METHODE §1)."""

    NOMINAAL = "nominaal"  # euros of the year in which they fall (summed over years)
    OPLEVERING = "oplevering"  # a value at oplevering, in euros of that year
    PEILDATUM = "peildatum"  # contant in euros of the startjaar (t = 0)
    PRIJSPEIL = "prijspeil"  # a price at the prijspeil of the scenario


#: Unit → (Excel number format of ``uitvoer/excel/blad.py``, terminal kind of
#: ``uitvoer/terminal.kpi_tekst``).
NOTATIES: dict[str, tuple[str, str]] = {
    "€": ("euro", "euro"),
    "€ per prijseenheid": ("euro_centen", "euro"),
    "€ v.o.n. per woning": ("euro_centen", "euro"),
    "fractie": ("procent", "voet"),
    "fractie per jaar": ("procent", "voet"),
    "factor": ("factor", "factor"),
    "€ per € prijspeil": ("factor", "factor"),
    "€ per woning": ("euro", "euro"),
    "€ per m² BVO": ("euro", "euro"),
    "m²": ("getal", "m2"),
    "aantal": ("getal", "aantal"),
    "volgnummer": ("getal", "aantal"),
    "jaar": ("getal", "aantal"),
    "jaartal": ("jaar", "jaar"),
    "ja/nee": ("", "janee"),
    "punten": ("getal", "aantal"),
    "tekst": ("", "tekst"),
}

#: The price unit of a functie row per Soort code (the ``eenheid`` column of the functies
#: table): the unit of ``prijs``, ``betaalbare_huur``, the kostprijsdekkende prijs and the
#: betaalbaarheidsgat.
PRIJSEENHEDEN = (
    "€/maand per woning",
    "€ v.o.n. per woning",
    "€/m² vvo per jaar",
    "€/m² vvo per jaar",
)


@dataclass(frozen=True)
class Grootheid:
    """One output quantity.

    - ``naam``: column and JSON field; ``label``: Dutch, as it heads a sheet column;
    - ``eenheid``: a key of :data:`NOTATIES`; ``basis``: for amounts (None otherwise);
    - ``paragraaf``: the heading of docs/methode.md that defines it (``§4``, ``Begrippen``);
    - ``assen``: the rows it is given for (a table of :class:`~.resultaat.Resultaat`);
    - ``symbool``: its letter in METHODE (V, B, EW …); ``kort``: the terminal's column head.
    """

    naam: str
    label: str
    eenheid: str
    paragraaf: str
    assen: tuple[As, ...]
    basis: Basis | None = None
    symbool: str = ""
    kort: str = ""

    @property
    def excel(self) -> str:
        """Number format of its cells on the workbook's sheets."""
        return NOTATIES[self.eenheid][0]

    @property
    def terminal(self) -> str:
        """How the terminal writes it: a kind of ``uitvoer/terminal.kpi_tekst``."""
        return NOTATIES[self.eenheid][1]

    @property
    def label_met_symbool(self) -> str:
        """'opbrengst V': the label with the METHODE symbol, as on the calculation sheets."""
        return f"{self.label} {self.symbool}" if self.symbool else self.label

    @property
    def kop_terminal(self) -> str:
        """The column head in the terminal summary."""
        return self.kort or self.symbool or self.label


P, F, PJ, FJ = As.PAND, As.FUNCTIE, As.PAND_JAAR, As.FUNCTIE_JAAR
NOM, OPL, PEIL, PP = Basis.NOMINAAL, Basis.OPLEVERING, Basis.PEILDATUM, Basis.PRIJSPEIL
G = Grootheid

_LIJST = (
    # --- who and what
    G("pand", "pand", "tekst", "Begrippen", (P, F, PJ, FJ), kort="Pand"),
    G("naam", "naam", "tekst", "Begrippen", (P,)),
    G("eigenaar", "eigenaar", "tekst", "Begrippen", (P,), kort="Eigenaar"),
    G("eigenaar_soort", "soort eigenaar", "tekst", "Begrippen", (P,)),
    G("publiek", "publiek", "ja/nee", "§7", (P,)),
    G("exploitant", "exploitant", "tekst", "Begrippen", (P,)),
    G("regel", "regel", "volgnummer", "Begrippen", (F, FJ)),
    G("functie", "functie", "tekst", "Begrippen", (F, FJ)),
    G("soort", "soort", "tekst", "§2", (F,)),
    G("waardering", "waardering", "tekst", "§2", (F,)),
    G("ingreep", "ingreep", "tekst", "Begrippen", (F,)),
    # --- §1 time and discounting
    G("jaar", "jaar", "jaartal", "§1", (PJ, FJ)),
    G("start", "start", "jaartal", "§1", (P,)),
    G("bouwtijd", "bouwtijd", "jaar", "§1", (P,)),
    G("oplevering", "oplevering", "jaartal", "§1", (P,)),
    G("disconteringsvoet", "disconteringsvoet", "fractie per jaar", "§1", (P,)),
    G("disconteringsfactor", "disconteringsfactor", "factor", "§1", (PJ,)),
    G("bouwprofiel", "bouwprofiel (€ per € prijspeil)", "€ per € prijspeil", "§1", (PJ,)),
    # --- §2 the programme and its value
    G("woningen", "woningen", "aantal", "§2", (P, F), kort="Won."),
    G("bvo", "bvo (m²)", "m²", "Begrippen", (P, F)),
    G("prijs", "huur / prijs", "€ per prijseenheid", "§2", (F,), PP),
    G("eenheid", "eenheid", "tekst", "§2", (F,)),
    G("waarderingsvoet", "waarderingsvoet", "fractie per jaar", "§2", (F,)),
    G("opbrengst", "opbrengst", "€", "§2", (P, F), OPL, symbool="V"),
    G("bruto_huur", "bruto huur", "€", "§2", (FJ,), NOM),
    G("effectieve_huur", "effectieve huur", "€", "§2", (FJ,), NOM),
    G("exploitatielasten", "exploitatielasten", "€", "§2", (FJ,), NOM),
    G("noi", "NOI", "€", "§2", (FJ,), NOM),
    # --- §3 stichtingskosten
    G("inbreng", "inbreng", "€", "§3", (P, F, PJ), NOM),
    G("verwervingskosten", "verwervingskosten", "€", "§3", (P, F, PJ), NOM),
    G("bouwkosten", "bouwkosten", "€", "§3", (P, F, PJ), NOM, symbool="B"),
    G("bijkomende_kosten", "bijkomende kosten", "€", "§3", (P, F, PJ), NOM, symbool="BK"),
    G("onvoorzien", "onvoorzien", "€", "§3", (P, F, PJ), NOM),
    G("btw", "BTW", "€", "§3", (P, F, PJ), NOM),
    G("financieringskosten", "financieringskosten", "€", "§3", (P,), NOM, symbool="F"),
    G("algemene_kosten", "algemene kosten", "€", "§3", (P, F, PJ), NOM, symbool="AK"),
    G("winst_en_risico", "winst & risico", "€", "§3", (P, F, PJ), NOM, symbool="W&R"),
    G("stichtingskosten", "stichtingskosten", "€", "§3", (P,), NOM, symbool="SK"),
    # --- §4 the static residual
    G(
        "residuele_grondwaarde_oplevering",
        "residuele grondwaarde oplevering",
        "€",
        "§4",
        (P,),
        OPL,
        kort="RG opl.",
    ),
    G(
        "residuele_grondwaarde_peildatum",
        "residuele grondwaarde peildatum",
        "€",
        "§4",
        (P,),
        PEIL,
    ),
    G("grondquote", "grondquote", "fractie", "§4", (P,)),
    G("inbrengwaarde", "inbrengwaarde", "€", "§4", (P,), PEIL, kort="Inbreng"),
    G("boekwaarde", "boekwaarde", "€", "§4", (P,), PEIL),
    G("transformatieruimte", "transformatieruimte", "€", "§4", (P,), PEIL),
    G("afwaardering", "afwaardering", "€", "§4", (P,), PEIL),
    # --- §5 exploitatiewaarde, ORT, cash flow and the goal seeks
    G("exploitatiewaarde", "exploitatiewaarde", "€", "§5", (P, F, PJ), OPL, symbool="EW"),
    G("kasstroom", "kasstroom", "€", "§5", (PJ,), NOM),
    G("contante_waarde", "contante waarde", "€", "§5", (PJ,), PEIL),
    G("ncw", "NCW", "€", "§5", (P, F), PEIL),
    G("onrendabele_top", "onrendabele top", "€", "§5", (P, F), PEIL, symbool="ORT"),
    G(
        "ort_zonder_inbreng",
        "ORT zonder inbreng",
        "€",
        "§5",
        (P, F),
        PEIL,
        kort="ORT z. inbr.",
    ),
    G("inbreng_aandeel", "inbreng-aandeel ORT", "€", "§5", (P, F), PEIL, kort="Inbr.-aand."),
    G("ort_per_woning", "ORT per woning", "€ per woning", "§5", (P, F), PEIL, kort="ORT/won."),
    G("ort_per_m2_bvo", "ORT per m² BVO", "€ per m² BVO", "§5", (P, F), PEIL, kort="ORT/m²"),
    G(
        "break_even_bouwkosten_per_m2",
        "break-even bouwkosten per m² BVO",
        "€ per m² BVO",
        "§5",
        (P,),
        PP,
        kort="Break-even B/m²",
    ),
    G("residuele_grondwaarde_dcf", "residuele grondwaarde (DCF)", "€", "§5", (P,), PEIL),
    G("irr", "IRR", "fractie per jaar", "§5", (P,)),
    G("irr_reden", "reden geen IRR", "tekst", "§5", (P,)),
    G("rendementseis", "rendementseis", "fractie per jaar", "§5", (P,)),
    G("subsidie_sluitend", "sluitende subsidie (jaar s)", "€", "§5", (P,), NOM),
    G("max_inbrengwaarde", "maximale inbrengwaarde", "€", "§5", (P,), PEIL),
    G("huurfactor_rendementseis", "huurfactor rendementseis", "factor", "§5", (P,)),
    G("kostprijsdekkende_huur", "kostprijsdekkende huur", "€ per prijseenheid", "§5", (F,), PP),
    G(
        "kostprijsdekkende_von_prijs",
        "kostprijsdekkende v.o.n.-prijs",
        "€ v.o.n. per woning",
        "§5",
        (F,),
        PP,
    ),
    G("betaalbare_huur", "betaalbare huur", "€ per prijseenheid", "§5", (F,), PP),
    G("betaalbaarheidsgat", "betaalbaarheidsgat", "€ per prijseenheid", "§5", (F,), PP),
    G("break_even_bar", "break-even BAR", "fractie", "§5", (F,)),
    G("break_even_nar", "break-even NAR", "fractie", "§5", (F,)),
    # --- §2a rent law: WWS points, maximum rent, segment
    G("wws_punten", "WWS-punten", "punten", "§2a", (F,)),
    G("wws_bron", "bron WWS-punten", "tekst", "§2a", (F,)),
    G("segment", "segment", "tekst", "§2a", (F,)),
    G("maximale_huur", "maximale huur", "€ per prijseenheid", "§2a", (F,), PP),
    G("wws_opslag", "WWS-opslag", "fractie", "§2a", (F,)),
    G("huur_boven_maximum", "huur boven maximum", "ja/nee", "§2a", (F,)),
    G(
        "kostprijsdekkend_binnen_maximum",
        "kostprijsdekkende huur past binnen de wet",
        "ja/nee",
        "§2a",
        (F,),
    ),
    G("betaalbare_huur_bron", "bron betaalbare huur", "tekst", "§2a", (F,)),
    G("indexatie_huur", "huurindexatie", "fractie per jaar", "§2a", (F,)),
    # --- §6–7 the portfolio stages
    G("onrendabele_top_na", "onrendabele top na", "€", "§7", (P,), PEIL, kort="ORT na"),
)
del G

#: Every output quantity by name, in the order above (by METHODE §).
GROOTHEDEN: dict[str, Grootheid] = {g.naam: g for g in _LIJST}


def namen(as_: As, *lijst: str) -> tuple[str, ...]:
    """`lijst` as a tuple, after checking that each name is a quantity given per `as_`
    (a view in its own order: a JSON object's fields, a sheet's columns)."""
    for naam in lijst:
        if as_ not in GROOTHEDEN[naam].assen:
            raise ValueError(f"{naam} is geen grootheid per {as_}")
    return lijst


#: Posts of the static residual (METHODE §4) between V and RG, in build-up order.
RG_POSTEN = namen(
    P,
    "bouwkosten",
    "bijkomende_kosten",
    "onvoorzien",
    "btw",
    "financieringskosten",
    "algemene_kosten",
    "winst_en_risico",
)


def markdown() -> str:
    """docs/grootheden.md: every output quantity with its label, unit, basis, § and axes."""
    regels = [
        "# Grootheden van de uitvoer",
        "",
        "Gegenereerd uit `src/transformatiecalc/grootheden.py` (`markdown()`, zie de docstring",
        "van die module); niet met de hand bewerken. Elke kolom van de tabellen van `Resultaat`",
        "en elk veld per pand en per functie in de JSON staat hier, met het label in de werkmap",
        "en de notatie van de cellen. Basis: `nominaal` = euro's van het jaar waarin ze vallen,",
        "`oplevering` = waarde bij oplevering in euro's van dat jaar, `peildatum` = contant in",
        "euro's van het startjaar, `prijspeil` = een prijs op het prijspeil. `€ per",
        "prijseenheid` is de eenheid in de kolom `eenheid`: "
        + ", ".join(dict.fromkeys(PRIJSEENHEDEN))
        + ".",
        "",
        "| naam | label | eenheid | basis | § | per | Excel |",
        "|---|---|---|---|---|---|---|",
    ]
    for g in GROOTHEDEN.values():
        regels.append(
            f"| `{g.naam}` | {g.label_met_symbool} | {g.eenheid} | {g.basis or ''} | "
            f"{g.paragraaf} | {', '.join(g.assen)} | {g.excel} |"
        )
    return "\n".join(regels) + "\n"
