"""The workbook as a live model (issue #16): change inputs on Uitgangspunten, let
LibreOffice recalculate, and every per-pand and per-functie result equals the engine's
run on the same change in the YAML; the input cells are guarded like the YAML.

Each case changes several inputs of one block of Uitgangspunten (markt, conventies,
kosten, bouwkosten per ingreep, partijen, functies, panden with start and bouwtijd),
chosen and valued by a seeded random generator: which panden, functies and partijen, and
to what. The expected numbers come from the engine on the changed YAML, never from the
workbook. The LibreOffice machinery is that of test_excel.py (one start for all files).
"""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

openpyxl = pytest.importorskip("openpyxl")

from libreoffice import herreken, soffice  # noqa: E402
from test_excel import EIS_LO  # noqa: E402
from test_excel import _data as _voorbeelddata  # noqa: E402

from transformatiecalc import bereken, valideer  # noqa: E402
from transformatiecalc.resultaat import Resultaat  # noqa: E402
from transformatiecalc.uitvoer.excel import bouw_werkboek  # noqa: E402
from transformatiecalc.uitvoer.excel.rekenbladen import EERSTE, FUN, PND  # noqa: E402
from transformatiecalc.uitvoer.excel.uitgangspunten import PRIJS, Invoercellen  # noqa: E402
from transformatiecalc.uitvoer.huisstijl import Huisstijl  # noqa: E402

#: A change: the cell (a defined name, or an address from Werkboek.cellen), the new
#: value, and the path of the same value in the YAML data.
Wijziging = tuple[str, Any, tuple[Any, ...]]

#: Columns left out of the comparison (none: the goal seeks are formulas too).
DOELZOEKEN: set[str] = set()


def _markt(rng: random.Random, _c: Invoercellen, _d: dict[str, Any]) -> list[Wijziging]:
    keuzes = [
        ("markt_disconteringsvoet", (0.04, 0.08), ("markt", "disconteringsvoet")),
        ("index_bouwkosten", (0.0, 0.05), ("markt", "indexatie", "bouwkosten")),
        ("index_huur", (0.0, 0.04), ("markt", "indexatie", "huur")),
        ("index_exploitatielasten", (0.0, 0.04), ("markt", "indexatie", "exploitatielasten")),
        ("index_verkoopprijzen", (0.0, 0.04), ("markt", "indexatie", "verkoopprijzen")),
        ("index_grond", (0.0, 0.04), ("markt", "indexatie", "grond")),
        ("btw", (0.19, 0.23), ("markt", "btw")),
        ("overdrachtsbelasting", (0.02, 0.1), ("markt", "kosten_koper", "overdrachtsbelasting")),
        ("bouwrente", (0.03, 0.08), ("markt", "bouwrente")),
    ]
    return [
        (naam, round(rng.uniform(*bereik), 4), pad) for naam, bereik, pad in rng.sample(keuzes, 5)
    ]


def _scenario(_r: random.Random, _c: Invoercellen, _d: dict[str, Any]) -> list[Wijziging]:
    """The peildatum: every pand's start moves relative to it. (The prijspeil is locked in a
    scenario with WWS points, as the example: it picks the table of maximum rents.)"""
    return [("startjaar", 2025, ("startjaar",))]


def _conventies(rng: random.Random, _c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    opties = {
        "ak_grondslag": ("bouw_en_grond", "opbrengst"),
        "wr_grondslag": ("kosten",),
        "rente_model": ("geen", "kasstroom"),
        "disconteringsmoment": ("midden_jaar",),
        "disconteringsvoet_opbrengst": ("markt",),
    }
    uit = [(k, rng.choice(v), ("conventies", k)) for k, v in opties.items() if rng.random() < 0.8]
    return [*uit, ("kk_methode", "vermenigvuldigen", ("markt", "kosten_koper", "methode"))]


def _kosten(rng: random.Random, _c: Invoercellen, _d: dict[str, Any]) -> list[Wijziging]:
    return [
        ("bijkomend", round(rng.uniform(0.1, 0.2), 3), ("kosten", "bijkomend")),
        ("onvoorzien", round(rng.uniform(0.02, 0.08), 3), ("kosten", "onvoorzien")),
        ("kosten_ak", round(rng.uniform(0.02, 0.06), 3), ("kosten", "ak")),
        ("kosten_wr", round(rng.uniform(0.05, 0.12), 3), ("kosten", "wr")),
        ("verwervingskosten", round(rng.uniform(0.03, 0.1), 3), ("kosten", "verwervingskosten")),
    ]


def _ingrepen(rng: random.Random, c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    return [
        (c.ingreep[k], round(rng.uniform(700, 2_600)), ("kosten", "per_m2_bvo", k))
        for k in rng.sample(sorted(d["kosten"]["per_m2_bvo"]), 2)
    ]


def _partijen(rng: random.Random, c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    uit: list[Wijziging] = []
    for partij in rng.sample(sorted(d["partijen"]), 3):
        for kop, veld, bereik in (
            ("disconteringsvoet", "disconteringsvoet", (0.03, 0.08)),
            ("rendementseis", "rendementseis", (0.04, 0.1)),
            ("algemene kosten", "ak", (0.01, 0.06)),
            ("winst & risico", "wr", (0.0, 0.12)),
        ):
            if rng.random() < 0.7:
                uit.append(
                    (
                        c.partij[(partij, kop)],
                        round(rng.uniform(*bereik), 4),
                        ("partijen", partij, veld),
                    )
                )
    return uit


def _functies(rng: random.Random, c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    uit: list[Wijziging] = []
    for fk in rng.sample(sorted(d["functies"]), 4):
        f = d["functies"][fk]
        prijsveld = next(
            k for k in ("huur_per_maand", "von_prijs_incl_btw", "huur_per_m2_per_jaar") if k in f
        )
        uit.append(
            (
                c.functie[(fk, PRIJS)],
                round(f[prijsveld] * rng.uniform(0.8, 1.3), 2),
                ("functies", fk, prijsveld),
            )
        )
        w = f.get("waardering", {})
        kandidaten: list[tuple[str, Any, tuple[Any, ...]]] = [
            (
                "BTW verrekenbaar",
                not f.get("btw_verrekenbaar", f["soort"] in ("koopwoning", "commercieel")),
                ("btw_verrekenbaar",),
            ),
        ]
        if f["soort"] != "koopwoning":
            kandidaten += [
                ("leegstand", round(rng.uniform(0.0, 0.1), 3), ("leegstand",)),
                (
                    "lasten % huur",
                    round(rng.uniform(0.0, 0.08), 3),
                    ("exploitatielasten", "percentage_huur"),
                ),
                ("kosten koper", round(rng.uniform(0.05, 0.12), 3), ("waardering", "kosten_koper")),
            ]
        else:
            kandidaten.append(
                ("verkoopkosten", round(rng.uniform(0.01, 0.04), 3), ("verkoopkosten",))
            )
        if f["soort"] == "huurwoning":
            # typed betaalbare huur: the gap and its source ('opgegeven') follow
            kandidaten.append(
                (
                    "betaalbare huur",
                    round(rng.uniform(700, 1100), 2),
                    ("betaalbare_huur_per_maand",),
                )
            )
        if f["soort"] in ("commercieel", "maatschappelijk"):
            kandidaten.append(("vvo / bvo", round(rng.uniform(0.7, 0.95), 3), ("vvo_bvo",)))
        else:
            kandidaten.append(
                ("bvo per woning", round(rng.uniform(60, 110), 1), ("bvo_per_woning",))
            )
        if w.get("methode") in ("bar", "nar"):
            m = w["methode"]
            kandidaten.append(
                (m.upper(), round(w[m] * rng.uniform(0.85, 1.2), 4), ("waardering", m))
            )
        if w.get("methode") == "dcf":
            kandidaten.append(("DCF-termijn", rng.randint(15, 40), ("waardering", "termijn")))
            # a DCF functie's own rate, typed into an empty cell
            kandidaten.append(
                (
                    "eigen disconteringsvoet",
                    round(rng.uniform(0.03, 0.06), 4),
                    ("waardering", "disconteringsvoet"),
                )
            )
            if "exit_yield" in w:
                kandidaten.append(
                    ("exit yield", round(rng.uniform(0.06, 0.09), 4), ("waardering", "exit_yield"))
                )
        for kop, waarde, pad in rng.sample(kandidaten, min(3, len(kandidaten))):
            uit.append((c.functie[(fk, kop)], waarde, ("functies", fk, *pad)))
    return uit


def _panden(rng: random.Random, c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    """start and bouwtijd (the default spread follows the bouwtijd), a given spread with
    its bouwtijd, inbrengwaarde, boekwaarde, verwerving, extra kosten and woningen."""
    panden = d["panden"]
    laatste = d["startjaar"] + d.get("horizon", 30)
    uit: list[Wijziging] = []
    gelijk = [i for i, p in enumerate(panden) if "kostenverdeling" not in p["transformatie"]]
    for i in rng.sample(gelijk, 3):
        bouwtijd = rng.randint(1, 4)
        start = rng.randint(d["startjaar"], min(d["startjaar"] + 6, laatste - bouwtijd))
        uit += [
            (c.pand[(i, "start")], start, ("panden", i, "transformatie", "start")),
            (c.pand[(i, "bouwtijd")], bouwtijd, ("panden", i, "transformatie", "bouwtijd")),
        ]
    eigen = next(i for i, p in enumerate(panden) if "kostenverdeling" in p["transformatie"])
    aandelen = [0.2, 0.3, 0.5]
    uit.append((c.pand[(eigen, "bouwtijd")], 3, ("panden", eigen, "transformatie", "bouwtijd")))
    eerste = c.verdeling[eigen].split("!")[1].split(":")[0]
    kolom = openpyxl.utils.cell.coordinate_from_string(eerste.replace("$", ""))
    for j, a in enumerate(aandelen):
        letter = openpyxl.utils.get_column_letter(
            openpyxl.utils.column_index_from_string(kolom[0]) + j
        )
        uit.append(
            (
                f"'Uitgangspunten'!${letter}${kolom[1]}",
                a,
                ("panden", eigen, "transformatie", "kostenverdeling", j),
            )
        )
    for i in rng.sample(range(len(panden)), 3):
        huidig = panden[i]["huidig"]
        waarde = round(
            huidig.get("marktwaarde", huidig.get("inbrengwaarde", 500_000)) * rng.uniform(0.7, 1.3)
        )
        uit.append((c.pand[(i, "inbrengwaarde")], waarde, ("panden", i, "huidig", "inbrengwaarde")))
        uit.append(
            (c.pand[(i, "boekwaarde")], round(waarde * 1.2), ("panden", i, "huidig", "boekwaarde"))
        )
        uit.append((c.pand[(i, "verwerving")], True, ("panden", i, "transformatie", "verwerving")))
    zonder = next(i for i, p in enumerate(panden) if not p["transformatie"].get("extra_kosten"))
    uit.append(
        (
            c.pand[(zonder, "extra_kosten")],
            150_000.0,
            ("panden", zonder, "transformatie", "extra_kosten", "sanering"),
        )
    )
    for (i, j, kop), adres in sorted(c.programma.items()):
        regel = panden[i]["transformatie"]["programma"][j]
        if kop == "woningen" and "woningen" in regel and "bvo" not in regel and rng.random() < 0.3:
            uit.append(
                (
                    adres,
                    regel["woningen"] + rng.randint(1, 4),
                    ("panden", i, "transformatie", "programma", j, "woningen"),
                )
            )
    return uit


def _marktwaarde(_r: random.Random, c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    """The inbrengwaarde follows the engine's order (schema/standaarden.py): a marktwaarde
    typed into the empty cell of a pand valued by huur / BAR (P04) becomes its inbrengwaarde;
    a pand whose marktwaarde is cleared and that gets a BAR (P01) falls back on huur / BAR."""
    p04, p01 = (next(i for i, p in enumerate(d["panden"]) if p["id"] == k) for k in ("P04", "P01"))
    assert "marktwaarde" not in d["panden"][p04]["huidig"]
    assert "bar" not in d["panden"][p01]["huidig"]
    return [
        (c.pand[(p04, "marktwaarde")], 500_000, ("panden", p04, "huidig", "marktwaarde")),
        (c.pand[(p01, "marktwaarde")], None, ("panden", p01, "huidig", "marktwaarde")),
        (c.pand[(p01, "huidige BAR")], 0.06, ("panden", p01, "huidig", "bar")),
    ]


_LASTEN_WERKPLAATS = ("functies", "ambachtswerkplaats", "exploitatielasten", "per_m2_per_jaar")


def _zonder_irr_midden(d: dict[str, Any]) -> None:
    """A base exported with midden_jaar in which P07 has no IRR (its flows never turn
    positive: the workplace's costs eat its value)."""
    d["conventies"]["disconteringsmoment"] = "midden_jaar"
    _zet(d, _LASTEN_WERKPLAATS, 120)


def _irr(_r: random.Random, c: Invoercellen, d: dict[str, Any]) -> list[Wijziging]:
    """The IRR follows the inputs (METHODE §5): P05 starting in 2054 (28 leading zero years,
    on which LibreOffice's IRR gave #N/A), the switch between eind_jaar and midden_jaar
    (year-0 flows, P02, P04, P07 and P12, shift against the rest), and P07 losing its IRR
    or, in a base without it, getting one back (its reason a formula too)."""
    p05 = next(i for i, p in enumerate(d["panden"]) if p["id"] == "P05")
    moment = d["conventies"].get("disconteringsmoment", "eind_jaar")
    lasten = 5 if moment == "midden_jaar" else 120
    return [
        (
            "disconteringsmoment",
            "eind_jaar" if moment == "midden_jaar" else "midden_jaar",
            ("conventies", "disconteringsmoment"),
        ),
        (c.pand[(p05, "start")], 2054, ("panden", p05, "transformatie", "start")),
        (c.pand[(p05, "bouwtijd")], 2, ("panden", p05, "transformatie", "bouwtijd")),
        (c.functie[("ambachtswerkplaats", "vaste lasten per jaar")], lasten, _LASTEN_WERKPLAATS),
    ]


GEVALLEN: dict[str, Callable[[random.Random, Invoercellen, dict[str, Any]], list[Wijziging]]] = {
    "markt": _markt,
    "scenario": _scenario,
    "conventies": _conventies,
    "kosten": _kosten,
    "ingrepen": _ingrepen,
    "partijen": _partijen,
    "functies": _functies,
    "panden": _panden,
    "marktwaarde": _marktwaarde,
    "irr": _irr,
    "irr_midden": _irr,
}
#: Cases on a base of their own (changed before the export), by block.
BASIS: dict[str, Callable[[dict[str, Any]], None]] = {"irr_midden": _zonder_irr_midden}
ZADEN = {"functies": (1, 2), "panden": (1, 2), "partijen": (1, 2)}
CASES = [(blok, zaad) for blok in GEVALLEN for zaad in ZADEN.get(blok, (1,))]


def _zet(data: dict[str, Any], pad: tuple[Any, ...], waarde: Any) -> None:
    knoop: Any = data
    for stap in pad[:-1]:
        knoop = knoop.setdefault(stap, {}) if isinstance(knoop, dict) else knoop[stap]
    if waarde is None:  # a cleared cell: the key left out
        del knoop[pad[-1]]
    elif isinstance(knoop, list) and pad[-1] == len(knoop):
        knoop.append(waarde)
    else:
        knoop[pad[-1]] = waarde


def _schrijf_cel(wb: Any, cel: str, waarde: Any) -> None:
    if "!" in cel:
        blad, adres = cel.rsplit("!", 1)
        wb[blad.strip("'")][adres.replace("$", "")].value = waarde
        return
    blad, adres = next(iter(wb.defined_names[cel].destinations))
    wb[blad][adres.replace("$", "")].value = waarde


def _data() -> dict[str, Any]:
    """The example with rents above the legal maximum capped (METHODE §2a): the cases change
    rents freely, and the workbook caps them like the engine (MIN with the maximum)."""
    d = _voorbeelddata()
    d.setdefault("conventies", {})["huur_boven_maximum"] = "aftoppen"
    return d


@pytest.fixture(scope="module")
def gewijzigd(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], Any]:
    """Per case: the engine on the changed YAML, and the workbook changed the same way
    (then recalculated by LibreOffice, when installed)."""
    map_ = tmp_path_factory.mktemp("invoer")
    basis = bereken(valideer(_data()))
    bron = map_ / "basis.xlsx"
    werkboek = bouw_werkboek(basis, Huisstijl(), {})
    bron.write_bytes(werkboek.inhoud)
    uit: dict[tuple[str, int], Any] = {}
    for blok, zaad in CASES:
        data = _data()
        eigen, cellen = bron, werkboek.cellen
        if blok in BASIS:  # a base of its own, exported from the changed scenario
            BASIS[blok](data)
            eigen = map_ / f"basis_{blok}.xlsx"
            ander = bouw_werkboek(bereken(valideer(copy.deepcopy(data))), Huisstijl(), {})
            eigen.write_bytes(ander.inhoud)
            cellen = ander.cellen
        wijzigingen = GEVALLEN[blok](random.Random(f"{blok}-{zaad}"), cellen, data)
        wb = openpyxl.load_workbook(eigen)
        for cel, waarde, yamlpad in wijzigingen:
            _schrijf_cel(wb, cel, waarde)
            _zet(data, yamlpad, waarde)
        doel = map_ / f"{blok}_{zaad}.xlsx"
        wb.save(doel)
        uit[(blok, zaad)] = (bereken(valideer(data)), doel, wijzigingen)
    uit[("basis", 0)] = (basis, bron, [])
    if soffice() is not None:
        paden = [p for _, p, _ in uit.values()]
        herrekend = dict(zip(paden, herreken(paden, map_), strict=True))
        uit = {k: (m, herrekend[p], w) for k, (m, p, w) in uit.items()}
    elif EIS_LO:
        pytest.fail("LibreOffice is vereist in CI maar niet gevonden")
    else:
        pytest.skip("LibreOffice niet geïnstalleerd")
    return uit


def _gelijk(motor: Any, excel: Any, notatie: str, sleutel: str) -> bool:
    """The engine's number and LibreOffice's: to the cent for amounts, 1e-9 relative for
    rates, factors and counts (the IRR to 1e-8: both iterate to their own tolerance)."""
    if isinstance(motor, str) or motor is None:
        return (motor or "") == (excel or "")
    if isinstance(motor, float) and math.isnan(motor):
        return not isinstance(excel, int | float) or isinstance(excel, bool)
    if not isinstance(excel, int | float):
        return False
    if notatie.startswith("euro"):
        return abs(float(motor) - excel) <= 0.01
    tolerantie = 1e-8 if sleutel == "irr" else 1e-9
    return abs(float(motor) - excel) <= tolerantie * max(1.0, abs(float(motor)))


def _functiewaarden(motor: Resultaat, sleutel: str) -> list[Any] | None:
    """The engine's per-functie column shown in Functies column `sleutel` (None: a step
    of the sheet's formulas, not a result)."""
    df = motor.functies
    samen = {
        "betaalbaar": ("betaalbare_huur",),
        "kostprijsdekkend": ("kostprijsdekkende_huur", "kostprijsdekkende_von_prijs"),
        "break_even": ("break_even_bar", "break_even_nar"),
    }
    if sleutel in samen:
        kolommen = [df[k].to_numpy(dtype=float) for k in samen[sleutel]]
        return list(np.where(np.isnan(kolommen[0]), kolommen[-1], kolommen[0]))
    if sleutel not in df.columns or sleutel in ("regel", "pand"):
        return None
    return [None if v is pd.NA else v for v in df[sleutel]]


def afwijkingen(motor: Resultaat, herrekend: Path, overslaan: set[str]) -> list[tuple[Any, ...]]:
    """Every per-pand (Panden) and per-functie (Functies) result of the recalculated
    workbook against the engine's, except the columns in `overslaan`."""
    wb = openpyxl.load_workbook(herrekend, data_only=True)
    uit: list[tuple[Any, ...]] = []
    for blad, kolommen in (("Panden", PND), ("Functies", FUN)):
        ws = wb[blad]
        for k, (sleutel, kop, notatie) in enumerate(kolommen):
            if sleutel in overslaan or sleutel in ("pand", "naam", "eigenaar", "exploitant"):
                continue
            if blad == "Panden":
                waarden = list(motor.panden[sleutel]) if sleutel in motor.panden else None
            else:
                waarden = _functiewaarden(motor, sleutel)
            if waarden is None:
                continue
            for r, m in enumerate(waarden):
                if sleutel == "irr_reden" and not isinstance(m, str):
                    m = None
                x = ws.cell(EERSTE + 1 + r, k + 1).value
                if x == "n.v.t.":
                    x = None
                if not _gelijk(m, x, notatie, sleutel):
                    uit.append((blad, r, kop, m, x))
    return uit


@pytest.mark.parametrize(("blok", "zaad"), CASES)
def test_invoer_wijzigen_geeft_de_uitkomst_van_de_rekenkern(
    gewijzigd: dict[tuple[str, int], Any], blok: str, zaad: int
) -> None:
    motor, herrekend, wijzigingen = gewijzigd[(blok, zaad)]
    # several inputs per case (the scenario block has one: the prijspeil is locked with WWS)
    assert len(wijzigingen) >= (1 if blok == "scenario" else 2)
    assert afwijkingen(motor, herrekend, DOELZOEKEN) == []
    # the change mattered: the engine's ORT moved, so the workbook did recalculate
    basis = gewijzigd[("basis", 0)][0]
    assert not np.allclose(
        motor.panden["onrendabele_top"], basis.panden["onrendabele_top"], atol=1.0
    )


@pytest.mark.parametrize("blok", ["irr", "irr_midden"])
def test_de_irr_volgt_de_invoer(gewijzigd: dict[tuple[str, int], Any], blok: str) -> None:
    """P05 starting in 2054 has an IRR in LibreOffice too (not #N/A); P07 has none, or gets
    one back, with its reason on Panden; the convention switched in the workbook counts."""
    motor, herrekend, _ = gewijzigd[(blok, 1)]
    ws = openpyxl.load_workbook(herrekend, data_only=True)["Panden"]
    kol = {k: i + 1 for i, (k, _, _) in enumerate(PND)}
    rij = {pand: EERSTE + 1 + r for r, pand in enumerate(motor.panden.index)}
    p05 = ws.cell(rij["P05"], kol["irr"]).value
    assert p05 == pytest.approx(motor.panden.loc["P05", "irr"], rel=1e-8)
    assert -0.35 < p05 < -0.25  # the engine's root, from 28 zero years on
    p07 = (ws.cell(rij["P07"], kol["irr"]).value, ws.cell(rij["P07"], kol["irr_reden"]).value)
    if blok == "irr":
        assert p07 == ("geen IRR", "geen tekenwisseling in de kasstromen (alles ≥ 0 of alles ≤ 0)")
        assert motor.scenario.conventies.disconteringsmoment == "midden_jaar"
    else:
        assert p07[0] == pytest.approx(motor.panden.loc["P07", "irr"], rel=1e-8)
        assert p07[1] in (None, "")
    # P02 has a flow in year 0: there the conventions give different IRRs
    basis = gewijzigd[("basis", 0)][0].panden.loc["P02", "irr"]
    p02 = ws.cell(rij["P02"], kol["irr"]).value
    assert p02 == pytest.approx(motor.panden.loc["P02", "irr"], rel=1e-8)
    if blok == "irr":
        assert abs(p02 - basis) > 0.1


def test_het_onveranderde_werkboek_herrekent_naar_de_rekenkern(
    gewijzigd: dict[tuple[str, int], Any],
) -> None:
    motor, herrekend, _ = gewijzigd[("basis", 0)]
    assert afwijkingen(motor, herrekend, DOELZOEKEN) == []


def _regels(pad_of_inhoud: Any) -> tuple[Any, dict[str, Any]]:
    """The Uitgangspunten sheet and its validation rule per cell (openpyxl reads them back)."""
    import io

    wb = openpyxl.load_workbook(io.BytesIO(pad_of_inhoud))
    ws = wb["Uitgangspunten"]
    per_cel: dict[str, Any] = {}
    for dv in ws.data_validations.dataValidation:
        for bereik in str(dv.sqref).split():
            for rij in ws[bereik] if ":" in bereik else ((ws[bereik],),):
                for c in rij:
                    per_cel[c.coordinate] = dv
    return wb, per_cel


def test_invoercellen_zijn_bewaakt_zoals_de_yaml() -> None:
    """Choice lists with the schema's options, numeric bounds from the Field constraints
    with the YAML's Dutch words, inputs unlocked, formulas locked, protection without a
    password."""
    from typing import get_args

    from transformatiecalc.schema.markt import Conventies
    from transformatiecalc.schema.panden import Transformatie

    res = bereken(valideer(_data()))
    werkboek = bouw_werkboek(res, Huisstijl(), {})
    wb, regels = _regels(werkboek.inhoud)
    ws = wb["Uitgangspunten"]

    def adres(naam: str) -> str:
        return next(iter(wb.defined_names[naam].destinations))[1].replace("$", "")

    def kaal(cel: str) -> str:
        return cel.split("!")[1].replace("$", "")

    # a choice: a list of exactly the schema's Literal options
    for naam in ("ak_grondslag", "wr_grondslag", "rente_model", "disconteringsmoment"):
        dv = regels[adres(naam)]
        opties = get_args(Conventies.model_fields[naam].annotation)
        assert dv.type == "list" and dv.formula1 == '"' + ",".join(opties) + '"', naam
        assert dv.showErrorMessage and "toegestaan: " + ", ".join(opties) in dv.error
    # a fraction: 0 … 0,3 with the YAML's words and the hint for 5,5 meant as 0,055
    dv = regels[adres("bouwrente")]
    assert (dv.type, dv.formula1, dv.formula2) == ("decimal", "0", "0.3")
    assert dv.operator in (None, "between")  # between is the default, left out of the file
    assert "moet minstens 0 zijn en mag hoogstens 0,3 zijn" in dv.error
    assert "0,055" in dv.error and dv.errorStyle in (None, "stop")
    # a whole number with its Field bounds: bouwtijd 1 … 10 (le=10 on Transformatie)
    bouwtijd = Transformatie.model_fields["bouwtijd"]
    assert bouwtijd.default == 1
    bt = kaal(werkboek.cellen.pand[(0, "bouwtijd")])
    dv = regels[bt]
    assert dv.type == "custom" and f"{bt}>=1,{bt}<=10" in dv.formula1
    assert f"{bt}=INT({bt})" in dv.formula1
    assert "een geheel getal en moet minstens 1 zijn en mag hoogstens 10 zijn" in dv.error
    # … and, like the start, oplevering (start + bouwtijd) within the horizon: a longer
    # bouwtijd pushes oplevering past it as well as a later start
    assert f"{kaal(werkboek.cellen.pand[(0, 'start')])}+{bt}<=startjaar+horizon" in dv.formula1
    # start: its bounds, the startjaar and the horizon, a formula relative to the first row
    start = kaal(werkboek.cellen.pand[(0, "start")])
    dv = regels[start]
    assert dv.type == "custom" and f"{start}>=startjaar" in dv.formula1
    assert "startjaar+horizon" in dv.formula1
    # an open bound (huur > 0): a formula; ja/nee: ISLOGICAL
    huur = kaal(werkboek.cellen.functie[(next(iter(res.scenario.functies)), PRIJS)])
    assert regels[huur].type == "custom" and f"{huur}>0" in regels[huur].formula1
    verwerving = kaal(werkboek.cellen.pand[(0, "verwerving")])
    assert regels[verwerving].formula1 == f"ISLOGICAL({verwerving})"
    # locked values carry a note; input cells are unlocked, formulas and labels locked
    horizon = adres("horizon")
    assert regels[horizon].type is None and "aantal jaarkolommen" in regels[horizon].prompt
    assert ws[horizon].protection.locked
    for cel in (adres("bouwrente"), huur, verwerving, start, adres("verwervingskosten")):
        assert not ws[cel].protection.locked, cel
    assert ws[adres("kosten_koper")].protection.locked  # a formula, not an input
    # the default spread follows the bouwtijd, and is an input that may be overwritten
    eerste = kaal(werkboek.cellen.verdeling[0].split(":")[0])
    assert ws[eerste].value.startswith("=IF(1<=") and not ws[eerste].protection.locked
    for blad in wb.worksheets:
        assert blad.protection.sheet and not blad.protection.password, blad.title
    for blad in ("Panden", "Functies", "Residuele waarde", "Kasstromen"):
        assert all(c.protection.locked for rij in wb[blad].iter_rows() for c in rij), blad


def test_een_regel_per_veld_ook_bij_veel_panden() -> None:
    """The rules are grouped per field: 40 panden get no more rules than 14."""
    data = _data()
    basis = len(_regels(bouw_werkboek(bereken(valideer(data)), Huisstijl(), {}).inhoud)[1])
    data["panden"] = [
        {**copy.deepcopy(p), "id": f"{p['id']}-{k}" if k else p["id"]}
        for k in range(3)
        for p in data["panden"]
    ]
    wb, regels = _regels(bouw_werkboek(bereken(valideer(data)), Huisstijl(), {}).inhoud)
    aantal = len(wb["Uitgangspunten"].data_validations.dataValidation)
    wb14, _ = _regels(bouw_werkboek(bereken(valideer(_data())), Huisstijl(), {}).inhoud)
    assert aantal <= len(wb14["Uitgangspunten"].data_validations.dataValidation) + 10
    assert len(regels) > 2 * basis  # and every new cell is guarded


def test_wat_de_yaml_weigert_is_geen_open_cel() -> None:
    """A cell the YAML would refuse a value in is locked with a note, not an open input the
    workbook ignores or computes with: the exit yield of a DCF with eindwaarde 0 (the YAML
    takes exactly one of the two) and the woningen of a programme line counted in m²."""
    data = _data()
    werkboek = bouw_werkboek(bereken(valideer(data)), Huisstijl(), {})
    wb, regels = _regels(werkboek.inhoud)
    ws = wb["Uitgangspunten"]
    kaart = {k.pad: k for k in werkboek.cellen.kaart}

    def adres(pad: str) -> str:
        k = kaart[pad]
        return f"{openpyxl.utils.get_column_letter(k.kolom + 1)}{k.rij + 1}"

    assert data["functies"]["sociale_huur"]["waardering"]["eindwaarde"] == 0
    exit_yield = adres("functies.sociale_huur.waardering.exit_yield")
    assert (
        ws[exit_yield].protection.locked
        and kaart["functies.sociale_huur.waardering.exit_yield"].soort == "vast"
    )
    assert "eindwaarde 0" in regels[exit_yield].prompt
    # a DCF with an exit yield keeps it as an input
    assert not ws[adres("functies.huisartsenpraktijk.waardering.exit_yield")].protection.locked
    regels_p04 = data["panden"][3]["transformatie"]["programma"]
    plint = next(j for j, r in enumerate(regels_p04) if r["functie"] == "commerciele_plint")
    woningen = adres(f"panden[3].transformatie.programma[{plint}].woningen")
    assert ws[woningen].protection.locked and "telt in m²" in regels[woningen].prompt
    assert (3, plint, "woningen") not in werkboek.cellen.programma
    # the gbo per woning: locked, and its note says what the engine uses it for (not "the
    # calculation does not use this value": the WWS estimate does)
    gbo = adres("functies.sociale_huur.gbo_per_woning")
    assert ws[gbo].protection.locked and "WWS-punten" in regels[gbo].prompt
    assert "gebruikt deze waarde niet" not in regels[gbo].prompt
    # a woning line keeps its woningen as an input
    woon = next(j for j, r in enumerate(regels_p04) if "woningen" in r)
    assert not ws[adres(f"panden[3].transformatie.programma[{woon}].woningen")].protection.locked


def test_leeg_gemaakte_invoer_wordt_rood() -> None:
    """Excel's validation does not fire on Delete, and the formulas read an emptied cell as
    0: every input cell that held a value turns red when emptied (one conditional format
    over all of them), an optional input left empty and a locked value do not; the sheet
    says what red means."""
    data = _data()
    werkboek = bouw_werkboek(bereken(valideer(data)), Huisstijl(), {})
    wb, _ = _regels(werkboek.inhoud)
    ws = wb["Uitgangspunten"]
    (opmaak,) = list(ws.conditional_formatting)
    (regel,) = opmaak.rules
    assert regel.type == "containsBlanks"
    assert regel.dxf.fill.bgColor.rgb == "FFFFC7CE"
    gedekt = {c for bereik in opmaak.sqref.ranges for rij in bereik.cells for c in [rij]}

    def plek(k: Any) -> tuple[int, int]:
        return (k.rij + 1, k.kolom + 1)  # openpyxl counts from 1

    invoer = [k for k in werkboek.cellen.kaart if k.soort in ("invoer", "standaard", "afgeleid")]
    gevuld = [k for k in invoer if k.waarde not in (None, "")]
    assert len(gevuld) > 100
    assert all(plek(k) in gedekt for k in gevuld)
    assert any(k.waarde is None for k in invoer)  # optional inputs left empty …
    assert not any(plek(k) in gedekt for k in invoer if k.waarde is None)  # … are not red
    assert not any(plek(k) in gedekt for k in werkboek.cellen.kaart if k.soort == "vast")
    assert "rood: een invoercel die leeg is gemaakt" in " ".join(
        str(c.value) for rij in ws.iter_rows(max_row=3) for c in rij if c.value
    )
