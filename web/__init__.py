"""The web app of ``itaplan serve``: a thin layer over engine/, as cli/ is.

app.py builds the Starlette application; pages.py the pages (upload, review, settle, progress, download),
api.py the HTTP API (the command line's JSON), guard.py what keeps it safe (token, host, origin, CSRF, size
limit, Content-Security-Policy), store.py the workspace's plan files and the uploads. Templates and the CSS
are package data; the Thai font is the installed fontpkg-sarabun's.
"""

from itaplan.web.app import create_app

__all__ = ["create_app"]
