"""第 2 章（函数、闭包与装饰器）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch02_pipe': {
        'right_to_left': """\
# 错误：写成了数学上的复合 compose，从右到左执行
def pipe(*funcs):
    for f in funcs:
        if not callable(f):
            raise TypeError("not callable")
    if not funcs:
        return lambda x: x
    last, rest = funcs[-1], funcs[:-1]

    def run(*args, **kwargs):
        value = last(*args, **kwargs)
        for f in reversed(rest):
            value = f(value)
        return value
    return run
""",
        'nested_reduce': """\
# 错误：用 reduce 一层套一层地组合闭包，长管道调用时超过递归深度
from functools import reduce


def pipe(*funcs):
    for f in funcs:
        if not callable(f):
            raise TypeError("not callable")
    if not funcs:
        return lambda x: x
    return reduce(lambda f, g: lambda *a, **k: g(f(*a, **k)), funcs)
""",
        'lazy_type_check': """\
# 错误：等到调用管道时才发现参数不可调用
def pipe(*funcs):
    def run(*args, **kwargs):
        if not funcs:
            return args[0]
        value = funcs[0](*args, **kwargs)
        for f in funcs[1:]:
            value = f(value)
        return value
    return run
""",
        'hardcoded_examples': """\
# 错误：只对看得到的例子凑出答案
def pipe(*funcs):
    if not funcs:
        return lambda x: x
    def run(x):
        if len(funcs) == 2 and funcs[0] is sum:
            return str(sum(x))
        return funcs[-1](funcs[0](x))
    return run
""",
    },
    'ch02_timed': {
        'no_wraps': """\
# 错误：没用 functools.wraps，只手工复制了名字和文档
import time


def timed(func=None, *, clock=time.perf_counter):
    if not callable(clock):
        raise TypeError("clock")
    if func is not None and not callable(func):
        raise TypeError("func")

    def decorate(f):
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return f(*args, **kwargs)
            finally:
                wrapper.timings.append(clock() - start)
        wrapper.__name__ = f.__name__
        wrapper.__doc__ = f.__doc__
        wrapper.timings = []
        return wrapper

    return decorate if func is None else decorate(func)
""",
        'no_finally': """\
# 错误：没用 try/finally，原函数抛异常时这次耗时没有记录
import functools
import time


def timed(func=None, *, clock=time.perf_counter):
    if not callable(clock):
        raise TypeError("clock")
    if func is not None and not callable(func):
        raise TypeError("func")

    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            start = clock()
            result = f(*args, **kwargs)
            wrapper.timings.append(clock() - start)
            return result
        wrapper.timings = []
        return wrapper

    return decorate if func is None else decorate(func)
""",
        'shared_timings': """\
# 错误：timings 放在模块级，所有被装饰的函数共用一个列表
import functools
import time

_ALL_TIMINGS = []


def timed(func=None, *, clock=time.perf_counter):
    if not callable(clock):
        raise TypeError("clock")
    if func is not None and not callable(func):
        raise TypeError("func")

    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            start = clock()
            try:
                return f(*args, **kwargs)
            finally:
                wrapper.timings.append(clock() - start)
        wrapper.timings = _ALL_TIMINGS
        return wrapper

    return decorate if func is None else decorate(func)
""",
        'class_without_get': """\
# 错误：用类写装饰器但没有 __get__，装饰方法时 self 传不进去
import functools
import time


class timed:
    def __init__(self, func=None, *, clock=time.perf_counter):
        if not callable(clock):
            raise TypeError("clock")
        if func is not None and not callable(func):
            raise TypeError("func")
        self.clock = clock
        self.func = func
        self.timings = []
        if func is not None:
            functools.update_wrapper(self, func)

    def __call__(self, *args, **kwargs):
        if self.func is None:
            return type(self)(args[0], clock=self.clock)
        start = self.clock()
        try:
            return self.func(*args, **kwargs)
        finally:
            self.timings.append(self.clock() - start)
""",
    },
    'ch02_retry': {
        'off_by_one': """\
# 错误：把 times 当成「重试次数」，一共尝试了 times + 1 次
import functools


def retry(times, exceptions=Exception):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times")
    if times < 1:
        raise ValueError("times")
    classes = exceptions if isinstance(exceptions, tuple) else (exceptions,)
    if not classes:
        raise ValueError("empty")
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise TypeError("exceptions")

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(times + 1):
                try:
                    return func(*args, **kwargs)
                except classes:
                    if attempt == times:
                        raise
        return wrapper
    return decorate
""",
        'catch_everything': """\
# 错误：忽略 exceptions 参数，遇到任何异常都重试
import functools


def retry(times, exceptions=Exception):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times")
    if times < 1:
        raise ValueError("times")

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except BaseException:
                    if attempt == times:
                        raise
        return wrapper
    return decorate
""",
        'counter_not_reset': """\
# 错误：尝试次数放在闭包里，每次调用 wrapper 不重新计数
import functools


def retry(times, exceptions=Exception):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times")
    if times < 1:
        raise ValueError("times")
    classes = exceptions if isinstance(exceptions, tuple) else (exceptions,)
    if not classes:
        raise ValueError("empty")
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise TypeError("exceptions")

    def decorate(func):
        attempts = 0

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            nonlocal attempts
            while True:
                attempts += 1
                try:
                    return func(*args, **kwargs)
                except classes:
                    if attempts >= times:
                        raise
        return wrapper
    return decorate
""",
        'wraps_in_new_error': """\
# 错误：次数用完后抛一个新的 RuntimeError，而不是原来的异常
import functools


def retry(times, exceptions=Exception):
    if not isinstance(times, int) or isinstance(times, bool):
        raise TypeError("times")
    if times < 1:
        raise ValueError("times")
    classes = exceptions if isinstance(exceptions, tuple) else (exceptions,)
    if not classes:
        raise ValueError("empty")
    for cls in classes:
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            raise TypeError("exceptions")

    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(times):
                try:
                    return func(*args, **kwargs)
                except classes as exc:
                    last = exc
            raise RuntimeError(f"failed after {times} attempts") from last
        return wrapper
    return decorate
""",
        'no_validation': """\
# 错误：不检查参数，retry(0) 之类的错误要到调用时才暴露（或根本不暴露）
import functools


def retry(times, exceptions=Exception):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions:
                    if attempt == times:
                        raise
        return wrapper
    return decorate
""",
    },
    'ch02_partial': {
        'ignores_placeholders': """\
# 错误：不处理占位符，PH 被原样传给了 func
class _PlaceholderType:
    def __repr__(self):
        return "PH"


PH = _PlaceholderType()


class Partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("func")
        if args and args[-1] is PH:
            raise TypeError("trailing")
        if any(v is PH for v in keywords.values()):
            raise TypeError("kw")
        self.func, self.args, self.keywords = func, args, dict(keywords)

    def __call__(self, *args, **kwargs):
        return self.func(*self.args, *args, **{**self.keywords, **kwargs})
""",
        'mutates_keywords': """\
# 错误：调用时用 update 合并关键字参数，把 p.keywords 本身改掉了
class _PlaceholderType:
    def __repr__(self):
        return "PH"


PH = _PlaceholderType()


class Partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("func")
        if args and args[-1] is PH:
            raise TypeError("trailing")
        if any(v is PH for v in keywords.values()):
            raise TypeError("kw")
        if isinstance(func, Partial):
            it = iter(args)
            args = tuple(next(it, PH) if a is PH else a for a in func.args) + tuple(it)
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func, self.args, self.keywords = func, tuple(args), dict(keywords)

    def __call__(self, *args, **kwargs):
        holes = sum(1 for a in self.args if a is PH)
        if len(args) < holes:
            raise TypeError("missing")
        it = iter(args)
        full = tuple(next(it) if a is PH else a for a in self.args) + tuple(it)
        self.keywords.update(kwargs)
        return self.func(*full, **self.keywords)
""",
        'no_flatten': """\
# 错误：没有拍平，嵌套的 Partial 一层套一层（调用结果对，但 func/args 不对）
class _PlaceholderType:
    def __repr__(self):
        return "PH"


PH = _PlaceholderType()


class Partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("func")
        if args and args[-1] is PH:
            raise TypeError("trailing")
        if any(v is PH for v in keywords.values()):
            raise TypeError("kw")
        self.func, self.args, self.keywords = func, tuple(args), dict(keywords)

    def __call__(self, *args, **kwargs):
        holes = sum(1 for a in self.args if a is PH)
        if len(args) < holes:
            raise TypeError("missing")
        it = iter(args)
        full = tuple(next(it) if a is PH else a for a in self.args) + tuple(it)
        return self.func(*full, **{**self.keywords, **kwargs})
""",
        'missing_args_not_checked': """\
# 错误：位置参数不够填满占位符时不报错，剩下的 PH 被传给了 func
class _PlaceholderType:
    def __repr__(self):
        return "PH"


PH = _PlaceholderType()


class Partial:
    def __init__(self, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("func")
        if args and args[-1] is PH:
            raise TypeError("trailing")
        if any(v is PH for v in keywords.values()):
            raise TypeError("kw")
        if isinstance(func, Partial):
            it = iter(args)
            args = tuple(next(it, PH) if a is PH else a for a in func.args) + tuple(it)
            keywords = {**func.keywords, **keywords}
            func = func.func
        self.func, self.args, self.keywords = func, tuple(args), dict(keywords)

    def __call__(self, *args, **kwargs):
        it = iter(args)
        full = tuple(next(it, PH) if a is PH else a for a in self.args) + tuple(it)
        return self.func(*full, **{**self.keywords, **kwargs})
""",
    },
    'ch02_ttl_cache': {
        'never_expires': """\
# 错误：只做了 LRU，忘了检查过期时间
import functools
import time
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


def ttl_cache(maxsize=128, ttl=60.0, *, clock=time.monotonic):
    if maxsize is not None and (not isinstance(maxsize, int) or isinstance(maxsize, bool)):
        raise TypeError("maxsize")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize")
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool):
        raise TypeError("ttl")
    if ttl <= 0:
        raise ValueError("ttl")
    if not callable(clock):
        raise TypeError("clock")

    def decorate(func):
        entries = OrderedDict()
        stats = [0, 0]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)
            clock()
            if key in entries:
                stats[0] += 1
                entries.move_to_end(key)
                return entries[key]
            stats[1] += 1
            value = func(*args, **kwargs)
            entries[key] = value
            if maxsize is not None and len(entries) > maxsize:
                entries.popitem(last=False)
            return value

        wrapper.cache_info = lambda: CacheInfo(stats[0], stats[1], maxsize, len(entries))

        def cache_clear():
            entries.clear()
            stats[:] = [0, 0]
        wrapper.cache_clear = cache_clear
        return wrapper
    return decorate
""",
        'refresh_on_hit': """\
# 错误：命中时把写入时刻更新为现在，条目永远不会在被频繁访问时过期
import functools
import time
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


def ttl_cache(maxsize=128, ttl=60.0, *, clock=time.monotonic):
    if maxsize is not None and (not isinstance(maxsize, int) or isinstance(maxsize, bool)):
        raise TypeError("maxsize")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize")
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool):
        raise TypeError("ttl")
    if ttl <= 0:
        raise ValueError("ttl")
    if not callable(clock):
        raise TypeError("clock")

    def decorate(func):
        entries = OrderedDict()
        stats = [0, 0]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)
            now = clock()
            hit = entries.get(key)
            if hit is not None and now < hit[1] + ttl:
                stats[0] += 1
                entries[key] = (hit[0], now)
                entries.move_to_end(key)
                return hit[0]
            stats[1] += 1
            entries.pop(key, None)
            value = func(*args, **kwargs)
            entries[key] = (value, now)
            if maxsize is not None and len(entries) > maxsize:
                for k in [k for k, (_, t) in entries.items() if now >= t + ttl]:
                    del entries[k]
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return value

        def cache_info():
            now = clock()
            return CacheInfo(stats[0], stats[1], maxsize, sum(1 for _, t in entries.values() if now < t + ttl))

        def cache_clear():
            entries.clear()
            stats[:] = [0, 0]
        wrapper.cache_info, wrapper.cache_clear = cache_info, cache_clear
        return wrapper
    return decorate
""",
        'fifo_eviction': """\
# 错误：命中时没有把条目移到末尾，淘汰的是最早写入的（FIFO），不是最久未使用的（LRU）
import functools
import time
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


def ttl_cache(maxsize=128, ttl=60.0, *, clock=time.monotonic):
    if maxsize is not None and (not isinstance(maxsize, int) or isinstance(maxsize, bool)):
        raise TypeError("maxsize")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize")
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool):
        raise TypeError("ttl")
    if ttl <= 0:
        raise ValueError("ttl")
    if not callable(clock):
        raise TypeError("clock")

    def decorate(func):
        entries = OrderedDict()
        stats = [0, 0]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)
            now = clock()
            hit = entries.get(key)
            if hit is not None and now < hit[1] + ttl:
                stats[0] += 1
                return hit[0]
            stats[1] += 1
            entries.pop(key, None)
            value = func(*args, **kwargs)
            entries[key] = (value, now)
            if maxsize is not None and len(entries) > maxsize:
                for k in [k for k, (_, t) in entries.items() if now >= t + ttl]:
                    del entries[k]
                while len(entries) > maxsize:
                    entries.popitem(last=False)
            return value

        def cache_info():
            now = clock()
            return CacheInfo(stats[0], stats[1], maxsize, sum(1 for _, t in entries.values() if now < t + ttl))

        def cache_clear():
            entries.clear()
            stats[:] = [0, 0]
        wrapper.cache_info, wrapper.cache_clear = cache_info, cache_clear
        return wrapper
    return decorate
""",
        'expired_take_slots': """\
# 错误：满了就直接淘汰最久未使用的，没有先丢掉已过期的条目（过期条目占了名额）
import functools
import time
from collections import OrderedDict, namedtuple

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


def ttl_cache(maxsize=128, ttl=60.0, *, clock=time.monotonic):
    if maxsize is not None and (not isinstance(maxsize, int) or isinstance(maxsize, bool)):
        raise TypeError("maxsize")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize")
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool):
        raise TypeError("ttl")
    if ttl <= 0:
        raise ValueError("ttl")
    if not callable(clock):
        raise TypeError("clock")

    def decorate(func):
        entries = OrderedDict()
        stats = [0, 0]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)
            now = clock()
            hit = entries.get(key)
            if hit is not None and now < hit[1] + ttl:
                stats[0] += 1
                entries.move_to_end(key)
                return hit[0]
            stats[1] += 1
            entries.pop(key, None)
            value = func(*args, **kwargs)
            entries[key] = (value, now)
            while maxsize is not None and len(entries) > maxsize:
                entries.popitem(last=False)
            return value

        def cache_info():
            now = clock()
            return CacheInfo(stats[0], stats[1], maxsize, sum(1 for _, t in entries.values() if now < t + ttl))

        def cache_clear():
            entries.clear()
            stats[:] = [0, 0]
        wrapper.cache_info, wrapper.cache_clear = cache_info, cache_clear
        return wrapper
    return decorate
""",
        'list_lru': """\
# 错误：用 list 记录使用顺序，每次命中都 list.remove(key)，命中变成 O(n)
import functools
import time
from collections import namedtuple

CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])


def ttl_cache(maxsize=128, ttl=60.0, *, clock=time.monotonic):
    if maxsize is not None and (not isinstance(maxsize, int) or isinstance(maxsize, bool)):
        raise TypeError("maxsize")
    if maxsize is not None and maxsize < 1:
        raise ValueError("maxsize")
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool):
        raise TypeError("ttl")
    if ttl <= 0:
        raise ValueError("ttl")
    if not callable(clock):
        raise TypeError("clock")

    def decorate(func):
        values, order = {}, []
        stats = [0, 0]

        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            key = (args, frozenset(kwargs.items()))
            hash(key)
            now = clock()
            hit = values.get(key)
            if hit is not None and now < hit[1] + ttl:
                stats[0] += 1
                order.remove(key)
                order.append(key)
                return hit[0]
            stats[1] += 1
            if key in values:
                del values[key]
                order.remove(key)
            value = func(*args, **kwargs)
            values[key] = (value, now)
            order.append(key)
            if maxsize is not None and len(order) > maxsize:
                for k in [k for k in order if now >= values[k][1] + ttl]:
                    order.remove(k)
                    del values[k]
                while len(order) > maxsize:
                    del values[order.pop(0)]
            return value

        def cache_info():
            now = clock()
            return CacheInfo(stats[0], stats[1], maxsize, sum(1 for _, t in values.values() if now < t + ttl))

        def cache_clear():
            values.clear()
            order.clear()
            stats[:] = [0, 0]
        wrapper.cache_info, wrapper.cache_clear = cache_info, cache_clear
        return wrapper
    return decorate
""",
    },
}
