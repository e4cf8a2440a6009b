"""第 12 章（缓存、Redis 与负载均衡）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

_LRU_HEAD = '''from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or isinstance(capacity, bool):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self.capacity = capacity
        self._data = OrderedDict()
'''

_BLOOM_INIT = '''import hashlib
import math


class BloomFilter:
    def __init__(self, m, k):
        for name, v in (("m", m), ("k", k)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise TypeError(f"{name} 必须是 int")
            if v < 1:
                raise ValueError(f"{name} 必须 >= 1")
        self.m, self.k = m, k
        self._bits = bytearray(m)
'''

_BLOOM_POSITIONS = '''
    def positions(self, item):
        if isinstance(item, str):
            data = item.encode("utf-8")
        elif isinstance(item, bytes):
            data = item
        else:
            raise TypeError("item 必须是 str 或 bytes")
        d = hashlib.sha256(data).digest()
        h1 = int.from_bytes(d[0:8], "big")
        h2 = int.from_bytes(d[8:16], "big") | 1
        return [(h1 + i * h2) % self.m for i in range(self.k)]
'''

_BLOOM_ADD_CONTAINS = '''
    def add(self, item):
        for p in self.positions(item):
            self._bits[p] = 1

    def __contains__(self, item):
        return all(self._bits[p] for p in self.positions(item))
'''

_BLOOM_PARAMS = '''

def bloom_params(n, p):
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("n 必须是 int")
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError("p 必须是数字")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    if not 0 < p < 1:
        raise ValueError("p 必须在 (0, 1) 之间")
    m = math.ceil(-n * math.log(p) / math.log(2) ** 2)
    k = max(1, round(m / n * math.log(2)))
    return m, k
'''

_WRR_INIT = '''class SmoothWRR:
    def __init__(self, weights):
        if not isinstance(weights, dict):
            raise TypeError("weights 必须是 dict")
        if not weights:
            raise ValueError("至少要有一台服务器")
        for name, w in weights.items():
            if not isinstance(w, int) or isinstance(w, bool):
                raise TypeError(f"{name!r} 的权重必须是 int")
            if w < 1:
                raise ValueError(f"{name!r} 的权重必须 >= 1")
        self._weights = list(weights.items())
        self._current = [0] * len(self._weights)
        self._total = sum(weights.values())
'''

_RING_HEAD = '''import bisect
import hashlib


def ring_hash(s):
    return int.from_bytes(hashlib.md5(s.encode("utf-8")).digest()[:8], "big")


class HashRing:
    def __init__(self, vnodes=100):
        if not isinstance(vnodes, int) or isinstance(vnodes, bool):
            raise TypeError("vnodes 必须是 int")
        if vnodes < 1:
            raise ValueError("vnodes 必须 >= 1")
        self.vnodes = vnodes
        self._positions = []
        self._owner = {}
        self._nodes = set()

    def __len__(self):
        return len(self._nodes)

    def __contains__(self, node):
        return node in self._nodes
'''

_RING_ADD = '''
    def add(self, node):
        if not isinstance(node, str):
            raise TypeError("node 必须是 str")
        if node in self._nodes:
            raise ValueError(f"{node!r} 已经在环上")
        self._nodes.add(node)
        for i in range(self.vnodes):
            pos = ring_hash(f"{node}#{i}")
            self._owner[pos] = node
            bisect.insort(self._positions, pos)
'''

_RING_REMOVE = '''
    def remove(self, node):
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)
        gone = {ring_hash(f"{node}#{i}") for i in range(self.vnodes)}
        self._positions = [p for p in self._positions if p not in gone]
        for p in gone:
            del self._owner[p]
'''

_RING_GET = '''
    def get(self, key):
        if not isinstance(key, str):
            raise TypeError("key 必须是 str")
        if not self._positions:
            raise KeyError("环上没有机器")
        i = bisect.bisect_left(self._positions, ring_hash(key))
        if i == len(self._positions):
            i = 0
        return self._owner[self._positions[i]]
'''

_LB_HEAD = '''from course.redis_server import fresh_client


class Leaderboard:
    def __init__(self, client, key):
        self.r = client
        self.key = key

    def _check_member(self, member):
        if not isinstance(member, str):
            raise TypeError("member 必须是 str")
        if not member:
            raise ValueError("member 不能是空串")

    def _check_page(self, page, size):
        for name, v in (("page", page), ("size", size)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise TypeError(f"{name} 必须是 int")
            if v < 1:
                raise ValueError(f"{name} 必须 >= 1")

    def __len__(self):
        return self.r.zcard(self.key)
'''

# 存负分的参考写法：add / score / rank
_LB_NEG = '''
    def add(self, member, points):
        self._check_member(member)
        if not isinstance(points, int) or isinstance(points, bool):
            raise TypeError("points 必须是 int")
        return -int(self.r.zincrby(self.key, -points, member))

    def score(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        return None if s is None else -int(s)

    def rank(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        if s is None:
            return None
        return self.r.zcount(self.key, "-inf", f"({s}") + 1
'''

# 存正分：add / score / rank（rank 数「严格更高」的人）
_LB_POS = '''
    def add(self, member, points):
        self._check_member(member)
        if not isinstance(points, int) or isinstance(points, bool):
            raise TypeError("points 必须是 int")
        return int(self.r.zincrby(self.key, points, member))

    def score(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        return None if s is None else int(s)

    def rank(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        if s is None:
            return None
        return self.r.zcount(self.key, f"({s}", "+inf") + 1
'''


MUTANTS = {
    "ch12_lru_cache": {
        "list_order": '''\
# 错误：用 list 记录使用顺序，每次访问都 list.remove —— 结果对，但 get/put 是 O(n)
class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or isinstance(capacity, bool):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self.capacity = capacity
        self._data = {}
        self._order = []

    def get(self, key, default=None):
        if key not in self._data:
            return default
        self._order.remove(key)
        self._order.append(key)
        return self._data[key]

    def put(self, key, value):
        if key in self._data:
            self._order.remove(key)
        elif len(self._data) >= self.capacity:
            del self._data[self._order.pop(0)]
        self._data[key] = value
        self._order.append(key)

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)

    def keys(self):
        return list(self._order)
''',
        "fifo_get_does_not_touch": _LRU_HEAD + '''\
    # 错误：get 命中时没有把键挪到「最近使用」，淘汰顺序退化成 FIFO
    def get(self, key, default=None):
        return self._data.get(key, default)

    def put(self, key, value):
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)

    def keys(self):
        return list(self._data)
''',
        "evicts_on_update": _LRU_HEAD + '''\
    # 错误：put 先看容量再写入，更新已有的键时也会淘汰别人
    def get(self, key, default=None):
        if key not in self._data:
            return default
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key, value):
        if len(self._data) >= self.capacity:
            self._data.popitem(last=False)
        self._data[key] = value
        self._data.move_to_end(key)

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)

    def keys(self):
        return list(self._data)
''',
        "truthy_lookup": _LRU_HEAD + '''\
    # 错误：用「取到的值是否为真」判断命中，值为 None / 0 时当成没命中
    def get(self, key, default=None):
        value = self._data.get(key)
        if not value:
            return default
        self._data.move_to_end(key)
        return value

    def put(self, key, value):
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def __contains__(self, key):
        return bool(self._data.get(key))

    def __len__(self):
        return len(self._data)

    def keys(self):
        return list(self._data)
''',
        "contains_touches": _LRU_HEAD + '''\
    # 错误：__contains__ 借用 get 实现，`in` 也把键标记成最近使用
    def get(self, key, default=None):
        if key not in self._data:
            return default
        self._data.move_to_end(key)
        return self._data[key]

    def put(self, key, value):
        self._data[key] = value
        self._data.move_to_end(key)
        if len(self._data) > self.capacity:
            self._data.popitem(last=False)

    _MISS = object()

    def __contains__(self, key):
        return self.get(key, self._MISS) is not self._MISS

    def __len__(self):
        return len(self._data)

    def keys(self):
        return list(self._data)
''',
        "timestamps_min": '''\
# 错误：dict 里记「最后使用时间」，淘汰时用 min() 找最旧的 —— 淘汰是 O(n)
import itertools


class LRUCache:
    def __init__(self, capacity):
        if not isinstance(capacity, int) or isinstance(capacity, bool):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self.capacity = capacity
        self._data = {}
        self._used = {}
        self._clock = itertools.count()

    def get(self, key, default=None):
        if key not in self._data:
            return default
        self._used[key] = next(self._clock)
        return self._data[key]

    def put(self, key, value):
        if key not in self._data and len(self._data) >= self.capacity:
            oldest = min(self._used, key=self._used.get)
            del self._data[oldest], self._used[oldest]
        self._data[key] = value
        self._used[key] = next(self._clock)

    def __contains__(self, key):
        return key in self._data

    def __len__(self):
        return len(self._data)

    def keys(self):
        return sorted(self._data, key=self._used.get)
''',
    },
    "ch12_bloom_filter": {
        "h2_not_odd": _BLOOM_INIT + '''
    # 错误：漏了 `| 1`，h2 可能是偶数（m 是偶数时位置会重复），与规定的算法不符
    def positions(self, item):
        if isinstance(item, str):
            data = item.encode("utf-8")
        elif isinstance(item, bytes):
            data = item
        else:
            raise TypeError("item 必须是 str 或 bytes")
        d = hashlib.sha256(data).digest()
        h1 = int.from_bytes(d[0:8], "big")
        h2 = int.from_bytes(d[8:16], "big")
        return [(h1 + i * h2) % self.m for i in range(self.k)]
''' + _BLOOM_ADD_CONTAINS + _BLOOM_PARAMS,
        "little_endian": _BLOOM_INIT + '''
    # 错误：int.from_bytes 用了 "little"，位置全都不对
    def positions(self, item):
        if isinstance(item, str):
            data = item.encode("utf-8")
        elif isinstance(item, bytes):
            data = item
        else:
            raise TypeError("item 必须是 str 或 bytes")
        d = hashlib.sha256(data).digest()
        h1 = int.from_bytes(d[0:8], "little")
        h2 = int.from_bytes(d[8:16], "little") | 1
        return [(h1 + i * h2) % self.m for i in range(self.k)]
''' + _BLOOM_ADD_CONTAINS + _BLOOM_PARAMS,
        "bytes_via_str": _BLOOM_INIT + '''
    # 错误：bytes 也先 str() 再编码（b"redis" 变成 "b'redis'"），与 "redis" 不是同一个元素
    def positions(self, item):
        if not isinstance(item, (str, bytes)):
            raise TypeError("item 必须是 str 或 bytes")
        d = hashlib.sha256(str(item).encode("utf-8")).digest()
        h1 = int.from_bytes(d[0:8], "big")
        h2 = int.from_bytes(d[8:16], "big") | 1
        return [(h1 + i * h2) % self.m for i in range(self.k)]
''' + _BLOOM_ADD_CONTAINS + _BLOOM_PARAMS,
        "any_instead_of_all": _BLOOM_INIT + _BLOOM_POSITIONS + '''
    def add(self, item):
        for p in self.positions(item):
            self._bits[p] = 1

    # 错误：任意一个位是 1 就说「可能存在」，误报率远高于公式
    def __contains__(self, item):
        return any(self._bits[p] for p in self.positions(item))
''' + _BLOOM_PARAMS,
        "stores_items": _BLOOM_INIT + _BLOOM_POSITIONS + '''
    # 错误：另外用 set 存元素本身来回答 in —— 没有误报了，但内存是 O(n·元素大小)，也不是布隆过滤器
    def add(self, item):
        self.positions(item)
        self._items = getattr(self, "_items", set())
        self._items.add(item.encode("utf-8") if isinstance(item, str) else item)

    def __contains__(self, item):
        self.positions(item)
        data = item.encode("utf-8") if isinstance(item, str) else item
        return data in getattr(self, "_items", set())
''' + _BLOOM_PARAMS,
        "params_floor_and_int": _BLOOM_INIT + _BLOOM_POSITIONS + _BLOOM_ADD_CONTAINS + '''

# 错误：m 用 int() 向下取整、k 用 int() 截断，不是题目要求的 ceil / round
def bloom_params(n, p):
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError("n 必须是 int")
    if isinstance(p, bool) or not isinstance(p, (int, float)):
        raise TypeError("p 必须是数字")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    if not 0 < p < 1:
        raise ValueError("p 必须在 (0, 1) 之间")
    m = int(-n * math.log(p) / math.log(2) ** 2)
    k = max(1, int(m / n * math.log(2)))
    return m, k
''',
        "params_no_validation": _BLOOM_INIT + _BLOOM_POSITIONS + _BLOOM_ADD_CONTAINS + '''

# 错误：公式对，但不检查参数（p=0 时抛的是 math domain error，n=0 时除零）
def bloom_params(n, p):
    m = math.ceil(-n * math.log(p) / math.log(2) ** 2)
    k = max(1, round(m / n * math.log(2)))
    return m, k
''',
    },
    "ch12_smooth_wrr": {
        "ties_pick_last": _WRR_INIT + '''
    # 错误：用 >= 比较，并列时选了排在后面的服务器
    def pick(self):
        best = None
        for i, (_, w) in enumerate(self._weights):
            self._current[i] += w
            if best is None or self._current[i] >= self._current[best]:
                best = i
        self._current[best] -= self._total
        return self._weights[best][0]
''',
        "naive_expanded": _WRR_INIT + '''
    # 错误：朴素加权轮询——按权重展开再轮询，次数对，但 a 连续被选 5 次，不「平滑」
    def pick(self):
        expanded = [name for name, w in self._weights for _ in range(w)]
        i = getattr(self, "_i", 0)
        self._i = i + 1
        return expanded[i % len(expanded)]
''',
        "subtract_own_weight": _WRR_INIT + '''
    # 错误：选中的服务器减去自己的权重（而不是总权重）
    def pick(self):
        best = None
        for i, (_, w) in enumerate(self._weights):
            self._current[i] += w
            if best is None or self._current[i] > self._current[best]:
                best = i
        self._current[best] -= self._weights[best][1]
        return self._weights[best][0]
''',
        "ties_by_name": _WRR_INIT + '''
    # 错误：并列时按服务器名字排序选，而不是按 weights 里的顺序
    def pick(self):
        for i, (_, w) in enumerate(self._weights):
            self._current[i] += w
        best = min(range(len(self._weights)), key=lambda i: (-self._current[i], self._weights[i][0]))
        self._current[best] -= self._total
        return self._weights[best][0]
''',
        "keeps_callers_dict": '''\
# 错误：直接保存调用方的 dict，构造后外面改了它，轮询结果也跟着变
class SmoothWRR:
    def __init__(self, weights):
        if not isinstance(weights, dict):
            raise TypeError("weights 必须是 dict")
        if not weights:
            raise ValueError("至少要有一台服务器")
        for name, w in weights.items():
            if not isinstance(w, int) or isinstance(w, bool):
                raise TypeError(f"{name!r} 的权重必须是 int")
            if w < 1:
                raise ValueError(f"{name!r} 的权重必须 >= 1")
        self.weights = weights
        self.current = {}

    def pick(self):
        total = sum(self.weights.values())
        for name, w in self.weights.items():
            self.current[name] = self.current.get(name, 0) + w
        best = max(self.weights, key=lambda n: self.current[n])
        self.current[best] -= total
        return best
''',
        "hardcoded_example": _WRR_INIT + '''
    # 错误：背下 5:1:1 的例子，其余情况退化成普通轮询
    def pick(self):
        i = getattr(self, "_i", 0)
        self._i = i + 1
        names = [name for name, _ in self._weights]
        if [w for _, w in self._weights] == [5, 1, 1]:
            return names["abc".index("aabacaa"[i % 7])]
        return names[i % len(names)]
''',
    },
    "ch12_hash_ring": {
        "linear_scan": _RING_HEAD + _RING_ADD + _RING_REMOVE + '''
    # 错误：get 从头逐个扫描虚拟节点，结果对但是 O(V)
    def get(self, key):
        if not isinstance(key, str):
            raise TypeError("key 必须是 str")
        if not self._positions:
            raise KeyError("环上没有机器")
        h = ring_hash(key)
        for p in self._positions:
            if p >= h:
                return self._owner[p]
        return self._owner[self._positions[0]]
''',
        "bisect_right": _RING_HEAD + _RING_ADD + _RING_REMOVE + '''
    # 错误：用 bisect_right，key 恰好等于某个虚拟节点的位置时跳到了下一个（题目要求「第一个 ≥ 它」）
    def get(self, key):
        if not isinstance(key, str):
            raise TypeError("key 必须是 str")
        if not self._positions:
            raise KeyError("环上没有机器")
        i = bisect.bisect_right(self._positions, ring_hash(key))
        if i == len(self._positions):
            i = 0
        return self._owner[self._positions[i]]
''',
        "no_wraparound": _RING_HEAD + _RING_ADD + _RING_REMOVE + '''
    # 错误：忘了绕回环的起点：哈希值比最大位置还大的 key 归给了最后一个虚拟节点
    def get(self, key):
        if not isinstance(key, str):
            raise TypeError("key 必须是 str")
        if not self._positions:
            raise KeyError("环上没有机器")
        i = bisect.bisect_left(self._positions, ring_hash(key))
        i = min(i, len(self._positions) - 1)
        return self._owner[self._positions[i]]
''',
        "modulo_not_ring": _RING_HEAD + '''
    # 错误：不是环，是 hash % N：加一台机器几乎所有 key 都换了机器
    def add(self, node):
        if not isinstance(node, str):
            raise TypeError("node 必须是 str")
        if node in self._nodes:
            raise ValueError(f"{node!r} 已经在环上")
        self._nodes.add(node)

    def remove(self, node):
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)

    def get(self, key):
        if not isinstance(key, str):
            raise TypeError("key 必须是 str")
        if not self._nodes:
            raise KeyError("环上没有机器")
        nodes = sorted(self._nodes)
        return nodes[ring_hash(key) % len(nodes)]
''',
        "remove_keeps_vnodes": _RING_HEAD + _RING_ADD + '''
    # 错误：remove 只从机器集合里删了名字，虚拟节点还留在环上
    def remove(self, node):
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)
''' + _RING_GET,
        "vnode_label_dash": _RING_HEAD + '''
    # 错误：虚拟节点的名字写成 f"{node}-{i}"，与题目规定的 f"{node}#{i}" 不同
    def add(self, node):
        if not isinstance(node, str):
            raise TypeError("node 必须是 str")
        if node in self._nodes:
            raise ValueError(f"{node!r} 已经在环上")
        self._nodes.add(node)
        for i in range(self.vnodes):
            pos = ring_hash(f"{node}-{i}")
            self._owner[pos] = node
            bisect.insort(self._positions, pos)

    def remove(self, node):
        if node not in self._nodes:
            raise KeyError(node)
        self._nodes.remove(node)
        gone = {ring_hash(f"{node}-{i}") for i in range(self.vnodes)}
        self._positions = [p for p in self._positions if p not in gone]
        for p in gone:
            del self._owner[p]
''' + _RING_GET,
    },
    "ch12_leaderboard": {
        "zrevrange_ties_desc": _LB_HEAD + _LB_POS + '''
    # 错误：直接用 ZREVRANGE 分页：同分时成员名是「降序」的（题目要求升序）
    def page(self, page, size=10):
        self._check_page(page, size)
        start = (page - 1) * size
        rows = self.r.zrevrange(self.key, start, start + size - 1, withscores=True)
        return [(self.rank(m), m, int(s)) for m, s in rows]
''',
        "zrevrank_no_ties": _LB_HEAD + _LB_NEG.replace('''        return self.r.zcount(self.key, "-inf", f"({s}") + 1''', '''        return self.r.zrank(self.key, member) + 1          # 错误：ZRANK 是位置，不管并列''') + '''
    # 错误：名次直接用位置（start + j + 1），同分的人名次不同
    def page(self, page, size=10):
        self._check_page(page, size)
        start = (page - 1) * size
        rows = self.r.zrange(self.key, start, start + size - 1, withscores=True)
        return [(start + j + 1, m, -int(s)) for j, (m, s) in enumerate(rows)]
''',
        "reads_whole_board": _LB_HEAD + _LB_POS + '''
    # 错误：为了一页把整个有序集合读回来，再在 Python 里排序、切片（O(n) 的网络传输）
    def page(self, page, size=10):
        self._check_page(page, size)
        rows = self.r.zrange(self.key, 0, -1, withscores=True)
        rows.sort(key=lambda ms: (-ms[1], ms[0]))
        start = (page - 1) * size
        return [(self.rank(m), m, int(s)) for m, s in rows[start:start + size]]
''',
        "python_dict_not_redis": '''\
# 错误：分数存在 Python 的 dict 里，不在 Redis 里：另一个 Leaderboard 对象看不到
from course.redis_server import fresh_client


class Leaderboard:
    def __init__(self, client, key):
        self.r = client
        self.key = key
        self.scores = {}

    def _check_member(self, member):
        if not isinstance(member, str):
            raise TypeError("member 必须是 str")
        if not member:
            raise ValueError("member 不能是空串")

    def add(self, member, points):
        self._check_member(member)
        if not isinstance(points, int) or isinstance(points, bool):
            raise TypeError("points 必须是 int")
        self.scores[member] = self.scores.get(member, 0) + points
        return self.scores[member]

    def score(self, member):
        self._check_member(member)
        return self.scores.get(member)

    def rank(self, member):
        self._check_member(member)
        if member not in self.scores:
            return None
        return 1 + sum(1 for v in self.scores.values() if v > self.scores[member])

    def page(self, page, size=10):
        for name, v in (("page", page), ("size", size)):
            if not isinstance(v, int) or isinstance(v, bool):
                raise TypeError(f"{name} 必须是 int")
            if v < 1:
                raise ValueError(f"{name} 必须 >= 1")
        order = sorted(self.scores.items(), key=lambda kv: (-kv[1], kv[0]))
        start = (page - 1) * size
        return [(self.rank(m), m, s) for m, s in order[start:start + size]]

    def __len__(self):
        return len(self.scores)
''',
        "zadd_overwrites": _LB_HEAD + '''
    # 错误：add 用 ZADD，分数被覆盖而不是累加
    def add(self, member, points):
        self._check_member(member)
        if not isinstance(points, int) or isinstance(points, bool):
            raise TypeError("points 必须是 int")
        self.r.zadd(self.key, {member: -points})
        return points

    def score(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        return None if s is None else -int(s)

    def rank(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        if s is None:
            return None
        return self.r.zcount(self.key, "-inf", f"({s}") + 1

    def page(self, page, size=10):
        self._check_page(page, size)
        start = (page - 1) * size
        rows = self.r.zrange(self.key, start, start + size - 1, withscores=True)
        return [(self.rank(m), m, -int(s)) for m, s in rows]
''',
        "float_scores": _LB_HEAD + '''
    # 错误：分数原样返回 redis-py 给的 float（95.0），题目要求 int
    def add(self, member, points):
        self._check_member(member)
        if not isinstance(points, int) or isinstance(points, bool):
            raise TypeError("points 必须是 int")
        return -self.r.zincrby(self.key, -points, member)

    def score(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        return None if s is None else -s

    def rank(self, member):
        self._check_member(member)
        s = self.r.zscore(self.key, member)
        if s is None:
            return None
        return self.r.zcount(self.key, "-inf", f"({s}") + 1

    def page(self, page, size=10):
        self._check_page(page, size)
        start = (page - 1) * size
        rows = self.r.zrange(self.key, start, start + size - 1, withscores=True)
        return [(self.rank(m), m, -s) for m, s in rows]
''',
    },
}
