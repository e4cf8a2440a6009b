"""`course` 命令：像学员和教师那样从命令行运行它。

check 和 grade 用试点章节；每个失败都应是中文说明 + 非零退出码，绝不出现 traceback。
"""
from __future__ import annotations

import copy
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import CHAPTERS, ROOT, copy_course, course_cli, unactivated_env
from course import check as check_mod, notebooks
from course.errors import CourseError
from mutation import load_mutants

PILOT = "ch05_data_structures" if "ch05_data_structures" in CHAPTERS else CHAPTERS[0]


def source_nb():
    return nbformat.read(str(ROOT / "source" / PILOT / f"{PILOT}.ipynb"), as_version=4)


def release_nb():
    return nbformat.read(str(ROOT / "release" / PILOT / f"{PILOT}.ipynb"), as_version=4)


def answered(answers: dict[str, str]):
    nb = copy.deepcopy(release_nb())
    for cell in nb.cells:
        if notebooks.is_solution(cell) and notebooks.grade_id(cell) in answers:
            cell.source = answers[notebooks.grade_id(cell)]
    return nb


def reference(ex) -> str:
    return source_nb().cells[ex.solution_index].source


def first_mutant(ex) -> str:
    return next(iter(load_mutants(PILOT)[ex.id].values()))


def assert_clean_failure(proc, code, *phrases):
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stdout + proc.stderr
    for phrase in phrases:
        assert phrase in proc.stderr, f"缺少「{phrase}」：\n{proc.stderr}"


def score_rows(stdout: str) -> dict[str, tuple[float, float, str]]:
    titles = check_mod.exercise_titles(source_nb())
    rows = {}
    for ex_id, title in titles.items():
        m = re.search(rf"^{re.escape(title)}\s+(\d+(?:\.\d+)?)\s+(\d+(?:\.\d+)?)\s+(.*)$", stdout, re.M)
        assert m, f"输出里没有练习「{title}」这一行：\n{stdout}"
        rows[ex_id] = (float(m.group(1)), float(m.group(2)), m.group(3))
    return rows


def gradebook_state():
    db = ROOT / "gradebook.db"
    return db.stat().st_mtime_ns if db.exists() else None


# ---------------------------------------------------------------- course check

def test_check_two_right_one_wrong_prints_exact_points_and_writes_feedback(tmp_path):
    ex = notebooks.exercises(source_nb())
    nb = answered({ex[0].id: reference(ex[0]), ex[1].id: reference(ex[1]), ex[2].id: first_mutant(ex[2])})
    where = tmp_path / "my work"
    where.mkdir()
    path = where / f"{PILOT}-Copy1.ipynb"   # JupyterLab 复制出来的改名副本
    nbformat.write(nb, str(path))
    before = gradebook_state()

    proc = course_cli("check", str(path), cwd=tmp_path)

    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = score_rows(proc.stdout)
    assert rows[ex[0].id][:2] == (ex[0].points, ex[0].points)
    assert rows[ex[1].id][:2] == (ex[1].points, ex[1].points)
    assert rows[ex[2].id][0] == 0 and rows[ex[2].id][2] != "✓ 通过"
    for e in ex[3:]:
        assert rows[e.id][0] == 0 and "还没作答" in rows[e.id][2]
    total = sum(e.points for e in ex)
    assert f"自动评分合计：{ex[0].points + ex[1].points:g} / {total:g} 分" in proc.stdout
    feedback = where / f"{PILOT}-Copy1.feedback.html"
    assert f"反馈页面：{feedback}" in proc.stdout
    assert feedback.is_file() and "<html" in feedback.read_text("utf-8").lower()
    assert gradebook_state() == before, "course check 碰了真实的 gradebook"
    assert not list(where.glob("*.part"))


def test_check_repairs_deleted_and_edited_test_cells_and_times_out_loops(tmp_path):
    src = source_nb()
    ex = notebooks.exercises(src)
    looping = next(e for e in ex[2:] if reference(e).lstrip().startswith("def "))
    # 一个「卡住」的答案（像等一把永远拿不到的锁）：每秒只执行几行，步数上限拦不住，只能靠单元格时限
    loop_src = "import time\n" + re.sub(r"(def [^\n]*:\n)", r"\1    while True:\n        time.sleep(0.2)\n",
                                        reference(looping), count=1)
    nb = answered({ex[0].id: reference(ex[0]), ex[1].id: reference(ex[1]), looping.id: loop_src})
    nb.cells = [c for c in nb.cells if notebooks.grade_id(c) != f"{ex[0].id}_tests"]
    for c in nb.cells:
        if notebooks.grade_id(c) == f"{ex[1].id}_tests":
            c.source += "\nassert True  # 学员改动"
    path = tmp_path / "work.ipynb"
    nbformat.write(nb, str(path))

    proc = course_cli("check", str(path), "--timeout", "10", cwd=tmp_path)

    assert proc.returncode == 0, proc.stdout + proc.stderr
    rows = score_rows(proc.stdout)
    assert rows[ex[0].id][0] == ex[0].points, "删掉的测试单元格应按原样补回并评分"
    assert rows[ex[1].id][0] == ex[1].points
    assert rows[looping.id][0] == 0 and "超时" in rows[looping.id][2]
    assert f"{ex[0].id}_tests" in proc.stdout and "被删除了" in proc.stdout
    assert f"{ex[1].id}_tests 被改动过" in proc.stdout


@pytest.mark.parametrize("name, content, phrase", [
    ("notes.txt", "hello", "不是 Jupyter 笔记本"),
    ("broken.ipynb", '{"cells": [', "JSON 已损坏（第 1 行"),
    ("other.ipynb", '{"a": 1}', "缺少 cells / nbformat"),
    ("invalid.ipynb", json.dumps({"cells": [{"cell_type": "bogus"}], "metadata": {},
                                  "nbformat": 4, "nbformat_minor": 5}), "不是有效的笔记本"),
    ("plain.ipynb", nbformat.writes(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])),
     "认不出"),
    ("binary.ipynb", b"\xff\xfe\x00garbage", "不是 UTF-8"),
], ids=["not-ipynb", "corrupt-json", "json-not-notebook", "invalid-notebook", "unknown-chapter", "binary"])
def test_check_rejects_bad_input_clearly(tmp_path, name, content, phrase):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    assert_clean_failure(course_cli("check", str(path), cwd=tmp_path), 2, phrase)


def test_check_rejects_wrong_paths_and_chapters(tmp_path):
    assert_clean_failure(course_cli("check", str(tmp_path / "nope.ipynb"), cwd=tmp_path), 2, "找不到文件")
    assert_clean_failure(course_cli("check", str(tmp_path), cwd=tmp_path), 2, "是一个文件夹")
    path = tmp_path / "x.ipynb"
    nbformat.write(release_nb(), str(path))
    assert_clean_failure(course_cli("check", str(path), "--chapter", "ch77_nothing", cwd=tmp_path),
                         2, "没有叫", PILOT)


# ---------------------------------------------------------------- course grade

@pytest.mark.xdist_group("grading")  # 用评分槽的沙箱 uid：不能和 test_sandbox 的残留进程检查同时跑
def test_grade_grades_a_class_and_survives_broken_submissions(tmp_path):
    from test_sandbox import NEEDS_BWRAP

    course = copy_course(tmp_path / "course", [PILOT])
    ex = notebooks.exercises(source_nb())
    plant = {
        "alice": answered({e.id: reference(e) for e in ex}),
        "bob": answered({ex[0].id: reference(ex[0]), ex[1].id: first_mutant(ex[1])}),
    }
    for student, nb in plant.items():
        folder = course / "submitted" / student / PILOT
        folder.mkdir(parents=True)
        nbformat.write(nb, str(folder / f"{PILOT}.ipynb"))
    carol = course / "submitted" / "carol" / PILOT
    carol.mkdir(parents=True)
    (carol / f"{PILOT}.ipynb").write_text('{"cells": [', encoding="utf-8")
    dave = course / "submitted" / "dave" / PILOT
    dave.mkdir(parents=True)
    (dave / "homework.ipynb").write_text(nbformat.writes(release_nb()), encoding="utf-8")
    release_before = (course / "release" / PILOT / f"{PILOT}.ipynb").read_bytes()
    before = gradebook_state()

    # 真正的章节在沙箱里评分（CI 总有 bubblewrap）；学员机器上没有时退回 --no-sandbox
    proc = course_cli("grade", PILOT, "--jobs", "2", *(["--no-sandbox"] if NEEDS_BWRAP else []), cwd=course)

    out = proc.stdout
    assert proc.returncode == 0, out + proc.stderr
    assert "Traceback" not in out + proc.stderr
    total = sum(e.points for e in ex)
    assert re.search(rf"^alice\s+{total:g}/{total:g}\s", out, re.M), out
    assert re.search(rf"^bob\s+{ex[0].points:g}/{total:g}\s", out, re.M), out
    assert re.search(r"^carol\s+0\s+-\s+0 分：.*JSON 已损坏", out, re.M), out
    assert re.search(rf"^dave\s+0\s+-\s+0 分：缺少 {PILOT}\.ipynb.*homework\.ipynb", out, re.M), out
    for student in ("alice", "bob", "carol", "dave"):
        assert re.search(rf"^\[\d/4\] {student}：", out, re.M), out
    assert "评分完成 2 份" in out and "记 0 分 2 份" in out and "失败 0 份" in out
    assert "各练习通过率" in out

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        assert gb.find_submission(PILOT, "alice").score == total
        assert gb.find_submission(PILOT, "bob").score == ex[0].points
        assert gb.find_submission(PILOT, "carol").score == 0 and gb.find_submission(PILOT, "dave").score == 0
    rows = (course / "grades.csv").read_text("utf-8")
    assert all(name in rows for name in ("alice", "bob", "carol", "dave"))
    for student in ("alice", "bob", "carol", "dave"):
        assert (course / "feedback" / student / PILOT / f"{PILOT}.html").is_file()
    assert "JSON 已损坏" in (course / "feedback" / "carol" / PILOT / f"{PILOT}.html").read_text("utf-8")
    assert (course / "release" / PILOT / f"{PILOT}.ipynb").read_bytes() == release_before
    assert gradebook_state() == before


def test_grade_refuses_to_run_unsandboxed_unless_told(tmp_path):
    course = copy_course(tmp_path / "course", [PILOT])
    folder = course / "submitted" / "alice" / PILOT
    folder.mkdir(parents=True)
    nbformat.write(release_nb(), str(folder / f"{PILOT}.ipynb"))
    env = {**unactivated_env(), "COURSE_BWRAP": str(tmp_path / "no-bwrap-here")}
    proc = subprocess.run([sys.executable, "-m", "course.cli", "grade", PILOT], cwd=course, env=env,
                          capture_output=True, text=True, timeout=300)
    assert_clean_failure(proc, 2, "无法建立评分沙箱", "bubblewrap", "--no-sandbox")
    assert not (course / "gradebook.db").exists() and not (course / "autograded").exists()


def test_grade_reports_missing_assignment_and_submissions(tmp_path):
    course = copy_course(tmp_path / "course", [PILOT])
    assert_clean_failure(course_cli("grade", "ch77_nothing", cwd=course), 2, "没有叫", PILOT)
    assert_clean_failure(course_cli("grade", PILOT, cwd=course), 2, "没有找到", "submitted/")


# ---------------------------------------------------------------- course release

def test_release_regenerates_identically_and_protects_work(tmp_path):
    course = copy_course(tmp_path / "course", [PILOT])
    target = course / "release" / PILOT / f"{PILOT}.ipynb"
    committed = json.loads(target.read_text("utf-8"))
    target.unlink()
    proc = course_cli("release", PILOT, cwd=course)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert json.loads(target.read_text("utf-8")) == committed
    assert not (course / "gradebook.db").exists(), "release 不应写 gradebook"

    ex = notebooks.exercises(source_nb())
    nbformat.write(answered({ex[0].id: reference(ex[0])}), str(target))
    mine = target.read_bytes()
    assert_clean_failure(course_cli("release", PILOT, cwd=course), 2, "已经有作答内容", ex[0].id, "--force")
    assert target.read_bytes() == mine
    assert course_cli("release", PILOT, "--force", cwd=course).returncode == 0
    assert json.loads(target.read_text("utf-8")) == committed


def test_release_leaves_release_intact_when_source_is_broken(tmp_path):
    course = copy_course(tmp_path / "course", [PILOT])
    src = course / "source" / PILOT / f"{PILOT}.ipynb"
    nb = nbformat.read(str(src), as_version=4)
    for c in nb.cells:
        if notebooks.is_solution(c):
            c.source = c.source.replace("### END SOLUTION", "")
            break
    nbformat.write(nb, str(src))
    before = (course / "release" / PILOT / f"{PILOT}.ipynb").read_bytes()
    assert_clean_failure(course_cli("release", PILOT, cwd=course), 2, "生成", "失败")
    assert (course / "release" / PILOT / f"{PILOT}.ipynb").read_bytes() == before
    assert_clean_failure(course_cli("release", "ch77_nothing", cwd=course), 2, "没有叫")


# ---------------------------------------------------------------- course lab

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_lab_serves_the_release_folder(tmp_path):
    port, token = _free_port(), "course-test-token"
    env = unactivated_env()
    env["JUPYTER_RUNTIME_DIR"] = str(tmp_path / "runtime")
    env["JUPYTER_CONFIG_DIR"] = str(tmp_path / "config")
    proc = subprocess.Popen(
        [sys.executable, "-m", "course.cli", "lab", "--no-browser", f"--port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        listing, deadline = None, time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token={token}",
                                            timeout=5) as r:
                    listing = json.load(r)
                break
            except OSError:
                time.sleep(0.5)
        if listing is None:
            proc.kill()
            pytest.fail("JupyterLab 没有启动：\n" + proc.communicate()[0].decode(errors="replace")[-3000:])
        names = {item["name"] for item in listing["content"]}
        assert PILOT in names and "index.ipynb" in names, "JupyterLab 的根目录应是 release/（含课程首页）"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as r:
            assert r.status == 200
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=20)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue


def test_lab_command_opens_the_home_page_in_chinese_or_the_instructor_view(tmp_path):
    from course import cli, home

    learner = cli.lab_command(ROOT, extra=["--port=1"])
    assert f"--ServerApp.root_dir={ROOT / 'release'}" in learner
    assert f"--LabApp.default_url=/lab/tree/{home.HOME_NAME}" in learner
    settings = Path([a for a in learner if a.startswith("--LabApp.app_settings_dir=")][0].split("=", 1)[1])
    overrides = json.loads((settings / "overrides.json").read_text(encoding="utf-8"))
    assert overrides["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"
    assert "--port=1" in learner

    instructor = cli.lab_command(ROOT, instructor=True)
    assert f"--ServerApp.root_dir={ROOT}" in instructor
    assert not any(a.startswith("--LabApp.default_url") for a in instructor)

    course = copy_course(tmp_path / "c", [PILOT])  # 有 release/ 但没有首页
    with pytest.raises(CourseError) as err:
        cli.lab_command(course)
    assert "course release" in err.value.hint


def test_cli_without_command_prints_help():
    proc = course_cli(cwd=ROOT)
    assert proc.returncode == 2 and "course check" in proc.stdout


@pytest.mark.parametrize("args, phrase", [
    (["grade"], "缺少参数：章节"),
    (["frobnicate"], "没有这个命令"),
    (["check", "x.ipynb", "--timeout", "soon"], "需要整数"),
])
def test_usage_errors_are_explained_in_chinese(args, phrase):
    proc = course_cli(*args, cwd=ROOT)
    assert_clean_failure(proc, 2, phrase, "--help")


def test_check_refuses_a_notebook_stripped_of_all_tests(tmp_path):
    nb = answered({})
    nb.cells = [c for c in nb.cells if not notebooks.is_test(c)]
    path = tmp_path / "stripped.ipynb"
    nbformat.write(nb, str(path))
    assert_clean_failure(course_cli("check", str(path), cwd=tmp_path), 2, "所有测试单元格都不见了",
                         f"release/{PILOT}/{PILOT}.ipynb")
