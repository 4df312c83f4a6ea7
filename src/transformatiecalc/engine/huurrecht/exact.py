"""Exact WWS points of a fully described home, by the optional package ``woningwaardering``.

``woningwaardering`` (Woonstad Rotterdam, MIT) implements the Huurcommissie's beleidsboek
for every rubriek on a home described room by room in the VERA model (``EenhedenEenheid``,
as JSON). It is an optional dependency: ``pip install "transformatiecalc[wws]"``; the rest
of transformatiecalc imports and runs without it, and this module imports it only when
called. Its import changes process-wide settings (the decimal context, the locale, the
``TZ`` variable); :func:`_importeer` undoes that, and each valuation runs in the decimal
context the package expects. Both hold a lock: the settings and the warning filters a
valuation records its warnings with are process-wide, and the engine may value homes in
several threads at once (the app, Monte Carlo's probes).
"""

from __future__ import annotations

import decimal
import locale
import os
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from types import ModuleType
from typing import NamedTuple

INSTALLATIE = 'pip install "transformatiecalc[wws]"'

#: One import or valuation at a time (the module docstring).
_SLOT = threading.Lock()

#: VERA stelselgroep codes → the names of the rubrieken in punten.WwsPunten (and beyond).
RUBRIEKEN: dict[str, str] = {
    "OVZ": "oppervlakte_vertrekken",
    "OOZ": "oppervlakte_overige_ruimten",
    "VKV": "verkoeling_en_verwarming",
    "ENE": "energieprestatie",
    "KEU": "keuken",
    "SAN": "sanitair",
    "BUI": "buitenruimten",
    "GPA": "gemeenschappelijke_parkeerruimten",
    "GVR": "gemeenschappelijke_ruimten",
    "WOZ": "woz",
    "BIJ": "bijzondere_voorzieningen",
    "PMN": "prijsopslag_monumenten_en_nieuwbouw",
}


class WoningwaarderingOntbreekt(ImportError):
    """The optional package woningwaardering is not installed."""

    def __init__(self) -> None:
        super().__init__(
            "Exacte WWS-punten vragen het pakket woningwaardering, dat niet is "
            f"geïnstalleerd. Installeer het met: {INSTALLATIE}"
        )


class ExactePunten(NamedTuple):
    """The exact valuation of one home.

    ``totaal``: whole WWS points after the cap on the WOZ (as the package computes it);
    ``rubrieken``: points per rubriek (names of :data:`RUBRIEKEN`; rubrieken the package
    could not value are left out); ``waarschuwingen``: the package's warnings (Dutch), such
    as a room without an area or a missing WOZ-waarde.
    """

    totaal: float
    rubrieken: dict[str, float]
    waarschuwingen: tuple[str, ...]


@contextmanager
def _instellingen_bewaard() -> Iterator[None]:
    """Restore the decimal context, locale and TZ that importing woningwaardering changes."""
    tz = os.environ.get("TZ")
    taal = locale.setlocale(locale.LC_ALL)
    try:
        with decimal.localcontext():
            yield
    finally:
        locale.setlocale(locale.LC_ALL, taal)
        if tz is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = tz
        time.tzset()


def _importeer() -> tuple[ModuleType, ModuleType]:
    """The package's stelsel module and VERA model module, or WoningwaarderingOntbreekt."""
    try:
        with _SLOT, _instellingen_bewaard():
            from woningwaardering.stelsels.zelfstandige_woonruimten import (
                zelfstandige_woonruimten as stelsel,
            )
            from woningwaardering.vera.bvg import generated as vera
    except ImportError as fout:
        raise WoningwaarderingOntbreekt() from fout
    return stelsel, vera


def beschikbaar() -> bool:
    """Whether woningwaardering can be imported (for tests and the CLI)."""
    try:
        _importeer()
    except WoningwaarderingOntbreekt:
        return False
    return True


def ondersteunde_peildata() -> tuple[date, date] | None:
    """The peildata the installed woningwaardering values on, [vanaf, tot), as it declares
    them (``stelsels.utils.ONDERSTEUNDE_PEILDATUM_VANAF/_TOT``); None when the installed
    version does not declare them (it then checks itself)."""
    _importeer()
    from importlib import import_module

    utils = import_module("woningwaardering.stelsels.utils")
    vanaf = getattr(utils, "ONDERSTEUNDE_PEILDATUM_VANAF", None)
    tot = getattr(utils, "ONDERSTEUNDE_PEILDATUM_TOT", None)
    return (vanaf, tot) if isinstance(vanaf, date) and isinstance(tot, date) else None


def pakketversie() -> str:
    """The installed version of woningwaardering (for messages)."""
    from importlib.metadata import version

    return version("woningwaardering")


def waardeer_exact(eenheid_json: str, peildatum: date) -> ExactePunten:
    """Value a zelfstandige woonruimte given as VERA ``EenhedenEenheid`` JSON on ``peildatum``.

    The package accepts only peildata in the year its beleidsboek covers (woningwaardering
    6.202607: 1-1-2026 … 31-12-2026) and raises ValueError otherwise; it uses the WOZ-waarde
    with a waardepeildatum one or two years before the peildatum.
    """
    stelsel, vera = _importeer()
    eenheid = vera.EenhedenEenheid.model_validate_json(eenheid_json)
    with (
        _SLOT,
        warnings.catch_warnings(record=True) as gevangen,
        decimal.localcontext(decimal.BasicContext),
    ):
        warnings.simplefilter("always")
        resultaat = stelsel.ZelfstandigeWoonruimten(peildatum=peildatum).waardeer(eenheid)
    rubrieken: dict[str, float] = {}
    for groep in resultaat.groepen or []:
        if groep.punten is None or groep.criterium_groep is None:
            continue
        code = str(groep.criterium_groep.stelselgroep.code)
        rubrieken[RUBRIEKEN.get(code, code)] = float(groep.punten)
    return ExactePunten(
        totaal=float(resultaat.punten or 0.0),
        rubrieken=rubrieken,
        waarschuwingen=tuple(str(w.message) for w in gevangen),
    )


def punten_exact(eenheid_json: str, peildatum: date) -> float:
    """Exact WWS points (whole points after the cap) of a home as VERA JSON; see waardeer_exact."""
    return waardeer_exact(eenheid_json, peildatum).totaal
