"""``itaplan serve``: the web app (web/) on this computer, over the plan files of a workspace folder."""

from __future__ import annotations

import re
from pathlib import Path

import click
from itaplan.cli.common import _echo, _state, main

TOKEN = re.compile(r"[A-Za-z0-9._~-]{16,200}")


def is_loopback(host: str) -> bool:
    import ipaddress  # here, not at the top: every other command would pay for it

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_token(token: str | None, token_file: str | None) -> str | None:
    from itaplan.base.errors import Problem, UsageError

    if token and token_file:
        raise UsageError(Problem("itaplan serve", "give either --token or --token-file, not both"))
    where = "--token"
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(Problem(token_file, f"cannot be read ({exc.__class__.__name__})")) from None
        where = token_file
    if token is not None and not TOKEN.fullmatch(token):
        raise UsageError(Problem(where, "a token is 16 to 200 characters of A-Z, a-z, 0-9, '.', '_', '~' or '-' "
                                        "(e.g. from: python -c 'import secrets; print(secrets.token_urlsafe())')"))
    return token


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; any but the loopback address needs --token or --token-file.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="The port (0: any free one).")
@click.option("--workspace", type=click.Path(file_okay=False), metavar="DIR",
              help="The folder of the plan files (default: the workspace around the current folder, else the "
                   "current folder).")
@click.option("--token", envvar="ITAPLAN_TOKEN", metavar="TOKEN",
              help="Every request must carry this token (or set ITAPLAN_TOKEN).")
@click.option("--token-file", type=click.Path(dir_okay=False), metavar="FILE",
              help="Read the token from this file (a password file), not from the command line.")
@click.option("--max-upload", type=click.IntRange(1, 200), default=10, show_default=True, metavar="MB",
              help="The largest upload or request body accepted, in megabytes.")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, workspace: str | None, token: str | None,
              token_file: str | None, max_upload: int) -> None:
    """A local web app: upload results, review and settle the measures, record progress, download documents.

    The app reads and writes the plan files in the workspace folder (the same files, and the same lock, as
    the command line). When the workspace has no plan yet, the home page opens the bundled example. The
    interface is Thai (?lang=en for English). It listens on 127.0.0.1 only, unless --host says otherwise,
    and then only with a token that every request must carry. An HTTP API answers with the command line's
    JSON: GET /healthz; POST /api/score, /api/draft, /api/whatif (multipart field 'results', a file);
    POST /api/render?format=docx|pdf|xlsx|md|html|csv (body: a plan as JSON).

    \b
    Examples:
      itaplan serve
      itaplan serve --workspace plans/ --port 8080
      itaplan serve --host 0.0.0.0 --token-file token.txt
    """
    from itaplan.app.workspace import find_workspace, workspace_layers
    from itaplan.base.errors import Problem, UsageError

    token = read_token(token, token_file)
    if not is_loopback(host) and token is None:
        raise UsageError(Problem("--host", f"{host} is reachable from other computers: give --token or --token-file "
                                           "(every request must then carry it), or keep the default 127.0.0.1"))
    if workspace:
        folder = Path(workspace)
        if not folder.is_dir():
            raise UsageError(Problem(workspace, "is not a folder; give the folder of the plan files"))
    else:
        found = find_workspace()
        folder = found.parent if found else Path.cwd()
    workspace_layers(folder)  # a wrong key or folder in its itaplan.yaml: refused now, not on the first page
    try:
        from itaplan.web import create_app
        from itaplan.web.server import Server, server_config
    except ImportError as exc:  # pragma: no cover - the web dependencies are installed with itaplan
        raise UsageError(Problem("itaplan serve", f"needs the web dependencies ({exc.name}): pip install itaplan")) from None
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
    except OSError as exc:
        sock.close()
        # not "host:port" as the source: a number after a colon reads as a file's line ("บรรทัด 8765" in Thai)
        raise UsageError(Problem("itaplan serve", f"cannot listen on {host}, port {port}: {exc.strerror or exc} "
                                                  "(another program may use that port: give --port another number)")) from None
    app = create_app(folder, token, max_upload * 1024 * 1024)
    bound = sock.getsockname()[1]
    shown = f"[{host.strip('[]')}]" if family == socket.AF_INET6 else host
    if not _state(ctx).get("quiet"):
        _echo(f"itaplan serve: http://{shown}:{bound}/ (workspace {folder.resolve()}); Ctrl-C stops it")
        if token:
            _echo("open the address with ?token=TOKEN once (the browser keeps it), or send the header "
                  "'Authorization: Bearer TOKEN'")
    server = Server(server_config(app))  # deadlines for each request's head and body, bounded connections
    server.run(sockets=[sock])
