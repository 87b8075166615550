"""The package is derived from the folders, never listed by hand.

The five folders install as `guidetrace.trace`, `guidetrace.guideline`, `guidetrace.comments`,
`guidetrace.reports` and `guidetrace.api` (so `import trace` stays the standard library's). setup.cfg cannot add that prefix
to what setuptools discovers, so it is added here: every folder below the five, with or without an
`__init__.py`, is a package, and setup.cfg's `[options.package_data] *` patterns ship the data files
of each (YAML rules and trees, the seed, templates, the site's script). A hand-written list once left out
two packages and the installed command failed; `tests/test_install.py` builds the wheel and runs the
README's commands from it.
"""

from setuptools import find_namespace_packages, setup

FOLDERS = ("trace", "guideline", "comments", "reports", "api")


def packages() -> list[str]:
    found = []
    for folder in FOLDERS:
        below = find_namespace_packages(where=folder, exclude=["__pycache__", "*.__pycache__"])
        found += [f"guidetrace.{folder}", *(f"guidetrace.{folder}.{name}" for name in below)]
    return found


setup(packages=packages(), package_dir={f"guidetrace.{folder}": folder for folder in FOLDERS})
