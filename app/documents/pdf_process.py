"""The child processes of the PDF inspector: forks of a warm "zygote" on Linux, fresh interpreters
elsewhere.

Starting Python and importing pypdf costs 0.3–0.7 s, more than the inspection of a typical file.
So on Linux one long-lived zygote per server process (`python -I -B`, started lazily with only
PATH and LC_ALL in its environment, in its own session) imports pypdf and the inspector once, and
each inspection is a fork of it (a few ms). The fork becomes a session leader, closes every file
but the output pipe, and runs `module.function(args)`; its limits (RLIMIT_AS, …) are set by that
function before it opens the file, exactly as in a fresh interpreter.

The server talks to the zygote over a private socket pair (one request, one answer, under a lock,
from worker threads, never from the event loop): "fork" (with the write end of the child's output
pipe, passed as SCM_RIGHTS) answers the child's pid; "reap" answers its wait status. The zygote
reaps a child only when asked, so until then its pid (and process group) cannot be reused and
killing the group is safe; the server watches it through a pidfd. The children die with the
zygote (PR_SET_PDEATHSIG), the zygote exits when the server closes the socket (or dies), and a
zygote that died or stopped answering is replaced by a new one at the next request.

`start_child` answers a `Child` either way; `USE_ZYGOTE = False` selects fresh interpreters.
"""

from __future__ import annotations

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
from pathlib import Path
from typing import Any, Protocol

import anyio
from anyio.abc import ByteReceiveStream, Process

IMPORT_ROOT = str(Path(__file__).resolve().parents[2])  # the directory holding the `app` package
USE_ZYGOTE = sys.platform == "linux" and hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")
START_TIMEOUT_S = 30.0  # the zygote's imports, on a loaded machine
REQUEST_TIMEOUT_S = 10.0  # a fork or a reap takes milliseconds; longer means the zygote is stuck
REAP_TIMEOUT_S = 5.0  # a killed child is gone at once unless stuck in the kernel
_CALL = "getattr(importlib.import_module(sys.argv[2]), sys.argv[3])(sys.argv[4:])"
_SUBPROCESS_CODE = "import importlib, sys; sys.path.insert(0, sys.argv[1]); " + _CALL
_ZYGOTE_CODE = ("import sys; sys.path.insert(0, sys.argv[1]); "
                "from app.documents.pdf_process import _zygote_main; _zygote_main(sys.argv[2:])")
_PR_SET_PDEATHSIG = 1


def child_environment() -> dict[str, str]:
    """All a child gets of the server's environment: no KYHOP_* secrets."""
    return {"PATH": os.environ.get("PATH", os.defpath), "LC_ALL": "C.UTF-8"}


class Child(Protocol):
    pid: int
    output: ByteReceiveStream  # the child's stdout and stderr
    returncode: int | None  # as subprocess: negative for a signal

    def kill(self) -> None: ...  # the child's process group, at once; harmless once it ended

    async def wait(self) -> int: ...

    async def aclose(self) -> None: ...  # kill if still running and reap, shielded from cancellation


async def warm_up(preload: tuple[str, ...]) -> None:
    """Start the zygote (importing `preload`) unless it runs; not needed, but makes the first
    `start_child` quick. Cancelling it leaves the start-up to finish in the background."""
    if USE_ZYGOTE:
        await anyio.to_thread.run_sync(_zygote_for, preload, abandon_on_cancel=True)


async def start_child(module: str, function: str, args: list[str], preload: tuple[str, ...]) -> Child:
    """Run `module.function(args)` in a new child process, its own process group."""
    if not USE_ZYGOTE:
        return await _start_subprocess(module, function, args)
    # Not abandoned on cancellation: once forked, the child must be known to be killed.
    zygote, pid, pidfd, read_fd = await anyio.to_thread.run_sync(
        _fork, module, function, args, preload)
    return _ForkedChild(zygote, pid, pidfd, read_fd)


# --- fresh interpreters (other platforms) -------------------------------------------------------


async def _start_subprocess(module: str, function: str, args: list[str]) -> Child:
    process = await anyio.open_process(
        [sys.executable, "-I", "-B", "-c", _SUBPROCESS_CODE, IMPORT_ROOT, module, function, *args],
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


# --- forks of the zygote: the server's side ------------------------------------------------------


class _ZygoteGone(Exception):
    pass


class _Zygote:
    """One running zygote process and the server's end of its socket."""

    def __init__(self, preload: tuple[str, ...]) -> None:
        self.preload = preload
        self._lock = threading.Lock()
        self._broken = False
        self._socket, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", "-B", "-c", _ZYGOTE_CODE, IMPORT_ROOT,
                 str(theirs.fileno()), *preload],
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
            raise RuntimeError(f"the PDF inspector's zygote did not start (exit {self.process.poll()})")

    def alive(self) -> bool:
        return not self._broken and self.process.poll() is None

    def request(self, message: dict[str, Any], fds: list[int] | None = None) -> dict[str, Any]:
        with self._lock:
            if not self.alive():
                raise _ZygoteGone
            try:
                socket.send_fds(self._socket, [json.dumps(message).encode()], fds or [])
                answer = self._socket.recv(4096)
            except OSError:  # including a timeout: a zygote that does not answer is replaced
                answer = b""
            if not answer:
                self.stop()
                raise _ZygoteGone
        return json.loads(answer)

    def stop(self) -> None:
        """Close the socket (the zygote exits, and its children with it) and reap the zygote."""
        self._broken = True
        self._socket.close()
        try:
            self.process.wait(timeout=1)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


_zygote: _Zygote | None = None
_zygote_lock = threading.Lock()


def _zygote_for(preload: tuple[str, ...]) -> _Zygote:
    global _zygote
    with _zygote_lock:
        if _zygote is None or not _zygote.alive() or _zygote.preload != preload:
            if _zygote is not None:
                _zygote.stop()
            _zygote = None  # a failed start is retried by the next call
            _zygote = _Zygote(preload)
        return _zygote


def _fork(
    module: str, function: str, args: list[str], preload: tuple[str, ...]
) -> tuple[_Zygote, int, int, int]:
    """In a worker thread: (zygote, pid, pidfd, read end of the output pipe) of a new fork."""
    for _attempt in range(2):  # a zygote found dead is replaced once, transparently
        zygote = _zygote_for(preload)
        read_fd, write_fd = os.pipe()
        try:
            answer = zygote.request(
                {"fork": [module, function, args]}, [write_fd])
        except _ZygoteGone:
            os.close(read_fd)
            continue
        finally:
            os.close(write_fd)
        if "pid" not in answer:
            os.close(read_fd)
            raise RuntimeError(f"the PDF inspector's zygote could not fork: {answer.get('error')}")
        try:
            pidfd = os.pidfd_open(answer["pid"])  # not reaped yet: the pid is still our child's
        except OSError:  # too many open files, say: the child must not run unwatched
            os.close(read_fd)
            if zygote.alive():
                for kill in (os.killpg, os.kill):
                    with contextlib.suppress(ProcessLookupError):
                        kill(answer["pid"], signal.SIGKILL)
                _reap(zygote, answer["pid"])  # or later, by the zygote itself
            raise
        os.set_blocking(read_fd, False)
        return zygote, answer["pid"], pidfd, read_fd
    raise RuntimeError("the PDF inspector's zygote keeps dying")


def _reap(zygote: _Zygote, pid: int) -> int | None:
    """In a worker thread: the wait status of an ended child; None if unknown (zygote gone)."""
    try:
        return zygote.request({"reap": pid}).get("status")
    except _ZygoteGone:
        return None


class _PipeReceiveStream(ByteReceiveStream):
    def __init__(self, fd: int) -> None:
        self._fd = fd

    async def receive(self, max_bytes: int = 65536) -> bytes:
        while True:
            if self._fd < 0:
                raise anyio.ClosedResourceError
            await anyio.wait_readable(self._fd)  # also a checkpoint between chunks
            try:
                data = os.read(self._fd, max_bytes)
            except BlockingIOError:
                continue
            if not data:
                raise anyio.EndOfStream
            return data

    def close(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)
            self._fd = -1

    async def aclose(self) -> None:
        self.close()


class _ForkedChild:
    def __init__(self, zygote: _Zygote, pid: int, pidfd: int, read_fd: int) -> None:
        self._zygote, self.pid, self._pidfd = zygote, pid, pidfd
        self.output = _PipeReceiveStream(read_fd)
        self.returncode: int | None = None
        self._reaped = False

    def kill(self) -> None:
        if self._reaped:
            return
        # Until the zygote reaps it the pid is ours, and so is the group it leads (if it got that
        # far). Once the zygote died the child was killed with it: the pidfd alone is then safe.
        if self._zygote.alive():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            signal.pidfd_send_signal(self._pidfd, signal.SIGKILL)

    async def wait(self) -> int:
        if not self._reaped:
            await anyio.wait_readable(self._pidfd)  # readable once the child has ended
            self.kill()  # anything it left behind in its process group
            status = await self._reap()
            if status is None:
                raise RuntimeError("the PDF inspector's zygote died during an inspection")
        assert self.returncode is not None
        return self.returncode

    async def _reap(self) -> int | None:
        status = await anyio.to_thread.run_sync(_reap, self._zygote, self.pid)
        self._reaped = True
        os.close(self._pidfd)
        if status is not None:
            self.returncode = os.waitstatus_to_exitcode(status)
        return status

    async def aclose(self) -> None:
        with anyio.CancelScope(shield=True):
            self.kill()
            self.output.close()
            if self._reaped:
                return
            with anyio.move_on_after(REAP_TIMEOUT_S):
                await anyio.wait_readable(self._pidfd)
            await self._reap()  # if still running, the zygote reaps it later by itself


def zygote_pid() -> int | None:
    """The pid of the current zygote (maybe dead by now), None before the first fork."""
    zygote = _zygote
    return zygote.process.pid if zygote is not None else None


def shut_down() -> None:
    """Stop the zygote (its running forks die with it); the next `start_child` starts another."""
    global _zygote
    with _zygote_lock:
        if _zygote is not None:
            _zygote.stop()
            _zygote = None


def _forget_after_fork() -> None:
    """In a fork of the server: the zygote is the parent's; leave it alone, start another."""
    global _zygote, _zygote_lock
    _zygote_lock = threading.Lock()
    if _zygote is not None:
        _zygote._socket.close()
        _inherited.append(_zygote)  # never waited for: it is not this process's child
        _zygote = None


_inherited: list[_Zygote] = []
atexit.register(shut_down)
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)


# --- the zygote itself -------------------------------------------------------------------------


def _zygote_main(argv: list[str]) -> None:
    """Entry point of the zygote: `CONTROL_FD MODULE…`; a module's `_zygote_warm_up()` is called."""
    control = socket.socket(fileno=int(argv[0]))
    for name in argv[1:]:
        warm_up_module = getattr(importlib.import_module(name), "_zygote_warm_up", None)
        if warm_up_module is not None:
            warm_up_module()
    gc.collect()
    gc.freeze()  # the forks' garbage collections then leave the shared pages alone
    control.send(json.dumps({"ready": os.getpid()}).encode())
    unreaped: set[int] = set()  # asked to reap before they ended (stuck in the kernel)
    while True:
        try:
            message, fds, _flags, _address = socket.recv_fds(control, 65536, 1)
        except OSError:
            message, fds = b"", []
        if not message:
            return  # the server closed the socket or is gone: the children die with us
        request = json.loads(message)
        if "fork" in request and len(fds) == 1:
            answer = _fork_child(control, fds[0], *request["fork"])
        elif "fork" in request:
            answer = {"error": "no output pipe"}
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
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
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
