"""评分沙箱：一组不怀好意的提交，和沙箱本身的单元测试。

每份恶意提交都要拿到它应得的分数（0 分或诚实的部分分）并有清楚的原因；评分要继续下去；
gradebook 和其他所有文件保持原样；结束后不留下任何进程。CI 装了 bubblewrap，这里是真的沙箱。
"""
from __future__ import annotations

import hashlib
import os
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import pytest

import grading_fixture as fx
from conftest import ROOT, unactivated_env
from course import sandbox

NEEDS_BWRAP = sandbox.probe()
if NEEDS_BWRAP and os.environ.get("COURSE_REQUIRE_SANDBOX"):  # CI：不许悄悄跳过
    raise RuntimeError(f"COURSE_REQUIRE_SANDBOX 已设置，但沙箱不可用：{NEEDS_BWRAP}")
needs_bwrap = pytest.mark.skipif(bool(NEEDS_BWRAP), reason=f"没有可用的 bubblewrap：{NEEDS_BWRAP}")
pytestmark = pytest.mark.xdist_group("grading")


class Canary:
    """宿主机回环上的 TCP 服务：记下每一个连进来的人。"""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.2)
        self.port = self.sock.getsockname()[1]
        self.hits = 0
        self._stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
                self.hits += 1
                conn.close()
            except OSError:
                continue

    def close(self):
        self._stop.set()
        self.thread.join(5)
        self.sock.close()


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def leftover_processes() -> list[str]:
    """恶意提交启动的 sleep，或任何仍以沙箱专用 uid 运行的进程。"""
    out = subprocess.run(["ps", "-eo", "uid=,stat=,args="], capture_output=True, text=True).stdout.splitlines()
    bad = []
    for line in out:
        uid, state, args = (line.split(None, 2) + ["", ""])[:3]
        if state.startswith("Z"):
            continue  # 僵尸：已经退出，只等父进程收尸（容器里的 1 号进程不一定收）
        in_sandbox_uid = uid.isdigit() and sandbox.UID_BASE <= int(uid) < sandbox.UID_BASE + 64
        if "sleep 424" in args or in_sandbox_uid:
            bad.append(line)
    return bad


def run_grade(course: Path, *args: str, home: Path | None = None, timeout: float = 600):
    env = unactivated_env()
    if home is not None:
        env["HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "course.cli", "grade", fx.CH, *args], cwd=course, env=env,
                          capture_output=True, text=True, timeout=timeout)


@needs_bwrap
def test_hostile_submissions_get_their_honest_scores_and_change_nothing(tmp_path):
    from nbgrader.api import Gradebook

    course = fx.build_course(tmp_path / "course")
    home = tmp_path / "instructor-home"
    home.mkdir()
    canary_file = home / "canary.txt"
    canary_file.write_text("instructor secret")
    fx.submit(course, "alice", fx.answered(course, fx.REFERENCE))
    canary = Canary()
    try:
        hostile = fx.hostile_submissions(course, canary.port, canary_file)
        for h in hostile:
            fx.plant(course, h)
        before_sub = tree_digest(course / "submitted")
        before_src = tree_digest(course / "source")
        proc = run_grade(course, "--jobs", "2", "--timeout", "5", "--memory", "768", home=home)
    finally:
        canary.close()
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out, out[-4000:]
    assert proc.returncode == 0, out[-4000:]  # 没有「失败（未记分）」：每一份都有了分数

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        got = {s.student.id: sum(g.score or 0 for nb in s.notebooks for g in nb.grades if g.cell_type == "code")
               for s in gb.find_assignment(fx.CH).submissions}
    expected = {"alice": fx.MAX_AUTO, **{h.name: h.score for h in hostile}}
    assert got == expected, out[-3000:]

    for h in hostile:
        row = next(ln for ln in proc.stdout.splitlines() if ln.startswith(h.name + " "))
        if h.reason:
            assert h.reason in row, row
            assert (course / "feedback" / h.name / fx.CH / f"{fx.CH}.html").read_text("utf-8").count(h.reason)
            continue
        graded = nbformat.read(str(course / "autograded" / h.name / fx.CH / f"{fx.CH}.ipynb"), as_version=4)
        text = "\n".join(str(o.get("text", "")) + str(o.get("ename", "")) + str(o.get("evalue", ""))
                         for c in graded.cells for o in c.get("outputs", []))
        for needle in h.output_has:
            assert needle in text, (h.name, needle)
        for needle in h.output_lacks:
            assert needle not in text, (h.name, needle)
        assert (course / "feedback" / h.name / fx.CH / f"{fx.CH}.html").is_file()
    assert "删除了测试单元格" in next(ln for ln in proc.stdout.splitlines() if ln.startswith("deleted_tests "))
    assert "改动了测试单元格" in next(ln for ln in proc.stdout.splitlines() if ln.startswith("edited_tests "))

    # 100 MB 的输出没有进到评分副本里
    assert (course / "autograded" / "flood" / fx.CH / f"{fx.CH}.ipynb").stat().st_size < 30 * 2**20
    # 什么都没被改动：提交、源笔记本、教师家目录；gradebook 完好，权限没被符号链接改掉
    assert tree_digest(course / "submitted") == before_sub
    assert tree_digest(course / "source") == before_src
    assert canary_file.read_text() == "instructor secret" and not (home / "planted.txt").exists()
    assert not (course / "planted.txt").exists()
    assert not list((course / "autograded" / "write_outside").rglob("evil-link"))
    assert os.stat(course / "gradebook.db").st_mode & 0o200, "gradebook.db 被 chmod 成只读了"
    assert sqlite3.connect(course / "gradebook.db").execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert canary.hits == 0, "沙箱里的代码连上了宿主机回环上的服务"
    assert leftover_processes() == [], "评分结束后还有学生代码留下的进程"


# ---------------------------------------------------------------- 沙箱本身

def test_course_directory_is_never_mounted_into_the_sandbox(tmp_path):
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    args = sandbox._mounts(tmp_path / "run", course / "autograded" / "s" / "ch", protect=[course])
    bound = [args[i + 2] for i, a in enumerate(args) if a in ("--bind", "--ro-bind")]
    for dest in bound:
        d = Path(dest)
        assert not (d == course or d in course.parents), f"{dest} 会把课程目录带进沙箱"
    assert str(course / "autograded" / "s" / "ch") in bound


def test_private_tmp_does_not_hide_a_python_installed_under_tmp(tmp_path, monkeypatch):
    """课程连同 .venv 克隆在 /tmp 下面时，沙箱的私有 /tmp 必须先挂，venv 再挂在它上面。"""
    venv = Path("/tmp") / tmp_path.relative_to("/tmp") / "clone" / ".venv" if str(tmp_path).startswith("/tmp/") \
        else pytest.skip("pytest 的临时目录不在 /tmp 下")
    monkeypatch.setattr(sandbox, "_python_roots", lambda protect: [venv])
    args = sandbox._mounts(tmp_path / "run", tmp_path / "work")
    tmpfs = args.index("/tmp", args.index("--tmpfs"))
    for i, a in enumerate(args):
        if a in ("--bind", "--ro-bind") and args[i + 2].startswith("/tmp/"):
            assert i > tmpfs, f"{args[i + 2]} 挂在私有 /tmp 之前，会被它盖住"
    assert str(venv) in args


def test_sandbox_environment_is_an_allow_list(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "do-not-leak")
    monkeypatch.setenv("COURSE_FAST", "1")
    env = sandbox.kernel_env(tmp_path, "mark")
    assert "AWS_SECRET_ACCESS_KEY" not in env and env["COURSE_FAST"] == "1"
    assert env["HOME"] == "/tmp/home" and "JPY_PARENT_PID" not in env


def test_sanitize_removes_links_and_special_files(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    (tmp_path / "sub").mkdir()
    os.symlink("/etc/passwd", tmp_path / "sub" / "link")
    os.symlink(tmp_path / "sub", tmp_path / "dirlink")
    os.mkfifo(tmp_path / "fifo")
    removed = sandbox.sanitize_tree(tmp_path)
    assert sorted(removed) == ["dirlink", "fifo", os.path.join("sub", "link")]
    assert (tmp_path / "keep.txt").exists() and (tmp_path / "sub").is_dir()


def test_marked_leftovers_are_killed():
    mark = "test-mark-123"
    proc = subprocess.Popen(["sleep", "60"], env={**os.environ, sandbox.MARK_ENV: mark})
    try:
        assert sandbox.kill_marked(mark) == 1
        assert proc.wait(10) == -9
    finally:
        if proc.poll() is None:
            proc.kill()


def test_probe_explains_a_missing_bwrap():
    assert "bwrap" in sandbox.probe("/nonexistent/bwrap") or "bubblewrap" in sandbox.probe("/nonexistent/bwrap")


def test_a_new_grading_run_sweeps_what_a_killed_run_left_behind(tmp_path):
    """kill -9 的运行留下的孤儿（父进程死亡信号的竞态里漏网的）：下一次运行开始时按标记清扫。"""
    from course import grade_class, lifetime

    stale = tmp_path / grade_class.STATE_DIR / "run-stale"
    stale.mkdir(parents=True)
    tag = grade_class.run_tag(stale)
    orphan = subprocess.Popen(["sleep", "3344"], start_new_session=True,
                              env={**os.environ, lifetime.TAG_ENV: f"{tag}/worker"})
    bystander = subprocess.Popen(["sleep", "3345"], env={**os.environ, lifetime.TAG_ENV: "other-run/worker"})
    try:
        with grade_class._exclusive(tmp_path):
            assert orphan.wait(10) == -9, "上一次运行的残留进程没有被杀掉"
            assert not stale.exists(), "上一次运行的临时目录没有删掉"
        assert bystander.poll() is None, "别的运行的进程不该被误杀"
    finally:
        for p in (orphan, bystander):
            if p.poll() is None:
                p.kill()
            p.wait()
