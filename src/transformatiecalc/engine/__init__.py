"""The calculation engine: pure functions of numpy arrays (METHODE §1–5).

Data flows one way: :func:`invoer_uit_scenario` turns a validated scenario into
arrays, :func:`bereken_invoer` computes every result as arrays (one function per § of
docs/methode.md, in that order; see :mod:`.rekenkern`). The engine knows
nothing of files, YAML, Excel or the terminal.
"""

from .blokken import Rekenopties
from .invoer import Invoer, invoer_uit_scenario
from .kasstroom import KASSTROOMPOSTEN
from .rekenkern import bereken_invoer
from .uitkomst import Uitkomst

__all__ = [
    "KASSTROOMPOSTEN",
    "Invoer",
    "Rekenopties",
    "Uitkomst",
    "bereken_invoer",
    "invoer_uit_scenario",
]
