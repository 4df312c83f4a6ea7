"""The calculation engine: pure functions of numpy arrays (METHODE §1–5).

Data flows one way: :func:`invoer_uit_scenario` turns a validated scenario into
arrays, :func:`bereken_invoer` computes every result as arrays. The engine knows
nothing of files, YAML, Excel or the terminal.
"""

from .invoer import Invoer, invoer_uit_scenario
from .rekenkern import KASSTROOMPOSTEN, Uitkomst, bereken_invoer

__all__ = ["KASSTROOMPOSTEN", "Invoer", "Uitkomst", "bereken_invoer", "invoer_uit_scenario"]
