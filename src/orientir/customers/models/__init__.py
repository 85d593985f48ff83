"""Lifetime-value models: BG/NBD, Pareto/NBD and Gamma-Gamma."""
