"""Readable terminal tables (rich), with Dutch number formatting."""

from __future__ import annotations

import math

from rich import box
from rich.console import Console
from rich.table import Table

from ..getallen import decimaal, duizendtallen
from ..resultaat import Resultaat


def euro(bedrag: float, schaal: float = 1.0) -> str:
    """'€ 1.234.567' (whole euros, Dutch separators) or, with schaal=1000, '1.235'."""
    if bedrag is None or not math.isfinite(bedrag):
        return "–"
    tekst = duizendtallen(bedrag / schaal)
    return tekst if schaal != 1.0 else f"€ {tekst}"


def procent(fractie: float, decimalen: int = 1) -> str:
    """'5,4 %' for 0.054; '–' for a missing value."""
    if fractie is None or not math.isfinite(fractie):
        return "–"
    return f"{decimaal(fractie * 100, decimalen)} %"


def toon_samenvatting(resultaat: Resultaat, console: Console) -> None:
    """Per-pand table with totals (amounts in € 1.000), then the scenario line and notes."""
    df = resultaat.panden
    k = 1000.0
    tabel = Table(
        title=resultaat.scenario.naam,
        caption=(
            f"bedragen × € 1.000; V, SK en RG nominaal, inbreng en ORT in € van "
            f"{resultaat.scenario.startjaar}"
        ),
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    breedtes = {
        "Pand": 5,
        "Eigenaar": 12,
        "Won.": 4,
        "V": 6,
        "SK": 6,
        "RG opl.": 7,
        "Inbreng": 7,
        "ORT": 6,
        "IRR": 7,
    }
    for naam, breedte in breedtes.items():
        tabel.add_column(
            naam,
            justify="left" if naam in ("Pand", "Eigenaar") else "right",
            no_wrap=True,
            min_width=breedte,
            max_width=max(breedte, 12),
        )
    for pand_id, r in df.iterrows():
        ort = float(r["onrendabele_top"])
        kleur = "red" if ort > 0 else "green"
        tabel.add_row(
            str(pand_id),
            str(r["eigenaar"])[:12],
            str(r["woningen"]),
            euro(r["opbrengst"], k),
            euro(r["stichtingskosten"], k),
            euro(r["residuele_grondwaarde_oplevering"], k),
            euro(r["inbrengwaarde"], k),
            f"[{kleur}]{euro(ort, k)}[/{kleur}]",
            procent(r["irr"]),
        )
    t = resultaat.totalen
    tabel.add_section()
    tabel.add_row(
        "Totaal",
        f"{t['panden']} pnd.",
        str(t["woningen"]),
        euro(t["opbrengst"], k),
        euro(t["stichtingskosten"], k),
        euro(t["residuele_grondwaarde_oplevering"], k),
        euro(t["inbrengwaarde"], k),
        euro(t["onrendabele_top"], k),
        "",
        style="bold",
    )
    console.print(tabel)
    console.print(
        f"Onrendabele top (tekort) {euro(t['tekort'])} bij {t['panden_met_tekort']} panden; "
        f"overschot {euro(t['overschot'])} bij de andere."
    )
    console.print(
        f"scenario sha256 {resultaat.sha256[:16]}… · transformatiecalc {resultaat.versie}",
        style="dim",
    )
    for w in resultaat.waarschuwingen:
        console.print(f"[yellow]let op:[/yellow] {w}")
