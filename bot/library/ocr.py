"""Read a PDF of page images (a scan, a signed letter, a page printed to an image) by OCR.

The optional extra ``pip install 'rocu-bot[ocr]'`` brings RapidOCR (``rapidocr-onnxruntime``,
Apache-2.0), whose ONNX models ship inside its wheel: nothing is downloaded at run time. Where
the system also has Tesseract (``tesseract`` on the PATH, with its English data), that is used
instead: it read English policy pages more accurately and faster (bench/ocr.py). Without the
extra, a PDF with no text layer is refused in one sentence saying what to install.

Pages are rendered by PDFium (``bot.library.pdf``) and read one by one in a worker thread;
after each, the console shows a progress line and ``progress(page, pages)`` is called for
whoever asked through ``progress_to`` (Slack updates its "Reading ..." message). The engine's lines
are put in reading order, and words it ran together ("Crowncopyright2025") are split again
where every part is an English word (wordfreq).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar

from bot.library.extracted import UnreadableFile

log = logging.getLogger(__name__)

INSTALL = (
    "the PDF has no text layer (scanned images?); install the OCR extra to read it: "
    "pip install 'rocu-bot[ocr]'"
)
MAX_PAGES = int(os.environ.get("ROCU_OCR_MAX_PAGES", "300") or 300)
Progress = Callable[[int, int], None]
_ENGINE = None
_ENGINE_LOCK = threading.Lock()
_LISTENER: ContextVar[Progress | None] = ContextVar("rocu_ocr_progress", default=None)


@contextmanager
def progress_to(listener: Progress) -> Iterator[None]:
    """Within this block (in this thread), pages read by OCR are also reported to ``listener``
    (a front end's progress: Slack updates its "Reading ..." message). A listener that fails is
    logged once per page and never stops the reading."""
    token = _LISTENER.set(listener)
    try:
        yield
    finally:
        _LISTENER.reset(token)


def engine_name() -> str | None:
    """The OCR engine to use, or None when the ``ocr`` extra is not installed: Tesseract where
    the system has it (it measured better on English policy text: bench/ocr.py), else RapidOCR;
    ``ROCU_OCR=rapidocr`` or ``ROCU_OCR=tesseract`` chooses."""
    if importlib.util.find_spec("rapidocr_onnxruntime") is None or not _has_pillow():
        return None
    wanted = os.environ.get("ROCU_OCR", "").strip().lower()
    has_tesseract = shutil.which("tesseract") is not None
    if wanted == "rapidocr" or not has_tesseract:
        return "rapidocr"
    return "tesseract"


def _has_pillow() -> bool:
    return importlib.util.find_spec("PIL") is not None


def console_progress(page: int, pages: int) -> None:
    """One line on the console, rewritten page by page (a log line when not on a terminal)."""
    if sys.stderr.isatty():
        end = "\n" if page == pages else ""
        sys.stderr.write(f"\rReading by OCR: page {page} of {pages}{end}")
        sys.stderr.flush()
    else:
        log.info("reading by OCR: page %d of %d", page, pages)


def read_pages(
    count: int,
    render: Callable[[int], object],
    progress: Progress | None = None,
    engine: str | None = None,
) -> list[str]:
    """The text of ``count`` pages by OCR, as printed lines (one string per page); ``render(i)``
    gives page ``i`` as an RGB numpy array. Raises UnreadableFile (what to install) when this
    installation has no OCR engine."""
    engine = engine or engine_name()
    if engine is None:
        raise UnreadableFile(INSTALL)
    progress = _both(progress or console_progress, _LISTENER.get())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rocu-ocr") as worker:
        return worker.submit(_read_all, count, render, engine, progress).result()


def _both(console: Progress, listener: Progress | None) -> Progress:
    """``console`` and then ``listener`` (if any) told of each page; the listener's failure is a
    log line, not a failed read."""
    if listener is None:
        return console

    def told(page: int, pages: int) -> None:
        console(page, pages)
        try:
            listener(page, pages)
        except Exception as exc:  # noqa: BLE001 - progress is a courtesy, the read goes on
            log.warning("OCR progress could not be shown: %s", type(exc).__name__)

    return told


def _read_all(count: int, render, engine: str, progress: Progress) -> list[str]:
    pages = []
    for index in range(count):
        image = render(index)
        try:
            lines = _tesseract(image) if engine == "tesseract" else _rapidocr(image)
        except UnreadableFile:
            raise
        except Exception as exc:  # an engine's own failure: one sentence, no traceback
            log.warning("OCR (%s) failed on page %d: %s", engine, index + 1, type(exc).__name__)
            raise UnreadableFile(f"OCR could not read page {index + 1} of the PDF") from exc
        pages.append("\n".join(split_run_together(line) for line in lines))
        progress(index + 1, count)
    return pages


# The models the pinned rapidocr-onnxruntime wheel ships (sha256), checked before first use.
MODEL_HASHES = {
    "ch_PP-OCRv4_det_infer.onnx": (
        "d2a7720d45a54257208b1e13e36a8479894cb74155a5efe29462512d42f49da9"
    ),
    "ch_PP-OCRv4_rec_infer.onnx": (
        "48fc40f24f6d2a207a2b1091d3437eb3cc3eb6b676dc3ef9c37384005483683b"
    ),
}


def check_models() -> None:
    """Raise UnreadableFile unless RapidOCR's packaged models are the ones pinned here."""
    import hashlib
    from pathlib import Path

    spec = importlib.util.find_spec("rapidocr_onnxruntime")
    folder = Path(spec.origin).parent / "models" if spec and spec.origin else None
    for name, digest in MODEL_HASHES.items():
        path = folder / name if folder else None
        if path is None or not path.is_file():
            raise UnreadableFile(f"the OCR model {name} is missing: reinstall rocu-bot[ocr]")
        if hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            raise UnreadableFile(
                f"the OCR model {name} is not the one rocu-bot was tested with: "
                "reinstall rocu-bot[ocr]"
            )


def _rapidocr(image) -> list[str]:
    global _ENGINE
    with _ENGINE_LOCK:
        if _ENGINE is None:
            check_models()
            from rapidocr_onnxruntime import RapidOCR

            for name in ("RapidOCR", "rapidocr_onnxruntime"):  # its console chatter
                logging.getLogger(name).setLevel(logging.ERROR)
            _ENGINE = RapidOCR()
        result, _ = _ENGINE(image, use_cls=False)
    return in_reading_order(result or [])


def in_reading_order(boxes) -> list[str]:
    """Lines from OCR boxes ``[corners, text, score]``: boxes whose vertical middles fall within
    half a line height of each other are one line, read left to right; lines top to bottom."""
    items = []
    for corners, text, _score in boxes:
        ys = [p[1] for p in corners]
        xs = [p[0] for p in corners]
        items.append(((min(ys) + max(ys)) / 2, max(ys) - min(ys), min(xs), text.strip()))
    items.sort()
    lines: list[list[tuple]] = []
    for item in items:
        if lines and abs(item[0] - lines[-1][-1][0]) <= max(item[1], lines[-1][-1][1]) / 2:
            lines[-1].append(item)
        else:
            lines.append([item])
    return [" ".join(i[3] for i in sorted(line, key=lambda i: i[2]) if i[3]) for line in lines]


def _tesseract(image) -> list[str]:
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    done = subprocess.run(
        ["tesseract", "stdin", "stdout", "-l", "eng", "--psm", "3"],
        input=buffer.getvalue(),
        capture_output=True,
        timeout=300,
        check=False,
    )
    if done.returncode:
        raise RuntimeError("tesseract failed")
    return done.stdout.decode("utf-8", "replace").split("\n")


# --- words run together -----------------------------------------------------------------------

_TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
MIN_SPLIT = 6  # shorter unknown strings are left alone (names, codes)
# one- and two-letter words a split may yield ("legitimatefor" -> "legitimate for"), and no
# others: "Crausby" is a name, not "Cr a us by"
_SHORT_WORDS = frozenset(
    "a i an as at be by do go he if in is it me my no of on or so to up us we".split()
)
_CASED = re.compile(r"(?:[A-Z]?[a-z]+)+")  # lower case, Capitalised or CamelCase words


def split_run_together(line: str) -> str:
    """``line`` with each unknown lower-case word that is two or more English words run together
    split again ("Crowncopyright2025" -> "Crown copyright 2025", "legitimatefor" -> "legitimate
    for"); letters and digits glued together are parted."""
    out = []
    for word in line.split(" "):
        parts = _TOKEN.findall(word)
        pieces: list[str] = []
        for part in parts:
            if (
                part.isalpha()
                and len(part) >= MIN_SPLIT
                and _CASED.fullmatch(part)  # not an acronym or a mixed-case name ("NaCTSO")
                and not _known(part)
            ):
                pieces.append(" ".join(_segment(part)))
            else:
                pieces.append(part)
        out.append(_rejoin(word, parts, pieces))
    return " ".join(out)


def _rejoin(word: str, parts: list[str], pieces: list[str]) -> str:
    """The word with its parts replaced, a space where letters meet digits."""
    if pieces == parts:
        return word
    text = ""
    for i, (part, piece) in enumerate(zip(parts, pieces, strict=True)):
        if i and (part[:1].isalnum() and parts[i - 1][-1:].isalnum()):
            text += " "
        text += piece
    return text


def _known(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") > 0


def _segment(word: str) -> list[str]:
    """The most probable split of ``word`` into English words (each of 2+ letters, or "a"/"I"),
    or the word whole when no split is much better."""
    from wordfreq import zipf_frequency

    lower = word.lower()
    n = len(lower)
    best: list[tuple[float, int] | None] = [None] * (n + 1)
    best[0] = (0.0, 0)
    for end in range(1, n + 1):
        for start in range(max(0, end - 20), end):
            if best[start] is None:
                continue
            piece = lower[start:end]
            if len(piece) < 3 and piece not in _SHORT_WORDS:
                continue
            zipf = zipf_frequency(piece, "en")
            if zipf < 3.0:
                continue
            score = best[start][0] + zipf - 8.0  # each extra word costs: fewer, commoner words
            if best[end] is None or score > best[end][0]:
                best[end] = (score, start)
    if best[n] is None:
        return [word]
    cuts = []
    end = n
    while end > 0:
        start = best[end][1]
        cuts.append((start, end))
        end = start
    cuts.reverse()
    pieces = [word[start:end] for start, end in cuts]
    if len(pieces) < 2 or not all(p.islower() or p.istitle() for p in pieces):
        return [word]
    return pieces
