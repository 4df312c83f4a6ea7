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


def getal(x: float, cijfers: int = 6) -> str:
    """Any number in Dutch notation, never as an exponent: at most `cijfers` significant
    digits and no trailing zeros (3.1e6 → '3.100.000', 0.048 → '0,048', 1852.5 → '1.852,5')."""
    geheel = len(str(abs(int(x)))) if abs(x) >= 1 else 0
    tekst = decimaal(x, max(0, cijfers - geheel))
    return tekst.rstrip("0").rstrip(",") if "," in tekst else tekst


def reeksen(getallen: list[int], hoogstens: int | None = None) -> str:
    """Sorted whole numbers as runs: [2028, 2030, 2031] → '2028, 2030–2031'; with
    `hoogstens`, at most that many runs and then '…' (rows 3–501 of a spreadsheet)."""
    delen: list[str] = []
    begin = vorig = getallen[0]
    for n in [*getallen[1:], None]:
        if n is not None and n == vorig + 1:
            vorig = n
            continue
        delen.append(str(begin) if begin == vorig else f"{begin}–{vorig}")
        if n is not None:
            begin = vorig = n
    if hoogstens is not None and len(delen) > hoogstens:
        return ", ".join(delen[:hoogstens]) + ", …"
    return ", ".join(delen)


def aantal(n: int, enkelvoud: str, meervoud: str) -> str:
    """A count with its noun, singular for one: '1 pand', '12 panden', '1.000 trekkingen'."""
    return f"{duizendtallen(n)} {enkelvoud if n == 1 else meervoud}"
