from server import media


def test_parameters_are_not_part_of_the_type() -> None:
    parsed = media.parse("Application/JSON; charset=utf-8")
    assert parsed is not None
    assert parsed.essence == "application/json"
    assert parsed.params == {"charset": "utf-8"}


def test_garbage_is_not_a_media_type() -> None:
    assert media.parse("json") is None
    assert media.parse("") is None


def test_jsonlines_aliases() -> None:
    parsed = media.parse("application/x-jsonlines")
    assert parsed is not None and parsed.essence == media.JSONLINES


OFFERED = [media.JSON, media.CSV, media.JSONLINES]


def test_missing_or_wildcard_accept_gets_the_default() -> None:
    assert media.negotiate(None, OFFERED, media.CSV) == media.CSV
    assert media.negotiate("*/*", OFFERED, media.CSV) == media.CSV
    assert media.negotiate("", OFFERED, media.JSON) == media.JSON


def test_q_values_decide() -> None:
    accept = "application/json;q=0.5, text/csv;q=0.9, */*;q=0.1"
    assert media.negotiate(accept, OFFERED, media.JSON) == media.CSV


def test_most_specific_range_wins_over_wildcards() -> None:
    # text/* allows text/csv, but the explicit q=0 for text/csv forbids it.
    assert media.negotiate("text/*, text/csv;q=0", OFFERED, media.JSON) is None
    assert media.negotiate("text/*", OFFERED, media.JSON) == media.CSV


def test_nothing_acceptable() -> None:
    assert media.negotiate("image/png", OFFERED, media.JSON) is None
    assert media.negotiate("application/json;q=0", OFFERED, media.JSON) is None


def test_aliases_and_case_count_in_accept_too() -> None:
    assert media.negotiate("Application/X-NDJSON", OFFERED, media.JSON) == media.JSONLINES
    assert media.negotiate("TEXT/CSV", OFFERED, media.JSON) == media.CSV


def test_a_garbage_range_is_skipped_not_fatal() -> None:
    assert media.negotiate("json, text/csv", OFFERED, media.JSON) == media.CSV
    assert media.negotiate("json", OFFERED, media.JSON) is None


def test_ties_go_to_the_default_then_the_offered_order() -> None:
    tie = "text/csv;q=0.5, application/json;q=0.5"
    assert media.negotiate(tie, OFFERED, media.CSV) == media.CSV
    assert media.negotiate(tie, OFFERED, media.JSON) == media.JSON
    assert media.negotiate("*/*", OFFERED, media.NPY) == media.JSON
