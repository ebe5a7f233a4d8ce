"""What gunicorn's processes do once: the master before it forks the workers, a worker
when it ends (``deploy/gunicorn.conf.py``).

gunicorn loads the site in its master process (``preload_app``) and forks the workers
from it, also each worker it restarts after ``max_requests``:

* Templates compiled in the master are inherited by every worker, so a new worker's first
  requests do not spend about 0.2 s compiling the page templates.
* A worker that ends normally leaves without the interpreter's teardown, which takes
  about 0.7 s in a forked worker (every object of the inherited site is touched, so its
  memory is copied first). Until the worker is gone, the master does not start its
  replacement, and the other workers serve alone."""

import gc
import logging
import os
import sys
from pathlib import Path

from django.db import connections
from django.template import TemplateDoesNotExist, TemplateSyntaxError
from django.template.autoreload import get_template_directories
from django.template.loader import get_template

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = {".html", ".txt", ".xml"}


def template_names():
    """The names of all templates in the project's and the apps' template folders."""
    names = set()
    for directory in get_template_directories():
        for path in Path(directory).rglob("*"):
            if path.suffix in TEMPLATE_SUFFIXES and path.is_file():
                names.add(path.relative_to(directory).as_posix())
    return sorted(names)


def compile_templates():
    """Load (and so compile and keep, with the cached template loader) every template;
    returns how many. A template that does not compile on its own (a fragment meant for
    another engine, say) is skipped: it fails where it is used, as before."""
    compiled = 0
    for name in template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError, UnicodeDecodeError):
            continue
        compiled += 1
    logger.info("%s Vorlagen vorab übersetzt", compiled)
    return compiled


def prepare_master():
    """In the master, after loading the site and before forking: compile the templates,
    then keep the garbage collector away from everything loaded so far (``gc.freeze``:
    a collection in a worker would otherwise write to, and so copy, the shared memory)."""
    compile_templates()
    gc.freeze()


def finish_worker():
    """End a worker process now: write what it still holds (the search statistics),
    close its database connections and logs, then leave without the teardown."""
    from search.promotions import write_query_statistics

    write_query_statistics()
    connections.close_all()
    for handler in logging.getLogger().handlers:
        handler.flush()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def is_normal_exit():
    """Whether the worker is ending normally: gunicorn calls its ``worker_exit`` hook while
    the worker's ``SystemExit`` propagates; 0 (or none) is a normal end, other codes tell
    the master of a failed boot and must reach it."""
    error = sys.exc_info()[1]
    return isinstance(error, SystemExit) and error.code in (0, None)
