"""Statistics on survey data: pure, vectorised functions that take arrays and return results."""
