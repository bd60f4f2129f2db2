"""The cache of TrueType conversions, keyed by the source file's content hash and face index.

Kept apart from `convert.py` so that a warm run (every file already converted) never imports
fontTools: checking the cache is one `stat` per CFF font.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from govreport.atomic import atomic_output

log = logging.getLogger(__name__)

# Bump when the converter's output changes, so that stale cached conversions are not reused.
CONVERTER_VERSION = 1


def cached_ttf_path(cache_dir: Path, sha256: str, index: int) -> Path:
    """Where the TrueType version of face `index` of the file with this hash is cached."""
    return cache_dir / "ttf" / f"{sha256[:32]}-{index}-c{CONVERTER_VERSION}.ttf"


def ensure_ttf(src: Path, index: int, sha256: str, cache_dir: Path) -> Path:
    """Return the cached TrueType conversion, converting (once per machine) if missing."""
    dest = cached_ttf_path(cache_dir, sha256, index)
    if dest.is_file():
        return dest
    from .convert import convert_cff_to_ttf

    log.warning(
        "首次使用字体 %s，正在转换为 TrueType 格式（每台电脑只需一次，可能需要几十秒）……", src.name
    )
    with atomic_output(dest) as out:
        stats = convert_cff_to_ttf(src, index, out)
    log.info("已转换 %s：%d 个字形，%.1f 秒", src.name, stats.glyphs, stats.seconds)
    return dest


def ensure_ttfs(jobs: list[tuple[Path, int, str]], cache_dir: Path) -> list[Path]:
    """`ensure_ttf` for several (path, face index, sha256) jobs; missing ones run in parallel.

    A machine with only the bundled fonts needs two conversions on its first run (serif and
    sans, 12-20 s each); two worker processes halve that wait. Any pool failure (sandboxes
    without process support, a worker error) falls back to converting one after the other,
    which then reports a genuine conversion error itself.
    """
    todo = [job for job in jobs if not cached_ttf_path(cache_dir, job[2], job[1]).is_file()]
    workers = min(len(todo), os.cpu_count() or 1)
    if workers > 1:
        import multiprocessing  # only the first run on a machine gets here
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
                futures = [pool.submit(ensure_ttf, p, i, h, cache_dir) for p, i, h in todo]
                for future in futures:
                    future.result()
        except Exception as exc:  # only a speed-up: the loop below redoes (or reports) the work
            log.info("并行转换不可用，改为逐个转换：%s", exc)
    return [ensure_ttf(path, index, sha, cache_dir) for path, index, sha in jobs]
