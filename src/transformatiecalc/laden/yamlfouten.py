"""The reader's refusals in Dutch: YAML syntax errors translated, control characters and
escapes beyond Unicode located."""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError

from ..fouten import Melding, ScenarioFout
from .plekken import MAX_DIEPTE

SYNTAX_VERTALING = (
    ("found character '\\t'", "tab gevonden: spring in met spaties, niet met tabs"),
    ("found character \\t", "tab gevonden: spring in met spaties, niet met tabs"),
    (
        "mapping values are not allowed",
        "een ':' op een plek waar dat niet mag (staat er een spatie na "
        "de dubbele punt, of moet de tekst tussen aanhalingstekens?)",
    ),
    ("could not find expected ':'", "verwachtte 'sleutel: waarde' (ontbreekt een ':'?)"),
    ("expected <block end>", "de inspringing klopt niet: deze regel hoort niet op dit niveau"),
    (
        "found unexpected end of stream",
        "onverwacht einde van het bestand (ontbreekt een sluitend aanhalingsteken of haakje?)",
    ),
    (
        "expected a single document",
        "het bestand bevat meer dan één YAML-document (---); één scenario per bestand",
    ),
    ("found undefined alias", "aliassen (*naam) zijn niet toegestaan in een scenario"),
    (
        "found unknown escape character",
        "onbekend escapeteken in tekst tussen dubbele aanhalingstekens",
    ),
    ("expected ',' or ']'", "verwachtte ',' of ']' in een lijst tussen haakjes"),
    ("expected ',' or '}'", "verwachtte ',' of '}' in een mapping tussen accolades"),
    ("did not find expected key", "verwachtte een sleutel (klopt de inspringing?)"),
    (
        "did not find expected '-' indicator",
        "verwachtte een lijstelement '- …' (klopt de inspringing?)",
    ),
    ("found a tab character", "tab gevonden: spring in met spaties, niet met tabs"),
    (
        "maximum depth of data structure exceeded",
        f"het scenario is dieper genest dan {MAX_DIEPTE} niveaus; zo diep gaat geen scenario",
    ),
    ("found unexpected document separator", "onverwachte documentscheiding (---)"),
    (
        "but found another document",
        "het bestand bevat meer dan één YAML-document (---, ...); één scenario per bestand",
    ),
    (
        "expected '<document start>'",
        "na een YAML-richtlijn (%YAML, %TAG) hoort een regel '---'; een scenario heeft geen "
        "richtlijnen nodig",
    ),
    (
        "found non-comment content after document end marker",
        "tekst na het einde van het document (...); één scenario per bestand",
    ),
    ("mapping keys are not allowed here", "een sleutel op een plek waar dat niet mag"),
    (
        "sequence entries are not allowed here",
        "een lijstelement '- …' op een plek waar dat niet mag (klopt de inspringing?)",
    ),
    (
        "that cannot start any token",
        "een teken waarmee geen waarde kan beginnen (tussen aanhalingstekens zetten?)",
    ),
    ("expected the node content", "verwachtte hier een waarde"),
    ("expected alphabetic or numeric character", "verwachtte een letter of cijfer na & of *"),
    ("expected a comment or a line break", "verwachtte commentaar of een nieuwe regel"),
    (
        "expected chomping or indentation indicators",
        "na | of > mag alleen een inspringings- of afkapteken staan",
    ),
    ("expected indentation indicator", "het inspringingsteken na | of > moet 1 tot 9 zijn"),
    ("expected escape sequence", "onvolledige escape (\\x, \\u of \\U met hexcijfers)"),
    (
        "more indented follow up line than first in a block scalar",
        "een vervolgregel springt verder in dan de eerste regel van het tekstblok",
    ),
    ("found undefined tag handle", "onbekende YAML-tag"),
    ("found duplicate YAML directive", "dubbele %YAML-regel"),
    ("found incompatible YAML document", "alleen YAML 1.x wordt gelezen"),
    ("expected a digit", "verwachtte een cijfer"),
    ("expected URI", "ongeldige tag"),
)

#: Control characters that have no place in a scenario file (tab, newline and carriage
#: return aside): C0, DEL and C1. YAML refuses most of them with an English message and no
#: position we can translate; this check names the character and its place.
CONTROLETEKENS = frozenset(
    [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, *range(0x80, 0xA0)]
)
CONTROLENAMEN = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x1B: "ESC", 0x7F: "DEL"}


#: What the parser was inside when it failed, for the openings a user must close: the
#: message goes to where the quote or bracket opened, not where the parser noticed (an
#: unclosed quote on line 87 was reported at the end of the file).
OPENINGEN = (
    ("while scanning a quoted scalar", "dit aanhalingsteken wordt niet gesloten"),
    ("while parsing a flow mapping", "deze accolade '{' wordt niet goed gesloten"),
    ("while parsing a flow sequence", "deze blokhaak '[' wordt niet goed gesloten"),
)


def syntaxfout(fout: MarkedYAMLError, bestand: str) -> Melding:
    mark = fout.problem_mark or fout.context_mark
    regel, kolom = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    probleem = str(fout.problem or fout.context or fout)
    opening = next((nl for en, nl in OPENINGEN if en in str(fout.context or "")), None)
    begin = fout.context_mark
    for engels, nederlands in SYNTAX_VERTALING:
        if engels in probleem:
            code = "yaml.te_diep" if engels.startswith("maximum depth") else "yaml.syntax"
            if opening and begin is not None and mark is not None and begin.line != mark.line:
                tekst = (
                    f"YAML-syntaxfout: {opening} (de lezer liep vast op regel {regel}, "
                    f"kolom {kolom}: {nederlands})"
                )
                return Melding(bestand, begin.line + 1, begin.column + 1, "", tekst, code)
            return Melding(bestand, regel, kolom, "", f"YAML-syntaxfout: {nederlands}", code)
    # the parser's own English words would be the message; say what kind of error it is
    return Melding(
        bestand,
        regel,
        kolom,
        "",
        "YAML-syntaxfout: deze regel is geen geldige YAML "
        f"(de lezer meldt: {probleem.splitlines()[0][:120]})",
        "yaml.syntax",
    )


def fout_bovenaan(bestand: str, tekst: str, code: str) -> ScenarioFout:
    """A message about the file as a whole: at line 1, column 1, without a path."""
    return ScenarioFout([Melding(bestand, 1, 1, "", tekst, code)])


def fout_na(bestand: str, voor: str, tekst: str, code: str) -> ScenarioFout:
    """A message at the character that follows the text `voor` (line and column 1-based)."""
    regel = voor.count("\n") + 1
    kolom = len(voor) - (voor.rfind("\n") + 1) + 1
    return ScenarioFout([Melding(bestand, regel, kolom, "", tekst, code)])


def controletekens(tekst: str, bestand: str) -> None:
    """Refuse a file with control characters, naming the first one and its place."""
    i, code = next((i, ord(t)) for i, t in enumerate(tekst) if ord(t) in CONTROLETEKENS)
    naam = CONTROLENAMEN.get(code, "een controleteken")
    raise fout_na(
        bestand,
        tekst[:i],
        f"het bestand bevat een onzichtbaar controleteken (U+{code:04X}, {naam}); "
        "haal het weg — een scenario is gewone tekst",
        "bestand.controleteken",
    )


def buiten_unicode(tekst: str, bestand: str) -> ScenarioFout:
    """The error for a ``\\U`` escape beyond U+10FFFF, at the escape if it can be found."""
    uitleg = (
        "een escape \\U… buiten Unicode (de hoogste is \\U0010FFFF) in tekst tussen dubbele "
        "aanhalingstekens"
    )
    for gevonden in re.finditer(r"\\U([0-9A-Fa-f]{8})", tekst):
        if int(gevonden.group(1), 16) > 0x10FFFF:
            return fout_na(
                bestand, tekst[: gevonden.start()], f"YAML-syntaxfout: {uitleg}", "yaml.syntax"
            )
    return fout_bovenaan(bestand, f"YAML-syntaxfout: {uitleg}", "yaml.syntax")
