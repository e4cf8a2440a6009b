"""course.guard.Deadline：卡住的代码到点抛 DeadlineExceeded，清理照常；不卡的代码不受影响。"""
from __future__ import annotations

import multiprocessing as mp
import threading
import time

import pytest

from course.guard import Deadline, DeadlineExceeded


def test_interrupts_blocking_waits():
    a, b = mp.Pipe()
    try:
        for block in (threading.Event().wait, b.recv):
            with pytest.raises(DeadlineExceeded, match="卡住"):
                with Deadline(0.2, "卡住了"):
                    block()
    finally:
        a.close()
        b.close()


def test_fast_code_and_nesting():
    with Deadline(5) as d:
        assert d.armed
    assert not d.armed
    time.sleep(0.3)                      # 没有残留的计时器
    with pytest.raises(DeadlineExceeded, match="outer"):
        with Deadline(0.4, "outer"):
            with Deadline(5, "inner"):
                pass
            time.sleep(3)


def test_is_a_no_op_outside_the_main_thread():
    seen = []
    t = threading.Thread(target=lambda: seen.append(Deadline(0.1).__enter__().armed))
    t.start()
    t.join(5)
    assert seen == [False]


@pytest.mark.parametrize("bad, exc", [(0, ValueError), (-1, ValueError), ("1", TypeError), (True, TypeError)])
def test_rejects_bad_seconds(bad, exc):
    with pytest.raises(exc):
        Deadline(bad)


def test_loop_safe_spares_an_idle_event_loop_but_interrupts_blocking_code():
    import asyncio

    async def main():
        with Deadline(0.2, "idle", loop_safe=True):
            await asyncio.sleep(0.6)              # 事件循环空闲：不打断，循环完好

        async def spin():
            while True:
                pass

        with pytest.raises(DeadlineExceeded, match="spin"):
            with Deadline(0.3, "spin", loop_safe=True):
                await asyncio.wait_for(spin(), 5)
        await asyncio.sleep(0.01)                 # 循环仍然可用
        return "ok"

    assert asyncio.run(main()) == "ok"
