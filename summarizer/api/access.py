"""Who is calling: an API key where the server lists keys (401 without a valid one), else the caller's
address, judged exactly as the page judges a visitor's, so the API is no way around the page's limits."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from starlette.requests import Request

from summarizer.admission import RateLimiter, shared_key_rate_limiter, shared_rate_limiter, visitor_key
from summarizer.api.errors import ApiError
from summarizer.config import Config


@dataclass(frozen=True)
class Caller:
    identity: str  # what the rate limit and the share allowance count against
    limiter: RateLimiter


def caller_of(request: Request, config: Config) -> Caller:
    """The caller, or ApiError 401 where keys are set and none of them was given."""
    if config.api_keys:
        key = _given_key(request)
        if key is None or not any(hmac.compare_digest(key.encode(), k.encode()) for k in config.api_keys):
            raise ApiError(401, "unauthorized", "This server needs an API key: send it as "
                                                "'Authorization: Bearer KEY' or 'X-API-Key: KEY'.")
        # Each key its own rate (a newsroom's system, not a stranger); the digest, never the key, is kept.
        identity = "key " + hashlib.sha256(key.encode()).hexdigest()[:16]
        return Caller(identity, shared_key_rate_limiter(config.api_runs_per_minute or config.runs_per_minute))
    client = request.client.host if request.client else None
    return Caller(visitor_key(client or None, request.headers.get("x-forwarded-for"), config.trusted_proxies),
                  shared_rate_limiter(config.runs_per_minute))


def _given_key(request: Request) -> str | None:
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    return request.headers.get("x-api-key", "").strip() or None
