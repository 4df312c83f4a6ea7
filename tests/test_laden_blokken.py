"""The loader composes a scenario block by block with a cache (laden/lezen.py, for the app's
recalculation while typing); the node tree and everything built from it — values, every
located key and value, every refusal — must be those of composing the whole text at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from transformatiecalc.laden import lezen
from transformatiecalc.laden.plekken import MAX_DIEPTE, PLijst, PMap

ROOT = Path(__file__).parents[1]
TEKSTEN = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "scenarios").glob("*.yaml"))]
TEKSTEN.append((ROOT / "src/transformatiecalc/data/start.yaml").read_text(encoding="utf-8"))
VOORBEELD = (ROOT / "scenarios/voorbeeld_binnenstad.yaml").read_text(encoding="utf-8")


def _vorm(x: Any) -> Any:
    """Values with every location the built data remembers."""
    if isinstance(x, PMap):
        return (
            "map",
            x.plek,
            [(k, x.sleutelplek[k], x.waardeplek[k], _vorm(v)) for k, v in x.items()],
        )
    if isinstance(x, PLijst):
        return ("lijst", x.plek, list(x.plekken), [_vorm(v) for v in x])
    return (type(x).__name__, x)


def _bouw(tekst: str, blokken: bool) -> Any:
    yaml = YAML(typ="safe", pure=True)
    yaml.max_depth = MAX_DIEPTE
    try:
        wortel = lezen._componeer(yaml, tekst) if blokken else yaml.compose(tekst)
    except Exception as fout:  # the same refusal, word for word
        return ("fout", type(fout).__name__, str(fout))
    if wortel is None:
        return None
    fouten: list[Any] = []
    data = lezen._Bouwer(yaml, "s.yaml", fouten).bouw(wortel, "")
    return _vorm(data), [str(f) for f in fouten]


def test_elk_meegeleverd_scenario_gelijk() -> None:
    for tekst in TEKSTEN:
        assert _bouw(tekst, True) == _bouw(tekst, False)
        assert _bouw(tekst, True) == _bouw(tekst, False)  # now from the cache


def test_de_blokken_worden_echt_gebruikt() -> None:
    blokken = lezen._blokken(VOORBEELD)
    assert blokken is not None and [b.split(":")[0] for _, b in blokken][:4] == [
        "naam",
        "beschrijving",
        "startjaar",
        "prijspeil",
    ]
    _, panden = next(b for b in blokken if b[1].startswith("panden:"))
    yaml = YAML(typ="safe", pure=True)
    knoop = lezen._lijstblok(yaml, next(a for a, b in blokken if b.startswith("panden:")), panden)
    assert knoop is not None and len(knoop.value[0][1].value) == 14


_BEWERKINGEN = (
    lambda r: r.replace("0", "7", 1),
    lambda r: "",
    lambda r: r + r,
    lambda r: "  x: 1\n" + r,
    lambda r: "# opmerking\n" + r,
    lambda r: " " + r,
    lambda r: r[1:],
    lambda r: "- a\n" + r,
    lambda r: r.replace(":", "", 1),
    lambda r: r.replace("{", "", 1),
    lambda r: "extra: [1, 2\n" + r,
    lambda r: "---\n" + r,
    lambda r: r.replace("- ", "-", 1),
    lambda r: "panden: &a\n" + r,
)


# each example composes the 400-line example twice per edit (±0,2 s): a quarter of the
# profile's examples (CI: 37; 'nacht': 500, which ran 2 000 clean when this was written)
@settings(max_examples=max(10, settings.default.max_examples // 4))
@given(
    st.lists(
        st.tuples(st.integers(0, 10_000), st.integers(0, len(_BEWERKINGEN) - 1)),
        min_size=1,
        max_size=4,
    )
)
def test_bewerkingen_geven_hetzelfde_als_het_hele_bestand(
    bewerkingen: list[tuple[int, int]],
) -> None:
    """Edits as a typist makes them, one after another on a warm cache: every intermediate
    text gives the same tree, the same locations and the same refusals as a whole parse."""
    regels = VOORBEELD.splitlines(keepends=True)
    for plek, soort in bewerkingen:
        i = plek % len(regels)
        regels[i] = _BEWERKINGEN[soort](regels[i])
        tekst = "".join(regels)
        assert _bouw(tekst, True) == _bouw(tekst, False)
