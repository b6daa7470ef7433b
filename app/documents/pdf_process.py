"""Child processes for the PDF inspector: forks of a warm "zygote" on Linux, fresh interpreters
elsewhere (or with USE_ZYGOTE = False). Either way `start_child` answers a `Child` running
`module.function(args)` in a process group of its own, with only PATH and LC_ALL as environment.

Starting Python and importing pypdf costs 0.3–0.7 s, more than inspecting a typical file. So one
zygote per server process (`python -I -B`, started lazily with that clean environment, in its own
session) imports the module once (and calls its `_zygote_warm_up()`), and each child is a fork of
it (a few ms) that becomes a session leader, keeps no file but /dev/null and its output pipe, and
runs the function, which sets its own limits (RLIMIT_AS, …) as it would in a fresh interpreter.

The server talks to the zygote over a private socket pair, one request and one answer at a time,
only from the threads of `_executor` (never blocking the event loop; the work goes on when the
caller is cancelled, even by a plain task.cancel()): "fork" passes the write end of the child's
output pipe (SCM_RIGHTS) and answers its pid; "reap" answers its wait status. The zygote reaps a
child only when asked, so until then its pid and process group cannot be reused and killing the
group is safe; the server waits for the child's end on a pidfd. Children die with the zygote
(PR_SET_PDEATHSIG), the zygote exits when the server closes the socket or dies, and a zygote found
dead or stuck is replaced at the next request.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import ctypes
import gc
import importlib
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, TypeVar

import anyio
from anyio.abc import ByteReceiveStream, Process

IMPORT_ROOT = str(Path(__file__).resolve().parents[2])  # the directory holding the `app` package
START_TIMEOUT_S = 30.0  # the zygote's imports, on a loaded machine
REQUEST_TIMEOUT_S = 10.0  # a fork or a reap takes milliseconds; longer means the zygote is stuck
REAP_TIMEOUT_S = 5.0  # a killed child is gone at once unless stuck in the kernel
_PYTHON = [sys.executable, "-I", "-B", "-c"]
_SUBPROCESS_CODE = ("import importlib, sys; sys.path.insert(0, sys.argv[1]); "
                    "getattr(importlib.import_module(sys.argv[2]), sys.argv[3])(sys.argv[4:])")
_ZYGOTE_CODE = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from app.documents.pdf_process import _zygote_main; _zygote_main(sys.argv[2:])")
_PR_SET_PDEATHSIG = 1
_T = TypeVar("_T")


def _zygote_possible() -> bool:
    """Linux with pidfds (5.3 and later, not forbidden by a sandbox)."""
    if sys.platform != "linux" or not hasattr(os, "pidfd_open"):
        return False
    try:
        os.close(os.pidfd_open(os.getpid()))
    except OSError:
        return False
    return True


USE_ZYGOTE = _zygote_possible()  # False: fresh interpreters, as on other platforms


def child_environment() -> dict[str, str]:
    """All a child gets of the server's environment: no KYHOP_* secrets."""
    return {"PATH": os.environ.get("PATH", os.defpath), "LC_ALL": "C.UTF-8"}


class Child(Protocol):
    @property
    def pid(self) -> int: ...

    @property
    def output(self) -> ByteReceiveStream: ...  # the child's stdout and stderr

    @property
    def returncode(self) -> int | None: ...  # as subprocess: negative for a signal

    def kill(self) -> None: ...  # its process group, at once; harmless once it ended

    async def wait(self) -> int: ...

    async def aclose(self) -> None: ...  # kill unless it ended and reap, even when cancelled


async def warm_up(module: str) -> None:
    """Start the zygote for `module` unless it runs, so that the next `start_child` is quick.
    Cancelling this leaves the start-up to finish in the background."""
    if USE_ZYGOTE:
        await _outcome(_executor.submit(_zygote_for, module))


async def start_child(module: str, function: str, args: list[str]) -> Child:
    """Run `module.function(args)` in a new child process. Close the child with `aclose()`."""
    if not USE_ZYGOTE:
        return await _start_subprocess(module, function, args)
    forking = _executor.submit(_fork, module, function, args)
    try:
        zygote, pid, pidfd, read_fd = await asyncio.wrap_future(forking)
    except BaseException:  # cancelled: a fork that happens all the same is killed at once
        forking.add_done_callback(_discard_fork)
        raise
    return _ForkedChild(zygote, pid, pidfd, read_fd)


async def _outcome(work: Future[_T]) -> _T:
    """Wait for a thread's work; cancelling the wait leaves it going (wrap_future alone would
    cancel it while still queued)."""
    return await asyncio.shield(asyncio.wrap_future(work))


# --- fresh interpreters (other platforms) ------------------------------------------------------


async def _start_subprocess(module: str, function: str, args: list[str]) -> Child:
    process = await anyio.open_process(
        [*_PYTHON, _SUBPROCESS_CODE, IMPORT_ROOT, module, function, *args],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,  # a crash's traceback arrives between the JSON lines
        env=child_environment(),
        start_new_session=True,  # its own process group, killed as a whole
    )
    return _SubprocessChild(process)


class _SubprocessChild:
    def __init__(self, process: Process) -> None:
        assert process.stdout is not None
        self._process, self.pid, self.output = process, process.pid, process.stdout

    @property
    def returncode(self) -> int | None:
        return self._process.returncode

    def kill(self) -> None:
        if self._process.returncode is None:  # not reaped: the group id is still our child's
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)

    async def wait(self) -> int:
        return await self._process.wait()

    async def aclose(self) -> None:
        self.kill()
        with anyio.CancelScope(shield=True):
            await self._process.aclose()


# --- forks of the zygote: the server's side ----------------------------------------------------


class _ZygoteGone(Exception):
    pass


class _Zygote:
    """One zygote process and the server's end of its socket."""

    def __init__(self, module: str) -> None:
        self.module = module
        self._lock = threading.Lock()
        self._broken = False
        self._socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [*_PYTHON, _ZYGOTE_CODE, IMPORT_ROOT, str(theirs.fileno()), module],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,  # stderr: the server's log
                env=child_environment(), pass_fds=[theirs.fileno()], start_new_session=True,
            )
        except BaseException:
            self._socket.close()
            raise
        finally:
            theirs.close()
        try:
            self._socket.settimeout(START_TIMEOUT_S)
            ready = self._socket.recv(4096)
            self._socket.settimeout(REQUEST_TIMEOUT_S)
        except OSError:
            ready = b""
        if json.loads(ready or b"{}").get("ready") != self.process.pid:
            self.stop()
            raise RuntimeError(f"the PDF inspector's zygote did not start ({self.process.poll()})")

    def alive(self) -> bool:
        return not self._broken and self.process.poll() is None

    def request(self, message: dict[str, Any], fds: list[int] | None = None) -> dict[str, Any]:
        with self._lock:
            if not self.alive():
                raise _ZygoteGone
            try:
                socket.send_fds(self._socket, [json.dumps(message).encode()], fds or [])
                answer = self._socket.recv(4096)
            except OSError:  # a timeout included: a zygote that does not answer is replaced
                answer = b""
            if not answer:
                self.stop()
                raise _ZygoteGone
        reply: dict[str, Any] = json.loads(answer)
        return reply

    def stop(self) -> None:
        """Close the socket (the zygote exits, its children with it) and reap the zygote."""
        self._broken = True
        self._socket.close()
        try:
            self.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_zygote: _Zygote | None = None
_zygote_lock = threading.Lock()
_executor = ThreadPoolExecutor(8, thread_name_prefix="pdf-zygote")


def _zygote_for(module: str) -> _Zygote:
    global _zygote
    with _zygote_lock:
        if _zygote is None or not _zygote.alive() or _zygote.module != module:
            if _zygote is not None:
                _zygote.stop()
            _zygote = None  # a failed start is tried again by the next call
            _zygote = _Zygote(module)
        return _zygote


def _fork(module: str, function: str, args: list[str]) -> tuple[_Zygote, int, int, int]:
    """(zygote, pid, pidfd, read end of the output pipe) of a new fork."""
    for _attempt in range(2):  # a zygote that died since its last fork is replaced, transparently
        zygote = _zygote_for(module)
        read_fd, write_fd = os.pipe()
        try:
            answer = zygote.request({"fork": [module, function, args]}, [write_fd])
        except _ZygoteGone:
            os.close(read_fd)
            continue
        finally:
            os.close(write_fd)
        if "pid" not in answer:
            os.close(read_fd)
            raise RuntimeError(f"the PDF inspector's zygote could not fork: {answer.get('error')}")
        pid = answer["pid"]
        try:
            pidfd = os.pidfd_open(pid)  # not reaped yet: the pid is still our child's
        except OSError:  # too many open files, say: the child must not run unwatched
            os.close(read_fd)
            if zygote.alive():
                for kill in (os.killpg, os.kill):
                    with contextlib.suppress(ProcessLookupError):
                        kill(pid, signal.SIGKILL)
                _reap(zygote, pid)
            raise
        os.set_blocking(read_fd, False)
        return zygote, pid, pidfd, read_fd
    raise RuntimeError("the PDF inspector's zygote keeps dying")


def _reap(zygote: _Zygote, pid: int, pidfd: int | None = None) -> int | None:
    """The wait status of an ended child, and close `pidfd`. None if the zygote is gone, or if
    the child still runs (the zygote then reaps it later by itself)."""
    try:
        return zygote.request({"reap": pid}).get("status")
    except _ZygoteGone:
        return None
    finally:
        if pidfd is not None:
            os.close(pidfd)


def _kill(zygote: _Zygote, pid: int, pidfd: int) -> None:
    # Until the zygote reaps it the pid is ours, and so is the group it leads (if it got that
    # far). Once the zygote died the child was killed with it: the pidfd alone is then safe.
    if zygote.alive():
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        signal.pidfd_send_signal(pidfd, signal.SIGKILL)


def _discard_fork(forking: Future[tuple[_Zygote, int, int, int]]) -> None:
    if forking.cancelled() or forking.exception() is not None:
        return
    zygote, pid, pidfd, read_fd = forking.result()
    os.close(read_fd)
    _kill(zygote, pid, pidfd)
    _executor.submit(_reap, zygote, pid, pidfd)


class _PipeReceiveStream(ByteReceiveStream):
    def __init__(self, fd: int) -> None:
        self._fd = fd

    async def receive(self, max_bytes: int = 65536) -> bytes:
        while True:
            if self._fd < 0:
                raise anyio.ClosedResourceError
            await anyio.wait_readable(self._fd)  # a checkpoint between chunks, too
            try:
                data = os.read(self._fd, max_bytes)
            except BlockingIOError:
                continue
            if not data:
                raise anyio.EndOfStream
            return data

    async def aclose(self) -> None:
        self.close()

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1


class _ForkedChild:
    def __init__(self, zygote: _Zygote, pid: int, pidfd: int, read_fd: int) -> None:
        self._zygote, self.pid, self._pidfd = zygote, pid, pidfd
        self.output = _PipeReceiveStream(read_fd)
        self.returncode: int | None = None
        self._released = False  # the zygote was asked to reap it: the pid is no longer ours

    def kill(self) -> None:
        if not self._released:
            _kill(self._zygote, self.pid, self._pidfd)

    async def wait(self) -> int:
        if not self._released:
            await anyio.wait_readable(self._pidfd)  # readable once the child has ended
            self.kill()  # anything it left in its process group
            status = await _outcome(self._release())
            if status is None:
                raise RuntimeError("the PDF inspector's zygote died during an inspection")
            self.returncode = os.waitstatus_to_exitcode(status)
        assert self.returncode is not None
        return self.returncode

    def _release(self) -> Future[int | None]:
        self._released = True
        return _executor.submit(_reap, self._zygote, self.pid, self._pidfd)

    async def aclose(self) -> None:
        self.kill()
        self.output.close()
        if self._released:
            return
        try:
            with anyio.CancelScope(shield=True), anyio.move_on_after(REAP_TIMEOUT_S):
                await anyio.wait_readable(self._pidfd)
        finally:
            reaping = self._release()  # even when a plain task.cancel() got through the shield
        with anyio.CancelScope(shield=True):
            await _outcome(reaping)


def zygote_pid() -> int | None:
    """The pid of the latest zygote (maybe dead by now), None before the first fork."""
    zygote = _zygote
    return zygote.process.pid if zygote is not None else None


def shut_down() -> None:
    """Stop the zygote (running children die with it); the next `start_child` starts another."""
    global _zygote
    with _zygote_lock:
        if _zygote is not None:
            _zygote.stop()
            _zygote = None


def _forget_after_fork() -> None:
    """In a fork of the server: the zygote and the threads are the parent's; start afresh."""
    global _zygote, _zygote_lock, _executor
    _zygote_lock = threading.Lock()
    _executor = ThreadPoolExecutor(8, thread_name_prefix="pdf-zygote")
    if _zygote is not None:
        _zygote._socket.close()
        _inherited.append(_zygote)  # never waited for: not this process's child
        _zygote = None


_inherited: list[_Zygote] = []
atexit.register(shut_down)
os.register_at_fork(after_in_child=_forget_after_fork)


# --- the zygote itself -------------------------------------------------------------------------


def _zygote_main(argv: list[str]) -> None:
    """Entry point of the zygote: `CONTROL_FD MODULE`."""
    control = socket.socket(fileno=int(argv[0]))
    warm_up_module = getattr(importlib.import_module(argv[1]), "_zygote_warm_up", None)
    if warm_up_module is not None:
        warm_up_module()
    gc.collect()
    gc.freeze()  # the children's garbage collections then leave the shared pages alone
    control.send(json.dumps({"ready": os.getpid()}).encode())
    unreaped: set[int] = set()  # asked to reap before they ended
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, 65536, 1)
        except OSError:
            message, fds = b"", []
        if not message:
            return  # the server closed the socket or is gone: the children die with us
        request = json.loads(message)
        if "fork" in request:
            answer = (_fork_child(control, fds[0], *request["fork"]) if len(fds) == 1
                      else {"error": "no output pipe"})
        else:
            unreaped.add(request["reap"])
            answer = {"status": _wait(request["reap"], unreaped)}
        for fd in fds:
            os.close(fd)
        for pid in list(unreaped):
            _wait(pid, unreaped)
        control.send(json.dumps(answer).encode())


def _wait(pid: int, unreaped: set[int]) -> int | None:
    """The wait status of a child that ended (it leaves `unreaped`), None while it runs."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        done, status = pid, None
    if done:
        unreaped.discard(pid)
        return status
    return None


def _fork_child(control: socket.socket, output_fd: int, module: str, function: str,
                args: list[str]) -> dict[str, Any]:
    zygote_pid = os.getpid()
    try:
        pid = os.fork()
    except OSError as exc:
        return {"error": str(exc)}
    if pid:
        return {"pid": pid}
    code = 1
    try:
        os.setsid()
        ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != zygote_pid:  # the zygote died before the line above
            os._exit(code)
        control.detach()
        os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
        os.dup2(output_fd, 1)
        os.dup2(output_fd, 2)
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))  # the socket, the zygote's other files
        getattr(importlib.import_module(module), function)(args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    except BaseException:
        traceback.print_exc()
    finally:
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)
