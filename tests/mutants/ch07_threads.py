"""第 7 章（线程与 GIL）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch07_atomic_counter': {
        'no_lock': """\
# 错误：以为有 GIL 就不用加锁，update 的「读—调用 fn—写」之间会被别的线程插进来
class AtomicCounter:
    def __init__(self, start=0):
        if not isinstance(start, int) or isinstance(start, bool):
            raise TypeError("start 必须是 int")
        self._value = start

    @property
    def value(self):
        return self._value

    def increment(self, n=1):
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError("n 必须是 int")
        self._value += n
        return self._value

    def update(self, fn):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        new = fn(self._value)
        if not isinstance(new, int) or isinstance(new, bool):
            raise TypeError("fn 必须返回 int")
        self._value = new
        return new
""",
        'plain_lock_deadlocks': """\
# 错误：用不可重入的 Lock，value 也加锁；fn 里读取 value 时同一线程第二次加锁，死锁
class AtomicCounter:
    def __init__(self, start=0):
        if not isinstance(start, int) or isinstance(start, bool):
            raise TypeError("start 必须是 int")
        self._lock = threading.Lock()
        self._value = start

    @property
    def value(self):
        with self._lock:
            return self._value

    def increment(self, n=1):
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError("n 必须是 int")
        with self._lock:
            self._value += n
            return self._value

    def update(self, fn):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        with self._lock:
            new = fn(self._value)
            if not isinstance(new, int) or isinstance(new, bool):
                raise TypeError("fn 必须返回 int")
            self._value = new
            return new
""",
        'lock_only_increment': """\
# 错误：只给 increment 加锁，update 先读、调用 fn、再写，中间没有锁
class AtomicCounter:
    def __init__(self, start=0):
        if not isinstance(start, int) or isinstance(start, bool):
            raise TypeError("start 必须是 int")
        self._lock = threading.RLock()
        self._value = start

    @property
    def value(self):
        return self._value

    def increment(self, n=1):
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError("n 必须是 int")
        with self._lock:
            self._value += n
            return self._value

    def update(self, fn):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        new = fn(self._value)
        if not isinstance(new, int) or isinstance(new, bool):
            raise TypeError("fn 必须返回 int")
        with self._lock:
            self._value = new
        return new
""",
        'no_finally': """\
# 错误：手动 acquire/release 却没有 try/finally，fn 抛异常后锁永远不释放
class AtomicCounter:
    def __init__(self, start=0):
        if not isinstance(start, int) or isinstance(start, bool):
            raise TypeError("start 必须是 int")
        self._lock = threading.RLock()
        self._value = start

    @property
    def value(self):
        return self._value

    def increment(self, n=1):
        if not isinstance(n, int) or isinstance(n, bool):
            raise TypeError("n 必须是 int")
        self._lock.acquire()
        self._value += n
        result = self._value
        self._lock.release()
        return result

    def update(self, fn):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        self._lock.acquire()
        new = fn(self._value)
        if not isinstance(new, int) or isinstance(new, bool):
            self._lock.release()
            raise TypeError("fn 必须返回 int")
        self._value = new
        self._lock.release()
        return new
""",
    },
    'ch07_bounded_queue': {
        'wraps_queue_Queue': """\
# 错误：直接包一层 queue.Queue，没有自己用 Condition 实现
import queue


class BoundedQueue:
    def __init__(self, maxsize):
        if not isinstance(maxsize, int) or isinstance(maxsize, bool):
            raise TypeError("maxsize 必须是 int")
        if maxsize < 1:
            raise ValueError("maxsize 必须 >= 1")
        self.maxsize = maxsize
        self._q = queue.Queue(maxsize)

    def __len__(self):
        return self._q.qsize()

    def put(self, item, timeout=None):
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))):
            raise TypeError("timeout 必须是 None 或数字")
        self._q.put(item, timeout=timeout)

    def get(self, timeout=None):
        if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, (int, float))):
            raise TypeError("timeout 必须是 None 或数字")
        return self._q.get(timeout=timeout)
""",
        'if_instead_of_while': """\
# 错误：被唤醒后不重新检查条件（if 而不是 while），notify_all 唤醒的线程一拥而上
import queue
from collections import deque


def _checked_timeout(timeout):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class BoundedQueue:
    def __init__(self, maxsize):
        if not isinstance(maxsize, int) or isinstance(maxsize, bool):
            raise TypeError("maxsize 必须是 int")
        if maxsize < 1:
            raise ValueError("maxsize 必须 >= 1")
        self.maxsize = maxsize
        self._items = deque()
        self._cond = threading.Condition()

    def __len__(self):
        with self._cond:
            return len(self._items)

    def put(self, item, timeout=None):
        timeout = _checked_timeout(timeout)
        with self._cond:
            if len(self._items) >= self.maxsize:
                if not self._cond.wait(timeout):
                    raise queue.Full
            self._items.append(item)
            self._cond.notify_all()

    def get(self, timeout=None):
        timeout = _checked_timeout(timeout)
        with self._cond:
            if not self._items:
                if not self._cond.wait(timeout):
                    raise queue.Empty
            item = self._items.popleft()
            self._cond.notify_all()
            return item
""",
        'ignores_timeout': """\
# 错误：忘了把 timeout 传给 wait_for，队满 / 队空时永远等下去
import queue
from collections import deque


def _checked_timeout(timeout):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class BoundedQueue:
    def __init__(self, maxsize):
        if not isinstance(maxsize, int) or isinstance(maxsize, bool):
            raise TypeError("maxsize 必须是 int")
        if maxsize < 1:
            raise ValueError("maxsize 必须 >= 1")
        self.maxsize = maxsize
        self._items = deque()
        self._cond = threading.Condition()

    def __len__(self):
        with self._cond:
            return len(self._items)

    def put(self, item, timeout=None):
        _checked_timeout(timeout)
        with self._cond:
            self._cond.wait_for(lambda: len(self._items) < self.maxsize)
            self._items.append(item)
            self._cond.notify_all()

    def get(self, timeout=None):
        _checked_timeout(timeout)
        with self._cond:
            self._cond.wait_for(lambda: self._items)
            item = self._items.popleft()
            self._cond.notify_all()
            return item
""",
        'get_never_notifies': """\
# 错误：只有 put 发通知，get 腾出空位后不唤醒等空位的 put
import queue
from collections import deque


def _checked_timeout(timeout):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class BoundedQueue:
    def __init__(self, maxsize):
        if not isinstance(maxsize, int) or isinstance(maxsize, bool):
            raise TypeError("maxsize 必须是 int")
        if maxsize < 1:
            raise ValueError("maxsize 必须 >= 1")
        self.maxsize = maxsize
        self._items = deque()
        self._cond = threading.Condition()

    def __len__(self):
        with self._cond:
            return len(self._items)

    def put(self, item, timeout=None):
        timeout = _checked_timeout(timeout)
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._items) < self.maxsize, timeout):
                raise queue.Full
            self._items.append(item)
            self._cond.notify_all()

    def get(self, timeout=None):
        timeout = _checked_timeout(timeout)
        with self._cond:
            if not self._cond.wait_for(lambda: self._items, timeout):
                raise queue.Empty
            return self._items.popleft()
""",
    },
    'ch07_transfer': {
        'argument_order': """\
# 错误：按参数顺序加锁（先 src 后 dst），A→B 和 B→A 同时进行就会死锁
class Account:
    def __init__(self, id, balance=0):
        self.id = id
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("amount 必须是 int")
    if amount <= 0:
        raise ValueError("amount 必须为正")
    if src is dst:
        raise ValueError("不能转给自己")
    with src.lock, dst.lock:
        if src.balance < amount:
            raise ValueError("余额不足")
        src.balance -= amount
        dst.balance += amount
""",
        'check_before_lock': """\
# 错误：先检查余额再加锁（check-then-act），检查和扣款之间别的线程可能已经把钱转走
class Account:
    def __init__(self, id, balance=0):
        self.id = id
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("amount 必须是 int")
    if amount <= 0:
        raise ValueError("amount 必须为正")
    if src is dst:
        raise ValueError("不能转给自己")
    if src.balance < amount:
        raise ValueError("余额不足")
    first, second = sorted((src, dst), key=lambda acct: acct.id)
    with first.lock, second.lock:
        src.balance -= amount
        dst.balance += amount
""",
        'no_release_on_error': """\
# 错误：手动 acquire 后余额不足直接 raise，两把锁都没释放
class Account:
    def __init__(self, id, balance=0):
        self.id = id
        self.balance = balance
        self.lock = threading.Lock()


def transfer(src, dst, amount):
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise TypeError("amount 必须是 int")
    if amount <= 0:
        raise ValueError("amount 必须为正")
    if src is dst:
        raise ValueError("不能转给自己")
    first, second = sorted((src, dst), key=lambda acct: acct.id)
    first.lock.acquire()
    second.lock.acquire()
    if src.balance < amount:
        raise ValueError("余额不足")
    src.balance -= amount
    dst.balance += amount
    second.lock.release()
    first.lock.release()
""",
    },
    'ch07_worker_pool': {
        'one_sentinel': """\
# 错误：shutdown 只放一个哨兵，只有一个工作线程退出，shutdown(wait=True) 永远等下去
import queue
from concurrent.futures import Future


class WorkerPool:
    def __init__(self, n_workers):
        if not isinstance(n_workers, int) or isinstance(n_workers, bool):
            raise TypeError("n_workers 必须是 int")
        if n_workers < 1:
            raise ValueError("n_workers 必须 >= 1")
        self._tasks = queue.Queue()
        self._closed = False
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(n_workers)]
        for t in self.threads:
            t.start()

    def _work(self):
        while True:
            item = self._tasks.get()
            if item is None:
                return
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)

    def submit(self, fn, /, *args, **kwargs):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        if self._closed:
            raise RuntimeError("线程池已关闭")
        future = Future()
        self._tasks.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait=True):
        if not self._closed:
            self._closed = True
            self._tasks.put(None)
        if wait:
            for t in self.threads:
                t.join()
""",
        'worker_dies_on_exception': """\
# 错误：工作线程不捕获任务的异常，一个任务出错就把线程带走，它的 Future 也永远不会完成
import queue
from concurrent.futures import Future


class WorkerPool:
    def __init__(self, n_workers):
        if not isinstance(n_workers, int) or isinstance(n_workers, bool):
            raise TypeError("n_workers 必须是 int")
        if n_workers < 1:
            raise ValueError("n_workers 必须 >= 1")
        self._tasks = queue.Queue()
        self._closed = False
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(n_workers)]
        for t in self.threads:
            t.start()

    def _work(self):
        while True:
            item = self._tasks.get()
            if item is None:
                return
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            future.set_result(fn(*args, **kwargs))

    def submit(self, fn, /, *args, **kwargs):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        if self._closed:
            raise RuntimeError("线程池已关闭")
        future = Future()
        self._tasks.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait=True):
        if not self._closed:
            self._closed = True
            for _ in self.threads:
                self._tasks.put(None)
        if wait:
            for t in self.threads:
                t.join()
""",
        'shutdown_drops_pending': """\
# 错误：shutdown 先清空队列再放哨兵，已经提交、还在排队的任务被丢掉，它们的 Future 永远不完成
import queue
from concurrent.futures import Future


class WorkerPool:
    def __init__(self, n_workers):
        if not isinstance(n_workers, int) or isinstance(n_workers, bool):
            raise TypeError("n_workers 必须是 int")
        if n_workers < 1:
            raise ValueError("n_workers 必须 >= 1")
        self._tasks = queue.Queue()
        self._closed = False
        self.threads = [threading.Thread(target=self._work, daemon=True) for _ in range(n_workers)]
        for t in self.threads:
            t.start()

    def _work(self):
        while True:
            item = self._tasks.get()
            if item is None:
                return
            future, fn, args, kwargs = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:
                future.set_exception(exc)

    def submit(self, fn, /, *args, **kwargs):
        if not callable(fn):
            raise TypeError("fn 必须可调用")
        if self._closed:
            raise RuntimeError("线程池已关闭")
        future = Future()
        self._tasks.put((future, fn, args, kwargs))
        return future

    def shutdown(self, wait=True):
        if not self._closed:
            self._closed = True
            while True:
                try:
                    self._tasks.get_nowait()
                except queue.Empty:
                    break
            for _ in self.threads:
                self._tasks.put(None)
        if wait:
            for t in self.threads:
                t.join()
""",
    },
    'ch07_rwlock': {
        'reader_preference': """\
# 错误：读者只看有没有写者持有，不管有没有写者在等——读者源源不断时写者会饿死
from contextlib import contextmanager


def _rw_timeout(timeout):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class RWLock:
    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = None
        self._writers_waiting = 0

    @property
    def writers_waiting(self):
        with self._cond:
            return self._writers_waiting

    def acquire_read(self, timeout=None):
        timeout = _rw_timeout(timeout)
        with self._cond:
            ok = self._cond.wait_for(lambda: self._writer is None, timeout)
            if ok:
                self._readers += 1
            return ok

    def release_read(self):
        with self._cond:
            if self._readers == 0:
                raise RuntimeError("没有读者持有读锁")
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()

    def acquire_write(self, timeout=None):
        timeout = _rw_timeout(timeout)
        with self._cond:
            self._writers_waiting += 1
            try:
                ok = self._cond.wait_for(lambda: self._writer is None and self._readers == 0, timeout)
            finally:
                self._writers_waiting -= 1
            if ok:
                self._writer = threading.get_ident()
            return ok

    def release_write(self):
        with self._cond:
            if self._writer != threading.get_ident():
                raise RuntimeError("当前线程没有持有写锁")
            self._writer = None
            self._cond.notify_all()

    @contextmanager
    def read_locked(self):
        self.acquire_read()
        try:
            yield self
        finally:
            self.release_read()

    @contextmanager
    def write_locked(self):
        self.acquire_write()
        try:
            yield self
        finally:
            self.release_write()
""",
        'single_mutex': """\
# 错误：读锁和写锁用同一把互斥锁，读者也互相排斥（不再是读写锁）
from contextlib import contextmanager


def _rw_timeout(timeout):
    if timeout is None:
        return -1
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class RWLock:
    def __init__(self):
        self._lock = threading.Lock()
        self._readers = 0
        self._writer = None
        self.writers_waiting = 0

    def acquire_read(self, timeout=None):
        ok = self._lock.acquire(timeout=_rw_timeout(timeout))
        if ok:
            self._readers += 1
        return ok

    def release_read(self):
        if self._readers == 0:
            raise RuntimeError("没有读者持有读锁")
        self._readers -= 1
        self._lock.release()

    def acquire_write(self, timeout=None):
        ok = self._lock.acquire(timeout=_rw_timeout(timeout))
        if ok:
            self._writer = threading.get_ident()
        return ok

    def release_write(self):
        if self._writer != threading.get_ident():
            raise RuntimeError("当前线程没有持有写锁")
        self._writer = None
        self._lock.release()

    @contextmanager
    def read_locked(self):
        self.acquire_read()
        try:
            yield self
        finally:
            self.release_read()

    @contextmanager
    def write_locked(self):
        self.acquire_write()
        try:
            yield self
        finally:
            self.release_write()
""",
        'timed_out_writer_still_waiting': """\
# 错误：写者超时放弃时忘了把自己从「等待的写者」里减掉，之后的读者被永远挡住
from contextlib import contextmanager


def _rw_timeout(timeout):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class RWLock:
    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = None
        self._writers_waiting = 0

    @property
    def writers_waiting(self):
        with self._cond:
            return self._writers_waiting

    def acquire_read(self, timeout=None):
        timeout = _rw_timeout(timeout)
        with self._cond:
            ok = self._cond.wait_for(lambda: self._writer is None and self._writers_waiting == 0, timeout)
            if ok:
                self._readers += 1
            return ok

    def release_read(self):
        with self._cond:
            if self._readers == 0:
                raise RuntimeError("没有读者持有读锁")
            self._readers -= 1
            if self._readers == 0:
                self._cond.notify_all()

    def acquire_write(self, timeout=None):
        timeout = _rw_timeout(timeout)
        with self._cond:
            self._writers_waiting += 1
            ok = self._cond.wait_for(lambda: self._writer is None and self._readers == 0, timeout)
            if ok:
                self._writers_waiting -= 1
                self._writer = threading.get_ident()
            return ok

    def release_write(self):
        with self._cond:
            if self._writer != threading.get_ident():
                raise RuntimeError("当前线程没有持有写锁")
            self._writer = None
            self._cond.notify_all()

    @contextmanager
    def read_locked(self):
        self.acquire_read()
        try:
            yield self
        finally:
            self.release_read()

    @contextmanager
    def write_locked(self):
        self.acquire_write()
        try:
            yield self
        finally:
            self.release_write()
""",
        'writer_ignores_readers': """\
# 错误：写者只等别的写者，不等读者走光，读写同时进行
from contextlib import contextmanager


def _rw_timeout(timeout):
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是 None 或数字")
    if timeout < 0:
        raise ValueError("timeout 不能为负")
    return timeout


class RWLock:
    def __init__(self):
        self._cond = threading.Condition()
        self._readers = 0
        self._writer = None
        self._writers_waiting = 0

    @property
    def writers_waiting(self):
        with self._cond:
            return self._writers_waiting

    def acquire_read(self, timeout=None):
        timeout = _rw_timeout(timeout)
        with self._cond:
            ok = self._cond.wait_for(lambda: self._writer is None and self._writers_waiting == 0, timeout)
            if ok:
                self._readers += 1
            return ok

    def release_read(self):
        with self._cond:
            if self._readers == 0:
                raise RuntimeError("没有读者持有读锁")
            self._readers -= 1
            self._cond.notify_all()

    def acquire_write(self, timeout=None):
        timeout = _rw_timeout(timeout)
        with self._cond:
            self._writers_waiting += 1
            try:
                ok = self._cond.wait_for(lambda: self._writer is None, timeout)
            finally:
                self._writers_waiting -= 1
            if ok:
                self._writer = threading.get_ident()
            else:
                self._cond.notify_all()
            return ok

    def release_write(self):
        with self._cond:
            if self._writer != threading.get_ident():
                raise RuntimeError("当前线程没有持有写锁")
            self._writer = None
            self._cond.notify_all()

    @contextmanager
    def read_locked(self):
        self.acquire_read()
        try:
            yield self
        finally:
            self.release_read()

    @contextmanager
    def write_locked(self):
        self.acquire_write()
        try:
            yield self
        finally:
            self.release_write()
""",
    },
}
