"""python -m tools.frameworks pins|introspect|generate|kinds: one JSON object on stdout.

Exit 0 with the answer; exit 3 with {"refused": {"message", "why", "todo"}} when the model cannot
be served. See server/frameworks/README.md (the adapters this asks).
"""

import argparse
import json
import sys
from typing import Any, Dict, List, Optional

from server.frameworks import KINDS, Refusal, adapter

REFUSED = 3


def _read(source: str) -> Dict[str, Any]:
    text = sys.stdin.read() if source == "-" else open(source, encoding="utf-8").read()
    return dict(json.loads(text))


def run(argv: Optional[List[str]] = None) -> Dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m tools.frameworks", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    pins_command = commands.add_parser(
        "pins", help="requirements and system packages for a detection"
    )
    pins_command.add_argument("input", nargs="?", default="-")
    introspect = commands.add_parser("introspect", help="load the model and describe it")
    introspect.add_argument("path")
    introspect.add_argument("--kind", required=True)
    generate = commands.add_parser("generate", help="render the project files")
    generate.add_argument("input", nargs="?", default="-")
    commands.add_parser("kinds", help="the kinds with an adapter")
    args = parser.parse_args(argv)

    if args.command == "kinds":
        return {"kinds": KINDS}
    if args.command == "introspect":
        return dict(adapter(args.kind).introspect(args.path))
    given = _read(args.input)
    detection = given["detection"]
    if args.command == "pins":
        from server.frameworks.requested import honour, requested_versions

        module = adapter(detection["kind"])
        chosen = dict(given.get("requested") or {})
        if given.get("frameworkVersion"):  # the model card's choice, for this framework
            chosen[module.PACKAGE] = given["frameworkVersion"]
        requested = requested_versions(given.get("requirementsTxt"), chosen)
        pins = honour(dict(module.pins(detection, requested)), requested)
        # The files as Generate writes them, so the image intake builds is the project's cache.
        from tools.render import requirements_txt, system_packages_txt

        pins["files"] = {
            "requirements.txt": requirements_txt(detection, pins),
            "system-packages.txt": system_packages_txt(pins),
        }
        return pins
    from tools.render import render

    return render(detection, given["introspection"], given["pins"])


def main(argv: Optional[List[str]] = None) -> int:
    try:
        answer = run(argv)
    except Refusal as refusal:
        json.dump({"refused": refusal.as_json()}, sys.stdout)
        sys.stdout.write("\n")
        return REFUSED
    json.dump(answer, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
