"""第 8 章（多进程）用的 worker 函数：放在可导入的模块里，三种启动方式下都能用。

为什么不能写在笔记本里：spawn 和 forkserver 启动的子进程是一个全新的解释器，
父进程只把「函数的模块名 + 名字」pickle 过去，子进程按这个名字重新 import。
笔记本里定义的函数属于 ``__main__``，而子进程的 ``__main__`` 不是这个笔记本，
于是找不到函数：任务失败，``Pool`` 甚至可能一直等下去。fork 会复制整个父进程，
所以只有 fork 下笔记本里的函数碰巧能用——而 3.14 起 Linux 的默认启动方式已经是
forkserver，macOS 和 Windows 早就是 spawn。

这里的函数只用标准库，没有副作用地被 import；每个都很短，方便在笔记本里 ``inspect``。
"""
from __future__ import annotations

import hashlib
import os
import time
from collections import Counter

__all__ = [
    "burn", "square", "tag", "late_zero", "map_chunk",
    "add_unlocked", "add_locked", "drain_queue", "pipe_sink", "queue_echo", "echo_server",
    "init_queue", "put_pid", "init_stopwords", "count_words", "loads_here",
    "fill_shared", "append_pid",
    "noop", "hash_blocks", "double_array", "hold_semaphore", "mark",
]


# ---- CPU 密集：基准测试和池的演示

def burn(n: int) -> int:
    """纯 Python 的 CPU 密集循环（持有 GIL），返回一个校验值。"""
    total = 0
    for i in range(n):
        total = (total + i * i) % 1_000_003
    return total


_BLOCK = b"\x5a" * (1 << 20)


def hash_blocks(n: int) -> str:
    """把 1 MiB 的数据做 ``n`` 次 SHA-256。hashlib 处理大于 2 KiB 的数据时会释放 GIL，
    所以这个 CPU 密集的函数在多个**线程**里也能并行——对照纯 Python 的 :func:`burn`。"""
    digest = b""
    for _ in range(n):
        h = hashlib.sha256(digest)          # 串起来：每一轮依赖上一轮的结果
        h.update(_BLOCK)                    # 大块数据：在 C 里计算，期间释放 GIL
        digest = h.digest()
    return digest.hex()


def noop() -> None:
    """什么也不做：测「启动 + 退出一个进程」本身的开销。"""


def square(x):
    return x * x


def tag(x):
    """返回 ``(x, 执行它的进程 pid)``：看任务在哪个进程里跑。"""
    return x, os.getpid()


def late_zero(x):
    """``x == 0`` 时先睡 0.3 秒：让含 0 的那一块最后完成，考验结果是否按输入顺序拼回。"""
    if x == 0:
        time.sleep(0.3)
    return x, os.getpid()


def map_chunk(func, start, chunk):
    """在子进程里把 ``func`` 作用到一块数据上，返回 ``(start, 结果列表)``。"""
    return start, [func(x) for x in chunk]


# ---- 共享的 Value：竞争与加锁

def add_unlocked(counter, times: int, go=None) -> None:
    """``counter.value += 1`` 不是原子的：读和写各自加锁，中间可能被别的进程插进来。

    ``go``：可选的 ``Event``，等它被 set 再开始——让几个进程真正同时加。"""
    if go is not None:
        go.wait(30)
    for _ in range(times):
        counter.value += 1


def add_locked(counter, times: int, go=None) -> None:
    """用 Value 自带的锁把「读-加-写」包成一个整体。"""
    if go is not None:
        go.wait(30)
    for _ in range(times):
        with counter.get_lock():
            counter.value += 1


def double_array(arr) -> None:
    """笔记 002 的 Array 示例：把共享数组的每个元素乘 2（只有一个写者，不需要锁）。"""
    for i in range(len(arr)):
        arr[i] = arr[i] * 2


def hold_semaphore(sem, active, peak, seconds: float) -> None:
    """拿到进程信号量后停留 ``seconds`` 秒；用共享的 ``active`` / ``peak`` 记下同时在里面的进程数。"""
    with sem:
        with active.get_lock():
            active.value += 1
            peak.value = max(peak.value, active.value)
        time.sleep(seconds)
        with active.get_lock():
            active.value -= 1


# ---- Queue / Pipe

def drain_queue(q, n: int, done, announce: bool = False) -> None:
    """从队列取 ``n`` 条消息，然后往 ``done`` 队列回一个条数。

    ``announce=True`` 时先往 ``done`` 放一个 ``"ready"``：基准测试等它到了再开始计时，
    不把子进程的启动时间算进去。"""
    if announce:
        done.put("ready")
    for _ in range(n):
        q.get()
    done.put(n)


def pipe_sink(conn, n: int) -> None:
    """先回一个 ``"ready"``，再从连接收 ``n`` 条消息，然后回一个条数。"""
    conn.send("ready")
    for _ in range(n):
        conn.recv()
    conn.send(n)
    conn.close()


def queue_echo(inbox, outbox) -> None:
    """Queue 版的请求/响应：从 ``inbox`` 取什么就往 ``outbox`` 放什么；取到 ``None`` 就退出。"""
    while True:
        msg = inbox.get()
        if msg is None:
            return
        outbox.put(msg)


def echo_server(conn) -> None:
    """请求/响应：收到什么就回 ``(pid, 收到的东西)``；收到 ``None`` 就退出。"""
    while True:
        msg = conn.recv()
        if msg is None:
            conn.close()
            return
        conn.send((os.getpid(), msg))


# ---- 池的 initializer：每个 worker 进程只执行一次

_QUEUE = None
_STOPWORDS: frozenset | None = None
_LOADS = 0


def init_queue(q) -> None:
    """initializer：把继承来的 Queue 存进子进程的全局变量。"""
    global _QUEUE
    _QUEUE = q


def put_pid(x):
    """往 initializer 存下的队列里放 ``(x, pid)``。"""
    _QUEUE.put((x, os.getpid()))
    return x


def init_stopwords(words) -> None:
    """initializer：每个 worker 进程加载一次停用词表，并记录加载次数。"""
    global _STOPWORDS, _LOADS
    _STOPWORDS = frozenset(words)
    _LOADS += 1


def count_words(text: str) -> dict:
    """统计一段文本里非停用词的词频（按空白切分、转小写）。必须先由 initializer 加载停用词。"""
    if _STOPWORDS is None:
        raise RuntimeError("停用词表还没加载：请用 initializer=init_stopwords 建池")
    return dict(Counter(w for w in text.lower().split() if w not in _STOPWORDS))


def loads_here(_=None):
    """返回 ``(pid, 本进程执行 init_stopwords 的次数)``。"""
    return os.getpid(), _LOADS


_MARK = None


def mark(_=None):
    """返回本进程里 ``course.workers._MARK`` 的值：fork 出来的子进程继承父进程改过的值，
    spawn / forkserver 的子进程重新 import 本模块，看到的是初始值 ``None``。"""
    return _MARK


# ---- shared_memory / Manager

def fill_shared(name: str, start: int, stop: int, value: int) -> None:
    """按名字连上一块 SharedMemory，把 ``[start, stop)`` 字节写成 ``value``。"""
    from multiprocessing import shared_memory

    shm = shared_memory.SharedMemory(name=name)
    try:
        shm.buf[start:stop] = bytes([value]) * (stop - start)
    finally:
        shm.close()


def append_pid(shared_list) -> None:
    """往 Manager 的 list 代理里追加本进程的 pid。"""
    shared_list.append(os.getpid())
