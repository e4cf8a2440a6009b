"""第 8 章（多进程与进程间通信）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch08_chunk_ranges': {
        'drops_tail': """\
# 错误：块数用 n // chunksize，最后一块不满时被丢掉
def chunk_ranges(n, chunksize):
    for value in (n, chunksize):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("n 和 chunksize 必须是 int")
    if n < 0 or chunksize < 1:
        raise ValueError("参数不合法")
    return [(i * chunksize, (i + 1) * chunksize) for i in range(n // chunksize)]
""",
        'overshoots_end': """\
# 错误：最后一块的 stop 没有截到 n，超出了范围
def chunk_ranges(n, chunksize):
    for value in (n, chunksize):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("n 和 chunksize 必须是 int")
    if n < 0 or chunksize < 1:
        raise ValueError("参数不合法")
    return [(start, start + chunksize) for start in range(0, n, chunksize)]
""",
        'accepts_bool': """\
# 错误：isinstance(True, int) 为真，bool 被当成 int 接受了
def chunk_ranges(n, chunksize):
    if not isinstance(n, int) or not isinstance(chunksize, int):
        raise TypeError("n 和 chunksize 必须是 int")
    if n < 0 or chunksize < 1:
        raise ValueError("参数不合法")
    return [(start, min(start + chunksize, n)) for start in range(0, n, chunksize)]
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子
def chunk_ranges(n, chunksize):
    known = {(10, 4): [(0, 4), (4, 8), (8, 10)], (8, 4): [(0, 4), (4, 8)], (0, 3): []}
    return known.get((n, chunksize), [(0, n)])
""",
    },
    'ch08_parallel_map': {
        'serial_in_parent': """\
# 错误：没有用进程池，直接在父进程里算（结果对，但没有并行）
def parallel_map(pool, func, items, chunksize):
    if not callable(func):
        raise TypeError("func 必须可调用")
    if not isinstance(chunksize, int) or isinstance(chunksize, bool):
        raise TypeError("chunksize 必须是 int")
    if chunksize < 1:
        raise ValueError("chunksize 必须 >= 1")
    return [func(x) for x in items]
""",
        'completion_order': """\
# 错误：在回调里按完成顺序拼接结果，第一块慢时顺序就乱了
from course import workers


def parallel_map(pool, func, items, chunksize):
    if not callable(func):
        raise TypeError("func 必须可调用")
    if not isinstance(chunksize, int) or isinstance(chunksize, bool):
        raise TypeError("chunksize 必须是 int")
    if chunksize < 1:
        raise ValueError("chunksize 必须 >= 1")
    items = list(items)
    out = []
    jobs = [pool.apply_async(workers.map_chunk, (func, s, items[s:s + chunksize]),
                             callback=lambda r: out.extend(r[1]))
            for s in range(0, len(items), chunksize)]
    for job in jobs:
        job.get(timeout=30)
    return out
""",
        'drops_last_chunk': """\
# 错误：用 len(items) // chunksize 算块数，最后一块不满时被丢掉
from course import workers


def parallel_map(pool, func, items, chunksize):
    if not callable(func):
        raise TypeError("func 必须可调用")
    if not isinstance(chunksize, int) or isinstance(chunksize, bool):
        raise TypeError("chunksize 必须是 int")
    if chunksize < 1:
        raise ValueError("chunksize 必须 >= 1")
    items = list(items)
    jobs = [pool.apply_async(workers.map_chunk, (func, i * chunksize, items[i * chunksize:(i + 1) * chunksize]))
            for i in range(len(items) // chunksize)]
    out = []
    for job in jobs:
        out.extend(job.get(timeout=30)[1])
    return out
""",
        'no_validation': """\
# 错误：不检查参数，直接交给 pool.map；chunksize=0、True、1.5 和不可调用的 func 都没有按规定报错
def parallel_map(pool, func, items, chunksize):
    return pool.map(func, list(items), chunksize=chunksize)
""",
        'callback_waits_forever': """\
# 错误（会卡住）：用 callback 收集各块的结果，再轮询「收齐了没有」，没有 error_callback 也没有超时——
# func 一抛异常，那一块的 callback 永远不会被调用，这个循环就永远转下去
import time

from course import workers


def parallel_map(pool, func, items, chunksize):
    if not callable(func):
        raise TypeError("func 必须可调用")
    if not isinstance(chunksize, int) or isinstance(chunksize, bool):
        raise TypeError("chunksize 必须是 int")
    if chunksize < 1:
        raise ValueError("chunksize 必须 >= 1")
    items = list(items)
    results = [None] * len(items)
    done = []

    def store(block):
        start, values = block
        results[start:start + len(values)] = values
        done.append(start)

    starts = range(0, len(items), chunksize)
    for start in starts:
        pool.apply_async(workers.map_chunk, (func, start, items[start:start + chunksize]), callback=store)
    while len(done) < len(starts):
        time.sleep(0.01)
    return results
""",
    },
    'ch08_add_many': {
        'plus_equals': """\
# 错误：照笔记写 counter.value += 1，读和写之间会被别的进程插入，更新丢失
def add_many(counter, times):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times 必须是 int")
    if times < 0:
        raise ValueError("times 不能为负")
    for _ in range(times):
        counter.value += 1
""",
        'own_lock': """\
# 错误：在函数里新建一把锁——每个进程各有一把，互相不排斥
import multiprocessing as mp


def add_many(counter, times):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times 必须是 int")
    if times < 0:
        raise ValueError("times 不能为负")
    lock = mp.Lock()
    for _ in range(times):
        with lock:
            counter.value += 1
""",
        'lock_only_read': """\
# 错误：只在锁里读，写回时已经出了锁
def add_many(counter, times):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times 必须是 int")
    if times < 0:
        raise ValueError("times 不能为负")
    for _ in range(times):
        with counter.get_lock():
            current = counter.value
        counter.value = current + 1
""",
        'forgets_release': """\
# 错误：acquire 以后忘了 release——同一进程里是递归锁还能继续，别的进程永远等下去（死锁）
def add_many(counter, times):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times 必须是 int")
    if times < 0:
        raise ValueError("times 不能为负")
    for _ in range(times):
        counter.get_lock().acquire()
        counter.value += 1
""",
    },
    'ch08_serve': {
        'keeps_running_after_bye': """\
# 错误（会卡住）：收到 None 回复了 bye，却 continue 继续等下一个请求——worker 进程永远不退出
def serve(conn):
    handlers = {"add": lambda a, b: a + b, "upper": lambda s: s.upper(), "len": len}
    answered = 0
    while True:
        try:
            request = conn.recv()
        except EOFError:
            continue
        if request is None:
            conn.send(("bye", answered))
            continue
        if not isinstance(request, tuple) or not request:
            reply = ("error", "TypeError")
        elif not isinstance(request[0], str) or request[0] not in handlers:
            reply = ("error", "ValueError")
        else:
            try:
                reply = ("ok", handlers[request[0]](*request[1:]))
            except Exception as exc:
                reply = ("error", type(exc).__name__)
        conn.send(reply)
        answered += 1
""",
        'crashes_on_error': """\
# 错误：没有捕获执行时的异常，第一个坏请求就让 worker 崩溃
def serve(conn):
    handlers = {"add": lambda a, b: a + b, "upper": lambda s: s.upper(), "len": len}
    answered = 0
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            conn.send(("bye", answered))
            conn.close()
            return
        if request[0] not in handlers:
            conn.send(("error", "ValueError"))
        else:
            conn.send(("ok", handlers[request[0]](*request[1:])))
        answered += 1
""",
        'ignores_eof': """\
# 错误：没有处理 EOFError，对端关闭时 worker 带着 traceback 退出
def serve(conn):
    handlers = {"add": lambda a, b: a + b, "upper": lambda s: s.upper(), "len": len}
    answered = 0
    while True:
        request = conn.recv()
        if request is None:
            conn.send(("bye", answered))
            conn.close()
            return
        if not isinstance(request, tuple) or not request:
            reply = ("error", "TypeError")
        elif not isinstance(request[0], str) or request[0] not in handlers:
            reply = ("error", "ValueError")
        else:
            try:
                reply = ("ok", handlers[request[0]](*request[1:]))
            except Exception as exc:
                reply = ("error", type(exc).__name__)
        conn.send(reply)
        answered += 1
""",
        'counts_only_ok': """\
# 错误：bye 里只数了成功的请求
def serve(conn):
    handlers = {"add": lambda a, b: a + b, "upper": lambda s: s.upper(), "len": len}
    ok = 0
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            conn.send(("bye", ok))
            conn.close()
            return
        if not isinstance(request, tuple) or not request:
            reply = ("error", "TypeError")
        elif not isinstance(request[0], str) or request[0] not in handlers:
            reply = ("error", "ValueError")
        else:
            try:
                reply = ("ok", handlers[request[0]](*request[1:]))
                ok += 1
            except Exception as exc:
                reply = ("error", type(exc).__name__)
        conn.send(reply)
""",
        'generic_error_name': """\
# 错误：所有错误都回复 "Exception"，调用方分不清是参数错还是 op 不存在
def serve(conn):
    handlers = {"add": lambda a, b: a + b, "upper": lambda s: s.upper(), "len": len}
    answered = 0
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            conn.send(("bye", answered))
            conn.close()
            return
        try:
            reply = ("ok", handlers[request[0]](*request[1:]))
        except Exception:
            reply = ("error", "Exception")
        conn.send(reply)
        answered += 1
""",
    },
    'ch08_word_pool': {
        'notebook_initializer': """\
# 错误（会卡住）：initializer 写成笔记本里定义的函数。spawn 出来的 worker 找不到它，启动即崩溃，
# 池不停地补新进程、又不停地崩溃，map 永远等不到结果
import multiprocessing as mp

from course import workers


def _load(words):
    workers.init_stopwords(words)


def make_word_pool(stopwords, processes=2):
    if not isinstance(stopwords, (set, frozenset, list, tuple)) or not all(isinstance(w, str) for w in stopwords):
        raise TypeError("stopwords 类型不对")
    if not isinstance(processes, int) or isinstance(processes, bool):
        raise TypeError("processes 必须是 int")
    if not 1 <= processes <= 4:
        raise ValueError("processes 必须在 1..4 之间")
    return mp.get_context("spawn").Pool(processes, initializer=_load, initargs=(frozenset(stopwords),))


def word_freq(pool, texts):
    if not isinstance(texts, (list, tuple)) or not all(isinstance(t, str) for t in texts):
        raise TypeError("texts 类型不对")
    total = {}
    for counts in pool.map(workers.count_words, texts):
        for word, n in counts.items():
            total[word] = total.get(word, 0) + n
    return total
""",
        'no_initializer': """\
# 错误：没有用 initializer，worker 里没有停用词表，count_words 抛 RuntimeError
import multiprocessing as mp

from course import workers


def make_word_pool(stopwords, processes=2):
    if not isinstance(stopwords, (set, frozenset, list, tuple)) or not all(isinstance(w, str) for w in stopwords):
        raise TypeError("stopwords 类型不对")
    if not isinstance(processes, int) or isinstance(processes, bool):
        raise TypeError("processes 必须是 int")
    if not 1 <= processes <= 4:
        raise ValueError("processes 必须在 1..4 之间")
    return mp.get_context("spawn").Pool(processes)


def word_freq(pool, texts):
    if not isinstance(texts, (list, tuple)) or not all(isinstance(t, str) for t in texts):
        raise TypeError("texts 类型不对")
    total = {}
    for counts in pool.map_async(workers.count_words, texts).get(timeout=30):
        for word, n in counts.items():
            total[word] = total.get(word, 0) + n
    return total
""",
        'update_instead_of_add': """\
# 错误：用 dict.update 合并，后面的计数覆盖了前面的，而不是相加
import multiprocessing as mp

from course import workers


def make_word_pool(stopwords, processes=2):
    if not isinstance(stopwords, (set, frozenset, list, tuple)) or not all(isinstance(w, str) for w in stopwords):
        raise TypeError("stopwords 类型不对")
    if not isinstance(processes, int) or isinstance(processes, bool):
        raise TypeError("processes 必须是 int")
    if not 1 <= processes <= 4:
        raise ValueError("processes 必须在 1..4 之间")
    return mp.get_context("spawn").Pool(processes, initializer=workers.init_stopwords, initargs=(stopwords,))


def word_freq(pool, texts):
    if not isinstance(texts, (list, tuple)) or not all(isinstance(t, str) for t in texts):
        raise TypeError("texts 类型不对")
    total = {}
    for counts in pool.map_async(workers.count_words, texts).get(timeout=30):
        total.update(counts)
    return total
""",
        'default_context': """\
# 错误：没有用 spawn 上下文（用了平台默认值，3.13 及以前的 Linux 上是 fork）
import multiprocessing as mp

from course import workers


def make_word_pool(stopwords, processes=2):
    if not isinstance(stopwords, (set, frozenset, list, tuple)) or not all(isinstance(w, str) for w in stopwords):
        raise TypeError("stopwords 类型不对")
    if not isinstance(processes, int) or isinstance(processes, bool):
        raise TypeError("processes 必须是 int")
    if not 1 <= processes <= 4:
        raise ValueError("processes 必须在 1..4 之间")
    return mp.get_context("fork").Pool(processes, initializer=workers.init_stopwords, initargs=(stopwords,))


def word_freq(pool, texts):
    if not isinstance(texts, (list, tuple)) or not all(isinstance(t, str) for t in texts):
        raise TypeError("texts 类型不对")
    total = {}
    for counts in pool.map_async(workers.count_words, texts).get(timeout=30):
        for word, n in counts.items():
            total[word] = total.get(word, 0) + n
    return total
""",
        'validates_after_pool': """\
# 错误：先建池再检查参数——参数错误时进程已经起来了，而且没人关掉
import multiprocessing as mp

from course import workers


def make_word_pool(stopwords, processes=2):
    pool = mp.get_context("spawn").Pool(max(1, min(int(processes), 4)), initializer=workers.init_stopwords,
                                        initargs=(stopwords,))
    if not isinstance(stopwords, (set, frozenset, list, tuple)) or not all(isinstance(w, str) for w in stopwords):
        raise TypeError("stopwords 类型不对")
    if not isinstance(processes, int) or isinstance(processes, bool):
        raise TypeError("processes 必须是 int")
    if not 1 <= processes <= 4:
        raise ValueError("processes 必须在 1..4 之间")
    return pool


def word_freq(pool, texts):
    if not isinstance(texts, (list, tuple)) or not all(isinstance(t, str) for t in texts):
        raise TypeError("texts 类型不对")
    total = {}
    for counts in pool.map_async(workers.count_words, texts).get(timeout=30):
        for word, n in counts.items():
            total[word] = total.get(word, 0) + n
    return total
""",
    },
}
