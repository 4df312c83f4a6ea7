"""De webapp: hoe snel volgt de tabel een wijziging in de editor (issue #19)?

    python benchmarks/app.py [--herhaal 15] [--browser] [--gelijktijdig [--panden 5000]]

Meet voor het voorbeeld (14 panden) de mediaan en het 90e percentiel van:

- het verzoek dat de editor na een pauze stuurt (``POST /reken``: YAML lezen en valideren,
  rekenen, tabellen opbouwen, HTML), telkens met een andere bouwkostenwaarde zodat niets uit
  de cache komt;
- dezelfde berekening kaal (``laad_scenario`` + ``bereken`` + de tabellen), als ondergrens:
  de verhouding zegt wat de app zelf toevoegt;
- met ``--browser`` (Debian's chromium, Playwright): een nieuw bouwkostenbedrag getypt in de
  editor (drie cijfers, telkens een ander bedrag, zodat niets uit de cache komt), van het
  einde van de typpauze (de 300 ms van ``hx-trigger``) tot de bijgewerkte ORT-cel in een
  echte browser;
- met ``--gelijktijdig``: hetzelfde verzoek (en met ``--browser`` hetzelfde typen) terwijl
  een andere sessie een groot scenario bewerkt (``--panden``, standaard 5 000: na elke wijziging
  ``POST /reken`` en de twee grafieken die de pagina daarna ophaalt, zoals een browser), en
  terwijl een andere sessie ``onzeker`` op dat grote scenario draait (een eigen proces). Daarbij
  de tijd die de server zelf aan het grote scenario besteedt, per deel: rekenen (in een
  werkproces), de tabellen en de HTML, de grafieken. Zo is te zien waar de wachttijd van het
  kleine verzoek vandaan komt: van de rekenkernen van de machine of van de GIL van de server.

Doel: ≤ 200 ms van typpauze tot bijgewerkte tabel. Er wordt nergens op een tijd getoetst.
"""

from __future__ import annotations

import argparse
import contextlib
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from fastapi.testclient import TestClient  # noqa: E402

from transformatiecalc import bereken, laad_scenario  # noqa: E402
from transformatiecalc.app import weergave  # noqa: E402
from transformatiecalc.app.server import maak_app  # noqa: E402

VOORBEELD = "voorbeeld_binnenstad.yaml"
WACHT_MS = 300  # hx-trigger="input changed delay:300ms"
#: Draws of the other session's Monte Carlo on the large scenario: its result holds three
#: numbers per draw and pand (5 000 panden × 2 000 draws: 240 MB; 100 000 draws took 22 GB).
TREKKINGEN = 2_000


def _varianten(tekst: str, n: int) -> list[str]:
    oud = "transformatie_zwaar: 1_950"
    return [tekst.replace(oud, f"transformatie_zwaar: {1_951 + i}") for i in range(n)]


def _stat(tijden: list[float]) -> tuple[float, float]:
    tijden = sorted(tijden)
    return statistics.median(tijden) * 1e3, tijden[int(0.9 * (len(tijden) - 1))] * 1e3


def server(map_: Path, herhaal: int) -> tuple[float, float]:
    client = TestClient(maak_app(map_))
    tekst = (map_ / VOORBEELD).read_text(encoding="utf-8")
    client.post(f"/reken/{VOORBEELD}", data={"tekst": tekst})  # warm: imports, templates
    tijden = []
    for variant in _varianten(tekst, herhaal):
        t = time.perf_counter()
        r = client.post(f"/reken/{VOORBEELD}", data={"tekst": variant})
        tijden.append(time.perf_counter() - t)
        assert r.status_code == 200 and "HX-Reswap" not in r.headers
    return _stat(tijden)


def kaal(map_: Path, herhaal: int) -> tuple[float, float]:
    tekst = (map_ / VOORBEELD).read_text(encoding="utf-8")
    pad = map_ / "kaal.yaml"
    tijden = []
    for variant in [tekst, *_varianten(tekst, herhaal)]:
        pad.write_text(variant, encoding="utf-8")
        t = time.perf_counter()
        r = bereken(laad_scenario(pad))
        weergave.pandentabel(r), weergave.functietabel(r)
        tijden.append(time.perf_counter() - t)
    return _stat(tijden[1:])


def browser(map_: Path, herhaal: int) -> tuple[float, float]:
    with _Server(map_) as url:
        return _stat([e - b for b, e in _toetsen(url, herhaal, None)])


def _toetsen(url: str, herhaal: int, ander: _AndereSessie | None) -> list[tuple[float, float]]:
    """`herhaal` keystrokes in the example's editor in Chromium (with `ander`, over at least
    two of its rounds): (end of the typing pause, updated ORT cell) of each."""
    from playwright.sync_api import sync_playwright

    vlaggen = [
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    tijden = []
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=shutil.which("chromium"), args=vlaggen)
        pg = b.new_page()
        pg.goto(f"{url}/s/{VOORBEELD}")
        cel = pg.locator('#panden tbody tr[data-sleutel="P01"] td[data-veld="onrendabele_top"]')
        editor = pg.locator("#yaml")
        plek = editor.input_value().index("transformatie_zwaar: 1_950") + len(
            "transformatie_zwaar: 1_"
        )
        begin = ander.rondes if ander is not None else 0
        i = 0
        while i < herhaal or (ander is not None and ander.rondes < begin + 2):
            # a new amount typed over the last three digits (1_950 → 1_001 → 1_002 …): every
            # text is new, so nothing comes from the cache
            voor = cel.inner_text()
            editor.evaluate("(el, p) => { el.focus(); el.setSelectionRange(p, p + 3); }", plek)
            pg.keyboard.type(f"{(i + 1) % 1000:03d}")
            t = time.perf_counter()
            while cel.inner_text() == voor:
                if time.perf_counter() - t > 30:
                    raise RuntimeError("de tabel volgde de toetsaanslag niet binnen 30 s")
                time.sleep(0.002)
            tijden.append((t + WACHT_MS / 1e3, time.perf_counter()))
            i += 1
        b.close()
    import httpx

    httpx.post(f"{url}/verwerp/{VOORBEELD}")  # the next measurement starts from the file
    return tijden


# ---------------------------------------------------------------- another session at work
class _Server:
    """The app on `map_` served by uvicorn in a thread of this process (as ``app``)."""

    def __init__(self, map_: Path) -> None:
        import socket

        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.poort = s.getsockname()[1]
        self.app = maak_app(map_)
        self.srv = uvicorn.Server(
            uvicorn.Config(self.app, host="127.0.0.1", port=self.poort, log_level="warning")
        )

    def __enter__(self) -> str:
        import threading

        self.draad = threading.Thread(target=self.srv.run, daemon=True)
        self.draad.start()
        while not self.srv.started:
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.poort}"

    def __exit__(self, *_: object) -> None:
        self.srv.should_exit = True
        self.draad.join(30)


class _Delen:
    """Where the server's own time goes, per document: the calculation (in the request's
    thread or a worker process), the tables, the HTML of the result, the charts. Wraps the
    app's functions in this process (the server runs here)."""

    def __init__(self) -> None:
        import threading

        self.tijden: dict[tuple[str, str], list[float]] = {}
        self.vakken: list[tuple[str, str, float, float]] = []  # naam, deel, begin, einde
        self._slot = threading.Lock()

    def noteer(self, naam: str, deel: str, begin: float, einde: float) -> None:
        with self._slot:
            self.tijden.setdefault((naam, deel), []).append(einde - begin)
            self.vakken.append((naam, deel, begin, einde))

    def in_de_server(self, naam: str, begin: float, einde: float) -> bool:
        """Whether [begin, einde] overlaps the time the server's interpreter spent on `naam`
        outside its calculation (tables, HTML, charts): a request, less its 'rekenen' when
        that ran in a worker process."""
        with self._slot:
            vakken = [v for v in self.vakken if v[0] == naam]
        rekenen = [(b, e) for _, d, b, e in vakken if d == "rekenen"]
        for _, deel, b, e in vakken:
            if deel == "rekenen" or e < begin or b > einde:
                continue
            binnen = [(rb, re_) for rb, re_ in rekenen if rb >= b and re_ <= e]
            vrij = [(b, e)]
            for rb, re_ in binnen:  # the request's stretches outside its calculation
                vrij = [x for v in vrij for x in ((v[0], min(v[1], rb)), (max(v[0], re_), v[1]))]
            if any(vb < einde and ve > begin and ve > vb for vb, ve in vrij):
                return True
        return False

    def installeer(self) -> None:
        from transformatiecalc.app import rekenen
        from transformatiecalc.app.routes import bestanden, fragmenten

        def meet(module: Any, functie: str, deel: str, naam_van: Any) -> None:
            oud = getattr(module, functie)

            def gemeten(*args: Any, **kwargs: Any) -> Any:
                t = time.perf_counter()
                try:
                    return oud(*args, **kwargs)
                finally:
                    self.noteer(naam_van(args), deel, t, time.perf_counter())

            setattr(module, functie, gemeten)

        meet(rekenen.Rekenaar, "_bereken", "rekenen", lambda a: a[1])
        meet(bestanden, "_bouw_context", "tabellen", lambda a: a[0].naam)
        meet(bestanden, "_reken", "POST /reken (alles)", lambda a: a[1])
        meet(fragmenten, "_grafiek", "grafieken", lambda a: a[0].naam)

    def mediaan(self, naam: str, deel: str) -> tuple[float, int]:
        lijst = self.tijden.get((naam, deel), [])
        return (statistics.median(lijst) if lijst else float("nan")), len(lijst)


def _groot(map_: Path, panden: int) -> str:
    """A scenario of `panden` panden (benchmarks/run.py) with an onzekerheid section, written
    as groot.yaml in `map_`; its text."""
    import run  # benchmarks/run.py

    data = run.portefeuille(panden)
    data["onzekerheid"] = run._onzekerheid(TREKKINGEN)
    import yaml

    tekst = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=200)
    (map_ / "groot.yaml").write_text(tekst, encoding="utf-8")
    return tekst


class _AndereSessie:
    """Another browser at work on groot.yaml until stopped: 'bewerken' posts an edit (a new
    name, so nothing comes from the cache), then fetches the charts the page asks for 1,2 s
    after the result, and again; 'onzeker' runs Monte Carlo on it as a task, and again."""

    def __init__(self, url: str, tekst: str, soort: str) -> None:
        import threading

        import httpx

        self.url, self.tekst, self.soort = url, tekst, soort
        self.client = httpx.Client(base_url=url, timeout=600)
        self.rondes = 0
        self.stop = threading.Event()
        self.draad = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> _AndereSessie:
        self.draad.start()
        return self

    def __exit__(self, *_: object) -> None:
        self.stop.set()
        self.draad.join(600)
        self.client.close()

    def _loop(self) -> None:
        import re

        oud = self.tekst.splitlines()[0]
        while not self.stop.is_set():
            if self.soort == "bewerken":
                variant = self.tekst.replace(oud, f"{oud} ({self.rondes})", 1)
                r = self.client.post("/reken/groot.yaml", data={"tekst": variant})
                grafieken = re.findall(r'data-src="(/grafiek/[^"]+)"', r.text)
                time.sleep(1.2)
                for g in grafieken[:2]:  # the Resultaat tab: ORT per pand, waterfall
                    if self.stop.is_set():
                        break
                    self.client.get(g.replace("&amp;", "&"))
            else:
                r = self.client.post(
                    "/taak/onzeker/groot.yaml", data={"trekkingen": str(TREKKINGEN)}
                )
                gevonden = re.search(r'id="taak-([0-9a-f]+)"', r.text)
                assert gevonden, r.text
                id_ = gevonden.group(1)
                while not self.stop.wait(0.4):
                    if 'class="voortgang"' not in self.client.get(f"/taak/{id_}").text:
                        break
                self.client.post(f"/taak/{id_}/stop")
            self.rondes += 1


def _klein(
    url: str, tekst: str, herhaal: int, ander: _AndereSessie | None
) -> list[tuple[float, float]]:
    """`herhaal` recalculations of the example by a session of its own, a typing pause
    apart (and, with `ander`, over at least two of its rounds): (begin, einde) of each."""
    import httpx

    tijden = []
    with httpx.Client(base_url=url, timeout=600) as client:
        client.post(f"/reken/{VOORBEELD}", data={"tekst": tekst})
        begin = ander.rondes if ander is not None else 0
        for i, variant in enumerate(_varianten(tekst, 10 * herhaal)):
            if i >= herhaal and (ander is None or ander.rondes >= begin + 2):
                break
            time.sleep(WACHT_MS / 1e3)
            t = time.perf_counter()
            r = client.post(f"/reken/{VOORBEELD}", data={"tekst": variant})
            tijden.append((t, time.perf_counter()))
            assert r.status_code == 200 and "HX-Reswap" not in r.headers
        client.post(f"/verwerp/{VOORBEELD}")  # the next measurement starts from the file
    return tijden


def _ms(tijden: list[float]) -> str:
    if not tijden:
        return "–"
    med, p90 = _stat(tijden)
    return f"{med:.0f} / {p90:.0f} ms ({len(tijden)}×)"


def gelijktijdig(map_: Path, herhaal: int, panden: int, met_browser: bool) -> list[tuple[str, str]]:
    """The example's POST /reken (and with `met_browser` a keystroke in Chromium) alone,
    while another session edits a scenario of `panden` panden, and while it runs Monte Carlo
    on it; with where the server's time goes."""
    tekst = (map_ / VOORBEELD).read_text(encoding="utf-8")
    groot = _groot(map_, panden)
    delen = _Delen()
    delen.installeer()
    rijen: list[tuple[str, str]] = []
    with _Server(map_) as url:
        import httpx

        with httpx.Client(base_url=url, timeout=600) as c:  # warm: the worker pool, imports
            t = time.perf_counter()
            c.get("/s/groot.yaml")
            rijen.append(
                (f"groot ({panden} panden): eerste pagina", f"{time.perf_counter() - t:.1f} s")
            )
        for soort in ("alleen", "bewerken", "onzeker"):
            metingen = ["POST /reken"] + (["typpauze → tabel"] if met_browser else [])
            with contextlib.ExitStack() as stapel:
                ander = None
                if soort != "alleen":
                    ander = stapel.enter_context(_AndereSessie(url, groot, soort))
                    time.sleep(1.0)
                for meting in metingen:
                    if meting == "POST /reken":
                        tijden = _klein(url, tekst, herhaal, ander)
                    else:
                        tijden = _toetsen(url, herhaal, ander)
                    wat = {
                        "alleen": "alleen",
                        "bewerken": "terwijl een ander het grote scenario bewerkt",
                        "onzeker": "terwijl een ander onzeker op het grote scenario draait",
                    }[soort]
                    rijen.append((f"voorbeeld {meting}, {wat}", _ms([e - b for b, e in tijden])))
                    if soort == "bewerken":  # split by what the server did for the other session
                        server = [delen.in_de_server("groot.yaml", b, e) for b, e in tijden]
                        for ja, wanneer in (
                            (True, "tabellen, HTML of grafieken"),
                            (False, "rekent elders"),
                        ):
                            deel = [
                                e - b for (b, e), s in zip(tijden, server, strict=True) if s == ja
                            ]
                            rijen.append(
                                (f"  … terwijl de server voor de ander {wanneer}", _ms(deel))
                            )
    for deel in ("rekenen", "tabellen", "POST /reken (alles)", "grafieken"):
        m, n = delen.mediaan("groot.yaml", deel)
        rijen.append((f"groot: {deel} (mediaan, {n}×)", f"{m:.2f} s"))
    for deel in ("rekenen", "tabellen", "POST /reken (alles)"):
        m, n = delen.mediaan(VOORBEELD, deel)
        rijen.append((f"voorbeeld: {deel} (mediaan, {n}×)", f"{m * 1e3:.0f} ms"))
    return rijen


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--herhaal", type=int, default=15)
    ap.add_argument("--browser", action="store_true")
    ap.add_argument("--gelijktijdig", action="store_true")
    ap.add_argument("--panden", type=int, default=5_000)
    args = ap.parse_args()
    if args.gelijktijdig:
        with tempfile.TemporaryDirectory() as tmp:
            map_ = Path(tmp)
            shutil.copy(ROOT / "scenarios" / VOORBEELD, map_ / VOORBEELD)
            rijen = gelijktijdig(map_, args.herhaal, args.panden, args.browser)
        print("Webapp, voorbeeld (14 panden) naast een groot scenario — mediaan / P90")
        for naam, waarde in rijen:
            print(f"  {naam:<72} {waarde}")
        return
    with tempfile.TemporaryDirectory() as tmp:
        map_ = Path(tmp)
        shutil.copy(ROOT / "scenarios" / VOORBEELD, map_ / VOORBEELD)
        rijen = [("kaal: lezen, rekenen, tabellen", kaal(map_, args.herhaal))]
        rijen.append(("app: POST /reken (server)", server(map_, args.herhaal)))
        if args.browser:
            rijen.append(("app: typpauze → tabel (chromium)", browser(map_, args.herhaal)))
    basis = rijen[0][1][0]
    print(f"Webapp, voorbeeld (14 panden), {args.herhaal}× — mediaan / P90, verhouding tot kaal")
    for naam, (med, p90) in rijen:
        print(f"  {naam:<36} {med:6.0f} ms / {p90:4.0f} ms   {med / basis:4.2f}×")


if __name__ == "__main__":
    main()
