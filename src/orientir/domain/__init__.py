"""Pure types and rules of customer orientation: no I/O, no imports of other orientir layers."""
