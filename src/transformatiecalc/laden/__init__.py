"""Loading scenario files: safe YAML 1.2, located values, ``erft_van``, Dutch errors.

- :mod:`.plekken`: located plain data (:class:`PMap`, :class:`PLijst`) and the limits;
- :mod:`.lezen`: one YAML file into located data, refusing what a scenario never needs
  (:func:`lees_yaml`); :mod:`.yamlfouten` says the reader's refusals in Dutch;
- :mod:`.erfenis`: ``erft_van`` (:func:`lees_met_erfenis`, :func:`voeg_samen`);
- :mod:`.vertaling`: pydantic's errors as located Dutch messages with a code
  (:func:`meldingen_uit_validatie`);
- here: the public entry points (:func:`laad_scenario`, :func:`valideer`, :func:`laad_model`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..fouten import Celplek, Melding, ScenarioFout
from ..getallen import reeksen
from ..schema import Scenario
from ..toegang import MAX_GROOTTE, Toegang
from .erfenis import lees_met_erfenis, voeg_samen
from .lezen import lees_yaml
from .plekken import MAX_DIEPTE, MAX_GETALLENGTE, Plek, PLijst, PMap
from .tekst import stuurtekens
from .vertaling import _plek_van, meldingen_uit_validatie

__all__ = [
    "MAX_DIEPTE",
    "MAX_GETALLENGTE",
    "MAX_GROOTTE",
    "PLijst",
    "PMap",
    "Plek",
    "Toegang",
    "_plek_van",
    "als_gewone_data",
    "laad_model",
    "laad_scenario",
    "lees_met_erfenis",
    "lees_yaml",
    "meldingen_uit_validatie",
    "valideer",
    "voeg_samen",
]


def als_gewone_data(x: Any) -> Any:
    """Located data (PMap/PLijst, nested) as plain dicts and lists, e.g. to vary in code."""
    if isinstance(x, dict):
        return {k: als_gewone_data(v) for k, v in x.items()}
    if isinstance(x, list):
        return [als_gewone_data(v) for v in x]
    return x


def valideer(
    data: Mapping[str, Any],
    bestand: str = "<scenario>",
    toegang: Toegang | None = None,
    tekst_gecontroleerd: bool = False,
) -> Scenario:
    """Validate located (or plain) data into an effective :class:`Scenario`.

    Problems the reader kept for later (:attr:`PMap.nafouten`, a bad row of a spreadsheet)
    are reported with the validation's, so one run names every bad row. A file the data
    names (``wws.bestand``, also when a variant sets it) is read under the file-access policy
    `toegang`, a relative name beside `bestand`; without `toegang`, the working directory's
    folder tree. Every text and key is first checked for control characters (:mod:`.tekst`),
    unless `tekst_gecontroleerd` (a replica of data validated before, with numbers changed)."""
    if not tekst_gecontroleerd:
        fouten = stuurtekens(data, bestand)
        if fouten:
            raise ScenarioFout(fouten)
    eerder = list(getattr(data, "nafouten", ()))
    context = None
    if toegang is not None:
        context = {"toegang": toegang, "map": Path(bestand).absolute().parent}
    try:
        scenario = Scenario.model_validate(data, context=context)
    except ValidationError as fout:
        meldingen = meldingen_uit_validatie(fout, data, bestand) + eerder
        raise ScenarioFout(per_kolom(meldingen)) from None
    if eerder:
        raise ScenarioFout(per_kolom(eerder))
    return scenario


#: From this many rows on, the same message in the same spreadsheet column is said once.
ZELFDE_RIJEN = 3


def per_kolom(meldingen: list[Melding]) -> list[Melding]:
    """The same problem in many rows of a spreadsheet (a misspelt column header gives one per
    pand) said once, at its first row, with the other rows named: 500 panden, one message."""
    groepen: dict[tuple[Any, ...], list[Melding]] = {}
    for m in meldingen:
        sleutel: tuple[Any, ...]
        if isinstance(m.bestand, Celplek):
            sleutel = (str(m.bestand), m.kolom, re.sub(r"\[\d+\]", "[…]", m.pad), m.tekst, m.code)
        else:
            sleutel = (id(m),)
        groepen.setdefault(sleutel, []).append(m)
    uit = []
    for groep in groepen.values():
        if len(groep) < ZELFDE_RIJEN:
            uit.extend(groep)
            continue
        eerste, rijen = groep[0], sorted({m.regel for m in groep[1:]})
        tekst = f"{eerste.tekst} (ook in {len(rijen)} andere rijen: {reeksen(rijen, 10)})"
        uit.append(replace(eerste, tekst=tekst))
    return uit


M = TypeVar("M", bound=BaseModel)


def laad_model(pad: str | Path, model: type[M], toegang: Toegang | None = None) -> M:
    """Load any YAML file of ours (e.g. a huisstijl template) into `model`, with located errors."""
    pad = Path(pad)
    data = lees_yaml(pad, toegang)
    fouten = stuurtekens(data, str(pad))
    if fouten:
        raise ScenarioFout(fouten)
    try:
        return model.model_validate(data)
    except ValidationError as fout:
        raise ScenarioFout(meldingen_uit_validatie(fout, data, str(pad), model)) from None


def laad_scenario(pad: str | Path, toegang: Toegang | None = None) -> Scenario:
    """Load, check and resolve a scenario file; raise :class:`ScenarioFout` with located messages.

    `toegang` is the file-access policy for ``erft_van`` (:class:`~.toegang.Toegang`); by
    default the folder trees of `pad` and of the working directory.
    """
    pad = Path(pad)
    toegang = toegang if toegang is not None else Toegang.voor(pad)
    data = lees_met_erfenis(pad, toegang=toegang)
    return valideer(data, str(pad), toegang)
