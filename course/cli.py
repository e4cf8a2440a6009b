"""`course` 命令：lab / check / release / grade / report / test。

所有失败都是一条中文说明加非零退出码，不打印 traceback（设 COURSE_DEBUG=1 可看）。
"""
from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import traceback
import unicodedata
from pathlib import Path

from . import home, layout
from .home import HOME_NAME as HOME
from .errors import CourseError

EPILOG = """常用：
  course lab                                   在 JupyterLab 里打开课程首页（release/）
  course lab --instructor                      教师视图：formgrader、create-assignment
  course check 路径/ch05_data_structures.ipynb  给自己的笔记本评分，生成反馈页面
  course release [章节]                         从 source/ 重新生成 release/（教师/维护者）
  course grade 章节 [--jobs N]                  给 submitted/ 里全班的提交评分（教师；并行、沙箱）
  course report 章节                            班级报告：分数分布、通过率、常见异常（教师）
  course test                                  运行全部测试（维护者）
"""


# ---------------------------------------------------------------- 输出

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def table(headers: list[str], rows: list[list[str]], right: set[int] = frozenset()) -> str:
    """对齐中英文混排的表格（中文字符按两列宽计）。"""
    cols = [headers, *rows]
    widths = [max(_width(str(r[i])) for r in cols) for i in range(len(headers))]

    def line(cells):
        out = []
        for i, cell in enumerate(cells):
            cell = str(cell)
            pad = " " * (widths[i] - _width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def _env_with_bin() -> dict:
    """子进程环境：把当前解释器所在的 bin/ 放到 PATH 最前面（不激活虚拟环境也能找到
    jupyter、nbgrader、alembic 和 course）。"""
    env = dict(os.environ)
    bindir = os.path.dirname(sys.executable)
    if bindir not in env.get("PATH", "").split(os.pathsep):
        env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    return env


# ---------------------------------------------------------------- 子命令

LAB_SETTINGS = Path(__file__).resolve().parent / "lab_settings"


def lab_command(root: Path, *, instructor: bool = False, extra: list[str] = ()) -> list[str]:
    """`course lab` 启动的 JupyterLab 命令行。

    - 学员（默认）：根目录是 release/，打开课程首页 release/index.ipynb；
    - 教师（--instructor）：根目录是课程仓库本身，formgrader 和 create-assignment 要求如此；
    - 界面默认中文：course/lab_settings/overrides.json 把语言设置的默认值改成 zh_CN，
      学员在「设置 → 语言」里的选择仍然优先。
    """
    if instructor:
        cmd = [f"--ServerApp.root_dir={root}"]
    else:
        release = root / "release"
        if not (release / HOME).is_file():
            raise CourseError(f"{release / HOME} 不存在。", "运行 course release 生成学员版笔记本和课程首页。")
        cmd = [f"--ServerApp.root_dir={release}", f"--LabApp.default_url=/lab/tree/{HOME}"]
    cmd = [sys.executable, "-m", "jupyterlab", *cmd, f"--LabApp.app_settings_dir={LAB_SETTINGS}", *extra]
    if hasattr(os, "geteuid") and os.geteuid() == 0 and "--allow-root" not in extra:
        cmd.append("--allow-root")  # 容器里常以 root 运行；不加的话 Jupyter 拒绝启动
    return cmd


def cmd_lab(args, extra: list[str]) -> int:
    root = layout.find_root()
    cmd = lab_command(root, instructor=args.instructor, extra=extra)
    where = root if args.instructor else root / "release" / HOME
    print(f"正在启动 JupyterLab（{'教师视图' if args.instructor else '课程首页'}：{where}）。"
          "按 Ctrl+C 两次退出。", flush=True)
    try:
        return subprocess.call(cmd, cwd=root, env=_env_with_bin())
    except KeyboardInterrupt:
        return 130


def cmd_check(args, extra: list[str]) -> int:
    from .check import check
    from .notebooks import exercise_of

    root = layout.find_root()
    path = Path(args.notebook)
    print(f"正在评分 {path} …（会完整运行一遍笔记本，通常需要十几秒到一分钟）", flush=True)
    report = check(path, root, chapter=args.chapter, cell_timeout=args.timeout,
                   feedback_to=Path(args.feedback) if args.feedback else None)
    s = report.scores
    print(f"\n章节：{report.chapter}\n")
    rows = []
    for c in s.auto:
        ex = exercise_of(c.grade_id)
        status = "✓ 通过" if c.score == c.max_score else (c.reason or "未通过")
        rows.append([report.titles.get(ex, ex), f"{c.score:g}", f"{c.max_score:g}", status])
    print(table(["练习", "得分", "满分", "说明"], rows, right={1, 2}))
    print(f"\n自动评分合计：{s.auto_score:g} / {s.auto_max:g} 分")
    for c in s.manual:
        print(f"口述题 {c.grade_id}：{c.max_score:g} 分，需要人工评分"
              f"（自学时可对照 source/{report.chapter}/ 教师版里的评分要点自评）")
    for w in report.warnings:
        print(f"注意：{w}")
    print(f"\n反馈页面：{report.feedback}\n          {report.feedback.as_uri()}")
    return 0


def cmd_release(args, extra: list[str]) -> int:
    from .release import release

    root = layout.find_root()
    targets = args.assignments or layout.assignments(root)
    if not targets:
        raise CourseError("source/ 里还没有章节。")
    for a in targets:
        layout.require_assignment(root, a)
    for a in targets:
        written = release(root, a, force=args.force)
        print(f"已生成 release/{a}/（{len(written)} 个文件）", flush=True)
    home.write(root)
    print(f"已更新课程首页 release/{home.HOME_NAME}", flush=True)
    return 0


def _say(message: str) -> None:
    """进度消息：有进度条时不打乱它。"""
    try:
        from tqdm import tqdm

        tqdm.write(message, file=sys.stdout)
    except ImportError:
        print(message)
    sys.stdout.flush()


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="份", desc="评分", file=sys.stderr, dynamic_ncols=True,
                bar_format="{desc} {bar} {n_fmt}/{total_fmt} [已用 {elapsed}，预计还要 {remaining}]")


def cmd_grade(args, extra: list[str]) -> int:
    from .grade_class import grade_class
    from .report import render
    from .sandbox import Limits

    root = layout.find_root()
    if hasattr(signal, "SIGTERM"):  # kill：和 Ctrl-C 一样收尾（杀掉评分进程，gradebook 保持一致）
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    summary = grade_class(root, args.assignment, jobs=args.jobs, cell_timeout=args.timeout, force=args.force,
                          sandbox=not args.no_sandbox, limits=Limits(memory_mb=args.memory),
                          say=_say, bar_factory=_progress_bar)
    rows = []
    for r in summary.results:
        if r.scores is not None:
            pending = sum(c.max_score for c in r.scores.manual if c.score is None)
            state = "完成" if r.status == "graded" else "未变化，沿用上次的分数"
            rows.append([r.student, f"{r.scores.auto_score:g}/{r.scores.auto_max:g}",
                         f"{pending:g}" if pending else "-", state + ("；" + "；".join(r.notes) if r.notes else "")])
        elif r.status == "zero":
            rows.append([r.student, "0", "-", f"0 分：{r.problem}"])
        else:
            rows.append([r.student, "-", "-", f"失败（未记分）：{r.problem}"])
    print()
    print(table(["学生", "自动评分", "待人工评分", "状态"], rows, right={1, 2}))
    print(f"\n{summary.assignment}：评分完成 {summary.count('graded')} 份，未变化跳过 {summary.count('skipped')} 份，"
          f"记 0 分 {summary.count('zero')} 份，失败 {len(summary.failed)} 份；用时 {summary.seconds:.0f} 秒。")
    if not summary.sandboxed:
        print("⚠️  这次评分没有沙箱（--no-sandbox）。")
    if summary.grades_csv:
        print(f"成绩表：{summary.grades_csv}")
    print(f"反馈页面：{root / 'feedback'}/<学生>/{summary.assignment}/")
    if summary.report is not None:
        print()
        print(render(summary.report))
    return 1 if summary.failed else 0


def cmd_report(args, extra: list[str]) -> int:
    from .report import render, write

    root = layout.find_root()
    print(render(write(root, layout.require_assignment(root, args.assignment))))
    return 0


def cmd_test(args, extra: list[str]) -> int:
    root = layout.find_root()
    env = _env_with_bin()
    env["COURSE_FAST"] = "1"
    cmd = [sys.executable, "-m", "pytest"]
    if not any(a == "-n" or a.startswith("-n") or a.startswith("--numprocesses") for a in extra):
        # 比 CPU 核数多一个 worker：很多测试有一段时间在等子进程（内核启动、单元格超时、评分进程），
        # 多出来的 worker 把这些空闲填上（2 核上实测整套测试快约 10%）
        cmd += ["-n", str((os.cpu_count() or 1) + 1)]
    try:
        return subprocess.call(cmd + extra, cwd=root, env=env)
    except KeyboardInterrupt:
        return 130


# ---------------------------------------------------------------- 入口

_ARGPARSE_ZH = [
    (r"the following arguments are required: (.*)", r"缺少参数：\1"),
    (r"unrecognized arguments: (.*)", r"不认识的参数：\1"),
    (r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)", r"没有这个命令：\2（可选：\3）"),
    (r"argument (\S+): invalid int value: (.*)", r"\1 需要整数，收到 \2"),
    (r"argument (\S+): expected one argument", r"\1 后面需要一个值"),
]


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """参数错误也用中文说明，退出码 2，不打印 traceback。"""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示帮助并退出")

    def error(self, message):
        import re

        for pattern, zh in _ARGPARSE_ZH:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, zh, message)
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"错误：{message}\n运行 {self.prog} --help 查看用法。\n")


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="course", description="Python 面试课程的命令行工具。", epilog=EPILOG)
    sub = p.add_subparsers(dest="command", metavar="命令", parser_class=_Parser, title="命令")

    s = sub.add_parser("lab", help="在 JupyterLab 里打开课程（其余参数原样传给 jupyter lab）")
    s.add_argument("--instructor", action="store_true",
                   help="教师视图：以课程仓库为根目录，可用 formgrader 和 create-assignment")
    s.set_defaults(func=cmd_lab, passthrough=True)

    s = sub.add_parser("check", help="给自己的笔记本评分")
    s.add_argument("notebook", help="要评分的 .ipynb 文件（可以在任何位置、可以改过名）")
    s.add_argument("--chapter", help="指定章节（默认按笔记本内容自动识别）")
    s.add_argument("--timeout", type=int, help="每个单元格的运行时限，秒（默认取 nbgrader_config.py）")
    s.add_argument("--feedback", help="反馈页面写到哪里（默认：笔记本旁边的 <名字>.feedback.html）")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("release", help="从 source/ 重新生成 release/")
    s.add_argument("assignments", nargs="*", metavar="章节", help="默认全部章节")
    s.add_argument("--force", action="store_true", help="即使 release 笔记本里已有作答也覆盖")
    s.set_defaults(func=cmd_release)

    s = sub.add_parser("grade", help="给 submitted/ 里全班的提交评分（并行、沙箱）、生成反馈、导出成绩和报告")
    s.add_argument("assignment", metavar="章节")
    s.add_argument("--jobs", "-j", type=int, help="并行评分的进程数（默认：CPU 核数）")
    s.add_argument("--timeout", type=int, help="每个单元格的运行时限，秒（默认取 nbgrader_config.py）")
    s.add_argument("--memory", type=int, default=2048, metavar="MB",
                   help="学生代码每个进程可用的内存上限，MB（默认 2048）")
    s.add_argument("--force", action="store_true", help="重评所有提交（默认跳过上次评过、没有变化的）")
    s.add_argument("--no-sandbox", action="store_true",
                   help="不用 bubblewrap 沙箱（学生代码以你的权限运行；只在信任所有提交时使用）")
    s.set_defaults(func=cmd_grade)

    s = sub.add_parser("report", help="班级报告：分数分布、各练习通过率、最常见的异常（CSV + PNG）")
    s.add_argument("assignment", metavar="章节")
    s.set_defaults(func=cmd_report)

    s = sub.add_parser("test", help="运行全部测试（其余参数原样传给 pytest）")
    s.set_defaults(func=cmd_test, passthrough=True)
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if argv and argv[0] == "lab":  # 认识的选项自己处理，其余原样交给 jupyter lab
        args, extra = parser.parse_known_args(argv)
    elif argv and argv[0] == "test":
        args, extra = parser.parse_args(argv[:1]), argv[1:]
    else:
        args, extra = parser.parse_args(argv), []
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args, extra)
    except CourseError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        if exc.hint:
            print(exc.hint, file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # 兜底：不给用户看 traceback
        if os.environ.get("COURSE_DEBUG"):
            traceback.print_exc()
        print(f"错误：意外的内部错误 {type(exc).__name__}: {exc}", file=sys.stderr)
        print("请设置环境变量 COURSE_DEBUG=1 重新运行以查看详细信息，并把它附在问题报告里。", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
