"""让测试单元格不会被错误答案卡住：按执行步数（不是时间）设上限。

测试里从不计时（机器快慢不同）。一个陷入死循环、或者复杂度错得离谱的答案，
会在执行的行数超过上限时抛 RuntimeError，这道练习得 0 分，评分继续往下走::

    from course.guard import StepLimit
    with StepLimit(200_000):
        assert solve(...) == ...

它基于 ``sys.settrace``，只看得见 Python 代码：C 实现的函数（如 ``sorted``）算作一步。
退出时恢复原来的 tracer（调试器不受影响）。

并发的测试还需要另一种护栏：死锁的答案不执行任何代码，只是一直等（等锁、等管道、
等一个永远不会完成的结果），步数上限拦不住它。:class:`Deadline` 给一段代码设一个
时间上限（不是计时：它只决定「最多等多久就判失败」）::

    from course.guard import Deadline
    with Deadline(5, "parallel_map 5 秒内没有返回：是不是在等一个永远不会来的结果？"):
        result = parallel_map(pool, f, items, 3)

到点时在被卡住的那一行抛 :class:`DeadlineExceeded`（``AssertionError`` 的子类），
阻塞的 ``lock.acquire()``、``conn.recv()``、``time.sleep()``、阻塞了事件循环的协程都会被打断，
之后 ``finally`` 里的清理照常执行。它用 ``SIGALRM``，只能在主线程里生效；在 Windows 或
非主线程里它什么也不做（退化为没有上限），所以测试仍应给每个等待带上自己的超时。
"""
from __future__ import annotations

import signal
import sys
import threading
import time

__all__ = ["StepLimit", "Deadline", "DeadlineExceeded"]


class StepLimit:
    """被测代码执行的行数超过 ``limit`` 就抛 ``RuntimeError``。"""

    def __init__(self, limit: int):
        if limit < 1:
            raise ValueError("limit 必须 >= 1")
        self.limit = limit
        self.steps = 0
        self._previous = None

    def __enter__(self) -> "StepLimit":
        self._previous = sys.gettrace()
        sys.settrace(self._trace)
        return self

    def __exit__(self, *exc) -> bool:
        sys.settrace(self._previous)
        return False

    def _trace(self, frame, event, arg):
        self.steps += 1
        if self.steps > self.limit:
            raise RuntimeError("执行步数超过上限：代码可能陷入了死循环，或者复杂度太高")
        return self._trace


class DeadlineExceeded(AssertionError):
    """:class:`Deadline` 到点时抛出：被测代码在时间上限内没有结束。"""


class Deadline:
    """``with Deadline(seconds, message):`` 块在 ``seconds`` 秒内没结束就抛 :class:`DeadlineExceeded`。

    基于 ``signal.setitimer(ITIMER_REAL)``：只在主线程、有 ``SIGALRM`` 的平台上生效，
    否则什么也不做（``armed`` 为 False）。可以嵌套：退出时恢复外层的计时器和信号处理函数。
    异常被被测代码吞掉、块仍未结束时，每隔 ``REFIRE`` 秒再抛一次。

    ``loop_safe=True``：在运行 asyncio 事件循环的线程里用（比如 Jupyter 里带顶层 ``await``
    的测试单元格）。到点时如果事件循环只是在空闲等待（``select``）或正在执行 asyncio 自己的
    代码，就不打断它——在那里抛异常会弄坏事件循环——而是稍后再看；只有正在运行的
    被测代码（阻塞了事件循环的忙等、``time.sleep``……）才会被打断。单纯「等不到结果」
    的异步代码由测试自己的 ``asyncio.wait_for`` 超时处理。
    """

    RETRY = 0.1    # loop_safe 时，信号落在事件循环自己的代码里：隔多久再看一次
    REFIRE = 0.5   # 抛出以后仍未退出（异常被被测代码吞掉了）：隔多久再抛一次

    def __init__(self, seconds: float, message: str | None = None, *, loop_safe: bool = False):
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)):
            raise TypeError("seconds 必须是秒数")
        if seconds <= 0:
            raise ValueError("seconds 必须 > 0")
        self.seconds = float(seconds)
        self.message = message or f"{seconds:g} 秒内没有结束：代码可能卡住了（死锁，或者在等一个永远不会来的结果）"
        self.loop_safe = loop_safe
        self.armed = False
        self._old_handler = None
        self._old_timer = (0.0, 0.0)
        self._started = 0.0

    def _fire(self, signum, frame):
        if self.loop_safe and _in_event_loop_machinery(frame):
            signal.setitimer(signal.ITIMER_REAL, self.RETRY)     # 事件循环只是在等：不打断它
            return
        signal.setitimer(signal.ITIMER_REAL, self.REFIRE)
        raise DeadlineExceeded(self.message)

    def __enter__(self) -> "Deadline":
        if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
            return self
        self._old_handler = signal.signal(signal.SIGALRM, self._fire)
        self._old_timer = signal.setitimer(signal.ITIMER_REAL, self.seconds)
        self._started = time.monotonic()
        self.armed = True
        return self

    def __exit__(self, *exc) -> bool:
        if not self.armed:
            return False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, self._old_handler)
        self.armed = False
        remaining, interval = self._old_timer
        if remaining > 0:  # 外层还有一个 Deadline：把它剩下的时间还给它
            left = remaining - (time.monotonic() - self._started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001), interval)
        return False


def _internal_dirs() -> tuple[str, ...]:
    import asyncio
    import os
    import selectors
    import sysconfig

    paths = {os.path.dirname(asyncio.__file__), selectors.__file__}
    for key in ("purelib", "platlib"):
        paths.add(sysconfig.get_paths()[key])
    return tuple(sorted(paths))


_INTERNAL: tuple[str, ...] | None = None


def _in_event_loop_machinery(frame) -> bool:
    """信号打断的这一帧是否属于事件循环自己（asyncio、selectors、第三方库如 ipykernel/tornado）。"""
    global _INTERNAL
    if _INTERNAL is None:
        _INTERNAL = _internal_dirs()
    if frame is None:
        return True
    return frame.f_code.co_filename.startswith(_INTERNAL)
