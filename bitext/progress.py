"""Progress for long builds: a line redrawn in place on a terminal, plain periodic lines
otherwise (CI logs), nothing at all for builds that end within a second."""

from __future__ import annotations

import sys
import time
from typing import TextIO

QUIET_SECONDS = 1.0
"""Say nothing until a build has run this long."""
TERMINAL_EVERY = 0.1
LOG_EVERY = 5.0


class Progress:
    def __init__(self, stream: TextIO | None = None, enabled: bool = True,
                 clock=time.monotonic):
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.terminal = enabled and self.stream.isatty()
        self.clock = clock
        self.started = clock()
        self.last_shown = 0.0
        self.redrawn = False
        self.step, self.done_count, self.total = "", 0, 0

    def begin(self, step: str, total: int) -> None:
        self.step, self.done_count, self.total = step, 0, total
        self.show()

    def advance(self, count: int = 1) -> None:
        self.done_count += count
        self.show()

    def show(self) -> None:
        if not self.enabled or not self.total:
            return  # (a step with nothing to do: "rendering pages 0/0" said nothing)
        now = self.clock()
        if now - self.started < QUIET_SECONDS:
            return
        if now - self.last_shown < (TERMINAL_EVERY if self.terminal else LOG_EVERY):
            return
        self.last_shown = now
        line = f"{self.step} {self.done_count:,}/{self.total:,}"
        if self.terminal:
            self.stream.write(f"\r\x1b[2K{line}")
            self.redrawn = True
        else:
            self.stream.write(f"{line} ({now - self.started:.0f} s)\n")
        self.stream.flush()

    def done(self) -> None:
        """Clear the redrawn line, so that the summary or the errors stand alone."""
        if self.redrawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self.redrawn = False
