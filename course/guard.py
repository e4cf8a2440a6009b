"""让测试单元格不会被错误答案卡住：按执行步数（不是时间）设上限。

测试里从不计时（机器快慢不同）。一个陷入死循环、或者复杂度错得离谱的答案，
会在执行的行数超过上限时抛 RuntimeError，这道练习得 0 分，评分继续往下走::

    from course.guard import StepLimit
    with StepLimit(200_000):
        assert solve(...) == ...

它基于 ``sys.settrace``，只看得见 Python 代码：C 实现的函数（如 ``sorted``）算作一步。
退出时恢复原来的 tracer（调试器不受影响）。
"""
from __future__ import annotations

import sys

__all__ = ["StepLimit"]


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
