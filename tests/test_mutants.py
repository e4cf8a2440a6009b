"""每个自动评分练习：参考答案满分，tests/mutants/<章>.py 里的每个错误答案都丢分。

用 tests/mutation.py 的共享内核跑（一章一个内核），同一章的测试留在同一个 xdist worker 上。
"""
from __future__ import annotations

import nbformat
import pytest

from conftest import CHAPTERS, ROOT
from course import layout, notebooks
from mutation import ChapterKernel, load_mutants

CASES = []
for _chapter in CHAPTERS:
    _nb = nbformat.read(str(layout.source_notebook(ROOT, _chapter)), as_version=4)
    _mutants = load_mutants(_chapter)
    for _ex in notebooks.exercises(_nb):
        group = pytest.mark.xdist_group(f"kernel-{_chapter}")
        CASES.append(pytest.param(_chapter, _ex.id, None, marks=group, id=f"{_ex.id}-reference"))
        for _name in _mutants.get(_ex.id, {}):
            CASES.append(pytest.param(_chapter, _ex.id, _name, marks=group, id=f"{_ex.id}-{_name}"))


@pytest.fixture(scope="session")
def kernels():
    opened: dict[str, ChapterKernel] = {}
    yield opened
    for k in opened.values():
        k.__exit__(None, None, None)


def kernel_for(kernels, chapter) -> ChapterKernel:
    if chapter not in kernels:
        kernels[chapter] = ChapterKernel(layout.source_notebook(ROOT, chapter)).__enter__()
    return kernels[chapter]


@pytest.mark.parametrize("chapter, exercise, mutant", CASES)
def test_hidden_tests_separate_right_from_wrong(kernels, chapter, exercise, mutant):
    k = kernel_for(kernels, chapter)
    if mutant is None:
        out = k.grade(exercise, k.nb.cells[k.exercises[exercise].solution_index].source)
        assert out.score == out.max_score, f"参考答案没有拿满分：{out.detail}"
        assert out.result is None, \
            f"测试单元格以一个有值的表达式结尾（{out.result!r}）：nbgrader 会把数值输出当作得分"
    else:
        out = k.grade(exercise, load_mutants(chapter)[exercise][mutant])
        assert out.score < out.max_score, f"错误答案 {mutant} 没有丢分——隐藏测试不够严"
