"""Hypothesis strategies that generate *valid* scenarios (as plain dicts).

Ranges are realistic but wide: every convention, every partij soort and every functie
soort and waardering method occur. Leegstand and lasten stay modest so that value
rises with rent (the model's own precondition for METHODE §9's monotonicity).
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st


def _f(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


#: Pieces of hostile text a name may hold: a right-to-left override, line separator,
#: zero-width space and bidi isolate (shown as escapes in the terminal), rich markup and
#: backslashes.
VIJANDIG = (
    "\u202e",
    "\u2028",
    "\u200b",
    "\u2066",
    "[/b]",
    "[blink red]",
    "[/]",
    "[bold]",
    "\\",
    "[",
    "]",
)

#: Terminal escape sequences (window title, clear screen, blink) and single C0/C1 controls,
#: DEL, tab and newline: no name may hold them (laden.tekst refuses them, wherever they are).
STUURTEKENS = (
    "\x1b]0;titel\x07",
    "\x1b[2J",
    "\x1b[5m",
    "\x9b31m",
    "\x85",
    "\x7f",
    "\x00",
    "\r",
    "\t",
    "\n",
)


def vrije_tekst(begin: str) -> st.SearchStrategy[str]:
    """Free text as a user may write it in a name: `begin` (which keeps names apart and
    never blank), then hostile pieces and any other characters that UTF-8 can encode,
    except control characters (C0, DEL, C1)."""
    tekens = st.characters(codec="utf-8", exclude_categories=("Cc",))
    stuk = st.sampled_from(VIJANDIG) | st.text(tekens, max_size=4)
    return st.lists(stuk, max_size=5).map(lambda delen: begin + "".join(delen))


@st.composite
def functies(draw: st.DrawFn) -> dict[str, Any]:
    lasten_w = {"per_woning_per_jaar": draw(_f(0, 3_000)), "percentage_huur": draw(_f(0, 0.15))}
    lasten_m = {"per_m2_per_jaar": draw(_f(0, 25)), "percentage_huur": draw(_f(0, 0.15))}
    return {
        "sociaal": {
            "soort": "huurwoning",
            "huur_per_maand": draw(_f(500, 930)),
            "bvo_per_woning": draw(_f(45, 80)),
            "betaalbare_huur_per_maand": 932.93,
            "exploitatielasten": lasten_w,
            "leegstand": draw(_f(0, 0.05)),
            "waardering": {"methode": "dcf", "termijn": draw(st.integers(15, 50)), "eindwaarde": 0},
        },
        "midden": {
            "soort": "huurwoning",
            "huur_per_maand": draw(_f(900, 1_300)),
            "bvo_per_woning": draw(_f(55, 90)),
            "waardering": {"methode": "bar", "bar": draw(_f(0.035, 0.07))},
        },
        "vrij": {
            "soort": "huurwoning",
            "huur_per_maand": draw(_f(1_200, 2_200)),
            "bvo_per_woning": draw(_f(60, 110)),
            "exploitatielasten": lasten_w,
            "leegstand": draw(_f(0, 0.05)),
            "waardering": {"methode": "nar", "nar": draw(_f(0.03, 0.07))},
        },
        "koop": {
            "soort": "koopwoning",
            "von_prijs_incl_btw": draw(_f(250_000, 700_000)),
            "bvo_per_woning": draw(_f(60, 120)),
            "verkoopkosten": draw(_f(0, 0.03)),
        },
        "winkel": {
            "soort": "commercieel",
            "huur_per_m2_per_jaar": draw(_f(80, 350)),
            "vvo_bvo": draw(_f(0.7, 0.95)),
            "exploitatielasten": lasten_m,
            "leegstand": draw(_f(0, 0.1)),
            "waardering": {
                "methode": "nar",
                "nar": draw(_f(0.05, 0.1)),
                "kosten_koper": draw(_f(0, 0.12)),
            },
        },
        "praktijk": {
            "soort": "maatschappelijk",
            "huur_per_m2_per_jaar": draw(_f(100, 220)),
            "betaalbare_huur_per_m2_per_jaar": 140.0,
            "exploitatielasten": lasten_m,
            "waardering": {
                "methode": "dcf",
                "termijn": draw(st.integers(10, 30)),
                "exit_yield": draw(_f(0.05, 0.09)),
            },
        },
    }


PARTIJEN = ("gemeente", "corporatie", "belegger", "ontwikkelaar", "particulier")
WONING = ("sociaal", "midden", "vrij", "koop")
M2 = ("winkel", "praktijk")


@st.composite
def panden(draw: st.DrawFn, i: int) -> dict[str, Any]:
    bouwtijd = draw(st.integers(1, 3))
    regels = []
    for _ in range(draw(st.integers(1, 3))):
        functie = draw(st.sampled_from(WONING + M2))
        regel: dict[str, Any] = {"functie": functie}
        if functie in WONING:
            regel["woningen"] = draw(st.integers(1, 40))
        else:
            regel["bvo"] = draw(_f(50, 2_000))
        if draw(st.booleans()):
            regel["ingreep"] = draw(st.sampled_from(["licht", "zwaar", "nieuwbouw"]))
        regels.append(regel)
    if draw(st.booleans()):
        huidig: dict[str, Any] = {"marktwaarde": draw(_f(0, 6e6))}
    else:
        huidig = {"huur_per_jaar": draw(_f(0, 4e5)), "bar": draw(_f(0.05, 0.12))}
    if draw(st.booleans()):
        huidig["boekwaarde"] = draw(_f(0, 8e6))
    transformatie: dict[str, Any] = {
        "start": draw(st.integers(2026, 2031)),
        "bouwtijd": bouwtijd,
        "ingreep": draw(st.sampled_from(["licht", "zwaar", "nieuwbouw"])),
        "verwerving": draw(st.booleans()),
        "programma": regels,
    }
    if draw(st.booleans()):
        transformatie["extra_kosten"] = {"asbest": draw(_f(0, 4e5))}
    if bouwtijd > 1 and draw(st.booleans()):
        gewichten = [draw(_f(0.05, 1.0)) for _ in range(bouwtijd)]
        transformatie["kostenverdeling"] = [g / sum(gewichten) for g in gewichten[:-1]]
        transformatie["kostenverdeling"].append(1.0 - sum(transformatie["kostenverdeling"]))
    if draw(st.booleans()):
        transformatie["exploitant"] = draw(st.sampled_from(PARTIJEN))
    return {
        "id": f"P{i:02d}",
        "eigenaar": draw(st.sampled_from(PARTIJEN)),
        "huidig": huidig,
        "transformatie": transformatie,
    }


@st.composite
def scenarios(draw: st.DrawFn, max_panden: int = 4) -> dict[str, Any]:
    """A valid scenario dict with 1 … max_panden panden."""
    partijen = {
        soort: {
            "soort": soort,
            **({"disconteringsvoet": draw(_f(0.01, 0.1))} if draw(st.booleans()) else {}),
            **({"wr": draw(_f(0, 0.12))} if draw(st.booleans()) else {}),
        }
        for soort in PARTIJEN
    }
    n = draw(st.integers(1, max_panden))
    return {
        "naam": "gegenereerd",
        "startjaar": 2026,
        "horizon": 30,
        "markt": {
            "disconteringsvoet": draw(_f(0.01, 0.1)),
            "indexatie": {
                k: draw(_f(-0.01, 0.05))
                for k in ("bouwkosten", "huur", "exploitatielasten", "verkoopprijzen", "grond")
            },
            "btw": draw(st.sampled_from([0.21, 0.09, 0.0])),
            "kosten_koper": {
                "overdrachtsbelasting": draw(_f(0, 0.104)),
                "overig": draw(_f(0, 0.03)),
                "methode": draw(st.sampled_from(["delen", "vermenigvuldigen"])),
            },
            "bouwrente": draw(_f(0, 0.08)),
        },
        "conventies": {
            "ak_grondslag": draw(st.sampled_from(["bouw", "bouw_en_grond", "opbrengst"])),
            "wr_grondslag": draw(st.sampled_from(["opbrengst", "kosten"])),
            "rente_model": draw(st.sampled_from(["geen", "half_bouwkosten", "kasstroom"])),
            "disconteringsmoment": draw(st.sampled_from(["eind_jaar", "midden_jaar"])),
            "disconteringsvoet_opbrengst": draw(st.sampled_from(["partij", "markt"])),
        },
        "kosten": {
            "per_m2_bvo": {
                "licht": draw(_f(400, 1_500)),
                "zwaar": draw(_f(1_500, 2_600)),
                "nieuwbouw": draw(_f(2_200, 3_200)),
            },
            "bijkomend": draw(_f(0.05, 0.25)),
            "onvoorzien": draw(_f(0, 0.1)),
            "ak": draw(_f(0, 0.08)),
            "wr": draw(_f(0, 0.15)),
        },
        "partijen": partijen,
        "functies": draw(functies()),
        "panden": [draw(panden(i + 1)) for i in range(n)],
    }


#: One valid design per fund instrument kind (shared by the fund tests and the fuzzing).
INSTRUMENTEN: list[dict[str, Any]] = [
    {"soort": "subsidie", "aandeel_ort": 0.5, "max_per_pand": 400_000},
    {
        "soort": "lening",
        "aandeel_sk": 0.45,
        "rente": 0.01,
        "looptijd": 10,
        "aflossingsvrij": 1,
        "wanbetaling": {"kans": 0.05, "verlies": 0.5},
    },
    {
        "soort": "garantie",
        "bankfinanciering": 0.5,
        "dekking": 0.5,
        "premie": 0.005,
        "renteverlaging": 0.01,
        "looptijd": 8,
        "wanbetaling": {"kans": 0.05, "verlies": 0.5},
    },
    {"soort": "erfpacht", "grondaandeel": 0.3, "canon": 0.01},
    {"soort": "deelneming", "verkoop_na": 3},
]


@st.composite
def volledige_scenarios(
    draw: st.DrawFn, max_panden: int = 5, vijandig: bool = False
) -> dict[str, Any]:
    """A valid scenario with, at random, gebieden, projecten, verevening and fondsen.

    With `vijandig`, every free-text name (scenario, pand naam, gebied, project, extra
    kostenpost, fonds, tranche, instrument) is :func:`vrije_tekst`; pand ids take any form
    the schema allows (the keys of partijen, functies and kosten.per_m2_bvo have one fixed
    form and stay as they are).
    """
    data = draw(scenarios(max_panden=max_panden))
    panden = data["panden"]

    def tekst(begin: str) -> str:
        return draw(vrije_tekst(begin)) if vijandig else begin

    if vijandig:
        data["naam"] = tekst("s")
        for i, p in enumerate(panden):
            p["id"] += draw(st.text("AZaz09_-", max_size=3))
            p["naam"] = tekst(f"n{i}")
            if "extra_kosten" in p["transformatie"]:
                p["transformatie"]["extra_kosten"] = {tekst("k"): 10_000.0}
    ids = [p["id"] for p in panden]
    gebieden = [tekst("binnenstad"), tekst("stationsgebied")]
    for p in panden:
        if draw(st.booleans()):
            p["gebied"] = draw(st.sampled_from(gebieden))
        if draw(st.booleans()):
            p["transformatie"]["anterieure_overeenkomst"] = draw(st.booleans())
    if len(ids) >= 2 and draw(st.booleans()):
        leden = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=len(ids), unique=True))
        data["projecten"] = [{"id": tekst("blok"), "panden": leden}]
    if draw(st.booleans()):
        methode = draw(st.sampled_from(["aandeel", "bijdrage_per_m2", "bijdrage_per_woning"]))
        privaat: dict[str, Any] = {
            "grondslag": draw(st.sampled_from(["kostenverhaal", "overeenkomst", "geen"])),
            "drempel": draw(_f(0, 50_000)),
        }
        if privaat["grondslag"] != "geen":
            privaat[methode] = draw(_f(0, 1) if methode == "aandeel" else _f(0, 20_000))
        data["verevening"] = {
            "aandeel_publiek": draw(_f(0, 1)),
            "privaat": privaat,
            "toewijzing": draw(
                st.sampled_from([{"methode": "pro_rata"}, {"methode": "per_woning"}])
                | st.lists(
                    st.sampled_from([*ids, *WONING, *M2]), min_size=1, max_size=3, unique=True
                ).map(lambda v: {"methode": "prioriteit", "volgorde": v})
            ),
            "beginsaldo": {
                g: draw(_f(0, 500_000))
                for g in sorted({p.get("gebied", "binnenstad") for p in panden})
                if draw(st.booleans())
            },
        }
    fondsen = []
    for k in range(draw(st.integers(0, 2))):
        keuze = draw(
            st.lists(st.integers(0, len(INSTRUMENTEN) - 1), min_size=1, max_size=5, unique=True)
        )
        instrumenten = [dict(INSTRUMENTEN[i], naam=tekst(f"i{i}")) for i in keuze]
        for ins in instrumenten:
            if ins["soort"] in ("lening", "garantie", "erfpacht") and draw(st.booleans()):
                ins["omvang"] = "tekort"
            if draw(st.integers(0, 3)) == 0:
                ins["min_effect"] = draw(_f(0, 0.3))
        namen = [i["naam"] for i in instrumenten]
        volgorde = draw(st.permutations(namen))
        if k == 0 and "verevening" in data and draw(st.booleans()):
            volgorde = ["verevening", *volgorde]
        tranches: list[dict[str, Any]] = [
            {"naam": tekst("gemeente"), "soort": "subsidie", "bedrag": draw(_f(0, 8e6))}
        ]
        if draw(st.booleans()):
            tranches.append(
                {
                    "naam": tekst("bank"),
                    "soort": "lening",
                    "bedrag": draw(_f(0, 8e6)),
                    "rente": draw(_f(0, 0.06)),
                    "looptijd": draw(st.integers(1, 25)),
                    "aflossing": draw(st.sampled_from(["annuitair", "lineair", "ineens"])),
                }
            )
        if draw(st.booleans()):
            tranches.append(
                {"naam": tekst("ev"), "soort": "eigen_vermogen", "bedrag": draw(_f(0, 3e6))}
            )
        toewijzing: dict[str, Any] = {
            "volgorde_panden": draw(st.sampled_from(["startjaar", "ort_per_woning", "invoer"])),
            "volgorde_instrumenten": volgorde,
            "bij_geldgebrek": draw(st.sampled_from(["wachten", "deels"])),
        }
        if draw(st.booleans()):
            toewijzing["max_wachttijd"] = draw(st.integers(0, 8))
        if toewijzing["bij_geldgebrek"] == "wachten" and draw(st.integers(0, 3)) == 0:
            toewijzing["alleen_sluitend"] = True
        fonds: dict[str, Any] = {
            "naam": tekst(f"fonds{k}"),
            "tranches": tranches,
            "instrumenten": instrumenten,
            "toewijzing": toewijzing,
            "beheerkosten": draw(_f(0, 0.01)),
        }
        if draw(st.integers(0, 3)) == 0:
            fonds["kredietlimiet"] = draw(_f(0, 2e6))
        fondsen.append(fonds)
    if fondsen:
        data["fondsen"] = fondsen
        if draw(st.booleans()):
            data["markt"]["disconteringsvoet_publiek"] = draw(_f(0, 0.06))
    return data
