"""数操作而不是计时：带读写计数器的定长数组。

练习里用它检验复杂度：实现只能把元素存进 CountingArray，测试读 ``reads`` /
``writes``，就能判断每次操作是 O(1) 还是 O(n)，与机器快慢无关。
"""
from __future__ import annotations

from typing import Any

__all__ = ["CountingArray"]


class CountingArray:
    """长度固定的数组。每次 ``a[i]`` 计一次读，每次 ``a[i] = x`` 计一次写。

    只接受 ``0 <= i < len(a)`` 的整数下标（不支持负下标和切片），
    这样所有访问都会被计数。
    """

    __slots__ = ("_items", "reads", "writes")

    def __init__(self, size: int, fill: Any = None):
        if not isinstance(size, int) or size < 0:
            raise ValueError(f"size 必须是非负整数，收到 {size!r}")
        self._items = [fill] * size
        self.reads = 0
        self.writes = 0

    def __len__(self) -> int:
        return len(self._items)

    def _check(self, index: Any) -> int:
        if not isinstance(index, int) or isinstance(index, bool):
            raise TypeError(f"下标必须是整数，收到 {type(index).__name__}")
        if not 0 <= index < len(self._items):
            raise IndexError(f"下标 {index} 超出范围 0..{len(self._items) - 1}")
        return index

    def __getitem__(self, index: int) -> Any:
        index = self._check(index)
        self.reads += 1
        return self._items[index]

    def __setitem__(self, index: int, value: Any) -> None:
        index = self._check(index)
        self.writes += 1
        self._items[index] = value

    @property
    def ops(self) -> int:
        """读 + 写的总次数。"""
        return self.reads + self.writes

    def __repr__(self) -> str:
        return f"CountingArray(size={len(self)}, reads={self.reads}, writes={self.writes})"
