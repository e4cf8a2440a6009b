"""子进程的寿命：随父进程一起死，以及按环境变量找出并杀掉残留的进程。

两者互补。父进程死亡信号（``prctl(PR_SET_PDEATHSIG)``）在父进程被 kill -9 时也有效，
但有竞态：子进程刚 fork、还没设置好信号时父进程就死了，它就成了孤儿（bubblewrap 自己的
``--die-with-parent`` 也有同样的窗口）。所以评分进程还给它启动的一切带上一个环境变量，
收尾时按这个变量再扫一遍 ``/proc``，把漏网的杀掉，并等它们真的退出。
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time


def _load_prctl():
    """在父进程里事先取好 libc 的 prctl：子进程 fork 之后、exec 之前不再 dlopen 或 import。"""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except Exception:  # pragma: no cover - 没有 ctypes / libc
        return None


_PRCTL = _load_prctl()
_PR_SET_PDEATHSIG = 1
# 启动者给自己全部子孙进程打的标记（course grade：「运行/评分进程」），收尾时按它清扫
TAG_ENV = "COURSE_PROCESS_TAG"


def die_with_parent_hook(sig: int = signal.SIGKILL):
    """返回一个 preexec_fn 用的函数：父进程死了，内核给子进程发 ``sig``；不支持时返回 None。

    PDEATHSIG 跟的是「创建子进程的那个线程」：从别的线程启动时，那个线程一结束子进程就会被杀，
    所以只在主线程里启动时才设置（其余情况由调用方在收尾时关闭子进程）。
    """
    if _PRCTL is None or threading.current_thread() is not threading.main_thread():
        return None
    parent = os.getpid()

    def hook() -> None:  # pragma: no cover - 在子进程里运行
        _PRCTL(_PR_SET_PDEATHSIG, sig)
        if os.getppid() != parent:  # 父进程在 prctl 之前就已经死了
            os._exit(1)

    return hook


def _alive(pid: int) -> bool:
    """进程还在运行（僵尸进程不算：它什么也不能做了，只等父进程收尸）。"""
    try:
        with open(f"/proc/{pid}/stat", "rb") as f:
            return f.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return False


def kill_by_env(key: str, prefix: str, *, wait: float = 10.0) -> int:
    """杀掉环境变量 ``key`` 的值以 ``prefix`` 开头的全部进程，等它们退出；返回杀掉的个数。"""
    if not prefix or not os.path.isdir("/proc"):
        return 0
    needle = f"{key}={prefix}".encode()
    victims = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit() or int(entry) == os.getpid():
            continue
        try:
            with open(f"/proc/{entry}/environ", "rb") as f:
                if any(var.startswith(needle) for var in f.read().split(b"\0")):
                    os.kill(int(entry), signal.SIGKILL)
                    victims.append(int(entry))
        except (OSError, ValueError):
            continue
    deadline = time.monotonic() + wait
    while any(_alive(pid) for pid in victims) and time.monotonic() < deadline:
        time.sleep(0.05)
    return len(victims)
