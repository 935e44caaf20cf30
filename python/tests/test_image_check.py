"""Versions the image cannot install are named, with what was chosen instead (asks PyPI)."""

from stagemaker import image_check


def test_installable_versions_stand():
    result = image_check.check({"numpy": "2.2.6", "scipy": "1.15.3"}, "amd64")
    assert result.pins == {"numpy": "2.2.6", "scipy": "1.15.3"} and result.replaced == []


def test_a_version_without_a_wheel_for_the_images_python_is_replaced_and_said():
    # numpy 1.21.0 predates Python 3.11: no cp311 wheel; the newest 1.x that has one is 1.26.4.
    result = image_check.check({"numpy": "1.21.0", "scipy": "1.15.3"}, "amd64")
    assert result.pins == {"numpy": "1.26.4", "scipy": "1.15.3"}
    [replaced] = result.replaced
    assert (replaced.package, replaced.notebook, replaced.image) == ("numpy", "1.21.0", "1.26.4")
    assert "no wheel for CPython 3.11 on Linux x86_64" in replaced.why


def test_platform_tags_cover_the_images_glibc_and_arch():
    tags = image_check.platform_tags("arm64")
    assert "manylinux_2_36_aarch64" in tags and "manylinux2014_aarch64" in tags and "manylinux_2_17_aarch64" in tags
