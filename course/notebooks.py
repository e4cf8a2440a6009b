"""读笔记本、认出 nbgrader 单元格，以及认出一个学员笔记本属于哪一章。"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .errors import CourseError

TEST_SUFFIX = "_tests"


def read(path: Path) -> nbformat.NotebookNode:
    """读入并校验一个笔记本；任何问题都变成说明原因和办法的 CourseError。"""
    path = Path(path)
    if not path.exists():
        raise CourseError(f"找不到文件：{path}", "检查路径拼写；相对路径是相对于当前目录的。")
    if path.is_dir():
        raise CourseError(f"{path} 是一个文件夹，不是笔记本。",
                          "请给出 .ipynb 文件本身的路径，例如 release/ch05_data_structures/ch05_data_structures.ipynb")
    if path.suffix != ".ipynb":
        raise CourseError(f"{path.name} 不是 Jupyter 笔记本（扩展名应为 .ipynb）。",
                          "在 JupyterLab 里打开章节笔记本，保存后对那个 .ipynb 文件运行本命令。")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CourseError(f"{path.name} 不是 UTF-8 文本，不可能是有效的笔记本。",
                          "这个文件可能被别的程序覆盖了；从 release/ 重新复制一份，再把答案粘贴进去。") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CourseError(
            f"{path.name} 的 JSON 已损坏（第 {exc.lineno} 行第 {exc.colno} 列：{exc.msg}）。",
            "常见原因是保存时被中断或被手工编辑过。在 JupyterLab 里用「文件 → 从检查点恢复」，"
            "或从 release/ 重新复制一份笔记本再把答案粘贴进去。") from None
    if not isinstance(raw, dict) or "cells" not in raw or "nbformat" not in raw:
        raise CourseError(f"{path.name} 是 JSON，但不是 Jupyter 笔记本（缺少 cells / nbformat）。",
                          "请对章节的 .ipynb 文件运行本命令。")
    try:
        nb = nbformat.reads(text, as_version=4)
        nbformat.validate(nb)
    except Exception as exc:  # nbformat 的多种校验错误
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise CourseError(f"{path.name} 不是有效的笔记本：{first}",
                          "从 release/ 重新复制一份笔记本，再把答案粘贴进去。") from None
    return nb


def meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell) -> str | None:
    return meta(cell).get("grade_id")


def is_test(cell) -> bool:
    """自动评分的测试单元格：grade=True、solution=False 的代码单元格。"""
    m = meta(cell)
    return cell.get("cell_type") == "code" and bool(m.get("grade")) and not m.get("solution")


def is_solution(cell) -> bool:
    """学员作答的代码单元格（solution=True、不计分）。"""
    m = meta(cell)
    return cell.get("cell_type") == "code" and bool(m.get("solution")) and not m.get("grade")


def is_task(cell) -> bool:
    return bool(meta(cell).get("task"))


def exercise_of(test_id: str) -> str:
    """测试单元格 ``chNN_x_tests`` 对应的练习 ``chNN_x``。"""
    return test_id[: -len(TEST_SUFFIX)] if test_id.endswith(TEST_SUFFIX) else test_id


@dataclass(frozen=True)
class Exercise:
    id: str               # = 作答单元格的 grade_id
    solution_index: int   # 作答单元格在 nb.cells 中的下标
    test_index: int       # 测试单元格下标
    points: float


def exercises(nb) -> list[Exercise]:
    """按出现顺序列出练习：每个作答单元格配一个 ``<id>_tests`` 测试单元格。"""
    solutions = {grade_id(c): i for i, c in enumerate(nb.cells) if is_solution(c)}
    found = []
    for i, cell in enumerate(nb.cells):
        if is_test(cell):
            ex = exercise_of(grade_id(cell))
            if ex in solutions:
                found.append(Exercise(ex, solutions[ex], i, float(meta(cell).get("points", 0))))
    return found


def ids(nb) -> set[str]:
    return {gid for c in nb.cells if (gid := grade_id(c))}


def identify(nb, chapters: dict[str, set[str]]) -> str | None:
    """按 grade_id 的重合程度认出章节；与文件名无关（JupyterLab 会把副本改名）。"""
    mine = ids(nb)
    best, best_overlap = None, 0
    for chapter, theirs in chapters.items():
        overlap = len(mine & theirs)
        if overlap > best_overlap:
            best, best_overlap = chapter, overlap
    return best


def structure_problems(nb, source_nb, chapter: str) -> tuple[list[str], list[str]]:
    """学员笔记本与源笔记本比对：返回 (致命问题, 警告)。course check 和 course grade 共用。"""
    from nbgrader.utils import compute_checksum

    fatal, warn = [], []
    mine = {grade_id(c): c for c in nb.cells if grade_id(c)}
    release_hint = f"release/{chapter}/{chapter}.ipynb"
    missing_tests = [grade_id(c) for c in source_nb.cells
                     if is_test(c) and grade_id(c) not in mine]
    if len(missing_tests) == sum(is_test(c) for c in source_nb.cells):
        fatal.append("所有测试单元格都不见了：这不像是从 release 笔记本开始作答的。\n"
                     f"  办法：从 {release_hint} 重新复制一份笔记本，再把你的答案粘贴进去。")
    elif missing_tests:
        warn.append("这些测试单元格被删除了：" + "、".join(missing_tests) + "。评分时已按原样补回；"
                    f"请从 {release_hint} 把它们复制回作答单元格之后，这样你在本地也能运行自测。")
    for gid, cell in mine.items():
        m = meta(cell)
        if is_test(cell) and m.get("checksum") and compute_checksum(cell) != m["checksum"]:
            warn.append(f"测试单元格 {gid} 被改动过。评分用的是原始测试，你的改动不会生效"
                        "（如果你把答案写进了测试单元格，请挪到上面的作答单元格里）。")
    missing_solutions = [grade_id(c) for c in source_nb.cells
                         if is_solution(c) and grade_id(c) not in mine]
    if missing_solutions:
        warn.append("这些作答单元格被删除了，对应练习会得 0 分：" + "、".join(missing_solutions))
    return fatal, warn
