"""Dutch number notation for the terminal tables: euros (whole, or in € 1.000), percentages
and any KPI by its kind (amount, count, year, rate, ja/nee, text); '–' for a value that does
not exist."""

from __future__ import annotations

import math

from ..getallen import decimaal, duizendtallen
from .tabel import Kolom
from .veilig import veilig


def euro(bedrag: float, schaal: float = 1.0) -> str:
    """'€ 1.234.567' (whole euros, Dutch separators) or, with schaal=1000, '1.235'."""
    if bedrag is None or not math.isfinite(bedrag):
        return "–"
    tekst = duizendtallen(bedrag / schaal)
    return tekst if schaal != 1.0 else f"€ {tekst}"


def procent(fractie: float, decimalen: int = 1) -> str:
    """'5,4 %' for 0.054; '–' for a missing value."""
    if fractie is None or not math.isfinite(fractie):
        return "–"
    return f"{decimaal(fractie * 100, decimalen)} %"


def euro_heel(bedrag: float) -> str:
    """'−14.488' (whole euros, no sign of the currency: the column says it); '–' if none."""
    if bedrag is None or not math.isfinite(bedrag):
        return "–"
    return duizendtallen(bedrag)


def kpi_tekst(waarde: object, soort: str, schaal: float = 1.0) -> str:
    """A fund KPI as Dutch text ('–' when it does not exist); euros divided by `schaal`
    (1000: '1.235' for € 1.234.567). A year is a whole year, also as a mean of draws."""
    if waarde is None or (isinstance(waarde, float) and not math.isfinite(waarde)):
        return "–"
    if soort == "janee":
        return "ja" if waarde else "nee"
    if soort == "tekst" or isinstance(waarde, str):
        return veilig(waarde)
    assert isinstance(waarde, int | float)
    if soort == "jaar":
        return str(round(waarde))
    if soort == "aantal":
        x = float(waarde)
        return duizendtallen(x) if x.is_integer() else decimaal(x, 1)
    if soort == "euro":
        return euro(float(waarde), schaal)
    if soort == "m2":
        return f"{duizendtallen(float(waarde))} m²"
    if soort == "procent":
        return procent(float(waarde), 0)
    if soort == "voet":
        return procent(float(waarde), 1)
    return decimaal(float(waarde), 1)


#: The column of KPI labels: folds between words, never narrower than 20 characters.
Kengetal = Kolom("Kengetal", tekst=True, minimum=20)
