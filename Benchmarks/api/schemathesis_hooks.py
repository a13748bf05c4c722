"""What a real client does that a schema cannot say (used by Benchmarks/api/schemathesis.sh).

- A new request gets a new Idempotency-Key (a retry reuses its key; replays and a key reused with another request, a
  422, are covered by the router tests). Without this, schemathesis sends the same short keys with different bodies.
- A cursor is one the server gave out (`next_cursor`); made-up ones are a 422 the router tests cover.

Only values the schema calls valid are changed, so negative cases (a malformed key or cursor) still go out as drawn.
"""
import re
import uuid

import schemathesis

KEY = re.compile(r"^[!-~]{1,255}$")
CURSOR = re.compile(r"^[A-Za-z0-9_-]*$")


@schemathesis.hook
def map_headers(ctx, headers):
    if headers and KEY.match(str(headers.get("Idempotency-Key", ""))):
        headers["Idempotency-Key"] = str(uuid.uuid4())
    return headers


@schemathesis.hook
def map_query(ctx, query):
    if query and "cursor" in query and CURSOR.match(str(query["cursor"])):
        del query["cursor"]
    return query
