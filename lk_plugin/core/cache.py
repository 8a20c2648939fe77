"""A Redis cache that a Redis outage cannot turn into failed requests.

``CACHES = {"default": {"BACKEND": "lk_plugin.core.cache.ResilientRedisCache", "LOCATION": REDIS_URL}}``

Django's ``RedisCache`` waits for Redis without limit (no socket timeouts by default) and raises when
Redis refuses connections; every cache call inside a request — rate limits, Wagtail's site root
paths, the staff-address cache inside a submit transaction — then fails the request. This backend:

- bounds every connect and read (``socket_connect_timeout`` / ``socket_timeout`` in ``OPTIONS``,
  default 0.5 s each; no retries);
- on a connection error or timeout logs a warning, marks Redis *down* for ``RETRY_AFTER`` seconds
  (``OPTIONS``, default 10) and answers the call from a per-process in-memory cache instead; while
  Redis is down no call waits for it (one probe per ``RETRY_AFTER``);
- other errors (a bad key, ``incr`` of a missing key) propagate as with ``RedisCache``.

What degrades while Redis is down (docs/security.md, «Redis outage»): values cached by one worker
process are not seen by the others, so rate limits count per process (each worker keeps its own
limits; a restart forgets them) and cached lookups may be up to their timeout stale. Sessions do not
use the fallback: ``lk_plugin.core.sessions`` reads and writes them in the database instead.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("lk_plugin.cache")

DEFAULT_SOCKET_TIMEOUT = 0.5
DEFAULT_RETRY_AFTER = 10.0


class CacheUnavailable(Exception):
    """The shared cache cannot be used right now (down, refusing, or not answering in time)."""


def _unavailable_errors() -> tuple[type[BaseException], ...]:
    try:
        import redis
    except ImportError:  # pragma: no cover - RedisCache itself needs it
        return (OSError,)
    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class _Breaker:
    """Per process and LOCATION: when Redis was last found unusable."""

    def __init__(self):
        self.down_until = 0.0
        self.lock = threading.Lock()


_breakers: dict[str, _Breaker] = {}
_breakers_lock = threading.Lock()


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.retry_after = float(options.pop("RETRY_AFTER", DEFAULT_RETRY_AFTER))
        options.setdefault("socket_connect_timeout", DEFAULT_SOCKET_TIMEOUT)
        options.setdefault("socket_timeout", DEFAULT_SOCKET_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        location = server if isinstance(server, str) else ",".join(server)
        with _breakers_lock:
            self._breaker = _breakers.setdefault(location, _Breaker())
        fallback_params = {k: v for k, v in params.items() if k not in ("OPTIONS", "LOCATION", "BACKEND")}
        fallback_params["OPTIONS"] = {"MAX_ENTRIES": 10000}
        self._fallback = LocMemCache(f"lk-cache-fallback:{location}", fallback_params)
        self._errors = _unavailable_errors()

    # --- state ---
    def is_available(self) -> bool:
        """False while Redis is marked down (no network call is made)."""
        return time.monotonic() >= self._breaker.down_until

    def _mark_down(self, operation: str, exc: BaseException) -> None:
        with self._breaker.lock:
            first = self.is_available()
            self._breaker.down_until = time.monotonic() + self.retry_after
        if first:
            logger.warning(
                "Redis cache unavailable (%s: %s: %s); using the per-process fallback for %.0f s",
                operation,
                type(exc).__name__,
                exc,
                self.retry_after,
            )

    def call_primary(self, operation: str, *args, **kwargs):
        """Run *operation* on Redis only; raise ``CacheUnavailable`` instead of waiting or failing.

        For callers that must not read a possibly stale per-process copy (sessions)."""
        if not self.is_available():
            raise CacheUnavailable(operation)
        try:
            return getattr(super(), operation)(*args, **kwargs)
        except self._errors as exc:
            self._mark_down(operation, exc)
            raise CacheUnavailable(operation) from exc

    def _call(self, operation: str, *args, **kwargs):
        try:
            return self.call_primary(operation, *args, **kwargs)
        except CacheUnavailable:
            return getattr(self._fallback, operation)(*args, **kwargs)

    # --- BaseCache API ---
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", key, value, timeout=timeout, version=version)

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", key, value, timeout=timeout, version=version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=timeout, version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def incr_window(self, key, delta=1, timeout=DEFAULT_TIMEOUT, version=None) -> int:
        """Add *delta* to the counter *key* and return it; a missing counter starts at 0 and expires
        after *timeout* (later additions do not extend it). One round trip (``SET NX EX`` and
        ``INCRBY`` in a pipeline) where ``add`` + ``incr`` took three; the fallback does the same."""
        if self.is_available():
            try:
                redis_key = self.make_and_validate_key(key, version=version)
                client = self._cache.get_client(redis_key, write=True)
                seconds = self.get_backend_timeout(timeout)
                pipe = client.pipeline(transaction=False)
                pipe.set(redis_key, 0, nx=True, ex=None if seconds is None else max(1, int(seconds)))
                pipe.incrby(redis_key, delta)
                return int(pipe.execute()[1])
            except self._errors as exc:
                self._mark_down("incr_window", exc)
        if self._fallback.add(key, delta, timeout=timeout, version=version):
            return delta
        return self._fallback.incr(key, delta, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", data, timeout=timeout, version=version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def clear(self):
        self._fallback.clear()
        return self._call("clear")
