"""测试 `course grade` 用的小课程：两章很小的作业，外加一组「不怀好意」的提交。

真正的章节每本要跑十几秒；沙箱、并行和中断的测试要评几十份提交，所以用这两章：
``ch98_sandbox``（三道练习 1 + 2 + 3 分，一道口述题）和 ``ch99_other``（交错章节用）。
笔记本在这里用 nbformat 生成（不放 .ipynb 文件，免得被 nbval 当成测试收集）。
``benchmarks/grading_speed.py`` 也用这里的恶意提交。
"""
from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = Path(__file__).resolve().parent.parent
CH = "ch98_sandbox"
OTHER = "ch99_other"
MAX_AUTO = 6.0


def _meta(grade_id, *, solution=False, grade=False, locked=False, points=0, task=False):
    m = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
         "task": task}
    if grade or task:
        m["points"] = points
    return {"nbgrader": m, "tags": ["raises-exception"] if (solution or grade) and not task else []}


def _solution(gid, src):
    return new_code_cell(src, metadata=_meta(gid, solution=True))


def _test(gid, src, points):
    return new_code_cell(src, metadata=_meta(gid, grade=True, locked=True, points=points))


REFERENCE = {
    "ch98_add": "def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION",
    "ch98_mul": "def mul(a, b):\n    ### BEGIN SOLUTION\n    return a * b\n    ### END SOLUTION",
    "ch98_join": "def join(words):\n    ### BEGIN SOLUTION\n    return '-'.join(words)\n    ### END SOLUTION",
}
SECRET_LINE = "assert add(10, 20) == 30, '隐藏测试：两个正数相加'"


def sandbox_notebook():
    cells = [
        new_markdown_cell("# 第 98 章 评分测试用的小章节\n\n## 学习目标\n\n- 只用于测试 `course grade`"),
        # 输出一律一次写完（print 分两次写：文字和换行；机器很忙时 ipykernel 的定时刷新可能正好落在
        # 中间，拆成两条输出）。和原版 nbgrader 逐字节比较评分副本的测试因此不受时机影响。
        new_code_cell("import os, sys\n_ = sys.stdout.write('准备好了\\n')"),
        new_markdown_cell("### 练习 1：加法（1 分）\n\n实现 `add(a, b)`。"),
        _solution("ch98_add", REFERENCE["ch98_add"]),
        _test("ch98_add_tests", "assert add(1, 2) == 3, '1 + 2 应该是 3'\n### BEGIN HIDDEN TESTS\n"
              "assert add(-5, 5) == 0, '隐藏测试：负数也要能加'\n" + SECRET_LINE + "\n### END HIDDEN TESTS", 1),
        new_markdown_cell("### 练习 2：乘法（2 分）\n\n实现 `mul(a, b)`。"),
        _solution("ch98_mul", REFERENCE["ch98_mul"]),
        _test("ch98_mul_tests", "assert mul(2, 3) == 6, '2 × 3 应该是 6'\n### BEGIN HIDDEN TESTS\n"
              "assert mul(-2, 4) == -8, '隐藏测试：负数乘法'\nassert mul(0, 99) == 0\n### END HIDDEN TESTS", 2),
        new_markdown_cell("### 练习 3：拼接（3 分）\n\n实现 `join(words)`：用 `-` 连接。"),
        _solution("ch98_join", REFERENCE["ch98_join"]),
        _test("ch98_join_tests", "assert join(['a', 'b']) == 'a-b', \"['a', 'b'] 应拼成 'a-b'\"\n"
              "### BEGIN HIDDEN TESTS\nassert join([]) == '', '隐藏测试：空列表'\n"
              "assert join(['x']) == 'x', '隐藏测试：一个词'\n### END HIDDEN TESTS", 3),
        new_markdown_cell("### 口述题（2 分）\n\n说说 `is` 和 `==` 的区别。\n\n"
                          "=== BEGIN MARK SCHEME ===\n评分要点：身份与相等（SECRET-RUBRIC）\n=== END MARK SCHEME ===",
                          metadata=_meta("ch98_written", task=True, locked=True, points=2)),
        new_code_cell("import sys\n_ = sys.stdout.write('全部运行完了\\n')"),
    ]
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def other_notebook():
    nb = new_notebook(cells=[
        new_markdown_cell("# 第 99 章 另一章"),
        _solution("ch99_neg", "def neg(x):\n    ### BEGIN SOLUTION\n    return -x\n    ### END SOLUTION"),
        _test("ch99_neg_tests", "assert neg(1) == -1, 'neg(1) 应该是 -1'\n### BEGIN HIDDEN TESTS\n"
              "assert neg(-2) == 2\n### END HIDDEN TESTS", 1),
    ])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _fixed_ids(nb):
    """固定的单元格 id：同一个小课程建两次，逐字节相同（对比原版 nbgrader 时要用）。"""
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{i}"
    return nb


def build_course(dest: Path) -> Path:
    """课程目录：真正的 nbgrader_config.py + 两章 source/ + 生成好的 release/。"""
    from course import release

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "nbgrader_config.py", dest / "nbgrader_config.py")
    for name, nb in ((CH, _fixed_ids(sandbox_notebook())), (OTHER, _fixed_ids(other_notebook()))):
        (dest / "source" / name).mkdir(parents=True)
        nbformat.write(nb, str(dest / "source" / name / f"{name}.ipynb"))
        release.release(dest, name)
    return dest


def release_nb(course: Path, chapter: str = CH):
    return nbformat.read(str(course / "release" / chapter / f"{chapter}.ipynb"), as_version=4)


def answered(course: Path, answers: dict[str, str], chapter: str = CH):
    nb = copy.deepcopy(release_nb(course, chapter))
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers and cell.metadata["nbgrader"].get("solution"):
            cell.source = answers[gid]
    return nb


def submit(course: Path, student: str, nb=None, *, text: str | None = None, name: str | None = None,
           chapter: str = CH) -> Path:
    folder = course / "submitted" / student / CH
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or f"{CH}.ipynb")
    if text is not None:
        path.write_text(text, encoding="utf-8")
    else:
        nbformat.write(nb, str(path))
    return path


# ---------------------------------------------------------------- 不怀好意的提交

@dataclass
class Hostile:
    """一份恶意提交：``answers`` 覆盖作答单元格；``score`` 是它应得的自动评分。"""
    name: str
    answers: dict[str, str]
    score: float
    output_has: list[str] = field(default_factory=list)     # 评过分的笔记本输出里必须出现
    output_lacks: list[str] = field(default_factory=list)   # 必须不出现
    reason: str = ""                                        # 记 0 分的原因里必须出现（结构坏掉的提交）
    text: str | None = None                                 # 直接写进文件的内容（坏 JSON）
    edit: str = ""                                          # 改测试单元格 / 删测试单元格 / 交错章节


def _with(exercise: str, prefix: str) -> dict[str, str]:
    """exercise 的作答前面先做坏事，后面仍然给出正确答案（检验坏事没造成别的影响）。"""
    return {**REFERENCE, exercise: prefix + "\n" + REFERENCE[exercise]}


def hostile_submissions(course: Path, canary_port: int, canary_file: Path) -> list[Hostile]:
    """每份提交在一道练习里做坏事，其余练习答对：应得的分数因此是确定的。

    ``canary_port``：测试在宿主机回环上开的 TCP 服务（不该有人连上）；
    ``canary_file``：教师家目录里的一个文件（不该被读到）。
    """
    root = str(course)
    secret_paths = [f"{root}/source/{CH}/{CH}.ipynb", f"{root}/gradebook.db",
                    f"{root}/submitted/alice/{CH}/{CH}.ipynb", str(canary_file), "/etc/shadow"]
    write_paths = [f"{root}/gradebook.db", f"{root}/submitted/alice/{CH}/{CH}.ipynb", f"{root}/planted.txt",
                   f"{canary_file.parent}/planted.txt", "/etc/planted"]
    return [
        Hostile("loop", {**REFERENCE, "ch98_mul": "while True:\n    pass"}, 4.0),
        Hostile("memory", {**REFERENCE, "ch98_mul": "def hog():\n    h = []\n    while True:\n"
                "        h.append(bytearray(64 * 2**20))\nhog()"}, 4.0, output_has=["MemoryError"]),
        Hostile("orphans", _with("ch98_add",
                "import subprocess, os\n"
                "subprocess.Popen(['sleep', '4242'], start_new_session=True)\n"
                "if os.fork() == 0:\n    os.setsid()\n    os.execvp('sleep', ['sleep', '4243'])"), MAX_AUTO),
        Hostile("exit", {**REFERENCE, "ch98_mul": "import os\nos._exit(0)"}, 1.0, output_has=["DeadKernelError"]),
        Hostile("kill_parent", {**REFERENCE, "ch98_join": "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n"
                "os.kill(-1, signal.SIGKILL)"}, 3.0),
        Hostile("read_outside", _with("ch98_add",
                f"found = []\nfor p in {secret_paths!r}:\n"
                "    try:\n        found.append(open(p, 'rb').read(16))\n    except OSError:\n        pass\n"
                "print('LEAKED' if found else 'nothing outside')"),
                MAX_AUTO, output_has=["nothing outside"], output_lacks=["LEAKED"]),
        Hostile("write_outside", _with("ch98_add",
                f"import os\nhits = 0\nfor p in {write_paths!r}:\n"
                "    try:\n        open(p, 'ab').write(b'junk')\n        hits += 1\n    except OSError:\n        pass\n"
                f"os.symlink({root + '/gradebook.db'!r}, 'evil-link')\n"
                "print('WROTE' if hits else 'no writes outside')"),
                MAX_AUTO, output_has=["no writes outside"], output_lacks=["WROTE"]),
        Hostile("network", _with("ch98_add",
                "import socket\ntry:\n"
                f"    socket.create_connection(('127.0.0.1', {canary_port}), timeout=2).sendall(b'LEAK')\n"
                "    print('CONNECTED')\nexcept OSError as exc:\n    print('no network:', type(exc).__name__)"),
                MAX_AUTO, output_has=["no network"], output_lacks=["CONNECTED"]),
        Hostile("flood", {**REFERENCE, "ch98_join": "import sys\nwhile True:\n    sys.stdout.write('x' * 2**20)"}, 3.0),
        Hostile("corrupt", {}, 0.0, reason="JSON 已损坏", text='{"cells": [ {"cell_type": '),
        Hostile("edited_tests", {**REFERENCE, "ch98_mul": "def mul(a, b):\n    return 0"}, 4.0, edit="edit"),
        Hostile("deleted_tests", {**REFERENCE, "ch98_mul": "def mul(a, b):\n    return a + b"}, 4.0, edit="delete"),
        Hostile("wrong_chapter", {}, 0.0, reason=OTHER, edit="other"),
    ]


def plant(course: Path, h: Hostile) -> None:
    if h.text is not None:
        submit(course, h.name, text=h.text)
        return
    if h.edit == "other":
        nb = answered(course, {"ch99_neg": "def neg(x):\n    return -x"}, OTHER)
    else:
        nb = answered(course, h.answers)
    if h.edit == "edit":
        for cell in nb.cells:
            if cell.metadata.get("nbgrader", {}).get("grade_id") == "ch98_mul_tests":
                cell.source = "assert True  # 测试被改成永远通过"
    if h.edit == "delete":
        nb.cells = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") != "ch98_mul_tests"]
    submit(course, h.name, nb)
