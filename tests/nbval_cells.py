"""pytest 插件（pyproject.toml 的 addopts 用 ``-p nbval_cells`` 载入）：源笔记本的 nbval 设置。

放在插件里而不是 conftest.py：只跑 ``source/`` 下的笔记本时（``course test source/ch05_…``），
tests/conftest.py 不会被载入，而下面这些设置每次都必须生效。

- 基准测试一律用快速模式（COURSE_FAST=1），内核从这个进程继承环境变量。
- ``--dist loadgroup``：nbval 把一个笔记本的每个单元格当成一个测试项，它们共用一个内核，
  必须留在同一个 xdist worker 上；这里给它们打上按笔记本分组的标记。
- 作答单元格和测试单元格带 ``raises-exception`` 标签（发布版里「全部运行」才不会停在第一个
  未作答的练习上）。nbval 见到这个标签就放过异常；教师版的参考答案不该出错，所以这里对
  source/ 的笔记本把这个放行关掉。
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ["COURSE_FAST"] = "1"

SOURCE = Path(__file__).resolve().parent.parent / "source"


@pytest.hookimpl(tryfirst=True)  # 在 xdist 按 xdist_group 改写测试 id 之前
def pytest_collection_modifyitems(config, items):
    for item in items:
        if type(item).__name__ == "IPyNbCell":  # nbval 的测试项
            item.add_marker(pytest.mark.xdist_group(f"nbval-{Path(str(item.fspath)).stem}"))
            if SOURCE in Path(str(item.fspath)).resolve().parents:
                item.options["check_exception"] = False
