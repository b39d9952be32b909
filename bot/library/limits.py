"""Reading a document within limits, so a file bomb costs one child process, never the server.

``extract(path, data)`` is ``formats.extract`` with limits around it (issue 24):

* PDFs, Word files and web pages over ``IN_PROCESS_HTML_BYTES`` are read in a child process
  (``multiprocessing``'s forkserver: forked from a small clean process, never from the threaded
  server) whose address space is capped with ``resource.setrlimit`` (``ROCU_READ_MEMORY_MB``,
  default 1024) and its CPU time (``ROCU_READ_SECONDS``, default 20 CPU seconds: a busy machine
  does not shorten what a real document gets), with ``ROCU_READ_WALL_SECONDS`` (120) on the clock
  as a backstop. The bytes go to it through a temporary file, so the server never holds a second
  copy;
* a Word file (a zip) whose members unpack to more than ``ROCU_MAX_UNZIPPED_MB`` (default 100) is
  refused before anything is unpacked; a PDF of more than ``ROCU_MAX_PAGES`` pages (default 2000),
  or whose text, estimated from 5 pages spread through it, would pass the text cap, before its
  pages are read;
* a web page over ``ROCU_MAX_HTML_MB`` (default 20) is refused before it is parsed;
* text longer than ``ROCU_MAX_TEXT_CHARS`` characters (default 5,000,000: some 1,500 pages) is
  refused, in the child before it is sent back;
* any failure of a reader (a library's own error, a bug) is ``UnreadableFile`` with one sentence,
  so a folder ingest skips the file and goes on.

``ROCU_READ_ISOLATION=0`` reads everything in the calling process (where processes cannot be
started); the size, page and text caps still hold, the memory and time limits do not.
"""

from __future__ import annotations

import io
import logging
import math
import multiprocessing
import os
import signal
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from bot.library import formats, pdf
from bot.library.extracted import Extracted, UnreadableFile

log = logging.getLogger("rocu.library.limits")

IN_PROCESS_HTML_BYTES = 1024 * 1024  # smaller web pages are read in the calling process
PRELOAD = [
    "bot.library.formats",
    "bot.library.pdf",
    "bot.library.limits",
    "trafilatura",
    "docx",
    "pypdf",
    "pypdfium2",
]
_context = None


@dataclass(frozen=True)
class Limits:
    seconds: float = 20.0  # CPU seconds (RLIMIT_CPU): a busy machine does not shorten them
    wall_seconds: float = 120.0  # a backstop on the clock (a child stuck waiting)
    memory_mb: int = 1024
    unzipped_mb: int = 100
    pages: int = 2000
    text_chars: int = 5_000_000
    html_mb: float = 20.0  # a web page's own size: real ones are far smaller
    isolate: bool = True

    @classmethod
    def from_env(cls, env=None) -> Limits:
        env = os.environ if env is None else env

        def number(name: str, default):
            raw = (env.get(name) or "").strip()
            try:
                value = type(default)(float(raw)) if raw else default
            except ValueError:
                return default
            return value if value > 0 else default

        isolation = (env.get("ROCU_READ_ISOLATION") or "1").strip().lower()
        return cls(
            seconds=number("ROCU_READ_SECONDS", cls.seconds),
            wall_seconds=number("ROCU_READ_WALL_SECONDS", cls.wall_seconds),
            memory_mb=number("ROCU_READ_MEMORY_MB", cls.memory_mb),
            unzipped_mb=number("ROCU_MAX_UNZIPPED_MB", cls.unzipped_mb),
            pages=number("ROCU_MAX_PAGES", cls.pages),
            text_chars=number("ROCU_MAX_TEXT_CHARS", cls.text_chars),
            html_mb=number("ROCU_MAX_HTML_MB", cls.html_mb),
            isolate=isolation not in {"0", "false", "no", "off"},
        )


def extract(path: Path, data: bytes, limits: Limits | None = None) -> Extracted:
    """``formats.extract(path, data)`` within ``limits``; raises ``UnreadableFile`` (one
    sentence) for anything that cannot be read or breaks a limit."""
    limits = limits or Limits.from_env()
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in formats.HTML_SUFFIXES and len(data) > limits.html_mb * 1024 * 1024:
        raise UnreadableFile(
            f"the page is {len(data) / 1048576:,.0f} MB, over the limit of {limits.html_mb:g} MB "
            "for a web page"
        )
    if not limits.isolate or not _needs_child(suffix, data):
        return _read(path, data, limits)
    try:
        return _in_child(path, data, limits)
    except UnreadableFile as exc:
        if suffix != ".pdf" or str(exc) != pdf.NEEDS_OCR:
            raise
    return _by_ocr(data, limits)


def _by_ocr(data: bytes, limits: Limits) -> Extracted:
    """A PDF of page images, read by OCR in this process (its own worker thread; minutes of CPU,
    more than a reading child gets); the page and text caps hold."""
    found = pdf.pdf_extract_by_ocr(data)
    found.text = formats.normalise_whitespace(found.text)
    if not found.text.strip():
        raise UnreadableFile("no text found in the file")
    return _within_text_cap(found, limits)


def _within_text_cap(found: Extracted, limits: Limits) -> Extracted:
    """``found``, unless its text runs past the text cap (then one sentence says so)."""
    if len(found.text) > limits.text_chars:
        raise UnreadableFile(
            f"its text runs to {len(found.text):,} characters, over the limit of "
            f"{limits.text_chars:,}"
        )
    return found


def _needs_child(suffix: str, data: bytes) -> bool:
    if suffix in (".pdf", ".docx"):
        return True
    return suffix in formats.HTML_SUFFIXES and len(data) > IN_PROCESS_HTML_BYTES


def _read(path: Path, data: bytes, limits: Limits) -> Extracted:
    """Read in this process, the caps checked; every failure one sentence."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        _check_unzipped(data, limits)
    elif suffix == ".pdf":
        _check_pages(data, limits)
    try:
        found = formats.extract(path, data)
    except UnreadableFile:
        raise
    except MemoryError as exc:
        raise UnreadableFile(_memory_sentence(limits)) from exc
    except RecursionError as exc:
        raise UnreadableFile("it is nested too deeply to read") from exc
    except Exception as exc:  # a reader's own error (pypdf's LimitReachedError...) or a bug
        raise UnreadableFile(f"it could not be read ({type(exc).__name__})") from exc
    return _within_text_cap(found, limits)


def _check_unzipped(data: bytes, limits: Limits) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            total = sum(max(info.file_size, 0) for info in package.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnreadableFile("the .docx is corrupt or not a Word document") from exc
    if total > limits.unzipped_mb * 1024 * 1024:
        raise UnreadableFile(
            f"it unpacks to {total / 1048576:,.0f} MB, over the limit of {limits.unzipped_mb} MB"
        )


def _check_pages(data: bytes, limits: Limits) -> None:
    """Refuse a PDF with too many pages, or whose text, estimated from a few pages spread
    through it, would run far past the text cap (a small file whose pages all draw one huge
    content stream), before its pages are read one by one."""
    count, sample = _pdf_sample(data)
    if count is not None and count > limits.pages:
        raise UnreadableFile(f"it has {count:,} pages, over the limit of {limits.pages:,}")
    if count and sample:
        estimate = int(sum(sample) / len(sample) * count)
        if estimate > limits.text_chars:
            raise UnreadableFile(
                f"its text would run to about {estimate:,} characters, over the limit of "
                f"{limits.text_chars:,}"
            )


SAMPLE_PAGES = 5


def _pdf_sample(data: bytes) -> tuple[int | None, list[int]]:
    """(page count, characters on a few pages spread through it), or (None, []) when it cannot
    be read cheaply (the reader then says why)."""
    try:
        import pypdfium2
    except ImportError:
        pypdfium2 = None
    try:
        if pypdfium2 is not None:
            document = pypdfium2.PdfDocument(data)
            try:
                count = len(document)
                sample = []
                for n in _spread(count):
                    page = document[n]
                    text = page.get_textpage()
                    sample.append(len(text.get_text_range()))
                    text.close()
                    page.close()
                return count, sample
            finally:
                document.close()
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        count = len(reader.pages)
        return count, [len(reader.pages[n].extract_text() or "") for n in _spread(count)]
    except Exception:  # noqa: BLE001 - a damaged or protected file: the reader gives the sentence
        return None, []


def _spread(count: int) -> list[int]:
    if count <= SAMPLE_PAGES:
        return list(range(count))
    return sorted({round(i * (count - 1) / (SAMPLE_PAGES - 1)) for i in range(SAMPLE_PAGES)})


def _time_sentence(seconds: float) -> str:
    unit = "second" if seconds == 1 else "seconds"
    return f"it took longer than {seconds:g} {unit} to read, so I stopped"


def _memory_sentence(limits: Limits) -> str:
    return f"reading it needs more than {limits.memory_mb:,} MB of memory, the most allowed"


# -- the child process --------------------------------------------------------------------------


def _get_context():
    global _context
    if _context is None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        _context = context
    return _context


try:  # the forkserver's Process, minus re-running the caller's ``__main__`` in each child
    from multiprocessing import forkserver, popen_forkserver, reduction, spawn, util
    from multiprocessing.context import ForkServerProcess, set_spawning_popen

    class _Popen(popen_forkserver.Popen):
        """multiprocessing re-runs the parent's ``__main__`` in a child so that functions pickled
        from a script resolve; the reader is a module function, and a script fed on stdin (or a
        console) has no file to re-run, so that step is left out."""

        def _launch(self, process_obj):
            prep_data = spawn.get_preparation_data(process_obj._name)
            prep_data.pop("init_main_from_name", None)
            prep_data.pop("init_main_from_path", None)
            buf = io.BytesIO()
            set_spawning_popen(self)
            try:
                reduction.dump(prep_data, buf)
                reduction.dump(process_obj, buf)
            finally:
                set_spawning_popen(None)
            self.sentinel, w = forkserver.connect_to_new_process(self._fds)
            parent_w = os.dup(w)
            self.finalizer = util.Finalize(self, util.close_fds, (parent_w, self.sentinel))
            with open(w, "wb", closefd=True) as f:
                f.write(buf.getbuffer())
            self.pid = forkserver.read_signed(self.sentinel)

    class _ReaderProcess(ForkServerProcess):
        @staticmethod
        def _Popen(process_obj):  # noqa: N802 - multiprocessing's name
            return _Popen(process_obj)

except ImportError:  # pragma: no cover - not POSIX
    _ReaderProcess = None


def _in_child(path: Path, data: bytes, limits: Limits) -> Extracted:
    context = _get_context()
    with tempfile.NamedTemporaryFile(prefix="rocu-read-", suffix=path.suffix) as spool:
        spool.write(data)
        spool.flush()
        receive, send = context.Pipe(duplex=False)
        child = (_ReaderProcess or context.Process)(
            target=_child_main,
            args=(send, path.name, spool.name, limits),
            name="rocu-read",
            daemon=True,
        )
        started = time.monotonic()
        child.start()
        send.close()
        try:
            if not receive.poll(limits.wall_seconds):
                raise UnreadableFile(_time_sentence(limits.wall_seconds))
            try:
                kind, value = receive.recv()
            except (EOFError, OSError) as exc:  # killed: CPU or memory limit, or a crash in C
                child.join(5)
                log.info("a reader process ended with %s", child.exitcode)
                if child.exitcode == -getattr(signal, "SIGXCPU", 24):
                    raise UnreadableFile(_time_sentence(limits.seconds)) from exc
                raise UnreadableFile(_memory_sentence(limits)) from exc
        finally:
            receive.close()
            if child.is_alive():
                child.kill()
            child.join(5)
            log.info("read in a child process: %.1f s", time.monotonic() - started)
    if kind == "ok":
        return value
    raise UnreadableFile(value)


def _child_main(send, name: str, spool: str, limits: Limits) -> None:
    """In the child: cap the address space, read the file, send back the result or a sentence.
    Its logging is off: a reader's warnings quote the document, and the parent reports."""
    logging.disable(logging.CRITICAL)
    pdf.OCR_IN_THIS_PROCESS = False  # OCR needs more than a reading child gets: the parent does it
    try:
        import resource

        cap = limits.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        cpu = max(math.ceil(limits.seconds), 1)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))  # SIGXCPU ends it
    except (ImportError, ValueError, OSError):  # pragma: no cover - not POSIX, or not allowed
        pass
    try:
        data = Path(spool).read_bytes()
        result = ("ok", _read(Path(name), data, limits))
    except UnreadableFile as exc:
        result = ("unreadable", str(exc))
    except MemoryError:
        result = ("unreadable", _memory_sentence(limits))
    except Exception as exc:  # noqa: BLE001 - one sentence, never a traceback
        result = ("unreadable", f"it could not be read ({type(exc).__name__})")
    try:
        send.send(result)
    except MemoryError:
        send.send(("unreadable", _memory_sentence(limits)))
    finally:
        send.close()
