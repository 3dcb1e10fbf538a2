"""What a run works out from a file reportcli ships (the glossary), kept in the cache beside the reports'
entries, so that an English query does not parse YAML and stem a thousand forms on every run.

The entry is an ordinary cache entry (``cache``: private directory, written atomically, evicted with
the others), the database ``store.build`` makes of no report, whose info records the build and the
content hash of the file the value was worked out from, and whose ``derived`` table holds the value as
checksummed JSON. It is read only when both match; anything else (another build, an edited file, a
damaged row) means the value is worked out again and the entry replaced. The caller checks the value's
shape as it checks the file's: the cache can make a run faster, never change what it answers. (As
with the reports' entries, the checksums catch damage, not a forger who writes into the private
cache directory and recomputes them: that is the user, who can edit the glossary as well.)
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

from reportcli.db import cache, store
from reportcli.db.checked import Damaged, rows


def value(name: str, raw: bytes, work: Callable[[], Any]) -> Any:
    """``work()`` (plain JSON data, worked out from the bytes ``raw`` of the file ``name``), from the
    cache when an entry made by this build from these very bytes holds it, else worked out and kept."""
    if cache.disabled():
        return work()
    key = f"kept:{name}"
    digest = cache.digest(raw)
    entries = cache.Cache()  # silent: what keeps the cache from being used is said by the reports' load
    found = _read(entries, key, name, digest)
    if found is not None:
        return found
    worked = work()
    with contextlib.suppress(cache.Unwritable), entries.writing(key) as entry:
        if entry is not None:
            con = store.build([], stamp={**cache.built_by(), "digest": digest}, target=entry)
            store.save_derived(con, name, worked)
            con.close()
    return worked


def _read(entries: cache.Cache, key: str, name: str, digest: str) -> Any:
    con = entries.open(key)
    if con is None:
        return None
    try:
        recorded = store.info(con)
        if recorded.get("format") != str(store.FORMAT) or recorded.get("digest") != digest:
            return None
        if not cache.same_build(recorded):
            return None
        found = list(rows(con, "SELECT name, value, checksum FROM derived WHERE name = ?", (name,)))
        return json.loads(found[0][1]) if len(found) == 1 and isinstance(found[0][1], str) else None
    except (Damaged, ValueError, RecursionError):
        return None
    finally:
        con.close()
