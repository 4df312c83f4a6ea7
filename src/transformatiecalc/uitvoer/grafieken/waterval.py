"""Waterfalls: the residual land value built up from V through its posts, for the
portfolio and per pand (laid out once for many)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from ...resultaat import Resultaat
from ..huisstijl import Huisstijl
from ..pand import rg_opbouw
from .opmaak import EURO, als_png, figuur, zet_titel


def waterval(
    labels: Sequence[str],
    bedragen: Sequence[float],
    titel: str,
    stijl: Huisstijl,
    eindlabel: str,
    positie: tuple[float, float, float, float] | None = None,
) -> bytes:
    """Waterfall: the first amount as a full bar, the others as steps, the end total as a bar.

    `positie` (left, bottom, width, height as fractions of the figure) places the axes
    instead of constrained layout, whose pass costs as much as drawing; see watervallen.
    """
    return als_png(_waterval(labels, bedragen, titel, stijl, eindlabel, positie))


def _waterval(
    labels: Sequence[str],
    bedragen: Sequence[float],
    titel: str,
    stijl: Huisstijl,
    eindlabel: str,
    positie: tuple[float, float, float, float] | None,
) -> Figure:
    kleuren = stijl.kleuren
    waarden = np.asarray(bedragen, dtype=float)
    eind = float(waarden.sum())
    fig = figuur(vast=positie is not None)
    ax = fig.add_axes(positie) if positie is not None else fig.add_subplot()
    niveau = 0.0
    for i, (label, bedrag) in enumerate(zip(labels, waarden, strict=True)):
        bodem = niveau if i > 0 else 0.0
        kleur = (
            kleuren.grafiek[0]
            if i == 0
            else (kleuren.grafiek[2] if bedrag >= 0 else kleuren.negatief)
        )
        ax.bar(label, bedrag, bottom=bodem, color=kleur)
        niveau += bedrag
    ax.bar(eindlabel, eind, color=kleuren.accent)
    ax.axhline(0, color="#404040", linewidth=0.8)
    # step bars start exactly at the running level, which autoscaling treats as a sticky
    # edge; set the limits with explicit headroom instead
    niveaus = np.concatenate([[0.0], np.cumsum(waarden), [eind]])
    laag, hoog = float(niveaus.min()), float(niveaus.max())
    marge = 0.08 * max(hoog - laag, 1.0)
    ax.set_ylim(laag - marge if laag < 0 else 0.0, hoog + marge if hoog > 0 else 0.0)
    ax.yaxis.set_major_formatter(EURO)
    zet_titel(ax, titel, kleuren.primair)
    ax.tick_params(axis="x", labelrotation=30, labelsize=8)
    for lab in ax.get_xticklabels():
        lab.set_horizontalalignment("right")
    ax.grid(axis="y", alpha=0.3)
    return fig


def watervallen(
    reeksen: Mapping[str, tuple[Sequence[str], Sequence[float], str]],
    stijl: Huisstijl,
    eindlabel: str,
) -> dict[str, bytes]:
    """Waterfalls with the same labels (naam → labels, bedragen, titel), laid out once.

    Constrained layout runs on one template whose y axis spans every chart's levels (so
    its tick labels are the widest any chart gets); every chart then takes that axes
    position. Thirty per-pand waterfalls cost half as much that way.
    """
    return {naam: als_png(fig) for naam, fig in _watervallen(reeksen, stijl, eindlabel).items()}


def _watervallen(
    reeksen: Mapping[str, tuple[Sequence[str], Sequence[float], str]],
    stijl: Huisstijl,
    eindlabel: str,
) -> dict[str, Figure]:
    if len(reeksen) < 2:
        return {n: _waterval(*r, stijl, eindlabel, None) for n, r in reeksen.items()}
    niveaus = np.concatenate(
        [
            np.cumsum(np.concatenate([[0.0], np.asarray(b, dtype=float)]))
            for _, b, _ in reeksen.values()
        ]
    )
    hoog, laag = float(max(niveaus.max(), 0.0)), float(min(niveaus.min(), 0.0))
    labels, bedragen, _ = next(iter(reeksen.values()))
    # the longest title: it wraps to the most lines, and every chart keeps room for them
    titel = max((t for _, _, t in reeksen.values()), key=len)
    sjabloon = [hoog, laag - hoog, *([0.0] * (len(bedragen) - 2))]  # reaches both extremes
    fig = _waterval(labels, sjabloon, titel, stijl, eindlabel, None)
    fig.canvas.draw()  # runs the layout
    x0, y0, breed, hoog_ax = fig.axes[0].get_position().bounds
    return {
        naam: _waterval(*reeks, stijl, eindlabel, (x0, y0, breed, hoog_ax))
        for naam, reeks in reeksen.items()
    }


def _rg_reeks(resultaat: Resultaat, pand: str | None) -> tuple[list[str], list[float], str]:
    """Labels, amounts and title of the RG build-up of one pand or (None) the portfolio."""
    labels, bedragen = rg_opbouw(resultaat, pand)
    titel = (
        f"Residuele grondwaarde bij oplevering — {pand} {resultaat.panden.loc[pand, 'naam']!s}"
        if pand is not None
        else f"Residuele grondwaarde bij oplevering — {resultaat.scenario.naam}"
    )
    return labels, bedragen, titel


def rg_waterval(resultaat: Resultaat, stijl: Huisstijl, pand: str | None = None) -> bytes:
    """RG build-up V → posts → RG, for one pand or (pand None) the portfolio."""
    return waterval(*_rg_reeks(resultaat, pand), stijl, "residuele grondwaarde")
