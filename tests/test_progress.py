"""Progress reporting of a batch: the terminal bar and the plain log lines."""

from __future__ import annotations

import io

from extractor.progress import Progress, bar_line, format_duration


def test_format_duration():
    assert format_duration(7) == "0:07"
    assert format_duration(750) == "12:30"
    assert format_duration(3723) == "1:02:03"


def test_bar_line_counts_rate_and_eta():
    line = bar_line(5, 20, 10.0, width=200)
    assert "5/20 files" in line and "0.5 files/s" in line and "ETA 0:30" in line
    assert line.startswith("[" + "#" * 6 + "." * 18 + "]")
    assert "ETA -:--" in bar_line(0, 20, 0.0)
    assert len(bar_line(5, 20, 10.0, label="x" * 500, width=60)) < 60


def test_log_lines_when_not_a_terminal():
    out = io.StringIO()
    p = Progress(2, stream=out, tty=False)
    p.advance("ok", "a.pdf", 1.25)
    p.advance("failed", "b.pdf", 0.5, error="b.pdf: file is empty")
    p.close()
    assert out.getvalue().splitlines() == ["[1/2] ok        a.pdf (1.2 s)", "[2/2] failed    b.pdf: file is empty"]


def test_terminal_bar_redraws_in_place_and_keeps_errors():
    out = io.StringIO()
    p = Progress(2, stream=out, tty=True)
    p.advance("failed", "b.pdf", error="b.pdf: file is empty")
    p.advance("ok", "a.pdf")
    p.close()
    text = out.getvalue()
    assert "\r" in text and "2/2 files" in text and "failed: b.pdf: file is empty\n" in text
    assert text.endswith("\n")


def test_quiet_shows_only_failures_and_silent_nothing():
    out = io.StringIO()
    p = Progress(2, stream=out, quiet=True, tty=True)
    p.note("resume: 1 of 2")
    p.advance("ok", "a.pdf")
    p.advance("failed", "b.pdf", error="b.pdf: broken")
    p.close()
    assert out.getvalue() == "failed: b.pdf: broken\n"
    out = io.StringIO()
    p = Progress(1, stream=out, silent=True)
    p.advance("failed", "b.pdf", error="broken")
    assert out.getvalue() == ""


def test_a_line_the_stream_cannot_encode_is_escaped_not_raised():
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii", errors="strict")
    p = Progress(2, stream=stream, tty=False)
    p.advance("ok", "звіт.pdf")
    p.advance("failed", "bad\udcff\n.pdf", error="bad\udcff\n.pdf: broken")
    stream.flush()
    lines = raw.getvalue().decode("ascii").splitlines()
    assert lines == ["[1/2] ok        \\u0437\\u0432\\u0456\\u0442.pdf", "[2/2] failed    bad\\udcff\\n.pdf: broken"]


def test_every_status_has_its_line_with_a_note():
    out = io.StringIO()
    p = Progress(4, stream=out, tty=False)
    p.advance("no-tables", "a.txt", 0.25)
    p.advance("skipped", "b.png", error="b.png: not a DOCX, PDF or text file")
    p.advance("ok", "c.pdf", note="same bytes as a.pdf")
    p.advance("warning", "d.pdf", note="resumed")
    assert out.getvalue().splitlines() == [
        "[1/4] no-tables a.txt (0.2 s)",
        "[2/4] skipped   b.png: not a DOCX, PDF or text file",
        "[3/4] ok        c.pdf (same bytes as a.pdf)",
        "[4/4] warning   d.pdf (resumed)",
    ]


def test_log_lines_and_bar_speak_ukrainian_in_a_ukrainian_session():
    from extractor.i18n import using

    out = io.StringIO()
    with using("uk"):
        p = Progress(3, stream=out, tty=False)
        p.advance("ok", "a.pdf", 1.25)
        p.advance("no-tables", "c.pdf", 0.5)
        p.advance("failed", "b.pdf", 0.5, error="b.pdf: порожній файл")
        bar = bar_line(5, 20, 10.0, width=200)
    lines = out.getvalue().splitlines()
    # the status column is as wide as the longest word of the language, so the names stay aligned
    # (the longest here is "попередження", 12 letters)
    assert lines == ["[1/3] успішно      a.pdf (1.2 с)", "[2/3] без таблиць  c.pdf (0.5 с)",
                     "[3/3] помилка      b.pdf: порожній файл"]
    assert "5/20 файлів" in bar and "0.5 файлів/с" in bar and "залишилось 0:30" in bar
