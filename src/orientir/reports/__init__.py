"""Charts, HTML and PDF reports built from result objects."""
