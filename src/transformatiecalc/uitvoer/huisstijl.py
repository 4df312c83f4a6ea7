"""House style of the Excel workbook: a small YAML template (colours, font, cover texts, logo).

Why a YAML template and not an .xlsx template: the workbook is written with
xlsxwriter, the only Python writer that stores a cached value with every formula
(so viewers that do not calculate still show the numbers); xlsxwriter cannot open an
existing workbook, and openpyxl — which can — drops images and charts and cannot store
cached values. So the house style is described, not copied: the named styles below
(``titel``, ``kop``, ``invoer``, ``formule``, ``waarde``, …) are built from the
template's colours and number formats. The defaults of this model *are* the standard
house style; ``templates/standaard.yaml`` spells them out for users to copy.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, Field, PrivateAttr
from pydantic_core import PydanticCustomError

from ..fouten import Melding, ScenarioFout
from ..laden import PMap, laad_model, lees_yaml
from ..schema.basis import Geheel, Model, Tekst
from ..toegang import Geweigerd, TeGroot, Toegang

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _kleur(waarde: str) -> str:
    if not _HEX.fullmatch(waarde):
        raise PydanticCustomError(
            "kleur", "kleur '{w}' moet de vorm #RRGGBB hebben, bijv. #1F4E79", {"w": waarde}
        )
    return waarde.upper()


Kleur = Annotated[Tekst, AfterValidator(_kleur)]


class Kleuren(Model):
    """Colours of the workbook and the charts (#RRGGBB)."""

    primair: Kleur = Field("#1F4E79", description="Titels en kopregels.")
    kop_tekst: Kleur = Field("#FFFFFF", description="Tekst op de kopregels.")
    accent: Kleur = Field("#C55A11", description="Totalen en nadruk.")
    invoer: Kleur = Field("#FFF2CC", description="Achtergrond van invoercellen (Uitgangspunten).")
    waarde: Kleur = Field(
        "#EDEDED", description="Achtergrond van cellen met een berekende waarde zonder formule."
    )
    negatief: Kleur = Field("#C00000", description="Negatieve bedragen.")
    rand: Kleur = Field("#BFBFBF", description="Celranden.")
    grafiek: list[Kleur] = Field(
        default_factory=lambda: [
            "#1F4E79",
            "#C55A11",
            "#548235",
            "#BF9000",
            "#7030A0",
            "#2E75B6",
            "#A5A5A5",
        ],
        min_length=3,
        description="Kleurenreeks van de grafieken (series in deze volgorde).",
    )


class Voorblad(Model):
    """Texts of the cover sheet."""

    titel: Tekst = Field("Business case binnenstedelijke transformatie", description="Titel.")
    ondertitel: str = Field(
        "Residuele grondwaarde, onrendabele top en betaalbaarheid per pand",
        description="Ondertitel.",
    )
    organisatie: str = Field(
        "", description="Naam van de organisatie, bijv. 'Gemeente Voorbeeldstad'."
    )
    tekst: str = Field("", description="Extra tekst op het voorblad (bijv. status: concept).")
    logo: str | None = Field(
        None,
        description=(
            "Pad naar een PNG- of JPG-logo (hoogstens 5 MB en 4 000 pixels), relatief aan het "
            "sjabloonbestand, in de map van het sjabloon, de werkmap of een --toegang-map."
        ),
    )
    disclaimer: str = Field(
        "Deze berekening is een hulpmiddel bij besluitvorming, geen taxatie. De uitkomsten hangen "
        "af van de uitgangspunten op het blad Uitgangspunten; controleer die voordat u de cijfers "
        "gebruikt. Berekend met transformatiecalc (open source).",
        description="Disclaimer onderaan het voorblad.",
    )


class Getalnotatie(Model):
    """Excel number formats (locale-neutral codes; Excel shows Dutch separators)."""

    euro: str = Field("[$€-413] #,##0;[Red][$€-413] -#,##0", description="Bedragen in hele euro's.")
    euro_centen: str = Field(
        "[$€-413] #,##0.00;[Red][$€-413] -#,##0.00", description="Huren en prijzen per eenheid."
    )
    procent: str = Field("0.00%", description="Percentages (fracties).")
    factor: str = Field("0.000000", description="Factoren (disconteringsfactor, bouwprofiel).")
    getal: str = Field("#,##0.##", description="Overige getallen (m², aantallen).")


class Huisstijl(Model):
    """A house-style template (templates/standaard.yaml shows every key)."""

    naam: Tekst = Field("standaard", description="Naam van de huisstijl.")
    lettertype: Tekst = Field("Calibri", description="Lettertype van alle cellen.")
    lettergrootte: Annotated[Geheel, Field(ge=6, le=16)] = Field(10, description="Punten.")
    kleuren: Kleuren = Field(default_factory=Kleuren)
    voorblad: Voorblad = Field(default_factory=Voorblad)
    getalnotatie: Getalnotatie = Field(default_factory=Getalnotatie)

    _map: Path | None = PrivateAttr(default=None)
    _logo: bytes | None = PrivateAttr(default=None)

    @property
    def logo_pad(self) -> Path | None:
        """The logo file, resolved against the template's folder."""
        if self.voorblad.logo is None:
            return None
        pad = Path(self.voorblad.logo)
        return pad if pad.is_absolute() or self._map is None else self._map / pad

    @property
    def logo(self) -> bytes | None:
        """The logo's bytes as checked when the template was read (None: no logo)."""
        return self._logo


#: Largest logo a template may embed (bytes) and its largest side (pixels).
MAX_LOGO = 5 * 1024 * 1024
MAX_LOGO_ZIJDE = 4000


def laad_huisstijl(pad: str | Path | None, toegang: Toegang | None = None) -> Huisstijl:
    """The standard house style, or a user's template file (located Dutch errors).

    The template and its logo are read under the file-access policy `toegang`
    (:mod:`..toegang`; by default the folder trees of the template and the working
    directory); the logo must be a real PNG or JPEG of at most 5 MB.
    """
    if pad is None:
        return Huisstijl()
    pad = Path(pad)
    toegang = toegang if toegang is not None else Toegang.voor(pad)
    stijl = laad_model(pad, Huisstijl, toegang)
    stijl._map = pad.resolve().parent
    logo = stijl.logo_pad
    if logo is not None:
        try:
            stijl._logo = _lees_logo(logo, toegang)
        except Geweigerd as reden:
            data = lees_yaml(pad, Toegang(toegang.wortels))  # for the place of the key only
            voorblad = data.get("voorblad")
            plek = (
                voorblad.waardeplek["logo"]
                if isinstance(voorblad, PMap) and "logo" in voorblad
                else (str(pad), 1, 1)
            )
            raise ScenarioFout(
                [Melding(*plek, "voorblad.logo", f"logo '{stijl.voorblad.logo}': {reden}")]
            ) from None
    return stijl


def _lees_logo(logo: Path, toegang: Toegang) -> bytes:
    """The logo's bytes, if it is an allowed, real PNG or JPEG of sensible size."""
    from PIL import Image  # Pillow comes with matplotlib

    if logo.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise Geweigerd("een logo is een .png- of .jpg-bestand")
    toegang.zoek(logo)
    try:
        inhoud = toegang.lees(logo, MAX_LOGO, keten=False)
    except TeGroot:
        raise Geweigerd(f"een logo mag hoogstens {MAX_LOGO // (1024 * 1024)} MB zijn") from None
    try:
        with Image.open(io.BytesIO(inhoud)) as beeld:
            soort, (breed, hoog) = beeld.format, beeld.size
            beeld.verify()
        if max(breed, hoog) <= MAX_LOGO_ZIJDE:  # decoded in full: no truncated pixel data
            with Image.open(io.BytesIO(inhoud)) as beeld:
                beeld.load()
    except Exception:  # Pillow's decoders raise what they like on broken data
        raise Geweigerd("dit is geen leesbare PNG- of JPEG-afbeelding") from None
    if soort not in ("PNG", "JPEG"):
        raise Geweigerd(f"dit is een {soort}-afbeelding; een logo is PNG of JPEG")
    if max(breed, hoog) > MAX_LOGO_ZIJDE:
        raise Geweigerd(
            f"de afbeelding is {breed} × {hoog} pixels; een logo is hoogstens "
            f"{MAX_LOGO_ZIJDE} pixels breed en hoog"
        )
    _past_in_werkboek(inhoud, logo.name)
    return inhoud


def _past_in_werkboek(inhoud: bytes, naam: str) -> None:
    """Place the logo in a throwaway workbook, so that the export cannot fail on it later:
    xlsxwriter parses images with its own, stricter reader."""
    import xlsxwriter

    try:
        boek = xlsxwriter.Workbook(io.BytesIO(), {"in_memory": True})
        boek.add_worksheet().insert_image(0, 0, naam, {"image_data": io.BytesIO(inhoud)})
        boek.close()
    except Exception:  # whatever its stricter reader refuses
        raise Geweigerd("deze afbeelding kan niet in een Excel-werkboek worden gezet") from None


#: Named styles the sheets use; each is combined with a number format where needed.
STIJLEN = (
    "titel",
    "ondertitel",
    "notitie",
    "alinea",
    "kop",
    "tekst",
    "invoer",
    "standaard",
    "afgeleid",
    "vast",
    "formule",
    "waarde",
    "totaal",
    "buiten_waardering",
    "leeg",
)


def _stijlen(stijl: Huisstijl) -> dict[str, dict[str, Any]]:
    """The named cell styles of the workbook, before a number format is added."""
    k = stijl.kleuren
    rand: dict[str, Any] = {"border": 1, "border_color": k.rand}
    boven = {"text_wrap": True, "valign": "top"}
    grijs = {"bg_color": k.waarde, **rand, "font_color": "#595959"}
    return {
        "titel": {"bold": True, "font_size": stijl.lettergrootte + 6, "font_color": k.primair},
        "ondertitel": {"italic": True, "font_color": k.primair},
        "notitie": {"italic": True, "font_color": "#595959", "text_wrap": False},
        "alinea": boven,
        "kop": {"bold": True, "font_color": k.kop_tekst, "bg_color": k.primair, **boven, **rand},
        # the field names (the JSON names) heading an Excel table, under the Dutch labels
        "veld": {
            "font_size": max(6, stijl.lettergrootte - 1),
            "font_color": k.primair,
            **boven,
            **rand,
            "bottom": 2,
            "bottom_color": k.primair,
        },
        "tekst": {},
        # input cells are the only unlocked cells of a protected sheet
        "invoer": {"bg_color": k.invoer, **rand, "locked": False},
        "standaard": {
            "bg_color": k.invoer,
            **rand,
            "italic": True,
            "font_color": "#7F7F7F",
            "locked": False,
        },
        # a default derived with a formula: an input the user may overwrite
        "afgeleid": {**rand, "locked": False},
        # a value shown on Uitgangspunten that cannot be changed in the workbook (locked)
        "vast": grijs,
        "vast_alinea": {**grijs, **boven},
        "formule": rand,
        "waarde": {"bg_color": k.waarde, **rand},
        "totaal": {"bold": True, "top": 2, "top_color": k.accent},
        # a formula shown for information that the valuation does not use (leegstand and
        # lasten of a BAR row): grey italic, with a note
        "buiten_waardering": {**rand, "italic": True, "font_color": "#7F7F7F"},
        # an input cell emptied by the user (a conditional format: Excel's "Ongeldig")
        "leeg": {"bg_color": "#FFC7CE", "font_color": "#9C0006"},
    }


def formaten(werkboek: Any, stijl: Huisstijl) -> dict[tuple[str, str], Any]:
    """xlsxwriter formats for every (named style, number format) pair, and for text the
    style wrapped in its cell ('notitie_alinea' …; 'alinea' and 'vast_alinea' wrap at the
    top of their cell)."""
    # at the top of the cell: in a row made higher by a wrapped text, every cell starts on
    # its first line (in a row of one line it makes no difference)
    basis: dict[str, Any] = {
        "font_name": stijl.lettertype,
        "font_size": stijl.lettergrootte,
        "valign": "top",
    }
    eigen = _stijlen(stijl)
    notaties = {
        "": None,
        "euro": stijl.getalnotatie.euro,
        "euro_centen": stijl.getalnotatie.euro_centen,
        "procent": stijl.getalnotatie.procent,
        "factor": stijl.getalnotatie.factor,
        "getal": stijl.getalnotatie.getal,
        "jaar": "0",
    }
    uit: dict[tuple[str, str], Any] = {}
    for naam, extra in eigen.items():
        for notatie, code in notaties.items():
            eigenschappen = {**basis, **extra}
            if code is not None:
                eigenschappen["num_format"] = code
            uit[(naam, notatie)] = werkboek.add_format(eigenschappen)
    # each text style also wrapped in its cell, for a text longer than its column is wide
    for naam, extra in eigen.items():
        if not extra.get("text_wrap") and (f"{naam}_alinea", "") not in uit:
            uit[(f"{naam}_alinea", "")] = werkboek.add_format({**basis, **extra, "text_wrap": True})
    return uit
