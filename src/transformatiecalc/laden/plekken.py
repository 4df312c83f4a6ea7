"""Located plain data: mappings and lists that remember where each value stood, and the
limits on what a scenario file may hold."""

from __future__ import annotations

from typing import Any

#: Deepest nesting of mappings and lists a scenario may have (a real one needs about 8).
MAX_DIEPTE = 64

#: Longest number a scenario may write, in characters (Python refuses ints over 4 300 digits).
MAX_GETALLENGTE = 100

Plek = tuple[str, int, int]  # (bestand, regel, kolom), 1-based


class PMap(dict[Any, Any]):
    """A mapping that remembers where it and each of its keys and values stood."""

    def __init__(self, plek: Plek) -> None:
        super().__init__()
        self.plek = plek
        self.sleutelplek: dict[Any, Plek] = {}
        self.waardeplek: dict[Any, Plek] = {}
        #: Problems found while reading that do not stop the reading (a bad row of a
        #: ``panden_uit`` spreadsheet): reported together with the validation's.
        self.nafouten: list[Any] = []
        #: How the texts of the file that were not written plainly stood, by their place
        #: (:class:`~..schema.basis.Schrijfwijze`; on the top mapping of a file only), so
        #: that a message can say what to change ('haal !!str weg').
        self.schrijfwijzen: dict[Plek, Any] = {}

    def zet(self, sleutel: Any, waarde: Any, sleutelplek: Plek, waardeplek: Plek) -> None:
        self[sleutel] = waarde
        self.sleutelplek[sleutel] = sleutelplek
        self.waardeplek[sleutel] = waardeplek

    def weg(self, sleutel: Any) -> None:
        """Remove `sleutel` with its places."""
        del self[sleutel], self.sleutelplek[sleutel], self.waardeplek[sleutel]


class PLijst(list[Any]):
    """A list that remembers where it and each of its items stood."""

    def __init__(self, plek: Plek) -> None:
        super().__init__()
        self.plek = plek
        self.plekken: list[Plek] = []

    def voeg_toe(self, waarde: Any, plek: Plek) -> None:
        self.append(waarde)
        self.plekken.append(plek)


class OnleesbareCel:
    """The value of a spreadsheet cell that could not be read ('1.150', a formula without a
    cached value); its own message says why. It stands where the value would have stood, so
    the key is not absent: a rule that needs the value does not run (pydantic refuses the
    marker like a value of the wrong type, and that refusal is not reported), as with a
    wrong value in YAML."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "een onleesbare cel"
