"""课程首页 ``release/index.ipynb``：学员打开 JupyterLab 看到的第一页。

它由 ``course release`` 从 source/ 里各章笔记本的标题生成（不手写，免得和章节对不上），
只有 Markdown 单元格：章节列表带链接，加三行「怎么运行 / 怎么自查 / 怎么拿分」。
"""
from __future__ import annotations

import os
from pathlib import Path

import nbformat

from . import layout, notebooks

HOME_NAME = "index.ipynb"

INTRO = """\
# Python 面试课程 · 课程首页

每章一个笔记本：讲解 + 可运行的演示 + 自动评分的练习 + 面试口述题 + 自测题。

1. **运行**：选中单元格按 `Shift+Enter`；菜单「运行 → 运行所有单元格」跑完整章（还没作答的练习会显示 `NotImplementedError`，这是正常的）。
2. **自查**：每道练习下面的测试单元格就是自查；也可以点笔记本工具栏上的 **Validate** 按钮跑一遍全部可见测试。
3. **拿分**：先保存笔记本，再在终端（菜单「文件 → 新建 → 终端」）运行 `course check <章节>/<章节>.ipynb`，得到逐题分数表和一个反馈页面（隐藏测试也会跑）。
"""

OUTRO = """\
在课堂上：老师会告诉你怎么提交；老师用 `course grade` 批量评分并发回反馈。

界面语言：默认中文；想换英文，菜单「设置 → 语言 → English」。
"""


def chapter_title(notebook: Path) -> str:
    """笔记本第一个一级标题（去掉 ``# ``）；没有就用文件名。"""
    nb = notebooks.read(notebook)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return notebook.stem


def build(root: Path) -> nbformat.NotebookNode:
    """按 release/ 里已发布的章节生成首页笔记本（顺序同 source/）。"""
    rows = ["| 章 | 内容 | 练习 |", "|---|---|---|"]
    for a in layout.assignments(root):
        released = root / "release" / a / f"{a}.ipynb"
        if not released.is_file():
            continue
        source = layout.source_notebook(root, a)
        count = len(notebooks.exercises(notebooks.read(source)))
        link = f"{a}/{a}.ipynb"
        rows.append(f"| {a[2:4]} | [{chapter_title(source)}]({link}) | {count} 道 |")
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(INTRO),
                nbformat.v4.new_markdown_cell("## 章节\n\n" + "\n".join(rows)),
                nbformat.v4.new_markdown_cell(OUTRO)]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"home-{i}"  # 固定 id：内容不变时文件逐字节不变
    return nb


def write(root: Path) -> Path:
    """原子地写 release/index.ipynb。"""
    target = root / "release" / HOME_NAME
    part = target.with_name(target.name + ".part")
    nbformat.write(build(root), str(part))
    os.replace(part, target)
    return target
