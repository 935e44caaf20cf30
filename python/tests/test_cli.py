"""Finding the Stagemaker CLI, or saying how to install it."""

import shutil

import pytest
from conftest import REPO

from stagemaker import ScaffoldError, cli


def test_a_checkout_above_the_working_folder_is_found(monkeypatch):
    monkeypatch.delenv("STAGEMAKER_CLI", raising=False)
    monkeypatch.setenv("PATH", str(REPO / "no-such-folder") + ":" + str(shutil.which("node")).rsplit("/", 1)[0])
    monkeypatch.chdir(REPO / "python")
    assert cli.find_cli()[-1] == str(REPO / "bin" / "stagemaker.mjs")


def test_without_a_cli_it_says_how_to_install_one(monkeypatch, tmp_path):
    monkeypatch.delenv("STAGEMAKER_CLI", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli, "__file__", str(tmp_path / "site-packages" / "stagemaker" / "cli.py"))
    with pytest.raises(ScaffoldError, match="npm ci") as err:
        cli.find_cli()
    assert "STAGEMAKER_CLI" in str(err.value)


def test_a_wrong_stagemaker_cli_variable_is_named(monkeypatch, tmp_path):
    monkeypatch.setenv("STAGEMAKER_CLI", str(tmp_path / "nope.mjs"))
    with pytest.raises(ScaffoldError, match="nope.mjs, which does not exist"):
        cli.find_cli()
