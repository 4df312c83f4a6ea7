"""The web app in a real browser (issue #19): headless Chromium (Debian's ``chromium``)
driven by Playwright with the system browser — no browser download.

Opens the app, loads the example, changes a building cost in the editor and sees the ORT
change to the CLI's value, breaks the YAML and sees the message at its line, compares the
three fund designs and downloads workbooks. TRANSFORMATIECALC_EIS_CHROMIUM=1 (set by .ci/run,
which installs chromium) turns a missing browser into a failure instead of a skip.
TRANSFORMATIECALC_SCHERMAFDRUKKEN=MAP saves screenshots of the main pages there (docs/app.md).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

EIS = os.environ.get("TRANSFORMATIECALC_EIS_CHROMIUM") == "1"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if not EIS and (CHROMIUM is None or __import__("importlib").util.find_spec("playwright") is None):
    pytest.skip("chromium of playwright ontbreekt", allow_module_level=True)

import uvicorn  # noqa: E402
from hulp import cli  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from transformatiecalc.app.server import maak_app  # noqa: E402
from transformatiecalc.getallen import duizendtallen  # noqa: E402

SCENARIOS = Path(__file__).parents[1] / "scenarios"
VOORBEELD = "voorbeeld_binnenstad.yaml"
FONDSEN = ["fonds_subsidie.yaml", "fonds_revolverend.yaml", "fonds_gemengd.yaml"]
#: Chromium's flags on a machine without a network to the outside (see ../shared env notes).
VLAGGEN = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AFDRUKKEN = os.environ.get("TRANSFORMATIECALC_SCHERMAFDRUKKEN")


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def adres(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    map_ = tmp_path_factory.mktemp("app") / "project"
    map_.mkdir()
    for p in SCENARIOS.glob("*.yaml"):
        shutil.copy(p, map_ / p.name)
    poort = _vrije_poort()
    hosts = (f"127.0.0.1:{poort}",)
    server = uvicorn.Server(
        uvicorn.Config(
            maak_app(map_, hosts=hosts), host="127.0.0.1", port=poort, log_level="warning"
        )
    )
    draad = threading.Thread(target=server.run, daemon=True)
    draad.start()
    eind = time.monotonic() + 20
    while not server.started and time.monotonic() < eind:
        time.sleep(0.05)
    assert server.started, "de app startte niet"
    yield f"http://127.0.0.1:{poort}", map_
    server.should_exit = True
    draad.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=VLAGGEN)
        yield b
        b.close()


@pytest.fixture
def pagina(browser: object) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)  # type: ignore[attr-defined]
    pg = context.new_page()
    fouten: list[str] = []
    pg.on("pageerror", lambda e: fouten.append(str(e)))
    yield pg
    context.close()
    assert fouten == [], f"JavaScript-fouten in de pagina: {fouten}"


def _afdruk(pg: Page, naam: str, volledig: bool = False) -> None:
    if AFDRUKKEN:
        Path(AFDRUKKEN).mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(Path(AFDRUKKEN) / naam), full_page=volledig)


def _cli_ort(pad: Path, pand: str) -> str:
    uit = cli("run", str(pad), "--json", "-")
    assert uit.returncode == 0, uit.stderr
    ort = next(p for p in json.loads(uit.stdout)["panden"] if p["id"] == pand)["onrendabele_top"]
    return f"€ {duizendtallen(ort)}"


def _ort_cel(pg: Page, pand: str) -> object:
    return pg.locator(f'#panden tbody tr[data-sleutel="{pand}"] td[data-veld="onrendabele_top"]')


def _kolom(pg: Page, veld: str) -> int:
    """The 1-based column of field `veld` in the per-pand table."""
    rij = pg.locator("#panden tbody tr").first
    velden = rij.locator("td").evaluate_all("cs => cs.map(c => c.dataset.veld)")
    return int(velden.index(veld)) + 1


def _getal(tekst: str) -> float | None:
    """A number as the app writes it ('€ -1.096.083', '-25,9 %'); None for '–'."""
    tekst = tekst.replace("€", "").replace("%", "").strip()
    return None if tekst == "–" else float(tekst.replace(".", "").replace(",", "."))


def _gesorteerd(pg: Page, veld: str, op: bool) -> None:
    """The per-pand table is sorted by `veld` (up or down) as its cells read, '–' last."""
    teksten = pg.locator(f'#panden tbody td[data-veld="{veld}"]').all_inner_texts()
    getallen = [_getal(t) for t in teksten]
    leeg = [g for g in getallen if g is None]
    gevuld = [g for g in getallen if g is not None]
    assert getallen == gevuld + leeg, (veld, teksten)
    assert gevuld == sorted(gevuld, reverse=not op), (veld, op, teksten)


def test_bewerken_rekent_als_de_cli_en_fouten_staan_op_hun_regel(
    adres: tuple[str, Path], pagina: Page
) -> None:
    url, map_ = adres
    pg = pagina
    pg.goto(url + "/")
    _afdruk(pg, "app_start.png")
    pg.click(f"text={VOORBEELD}")
    expect(_ort_cel(pg, "P01")).to_have_text(_cli_ort(map_ / VOORBEELD, "P01"))  # type: ignore[arg-type]
    _afdruk(pg, "app_scenario.png")

    # sorting by the numbers shown ('€ -52.441', '-25,9 %'), a pand without homes ('–') last
    # both ways (it came first when sorted up, above every number)
    for veld in ("irr", "onrendabele_top", "ort_per_woning"):
        kop = pg.locator(f"#panden thead th:nth-child({_kolom(pg, veld)})")
        kop.click()
        _gesorteerd(pg, veld, op=True)
        kop.click()
        _gesorteerd(pg, veld, op=False)
    pg.locator("#panden thead th").first.click()  # back to P01 … P14

    # a building cost changed in the editor: the table follows, to the CLI's number
    editor = pg.locator("#yaml")
    tekst = editor.input_value()
    nieuw = tekst.replace("transformatie_zwaar: 1_950", "transformatie_zwaar: 2_150")
    kopie = map_ / "duurder.yaml"
    kopie.write_text(nieuw, encoding="utf-8")
    verwacht = _cli_ort(kopie, "P01")
    assert verwacht != _cli_ort(map_ / VOORBEELD, "P01")
    pg.locator(f"#panden thead th:nth-child({_kolom(pg, 'onrendabele_top')})").click()
    editor.fill(nieuw)
    expect(_ort_cel(pg, "P01")).to_have_text(verwacht, timeout=15_000)  # type: ignore[arg-type]
    expect(pg.locator("#opslag")).to_have_text("niet opgeslagen")
    _gesorteerd(pg, "onrendabele_top", op=True)  # the new table keeps the order chosen

    # a pand's waterfall and what closes its gap, on click
    pg.locator('#panden tbody tr[data-sleutel="P01"]').click()
    expect(pg.locator(".pand h3")).to_contain_text("P01")
    expect(pg.locator(".sluiters")).to_contain_text("sluitende subsidie")
    expect(pg.locator(".pand img.grafiek")).to_have_js_property("complete", True, timeout=15_000)
    expect(pg.locator('#resultaat [data-paneel="resultaat"] img[data-src]')).to_have_count(
        0, timeout=15_000
    )
    for img in pg.locator('#resultaat [data-paneel="resultaat"] img.grafiek').all():
        expect(img).to_have_js_property("complete", True, timeout=15_000)
    _afdruk(pg, "app_pand.png", volledig=True)

    # a broken value: the message names its line, the gutter marks it, the table stays
    regel = (
        nieuw.splitlines().index(
            "horizon: 30              # jaren na het startjaar die worden doorgerekend"
        )
        + 1
    )
    editor.fill(nieuw.replace("horizon: 30", "horizon: -3"))
    expect(pg.locator("#meldingen")).to_contain_text(
        f"regel {regel}, kolom 10 horizon: moet minstens 1 zijn, kreeg -3", timeout=15_000
    )
    expect(pg.locator(f'#goot .foutregel:text-is("{regel}")')).to_have_count(1)
    expect(_ort_cel(pg, "P01")).to_have_text(verwacht)  # the last valid result stays
    pg.locator("a.naar-regel").click()
    _afdruk(pg, "app_fout.png")

    # 'Werkboek' now: the located reason above the editor, and the user stays in the editor
    # (it led to a bare page saying only 'het scenario heeft fouten')
    adres_ = pg.url
    pg.click("#download-xlsx")
    expect(pg.locator("#conflict")).to_contain_text(
        f"Niet gedownload: het scenario heeft 1 fout op regel {regel}, kolom 10: horizon: moet",
        timeout=15_000,
    )
    assert pg.url == adres_
    expect(editor).to_have_value(nieuw.replace("horizon: 30", "horizon: -3"))

    # repaired, saved, and the workbook downloaded and opened
    editor.fill(nieuw)
    expect(pg.locator("#meldingen")).to_contain_text("Geen fouten.", timeout=15_000)
    expect(pg.locator("#conflict")).to_be_empty()
    pg.click("#knop-opslaan")
    expect(pg.locator("#opslag")).to_contain_text(f"opgeslagen in {VOORBEELD}")
    assert (map_ / VOORBEELD).read_text(encoding="utf-8") == nieuw
    with pg.expect_download() as download:
        pg.click("#download-xlsx")
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert {"Panden", "Functies", "Uitgangspunten"} <= set(wb.sheetnames)
    (map_ / VOORBEELD).write_text(tekst, encoding="utf-8")


def test_formulier_schrijft_in_de_yaml(adres: tuple[str, Path], pagina: Page) -> None:
    url, _ = adres
    pg = pagina
    pg.goto(f"{url}/s/fonds_subsidie.yaml")
    pg.click("button[data-tab=formulier]")
    pg.select_option("#formulier-pand", "P03")
    expect(pg.locator('input[name="panden[P03].transformatie.start"]')).to_be_visible()
    _afdruk(pg, "app_formulier.png")
    # fonds_subsidie inherits its panden: the form writes the change as an override
    pg.fill('input[name="panden[P03].transformatie.start"]', "2028")
    pg.click("#formulier-toepassen")
    expect(pg.locator("#yaml")).to_have_value(
        re.compile(r"- id: P03\n\s+transformatie:\n\s+start: 2028")
    )
    expect(pg.locator("#meldingen")).to_contain_text("Geen fouten.", timeout=15_000)
    # not saved: thrown away, the file and the app hold the design as it was (the comparison
    # below, and its screenshot, compare the bundled designs)
    pg.click("#knop-verwerp")
    expect(pg.locator("#yaml")).to_have_value(
        (SCENARIOS / "fonds_subsidie.yaml").read_text("utf-8")
    )


def test_drie_fondsontwerpen_vergelijken_en_het_werkboek(
    adres: tuple[str, Path], pagina: Page
) -> None:
    url, map_ = adres
    pg = pagina
    pg.goto(url + "/")
    pg.click("text=Vergelijken")
    for naam in FONDSEN:
        pg.check(f"input[value='{naam}']")
    # the order of the versions is chosen (it was that of the folder): subsidie first, as
    # the CLI below has them
    for naam in FONDSEN[:2][::-1]:
        while pg.locator("#keuzes li").first.get_attribute("data-naam") != naam:
            pg.click(f"#keuzes li[data-naam='{naam}'] button[data-richting=op]")
    plaatsen = pg.locator("#keuzes li").evaluate_all(
        "lis => lis.map(li => [li.dataset.naam, li.querySelector('.positie').textContent])"
    )
    assert [p for p in plaatsen if p[1]] == [
        [FONDSEN[0], "1e (de basis)"],
        [FONDSEN[1], "2e"],
        [FONDSEN[2], "3e"],
    ]
    pg.click("#start-vergelijk")
    expect(pg.locator(".taak pre.cli")).to_be_visible(timeout=120_000)
    uit = cli("vergelijk", *(str(map_ / n) for n in FONDSEN), "--json", "-")
    assert uit.returncode == 0, uit.stderr
    data = json.loads(uit.stdout)
    tabel = pg.locator(".taak pre.cli").inner_text()
    for i, versie in enumerate(data["versies"], 1):
        assert f"{i} = {versie['naam']}" in tabel
    _afdruk(pg, "app_vergelijk.png", volledig=True)
    with pg.expect_download() as download:
        pg.click("#taak-werkboek")
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert "Varianten" in wb.sheetnames
    # at 1920 px the two charts share the row at their own size: they stood in two of three
    # columns, smaller than at 1400 px (70 % of their size), and the third stayed empty
    pg.set_viewport_size({"width": 1920, "height": 1080})
    grafieken = pg.locator(".taak img.grafiek").all()
    assert len(grafieken) == 2
    for img in grafieken:
        expect(img).to_have_js_property("complete", True)
        breed, natuurlijk = img.evaluate(
            "el => [el.getBoundingClientRect().width, el.naturalWidth]"
        )
        assert breed >= natuurlijk - 2, (breed, natuurlijk)


def test_onzekerheid_met_voortgang(adres: tuple[str, Path], pagina: Page) -> None:
    url, _ = adres
    pg = pagina
    pg.goto(f"{url}/s/{VOORBEELD}")
    pg.click("button[data-tab=onzeker]")
    pg.fill("input[name=trekkingen]", "100")
    pg.click("#start-onzeker")
    expect(pg.locator(".taak pre.cli")).to_be_visible(timeout=120_000)
    expect(pg.locator(".taak pre.cli")).to_contain_text("Onzekerheid: 100 trekkingen")
    expect(pg.locator(".taak img.grafiek").first).to_have_js_property("complete", True)
    # side by side only when each keeps two thirds of its size (in the 1400 px window they
    # stood two abreast at half size)
    for img in pg.locator(".taak img.grafiek").all():
        expect(img).to_have_js_property("complete", True)
        breed, natuurlijk = img.evaluate(
            "el => [el.getBoundingClientRect().width, el.naturalWidth]"
        )
        assert breed >= 0.65 * natuurlijk, (breed, natuurlijk)
    _afdruk(pg, "app_onzeker.png", volledig=True)


def test_een_mislukt_verzoek_staat_in_de_pagina(adres: tuple[str, Path], pagina: Page) -> None:
    """An edit of a scenario over 1 MB is taken (it was lost without a word); an edit the app
    refuses or never receives is shown in Dutch above the editor, and Opslaan says it saved
    nothing instead of 'niets gewijzigd'."""
    url, map_ = adres
    pg = pagina
    pg.goto(f"{url}/s/fonds_revolverend.yaml")
    tekst = pg.locator("#yaml").input_value()
    groot = tekst + "# " + "x" * 1_200_000 + "\n"
    pg.locator("#yaml").fill(groot)
    expect(pg.locator("#opslag")).to_have_text("niet opgeslagen", timeout=15_000)
    expect(pg.locator("#meldingen")).to_contain_text("Geen fouten.")
    expect(pg.locator("#conflict")).to_be_empty()

    # the app answers with an error page: its reason is shown, the edit is not lost silently
    def weiger(route: object) -> None:
        route.fulfill(  # type: ignore[attr-defined]
            status=413,
            content_type="text/html",
            body='<p class="fout">het verzoek is te groot; een scenario mag hoogstens 10 MB zijn</p>',
        )

    pg.route("**/reken/**", weiger)
    pg.locator("#yaml").fill(tekst + "# nog een regel\n")
    expect(pg.locator("#conflict")).to_contain_text(
        "Uw laatste wijziging is niet verwerkt: het verzoek is te groot", timeout=15_000
    )
    pg.click("#knop-opslaan")
    expect(pg.locator("#opslag")).to_contain_text("niet opgeslagen: uw laatste wijziging kwam")
    _afdruk(pg, "app_verzoekfout.png")
    pg.unroute("**/reken/**")
    pg.route("**/reken/**", lambda route: route.abort())  # type: ignore[attr-defined]
    pg.locator("#yaml").fill(tekst + "# en nog een\n")
    expect(pg.locator("#conflict")).to_contain_text("de app is niet bereikbaar", timeout=15_000)
    pg.unroute("**/reken/**")
    pg.locator("#yaml").fill(tekst)
    expect(pg.locator("#conflict")).to_be_empty(timeout=15_000)
    pg.click("#knop-opslaan")
    expect(pg.locator("#opslag")).to_contain_text("opgeslagen in fonds_revolverend.yaml")
    assert (map_ / "fonds_revolverend.yaml").read_text(encoding="utf-8") == tekst


@pytest.mark.parametrize(("breed", "hoog"), [(1366, 768), (1920, 1080)])
def test_tornado_past_op_de_pagina_en_blijft_leesbaar(
    adres: tuple[str, Path], browser: object, breed: int, hoog: int
) -> None:
    """The tornado stood in half a row of the chart grid (at 1920 px 627 of its 990 px, its
    7-point labels 4 px high) and the grid's columns of 28rem were wider than a narrow
    window: it now fits its column, takes the whole row, and is not shrunk below 85 %."""
    url, _ = adres
    context = browser.new_context(viewport={"width": breed, "height": hoog})  # type: ignore[attr-defined]
    pg = context.new_page()
    try:
        pg.goto(f"{url}/s/{VOORBEELD}")
        pg.click("button[data-tab=gevoelig]")
        pg.click("#start-gevoelig")
        img = pg.locator("#taak-gevoelig img.grafiek")
        expect(img).to_have_js_property("complete", True, timeout=120_000)
        maat = pg.evaluate(
            """() => {
            const img = document.querySelector('#taak-gevoelig img.grafiek');
            const vak = img.closest('.paneel').getBoundingClientRect(), r = img.getBoundingClientRect();
            return {links: r.left, rechts: r.right, breed: r.width, natuurlijk: img.naturalWidth,
                    vakLinks: vak.left, vakRechts: vak.right,
                    pagina: document.documentElement.scrollWidth,
                    venster: document.documentElement.clientWidth};
            }"""
        )
        assert maat["pagina"] <= maat["venster"], maat  # no sideways scrolling of the page
        assert maat["vakLinks"] - 0.5 <= maat["links"], maat
        assert maat["rechts"] <= maat["vakRechts"] + 0.5, maat
        vak = maat["vakRechts"] - maat["vakLinks"]
        assert maat["breed"] >= min(maat["natuurlijk"], vak) - 2, maat  # not in half a row
        assert maat["breed"] >= 0.85 * maat["natuurlijk"], maat  # its labels stay readable
        assert maat["breed"] <= maat["natuurlijk"] + 2, maat  # not blown up (2: its border)
        if breed == 1366:
            _afdruk(pg, "app_gevoelig.png", volledig=True)
    finally:
        context.close()


def test_kasboek_houdt_het_jaar_en_het_eindsaldo_in_beeld(
    adres: tuple[str, Path], browser: object
) -> None:
    """At 1366 px the fund ledger scrolled sideways: the year went out of view, and its
    year-end balance was only in view once it had. The first column stays put now."""
    url, _ = adres
    context = browser.new_context(viewport={"width": 1366, "height": 768})  # type: ignore[attr-defined]
    pg = context.new_page()
    try:
        pg.goto(f"{url}/s/fonds_gemengd.yaml")
        pg.click("button[data-tab=fonds]")
        expect(pg.locator("#grootboek-1")).to_be_visible(timeout=30_000)
        plek = pg.evaluate(
            """() => {
            const tabel = document.getElementById('grootboek-1'), vak = tabel.parentElement;
            vak.scrollLeft = vak.scrollWidth;
            const v = vak.getBoundingClientRect();
            const jaar = tabel.tBodies[0].rows[0].cells[0].getBoundingClientRect();
            const koppen = tabel.tHead.rows[0].cells, eind = koppen[koppen.length - 1];
            return {vakLinks: v.left, vakRechts: v.right, jaarLinks: jaar.left,
                    eindRechts: eind.getBoundingClientRect().right, eind: eind.textContent};
            }"""
        )
        assert plek["eind"].startswith("eind"), plek
        assert abs(plek["jaarLinks"] - plek["vakLinks"]) <= 1, plek
        assert plek["eindRechts"] <= plek["vakRechts"] + 1, plek
        # its 31 years scroll in a box of their own: the head stays above them, and the box
        # with its sideways scroll bar fits the window (the bar was 31 rows below the head)
        kop = pg.evaluate(
            """() => {
            const tabel = document.getElementById('grootboek-1'), vak = tabel.parentElement;
            vak.scrollTop = vak.scrollHeight;
            const v = vak.getBoundingClientRect();
            return {vakBoven: v.top, hoog: v.height, venster: window.innerHeight,
                    kopBoven: tabel.tHead.rows[0].cells[1].getBoundingClientRect().top,
                    geschoven: vak.scrollTop};
            }"""
        )
        assert kop["geschoven"] > 0 and kop["hoog"] <= kop["venster"], kop
        assert abs(kop["kopBoven"] - kop["vakBoven"]) <= 2, kop
        # the charts of run --grafieken on the funds, loaded, each at most its own size
        grafieken = pg.locator("#fonds img.grafiek")
        expect(grafieken).to_have_count(4)
        for img in grafieken.all():
            expect(img).to_have_js_property("complete", True, timeout=30_000)
            breed, natuurlijk = img.evaluate("el => [el.offsetWidth, el.naturalWidth]")
            assert natuurlijk > 0 and breed <= natuurlijk + 2, (breed, natuurlijk)
        pg.locator('#fonds img[data-soort="tekort_gedekt"]').scroll_into_view_if_needed()
        pg.evaluate("window.scrollBy(0, -120)")
        _afdruk(pg, "app_fonds.png")
    finally:
        context.close()
