"""docs/scenario.md, generated from the models: every key, its type, range, default and meaning.

Generating the reference from the same ``Field(description=…)`` text that the JSON
Schema carries keeps the documented defaults equal to the ones the code applies; a
test fails when the committed file is stale.
"""

from __future__ import annotations

import types
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

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
from .grenzen import grenzen_van
from .markt import Conventies, HuurPerSegment, Indexaties, Kosten, KostenKoper, Markt
from .panden import Huidig, Pand, ProgrammaRegel, Transformatie
from .partijen import Partij
from .regels.codes import CODES
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

_NAMEN = {m: titel for titel, m, _, _ in SECTIES}


def _getal(x: float) -> str:
    return (str(int(x)) if float(x).is_integer() else str(x)).replace(".", ",")


def _bereik(metadata: list[Any]) -> str:
    """' (≥ 0,001, ≤ 0,3; plausibel 0,01 … 0,25)' from a field's constraints (schema.grenzen)."""
    tekst = grenzen_van(float, metadata).tekst()
    return f" ({tekst})" if tekst else ""


def _type(tp: Any) -> str:
    if get_origin(tp) is not None and hasattr(tp, "__metadata__"):
        return _type(get_args(tp)[0]) + _bereik(list(tp.__metadata__))
    if get_origin(tp) in (Union, types.UnionType):
        leden = [a for a in get_args(tp) if a is not type(None)]
        return " of ".join(_type(a) for a in leden)
    if get_origin(tp) is Literal:
        return " \\| ".join(f"`{a}`" for a in get_args(tp))
    if get_origin(tp) is list:
        return f"lijst van {_type(get_args(tp)[0])}"
    if get_origin(tp) is dict:
        return f"mapping naam → {_type(get_args(tp)[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        titel = _NAMEN.get(tp)
        return f"zie [{titel}](#{_anker(titel)})" if titel else tp.__name__
    return {float: "getal", int: "geheel getal", str: "tekst", bool: "`true` \\| `false`"}.get(
        tp, str(tp)
    )


def _anker(titel: str) -> str:
    """GitHub-style heading anchor."""
    tekens = [c for c in titel.lower() if c.isalnum() or c in " -_"]
    return "".join(tekens).replace(" ", "-")


def _standaard(info: Any) -> str:
    if info.is_required():
        return "**verplicht**"
    if info.default_factory is not None:
        waarde = info.default_factory()
        return "lege mapping" if waarde == {} else "zie sectie"
    if info.default is None or info.default is PydanticUndefined:
        return "zie toelichting"
    if info.default == "":
        return "leeg"
    if isinstance(info.default, bool):
        return f"`{str(info.default).lower()}`"
    if isinstance(info.default, float | int):
        return f"`{_getal(info.default)}`"
    return f"`{info.default}`"


def eenheid(info: FieldInfo) -> str:
    """The unit of a field (``json_schema_extra={"eenheid": …}``: €, €/m², m², fractie,
    jaar …), or '' for a field without one."""
    extra = info.json_schema_extra
    return str(extra.get("eenheid", "")) if isinstance(extra, dict) else ""


def scenario_markdown() -> str:
    """The scenario reference in Dutch Markdown."""
    regels = [
        "# Scenarioformaat — naslag",
        "",
        "Dit bestand is gegenereerd uit de code (`transformatiecalc schema --markdown`); wijzig de",
        "beschrijvingen in `src/transformatiecalc/schema/`, niet hier. Een uitgewerkt voorbeeld staat",
        "in `scenarios/voorbeeld_binnenstad.yaml`, de rekenregels in `docs/methode.md`.",
        "",
        "Afspraken: sleutels in lower_snake_case; bedragen in euro's excl. BTW op het prijspeil",
        "(tenzij de sleutel `_incl_btw` zegt); oppervlakken in m²; percentages als fractie",
        "(`0.055` = 5,5 %); `_` mag als duizendtalscheiding. De eenheid van een sleutel staat ook in het",
        "JSON Schema (`eenheid`). Onbekende en dubbele sleutels zijn",
        "fouten. Een lege standaard (*zie toelichting*) wordt bij het laden afgeleid zoals de",
        "toelichting zegt; de resultaten tonen altijd de waarde waarmee is gerekend.",
        "",
    ]
    for titel, model, pad, inleiding in SECTIES:
        regels += [f"## {titel}", "", inleiding, ""]
        regels += [
            "| sleutel | type | eenheid | standaard | toelichting |",
            "|---|---|---|---|---|",
        ]
        for naam, info in model.model_fields.items():
            tp_tekst = _type(info.annotation) + _bereik(list(info.metadata))
            volledig = f"{pad}.{naam}" if pad else naam
            beschrijving = (info.description or "").replace("|", "\\|")
            regels.append(
                f"| `{volledig}` | {tp_tekst} | {eenheid(info)} | {_standaard(info)} | "
                f"{beschrijving} |"
            )
        regels.append("")
    return "\n".join([*regels, *_foutcodes()])


def _foutcodes() -> list[str]:
    """The section listing every error code (schema.regels.codes)."""
    regels = [
        "## Foutcodes",
        "",
        "Elke melding heeft naast haar tekst een korte, vaste code (`Melding.code` in Python), voor",
        "wie meldingen in code verwerkt; de tekst op de terminal toont haar niet. Codes met een punt",
        "zijn regels van transformatiecalc (`sectie.regel`); codes zonder punt zijn de fouttypen van",
        "pydantic, zoals pydantic ze noemt (ook andere dan deze lijst, zoals `value_error`).",
        "",
        "| code | betekenis |",
        "|---|---|",
    ]
    regels += [f"| `{c.code}` | {c.uitleg} |" for c in CODES.values()]
    regels.append("")
    return regels
