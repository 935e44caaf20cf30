"""Media types as HTTP means them: parameters (`; charset=utf-8`), Accept lists with q-values,
wildcards (`*/*`, `text/*`). SageMaker's own toolkit matches strings exactly; we parse."""

from typing import Dict, List, Optional, Sequence, Tuple

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

    @property
    def quality(self) -> float:
        try:
            return max(0.0, min(1.0, float(self.params.get("q", "1"))))
        except ValueError:
            return 0.0

    def matches(self, essence: str) -> bool:
        type_, _, subtype = essence.partition("/")
        if self.type == "*":
            return True
        if self.type != type_:
            return False
        return self.subtype == "*" or self.essence == essence

    def specificity(self) -> int:
        return (self.type != "*") + (self.subtype != "*")


def parse(value: str) -> Optional[MediaType]:
    """One media type, or None when it is not `type/subtype[; k=v]*`."""
    head, *rest = value.split(";")
    type_, sep, subtype = head.strip().lower().partition("/")
    if not sep or not type_ or not subtype or " " in type_ or " " in subtype:
        return None
    params = {}
    for part in rest:
        key, eq, val = part.strip().partition("=")
        if eq:
            params[key.strip().lower()] = val.strip().strip('"')
    return MediaType(type_, subtype, params)


def parse_accept(value: str) -> List[MediaType]:
    ranges = []
    for item in _split_commas(value):
        media = parse(item)
        if media is not None:
            ranges.append(media)
    return ranges


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
    best: Optional[Tuple[float, int, int, str]] = None
    for position, essence in enumerate(_default_first(offered, default)):
        quality, specificity = _quality_for(ranges, essence)
        if quality <= 0:
            continue
        key = (quality, specificity, -position, essence)
        if best is None or key[:3] > best[:3]:
            best = key
    return best[3] if best else None


def _quality_for(ranges: Sequence[MediaType], essence: str) -> Tuple[float, int]:
    # The most specific range that matches decides (RFC 9110 section 12.5.1).
    chosen: Optional[MediaType] = None
    for media in ranges:
        if media.matches(essence) and (
            chosen is None or media.specificity() > chosen.specificity()
        ):
            chosen = media
    if chosen is None:
        return 0.0, -1
    return chosen.quality, chosen.specificity()


def _default_first(offered: Sequence[str], default: str) -> List[str]:
    return ([default] if default in offered else []) + [o for o in offered if o != default]


def _split_commas(value: str) -> List[str]:
    parts: List[str] = []
    current: List[str] = []
    quoted = False
    for char in value:
        if char == '"':
            quoted = not quoted
        if char == "," and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return [p for p in (x.strip() for x in parts) if p]
