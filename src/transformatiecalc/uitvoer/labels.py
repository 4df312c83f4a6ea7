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
    "bvo_geholpen": ("m² BVO in geholpen panden", "m2"),
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

#: Portfolio totals compared by varianten, gevoeligheid and onzekerheid: key → (label, kind).
TOTAAL: dict[str, tuple[str, str]] = {
    "panden": ("Panden", "aantal"),
    "woningen": ("Woningen", "aantal"),
    "bvo": ("m² BVO", "m2"),
    "opbrengst": ("Opbrengst V (nominaal)", "euro"),
    "stichtingskosten": ("Stichtingskosten (nominaal)", "euro"),
    "residuele_grondwaarde": ("Residuele grondwaarde (€ peildatum)", "euro"),
    "residuele_grondwaarde_peildatum": ("Residuele grondwaarde (€ peildatum)", "euro"),
    "onrendabele_top": ("Onrendabele top, netto (€ peildatum)", "euro"),
    "tekort": ("Tekort: som van de positieve ORT", "euro"),
    "overschot": ("Overschot: som van de negatieve ORT", "euro"),
    "panden_met_tekort": ("Panden met een tekort", "aantal"),
    "onrendabele_top_na": ("ORT na herverkaveling, verevening en fondsen", "euro"),
    "tekort_na": ("Tekort na herverkaveling, verevening en fondsen", "euro"),
    "panden_met_tekort_na": ("Panden met een tekort daarna", "aantal"),
}
#: Outputs per pand (`panden.ID.<key>`).
PAND_UITKOMST: dict[str, tuple[str, str]] = {
    "onrendabele_top": ("Onrendabele top", "euro"),
    "residuele_grondwaarde": ("Residuele grondwaarde (€ peildatum)", "euro"),
    "onrendabele_top_na": ("ORT na herverkaveling, verevening en fondsen", "euro"),
}


def uitkomst_label(naam: str) -> tuple[str, str]:
    """(Dutch label, kind) of an analysis output: a total, `panden.ID.x` or `fondsen.F.kpi`."""
    if naam in TOTAAL:
        return TOTAAL[naam]
    delen = naam.split(".")
    if len(delen) == 3 and delen[0] == "panden" and delen[2] in PAND_UITKOMST:
        label, soort = PAND_UITKOMST[delen[2]]
        return f"{label} — pand {delen[1]}", soort
    if len(delen) == 3 and delen[0] == "fondsen":
        if delen[2] == "uitgeput":
            return f"Uitgeput (kans) — {delen[1]}", "procent"
        label, soort = FONDS_KPI.get(delen[2], (delen[2].replace("_", " "), "getal"))
        return f"{label} — {delen[1]}", soort
    return naam.replace("_", " "), "getal"
