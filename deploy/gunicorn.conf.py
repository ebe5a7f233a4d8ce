"""gunicorn settings of the site: `gunicorn -c deploy/gunicorn.conf.py` (README, Production
deployment). Values from the environment where an operator is expected to change them;
options in GUNICORN_CMD_ARGS or on the command line override this file."""

import os

wsgi_app = "ec_site.wsgi"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each request holds one process, so the count is the number of requests
# served at the same time. WEB_CONCURRENCY is also what `check --deploy` reads (W002).
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * (os.cpu_count() or 1) + 1, 8))
worker_class = "sync"
# Load the site before binding the port: a restarting instance refuses connections until
# it can answer them (nginx then tries the other instance), instead of accepting requests
# that wait for the workers to boot (rolling restart, tests/test_deploy_nginx.py).
preload_app = True


def on_starting(server):
    """In the master process, after loading the site (preload) and before binding the port
    and forking the workers: compile the templates once, so that every worker, also one
    restarted after max_requests, starts with them (site/workers.py)."""
    if server.cfg.preload_app:
        from ec_site.workers import prepare_master

        prepare_master()


def worker_exit(server, worker):
    """A worker ending normally (max_requests, reload, stop) skips the interpreter's
    teardown, so that the master can replace it at once (site/workers.py)."""
    from ec_site.workers import finish_worker, is_normal_exit

    if is_normal_exit():
        finish_worker()


# gunicorn's control socket (one path per machine by default) is not used: several
# instances run on one machine (ec-site@8001, ec-site@8002) and would share it.
control_socket_disable = True

# A request that takes longer is killed (nothing the site does should: PDF text is read
# in a background task). Graceful: time for running requests on reload or stop.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Behind a proxy that keeps connections to gunicorn open.
keepalive = 5

# Request head limits (a request over them gets 400 from gunicorn, before Django): the
# request line (method, path with query string), the number of header fields and the size
# of each. A Range header with thousands of digits fits into a field; documents/serving.py
# answers it without error. The body size is limited by the web server in front
# (client_max_body_size) and by Django (DATA_UPLOAD_MAX_MEMORY_SIZE,
# WAGTAILDOCS_MAX_UPLOAD_SIZE).
limit_request_line = 4094
limit_request_fields = 60
limit_request_field_size = 8190

# Restart each worker after about 1,000 requests (jitter: not all at once), so a slow
# leak in any library cannot grow without bound.
max_requests = 1000
max_requests_jitter = 100

# Proxies whose X-Forwarded-* headers are trusted (the TLS-terminating web server).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log on stdout (journald/systemd keeps it): what the privacy statement names
# (address, time, request, status, size, referrer, browser) and the time taken in ms.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None  # empty: no access log
access_log_format = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
