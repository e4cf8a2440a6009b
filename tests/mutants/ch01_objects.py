"""第 1 章（对象、名字与作用域）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch01_scope_puzzles': {
        'reads_global': """\
# 错误：以为函数里 x += 1 会读全局的 x；以为 lambda 捕获的是当时的 i
def scope_answers():
    return {
        "p1": 2,
        "p2": (2, 2),
        "p3": [0, 1, 2],
        "p4": 2,
        "p5": "NameError",
        "p6": [0, 2],
        "p7": "NameError",
        "p8": "enclosing",
        "p9": (1, 2),
        "p10": ([1, 2],),
    }
""",
        'class_scope_is_enclosing': """\
# 错误：以为类体是 enclosing 作用域、推导式能看到 y；以为 except 之后 e 还在
def scope_answers():
    return {
        "p1": "UnboundLocalError",
        "p2": (2, 2),
        "p3": [2, 2, 2],
        "p4": 2,
        "p5": [0, 5, 10],
        "p6": [0, 2],
        "p7": "before",
        "p8": "enclosing",
        "p9": (1, 2),
        "p10": ([1, 2],),
    }
""",
        'early_binding_and_parent_class': """\
# 错误：以为闭包在定义时就取值（得到全局的 x）；异常写成了父类 NameError
def scope_answers():
    return {
        "p1": "NameError",
        "p2": (2, 2),
        "p3": [2, 2, 2],
        "p4": 2,
        "p5": "NameError",
        "p6": [0, 2],
        "p7": "NameError",
        "p8": "global",
        "p9": (1, 2),
        "p10": ([1, 2],),
    }
""",
        'list_instead_of_tuple': """\
# 错误：结果类型写错——p2 的结果是元组，不是列表
def scope_answers():
    return {
        "p1": "UnboundLocalError",
        "p2": [2, 2],
        "p3": [2, 2, 2],
        "p4": 2,
        "p5": "NameError",
        "p6": [0, 2],
        "p7": "NameError",
        "p8": "enclosing",
        "p9": (1, 2),
        "p10": ([1, 2],),
    }
""",
        'global_means_enclosing': """\
# 错误：以为内层函数的 global x 改的是外层函数的 x
def scope_answers():
    return {
        "p1": "UnboundLocalError",
        "p2": (2, 2),
        "p3": [2, 2, 2],
        "p4": 2,
        "p5": "NameError",
        "p6": [0, 2],
        "p7": "NameError",
        "p8": "enclosing",
        "p9": (2, 0),
        "p10": ([1, 2],),
    }
""",
        'exception_means_unchanged': """\
# 错误：以为 t[0] += [2] 抛了 TypeError，元组里的 list 就没被改
def scope_answers():
    return {
        "p1": "UnboundLocalError",
        "p2": (2, 2),
        "p3": [2, 2, 2],
        "p4": 2,
        "p5": "NameError",
        "p6": [0, 2],
        "p7": "NameError",
        "p8": "enclosing",
        "p9": (1, 2),
        "p10": ([1],),
    }
""",
        'missing_new_keys': """\
# 错误：只答了 p1–p8，漏了后面的题
def scope_answers():
    return {
        "p1": "UnboundLocalError",
        "p2": (2, 2),
        "p3": [2, 2, 2],
        "p4": 2,
        "p5": "NameError",
        "p6": [0, 2],
        "p7": "NameError",
        "p8": "enclosing",
    }
""",
    },
    'ch01_utf8_size': {
        'counts_code_points': """\
# 错误：把码位个数当成字节数（len(s)）
def utf8_size(s):
    if not isinstance(s, str):
        raise TypeError("需要 str")
    return len(s)
""",
        'no_four_byte_range': """\
# 错误：以为 UTF-8 最多 3 字节，emoji 也算 3 个
def utf8_size(s):
    if not isinstance(s, str):
        raise TypeError("需要 str")
    total = 0
    for ch in s:
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            raise ValueError("代理项")
        total += 1 if cp < 0x80 else 2 if cp < 0x800 else 3
    return total
""",
        'off_by_one_boundaries': """\
# 错误：边界写成 <=，U+0080 和 U+0800 这些边界上的码位算少了一个字节
def utf8_size(s):
    if not isinstance(s, str):
        raise TypeError("需要 str")
    total = 0
    for ch in s:
        cp = ord(ch)
        if 0xD800 <= cp <= 0xDFFF:
            raise ValueError("代理项")
        if cp <= 0x80:
            total += 1
        elif cp <= 0x800:
            total += 2
        elif cp <= 0x10000:
            total += 3
        else:
            total += 4
    return total
""",
        'surrogatepass': """\
# 错误：为了「不报错」用 surrogatepass 编码，代理项被算成 3 字节而不是抛 ValueError
def utf8_size(s):
    if not isinstance(s, str):
        raise TypeError("需要 str")
    return len(s.encode("utf-8", errors="surrogatepass"))
""",
        'no_type_check': """\
# 错误：不检查类型，bytes 直接按字节数返回，数字则抛出 TypeError 以外的异常
def utf8_size(s):
    if isinstance(s, (bytes, bytearray)):
        return len(s)
    return sum(len(ch.encode("utf-8")) for ch in s)
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子，其余情况用 len(s)
def utf8_size(s):
    if not isinstance(s, str):
        raise TypeError("需要 str")
    known = {"abc": 3, "世界": 6, "😀": 4, "": 0}
    return known.get(s, len(s))
""",
    },
    'ch01_make_grid': {
        'multiplied_rows': """\
# 错误：[[fill] * cols] * rows，所有行是同一个 list
def make_grid(rows, cols, fill=None):
    for value in (rows, cols):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("必须是 int")
        if value < 0:
            raise ValueError("不能为负")
    return [[fill] * cols] * rows
""",
        'shared_fill': """\
# 错误：行是新的，但每格放的是同一个 fill 对象（[fill] * cols）
def make_grid(rows, cols, fill=None):
    for value in (rows, cols):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("必须是 int")
        if value < 0:
            raise ValueError("不能为负")
    return [[fill] * cols for _ in range(rows)]
""",
        'shallow_copy_fill': """\
# 错误：每格用 copy.copy(fill)，外层独立了，嵌套的可变对象仍然共享
import copy


def make_grid(rows, cols, fill=None):
    for value in (rows, cols):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("必须是 int")
        if value < 0:
            raise ValueError("不能为负")
    return [[copy.copy(fill) for _ in range(cols)] for _ in range(rows)]
""",
        'bool_accepted': """\
# 错误：isinstance(True, int) 为真，忘了单独拒绝 bool
import copy


def make_grid(rows, cols, fill=None):
    for value in (rows, cols):
        if not isinstance(value, int):
            raise TypeError("必须是 int")
        if value < 0:
            raise ValueError("不能为负")
    return [[copy.deepcopy(fill) for _ in range(cols)] for _ in range(rows)]
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子
def make_grid(rows, cols, fill=None):
    if fill == []:
        return [[[], []], [[], []]]
    return [[fill] * cols] * rows
""",
    },
    'ch01_closure_vars': {
        'inspect_getclosurevars': """\
# 错误：直接用 inspect.getclosurevars，碰到空 cell 会抛 ValueError
import inspect


def closure_vars(func):
    return dict(inspect.getclosurevars(func).nonlocals)
""",
        'returns_cells': """\
# 错误：把 cell 对象本身当成值返回
import types


def closure_vars(func):
    if not isinstance(func, types.FunctionType):
        raise TypeError("需要 Python 函数")
    return dict(zip(func.__code__.co_freevars, func.__closure__ or ()))
""",
        'cellvars_instead_of_freevars': """\
# 错误：把 co_cellvars（本函数提供给内层的变量）当成自由变量
import types


def closure_vars(func):
    if not isinstance(func, types.FunctionType):
        raise TypeError("需要 Python 函数")
    names = func.__code__.co_cellvars
    return {n: c.cell_contents for n, c in zip(names, func.__closure__ or ())}
""",
        'no_type_check_no_empty_cells': """\
# 错误：不检查类型（len 会抛 AttributeError），也不处理空 cell
def closure_vars(func):
    names = func.__code__.co_freevars
    return {n: c.cell_contents for n, c in zip(names, func.__closure__ or ())}
""",
        'callable_check': """\
# 错误：用 callable() 判断类型，partial、方法、类都被放行
def closure_vars(func):
    if not callable(func):
        raise TypeError("需要可调用对象")
    code = getattr(func, "__code__", None)
    if code is None:
        return {}
    result = {}
    for name, cell in zip(code.co_freevars, getattr(func, "__closure__", None) or ()):
        try:
            result[name] = cell.cell_contents
        except ValueError:
            pass
    return result
""",
    },
    'ch01_deep_copy': {
        'shallow_copy': """\
# 错误：只复制了外层（相当于 copy.copy）
def deep_copy(obj):
    if type(obj) is list:
        return list(obj)
    if type(obj) is dict:
        return dict(obj)
    if type(obj) is set:
        return set(obj)
    return obj
""",
        'use_copy_module': """\
# 错误：直接用 copy.deepcopy，不支持的类型（frozenset、自定义对象……）不会抛 TypeError
import copy


def deep_copy(obj):
    return copy.deepcopy(obj)
""",
        'no_memo': """\
# 错误：朴素递归，没有 memo：共享引用被复制成多份，循环引用无限递归
_ATOMIC = (type(None), bool, int, float, complex, str, bytes)


def deep_copy(obj):
    kind = type(obj)
    if kind in _ATOMIC:
        return obj
    if kind is list:
        return [deep_copy(x) for x in obj]
    if kind is dict:
        return {deep_copy(k): deep_copy(v) for k, v in obj.items()}
    if kind is set:
        return {deep_copy(x) for x in obj}
    if kind is tuple:
        items = [deep_copy(x) for x in obj]
        return obj if all(a is b for a, b in zip(items, obj)) else tuple(items)
    raise TypeError(kind.__name__)
""",
        'memo_after_fill': """\
# 错误：有 memo，但在复制完元素之后才登记：遇到环时无限递归
_ATOMIC = (type(None), bool, int, float, complex, str, bytes)


def deep_copy(obj, memo=None):
    memo = {} if memo is None else memo
    kind = type(obj)
    if kind in _ATOMIC:
        return obj
    if id(obj) in memo:
        return memo[id(obj)]
    if kind is list:
        result = [deep_copy(x, memo) for x in obj]
    elif kind is dict:
        result = {deep_copy(k, memo): deep_copy(v, memo) for k, v in obj.items()}
    elif kind is set:
        result = {deep_copy(x, memo) for x in obj}
    elif kind is tuple:
        items = [deep_copy(x, memo) for x in obj]
        result = obj if all(a is b for a, b in zip(items, obj)) else tuple(items)
    else:
        raise TypeError(kind.__name__)
    memo[id(obj)] = result
    return result
""",
        'tuple_cycle_not_rechecked': """\
# 错误：元组复制完元素后没有再查 memo：环经过元组时产生两个不同的副本
_ATOMIC = (type(None), bool, int, float, complex, str, bytes)


def deep_copy(obj):
    memo = {}

    def go(x):
        kind = type(x)
        if kind in _ATOMIC:
            return x
        if id(x) in memo:
            return memo[id(x)]
        if kind is list:
            r = memo[id(x)] = []
            r.extend(go(i) for i in x)
            return r
        if kind is dict:
            r = memo[id(x)] = {}
            for k, v in x.items():
                r[go(k)] = go(v)
            return r
        if kind is set:
            r = memo[id(x)] = set()
            r.update(go(i) for i in x)
            return r
        if kind is tuple:
            items = [go(i) for i in x]
            r = x if all(a is b for a, b in zip(items, x)) else tuple(items)
            memo[id(x)] = r
            return r
        raise TypeError(kind.__name__)

    return go(obj)
""",
        'always_new_tuple': """\
# 错误：元组总是复制成新元组（元素都不可变时应原样返回）
_ATOMIC = (type(None), bool, int, float, complex, str, bytes)


def deep_copy(obj):
    memo = {}

    def go(x):
        kind = type(x)
        if kind in _ATOMIC:
            return x
        if id(x) in memo:
            return memo[id(x)]
        if kind is list:
            r = memo[id(x)] = []
            r.extend(go(i) for i in x)
            return r
        if kind is dict:
            r = memo[id(x)] = {}
            for k, v in x.items():
                r[go(k)] = go(v)
            return r
        if kind is set:
            r = memo[id(x)] = set()
            r.update(go(i) for i in x)
            return r
        if kind is tuple:
            items = tuple(go(i) for i in x)
            if id(x) in memo:
                return memo[id(x)]
            memo[id(x)] = items
            return items
        raise TypeError(kind.__name__)

    return go(obj)
""",
        'isinstance_accepts_subclasses': """\
# 错误：用 isinstance 判断，list 的子类被当成 list 复制（应抛 TypeError），frozenset 被当成原子值
def deep_copy(obj):
    memo = {}

    def go(x):
        if isinstance(x, (type(None), bool, int, float, complex, str, bytes, frozenset)):
            return x
        if id(x) in memo:
            return memo[id(x)]
        if isinstance(x, list):
            r = memo[id(x)] = []
            r.extend(go(i) for i in x)
            return r
        if isinstance(x, dict):
            r = memo[id(x)] = {}
            for k, v in x.items():
                r[go(k)] = go(v)
            return r
        if isinstance(x, set):
            r = memo[id(x)] = set()
            r.update(go(i) for i in x)
            return r
        if isinstance(x, tuple):
            items = [go(i) for i in x]
            if id(x) in memo:
                return memo[id(x)]
            r = x if all(a is b for a, b in zip(items, x)) else tuple(items)
            memo[id(x)] = r
            return r
        raise TypeError(type(x).__name__)

    return go(obj)
""",
        'validate_then_deepcopy': """\
# 错误：先检查类型，再偷懒调用 copy.deepcopy（题目要求不用 copy 模块，自己实现）
import copy

_OK = (type(None), bool, int, float, complex, str, bytes, list, dict, set, tuple)


def deep_copy(obj):
    seen, stack = set(), [obj]
    while stack:
        x = stack.pop()
        if type(x) not in _OK:
            raise TypeError(f"不支持的类型：{type(x).__name__}")
        if id(x) in seen:
            continue
        seen.add(id(x))
        if type(x) is dict:
            stack.extend(x.keys())
            stack.extend(x.values())
        elif type(x) in (list, set, tuple):
            stack.extend(x)
    return copy.deepcopy(obj)
""",
    },
}
