#!/bin/sh
# Trains the whole zoo into $1 (default /out): numpy 1 entries first, then numpy 2 ones (which
# also wrap a sample of both into SageMaker model.tar.gz files). $2: optional entry names, comma-separated.
out=${1:-/out}
cd /opt/zoo || exit 1
/opt/np1/bin/python train.py "$out" "${2:-}" || exit 1
/opt/np2/bin/python train.py "$out" "${2:-}" || exit 1
