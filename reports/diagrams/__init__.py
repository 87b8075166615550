"""Diagrams: builders make an engine-neutral model; `dot.py` is the only Graphviz emitter."""
