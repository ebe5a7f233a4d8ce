"""Throwaway Redis servers for the tests: each on a free port of 127.0.0.1, keeping nothing
on disk, configured as the test needs (``maxmemory``, policy). Debian's ``redis-server``
(installed by ``make test-unit`` when missing)."""

import os
import shutil
import socket
import subprocess
import time

import pytest
import redis

REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, *options, port=None):
        self.port = port or free_port()
        self.options = options
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
            + ["--appendonly", "no", *self.options],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                if self.client().ping():
                    return self
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server auf Port {self.port} startet nicht.")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def client(self):
        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=2)

    def entries(self):
        return self.client().dbsize()


def start_redis(*options):
    if not os.path.exists(REDIS_SERVER):
        pytest.fail("redis-server fehlt: `make test-unit` installiert Debians redis-server.")
    return RedisServer(*options).start()
