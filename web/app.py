"""The web app itself: one Starlette application over the same library as the command line.

``create_app`` wires the pages (pages.py), the HTTP API (api.py), the static files (the CSS and the bundled
Sarabun font) and the guard (guard.py). What the engine does runs in worker threads: drafting, charts and
changes to a plan under one lock (matplotlib's pyplot and a durable_rules host are not made for several
threads at once), reading plans and what-if beside them; an uploaded file is read, and a download rendered, in
a worker process with a time and a memory budget (worker.py), so that no upload or document stalls other users.
"""

from __future__ import annotations

from pathlib import Path

from itaplan.app.session import Session
from itaplan.web.api import routes as api_routes
from itaplan.web.common import MAX_UPLOAD, Context, font_folder, gone, internal_error, too_large
from itaplan.web.guard import BodyTooLarge, Guard
from itaplan.web.pages import routes as page_routes
from itaplan.web.store import Workspace
from itaplan.web.worker import Budget
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles


def create_app(workspace: Path, token: str | None = None, max_upload: int = MAX_UPLOAD,
               rules_dirs: list[str] | None = None, recommendation_dirs: list[str] | None = None,
               budget: Budget | None = None) -> Guard:
    """The app over the plans in ``workspace``; the workspace's own rule layers (its itaplan.yaml) unless given."""
    given = rules_dirs is not None or recommendation_dirs is not None
    setup = Session(tuple(rules_dirs or ()), tuple(recommendation_dirs or ()), use_workspace=not given,
                    workspace=workspace)
    context = Context(Workspace(workspace), setup, max_upload, budget=budget or Budget())
    routes = [*page_routes(), *api_routes(),
              Mount("/static", StaticFiles(packages=[("itaplan.web", "static")]), name="static")]
    fonts = font_folder()
    if fonts is not None:
        routes.append(Mount("/fonts", StaticFiles(directory=fonts), name="fonts"))
    app = Starlette(routes=routes, exception_handlers={BodyTooLarge: too_large, ClientDisconnect: gone, Exception: internal_error,
                                                       500: internal_error})
    app.state.context = context
    return Guard(app, token, max_upload)
