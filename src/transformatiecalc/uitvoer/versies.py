"""Version ranges of the libraries whose internals a fast path or a patch relies on."""

from __future__ import annotations


def in_bereik(versie: str, bereik: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    """Whether `versie` ('3.3.1') lies in [from, to). A part that is not a number ends the
    version ('3.4.0rc1' → (3, 4)); an unreadable version is outside every range."""
    delen: list[int] = []
    for deel in versie.split("."):
        if not deel.isdigit():
            break
        delen.append(int(deel))
    van, tot = bereik
    return bool(delen) and van <= tuple(delen) < tot
