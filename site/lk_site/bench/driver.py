"""A bounded HTTP load client for the loopback gunicorn (stdlib only: http.client and threads)."""

import http.client
import statistics
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import quote, urlencode

CSRF_SECRET = "benchcsrfsecret0123456789abcdefX"  # noqa: S105 - 32 chars: Django accepts the unmasked secret


@dataclass
class Sample:
    status: int
    ms: float
    queries: int | None
    location: str = ""


@dataclass
class Series:
    samples: list = field(default_factory=list)

    def add(self, sample: Sample):
        self.samples.append(sample)

    @property
    def times(self):
        return sorted(s.ms for s in self.samples)

    def median(self):
        return statistics.median(self.times) if self.samples else 0.0

    def p95(self):
        times = self.times
        if not times:
            return 0.0
        return times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]

    def max_queries(self):
        counts = [s.queries for s in self.samples if s.queries is not None]
        return max(counts) if counts else None

    def errors(self, ok=(200,)):
        return sum(1 for s in self.samples if s.status not in ok)


class Client:
    def __init__(self, port: int, session_key: str | None = None, timeout: float = 120):
        self.port = port
        self.timeout = timeout
        cookies = [f"csrftoken={CSRF_SECRET}"]
        if session_key:
            cookies.append(f"sessionid={session_key}")
        self.cookie = "; ".join(cookies)

    def request(self, method: str, path: str, data: dict | None = None) -> Sample:
        headers = {"Cookie": self.cookie, "Host": "127.0.0.1"}
        body = None
        if data is not None:
            body = urlencode({**data, "csrfmiddlewaretoken": CSRF_SECRET}, doseq=True).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        started = time.perf_counter()
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
        try:
            conn.request(method, quote(path, safe="/?=&%+:;,"), body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            elapsed = (time.perf_counter() - started) * 1000
            queries = response.getheader("X-Bench-Queries")
            return Sample(
                response.status,
                elapsed,
                int(queries) if queries else None,
                response.getheader("Location", ""),
            )
        except OSError:
            return Sample(599, (time.perf_counter() - started) * 1000, None)
        finally:
            conn.close()

    def get(self, path):
        return self.request("GET", path)

    def post(self, path, data):
        return self.request("POST", path, data)


def alternate(n: int, product, baseline) -> tuple[Series, Series]:
    """Run product() and baseline() n times each, interleaved, so drift hits both alike."""
    a, b = Series(), Series()
    for i in range(n):
        if i % 2:
            b.add(baseline())
            a.add(product())
        else:
            a.add(product())
            b.add(baseline())
    return a, b


def concurrent(calls) -> tuple[list[Sample], float]:
    """Fire every call at once (a barrier releases them together); returns samples and wall seconds."""
    barrier = threading.Barrier(len(calls) + 1)
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return results, time.perf_counter() - started


def spread(calls, workers: int) -> list[Sample]:
    """Run the calls with `workers` threads (a bounded pool); returns the samples."""
    lock = threading.Lock()
    queue = list(enumerate(calls))
    results: list = [None] * len(calls)

    def run():
        while True:
            with lock:
                if not queue:
                    return
                i, call = queue.pop()
            results[i] = call()

    threads = [threading.Thread(target=run) for _ in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
