"""One registry of output quantities (grootheden.py) and one helper for the axes (assen.py).

Every column of the Resultaat tables, every JSON field per pand and per functie and every
header of the workbook's calculation sheets comes from a registered quantity; each quantity
has a unit with a number format and a § of docs/methode.md; the axis of each engine field
is declared once, and cutting and stacking along it gives the same bits.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from transformatiecalc import bereken, laad_scenario
from transformatiecalc.engine import bereken_invoer, invoer_uit_scenario
from transformatiecalc.engine.assen import As, assen, snijd, stapel_velden
from transformatiecalc.engine.invoer import VELDEN_PER_FUNCTIE, Invoer
from transformatiecalc.engine.uitkomst import Uitkomst
from transformatiecalc.grootheden import GROOTHEDEN, NOTATIES, RG_POSTEN, Basis, markdown, namen
from transformatiecalc.resultaat import Resultaat
from transformatiecalc.uitvoer.excel import rekenbladen
from transformatiecalc.uitvoer.json import naar_json

ROOT = Path(__file__).resolve().parent.parent
VOORBEELD = ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"

#: The columns of the calculation sheets that are a step of their formulas, not an output
#: quantity (they exist only on the sheet).
FORMULESTAPPEN = {
    "eenheden", "o", "voet_ew", "voet_v", "kk", "bruto", "netto", "vast",
    "kostprijsdekkend", "break_even", "s", "ak", "wr", "bouwsom",
    "rentefactor", "d_o", "d_s",
    # the goal seeks' steps (issue #16): per euro of price, and at the rendementseis
    "dv", "dew", "dopslag", "dncw", "d_s_eis", "d_o_eis", "pi_eis", "ncw_eis", "dncw_eis",
    # the break-even bouwkosten's step (issue #16, item 6): B and what scales with it
    "bouw_k",
}  # fmt: skip


#: Columns whose key in the sheet's formulas is not the quantity's name.
ALIASSEN = {
    "rg_oplevering": "residuele_grondwaarde_oplevering",
    "rg_peildatum": "residuele_grondwaarde_peildatum",
    "betaalbaar": "betaalbare_huur",
    "b": "bouwtijd",
    "r": "disconteringsvoet",
    "re": "rendementseis",
}


#: The headers that say more than the quantity's label on one sheet.
EIGEN_KOPPEN = {
    "residuele grondwaarde (oplevering)",
    "residuele grondwaarde (peildatum)",
    "inbreng (jaar s)",
    "algemene kosten (kasstroom)",
    "winst & risico (kasstroom)",
}


@pytest.fixture(scope="module")
def resultaat() -> Resultaat:
    return bereken(laad_scenario(VOORBEELD))


def _geregistreerd(naam: str, as_: As) -> None:
    assert naam in GROOTHEDEN, f"{naam} staat niet in grootheden.py"
    assert as_ in GROOTHEDEN[naam].assen, f"{naam} is daar niet per {as_}"


@pytest.mark.parametrize(
    ("tabel", "as_"),
    [
        ("panden", As.PAND),
        ("functies", As.FUNCTIE),
        ("kasstromen", As.PAND_JAAR),
        ("exploitatie", As.FUNCTIE_JAAR),
    ],
)
def test_elke_kolom_van_resultaat_is_geregistreerd(
    resultaat: Resultaat, tabel: str, as_: As
) -> None:
    df = getattr(resultaat, tabel)
    for naam in [*df.index.names, *df.columns]:
        _geregistreerd(naam, as_)


def test_elk_jsonveld_per_pand_en_functie_is_geregistreerd(resultaat: Resultaat) -> None:
    pand = naar_json(resultaat)["panden"][0]
    buiten = {"id", "kosten", "functies"}  # the pand's id is the quantity `pand`
    for naam in set(pand) - buiten:
        _geregistreerd(naam, As.PAND)
    for naam in pand["kosten"]:
        _geregistreerd(naam, As.PAND)
    for naam in pand["functies"][0]:
        _geregistreerd(naam, As.FUNCTIE)
    assert list(pand["kosten"]) == ["inbreng", "verwervingskosten", *RG_POSTEN]


def test_kolomkoppen_en_notaties_van_de_rekenbladen_komen_uit_het_register() -> None:
    for kolommen, as_ in (
        (rekenbladen.PND, As.PAND),
        (rekenbladen.RES, As.PAND),
        (rekenbladen.FUN, As.FUNCTIE),
    ):
        for sleutel, kop, notatie in kolommen:
            if sleutel in FORMULESTAPPEN:  # a literal column must not show a quantity
                assert sleutel not in GROOTHEDEN
                assert kop not in {g.label for g in GROOTHEDEN.values()}
                continue
            naam = ALIASSEN.get(sleutel, sleutel)
            _geregistreerd(naam, as_)
            assert notatie == GROOTHEDEN[naam].excel, sleutel
            g = GROOTHEDEN[naam]
            assert kop in (g.label, g.label_met_symbool) or kop in EIGEN_KOPPEN, (sleutel, kop)
    assert [kop for _, kop, _ in rekenbladen.PND] == [
        GROOTHEDEN[k].label for k, _, _ in rekenbladen.PND
    ]
    for post, naam in rekenbladen.KS_POSTNAMEN.items():
        assert naam == GROOTHEDEN[post].label


def test_een_label_en_een_notatie_letterlijk() -> None:
    rg = GROOTHEDEN["residuele_grondwaarde_peildatum"]
    assert (rg.label, rg.eenheid, rg.basis, rg.paragraaf) == (
        "residuele grondwaarde peildatum",
        "€",
        Basis.PEILDATUM,
        "§4",
    )
    assert (rg.excel, rg.terminal) == ("euro", "euro")
    irr = GROOTHEDEN["irr"]
    assert (irr.label, irr.excel, irr.terminal) == ("IRR", "procent", "voet")
    assert GROOTHEDEN["kostprijsdekkende_huur"].excel == "euro_centen"
    assert GROOTHEDEN["opbrengst"].label_met_symbool == "opbrengst V"
    assert GROOTHEDEN["residuele_grondwaarde_oplevering"].kop_terminal == "RG opl."
    assert ("opbrengst", "opbrengst V", "euro") in rekenbladen.FUN


def test_elke_grootheid_heeft_een_eenheid_en_een_bestaande_paragraaf() -> None:
    koppen = set(
        re.findall(r"^## (§\d+[a-z]?|Begrippen)\b", (ROOT / "docs/methode.md").read_text(), re.M)
    )
    for g in GROOTHEDEN.values():
        assert g.eenheid in NOTATIES, g.naam
        assert g.paragraaf in koppen, g.naam
        assert g.assen, g.naam
        assert (g.basis is None) or g.eenheid.startswith("€"), g.naam
    bedragen = [g.naam for g in GROOTHEDEN.values() if g.eenheid == "€"]
    assert all(GROOTHEDEN[n].basis is not None for n in bedragen)


def test_een_gezicht_weigert_een_grootheid_op_de_verkeerde_as() -> None:
    assert namen(As.PAND, "opbrengst", "irr") == ("opbrengst", "irr")
    with pytest.raises(ValueError, match="geen grootheid per functie"):
        namen(As.FUNCTIE, "irr")
    with pytest.raises(KeyError):
        namen(As.PAND, "bestaat_niet")


def test_docs_grootheden_is_actueel() -> None:
    opgeslagen = (ROOT / "docs" / "grootheden.md").read_text(encoding="utf-8")
    assert opgeslagen == markdown(), "docs/grootheden.md is verouderd: zie grootheden.py"


# ------------------------------------------------------------------------------ axes
def test_elk_veld_met_een_array_verklaart_zijn_as(resultaat: Resultaat) -> None:
    u = resultaat.uitkomst
    inv = u.invoer
    lengte = {As.PAND: inv.aantal_panden, As.FUNCTIE: len(inv.pand)}
    for object_, klasse in ((inv, Invoer), (u, Uitkomst)):
        for naam, as_ in assen(klasse).items():
            x = getattr(object_, naam)
            if as_ is As.GEHEEL:
                assert not isinstance(x, np.ndarray | tuple | dict), naam
                continue
            for y in x.values() if isinstance(x, dict) else [x]:
                assert len(y) == lengte[as_], naam
    assert {k for k, a in assen(Invoer).items() if a is As.FUNCTIE} == VELDEN_PER_FUNCTIE
    assert "pand" in VELDEN_PER_FUNCTIE and "pand_ids" not in VELDEN_PER_FUNCTIE


def test_snijden_en_stapelen_geven_dezelfde_bits() -> None:
    inv = invoer_uit_scenario(laad_scenario(VOORBEELD))
    p = inv.aantal_panden
    delen = [inv.panden(0, 5), inv.panden(5, p)]
    terug = Invoer(**stapel_velden(Invoer, delen, [5, p - 5]))
    for naam in assen(Invoer):
        a, b = getattr(inv, naam), getattr(terug, naam)
        if isinstance(a, np.ndarray):
            assert a.dtype == b.dtype and a.tobytes() == b.tobytes(), naam
        else:
            assert a == b, naam
    u = bereken_invoer(inv)
    stuk = u.panden(5, p)
    alleen = bereken_invoer(delen[1])
    for naam, as_ in assen(Uitkomst).items():
        if as_ is not As.GEHEEL and not isinstance(getattr(u, naam), dict):
            assert getattr(stuk, naam).tobytes() == getattr(alleen, naam).tobytes(), naam
    r0 = int(np.searchsorted(inv.pand, 5))
    assert snijd(inv, (5, p), (r0, len(inv.pand)))["pand"][0] == 0
