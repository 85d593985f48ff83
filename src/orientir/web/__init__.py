"""The web application: survey pages, admin area and REST API."""
