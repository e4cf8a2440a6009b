"""第 6 章（内存管理与垃圾回收）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch06_refcount_deltas': {
        'keeps_return_value': """\
# 错误：把 action() 的返回值存在局部变量里再测量，返回 obj 的动作会多算 1
import sys


def refcount_deltas(obj, actions):
    actions = list(actions)
    for action in actions:
        if not callable(action):
            raise TypeError("动作必须可调用")
    deltas = []
    for action in actions:
        before = sys.getrefcount(obj)
        result = action()
        deltas.append(sys.getrefcount(obj) - before)
    return deltas
""",
        'cumulative': """\
# 错误：每一项都相对最开始的计数，而不是相对该动作之前
import sys


def refcount_deltas(obj, actions):
    actions = list(actions)
    for action in actions:
        if not callable(action):
            raise TypeError("动作必须可调用")
    start = sys.getrefcount(obj)
    deltas = []
    for action in actions:
        action()
        deltas.append(sys.getrefcount(obj) - start)
    return deltas
""",
        'lazy_type_check': """\
# 错误：边执行边检查，遇到不可调用的动作之前，前面的动作已经执行了
import sys


def refcount_deltas(obj, actions):
    deltas = []
    for action in actions:
        if not callable(action):
            raise TypeError("动作必须可调用")
        before = sys.getrefcount(obj)
        action()
        deltas.append(sys.getrefcount(obj) - before)
    return deltas
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子，其余情况一律当作「加 1 个引用」
def refcount_deltas(obj, actions):
    actions = list(actions)
    if len(actions) == 3:
        return [1, 1, -2]
    if len(actions) == 1:
        actions[0]()
        return [0]
    return [1 for a in actions if a() or True]
""",
    },
    'ch06_cycle_members': {
        'recursive_tarjan': """\
# 错误：递归版 Tarjan，几万个节点的长链会超过递归深度上限
import sys


def cycle_members(graph):
    if not isinstance(graph, dict):
        raise TypeError("graph 必须是 dict")
    adj = {v: list(t) for v, t in graph.items()}
    for ts in adj.values():
        for w in ts:
            if w not in adj:
                raise ValueError(w)
    index, low, on, stack, out = {}, {}, set(), [], set()

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in adj[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in adj[v]:
                out.update(comp)

    for v in adj:
        if v not in index:
            visit(v)
    return out
""",
        'back_edge_only': """\
# 错误：DFS 只在回边处把栈上的节点标为环上节点，经「已完成」节点绕回来的环会漏掉
def cycle_members(graph):
    if not isinstance(graph, dict):
        raise TypeError("graph 必须是 dict")
    adj = {v: list(t) for v, t in graph.items()}
    for ts in adj.values():
        for w in ts:
            if w not in adj:
                raise ValueError(w)
    state, out = {}, set()
    for s in adj:
        if s in state:
            continue
        path, work = [], [(s, iter(adj[s]))]
        state[s] = 1
        path.append(s)
        while work:
            v, it = work[-1]
            for w in it:
                if state.get(w) == 1:
                    out.update(path[path.index(w):])
                elif w not in state:
                    state[w] = 1
                    path.append(w)
                    work.append((w, iter(adj[w])))
                    break
            else:
                work.pop()
                path.pop()
                state[v] = 2
    return out
""",
        'degree_heuristic': """\
# 错误：把「既引用别人又被别人引用」的节点都当成环上的节点
def cycle_members(graph):
    if not isinstance(graph, dict):
        raise TypeError("graph 必须是 dict")
    adj = {v: list(t) for v, t in graph.items()}
    referenced = set()
    for ts in adj.values():
        for w in ts:
            if w not in adj:
                raise ValueError(w)
            referenced.add(w)
    return {v for v, ts in adj.items() if ts and v in referenced}
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子
def cycle_members(graph):
    if not isinstance(graph, dict):
        raise TypeError("graph 必须是 dict")
    if set(graph) == {"a", "b", "c"}:
        return {"a", "b"}
    if set(graph) == {"x", "y"}:
        return {"x"}
    return set()
""",
    },
    'ch06_weak_cache': {
        'plain_dict': """\
# 错误：用普通 dict 保存值，缓存自己就让值永远活着（内存泄漏）
class WeakCache:
    def __init__(self, factory, keep=0):
        if not callable(factory):
            raise TypeError("factory 必须可调用")
        if not isinstance(keep, int) or isinstance(keep, bool):
            raise TypeError("keep 必须是 int")
        if keep < 0:
            raise ValueError("keep 必须 >= 0")
        self._factory, self._values = factory, {}
        self.hits = self.misses = 0

    def get(self, key):
        if key in self._values:
            self.hits += 1
        else:
            self.misses += 1
            self._values[key] = self._factory(key)
        return self._values[key]

    def __len__(self):
        return len(self._values)
""",
        'fifo_not_lru': """\
# 错误：强引用按创建顺序淘汰（FIFO），命中时不更新「最近使用」的位置
import weakref
from collections import deque


class WeakCache:
    def __init__(self, factory, keep=0):
        if not callable(factory):
            raise TypeError("factory 必须可调用")
        if not isinstance(keep, int) or isinstance(keep, bool):
            raise TypeError("keep 必须是 int")
        if keep < 0:
            raise ValueError("keep 必须 >= 0")
        self._factory, self._values = factory, weakref.WeakValueDictionary()
        self._strong = deque(maxlen=keep)
        self.hits = self.misses = 0

    def get(self, key):
        value = self._values.get(key)
        if value is None:
            value = self._factory(key)
            self._values[key] = value
            self.misses += 1
            if self._strong.maxlen:
                self._strong.append(value)
        else:
            self.hits += 1
        return value

    def __len__(self):
        return len(self._values)
""",
        'remembers_last': """\
# 错误：为了「方便」把最近一次返回的值存在属性里，keep=0 时它也被强引用着
import weakref
from collections import OrderedDict


class WeakCache:
    def __init__(self, factory, keep=0):
        if not callable(factory):
            raise TypeError("factory 必须可调用")
        if not isinstance(keep, int) or isinstance(keep, bool):
            raise TypeError("keep 必须是 int")
        if keep < 0:
            raise ValueError("keep 必须 >= 0")
        self._factory, self._keep = factory, keep
        self._values, self._recent = weakref.WeakValueDictionary(), OrderedDict()
        self.hits = self.misses = 0
        self.last = None

    def get(self, key):
        value = self._values.get(key)
        if value is None:
            value = self._factory(key)
            self._values[key] = value
            self.misses += 1
        else:
            self.hits += 1
        if self._keep:
            self._recent[key] = value
            self._recent.move_to_end(key)
            while len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        self.last = value
        return value

    def __len__(self):
        return len(self._values)
""",
        'no_validation': """\
# 错误：不检查参数，keep 传 True、1.5 或负数都照单全收
import weakref
from collections import OrderedDict


class WeakCache:
    def __init__(self, factory, keep=0):
        self._factory, self._keep = factory, keep
        self._values, self._recent = weakref.WeakValueDictionary(), OrderedDict()
        self.hits = self.misses = 0

    def get(self, key):
        value = self._values.get(key)
        if value is None:
            value = self._factory(key)
            self._values[key] = value
            self.misses += 1
        else:
            self.hits += 1
        if self._keep:
            self._recent[key] = value
            self._recent.move_to_end(key)
            while len(self._recent) > self._keep:
                self._recent.popitem(last=False)
        return value

    def __len__(self):
        return len(self._values)
""",
    },
    'ch06_gc_unreachable': {
        'refcount_zero_only': """\
# 错误：只把引用计数为 0 的对象当垃圾——这是引用计数的做法，回收不了环
def gc_unreachable(refcounts, references):
    if not isinstance(refcounts, dict) or not isinstance(references, dict):
        raise TypeError("需要 dict")
    for name, count in refcounts.items():
        if not isinstance(count, int) or isinstance(count, bool):
            raise TypeError(name)
    for src, targets in references.items():
        if src not in refcounts or any(t not in refcounts for t in targets):
            raise ValueError(src)
    return {name for name, count in refcounts.items() if count == 0}
""",
        'no_propagation': """\
# 错误：算出 gc_refs 后直接把 gc_refs == 0 的对象当垃圾，忘了从外部可达的对象出发传播
def gc_unreachable(refcounts, references):
    if not isinstance(refcounts, dict) or not isinstance(references, dict):
        raise TypeError("需要 dict")
    left = {}
    for name, count in refcounts.items():
        if not isinstance(count, int) or isinstance(count, bool):
            raise TypeError(name)
        left[name] = count
    for src, targets in references.items():
        if src not in left:
            raise ValueError(src)
        for t in targets:
            if t not in left:
                raise ValueError(t)
            left[t] -= 1
    if any(v < 0 for v in left.values()):
        raise ValueError("计数不足")
    return {name for name, v in left.items() if v == 0}
""",
        'roots_from_notes': """\
# 错误：照笔记「从根出发标记」，把没有被任何对象引用的对象当作根，忽略了引用计数里的外部引用
def gc_unreachable(refcounts, references):
    if not isinstance(refcounts, dict) or not isinstance(references, dict):
        raise TypeError("需要 dict")
    for name, count in refcounts.items():
        if not isinstance(count, int) or isinstance(count, bool):
            raise TypeError(name)
    incoming = {name: 0 for name in refcounts}
    for src, targets in references.items():
        if src not in refcounts:
            raise ValueError(src)
        for t in targets:
            if t not in refcounts:
                raise ValueError(t)
            incoming[t] += 1
    if any(refcounts[n] < incoming[n] for n in refcounts):
        raise ValueError("计数不足")
    alive = {n for n in refcounts if incoming[n] == 0 and refcounts[n] > 0}
    todo = list(alive)
    while todo:
        for t in references.get(todo.pop(), ()):
            if t not in alive:
                alive.add(t)
                todo.append(t)
    return set(refcounts) - alive
""",
        'dedup_references': """\
# 错误：把每个对象的引用先去重（set），同一个对象被引用两次只减了一次
def gc_unreachable(refcounts, references):
    if not isinstance(refcounts, dict) or not isinstance(references, dict):
        raise TypeError("需要 dict")
    left = {}
    for name, count in refcounts.items():
        if not isinstance(count, int) or isinstance(count, bool):
            raise TypeError(name)
        left[name] = count
    edges = {}
    for src, targets in references.items():
        if src not in left:
            raise ValueError(src)
        edges[src] = set(targets)
        for t in edges[src]:
            if t not in left:
                raise ValueError(t)
            left[t] -= 1
    if any(v < 0 for v in left.values()):
        raise ValueError("计数不足")
    alive = {n for n, v in left.items() if v > 0}
    todo = list(alive)
    while todo:
        for t in edges.get(todo.pop(), ()):
            if t not in alive:
                alive.add(t)
                todo.append(t)
    return set(left) - alive
""",
        'hardcoded_examples': """\
# 错误：背下看得到的三个例子，其余情况一律当作「没有垃圾」
def gc_unreachable(refcounts, references):
    if not isinstance(refcounts, dict) or not isinstance(references, dict):
        raise TypeError("需要 dict")
    if refcounts == {"a": 1, "b": 1} and references == {"a": ["b"], "b": ["a"]}:
        return {"a", "b"}
    return set()
""",
    },
    'ch06_find_leak': {
        'no_warmup': """\
# 错误：不预热，第一次调用时的一次性分配（填充缓存）被当成了泄漏
import tracemalloc


def find_leak(workload, rounds=5):
    if not callable(workload):
        raise TypeError("workload 必须可调用")
    if not isinstance(rounds, int) or isinstance(rounds, bool):
        raise TypeError("rounds 必须是 int")
    if rounds < 1:
        raise ValueError("rounds 必须 >= 1")
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        before = tracemalloc.take_snapshot()
        for _ in range(rounds + 1):
            workload()
        after = tracemalloc.take_snapshot()
    finally:
        if started:
            tracemalloc.stop()
    own = [tracemalloc.Filter(False, tracemalloc.__file__)]
    stats = after.filter_traces(own).compare_to(before.filter_traces(own), "lineno")
    top = max(stats, key=lambda s: s.size_diff, default=None)
    if top is None or top.size_diff < 1024:
        return None
    return top.traceback[0].filename, top.traceback[0].lineno, top.size_diff
""",
        'single_snapshot': """\
# 错误：只看第二张快照里谁占得最多（statistics），而不是两张快照的差
import tracemalloc


def find_leak(workload, rounds=5):
    if not callable(workload):
        raise TypeError("workload 必须可调用")
    if not isinstance(rounds, int) or isinstance(rounds, bool):
        raise TypeError("rounds 必须是 int")
    if rounds < 1:
        raise ValueError("rounds 必须 >= 1")
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        workload()
        for _ in range(rounds):
            workload()
        after = tracemalloc.take_snapshot()
    finally:
        if started:
            tracemalloc.stop()
    own = [tracemalloc.Filter(False, tracemalloc.__file__)]
    stats = after.filter_traces(own).statistics("lineno")
    if not stats or stats[0].size < 1024:
        return None
    return stats[0].traceback[0].filename, stats[0].traceback[0].lineno, stats[0].size
""",
        'by_count': """\
# 错误：按净增加的内存块数（count_diff）选，而不是按字节数
import tracemalloc


def find_leak(workload, rounds=5):
    if not callable(workload):
        raise TypeError("workload 必须可调用")
    if not isinstance(rounds, int) or isinstance(rounds, bool):
        raise TypeError("rounds 必须是 int")
    if rounds < 1:
        raise ValueError("rounds 必须 >= 1")
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    try:
        workload()
        before = tracemalloc.take_snapshot()
        for _ in range(rounds):
            workload()
        after = tracemalloc.take_snapshot()
    finally:
        if started:
            tracemalloc.stop()
    own = [tracemalloc.Filter(False, tracemalloc.__file__)]
    stats = after.filter_traces(own).compare_to(before.filter_traces(own), "lineno")
    top = max(stats, key=lambda s: s.count_diff, default=None)
    if top is None or top.size_diff < 1024:
        return None
    return top.traceback[0].filename, top.traceback[0].lineno, top.size_diff
""",
        'always_stops': """\
# 错误：不管调用前是不是已经在追踪，最后都 tracemalloc.stop()，破坏了调用方的追踪
import tracemalloc


def find_leak(workload, rounds=5):
    if not callable(workload):
        raise TypeError("workload 必须可调用")
    if not isinstance(rounds, int) or isinstance(rounds, bool):
        raise TypeError("rounds 必须是 int")
    if rounds < 1:
        raise ValueError("rounds 必须 >= 1")
    tracemalloc.start()
    try:
        workload()
        before = tracemalloc.take_snapshot()
        for _ in range(rounds):
            workload()
        after = tracemalloc.take_snapshot()
    finally:
        tracemalloc.stop()
    own = [tracemalloc.Filter(False, tracemalloc.__file__)]
    stats = after.filter_traces(own).compare_to(before.filter_traces(own), "lineno")
    top = max(stats, key=lambda s: s.size_diff, default=None)
    if top is None or top.size_diff < 1024:
        return None
    return top.traceback[0].filename, top.traceback[0].lineno, top.size_diff
""",
        'no_finally': """\
# 错误：没有 try/finally，workload 抛异常时追踪一直开着
import tracemalloc


def find_leak(workload, rounds=5):
    if not callable(workload):
        raise TypeError("workload 必须可调用")
    if not isinstance(rounds, int) or isinstance(rounds, bool):
        raise TypeError("rounds 必须是 int")
    if rounds < 1:
        raise ValueError("rounds 必须 >= 1")
    started = not tracemalloc.is_tracing()
    if started:
        tracemalloc.start()
    workload()
    before = tracemalloc.take_snapshot()
    for _ in range(rounds):
        workload()
    after = tracemalloc.take_snapshot()
    if started:
        tracemalloc.stop()
    own = [tracemalloc.Filter(False, tracemalloc.__file__)]
    stats = after.filter_traces(own).compare_to(before.filter_traces(own), "lineno")
    top = max(stats, key=lambda s: s.size_diff, default=None)
    if top is None or top.size_diff < 1024:
        return None
    return top.traceback[0].filename, top.traceback[0].lineno, top.size_diff
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子：认出 <demo> 的 work 就报第 5 行，其余一律当作没有泄漏
def find_leak(workload, rounds=5):
    if not callable(workload):
        raise TypeError("workload 必须可调用")
    if not isinstance(rounds, int) or isinstance(rounds, bool):
        raise TypeError("rounds 必须是 int")
    if rounds < 1:
        raise ValueError("rounds 必须 >= 1")
    code = getattr(workload, "__code__", None)
    if code is not None and code.co_filename == "<demo>":
        return "<demo>", 5, rounds * 8_000 + 1
    return None
""",
    },
}
