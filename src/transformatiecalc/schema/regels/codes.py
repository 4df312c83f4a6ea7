"""The error codes a :class:`~transformatiecalc.fouten.Melding` can carry, with their meaning.

A code is short, stable and machine-readable. Codes with a dot (``pand.eigenaar_onbekend``)
are transformatiecalc's own rules, ``sectie.regel``; codes without a dot are pydantic's error
types (``greater_than``, ``missing``, ``extra_forbidden``), kept as pydantic names them. The
table is printed in docs/scenario.md ("Foutcodes"); a test checks that every rule's code is
listed here.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    """One error code: the section it belongs to, and what it means (Dutch, for the docs).

    ``sleutel`` says the message points at the key of the value (a path, a name) rather
    than at the value itself.
    """

    code: str
    sectie: str
    uitleg: str
    sleutel: bool = False


def _codes(sectie: str, *paren: tuple[str, str], sleutel: bool = False) -> list[Code]:
    return [Code(code, sectie, uitleg, sleutel) for code, uitleg in paren]


_LIJST: list[Code] = [
    *_codes(
        "bestand",
        ("bestand.geweigerd", "het bestand mag niet gelezen worden (toegang, grootte)"),
        ("bestand.leeg", "het bestand is leeg of bevat alleen commentaar"),
        ("bestand.geen_utf8", "het bestand is geen geldige UTF-8"),
        ("bestand.controleteken", "het bestand bevat een onzichtbaar controleteken"),
        ("bestand.geen_mapping", "het bestand is geen mapping (sleutel: waarde)"),
        ("bestand.geen_scenario", "geen van de sleutels van het bestand is een scenariosleutel"),
    ),
    *_codes(
        "yaml",
        ("yaml.syntax", "YAML-syntaxfout"),
        ("yaml.te_diep", "dieper genest dan een scenario ooit is"),
        ("yaml.anker", "ankers en aliassen (&naam, *naam) zijn niet toegestaan"),
        ("yaml.tag", "een YAML-tag (!!python/…) is niet toegestaan"),
        ("yaml.samenvoegsleutel", "samenvoegsleutels (<<) zijn niet toegestaan"),
        ("yaml.sleutel_geen_waarde", "een sleutel is een lijst of mapping"),
        ("yaml.sleutel_geen_tekst", "een sleutel is een getal, true/false of leeg"),
        ("yaml.sleutel_dubbel", "een sleutel komt twee keer voor in dezelfde mapping"),
        ("yaml.getal_te_lang", "een getal van meer tekens dan een scenario schrijft"),
        ("yaml.surrogaat", "tekst met een losse surrogaat (geen geldig Unicode-teken)"),
    ),
    *_codes(
        "tekst",
        ("tekst.controleteken", "een tekst of sleutel bevat een onzichtbaar controleteken"),
    ),
    *_codes(
        "erft_van",
        ("erft_van.geen_bestandsnaam", "erft_van is geen bestandsnaam"),
        ("erft_van.geen_yaml", "erft_van wijst niet naar een .yaml-bestand"),
        ("erft_van.niet_gevonden", "het basisbestand bestaat niet"),
        ("erft_van.geweigerd", "het basisbestand ligt buiten de toegestane mappen"),
        ("erft_van.kring", "erft_van vormt een kring"),
        ("erft_van.te_diep", "erft_van is meer dan 10 lagen diep"),
        ("erft_van.geen_scenario", "het basisbestand is geen scenario"),
    ),
    *_codes(
        "panden_uit",
        ("panden_uit.geen_bestandsnaam", "panden_uit is geen bestandsnaam"),
        ("panden_uit.soort", "panden_uit wijst niet naar een .xlsx- of .csv-bestand"),
        ("panden_uit.samen_met_panden", "een bestand geeft zowel panden als panden_uit"),
        ("panden_uit.niet_gevonden", "het spreadsheet bestaat niet"),
        ("panden_uit.geweigerd", "het spreadsheet ligt buiten de toegestane mappen of is te groot"),
        ("panden_uit.onleesbaar", "het spreadsheet is geen geldig .xlsx- of UTF-8-CSV-bestand"),
        ("panden_uit.te_groot", "het spreadsheet heeft meer rijen of kolommen dan toegestaan"),
        ("panden_uit.blad_ontbreekt", "het werkboek heeft geen blad Panden"),
        ("panden_uit.geen_panden", "het spreadsheet heeft geen panden"),
        ("panden_uit.kop_dubbel", "een kolomkop komt twee keer voor"),
        (
            "panden_uit.kop_ongeldig",
            "een kolomkop is geen sleutelpad, of een waarde heeft geen kop",
        ),
        ("panden_uit.pand_onbekend", "een programmaregel noemt geen of een onbekend pand"),
        ("panden_uit.formule_zonder_waarde", "een formule zonder berekende waarde"),
        ("panden_uit.getal_dubbelzinnig", "een getal als 1.150: duizendtallen of decimalen?"),
        ("panden_uit.getal_te_lang", "een getal van meer tekens dan een scenario schrijft"),
    ),
    *_codes(
        "werkboek",
        ("werkboek.onleesbaar", "uit-werkboek: het bestand is geen geldig .xlsx-werkboek"),
        (
            "werkboek.geen_kaart",
            "uit-werkboek: het werkboek heeft geen (volledig) blad Invoerkaart",
        ),
        (
            "werkboek.basis_niet_gevonden",
            "uit-werkboek: het oorspronkelijke scenario is niet gevonden",
        ),
        (
            "werkboek.basis_gewijzigd",
            "uit-werkboek: het oorspronkelijke scenario is gewijzigd sinds de export (sha256)",
        ),
        ("werkboek.vast", "uit-werkboek: een vaste (grijze) cel is gewijzigd"),
        ("werkboek.formule", "uit-werkboek: een vergrendelde formule is overschreven"),
        ("werkboek.leeg", "uit-werkboek: een invoercel is leeg gemaakt"),
        ("werkboek.formule_zonder_waarde", "uit-werkboek: een formule zonder berekende waarde"),
        (
            "werkboek.getal_dubbelzinnig",
            "uit-werkboek: een getal als 1.150: duizendtallen of decimalen?",
        ),
        (
            "werkboek.getal_te_lang",
            "uit-werkboek: een getal van meer tekens dan een scenario schrijft",
        ),
    ),
    *_codes(
        "waarde",
        ("waarde.getal_verwacht", "verwacht een getal (geen tekst of true/false)"),
        ("waarde.eindig_getal", "verwacht een eindig getal (geen .nan of .inf)"),
        ("waarde.geheel_getal", "verwacht een geheel getal"),
        ("waarde.tekst_verwacht", "verwacht tekst"),
        ("waarde.tekst_leeg", "tekst mag niet leeg zijn"),
        ("waarde.janee_verwacht", "verwacht true of false"),
        ("waarde.som_niet_een", "aandelen (kostenverdeling, verdeling) tellen niet op tot 1"),
    ),
    *_codes(
        "sleutel",
        (
            "sleutel.vorm",
            "een naam van een partij, functie of ingreep heeft niet de vorm lower_snake_case",
        ),
    ),
    *_codes(
        "pand",
        ("pand.id_vorm", "een pand-id bevat andere tekens dan letters, cijfers, - en _"),
        ("pand.id_dubbel", "twee panden hebben dezelfde id"),
        ("pand.eigenaar_onbekend", "de eigenaar staat niet onder partijen"),
        ("pand.exploitant_onbekend", "de exploitant staat niet onder partijen"),
        ("pand.ingreep_onbekend", "de ingreep staat niet onder kosten.per_m2_bvo"),
        ("pand.start_te_vroeg", "de transformatie start vóór het startjaar"),
        ("pand.oplevering_na_horizon", "de oplevering valt na de horizon"),
        ("pand.inbreng_onbekend", "de inbrengwaarde is niet te bepalen"),
        ("pand.kostenverdeling_lengte", "de kostenverdeling past niet bij de bouwtijd"),
        ("pand.bouwjaar_ontbreekt", "monument: stadsgezicht zonder huidig.bouwjaar"),
    ),
    *_codes(
        "programma",
        ("programma.functie_onbekend", "de functie staat niet onder functies"),
        ("programma.ingreep_onbekend", "de eigen ingreep staat niet onder kosten.per_m2_bvo"),
        ("programma.woningen_ontbreekt", "een woningfunctie zonder aantal woningen"),
        ("programma.woningen_niet_toegestaan", "woningen bij een functie die in m² telt"),
        ("programma.bvo_ontbreekt", "een m²-functie zonder bvo"),
    ),
    *_codes(
        "functie",
        ("functie.dcf_eindwaarde", "een DCF met geen of twee eindwaarden"),
        ("functie.wws_een_bron", "wws geeft geen of meer dan één bron van punten"),
        ("functie.wws_gbo_ontbreekt", "wws.schatting zonder gbo_per_woning"),
    ),
    *_codes(
        "wws",
        ("wws.woz_een_van", "een WWS-schatting met geen of twee WOZ-waarden"),
        ("wws.aandelen_te_groot", "vertrekken en overige ruimten samen meer dan de GBO"),
        ("wws.bestand_geweigerd", "wws.bestand bestaat niet of ligt buiten de toegestane mappen"),
        (
            "wws.bestand_ongeldig",
            "de punten van wws.bestand zijn niet te tellen (woningwaardering ontbreekt, of de "
            "beschrijving is ongeldig)",
        ),
    ),
    *_codes(
        "huur",
        ("huur.boven_maximum", "de huur ligt boven de wettelijke maximale huur (WWS)"),
        ("huur.geen_tabel", "WWS-punten bij een prijspeil zonder huurprijstabel"),
    ),
    *_codes(
        "project",
        ("project.id_dubbel", "twee projecten hebben dezelfde id"),
        ("project.pand_onbekend", "een pand van het project bestaat niet"),
        ("project.pand_in_twee_projecten", "een pand hoort bij twee projecten"),
        ("project.verdeling_geen_eigenaar", "de verdeling noemt iemand zonder pand in het project"),
        ("project.verdeling_onvolledig", "een eigenaar in het project heeft geen aandeel"),
    ),
    *_codes(
        "verevening",
        ("verevening.volgorde_onbekend", "volgorde noemt geen functie of pand"),
        ("verevening.volgorde_dubbel", "volgorde noemt een functie of pand twee keer"),
        ("verevening.gebied_onbekend", "beginsaldo noemt een gebied zonder panden"),
        ("verevening.ontbreekt", "een fonds noemt verevening, maar er is geen sectie verevening"),
        ("verevening.twee_fondsen", "meer dan één fonds financiert de verevening voor"),
        ("verevening.volgorde_ontbreekt", "methode prioriteit zonder volgorde"),
        ("verevening.volgorde_overbodig", "een volgorde bij een andere methode dan prioriteit"),
        ("verevening.bijdrage_dubbel", "meer dan één bijdrageregel voor private panden"),
        ("verevening.bijdrage_ontbreekt", "een grondslag zonder bijdrageregel"),
    ),
    *_codes(
        "fonds",
        ("fonds.naam_dubbel", "twee fondsen hebben dezelfde naam"),
        ("fonds.tranche_dubbel", "twee tranches van een fonds hebben dezelfde naam"),
        ("fonds.tranche_buiten_horizon", "een tranche wordt buiten de horizon gestort"),
        ("fonds.looptijd_ontbreekt", "een lening-tranche zonder looptijd"),
        (
            "fonds.alleen_bij_lening",
            "rente, looptijd of aflossing bij een tranche die geen lening is",
        ),
        ("fonds.instrument_dubbel", "twee instrumenten van een fonds hebben dezelfde naam"),
        ("fonds.aflossingsvrij_te_lang", "aflossingsvrij is niet korter dan de looptijd"),
        ("fonds.voor_functie_onbekend", "voor.functies noemt een onbekende functie"),
        ("fonds.voor_pand_onbekend", "voor.panden noemt een onbekend pand"),
        ("fonds.prioriteit_onbekend", "toewijzing.prioriteit noemt een onbekend pand"),
        ("fonds.volgorde_onbekend", "volgorde_instrumenten noemt een onbekend instrument"),
        ("fonds.volgorde_dubbel", "volgorde_instrumenten of prioriteit noemt iets twee keer"),
        (
            "fonds.verevening_niet_vooraan",
            "verevening staat niet als eerste in volgorde_instrumenten",
        ),
        ("fonds.sluitend_en_deels", "alleen_sluitend: true met bij_geldgebrek: deels"),
    ),
    *_codes(
        "grens",
        ("grens.onplausibel", "een waarde buiten haar plausibele bereik"),
        ("grens.programma_te_groot", "het programma van een pand is groter dan een pand kan zijn"),
        ("grens.programma_onplausibel", "het programma van een pand heeft onplausibel veel m² BVO"),
        (
            "grens.woningen_onplausibel",
            "het programma van een pand heeft onplausibel veel woningen",
        ),
    ),
    *_codes(
        "conventies",
        ("conventies.ruime_grenzen_pad", "ruime_grenzen noemt een pad dat niet bestaat"),
        sleutel=True,
    ),
    *_codes(
        "variant",
        ("variant.naam_dubbel", "twee varianten hebben dezelfde naam"),
        ("variant.pad_ongeldig", "een pad van wijzig bestaat niet of is onleesbaar"),
        (
            "variant.pad_niet_te_wijzigen",
            "wijzig noemt varianten, onzekerheid, erft_van of panden_uit",
        ),
        ("variant.pad_dubbel", "wijzig noemt dezelfde waarde twee keer"),
        sleutel=True,
    ),
    *_codes(
        "onzekerheid",
        ("onzekerheid.pad_ongeldig", "een parameter is geen getal in het scenario"),
        ("onzekerheid.geen_parameter", "een parameter onder varianten, onzekerheid of erft_van"),
        (
            "onzekerheid.verdeling_buiten_grenzen",
            "een verdeling reikt buiten de grenzen van haar pad",
        ),
        ("onzekerheid.pad_dubbel", "twee parameters noemen dezelfde waarde"),
        ("onzekerheid.correlatie_onbekend", "een correlatie noemt een pad dat geen parameter is"),
        (
            "onzekerheid.correlatie_met_zichzelf",
            "een correlatie verbindt een parameter met zichzelf",
        ),
        ("onzekerheid.correlatie_dubbel", "twee correlaties tussen dezelfde parameters"),
        (
            "onzekerheid.correlaties_tegenstrijdig",
            "de correlaties vormen samen geen correlatiematrix (een paar zonder correlatie telt "
            "als r = 0); de melding noemt welke botsen en wat wel past",
        ),
        sleutel=True,
    ),
    *_codes(
        "onzekerheid",
        ("onzekerheid.driehoek_volgorde", "een driehoeksverdeling zonder min ≤ modus ≤ max"),
        ("onzekerheid.uniform_volgorde", "een uniforme verdeling met min > max"),
    ),
    *_codes(
        "pydantic",
        ("missing", "een verplicht veld ontbreekt"),
        ("extra_forbidden", "een onbekende sleutel"),
        ("literal_error", "een waarde die niet in de lijst van keuzes staat"),
        ("union_tag_invalid", "een onbekende soort, methode of verdeling"),
        ("union_tag_not_found", "soort, methode of verdeling ontbreekt"),
        ("greater_than", "te klein (moet groter zijn dan de grens)"),
        ("greater_than_equal", "te klein (moet minstens de grens zijn)"),
        ("less_than", "te groot (moet kleiner zijn dan de grens)"),
        ("less_than_equal", "te groot (mag hoogstens de grens zijn)"),
        ("too_short", "een lijst of mapping met te weinig elementen"),
        ("dict_type", "verwacht een mapping"),
        ("model_type", "verwacht een mapping (een sectie)"),
        ("list_type", "verwacht een lijst"),
        ("string_type", "verwacht tekst"),
        ("int_type", "verwacht een geheel getal"),
        ("float_type", "verwacht een getal"),
        ("bool_type", "verwacht true of false"),
        ("value_error", "een andere ongeldige waarde"),
    ),
]

#: Every code by name.
CODES: dict[str, Code] = {c.code: c for c in _LIJST}

#: Codes whose message points at the key (``extra_forbidden``: the unknown key itself).
NAAR_SLEUTEL: frozenset[str] = frozenset(
    {"extra_forbidden", *(c.code for c in _LIJST if c.sleutel)}
)
