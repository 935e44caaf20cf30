"""The XGBoost version a pickle really needs, read from its bytes (standard library only).

An XGBClassifier/XGBRegressor pickled through scikit-learn's API records no xgboost version in
the pickle itself, but its booster is stored as XGBoost's own UBJSON (2.x, 3.x) or JSON document,
which carries `"version": [major, minor, patch]`. The host's detection reads the same evidence
(app/core/model/detect/xgboost-file.ts) to pin; introspection reads it again to refuse a booster
that the installed XGBoost would answer differently for (a 3.x model under 2.x, say).
"""

import bz2
import gzip
import lzma
import re
import zlib
from typing import List, Optional, Tuple

# UBJSON integer markers: int8, uint8, int16, int32, int64 (big-endian, signed but uint8).
_UBJ_INTS = {b"i": (1, True), b"U": (1, False), b"I": (2, True), b"l": (4, True), b"L": (8, True)}
_JSON = re.compile(rb'"version"\s*:\s*\[\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\]')


def _ubj_int(data: bytes, at: int, marker: bytes) -> Tuple[int, int]:
    size, signed = _UBJ_INTS[marker]
    if at + size > len(data):
        raise ValueError("truncated")
    return int.from_bytes(data[at : at + size], "big", signed=signed), at + size


def _ubj_version(data: bytes, at: int) -> Optional[Tuple[int, ...]]:
    """The int array after `version` at `at` (the `[`), or None when it is not one."""
    try:
        at += 1
        typed = None
        if data[at : at + 1] == b"$":
            typed, at = data[at + 1 : at + 2], at + 2
        count = None
        if data[at : at + 1] == b"#":
            count, at = _ubj_int(data, at + 2, data[at + 1 : at + 2])
        values: List[int] = []
        while (count is None or len(values) < count) and len(values) < 4:
            marker = typed or data[at : at + 1]
            if marker == b"]":
                break
            value, at = _ubj_int(data, at + (0 if typed else 1), marker)
            values.append(value)
        return tuple(values) if len(values) == 3 else None
    except (KeyError, ValueError, IndexError):
        return None


def inflate(data: bytes) -> bytes:
    """joblib's compressed files (zlib, gzip, bz2, xz/lzma) as the pickle they hold."""
    try:
        if data[:2] == b"\x1f\x8b":
            return gzip.decompress(data)
        if data[:3] == b"BZh":
            return bz2.decompress(data)
        if data[:6] == b"\xfd7zXZ\x00" or data[:1] == b"\x5d":
            return lzma.decompress(data)
        if data[:1] == b"\x78":
            return zlib.decompress(data)
    except (OSError, ValueError, lzma.LZMAError, zlib.error):
        pass
    return data


def xgboost_version(data: bytes) -> Optional[str]:
    """The newest "version" array of an XGBoost document embedded in `data` (a pickle's bytes)."""
    data = inflate(data)
    found = []
    at = data.find(b"version[")
    while at >= 0:
        version = _ubj_version(data, at + len(b"version"))
        if version and version[0] < 10:
            found.append(version)
        at = data.find(b"version[", at + 1)
    found += [tuple(int(g) for g in m.groups()) for m in _JSON.finditer(data)]
    found = [v for v in found if v[0] < 10]
    return ".".join(str(p) for p in max(found)) if found else None


def file_xgboost_version(path: str) -> Optional[str]:
    with open(path, "rb") as f:
        return xgboost_version(f.read())
