"""画基准测试结果：统一风格的 log-log 复杂度曲线（附拟合斜率）和加速比柱状图。

图上的文字默认用英文。只有机器上装了 CJK 字体时，:func:`label` 才返回中文：
缺字形时 matplotlib 会往 stderr 打警告（nbgrader 判 0 分）并画出方块。

函数都返回 ``matplotlib.figure.Figure``。在笔记本里写 ``fig = plots.complexity(...)``，
inline 后端会在单元格结束时显示它（不要把调用放在单元格最后一行当表达式，否则显示两次）。
"""
from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from typing import Mapping, Sequence

import matplotlib

from .bench import Timing, fit_slope

__all__ = ["cjk_font", "label", "complexity", "series", "speedup_bars", "panels"]

# 常见的、覆盖简体中文的字体家族名
_CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback",
    "Microsoft YaHei", "SimHei", "PingFang SC", "Hiragino Sans GB", "Heiti SC",
)

_STYLE = {
    "figure.figsize": (7.0, 4.2),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titleweight": "bold",
    "legend.frameon": False,
    "lines.markersize": 5,
}


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """返回一个已安装的中文字体家族名；没有就返回 None。"""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    for family in _CJK_FAMILIES:
        if family in installed:
            return family
    return None


def label(zh: str, en: str) -> str:
    """有中文字体时用中文，否则用英文。"""
    return zh if cjk_font() else en


def _rc() -> dict:
    rc = dict(_STYLE)
    font = cjk_font()
    if font:
        rc["font.sans-serif"] = [font, *matplotlib.rcParams["font.sans-serif"]]
        rc["axes.unicode_minus"] = False  # 很多中文字体没有 U+2212 减号
    return rc


@contextmanager
def _figure():
    """在统一风格下新建 (fig, ax)。

    图本身在 rc_context 外面创建：pyplot 第一次建图时才加载后端，Jupyter 的 inline 后端
    加载时会打开交互模式；若这一步发生在 rc_context 里，退出时交互模式被一起回滚，
    之后的图就不再自动显示。坐标轴和其余元素在 rc_context 里创建，风格照样生效。
    """
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=_STYLE["figure.figsize"], dpi=_STYLE["figure.dpi"])
    with matplotlib.rc_context(_rc()):
        ax = fig.add_subplot()
        yield fig, ax
        fig.tight_layout()


@contextmanager
def panels(ncols: int, *, width: float = 5.0, height: float = 4.2):
    """命令行和脚本用（不经 pyplot、不需要显示器）：同一风格的一行 ``ncols`` 个子图。

    产出 ``(fig, axes)``；保存用 ``fig.savefig(path)``。
    """
    from matplotlib.figure import Figure

    with matplotlib.rc_context(_rc()):
        fig = Figure(figsize=(width * ncols, height), dpi=_STYLE["figure.dpi"])
        axes = fig.subplots(1, ncols, squeeze=False)[0]
        yield fig, list(axes)
        fig.tight_layout()


def _values(name: str, values: Sequence[Timing | float], n: int) -> list[float]:
    """Timing 取中位数，数字原样；长度必须与横轴一致。"""
    ys = [v.median if isinstance(v, Timing) else float(v) for v in values]
    if len(ys) != n:
        raise ValueError(f"曲线 {name!r} 有 {len(ys)} 个点，但横轴有 {n} 个")
    return ys


def complexity(
    sizes: Sequence[int],
    series: Mapping[str, Sequence[Timing | float]],
    *,
    title: str,
    xlabel: str = "n",
    ylabel: str = "seconds per operation",
):
    """log-log 坐标画「规模 → 每次操作耗时」，图例里附上拟合斜率。

    ``series`` 把曲线名映射到与 ``sizes`` 等长的 Timing（取中位数）或秒数。
    斜率 ≈0 是 O(1)，≈1 是 O(n)。
    """
    with _figure() as (fig, ax):
        for name, values in series.items():
            ys = _values(name, values, len(sizes))
            slope = fit_slope(sizes, ys)
            ax.plot(sizes, ys, marker="o", label=f"{name}  (slope ≈ {slope:.2f})")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend()
    return fig


def series(
    xs: Sequence[float],
    lines: Mapping[str, Sequence[Timing | float]],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    logx: bool = False,
    logy: bool = False,
    step: bool = False,
):
    """通用折线图（不拟合斜率），例如 ``sys.getsizeof`` 随元素个数的阶梯变化（``step=True``）。"""
    with _figure() as (fig, ax):
        for name, values in lines.items():
            ys = _values(name, values, len(xs))
            if step:
                ax.step(xs, ys, where="post", label=name)
            else:
                ax.plot(xs, ys, marker="o", label=name)
        if logx:
            ax.set_xscale("log")
        if logy:
            ax.set_yscale("log")
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        if len(lines) > 1:
            ax.legend()
    return fig


def speedup_bars(
    ratios: Mapping[str, float],
    *,
    title: str,
    ylabel: str = "speed-up (×)",
):
    """柱状图画加速比；在 1× 处画一条基准线，每根柱子上标出数值。"""
    with _figure() as (fig, ax):
        names = list(ratios)
        values = [float(ratios[n]) for n in names]
        bars = ax.bar(names, values, color="tab:blue")
        ax.axhline(1.0, color="grey", linewidth=1, linestyle="--")
        for bar, value in zip(bars, values):
            ax.annotate(f"{value:.1f}×", (bar.get_x() + bar.get_width() / 2, value),
                        ha="center", va="bottom", xytext=(0, 2), textcoords="offset points")
        ax.set_title(title)
        ax.set_ylabel(ylabel)
        ax.grid(axis="x", visible=False)
    return fig
