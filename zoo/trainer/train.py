"""Trains this environment's zoo entries into OUT/<entry>/ (artifact + expected.json).

    python train.py OUT [NAME,NAME...]    only the entries named (all when omitted)

An entry that fails to train is listed in OUT/_failures-<env>.json (the zoo check reports it as
not trained) and the others go on.
"""

import json
import os
import sys
import time
import traceback
import warnings

import common

common.OUT = sys.argv[1] if len(sys.argv) > 1 else "/out"
wanted = set(sys.argv[2].split(",")) if len(sys.argv) > 2 and sys.argv[2] else None
if wanted:  # a model.tar.gz sample needs the entry it wraps
    wanted |= {n[: -len("-in-model-tar-gz")] for n in wanted if n.endswith("-in-model-tar-gz")}
warnings.filterwarnings("ignore")

import booster_models  # noqa: E402,F401  (importing registers the entries)
import onnx_models  # noqa: E402,F401
import sklearn_models  # noqa: E402,F401
import sagemaker_tar  # noqa: E402

failures = {}
started = time.time()
for name, train in common.ENTRIES:
    if wanted is not None and name not in wanted:
        continue
    try:
        train(name)
    except Exception as error:  # one broken converter must not hide the rest of the zoo
        failures[name] = f"{type(error).__name__}: {error}"
        traceback.print_exc()
if common.ENV == "np2":
    failures.update(sagemaker_tar.wrap_samples(wanted))
with open(os.path.join(common.OUT, f"_failures-{common.ENV}.json"), "w") as f:
    json.dump(failures, f, indent=1)
trained = len([n for n, _ in common.ENTRIES if wanted is None or n in wanted]) - len(failures)
print(f"{common.ENV}: trained {trained} entries in {time.time() - started:.0f} s; {len(failures)} failed: {sorted(failures)}")
