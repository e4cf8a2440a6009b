"""course/servers.py：回环服务器一定关闭、客户端一定超时、计数正确。每个测试结束时不能留下线程。"""
from __future__ import annotations

import asyncio
import socket
import threading

import pytest

from course import servers
from course.servers import DelayServer, afetch, fetch, run_sync, server_threads


@pytest.fixture(autouse=True)
def no_leftover_threads():
    before = set(threading.enumerate())
    yield
    assert server_threads() == [], f"测试结束后还有服务器线程：{server_threads()}"
    leaked = [t for t in threading.enumerate() if t not in before and t.is_alive()]
    assert leaked == [], f"测试留下了线程：{leaked}"


def test_listens_on_loopback_with_os_chosen_port_and_replies():
    with DelayServer(delay=0, reply=lambda t: t.upper()) as srv:
        host, port = srv.address
        assert host == "127.0.0.1" and port > 0
        assert srv.running and server_threads()
        assert fetch(srv.address, "hello", timeout=2) == "HELLO"
        assert srv.requests == 1 and srv.in_flight == 0 and srv.log == [("start", "hello"), ("end", "hello")]
    assert not srv.running
    with pytest.raises(OSError):  # 端口已经关闭
        socket.create_connection(srv.address, timeout=1).close()


def test_shuts_down_when_the_block_raises():
    with pytest.raises(KeyError):
        with DelayServer(delay=0) as srv:
            raise KeyError("boom")
    assert not srv.running


def test_shuts_down_with_a_request_still_hanging():
    with DelayServer(delay=lambda text: None) as srv:
        with pytest.raises(TimeoutError):
            fetch(srv.address, "never", timeout=0.2)
        assert srv.in_flight == 1
    assert not srv.running


def test_async_client_times_out_and_counts_concurrency():
    async def main(address):
        replies = await asyncio.gather(*(afetch(address, f"r{i}", timeout=3) for i in range(8)))
        try:
            await afetch(address, "hang", timeout=0.2)
        except asyncio.TimeoutError:
            timed_out = True
        else:
            timed_out = False
        return replies, timed_out

    delay = lambda text: None if text == "hang" else 0.2
    with DelayServer(delay=delay) as srv:
        replies, timed_out = run_sync(main, srv.address, timeout=10)
        assert replies == [f"r{i}" for i in range(8)]
        assert timed_out
        assert srv.max_in_flight >= 8 and srv.requests == 9
        srv.reset_stats()
        assert (srv.requests, srv.max_in_flight, srv.log) == (0, 0, [])


def test_threads_and_sequential_clients_see_the_same_server():
    with DelayServer(delay=0.1) as srv:
        results = [None] * 6

        def work(i):
            results[i] = fetch(srv.address, str(i), timeout=3)

        threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(5)
        assert results == [str(i) for i in range(6)]
        assert srv.max_in_flight == 6
        srv.reset_stats()
        for i in range(3):
            fetch(srv.address, "s", timeout=3)
        assert srv.max_in_flight == 1 and srv.requests == 3


def test_one_connection_can_carry_several_requests():
    with DelayServer(delay=0) as srv:
        with socket.create_connection(srv.address, timeout=2) as sock, sock.makefile("rwb") as f:
            for word in ("a", "b", "c"):
                f.write(word.encode() + b"\n")
                f.flush()
                assert f.readline() == word.encode() + b"\n"


def test_argument_errors():
    with pytest.raises(ValueError):
        DelayServer(delay=-1)
    with pytest.raises(TypeError):
        DelayServer(delay="1")
    with DelayServer(delay=0) as srv:
        with pytest.raises(ValueError):
            fetch(srv.address, "two\nlines")
        with pytest.raises(TypeError):
            fetch(srv.address, b"bytes")
        with pytest.raises(ValueError):
            fetch(srv.address, "x", timeout=0)
        with pytest.raises(RuntimeError):
            srv.start()  # 只能启动一次
    srv.stop()  # 重复 stop 没有副作用
    with pytest.raises(RuntimeError):
        DelayServer().address


def test_run_sync_returns_raises_and_times_out():
    async def add(a, b):
        await asyncio.sleep(0)
        return a + b

    async def fail():
        raise ValueError("bad")

    async def forever():
        await asyncio.Event().wait()

    assert run_sync(add, 1, 2) == 3
    with pytest.raises(ValueError):
        run_sync(fail)
    with pytest.raises(TimeoutError):
        run_sync(forever, timeout=0.2)


def test_module_has_no_dependencies_beyond_stdlib():
    import ast
    import sys

    tree = ast.parse(open(servers.__file__, encoding="utf-8").read())
    names = {a.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    names |= {node.module.split(".")[0] for node in ast.walk(tree)
              if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    assert names <= set(sys.stdlib_module_names) | {"__future__"}, names


# ---- 第 10 章：TCP / UDP 回显、wsgiref 服务器、http_request

from course.servers import TCPEchoServer, UDPEchoServer, WSGIServer, http_request  # noqa: E402


def _recv_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        assert chunk, "连接提前关闭"
        data += chunk
    return data


def test_tcp_echo_serves_several_connections_and_closes():
    with TCPEchoServer() as srv:
        assert srv.address[0] == "127.0.0.1" and srv.running
        socks = [socket.create_connection(srv.address, timeout=2) for _ in range(3)]
        try:
            for i, s in enumerate(socks):
                s.sendall(f"msg{i}".encode())
            for i, s in enumerate(socks):
                assert _recv_exactly(s, 4) == f"msg{i}".encode()
        finally:
            for s in socks:
                s.close()
        assert srv.connections == 3
    assert not srv.running
    with pytest.raises(OSError):
        socket.create_connection(srv.address, timeout=1).close()


def test_tcp_echo_stops_with_a_client_still_connected():
    with TCPEchoServer() as srv:
        sock = socket.create_connection(srv.address, timeout=2)
        sock.sendall(b"x")
        assert _recv_exactly(sock, 1) == b"x"
    assert not srv.running
    sock.close()


def test_tcp_echo_in_chunks_splits_the_reply():
    with TCPEchoServer(chunk=2, chunk_pause=0.01) as srv:
        with socket.create_connection(srv.address, timeout=2) as sock:
            sock.sendall(b"abcdef")
            first = sock.recv(100)
            assert 1 <= len(first) < 6
            assert first + _recv_exactly(sock, 6 - len(first)) == b"abcdef"
    with pytest.raises(ValueError):
        TCPEchoServer(chunk=0)
    with pytest.raises(TypeError):
        TCPEchoServer(chunk="2")


def test_udp_echo_keeps_datagram_boundaries():
    with UDPEchoServer() as srv:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            sock.settimeout(2)
            sock.sendto(b"one", srv.address)
            sock.sendto(b"two", srv.address)
            assert [sock.recvfrom(100)[0] for _ in range(2)] == [b"one", b"two"]
        assert srv.received == [b"one", b"two"]
    assert not srv.running


@pytest.mark.parametrize("threaded", [True, False])
def test_wsgi_server_serves_app_and_records_errors_silently(threaded, capfd):
    def app(environ, start_response):
        if environ["PATH_INFO"] == "/boom":
            raise KeyError("boom")
        body = f"{environ['REQUEST_METHOD']} {environ['PATH_INFO']} {environ['QUERY_STRING']}".encode()
        start_response("200 OK", [("Content-Type", "text/plain"), ("X-Multi", "a"), ("X-Multi", "b")])
        return [body]

    with WSGIServer(app, threaded=threaded) as srv:
        status, headers, body = http_request(srv.address, "GET", "/p?q=1", timeout=2)
        assert (status, body) == (200, b"GET /p q=1")
        assert headers["content-type"] == "text/plain" and headers["x-multi"] == "a, b"
        status, _, _ = http_request(srv.address, "POST", "/boom", body=b"x", timeout=2)
        assert status == 500
        assert len(srv.app_errors) == 1 and isinstance(srv.app_errors[0], KeyError)
        with pytest.raises(KeyError):
            srv.raise_app_error()
    assert not srv.running
    out, err = capfd.readouterr()
    assert err == "" and out == "", "wsgiref 的日志和堆栈不能写到 stdout/stderr"


def test_wsgi_threaded_server_overlaps_slow_requests():
    import time as _time

    active, peak, lock = [0], [0], threading.Lock()

    def app(environ, start_response):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        _time.sleep(0.1)
        with lock:
            active[0] -= 1
        start_response("200 OK", [])
        return [b"ok"]

    for threaded, expect in ((True, 4), (False, 1)):
        peak[0] = 0
        with WSGIServer(app, threaded=threaded) as srv:
            results = []
            threads = [threading.Thread(target=lambda: results.append(http_request(srv.address, timeout=5)[0]))
                       for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(5)
            assert results == [200] * 4
        assert peak[0] == expect


def test_wsgi_and_http_request_argument_errors():
    with pytest.raises(TypeError):
        WSGIServer("not an app")
    with WSGIServer(lambda e, s: []) as srv:
        with pytest.raises(ValueError):
            http_request(srv.address, timeout=0)
