"""Progress of a batch on stderr: a one-line bar on a terminal, log lines elsewhere.

On a terminal the bar shows files done of total, the rate and the time left,
redrawn in place. When stderr is a file or a pipe (CI logs) each finished
file is one plain line. ``quiet`` shows only failures. No dependency.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from .i18n import _
from .status import Status, status_word

#: width of the bar itself, in characters
BAR_WIDTH = 24
#: least seconds between two redraws of the bar
REDRAW_SECONDS = 0.1
FAILED = Status.FAILED.value
SKIPPED = Status.SKIPPED.value
#: least width of the status column of a log line (the longest status word of the language widens it)
STATUS_WIDTH = 9


def _status_width() -> int:
    return max(STATUS_WIDTH, *(len(status_word(s)) for s in Status))


def format_duration(seconds: float) -> str:
    """``0:07``, ``12:30``, ``1:02:03``."""
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def bar_line(done: int, total: int, elapsed: float, label: str = "", width: int = 80) -> str:
    """The text of the progress bar for ``done`` of ``total`` files after ``elapsed`` seconds."""
    share = done / total if total else 1.0
    filled = int(round(share * BAR_WIDTH))
    rate = done / elapsed if elapsed > 0 else 0.0
    eta = (total - done) / rate if rate > 0 else None
    text = "[{bar}] ".format(bar="#" * filled + "." * (BAR_WIDTH - filled)) + _(
        "{done}/{total} files  {rate} files/s  ETA {eta}"
    ).format(done=done, total=total, rate=f"{rate:.1f}", eta=format_duration(eta) if eta is not None else "-:--")
    if label:
        text += f"  {label}"
    return text[: max(10, width - 1)]


class Progress:
    """Report finished files of a batch to a stream (stderr by default)."""

    def __init__(
        self, total: int, stream: TextIO | None = None, quiet: bool = False, tty: bool | None = None, silent: bool = False
    ):
        self.total = total
        self.silent = silent
        self.done = 0
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.tty = (self.stream.isatty() if hasattr(self.stream, "isatty") else False) if tty is None else tty
        self.start = time.monotonic()
        self._last_draw = 0.0
        self._drawn = False

    def note(self, message: str) -> None:
        """A line of its own (not shown when quiet)."""
        if not self.quiet and not self.silent:
            self._line(message)

    def advance(
        self, status: str, path: str, seconds: float | None = None, error: str | None = None, note: str | None = None
    ) -> None:
        """One more file finished with ``status`` (a ``Status`` value); ``error`` says why it failed or was
        skipped, ``note`` adds a word in brackets (``same bytes as …``, ``resumed``)."""
        self.done += 1
        if self.silent:
            return
        failed = status == FAILED
        if self.tty and not self.quiet:
            if failed:
                self._line(f"{status_word(FAILED)}: {error if error and error.startswith(path) else f'{path}: {error}'}")
            now = time.monotonic()
            if now - self._last_draw >= REDRAW_SECONDS or self.done == self.total:
                self._draw(path)
            return
        if self.quiet:
            if failed:
                self._line(f"{status_word(FAILED)}: {error if error and error.startswith(path) else f'{path}: {error}'}")
            return
        took = " ({})".format(_("{seconds} s").format(seconds=f"{seconds:.1f}")) if seconds is not None else ""
        word, width = status_word(status), _status_width()
        extra = f" ({note})" if note else ""
        if error and status in (FAILED, SKIPPED):
            what = error if error.startswith(path) else f"{path}: {error}"
            self._line(f"[{self.done}/{self.total}] {word:<{width}} {what}{extra}")
        else:
            self._line(f"[{self.done}/{self.total}] {word:<{width}} {path}{took}{extra}")

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def _printable(self, text: str) -> str:
        """The text with what the stream cannot show escaped: control characters (a newline in a
        file name) and characters outside its encoding (a lone surrogate from an undecodable name)."""
        if not text.isprintable():
            text = "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)
        encoding = getattr(self.stream, "encoding", None) or "utf-8"
        try:
            text.encode(encoding)
        except UnicodeEncodeError:
            text = text.encode(encoding, "backslashreplace").decode(encoding)
        except LookupError:  # an encoding Python does not know: leave it to the stream
            pass
        return text

    def _draw(self, label: str) -> None:
        width = shutil.get_terminal_size((80, 20)).columns
        line = bar_line(self.done, self.total, time.monotonic() - self.start, self._printable(label), width)
        self.stream.write("\r\x1b[K" + line)
        self.stream.flush()
        self._drawn = True
        self._last_draw = time.monotonic()

    def _line(self, text: str) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[K")
        self.stream.write(self._printable(text) + "\n")
        self.stream.flush()
        if self._drawn and self.tty:
            self._draw("")
