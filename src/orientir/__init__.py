"""orientir — measure and grow a company's customer orientation (клиентоориентированность).

The public surface is deliberately small: the version, and the error hierarchy every caller
may want to catch. Everything else is reached through its layer package
(``orientir.stats``, ``orientir.customers``, ``orientir.instruments``, …).
"""

from orientir.errors import OrientirError

__version__ = "0.1.0"

__all__ = ["OrientirError", "__version__"]
