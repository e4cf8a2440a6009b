"""`course grade ASSIGNMENT`：给全班评分。

对每个 ``submitted/<学生>/<章节>/``：nbgrader autograde → generate_feedback，最后 export。
每个学生在单独的子进程里评分、有总时限，一份坏掉的提交不会拖垮其他人。
"""
from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import grading, layout, notebooks
from .errors import CourseError


@dataclass
class StudentResult:
    student: str
    ok: bool
    seconds: float = 0.0
    scores: grading.NotebookScores | None = None
    problem: str = ""
    notes: list[str] = field(default_factory=list)


@dataclass
class ClassSummary:
    assignment: str
    results: list[StudentResult]
    grades_csv: Path | None
    seconds: float

    @property
    def failed(self) -> list[StudentResult]:
        return [r for r in self.results if not r.ok]


def submissions(root: Path, assignment: str) -> list[str]:
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(d.name for d in base.iterdir() if (d / assignment).is_dir())


def precheck(root: Path, assignment: str, student: str, known: dict[str, set[str]]) -> tuple[str, list[str]]:
    """评分前检查一份提交：返回 (致命问题或空串, 提示)。"""
    folder = root / "submitted" / student / assignment
    expected = folder / f"{assignment}.ipynb"
    if not expected.exists():
        others = sorted(p.name for p in folder.glob("*.ipynb"))
        seen = f"（文件夹里有：{'、'.join(others)}）" if others else "（文件夹里没有任何 .ipynb）"
        return f"缺少 {expected.name}{seen}", []
    try:
        nb = notebooks.read(expected)
    except CourseError as exc:
        return exc.message, []
    chapter = notebooks.identify(nb, known)
    if chapter is None:
        return "笔记本里没有本课程的练习单元格，无法评分", []
    if chapter != assignment:
        return f"提交的是 {chapter} 的笔记本，不是 {assignment}", []
    notes = []
    present = notebooks.ids(nb)
    missing = sorted(i for i in known[assignment] if i.endswith(notebooks.TEST_SUFFIX) and i not in present)
    if missing:
        notes.append("删除了测试单元格（评分时已补回）：" + "、".join(missing))
    return "", notes


def grade_class(root: Path, assignment: str, *, cell_timeout: int | None = None,
                progress: Callable[[str], None] = print) -> ClassSummary:
    layout.require_assignment(root, assignment)
    students = submissions(root, assignment)
    if not students:
        raise CourseError(f"没有找到 {assignment} 的提交。",
                          f"学生作业应放在 submitted/<学生>/{assignment}/{assignment}.ipynb。")
    import nbformat

    sources = {a: nbformat.read(str(layout.source_notebook(root, a)), as_version=4)
               for a in layout.assignments(root)}
    known = {a: notebooks.ids(nb) for a, nb in sources.items()}
    code_cells = sum(c.cell_type == "code" for c in sources[assignment].cells)
    start = time.monotonic()

    # 让 gradebook 里的章节信息与 source/ 一致；学员用的 release/ 不动
    progress(f"同步 gradebook：{assignment}")
    with tempfile.TemporaryDirectory(prefix="course-grade-", ignore_cleanup_errors=True) as tmp:
        try:
            run = grading.run_worker(root, assignment, ["generate"], timeout=600,
                                     release_dir=Path(tmp) / "release")
        except (grading.WorkerTimeout, grading.WorkerCrashed) as exc:
            raise CourseError(f"同步 gradebook 失败：{exc}", code=3) from None
    if run.failed():
        tail = "\n".join((run.failed()["error"] or run.failed()["log"]).strip().splitlines()[-8:])
        raise CourseError(f"同步 gradebook 失败（nbgrader generate_assignment）：\n{tail}", code=3)

    per_cell = grading.cell_timeout(root, cell_timeout)
    results = []
    for n, student in enumerate(students, 1):
        prefix = f"[{n}/{len(students)}] {student}"
        problem, notes = precheck(root, assignment, student, known)
        if problem:
            results.append(StudentResult(student, ok=False, problem=problem))
            progress(f"{prefix}：跳过——{problem}")
            continue
        progress(f"{prefix}：评分中…")
        try:
            run = grading.run_worker(root, assignment, ["autograde", "feedback"], student=student,
                                     timeout=grading.time_budget(code_cells, per_cell),
                                     cell_timeout=per_cell)
        except (grading.WorkerTimeout, grading.WorkerCrashed) as exc:
            results.append(StudentResult(student, ok=False, problem=str(exc).splitlines()[0]))
            progress(f"{prefix}：失败——{results[-1].problem}")
            continue
        failed = run.failed()
        if failed:
            last = (failed["error"] or failed["log"]).strip().splitlines()
            results.append(StudentResult(student, ok=False, seconds=run.seconds,
                                         problem=f"{failed['step']} 失败：{last[-1] if last else '?'}"))
            progress(f"{prefix}：失败——{results[-1].problem}")
            continue
        scores = grading.read_scores(root, assignment, student)
        results.append(StudentResult(student, ok=True, seconds=run.seconds, scores=scores, notes=notes))
        progress(f"{prefix}：完成 {scores.auto_score:g}/{scores.auto_max:g} 分（{run.seconds:.1f} 秒）")

    grades_csv = root / "grades.csv"
    progress("导出成绩：grades.csv")
    try:
        grading.export_csv(root, grades_csv)
    except Exception as exc:  # 导出失败不影响已完成的评分
        progress(f"导出失败：{exc}")
        grades_csv = None
    return ClassSummary(assignment, results, grades_csv, time.monotonic() - start)
