"""The `guidetrace` command: argument parsing over the library's front door (`guidetrace.api`), the only
part of `trace` that imports the front door, readers and reports (the core below it — models, store,
errors, output — imports nothing above it)."""

from .main import cli, main

__all__ = ["cli", "main"]
