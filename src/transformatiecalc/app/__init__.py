"""``transformatiecalc app``: the engine as a local web application (optional extra ``[app]``).

Server-rendered pages (FastAPI, Jinja2) with HTMX for the parts that change, all assets in
the package (no CDN, no Node build): a maintainable app whose every page is plain HTML a
real browser test can drive. Modules: :mod:`.werkruimte` (the folder and its buffers, under
the CLI's file-access rules), :mod:`.rekenen` (one scenario calculated, cached),
:mod:`.weergave` (tables and the CLI's own blocks as HTML), :mod:`.formulier` (forms written
back into the YAML), :mod:`.taken` (Monte Carlo, tornado and comparisons as cancellable
processes), :mod:`.server` (the app and the guard before every request), :mod:`.omgeving`
(what the routes share) and :mod:`.routes` (the routes, one module per role).
"""

from __future__ import annotations

import ipaddress
import secrets
import threading
import webbrowser
from pathlib import Path

#: The loopback addresses: without a token the app binds to these only.
LOKAAL = ("127.0.0.1", "localhost", "::1")


def is_lokaal(host: str) -> bool:
    """Whether `host` is a loopback address (or 'localhost')."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def start(
    map_: str | Path,
    host: str = "127.0.0.1",
    poort: int = 8765,
    token: str | None = None,
    browser: bool = True,
) -> None:
    """Serve the app on `map_` until interrupted; open the browser when `browser`."""
    import uvicorn

    from .server import maak_app

    if not is_lokaal(host) and not token:
        token = secrets.token_urlsafe(24)
    hosts = (
        None
        if not is_lokaal(host)
        else tuple(f"{h}:{poort}" for h in ("127.0.0.1", "localhost", "[::1]"))
    )
    _controleer_poort(host, poort)
    app = maak_app(map_, token=token, hosts=hosts)
    adres, regels = adres_en_uitleg(host, poort, token)
    print("\n".join(regels), flush=True)
    if browser:
        threading.Timer(1.0, lambda: webbrowser.open(adres)).start()
    uvicorn.run(app, host=host, port=poort, log_level="warning")


def adressen_van_deze_computer(ipv6: bool = True) -> list[str]:
    """The non-loopback IP addresses of this machine colleagues can reach it on: the one a
    packet to elsewhere leaves from (a UDP 'connect' sends nothing) and those of its name."""
    import socket

    gevonden: list[str] = []

    def voeg_toe(ip: str) -> None:
        try:
            a = ipaddress.ip_address(ip.split("%")[0])
        except ValueError:
            return
        bruikbaar = not (a.is_loopback or a.is_link_local or a.is_unspecified)
        if bruikbaar and (a.version == 4 or ipv6) and str(a) not in gevonden:
            gevonden.append(str(a))

    doelen = [(socket.AF_INET, "192.0.2.1")] + ([(socket.AF_INET6, "2001:db8::1")] if ipv6 else [])
    for familie, doel in doelen:
        try:
            with socket.socket(familie, socket.SOCK_DGRAM) as s:
                s.connect((doel, 9))
                voeg_toe(str(s.getsockname()[0]))
        except OSError:
            continue
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            voeg_toe(str(info[4][0]))
    except OSError:
        pass
    return gevonden


def adres_en_uitleg(host: str, poort: int, token: str | None) -> tuple[str, list[str]]:
    """The address the browser of this machine opens, and the lines printed at the start:
    on every address (``--host 0.0.0.0``) the addresses colleagues can use, this machine's
    IP addresses (its name may resolve to localhost, which only works here)."""

    def url(h: str) -> str:
        h = f"[{h}]" if ":" in h else h
        return f"http://{h}:{poort}/" + (f"?token={token}" if token else "")

    if is_lokaal(host):
        adres = url("127.0.0.1")
        return adres, [f"transformatiecalc app op {adres}  (stoppen: Ctrl+C)"]
    if host not in ("0.0.0.0", "::", ""):
        adres = url(host)
        return adres, [f"transformatiecalc app op {adres}  (stoppen: Ctrl+C)"]
    ips = adressen_van_deze_computer(ipv6=host != "0.0.0.0")
    if not ips:
        adres = url("localhost")
        return adres, [
            f"transformatiecalc app op {adres}  (stoppen: Ctrl+C)",
            "  dit adres werkt alleen op deze computer; geen ander IP-adres van deze computer "
            "gevonden: collega's vervangen 'localhost' door het IP-adres of de naam van deze "
            "computer in het netwerk",
        ]
    adres = url(ips[0])
    regels = [f"transformatiecalc app op {adres}  (stoppen: Ctrl+C)"]
    regels += [f"  ook op {url(ip)}" for ip in ips[1:]]
    regels.append("  geef collega's een van deze adressen (met de toegangscode)")
    return adres, regels


def _controleer_poort(host: str, poort: int) -> None:
    """OSError (with a Dutch reason) when `host`:`poort` cannot be listened on."""
    import errno
    import socket

    familie = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(familie, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, poort))
        except OSError as fout:
            if fout.errno == errno.EADDRINUSE:
                raise OSError(
                    fout.errno, "de poort is al in gebruik; kies een andere met --poort"
                ) from None
            if fout.errno in (errno.EACCES, errno.EPERM):
                raise OSError(fout.errno, "geen rechten om op deze poort te luisteren") from None
            if fout.errno == errno.EADDRNOTAVAIL or isinstance(fout, socket.gaierror):
                raise OSError(fout.errno, "dit adres hoort niet bij deze computer") from None
            raise
