"""给全班评分有多快：原版 nbgrader（一个一个评）对比 ``course grade --jobs N``，同一批提交、同一次运行。

    .venv/bin/python benchmarks/grading_speed.py                      # ch05，20 份提交，--jobs 2，3 轮
    .venv/bin/python benchmarks/grading_speed.py --chapter ch01_objects --submissions 24
    .venv/bin/python benchmarks/grading_speed.py --class-demo 30      # 30 个学生（含恶意提交），只跑 course grade

计时模式：在临时课程目录里放 N 份提交（参考答案、部分答对、空白轮流），先用原版命令行
``nbgrader autograde`` + ``nbgrader generate_feedback``，再清空结果用 ``course grade --jobs N``
（同样是 autograde + feedback，另外还有沙箱、导出成绩和班级报告），各自计时，打印两者的比值，
并核对两边每个学生的分数相同。重复 ``--repeats`` 轮（两边轮流先跑），报告中位数。
比值只在同一次运行里比较才有意义：机器忙的时候两者一起变慢。

演示模式（``--class-demo N``）：N 个学生，其中一批是恶意提交（死循环、耗尽内存、杀内核、
留后台进程、读写课程目录、联网、刷屏、坏 JSON、改测试、删测试、交错章节），无人值守地评完，
逐个核对分数是否等于预期，并打印班级报告。需要 bubblewrap。
"""
from __future__ import annotations

import argparse
import copy
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import nbformat  # noqa: E402

from course import layout, notebooks  # noqa: E402


def env() -> dict:
    e = dict(os.environ, COURSE_FAST="1")
    e["PATH"] = os.path.dirname(sys.executable) + os.pathsep + e.get("PATH", "")
    return e


def run(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} 失败：\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    return seconds


def make_course(dest: Path, chapter: str) -> Path:
    dest.mkdir(parents=True)
    shutil.copy2(ROOT / layout.CONFIG_NAME, dest / layout.CONFIG_NAME)
    for top in ("source", "release"):
        shutil.copytree(ROOT / top / chapter, dest / top / chapter)
    return dest


class Planter:
    """按章节的参考答案、变异体和发布版拼出学生的提交。"""

    def __init__(self, course: Path, chapter: str):
        from mutation import load_mutants

        self.course, self.chapter = course, chapter
        self.source = nbformat.read(str(course / "source" / chapter / f"{chapter}.ipynb"), as_version=4)
        self.release = nbformat.read(str(course / "release" / chapter / f"{chapter}.ipynb"), as_version=4)
        self.exercises = notebooks.exercises(self.source)
        self.reference = {e.id: self.source.cells[e.solution_index].source for e in self.exercises}
        self.mutants = load_mutants(chapter)
        self.total = sum(e.points for e in self.exercises)

    def notebook(self, answers: dict[str, str]):
        nb = copy.deepcopy(self.release)
        for cell in nb.cells:
            if notebooks.is_solution(cell) and notebooks.grade_id(cell) in answers:
                cell.source = answers[notebooks.grade_id(cell)]
        return nb

    def put(self, student: str, nb=None, *, text: str | None = None, name: str | None = None) -> None:
        folder = self.course / "submitted" / student / self.chapter
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (name or f"{self.chapter}.ipynb")
        path.write_text(text if text is not None else nbformat.writes(nb), encoding="utf-8")

    def honest(self, count: int) -> dict[str, float]:
        """参考答案、部分答对（偶数号练习 + 一个变异体）、空白，轮流。返回预期分数。"""
        expected = {}
        right = {e.id: self.reference[e.id] for i, e in enumerate(self.exercises) if i % 2 == 0}
        wrong = self.exercises[1]
        partial = {**right, wrong.id: next(iter(self.mutants[wrong.id].values()))}
        kinds = [("reference", self.reference, self.total),
                 ("partial", partial, sum(e.points for i, e in enumerate(self.exercises) if i % 2 == 0)),
                 ("blank", {}, 0.0)]
        for n in range(count):
            kind, answers, score = kinds[n % len(kinds)]
            student = f"s{n:03d}-{kind}"
            self.put(student, self.notebook(answers))
            expected[student] = score
        return expected

    def hostile(self, home_canary: Path) -> dict[str, float]:
        """每种恶意行为一份，做在第 k 道练习里，其余练习用参考答案。返回预期分数。"""
        ex, ref, total = self.exercises, self.reference, self.total
        k = 1
        before_k = sum(e.points for e in ex[:k])
        root = str(self.course)
        prefix = {
            "orphans": "import subprocess\nsubprocess.Popen(['sleep', '4242'], start_new_session=True)",
            "read_outside": (f"for _p in [{root + '/source'!r}, {root + '/gradebook.db'!r}, {str(home_canary)!r}]:\n"
                             "    try:\n        open(_p, 'rb').read()\n        print('LEAKED')\n"
                             "    except OSError:\n        pass"),
            "write_outside": (f"try:\n    open({root + '/gradebook.db'!r}, 'ab').write(b'junk')\n"
                              "except OSError:\n    pass"),
            "network": ("import socket\ntry:\n    socket.create_connection(('127.0.0.1', 22), timeout=1)\n"
                        "except OSError:\n    pass"),
        }
        replace = {
            "loop": ("while True:\n    pass", total - ex[k].points),
            "memory": ("def _hog():\n    h = []\n    while True:\n        h.append(bytearray(64 * 2**20))\n_hog()",
                       total - ex[k].points),
            "exit": ("import os\nos._exit(0)", before_k),
            # kill(-1) 发给「除自己和 1 号进程以外」有权限发信号的全部进程；沙箱的 PID 命名空间里
            # 只有 bwrap 的 init（root，发不了）：谁也杀不掉，内核活着，只丢这道题的分
            "kill_all": ("import os, signal\nos.kill(-1, signal.SIGKILL)", total - ex[k].points),
            "flood": ("import sys\nwhile True:\n    sys.stdout.write('x' * 2**20)", total - ex[k].points),
        }
        expected = {}
        for name, code in prefix.items():
            self.put(f"h-{name}", self.notebook({**ref, ex[0].id: code + "\n" + ref[ex[0].id]}))
            expected[f"h-{name}"] = total
        for name, (code, score) in replace.items():
            self.put(f"h-{name}", self.notebook({**ref, ex[k].id: code}))
            expected[f"h-{name}"] = score
        self.put("h-corrupt", text='{"cells": [')
        expected["h-corrupt"] = 0.0
        self.put("h-wrong-name", self.notebook(ref), name="homework.ipynb")
        expected["h-wrong-name"] = 0.0
        edited = self.notebook({**ref, ex[k].id: next(iter(self.mutants[ex[k].id].values()))})
        for cell in edited.cells:
            if notebooks.grade_id(cell) == f"{ex[k].id}{notebooks.TEST_SUFFIX}":
                cell.source = "assert True"
        self.put("h-edited-tests", edited)
        expected["h-edited-tests"] = total - ex[k].points
        deleted = self.notebook({**ref, ex[k].id: next(iter(self.mutants[ex[k].id].values()))})
        deleted.cells = [c for c in deleted.cells if notebooks.grade_id(c) != f"{ex[k].id}{notebooks.TEST_SUFFIX}"]
        self.put("h-deleted-tests", deleted)
        expected["h-deleted-tests"] = total - ex[k].points
        return expected


def scores(course: Path, chapter: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        return {s.student.id: sum(g.score or 0 for nb in s.notebooks for g in nb.grades if g.cell_type == "code")
                for s in gb.find_assignment(chapter).submissions}


def stock_round(course: Path, chapter: str) -> tuple[float, float]:
    nb = [sys.executable, "-m", "nbgrader"]
    return run(nb + ["autograde", chapter], course), run(nb + ["generate_feedback", chapter], course)


def ours_round(course: Path, chapter: str, jobs: int, no_sandbox: bool) -> float:
    grade = [sys.executable, "-m", "course.cli", "grade", chapter, "--jobs", str(jobs)]
    return run(grade + (["--no-sandbox"] if no_sandbox else []), course)


def reset(course: Path) -> None:
    """清掉评分结果，只留 source/、release/、submitted/：下一轮从头评。"""
    for leftover in ("gradebook.db", "autograded", "feedback", "grades.csv", "reports", ".grading"):
        path = course / leftover
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def timing(args) -> int:
    rows, same = [], True
    with tempfile.TemporaryDirectory(prefix="grading-speed-") as tmp:
        course = make_course(Path(tmp) / "course", args.chapter)
        expected = Planter(course, args.chapter).honest(args.submissions)
        for r in range(args.repeats):
            # 轮流先跑哪一边，机器负载的漂移不会总是偏向同一边
            order = ("stock", "ours") if r % 2 == 0 else ("ours", "stock")
            got, t = {}, {}
            for side in order:
                reset(course)
                run([sys.executable, "-m", "nbgrader", "generate_assignment", args.chapter, "--force"], course)
                if side == "stock":
                    t["auto"], t["feedback"] = stock_round(course, args.chapter)
                else:
                    t["ours"] = ours_round(course, args.chapter, args.jobs, args.no_sandbox)
                got[side] = scores(course, args.chapter)
            rows.append(t)
            ok = got["stock"] == got["ours"] == expected
            same = same and ok
            print(f"第 {r + 1} 轮：原版 autograde {t['auto']:.1f} 秒 + generate_feedback {t['feedback']:.1f} 秒，"
                  f"course grade --jobs {args.jobs} {t['ours']:.1f} 秒，"
                  f"比值 {(t['auto'] + t['feedback']) / t['ours']:.2f}×" + ("" if ok else "，分数不一致！"), flush=True)
            if not ok:
                print(f"原版 {got['stock']}\ncourse grade {got['ours']}\n预期 {expected}")
    med = {k: statistics.median(row[k] for row in rows) for k in rows[0]}
    stock_total = statistics.median(row["auto"] + row["feedback"] for row in rows)
    ratio = statistics.median((row["auto"] + row["feedback"]) / row["ours"] for row in rows)
    print(f"\n章节 {args.chapter}，{args.submissions} 份提交，{os.cpu_count()} 个 CPU 核，{args.repeats} 轮取中位数")
    print(f"原版 nbgrader autograde          {med['auto']:7.1f} 秒")
    print(f"原版 nbgrader generate_feedback  {med['feedback']:7.1f} 秒")
    print(f"原版合计                         {stock_total:7.1f} 秒")
    print(f"course grade --jobs {args.jobs}             {med['ours']:7.1f} 秒（含沙箱、导出成绩、班级报告）")
    print(f"加速比（原版合计 / course grade）{ratio:7.2f}×（每轮比值的中位数）")
    print(f"只看 autograde 的比值            {statistics.median(r['auto'] / r['ours'] for r in rows):7.2f}×")
    print("每一轮两边的分数" + ("都一致，且等于预期" if same else "有不一致的（见上）"))
    return 0 if same else 1


def class_demo(args) -> int:
    with tempfile.TemporaryDirectory(prefix="class-demo-") as tmp:
        course = make_course(Path(tmp) / "course", args.chapter)
        home = Path(tmp) / "home"
        home.mkdir()
        (home / "canary.txt").write_text("secret")
        planter = Planter(course, args.chapter)
        expected = planter.hostile(home / "canary.txt")
        expected.update(planter.honest(max(0, args.class_demo - len(expected))))
        proc = subprocess.run([sys.executable, "-m", "course.cli", "grade", args.chapter, "--jobs", str(args.jobs)],
                              cwd=course, env={**env(), "HOME": str(home)}, text=True, capture_output=True)
        print(proc.stdout)
        got = scores(course, args.chapter)
        bad = []
        for student, want in sorted(expected.items()):
            have = got.get(student)
            if have != want:
                bad.append(f"{student}: 得 {have}，预期 {want}")
        leaked = any("LEAKED" in json.dumps(cell.get("outputs", []))  # 只看输出：源码里本来就写着 'LEAKED'
                     for p in (course / "autograded").glob("*/*/*.ipynb")
                     for cell in nbformat.read(str(p), as_version=4).cells)
        intact = (home / "canary.txt").read_text() == "secret"
        print(f"{len(expected)} 个学生；分数与预期不符：{bad or '无'}；读到了课程目录外的文件：{leaked}；"
              f"教师家目录完好：{intact}")
        return 0 if not bad and not leaked and intact and proc.returncode == 0 else 1


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--chapter", default="ch05_data_structures")
    p.add_argument("--submissions", type=int, default=20)
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--repeats", type=int, default=3, help="计时轮数，报告中位数（默认 3）")
    p.add_argument("--no-sandbox", action="store_true", help="course grade 不用沙箱（没有 bubblewrap 时）")
    p.add_argument("--class-demo", type=int, metavar="N", help="N 个学生（含恶意提交）的无人值守评分演示")
    args = p.parse_args()
    return class_demo(args) if args.class_demo else timing(args)


if __name__ == "__main__":
    sys.exit(main())
