"""De webapp: hoe snel volgt de tabel een wijziging in de editor (issue #19)?

    python benchmarks/app.py [--herhaal 15] [--browser]

Meet voor het voorbeeld (14 panden) de mediaan en het 90e percentiel van:

- het verzoek dat de editor na een pauze stuurt (``POST /reken``: YAML lezen en valideren,
  rekenen, tabellen opbouwen, HTML), telkens met een andere bouwkostenwaarde zodat niets uit
  de cache komt;
- dezelfde berekening kaal (``laad_scenario`` + ``bereken`` + de tabellen), als ondergrens:
  de verhouding zegt wat de app zelf toevoegt;
- met ``--browser`` (Debian's chromium, Playwright): één toetsaanslag in de editor (een cijfer
  in een bouwkostenbedrag, dan Backspace), van het einde van de typpauze (de 300 ms van
  ``hx-trigger``) tot de bijgewerkte ORT-cel in een echte browser.

Doel: ≤ 200 ms van typpauze tot bijgewerkte tabel. Er wordt nergens op een tijd getoetst.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from fastapi.testclient import TestClient  # noqa: E402

from transformatiecalc import bereken, laad_scenario  # noqa: E402
from transformatiecalc.app import weergave  # noqa: E402
from transformatiecalc.app.server import maak_app  # noqa: E402

VOORBEELD = "voorbeeld_binnenstad.yaml"
WACHT_MS = 300  # hx-trigger="input changed delay:300ms"


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
    import socket
    import threading

    import uvicorn
    from playwright.sync_api import sync_playwright

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(maak_app(map_), host="127.0.0.1", port=poort, log_level="warning")
    )
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
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
        pg.goto(f"http://127.0.0.1:{poort}/s/{VOORBEELD}")
        cel = pg.locator('#panden tbody tr[data-sleutel="P01"] td[data-veld="onrendabele_top"]')
        editor = pg.locator("#yaml")
        plek = editor.input_value().index("transformatie_zwaar: 1_95") + len(
            "transformatie_zwaar: 1_95"
        )
        editor.evaluate("(el, p) => { el.focus(); el.setSelectionRange(p, p); }", plek)
        for i in range(herhaal):  # one keystroke as a user types: 1_950 → 1_90 → 1_950 …
            voor = cel.inner_text()
            t = time.perf_counter()
            pg.keyboard.press("5" if i % 2 else "Backspace")
            while cel.inner_text() == voor:
                if time.perf_counter() - t > 30:
                    raise RuntimeError("de tabel volgde de toetsaanslag niet binnen 30 s")
                time.sleep(0.002)
            tijden.append(time.perf_counter() - t - WACHT_MS / 1e3)
        b.close()
    srv.should_exit = True
    return _stat(tijden)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--herhaal", type=int, default=15)
    ap.add_argument("--browser", action="store_true")
    args = ap.parse_args()
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
