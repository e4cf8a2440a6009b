"""班级报告：`course report ASSIGNMENT`（`course grade` 结束时也会写一次）。

数据来自 gradebook（每个学生每道练习的分数）和 autograded/ 里评过分的笔记本（出了什么异常）。
写出两个文件，并在终端打印同样的内容：

- ``reports/<章>.csv``：一张长表，``section`` 列区分三部分——
  ``score``（分数分布，按满分的 10% 分档）、``exercise``（每道练习的通过率，最难的在前）、
  ``exception``（最常见的异常，及它们出现在哪些练习里）；
- ``reports/<章>.png``：同样三部分的三张图。
"""
from __future__ import annotations

import csv
import io
import os
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import grading, layout, notebooks
from .errors import CourseError

BINS = 10


@dataclass
class ExerciseStat:
    grade_id: str
    title: str
    max_score: float
    graded: int = 0
    passed: int = 0
    mean: float = 0.0

    @property
    def pass_rate(self) -> float:
        return self.passed / self.graded if self.graded else 0.0


@dataclass
class ClassReport:
    assignment: str
    max_score: float
    totals: dict[str, float]                       # 学生 → 自动评分总分
    exercises: list[ExerciseStat]                  # 最难的在前
    exceptions: list[tuple[str, int, list[str]]]   # (异常名, 次数, 出现在哪些练习), 最多的在前
    csv_path: Path | None = None
    png_path: Path | None = None
    unreadable: int = 0

    def histogram(self) -> list[tuple[str, int]]:
        edges = [self.max_score * i / BINS for i in range(BINS + 1)]
        counts = [0] * BINS
        for total in self.totals.values():
            i = min(int(total / self.max_score * BINS), BINS - 1) if self.max_score else 0
            counts[i] += 1
        return [(f"{edges[i]:g}-{edges[i + 1]:g}", counts[i]) for i in range(BINS)]


def _errors(cell) -> list[str]:
    return [o.get("ename", "?") for o in cell.get("outputs", []) if o.get("output_type") == "error"]


def collect(root: Path, assignment: str) -> ClassReport:
    """从 gradebook 和 autograded/ 收集全班的统计。"""
    import nbformat
    from nbgrader.api import Gradebook, MissingEntry

    from .check import exercise_titles

    layout.require_assignment(root, assignment)
    source = nbformat.read(str(layout.source_notebook(root, assignment)), as_version=4)
    titles = exercise_titles(source)
    tests = [e for e in notebooks.exercises(source)]
    stats = {f"{e.id}{notebooks.TEST_SUFFIX}": ExerciseStat(f"{e.id}{notebooks.TEST_SUFFIX}",
                                                            titles.get(e.id, e.id), e.points) for e in tests}
    cfg = grading.load_config(root)
    totals: dict[str, float] = {}
    sums: dict[str, float] = defaultdict(float)
    with Gradebook(grading._db_url(cfg, root), cfg.CourseDirectory.course_id) as gb:
        try:
            subs = gb.find_assignment(assignment).submissions
        except MissingEntry:
            subs = []
        for sub in subs:
            student = sub.student.id
            total = 0.0
            for nb in sub.notebooks:
                for g in nb.grades:
                    if g.name in stats and g.score is not None:
                        st = stats[g.name]
                        st.graded += 1
                        st.passed += g.score >= g.max_score
                        sums[g.name] += g.score
                        total += g.score
            totals[student] = total
    if not totals:
        raise CourseError(f"gradebook 里还没有 {assignment} 的评分结果。", f"先运行 course grade {assignment}。")
    for gid, st in stats.items():
        st.mean = sums[gid] / st.graded if st.graded else 0.0

    where: dict[str, Counter] = defaultdict(Counter)
    unreadable = 0
    by_exercise = {e.id: f"{e.id}{notebooks.TEST_SUFFIX}" for e in tests}
    for student in totals:
        path = root / "autograded" / student / assignment / f"{assignment}.ipynb"
        if not path.is_file():
            unreadable += 1
            continue
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            gid = notebooks.grade_id(cell)
            if gid in stats or gid in by_exercise:
                for ename in _errors(cell):
                    where[ename][stats[by_exercise.get(gid, gid)].title] += 1
    exceptions = sorted(((e, sum(c.values()), [t for t, _ in c.most_common()]) for e, c in where.items()),
                        key=lambda x: (-x[1], x[0]))
    ordered = sorted(stats.values(), key=lambda s: (s.pass_rate, s.mean / s.max_score if s.max_score else 0))
    return ClassReport(assignment, sum(e.points for e in tests), totals, ordered, exceptions,
                       unreadable=unreadable)


def _write_csv(rep: ClassReport, path: Path) -> None:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["section", "name", "count", "total", "share", "detail"])
    n = len(rep.totals)
    for label, count in rep.histogram():
        w.writerow(["score", label, count, n, f"{count / n:.3f}", ""])
    for st in rep.exercises:
        w.writerow(["exercise", st.grade_id, st.passed, st.graded, f"{st.pass_rate:.3f}",
                    f"{st.title}；平均 {st.mean:.2f}/{st.max_score:g}"])
    for ename, count, titles in rep.exceptions:
        w.writerow(["exception", ename, count, "", "", "；".join(titles)])
    part = path.with_name(path.name + ".part")
    part.write_text(buf.getvalue(), encoding="utf-8")
    os.replace(part, path)


def _write_png(rep: ClassReport, path: Path) -> None:
    from . import plots

    with plots.panels(3, width=5.2) as (fig, (ax1, ax2, ax3)):
        hist = rep.histogram()
        ax1.bar(range(len(hist)), [c for _, c in hist], color="tab:blue")
        ax1.set_xticks(range(len(hist)), [lab for lab, _ in hist], rotation=45, ha="right")
        ax1.set_title(plots.label("分数分布", "score distribution"))
        ax1.set_xlabel(plots.label(f"自动评分（满分 {rep.max_score:g}）", f"auto score (of {rep.max_score:g})"))
        ax1.set_ylabel(plots.label("学生数", "students"))
        names = [st.grade_id.removesuffix(notebooks.TEST_SUFFIX) for st in rep.exercises]
        ax2.barh(names[::-1], [st.pass_rate * 100 for st in rep.exercises][::-1], color="tab:green")
        ax2.set_xlim(0, 100)
        ax2.set_title(plots.label("各练习通过率（最难的在上）", "pass rate per exercise (hardest on top)"))
        ax2.set_xlabel("%")
        top = rep.exceptions[:8]
        ax3.barh([e for e, _, _ in top][::-1], [c for _, c, _ in top][::-1], color="tab:red")
        ax3.set_title(plots.label("最常见的异常", "most frequent exceptions"))
        ax3.set_xlabel(plots.label("次数", "occurrences"))
    part = path.with_name(path.name + ".part.png")
    fig.savefig(part)
    os.replace(part, path)


def write(root: Path, assignment: str) -> ClassReport:
    rep = collect(root, assignment)
    out = root / "reports"
    out.mkdir(exist_ok=True)
    rep.csv_path, rep.png_path = out / f"{assignment}.csv", out / f"{assignment}.png"
    _write_csv(rep, rep.csv_path)
    _write_png(rep, rep.png_path)
    return rep


def render(rep: ClassReport) -> str:
    """终端里的摘要（与 CSV 同样的三部分）。"""
    n = len(rep.totals)
    mean = sum(rep.totals.values()) / n
    lines = [f"班级报告：{rep.assignment}（{n} 名学生，自动评分平均 {mean:.1f}/{rep.max_score:g}）", "",
             "分数分布："]
    peak = max(c for _, c in rep.histogram()) or 1
    for label, count in rep.histogram():
        lines.append(f"  {label:>9}  {'█' * round(20 * count / peak):<20} {count}")
    lines += ["", "各练习通过率（最难的在前）："]
    for st in rep.exercises:
        lines.append(f"  {st.pass_rate * 100:5.1f}%  {st.passed}/{st.graded}  {st.title}")
    lines += ["", "最常见的异常："]
    for ename, count, titles in rep.exceptions[:8] or [("（没有）", 0, [])]:
        lines.append(f"  {count:4d}  {ename}" + (f"（{'、'.join(titles[:3])}）" if titles else ""))
    if rep.unreadable:
        lines.append(f"  另有 {rep.unreadable} 份提交无法评分（没有评过分的笔记本）")
    if rep.csv_path:
        lines += ["", f"报告：{rep.csv_path}", f"      {rep.png_path}"]
    return "\n".join(lines)
