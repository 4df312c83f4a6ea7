"""The sections of docs/scenario.md: every model of the scenario with its path and introduction.

A table, read by :mod:`.documentatie` (the generated reference) and by the test that every
field has a unit where it needs one.
"""

from __future__ import annotations

from pydantic import BaseModel

from .analyse import Correlatie, Driehoek, Lognormaal, Normaal, Onzekerheid, Uniform, Variant
from .fondsen import (
    DeelnemingInstrument,
    ErfpachtInstrument,
    Fonds,
    FondsToewijzing,
    GarantieInstrument,
    LeningInstrument,
    SubsidieInstrument,
    Tranche,
    Voor,
    Wanbetaling,
)
from .functies import (
    Bar,
    Dcf,
    Huurwoning,
    Koopwoning,
    LastenM2,
    LastenWoning,
    M2Functie,
    Nar,
    Wws,
)
from .markt import Conventies, HuurPerSegment, Indexaties, Kosten, KostenKoper, Markt
from .panden import Huidig, Pand, ProgrammaRegel, Transformatie
from .partijen import Partij
from .scenario import Scenario
from .verevening import Privaat, Project, Verevening, VereveningToewijzing
from .wws import WwsSchatting

#: (title, model, path as users write it, Dutch introduction) in reading order.
SECTIES: tuple[tuple[str, type[BaseModel], str, str], ...] = (
    ("Scenario (bovenste niveau)", Scenario, "", "Naam, tijd en de secties van het scenario."),
    ("markt", Markt, "markt", "Marktaannames die voor alle panden gelden (METHODE §1–2)."),
    (
        "markt.indexatie",
        Indexaties,
        "markt.indexatie",
        "Jaarlijkse prijsontwikkeling per categorie: bedrag in jaar j = bedrag · (1 + i)^(j − prijspeil).",
    ),
    (
        "markt.indexatie.huur_per_segment",
        HuurPerSegment,
        "markt.indexatie.huur_per_segment",
        "Huurindexatie per huursegment voor huurwoningen met WWS-punten, begrensd door het "
        "wettelijke plafond van het segment (METHODE §2a).",
    ),
    (
        "markt.kosten_koper",
        KostenKoper,
        "markt.kosten_koper",
        "Kosten koper zetten een waarde vrij op naam (v.o.n.) om in een waarde kosten koper (k.k.).",
    ),
    (
        "conventies",
        Conventies,
        "conventies",
        "De rekenkeuzes waarover praktijkmensen verschillen; elke keuze staat hier expliciet (METHODE §3–5).",
    ),
    ("kosten", Kosten, "kosten", "Bouwkosten per ingreep en de opslagen daarop (METHODE §3)."),
    (
        "partijen.<naam>",
        Partij,
        "partijen.<naam>",
        "Eigenaren en exploitanten. gemeente en corporatie zijn publiek, de andere soorten privaat.",
    ),
    (
        "functies.<naam> — soort: huurwoning",
        Huurwoning,
        "functies.<naam>",
        "Een huurwoning, geteld in woningen.",
    ),
    (
        "functies.<naam> — soort: koopwoning",
        Koopwoning,
        "functies.<naam>",
        "Een koopwoning, geteld in woningen; de opbrengst volgt uit de v.o.n.-prijs.",
    ),
    (
        "functies.<naam> — soort: commercieel of maatschappelijk",
        M2Functie,
        "functies.<naam>",
        "Winkel, horeca, werkplaats, praktijk …, geteld in m² BVO; de huur geldt per m² VVO.",
    ),
    (
        "functies.<naam>.wws (huurwoning)",
        Wws,
        "functies.<naam>.wws",
        "De WWS-punten van één woning, op precies één van drie manieren (METHODE §2a). Ermee "
        "toetst de engine de huur aan de maximale huur van de Wet betaalbare huur.",
    ),
    (
        "functies.<naam>.wws.schatting",
        WwsSchatting,
        "functies.<naam>.wws.schatting",
        "De punten geschat in de planfase uit wat een projectleider weet; de GBO komt uit "
        "gbo_per_woning. Rubrieken en standaarden: METHODE §2a, Punten schatten in de planfase.",
    ),
    (
        "exploitatielasten (huurwoning)",
        LastenWoning,
        "functies.<naam>.exploitatielasten",
        "Vaste lasten per woning (geïndexeerd) plus een percentage van de bruto huur.",
    ),
    (
        "exploitatielasten (commercieel, maatschappelijk)",
        LastenM2,
        "functies.<naam>.exploitatielasten",
        "Vaste lasten per m² VVO (geïndexeerd) plus een percentage van de bruto huur.",
    ),
    (
        "waardering — methode: bar",
        Bar,
        "functies.<naam>.waardering",
        "Waarde = bruto huur bij oplevering / BAR, omgezet van v.o.n. naar k.k.",
    ),
    (
        "waardering — methode: nar",
        Nar,
        "functies.<naam>.waardering",
        "Waarde = netto huur (NOI) in het eerste jaar / NAR, omgezet van v.o.n. naar k.k.",
    ),
    (
        "waardering — methode: dcf",
        Dcf,
        "functies.<naam>.waardering",
        "Waarde = contante waarde van de NOI over de termijn plus een eindwaarde.",
    ),
    (
        "panden[i]",
        Pand,
        "panden[i]",
        "Een pand (of aaneengesloten panden die als één worden behandeld).",
    ),
    (
        "panden[i].huidig",
        Huidig,
        "panden[i].huidig",
        "De huidige staat. De inbrengwaarde komt uit inbrengwaarde, anders marktwaarde, anders "
        "huur_per_jaar / bar.",
    ),
    (
        "panden[i].transformatie",
        Transformatie,
        "panden[i].transformatie",
        "Wat er met het pand gebeurt en wanneer.",
    ),
    (
        "panden[i].transformatie.programma[j]",
        ProgrammaRegel,
        "panden[i].transformatie.programma[j]",
        "Eén functie in het nieuwe programma: woningen bij woningfuncties, bvo bij m²-functies.",
    ),
    (
        "projecten[i]",
        Project,
        "projecten[i]",
        "Herverkaveling: panden van meerdere eigenaren als één businesscase (METHODE §6).",
    ),
    (
        "verevening",
        Verevening,
        "verevening",
        "Overschotten naar tekorten, per gebied (METHODE §6).",
    ),
    (
        "verevening.privaat",
        Privaat,
        "verevening.privaat",
        "Wanneer en hoeveel een privaat pand bijdraagt: alleen met een grondslag.",
    ),
    (
        "verevening.toewijzing",
        VereveningToewijzing,
        "verevening.toewijzing",
        "Hoe de pot over de tekorten wordt verdeeld; nooit meer dan een tekort.",
    ),
    ("fondsen[i]", Fonds, "fondsen[i]", "Een binnenstadsfonds (METHODE §7)."),
    (
        "fondsen[i].tranches[j]",
        Tranche,
        "fondsen[i].tranches[j]",
        "Geld dat in het fonds komt; rang 1 wordt het eerst terugbetaald en draagt verlies het laatst.",
    ),
    (
        "instrumenten[k] — soort: subsidie",
        SubsidieInstrument,
        "fondsen[i].instrumenten[k]",
        "Een bijdrage om niet: een deel van de onrendabele top, met plafonds.",
    ),
    (
        "instrumenten[k] — soort: lening",
        LeningInstrument,
        "fondsen[i].instrumenten[k]",
        "Een lening; alleen het subsidie-equivalent (rente onder de marktrente) sluit een tekort.",
    ),
    (
        "instrumenten[k] — soort: garantie",
        GarantieInstrument,
        "fondsen[i].instrumenten[k]",
        "Het fonds staat borg voor een deel van de bankfinanciering; de bank verlaagt de rente.",
    ),
    (
        "instrumenten[k] — soort: deelneming",
        DeelnemingInstrument,
        "fondsen[i].instrumenten[k]",
        "Het fonds koopt het pand, transformeert het en verkoopt het na een aantal jaren.",
    ),
    (
        "instrumenten[k] — soort: erfpacht",
        ErfpachtInstrument,
        "fondsen[i].instrumenten[k]",
        "Het fonds koopt een deel van de grond en geeft het in erfpacht tegen een canon.",
    ),
    (
        "instrumenten[k].voor",
        Voor,
        "fondsen[i].instrumenten[k].voor",
        "Voor welke panden een instrument openstaat.",
    ),
    (
        "instrumenten[k].wanbetaling",
        Wanbetaling,
        "fondsen[i].instrumenten[k].wanbetaling",
        "Verwacht verlies op een lening of garantie.",
    ),
    (
        "fondsen[i].toewijzing",
        FondsToewijzing,
        "fondsen[i].toewijzing",
        "In welke volgorde panden en instrumenten aan bod komen.",
    ),
    (
        "varianten[i]",
        Variant,
        "varianten[i]",
        "Een variant wijzigt waarden op paden; de rest blijft (METHODE §8). `transformatiecalc "
        "vergelijk` zet de varianten naast de basis.",
    ),
    (
        "onzekerheid",
        Onzekerheid,
        "onzekerheid",
        "Monte Carlo: verdelingen op getallen in het scenario, samen getrokken (METHODE §8). "
        "`transformatiecalc onzeker` rekent de trekkingen door.",
    ),
    (
        "onzekerheid.parameters.<pad> — verdeling: normaal",
        Normaal,
        "onzekerheid.parameters.<pad>",
        "Normale verdeling.",
    ),
    (
        "onzekerheid.parameters.<pad> — verdeling: lognormaal",
        Lognormaal,
        "onzekerheid.parameters.<pad>",
        "Lognormale verdeling: gemiddelde en sd van de waarde zelf (alleen positief).",
    ),
    (
        "onzekerheid.parameters.<pad> — verdeling: driehoek",
        Driehoek,
        "onzekerheid.parameters.<pad>",
        "Driehoeksverdeling: ondergrens, meest waarschijnlijke waarde, bovengrens.",
    ),
    (
        "onzekerheid.parameters.<pad> — verdeling: uniform",
        Uniform,
        "onzekerheid.parameters.<pad>",
        "Uniforme verdeling tussen ondergrens en bovengrens.",
    ),
    (
        "onzekerheid.correlaties[i]",
        Correlatie,
        "onzekerheid.correlaties[i]",
        "Samenhang tussen twee onzekere parameters.",
    ),
)
