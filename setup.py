"""The one compiled part of orientir: the BTYD summary's kernel (see its C source).

Everything else about the package is in pyproject.toml; setuptools reads this file only for
the extension. ``optional=True``: without a C compiler the package still installs, and the
summary runs on its Ibis expression instead (orientir.customers.summary_kernel).
"""

from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "orientir.customers._summary_c",
            ["src/orientir/customers/_summary_c.c"],
            extra_compile_args=["-O3"],
            optional=True,
        )
    ]
)
