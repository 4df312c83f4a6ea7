"""Hypothesis profiles: 'dev' (default, quick), 'ci' (more examples), 'nacht' (maintainers)."""

from __future__ import annotations

import os
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

_gemeen = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=40, **_gemeen)
settings.register_profile("ci", max_examples=150, **_gemeen)
settings.register_profile("nacht", max_examples=2_000, **_gemeen)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


#: Fuzz counts reported by pytest-xdist workers (``-n``), gathered in the controller.
_VAN_WERKERS: dict[str, int] = {}


def _fuzzteller() -> dict[str, int]:
    fuzz = next((m for n, m in sys.modules.items() if n.endswith("test_fuzz")), None)
    return dict(getattr(fuzz, "TELLER", None) or {})


def pytest_sessionfinish(session: Any) -> None:
    """In an xdist worker: hand this process's fuzz counts to the controller."""
    uit = getattr(session.config, "workeroutput", None)
    if uit is not None:
        uit["fuzzteller"] = _fuzzteller()


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node: Any, error: Any) -> None:
    """In the xdist controller: add up the counts of a worker that finished."""
    for wat, n in getattr(node, "workeroutput", {}).get("fuzzteller", {}).items():
        _VAN_WERKERS[wat] = _VAN_WERKERS.get(wat, 0) + n


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many generated scenarios the fuzz properties ran (issue #7 asks to see it),
    with or without ``-n`` (pytest-xdist)."""
    teller = _fuzzteller()
    for wat, n in _VAN_WERKERS.items():
        teller[wat] = teller.get(wat, 0) + n
    if teller:
        profiel = os.environ.get("HYPOTHESIS_PROFILE", "dev")
        delen = ", ".join(f"{n} × {wat}" for wat, n in teller.items())
        terminalreporter.write_line(
            f"fuzzing (profiel {profiel}): {delen} gegenereerd en gecontroleerd"
        )
