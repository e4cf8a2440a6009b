"""源笔记本的静态检查（不运行代码）：元数据、命名、结构、变异体、自测题、链接。"""
from __future__ import annotations

import ast
import re
from unittest import mock

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from conftest import CHAPTERS, ROOT
from course import layout, notebooks, quiz
from mutation import load_mutants

GRADE_ID = re.compile(r"^[a-zA-Z0-9_-]+$")
# 一手资料：Python 官方文档、PEP、CPython 源码，所用库和引擎的官方文档，以及 RFC
ALLOWED_LINKS = ("https://docs.python.org/", "https://peps.python.org/", "https://github.com/python/cpython/",
                 "https://matplotlib.org/", "https://ipywidgets.readthedocs.io/",
                 "https://nbgrader.readthedocs.io/", "https://jupyterlab.readthedocs.io/",
                 "https://www.sqlite.org/", "https://docs.sqlalchemy.org/", "https://dev.mysql.com/doc/",
                 "https://flask-sqlalchemy.readthedocs.io/", "https://docs.djangoproject.com/",
                 "https://redis.io/docs/", "https://docs.celeryq.dev/", "https://nginx.org/en/docs/",
                 "https://flask.palletsprojects.com/", "https://fastapi.tiangolo.com/",
                 "https://asgi.readthedocs.io/", "https://developer.mozilla.org/",
                 "https://www.rfc-editor.org/", "https://datatracker.ietf.org/",
                 "https://docs.docker.com/", "https://kubernetes.io/docs/", "https://man7.org/linux/man-pages/")


def load(chapter):
    return nbformat.read(str(layout.source_notebook(ROOT, chapter)), as_version=4)


def test_there_are_chapters():
    assert CHAPTERS, "source/ 里没有章节"


@pytest.fixture(params=CHAPTERS)
def chapter(request):
    return request.param


def test_source_is_committed_without_outputs(chapter):
    nb = load(chapter)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert not dirty, f"这些单元格带着输出：{dirty}（提交前清空输出）"
    assert nb.metadata.kernelspec.name == "python3"


def test_nbgrader_metadata_is_valid(chapter):
    nb = load(chapter)
    MetadataValidator().validate_nb(nb)  # nbgrader 自己的校验，出错会抛异常
    ids = [notebooks.grade_id(c) for c in nb.cells if notebooks.grade_id(c)]
    assert len(ids) == len(set(ids)), "grade_id 有重复"
    for gid in ids:
        assert GRADE_ID.match(gid) and gid.isascii(), f"grade_id 必须是 ASCII：{gid!r}"
        assert gid.startswith(chapter[:5]), f"{gid} 应以 {chapter[:5]} 开头"


def test_every_exercise_has_hidden_tests_and_points(chapter):
    nb = load(chapter)
    exercises = notebooks.exercises(nb)
    assert len(exercises) >= 5, "每章至少 5 道自动评分练习"
    solutions = [notebooks.grade_id(c) for c in nb.cells if notebooks.is_solution(c)]
    assert sorted(solutions) == sorted(e.id for e in exercises), "每个作答单元格都要有 <id>_tests 测试单元格"
    for ex in exercises:
        sol, test = nb.cells[ex.solution_index], nb.cells[ex.test_index]
        assert ex.test_index > ex.solution_index
        assert "### BEGIN SOLUTION" in sol.source and "### END SOLUTION" in sol.source
        assert "### BEGIN HIDDEN TESTS" in test.source, f"{ex.id} 没有隐藏测试"
        assert ex.points > 0
        visible = test.source.split("### BEGIN HIDDEN TESTS")[0]
        assert "assert" in visible, f"{ex.id} 的测试单元格要有几条学员看得见的测试"
        # 结尾的裸表达式会成为单元格的 execute_result，nbgrader 把数值输出当作部分得分。
        # 函数调用（比如 _tmp.cleanup()）是否返回 None 只有运行才知道：由 test_mutants 在运行时检查。
        last = ast.parse(test.source).body[-1]
        assert not (isinstance(last, ast.Expr) and not isinstance(last.value, ast.Call)), \
            f"{ex.id} 的测试以裸表达式结尾：它的值会成为单元格输出，nbgrader 会把数值当作部分得分"


def test_every_test_assertion_explains_itself(chapter):
    """反馈页面只显示异常和测试作者写的提示（隐藏测试的代码不显示）：每条 assert 都要有中文提示。"""
    bare = []
    for c in load(chapter).cells:
        if notebooks.is_test(c):
            for node in ast.walk(ast.parse(c.source)):
                if isinstance(node, ast.Assert) and node.msg is None:
                    bare.append(f"{notebooks.grade_id(c)} 第 {node.lineno} 行")
    assert not bare, "这些 assert 没有提示信息（用中文说清期望什么，但不泄露答案）：" + "；".join(bare)


def test_exercise_titles_are_distinct(chapter):
    from course.check import exercise_titles

    titles = list(exercise_titles(load(chapter)).values())
    assert len(titles) == len(set(titles)), f"练习标题要互不相同（course check 的成绩表按标题列出）：{titles}"


def test_exercise_points_rise_with_difficulty(chapter):
    points = [e.points for e in notebooks.exercises(load(chapter))]
    assert points == sorted(points), f"练习按难度递增排列，分值也应递增：{points}"


def test_written_answer_has_mark_scheme(chapter):
    tasks = [c for c in load(chapter).cells if notebooks.is_task(c)]
    assert tasks, "每章至少一道面试口述题（task 单元格）"
    for c in tasks:
        assert c.cell_type == "markdown"
        assert "=== BEGIN MARK SCHEME ===" in c.source and "=== END MARK SCHEME ===" in c.source
        assert notebooks.meta(c).get("points", 0) > 0


def test_run_all_continues_past_unanswered_exercises(chapter):
    """JupyterLab 的「全部运行」遇到错误就停；发布版里未作答的练习必然报 NotImplementedError。

    作答单元格和测试单元格打上 ``raises-exception``，后面的讲解、基准测试和自测题才会接着运行。
    别的单元格不许带这个标签：它们在发布版里也必须能无错运行。
    """
    for c in load(chapter).cells:
        tagged = "raises-exception" in c.metadata.get("tags", [])
        exercise = notebooks.is_solution(c) or notebooks.is_test(c)
        where = notebooks.grade_id(c) or c.source[:40]
        assert tagged == (exercise and c.cell_type == "code"), \
            f"{where}：只有作答单元格和测试单元格带 raises-exception 标签，而且必须带"


def test_errata_are_followed_by_a_proof_cell(chapter):
    nb = load(chapter)
    errata = [i for i, c in enumerate(nb.cells) if c.cell_type == "markdown" and "⚠️ 勘误" in c.source]
    assert errata, "每章都要核对笔记并标出勘误"
    for i in errata:
        assert i + 1 < len(nb.cells) and nb.cells[i + 1].cell_type == "code", \
            f"第 {i} 个单元格的勘误后面要紧跟一个证明它的代码单元格"


def test_benchmarks_are_tagged_and_plotted(chapter):
    bench = [c for c in load(chapter).cells if "benchmark" in c.metadata.get("tags", [])]
    assert bench, "每章至少一个基准测试单元格（打 benchmark 标签）"
    assert any("plots." in c.source for c in bench), "基准测试结果要用 course.plots 画出来"
    for c in bench:
        assert not notebooks.meta(c), "基准测试单元格不能是 nbgrader 单元格"


def _quizzes(nb):
    made = []
    real_init = quiz.Quiz.__init__

    def record(self, questions):
        real_init(self, questions)
        made.append(self)

    for c in nb.cells:
        if c.cell_type == "code" and "Quiz(" in c.source:
            with mock.patch.object(quiz.Quiz, "__init__", record):
                exec(compile(c.source, "<quiz>", "exec"), {})
    return made


def test_quiz_has_three_questions_with_valid_sealed_answers(chapter):
    quizzes = _quizzes(load(chapter))
    questions = [q for qz in quizzes for q in qz.questions]
    assert len(questions) >= 3, "每章至少 3 道自测题"
    assert any(q.multi for q in questions), "至少一道多选题"
    for q in questions:
        answer, explain = quiz.unseal(q.text, q.options, q.key)
        assert explain.strip(), f"题目「{q.text}」缺少解析"
        assert q.multi or len(answer) == 1, f"单选题「{q.text}」只能有一个正确选项"


def test_every_exercise_has_at_least_two_mutants(chapter):
    mutants = load_mutants(chapter)
    ids = {e.id for e in notebooks.exercises(load(chapter))}
    assert set(mutants) <= ids, f"变异体指向不存在的练习：{set(mutants) - ids}"
    for ex in ids:
        assert len(mutants.get(ex, {})) >= 2, f"{ex} 至少需要两个错误答案"


def test_links_point_to_primary_sources(chapter):
    nb = load(chapter)
    for c in nb.cells:
        if c.cell_type != "markdown":
            continue
        for url in re.findall(r"\]\((https?://[^)\s]+)\)", c.source):
            assert url.startswith(ALLOWED_LINKS), f"延伸阅读只链接一手资料：{url}"
