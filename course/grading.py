"""在一个课程目录里跑真正的 nbgrader 流程，并读出分数。

`course check` 和 `course grade` 都通过 :func:`run_worker` 在子进程里调用 nbgrader：
子进程有总时限，超时连同它启动的内核一起被杀掉，主进程照常汇报。
子进程入口是 ``python -m course.grading``，它按顺序执行若干步骤，把结果以 JSON 打到 stdout。
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .layout import CONFIG_NAME

# ---------------------------------------------------------------- nbgrader 本身

def load_config(root: Path, overrides: dict | None = None):
    """读 ``root/nbgrader_config.py``（与 nbgrader 命令行用的是同一个文件）。"""
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader(CONFIG_NAME, path=str(root)).load_config()
    cfg.CourseDirectory.root = str(root)
    extra = Config()
    for dotted, value in (overrides or {}).items():
        section, name = dotted.rsplit(".", 1)
        extra[section][name] = value
    cfg.merge(extra)
    return cfg


def _db_url(cfg, root: Path) -> str:
    """与 nbgrader 的 CourseDirectory.db_url 默认值一致：课程根目录下的 gradebook.db。"""
    return cfg.CourseDirectory.get("db_url") or f"sqlite:///{root / 'gradebook.db'}"


def make_api(root: Path, overrides: dict | None = None):
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    cfg = load_config(root, overrides)
    return NbGraderAPI(coursedir=CourseDirectory(config=cfg), config=cfg)


def export_csv(root: Path, path: Path) -> None:
    """等同 ``nbgrader export``：把 gradebook 导出成 CSV。先写临时文件再改名，不会留下半个文件。"""
    from nbgrader.api import Gradebook
    from nbgrader.plugins import CsvExportPlugin

    cfg = load_config(root)
    tmp = path.with_name(path.name + ".tmp")
    plugin = CsvExportPlugin(config=cfg)
    plugin.to = str(tmp)
    with Gradebook(_db_url(cfg, root), cfg.CourseDirectory.course_id) as gb:
        plugin.export(gb)
    os.replace(tmp, path)


def run_steps(root: Path, assignment: str, steps: list[str], student: str | None = None,
              overrides: dict | None = None) -> list[dict]:
    """按顺序执行步骤；某一步失败就停下。每步返回 ``{"step", "success", "error", "log"}``。"""
    api = make_api(root, overrides)
    results = []
    for step in steps:
        if step == "generate":
            r = api.generate_assignment(assignment, force=True, create=True)
        elif step == "autograde":
            r = api.autograde(assignment, student, force=True, create=True)
        elif step == "feedback":
            r = api.generate_feedback(assignment, student, force=True)
        else:
            raise ValueError(f"unknown step {step!r}")
        results.append({"step": step, "success": bool(r.get("success")),
                        "error": r.get("error", ""), "log": r.get("log", "")})
        if not r.get("success"):
            break
    return results


def _worker_main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m course.grading")
    p.add_argument("root", type=Path)
    p.add_argument("assignment")
    p.add_argument("--student")
    p.add_argument("--steps", required=True)
    p.add_argument("--cell-timeout", type=int)
    p.add_argument("--release-dir")
    a = p.parse_args(argv)
    overrides = {}
    if a.cell_timeout:
        overrides["Execute.timeout"] = a.cell_timeout
    if a.release_dir:
        overrides["CourseDirectory.release_directory"] = a.release_dir
    results = run_steps(a.root.resolve(), a.assignment, a.steps.split(","), a.student, overrides)
    sys.stdout.write("\n@@COURSE-RESULT@@" + json.dumps(results, ensure_ascii=False) + "\n")
    return 0


# ---------------------------------------------------------------- 子进程

class WorkerTimeout(Exception):
    pass


class WorkerCrashed(Exception):
    pass


@dataclass
class WorkerRun:
    results: list[dict]
    stderr: str
    seconds: float

    def failed(self) -> dict | None:
        return next((r for r in self.results if not r["success"]), None)


def _descendants(pid: int) -> list[int]:
    """Linux 上经 /proc 找出全部子孙进程（内核进程自成会话，killpg 杀不到）。"""
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode(errors="replace")
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def kill_tree(proc: subprocess.Popen) -> None:
    """杀掉子进程和它的全部子孙（包括 Jupyter 内核）。"""
    if os.name == "posix":
        victims = _descendants(proc.pid)
        for pid in [proc.pid, *victims]:
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    else:
        proc.kill()
    proc.wait()


def cell_timeout(root: Path, override: int | None = None) -> int:
    """每个单元格的时限：命令行给了就用它，否则取 nbgrader_config.py 的 Execute.timeout。"""
    return override or int(load_config(root).Execute.get("timeout", 30))


def time_budget(code_cells: int, cell_timeout: int) -> float:
    """一个子进程的总时限：每个代码单元格最多 cell_timeout 秒，再加启动和写文件的余量。"""
    return 120 + cell_timeout * (code_cells + 2)


def run_worker(root: Path, assignment: str, steps: list[str], *, student: str | None = None,
               timeout: float, cell_timeout: int | None = None,
               release_dir: Path | None = None) -> WorkerRun:
    """在子进程里执行 :func:`run_steps`；超过 ``timeout`` 秒就杀掉整棵进程树并抛 WorkerTimeout。"""
    cmd = [sys.executable, "-m", "course.grading", str(root), assignment, "--steps", ",".join(steps)]
    if student:
        cmd += ["--student", student]
    if cell_timeout:
        cmd += ["--cell-timeout", str(cell_timeout)]
    if release_dir:
        cmd += ["--release-dir", str(release_dir)]
    env = dict(os.environ)
    env.setdefault("PYTHONIOENCODING", "utf-8")
    start = time.monotonic()
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, encoding="utf-8", errors="replace",
                            start_new_session=(os.name == "posix"))
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc)
        proc.communicate()
        raise WorkerTimeout(f"评分超过 {timeout:.0f} 秒仍未结束，已终止") from None
    finally:
        if proc.poll() is None:
            kill_tree(proc)
    marker = "@@COURSE-RESULT@@"
    if marker not in out:
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise WorkerCrashed(f"nbgrader 子进程异常退出（退出码 {proc.returncode}）\n{tail}")
    results = json.loads(out.rsplit(marker, 1)[1].strip().splitlines()[0])
    return WorkerRun(results=results, stderr=err, seconds=time.monotonic() - start)


# ---------------------------------------------------------------- 分数

@dataclass
class CellScore:
    grade_id: str
    kind: str                 # "auto"：自动评分的测试单元格；"manual"：口述题等人工评分
    max_score: float
    score: float | None       # 人工题未评时为 None
    reason: str = ""          # 失分原因（来自评过分的笔记本）


@dataclass
class NotebookScores:
    cells: list[CellScore] = field(default_factory=list)

    @property
    def auto(self) -> list[CellScore]:
        return [c for c in self.cells if c.kind == "auto"]

    @property
    def manual(self) -> list[CellScore]:
        return [c for c in self.cells if c.kind == "manual"]

    @property
    def auto_score(self) -> float:
        return sum(c.score or 0 for c in self.auto)

    @property
    def auto_max(self) -> float:
        return sum(c.max_score for c in self.auto)


def read_scores(root: Path, assignment: str, student: str) -> NotebookScores:
    """从 gradebook 读一个学生这一章的逐单元格分数，按笔记本中的顺序排列。"""
    from nbgrader.api import Gradebook

    cfg = load_config(root)
    with Gradebook(_db_url(cfg, root), cfg.CourseDirectory.course_id) as gb:
        nb = gb.find_submission_notebook(assignment, assignment, student)
        order = {c.name: i for i, c in enumerate(gb.find_notebook(assignment, assignment).source_cells)}
        cells = [CellScore(grade_id=g.name, kind="auto" if g.cell_type == "code" else "manual",
                           max_score=float(g.max_score),
                           score=None if g.needs_manual_grade or g.score is None else float(g.score))
                 for g in nb.grades]
    cells.sort(key=lambda c: order.get(c.grade_id, 1 << 30))
    scores = NotebookScores(cells)
    autograded = root / "autograded" / student / assignment / f"{assignment}.ipynb"
    if autograded.exists():
        _attach_reasons(scores, autograded)
    return scores


def _first_line(text: str, limit: int = 90) -> str:
    line = next((ln for ln in text.strip().splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1] + "…"


def explain_outputs(outputs) -> str:
    """把一个单元格的错误输出变成一句中文说明。"""
    for out in outputs:
        if out.get("output_type") == "error":
            ename, evalue = out.get("ename", ""), out.get("evalue", "")
            if ename == "NotImplementedError":
                return "还没作答（NotImplementedError）"
            if ename in ("CellTimeoutError", "KeyboardInterrupt", "DeadKernelError"):
                return "运行超时或内核崩溃：检查有没有死循环"
            return _first_line(f"{ename}: {evalue}" if evalue else ename)
    for out in outputs:
        if out.get("output_type") == "stream" and out.get("name") == "stderr":
            return "向 stderr 输出了内容（nbgrader 判 0 分）：" + _first_line(out.get("text", ""), 60)
    return ""


def _attach_reasons(scores: NotebookScores, autograded: Path) -> None:
    import nbformat

    from . import notebooks

    nb = nbformat.read(str(autograded), as_version=4)
    by_id = {notebooks.grade_id(c): c for c in nb.cells if notebooks.grade_id(c)}
    for cell in scores.auto:
        if cell.score is not None and cell.score < cell.max_score:
            test = by_id.get(cell.grade_id)
            reason = explain_outputs(test.get("outputs", [])) if test else ""
            solution = by_id.get(notebooks.exercise_of(cell.grade_id))
            if solution is not None and solution.get("cell_type") == "code":
                sol_reason = explain_outputs(solution.get("outputs", []))
                if sol_reason and not reason.startswith("还没作答"):
                    reason = f"作答单元格出错：{sol_reason}"
            cell.reason = reason


if __name__ == "__main__":
    sys.exit(_worker_main())
