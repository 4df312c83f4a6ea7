"""Charts per pand: the onrendabele top by functie, the betaalbaarheidsgat per programme
line, and how each gap is closed by herverkaveling, verevening and the funds."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FuncFormatter

from ...getallen import duizendtallen
from ...resultaat import Resultaat
from ..huisstijl import Huisstijl
from .opmaak import EURO, GRIJZEN, als_png, figuur, reeksstijlen, zet_titel


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
    fig = figuur(breed=min(14.0, max(8.0, 0.3 * len(tabel) + 3)))
    ax = fig.add_subplot()
    x = np.arange(len(tabel))
    boven = np.zeros(len(tabel))
    onder = np.zeros(len(tabel))
    for functie, reeks in zip(tabel.columns, reeksstijlen(stijl, len(tabel.columns)), strict=True):
        waarden = tabel[functie].to_numpy()
        bodem = np.where(waarden >= 0, boven, onder)
        ax.bar(
            x,
            waarden,
            bottom=bodem,
            label=functie.replace("_", " "),
            color=reeks.kleur,
            hatch=reeks.arcering,
            edgecolor=reeks.rand,
            linewidth=0,
        )
        boven += np.where(waarden >= 0, waarden, 0)
        onder += np.where(waarden < 0, waarden, 0)
    ax.axhline(0, color="#404040", linewidth=0.8)
    laag, hoog = float(min(onder.min(initial=0.0), 0.0)), float(max(boven.max(initial=0.0), 0.0))
    marge = 0.08 * max(hoog - laag, 1.0)
    ax.set_ylim(laag - (marge if laag < 0 else 0.0), hoog + marge)
    ax.set_xticks(x, list(tabel.index), fontsize=8, rotation=90 if len(tabel) > 20 else 0)
    ax.yaxis.set_major_formatter(EURO)
    ax.set_ylabel(f"contante waarde, € van {resultaat.scenario.startjaar}")
    zet_titel(ax, titel, stijl.kleuren.primair)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    ax.grid(axis="y", alpha=0.3)
    return als_png(fig)


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
    fig = figuur(breed=9.0, hoog=max(3.0, 0.32 * sum(len(d) for _, d in panelen) + 2.0))
    if not panelen:
        ax = fig.add_subplot()
        ax.text(0.5, 0.5, "geen functies met een betaalbare huur", ha="center", va="center")
        ax.set_axis_off()
        return als_png(fig)
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
    zet_titel(
        assen[0], "Betaalbaarheid: kostprijsdekkende huur tegenover betaalbare huur", k.primair
    )
    return als_png(fig)


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
    fig = figuur(breed=9.0, hoog=max(3.0, 0.3 * len(rijen) + 1.8))
    ax = fig.add_subplot()
    y = np.arange(len(rijen))
    links = np.zeros(len(rijen))
    over = np.zeros(len(rijen))
    stijlen = reeksstijlen(stijl, len(delen), (*GRIJZEN, "#808080"))
    for (label, waarde), reeks in zip(delen.items(), stijlen, strict=True):
        breedte = np.clip(waarde[rijen], 0.0, None)
        binnen = np.clip(np.minimum(breedte, tekort - links), 0.0, None)
        ax.barh(y, binnen, left=links, color=reeks.kleur, label=label, hatch=reeks.arcering,
                edgecolor=reeks.rand, linewidth=0)  # fmt: skip
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
    ax.xaxis.set_major_formatter(EURO)
    ax.set_xlabel(f"€ van {resultaat.scenario.startjaar} (contante waarde)")
    ax.grid(axis="x", alpha=0.3)
    ax.legend(fontsize=8, frameon=False, loc="lower right")
    zet_titel(ax, "Onrendabele top: waarmee het tekort gedekt wordt", stijl.kleuren.primair)
    return als_png(fig)
