"""Media types as HTTP means them: parameters (`; charset=utf-8`), Accept lists with q-values,
wildcards (`*/*`, `text/*`). SageMaker's own toolkit matches strings exactly; python-mimeparse
parses and negotiates here (2.x from PyPI in the pip flavour, Debian's 1.6 in the debian one)."""

import warnings
from typing import Callable, Dict, List, Optional, Sequence, Tuple

with warnings.catch_warnings():
    # mimeparse 1.6 (Debian's) imports the deprecated cgi module; 2.x vendors what it used.
    warnings.simplefilter("ignore", DeprecationWarning)
    import mimeparse

JSON = "application/json"
CSV = "text/csv"
JSONLINES = "application/jsonlines"
NPY = "application/x-npy"

# Spellings seen in the wild for the same thing.
ALIASES = {
    "application/x-jsonlines": JSONLINES,
    "application/jsonl": JSONLINES,
    "application/x-ndjson": JSONLINES,
    "application/json-lines": JSONLINES,
}


class MediaType:
    __slots__ = ("type", "subtype", "params")

    def __init__(self, type_: str, subtype: str, params: Dict[str, str]) -> None:
        self.type = type_
        self.subtype = subtype
        self.params = params

    @property
    def essence(self) -> str:
        name = f"{self.type}/{self.subtype}"
        return ALIASES.get(name, name)


def parse(value: str) -> Optional[MediaType]:
    """One media type, or None when it is not `type/subtype[; k=v]*`."""
    return _parse(value, mimeparse.parse_mime_type)


def parse_accept(value: str) -> List[MediaType]:
    """The media ranges of an Accept header, each with a `q` in 0..1; garbage ranges are skipped."""
    # mimeparse.best_match raises on one bad range; a client's odd entry should not cost a 406.
    parsed = (_parse(item, mimeparse.parse_media_range) for item in value.split(","))
    return [media for media in parsed if media is not None]


def negotiate(accept: Optional[str], offered: Sequence[str], default: str) -> Optional[str]:
    """The offered type the client prefers most, or None (406).

    A missing Accept, or one that only says `*/*`, gets `default` (SageMaker's
    SAGEMAKER_DEFAULT_INVOCATIONS_ACCEPT) when it is offered.
    """
    if accept is None or not accept.strip():
        return default if default in offered else (offered[0] if offered else None)
    ranges = parse_accept(accept)
    if not ranges:
        return None
    # Rebuilt from the parsed ranges so aliases and case are resolved before mimeparse matches.
    header = ", ".join(f"{media.essence};q={media.params['q']}" for media in ranges)
    # best_match breaks ties for the LATER entry: the default last, then the offered order.
    preferred = ([default] if default in offered else []) + [o for o in offered if o != default]
    return mimeparse.best_match(list(reversed(preferred)), header) or None


Parser = Callable[[str], Tuple[str, str, Dict[str, str]]]


def _parse(value: str, parser: Parser) -> Optional[MediaType]:
    try:
        # MimeTypeParseException is a ValueError in 2.x; 1.6 and older raise ValueError itself.
        type_, subtype, params = parser(value)
    except ValueError:
        return None
    type_, subtype = type_.lower(), subtype.lower()
    if not type_ or not subtype or any(c.isspace() for c in type_ + subtype):
        return None
    return MediaType(type_, subtype, params)
