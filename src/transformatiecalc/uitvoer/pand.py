"""One pand in detail, for the terminal (``run --pand``) and the app: how its residual land
value is built up from V (METHODE §1–§3), where its onrendabele top comes from (§5) and the
closed forms that close the gap (§5, "wat sluit het gat")."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
from rich.console import Console

from ..grootheden import GROOTHEDEN
from ..resultaat import RG_POSTEN, Resultaat
from .notatie import kpi_tekst
from .tabel import Kolom, Rij, toon_tabel
from .veilig import veilig

#: "Wat sluit het gat" of one pand: the closed forms of METHODE §5.
SLUITERS = (
    "subsidie_sluitend",
    "max_inbrengwaarde",
    "break_even_bouwkosten_per_m2",
    "huurfactor_rendementseis",
)
#: From residual land value to onrendabele top (METHODE §3, §5), before what closes it.
ORT_OPBOUW = (
    "residuele_grondwaarde_peildatum",
    "inbrengwaarde",
    "onrendabele_top",
    "ort_zonder_inbreng",
    "inbreng_aandeel",
    "ort_per_woning",
    "irr",
)
#: Short labels of the residual's posts where the key alone reads badly.
POSTLABELS = {
    "btw": "BTW",
    "financieringskosten": "financiering",
    "winst_en_risico": "winst & risico",
}


def kop(naam: str) -> tuple[str, str]:
    """The Dutch label and unit text of a quantity ('€, peildatum'; its name if it has none)."""
    g = GROOTHEDEN.get(naam)
    if g is None:
        return naam, ""
    eenheid = g.eenheid if g.eenheid not in ("tekst", "aantal") else ""
    if eenheid.startswith("fractie"):  # shown as a percentage, as the terminal does
        eenheid = eenheid.replace("fractie", "%", 1)
    if g.basis is not None:
        eenheid = f"{eenheid}, {g.basis.value}"
    return g.label, eenheid


def rg_opbouw(resultaat: Resultaat, pand: str | None) -> tuple[list[str], list[float]]:
    """The residual land value at oplevering built up (€, nominal): opbrengst V, then each
    post of the stichtingskosten as a negative step (METHODE §3), for one pand or (None)
    the portfolio. The steps add up to the residual land value."""
    rij = (
        resultaat.panden.loc[pand] if pand is not None else resultaat.panden.sum(numeric_only=True)
    )
    labels = ["opbrengst V", *(POSTLABELS.get(p, p.replace("_", " ")) for p in RG_POSTEN)]
    waarden = rij[["opbrengst", *RG_POSTEN]].to_numpy(dtype=float)
    return labels, [float(waarden[0]), *(-waarden[1:]).tolist()]


def pand_sluiters(resultaat: Resultaat, pand: str) -> list[tuple[str, Any, str, str]]:
    """The ORT of one pand, its two parts and what closes it: (name, label, value, unit),
    the closed forms of METHODE §5 as the engine computed them."""
    rij = resultaat.panden.loc[pand]
    uit = []
    for naam in ("onrendabele_top", "ort_zonder_inbreng", "inbreng_aandeel", *SLUITERS):
        if naam in rij.index:
            label, eenheid = kop(naam)
            if naam == "subsidie_sluitend" and "start" in rij.index:  # 'jaar s' of methode §5
                label = f"sluitende subsidie, betaald in {int(gewoon(rij['start']))}"
            uit.append((naam, label, gewoon(rij[naam]), eenheid))
    return uit


def gewoon(x: Any) -> Any:
    """A pandas/numpy scalar as a plain Python value (a missing float stays NaN)."""
    if hasattr(x, "item") and not isinstance(x, str):
        try:
            return x.item()
        except (ValueError, AttributeError):
            return x
    return x


def _ontbreekt(x: Any) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x))


def _tekst(naam: str, waarde: Any) -> str:
    g = GROOTHEDEN.get(naam)
    return kpi_tekst(waarde, g.terminal if g is not None else "getal")


def toon_pand(resultaat: Resultaat, pand: str, console: Console) -> None:
    """One pand in full: its residual land value built up from V (€, nominal, at
    oplevering), then from that value to the ORT and what closes the gap."""
    from .terminal import toon_herkomst_ort

    rij = resultaat.panden.loc[pand]
    labels, bedragen = rg_opbouw(resultaat, pand)
    rg = float(gewoon(rij["residuele_grondwaarde_oplevering"]))
    start, oplevering = (int(gewoon(rij[k])) for k in ("start", "oplevering"))
    toon_tabel(
        console,
        [Kolom("Post", tekst=True, minimum=12), Kolom("Bedrag")],
        [
            *(
                Rij((veilig(lab), kpi_tekst(b, "euro")))
                for lab, b in zip(labels, bedragen, strict=True)
            ),
            Rij(("residuele grondwaarde", kpi_tekst(rg, "euro")), totaal=True),
        ],
        titel=(
            f"{pand} {rij['naam']} — {rij['eigenaar']}; start {start}, oplevering "
            f"{oplevering}: de residuele grondwaarde bij oplevering"
        ),
        onderschrift=(
            f"€ nominaal, bij oplevering ({oplevering}): opbrengst V min de "
            "stichtingskosten zonder inbreng (docs/methode.md §3)"
        ),
    )
    regels = [n for n in ORT_OPBOUW if n in rij.index]
    rijen = [_regel(naam, kop(naam)[0], gewoon(rij[naam]), kop(naam)[1]) for naam in regels]
    rijen += [_regel(*s) for s in pand_sluiters(resultaat, pand) if s[0] in SLUITERS]
    reden = gewoon(rij.get("irr_reden"))
    zonder_irr = _ontbreekt(gewoon(rij["irr"])) and not _ontbreekt(reden)
    toon_tabel(
        console,
        [Kolom("Kengetal", tekst=True, minimum=20), Kolom("Waarde")],
        rijen,
        titel=f"{pand}: de onrendabele top en wat het gat sluit",
        onderschrift=(
            "ORT = ORT zonder inbreng + inbreng-aandeel; elk van de regels onder de IRR sluit "
            "alleen het gat (docs/methode.md §5)"
            + (f"; IRR –: {veilig(str(reden))}" if zonder_irr else "")
        ),
    )
    toon_herkomst_ort(resultaat, console, alleen=pand)


def _regel(naam: str, label: str, waarde: Any, eenheid: str) -> Rij:
    """A row 'label (unit)' and its value as the terminal writes it; a basis the label
    already names is not repeated ('residuele grondwaarde peildatum (€)')."""
    voor, _, basis = eenheid.rpartition(", ")
    if voor and label.endswith(basis):
        eenheid = voor
    tekst = f"{label} ({eenheid})" if eenheid else label
    return Rij((veilig(tekst), _tekst(naam, waarde)))


def toon_panden(resultaat: Resultaat, panden: list[str], console: Console) -> None:
    """`panden` (ids of the scenario) each in full, then the hash line and the warnings."""
    from .terminal import toon_voet

    for pand in panden:
        toon_pand(resultaat, pand, console)
    toon_voet(resultaat, console)


def pand_ids(ids: list[str], gevraagd: list[str]) -> tuple[list[str], list[str]]:
    """The scenario's ids for the `gevraagd` ones — exactly, or else ignoring case where
    that names one pand ('p01' for P01; a scenario may have both P1 and p1) — and those
    that match none."""
    op_naam: dict[str, list[str]] = {}
    for i in ids:
        op_naam.setdefault(i.casefold(), []).append(i)
    gevonden, onbekend = [], []
    for g in gevraagd:
        kandidaten = [g] if g in ids else op_naam.get(g.casefold(), [])
        if len(kandidaten) == 1:
            gevonden.append(kandidaten[0])
        else:
            onbekend.append(g)
    return list(dict.fromkeys(gevonden)), onbekend
