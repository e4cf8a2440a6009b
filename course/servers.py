"""网络章节用的回环（loopback）服务器：只监听 127.0.0.1，端口由操作系统分配。

每个服务器在后台线程里运行，用作上下文管理器；离开 ``with`` 时**一定**关闭
（包括块内抛异常时），关不掉就抛 ``RuntimeError``，而不是悄悄留下线程::

    from course.servers import DelayServer, fetch
    with DelayServer(delay=0.05) as srv:          # 每个请求等 0.05 秒再回复
        fetch(srv.address, "hello")               # 'hello'（同步客户端，带超时）
        srv.max_in_flight                         # 服务器端数出来的最大并发请求数

同一个服务器可以被同步代码、线程和 asyncio 使用：客户端有同步的 :func:`fetch`
和异步的 :func:`afetch`，两者都有超时。笔记本里已经有一个正在运行的事件循环，
同步代码想跑一段 asyncio 程序时用 :func:`run_sync`（在新线程里开新的事件循环）。

结构：:class:`BackgroundServer` 负责线程的启动、就绪、关闭与超时；子类只实现
``_run``（在后台线程里阻塞运行）和 ``_shutdown``（从别的线程请求停止）。
:class:`AsyncioServer` 是基于 asyncio streams 的子类，:class:`DelayServer` 是
第 9 章用的「延迟回复」服务器。第 10 章的 :class:`TCPEchoServer`、
:class:`UDPEchoServer`（``socketserver``）和 :class:`WSGIServer`（``wsgiref``）
也是子类；:func:`http_request` 是带超时的 HTTP 客户端。

本模块只用标准库，支持 Python 3.10+。
"""
from __future__ import annotations

import asyncio
import http.client
import io
import itertools
import socket
import socketserver
import threading
import time
from wsgiref.simple_server import WSGIRequestHandler
from wsgiref.simple_server import WSGIServer as _WSGIServerBase
from typing import Any, Awaitable, Callable, Optional, Union

__all__ = [
    "HOST", "DEFAULT_TIMEOUT", "server_threads",
    "BackgroundServer", "AsyncioServer", "DelayServer",
    "fetch", "afetch", "run_sync",
    "TCPEchoServer", "UDPEchoServer", "WSGIServer", "http_request",
]

HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 5.0
THREAD_PREFIX = "course-server"
_ids = itertools.count(1)


def server_threads() -> list[threading.Thread]:
    """本模块启动、仍在运行的后台线程（测试用它断言没有泄漏）。"""
    return [t for t in threading.enumerate() if t.name.startswith(THREAD_PREFIX) and t.is_alive()]


class BackgroundServer:
    """在后台线程里运行的服务器。子类实现 ``_run(ready)`` 和 ``_shutdown()``。

    - ``_run(ready)`` 在后台线程里运行：绑定好端口后调用 ``ready((host, port))``，
      然后一直服务，直到 ``_shutdown()`` 让它返回。
    - ``_shutdown()`` 从其他线程调用，必须是非阻塞的、可以重复调用的。
    """

    kind = "server"

    def __init__(self, *, start_timeout: float = DEFAULT_TIMEOUT, stop_timeout: float = DEFAULT_TIMEOUT):
        if start_timeout <= 0 or stop_timeout <= 0:
            raise ValueError("start_timeout 和 stop_timeout 必须 > 0")
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self._address: Optional[tuple[str, int]] = None
        self._ready = threading.Event()
        self._error: Optional[BaseException] = None
        self._thread: Optional[threading.Thread] = None
        self._started = False

    # ---- 子类实现
    def _run(self, ready: Callable[[tuple[str, int]], None]) -> None:  # pragma: no cover - 抽象
        raise NotImplementedError

    def _shutdown(self) -> None:  # pragma: no cover - 抽象
        raise NotImplementedError

    # ---- 生命周期
    @property
    def address(self) -> tuple[str, int]:
        """``(host, port)``；服务器启动后才有。"""
        if self._address is None:
            raise RuntimeError("服务器还没有启动")
        return self._address

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> "BackgroundServer":
        if self._started:
            raise RuntimeError("一个服务器对象只能启动一次")
        self._started = True
        name = f"{THREAD_PREFIX}-{self.kind}-{next(_ids)}"
        self._thread = threading.Thread(target=self._thread_main, name=name, daemon=True)
        self._thread.start()
        if not self._ready.wait(self.start_timeout) or self._error is not None:
            error = self._error
            self.stop()
            if error is not None:
                raise RuntimeError(f"{self.kind} 启动失败：{error!r}") from error
            raise RuntimeError(f"{self.kind} 在 {self.start_timeout} 秒内没有就绪")
        return self

    def _thread_main(self) -> None:
        def ready(address):
            self._address = (address[0], address[1])
            self._ready.set()

        try:
            self._run(ready)
        except BaseException as exc:  # 记下来，由 start() 在调用方线程里报告
            self._error = exc
        finally:
            self._ready.set()

    def stop(self) -> None:
        """请求停止并等待线程结束；可以重复调用。超时仍未结束则抛 RuntimeError。"""
        thread = self._thread
        if thread is None:
            return
        if thread.is_alive():
            self._shutdown()
            thread.join(self.stop_timeout)
            if thread.is_alive():
                raise RuntimeError(f"{self.kind} 在 {self.stop_timeout} 秒内没有停下来")

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc) -> bool:
        self.stop()
        return False

    def __repr__(self) -> str:
        where = f"{self._address[0]}:{self._address[1]}" if self._address else "未启动"
        return f"<{type(self).__name__} {where} running={self.running}>"


class AsyncioServer(BackgroundServer):
    """基于 asyncio streams 的 TCP 服务器：后台线程里有自己的事件循环。

    子类实现 ``async def handle(reader, writer)``（每个连接一个 Task）。
    关闭时：停止接受新连接，取消所有还在运行的连接处理 Task，关闭事件循环。
    """

    kind = "asyncio"
    backlog = 1024

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._stop_event: Optional[asyncio.Event] = None
        self._handlers: set[asyncio.Task] = set()

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        raise NotImplementedError  # pragma: no cover - 抽象

    def _run(self, ready) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._main(ready))
        finally:
            try:
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                loop.close()

    async def _main(self, ready) -> None:
        self._stop_event = asyncio.Event()
        server = await asyncio.start_server(self._handle, HOST, 0, backlog=self.backlog)
        try:
            ready(server.sockets[0].getsockname())
            await self._stop_event.wait()
        finally:
            server.close()
            handlers = list(self._handlers)
            for task in handlers:
                task.cancel()
            if handlers:
                await asyncio.wait(handlers, timeout=self.stop_timeout)
            try:
                await asyncio.wait_for(server.wait_closed(), self.stop_timeout)
            except asyncio.TimeoutError:
                pass

    async def _handle(self, reader, writer) -> None:
        task = asyncio.current_task()
        self._handlers.add(task)
        try:
            await self.handle(reader, writer)
        except (asyncio.CancelledError, ConnectionError):
            pass  # 关闭服务器或客户端断开：安静地结束这个连接
        finally:
            self._handlers.discard(task)
            writer.close()

    def _shutdown(self) -> None:
        loop, event = self._loop, self._stop_event
        if loop is None or loop.is_closed():
            return
        try:
            if event is None:  # 还在启动：等 _main 建好 Event 以后再设置
                loop.call_soon_threadsafe(self._shutdown)
            else:
                loop.call_soon_threadsafe(event.set)
        except RuntimeError:  # 事件循环刚好已经关闭
            pass


Delay = Union[float, int, Callable[[str], Optional[float]]]


class DelayServer(AsyncioServer):
    """「延迟回复」服务器：客户端每发一行文本，服务器等一会儿再回一行。

    - ``delay``：秒数，或者函数 ``delay(text) -> 秒数``；函数返回 ``None`` 表示
      **永远不回复**（一直挂着，直到服务器关闭）——用来测试客户端超时。
    - ``reply``：函数 ``reply(text) -> str``，默认原样回显。
    - 一个连接上可以连续发多行（一问一答）。

    服务器端计数（线程安全，随时可读）：``requests``（收到的请求数）、``in_flight``
    （已收到、还没回复的请求数）、``max_in_flight``（它的最大值）、``log``（按发生顺序的
    ``("start", text)`` / ``("end", text)``）。``in_flight`` 在**发出回复之前**减一，
    所以客户端收到回复时，服务器已经把这个请求数完了：限流正确的客户端绝不会
    让 ``max_in_flight`` 超过上限。``reset_stats()`` 清零。
    """

    kind = "delay"

    def __init__(self, delay: Delay = 0.05, reply: Optional[Callable[[str], str]] = None, **kwargs: Any):
        if not callable(delay):
            if isinstance(delay, bool) or not isinstance(delay, (int, float)):
                raise TypeError("delay 必须是秒数或函数")
            if delay < 0:
                raise ValueError("delay 不能为负")
        super().__init__(**kwargs)
        self.delay = delay
        self.reply = reply if reply is not None else (lambda text: text)
        self._lock = threading.Lock()
        self.reset_stats()

    def reset_stats(self) -> None:
        with self._lock:
            self.requests = 0
            self.in_flight = 0
            self.max_in_flight = 0
            self.log: list[tuple[str, str]] = []

    def _delay_for(self, text: str) -> Optional[float]:
        return self.delay(text) if callable(self.delay) else float(self.delay)

    async def handle(self, reader, writer) -> None:
        while True:
            line = await reader.readline()
            if not line:
                return
            text = line.decode("utf-8").rstrip("\r\n")
            with self._lock:
                self.requests += 1
                self.in_flight += 1
                self.max_in_flight = max(self.max_in_flight, self.in_flight)
                self.log.append(("start", text))
            try:
                seconds = self._delay_for(text)
                if seconds is None:
                    await asyncio.Event().wait()  # 永远不回复，直到被取消
                await asyncio.sleep(seconds)
            finally:
                with self._lock:
                    self.in_flight -= 1
                    self.log.append(("end", text))
            writer.write((str(self.reply(text)) + "\n").encode("utf-8"))
            await writer.drain()


def _encode_line(text: str) -> bytes:
    if not isinstance(text, str):
        raise TypeError(f"请求必须是 str，收到 {type(text).__name__}")
    if "\n" in text or "\r" in text:
        raise ValueError("一行请求里不能有换行符")
    return (text + "\n").encode("utf-8")


def _check_timeout(timeout: float) -> None:
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
        raise TypeError("timeout 必须是秒数")
    if timeout <= 0:
        raise ValueError("timeout 必须 > 0")


def fetch(address: tuple[str, int], text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    """同步客户端：连上 ``address``，发一行 ``text``，返回回复的一行（去掉换行）。

    连接和读取都受 ``timeout`` 限制，超时抛 ``TimeoutError``；服务器没回复就断开时
    抛 ``ConnectionError``。每次调用一个新连接，用完就关。
    """
    data = _encode_line(text)
    _check_timeout(timeout)
    with socket.create_connection(address, timeout=timeout) as sock:
        sock.sendall(data)
        with sock.makefile("rb") as stream:
            line = stream.readline()
    if not line.endswith(b"\n"):
        raise ConnectionError("服务器没有回复就关闭了连接")
    return line.decode("utf-8").rstrip("\r\n")


async def afetch(address: tuple[str, int], text: str, timeout: float = DEFAULT_TIMEOUT) -> str:
    """:func:`fetch` 的 asyncio 版本：整个请求（连接、发送、读回复）受 ``timeout`` 限制，
    超时抛 ``asyncio.TimeoutError``（3.11+ 里它就是内置的 ``TimeoutError``）。"""
    data = _encode_line(text)
    _check_timeout(timeout)
    return await asyncio.wait_for(_afetch(address, data), timeout)


async def _afetch(address, data: bytes) -> str:
    reader, writer = await asyncio.open_connection(address[0], address[1])
    try:
        writer.write(data)
        await writer.drain()
        line = await reader.readline()
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except (ConnectionError, OSError):
            pass
    if not line.endswith(b"\n"):
        raise ConnectionError("服务器没有回复就关闭了连接")
    return line.decode("utf-8").rstrip("\r\n")


def run_sync(func: Callable[..., Awaitable[Any]], *args: Any, timeout: float = 60.0) -> Any:
    """在一个新线程的新事件循环里运行 ``func(*args)``，阻塞到它结束，返回结果或抛出异常。

    用途：同步代码（比如基准测试的计时函数）需要跑一段 asyncio 程序，而当前线程
    已经有事件循环在运行（Jupyter 内核就是这样），不能直接 ``asyncio.run()``。
    协程整体受 ``timeout`` 限制（超时抛 ``TimeoutError``），线程一定会结束。
    """
    _check_timeout(timeout)
    outcome: dict[str, Any] = {}

    def target():
        try:
            outcome["value"] = asyncio.run(asyncio.wait_for(func(*args), timeout))
        except BaseException as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=target, name=f"{THREAD_PREFIX}-run-{next(_ids)}", daemon=True)
    thread.start()
    thread.join(timeout + DEFAULT_TIMEOUT)
    if thread.is_alive():
        raise RuntimeError("run_sync：事件循环线程没有按时结束")
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, asyncio.TimeoutError):
            raise TimeoutError(f"run_sync：{timeout} 秒内没有完成") from error
        raise error
    return outcome["value"]


# ---------------------------------------------------------------------------
# 第 10 章：socketserver / wsgiref 上的回环服务器
# ---------------------------------------------------------------------------

class _PollingServer(BackgroundServer):
    """``socketserver`` 服务器的公共部分：后台线程里轮询 ``handle_request()``，
    ``_shutdown`` 只设置一个 Event（非阻塞、可重复调用），连接处理线程也看这个 Event。

    子类实现 ``_make_server()``，返回一个**已绑定** 127.0.0.1:0 的 socketserver 服务器。
    """

    poll_interval = 0.05

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self._stop = threading.Event()

    def _make_server(self):  # pragma: no cover - 抽象
        raise NotImplementedError

    def _run(self, ready) -> None:
        server = self._make_server()
        server.timeout = self.poll_interval
        server.course_stop = self._stop           # 连接处理器用它判断服务器是否在关闭
        try:
            ready(server.server_address)
            while not self._stop.is_set():
                server.handle_request()               # 最多等 poll_interval 秒
        finally:
            server.server_close()                     # 关监听 socket；线程版会 join 处理线程

    def _shutdown(self) -> None:
        self._stop.set()


class _ThreadingTCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    request_queue_size = 128                          # listen 队列（默认 5，并发客户端多时会丢 SYN）
    daemon_threads = False                            # server_close() 时 join，不留线程
    block_on_close = True

    def handle_error(self, request, client_address):  # 不往 stderr 打印
        pass


class _EchoHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        server = self.server
        sock = self.request
        sock.settimeout(server.poll_interval)
        while not server.course_stop.is_set():
            try:
                data = sock.recv(65536)
            except socket.timeout:
                continue
            except OSError:
                return
            if not data:
                return
            with server.stats_lock:
                server.received.append(data)
            try:
                if server.chunk is None:
                    sock.sendall(data)
                else:                                 # 故意拆成小块、分几次发出去
                    for i in range(0, len(data), server.chunk):
                        sock.sendall(data[i:i + server.chunk])
                        time.sleep(server.chunk_pause)
            except OSError:
                return


class TCPEchoServer(_PollingServer):
    """TCP 回显服务器：收到什么字节就原样发回（每个连接一个线程，可以同时服务多个连接）。

    - ``chunk``：设成整数时，回复被拆成 ``chunk`` 字节一块、每块之间停 ``chunk_pause`` 秒
      再发（并关闭 Nagle 算法），用来演示和测试「一次 recv 只拿到一部分」。
    - ``received``：服务器每次 ``recv`` 拿到的字节串（按顺序），``connections``：接受过的连接数。
    """

    kind = "tcp-echo"

    def __init__(self, chunk: Optional[int] = None, chunk_pause: float = 0.002, **kwargs: Any):
        if chunk is not None and (isinstance(chunk, bool) or not isinstance(chunk, int)):
            raise TypeError("chunk 必须是 int 或 None")
        if chunk is not None and chunk < 1:
            raise ValueError("chunk 必须 >= 1")
        super().__init__(**kwargs)
        self.chunk = chunk
        self.chunk_pause = chunk_pause
        self.received: list[bytes] = []
        self.connections = 0

    def _make_server(self):
        outer = self

        class Server(_ThreadingTCPServer):
            allow_reuse_address = True

            def process_request(self, request, client_address):
                with self.stats_lock:
                    outer.connections += 1
                if outer.chunk is not None:
                    request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                super().process_request(request, client_address)

        server = Server((HOST, 0), _EchoHandler)
        server.poll_interval = self.poll_interval
        server.chunk, server.chunk_pause = self.chunk, self.chunk_pause
        server.received = self.received
        server.stats_lock = threading.Lock()
        return server


class _UDPEchoHandler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        data, sock = self.request
        self.server.received.append(data)
        sock.sendto(data, self.client_address)


class UDPEchoServer(_PollingServer):
    """UDP 回显服务器：每收到一个数据报（datagram），原样发回给发送方。

    ``received`` 记录服务器收到的每个数据报（一个数据报就是一次 ``recvfrom``）。
    """

    kind = "udp-echo"

    def __init__(self, **kwargs: Any):
        super().__init__(**kwargs)
        self.received: list[bytes] = []

    def _make_server(self):
        server = socketserver.UDPServer((HOST, 0), _UDPEchoHandler)
        server.max_packet_size = 65536
        server.received = self.received
        server.handle_error = lambda request, client_address: None
        return server


class _QuietWSGIRequestHandler(WSGIRequestHandler):
    """wsgiref 默认把访问日志和异常堆栈写到 stderr；这里都收进服务器的 ``log``。"""

    timeout = DEFAULT_TIMEOUT                         # 客户端连上却不发请求：超时后放弃

    def log_message(self, format, *args):
        self.server.course_log.append(format % args)

    def get_stderr(self):
        return self.server.course_errors_text


class _QueuedWSGIServer(_WSGIServerBase):
    request_queue_size = 128


class _ThreadingWSGIServer(socketserver.ThreadingMixIn, _QueuedWSGIServer):
    daemon_threads = False
    block_on_close = True


class WSGIServer(_PollingServer):
    """用标准库 ``wsgiref`` 在 127.0.0.1 上运行一个 WSGI 应用（端口由操作系统分配）。

    - ``threaded=True``（默认）：每个连接一个线程；``False``：单线程，一次只处理一个请求
      （第 10 章的基准测试比较这两种）。
    - 应用抛出的异常不会打印到 stderr：wsgiref 给客户端回 500，异常对象按顺序记在
      ``app_errors`` 里；``raise_app_error()`` 在调用方线程里重新抛出第一个，测试用它让
      学员代码的原始异常（比如 ``NotImplementedError``）原样出现。
    - ``log``：访问日志（原本打印到 stderr 的那些行）。
    """

    kind = "wsgi"

    def __init__(self, app: Callable, *, threaded: bool = True, **kwargs: Any):
        if not callable(app):
            raise TypeError("app 必须是可调用的 WSGI 应用")
        super().__init__(**kwargs)
        self.app = app
        self.threaded = bool(threaded)
        self.app_errors: list[BaseException] = []
        self.log: list[str] = []

    def _call_app(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        except BaseException as exc:
            self.app_errors.append(exc)
            raise

    def raise_app_error(self) -> None:
        """如果应用在服务器线程里抛过异常，在这里重新抛出第一个。"""
        if self.app_errors:
            raise self.app_errors[0]

    def _make_server(self):
        cls = _ThreadingWSGIServer if self.threaded else _QueuedWSGIServer
        server = cls((HOST, 0), _QuietWSGIRequestHandler)
        server.course_log = self.log
        server.course_errors_text = io.StringIO()
        server.handle_error = lambda request, client_address: None
        server.set_app(self._call_app)
        return server


def http_request(address: tuple[str, int], method: str = "GET", path: str = "/", *,
                 headers: Optional[dict] = None, body: bytes = b"",
                 timeout: float = DEFAULT_TIMEOUT) -> tuple[int, dict[str, str], bytes]:
    """用 ``http.client`` 发一个 HTTP 请求，返回 ``(状态码, 响应头, 响应体)``。

    响应头的名字统一转成小写（HTTP 头名不区分大小写）；同名的头用 ``", "`` 连接。
    连接和读取都受 ``timeout`` 限制。
    """
    _check_timeout(timeout)
    conn = http.client.HTTPConnection(address[0], address[1], timeout=timeout)
    try:
        conn.request(method, path, body=body or None, headers=dict(headers or {}))
        resp = conn.getresponse()
        data = resp.read()
        merged: dict[str, str] = {}
        for name, value in resp.getheaders():
            key = name.lower()
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        return resp.status, merged, data
    finally:
        conn.close()
