"""真实的 nbgrader 流程，端到端，在课程目录的临时副本里用原版命令行：

generate_assignment → 三份提交 → autograde → generate_feedback → export。

- reference：每道练习都填上参考答案 → 自动评分满分；
- blank：原封不动的 release → 0 分，而且不影响其他人的评分；
- partial：一部分练习答对、一道练习用变异体（真实 autograde 下的变异体）、其余空着 → 恰好得到答对那几题的分。
口述题（task 单元格）在所有提交里都等待人工评分。
"""
from __future__ import annotations

import csv
import copy

import nbformat
import pytest

from conftest import CHAPTERS, copy_course, nbgrader
from course import notebooks
from mutation import load_mutants


def fill(release_nb, source_nb, answers: dict[str, str]):
    """在 release 笔记本里把指定练习的作答单元格换成给定代码，模拟学员作答。"""
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        gid = notebooks.grade_id(cell)
        if notebooks.is_solution(cell) and gid in answers:
            cell.source = answers[gid]
    return nb


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_real_nbgrader_pipeline(tmp_path, chapter):
    from nbgrader.api import Gradebook

    course = copy_course(tmp_path / "course", [chapter], release=False)
    nbgrader("generate_assignment", chapter, cwd=course)  # 新建 gradebook：需要 alembic

    source_nb = nbformat.read(str(course / "source" / chapter / f"{chapter}.ipynb"), as_version=4)
    release_nb = nbformat.read(str(course / "release" / chapter / f"{chapter}.ipynb"), as_version=4)
    exercises = notebooks.exercises(source_nb)
    reference = {e.id: source_nb.cells[e.solution_index].source for e in exercises}
    right = [e for i, e in enumerate(exercises) if i % 2 == 0]
    mutated = exercises[1]
    mutant_name, mutant_src = next(iter(load_mutants(chapter)[mutated.id].items()))

    submissions = {
        "reference": fill(release_nb, source_nb, reference),
        "blank": release_nb,
        "partial": fill(release_nb, source_nb,
                        {**{e.id: reference[e.id] for e in right}, mutated.id: mutant_src}),
    }
    for student, nb in submissions.items():
        folder = course / "submitted" / student / chapter
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{chapter}.ipynb"))

    nbgrader("autograde", chapter, cwd=course)
    nbgrader("generate_feedback", chapter, cwd=course)
    nbgrader("export", cwd=course)

    points = {f"{e.id}{notebooks.TEST_SUFFIX}": e.points for e in exercises}
    total = sum(points.values())
    expected = {
        "reference": {t: p for t, p in points.items()},
        "blank": {t: 0.0 for t in points},
        "partial": {t: (p if t[: -len(notebooks.TEST_SUFFIX)] in {e.id for e in right} else 0.0)
                    for t, p in points.items()},
    }
    tasks = [notebooks.grade_id(c) for c in source_nb.cells if notebooks.is_task(c)]
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for student in submissions:
            sub = gb.find_submission_notebook(chapter, chapter, student)
            got = {g.name: g.score for g in sub.grades if g.name in points}
            assert got == expected[student], f"{student} 的逐题得分不对（变异体 {mutant_name}）"
            pending = {g.name for g in sub.grades if g.needs_manual_grade}
            assert pending == set(tasks), f"{student}：只有口述题应等待人工评分"

    with open(course / "grades.csv", encoding="utf-8") as f:
        rows = {r["student_id"]: r for r in csv.DictReader(f)}
    assert float(rows["reference"]["raw_score"]) == total
    assert float(rows["blank"]["raw_score"]) == 0
    assert float(rows["partial"]["raw_score"]) == sum(e.points for e in right)

    for student in submissions:
        html = course / "feedback" / student / chapter / f"{chapter}.html"
        assert html.is_file() and html.stat().st_size > 1000, f"{student} 没有反馈页面"
