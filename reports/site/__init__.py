"""The static site: pages rendered with autoescaping Jinja2, diagrams inlined as SVG."""
