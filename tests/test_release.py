"""release/ 必须正好是 nbgrader 从 source/ 生成的结果，而且不含答案、隐藏测试和评分要点。"""
from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest

from conftest import CHAPTERS, PILOT, ROOT, copy_course, nbgrader, nbgrader_step
from course import layout, notebooks, quiz

# 学员在 release/ 里可能产生、且被 .gitignore 忽略的文件
LOCAL_ONLY = (".ipynb_checkpoints", "__pycache__")


def files_under(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in folder.rglob("*")
            if p.is_file() and not any(part in LOCAL_ONLY for part in p.parts)
            and not p.name.endswith(".feedback.html")}


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_release_is_exactly_what_nbgrader_generates(tmp_path, chapter):
    course = copy_course(tmp_path / "course", [chapter], release=False)
    if chapter == PILOT:  # 原版命令行
        nbgrader("generate_assignment", chapter, "--no-db", cwd=course)
    else:
        nbgrader_step("generate_assignment", chapter, course, no_db=True)
    fresh = files_under(course / "release" / chapter)
    committed = files_under(ROOT / "release" / chapter)
    hint = f"release/{chapter} 过期了：运行 course release {chapter}"
    assert sorted(committed) == sorted(fresh), hint
    for name, path in fresh.items():
        if name.endswith(".ipynb"):
            assert json.loads(committed[name].read_text("utf-8")) == json.loads(path.read_text("utf-8")), hint
        else:
            assert committed[name].read_bytes() == path.read_bytes(), hint


def _marked_lines(source: str, begin: str, end: str) -> list[str]:
    """begin/end 标记之间、足够有辨识度的代码行（去掉很短的行和纯注释）。"""
    lines, inside = [], False
    for line in source.splitlines():
        if begin in line:
            inside = True
        elif end in line:
            inside = False
        elif inside and len(line.strip()) >= 12 and not line.strip().startswith("#"):
            lines.append(line.strip())
    return lines


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_release_leaks_no_solutions_hidden_tests_or_mark_schemes(chapter):
    source = nbformat.read(str(layout.source_notebook(ROOT, chapter)), as_version=4)
    release_path = layout.release_notebook(ROOT, chapter)
    release_text = release_path.read_text("utf-8")
    release = nbformat.reads(release_text, as_version=4)
    text = "\n".join(c.source for c in release.cells)
    for marker in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME"):
        assert marker not in text, f"release 里出现了 {marker}"
    secret = []
    for c in source.cells:
        secret += _marked_lines(c.source, "### BEGIN SOLUTION", "### END SOLUTION")
        secret += _marked_lines(c.source, "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")
        secret += _marked_lines(c.source, "=== BEGIN MARK SCHEME ===", "=== END MARK SCHEME ===")
    visible = {ln.strip() for c in release.cells for ln in c.source.splitlines()}
    leaked = [ln for ln in secret if ln in visible and not _also_outside_secret(source, ln)]
    assert not leaked, f"release 泄露了答案或隐藏测试：{leaked[:5]}"
    stubs = [c for c in release.cells if notebooks.is_solution(c)]
    assert stubs and all("raise NotImplementedError()" in c.source for c in stubs)
    assert not re.search(r'"outputs": \[\s*\{', release_text), "release 不应带输出"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_release_quiz_answers_are_not_readable(chapter):
    from test_notebooks import _quizzes

    release_text = layout.release_notebook(ROOT, chapter).read_text("utf-8")
    questions = [q for qz in _quizzes(nbformat.read(str(layout.release_notebook(ROOT, chapter)), as_version=4))
                 for q in qz.questions]
    assert questions, "release 里应有自测题"
    for q in questions:
        _answer, explain = quiz.unseal(q.text, q.options, q.key)
        assert json.dumps(explain, ensure_ascii=False)[1:-1] not in release_text, \
            f"自测题「{q.text[:20]}」的解析以明文出现在 release 里"


def _also_outside_secret(nb, line: str) -> bool:
    """这一行在源笔记本的公开部分也出现过（比如讲解里的示例）——不算泄露。"""
    for c in nb.cells:
        public, inside = [], False
        for ln in c.source.splitlines():
            if any(m in ln for m in ("BEGIN SOLUTION", "BEGIN HIDDEN TESTS", "BEGIN MARK SCHEME")):
                inside = True
            elif any(m in ln for m in ("END SOLUTION", "END HIDDEN TESTS", "END MARK SCHEME")):
                inside = False
            elif not inside:
                public.append(ln.strip())
        if line in public:
            return True
    return False


def test_course_home_lists_every_released_chapter_and_is_fresh():
    """release/index.ipynb 是 `course release` 生成的课程首页；章节增减后必须重新生成。"""
    from course import home

    committed = nbformat.read(str(ROOT / "release" / home.HOME_NAME), as_version=4)
    assert [c.source for c in committed.cells] == [c.source for c in home.build(ROOT).cells], \
        "课程首页过期了：运行 course release 重新生成"
    assert all(c.cell_type == "markdown" for c in committed.cells)
    text = "\n".join(c.source for c in committed.cells)
    links = re.findall(r"\]\(([^)]+\.ipynb)\)", text)
    assert links == [f"{ch}/{ch}.ipynb" for ch in CHAPTERS], "首页要按顺序链接到每一章"
    for link in links:
        assert (ROOT / "release" / link).is_file()
    for step in ("Shift+Enter", "Validate", "course check"):
        assert step in text, f"首页的三行说明缺少 {step}"
