"""Charts as PNG bytes (matplotlib, no pyplot, Agg canvas): one module the reports share.

Every chart has a Dutch title, € axes with Dutch thousands separators, and is built
from numbers the Resultaat already holds. PNGs carry no timestamp or software tag, so
the same result gives the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..getallen import decimaal, duizendtallen
from ..resultaat import RG_POSTEN, Resultaat
from .bestanden import schrijf_samen
from .huisstijl import Huisstijl

#: Per-pand waterfalls are drawn for at most this many panden (those with the largest ORT).
MAX_PAND_WATERVALLEN = 30

_EURO = FuncFormatter(lambda x, _pos: f"€ {duizendtallen(x)}")
#: Chart labels of the residual's posts where the key alone reads badly.
_LABELS = {"btw": "BTW", "financieringskosten": "financiering", "winst_en_risico": "winst & risico"}
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
_RG_POSTEN = tuple((post, _LABELS.get(post, post.replace("_", " "))) for post in RG_POSTEN)


def _figuur(breed: float = 8.0, hoog: float = 4.5, vast: bool = False) -> Figure:
    """A figure with constrained layout; `vast`: without (the caller places the axes)."""
    fig = Figure(figsize=(breed, hoog), dpi=110, layout=None if vast else "constrained")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


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
    return _png(_waterval(labels, bedragen, titel, stijl, eindlabel, positie))


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
    fig = _figuur(vast=positie is not None)
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
    ax.yaxis.set_major_formatter(_EURO)
    ax.set_title(titel, loc="left", fontsize=11, color=kleuren.primair)
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
    return {naam: _png(fig) for naam, fig in _watervallen(reeksen, stijl, eindlabel).items()}


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
    labels, bedragen, titel = next(iter(reeksen.values()))
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
    rij = (
        resultaat.panden.loc[pand] if pand is not None else resultaat.panden.sum(numeric_only=True)
    )
    labels = ["opbrengst V", *[naam for _, naam in _RG_POSTEN]]
    waarden = rij[["opbrengst", *[k for k, _ in _RG_POSTEN]]].to_numpy(dtype=float)
    bedragen = [float(waarden[0]), *(-waarden[1:]).tolist()]
    titel = (
        f"Residuele grondwaarde bij oplevering — {pand} {resultaat.panden.loc[pand, 'naam']!s}"
        if pand is not None
        else f"Residuele grondwaarde bij oplevering — {resultaat.scenario.naam}"
    )
    return labels, bedragen, titel


def rg_waterval(resultaat: Resultaat, stijl: Huisstijl, pand: str | None = None) -> bytes:
    """RG build-up V → posts → RG, for one pand or (pand None) the portfolio."""
    return waterval(*_rg_reeks(resultaat, pand), stijl, "residuele grondwaarde")


def ort_per_pand(resultaat: Resultaat, stijl: Huisstijl, maximum: int = 40) -> bytes:
    """ORT per pand, stacked by functie (a gap above zero, a surplus below).

    With more than `maximum` panden, the `maximum` with the largest |ORT| are shown (in
    file order) and the title says what the others add up to.
    """
    tabel = resultaat.functies.pivot_table(
        index="pand",
        columns="functie",
        values="onrendabele_top",
        aggfunc="sum",
        fill_value=0.0,
        sort=False,
    ).reindex(resultaat.panden.index)
    titel = "Onrendabele top per pand, naar functie (boven nul: tekort; onder nul: overschot)"
    if len(tabel) > maximum:
        ort = resultaat.panden["onrendabele_top"]
        grootste = ort.abs().nlargest(maximum).index
        overig = ort[~ort.index.isin(grootste)]
        tabel = tabel.loc[tabel.index.isin(grootste)]
        titel += (
            f"\nde {maximum} panden met de grootste onrendabele top of het grootste overschot; "
            f"de overige {len(overig)} samen € {duizendtallen(float(overig.sum()))}"
        )
    fig = _figuur(breed=min(14.0, max(8.0, 0.3 * len(tabel) + 3)))
    ax = fig.add_subplot()
    x = np.arange(len(tabel))
    boven = np.zeros(len(tabel))
    onder = np.zeros(len(tabel))
    kleuren = stijl.kleuren.grafiek
    for i, functie in enumerate(tabel.columns):
        waarden = tabel[functie].to_numpy()
        bodem = np.where(waarden >= 0, boven, onder)
        ax.bar(
            x,
            waarden,
            bottom=bodem,
            label=functie.replace("_", " "),
            color=kleuren[i % len(kleuren)],
        )
        boven += np.where(waarden >= 0, waarden, 0)
        onder += np.where(waarden < 0, waarden, 0)
    ax.axhline(0, color="#404040", linewidth=0.8)
    laag, hoog = float(min(onder.min(initial=0.0), 0.0)), float(max(boven.max(initial=0.0), 0.0))
    marge = 0.08 * max(hoog - laag, 1.0)
    ax.set_ylim(laag - (marge if laag < 0 else 0.0), hoog + marge)
    ax.set_xticks(x, list(tabel.index), fontsize=8, rotation=90 if len(tabel) > 20 else 0)
    ax.yaxis.set_major_formatter(_EURO)
    ax.set_ylabel(f"contante waarde, € van {resultaat.scenario.startjaar}")
    ax.set_title(titel, loc="left", fontsize=11, color=stijl.kleuren.primair)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="y", alpha=0.3)
    return _png(fig)


def betaalbaarheidsgat(resultaat: Resultaat, stijl: Huisstijl, maximum: int = 25) -> bytes:
    """Kostprijsdekkende huur against the betaalbare huur, per programme line with a ceiling.

    Two panels because the units differ: woningen in €/maand per woning, m² functies in
    €/m² VVO per jaar. At most `maximum` lines per panel (the largest gaps).
    """
    f = resultaat.functies.dropna(subset=["betaalbaarheidsgat"]).reset_index()
    panelen = [
        ("€/maand per woning", f[f["soort"] == "huurwoning"]),
        ("€/m² vvo per jaar", f[f["soort"] != "huurwoning"]),
    ]
    panelen = [(e, d.nlargest(maximum, "betaalbaarheidsgat")) for e, d in panelen if len(d)]
    fig = _figuur(breed=9.0, hoog=max(3.0, 0.32 * sum(len(d) for _, d in panelen) + 2.0))
    if not panelen:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "geen functies met een betaalbare huur", ha="center", va="center")
        ax.set_axis_off()
        return _png(fig)
    assen = fig.subplots(len(panelen), 1, squeeze=False)[:, 0]
    k = stijl.kleuren
    for ax, (eenheid, d) in zip(assen, panelen, strict=True):
        labels = [
            f"{p} {fn.replace('_', ' ')}" for p, fn in zip(d["pand"], d["functie"], strict=True)
        ]
        y = np.arange(len(d))
        ax.barh(y, d["kostprijsdekkende_huur"], color=k.grafiek[0], label="kostprijsdekkende huur")
        ax.scatter(
            d["betaalbare_huur"],
            y,
            color=k.accent,
            marker="|",
            s=300,
            linewidths=3,
            label="betaalbare huur",
            zorder=3,
        )
        ax.set_yticks(y, labels, fontsize=8)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _p: f"€ {duizendtallen(x)}"))
        ax.set_xlabel(eenheid)
        ax.grid(axis="x", alpha=0.3)
        ax.legend(fontsize=8, frameon=False, loc="lower right")
    assen[0].set_title(
        "Betaalbaarheid: kostprijsdekkende huur tegenover betaalbare huur",
        loc="left",
        fontsize=11,
        color=k.primair,
    )
    return _png(fig)


def fondssaldo(reeksen: dict[str, pd.Series], stijl: Huisstijl, titel: str = "") -> bytes:
    """Year-end cash of one or more funds (name → saldo per jaar), € nominaal."""
    fig = _figuur()
    ax = fig.add_subplot()
    kleuren = stijl.kleuren.grafiek
    for i, (naam, saldo) in enumerate(reeksen.items()):
        ax.plot(
            saldo.index,
            saldo.to_numpy(),
            label=naam.replace("_", " "),
            color=kleuren[i % len(kleuren)],
            linewidth=2,
        )
    return _saldo_grafiek(fig, ax, stijl, titel or "Fondssaldo per jaar")


def _saldo_grafiek(fig: Figure, ax: Any, stijl: Huisstijl, titel: str) -> bytes:
    """The axes every fund-balance chart shares: years, € nominaal, a zero line."""
    ax.axhline(0.0, color="grey", linewidth=0.8)
    ax.yaxis.set_major_formatter(_EURO)
    ax.set_xlabel("jaar")
    ax.set_ylabel("saldo aan het eind van het jaar (€ nominaal)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, frameon=False)
    ax.set_title(titel, loc="left", fontsize=11, color=stijl.kleuren.primair)
    return _png(fig)


def tekort_gedekt(resultaat: Resultaat, stijl: Huisstijl, maximum: int = 40) -> bytes:
    """Per pand with a gap: the part closed by herverkaveling, verevening and each fund
    instrument (in that order, up to the gap), what an instrument gives beyond the gap
    (overdekking, hatched) and what remains; a black tick marks the gap itself (€
    peildatum); the panden with the largest gaps first."""
    pf = resultaat.portefeuille
    keten = resultaat.keten
    delen: dict[str, np.ndarray] = {}
    if pf is not None and pf.herverkaveling is not None:
        delen["herverkaveling"] = keten["onrendabele_top"].to_numpy() - pf.herverkaveling.ort_na
    if pf is not None and pf.verevening is not None:
        delen["verevening"] = pf.verevening.ontvangst - pf.verevening.bijdrage
    for naam, f in resultaat.fondsen.items():
        for instrument in f.instrumenten:
            delen[f"{naam}: {instrument}"] = f.panden[f"{instrument}_effect"].to_numpy()
    ort = keten["onrendabele_top"]
    rijen = np.flatnonzero(ort.to_numpy() > 0)
    rijen = rijen[np.argsort(-ort.to_numpy()[rijen], kind="stable")][:maximum]
    tekort = ort.to_numpy()[rijen]
    fig = _figuur(breed=9.0, hoog=max(3.0, 0.3 * len(rijen) + 1.8))
    ax = fig.add_subplot()
    y = np.arange(len(rijen))
    links = np.zeros(len(rijen))
    over = np.zeros(len(rijen))
    kleuren = stijl.kleuren.grafiek
    for i, (label, waarde) in enumerate(delen.items()):
        breedte = np.clip(waarde[rijen], 0.0, None)
        binnen = np.clip(np.minimum(breedte, tekort - links), 0.0, None)
        ax.barh(y, binnen, left=links, color=kleuren[i % len(kleuren)], label=label)
        links += binnen
        over += breedte - binnen
    blijft = np.clip(tekort - links, 0.0, None)
    ax.barh(y, blijft, left=links, color="#d9d9d9", label="tekort blijft")
    if over.any():
        ax.barh(
            y, over, left=tekort, color="white", edgecolor="#808080", hatch="///",
            label="overdekking (meer dan het tekort)",
        )  # fmt: skip
    ax.scatter(tekort, y, marker="|", s=260, color="black", linewidths=2, label="tekort", zorder=3)
    ax.set_yticks(y, [str(p) for p in ort.index[rijen]], fontsize=8)
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_EURO)
    ax.set_xlabel(f"€ van {resultaat.scenario.startjaar} (contante waarde)")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.set_title(
        "Onrendabele top: waarmee het tekort gedekt wordt",
        loc="left",
        fontsize=11,
        color=stijl.kleuren.primair,
    )
    return _png(fig)


def ontsluitingscurve(
    curves: Mapping[str, pd.DataFrame], stijl: Huisstijl, titel: str = ""
) -> bytes:
    """Homes unlocked against net public money (Resultaat.ontsluitingscurve), one line per
    design; the design itself (factor 1) is the filled marker, labelled with the smallest
    and largest factor. Steps show where one more
    pand closes; flat stretches are public money that unlocks nothing."""
    fig = _figuur()
    ax = fig.add_subplot()
    kleuren = stijl.kleuren.grafiek
    for i, (naam, c) in enumerate(curves.items()):
        kleur = kleuren[i % len(kleuren)]
        x = c["publiek_geld_netto"].to_numpy(dtype=float) / 1e6
        y = c["woningen_ontsloten"].to_numpy(dtype=float)
        ax.plot(x, y, color=kleur, linewidth=2, marker="o", markerfacecolor="white",
                label=naam.replace("_", " "))  # fmt: skip
        ontwerp = np.flatnonzero(np.isclose(c.index.to_numpy(dtype=float), 1.0))
        ax.plot(x[ontwerp], y[ontwerp], linestyle="none", marker="o", color=kleur, markersize=8)
        for xi, yi, f in zip(x, y, c.index, strict=True):
            if f not in (c.index[0], 1.0, c.index[-1]):
                continue  # the smallest, the design and the largest: labels stay readable
            ax.annotate(f"{round(100 * float(f))} %", (xi, yi), textcoords="offset points",
                        xytext=(4, 6 if f == 1.0 else -10), fontsize=6, color="#606060")  # fmt: skip
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"€ {decimaal(v, 1)} mln"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("publiek geld netto (NCW, € mln); punten: 50–200 % van de publieke tranches")
    ax.set_ylabel("woningen ontsloten")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="upper left")
    ax.set_title(
        titel or "Ontsluitingscurve: woningen ontsloten tegen publiek geld",
        loc="left",
        fontsize=11,
        color=stijl.kleuren.primair,
    )
    return _png(fig)


def bronnen_en_bestedingen(
    tabellen: dict[str, pd.DataFrame], stijl: Huisstijl, titel: str = ""
) -> bytes:
    """Sources and uses per fund over its horizon (name → FondsTabellen.bronnen_en_bestedingen).

    One panel per fund with two stacked bars of equal length — where the money came from
    and where it went, the closing balance last in grey — each post in one colour across
    all panels, labelled inside its segment when there is room.
    """
    kleur = _postkleuren(stijl)
    fig = _figuur(breed=10.0, hoog=max(3.0, 1.9 * len(tabellen) + 1.6))
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
    )
    return _png(fig)


def _postkleuren(stijl: Huisstijl) -> dict[str, tuple[float, float, float]]:
    """A colour (RGB, 0–1) per ledger post: one hue per family of _GELDFAMILIES, lighter
    down the family; the balances grey, a cash deficit in the style's negative colour."""
    basis = stijl.kleuren.grafiek
    kleur: dict[str, tuple[float, float, float]] = {
        "begin": to_rgb("#595959"),
        "eind": to_rgb("#d9d9d9"),
        "kastekort": to_rgb(stijl.kleuren.negatief),
    }
    for i, familie in enumerate(_GELDFAMILIES):
        rgb = np.array(to_rgb(basis[i % len(basis)]))
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
    ax.xaxis.set_major_formatter(_EURO)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(
        f"{naam.replace('_', ' ')} — totaal € {duizendtallen(totaal)}", loc="left", fontsize=9
    )


def _as_notatie(soort: str) -> FuncFormatter:
    if soort == "euro":
        return _EURO
    if soort == "procent":
        return FuncFormatter(lambda x, _p: f"{decimaal(100 * x, 1)} %")
    return FuncFormatter(lambda x, _p: decimaal(x, 1) if abs(x) < 100 else duizendtallen(x))


def tornado(tabel: pd.DataFrame, basis: float, titel: str, soort: str, stijl: Huisstijl) -> bytes:
    """Tornado: per parameter (largest swing on top) the output at its low and high value,
    as bars from the base value; labels give the parameter values."""
    k = stijl.kleuren
    fig = _figuur(breed=9.0, hoog=max(3.0, 0.45 * len(tabel) + 1.6))
    ax = fig.add_subplot()
    y = np.arange(len(tabel))
    for kant, kleur, naam in (
        ("laag", k.grafiek[0], "lage waarde"),
        ("hoog", k.grafiek[1], "hoge waarde"),
    ):
        waarden = tabel[f"uitkomst_{kant}"].to_numpy(dtype=float)
        ax.barh(y, waarden - basis, left=basis, color=kleur, label=naam, height=0.6)
    ax.axvline(basis, color="#404040", linewidth=1)
    ax.set_yticks(
        y,
        [
            f"{pad}\n{r['laag']:g} … {r['hoog']:g} (basis {r['basis']:g})"
            for pad, r in tabel.iterrows()
        ],
        fontsize=7,
    )
    ax.invert_yaxis()
    ax.xaxis.set_major_formatter(_as_notatie(soort))
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    ax.set_title(titel, loc="left", fontsize=11, color=k.primair)
    return _png(fig)


def hittekaart(tabel: pd.DataFrame, titel: str, soort: str, stijl: Huisstijl) -> bytes:
    """A two-parameter grid as a heat map with the value in each cell."""
    fig = _figuur(breed=8.0, hoog=max(3.5, 0.5 * len(tabel) + 2.0))
    ax = fig.add_subplot()
    waarden = tabel.to_numpy(dtype=float)
    beeld = ax.imshow(waarden, cmap="RdYlGn_r" if soort == "euro" else "viridis", aspect="auto")
    tekst = _as_notatie(soort)
    for (i, j), w in np.ndenumerate(waarden):
        ax.text(j, i, tekst(w, None), ha="center", va="center", fontsize=7, color="#202020")
    ax.set_xticks(range(waarden.shape[1]), [f"{x:g}" for x in tabel.columns], fontsize=8)
    ax.set_yticks(range(waarden.shape[0]), [f"{x:g}" for x in tabel.index], fontsize=8)
    ax.set_xlabel(str(tabel.columns.name))
    ax.set_ylabel(str(tabel.index.name))
    fig.colorbar(beeld, ax=ax, format=tekst, shrink=0.8)
    ax.set_title(titel, loc="left", fontsize=11, color=stijl.kleuren.primair)
    return _png(fig)


def histogram(waarden: np.ndarray, titel: str, soort: str, stijl: Huisstijl) -> bytes:
    """Distribution of one output over the draws, with P5, P50 and P95 marked."""
    w = np.asarray(waarden, dtype=float)
    w = w[np.isfinite(w)]
    fig = _figuur(breed=8.0, hoog=4.0)
    ax = fig.add_subplot()
    ax.hist(w, bins=min(50, max(10, int(np.sqrt(max(w.size, 1))))), color=stijl.kleuren.grafiek[0])
    tekst = _as_notatie(soort)
    if w.size:
        for q, stijlnaam in ((5, ":"), (50, "-"), (95, ":")):
            x = float(np.percentile(w, q))
            ax.axvline(x, color=stijl.kleuren.accent, linestyle=stijlnaam, linewidth=1.5)
            ax.annotate(
                f"P{q}: {tekst(x, None)}",
                (x, 1),
                xycoords=("data", "axes fraction"),
                fontsize=7,
                rotation=90,
                va="top",
                ha="right",
            )
    ax.xaxis.set_major_formatter(tekst)
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_ylabel("trekkingen")
    ax.grid(axis="y", alpha=0.3)
    ax.set_title(titel, loc="left", fontsize=11, color=stijl.kleuren.primair)
    return _png(fig)


def waaier(banden: dict[str, pd.DataFrame], stijl: Huisstijl, titel: str = "") -> bytes:
    """Fan chart of year-end fund cash: P5–P95 and P25–P75 bands and the median, per fund."""
    fig = _figuur()
    ax = fig.add_subplot()
    kleuren = stijl.kleuren.grafiek
    for i, (naam, b) in enumerate(banden.items()):
        kleur = kleuren[i % len(kleuren)]
        jaren = b.index.to_numpy()
        ax.fill_between(jaren, b["p5"], b["p95"], color=kleur, alpha=0.15, linewidth=0)
        ax.fill_between(jaren, b["p25"], b["p75"], color=kleur, alpha=0.3, linewidth=0)
        ax.plot(jaren, b["p50"], color=kleur, linewidth=2, label=f"{naam.replace('_', ' ')} (P50)")
    return _saldo_grafiek(
        fig, ax, stijl, titel or "Fondssaldo: mediaan, 50 %- en 90 %-band over de trekkingen"
    )


def alle_grafieken(resultaat: Resultaat, stijl: Huisstijl) -> dict[str, bytes]:
    """Every chart of a result by file name: the portfolio charts and per-pand waterfalls."""
    uit = {
        "rg_waterval_portefeuille.png": rg_waterval(resultaat, stijl),
        "ort_per_pand.png": ort_per_pand(resultaat, stijl),
        "betaalbaarheidsgat.png": betaalbaarheidsgat(resultaat, stijl),
    }
    if resultaat.fondsen or resultaat.verevening is not None:
        uit["tekort_gedekt.png"] = tekort_gedekt(resultaat, stijl)
    if resultaat.fondsen:
        saldi = {n: f.grootboek["eind"] for n, f in resultaat.fondsen.items()}
        uit["fondssaldo.png"] = fondssaldo(saldi, stijl)
        if len(resultaat.ontsluitingscurve):
            uit["ontsluitingscurve.png"] = ontsluitingscurve(
                {resultaat.scenario.naam: resultaat.ontsluitingscurve}, stijl
            )
        uit["bronnen_en_bestedingen.png"] = bronnen_en_bestedingen(
            {n: f.bronnen_en_bestedingen for n, f in resultaat.fondsen.items()}, stijl
        )
    ort = resultaat.panden["onrendabele_top"]
    grootste = ort.abs().sort_values(ascending=False).index[:MAX_PAND_WATERVALLEN]
    reeksen = {f"rg_waterval_{p}.png": _rg_reeks(resultaat, str(p)) for p in grootste}
    uit.update(watervallen(reeksen, stijl, "residuele grondwaarde"))
    return uit


def schrijf_grafieken(grafieken: dict[str, bytes], map_: str | Path) -> list[Path]:
    """Write the PNGs into `map_` (created if needed), all or none."""
    doel = Path(map_)
    doel.mkdir(parents=True, exist_ok=True)
    paden = [doel / naam for naam in grafieken]
    schrijf_samen(list(zip(paden, grafieken.values(), strict=True)))
    return paden
