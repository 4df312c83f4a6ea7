"""Charts of the funds (METHODE §7): year-end cash (and its fan over the draws), the
ontsluitingscurve, and sources and uses per fund."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ...getallen import decimaal, duizendtallen
from ..huisstijl import Huisstijl
from .opmaak import EURO, als_png, figuur, legenda, reeksstijlen, zet_titel

#: Short ledger labels for chart segments (the sheet uses labels.GROOTBOEK in full).
_GROOTBOEK_KORT = {
    "begin": "beginsaldo",
    "stortingen": "stortingen tranches",
    "aflossing": "aflossing leningen",
    "rente": "rente leningen",
    "canon": "erfpachtcanon",
    "leningen": "uitgezette leningen",
    "aankopen": "aankopen",
    "rente_tranches": "rente aan tranches",
    "aflossing_tranches": "aflossing aan tranches",
    "eind": "eindsaldo",
    "kastekort": "kastekort aan het eind",
}
#: Ledger posts in colour families: money that goes out and the money that comes back for
#: the same thing share a hue (darkest first), so a reader sees loans return as loans.
_GELDFAMILIES = (
    ("leningen", "aflossing", "rente"),
    ("stortingen", "aflossing_tranches", "rente_tranches"),
    ("vereveningsbijdragen", "vereveningstoewijzingen"),
    ("subsidies",),
    ("aankopen", "ontwikkeling", "canon", "verkoop", "exploitatie"),
    ("premies", "garantieverliezen"),
    ("beheerkosten",),
)


def fondssaldo(reeksen: dict[str, pd.Series], stijl: Huisstijl, titel: str = "") -> bytes:
    """Year-end cash of one or more funds (name → saldo per jaar), € nominaal."""
    fig = figuur()
    ax = fig.add_subplot()
    for (naam, saldo), reeks in zip(
        reeksen.items(), reeksstijlen(stijl, len(reeksen)), strict=True
    ):
        ax.plot(
            saldo.index,
            saldo.to_numpy(),
            label=naam.replace("_", " "),
            color=reeks.kleur,
            linestyle=reeks.lijn,
            linewidth=2,
        )
    return _saldo_grafiek(fig, ax, stijl, titel or "Fondssaldo per jaar")


def _saldo_grafiek(fig: Figure, ax: Any, stijl: Huisstijl, titel: str) -> bytes:
    """The axes every fund-balance chart shares: years, € nominaal, a zero line."""
    ax.axhline(0.0, color="grey", linewidth=0.8)
    ax.yaxis.set_major_formatter(EURO)
    ax.set_xlabel("jaar")
    ax.set_ylabel("saldo aan het eind van het jaar (€ nominaal)")
    ax.grid(alpha=0.3)
    legenda(fig, ax)
    zet_titel(ax, titel, stijl.kleuren.primair)
    return als_png(fig)


def waaier(banden: dict[str, pd.DataFrame], stijl: Huisstijl, titel: str = "") -> bytes:
    """Fan chart of year-end fund cash: P5–P95 and P25–P75 bands and the median, per fund."""
    fig = figuur()
    ax = fig.add_subplot()
    for (naam, b), reeks in zip(banden.items(), reeksstijlen(stijl, len(banden)), strict=True):
        kleur = reeks.kleur
        jaren = b.index.to_numpy()
        ax.fill_between(jaren, b["p5"], b["p95"], color=kleur, alpha=0.15, linewidth=0)
        ax.fill_between(jaren, b["p25"], b["p75"], color=kleur, alpha=0.3, linewidth=0)
        ax.plot(jaren, b["p50"], color=kleur, linewidth=2, linestyle=reeks.lijn,
                label=f"{naam.replace('_', ' ')} (P50)")  # fmt: skip
    return _saldo_grafiek(
        fig, ax, stijl, titel or "Fondssaldo: mediaan, 50 %- en 90 %-band over de trekkingen"
    )


def ontsluitingscurve(
    curves: Mapping[str, pd.DataFrame], stijl: Huisstijl, titel: str = ""
) -> bytes:
    """Homes unlocked against net public money (Resultaat.ontsluitingscurve), one line per
    design; the design itself (factor 1) is the filled marker, labelled with the smallest
    and largest factor. Steps show where one more
    pand closes; flat stretches are public money that unlocks nothing."""
    fig = figuur()
    ax = fig.add_subplot()
    for (naam, c), reeks in zip(curves.items(), reeksstijlen(stijl, len(curves)), strict=True):
        kleur = reeks.kleur
        x = c["publiek_geld_netto"].to_numpy(dtype=float) / 1e6
        y = c["woningen_ontsloten"].to_numpy(dtype=float)
        ax.plot(x, y, color=kleur, linewidth=2, marker="o", markerfacecolor="white",
                linestyle=reeks.lijn, label=naam.replace("_", " "))  # fmt: skip
        ontwerp = np.flatnonzero(np.isclose(c.index.to_numpy(dtype=float), 1.0))
        ax.plot(x[ontwerp], y[ontwerp], linestyle="none", marker="o", color=kleur, markersize=8)
        for xi, yi, f in zip(x, y, c.index, strict=True):
            if f not in (c.index[0], 1.0, c.index[-1]):
                continue  # the smallest, the design and the largest: labels stay readable
            ax.annotate(f"{round(100 * float(f))} %", (xi, yi), textcoords="offset points",
                        xytext=(4, 6 if f == 1.0 else -10), fontsize=6, color="#606060")  # fmt: skip
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"€ {decimaal(v, 1)} mln"))
    # homes are whole and start at 0: a flat curve (6 homes at every factor) got an axis of
    # 5.68 … 6.32 in English decimals
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: duizendtallen(v)))
    boven = max(1.0, 1.25 * ax.dataLim.ymax)  # room for the legend
    ax.set_ylim(bottom=-0.06 * boven, top=boven)  # 0 just above the axis: its labels free
    ax.set_xlabel("publiek geld netto (NCW, € mln); punten: 50–200 % van de publieke tranches")
    ax.set_ylabel("woningen ontsloten")
    ax.grid(alpha=0.3)
    legenda(fig, ax, loc="upper left")
    zet_titel(
        ax,
        titel or "Ontsluitingscurve: woningen ontsloten tegen publiek geld",
        stijl.kleuren.primair,
    )
    return als_png(fig)


def bronnen_en_bestedingen(
    tabellen: dict[str, pd.DataFrame], stijl: Huisstijl, titel: str = ""
) -> bytes:
    """Sources and uses per fund over its horizon (name → FondsTabellen.bronnen_en_bestedingen).

    One panel per fund with two stacked bars of equal length — where the money came from
    and where it went, the closing balance last in grey — each post in one colour across
    all panels, labelled inside its segment when there is room.
    """
    kleur = _postkleuren(stijl)
    fig = figuur(breed=10.0, hoog=max(3.0, 1.9 * len(tabellen) + 1.6))
    assen = fig.subplots(max(len(tabellen), 1), 1, squeeze=False, sharex=True)[:, 0]
    for ax, (naam, t) in zip(assen, tabellen.items(), strict=False):
        _bronnen_paneel(ax, naam, t, kleur)
    assen[-1].set_xlabel("som over de looptijd (€ nominaal)")
    aanwezig = {p for t in tabellen.values() for p in t["post"]}
    volgorde = ["begin", *(p for f in _GELDFAMILIES for p in f), "eind", "kastekort"]
    legenda = [Patch(color=kleur[p], label=_postlabel(p)) for p in volgorde if p in aanwezig]
    fig.legend(
        handles=legenda,
        fontsize=7,
        frameon=False,
        loc="outside lower center",
        ncols=min(5, max(len(legenda), 1)),
    )
    fig.suptitle(
        titel or "Bronnen en bestedingen van het fonds",
        x=0.01,
        ha="left",
        fontsize=11,
        color=stijl.kleuren.primair,
        wrap=True,
    )
    return als_png(fig)


def _postkleuren(stijl: Huisstijl) -> dict[str, tuple[float, float, float]]:
    """A colour (RGB, 0–1) per ledger post: one hue per family of _GELDFAMILIES, lighter
    down the family; the balances grey, a cash deficit in the style's negative colour."""
    basis = [r.kleur for r in reeksstijlen(stijl, len(_GELDFAMILIES))]
    kleur: dict[str, tuple[float, float, float]] = {
        "begin": to_rgb("#595959"),
        "eind": to_rgb("#d9d9d9"),
        "kastekort": to_rgb(stijl.kleuren.negatief),
    }
    for i, familie in enumerate(_GELDFAMILIES):
        rgb = np.array(to_rgb(basis[i]))
        for j, post in enumerate(familie):
            licht = 0.7 * j / max(len(familie), 2)  # blend towards white, never all the way
            r, g, b = rgb + (1.0 - rgb) * licht
            kleur[post] = (float(r), float(g), float(b))
    return kleur


def _postlabel(post: str) -> str:
    return _GROOTBOEK_KORT.get(post, post.replace("_", " "))


def _bronnen_paneel(
    ax: Any, naam: str, t: pd.DataFrame, kleur: dict[str, tuple[float, float, float]]
) -> None:
    """One fund's panel: a bar of sources and a bar of uses (€ nominaal), each post a
    segment, labelled inside when it is more than 9 % of the total."""
    totaal = float(t.loc[t["kant"] == "bron", "bedrag"].sum())
    for y, kant in enumerate(("bron", "besteding")):
        links = 0.0
        for post, bedrag in t.loc[t["kant"] == kant, ["post", "bedrag"]].itertuples(index=False):
            ax.barh(y, bedrag, left=links, color=kleur[post])
            if totaal > 0 and bedrag / totaal > 0.09:
                licht = float(np.dot(kleur[post], (0.299, 0.587, 0.114))) > 0.6
                ax.text(
                    links + bedrag / 2,
                    y,
                    _postlabel(post),
                    ha="center",
                    va="center",
                    fontsize=7,
                    color="#202020" if licht else "white",
                )
            links += bedrag
    ax.set_yticks([0, 1], ["bronnen", "bestedingen"], fontsize=9)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(EURO)
    ax.grid(axis="x", alpha=0.3)
    zet_titel(ax, f"{naam.replace('_', ' ')} — totaal € {duizendtallen(totaal)}", "black", 9)
