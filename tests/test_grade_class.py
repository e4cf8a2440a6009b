"""`course grade`：与原版 nbgrader 结果一致、可重复运行、中断后能接着做、班级报告、反馈不泄露隐藏测试。

用 tests/grading_fixture.py 的小章节（评一份只要一两秒），真正的章节由 test_cli.py 和
test_pipeline.py 覆盖。
"""
from __future__ import annotations

import csv
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

import grading_fixture as fx
from conftest import nbgrader, unactivated_env
from test_sandbox import NEEDS_BWRAP, leftover_processes, needs_bwrap

pytestmark = [pytest.mark.xdist_group("grading"), needs_bwrap]

ANSWERS = {
    "full": fx.REFERENCE,
    "partial": {"ch98_add": fx.REFERENCE["ch98_add"], "ch98_join": "def join(words):\n    return ','.join(words)"},
    "mul_only": {"ch98_mul": "def mul(a, b):\n    return a * b"},
    "wrong": {"ch98_add": "def add(a, b):\n    return a - b", "ch98_mul": "def mul(a, b):\n    return 6",
              "ch98_join": "def join(words):\n    return '-'.join(words) + '-'"},
    # 一次写完，见 grading_fixture.sandbox_notebook 的说明
    "prints": {**fx.REFERENCE, "ch98_add": "import sys\nsys.stdout.write('我先打印一行\\n')\n" + fx.REFERENCE["ch98_add"]},
}
EXPECTED = {"full": 6.0, "partial": 1.0, "mul_only": 2.0, "wrong": 0.0, "prints": 6.0, "blank": 0.0}


def plant_class(course: Path, slow: float = 0.0) -> None:
    for student, answers in ANSWERS.items():
        if slow:
            answers = {**answers, "ch98_join": f"import time\ntime.sleep({slow})\n"
                                               + answers.get("ch98_join", "raise NotImplementedError()")}
        nb = fx.answered(course, answers)
        if student == "full":
            for cell in nb.cells:
                if cell.metadata.get("nbgrader", {}).get("grade_id") == "ch98_written":
                    cell.source = "`is` 比较身份，`==` 比较值。"
        written = fx.submit(course, student, nb)
        if student == "full":
            (written.parent / "timestamp.txt").write_text("2026-11-30 10:00:00.000000 UTC")
    fx.submit(course, "blank", fx.release_nb(course))


def gradebook_dump(course: Path) -> dict:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for sub in gb.find_assignment(fx.CH).submissions:
            out[sub.student.id] = {
                "timestamp": str(sub.timestamp),
                "grades": sorted((g.name, g.auto_score, g.manual_score, g.needs_manual_grade)
                                 for nb in sub.notebooks for g in nb.grades),
                "comments": sorted((c.name, c.auto_comment, c.manual_comment) for nb in sub.notebooks
                                   for c in nb.comments),
                "late": [nb.late_submission_penalty for nb in sub.notebooks],
            }
    return out


def auto_scores(course: Path) -> dict[str, float]:
    return {s: sum(g[1] or 0 for g in d["grades"] if g[0].endswith("_tests")) for s, d in gradebook_dump(course).items()}


def files(course: Path, top: str) -> dict[str, object]:
    """目录里的每个文件。笔记本去掉 nbclient 记下的执行时间戳（两次运行本来就不同）。"""
    base = course / top
    out = {}
    for p in sorted(base.rglob("*")):
        if p.suffix == ".ipynb":
            nb = json.loads(p.read_text("utf-8"))
            for cell in nb["cells"]:
                cell.get("metadata", {}).pop("execution", None)
            out[str(p.relative_to(base))] = nb
        elif p.is_file():
            out[str(p.relative_to(base))] = p.read_bytes()
    return out


def course_grade(course: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course.cli", "grade", fx.CH, *args], cwd=course,
                          env=unactivated_env(), capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """一个班：course grade --jobs 2 评过一次。(课程目录, 那次运行)"""
    course = fx.build_course(tmp_path_factory.mktemp("graded") / "course")
    plant_class(course)
    proc = course_grade(course, "--jobs", "2")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return course, proc


@pytest.fixture(scope="module")
def stock(tmp_path_factory):
    """同一个班，原版 nbgrader 命令行一个一个评。"""
    course = fx.build_course(tmp_path_factory.mktemp("stock") / "course")
    plant_class(course)
    nbgrader("generate_assignment", fx.CH, "--force", cwd=course)
    nbgrader("autograde", fx.CH, cwd=course)
    nbgrader("generate_feedback", fx.CH, cwd=course)
    return course


def test_parallel_grading_matches_stock_nbgrader(graded, stock):
    """同一批提交：原版 nbgrader 和 course grade --jobs 2 的分数、评语、评分副本、反馈页面都相同。"""
    course, _ = graded
    assert gradebook_dump(course) == gradebook_dump(stock), "gradebook 里的分数 / 评语与原版 nbgrader 不同"
    for top in ("autograded", "feedback"):
        mine, theirs = files(course, top), files(stock, top)
        assert sorted(mine) == sorted(theirs), f"{top}/ 里的文件与原版 nbgrader 不同"
        for name in theirs:
            if mine[name] != theirs[name]:
                import difflib

                dump = (lambda x: json.dumps(x, ensure_ascii=False, indent=1, sort_keys=True).splitlines()
                        if isinstance(x, dict) else x.decode("utf-8", "replace").splitlines())
                diff = "\n".join(list(difflib.unified_diff(dump(theirs[name]), dump(mine[name]), "原版", "course grade",
                                                           lineterm=""))[:60])
                raise AssertionError(f"{top}/{name} 与原版 nbgrader 生成的不同：\n{diff}")
    assert auto_scores(course) == EXPECTED


def test_class_report_lists_distribution_pass_rates_and_exceptions(graded):
    course, proc = graded
    for section in ("分数分布", "各练习通过率（最难的在前）", "最常见的异常"):
        assert section in proc.stdout
    rows = list(csv.DictReader((course / "reports" / f"{fx.CH}.csv").open(encoding="utf-8")))
    exercise = [r for r in rows if r["section"] == "exercise"]
    rates = [(r["name"], int(r["count"]), int(r["total"])) for r in exercise]
    # add：full、prints、partial 对（3/6）；mul：full、prints、mul_only 对（3/6）；join：full、prints（2/6）
    assert rates[0] == ("ch98_join_tests", 2, 6), rates
    assert sorted(rates[1:]) == [("ch98_add_tests", 3, 6), ("ch98_mul_tests", 3, 6)]
    scores = {r["name"]: int(r["count"]) for r in rows if r["section"] == "score"}
    assert sum(scores.values()) == len(EXPECTED) and scores["0-0.6"] == 2 and scores["5.4-6"] == 2, scores
    errors = {r["name"]: int(r["count"]) for r in rows if r["section"] == "exception"}
    assert errors["NotImplementedError"] >= 3 and errors["AssertionError"] >= 3, errors
    png = (course / "reports" / f"{fx.CH}.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    again = subprocess.run([sys.executable, "-m", "course.cli", "report", fx.CH], cwd=course,
                           env=unactivated_env(), capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "各练习通过率" in again.stdout


def test_feedback_never_shows_hidden_tests_or_the_mark_scheme(graded):
    import html as html_mod

    course, _ = graded
    page = (course / "feedback" / "wrong" / fx.CH / f"{fx.CH}.html").read_text("utf-8")
    text = html_mod.unescape(re.sub(r"<[^>]+>", "", page))
    assert "10, 20" not in text and "BEGIN HIDDEN" not in text, "反馈页面里出现了隐藏测试的代码"
    assert "SECRET-RUBRIC" not in text and "MARK SCHEME" not in text, "反馈页面里出现了评分要点"
    assert "1 + 2 应该是 3" in text, "可见测试的提示信息应当显示"
    assert "测试单元格里的代码不显示" in text and "隐藏测试，评分时运行" in text


def test_regrading_is_idempotent_and_force_gives_the_same_result(graded):
    course, _ = graded
    state = (gradebook_dump(course), files(course, "autograded"), files(course, "feedback"))
    again = course_grade(course)
    assert again.returncode == 0
    assert again.stdout.count("上次已评、提交没变，跳过") == len(EXPECTED)
    assert (gradebook_dump(course), files(course, "autograded"), files(course, "feedback")) == state
    # 改了一份提交：只有它重评
    fx.submit(course, "wrong", fx.answered(course, fx.REFERENCE))
    changed = course_grade(course)
    assert changed.stdout.count("提交没变，跳过") == len(EXPECTED) - 1 and auto_scores(course)["wrong"] == 6.0
    fx.submit(course, "wrong", fx.answered(course, ANSWERS["wrong"]))
    forced = course_grade(course, "--force", "--jobs", "2")
    assert "提交没变，跳过" not in forced.stdout
    assert gradebook_dump(course) == state[0]


def _wait_for(proc, pattern: str, timeout: float = 300) -> str:
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen += line
        if re.search(pattern, line):
            return seen
    raise AssertionError(f"没等到 {pattern!r}：\n{seen}")


def _workers_alive() -> list[str]:
    out = subprocess.run(["ps", "-eo", "args="], capture_output=True, text=True).stdout.splitlines()
    return [ln for ln in out if "course.grade_worker" in ln]


def _interrupt(course: Path, tmp_path: Path, sig: int) -> None:
    """评到第一份完成就发信号；等评分进程和沙箱都退出。"""
    errors = open(tmp_path / "stderr.txt", "w")
    proc = subprocess.Popen([sys.executable, "-m", "course.cli", "grade", fx.CH, "--jobs", "1"], cwd=course,
                            env=unactivated_env(), stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        _wait_for(proc, r"\[\d+/\d+\] \w+：完成")
        proc.send_signal(sig)
        proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
        errors.close()
    if sig == signal.SIGINT:
        said = (tmp_path / "stderr.txt").read_text("utf-8")
        assert proc.returncode == 130 and "再运行一次" in said and "Traceback" not in said, said[-2000:]
    # Ctrl-C：course grade 自己收尾，评分进程和沙箱都已经不在了。kill -9：评分进程和沙箱靠「父进程
    # 死亡信号」跟着退出；信号有竞态，漏网的由下一次运行按标记清扫（见调用方最后的检查）。
    deadline = time.monotonic() + 20
    while _workers_alive() or (sig == signal.SIGINT and leftover_processes()):
        assert time.monotonic() < deadline, (leftover_processes(), _workers_alive())
        time.sleep(0.5)
    assert sqlite3.connect(course / "gradebook.db").execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_an_interrupted_run_leaves_a_consistent_gradebook_and_the_next_run_finishes(tmp_path):
    course = fx.build_course(tmp_path / "course")
    plant_class(course, slow=0.8)
    _interrupt(course, tmp_path, signal.SIGINT)  # Ctrl-C
    after_ctrl_c = auto_scores(course)
    assert 1 <= len(after_ctrl_c) < len(EXPECTED), after_ctrl_c
    assert all(after_ctrl_c[s] == EXPECTED[s] for s in after_ctrl_c), after_ctrl_c

    _interrupt(course, tmp_path, signal.SIGKILL)  # kill -9：连收尾的机会都没有
    after_kill = auto_scores(course)
    assert len(after_ctrl_c) < len(after_kill) and all(after_kill[s] == EXPECTED[s] for s in after_kill)

    finish = course_grade(course)
    assert finish.returncode == 0, finish.stdout[-3000:]
    assert auto_scores(course) == EXPECTED
    assert finish.stdout.count("提交没变，跳过") == len(after_kill)
    assert not list((course / ".grading").glob("run-*")), "上次运行的临时目录没有清理"
    assert leftover_processes() == [], "被打断的运行留下的进程没有清理"
