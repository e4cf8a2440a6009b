"""`course check`：学员给自己的笔记本评分。

在临时课程目录里跑真正的 nbgrader 流程（generate_assignment → autograde →
generate_feedback），用的是 source/ 里对应章节的隐藏测试；真实的 gradebook 不会被碰。
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from . import grading, layout, notebooks
from .errors import CourseError

STUDENT = "learner"


@dataclass
class CheckReport:
    chapter: str
    scores: grading.NotebookScores
    titles: dict[str, str]
    feedback: Path
    warnings: list[str] = field(default_factory=list)


def _source_index(root: Path) -> dict[str, nbformat.NotebookNode]:
    return {a: nbformat.read(str(layout.source_notebook(root, a)), as_version=4)
            for a in layout.assignments(root)}


def exercise_titles(nb) -> dict[str, str]:
    """每个练习的标题：取作答单元格前面那个 markdown 单元格的第一行。"""
    titles = {}
    for ex in notebooks.exercises(nb):
        for i in range(ex.solution_index - 1, -1, -1):
            cell = nb.cells[i]
            if cell.cell_type == "markdown":
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                title = re.sub(r"[（(]\s*\d+(\.\d+)?\s*分\s*[）)]$", "", first.lstrip("#").strip()).strip()
                titles[ex.id] = title or ex.id
                break
    return titles


def _default_feedback_path(path: Path) -> Path:
    return path.with_name(path.stem + ".feedback.html")


def check(path: Path, root: Path, *, chapter: str | None = None, cell_timeout: int | None = None,
          feedback_to: Path | None = None) -> CheckReport:
    path = Path(path).resolve()
    nb = notebooks.read(path)
    sources = _source_index(root)
    if chapter is not None:
        layout.require_assignment(root, chapter)
    else:
        chapter = notebooks.identify(nb, {a: notebooks.ids(s) for a, s in sources.items()})
        if chapter is None:
            raise CourseError(
                f"认不出 {path.name} 属于哪一章：里面没有本课程任何练习单元格（nbgrader grade_id）。",
                "请对 release/ 里的章节笔记本（或它的副本）运行；如果你是把代码粘到新笔记本里的，"
                "请改回在 release 笔记本里作答。也可以用 --chapter chNN_xxx 指定章节。")
    fatal, warnings = notebooks.structure_problems(nb, sources[chapter], chapter)
    if fatal:
        raise CourseError("笔记本的结构被改坏了，无法评分：\n  " + "\n  ".join(fatal))

    feedback_to = Path(feedback_to).resolve() if feedback_to else _default_feedback_path(path)
    code_cells = sum(c.cell_type == "code" for c in nb.cells)
    per_cell = grading.cell_timeout(root, cell_timeout)
    hard_limit = grading.time_budget(code_cells, per_cell)

    with tempfile.TemporaryDirectory(prefix="course-check-", ignore_cleanup_errors=True) as tmp:
        course = Path(tmp)
        shutil.copy2(root / layout.CONFIG_NAME, course / layout.CONFIG_NAME)
        shutil.copytree(root / "source" / chapter, course / "source" / chapter,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        submitted = course / "submitted" / STUDENT / chapter
        submitted.mkdir(parents=True)
        nbformat.write(nb, str(submitted / f"{chapter}.ipynb"))
        try:
            run = grading.run_worker(course, chapter, ["generate", "autograde", "feedback"],
                                     student=STUDENT, timeout=hard_limit, cell_timeout=per_cell)
        except grading.WorkerTimeout as exc:
            raise CourseError(f"{exc}。", "笔记本里可能有不响应中断的死循环；修好后再试，"
                              "或用 --timeout 调小每个单元格的时限。", code=3) from None
        except grading.WorkerCrashed as exc:
            raise CourseError(f"评分过程出错：{exc}", code=3) from None
        failed = run.failed()
        if failed:
            tail = "\n".join((failed["error"] or failed["log"]).strip().splitlines()[-8:])
            raise CourseError(f"nbgrader 的 {failed['step']} 步骤失败：\n{tail}", code=3)
        scores = grading.read_scores(course, chapter, STUDENT)
        html = course / "feedback" / STUDENT / chapter / f"{chapter}.html"
        feedback_path = _publish(html, feedback_to)
    return CheckReport(chapter=chapter, scores=scores, titles=exercise_titles(sources[chapter]),
                       feedback=feedback_path, warnings=warnings)


def _publish(html: Path, target: Path) -> Path:
    """把反馈页面原子地写到 target；那里不可写时退回系统临时目录。"""
    for dest in (target, Path(tempfile.gettempdir()) / target.name):
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            tmp = dest.with_name(dest.name + ".part")
            shutil.copyfile(html, tmp)
            os.replace(tmp, dest)
            return dest
        except OSError:
            continue
    raise CourseError(f"无法写出反馈页面（{target} 与临时目录都不可写）。", code=3)
