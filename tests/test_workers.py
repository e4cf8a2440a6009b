"""course/workers.py 的单元测试：在本进程里直接调用，再用 spawn 子进程确认它们可以被 import 执行。不计时。"""
from __future__ import annotations

import multiprocessing as mp
import os
import pickle

import pytest

from course import workers


def test_pure_helpers():
    assert workers.square(7) == 49
    assert workers.burn(10) == sum(i * i for i in range(10)) % 1_000_003
    assert workers.tag(3) == (3, os.getpid())
    assert workers.late_zero(2) == (2, os.getpid())
    assert workers.map_chunk(workers.square, 5, [1, 2, 3]) == (5, [1, 4, 9])


def test_every_export_pickles_by_name():
    for name in workers.__all__:
        func = getattr(workers, name)
        assert pickle.loads(pickle.dumps(func)) is func


def test_count_words_needs_initializer(monkeypatch):
    monkeypatch.setattr(workers, "_STOPWORDS", None)
    with pytest.raises(RuntimeError):
        workers.count_words("a b")
    monkeypatch.setattr(workers, "_LOADS", 0)
    workers.init_stopwords(["the"])
    assert workers.count_words("The cat the CAT dog") == {"cat": 2, "dog": 1}
    assert workers.loads_here() == (os.getpid(), 1)


def test_counters_in_one_process():
    v = mp.Value("i", 0)
    workers.add_unlocked(v, 10)
    workers.add_locked(v, 10)
    assert v.value == 20


def test_pipe_and_queue_workers_in_threads():
    import queue
    import threading

    a, b = mp.Pipe()
    t = threading.Thread(target=workers.echo_server, args=(b,))
    t.start()
    a.send("hi")
    assert a.poll(5) and a.recv() == (os.getpid(), "hi")
    a.send(None)
    t.join(5)
    assert not t.is_alive()

    inbox, outbox = queue.Queue(), queue.Queue()
    t = threading.Thread(target=workers.queue_echo, args=(inbox, outbox))
    t.start()
    inbox.put(1)
    assert outbox.get(timeout=5) == 1
    inbox.put(None)
    t.join(5)
    assert not t.is_alive()

    q, done = queue.Queue(), queue.Queue()
    for i in range(3):
        q.put(i)
    workers.drain_queue(q, 3, done)
    assert done.get(timeout=1) == 3


def test_shared_memory_and_spawn_pool():
    from multiprocessing import shared_memory

    shm = shared_memory.SharedMemory(create=True, size=4)
    try:
        workers.fill_shared(shm.name, 1, 3, 9)
        assert bytes(shm.buf[:4]) == b"\x00\x09\x09\x00"
    finally:
        shm.close()
        shm.unlink()

    ctx = mp.get_context("spawn")
    with ctx.Pool(2, initializer=workers.init_stopwords, initargs=({"a"},)) as pool:
        assert pool.map_async(workers.square, range(5)).get(timeout=60) == [0, 1, 4, 9, 16]
        assert pool.apply_async(workers.count_words, ("a b b",)).get(timeout=60) == {"b": 2}
        loads = dict(pool.map_async(workers.loads_here, range(10), chunksize=1).get(timeout=60))
        assert set(loads.values()) == {1} and os.getpid() not in loads


def test_helpers_added_for_chapter_8():
    import hashlib
    import threading

    workers.noop()
    block = b"\x5a" * (1 << 20)
    h = hashlib.sha256(b"")
    h.update(block)
    first = h.digest()
    h = hashlib.sha256(first)
    h.update(block)
    assert workers.hash_blocks(2) == h.hexdigest()
    assert workers.hash_blocks(0) == ""

    arr = mp.Array("i", [1, 2, 3])
    workers.double_array(arr)
    assert arr[:] == [2, 4, 6]

    sem, active, peak = threading.Semaphore(1), mp.Value("i", 0), mp.Value("i", 0)
    workers.hold_semaphore(sem, active, peak, 0)
    assert (active.value, peak.value) == (0, 1)

    assert workers.mark() is None

    go = mp.Event()
    go.set()
    v = mp.Value("i", 0)
    workers.add_unlocked(v, 3, go)
    workers.add_locked(v, 3, go)
    assert v.value == 6


def test_handshakes_for_benchmarks():
    import queue

    q, done = queue.Queue(), queue.Queue()
    q.put("x")
    workers.drain_queue(q, 1, done, announce=True)
    assert [done.get(timeout=1), done.get(timeout=1)] == ["ready", 1]

    a, b = mp.Pipe()
    a.send("m")
    workers.pipe_sink(b, 1)
    assert a.recv() == "ready" and a.recv() == 1
