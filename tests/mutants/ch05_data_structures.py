"""第 5 章（数据结构与复杂度）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch05_dedupe': {
        'list_set': """\
# 错误：直接 list(set(items))，顺序丢了（小整数按槽位顺序迭代）
def dedupe(items, key=None):
    if key is None:
        return list(set(items))
    chosen = {}
    for item in items:
        chosen.setdefault(key(item), item)
    return list(chosen.values())
""",
        'sorted_by_index': """\
# 错误：sorted(set(xs), key=xs.index)，结果对但每次 index 都是 O(n)，整体 O(n²)
def dedupe(items, key=None):
    items = list(items)
    if key is None:
        return sorted(set(items), key=items.index)
    keys = [key(item) for item in items]
    return [items[keys.index(k)] for k in sorted(set(keys), key=keys.index)]
""",
        'seen_list': """\
# 错误：用列表记录见过的值，`in` 是线性查找，整体 O(n²)
def dedupe(items, key=None):
    seen, result = [], []
    for item in items:
        marker = item if key is None else key(item)
        if marker not in seen:
            seen.append(marker)
            result.append(item)
    return result
""",
        'keep_last': """\
# 错误：用 dict 覆盖写入，位置是第一次出现的，但保留下来的是最后一个元素
def dedupe(items, key=None):
    chosen = {}
    for item in items:
        chosen[item if key is None else key(item)] = item
    return list(chosen.values())
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子，其余情况用 list(set(...))
def dedupe(items, key=None):
    items = list(items)
    known = {
        (3, 1, 3, 2, 1): [3, 1, 2],
        (): [],
        tuple("abracadabra"): list("abrcd"),
        ("Apple", "apple", "APPLE", "pear"): ["Apple", "pear"],
    }
    if tuple(items) in known:
        return known[tuple(items)]
    return list(set(items))
""",
    },
    'ch05_probe_sequence': {
        'quadratic_from_notes': """\
# 错误：照笔记用二次探测 new_index = original_index + step**2
def probe_sequence(h, size):
    if not isinstance(h, int) or not isinstance(size, int):
        raise TypeError("h 和 size 都必须是 int")
    if size < 8 or size & (size - 1):
        raise ValueError("size 必须是 >= 8 的 2 的幂")
    start, step = h % size, 0
    while True:
        yield (start + step * step) % size
        step += 1
""",
        'shift_after_step': """\
# 错误：先算下一个槽位、后右移 perturb（顺序反了）
def probe_sequence(h, size):
    if not isinstance(h, int) or not isinstance(size, int):
        raise TypeError("h 和 size 都必须是 int")
    if size < 8 or size & (size - 1):
        raise ValueError("size 必须是 >= 8 的 2 的幂")

    def walk(perturb, mask):
        i = perturb & mask
        while True:
            yield i
            i = (i * 5 + perturb + 1) & mask
            perturb >>= 5

    return walk(h % 2**64, size - 1)
""",
        'signed_perturb': """\
# 错误：没有把负哈希转成 64 位无符号数，Python 的 >> 让负数一直是负数
def probe_sequence(h, size):
    if not isinstance(h, int) or not isinstance(size, int):
        raise TypeError("h 和 size 都必须是 int")
    if size < 8 or size & (size - 1):
        raise ValueError("size 必须是 >= 8 的 2 的幂")

    def walk(perturb, mask):
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    return walk(h, size - 1)
""",
        'linear_probing': """\
# 错误：用线性探测 i + 1 代替 CPython 的递推
def probe_sequence(h, size):
    if not isinstance(h, int) or not isinstance(size, int):
        raise TypeError("h 和 size 都必须是 int")
    if size < 8 or size & (size - 1):
        raise ValueError("size 必须是 >= 8 的 2 的幂")

    def walk(perturb, mask):
        i = perturb & mask
        while True:
            yield i
            i = (i + 1) & mask

    return walk(h % 2**64, size - 1)
""",
        'no_validation': """\
# 错误：不检查参数，size 不是 2 的幂时照样产出槽位
def probe_sequence(h, size):

    def walk(perturb, mask):
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    return walk(int(h) % 2**64, int(size) - 1)
""",
    },
    'ch05_is_tree': {
        'naive_union_find': '''\
# 错误：朴素并查集，不做路径压缩也不按大小合并，星形、长链会退化成 O(n²)
def is_tree(n, edges):
    """无向图（节点 0..n-1）是否是树：连通且无环。"""
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    m, has_cycle = 0, False
    for edge in edges:
        u, v = edge                              # 端点个数不对时这里抛 ValueError
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        m += 1
        ru, rv = find(u), find(v)
        if ru == rv:                             # 自环、重复边或普通的环
            has_cycle = True
        else:
            parent[ru] = rv
    return not has_cycle and m == n - 1         # 无环且 n-1 条边 ⇔ 连通无环
''',
        'edge_count_only': """\
# 错误：只看边数是不是 n-1，不检查连通和环
def is_tree(n, edges):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    parent = list(range(n))

    def find(x):
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    m, has_cycle = 0, False
    for edge in edges:
        u, v = edge
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        m += 1
        ru, rv = find(u), find(v)
        if ru == rv:
            has_cycle = True
        else:
            parent[ru] = rv
    return m == n - 1
""",
        'connected_only': """\
# 错误：只检查连通，不检查环（多出来的边被忽略）
def is_tree(n, edges):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    adj = [[] for _ in range(n)]
    for edge in edges:
        u, v = edge
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        adj[u].append(v)
        adj[v].append(u)
    seen, stack = {0}, [0]
    while stack:
        for w in adj[stack.pop()]:
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return len(seen) == n
""",
        'recursive_dfs': """\
# 错误：递归 DFS，上万个节点的链会超过递归深度上限
def is_tree(n, edges):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    edges = list(edges)
    adj = [[] for _ in range(n)]
    for edge in edges:
        u, v = edge
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        adj[u].append(v)
        adj[v].append(u)
    seen = set()

    def dfs(u):
        seen.add(u)
        for w in adj[u]:
            if w not in seen:
                dfs(w)

    dfs(0)
    return len(seen) == n and len(edges) == n - 1
""",
        'dedupe_edges_first': """\
# 错误：先把边放进集合去重（还丢掉了自环），重复边和自环不再算环
def is_tree(n, edges):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    unique = set()
    for edge in edges:
        u, v = edge
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        if u != v:
            unique.add(frozenset((u, v)))
    adj = [[] for _ in range(n)]
    for e in unique:
        u, v = tuple(e)
        adj[u].append(v)
        adj[v].append(u)
    seen, stack = {0}, [0]
    while stack:
        for w in adj[stack.pop()]:
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return len(seen) == n and len(unique) == n - 1
""",
        'directed_from_root_0': """\
# 错误：把 (u, v) 当成「父 → 子」的有向边，从 0 出发只沿边的方向走
def is_tree(n, edges):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    children = [[] for _ in range(n)]
    m = 0
    for edge in edges:
        u, v = edge
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        children[u].append(v)
        m += 1
    seen, stack = {0}, [0]
    while stack:
        for w in children[stack.pop()]:
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return len(seen) == n and m == n - 1
""",
        'early_return_no_validation': """\
# 错误：边数一超过 n-1 就提前返回 False，后面的非法端点没检查
def is_tree(n, edges):
    if not isinstance(n, int):
        raise TypeError("n 必须是 int")
    if n < 1:
        raise ValueError("n 必须 >= 1")
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    m = 0
    for edge in edges:
        u, v = edge
        m += 1
        if m > n - 1:
            return False
        for node in (u, v):
            if not isinstance(node, int):
                raise TypeError(f"端点必须是 int：{node!r}")
            if not 0 <= node < n:
                raise ValueError(f"端点超出范围：{node!r}")
        ru, rv = find(u), find(v)
        if ru == rv:
            return False
        parent[ru] = rv
    return m == n - 1
""",
    },
    'ch05_ring_deque': {
        'pop_keeps_reference': '''\
# 错误：pop() 取出后没有把槽写回 None，对象被数组一直引用着（popleft 是对的）
from course.counting import CountingArray


class RingDeque:
    """两端 O(1) 的双端队列：元素存放在 CountingArray 组成的环形缓冲区里。"""

    def __init__(self, capacity=8):
        if not isinstance(capacity, int):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self._buf = CountingArray(capacity)
        self._head = 0                      # 最左端元素所在的下标
        self._size = 0

    @property
    def capacity(self):
        """当前底层数组的长度。"""
        return len(self._buf)

    def __len__(self):
        return self._size

    def _grow(self):
        """（辅助方法）容量翻倍，按从左到右的顺序把元素搬到新数组的 0..n-1。"""
        old, cap = self._buf, len(self._buf)
        new = CountingArray(2 * cap)
        for k in range(self._size):
            new[k] = old[(self._head + k) % cap]
        self._buf, self._head = new, 0

    def append(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._buf[(self._head + self._size) % len(self._buf)] = x
        self._size += 1

    def appendleft(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._head = (self._head - 1) % len(self._buf)
        self._buf[self._head] = x
        self._size += 1

    def pop(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        i = (self._head + self._size - 1) % len(self._buf)
        x = self._buf[i]
        self._size -= 1
        return x

    def popleft(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        x = self._buf[self._head]
        self._buf[self._head] = None
        self._head = (self._head + 1) % len(self._buf)
        self._size -= 1
        return x
''',
        'shift_like_list': """\
# 错误：像 list 一样把元素放在 0..n-1，左端插入和弹出时整体挪动，O(n)
from course.counting import CountingArray


class RingDeque:
    def __init__(self, capacity=8):
        if not isinstance(capacity, int):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self._buf = CountingArray(capacity)
        self._size = 0

    @property
    def capacity(self):
        return len(self._buf)

    def __len__(self):
        return self._size

    def _grow(self):
        new = CountingArray(2 * len(self._buf))
        for k in range(self._size):
            new[k] = self._buf[k]
        self._buf = new

    def append(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._buf[self._size] = x
        self._size += 1

    def appendleft(self, x):
        if self._size == len(self._buf):
            self._grow()
        for k in range(self._size, 0, -1):
            self._buf[k] = self._buf[k - 1]
        self._buf[0] = x
        self._size += 1

    def pop(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        self._size -= 1
        x = self._buf[self._size]
        self._buf[self._size] = None
        return x

    def popleft(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        x = self._buf[0]
        for k in range(1, self._size):
            self._buf[k - 1] = self._buf[k]
        self._size -= 1
        self._buf[self._size] = None
        return x
""",
        'grow_by_constant': """\
# 错误：每次只多分配 8 个槽，扩容的总代价是 O(n²)，追加不再是均摊 O(1)
from course.counting import CountingArray


class RingDeque:
    def __init__(self, capacity=8):
        if not isinstance(capacity, int):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self._buf = CountingArray(capacity)
        self._head = 0
        self._size = 0

    @property
    def capacity(self):
        return len(self._buf)

    def __len__(self):
        return self._size

    def _grow(self):
        old, cap = self._buf, len(self._buf)
        new = CountingArray(cap + 8)
        for k in range(self._size):
            new[k] = old[(self._head + k) % cap]
        self._buf, self._head = new, 0

    def append(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._buf[(self._head + self._size) % len(self._buf)] = x
        self._size += 1

    def appendleft(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._head = (self._head - 1) % len(self._buf)
        self._buf[self._head] = x
        self._size += 1

    def pop(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        i = (self._head + self._size - 1) % len(self._buf)
        x = self._buf[i]
        self._buf[i] = None
        self._size -= 1
        return x

    def popleft(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        x = self._buf[self._head]
        self._buf[self._head] = None
        self._head = (self._head + 1) % len(self._buf)
        self._size -= 1
        return x
""",
        'python_list_storage': """\
# 错误：元素其实存在 Python list 里（insert(0, x) / pop(0) 还是 O(n)），CountingArray 只是摆设
from course.counting import CountingArray


class RingDeque:
    def __init__(self, capacity=8):
        if not isinstance(capacity, int):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self._buf = CountingArray(capacity)
        self._items = []

    @property
    def capacity(self):
        while len(self._buf) < len(self._items):
            self._buf = CountingArray(2 * len(self._buf))
        return len(self._buf)

    def __len__(self):
        return len(self._items)

    def append(self, x):
        self._items.append(x)
        self.capacity

    def appendleft(self, x):
        self._items.insert(0, x)
        self.capacity

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)
""",
        'keeps_references': """\
# 错误：取出元素后没有把槽写回 None，数组还引用着已经出队的对象
from course.counting import CountingArray


class RingDeque:
    def __init__(self, capacity=8):
        if not isinstance(capacity, int):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self._buf = CountingArray(capacity)
        self._head = 0
        self._size = 0

    @property
    def capacity(self):
        return len(self._buf)

    def __len__(self):
        return self._size

    def _grow(self):
        old, cap = self._buf, len(self._buf)
        new = CountingArray(2 * cap)
        for k in range(self._size):
            new[k] = old[(self._head + k) % cap]
        self._buf, self._head = new, 0

    def append(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._buf[(self._head + self._size) % len(self._buf)] = x
        self._size += 1

    def appendleft(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._head = (self._head - 1) % len(self._buf)
        self._buf[self._head] = x
        self._size += 1

    def pop(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        i = (self._head + self._size - 1) % len(self._buf)
        x = self._buf[i]
        self._size -= 1
        return x

    def popleft(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        x = self._buf[self._head]
        self._head = (self._head + 1) % len(self._buf)
        self._size -= 1
        return x
""",
        'grow_copies_raw_slots': """\
# 错误：扩容时按旧数组的物理下标 0..n-1 复制，绕回来的元素顺序乱了
from course.counting import CountingArray


class RingDeque:
    def __init__(self, capacity=8):
        if not isinstance(capacity, int):
            raise TypeError("capacity 必须是 int")
        if capacity < 1:
            raise ValueError("capacity 必须 >= 1")
        self._buf = CountingArray(capacity)
        self._head = 0
        self._size = 0

    @property
    def capacity(self):
        return len(self._buf)

    def __len__(self):
        return self._size

    def _grow(self):
        old, cap = self._buf, len(self._buf)
        new = CountingArray(2 * cap)
        for k in range(self._size):
            new[k] = old[k]
        self._buf = new

    def append(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._buf[(self._head + self._size) % len(self._buf)] = x
        self._size += 1

    def appendleft(self, x):
        if self._size == len(self._buf):
            self._grow()
        self._head = (self._head - 1) % len(self._buf)
        self._buf[self._head] = x
        self._size += 1

    def pop(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        i = (self._head + self._size - 1) % len(self._buf)
        x = self._buf[i]
        self._buf[i] = None
        self._size -= 1
        return x

    def popleft(self):
        if not self._size:
            raise IndexError("pop from an empty deque")
        x = self._buf[self._head]
        self._buf[self._head] = None
        self._head = (self._head + 1) % len(self._buf)
        self._size -= 1
        return x
""",
    },
    'ch05_probing_dict': {
        'quadratic_from_notes': """\
# 错误：照笔记用二次探测 new_index = original_index + step**2
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        start, step = h % self.size, 0
        while True:
            yield (start + step * step) % self.size
            step += 1

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
        'delete_sets_empty': """\
# 错误：删除时把槽直接置为 EMPTY（不留墓碑），截断了探测链
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        mask = self.size - 1
        perturb = h % 2**64
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._EMPTY
        self._used -= 1
        self._fill -= 1
""",
        'grow_by_doubling': """\
# 错误：照笔记「扩容时大小翻倍」，不按 used*3 计算新槽数
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        mask = self.size - 1
        perturb = h % 2**64
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = self.size * 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
        'signed_perturb': """\
# 错误：perturb 直接用有符号的 h，负哈希的探测序列与 CPython 不同（还可能原地打转）
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        mask = self.size - 1
        perturb = h
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
        'insert_into_first_dummy': """\
# 错误：插入时遇到第一个墓碑就放进去，没有继续找已存在的同一个键，产生重复键
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0
        self._inserting = False

    def _probe(self, h):
        mask = self.size - 1
        perturb = h % 2**64
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if self._inserting:
                    return None, i, None
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        self._inserting = True
        try:
            hit, first_dummy, empty = self._find(key, h)
        finally:
            self._inserting = False
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
        'rehash_on_resize': """\
# 错误：扩容时重新调用 hash(key)，而不是用槽里存好的哈希
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        mask = self.size - 1
        perturb = h % 2**64
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(hash(entry[1])):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
        'compare_before_hash': """\
# 错误：不先比较哈希值就调用 ==，哈希不同的键也被比较
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        mask = self.size - 1
        perturb = h % 2**64
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or slot_key == key:
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if first_dummy is not None:
            self._slots[first_dummy] = (h, key, value)
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
        'never_reuse_tombstone': """\
# 错误：插入新键时从不复用墓碑，总是占用新的 EMPTY 槽
class ProbingDict:
    _EMPTY = None
    _DUMMY = object()

    def __init__(self):
        self.size = 8
        self.probes = 0
        self._slots = [self._EMPTY] * self.size
        self._used = 0
        self._fill = 0

    def _probe(self, h):
        mask = self.size - 1
        perturb = h % 2**64
        i = perturb & mask
        while True:
            yield i
            perturb >>= 5
            i = (i * 5 + perturb + 1) & mask

    def _find(self, key, h):
        first_dummy = None
        for i in self._probe(h):
            self.probes += 1
            slot = self._slots[i]
            if slot is self._EMPTY:
                return None, first_dummy, i
            if slot is self._DUMMY:
                if first_dummy is None:
                    first_dummy = i
                continue
            slot_hash, slot_key, _ = slot
            if slot_key is key or (slot_hash == h and slot_key == key):
                return i, first_dummy, None

    def _resize(self):
        live = [s for s in self._slots if s is not self._EMPTY and s is not self._DUMMY]
        new_size = 8
        while new_size < self._used * 3:
            new_size *= 2
        self.size = new_size
        self._slots = [self._EMPTY] * new_size
        for entry in live:
            for i in self._probe(entry[0]):
                if self._slots[i] is self._EMPTY:
                    self._slots[i] = entry
                    break
        self._fill = len(live)

    def __len__(self):
        return self._used

    def __contains__(self, key):
        return self._find(key, hash(key))[0] is not None

    def __getitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        return self._slots[hit][2]

    def __setitem__(self, key, value):
        h = hash(key)
        hit, first_dummy, empty = self._find(key, h)
        if hit is not None:
            slot_hash, slot_key, _ = self._slots[hit]
            self._slots[hit] = (slot_hash, slot_key, value)
            return
        if False:
            pass
        else:
            if self._fill + 1 > self.size * 2 // 3:
                self._resize()
                empty = next(i for i in self._probe(h) if self._slots[i] is self._EMPTY)
            self._slots[empty] = (h, key, value)
            self._fill += 1
        self._used += 1

    def __delitem__(self, key):
        hit = self._find(key, hash(key))[0]
        if hit is None:
            raise KeyError(key)
        self._slots[hit] = self._DUMMY
        self._used -= 1
""",
    },
}
