"""Long CPU work in a process of its own, so that the worker's event loop (every tablet on its
sockets) keeps its interpreter lock: a thread would share the lock and slow every request of
the worker down while the work runs.

The child is forked for the call by multiprocessing's fork server — a small process started on
first use, which imports nothing of the app (forking the worker itself, with its event loop and
threads, would not be safe; "spawn" would import the whole server again, ≈1 s). The child then
imports only the module of the function it runs; arguments and result must pickle. Meant for
rare, seconds-long work such as matching an imported list, not for per-request work."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")

_CONTEXT = multiprocessing.get_context("forkserver")
_CONTEXT.set_forkserver_preload([])  # not even __main__ (the server's command line)


async def in_process(function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """`function(*args)` in a child process; its exception is raised here."""
    pool = ProcessPoolExecutor(max_workers=1, mp_context=_CONTEXT)
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, _call, function, args, kwargs)
    finally:
        await asyncio.to_thread(pool.shutdown)


def _call(function: Callable[..., R], args: tuple[object, ...], kwargs: dict[str, object]) -> R:
    return function(*args, **kwargs)
