"""基准测试计时：多次重复，报告中位数和最小值；快速模式下缩小规模。

机器有噪声，所以只看中位数和比值，不看单次读数。笔记本里这样用::

    from course.bench import measure, scaled
    n = scaled(full=100_000, fast=5_000)
    t = measure(lambda xs: xs.pop(0), setup=lambda: list(range(n)), number=n // 2)
    t.median  # 每次调用的秒数

快速模式（测试、CI 和评分时）由环境变量决定，见 :func:`fast_mode`。
"""
from __future__ import annotations

import math
import os
import statistics
import time
from dataclasses import dataclass
from typing import Any, Callable, Sequence

__all__ = ["Timing", "fast_mode", "scaled", "measure", "sweep", "fit_slope", "speedup"]


def fast_mode() -> bool:
    """是否用小规模跑基准测试。

    ``COURSE_FAST=1`` 打开、``COURSE_FAST=0`` 关闭；没设置时，nbgrader 评分
    （autograde / validate 会设置 ``NBGRADER_EXECUTION``）自动用快速模式。
    """
    flag = os.environ.get("COURSE_FAST", "").strip().lower()
    if flag:
        return flag not in ("0", "false", "no", "off")
    return os.environ.get("NBGRADER_EXECUTION") in ("autograde", "validate")


def scaled(full, fast):
    """正常模式返回 ``full``，快速模式返回 ``fast``。两种规模要讲同一个结论。"""
    return fast if fast_mode() else full


@dataclass(frozen=True)
class Timing:
    """一次测量：``runs`` 是每次重复得到的「单次调用秒数」。"""

    runs: tuple[float, ...]
    number: int

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def min(self) -> float:
        return min(self.runs)

    def __str__(self) -> str:
        return f"median {_fmt(self.median)}, min {_fmt(self.min)} ({len(self.runs)}×{self.number})"


def _fmt(seconds: float) -> str:
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-9:.3g} ns"


def measure(
    func: Callable[..., Any],
    *,
    setup: Callable[[], Any] | None = None,
    number: int | None = None,
    repeat: int | None = None,
    target: float | None = None,
) -> Timing:
    """测 ``func`` 单次调用的耗时。

    - ``setup``：每轮重复之前调用一次（不计时），返回值作为 ``func`` 的唯一参数；
      会修改数据的操作（``pop``、``del``）靠它每轮拿到新数据。没有 ``setup`` 时
      ``func`` 不带参数调用。
    - ``number``：每轮调用几次。不给时自动加倍，直到一轮至少 ``target`` 秒
      （正常 0.05 秒，快速模式 0.005 秒）。
    - ``repeat``：重复几轮（正常 7，快速模式 3），取中位数与最小值。
    """
    if repeat is None:
        repeat = scaled(7, 3)
    if target is None:
        target = scaled(0.05, 0.005)
    if repeat < 1:
        raise ValueError("repeat 必须 >= 1")
    if number is not None and number < 1:
        raise ValueError("number 必须 >= 1")

    def one_round(n: int) -> float:
        arg = setup() if setup is not None else None
        clock = time.perf_counter
        if setup is None:
            start = clock()
            for _ in range(n):
                func()
            return clock() - start
        start = clock()
        for _ in range(n):
            func(arg)
        return clock() - start

    if number is None:
        number = 1
        while True:
            elapsed = one_round(number)
            if elapsed >= target or number >= 1 << 24:
                break
            # 按已测速度估计，最多一次放大 10 倍
            grow = target / elapsed if elapsed > 0 else 10
            number = max(number + 1, int(number * min(10, grow * 1.2)))
    runs = tuple(one_round(number) / number for _ in range(repeat))
    return Timing(runs=runs, number=number)


def sweep(
    sizes: Sequence[int],
    func: Callable[[Any], Any],
    make_input: Callable[[int], Any],
    **kwargs: Any,
) -> list[Timing]:
    """对每个规模 ``n`` 用 ``make_input(n)`` 造数据，测 ``func(data)``；返回每个规模的 Timing。"""
    return [measure(func, setup=lambda n=n: make_input(n), **kwargs) for n in sizes]


def fit_slope(sizes: Sequence[float], seconds: Sequence[float]) -> float:
    """log-log 坐标下的最小二乘斜率：≈0 表示 O(1)，≈1 表示 O(n)，≈2 表示 O(n²)。"""
    if len(sizes) != len(seconds) or len(sizes) < 2:
        raise ValueError("至少需要两组 (规模, 时间)，且两列长度相同")
    if any(x <= 0 for x in sizes) or any(y <= 0 for y in seconds):
        raise ValueError("规模和时间都必须为正数才能取对数")
    xs = [math.log(x) for x in sizes]
    ys = [math.log(y) for y in seconds]
    slope, _intercept = statistics.linear_regression(xs, ys)
    return slope


def speedup(baseline: Timing, other: Timing) -> float:
    """``other`` 比 ``baseline`` 快多少倍（中位数之比）。"""
    return baseline.median / other.median
