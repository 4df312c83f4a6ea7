"""Sections ``varianten`` and ``onzekerheid`` (METHODE §8): changes by path, distributions."""

from __future__ import annotations

import math
from typing import Annotated, Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from .basis import Geheel, Getal, Model, Tekst

#: Default seed of the random draws (echoed in the results; change it to test stability).
SEED_STANDAARD = 20261122
#: Default number of Monte Carlo draws.
TREKKINGEN_STANDAARD = 1_000
#: Normal scores of normaal and lognormaal are cut off at ±Z_GRENS (P ≈ 3·10⁻⁵ each side),
#: so every draw lies in the range the scenario check validated (METHODE §8).
Z_GRENS = 4.0
_UITERSTEN = np.array([-Z_GRENS, Z_GRENS])


class Variant(Model):
    """A named set of changes by path; the rest of the scenario stays as it is."""

    naam: Tekst = Field(..., description="Naam van de variant (kolomkop in de vergelijking).")
    beschrijving: str = Field("", description="Toelichting.")
    wijzig: dict[str, Any] = Field(
        ...,
        min_length=1,
        description=(
            "Wijzigingen: pad → nieuwe waarde, bijvoorbeeld "
            "`markt.indexatie.bouwkosten: 0.05` of "
            "`fondsen.binnenstadsfonds.tranches.gemeente.bedrag: 8_000_000`. Lijstelementen "
            "met hun id of naam (`panden.P03`, `tranches.gemeente`) of positie (`panden[2]`)."
        ),
    )


class Normaal(Model):
    """Normal distribution N(gemiddelde, sd)."""

    verdeling: Literal["normaal"]
    gemiddelde: Getal = Field(..., description="Gemiddelde.")
    sd: Getal = Field(..., ge=0, description="Standaardafwijking (0 = vast).")

    toelichting: ClassVar[str] = " (gemiddelde ± 4 sd; verder trekt de verdeling niet)"

    def uit_score(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """The values at normal scores `x` (already cut off at ±Z_GRENS)."""
        if self.sd == 0:
            return np.full(x.shape, float(self.gemiddelde))
        return np.asarray(self.gemiddelde + self.sd * x, dtype=np.float64)

    def bereik(self) -> tuple[float, float]:
        """The smallest and largest value a draw can take."""
        laag, hoog = self.uit_score(_UITERSTEN)
        return float(laag), float(hoog)


class Lognormaal(Model):
    """Lognormal distribution with the given mean and sd of the value itself (not of its log)."""

    verdeling: Literal["lognormaal"]
    gemiddelde: Getal = Field(..., gt=0, description="Gemiddelde van de waarde (> 0).")
    sd: Getal = Field(..., ge=0, description="Standaardafwijking van de waarde (0 = vast).")

    toelichting: ClassVar[str] = " (4 sd van de normale score; verder trekt de verdeling niet)"

    def uit_score(self, x: NDArray[np.float64]) -> NDArray[np.float64]:
        """The values at normal scores `x`: exp(m + s·x), s² = ln(1 + (sd/gemiddelde)²),
        m = ln gemiddelde − s²/2, so the value itself has the given mean and sd."""
        if self.sd == 0:
            return np.full(x.shape, float(self.gemiddelde))
        s2 = math.log1p((self.sd / self.gemiddelde) ** 2)
        return np.exp(math.log(self.gemiddelde) - s2 / 2 + math.sqrt(s2) * x)

    def bereik(self) -> tuple[float, float]:
        """The smallest and largest value a draw can take."""
        laag, hoog = self.uit_score(_UITERSTEN)
        return float(laag), float(hoog)


class Driehoek(Model):
    """Triangular distribution on [min, max] with its mode."""

    verdeling: Literal["driehoek"]
    min: Getal = Field(..., description="Ondergrens.")
    modus: Getal = Field(..., description="Meest waarschijnlijke waarde.")
    max: Getal = Field(..., description="Bovengrens.")

    toelichting: ClassVar[str] = ""

    def bereik(self) -> tuple[float, float]:
        """The smallest and largest value a draw can take."""
        return float(self.min), float(self.max)

    @model_validator(mode="after")
    def _volgorde(self) -> Driehoek:
        if not self.min <= self.modus <= self.max:
            raise PydanticCustomError(
                "onzekerheid.driehoek_volgorde",
                "een driehoeksverdeling vraagt min ≤ modus ≤ max (nu {a} / {b} / {c})",
                {"a": self.min, "b": self.modus, "c": self.max},
            )
        return self


class Uniform(Model):
    """Uniform distribution on [min, max]."""

    verdeling: Literal["uniform"]
    min: Getal = Field(..., description="Ondergrens.")
    max: Getal = Field(..., description="Bovengrens.")

    toelichting: ClassVar[str] = ""

    def bereik(self) -> tuple[float, float]:
        """The smallest and largest value a draw can take."""
        return float(self.min), float(self.max)

    @model_validator(mode="after")
    def _volgorde(self) -> Uniform:
        if self.min > self.max:
            raise PydanticCustomError(
                "onzekerheid.uniform_volgorde",
                "een uniforme verdeling vraagt min ≤ max (nu {a} > {b})",
                {"a": self.min, "b": self.max},
            )
        return self


Verdeling = Annotated[Normaal | Lognormaal | Driehoek | Uniform, Field(discriminator="verdeling")]


class Correlatie(Model):
    """Correlation between two uncertain parameters (Gaussian copula, on normal scores)."""

    tussen: list[str] = Field(
        ..., min_length=2, max_length=2, description="De twee paden uit `parameters`."
    )
    r: Getal = Field(..., ge=-1, le=1, description="Correlatiecoëfficiënt −1 … 1.")


class Onzekerheid(Model):
    """Monte Carlo: distributions on numeric paths, drawn together with a fixed seed."""

    seed: Geheel = Field(
        SEED_STANDAARD,
        ge=0,
        description="Startwaarde van de toevalsgenerator (zelfde seed = zelfde getallen).",
    )
    trekkingen: Geheel = Field(
        TREKKINGEN_STANDAARD,
        ge=2,
        le=1_000_000,
        description="Aantal trekkingen (minstens 2: één trekking heeft geen spreiding).",
    )
    parameters: dict[str, Verdeling] = Field(
        ...,
        min_length=1,
        description="Pad → verdeling (`normaal | lognormaal | driehoek | uniform`).",
    )
    correlaties: list[Correlatie] = Field(
        default_factory=list,
        description=(
            "Correlaties tussen parameters (Gauss-copula: r geldt voor de normale scores; de "
            "rangcorrelatie ligt daar dicht bij)."
        ),
    )

    def correlatiematrix(self) -> NDArray[np.float64]:
        """K × K correlation matrix of the parameters (in their order), 1 on the diagonal.

        Pairs that name an unknown parameter are skipped (the scenario check reports them).
        """
        index = {pad: k for k, pad in enumerate(self.parameters)}
        c = np.eye(len(index))
        for cor in self.correlaties:
            a, b = (index.get(p) for p in cor.tussen)
            if a is not None and b is not None and a != b:
                c[a, b] = c[b, a] = cor.r
        return c
