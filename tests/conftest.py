"""Hypothesis profiles: 'dev' (default, quick), 'ci' (more examples), 'nacht' (maintainers)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_gemeen = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("dev", max_examples=40, **_gemeen)
settings.register_profile("ci", max_examples=150, **_gemeen)
settings.register_profile("nacht", max_examples=2_000, **_gemeen)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
