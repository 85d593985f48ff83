"""Survey instruments: the declarative format, its loader and the built-in library."""
