"""第 9 章（协程与 asyncio）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch09_race': {
        'gather_all': """\
# 错误：用 gather 等所有任务都结束，再取第一个结果——既不是「先结束者」，也要等最慢的
async def race(aws):
    aws = list(aws)
    if not aws:
        raise ValueError("aws 不能为空")
    results = await asyncio.gather(*aws)
    return results[0]
""",
        'no_cancel': """\
# 错误：拿到第一个结果就返回，落后者没有取消，还在后台运行
async def race(aws):
    aws = list(aws)
    if not aws:
        raise ValueError("aws 不能为空")
    for aw in aws:
        if not inspect.isawaitable(aw):
            raise TypeError(aw)
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    return next(t for t in tasks if t in done).result()
""",
        'cancel_without_waiting': """\
# 错误：cancel() 了落后者但没有等它们结束，返回时它们的 finally 还没执行
async def race(aws):
    aws = list(aws)
    if not aws:
        raise ValueError("aws 不能为空")
    for aw in aws:
        if not inspect.isawaitable(aw):
            raise TypeError(aw)
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    for t in pending:
        t.cancel()
    return next(t for t in tasks if t in done).result()
""",
        'first_success_only': """\
# 错误：忽略失败的任务、一直等到有人成功（「第一个成功者」），没有按要求抛出第一个结束者的异常
async def race(aws):
    aws = list(aws)
    if not aws:
        raise ValueError("aws 不能为空")
    for aw in aws:
        if not inspect.isawaitable(aw):
            raise TypeError(aw)
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    try:
        for fut in asyncio.as_completed(tasks):
            try:
                return await fut
            except Exception:
                continue
        raise RuntimeError("全部失败")
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
""",
        'not_cancelled_with_outer': """\
# 错误：用 shield 保护子任务，race 自己被取消时子任务仍在运行
async def race(aws):
    aws = list(aws)
    if not aws:
        raise ValueError("aws 不能为空")
    for aw in aws:
        if not inspect.isawaitable(aw):
            raise TypeError(aw)
    tasks = [asyncio.ensure_future(aw) for aw in aws]
    done, _ = await asyncio.shield(asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED))
    winner = next(t for t in tasks if t in done)
    for t in tasks:
        if not t.done():
            t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return winner.result()
""",
    },
    'ch09_retry': {
        'reuse_coroutine': """\
# 错误：只调用一次 make_call()，之后反复 await 同一个协程（协程只能 await 一次）
async def retry(make_call, *, attempts=3, timeout=1.0, base_delay=0.1,
                retry_on=(OSError, asyncio.TimeoutError), sleep=asyncio.sleep):
    if not callable(make_call) or isinstance(attempts, bool) or not isinstance(attempts, int):
        raise TypeError("参数类型不对")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout")
    if isinstance(base_delay, bool) or not isinstance(base_delay, (int, float)):
        raise TypeError("base_delay")
    if attempts < 1 or timeout <= 0 or base_delay < 0:
        raise ValueError("参数取值不对")
    call = make_call()
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.wait_for(call, timeout)
        except retry_on:
            if attempt == attempts:
                raise
        await sleep(base_delay * 2 ** (attempt - 1))
""",
        'linear_backoff': """\
# 错误：线性退避 base_delay * k，而不是指数退避
async def retry(make_call, *, attempts=3, timeout=1.0, base_delay=0.1,
                retry_on=(OSError, asyncio.TimeoutError), sleep=asyncio.sleep):
    if not callable(make_call) or isinstance(attempts, bool) or not isinstance(attempts, int):
        raise TypeError("参数类型不对")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout")
    if isinstance(base_delay, bool) or not isinstance(base_delay, (int, float)):
        raise TypeError("base_delay")
    if attempts < 1 or timeout <= 0 or base_delay < 0:
        raise ValueError("参数取值不对")
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.wait_for(make_call(), timeout)
        except retry_on:
            if attempt == attempts:
                raise
        await sleep(base_delay * attempt)
""",
        'sleep_after_last': """\
# 错误：最后一次失败之后还要等一次退避，白白拖延报错
async def retry(make_call, *, attempts=3, timeout=1.0, base_delay=0.1,
                retry_on=(OSError, asyncio.TimeoutError), sleep=asyncio.sleep):
    if not callable(make_call) or isinstance(attempts, bool) or not isinstance(attempts, int):
        raise TypeError("参数类型不对")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout")
    if isinstance(base_delay, bool) or not isinstance(base_delay, (int, float)):
        raise TypeError("base_delay")
    if attempts < 1 or timeout <= 0 or base_delay < 0:
        raise ValueError("参数取值不对")
    last = None
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.wait_for(make_call(), timeout)
        except retry_on as exc:
            last = exc
        await sleep(base_delay * 2 ** (attempt - 1))
    raise last
""",
        'retry_everything': """\
# 错误：except BaseException 什么都重试——ValueError 也重试，连 CancelledError 都被吞掉重试
async def retry(make_call, *, attempts=3, timeout=1.0, base_delay=0.1,
                retry_on=(OSError, asyncio.TimeoutError), sleep=asyncio.sleep):
    if not callable(make_call) or isinstance(attempts, bool) or not isinstance(attempts, int):
        raise TypeError("参数类型不对")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout")
    if isinstance(base_delay, bool) or not isinstance(base_delay, (int, float)):
        raise TypeError("base_delay")
    if attempts < 1 or timeout <= 0 or base_delay < 0:
        raise ValueError("参数取值不对")
    for attempt in range(1, attempts + 1):
        try:
            return await asyncio.wait_for(make_call(), timeout)
        except BaseException:
            if attempt == attempts:
                raise
        await sleep(base_delay * 2 ** (attempt - 1))
""",
        'no_per_attempt_timeout': """\
# 错误：没有给每次尝试设超时，下游一直不回复时整个 retry 挂死
async def retry(make_call, *, attempts=3, timeout=1.0, base_delay=0.1,
                retry_on=(OSError, asyncio.TimeoutError), sleep=asyncio.sleep):
    if not callable(make_call) or isinstance(attempts, bool) or not isinstance(attempts, int):
        raise TypeError("参数类型不对")
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout")
    if isinstance(base_delay, bool) or not isinstance(base_delay, (int, float)):
        raise TypeError("base_delay")
    if attempts < 1 or timeout <= 0 or base_delay < 0:
        raise ValueError("参数取值不对")
    for attempt in range(1, attempts + 1):
        try:
            return await make_call()
        except retry_on:
            if attempt == attempts:
                raise
        await sleep(base_delay * 2 ** (attempt - 1))
""",
    },
    'ch09_fetch_all': {
        'unbounded_gather': """\
# 错误：直接 gather 全部请求，没有限制并发数
async def fetch_all(address, payloads, limit, timeout=2.0):
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError("limit")
    if limit < 1:
        raise ValueError("limit")
    payloads = list(payloads)
    for p in payloads:
        if not isinstance(p, str):
            raise TypeError(p)
        if "\\n" in p:
            raise ValueError(p)
    return list(await asyncio.gather(*(afetch(address, p, timeout=timeout) for p in payloads)))
""",
        'semaphore_per_task': """\
# 错误：在每个任务里各建一个 Semaphore，每把锁只有自己用，等于没有限制
async def fetch_all(address, payloads, limit, timeout=2.0):
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError("limit")
    if limit < 1:
        raise ValueError("limit")
    payloads = list(payloads)
    for p in payloads:
        if not isinstance(p, str):
            raise TypeError(p)
        if "\\n" in p:
            raise ValueError(p)

    async def one(p):
        async with asyncio.Semaphore(limit):
            return await afetch(address, p, timeout=timeout)

    tasks = [asyncio.ensure_future(one(p)) for p in payloads]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
""",
        'batches': """\
# 错误：按 limit 个一批发送，整批完成才发下一批——一个慢请求拖住整批
async def fetch_all(address, payloads, limit, timeout=2.0):
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError("limit")
    if limit < 1:
        raise ValueError("limit")
    payloads = list(payloads)
    for p in payloads:
        if not isinstance(p, str):
            raise TypeError(p)
        if "\\n" in p:
            raise ValueError(p)
    out = []
    for i in range(0, len(payloads), limit):
        out += await asyncio.gather(*(afetch(address, p, timeout=timeout) for p in payloads[i:i + limit]))
    return out
""",
        'completion_order': """\
# 错误：用 as_completed 收集结果，得到的是完成顺序，不是 payloads 的顺序
async def fetch_all(address, payloads, limit, timeout=2.0):
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError("limit")
    if limit < 1:
        raise ValueError("limit")
    payloads = list(payloads)
    for p in payloads:
        if not isinstance(p, str):
            raise TypeError(p)
        if "\\n" in p:
            raise ValueError(p)
    sem = asyncio.Semaphore(limit)

    async def one(p):
        async with sem:
            return await afetch(address, p, timeout=timeout)

    tasks = [asyncio.ensure_future(one(p)) for p in payloads]
    try:
        return [await f for f in asyncio.as_completed(tasks)]
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
""",
        'no_cancel_on_failure': """\
# 错误：Semaphore + gather 是对的，但一个请求失败后没有取消其余任务，它们继续向服务器发请求
async def fetch_all(address, payloads, limit, timeout=2.0):
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError("limit")
    if limit < 1:
        raise ValueError("limit")
    payloads = list(payloads)
    for p in payloads:
        if not isinstance(p, str):
            raise TypeError(p)
        if "\\n" in p:
            raise ValueError(p)
    sem = asyncio.Semaphore(limit)

    async def one(p):
        async with sem:
            return await afetch(address, p, timeout=timeout)

    return list(await asyncio.gather(*(one(p) for p in payloads)))
""",
        'forgets_release': """\
# 错误（会卡住）：手动 acquire 信号量，却忘了 release——发完 limit 个请求以后，其余任务永远等下去
async def fetch_all(address, payloads, limit, timeout=2.0):
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise TypeError("limit")
    if limit < 1:
        raise ValueError("limit")
    payloads = list(payloads)
    for p in payloads:
        if not isinstance(p, str):
            raise TypeError(p)
        if "\\n" in p:
            raise ValueError(p)
    sem = asyncio.Semaphore(limit)

    async def one(p):
        await sem.acquire()
        return await afetch(address, p, timeout=timeout)

    tasks = [asyncio.ensure_future(one(p)) for p in payloads]
    try:
        return list(await asyncio.gather(*tasks))
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
""",
    },
    'ch09_token_bucket': {
        'refill_only_on_success': """\
# 错误：每次都把补充的令牌加进去，但只有拿到令牌时才更新「上次时间」——失败之后同一段时间被重复补充
class TokenBucket:
    def __init__(self, rate, capacity, clock=time.monotonic):
        for v in (rate, capacity):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError("需要数字")
            if v <= 0:
                raise ValueError("需要 > 0")
        if not callable(clock):
            raise TypeError("clock")
        self.rate, self.capacity, self._clock = float(rate), float(capacity), clock
        self._tokens, self._last = self.capacity, clock()

    def _refill(self):
        self._tokens = min(self.capacity, self._tokens + (self._clock() - self._last) * self.rate)

    def _check(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            raise TypeError("n")
        if n <= 0 or n > self.capacity:
            raise ValueError("n")

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_acquire(self, n=1):
        self._check(n)
        self._refill()
        if self._tokens >= n - 1e-9:
            self._tokens -= n
            self._last = self._clock()
            return True
        return False

    async def acquire(self, n=1, sleep=asyncio.sleep):
        self._check(n)
        while not self.try_acquire(n):
            await sleep((n - self._tokens) / self.rate)
""",
        'no_capacity_cap': """\
# 错误：补充令牌时没有封顶，空闲很久之后可以一次突发任意多个请求
class TokenBucket:
    def __init__(self, rate, capacity, clock=time.monotonic):
        for v in (rate, capacity):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError("需要数字")
            if v <= 0:
                raise ValueError("需要 > 0")
        if not callable(clock):
            raise TypeError("clock")
        self.rate, self.capacity, self._clock = float(rate), float(capacity), clock
        self._tokens, self._last = self.capacity, clock()

    def _refill(self):
        now = self._clock()
        self._tokens += (now - self._last) * self.rate
        self._last = now

    def _check(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            raise TypeError("n")
        if n <= 0 or n > self.capacity:
            raise ValueError("n")

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_acquire(self, n=1):
        self._check(n)
        self._refill()
        if self._tokens >= n - 1e-9:
            self._tokens -= n
            return True
        return False

    async def acquire(self, n=1, sleep=asyncio.sleep):
        self._check(n)
        while not self.try_acquire(n):
            await sleep((n - self._tokens) / self.rate)
""",
        'poll_fixed_interval': """\
# 错误：acquire 用固定的 1/rate 秒轮询，而不是恰好等缺口所需的时间（拿 n 个令牌时等得不对）
class TokenBucket:
    def __init__(self, rate, capacity, clock=time.monotonic):
        for v in (rate, capacity):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError("需要数字")
            if v <= 0:
                raise ValueError("需要 > 0")
        if not callable(clock):
            raise TypeError("clock")
        self.rate, self.capacity, self._clock = float(rate), float(capacity), clock
        self._tokens, self._last = self.capacity, clock()

    def _refill(self):
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def _check(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            raise TypeError("n")
        if n <= 0 or n > self.capacity:
            raise ValueError("n")

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_acquire(self, n=1):
        self._check(n)
        self._refill()
        if self._tokens >= n - 1e-9:
            self._tokens -= n
            return True
        return False

    async def acquire(self, n=1, sleep=asyncio.sleep):
        self._check(n)
        while not self.try_acquire(n):
            await sleep(0.3 / self.rate)
""",
        'partial_consume': """\
# 错误：令牌不够时也把现有的扣光（或扣成负数），失败的调用改变了状态
class TokenBucket:
    def __init__(self, rate, capacity, clock=time.monotonic):
        for v in (rate, capacity):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError("需要数字")
            if v <= 0:
                raise ValueError("需要 > 0")
        if not callable(clock):
            raise TypeError("clock")
        self.rate, self.capacity, self._clock = float(rate), float(capacity), clock
        self._tokens, self._last = self.capacity, clock()

    def _refill(self):
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + (now - self._last) * self.rate)
        self._last = now

    def _check(self, n):
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            raise TypeError("n")
        if n <= 0 or n > self.capacity:
            raise ValueError("n")

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_acquire(self, n=1):
        self._check(n)
        self._refill()
        ok = self._tokens >= n - 1e-9
        self._tokens = max(0.0, self._tokens - n)
        return ok

    async def acquire(self, n=1, sleep=asyncio.sleep):
        self._check(n)
        while not self.try_acquire(n):
            await sleep((n - self._tokens) / self.rate)
""",
        'busy_wait_acquire': """\
# 错误（会卡住）：acquire 不 await sleep，而是在循环里反复 try_acquire 忙等——
# 事件循环被占住，时钟永远不会前进（在真实世界里就是把 CPU 和所有别的任务都饿死）
class TokenBucket:
    def __init__(self, rate, capacity, clock=time.monotonic):
        for v in (rate, capacity):
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise TypeError("需要数字")
            if v <= 0:
                raise ValueError("需要 > 0")
        if not callable(clock):
            raise TypeError("clock")
        self.rate, self.capacity, self._clock = float(rate), float(capacity), clock
        self._tokens, self._last = self.capacity, clock()

    def _refill(self):
        now = self._clock()
        self._tokens = min(self.capacity, self._tokens + max(0.0, now - self._last) * self.rate)
        self._last = now

    @property
    def tokens(self):
        self._refill()
        return self._tokens

    def try_acquire(self, n=1):
        if isinstance(n, bool) or not isinstance(n, (int, float)):
            raise TypeError("n")
        if n <= 0 or n > self.capacity:
            raise ValueError("n")
        self._refill()
        if self._tokens >= n - 1e-9:
            self._tokens -= n
            return True
        return False

    async def acquire(self, n=1, sleep=asyncio.sleep):
        while not self.try_acquire(n):
            pass
""",
    },
    'ch09_pipeline': {
        'unbounded_prefetch': """\
# 错误：先 list(items) 把所有元素一次取出来塞进无界队列，生产者没有背压
async def run_pipeline(items, worker, *, n_workers=3, maxsize=2):
    if not callable(worker):
        raise TypeError("worker")
    for v in (n_workers, maxsize):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("需要 int")
        if v < 1:
            raise ValueError("需要 >= 1")
    q = asyncio.Queue()
    for job in enumerate(list(items)):
        q.put_nowait(job)
    results = {}

    async def consume():
        while not q.empty():
            index, item = q.get_nowait()
            results[index] = await worker(item)

    tasks = [asyncio.ensure_future(consume()) for _ in range(n_workers)]
    try:
        await asyncio.gather(*tasks)
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return [results[i] for i in range(len(results))]
""",
        'completion_order': """\
# 错误：结果按完成顺序追加到列表里，而不是按 items 的顺序
async def run_pipeline(items, worker, *, n_workers=3, maxsize=2):
    if not callable(worker):
        raise TypeError("worker")
    for v in (n_workers, maxsize):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("需要 int")
        if v < 1:
            raise ValueError("需要 >= 1")
    q = asyncio.Queue(maxsize)
    results = []

    async def produce():
        for item in items:
            await q.put(item)
        for _ in range(n_workers):
            await q.put(None)

    async def consume():
        while (item := await q.get()) is not None:
            results.append(await worker(item))

    tasks = [asyncio.ensure_future(produce())] + [asyncio.ensure_future(consume()) for _ in range(n_workers)]
    try:
        await asyncio.gather(*tasks)
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return results
""",
        'single_sentinel': """\
# 错误：只放一个哨兵，只有一个消费者能退出，其余消费者永远在等 get()
async def run_pipeline(items, worker, *, n_workers=3, maxsize=2):
    if not callable(worker):
        raise TypeError("worker")
    for v in (n_workers, maxsize):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("需要 int")
        if v < 1:
            raise ValueError("需要 >= 1")
    q = asyncio.Queue(maxsize)
    results = {}
    stop = object()

    async def produce():
        for job in enumerate(items):
            await q.put(job)
        await q.put(stop)

    async def consume():
        while (job := await q.get()) is not stop:
            index, item = job
            results[index] = await worker(item)

    tasks = [asyncio.ensure_future(produce())] + [asyncio.ensure_future(consume()) for _ in range(n_workers)]
    await asyncio.gather(*tasks)
    return [results[i] for i in range(len(results))]
""",
        'join_and_leave_workers': """\
# 错误：用 queue.join() 等处理完就返回，消费者任务没有取消，一直挂在 get() 上；出错时 join() 也等不到
async def run_pipeline(items, worker, *, n_workers=3, maxsize=2):
    if not callable(worker):
        raise TypeError("worker")
    for v in (n_workers, maxsize):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("需要 int")
        if v < 1:
            raise ValueError("需要 >= 1")
    q = asyncio.Queue(maxsize)
    results = {}

    async def consume():
        while True:
            index, item = await q.get()
            try:
                results[index] = await worker(item)
            finally:
                q.task_done()

    workers = [asyncio.ensure_future(consume()) for _ in range(n_workers)]
    for job in enumerate(items):
        await q.put(job)
    await q.join()
    return [results[i] for i in range(len(results))]
""",
        'no_cancel_on_error': """\
# 错误：worker 出错时直接把异常抛出去，没有取消生产者和其他消费者，它们继续处理新元素
async def run_pipeline(items, worker, *, n_workers=3, maxsize=2):
    if not callable(worker):
        raise TypeError("worker")
    for v in (n_workers, maxsize):
        if isinstance(v, bool) or not isinstance(v, int):
            raise TypeError("需要 int")
        if v < 1:
            raise ValueError("需要 >= 1")
    q = asyncio.Queue(maxsize)
    results = {}
    stop = object()

    async def produce():
        for job in enumerate(items):
            await q.put(job)
        for _ in range(n_workers):
            await q.put(stop)

    async def consume():
        while (job := await q.get()) is not stop:
            index, item = job
            results[index] = await worker(item)

    await asyncio.gather(produce(), *(consume() for _ in range(n_workers)))
    return [results[i] for i in range(len(results))]
""",
    },
}
