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
