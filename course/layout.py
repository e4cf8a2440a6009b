"""课程目录的布局：仓库根目录就是 nbgrader 课程目录。

    source/<chNN_slug>/<chNN_slug>.ipynb   教师版（答案 + 隐藏测试）
    release/<chNN_slug>/<chNN_slug>.ipynb  学员版（nbgrader 生成并提交到仓库）
    submitted/<学生>/<chNN_slug>/           学员提交（教师端，不提交到仓库）
"""
from __future__ import annotations

import os
import re
from pathlib import Path

from .errors import CourseError

ASSIGNMENT_RE = re.compile(r"^ch\d{2}_[a-z0-9_]+$")
CONFIG_NAME = "nbgrader_config.py"


def is_course_root(path: Path) -> bool:
    return (path / CONFIG_NAME).is_file() and (path / "source").is_dir()


def find_root(start: Path | None = None) -> Path:
    """找课程根目录：``COURSE_ROOT`` 环境变量；否则从当前目录往上找；
    最后试 course 包所在仓库（可编辑安装时）。"""
    env = os.environ.get("COURSE_ROOT")
    if env:
        root = Path(env).expanduser().resolve()
        if not is_course_root(root):
            raise CourseError(f"COURSE_ROOT={env} 不是课程目录（那里没有 {CONFIG_NAME} 和 source/）。",
                              "把 COURSE_ROOT 指向克隆下来的课程仓库，或者取消这个环境变量。")
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if is_course_root(candidate):
            return candidate
    package_repo = Path(__file__).resolve().parent.parent
    if is_course_root(package_repo):
        return package_repo
    raise CourseError("找不到课程目录（含 nbgrader_config.py 和 source/ 的文件夹）。",
                      "请先 cd 到克隆下来的课程仓库里再运行，或设置 COURSE_ROOT。")


def assignments(root: Path) -> list[str]:
    """source/ 里的全部章节 id，按编号排序。"""
    found = []
    for d in sorted((root / "source").iterdir()):
        if d.is_dir() and ASSIGNMENT_RE.match(d.name) and (d / f"{d.name}.ipynb").is_file():
            found.append(d.name)
    return found


def require_assignment(root: Path, assignment: str) -> str:
    """确认章节存在；不存在时报错并列出可选章节。"""
    known = assignments(root)
    if assignment in known:
        return assignment
    close = [a for a in known if assignment and (assignment in a or a.startswith(assignment[:4]))]
    hint = "可选章节：" + ("、".join(known) if known else "（source/ 里还没有章节）")
    if close:
        hint = f"你是不是想要 {close[0]}？\n" + hint
    raise CourseError(f"没有叫 {assignment!r} 的章节。", hint)


def source_notebook(root: Path, assignment: str) -> Path:
    return root / "source" / assignment / f"{assignment}.ipynb"


def release_notebook(root: Path, assignment: str) -> Path:
    return root / "release" / assignment / f"{assignment}.ipynb"
