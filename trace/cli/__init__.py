"""The `guidetrace` command: a thin layer over the library, the only part of `trace` that imports
readers and reports (the core below it — models, store, errors, output — imports nothing above it)."""

from .main import cli, main

__all__ = ["cli", "main"]
