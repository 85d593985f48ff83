"""The customer-orientation index, coverage, readiness (13 rules), trajectory and portfolio."""
