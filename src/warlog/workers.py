"""Where a function runs over many tasks: in this process, on a pool of local worker processes, or
on a Dask cluster. Each yields ``(args, result, exception)`` for every task as it finishes, so that
what a task's failure means stays with the caller (``dump`` makes a failed chunk of it).

The local pool is plain processes, spawned, each with a pipe of its own and at most IN_FLIGHT tasks
at once (memory stays flat however many tasks come). A worker that dies, even in the middle of
sending a result, fails its tasks and is replaced. Workers ignore Ctrl-C (the command stops them
itself, rather than each printing a traceback) and exit when their parent is gone, even one killed
outright. Measured against a local Dask cluster on a 1 GB dump: no cluster to start (about 2.5 s),
no monitors waking the workers every few milliseconds, glibc's allocator left to its defaults (Dask's
``MALLOC_TRIM_THRESHOLD_`` had every decompressed stream mapped and unmapped).
"""
from __future__ import annotations

import collections
import contextlib
import itertools
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from .errors import MissingExtra

IN_FLIGHT = 2  # tasks a worker holds at once: one running, one waiting, so it never idles
Outcome = tuple  # (args, result or None, exception or None)


def in_process(fn: Callable, tasks: Iterable[tuple]) -> Iterator[Outcome]:
    """``fn(*args)`` for each task, here, in order."""
    for args in tasks:
        try:
            yield args, fn(*args), None
        except Exception as exc:  # the task's failure, not the run's
            yield args, None, exc


class WorkerLost(Exception):
    """A worker process died (killed, out of memory, a crash) with tasks unfinished."""


@dataclass
class _Worker:
    proc: object
    conn: object
    queue: collections.deque = field(default_factory=collections.deque)  # the tasks sent, in order


class Workers:
    """A pool of ``workers`` local processes, started at once; ``warm`` (a module-level function) is
    the first thing each runs, while the caller does something else. Leaving the ``with`` block stops
    the workers: on an error or an interruption at once, their tasks unfinished."""

    def __init__(self, workers: int, warm: Callable[[], None] | None = None):
        import multiprocessing

        self.ctx = multiprocessing.get_context("spawn")  # nothing of this process's state is copied
        self.warm = warm
        self.procs: list[_Worker] = []
        with _held_interrupts():  # a pool half started is not left behind
            for _ in range(workers):
                self.procs.append(self._spawn())

    def _spawn(self) -> _Worker:
        ours, theirs = self.ctx.Pipe()
        proc = self.ctx.Process(target=_serve, args=(theirs, self.warm), daemon=True)
        proc.start()
        theirs.close()  # the worker's end is the worker's alone: its death closes the pipe
        return _Worker(proc, ours)

    def map(self, fn: Callable, tasks: Iterable[tuple]) -> Iterator[Outcome]:
        """``fn(*args)`` for each task on the workers, as they finish (``fn``: module-level)."""
        from multiprocessing.connection import wait

        pending = iter(tasks)
        for w in list(self.procs):
            yield from self._feed(w, fn, pending)
        while busy := [w.conn for w in self.procs if w.queue]:
            for conn in wait(busy):
                w = next((w for w in self.procs if w.conn is conn), None)
                if w is None:
                    continue  # lost (and replaced) since the wait
                try:
                    ok, value = conn.recv()
                except (EOFError, OSError) as exc:  # the worker died
                    yield from self._lost(w, exc)
                    w = self.procs[-1]
                else:
                    args = w.queue.popleft()
                    yield (args, value, None) if ok else (args, None, value)
                yield from self._feed(w, fn, pending)

    def _feed(self, w: _Worker, fn: Callable, pending: Iterator[tuple]) -> Iterator[Outcome]:
        """Tasks sent to ``w`` until it holds IN_FLIGHT. A worker that can no longer be written to
        died: its tasks fail (yielded), and the one in its place is fed."""
        while len(w.queue) < IN_FLIGHT and (args := next(pending, None)) is not None:
            w.queue.append(args)
            try:
                w.conn.send((fn, args))
            except OSError as exc:
                yield from self._lost(w, exc)
                w = self.procs[-1]

    def _lost(self, w: _Worker, exc: Exception) -> Iterator[Outcome]:
        """A dead worker's tasks fail; a new worker takes its place."""
        w.proc.join(5)
        why = WorkerLost(f"the worker process ended ({_exit_reason(w.proc.exitcode)}): {exc or 'no result'}")
        for args in w.queue:
            yield args, None, why
        w.conn.close()
        self.procs.remove(w)
        self.procs.append(self._spawn())

    def __enter__(self):
        return self

    def __exit__(self, kind, exc, tb):
        if kind is None:
            self.close()
        else:
            self.stop()

    def close(self) -> None:
        """The work is done: each worker is told to end, and waited for (stopped, if it has work left)."""
        if any(w.queue for w in self.procs):
            self.stop()
            return
        for w in self.procs:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self.procs:
            w.proc.join(10)
        self.stop()

    def stop(self) -> None:
        """Stop the workers now."""
        for w in self.procs:
            if w.proc.is_alive():
                w.proc.terminate()
        for w in self.procs:
            w.proc.join(5)
            if w.proc.is_alive():
                w.proc.kill()
                w.proc.join()
            w.conn.close()
        self.procs = []
        _stop_tracker()


def _stop_tracker() -> None:
    """Starting a spawned process starts multiprocessing's resource tracker too; it would end a moment
    after the command does. Ended with the workers instead (it is started again when needed)."""
    from multiprocessing import resource_tracker

    tracker = getattr(resource_tracker, "_resource_tracker", None)
    if tracker is not None and hasattr(tracker, "_stop"):  # a private method, there since Python 3.8
        tracker._stop()


def _exit_reason(code: int | None) -> str:
    if code is not None and code < 0:
        return f"killed by {signal.Signals(-code).name}"
    return f"exit status {code}"


def _serve(conn, warm: Callable[[], None] | None) -> None:
    """A worker: tasks in through its pipe, results out, until told to end (None) or the pipe closes.
    A task that raises is sent back as its failure."""
    _worker_start()
    if warm is not None:
        try:
            warm()
        except Exception:  # noqa: S110 - loading early is only a head start; a task that needs it will say why
            pass
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        fn, args = task
        try:
            reply = (True, fn(*args))
        except Exception as exc:  # this task's failure
            reply = (False, exc if _picklable(exc) else RuntimeError(f"{type(exc).__name__}: {exc}"))
        conn.send(reply)


def _picklable(exc: Exception) -> bool:
    import pickle

    try:
        pickle.dumps(exc)
    except Exception:
        return False
    return True


def _worker_start() -> None:
    """In each worker: Ctrl-C at the terminal reaches the whole process group; the command stops its
    workers itself, so they ignore it. A worker ends with the command, even one killed outright: it
    watches its parent and exits when the parent is gone."""
    import multiprocessing

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent) -> None:
    parent.join()
    os._exit(1)


def on_dask(scheduler: str, fn: Callable, tasks: Iterable[tuple]) -> Iterator[Outcome]:
    """``fn(*args)`` for each task on the Dask cluster at ``scheduler``, as they finish, a bounded
    number in flight."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise MissingExtra("a dump on a Dask cluster needs Dask: pip install 'warlog[dask]'") from None
    client = Client(scheduler)
    try:
        n = max(1, len(client.scheduler_info()["workers"]))
        pending = iter(tasks)
        args_of = {}

        def submit(args):
            fut = client.submit(fn, *args, pure=False)
            args_of[fut.key] = args
            return fut

        queue = as_completed([submit(a) for a in itertools.islice(pending, 3 * n)])
        for fut in queue:
            args = args_of.pop(fut.key)
            try:
                outcome = (args, fut.result(), None)
            except Exception as exc:  # a worker lost or a task failed
                outcome = (args, None, exc)
            fut.release()
            if (nxt := next(pending, None)) is not None:
                queue.add(submit(nxt))
            yield outcome
    finally:
        client.close()


@contextlib.contextmanager
def _held_interrupts():
    """Ctrl-C (or SIGTERM) while a local pool starts takes effect once it has started, so that the
    caller stops it: a start cut short could leave a worker no one stops. A second signal is not held
    (a start that hangs can still be stopped)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    held: list[int] = []
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def hold(signum, frame):
        if held:
            _deliver(before[signum], signum, frame)
        held.append(signum)

    for sig in before:
        signal.signal(sig, hold)
    try:
        yield
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
        if held:
            _deliver(before[held[0]], held[0], None)


def _deliver(handler, signum: int, frame) -> None:
    """What a signal would have done with ``handler`` in place."""
    if callable(handler):
        handler(signum, frame)  # Python's own for SIGINT raises KeyboardInterrupt
    elif handler == signal.SIG_DFL:
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)
