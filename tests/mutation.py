"""快速变异测试：一章只开一个内核，逐个把错误答案换进作答单元格，看测试单元格是否丢分。

整本笔记本逐个重跑放不进时间预算（13 章 × 5+ 练习 × 2+ 变异体），所以这里：

1. 在一个内核里依次执行源笔记本的代码单元格（带 ``benchmark`` 标签的基准测试单元格跳过，
   练习不允许依赖它们）；
2. 对每个练习：执行变异体代码，再执行完整的测试单元格（含隐藏测试），
   用 nbgrader 自己的 ``determine_grade`` 判分（错误输出或 stderr 输出都是 0 分）；
3. 重新执行参考答案，恢复状态，再试下一个变异体。

单元格超时或内核崩溃也算丢分，并重启内核、重放前缀。

有 bubblewrap 时内核跑在 ``course grade`` 用的同一个评分沙箱里（:mod:`course.sandbox`）：
每一章的讲解单元格和测试单元格因此都证明了能在沙箱里运行，错误答案也碰不到这台机器。

命令行：``python tests/mutation.py source/<章>/<章>.ipynb`` 打印逐个变异体的结果。
"""
from __future__ import annotations

import copy
import importlib.util
import os
import sys
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbgrader.utils import determine_grade

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from course import notebooks  # noqa: E402

MUTANTS_DIR = Path(__file__).resolve().parent / "mutants"


@lru_cache(maxsize=1)
def sandboxed() -> bool:
    from course import sandbox

    return sandbox.probe() is None
SKIP_TAG = "benchmark"


def load_mutants(chapter: str) -> dict[str, dict[str, str]]:
    """``tests/mutants/<chapter>.py`` 里的 ``MUTANTS = {练习 grade_id: {名字: 源码}}``。"""
    path = MUTANTS_DIR / f"{chapter}.py"
    if not path.exists():
        return {}
    spec = importlib.util.spec_from_file_location(f"mutants_{chapter}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.MUTANTS


@dataclass
class Outcome:
    score: float
    max_score: float
    detail: str
    result: str | None = None  # 测试单元格的 execute_result（不该有：nbgrader 会把数值当作得分）


class ChapterKernel:
    """一个章节的共享内核。用作上下文管理器。"""

    def __init__(self, nb_path: Path, cell_timeout: int = 10):
        self.path = Path(nb_path)
        self.nb = nbformat.read(str(self.path), as_version=4)
        self.cell_timeout = cell_timeout
        self.exercises = {e.id: e for e in notebooks.exercises(self.nb)}
        self._client: NotebookClient | None = None
        self._ctx = None

    # ---- 内核生命周期
    def __enter__(self):
        self._start()
        return self

    def __exit__(self, *exc):
        self._stop()

    def _start(self):
        os.environ.setdefault("COURSE_FAST", "1")
        km, cwd = None, self.path.parent
        if sandboxed():
            from course import sandbox

            # 不用评分槽的 uid（UID_BASE + 0..63）：同时在跑的评分测试会检查那些 uid 有没有残留进程
            km = sandbox.SandboxKernelManager(kernel_name="python3", sandbox_uid=sandbox.UID_BASE + 100,
                                              protect=[str(ROOT)])
            self._workdir = tempfile.TemporaryDirectory(prefix="course-mutation-")
            cwd = Path(self._workdir.name)
        self._client = NotebookClient(
            copy.deepcopy(self.nb), km=km, timeout=self.cell_timeout, kernel_name="python3",
            allow_errors=True, interrupt_on_timeout=True,
            error_on_timeout={"ename": "CellTimeoutError", "evalue": "", "traceback": []},
            resources={"metadata": {"path": str(cwd)}})
        self._ctx = self._client.setup_kernel()
        self._ctx.__enter__()
        self._replay_prefix()

    def _stop(self):
        if self._ctx is not None:
            try:
                self._ctx.__exit__(None, None, None)
            finally:
                self._ctx = None
        if getattr(self, "_workdir", None) is not None:
            self._workdir.cleanup()
            self._workdir = None

    def _restart(self):
        self._stop()
        self._start()

    def _replay_prefix(self):
        for i, cell in enumerate(self.nb.cells):
            if cell.cell_type != "code" or SKIP_TAG in cell.metadata.get("tags", []):
                continue
            out = self._run(cell.source, i)
            errors = [o for o in out.outputs if o.output_type == "error"]
            if errors:
                raise RuntimeError(f"{self.path.name} 第 {i} 个单元格在参考答案下出错："
                                   f"{errors[0].ename}: {errors[0].evalue}")

    def _run(self, source: str, index: int, template=None):
        cell = copy.deepcopy(template) if template is not None else nbformat.v4.new_code_cell()
        cell.source = source
        cell.outputs = []
        self._client.execute_cell(cell, index)
        return cell

    # ---- 判分
    def grade(self, exercise_id: str, solution_source: str) -> Outcome:
        """把 ``solution_source`` 作为作答，跑该练习的完整测试单元格，按 nbgrader 规则判分。"""
        ex = self.exercises[exercise_id]
        test_cell = self.nb.cells[ex.test_index]
        reference = self.nb.cells[ex.solution_index].source
        try:
            self._run(solution_source, ex.solution_index)
            graded = self._run(test_cell.source, ex.test_index, template=test_cell)
            score, max_score = determine_grade(graded)
            detail = _describe(graded)
            result = next((o.get("data", {}).get("text/plain", "") for o in graded.outputs
                           if o.output_type == "execute_result"), None)
            self._run(reference, ex.solution_index)  # 恢复参考答案
        except (CellTimeoutError, DeadKernelError) as exc:
            self._restart()
            return Outcome(0.0, ex.points, f"{type(exc).__name__}")
        return Outcome(float(score or 0.0), float(max_score), detail, result)


def _describe(cell) -> str:
    for o in cell.outputs:
        if o.output_type == "error":
            return f"{o.ename}: {o.evalue}"[:160]
        if o.output_type == "stream" and o.name == "stderr":
            return "stderr: " + o.text.strip()[:120]
    return "passed"


def main(argv=None) -> int:
    argv = argv or sys.argv[1:]
    if len(argv) != 1:
        print(__doc__)
        return 2
    path = Path(argv[0]).resolve()
    chapter = path.parent.name
    mutants = load_mutants(chapter)
    bad = 0
    with ChapterKernel(path) as k:
        for ex_id, ex in k.exercises.items():
            ref = k.grade(ex_id, k.nb.cells[ex.solution_index].source)
            flag = "OK " if ref.score == ref.max_score else "BAD"
            bad += flag == "BAD"
            print(f"{flag} {ex_id:32} reference  {ref.score:g}/{ref.max_score:g}  {ref.detail}")
            for name, src in mutants.get(ex_id, {}).items():
                out = k.grade(ex_id, src)
                flag = "OK " if out.score < out.max_score else "BAD"
                bad += flag == "BAD"
                print(f"{flag} {ex_id:32} {name:28} {out.score:g}/{out.max_score:g}  {out.detail}")
            if len(mutants.get(ex_id, {})) < 2:
                bad += 1
                print(f"BAD {ex_id:32} 少于 2 个变异体")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
