"""Prometheus metrics of the live channel, per worker process (scrape each worker)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class LiveMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.sockets = Gauge("kyhop_live_sockets", "Connected live-channel websockets",
                             registry=self.registry)
        self.sent = Counter("kyhop_live_messages_sent", "Messages sent on live sockets",
                            registry=self.registry)
        self.overflows = Counter("kyhop_live_queue_overflows",
                                 "Sockets closed (4409) because their send queue overflowed",
                                 registry=self.registry)
        self.fanout_latency = Histogram(
            "kyhop_live_fanout_seconds",
            "From an event's commit to its hand-over to every socket queue of this worker",
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
            registry=self.registry)
        self.resync_seconds = Histogram("kyhop_live_resync_seconds",
                                        "Time of the periodic check against the event table",
                                        registry=self.registry)
        self.snapshots = Counter("kyhop_live_snapshots", "Snapshots sent", registry=self.registry)
        self.snapshot_builds = Counter("kyhop_live_snapshot_builds",
                                       "Snapshots built from the database (the rest were shared)",
                                       registry=self.registry)
        # not the live channel's, but this is the one registry a worker renders at /metrics
        self.unhandled_errors = Counter("kyhop_http_unhandled_errors",
                                        "Requests that ended in an unhandled error (HTTP 500)",
                                        registry=self.registry)

    def render(self) -> bytes:
        return generate_latest(self.registry)
