"""The app's routes, one module per role: :mod:`.bestanden` (the folder and the editor),
:mod:`.fragmenten` (the parts of a scenario page drawn on request), :mod:`.downloads`,
:mod:`.formulieren` (forms written back into the YAML) and :mod:`.taken` (the long
calculations).

:data:`ROUTERS` is the order :func:`..server.maak_app` includes them in: the first route
whose path matches answers, so ``POST /taak/onzeker/{naam}`` must stay before
``POST /taak/{id}/stop`` (both in :mod:`.taken`).
"""

from __future__ import annotations

from . import bestanden, downloads, formulieren, fragmenten, taken

ROUTERS = (
    bestanden.router,
    fragmenten.router,
    downloads.router,
    formulieren.router,
    taken.router,
)
