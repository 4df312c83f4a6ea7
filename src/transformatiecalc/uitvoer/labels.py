"""Dutch labels and formats of the portfolio results, shared by terminal, Excel and charts."""

from __future__ import annotations

#: Fund KPIs in reading order: key → (label, kind). kind: euro | aantal | m2 | procent |
#: factor | jaar | janee.
FONDS_KPI: dict[str, tuple[str, str]] = {
    "panden_geholpen": ("Panden geholpen (een instrument gekregen)", "aantal"),
    "panden_gesloten": ("Panden waarvan het tekort gesloten is", "aantal"),
    "panden_niet_gefinancierd": ("Panden niet gefinancierd (tekort blijft)", "aantal"),
    "niet_gefinancierd_tekort": (
        "Resterend tekort niet-gefinancierde panden (€ peildatum)",
        "euro",
    ),
    "woningen_geholpen": ("Woningen in geholpen panden", "aantal"),
    "woningen_ontsloten": ("Woningen ontsloten (tekort gesloten)", "aantal"),
    "bvo_ontsloten": ("m² BVO ontsloten", "m2"),
    "ort_gedekt": ("Onrendabele top gedekt door het fonds (€ peildatum)", "euro"),
    "overdekking": ("Meer gedekt dan het tekort (lening, garantie, erfpacht)", "euro"),
    "publiek_geld_ingelegd": ("Publiek geld ingelegd (nominaal)", "euro"),
    "publiek_geld_netto": ("Publiek geld netto (NCW, na terugvloei)", "euro"),
    "publiek_geld_per_woning": ("Publiek geld netto per ontsloten woning", "euro"),
    "woningen_per_miljoen_publiek": ("Woningen ontsloten per € 1 mln publiek geld", "factor"),
    "hefboom": ("Hefboom (SK geholpen panden / publiek geld netto)", "factor"),
    "uitgezet": ("Uitgezet aan panden (nominaal)", "euro"),
    "terugontvangen": ("Terugontvangen van panden (nominaal)", "euro"),
    "vorderingen_einde": ("Vorderingen en bezit aan het eind (verwacht)", "euro"),
    "revolverendheid": ("Revolverendheid (terug + vorderingen) / uitgezet", "procent"),
    "revolverend": ("Revolverend (≥ 80 %)", "janee"),
    "minimum_saldo": ("Laagste saldo", "euro"),
    "jaar_minimum_saldo": ("Jaar van het laagste saldo", "jaar"),
    "uitputtingsjaar": ("Uitputtingsjaar (eerste jaar zonder genoeg kas)", "jaar"),
    "eindsaldo": ("Eindsaldo (kas)", "euro"),
    "eindvermogen": ("Eindvermogen (kas + vorderingen − verplichtingen)", "euro"),
    "restwaarde_na_tranches": ("Over na afrekening met alle tranches", "euro"),
}

#: Ledger rows: key → Dutch label.
GROOTBOEK: dict[str, str] = {
    "begin": "Beginsaldo",
    "stortingen": "Stortingen tranches",
    "aflossing": "Aflossing leningen",
    "rente": "Rente leningen",
    "canon": "Erfpachtcanon",
    "verkoop": "Verkoop deelnemingen",
    "exploitatie": "Netto huur deelnemingen",
    "premies": "Garantiepremies",
    "vereveningsbijdragen": "Vereveningsbijdragen",
    "subsidies": "Subsidies",
    "leningen": "Uitgezette leningen",
    "aankopen": "Aankopen (deelneming, erfpachtgrond)",
    "ontwikkeling": "Ontwikkelkosten deelnemingen",
    "garantieverliezen": "Garantieverliezen",
    "vereveningstoewijzingen": "Vereveningstoewijzingen",
    "beheerkosten": "Beheerkosten",
    "rente_tranches": "Rente aan tranches",
    "aflossing_tranches": "Aflossing aan tranches",
    "eind": "Eindsaldo",
}
#: Bronnen en bestedingen: the ledger rows plus the one post only that table has.
BRONNEN_EN_BESTEDINGEN: dict[str, str] = {
    **GROOTBOEK,
    "kastekort": "Kastekort aan het eind (voorgefinancierde verevening)",
}
