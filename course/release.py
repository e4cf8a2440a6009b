"""`course release`：用 nbgrader 从 source/ 重新生成 release/。

先在临时课程目录里生成，成功后再逐个文件原子地替换进 release/，
所以源笔记本有错时 release/ 保持原样，不会留下半个目录。
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat

from . import grading, layout, notebooks
from .errors import CourseError


def answered_exercises(release_nb: Path) -> list[str]:
    """release 笔记本里已经被作答的练习（作答单元格的 checksum 与生成时不同）。"""
    from nbgrader.utils import compute_checksum

    try:
        nb = nbformat.read(str(release_nb), as_version=4)
    except Exception:
        return []
    done = []
    for cell in nb.cells:
        m = notebooks.meta(cell)
        if notebooks.is_solution(cell) and m.get("checksum") and compute_checksum(cell) != m["checksum"]:
            done.append(m.get("grade_id", "?"))
    return done


def release(root: Path, assignment: str, *, force: bool = False) -> list[Path]:
    """生成一章的 release；返回写入的文件。"""
    layout.require_assignment(root, assignment)
    target = root / "release" / assignment
    answered = answered_exercises(target / f"{assignment}.ipynb")
    if answered and not force:
        raise CourseError(
            f"{target.relative_to(root)}/{assignment}.ipynb 里已经有作答内容（{'、'.join(answered)}），"
            "重新生成会覆盖它们。",
            "先把这个笔记本另存到别处（比如 ~/my-answers/），或者确认不要这些答案后加 --force。")
    with tempfile.TemporaryDirectory(prefix="course-release-", ignore_cleanup_errors=True) as tmp:
        course = Path(tmp)
        shutil.copy2(root / layout.CONFIG_NAME, course / layout.CONFIG_NAME)
        shutil.copytree(root / "source" / assignment, course / "source" / assignment,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        result = grading.run_steps(course, assignment, ["generate"],
                                   overrides={"GenerateAssignment.no_database": True,
                                              "SaveCells.enabled": False})[0]
        if not result["success"]:
            detail = (result["error"] or result["log"]).strip().splitlines()
            raise CourseError(f"nbgrader 生成 {assignment} 失败：\n" + "\n".join(detail[-8:]),
                              f"检查 source/{assignment}/ 里笔记本的 nbgrader 元数据"
                              "（BEGIN/END SOLUTION、HIDDEN TESTS、MARK SCHEME 是否成对）。")
        built = course / "release" / assignment
        written = []
        for src in sorted(p for p in built.rglob("*") if p.is_file()):
            dest = target / src.relative_to(built)
            dest.parent.mkdir(parents=True, exist_ok=True)
            part = dest.with_name(dest.name + ".part")
            shutil.copyfile(src, part)
            os.replace(part, dest)
            written.append(dest)
    return written
