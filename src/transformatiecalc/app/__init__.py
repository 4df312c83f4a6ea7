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
    naam = host
    if host in ("0.0.0.0", "::", ""):  # every address: colleagues need this machine's name
        import socket

        naam = socket.getfqdn() or socket.gethostname()
    adres = f"http://{'127.0.0.1' if is_lokaal(host) else naam}:{poort}/"
    if token:
        adres += f"?token={token}"
    print(f"transformatiecalc app op {adres}  (stoppen: Ctrl+C)", flush=True)
    if browser:
        threading.Timer(1.0, lambda: webbrowser.open(adres)).start()
    uvicorn.run(app, host=host, port=poort, log_level="warning")


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
