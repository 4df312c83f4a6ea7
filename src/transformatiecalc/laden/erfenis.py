"""``erft_van``: a scenario read onto its basis, mappings merged key by key, panden by id."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..fouten import Melding, ScenarioFout
from ..schema import Scenario
from ..toegang import Geweigerd, NietGevonden, Toegang, toon_naam
from .lezen import lees_yaml
from .plekken import PLijst, PMap
from .spreadsheet import los_panden_uit_op
from .wws import los_wws_bestanden_op
from .yamlfouten import fout_bovenaan


def lees_met_erfenis(
    pad: Path, keten: tuple[Path, ...] = (), toegang: Toegang | None = None
) -> PMap:
    """Parse `pad` and, if it says ``erft_van``, merge it onto its basis (recursively).

    A basis is read under the file-access policy `toegang` (:mod:`.toegang`; by default
    the folder trees of `pad` and of the working directory): a ``.yaml``/``.yml`` file
    inside an allowed folder, whose top-level keys are a scenario's.
    """
    toegang = toegang if toegang is not None else Toegang.voor(pad)
    data = lees_yaml(pad, toegang)
    if not keten and not any(sleutel in _SCENARIOSLEUTELS for sleutel in data):
        # not a scenario at all (/etc/passwd-like 'gebruiker: …'): its keys are not repeated
        # as 'onbekende sleutel' (a basis gets the same check at its erft_van)
        raise fout_bovenaan(
            str(pad),
            "dit bestand is geen scenario: geen van zijn sleutels is een scenariosleutel "
            "(naam, startjaar, kosten, partijen, functies, panden …)",
            "bestand.geen_scenario",
        )
    los_panden_uit_op(data, toegang)  # per file: its panden, as if written in it
    basisnaam = data.get("erft_van")
    if basisnaam is None:
        if not keten:
            los_wws_bestanden_op(data, toegang)
        return data
    plek = data.waardeplek["erft_van"]

    def fout(tekst: str, code: str) -> ScenarioFout:
        return ScenarioFout([Melding(*plek, "erft_van", tekst, code)])

    _controleer_basisnaam(basisnaam, fout)
    basispad, eigen = _zoek_basis(pad, basisnaam, keten, toegang, fout)
    basis = _lees_basis(basispad, basisnaam, (*keten, eigen), toegang, fout)
    samen = voeg_samen(basis, data)
    if not keten:  # once, on the merged scenario: each bestand beside the file naming it
        los_wws_bestanden_op(samen, toegang)
    return samen


#: Makes the located error of an ``erft_van`` from its text and code.
_Fout = Callable[[str, str], ScenarioFout]


def _controleer_basisnaam(basisnaam: object, fout: _Fout) -> None:
    """``erft_van`` names a ``.yaml``/``.yml`` file."""
    if not isinstance(basisnaam, str) or not basisnaam.strip():
        raise fout("erft_van moet een bestandsnaam zijn", "erft_van.geen_bestandsnaam")
    if Path(basisnaam).suffix.lower() not in (".yaml", ".yml"):
        raise fout(
            f"erft_van wijst naar '{basisnaam}'; een basisscenario is een .yaml-bestand",
            "erft_van.geen_yaml",
        )


def _zoek_basis(
    pad: Path, basisnaam: str, keten: tuple[Path, ...], toegang: Toegang, fout: _Fout
) -> tuple[Path, Path]:
    """The basis file beside `pad` (resolved) and `pad` itself (resolved): the basis must
    exist, be allowed by `toegang`, close no circle with the `keten` of files that inherit
    and lie at most 10 layers deep."""
    kandidaat = pad.parent / basisnaam
    if toegang.streng and not toegang.binnen(Path(os.path.normpath(os.path.abspath(kandidaat)))):
        raise fout(
            f"basisbestand '{basisnaam}': het bestand ligt buiten de map van de app",
            "erft_van.geweigerd",
        )
    try:
        basispad = toegang.zoek(kandidaat)
        eigen = pad.resolve()
    except NietGevonden:
        raise fout(
            f"basisbestand '{basisnaam}' niet gevonden (gezocht: {os.path.abspath(kandidaat)})",
            "erft_van.niet_gevonden",
        ) from None
    except Geweigerd as reden:
        naam = toon_naam(basisnaam)
        raise fout(f"basisbestand '{naam}': {reden}", "erft_van.geweigerd") from None
    if basispad in (*keten, eigen):
        kring = " → ".join(p.name for p in (*keten, eigen, basispad))
        raise fout(f"erft_van vormt een kring: {kring}", "erft_van.kring")
    if len(keten) >= 10:
        raise fout("erft_van is meer dan 10 lagen diep", "erft_van.te_diep")
    return basispad, eigen


def _lees_basis(
    basispad: Path, basisnaam: str, keten: tuple[Path, ...], toegang: Toegang, fout: _Fout
) -> PMap:
    """The basis, itself read with its own ``erft_van`` (`keten`: the files that inherit
    from it); a basis that cannot be read, or is no scenario, is an error at ``erft_van``."""
    try:
        basis = lees_met_erfenis(basispad, keten, toegang)
    except ScenarioFout as binnen:
        eerste = binnen.meldingen[0]
        if eerste.bestand == str(basispad) and eerste.pad == "" and len(binnen.meldingen) == 1:
            # the basis itself could not be read: say so where erft_van names it
            raise fout(f"basisbestand '{basisnaam}': {eerste.tekst}", eerste.code) from None
        raise
    if not any(sleutel in _SCENARIOSLEUTELS for sleutel in basis):
        raise fout(
            f"basisbestand '{basisnaam}' is geen scenario (geen van zijn sleutels is een "
            "scenariosleutel)",
            "erft_van.geen_scenario",
        )
    return basis


_SCENARIOSLEUTELS = frozenset(Scenario.model_fields)


#: Where the scenario holds a tagged union (a pydantic discriminated union), by path from the
#: top (``*``: any key of a mapping), and its tag. A child mapping there with another tag
#: than its basis is another kind of thing: it replaces the basis' mapping instead of
#: being merged into it (a variant that values a functie by DCF instead of BAR must not
#: inherit the basis' ``bar``). tests/test_laden.py checks this table against the schema.
GELABELD: dict[tuple[str, ...], str] = {
    ("functies", "*"): "soort",
    ("functies", "*", "waardering"): "methode",
    ("onzekerheid", "parameters", "*"): "verdeling",
}


#: The mappings whose keys the user names (pydantic ``dict[str, …]``), by path from the top
#: (``*``: any key, or any item of a list merged by id). A child that writes ``null`` for
#: one of their entries removes the entry it inherits (an uncertain parameter, a functie, a
#: cost line): the only way a child can take something away. Checked against the schema.
GENOEMD: frozenset[tuple[str, ...]] = frozenset(
    {
        ("functies",),
        ("partijen",),
        ("kosten", "per_m2_bvo"),
        ("onzekerheid", "parameters"),
        ("verevening", "beginsaldo"),
        ("panden", "*", "transformatie", "extra_kosten"),
        ("projecten", "*", "verdeling"),
    }
)


def _past(patroon: tuple[str, ...], pad: tuple[str, ...]) -> bool:
    return len(patroon) == len(pad) and all(
        p in ("*", s) for p, s in zip(patroon, pad, strict=True)
    )


def _label(pad: tuple[str, ...]) -> str | None:
    """The tag of the tagged union at `pad`, if there is one."""
    return next((label for patroon, label in GELABELD.items() if _past(patroon, pad)), None)


def _ander_soort(basis: PMap, kind: PMap, pad: tuple[str, ...]) -> bool:
    """Whether `kind` names another kind of thing than `basis` at `pad` (its tag differs)."""
    label = _label(pad)
    return label is not None and label in kind and basis.get(label) != kind[label]


def voeg_samen(basis: PMap, kind: PMap, pad: tuple[str, ...] = ()) -> PMap:
    """Deep merge: mappings key by key, lists of mappings with an ``id`` per id, others
    replaced; a mapping of another kind (another ``soort``, ``methode`` or ``verdeling`` where
    the scenario has a tagged union, :data:`GELABELD`) replaces its basis whole, and ``null``
    for an entry of a mapping whose keys the user names (:data:`GENOEMD`) removes it.

    `pad` is where `basis` and `kind` are in the scenario (keys from the top). The child's
    own ``erft_van`` is kept, so the effective scenario records what it inherited.
    """
    uit = PMap(kind.plek)
    uit.nafouten = [*basis.nafouten, *kind.nafouten]
    uit.schrijfwijzen = {**basis.schrijfwijzen, **kind.schrijfwijzen}
    for sleutel, waarde in basis.items():
        if sleutel != "erft_van":
            uit.zet(sleutel, waarde, basis.sleutelplek[sleutel], basis.waardeplek[sleutel])
    genoemd = any(_past(patroon, pad) for patroon in GENOEMD)
    for sleutel, waarde in kind.items():
        oud = uit.get(sleutel)
        hier = (*pad, str(sleutel))
        if waarde is None and genoemd and sleutel in uit:
            uit.weg(sleutel)  # 'null': the child takes the inherited entry away
            continue
        if isinstance(oud, PMap) and isinstance(waarde, PMap):
            if not _ander_soort(oud, waarde, hier):
                waarde = voeg_samen(oud, waarde, hier)
        elif (
            isinstance(oud, PLijst)
            and isinstance(waarde, PLijst)
            and _met_ids(oud)
            and _met_ids(waarde)
        ):
            waarde = _voeg_lijsten_samen(oud, waarde, hier)
        uit.zet(sleutel, waarde, kind.sleutelplek[sleutel], kind.waardeplek[sleutel])
    return uit


def _met_ids(lijst: PLijst) -> bool:
    return all(isinstance(x, PMap) and "id" in x for x in lijst)


def _voeg_lijsten_samen(basis: PLijst, kind: PLijst, pad: tuple[str, ...]) -> PLijst:
    uit = PLijst(kind.plek)
    nieuw = {x["id"]: (x, p) for x, p in zip(kind, kind.plekken, strict=True)}
    for item, plek in zip(basis, basis.plekken, strict=True):
        if item["id"] in nieuw:
            vervanger, vplek = nieuw.pop(item["id"])
            uit.voeg_toe(voeg_samen(item, vervanger, (*pad, "*")), vplek)
        else:
            uit.voeg_toe(item, plek)
    for item, plek in nieuw.values():
        uit.voeg_toe(item, plek)
    return uit
