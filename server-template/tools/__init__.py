"""Stagemaker's own tools, beside the server they describe: the schema reader (`python -m
tools.schema`), the frameworks' CLI that introspects a model file, pins its packages and generates
model/ at project creation (`python -m tools.frameworks`), and the editor's diagnostics (`python -m
tools.diagnostics`, run in Stagemaker's tools container). The server (server/) never imports them:
a deployed image serves without them (tests/test_tools_apart.py checks it)."""
