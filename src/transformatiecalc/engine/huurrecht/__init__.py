"""Dutch rent law for huurwoningen (METHODE §2a): WWS points, maximum rent, segment, caps.

- :mod:`.tabellen`: the maximum-rent tables per year (Besluit huurprijzen woonruimte,
  bijlage I), the Bhw art. 8a surcharges, the segment of a points total and the legal
  rent-increase caps per segment.
- :mod:`.punten`: the plan-stage estimate of WWS points from a few facts (simplified
  WWS, rubrieken written out in docs/methode.md §2a) and the WOZ rubriek with its cap.
- :mod:`.exact`: exact points of a fully described home by the optional package
  ``woningwaardering`` (``pip install "transformatiecalc[wws]"``).
"""
