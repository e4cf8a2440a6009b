"""测试的公共设置（nbval 单元格的分组和 COURSE_FAST 在 tests/nbval_cells.py 插件里）。"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from course import layout  # noqa: E402

CHAPTERS = layout.assignments(ROOT)


def pytest_collection_modifyitems(config, items):
    # 先排耗时最长的（整组评分、浏览器、真实 nbgrader 流程），短的单元测试最后填空：
    # 两个 xdist worker 结束得差不多同时，而不是一个在跑最后一个大组、另一个闲着。
    items.sort(key=_heaviness)


_HEAVY = ("test_grade_class.py", "test_sandbox.py", "test_browser.py", "test_pipeline.py", "test_cli.py")


def _heaviness(item) -> int:
    name = Path(str(item.fspath)).name
    return _HEAVY.index(name) if name in _HEAVY else len(_HEAVY)



def artifacts_dir() -> Path:
    """测试产物（浏览器截图等）放在这里：COURSE_ARTIFACTS，默认仓库里的 test-artifacts/（不提交）。"""
    return Path(os.environ.get("COURSE_ARTIFACTS") or ROOT / "test-artifacts").resolve()


def pytest_terminal_summary(terminalreporter):
    shots = sorted((artifacts_dir() / "browser").glob("*.png"))
    if shots:
        terminalreporter.write_sep("-", "浏览器截图")
        for path in shots:
            terminalreporter.write_line(str(path))


def unactivated_env() -> dict:
    """子进程环境：PATH 里去掉当前环境的 bin/，模拟没有激活虚拟环境的用户。

    nbgrader 新建 gradebook 时要运行裸命令 ``alembic``；所有经它的测试因此也在检验
    nbgrader_config.py 里补 PATH 的做法。
    """
    env = dict(os.environ)
    bindir = os.path.dirname(sys.executable)
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and os.path.realpath(p) != os.path.realpath(bindir))
    env["COURSE_FAST"] = "1"
    return env


def nbgrader(*args: str, cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    """运行原版 nbgrader 命令行（python -m nbgrader），就像教师在课程目录里做的那样。"""
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args], cwd=cwd, env=unactivated_env(),
                          capture_output=True, text=True, timeout=900)
    if check and proc.returncode != 0:
        raise AssertionError(f"nbgrader {' '.join(args)} 失败（{proc.returncode}）：\n"
                             f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


# 原版 nbgrader 命令行完整地走一遍试点章节；其余章节在测试进程里直接调 nbgrader 的 API
# （同一套转换器和预处理器，只是省掉每条命令启动 Python、import nbgrader 的三四秒）。
PILOT = "ch05_data_structures" if "ch05_data_structures" in CHAPTERS else CHAPTERS[0]


def nbgrader_step(step: str, assignment: str, cwd: Path, *, student: str | None = None,
                  no_db: bool = False) -> None:
    """在测试进程里运行一步 nbgrader（NbGraderAPI），读课程目录里的 nbgrader_config.py。"""
    from course.grading import export_csv, make_api

    # 与命令行的 --no-db 相同（nbgrader/apps/generateassignmentapp.py）
    overrides = {"GenerateAssignment.no_database": True, "SaveCells.enabled": False} if no_db else {}
    api = make_api(cwd.resolve(), overrides)
    if step == "generate_assignment":
        result = api.generate_assignment(assignment, force=True, create=True)
    elif step == "autograde":
        result = api.autograde(assignment, student or "*", force=True, create=True)
    elif step == "generate_feedback":
        result = api.generate_feedback(assignment, student, force=True)
    elif step == "export":
        export_csv(cwd.resolve(), cwd / "grades.csv")
        return
    else:
        raise ValueError(step)
    if not result.get("success"):
        raise AssertionError(f"nbgrader {step} {assignment} {student or ''} 失败：\n"
                             f"{(result.get('log') or '')[-3000:]}\n{result.get('error') or ''}")


def course_cli(*args: str, cwd: Path, timeout: float = 900) -> subprocess.CompletedProcess:
    """运行 `course` 命令（经 python -m course.cli，与安装的 console script 同一个入口）。"""
    return subprocess.run([sys.executable, "-m", "course.cli", *args], cwd=cwd, env=unactivated_env(),
                          capture_output=True, text=True, timeout=timeout)


def copy_course(dest: Path, chapters: list[str] | None = None, release: bool = True) -> Path:
    """在 dest 里做一份课程目录的副本：配置 + 指定章节的 source/（以及 release/）。"""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / layout.CONFIG_NAME, dest / layout.CONFIG_NAME)
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.feedback.html")
    for ch in chapters if chapters is not None else CHAPTERS:
        shutil.copytree(ROOT / "source" / ch, dest / "source" / ch, ignore=ignore)
        if release and (ROOT / "release" / ch).is_dir():
            shutil.copytree(ROOT / "release" / ch, dest / "release" / ch, ignore=ignore)
    return dest

