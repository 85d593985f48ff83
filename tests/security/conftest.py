"""The security tests reuse the web tests' fixtures: an application on a fresh database of each
engine, and two organisations with a user of every role."""

from __future__ import annotations

from tests.web.conftest import app, cheap_hashes, client, settings, web_db, world

__all__ = ["app", "cheap_hashes", "client", "settings", "web_db", "world"]
