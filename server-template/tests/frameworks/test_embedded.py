"""The XGBoost version a pickle's booster records (server/frameworks/embedded.py): on real pickles
when the adapters' trained models are here (scripts/test-adapters.sh), on XGBoost's documented
UBJSON and JSON encodings of the version array everywhere."""

import gzip
import json
import os
import zlib
from pathlib import Path

import pytest

from server.frameworks.embedded import xgboost_version

MODELS = os.environ.get("STAGEMAKER_MODELS", "")


def test_the_ubjson_version_array_is_read_in_its_counted_and_typed_forms() -> None:
    counted = b"\x80\x04junk}L\x00\x00\x00\x00\x00\x00\x00\x07version[#i\x03i\x03i\x01i\x02}"
    typed = b"pickle bytes U\x07version[$U#U\x03\x02\x01\x04 more"
    assert xgboost_version(counted) == "3.1.2"
    assert xgboost_version(typed) == "2.1.4"


def test_json_documents_and_compressed_pickles_are_read_and_other_versions_ignored() -> None:
    doc = json.dumps({"learner": {}, "version": [1, 7, 6]}).encode()
    assert xgboost_version(b"\x80\x04" + doc) == "1.7.6"
    assert xgboost_version(zlib.compress(b"\x80\x04" + doc)) == "1.7.6"
    assert xgboost_version(gzip.compress(b"\x80\x04" + doc)) == "1.7.6"
    assert xgboost_version(b'\x80\x04"_sklearn_version" "1.5.2" version[ not an array') is None


@pytest.mark.skipif(not MODELS, reason="no trained models (STAGEMAKER_MODELS unset)")
def test_a_real_xgbclassifier_pickle_gives_the_version_that_saved_it() -> None:
    xgboost = pytest.importorskip("xgboost")
    path = Path(MODELS) / "xgboost-sklearn" / "model.joblib"
    if not path.exists():
        pytest.skip("the trainer made no xgboost-sklearn model")
    assert xgboost_version(path.read_bytes()) == xgboost.__version__
    lightgbm = Path(MODELS) / "lightgbm-sklearn" / "model.joblib"
    if lightgbm.exists():
        assert xgboost_version(lightgbm.read_bytes()) is None
