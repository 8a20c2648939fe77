"""Cached, database-backed sessions that survive the cache being down or hung.

``SESSION_ENGINE = "lk_plugin.core.sessions"``

The database is the record; the cache only saves reads. Django's ``cached_db`` writes the cache
unguarded when it loads a session from the database, so with Redis refusing connections every
logged-in page answered 500 before any view ran, and with Redis hung it waited without limit.
Here every cache call is guarded: a failure reads from and writes to the database only. With
``lk_plugin.core.cache.ResilientRedisCache`` the calls are bounded by its socket timeouts and skipped
entirely while it marks Redis down — and sessions never use its per-process fallback (a worker's
stale copy could revive a session another worker ended).

A session written or ended while the cache was unreachable may still have its older copy in Redis;
cache copies live at most ``LK_SESSION_CACHE_SECONDS`` (default 300 s), so such a copy is gone
that long after the write.
"""

import contextlib
import logging

from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

logger = logging.getLogger("lk_plugin.sessions")

DEFAULT_CACHE_SECONDS = 300


class _Unavailable(Exception):
    pass


class SessionStore(CachedDBStore):
    def _cache_call(self, operation, *args, **kwargs):
        from .cache import CacheUnavailable

        primary = getattr(self._cache, "call_primary", None)
        try:
            if primary is not None:
                return primary(operation, *args, **kwargs)
            return getattr(self._cache, operation)(*args, **kwargs)
        except CacheUnavailable as exc:
            raise _Unavailable from exc
        except Exception as exc:  # any backend: a cache problem must not fail the request
            logger.warning(
                "Session cache %s failed (%s: %s); using the database", operation, type(exc).__name__, exc
            )
            raise _Unavailable from exc

    def _cache_seconds(self, expiry_age) -> int:
        limit = getattr(settings, "LK_SESSION_CACHE_SECONDS", DEFAULT_CACHE_SECONDS)
        return max(0, min(int(expiry_age), int(limit)))

    def load(self):
        try:
            data = self._cache_call("get", self.cache_key)
        except _Unavailable:
            data = None
            cache_usable = False
        else:
            cache_usable = True
        if data is not None:
            return data
        s = self._get_session_from_db()
        if not s:
            return {}
        data = self.decode(s.session_data)
        if cache_usable:
            with contextlib.suppress(_Unavailable):
                self._cache_call(
                    "set",
                    self.cache_key,
                    data,
                    self._cache_seconds(self.get_expiry_age(expiry=s.expire_date)),
                )
        return data

    def exists(self, session_key):
        if not session_key:
            return False
        try:
            if self._cache_call("has_key", self.cache_key_prefix + session_key):
                return True
        except _Unavailable:
            pass
        return super(CachedDBStore, self).exists(session_key)

    def save(self, must_create=False):
        super(CachedDBStore, self).save(must_create)
        with contextlib.suppress(_Unavailable):
            self._cache_call("set", self.cache_key, self._session, self._cache_seconds(self.get_expiry_age()))

    def delete(self, session_key=None):
        super(CachedDBStore, self).delete(session_key)
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        with contextlib.suppress(_Unavailable):
            self._cache_call("delete", self.cache_key_prefix + session_key)

    # The async variants (ASGI) take the same guarded paths.
    async def aload(self):
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.load)()

    async def aexists(self, session_key):
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.exists)(session_key)

    async def asave(self, must_create=False):
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.save)(must_create)

    async def adelete(self, session_key=None):
        from asgiref.sync import sync_to_async

        return await sync_to_async(self.delete)(session_key)
