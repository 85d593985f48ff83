"""The web application: survey pages, admin area and REST API.

``create_app(settings)`` builds it; ``orientir serve`` runs it under uvicorn.
"""

from orientir.web.app import create_app

__all__ = ["create_app"]
