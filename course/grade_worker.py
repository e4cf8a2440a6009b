"""`course grade` 的评分进程：一个进程依次评多个学生，省掉每次启动 Python、import nbgrader 的时间。

主进程（:mod:`course.grade_class`）开 N 个这样的进程。协议：stdin 每行一个 JSON 任务，
stdout 每行一个以 ``@@COURSE-JOB@@`` 开头的 JSON 结果（nbgrader 的日志可能混进 stdout，用前缀区分）。

每个任务在自己的临时课程目录里用**原版 nbgrader** 评一个学生：

    <work>/course/nbgrader_config.py      课程配置（同一份）
    <work>/course/source/<章>/             源笔记本（隐藏测试在这里，沙箱看不到）
    <work>/course/submitted/<学生>/<章>/    这个学生的提交
    <work>/course/gradebook.db            开始时真实 gradebook 的快照的拷贝

autograde 的 Execute 换成 :class:`course.sandbox.SandboxedExecute`（内核在沙箱里），
然后 generate_feedback。主进程再把分数并入真正的 gradebook、把文件搬过去。
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import traceback
from pathlib import Path

MARKER = "@@COURSE-JOB@@"


def _die_with_parent() -> None:
    """Linux：主进程死了（哪怕是 kill -9）就收到 SIGTERM，不会变成孤儿继续评分。"""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)
    except Exception:
        pass


def sandbox_overrides(job: dict, course: Path) -> dict:
    from nbconvert.preprocessors import ClearMetadataPreprocessor
    from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput,
                                        SaveAutoGrades)

    from .sandbox import UID_BASE, SandboxedExecute

    sb = job["sandbox"]
    return {
        # 与 nbgrader 的 Autograde.autograde_preprocessors 默认值相同，只把 Execute 换成沙箱版
        "Autograde.autograde_preprocessors": [SandboxedExecute, IgnorePattern, ClearMetadataPreprocessor,
                                              LimitOutput, SaveAutoGrades, AssignLatePenalties,
                                              CheckCellMetadata],
        "SandboxedExecute.run_dir": str(Path(job["work"]) / "run"),
        "SandboxedExecute.sandbox_uid": UID_BASE + int(job["slot"]),
        "SandboxedExecute.use_bwrap": bool(sb["bwrap"]),
        "SandboxedExecute.limits": sb["limits"],
        "SandboxedExecute.protect": [job["root"], str(course)],
        "SandboxedExecute.workdir_as": str(Path(job["root"]) / "autograded" / job["student"] / job["assignment"]),
        "Execute.timeout": int(job["cell_timeout"]),
    }


def grade_one(job: dict) -> dict:
    from . import grading, layout
    from .sandbox import sanitize_tree

    root, assignment, student = Path(job["root"]), job["assignment"], job["student"]
    work = Path(job["work"])
    course = work / "course"
    (course / "source").mkdir(parents=True, exist_ok=True)
    shutil.copy2(root / layout.CONFIG_NAME, course / layout.CONFIG_NAME)
    shutil.copytree(root / "source" / assignment, course / "source" / assignment,
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
    submitted = course / "submitted" / student / assignment
    shutil.copytree(root / "submitted" / student / assignment, submitted, symlinks=True)
    dropped = sanitize_tree(submitted)  # 提交里的符号链接、fifo 等不带进评分
    shutil.copy2(job["template_db"], course / "gradebook.db")

    api = grading.make_api(course, sandbox_overrides(job, course))
    steps = []
    for name, call in (("autograde", lambda: api.autograde(assignment, student, force=True, create=True)),
                       ("feedback", lambda: api.generate_feedback(assignment, student, force=True))):
        r = call()
        steps.append({"step": name, "success": bool(r.get("success")),
                      "error": r.get("error", "") or "", "log": r.get("log", "") or ""})
        if not r.get("success"):
            break
    return {"student": student, "course": str(course), "steps": steps, "dropped": dropped}


def main() -> int:
    _die_with_parent()
    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        try:
            result = grade_one(job)
        except Exception:
            result = {"student": job.get("student"), "steps": [], "crash": traceback.format_exc()[-3000:]}
        sys.stdout.write(MARKER + json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
