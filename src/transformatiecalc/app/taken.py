"""Long calculations of the app (``onzeker``, ``gevoelig``, ``vergelijk``) as cancellable tasks.

Each task runs in its own process (``forkserver`` where the platform has it: the engine's
modules are loaded once in the server of forks, so a task starts in milliseconds): a run of
one user cannot hold the interpreter lock of the web server or of another user's run, and
*Stoppen* ends it at once (the process is terminated; it writes nothing). The process sends
its progress (draws done) and finally its result — HTML of the CLI's own tables, the charts
as PNG and the JSON the CLI writes — through a queue; the web server only reads it.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import secrets
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Tasks one session (one browser) may run at the same time: one user's runs do not take
#: every place, and the machine's cores are shared by everyone.
MAX_PER_SESSIE = 2
#: Tasks that may run at the same time in all.
MAX_LOPEND = 8
#: Finished tasks are forgotten after this many seconds.
BEWAARTIJD = 3600.0

_PRELOAD = [
    "transformatiecalc.laden",  # also the app's heavy recalculations (rekenen.py)
    "transformatiecalc.analyse.onzekerheid",
    "transformatiecalc.analyse.gevoeligheid",
    "transformatiecalc.analyse.varianten",
    "transformatiecalc.uitvoer.analyse",
]


def _context() -> Any:
    try:
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(_PRELOAD)
        return ctx
    except ValueError:  # Windows: no forkserver
        return mp.get_context("spawn")


class TaakFout(Exception):
    """A task that cannot run as asked; the message is Dutch."""


@dataclass
class Taak:
    """One task: its kind, the process, its progress and, when done, its result or error."""

    id: str
    soort: str
    titel: str
    totaal: int
    proces: Any
    wachtrij: Any
    gedaan: int = 0
    status: str = "loopt"  # loopt | klaar | fout | gestopt
    uitkomst: dict[str, Any] = field(default_factory=dict)
    fout: str = ""
    begin: float = field(default_factory=time.monotonic)
    einde: float | None = None
    eigenaar: str = ""  # the session that started it: only it may stop it
    bestandsnaam: str = ""  # the downloads' name without extension ('voorbeeld_onzeker')

    def bij(self) -> None:
        """Read what the process has sent so far."""
        while True:
            try:
                soort, inhoud = self.wachtrij.get_nowait()
            except (queue.Empty, OSError, EOFError, ValueError):
                break
            if soort == "voortgang":
                self.gedaan = min(self.totaal, self.gedaan + int(inhoud))
            elif soort == "klaar":
                self.status, self.uitkomst, self.einde = "klaar", inhoud, time.monotonic()
            elif soort == "fout":
                self.status, self.fout, self.einde = "fout", str(inhoud), time.monotonic()
        if self.status == "loopt" and not self.proces.is_alive():
            self.proces.join(0.1)
            # the result may have arrived just before the process ended
            with contextlib.suppress(queue.Empty, OSError, EOFError, ValueError):
                soort, inhoud = self.wachtrij.get(timeout=0.5)
                if soort == "klaar":
                    self.status, self.uitkomst = "klaar", inhoud
                elif soort == "fout":
                    self.status, self.fout = "fout", str(inhoud)
            if self.status == "loopt":
                self.status = "fout"
                self.fout = f"de berekening stopte onverwacht (code {self.proces.exitcode})"
            self.einde = time.monotonic()

    @property
    def fractie(self) -> float:
        return 1.0 if self.status == "klaar" else self.gedaan / max(self.totaal, 1)


class Taken:
    """The tasks of one app, by id. A thread reads every running task's queue twice a
    second, so a task whose page was closed still finishes (its process can only end once
    its result is read) and frees its place."""

    def __init__(self) -> None:
        self._taken: dict[str, Taak] = {}
        self._slot = threading.Lock()
        self._ctx: Any = None
        self._lezer: threading.Thread | None = None
        self._stop = threading.Event()

    def _lees_alles(self) -> None:
        while not self._stop.wait(0.5):
            with self._slot:
                lopend = [t for t in self._taken.values() if t.status == "loopt"]
            for taak in lopend:
                with contextlib.suppress(Exception):
                    taak.bij()

    def lijst(self) -> list[Taak]:
        """Every task not yet forgotten, the running ones first, newest first."""
        with self._slot:
            taken = list(self._taken.values())
        return sorted(taken, key=lambda t: (t.status != "loopt", -t.begin))

    def start(
        self,
        soort: str,
        titel: str,
        totaal: int,
        opdracht: dict[str, Any],
        eigenaar: str = "",
        bestandsnaam: str = "",
    ) -> Taak:
        """Start task `soort` (see :func:`_werk`) on `opdracht` (plain, picklable data) for
        session `eigenaar`: at most :data:`MAX_PER_SESSIE` of its own at once. Its downloads
        are called `bestandsnaam` (default: `soort`)."""
        with self._slot:
            self._opruimen()
            lopend = [t for t in self._taken.values() if t.status == "loopt"]
            eigen = sum(1 for t in lopend if t.eigenaar == eigenaar)
            if eigen >= MAX_PER_SESSIE:
                raise RuntimeError(
                    f"u hebt al {eigen} berekeningen lopen; wacht tot er een klaar is of stop er een"
                )
            if len(lopend) >= MAX_LOPEND:
                raise RuntimeError(
                    f"er lopen al {len(lopend)} berekeningen van iedereen samen; wacht tot er "
                    "een klaar is"
                )
            if self._ctx is None:
                self._ctx = _context()
            if self._lezer is None:
                self._lezer = threading.Thread(target=self._lees_alles, daemon=True)
                self._lezer.start()
            wachtrij = self._ctx.Queue()
            proces = self._ctx.Process(target=_werk, args=(soort, opdracht, wachtrij), daemon=True)
            proces.start()
            taak = Taak(secrets.token_hex(8), soort, titel, totaal, proces, wachtrij)
            taak.eigenaar = eigenaar
            taak.bestandsnaam = bestandsnaam or soort
            self._taken[taak.id] = taak
            return taak

    def get(self, id_: str) -> Taak | None:
        with self._slot:
            taak = self._taken.get(id_)
        if taak is not None and taak.status == "loopt":
            taak.bij()
        return taak

    def stop(self, id_: str, eigenaar: str = "") -> Taak | None:
        """Stop task `id_` if session `eigenaar` started it; PermissionError if another did."""
        taak = self.get(id_)
        if taak is not None and taak.eigenaar != eigenaar:
            raise PermissionError("alleen wie deze berekening startte, kan haar stoppen")
        if taak is not None and taak.status == "loopt":
            taak.proces.terminate()
            taak.proces.join(2)
            taak.status, taak.einde = "gestopt", time.monotonic()
        return taak

    def stop_alles(self) -> None:
        self._stop.set()
        with self._slot:
            taken = list(self._taken.values())
        for taak in taken:
            if taak.status == "loopt":
                taak.proces.terminate()

    def _opruimen(self) -> None:
        nu = time.monotonic()
        for id_, taak in list(self._taken.items()):
            if taak.einde is not None and nu - taak.einde > BEWAARTIJD:
                del self._taken[id_]


# ---------------------------------------------------------------- in the task's process
def _werk(soort: str, opdracht: dict[str, Any], wachtrij: Any) -> None:
    """The task's process: compute, send progress and the result (or a Dutch error)."""
    import warnings

    warnings.simplefilter("ignore")
    try:
        uitkomst = {"onzeker": _onzeker, "gevoelig": _gevoelig, "vergelijk": _vergelijk}[soort](
            opdracht, lambda n: wachtrij.put(("voortgang", n))
        )
        wachtrij.put(("klaar", uitkomst))
    except Exception as fout:
        from ..fouten import ScenarioFout
        from ..schema.paden import PadFout

        if isinstance(fout, ScenarioFout):
            tekst = "\n".join(_melding(m, Path(opdracht["map"])) for m in fout.meldingen[:20])
        elif isinstance(fout, PadFout | TaakFout):
            tekst = str(fout)
        else:
            tekst = f"interne fout {type(fout).__name__}: {fout}"
        wachtrij.put(("fout", tekst))


def _melding(m: Any, werkmap: Path) -> str:
    """A message as the editor says it: the file relative to the folder, its line and
    column, without the CLI's advice on --toegang (see :mod:`.rekenen`)."""
    from ..fouten import Celplek
    from .rekenen import _basis_buiten, _relatief, _voor_de_app

    m = _basis_buiten(m, werkmap)
    if isinstance(m.bestand, Celplek):
        plek = m.bestand.tekst(m.regel, m.kolom)
    else:
        plek = f"{_relatief(str(m.bestand), werkmap)}, regel {m.regel}, kolom {m.kolom}"
    return _voor_de_app(f"{plek}: {m.pad}: {m.tekst}" if m.pad else f"{plek}: {m.tekst}", werkmap)


def _basis(opdracht: dict[str, Any], naam: str) -> Any:
    from ..analyse.reeks import Basis
    from .werkruimte import Werkruimte

    ws = Werkruimte(Path(opdracht["map"]), dict(opdracht["buffers"]))
    return Basis.laad(ws.pad(naam), ws.toegang())


def _stijl() -> Any:
    from ..uitvoer.huisstijl import Huisstijl

    return Huisstijl()


def _onzeker(opdracht: dict[str, Any], voortgang: Any) -> dict[str, Any]:
    from ..analyse import onzekerheid as oz
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import onzekerheid_blad
    from .weergave import rich_html

    basis = _basis(opdracht, opdracht["naam"])
    o = basis.scenario.onzekerheid
    if o is None:
        raise TaakFout("het scenario heeft geen sectie onzekerheid")
    n = int(opdracht.get("trekkingen") or o.trekkingen)
    # blocks of about a twentieth, so the bar moves (the numbers do not depend on the block
    # size: every draw is made before any calculation)
    mc = oz.monte_carlo(basis, n, None, max(10, n // 20), voortgang)
    parameters = {k: v.model_dump() for k, v in o.parameters.items()}
    grafieken = ua.grafieken_onzekerheid(mc, _stijl())
    return {
        "html": rich_html(lambda c: ua.toon_monte_carlo(mc, c, True)),
        "grafieken": grafieken,
        "json": ua.als_tekst(ua.onzekerheid_json(mc, parameters)),
        "werkboek": _werkboek(
            basis.scenario, "Onzekerheid", lambda: onzekerheid_blad(mc, parameters, grafieken)
        ),
    }


def _gevoelig(opdracht: dict[str, Any], voortgang: Any) -> dict[str, Any]:
    from ..analyse import gevoeligheid as ge
    from ..schema.paden import PadFout
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import gevoeligheid_blad
    from .weergave import rich_html

    basis = _basis(opdracht, opdracht["naam"])
    bereiken = []
    nummers = opdracht.get("regelnummers") or range(1, len(opdracht["parameters"]) + 1)
    for nummer, t in zip(nummers, opdracht["parameters"], strict=True):
        try:  # named by its line in the form, not as the CLI's -p
            bereiken.append(ge.bereik(basis, t, f"regel {nummer}"))
        except PadFout as fout:
            raise PadFout(f"regel {nummer} ('{t}'): {fout}") from None
    t = ge.tornado(basis, bereiken, opdracht.get("uitkomst") or "onrendabele_top")
    voortgang(len(bereiken))
    grafieken = ua.grafieken_gevoeligheid(t, None, _stijl())
    return {
        "html": rich_html(lambda c: ua.toon_tornado(t, c)),
        "grafieken": grafieken,
        "json": ua.als_tekst(ua.gevoeligheid_json(t, None)),
        "werkboek": _werkboek(
            basis.scenario, "Gevoeligheid", lambda: gevoeligheid_blad(t, None, grafieken)
        ),
    }


def _vergelijk(opdracht: dict[str, Any], voortgang: Any) -> dict[str, Any]:
    from ..analyse import varianten as va
    from ..uitvoer import analyse as ua
    from ..uitvoer.excel.analyse import varianten_blad
    from .weergave import rich_html

    basissen = []
    for naam in opdracht["namen"]:
        basissen.append(_basis(opdracht, naam))
        voortgang(1)
    lijst = va.versies(basissen)
    v = va.vergelijk(lijst)
    grafieken = ua.grafieken_vergelijking(v, _stijl())
    return {
        "html": rich_html(
            lambda c: ua.toon_vergelijking(v, c, True, bool(opdracht.get("breed"))), 140
        ),
        "grafieken": grafieken,
        "json": ua.als_tekst(ua.vergelijking_json(v)),
        "werkboek": _werkboek(
            lijst[0].resultaat.scenario,
            "Varianten",
            lambda: varianten_blad(v, grafieken),
            "Vergelijking",
        ),
    }


def _werkboek(scenario: Any, blad: str, schrijver: Any, titel: str | None = None) -> bytes:
    """The CLI's workbook of an analysis (``-o``): its sheet beside the Uitgangspunten."""
    from ..uitvoer.excel.analyse import analyse_werkboek

    return bytes(analyse_werkboek(scenario, [(blad, schrijver())], _stijl(), titel or blad))
