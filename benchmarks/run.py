"""Prestaties van transformatiecalc, als verhoudingen gemeten in één run (issue #6).

    python benchmarks/run.py [--snel] [--markdown docs/prestaties.md]

Genereert synthetische maar realistische portefeuilles (functies, partijen en kosten van het
voorbeeld; gemengde programma's en eigenaren; horizon 50 jaar) en meet:

- de hele rekenkern per pand (kasstromen, RG, NCW, IRR, ORT, kostprijsdekkende huur) tegen
  een lus per pand met numpy-financial en met pyxirr over dezelfde kasstromen (steekproef,
  geschaald), en tegen de ondergrens: gevectoriseerde NCW + IRR op dezelfde kasstromen;
- de groei van 1 000 naar 100 000 panden (hoort lineair te zijn);
- Monte Carlo, 1 000 trekkingen × 1 000 panden: tijd en piekgeheugen (in een eigen proces);
- hetzelfde met verevening en een fonds (issue #18): de snelle weg over alle trekkingen tegen
  elke trekking als bestand (een steekproef, geschaald), en dezelfde getallen op die steekproef;
  en 10 000 panden met een fonds: trekkingen per seconde en piekgeheugen (200 trekkingen;
  met `--groot` alle 10 000);
- de Excel-export van 1 000 panden met alle bladen en grafieken, tegen dezelfde cellen kaal
  geschreven met de snelste schrijver (xlsxwriter, constant_memory) als ondergrens;
- het piekgeheugen van de hele export (rekenen, grafieken, werkboek) van 10 000 panden, in
  een eigen proces;
- verevening en fondskasboek voor 10 000 panden.

Tijden zijn medianen; de machine is gedeeld en ruist (tot 2× tussen runs, zie docs/prestaties.md),
daarom telt de verhouding binnen één run. `--snel` draait alles klein, als rooktest (CI);
er wordt nergens op een tijd getoetst.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from transformatiecalc import bereken, valideer  # noqa: E402
from transformatiecalc.engine import bereken_invoer, invoer_uit_scenario  # noqa: E402
from transformatiecalc.engine.kasstroom import irr, ncw  # noqa: E402
from transformatiecalc.engine.portefeuille import bereken_portefeuille  # noqa: E402
from transformatiecalc.laden import als_gewone_data, lees_met_erfenis  # noqa: E402

#: LibreOffice's recalculation of NPV + IRR per row (UNO calculateAll, 19–25 µs,
#: docs/prestaties.md); a reference from an earlier measurement, not remeasured here.
LIBREOFFICE_US = 20.0
#: The targets of issue #6.
DOEL = {
    "kern_us": 3.0,
    "x_npf": 150.0,
    "x_libreoffice": 7.0,
    "x_ondergrens": 3.0,
    "mc_s": 10.0,
    "mc_gb": 2.0,
    "excel_s": 15.0,
    "x_excel": 1.5,
    "excel_gb": 1.0,
}


# ------------------------------------------------------------------ portfolios
def portefeuille(n: int, seed: int = 1, fondsen: bool = False) -> dict[str, Any]:
    """A valid scenario with `n` panden: the example's markets, functies and partijen, and
    random programmes (1–3 lines), owners, start years and ingrepen; horizon 50 years."""
    voorbeeld = als_gewone_data(lees_met_erfenis(ROOT / "scenarios" / "voorbeeld_binnenstad.yaml"))
    rng = np.random.default_rng(seed)
    partijen = list(voorbeeld["partijen"])
    woning = ["sociale_huur", "middenhuur", "vrije_sector", "koop"]
    m2 = ["commerciele_plint", "huisartsenpraktijk", "ambachtswerkplaats"]
    ingrepen = list(voorbeeld["kosten"]["per_m2_bvo"])
    panden = []
    for i in range(n):
        regels = []
        for functie in rng.choice(woning + m2, size=int(rng.integers(1, 4)), replace=False):
            if functie in woning:
                regels.append({"functie": str(functie), "woningen": int(rng.integers(2, 40))})
            else:
                regels.append({"functie": str(functie), "bvo": float(rng.integers(80, 1_500))})
        panden.append(
            {
                "id": f"B{i:06d}",
                "eigenaar": str(rng.choice(partijen)),
                "gebied": str(rng.choice(["binnenstad", "stationsgebied", "havenkwartier"])),
                "huidig": {"marktwaarde": float(rng.integers(150_000, 6_000_000))},
                "transformatie": {
                    "start": int(rng.integers(2026, 2031)),
                    "bouwtijd": int(rng.integers(1, 3)),
                    "ingreep": str(rng.choice(ingrepen)),
                    "programma": regels,
                },
            }
        )
    data = {k: v for k, v in voorbeeld.items() if k not in ("panden", "projecten", "varianten")}
    data.update(naam=f"synthetisch {n}", horizon=50, panden=panden)
    # random start years put the example's middenhuur (legal only with the 10 % surcharge of
    # a transformation starting before 2028) in later panden too: compute with the maximum
    data["conventies"] = {**data.get("conventies", {}), "huur_boven_maximum": "aftoppen"}
    if not fondsen:
        data.pop("verevening", None)
        data.pop("fondsen", None)
        data.pop("onzekerheid", None)
    else:
        data["verevening"]["beginsaldo"] = {"binnenstad": 250_000}
    return data


# ---------------------------------------------------------------------- timing
def meet(f: Callable[[], Any], herhaal: int = 3) -> float:
    """Median wall time of `herhaal` calls (seconds)."""
    tijden = []
    for _ in range(herhaal):
        t = time.perf_counter()
        f()
        tijden.append(time.perf_counter() - t)
    return statistics.median(tijden)


def _steekproef_per_rij(
    f: Callable[[np.ndarray, float], Any], cf: np.ndarray, r: np.ndarray, n: int
) -> float:
    """Seconds per row of a per-row loop, measured on the first `n` rows."""
    n = min(n, len(cf))
    t = time.perf_counter()
    for i in range(n):
        f(cf[i], float(r[i]))
    return (time.perf_counter() - t) / n


def kern(n: int, herhaal: int) -> dict[str, Any]:
    """The whole core per pand against per-row loops and the vectorised NPV + IRR floor."""
    import numpy_financial as npf

    sc = valideer(portefeuille(n))
    inv = invoer_uit_scenario(sc)
    bereken_invoer(inv)  # warm up
    t_kern = meet(lambda: bereken_invoer(inv), herhaal)
    u = bereken_invoer(inv)
    cf, r = u.kasstroom_totaal, inv.disconteringsvoet
    uit: dict[str, Any] = {
        "panden": n,
        "jaren": inv.jaren,
        "kern_s": t_kern,
        "kern_us": t_kern / n * 1e6,
    }
    # floor: NCW and IRR of the same cash flows, vectorised
    d = u.disconteringsfactor
    uit["ondergrens_us"] = meet(lambda: (ncw(cf, d), irr(cf)), herhaal) / n * 1e6
    # numpy-financial per row: npv (cheap) on 2 000 rows, irr (np.roots) on 200
    npv_s = _steekproef_per_rij(lambda c, rr: npf.npv(rr, c), cf, r, 2_000)
    irr_s = _steekproef_per_rij(lambda c, _rr: npf.irr(c), cf, r, 200)
    uit["npf_us"] = (npv_s + irr_s) * 1e6
    try:
        import pyxirr

        pyx_s = _steekproef_per_rij(lambda c, rr: (pyxirr.npv(rr, c), pyxirr.irr(c)), cf, r, 2_000)
        uit["pyxirr_us"] = pyx_s * 1e6
    except ImportError:
        uit["pyxirr_us"] = None
    # the oracles agree with the engine on the sample (a benchmark of wrong numbers is worthless)
    steek = slice(0, min(200, n))
    oracle = np.array([npf.npv(float(rr), c) for c, rr in zip(cf[steek], r[steek], strict=True)])
    assert np.allclose(oracle, u.ncw[steek], rtol=1e-9, atol=1e-3), (
        "NCW wijkt af van numpy-financial"
    )
    return uit


# ------------------------------------------------------------------ Monte Carlo
def monte_carlo(n: int, trekkingen: int) -> dict[str, Any]:
    """Run in a separate process, so that its peak memory is its own."""
    return _in_eigen_proces(f"_mc_in_proces({n}, {trekkingen})")


def _in_eigen_proces(aanroep: str, module: str = "run") -> dict[str, Any]:
    """`<module>.<aanroep>` (a module of benchmarks/) in a fresh Python process (its peak
    memory its own); its JSON result."""
    code = (
        "import json, sys\n"
        f"sys.path.insert(0, {str(ROOT / 'benchmarks')!r})\n"
        f"import {module}\n"
        f"print(json.dumps({module}.{aanroep}))\n"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return dict(json.loads(p.stdout.strip().splitlines()[-1]))


def _onzekerheid(trekkingen: int) -> dict[str, Any]:
    """The example's four largest uncertainties."""
    return {
        "seed": 7,
        "trekkingen": trekkingen,
        "parameters": {
            "markt.indexatie.bouwkosten": {
                "verdeling": "driehoek",
                "min": 0.01,
                "modus": 0.03,
                "max": 0.07,
            },
            "kosten.per_m2_bvo.transformatie_zwaar": {
                "verdeling": "driehoek",
                "min": 1_800,
                "modus": 1_950,
                "max": 2_350,
            },
            "functies.middenhuur.waardering.bar": {
                "verdeling": "normaal",
                "gemiddelde": 0.048,
                "sd": 0.004,
            },
            "functies.vrije_sector.huur_per_maand": {
                "verdeling": "uniform",
                "min": 1_350,
                "max": 1_550,
            },
        },
    }


def _basis(data: dict[str, Any]) -> Any:
    """The scenario `data` read as a file, as `onzeker` reads it."""
    import tempfile

    from ruamel.yaml import YAML

    from transformatiecalc.analyse.reeks import Basis

    with tempfile.TemporaryDirectory() as map_:
        pad = Path(map_) / "mc.yaml"
        with pad.open("w", encoding="utf-8") as f:
            YAML().dump(data, f)
        return Basis.laad(pad)


def _mc_in_proces(n: int, trekkingen: int) -> dict[str, Any]:
    from transformatiecalc.analyse.onzekerheid import monte_carlo as mc

    data = portefeuille(n)
    data["onzekerheid"] = _onzekerheid(trekkingen)
    basis = _basis(data)
    t = time.perf_counter()
    uitkomst = mc(basis)
    tijd = time.perf_counter() - t
    assert uitkomst.reeks.onrendabele_top.shape == (trekkingen, n)
    return {
        "panden": n,
        "trekkingen": trekkingen,
        "s": tijd,
        "piek_gb": _piekgeheugen_gb(),
    }


def monte_carlo_fonds(n: int, trekkingen: int, steekproef: int) -> dict[str, Any]:
    """Monte Carlo with verevening and one fund (issue #18), in its own process: the fast
    way over all draws against the per-draw-file way on the first `steekproef` draws."""
    return _in_eigen_proces(f"_mc_fonds_in_proces({n}, {trekkingen}, {steekproef})")


def _mc_fonds_in_proces(n: int, trekkingen: int, steekproef: int) -> dict[str, Any]:
    from transformatiecalc.analyse.onzekerheid import monte_carlo as mc

    data = portefeuille(n, fondsen=True)
    data["onzekerheid"] = _onzekerheid(trekkingen)
    basis = _basis(data)
    t = time.perf_counter()
    snel = mc(basis)
    t_snel = time.perf_counter() - t
    piek = _piekgeheugen_gb()
    assert snel.snel and snel.reeks.fondsen, "de snelle weg hoort hier te gelden"
    t = time.perf_counter()
    exact = mc(basis, steekproef, snel=False)
    t_exact = (time.perf_counter() - t) / steekproef
    # the same numbers: the first draws of both ways (same seed, same first draws)
    a, b = (x.uitkomsten().to_numpy(dtype=np.float64) for x in (mc(basis, steekproef), exact))
    assert np.allclose(a, b, rtol=1e-9, atol=1e-6, equal_nan=True), "snel ≠ elk als bestand"
    return {
        "panden": n,
        "trekkingen": trekkingen,
        "s": t_snel,
        "piek_gb": piek,
        "per_trekking_bestand_s": t_exact,
        "steekproef": steekproef,
    }


def fonds_met_ruimte(n: int, trekkingen: int, factor: float) -> dict[str, Any]:
    """Monte Carlo with a fund that has room, in its own process: the fund of
    :func:`portefeuille` with its tranches × `factor` and without verevening (whose
    prefinancing puts that fund deep below its floor), so most packages are built."""
    return _in_eigen_proces(f"_ruimte_in_proces({n}, {trekkingen}, {factor})")


def _ruimte_in_proces(n: int, trekkingen: int, factor: float) -> dict[str, Any]:
    data = portefeuille(n, fondsen=True)
    data.pop("verevening")
    fonds = data["fondsen"][0]
    volgorde = fonds["toewijzing"]["volgorde_instrumenten"]
    fonds["toewijzing"]["volgorde_instrumenten"] = [v for v in volgorde if v != "verevening"]
    for tranche in fonds["tranches"]:
        tranche["bedrag"] *= factor
    return {**_fonds_onzeker(data, n, trekkingen), "factor": factor}


def fonds_lange_wachtrij(n: int, trekkingen: int) -> dict[str, Any]:
    """Monte Carlo of the oversubscribed fund of benchmarks/bits.py with deelneming and
    garantie and no max_wachttijd (case fonds_<n>_3), in its own process: long waiting
    lists, sized again every year."""
    return _in_eigen_proces(f"_wachtrij_in_proces({n}, {trekkingen})")


def _wachtrij_in_proces(n: int, trekkingen: int) -> dict[str, Any]:
    from bits import fondsgevallen

    return _fonds_onzeker(dict(fondsgevallen(n))[f"fonds_{n}_3"], n, trekkingen)


def _fonds_onzeker(data: dict[str, Any], n: int, trekkingen: int) -> dict[str, Any]:
    """Time Monte Carlo of the fund scenario `data` over `trekkingen` draws (the example's
    uncertainties): seconds, peak memory and the mean of its first fund's KPIs."""
    from transformatiecalc.analyse.onzekerheid import monte_carlo as mc

    data["onzekerheid"] = _onzekerheid(trekkingen)
    basis = _basis(data)
    t = time.perf_counter()
    uitkomst = mc(basis)
    tijd = time.perf_counter() - t
    kpi = uitkomst.reeks.fondsen[data["fondsen"][0]["naam"]]
    return {
        "panden": n,
        "trekkingen": trekkingen,
        "s": tijd,
        "piek_gb": _piekgeheugen_gb(),
        **{
            k: float(np.nanmean(kpi[f"panden_{k}"]))
            for k in ("geholpen", "gewacht", "wachtend_einde")
        },
    }


def _piekgeheugen_gb() -> float:
    """This process's peak resident memory. VmHWM belongs to the process's own address
    space; ru_maxrss is not used because Linux carries it over from the parent through
    fork + exec (the parent holds the 100 000-pand results)."""
    try:
        for regel in Path("/proc/self/status").read_text().splitlines():
            if regel.startswith("VmHWM:"):
                return int(regel.split()[1]) / 1024**2
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


# ------------------------------------------------------------------------ Excel
def excel(n: int) -> dict[str, Any]:
    """Our workbook (all sheets, charts) against the same cells written raw."""
    import xlsxwriter
    from xlsxwriter.worksheet import CellFormulaTuple, CellNumberTuple

    from transformatiecalc.uitvoer.excel import bouw_werkboek
    from transformatiecalc.uitvoer.excel.blad import Werkblad
    from transformatiecalc.uitvoer.grafieken import alle_grafieken
    from transformatiecalc.uitvoer.huisstijl import Huisstijl

    res = bereken(valideer(portefeuille(n)))
    stijl = Huisstijl()
    t = time.perf_counter()
    pngs = alle_grafieken(res, stijl)
    t_grafieken = time.perf_counter() - t
    t = time.perf_counter()
    bouw_werkboek(res, stijl, pngs)
    t_werkboek = time.perf_counter() - t

    # the floor: the very cells our workbook holds (the same formula texts, numbers,
    # strings and cached values), written raw with the fastest path we have: no formula
    # building, no values taken from the results, no column widths
    bladen = _cellen(res, stijl)

    def kaal() -> None:
        buffer = io.BytesIO()
        wb = xlsxwriter.Workbook(buffer, {"in_memory": True})
        opmaak = wb.add_format({"num_format": "#,##0"})
        for blad, cellen in bladen.items():
            ws = wb.add_worksheet(blad[:31], worksheet_class=Werkblad)
            for rij, kolom, cel in cellen:
                if isinstance(cel, CellFormulaTuple):
                    ws._write_formula(rij, kolom, "=" + cel.formula, opmaak, cel.value)
                elif isinstance(cel, CellNumberTuple):
                    ws._write_number(rij, kolom, cel.number, opmaak)
                else:
                    ws._write_string(rij, kolom, cel.string, opmaak)
        wb.close()

    t_kaal = meet(kaal, 1)
    return {
        "panden": n,
        "grafieken_s": t_grafieken,
        "werkboek_s": t_werkboek,
        "totaal_s": t_grafieken + t_werkboek,
        "kaal_s": t_kaal,
        "cellen": sum(len(x) for x in bladen.values()),
    }


def _cellen(res: Any, stijl: Any) -> dict[str, list[tuple[int, int, Any]]]:
    """Every number, string and formula cell of our workbook, per sheet, from xlsxwriter's
    cell table (row, column, cell)."""
    from xlsxwriter.worksheet import CellFormulaTuple, CellNumberTuple, CellStringTuple

    from transformatiecalc.uitvoer.excel import blad as bladmodule
    from transformatiecalc.uitvoer.excel import bouw_werkboek

    gezien: list[Any] = []
    echte_init = bladmodule.Blad.__init__

    def onthoud(self: Any, *args: Any, **kwargs: Any) -> None:
        echte_init(self, *args, **kwargs)
        gezien.append(self)

    bladmodule.Blad.__init__ = onthoud  # type: ignore[method-assign]
    try:
        bouw_werkboek(res, stijl, {}, per_rij=False)  # every cell kept, to read back here
    finally:
        bladmodule.Blad.__init__ = echte_init  # type: ignore[method-assign]
    uit: dict[str, list[tuple[int, int, Any]]] = {}
    for b in gezien:
        # string cells hold an index into the workbook's shared strings: keep the text
        tekst = b.ws.str_table.string_array  # index → text once the workbook is closed
        uit[b.naam] = [
            (r, k, CellStringTuple(tekst[c.string], None) if isinstance(c, CellStringTuple) else c)
            for r in sorted(b.ws.table)
            for k, c in sorted(b.ws.table[r].items())
            if isinstance(c, CellFormulaTuple | CellNumberTuple | CellStringTuple)
        ]
    return uit


def excel_geheugen(n: int) -> dict[str, Any]:
    """Peak memory of a whole `run -o` export of `n` panden, in a process of its own."""
    return _in_eigen_proces(f"_excel_in_proces({n})")


def _excel_in_proces(n: int) -> dict[str, Any]:
    """Calculate, draw the charts and build the workbook as the command line does; the
    peak before the workbook shows what the workbook itself adds."""
    from transformatiecalc.uitvoer.excel import werkboek_bytes
    from transformatiecalc.uitvoer.grafieken import alle_grafieken
    from transformatiecalc.uitvoer.huisstijl import Huisstijl

    res = bereken(valideer(portefeuille(n)))
    stijl = Huisstijl()
    pngs = alle_grafieken(res, stijl)
    voor = _piekgeheugen_gb()
    t = time.perf_counter()
    inhoud = werkboek_bytes(res, stijl, pngs)
    return {
        "panden": n,
        "werkboek_s": time.perf_counter() - t,
        "voor_werkboek_gb": voor,
        "piek_gb": _piekgeheugen_gb(),
        "mb": len(inhoud) / 1e6,
    }


# ------------------------------------------------------------------ portfolio
def portefeuille_fase(n: int) -> dict[str, Any]:
    """Herverkaveling-free verevening and the example's binnenstadsfonds over `n` panden."""
    sc = valideer(portefeuille(n, fondsen=True))
    u = bereken_invoer(invoer_uit_scenario(sc))
    t = meet(lambda: bereken_portefeuille(sc, u), 1)
    pf = bereken_portefeuille(sc, u)
    return {
        "panden": n,
        "s": t,
        "us": t / n * 1e6,
        "geholpen": int(pf.fondsen[0].kpi["panden_geholpen"]) if pf.fondsen else 0,
    }


# ------------------------------------------------------------------------ report
def machine() -> str:
    cpu = platform.processor() or "?"
    try:
        for regel in Path("/proc/cpuinfo").read_text().splitlines():
            if regel.startswith("model name"):
                cpu = regel.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} kernen, Python {platform.python_version()}, "
        f"numpy {np.__version__}, {platform.system()} {platform.release()}"
    )


def _g(x: float) -> str:
    """2.5 → '2,5' (Dutch decimal comma)."""
    return f"{x:g}".replace(".", ",")


def _n(x: int) -> str:
    """1000 → '1.000'."""
    return f"{x:,}".replace(",", ".")


def _getal(x: float | None, eenheid: str = "", decimalen: int = 2) -> str:
    if x is None:
        return "–"
    return f"{x:,.{decimalen}f}".replace(",", "_").replace(".", ",").replace("_", ".") + eenheid


def rapport(m: dict[str, Any], snel: bool) -> list[tuple[str, str, str, str]]:
    """Rows (meting, uitkomst, verhouding, doel)."""
    rijen = []
    k = m["kern"][-1]
    rijen.append(
        (
            f"Rekenkern per pand ({_n(k['panden'])} panden × {k['jaren']} jaar)",
            _getal(k["kern_us"], " µs"),
            "",
            f"≤ {_g(DOEL['kern_us'])} µs",
        )
    )
    rijen.append(
        (
            "  tegen lus numpy-financial (npv + irr per pand)",
            _getal(k["npf_us"], " µs", 0),
            _getal(k["npf_us"] / k["kern_us"], "×", 0),
            f"≥ {_g(DOEL['x_npf'])}×",
        )
    )
    if k["pyxirr_us"] is not None:
        rijen.append(
            (
                "  tegen lus pyxirr (npv + irr per pand)",
                _getal(k["pyxirr_us"], " µs"),
                _getal(k["pyxirr_us"] / k["kern_us"], "×", 1),
                "",
            )
        )
    rijen.append(
        (
            "  tegen LibreOffice-herberekening (eerder gemeten)",
            _getal(LIBREOFFICE_US, " µs", 0),
            _getal(LIBREOFFICE_US / k["kern_us"], "×", 1),
            f"≥ {_g(DOEL['x_libreoffice'])}×",
        )
    )
    rijen.append(
        (
            "  tegen ondergrens NCW + IRR gevectoriseerd",
            _getal(k["ondergrens_us"], " µs"),
            _getal(k["kern_us"] / k["ondergrens_us"], "×", 1),
            f"≤ {_g(DOEL['x_ondergrens'])}×",
        )
    )
    eerste = m["kern"][0]
    for g in m["kern"][1:]:
        rijen.append(
            (
                f"Groei {eerste['panden']:,} → {g['panden']:,} panden (tijd per pand)".replace(
                    ",", "."
                ),
                f"{_getal(eerste['kern_us'], ' µs')} → {_getal(g['kern_us'], ' µs')}",
                _getal(g["kern_us"] / eerste["kern_us"], "×", 2),
                "≈ 1× (lineair)",
            )
        )
    mc = m["mc"]
    rijen.append(
        (
            f"Monte Carlo {mc['trekkingen']:,} trekkingen × {mc['panden']:,} panden".replace(
                ",", "."
            ),
            f"{_getal(mc['s'], ' s', 1)}, piek {_getal(mc['piek_gb'], ' GB')}",
            _getal(mc["s"] / mc["trekkingen"] * 1e3, " ms/trekking", 1),
            f"≤ {_g(DOEL['mc_s'])} s, ≤ {_g(DOEL['mc_gb'])} GB",
        )
    )
    f = m["mc_fonds"]
    bestand = f["per_trekking_bestand_s"] * f["trekkingen"]
    rijen.append(
        (
            f"Monte Carlo met verevening en fonds, {_n(f['trekkingen'])} trekkingen × "
            f"{_n(f['panden'])} panden (snelle weg)",
            f"{_getal(f['s'], ' s', 1)}, piek {_getal(f['piek_gb'], ' GB')}",
            _getal(f["s"] / f["trekkingen"] * 1e3, " ms/trekking", 1),
            f"≤ {_g(DOEL['mc_s'])} s, ≤ {_g(DOEL['mc_gb'])} GB",
        )
    )
    rijen.append(
        (
            f"  tegen elke trekking als bestand (steekproef {f['steekproef']}, geschaald)",
            _getal(bestand, " s", 0),
            _getal(bestand / f["s"], "×", 1),
            "≥ 10× (issue #18)",
        )
    )
    g = m["mc_fonds_groot"]
    rijen.append(
        (
            f"Monte Carlo met verevening en fonds, {_n(g['trekkingen'])} trekkingen × "
            f"{_n(g['panden'])} panden (snelle weg)",
            f"{_getal(g['s'], ' s', 0)}, piek {_getal(g['piek_gb'], ' GB')}",
            _getal(g["trekkingen"] / g["s"], " trekkingen/s", 2),
            "10.000 × 10.000 binnen ≤ 8 GB (issue #18)",
        )
    )
    x = m["excel"]
    rijen.append(
        (
            f"Excel-export {_n(x['panden'])} panden, alle bladen en grafieken",
            f"{_getal(x['totaal_s'], ' s', 1)} (grafieken {_getal(x['grafieken_s'], ' s', 1)})",
            _getal(x["werkboek_s"] / x["kaal_s"], "× kaal", 1),
            f"≤ {_g(DOEL['excel_s'])} s, ≤ {_g(DOEL['x_excel'])}× kaal",
        )
    )
    rijen.append(
        (
            f"  dezelfde {_n(x['cellen'])} cellen kaal (xlsxwriter)",
            _getal(x["kaal_s"], " s", 1),
            "",
            "",
        )
    )
    g = m["excel_geheugen"]
    rijen.append(
        (
            f"Excel-export {_n(g['panden'])} panden: piekgeheugen van het proces",
            f"{_getal(g['piek_gb'], ' GB')} (werkboek {_getal(g['werkboek_s'], ' s', 0)}, "
            f"{_getal(g['mb'], ' MB', 0)})",
            f"{_getal(g['voor_werkboek_gb'], ' GB')} vóór het werkboek",
            f"≤ {_g(DOEL['excel_gb'])} GB",
        )
    )
    p = m["portefeuille"]
    rijen.append(
        (
            f"Verevening en fondskasboek, {_n(p['panden'])} panden",
            _getal(p["s"], " s", 2),
            _getal(p["us"], " µs/pand", 0),
            "",
        )
    )
    return rijen


def opties(doc: str | None, groot: bool = False) -> argparse.Namespace:
    """The options every benchmark script takes: --snel and --markdown PAD; with `groot`
    also --groot (this script: the Monte Carlo with a fund at full scale)."""
    args = argparse.ArgumentParser(description=doc.splitlines()[0] if doc else None)
    args.add_argument("--snel", action="store_true", help="alles klein: rooktest, geen meting")
    args.add_argument("--markdown", type=Path, help="schrijf de tabel ook naar dit bestand")
    if groot:
        args.add_argument(
            "--groot",
            action="store_true",
            help="Monte Carlo met fonds op volle schaal: 10 000 trekkingen × 10 000 panden (uren)",
        )
    return args.parse_args()


def main() -> None:
    opties_ = opties(__doc__, groot=True)
    snel = opties_.snel
    groottes = (500, 2_000) if snel else (1_000, 10_000, 100_000)
    m: dict[str, Any] = {"kern": []}
    for n in groottes:
        print(f"rekenkern {n} panden …", file=sys.stderr)
        m["kern"].append(kern(n, 2 if snel else 7))
    print("Monte Carlo …", file=sys.stderr)
    m["mc"] = monte_carlo(100, 10) if snel else monte_carlo(1_000, 1_000)
    print("Monte Carlo met verevening en fonds …", file=sys.stderr)
    m["mc_fonds"] = monte_carlo_fonds(100, 10, 3) if snel else monte_carlo_fonds(1_000, 1_000, 20)
    # 10 000 draws × 10 000 panden take hours on 2 cores: a sample unless --groot
    groot = (10_000, 10_000) if opties_.groot else (100, 20) if snel else (10_000, 200)
    print(f"Monte Carlo met fonds, {groot[0]} panden × {groot[1]} trekkingen …", file=sys.stderr)
    m["mc_fonds_groot"] = monte_carlo_fonds(*groot, 1)
    print("Excel …", file=sys.stderr)
    m["excel"] = excel(50 if snel else 1_000)
    print("Excel-geheugen …", file=sys.stderr)
    m["excel_geheugen"] = excel_geheugen(50 if snel else 10_000)
    print("verevening en fonds …", file=sys.stderr)
    m["portefeuille"] = portefeuille_fase(500 if snel else 10_000)

    rijen = rapport(m, snel)
    kop = ("meting", "uitkomst", "verhouding", "doel (issue #6)")
    breed = [max(len(r[i]) for r in (kop, *rijen)) for i in range(4)]
    regels = ["  ".join(c.ljust(breed[i]) for i, c in enumerate(r)).rstrip() for r in (kop, *rijen)]
    print("\n".join(regels))
    if opties_.markdown is not None:
        tekst = [
            f"| {' | '.join(kop)} |",
            "|---|---|---|---|",
            *(f"| {' | '.join(r)} |" for r in rijen),
        ]
        inhoud = (
            f"Gemeten op {date.today().isoformat()} — {machine()}"
            + (" (--snel: rooktest, geen meting)" if snel else "")
            + "\n\n"
            + "\n".join(tekst)
            + "\n"
        )
        opties_.markdown.write_text(inhoud, encoding="utf-8")
        print(f"geschreven: {opties_.markdown}", file=sys.stderr)


if __name__ == "__main__":
    main()
