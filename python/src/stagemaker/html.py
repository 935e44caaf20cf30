"""The project as a card in Jupyter: what was detected, the environment (notebook beside image),
the Instance and Prediction fields, and the next commands."""

from __future__ import annotations

from html import escape
from typing import Any, Iterable, List, Sequence


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    th = "".join(f"<th style='text-align:left;padding:2px 8px'>{escape(h)}</th>" for h in head)
    body = "".join(
        "<tr>"
        + "".join(f"<td style='padding:2px 8px'>{escape('' if c is None else str(c))}</td>" for c in row)
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def project_card(project: Any) -> str:
    r = project.record
    model = r.get("model", {})
    parts: List[str] = [
        f"<h4 style='margin:4px 0'>Stagemaker project {escape(project.name)}</h4>",
        f"<div><code>{escape(str(project.directory))}</code></div>",
    ]
    if model:
        detected = model.get("detected") or {}
        parts.append(
            "<p>Detected: <b>"
            + escape(str(detected.get("kind", model.get("framework"))))
            + " "
            + escape(str(detected.get("frameworkVersion", "")))
            + f"</b> from <code>{escape(str(model.get('object')))}</code>, written as <code>artifacts/{escape(str(model.get('file')))}</code> ({escape(str(model.get('format')))})</p>"
        )
    env = r.get("environment", [])
    if env:
        parts.append("<b>Environment</b> (the notebook's versions beside the image's pins)")
        parts.append(
            _table(
                ["package", "notebook", "image", ""],
                [(e["package"], e.get("notebook"), e.get("image") or "—", e.get("why", "")) for e in env],
            )
        )
    schema = r.get("schema", {})
    if schema.get("instance"):
        parts.append("<b>Instance</b> (one row)")
        parts.append(
            _table(
                ["field", "type", "values"],
                [
                    (f["name"], f.get("dtype"), ", ".join(map(str, (f.get("categories") or [])[:8])))
                    for f in schema["instance"]
                ],
            )
        )
    if schema.get("prediction"):
        parts.append("<b>Prediction</b>: " + ", ".join(f"<code>{escape(f)}</code>" for f in schema["prediction"]))
    for note in r.get("notes", []):
        parts.append(f"<div style='color:#8a5300'>note: {escape(str(note))}</div>")
    parts.append(
        "<p>Next: <code>project.predict_local(rows)</code> (no Docker), <code>project.build()</code>, <code>project.run()</code>, "
        f"<code>project.predict(rows)</code>, <code>project.test()</code>; or in a shell <code>{escape(project.docker_build_string)}</code></p>"
    )
    return "<div>" + "".join(parts) + "</div>"
