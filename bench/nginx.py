"""deploy/nginx/ec-site.conf run locally: its placeholders swapped for loopback ports and
temporary folders, with a throwaway self-signed certificate. Used by the deployment test
(tests/test_deploy_nginx.py) and by `make bench` (downloads through X-Accel-Redirect)."""

import shutil
import subprocess
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SITE_CONFIG = BASE_DIR / "deploy" / "nginx" / "ec-site.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
HOST = "www.example.org"
ACCEL_PREFIX = "/_dokumente_intern/"


def installed():
    return Path(NGINX).exists()


class LocalNginx:
    """``upstreams``: the two app ports; ``var_dir``: holds ``static/`` and ``media/``
    (STATIC_ROOT and MEDIA_ROOT of the app servers)."""

    def __init__(self, runtime_dir, upstreams, var_dir, http_port, https_port):
        self.runtime = Path(runtime_dir)
        self.upstreams = upstreams
        self.var_dir = Path(var_dir)
        self.http_port = http_port
        self.https_port = https_port
        self.process = None

    def site_config(self):
        certificate, key = self.runtime / "cert.pem", self.runtime / "key.pem"
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
            + ["-subj", f"/CN={HOST}", "-keyout", str(key), "-out", str(certificate)],
            check=True,
            capture_output=True,
        )
        first, second = (self.upstreams * 2)[:2]
        replacements = {
            "127.0.0.1:8001": f"127.0.0.1:{first}",
            "127.0.0.1:8002": f"127.0.0.1:{second}",
            "listen [::]:80;": "",
            "listen [::]:443 ssl;": "",
            "listen 80;": f"listen 127.0.0.1:{self.http_port};",
            "listen 443 ssl;": f"listen 127.0.0.1:{self.https_port} ssl;",
            "/etc/ssl/certs/www.example.org.pem": str(certificate),
            "/etc/ssl/private/www.example.org.key": str(key),
            "/srv/ec-site/var/": f"{self.var_dir}/",
        }
        site = SITE_CONFIG.read_text()
        for placeholder, value in replacements.items():
            if placeholder not in site:
                raise ValueError(f"deploy/nginx/ec-site.conf lost {placeholder!r}")
            site = site.replace(placeholder, value)
        return site

    def write_config(self):
        self.runtime.mkdir(parents=True, exist_ok=True)
        runtime = self.runtime
        config = runtime / "nginx.conf"
        config.write_text(
            f"""
user root;
worker_processes 1;
pid {runtime}/nginx.pid;
error_log {runtime}/error.log warn;
events {{ worker_connections 512; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log off;
    client_body_temp_path {runtime}/body;
    proxy_temp_path {runtime}/proxy;
    fastcgi_temp_path {runtime}/fastcgi;
    uwsgi_temp_path {runtime}/uwsgi;
    scgi_temp_path {runtime}/scgi;
    {self.site_config()}
}}
"""
        )
        return config

    def start(self):
        config = self.write_config()
        subprocess.run([NGINX, "-t", "-c", str(config)], check=True, capture_output=True)
        self.process = subprocess.Popen([NGINX, "-c", str(config), "-g", "daemon off;"])
        return self

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None
