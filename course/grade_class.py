"""`course grade ASSIGNMENT`：给全班评分——并行、沙箱、gradebook 只有一个写入者、可以中断后接着做。

流程：

1. 检查：章节存在、有提交、沙箱可用（或教师明确 ``--no-sandbox``）、gradebook 是 SQLite；
   同一个课程目录同时只能有一个 ``course grade``（``.grading/lock``）。
2. ``generate_assignment`` 让 gradebook 里的章节与 source/ 一致，再给 gradebook 拍快照。
3. 逐个预检提交：读不了的笔记本、交错章节、缺文件直接记 0 分并写一页说明原因的反馈；
   上次评过且提交、源笔记本、配置都没变的跳过（``--force`` 全部重评）。
4. 其余的交给 N 个常驻评分进程（:mod:`course.grade_worker`），各自在临时课程目录里跑原版
   nbgrader 的 autograde（内核在沙箱里）和 generate_feedback；超过总时限的连同沙箱一起杀掉。
5. 每评完一个，主进程在**一个事务**里把分数并入真正的 gradebook（:mod:`course.gradebook`），
   再把 autograded/ 和 feedback/ 里这个学生的文件夹原子地换进去，最后写「已完成」标记。
   所以 Ctrl-C 或 kill 之后 gradebook 仍然一致，下次运行会接着评没完成的。
6. 导出 grades.csv，写班级报告（:mod:`course.report`）。
"""
from __future__ import annotations

import hashlib
import html
import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from . import grading, layout, lifetime, notebooks
from .errors import CourseError

STATE_DIR = ".grading"


@dataclass
class StudentResult:
    student: str
    status: str                      # graded / skipped / zero / failed
    seconds: float = 0.0
    scores: grading.NotebookScores | None = None
    problem: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("graded", "skipped")


@dataclass
class ClassSummary:
    assignment: str
    results: list[StudentResult]
    grades_csv: Path | None
    seconds: float
    report: object | None = None
    sandboxed: bool = True

    @property
    def failed(self) -> list[StudentResult]:
        return [r for r in self.results if r.status == "failed"]

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)


# ---------------------------------------------------------------- 提交与预检

def submissions(root: Path, assignment: str) -> list[str]:
    base = root / "submitted"
    if not base.is_dir():
        return []
    return sorted(d.name for d in base.iterdir() if (d / assignment).is_dir())


def precheck(root: Path, assignment: str, student: str, known: dict[str, set[str]],
             source_nb) -> tuple[str, list[str]]:
    """评分前检查一份提交：返回 (直接记 0 分的原因或空串, 给教师的提示)。"""
    from nbgrader.utils import compute_checksum

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
    present = {notebooks.grade_id(c): c for c in nb.cells if notebooks.grade_id(c)}
    missing = [notebooks.grade_id(c) for c in source_nb.cells
               if notebooks.is_test(c) and notebooks.grade_id(c) not in present]
    if missing:
        notes.append("删除了测试单元格（已按原样补回）：" + "、".join(missing))
    edited = [gid for gid, c in present.items() if notebooks.is_test(c)
              and notebooks.meta(c).get("checksum") and compute_checksum(c) != notebooks.meta(c)["checksum"]]
    if edited:
        notes.append("改动了测试单元格（评分用原始测试）：" + "、".join(edited))
    return "", notes


def _digest(*paths: Path) -> str:
    h = hashlib.sha256()
    for base in paths:
        files = sorted(p for p in base.rglob("*") if p.is_file()) if base.is_dir() else [base]
        for p in files:
            h.update(str(p.relative_to(base) if base.is_dir() else p.name).encode())
            h.update(p.read_bytes())
    return h.hexdigest()


# ---------------------------------------------------------------- 状态目录、锁

@contextmanager
def _exclusive(root: Path):
    state = root / STATE_DIR
    state.mkdir(exist_ok=True)
    lock = open(state / "lock", "w")
    try:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows：没有 fcntl，也没有 bubblewrap
            pass
        except OSError:
            raise CourseError("另一个 course grade 正在给这个课程目录评分。",
                              "等它结束再运行；如果确定没有，删除 .grading/lock 后重试。") from None
        for stale in state.glob("run-*"):  # 上一次被 kill 的运行留下的临时目录和进程
            if (stale / "tag").is_file():
                lifetime.kill_by_env(lifetime.TAG_ENV, run_tag(stale) + "/")
            shutil.rmtree(stale, ignore_errors=True)
        yield state
    finally:
        lock.close()


def _marker(root: Path, assignment: str, student: str) -> Path:
    return root / STATE_DIR / "done" / assignment / f"{student}.json"


def _fingerprint(root: Path, assignment: str, student: str) -> dict:
    return {"submission": _digest(root / "submitted" / student / assignment),
            "source": _digest(root / "source" / assignment, root / layout.CONFIG_NAME)}


def _is_fresh(root: Path, assignment: str, student: str, fingerprint: dict) -> bool:
    try:
        recorded = json.loads(_marker(root, assignment, student).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return (recorded == fingerprint
            and (root / "autograded" / student / assignment).is_dir()
            and (root / "feedback" / student / assignment).is_dir())


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(path.name + f".{uuid.uuid4().hex[:8]}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


def _replace_dir(staged: Path, target: Path) -> None:
    """把 staged 目录换到 target：先挪开旧的，再改名，最后删旧的。"""
    target.parent.mkdir(parents=True, exist_ok=True)
    old = target.with_name(f".{target.name}.old-{uuid.uuid4().hex[:8]}")
    if target.exists():
        os.replace(target, old)
    try:
        os.replace(staged, target)
    except OSError:  # 跨文件系统：先复制到旁边再改名
        tmp = target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")
        shutil.copytree(staged, tmp, symlinks=True)
        os.replace(tmp, target)
    shutil.rmtree(old, ignore_errors=True)


# ---------------------------------------------------------------- 评分进程池

class _Worker:
    def __init__(self, root: Path, log: Path, tag: str):
        # tag 传给它启动的一切（bwrap、内核）：进程被杀之后按它清扫漏网的（course/lifetime.py）
        self.tag = tag
        env = dict(os.environ, PYTHONIOENCODING="utf-8", **{lifetime.TAG_ENV: tag})
        self.log = open(log, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "course.grade_worker"], cwd=root, env=env,
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log,
                                     start_new_session=(os.name == "posix"))
        self.lines: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for raw in self.proc.stdout:
            line = raw.decode("utf-8", "replace")
            if line.startswith("@@COURSE-JOB@@"):
                self.lines.put(json.loads(line[len("@@COURSE-JOB@@"):]))
        self.lines.put(None)  # EOF：进程退出了

    def submit(self, job: dict, timeout: float) -> dict:
        self.proc.stdin.write((json.dumps(job, ensure_ascii=False) + "\n").encode())
        self.proc.stdin.flush()
        try:
            result = self.lines.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError from None
        if result is None:
            raise ConnectionError(f"评分进程意外退出（退出码 {self.proc.poll()}）")
        return result

    def kill(self):
        if self.proc.poll() is None:
            grading.kill_tree(self.proc)
        lifetime.kill_by_env(lifetime.TAG_ENV, self.tag)
        self.log.close()


class WorkerPool:
    """N 个常驻评分进程；每个任务有总时限，超时或崩溃的进程连同它的沙箱一起杀掉并换新的。"""

    def __init__(self, root: Path, run_dir: Path, size: int):
        self.root, self.run_dir, self.size = root, run_dir, size
        self.tag = run_tag(run_dir)
        self._stop = threading.Event()
        self._workers: dict[int, _Worker] = {}
        self._lock = threading.Lock()

    def _worker(self, slot: int) -> _Worker:
        with self._lock:
            w = self._workers.get(slot)
            if w is None or w.proc.poll() is not None:
                w = _Worker(self.root, self.run_dir / f"worker-{slot}.log", f"{self.tag}/{uuid.uuid4().hex}")
                self._workers[slot] = w
            return w

    def _retire(self, slot: int):
        with self._lock:
            w = self._workers.pop(slot, None)
        if w:
            w.kill()

    def warm_up(self, count: int) -> None:
        """先把评分进程启动起来：它们 import nbgrader 的几秒和主进程的准备工作重叠。"""
        for slot in range(min(self.size, count)):
            self._worker(slot)

    def run(self, jobs: list[dict], budget: float) -> Iterator[tuple[dict, dict | None, str, float]]:
        """按完成顺序产出 (任务, 结果或 None, 失败原因, 秒数)。"""
        todo: queue.Queue = queue.Queue()
        for job in jobs:
            todo.put(job)
        done: queue.Queue = queue.Queue()

        def serve(slot: int):
            while not self._stop.is_set():
                try:
                    job = todo.get_nowait()
                except queue.Empty:
                    return
                job = dict(job, slot=slot, work=str(self.run_dir / f"job-{uuid.uuid4().hex[:10]}"))
                start = time.monotonic()
                try:
                    result, why = self._worker(slot).submit(job, budget), ""
                except TimeoutError:
                    result, why = None, f"评分超过总时限 {budget:.0f} 秒，已终止"
                    self._retire(slot)
                except (ConnectionError, OSError) as exc:
                    result, why = None, str(exc)
                    self._retire(slot)
                done.put((job, result, why, time.monotonic() - start))

        threads = [threading.Thread(target=serve, args=(i,), daemon=True)
                   for i in range(min(self.size, len(jobs)))]
        for t in threads:
            t.start()
        for _ in range(len(jobs)):
            while True:
                try:
                    yield done.get(timeout=0.5)
                    break
                except queue.Empty:
                    if not any(t.is_alive() for t in threads) and done.empty():
                        return

    def close(self):
        self._stop.set()
        for slot in list(self._workers):
            self._retire(slot)
        lifetime.kill_by_env(lifetime.TAG_ENV, f"{self.tag}/")  # 包括已经换掉的评分进程留下的


def run_tag(run_dir: Path) -> str:
    """这次运行的标记，存在运行目录里：运行被 kill -9 之后，下一次运行凭它清扫残留进程。"""
    path = run_dir / "tag"
    if not path.exists():
        path.write_text(uuid.uuid4().hex, encoding="utf-8")
    return path.read_text(encoding="utf-8").strip()


# ---------------------------------------------------------------- 记 0 分

def _zero_feedback(target: Path, assignment: str, student: str, reason: str) -> None:
    page = (f"<!DOCTYPE html><html lang='zh-CN'><meta charset='utf-8'><title>{assignment}</title>"
            f"<body><h1>{html.escape(assignment)}：无法评分</h1><p>学生：{html.escape(student)}</p>"
            f"<p>原因：{html.escape(reason)}</p><p>得分：0。请从 release/{assignment}/ 重新复制一份笔记本，"
            "把答案粘贴进去后重新提交。</p></body></html>")
    staged = target.with_name(f".{target.name}.new-{uuid.uuid4().hex[:8]}")
    staged.mkdir(parents=True)
    (staged / f"{assignment}.html").write_text(page, encoding="utf-8")
    _replace_dir(staged, target)


def record_zero(root: Path, db_url: str, assignment: str, student: str, reason: str) -> None:
    """提交根本没法评（读不了、交错章节、缺文件）：在一个事务里把每个评分单元格记 0 分。

    与 nbgrader 对缺失笔记本的处理相同（auto_score = 0，needs_manual_grade = False）。
    旧的评分副本删掉，反馈换成一页说明原因的页面。
    """
    from nbgrader.api import Gradebook

    from .gradebook import one_transaction

    with Gradebook(db_url) as gb, one_transaction(gb):
        gb.update_or_create_student(student)
        gb.update_or_create_submission(assignment, student)
        for nb in gb.find_submission(assignment, student).notebooks:
            for grade in nb.grades:
                grade.auto_score = 0
                grade.needs_manual_grade = False
    shutil.rmtree(root / "autograded" / student / assignment, ignore_errors=True)
    _zero_feedback(root / "feedback" / student / assignment, assignment, student, reason)


# ---------------------------------------------------------------- 主流程

def _sync_gradebook(root: Path, assignment: str) -> None:
    """nbgrader generate_assignment：让 gradebook 里的章节与 source/ 一致（不执行任何代码）。

    release/ 是学员用的、提交在仓库里的，这里生成到临时目录，不动它。
    """
    with tempfile.TemporaryDirectory(prefix="course-grade-", ignore_cleanup_errors=True) as tmp:
        result = grading.run_steps(root, assignment, ["generate"],
                                   overrides={"CourseDirectory.release_directory": str(Path(tmp) / "release")})[0]
    if not result["success"]:
        tail = "\n".join((result["error"] or result["log"]).strip().splitlines()[-8:])
        raise CourseError(f"同步 gradebook 失败（nbgrader generate_assignment）：\n{tail}", code=3)


def _step_problem(result: dict) -> str:
    if result.get("crash"):
        return "评分进程出错：" + result["crash"].strip().splitlines()[-1]
    failed = next((s for s in result["steps"] if not s["success"]), None)
    if failed is None and len(result["steps"]) < 2:
        return "评分没有完成"
    if failed is None:
        return ""
    lines = [ln.strip() for ln in (failed["log"] + "\n" + failed["error"]).strip().splitlines() if ln.strip()]
    # nbgrader 最后两行总是「There was an error…」「Please see the above traceback…」：取真正的原因
    causes = [ln for ln in lines if ("Error" in ln or "error" in ln) and "Please see" not in ln
              and "There was an error" not in ln and not ln.startswith("File ")]
    return f"nbgrader {failed['step']} 失败：{(causes or lines or ['?'])[-1]}"


def grade_class(root: Path, assignment: str, *, jobs: int | None = None, cell_timeout: int | None = None,
                force: bool = False, sandbox: bool = True, limits=None,
                say: Callable[[str], None] = print, bar_factory: Callable | None = None) -> ClassSummary:
    from . import report as report_mod
    from . import sandbox as sandbox_mod
    from .gradebook import merge, snapshot, sqlite_path

    layout.require_assignment(root, assignment)
    students = submissions(root, assignment)
    if not students:
        raise CourseError(f"没有找到 {assignment} 的提交。",
                          f"学生作业应放在 submitted/<学生>/{assignment}/{assignment}.ipynb。")
    cfg = grading.load_config(root)
    db_url = grading._db_url(cfg, root)
    db_path = sqlite_path(db_url)
    if db_path is None:
        raise CourseError(f"course grade 只支持 SQLite gradebook，而 db_url 是 {db_url.split(':')[0]}。",
                          "并行评分靠「快照 + 单一写入者」保证 gradebook 一致；其他数据库请用原版 "
                          "nbgrader autograde / generate_feedback。")
    if sandbox:
        why = sandbox_mod.probe()
        if why:
            raise CourseError(f"无法建立评分沙箱：{why}。",
                              "学生提交的代码是不可信的，默认只在 bubblewrap 沙箱里运行。安装它："
                              "sudo apt-get install bubblewrap；或者在明白风险后加 --no-sandbox"
                              "（学生代码将以你的权限运行，只有资源上限）。")
    else:
        say("⚠️  警告：--no-sandbox —— 学生代码将以你的用户权限运行，能读写你能读写的一切、能联网。"
            "只设了内存 / CPU / 文件大小上限。只在你信任所有提交时这样做。")
    limits = limits or sandbox_mod.Limits()
    jobs = max(1, jobs or os.cpu_count() or 1)

    import nbformat

    sources = {a: nbformat.read(str(layout.source_notebook(root, a)), as_version=4)
               for a in layout.assignments(root)}
    known = {a: notebooks.ids(nb) for a, nb in sources.items()}
    code_cells = sum(c.cell_type == "code" for c in sources[assignment].cells)
    per_cell = grading.cell_timeout(root, cell_timeout)
    budget = grading.time_budget(code_cells, per_cell) + 60
    start = time.monotonic()
    results: dict[str, StudentResult] = {}

    with _exclusive(root) as state:
        for top in ("autograded", "feedback"):  # 上次在换目录的半途被打断留下的
            for stale in (root / top).glob(f"*/.{assignment}.*-*"):
                shutil.rmtree(stale, ignore_errors=True)
        run_dir = Path(tempfile.mkdtemp(prefix="run-", dir=state))
        pool = WorkerPool(root, run_dir, jobs)
        try:
            pool.warm_up(len(students))
            say(f"同步 gradebook：{assignment}")
            _sync_gradebook(root, assignment)
            template = run_dir / "template.db"
            snapshot(db_path, template)
            todo = []
            for student in students:
                problem, notes = precheck(root, assignment, student, known, sources[assignment])
                if problem:
                    record_zero(root, db_url, assignment, student, problem)
                    _marker(root, assignment, student).unlink(missing_ok=True)
                    results[student] = StudentResult(student, "zero", problem=problem)
                    say(f"[{len(results)}/{len(students)}] {student}：0 分——{problem}")
                    continue
                fingerprint = _fingerprint(root, assignment, student)
                if not force and _is_fresh(root, assignment, student, fingerprint):
                    results[student] = StudentResult(student, "skipped", notes=notes,
                                                     scores=grading.read_scores(root, assignment, student))
                    say(f"[{len(results)}/{len(students)}] {student}：上次已评、提交没变，跳过（--force 重评）")
                    continue
                todo.append({"root": str(root), "assignment": assignment, "student": student,
                             "template_db": str(template), "cell_timeout": per_cell,
                             "sandbox": {"bwrap": sandbox, "limits": limits.as_config()},
                             "notes": notes, "fingerprint": fingerprint})
            if todo:
                say(f"评分 {len(todo)} 份提交：{min(jobs, len(todo))} 个并行进程，"
                    f"{'沙箱：bubblewrap' if sandbox else '没有沙箱'}，每个单元格最多 {per_cell} 秒")
            bar = bar_factory(len(todo)) if (bar_factory and todo) else None
            for job, result, why, seconds in pool.run(todo, budget):
                student = job["student"]
                problem = why or _step_problem(result)
                if problem:
                    res = StudentResult(student, "failed", seconds=seconds, problem=problem)
                else:
                    course = Path(result["course"])
                    merge(db_url, f"sqlite:///{course / 'gradebook.db'}", assignment, student)
                    _replace_dir(course / "autograded" / student / assignment,
                                 root / "autograded" / student / assignment)
                    _replace_dir(course / "feedback" / student / assignment,
                                 root / "feedback" / student / assignment)
                    _write_atomic(_marker(root, assignment, student), json.dumps(job["fingerprint"]))
                    notes = list(job["notes"])
                    if result.get("dropped"):
                        notes.append("提交里的符号链接 / 特殊文件没有带进评分：" + "、".join(result["dropped"]))
                    res = StudentResult(student, "graded", seconds=seconds, notes=notes,
                                        scores=grading.read_scores(root, assignment, student))
                shutil.rmtree(job["work"], ignore_errors=True)
                results[student] = res
                line = (f"完成 {res.scores.auto_score:g}/{res.scores.auto_max:g} 分（{seconds:.1f} 秒）"
                        if res.ok else f"失败——{res.problem}")
                say(f"[{len(results)}/{len(students)}] {student}：{line}")
                if bar:
                    bar.update(1)
            if bar:
                bar.close()
        except KeyboardInterrupt:
            finished = sum(r.status in ("graded", "zero") for r in results.values())
            raise CourseError(f"已中断：{finished} 份提交的评分已完整写入 gradebook，其余的没有写入任何东西。",
                              f"再运行一次 course grade {assignment} 会跳过已完成的、接着评剩下的。",
                              code=130) from None
        finally:
            pool.close()
            shutil.rmtree(run_dir, ignore_errors=True)

        grades_csv = root / "grades.csv"
        say("导出成绩：grades.csv")
        try:
            grading.export_csv(root, grades_csv)
        except Exception as exc:  # 导出失败不影响已完成的评分
            say(f"导出失败：{exc}")
            grades_csv = None
        report = None
        try:
            report = report_mod.write(root, assignment)
        except Exception as exc:
            say(f"班级报告没有写成：{exc}")
    ordered = [results[s] for s in students if s in results]
    return ClassSummary(assignment, ordered, grades_csv, time.monotonic() - start, report, sandbox)
