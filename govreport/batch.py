"""Building many reports at once in worker processes, one failure never stopping the rest."""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed

from govreport.builder import BuildResult, build_file
from govreport.inputs import Job
from govreport.writers import Writer

ResultCallback = Callable[[int, BuildResult], None]
FileBuilder = Callable[..., BuildResult]
"""`build_file`'s signature: (input, folder, writers, stem=, parallel=) → BuildResult."""


def run_jobs(jobs: Sequence[Job], writers: Sequence[Writer], workers: int | None = None,
             debug: bool = False, on_result: ResultCallback | None = None,
             build: FileBuilder = build_file) -> list[BuildResult]:
    """Build every job with `writers`; results in input order. `on_result(index, result)` is
    called as each file finishes (for progress output). `workers` processes (default: the
    number of CPUs); a single file is built on two cores instead. `build` makes one file's
    outputs (`build_file`; `publish_file` for bundles): a module-level function, so that
    worker processes can be handed it."""
    if workers is None:
        workers = os.cpu_count() or 1
    writers = tuple(writers)
    if workers <= 1 or len(jobs) <= 1:
        results = []
        for i, job in enumerate(jobs):
            result = _build_one(job, writers, debug, build, parallel=len(jobs) == 1)
            results.append(result)
            if on_result:
                on_result(i, result)
        return results
    _warm_up(writers)
    slots: list[BuildResult | None] = [None] * len(jobs)
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs)), mp_context=_context(),
                             initializer=_init_worker) as pool:
        futures: dict[Future[BuildResult], int] = {
            pool.submit(_build_one, job, writers, debug, build): i
            for i, job in enumerate(jobs)
        }
        try:
            for future in as_completed(futures):
                i = futures[future]
                slots[i] = _outcome(future, jobs[i])
                if on_result:
                    on_result(i, slots[i])
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)  # running files finish cleanly
            raise
    return [r for r in slots if r is not None]


def _outcome(future: Future[BuildResult], job: Job) -> BuildResult:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        return BuildResult(os.fspath(job.input), error=f"生成进程意外退出：{type(exc).__name__}: {exc}")


def _build_one(job: Job, writers: tuple[Writer, ...], debug: bool, build: FileBuilder,
               parallel: bool = False) -> BuildResult:
    """One file, every failure turned into that file's result."""
    try:
        return build(job.input, job.folder, writers, stem=job.stem, parallel=parallel)
    except Exception as exc:
        detail = traceback.format_exc() if debug else None
        message = f"内部错误（{type(exc).__name__}: {exc}）；加 --debug 可查看详细信息"
        return BuildResult(os.fspath(job.input), error=message, traceback=detail)


def _context():
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # fork on Linux: workers inherit the imported libraries and the loaded fonts.
    return multiprocessing.get_context("fork" if "fork" in methods and os.name == "posix"
                                       and not _is_macos() else "spawn")


def _is_macos() -> bool:
    import sys

    return sys.platform == "darwin"


def _warm_up(writers: Sequence[Writer]) -> None:
    """Let every writer load its libraries and fonts here, so that forked workers start ready."""
    for writer in writers:
        warm_up = getattr(writer, "warm_up", None)
        if warm_up is not None:
            warm_up()
    import gc

    gc.collect()
    gc.freeze()  # what workers inherit is never rescanned by their collector


def _init_worker() -> None:
    """Ctrl-C is the parent's to handle: it cancels what has not started and lets running
    files finish, so no worker dies halfway through writing. The collector keeps its normal
    thresholds here (the console script raises them for one-file runs): a worker builds
    hundreds of files, and raised thresholds let garbage grow by ~20 MB a second."""
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.set_threshold(700, 10, 10)
