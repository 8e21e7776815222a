"""Worker processes that outlive a bad capture: a crash or a hang costs one task, not the batch.

multiprocessing.Pool waits forever for the result of a worker that died (a parser crashing on a
hostile page, the kernel killing it for memory), and has no way to stop a task that never ends.
Here each worker has its own pipe, so the parent always knows which task a worker holds: when the
worker dies, or overruns its time, that task fails with a reason and a fresh worker takes its place.
"""

from __future__ import annotations

import multiprocessing
import signal
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Callable, Generic, Iterator, Sequence, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")
# How often the parent looks at the clock while waiting for results.
POLL_SECONDS = 1.0
# Tasks sent to a worker ahead of its results, so it never waits for the parent between tasks.
IN_FLIGHT = 2
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM}


@dataclass
class _Worker:
    process: multiprocessing.process.BaseProcess
    conn: Connection
    # Tasks sent and not yet answered, in the order the worker takes them.
    tasks: deque[int] = field(default_factory=deque)
    # When the worker began its first task in `tasks`.
    started: float = 0.0


class Workers(Generic[Task, Result]):
    """Run `work` over tasks in `jobs` forked processes; yields (task index, result) as they end.

    `failed(task, reason)` makes the result of a task whose worker crashed or overran
    `timeout(task)` seconds. Workers are forked, so `work` sees the parent's state as it was.
    """

    def __init__(self, jobs: int, work: Callable[[Task], Result], failed: Callable[[Task, str], Result],
                 timeout: Callable[[Task], float]) -> None:
        self.jobs, self.work, self.failed, self.timeout = jobs, work, failed, timeout
        self.context = multiprocessing.get_context("fork")
        self.workers: list[_Worker] = []

    def run(self, tasks: Sequence[Task]) -> Iterator[tuple[int, Result]]:
        pending = deque(range(len(tasks)))
        try:
            for _ in range(min(self.jobs, len(tasks))):
                self._fill(self._start(), pending, tasks)
            while any(w.tasks for w in self.workers):
                yield from self._collect(pending, tasks)
        finally:
            self.stop()

    def stop(self) -> None:
        for worker in self.workers:
            if worker.process.is_alive():
                worker.process.kill()
            worker.process.join()
            worker.conn.close()
        self.workers = []

    def _start(self) -> _Worker:
        parent, child = self.context.Pipe()
        # Ctrl-C and SIGTERM are held back until the worker has set its own handlers.
        signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            process = self.context.Process(target=_serve, args=(child, self.work), daemon=True)
            process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
        child.close()
        worker = _Worker(process, parent, started=time.monotonic())
        self.workers.append(worker)
        return worker

    def _fill(self, worker: _Worker, pending: deque[int], tasks: Sequence[Task]) -> None:
        # Near the end, one task at a time: a task queued behind another would leave a worker idle.
        limit = IN_FLIGHT if len(pending) > self.jobs * IN_FLIGHT else 1
        while pending and len(worker.tasks) < limit:
            index = pending.popleft()
            worker.tasks.append(index)
            worker.conn.send(tasks[index])

    def _collect(self, pending: deque[int], tasks: Sequence[Task]) -> Iterator[tuple[int, Result]]:
        busy = [w for w in self.workers if w.tasks]
        ready = wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=POLL_SECONDS)
        for worker in busy:
            if worker.conn in ready:
                try:
                    result = worker.conn.recv()
                except (EOFError, OSError):  # the worker died; its pipe closed with it
                    yield worker.tasks[0], self._replace(worker, pending, tasks, _death(worker.process))
                    continue
                yield worker.tasks.popleft(), result
                worker.started = time.monotonic()
                self._fill(worker, pending, tasks)
            elif worker.process.sentinel in ready:
                yield worker.tasks[0], self._replace(worker, pending, tasks, _death(worker.process))
            elif time.monotonic() - worker.started > self.timeout(tasks[worker.tasks[0]]):
                yield worker.tasks[0], self._replace(worker, pending, tasks, "took too long to read and was stopped")

    def _replace(self, worker: _Worker, pending: deque[int], tasks: Sequence[Task], reason: str) -> Result:
        """Fail the worker's current task, give its later ones back, and start a fresh worker."""
        result = self.failed(tasks[worker.tasks.popleft()], reason)
        pending.extendleft(reversed(worker.tasks))
        worker.process.kill()
        worker.process.join()
        worker.conn.close()
        self.workers.remove(worker)
        if pending:
            self._fill(self._start(), pending, tasks)
        return result


def _serve(conn: Connection, work: Callable) -> None:
    # Ctrl-C reaches the whole process group; the parent alone handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return  # the parent has closed the pipe: no more tasks
        conn.send(work(task))


def _death(process: multiprocessing.process.BaseProcess) -> str:
    process.join(timeout=5)
    code = process.exitcode
    if code is not None and code < 0:
        name = signal.Signals(-code).name if -code in signal.Signals._value2member_map_ else str(-code)
        return f"the worker reading it crashed ({name})"
    if code is None:
        return "the worker reading it stopped answering"
    return f"the worker reading it exited (status {code})"


