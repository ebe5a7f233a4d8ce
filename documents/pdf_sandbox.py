"""Reading a PDF's text in a child process with limits on pages, time and memory.

pypdf has no limits of its own that a crafted file could not get around (250 pages that
share one 70 MB content stream take minutes and gigabytes; a page tree can be made as
large as the file allows). The reading therefore runs in a separate process with
``RLIMIT_AS`` (memory) and ``RLIMIT_CPU`` set, and the parent kills it after a wall-clock
timeout. Whatever the PDF does, the caller (the task worker, or the request with the
immediate backend) gets an answer within the timeout.

Children are forked from a small server process (multiprocessing's ``forkserver``) that
has only this module and pypdf loaded: a child starts in milliseconds, inherits no
database connection or thread of the caller, and its memory limit counts from a small
base. No Django in here: the child must not need settings or a database."""

import dataclasses
import multiprocessing
import os
import resource
import time

from .pdf import PdfProblem, PdfTooLarge, read_pdf

DONE = "done"
TOO_LARGE = "too_large"
UNREADABLE = "unreadable"

TIMED_OUT = "Das Auslesen hat zu lange gedauert."
MEMORY = "Das Auslesen braucht zu viel Arbeitsspeicher."
DIED = "Das Auslesen wurde abgebrochen (zu viel Rechenzeit oder Arbeitsspeicher)."


@dataclasses.dataclass(frozen=True)
class Limits:
    max_pages: int = 2000
    timeout: float = 60.0  # seconds, wall clock
    memory_mb: int = 512  # on top of the child's size when it starts


@dataclasses.dataclass(frozen=True)
class Outcome:
    status: str  # DONE, TOO_LARGE or UNREADABLE
    page_count: int | None = None
    text: str = ""
    reason: str = ""  # what went wrong, in German, for the editor


def _current_address_space():
    """Bytes of virtual memory this process uses now (Linux), else 0."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _limit_self(memory_mb, cpu_seconds):
    memory = _current_address_space() + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))


def _german_number(number):
    return f"{number:,}".replace(",", ".")


def _pages(page_count, limit):
    if page_count is None:
        return f"mehr als {_german_number(limit)} Seiten"
    return f"{_german_number(page_count)} Seiten"


def _child(path, limits, connection):
    """Runs in the child process: limit itself, read, send the page count (an int) once
    it is known and then one Outcome."""
    try:
        _limit_self(limits.memory_mb, max(1, int(limits.timeout) + 1))
        with open(path, "rb") as file:
            # The count first: if reading the text then fails, the editor still gets it.
            info = read_pdf(file, max_pages=limits.max_pages, on_page_count=connection.send)
        if info.page_count == 0:
            raise PdfProblem("Das PDF enthält keine Seiten.")
        outcome = Outcome(DONE, info.page_count, info.text)
    except PdfTooLarge as error:
        outcome = Outcome(
            TOO_LARGE,
            error.page_count,
            reason=f"Es hat {_pages(error.page_count, limits.max_pages)}, gelesen werden "
            f"höchstens {_german_number(limits.max_pages)}.",
        )
    except MemoryError:
        outcome = Outcome(TOO_LARGE, reason=MEMORY)
    except PdfProblem as problem:
        outcome = Outcome(UNREADABLE, reason=str(problem))
    except Exception:  # noqa: BLE001 - any failure of pypdf on a hostile file
        outcome = Outcome(UNREADABLE, reason="Das PDF lässt sich nicht auslesen.")
    try:
        connection.send(outcome)
    except MemoryError:
        connection.send(Outcome(TOO_LARGE, reason="Der Text ist zu groß."))
    finally:
        connection.close()


_context = None


def _forkserver():
    global _context
    if _context is None:
        if "forkserver" in multiprocessing.get_all_start_methods():
            _context = multiprocessing.get_context("forkserver")
            _context.set_forkserver_preload([__name__])
        else:  # pragma: no cover - macOS/Windows development machines
            _context = multiprocessing.get_context("spawn")
    return _context


def read_pdf_limited(path, limits=Limits()):
    """Page count and text of the PDF at ``path`` (a local temporary copy), read in a
    child process under ``limits``. Never raises for anything the file does."""
    context = _forkserver()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(path, limits, sender), daemon=True)
    process.start()
    sender.close()
    deadline = time.monotonic() + limits.timeout
    page_count = None
    try:
        while receiver.poll(max(0.0, deadline - time.monotonic())):
            try:
                message = receiver.recv()
            except (EOFError, OSError):  # killed by RLIMIT_CPU/RLIMIT_AS before it answered
                return Outcome(TOO_LARGE, page_count, reason=DIED)
            if isinstance(message, Outcome):
                if message.page_count is None:
                    return dataclasses.replace(message, page_count=page_count)
                return message
            page_count = message
        return Outcome(TOO_LARGE, page_count, reason=TIMED_OUT)
    finally:
        receiver.close()
        if process.is_alive():
            process.kill()
        process.join()
