"""Dutch number formatting for messages and tables (presentation only)."""

from __future__ import annotations


def duizendtallen(x: float) -> str:
    """Whole number with Dutch thousands separators: 1234567.8 → '1.234.568', −5 → '-5'."""
    afgerond = round(x)
    tekst = f"{abs(afgerond):,}".replace(",", ".")
    return f"-{tekst}" if afgerond < 0 else tekst
