"""Dutch labels and formats of the portfolio results, shared by terminal, Excel and charts."""

from __future__ import annotations

#: Fund KPIs in reading order: key → (label, kind). kind: euro | aantal | m2 | procent |
#: voet (a rate, one decimal) | factor | getal | jaar | janee | tekst. The label carries the
#: basis: € nominaal (the ledger), € peildatum (a gap, like the ORT) or NCW (public money,
#: at the rate in 'disconteringsvoet_publiek').
FONDS_KPI: dict[str, tuple[str, str]] = {
    # what the fund achieves
    "panden_geholpen": ("Panden geholpen (kregen een instrument)", "aantal"),
    "panden_gesloten": ("Panden waarvan het fonds het tekort sloot", "aantal"),
    "panden_niet_gefinancierd": ("Panden die een tekort houden", "aantal"),
    "woningen_ontsloten": ("Woningen ontsloten (tekort gesloten)", "aantal"),
    "woningen_ontsloten_betaalbaar": ("  waarvan betaalbaar", "aantal"),
    "bvo_ontsloten": ("m² BVO ontsloten", "m2"),
    "woningen_geholpen": ("Woningen in geholpen panden", "aantal"),
    "bvo_geholpen": ("m² BVO in geholpen panden", "m2"),
    "tekort_voor": ("Tekort vóór dit fonds (€ peildatum)", "euro"),
    "tekort_gesloten": ("Tekort gesloten, zonder overdekking (€ peildatum)", "euro"),
    "overdekking": ("Overdekking: meer dan het tekort (€ peildatum)", "euro"),
    "niet_gefinancierd_tekort": ("Tekort dat blijft (€ peildatum)", "euro"),
    # demand, waiting and idle cash
    "steun_gevraagd": ("Steun gevraagd (€ nominaal)", "euro"),
    "aandeel_gehonoreerd": ("Gevraagde steun gehonoreerd (nominaal, bij 1e aanvraag)", "procent"),
    "panden_gewacht": ("Panden die op geld wachtten", "aantal"),
    "wachttijd_gemiddeld": ("Wachttijd, gemiddeld (jaar)", "getal"),
    "wachttijd_max": ("Wachttijd, langste (jaar)", "aantal"),
    "panden_wachtend_einde": ("Panden die aan het eind nog wachten", "aantal"),
    "panden_afgevallen": ("Panden die van de wachtlijst afvielen", "aantal"),
    "uitputtingsjaar": ("Eerste jaar met te weinig kas voor een aanvraag", "jaar"),
    "vrije_kas_gemiddeld": ("Vrije kas, gemiddeld per jaar (€ nominaal)", "euro"),
    "vrije_kas_einde": ("Vrije kas aan het eind (€ nominaal)", "euro"),
    # public money
    "publiek_geld_ingelegd": ("Publiek geld ingelegd (€ nominaal)", "euro"),
    "publiek_geld_netto": ("Publiek geld netto (NCW op de peildatum)", "euro"),
    "disconteringsvoet_publiek": ("  contant gemaakt tegen", "voet"),
    "publiek_geld_per_woning": ("Publiek geld netto per ontsloten woning", "euro"),
    "woningen_per_miljoen_publiek": ("Woningen ontsloten per € 1 mln publiek netto", "factor"),
    "hefboom": ("Hefboom: SK ontsloten panden / publiek netto", "factor"),
    # money back
    "uitgezet": ("Uitgezet aan panden (€ nominaal)", "euro"),
    "terugontvangen": ("Terugontvangen van panden (€ nominaal)", "euro"),
    "vorderingen_einde": ("Vorderingen en bezit aan het eind (verwacht)", "euro"),
    "revolverendheid": ("Revolverendheid: van panden terug / aan panden uitgezet", "procent"),
    "revolverend": ("Revolverend (≥ 80 %)", "janee"),
    "kapitaal_terug": ("Kapitaal terug: tranches ontvangen / ingelegd", "procent"),
    # cash and risk
    "minimum_saldo": ("Laagste saldo (€ nominaal)", "euro"),
    "jaar_minimum_saldo": ("Jaar van het laagste saldo", "jaar"),
    "kastekort": ("Kastekort: hoe ver de kas onder nul gaat (€ nominaal)", "euro"),
    "jaren_kastekort": ("Jaren met de kas onder nul", "aantal"),
    "eerste_jaar_kastekort": ("Eerste jaar met de kas onder nul", "jaar"),
    "kredietlimiet": ("Kredietlimiet (mag onder nul, zonder rente)", "euro"),
    "tekort_opzet": ("Tekort in de opzet, zonder toezegging (€ nominaal)", "euro"),
    "verlies_leningtranches": ("Verwacht verlies van leningtranches (€ nominaal)", "euro"),
    "tranches_met_verlies": ("Leningtranches die verlies lijden", "aantal"),
    "verlies_eigen_vermogen": ("Verwacht verlies van eigen vermogen (€ nominaal)", "euro"),
    "tranches_te_laat": ("Leningtranches die te laat betaald worden", "aantal"),
    "eindsaldo": ("Eindsaldo (kas, € nominaal)", "euro"),
    "eindvermogen": ("Eindvermogen aan de horizon (kas + vorderingen − verplichtingen)", "euro"),
    "tekort_einde": ("Tekort aan de horizon: eindvermogen onder nul", "euro"),
    "restwaarde_na_tranches": ("Over na afrekening met alle tranches", "euro"),
    # guarantees: what one call can cost (the ledger reserves only the expected loss)
    "garanties_uitstaand_max": ("Garanties uitstaand, hoogste stand (€ nominaal)", "euro"),
    "jaar_garanties_max": ("Jaar van die stand", "jaar"),
    "garantiedekking": ("Kas per euro uitstaande garantie, laagste", "procent"),
    "grootste_garantie": ("Grootste garantie voor één pand (€ nominaal)", "euro"),
}
#: The fund KPIs the terminal shows (JSON and the workbook have them all).
FONDS_KPI_KORT = (
    "panden_gesloten",
    "woningen_ontsloten",
    "woningen_ontsloten_betaalbaar",
    "tekort_gesloten",
    "overdekking",
    "aandeel_gehonoreerd",
    "panden_gewacht",
    "wachttijd_gemiddeld",
    "panden_wachtend_einde",
    "panden_afgevallen",
    "vrije_kas_gemiddeld",
    "publiek_geld_ingelegd",
    "publiek_geld_netto",
    "disconteringsvoet_publiek",
    "woningen_per_miljoen_publiek",
    "hefboom",
    "revolverendheid",
    "kapitaal_terug",
    "minimum_saldo",
    "kastekort",
    "tekort_opzet",
    "verlies_leningtranches",
    "verlies_eigen_vermogen",
    "tranches_te_laat",
    "eindvermogen",
    "tekort_einde",
    "garanties_uitstaand_max",
    "garantiedekking",
)

#: Programme KPIs (verevening and all funds together): key → (label, kind).
PROGRAMMA_KPI: dict[str, tuple[str, str]] = {
    "panden_met_tekort": ("Panden met een tekort (na herverkaveling)", "aantal"),
    "panden_ontsloten": ("Panden ontsloten (tekort gesloten)", "aantal"),
    "panden_ontsloten_verevening": ("  waarvan door verevening", "aantal"),
    "panden_tekort_blijft": ("Panden die een tekort houden", "aantal"),
    "woningen_ontsloten": ("Woningen ontsloten", "aantal"),
    "woningen_ontsloten_betaalbaar": ("  waarvan betaalbaar", "aantal"),
    "woningen_ontsloten_verevening": ("  waarvan door verevening", "aantal"),
    "bvo_ontsloten": ("m² BVO ontsloten", "m2"),
    "tekort_voor": ("Tekort vóór verevening en fondsen (€ peildatum)", "euro"),
    "tekort_gesloten": ("Tekort gesloten (€ peildatum)", "euro"),
    "tekort_na": ("Tekort dat blijft (€ peildatum)", "euro"),
    "overdekking": ("Overdekking: meer dan het tekort (€ peildatum)", "euro"),
    "publiek_geld_ingelegd": ("Publiek geld ingelegd (€ nominaal)", "euro"),
    "publiek_geld_ingelegd_verevening": ("  in de vereveningspot", "euro"),
    "publiek_geld_ingelegd_fondsen": ("  in publieke tranches van fondsen", "euro"),
    "publiek_geld_netto": ("Publiek geld netto (NCW op de peildatum)", "euro"),
    "publiek_geld_netto_verevening": ("  via de vereveningspot", "euro"),
    "publiek_geld_netto_fondsen": ("  via de fondsen", "euro"),
    "disconteringsvoet_publiek": ("  contant gemaakt tegen", "voet"),
    "disconteringsvoet_publiek_bron": ("  voet van", "tekst"),
    "publiek_geld_per_woning": ("Publiek geld netto per ontsloten woning", "euro"),
    "woningen_per_miljoen_publiek": ("Woningen ontsloten per € 1 mln publiek netto", "factor"),
}
#: The programme KPIs the terminal shows.
PROGRAMMA_KPI_KORT = (
    "panden_met_tekort",
    "panden_ontsloten",
    "woningen_ontsloten",
    "woningen_ontsloten_betaalbaar",
    "tekort_gesloten",
    "tekort_na",
    "publiek_geld_ingelegd",
    "publiek_geld_netto",
    "disconteringsvoet_publiek",
    "woningen_per_miljoen_publiek",
)
#: Columns of the ontsluitingscurve: key → (label, kind).
CURVE_KOLOMMEN: dict[str, tuple[str, str]] = {
    "publiek_geld_ingelegd": ("publiek ingelegd (nominaal)", "euro"),
    "publiek_geld_netto": ("publiek netto (NCW)", "euro"),
    "panden_ontsloten": ("panden ontsloten", "aantal"),
    "woningen_ontsloten": ("woningen ontsloten", "aantal"),
    "woningen_ontsloten_betaalbaar": ("waarvan betaalbaar", "aantal"),
    "woningen_per_miljoen_publiek": ("woningen per € 1 mln", "factor"),
    "woningen_per_extra_miljoen": ("woningen per extra € 1 mln", "factor"),
}
#: Tranche columns: key → (label, kind).
TRANCHE_KOLOMMEN: dict[str, tuple[str, str]] = {
    "soort": ("soort", "tekst"),
    "rang": ("rang", "aantal"),
    "publiek": ("publiek", "janee"),
    "jaar": ("jaar", "jaar"),
    "bedrag": ("bedrag", "euro"),
    "rente": ("rente", "voet"),
    "ontvangen": ("ontvangen", "euro"),
    "claim_einde": ("claim aan het eind", "euro"),
    "afrekening": ("afrekening", "euro"),
    "verlies": ("verwacht verlies", "euro"),
    "achterstand_max": ("grootste achterstand", "euro"),
    "jaren_achterstand": ("jaren te laat", "aantal"),
    "eerste_jaar_achterstand": ("eerst te laat in", "jaar"),
    "irr": ("IRR", "voet"),
    "irr_reden": ("waarom geen IRR", "tekst"),
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


#: Per-draw yes/no outcomes of a fund whose mean is a probability (Monte Carlo).
KANSEN = {
    "kastekort_ja": "Kans op een kas onder nul",
    "trancheverlies_ja": "Kans dat een leningtranche verlies lijdt",
    "niet_alles_gehonoreerd": "Kans dat niet alle gevraagde steun gehonoreerd wordt",
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
        if delen[2] in KANSEN:
            return f"{KANSEN[delen[2]]} — {delen[1]}", "procent"
        label, soort = FONDS_KPI.get(delen[2], (delen[2].replace("_", " "), "getal"))
        return f"{label.strip()} — {delen[1]}", soort
    if len(delen) == 2 and delen[0] == "programma" and delen[1] in PROGRAMMA_KPI:
        label, soort = PROGRAMMA_KPI[delen[1]]
        return f"{label.strip()} — programma", soort
    return naam.replace("_", " "), "getal"
