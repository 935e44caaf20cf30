"""Stagemaker's own tools, beside the server they describe: the schema reader (`python -m
tools.schema`), the frameworks' CLI that introspects a model file, pins its packages and generates
model/ at project creation (`python -m tools.frameworks`, with render.py and render_models.py), the
field table's pydantic writer that both it and the Schemas tab use (`python -m tools.model_writer`),
and the editor's diagnostics (`python -m tools.diagnostics`); Stagemaker runs the last two in its
tools container. The server (server/) never imports them:
a deployed image serves without them (tests/test_tools_apart.py checks it)."""
