"""Quota counters: one round trip to Redis per counted action; a refused action is not counted."""

import socket
import uuid

import pytest

from lk_plugin.core import cache as lk_cache
from lk_plugin.core import limits
from lk_plugin.core.cache import ResilientRedisCache


def _redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.2).close()
        return True
    except OSError:
        return False


def _dead_port():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _cache(location):
    lk_cache._breakers.clear()
    return ResilientRedisCache(location, {"KEY_PREFIX": f"lk-test-{uuid.uuid4().hex}"})


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis on 127.0.0.1:6379")
def test_incr_window_counts_in_one_round_trip_and_keeps_the_window(monkeypatch):
    import redis

    cache = _cache("redis://127.0.0.1:6379/3")
    trips = []
    single, batch = redis.Redis.execute_command, redis.client.Pipeline.execute

    def one_command(self, *args, **kwargs):
        if not isinstance(self, redis.client.Pipeline):
            trips.append(args[0])
        return single(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", one_command)
    monkeypatch.setattr(
        redis.client.Pipeline, "execute", lambda self, *a: trips.append("pipeline") or batch(self, *a)
    )
    assert cache.incr_window("k", 1, 60) == 1
    assert cache.incr_window("k", 2, 60) == 3
    assert cache.incr_window("forever", 1, None) == 1
    assert trips == ["pipeline"] * 3  # one round trip per count
    monkeypatch.undo()
    client = cache._cache.get_client("k", write=True)
    try:
        assert cache.get("k") == 3
        assert 0 < client.ttl(cache.make_and_validate_key("k")) <= 60
        assert client.ttl(cache.make_and_validate_key("forever")) == -1
    finally:
        cache.delete_many(["k", "forever"])


def test_incr_window_falls_back_to_the_process_while_redis_is_down():
    cache = _cache(f"redis://127.0.0.1:{_dead_port()}/0")
    assert cache.incr_window("k", 1, 60) == 1
    assert cache.incr_window("k", 1, 60) == 2
    lk_cache._breakers.clear()


def test_a_refused_action_is_not_counted(settings, django_user_model, monkeypatch):
    monkeypatch.setattr(limits, "cache", _cache(f"redis://127.0.0.1:{_dead_port()}/0"))
    settings.LK_QUOTAS = {"pdf": (2, 3600)}
    user = django_user_model(pk=10**6, email="q@example.ru")
    limits.consume_quota(user, "pdf")
    with pytest.raises(limits.QuotaExceeded):
        limits.consume_quota(user, "pdf", 2)
    limits.consume_quota(user, "pdf")  # the refused two were given back
    with pytest.raises(limits.QuotaExceeded):
        limits.consume_quota(user, "pdf")
    assert limits.count("quota:pdf", user.pk) == 2
    lk_cache._breakers.clear()
