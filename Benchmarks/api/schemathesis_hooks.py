"""What a real client does that a schema cannot say (used by Benchmarks/api/schemathesis.sh).

Applied just before each request is sent, in every phase (examples, coverage, fuzzing, stateful):
- A new request gets a new Idempotency-Key (a retry reuses its key; replays and a key reused with another request, a
  422, are covered by the router tests). Without this, schemathesis sends the same short keys with different bodies.
- A cursor is one the server gave out (`next_cursor`); made-up ones are a 422 the router tests cover.
- With ST_ACT_FOR set (the service token's run), the bot acts for that one user: every valid `user_id` becomes it, so
  the tickets it opens are the ones it then reads, replies to and rates. Another user's ticket is a 404 by design
  (the isolation tests cover it), which schemathesis's stateful phase would take for a lost resource.

Only values the schema calls valid are changed, so negative cases (a malformed key, cursor or id) still go out as drawn.
"""
import os
import re
import uuid

import schemathesis
from hypothesis.internal import lambda_sources

# CPython 3.11.7's `ast` can raise SystemError("AST constructor recursion depth mismatch") while Hypothesis parses a
# source file to describe one of schemathesis's own filter lambdas (a CPython bug, fixed in later 3.11 releases); the
# operation then ends as a "Runtime Error" of the tool, not of the API. A description is only a label: fall back to
# Hypothesis's own "unknown" one.
_describe = lambda_sources._lambda_description


def _lambda_description(f, *args, **kwargs):
    try:
        return _describe(f, *args, **kwargs)
    except SystemError:
        return "lambda: <unknown>"


lambda_sources._lambda_description = _lambda_description

KEY = re.compile(r"^[!-~]{1,255}$")
CURSOR = re.compile(r"^[A-Za-z0-9_-]*$")
USER_ID = re.compile(r"^[0-9]{1,20}$")
ACT_FOR = os.environ.get("ST_ACT_FOR")


def valid_user_id(value):
    """A Discord id as the schema allows it: digits in a string, or a whole number (489 or 489.0) from 0 up."""
    if isinstance(value, bool):
        return False
    if isinstance(value, str):
        return bool(USER_ID.match(value))
    return isinstance(value, (int, float)) and value >= 0 and float(value).is_integer()


@schemathesis.hook
def before_call(ctx, case, kwargs):
    if case.headers and KEY.match(str(case.headers.get("Idempotency-Key", ""))):
        case.headers["Idempotency-Key"] = str(uuid.uuid4())
    if case.query and "cursor" in case.query and CURSOR.match(str(case.query["cursor"])):
        del case.query["cursor"]
    if ACT_FOR:
        if case.query and valid_user_id(case.query.get("user_id")):
            case.query["user_id"] = ACT_FOR
        if isinstance(case.body, dict) and valid_user_id(case.body.get("user_id")):
            case.body["user_id"] = ACT_FOR
