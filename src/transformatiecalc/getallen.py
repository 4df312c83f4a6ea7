"""Dutch number formatting for messages and tables (presentation only)."""

from __future__ import annotations


def duizendtallen(x: float) -> str:
    """Whole number with Dutch thousands separators: 1234567.8 → '1.234.568', −5 → '-5'."""
    afgerond = round(x)
    tekst = f"{abs(afgerond):,}".replace(",", ".")
    return f"-{tekst}" if afgerond < 0 else tekst


def decimaal(x: float, decimalen: int = 2) -> str:
    """Dutch decimal notation: 1609.746 → '1.609,75'."""
    tekst = f"{abs(x):,.{decimalen}f}"
    geheel, _, breuk = tekst.partition(".")
    uit = geheel.replace(",", ".") + ("," + breuk if breuk else "")
    return f"-{uit}" if x < 0 and round(abs(x), decimalen) != 0 else uit
