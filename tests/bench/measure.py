"""Timing helpers: whole processes (wall time and peak RSS) and in-process calls."""

from __future__ import annotations

import contextlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psutil  # type: ignore[import-untyped]

POLL_SECONDS = 0.01
# Every measured command is started by this launcher rather than by the benchmark process.
# Linux starts a child's ru_maxrss at the high-water RSS of the memory it was exec'd from, and
# subprocess spawns with vfork (the parent's memory): a direct child of the benchmark process
# never reports less than the benchmark's own peak (59 MB once the book has been read into the
# page cache, more after parsing a long report's JSON). The launcher is `python -S` with three
# modules, forks for real (the child's mark starts at the launcher's few MB), times fork to
# wait4 and writes `exit-code seconds ru_maxrss-KiB` to the file named by its first argument.
LAUNCHER = (
    "import os, sys, time\n"
    "report, argv = sys.argv[1], sys.argv[2:]\n"
    "start = time.perf_counter()\n"
    "pid = os.fork()\n"
    "if pid == 0:\n"
    "    try:\n"
    "        os.execvp(argv[0], argv)\n"
    "    except OSError as exc:\n"
    "        os.write(2, f'{argv[0]}: {exc}\\n'.encode())\n"
    "        os._exit(127)\n"
    "_pid, status, usage = os.wait4(pid, 0)\n"
    "seconds = time.perf_counter() - start\n"
    "code = os.waitstatus_to_exitcode(status)\n"
    "with open(report, 'w') as out:\n"
    "    out.write(f'{code} {seconds!r} {usage.ru_maxrss}')\n"
    "os._exit(code if code >= 0 else 128 - code)\n"
)


@dataclass(frozen=True)
class ProcessRun:
    """One finished process: exit code, wall seconds, peak RSS (MB) and its output."""

    returncode: int
    seconds: float
    rusage_rss_mb: float  # kernel high-water mark of the largest process (wait4, as `time -v`)
    polled_rss_mb: float  # psutil: the process plus its children summed, sampled every 10 ms
    stdout: str
    stderr: str

    @property
    def peak_rss_mb(self) -> float:
        """The larger of the two peak measurements."""
        return max(self.rusage_rss_mb, self.polled_rss_mb)


class BenchError(RuntimeError):
    """A benchmarked command failed, so its timing means nothing."""


def _poll_rss(launcher: int, done: threading.Event, peak: list[int]) -> None:
    """Sum the RSS of the launcher's descendants until `done`, keeping the maximum."""
    try:
        proc = psutil.Process(launcher)
    except psutil.Error:
        return
    while not done.is_set():
        try:
            family = proc.children(recursive=True)  # the command and its children
            peak[0] = max(peak[0], sum(p.memory_info().rss for p in family))
        except psutil.Error:
            pass
        done.wait(POLL_SECONDS)


def _kill_family(launcher: subprocess.Popen[bytes]) -> None:
    """On timeout: kill the command (and its children), then the launcher."""
    with contextlib.suppress(psutil.Error):
        for child in psutil.Process(launcher.pid).children(recursive=True):
            with contextlib.suppress(psutil.Error):
                child.kill()
    launcher.kill()


def run_process(argv: Sequence[str], *, env: dict[str, str] | None = None,
                cwd: Path | None = None, check: bool = True,
                timeout: float = 1800) -> ProcessRun:
    """Run a command to completion through LAUNCHER; peak RSS from wait4() and psutil."""
    with (tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err,
          tempfile.TemporaryDirectory(prefix="bench-run-") as tmp):
        report = Path(tmp) / "run"
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-S", "-c", LAUNCHER, str(report), *argv],
                                stdout=out, stderr=err, env=env, cwd=cwd)
        done, polled = threading.Event(), [0]
        poller = threading.Thread(target=_poll_rss, args=(proc.pid, done, polled), daemon=True)
        poller.start()
        timer = threading.Timer(timeout, _kill_family, args=(proc,))
        timer.start()
        proc.wait()
        seconds = time.perf_counter() - start
        timer.cancel()
        done.set()
        poller.join()
        maxrss_kib = 0
        if report.exists():  # absent only if the launcher itself was killed
            code, timed, maxrss = report.read_text().split()
            proc.returncode, seconds, maxrss_kib = int(code), float(timed), int(maxrss)
        out.seek(0)
        err.seek(0)
        result = ProcessRun(proc.returncode, seconds, maxrss_kib / 1024,
                            polled[0] / 2**20, out.read().decode("utf-8", "replace"),
                            err.read().decode("utf-8", "replace"))
    if check and result.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited {result.returncode}: {result.stderr[-2000:]}")
    return result


def time_calls(func: Callable[[], object], runs: int) -> list[float]:
    """Seconds taken by each of `runs` calls of `func`."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        samples.append(time.perf_counter() - start)
    return samples


@dataclass
class Result:
    """One row of the results table: a median against a target and a same-run baseline."""

    section: str
    name: str
    unit: str  # "s", "MB", "B" (bytes), "n" (a count) or "/s" (a rate)
    samples: list[float]
    target: float | None = None
    baseline_name: str = ""
    baseline_samples: list[float] = field(default_factory=list)
    note: str = ""
    aggregate: str = "median"  # or "max" (peak memory is judged by the worst run)
    target_on: str = "value"  # or "ratio" (growth targets judge result ÷ baseline)
    higher_is_better: bool = False  # a rate: PASS when the value is at least the target

    @property
    def value(self) -> float:
        """The median (or the maximum, for peak memory) of the samples."""
        return max(self.samples) if self.aggregate == "max" else statistics.median(self.samples)

    @property
    def baseline(self) -> float | None:
        """The baseline's value, aggregated the same way."""
        if not self.baseline_samples:
            return None
        if self.aggregate == "max":
            return max(self.baseline_samples)
        return statistics.median(self.baseline_samples)

    @property
    def ratio(self) -> float | None:
        """Target value divided by the baseline value."""
        base = self.baseline
        return self.value / base if base else None

    @property
    def status(self) -> str:
        """PASS, OVER, or INFO when there is no target."""
        if self.target is None:
            return "INFO"
        judged = self.ratio if self.target_on == "ratio" else self.value
        if judged is None:
            return "OVER"
        if self.higher_is_better:
            return "PASS" if judged >= self.target else "UNDER"
        return "PASS" if judged <= self.target else "OVER"

    def as_dict(self) -> dict[str, object]:
        """Everything about the row, for results.json."""
        return {
            "section": self.section, "name": self.name, "unit": self.unit,
            "aggregate": self.aggregate, "runs": len(self.samples), "value": self.value,
            "min": min(self.samples), "max": max(self.samples), "samples": self.samples,
            "target": self.target, "target_on": self.target_on,
            "higher_is_better": self.higher_is_better, "status": self.status,
            "baseline_name": self.baseline_name,
            "baseline": self.baseline, "baseline_samples": self.baseline_samples,
            "ratio": self.ratio, "note": self.note,
        }
