"""Versions the person wrote in requirements.txt (a notebook's whole environment, say) win over
the adapter's table for every package, not only the framework's."""

from server.frameworks.requested import honour, requested_versions

SKLEARN = {
    "package": "scikit-learn",
    "version": "1.9.1",
    "requirements": ["scikit-learn==1.9.1", "numpy", "scipy", "pandas"],
    "systemPackages": [],
    "notes": ["scikit-learn 1.9.1 (asked for) is outside the tested table."],
}


def test_numeric_stack_pins_replace_the_adapters_and_extra_packages_are_kept():
    asked = requested_versions("scikit-learn==1.9.1\nnumpy==2.4.6\nscipy==1.17.1\njoblib==1.6.0\n")
    out = honour(SKLEARN, asked)
    assert out["requirements"] == [
        "scikit-learn==1.9.1",
        "numpy==2.4.6",
        "scipy==1.17.1",
        "pandas",
        "joblib==1.6.0",
    ]
    assert out["notes"][0] == SKLEARN["notes"][0]
    assert out["notes"][-1] == (
        "Versions from requirements.txt honoured: numpy==2.4.6 (the adapter's: unpinned),"
        " scipy==1.17.1 (the adapter's: unpinned), joblib==1.6.0."
    )


def test_the_framework_line_stays_as_the_adapter_decided():
    # e.g. the adapter moved an asked version without wheels to the oldest that has them
    pins = {**SKLEARN, "requirements": ["scikit-learn==1.1.3", "numpy==1.23.5"]}
    out = honour(pins, requested_versions("scikit-learn==1.0.2\n"))
    assert out["requirements"] == ["scikit-learn==1.1.3", "numpy==1.23.5"]


def test_xgboost_and_xgboost_cpu_are_one_package():
    pins = {
        "package": "xgboost-cpu",
        "requirements": ["xgboost-cpu==3.2.0", "numpy==2.2.6"],
        "notes": [],
    }
    out = honour(pins, requested_versions("xgboost==3.2.0\nnumpy==2.4.6\n"))
    assert out["requirements"] == ["xgboost-cpu==3.2.0", "numpy==2.4.6"]


def test_nothing_asked_changes_nothing():
    assert honour(SKLEARN, {}) is SKLEARN
    assert honour(SKLEARN, requested_versions("scikit-learn==1.9.1")) is SKLEARN
