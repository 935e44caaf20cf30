#!/bin/sh
# Everything CI checks: build the image, type-check, lint and format-check, unit tests inside it.
set -e
cd "$(dirname "$0")"
make verify "$@"
echo "verify: all checks passed"
