"""The renders of one file on two cores, started before the file is read.

The costliest writer (`render_cost`: the PDF) spends much of its time loading its libraries
and fonts (`warm_up`: reportlab, the font subsets). A child forked before the report is read
does that while this process reads, checks and lays the report out; it then renders that
writer from the document it is sent, while this process renders the others. A report that
fails its check gets no render, and its child is stopped at once.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Sequence
from typing import TYPE_CHECKING

from govreport.writers import render_cost

if TYPE_CHECKING:
    from govreport.layout.document import Document
    from govreport.writers import Writer


class Renders:
    """The writers of one file, rendered in this process (`parallel` off, one writer, or no
    fork here)."""

    def __init__(self, writers: Sequence[Writer]) -> None:
        self.writers = list(writers)

    def finish(self, document: Document) -> dict[str, bytes]:
        """Every writer's bytes, by writer name, in the order the writers were given."""
        return {w.name: w.render(document) for w in self.writers}

    def cancel(self) -> None:
        """Nothing is to be rendered (the report failed, or rendering is over)."""

    def __enter__(self) -> Renders:
        return self

    def __exit__(self, *exc: object) -> None:
        self.cancel()


class SplitRenders(Renders):
    """The costliest writer in a child forked now, the others here once `finish` is called."""

    def __init__(self, writers: Sequence[Writer]) -> None:
        super().__init__(writers)
        self.away = max(self.writers, key=render_cost)  # the first of equals
        self.here = [w for w in self.writers if w is not self.away]
        to_child, self._send = os.pipe()
        self._receive, from_child = os.pipe()
        self._pid: int | None = os.fork()
        if self._pid == 0:
            os.close(self._send)
            os.close(self._receive)
            _child(self.away, to_child, from_child)  # never returns
        os.close(to_child)
        os.close(from_child)

    def finish(self, document: Document) -> dict[str, bytes]:
        data = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        # The child reads once warmed up; a document larger than the pipe would hold this
        # process until then, so a thread hands it over while the other writers render here.
        sender = threading.Thread(target=_send_all, args=(self._send, data), daemon=True)
        sender.start()
        self._send = -1
        try:
            rendered = {w.name: w.render(document) for w in self.here}
        finally:
            status, payload = self._collect()
            sender.join()
        if status != 0:
            reason = payload.decode(errors="replace") or "子进程异常退出"
            raise RuntimeError(f"{self.away.name.upper()} 生成失败：{reason}")
        rendered[self.away.name] = payload
        return {w.name: rendered[w.name] for w in self.writers}

    def cancel(self) -> None:
        if self._pid is None:
            return
        os.kill(self._pid, signal.SIGKILL)  # it may be loading libraries: no need to wait for that
        if self._send >= 0:
            os.close(self._send)
        self._collect()

    def _collect(self) -> tuple[int, bytes]:
        """The child's exit status and what it sent; the child is reaped."""
        with os.fdopen(self._receive, "rb") as pipe:
            payload = pipe.read()
        _, wait_status = os.waitpid(self._pid, 0)
        self._pid = None
        return os.waitstatus_to_exitcode(wait_status), payload


def _send_all(fd: int, data: bytes) -> None:
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(data)
    except BrokenPipeError:  # the child failed while warming up: what it sent says why
        pass


def _child(writer: Writer, receive: int, send: int) -> None:
    """Warm up, wait for the document, render it, send the bytes (or the error), and leave
    without running any of the parent's cleanup."""
    status = 0
    try:
        warm_up = getattr(writer, "warm_up", None)
        if warm_up is not None:
            warm_up()
        with os.fdopen(receive, "rb") as pipe:
            data = pipe.read()
        payload = writer.render(pickle.loads(data))
    except BaseException as exc:  # reported to the parent, which raises it
        payload, status = f"{type(exc).__name__}: {exc}".encode(), 1
    try:
        with os.fdopen(send, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)


def start_renders(writers: Sequence[Writer], parallel: bool = False) -> Renders:
    """The renders of one file: split over two processes when `parallel` is asked for, there
    is more than one writer and this process may fork (Linux, a single thread)."""
    if parallel and len(writers) > 1 and _can_fork():
        return SplitRenders(writers)
    return Renders(writers)


def _can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1
