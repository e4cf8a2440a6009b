"""真实的 nbgrader 流程，端到端，在课程目录的临时副本里（试点章节用原版命令行，其余章节在
测试进程里调 nbgrader 的 API：同样的转换器和预处理器，省掉每条命令启动的几秒）：

generate_assignment → 三份提交 → autograde → generate_feedback → export。

- reference：每道练习都填上参考答案 → 自动评分满分；
- blank：原封不动的 release → 0 分，而且不影响其他人的评分；
- partial：一部分练习答对、一道练习用变异体（真实 autograde 下的变异体）、其余空着 → 恰好得到答对那几题的分。
口述题（task 单元格）在所有提交里都等待人工评分。
"""
from __future__ import annotations

import copy
import csv
import html as html_mod
import re

import nbformat
import pytest

from conftest import CHAPTERS, PILOT, copy_course, nbgrader, nbgrader_step
from course import notebooks
from mutation import load_mutants
from test_release import _marked_lines


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
    if chapter == PILOT:
        def step(name, *args):
            nbgrader(name, *args, cwd=course)
    else:
        def step(name, *args):
            nbgrader_step(name, chapter, course)
    step("generate_assignment", chapter)  # 新建 gradebook：需要 alembic

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

    step("autograde", chapter)
    step("generate_feedback", chapter)
    step("export")

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

    # 反馈页面不泄露隐藏测试和评分要点（course/feedback.py，nbgrader_config.py 里配置）
    secret, shown = [], set()
    for c in source_nb.cells:
        secret += _marked_lines(c.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
        secret += _marked_lines(c.source, "=== BEGIN MARK SCHEME ===", "=== END MARK SCHEME ===")
        inside = False  # 讲解、可见测试、学员自己的答案：这些行出现在反馈里是应该的
        for ln in c.source.splitlines():
            if "BEGIN HIDDEN TESTS" in ln or "BEGIN MARK SCHEME" in ln:
                inside = True
            elif "END HIDDEN TESTS" in ln or "END MARK SCHEME" in ln:
                inside = False
            elif not inside:
                shown.add(ln.strip())
    secret = [ln for ln in secret if ln not in shown]
    for student in submissions:
        html = course / "feedback" / student / chapter / f"{chapter}.html"
        assert html.is_file() and html.stat().st_size > 1000, f"{student} 没有反馈页面"
        lines = {ln.strip() for ln in html_mod.unescape(re.sub(r"<[^>]+>", "", html.read_text("utf-8"))).splitlines()}
        leaked = [ln for ln in secret if ln in lines]
        assert not leaked, f"{student} 的反馈页面泄露了隐藏测试或评分要点：{leaked[:3]}"

    # 空白的发布版就是学员第一次「全部运行」看到的样子：错误只能出在带 raises-exception 的
    # 练习单元格里（JupyterLab 因此不会停下），而且都是存根的 NotImplementedError，
    # 其余单元格（讲解、基准测试、自测题）都跑完并有输出。
    blank = nbformat.read(str(course / "autograded" / "blank" / chapter / f"{chapter}.ipynb"), as_version=4)
    for cell in blank.cells:
        if cell.cell_type != "code":
            continue
        errors = [o.get("ename") for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        where = notebooks.grade_id(cell) or cell.source[:60]
        if "raises-exception" not in cell.metadata.get("tags", []):
            assert not errors, f"发布版的普通单元格出错了（{errors}）：{where}"
        assert set(errors) <= {"NotImplementedError"}, \
            f"{where}：未作答时应当只看到存根的 NotImplementedError，而不是 {errors}"
        if "benchmark" in cell.metadata.get("tags", []) and "plots." in cell.source:
            assert any("image/png" in o.get("data", {}) for o in cell.outputs), f"{where}：基准测试没有画出图"
