"""第 4 章（迭代器、生成器与上下文管理器）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch04_countdown': {
        'self_iterator': """\
# 错误：Countdown 自己当迭代器、状态存在对象身上——只能遍历一次，嵌套遍历互相干扰
class Countdown:
    def __init__(self, start):
        if isinstance(start, bool) or not isinstance(start, int):
            raise TypeError("start 必须是 int")
        if start < 0:
            raise ValueError("start 必须 >= 0")
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1


class CountdownIterator:
    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
""",
        'shared_iterator': """\
# 错误：在 __init__ 里建好一个迭代器，每次 __iter__ 都返回同一个——第二次遍历是空的
class Countdown:

    def __init__(self, start):
        if isinstance(start, bool) or not isinstance(start, int):
            raise TypeError(f"start 必须是 int，收到 {type(start).__name__}")
        if start < 0:
            raise ValueError(f"start 必须 >= 0，收到 {start}")
        self.start = start
        self._it = CountdownIterator(start)

    def __iter__(self):
        return self._it


class CountdownIterator:

    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self                               # iterators are iterable: return self, never reset

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        value = self.current
        self.current -= 1
        return value
""",
        'reset_on_iter': """\
# 错误：CountdownIterator.__iter__ 把位置重置回 start——耗尽的迭代器被 list() 之类再 iter() 一次就从头开始
class Countdown:

    def __init__(self, start):
        if isinstance(start, bool) or not isinstance(start, int):
            raise TypeError(f"start 必须是 int，收到 {type(start).__name__}")
        if start < 0:
            raise ValueError(f"start 必须 >= 0，收到 {start}")
        self.start = start

    def __iter__(self):
        return CountdownIterator(self.start)      # a fresh iterator every time: independent positions


class CountdownIterator:

    def __init__(self, start):
        self.start = self.current = start

    def __iter__(self):
        self.current = self.start
        return self

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        value = self.current
        self.current -= 1
        return value
""",
        'off_by_one': """\
# 错误：先减一再返回，产出 start-1 … 0
class Countdown:

    def __init__(self, start):
        if isinstance(start, bool) or not isinstance(start, int):
            raise TypeError(f"start 必须是 int，收到 {type(start).__name__}")
        if start < 0:
            raise ValueError(f"start 必须 >= 0，收到 {start}")
        self.start = start

    def __iter__(self):
        return CountdownIterator(self.start)      # a fresh iterator every time: independent positions


class CountdownIterator:

    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self                               # iterators are iterable: return self, never reset

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current
""",
        'bool_accepted': """\
# 错误：忘了 bool 是 int 的子类，Countdown(True) 被当成 Countdown(1)
class Countdown:

    def __init__(self, start):
        if not isinstance(start, int):
            raise TypeError(f"start 必须是 int，收到 {type(start).__name__}")
        if start < 0:
            raise ValueError(f"start 必须 >= 0，收到 {start}")
        self.start = start

    def __iter__(self):
        return CountdownIterator(self.start)      # a fresh iterator every time: independent positions


class CountdownIterator:

    def __init__(self, start):
        self.current = start

    def __iter__(self):
        return self                               # iterators are iterable: return self, never reset

    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        value = self.current
        self.current -= 1
        return value
""",
        'generator_iter': """\
# 错误：__iter__ 返回生成器，没有按题意返回 CountdownIterator，而且 CountdownIterator 不是迭代器
class Countdown:
    def __init__(self, start):
        if isinstance(start, bool) or not isinstance(start, int):
            raise TypeError("start 必须是 int")
        if start < 0:
            raise ValueError("start 必须 >= 0")
        self.start = start

    def __iter__(self):
        n = self.start
        while n > 0:
            yield n
            n -= 1


class CountdownIterator:
    def __init__(self, start):
        self.start = start

    def __iter__(self):
        return iter(range(self.start, 0, -1))
""",
        'hardcoded': """\
# 错误：照着可见的例子硬编码
class Countdown:
    def __init__(self, start):
        if not isinstance(start, int):
            raise TypeError("start 必须是 int")
        if start < 0:
            raise ValueError("start 必须 >= 0")
        self.start = start

    def __iter__(self):
        return CountdownIterator(self.start)


class CountdownIterator:
    def __init__(self, start):
        self.items = [3, 2, 1] if start == 3 else [2, 1]

    def __iter__(self):
        return self

    def __next__(self):
        if not self.items:
            raise StopIteration
        return self.items.pop(0)
""",
    },
    'ch04_sliding_window': {
        'eager_list': """\
# 错误：先 list(iterable) 再切片——不是惰性的，无限迭代器上卡死
def sliding_window(iterable, n):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    items = list(iterable)
    return iter([tuple(items[i:i + n]) for i in range(len(items) - n + 1)])
""",
        'lazy_validation': """\
# 错误：整个函数写成生成器，参数检查要等到第一次 next() 才执行
def sliding_window(iterable, n):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    window = deque(maxlen=n)
    for item in iterable:
        window.append(item)
        if len(window) == n:
            yield tuple(window)
""",
        'partial_windows': """\
# 错误：窗口还没填满就开始产出（开头产出了短窗口）
def sliding_window(iterable, n):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    it = iter(iterable)

    def windows():
        window = deque(maxlen=n)
        for item in it:
            window.append(item)
            yield tuple(window)

    return windows()
""",
        'yields_same_deque': """\
# 错误：直接 yield 同一个 deque 对象——下游拿到的所有窗口都是同一个、还会被后续修改
def sliding_window(iterable, n):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    it = iter(iterable)

    def windows():
        window = deque(maxlen=n)
        for item in it:
            window.append(item)
            if len(window) == n:
                yield window

    return windows()
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子
def sliding_window(iterable, n):
    if not isinstance(n, int):
        raise TypeError("n")
    if n < 1:
        raise ValueError("n")
    it = iter(iterable)
    known = {2: [(1, 2), (2, 3), (3, 4)], 3: [("a", "b", "c")]}
    data = [next(it) for _ in range(2)] if n == 3 else []
    if n == 3 and data == [0, 1]:
        return iter([(0, 1, 2), (1, 2, 3)])
    if n == 3 and data == [1, 2]:
        return iter([])
    return iter(known.get(n, []))
""",
    },
    'ch04_running_average': {
        'alternating_yield': """\
# 错误：把接收和产出拆成两个 yield（x = yield; ...; yield avg），send 的返回值交替出现 None
def running_average():
    total = 0
    count = 0
    average = None
    while True:
        value = yield
        if value is None:
            return count, average
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("只接受 int 或 float")
        total += value
        count += 1
        average = total / count
        yield average
""",
        'raise_stop_iteration': """\
# 错误：用 raise StopIteration(result) 结束——PEP 479 之后变成 RuntimeError
def running_average():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            raise StopIteration((count, average))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("只接受 int 或 float")
        total += value
        count += 1
        average = total / count
""",
        'floor_division': """\
# 错误：用 // 求平均，整数输入的平均值被截断
def running_average():
    total = 0
    count = 0
    average = None
    while True:
        value = yield average
        if value is None:
            return count, average
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("只接受 int 或 float")
        total += value
        count += 1
        average = float(total // count)
""",
        'stores_everything': """\
# 错误：把收到的每个数都存进列表再求平均——内存 O(n)
def running_average():
    values = []
    average = None
    while True:
        value = yield average
        if value is None:
            return len(values), average
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("只接受 int 或 float")
        values.append(value)
        average = sum(values) / len(values)
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子：第 1 次返回 10.0，第 2 次返回 15.0
def running_average():
    answers = iter([10.0, 15.0])
    count = 0
    value = yield None
    while value is not None:
        count += 1
        value = yield next(answers, 15.0)
    return count, 15.0
""",
    },
    'ch04_timed': {
        'suppress_all': """\
# 错误：__exit__ 有异常就返回 True——把所有异常都吞了
def timed(*suppress, clock=time.perf_counter):
    for kind in suppress:
        if not (isinstance(kind, type) and issubclass(kind, BaseException)):
            raise TypeError("suppress 里的每一项都必须是异常类")
    if not callable(clock):
        raise TypeError("clock 必须可调用")
    return _Timed(suppress, clock)


class _Timed:
    def __init__(self, suppress, clock):
        self._suppress, self._clock = suppress, clock
        self.elapsed = self.exception = None

    def __enter__(self):
        self._start = self._clock()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.elapsed = self._clock() - self._start
        if exc_type is not None:
            self.exception = exc
            return True
        return False
""",
        'exact_type_only': """\
# 错误：用 exc_type in suppress 判断——只匹配完全相同的类，子类漏掉了
def timed(*suppress, clock=time.perf_counter):
    for kind in suppress:
        if not (isinstance(kind, type) and issubclass(kind, BaseException)):
            raise TypeError("suppress 里的每一项都必须是异常类")
    if not callable(clock):
        raise TypeError("clock 必须可调用")
    return _Timed(suppress, clock)


class _Timed:
    def __init__(self, suppress, clock):
        self._suppress, self._clock = suppress, clock
        self.elapsed = self.exception = None

    def __enter__(self):
        self._start = self._clock()
        return self

    def __exit__(self, exc_type, exc, tb):
        self.elapsed = self._clock() - self._start
        if exc_type in self._suppress:
            self.exception = exc
            return True
        return False
""",
        'no_finally': """\
# 错误：@contextmanager 里 yield 没有包在 try/finally 里——异常传播出去时 elapsed 没记录
from types import SimpleNamespace


def timed(*suppress, clock=time.perf_counter):
    for kind in suppress:
        if not (isinstance(kind, type) and issubclass(kind, BaseException)):
            raise TypeError("suppress 里的每一项都必须是异常类")
    if not callable(clock):
        raise TypeError("clock 必须可调用")
    return _timed(suppress, clock)


@contextmanager
def _timed(suppress, clock):
    result = SimpleNamespace(elapsed=None, exception=None)
    start = clock()
    try:
        yield result
    except suppress as exc:
        result.exception = exc
    result.elapsed = clock() - start
""",
        'lazy_validation': """\
# 错误：直接用 @contextmanager 装饰 timed，参数检查要等到进入 with 时才执行
from types import SimpleNamespace


@contextmanager
def timed(*suppress, clock=time.perf_counter):
    for kind in suppress:
        if not (isinstance(kind, type) and issubclass(kind, BaseException)):
            raise TypeError("suppress 里的每一项都必须是异常类")
    if not callable(clock):
        raise TypeError("clock 必须可调用")
    result = SimpleNamespace(elapsed=None, exception=None)
    start = clock()
    try:
        yield result
    except suppress as exc:
        result.exception = exc
    finally:
        result.elapsed = clock() - start
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子：elapsed 要么 2.5 要么 1.0，只吞 KeyError
import time


class _T:
    def __init__(self, suppress):
        self.suppress = suppress
        self.elapsed = None
        self.exception = None

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is KeyError and KeyError in self.suppress:
            self.elapsed, self.exception = 1.0, exc
            return True
        self.elapsed = 2.5
        return False


def timed(*suppress, clock=time.perf_counter):
    return _T(suppress)
""",
    },
    'ch04_flatten': {
        'recursive_yield_from': """\
# 错误：递归的 yield from——嵌套太深时 RecursionError
def flatten(iterable, atomic=(str, bytes)):
    kinds = atomic if isinstance(atomic, tuple) else (atomic,)
    if not all(isinstance(kind, type) for kind in kinds):
        raise TypeError("atomic 必须是类型或由类型组成的 tuple")
    top = iter(iterable)

    def walk(it):
        for item in it:
            if isinstance(item, kinds):
                yield item
                continue
            try:
                child = iter(item)
            except TypeError:
                yield item
            else:
                yield from walk(child)

    return walk(top)
""",
        'abc_iterable_check': """\
# 错误：用 isinstance(x, Iterable) 判断能否展开——漏掉只有 __getitem__ 的对象
from collections.abc import Iterable as _Iterable


def flatten(iterable, atomic=(str, bytes)):
    kinds = atomic if isinstance(atomic, tuple) else (atomic,)
    if not all(isinstance(kind, type) for kind in kinds):
        raise TypeError("atomic 必须是类型或由类型组成的 tuple")
    top = iter(iterable)

    def walk():
        stack = [top]
        while stack:
            for item in stack[-1]:
                if isinstance(item, kinds) or not isinstance(item, _Iterable):
                    yield item
                    continue
                stack.append(iter(item))
                break
            else:
                stack.pop()

    return walk()
""",
        'eager_stack': """\
# 错误：非递归，但先把所有叶子收集进列表再返回——不是惰性的，无限生成器上卡死
def flatten(iterable, atomic=(str, bytes)):
    kinds = atomic if isinstance(atomic, tuple) else (atomic,)
    if not all(isinstance(kind, type) for kind in kinds):
        raise TypeError("atomic 必须是类型或由类型组成的 tuple")
    stack, out = [iter(iterable)], []
    while stack:
        for item in stack[-1]:
            if isinstance(item, kinds):
                out.append(item)
                continue
            try:
                child = iter(item)
            except TypeError:
                out.append(item)
                continue
            stack.append(child)
            break
        else:
            stack.pop()
    return iter(out)
""",
        'lazy_validation': """\
# 错误：整个函数就是生成器，参数检查要等到第一次 next() 才执行
def flatten(iterable, atomic=(str, bytes)):
    kinds = atomic if isinstance(atomic, tuple) else (atomic,)
    if not all(isinstance(kind, type) for kind in kinds):
        raise TypeError("atomic 必须是类型或由类型组成的 tuple")
    stack = [iter(iterable)]
    while stack:
        for item in stack[-1]:
            if isinstance(item, kinds):
                yield item
                continue
            try:
                child = iter(item)
            except TypeError:
                yield item
                continue
            stack.append(child)
            break
        else:
            stack.pop()
""",
        'strings_not_atomic': """\
# 错误：忽略 atomic，把 str 也当作可迭代对象展开——'a' 展开还是 'a'，永远展不完
def flatten(iterable, atomic=(str, bytes)):
    kinds = atomic if isinstance(atomic, tuple) else (atomic,)
    if not all(isinstance(kind, type) for kind in kinds):
        raise TypeError("atomic 必须是类型或由类型组成的 tuple")
    top = iter(iterable)

    def walk():
        stack = [top]
        while stack:
            for item in stack[-1]:
                try:
                    child = iter(item)
                except TypeError:
                    yield item
                    continue
                stack.append(child)
                break
            else:
                stack.pop()

    return walk()
""",
        'hardcoded_examples': """\
# 错误：背下看得到的三个例子，其余情况只展开一层
def flatten(iterable, atomic=(str, bytes)):
    data = list(iterable)
    if data == [1, [2, [3, [4]]], 5]:
        return iter([1, 2, 3, 4, 5])
    if data == ["ab", [b"cd", ("e",)], []]:
        return iter(["ab", b"cd", "e"])
    if data == [(1, 2), [3, (4,)]]:
        return iter([(1, 2), 3, (4,)])
    out = []
    for x in data:
        if isinstance(x, (list, tuple)) and not isinstance(x, atomic):
            out.extend(x)
        else:
            out.append(x)
    return iter(out)
""",
    },
}
