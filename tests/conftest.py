"""Hypothesis profiles: 'dev' (default, quick), 'ci' (more examples), 'nacht' (maintainers)."""

from __future__ import annotations

import os
import sys
from typing import Any

from hypothesis import HealthCheck, settings

_gemeen = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=40, **_gemeen)
settings.register_profile("ci", max_examples=150, **_gemeen)
settings.register_profile("nacht", max_examples=2_000, **_gemeen)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say how many generated scenarios the fuzz properties ran (issue #7 asks to see it)."""
    fuzz = next((m for n, m in sys.modules.items() if n.endswith("test_fuzz")), None)
    teller = getattr(fuzz, "TELLER", None)
    if teller:
        delen = ", ".join(f"{n} × {wat}" for wat, n in teller.items())
        terminalreporter.write_line(
            f"fuzzing (profiel {getattr(fuzz, 'PROFIEL', '?')}): {delen} gegenereerd en gecontroleerd"
        )
