"""Charts of the analyses (METHODE §8): the tornado and the grid of gevoeligheid, the
histogram of onzekerheid."""

from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from ...getallen import getal
from ..huisstijl import Huisstijl
from .opmaak import als_png, as_notatie, figuur, zet_titel


def tornadolabel(pad: str, rij: pd.Series) -> str:
    """A tornado bar's label: the parameter and its values in Dutch notation."""
    return f"{pad}\n{getal(rij['laag'])} … {getal(rij['hoog'])} (basis {getal(rij['basis'])})"


def tornado(tabel: pd.DataFrame, basis: float, titel: str, soort: str, stijl: Huisstijl) -> bytes:
    """Tornado: per parameter (largest swing on top) the output at its low and high value,
    as bars from the base value; labels give the parameter values."""
    k = stijl.kleuren
    fig = figuur(breed=9.0, hoog=max(3.0, 0.45 * len(tabel) + 1.6))
    ax = fig.add_subplot()
    y = np.arange(len(tabel))
    for kant, kleur, naam in (
        ("laag", k.grafiek[0], "lage waarde"),
        ("hoog", k.grafiek[1], "hoge waarde"),
    ):
        waarden = tabel[f"uitkomst_{kant}"].to_numpy(dtype=float)
        ax.barh(y, waarden - basis, left=basis, color=kleur, label=naam, height=0.6)
    ax.axvline(basis, color="#404040", linewidth=1)
    ax.set_yticks(y, [tornadolabel(str(pad), r) for pad, r in tabel.iterrows()], fontsize=7)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(as_notatie(soort))
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    zet_titel(ax, titel, k.primair)
    return als_png(fig)


def hittekaart(tabel: pd.DataFrame, titel: str, soort: str, stijl: Huisstijl) -> bytes:
    """A two-parameter grid as a heat map with the value in each cell."""
    fig = figuur(breed=8.0, hoog=max(3.5, 0.5 * len(tabel) + 2.0))
    ax = fig.add_subplot()
    waarden = tabel.to_numpy(dtype=float)
    beeld = ax.imshow(waarden, cmap="RdYlGn_r" if soort == "euro" else "viridis", aspect="auto")
    tekst = as_notatie(soort)
    for (i, j), w in np.ndenumerate(waarden):
        ax.text(j, i, tekst(w, None), ha="center", va="center", fontsize=7, color="#202020")
    ax.set_xticks(range(waarden.shape[1]), [getal(float(x)) for x in tabel.columns], fontsize=8)
    ax.set_yticks(range(waarden.shape[0]), [getal(float(x)) for x in tabel.index], fontsize=8)
    ax.set_xlabel(str(tabel.columns.name))
    ax.set_ylabel(str(tabel.index.name))
    fig.colorbar(beeld, ax=ax, format=tekst, shrink=0.8)
    zet_titel(ax, titel, stijl.kleuren.primair)
    return als_png(fig)


def bakken(w: np.ndarray, soort: str) -> int | list[float]:
    """The histogram's bins: about √n of them (10 … 50); for a count (`soort` 'aantal',
    homes unlocked) edges halfway between whole numbers, one whole number per bar (two,
    three … when more than 50 values are spanned), so a bar stands on the values it counts
    (20 equal bins over 6 … 64 homes put edges at 8,9 and 11,8, bars between the numbers)."""
    aantal = min(50, max(10, int(np.sqrt(max(w.size, 1)))))
    if soort != "aantal" or not w.size:
        return aantal
    laag, hoog = float(np.floor(w.min())), float(np.ceil(w.max()))
    stap = max(1.0, float(np.ceil((hoog - laag + 1) / 50)))
    return np.arange(laag - 0.5, hoog + stap, stap).tolist()


def _percentielen(w: np.ndarray) -> list[tuple[str, float, str]]:
    """P5, P50 and P95 of `w` as (label, value, line style); percentiles that coincide share
    one line and one label ('P5 = P50 = P95'), or their labels would stand on each other."""
    if not w.size:
        return []
    uit: list[tuple[str, float, str]] = []
    for q, stijlnaam in ((5, ":"), (50, "-"), (95, ":")):
        x = float(np.percentile(w, q))
        if uit and uit[-1][1] == x:
            uit[-1] = (f"{uit[-1][0]} = P{q}", x, "-")
        else:
            uit.append((f"P{q}", x, stijlnaam))
    return uit


def histogram(waarden: np.ndarray, titel: str, soort: str, stijl: Huisstijl) -> bytes:
    """Distribution of one output over the draws, with P5, P50 and P95 marked (their labels
    on a white ground: over a dark bar they could not be read)."""
    w = np.asarray(waarden, dtype=float)
    w = w[np.isfinite(w)]
    fig = figuur(breed=8.0, hoog=4.0)
    ax = fig.add_subplot()
    ax.hist(w, bins=bakken(w, soort), color=stijl.kleuren.grafiek[0])
    tekst = as_notatie(soort)
    for namen, x, stijlnaam in _percentielen(w):
        ax.axvline(x, color=stijl.kleuren.accent, linestyle=stijlnaam, linewidth=1.5)
        ax.annotate(
            f"{namen}: {tekst(x, None)}",
            (x, 1),
            xycoords=("data", "axes fraction"),
            fontsize=7,
            rotation=90,
            va="top",
            ha="right",
            bbox={"boxstyle": "square,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85},
        )
    ax.xaxis.set_major_formatter(tekst)
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=soort == "aantal"))
    if soort == "aantal" and w.size and w.min() == w.max():  # one value: whole ticks round it
        ax.set_xlim(float(w.min()) - 2.5, float(w.min()) + 2.5)
    ax.set_ylabel("trekkingen")
    ax.grid(axis="y", alpha=0.3)
    zet_titel(ax, titel, stijl.kleuren.primair)
    return als_png(fig)
