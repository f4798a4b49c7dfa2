"""The web app for editors and researchers (``pipeline.py serve``): search, article, person and
series pages rendered on the server, each also as JSON (``&format=json``). See ``app.py``."""
from .app import create_app

__all__ = ["create_app"]
