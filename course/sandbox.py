"""评分沙箱：学员的代码（Jupyter 内核）在 bubblewrap 里运行。

nbgrader 自己（读 gradebook、写分数、渲染反馈）是可信代码，照常运行；不可信的只有内核。
所以沙箱只包住内核进程：:class:`SandboxKernelManager` 在启动内核时把命令换成
``bwrap … -- 内核命令``，nbgrader 的 Execute 预处理器通过 :class:`SandboxedExecute` 用它。

内核能看到、能做的：

- 只读：系统目录（/usr、/etc、/lib…）、Python 解释器和虚拟环境、``course`` 包本身；
- 读写：它自己的工作文件夹（评分时笔记本所在的目录）和一个私有的 /tmp（tmpfs，有大小上限）；
- 看不到：source/、gradebook.db、别的学生的文件夹、教师的家目录——它们根本没有挂载进来；
- 网络：独立的网络命名空间，只有它自己的回环网卡，连宿主机回环上的服务也连不到。
  内核和 nbgrader 之间因此不能用 TCP，改用 ZeroMQ 的 ``ipc`` 传输（unix socket 文件，
  放在双方都能看到的运行目录里）；
- 独立的 PID 命名空间：看不到也杀不到沙箱外的进程；内核结束时，它启动的所有进程一起被内核杀掉；
  ``--die-with-parent``：评分进程死了，沙箱也跟着死；
- 资源上限（setrlimit，在 exec bwrap 之前设好，沙箱里的进程继承）：地址空间（内存）、
  CPU 秒数、单个文件大小、进程/线程数、不生成 core 文件；输出的总量由 :class:`SandboxedExecute` 限制。
  以 root 运行时内核换成一个专用的无特权 uid（每个并行槽一个），进程数上限才真正生效
  （Linux 对 root 不检查 RLIMIT_NPROC）。

没有 bubblewrap 时（或 ``course grade --no-sandbox``）：仍然设资源上限、清理环境变量、
结束时杀掉带标记的残留进程，但文件和网络不隔离——``course grade`` 会大声说明这一点，
而且只有教师明确加 ``--no-sandbox`` 才会这样运行。
"""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from traitlets import Bool, Dict, Integer, List, Unicode

from . import lifetime

__all__ = ["Limits", "bwrap_path", "probe", "SandboxKernelManager", "SandboxedExecute",
           "sanitize_tree", "kill_marked", "UID_BASE"]

UID_BASE = 62000          # 以 root 运行时，第 n 个并行槽的内核用 uid/gid UID_BASE + n
MARK_ENV = "COURSE_SANDBOX_MARK"
ENV_PASSTHROUGH = ("LANG", "LC_ALL", "LC_CTYPE", "TZ", "COURSE_FAST", "NBGRADER_EXECUTION",
                   "PYTHONHASHSEED", lifetime.TAG_ENV)
SYSTEM_DIRS = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32", "/etc")
_MB = 1024 * 1024


@dataclass
class Limits:
    """一个内核（及它启动的一切）的资源上限。"""
    memory_mb: int = 2048      # 每个进程的地址空间（RLIMIT_AS）
    cpu_seconds: int = 900     # 每个进程的 CPU 时间（RLIMIT_CPU）
    processes: int = 512       # 进程 + 线程数（RLIMIT_NPROC，对沙箱专用 uid 生效）
    file_mb: int = 256         # 写出的单个文件（RLIMIT_FSIZE）
    output_mb: int = 20        # 整本笔记本保留的输出总量（超出部分丢弃并中断内核）
    tmp_mb: int = 512          # 私有 /tmp 和 /dev/shm 各自的大小

    def as_config(self) -> dict:
        return asdict(self)


def bwrap_path() -> str | None:
    """bwrap 的路径：环境变量 COURSE_BWRAP 可以指定（装在别处时）；否则在 PATH 里找。"""
    if os.environ.get("COURSE_BWRAP"):
        return os.environ["COURSE_BWRAP"] if os.path.exists(os.environ["COURSE_BWRAP"]) else None
    return shutil.which("bwrap")


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def probe(bwrap: str | None = None) -> str | None:
    """bubblewrap 在这台机器上能不能用；能用返回 None，否则返回原因。"""
    bwrap = bwrap or bwrap_path()
    if not bwrap:
        return "没有找到 bwrap（Debian/Ubuntu：apt-get install bubblewrap）"
    cmd = [bwrap, *_mounts(Path("/"), None), *_namespaces(), "--", "/bin/true"]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap 无法运行：{exc}"
    if proc.returncode != 0:
        return f"bwrap 无法创建沙箱：{proc.stderr.strip() or proc.returncode}"
    return None


# ---------------------------------------------------------------- bwrap 命令行

def _namespaces() -> list[str]:
    ns = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try",
          "--die-with-parent", "--new-session", "--hostname", "sandbox"]
    if not _is_root():
        ns.insert(0, "--unshare-user")  # 无特权用户：bwrap 靠用户命名空间工作
    return ns


def _python_roots(protect: list[Path]) -> list[Path]:
    """内核要读的 Python 文件：解释器、虚拟环境、site-packages、course 包本身。

    不用 sys.path：它的第一项常常是当前目录（评分时就是课程目录）。``protect`` 里的目录
    （课程目录）和它们的上级目录一律不挂载，哪怕虚拟环境就放在课程目录里面。
    """
    import site

    roots = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    roots.add(Path(os.path.realpath(sys.executable)).parent.parent)
    roots.add(Path(__file__).resolve().parent)  # course/（可编辑安装时不在 site-packages 里）
    for entry in site.getsitepackages() + ([site.getusersitepackages()] if site.ENABLE_USER_SITE else []):
        if os.path.isdir(entry):
            roots.add(Path(entry).resolve())
    protect = [Path(p).resolve() for p in [*protect, os.getcwd(), Path.home()]]
    covered = [Path(d).resolve() for d in SYSTEM_DIRS if os.path.isdir(d)]
    keep: list[Path] = []
    for root in sorted(roots, key=lambda p: len(p.parts)):
        if root == Path("/") or any(root == c or c in root.parents for c in covered + keep):
            continue
        if any(root == p or root in p.parents for p in protect):
            continue  # 会把课程目录（source/、gradebook.db）带进沙箱
        keep.append(root)
    return keep


def _mounts(run_dir: Path, workdir: Path | None, limits: Limits | None = None,
            protect: list[Path] = (), workdir_as: Path | None = None) -> list[str]:
    limits = limits or Limits()
    args: list[str] = []
    for d in SYSTEM_DIRS:
        if os.path.islink(d):
            args += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            args += ["--ro-bind", d, d]
    made: set[Path] = set()

    def bind(path: Path, flag: str, dest: Path | None = None) -> None:
        # bwrap 按宿主机上的权限新建上级目录，而它们可能是 0700（比如 /root/.pyenv 的 /root），
        # 沙箱里的无特权 uid 就进不去：先在沙箱里把上级目录建成 0755
        dest = dest or path
        for parent in reversed(dest.parents):
            if parent != Path("/") and parent not in made and parent != Path("/tmp") and not any(
                    parent == Path(d) or Path(d) in parent.parents for d in SYSTEM_DIRS):
                args.extend(["--perms", "0755", "--dir", str(parent)])
                made.add(parent)
        args.extend([flag, str(path), str(dest)])

    # 私有 /tmp 先挂：后面的挂载点可能就在宿主机的 /tmp 下面（比如克隆在 /tmp 里的课程和它的 .venv），
    # 反过来的话 tmpfs 会把它们盖住
    size = str(limits.tmp_mb * _MB)
    args += ["--proc", "/proc", "--dev", "/dev",
             "--perms", "1777", "--size", size, "--tmpfs", "/tmp",
             "--perms", "1777", "--size", size, "--tmpfs", "/dev/shm",
             "--perms", "1777", "--dir", "/tmp/home"]
    for root in _python_roots(list(protect) + ([workdir] if workdir else [])):
        bind(root, "--ro-bind")
    if run_dir != Path("/"):
        bind(run_dir, "--bind")
        for name in ("passwd", "group"):
            if (run_dir / name).exists():
                args += ["--ro-bind", str(run_dir / name), f"/etc/{name}"]
    if workdir is not None:
        # workdir_as：在沙箱里把工作文件夹放在它「本来」的位置（课程目录下的 autograded/<学生>/<章>），
        # 学员代码看到的当前目录和原版 nbgrader 评分时一样
        bind(workdir, "--bind", workdir_as)
        args += ["--chdir", str(workdir_as or workdir)]
    return args


def kernel_env(run_dir: Path, mark: str) -> dict[str, str]:
    """沙箱里内核的全部环境变量：白名单，教师环境里的令牌、密码不会带进去。"""
    env = {k: os.environ[k] for k in ENV_PASSTHROUGH if k in os.environ}
    env.update({
        "PATH": os.pathsep.join([os.path.dirname(os.path.normpath(os.path.abspath(sys.executable))),
                                 "/usr/local/bin", "/usr/bin", "/bin"]),
        "HOME": "/tmp/home", "TMPDIR": "/tmp", "MPLCONFIGDIR": str(run_dir / "mpl"),
        "MALLOC_ARENA_MAX": "2", "PYTHONDONTWRITEBYTECODE": "1", "JUPYTER_PLATFORM_DIRS": "1",
        MARK_ENV: mark,
    })
    env.setdefault("LANG", "C.UTF-8")
    return env


_DROP = ("import os,sys;u=int(sys.argv[1]);os.setgroups([]);os.setgid(u);os.setuid(u);"
         "os.execv(sys.argv[2],sys.argv[2:])")


def wrap(kernel_cmd: list[str], *, run_dir: Path, workdir: Path, uid: int | None, mark: str,
         limits: Limits, bwrap: str | None, protect: list[Path] = (),
         workdir_as: Path | None = None) -> list[str]:
    """把内核命令包进 bwrap；bwrap 为 None 时原样返回（不隔离，只有资源上限）。"""
    if bwrap is None:
        return list(kernel_cmd)
    kernel_cmd = list(kernel_cmd)
    if kernel_cmd and os.path.isabs(kernel_cmd[0]):  # 「tests/../.venv/bin/python」在沙箱里走不通
        kernel_cmd[0] = os.path.normpath(kernel_cmd[0])
    cmd = [bwrap, *_mounts(run_dir, workdir, limits, protect, workdir_as), *_namespaces(), "--clearenv"]
    for key, value in kernel_env(run_dir, mark).items():
        cmd += ["--setenv", key, value]
    if uid is not None:  # root：进沙箱后换成专用 uid（要 CAP_SETUID，换完后能力全部失效）
        cmd += ["--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--",
                os.path.normpath(os.path.abspath(sys.executable)), "-I", "-S", "-c", _DROP, str(uid)]
    else:
        cmd += ["--"]
    return cmd + list(kernel_cmd)


def user_tasks(uid: int) -> int:
    """这个 uid 现在有多少个进程 + 线程（RLIMIT_NPROC 数的就是它们）。"""
    count = 0
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                if os.stat(f"/proc/{entry}").st_uid == uid:
                    count += len(os.listdir(f"/proc/{entry}/task"))
            except OSError:
                continue
    return count


def set_limits(limits: Limits, nproc: int | None = None) -> None:
    """在 exec 之前的子进程里调用（preexec_fn）。``nproc`` 覆盖进程数上限（见 SandboxKernelManager）。"""
    import resource

    def cap(which, value):
        try:
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass

    cap(resource.RLIMIT_AS, limits.memory_mb * _MB)
    cap(resource.RLIMIT_CPU, limits.cpu_seconds)
    cap(resource.RLIMIT_FSIZE, limits.file_mb * _MB)
    cap(resource.RLIMIT_NPROC, nproc if nproc is not None else limits.processes)
    cap(resource.RLIMIT_CORE, 0)


def _font_caches() -> list[Path]:
    """matplotlib 的字体缓存文件（与 matplotlib.get_cachedir() 同样的查找顺序，但不 import matplotlib）。"""
    candidates = [os.environ.get("MPLCONFIGDIR"),
                  os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "matplotlib")]
    for d in filter(None, candidates):
        found = sorted(Path(d).glob("fontlist-*.json"))
        if found:
            return found
    try:
        import matplotlib
        from matplotlib import font_manager  # noqa: F401  (第一次会建缓存)

        return sorted(Path(matplotlib.get_cachedir()).glob("fontlist-*.json"))
    except Exception:
        return []


def prepare_run_dir(run_dir: Path, uid: int | None) -> None:
    """运行目录：ipc socket、连接文件、matplotlib 缓存、沙箱里的 /etc/passwd。"""
    run_dir.mkdir(parents=True, exist_ok=True)
    run_dir.chmod(0o755)
    mpl = run_dir / "mpl"
    mpl.mkdir(exist_ok=True)
    # 复制字体缓存：否则每个内核第一次 import matplotlib 都要重建（几秒），还会往 stderr 打印
    for f in _font_caches():
        shutil.copy2(f, mpl / f.name)
    if uid is not None:
        (run_dir / "passwd").write_text(
            f"root:x:0:0:root:/root:/usr/sbin/nologin\nstudent:x:{uid}:{uid}:student:/tmp/home:/bin/sh\n")
        (run_dir / "group").write_text(f"root:x:0:\nstudent:x:{uid}:\n")
        for path in [run_dir, mpl, *mpl.iterdir()]:
            os.chown(path, uid, uid)


def chown_tree(top: Path, uid: int, gid: int) -> None:
    """递归改属主，不跟随符号链接。"""
    os.lchown(top, uid, gid)
    for dirpath, dirnames, filenames in os.walk(top):
        for name in dirnames + filenames:
            try:
                os.lchown(os.path.join(dirpath, name), uid, gid)
            except OSError:
                pass


def sanitize_tree(top: Path) -> list[str]:
    """删掉工作文件夹里的符号链接和特殊文件（fifo、socket、设备）。

    沙箱里建的符号链接指向的路径在宿主机上可能是真实文件（比如 gradebook.db）；
    nbgrader 之后会 chmod 目录里的每个文件（os.chmod 会跟随符号链接），所以必须先删掉。
    返回删掉的相对路径。
    """
    removed = []
    for dirpath, dirnames, filenames in os.walk(top):
        for name in list(dirnames) + filenames:
            path = os.path.join(dirpath, name)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode) or not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
                os.unlink(path)
                removed.append(os.path.relpath(path, top))
                if name in dirnames:
                    dirnames.remove(name)
    return removed


def kill_marked(mark: str) -> int:
    """杀掉环境变量里带着这个内核标记的残留进程（没有 bubblewrap 时的兜底）；返回杀掉的个数。"""
    return lifetime.kill_by_env(MARK_ENV, mark)


# ---------------------------------------------------------------- 内核管理器

from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient.util import run_sync  # noqa: E402


class SandboxKernelManager(AsyncKernelManager):
    """启动在沙箱里的内核：ipc 传输、bwrap 包装、资源上限、用消息而不是信号来中断。"""

    run_dir = Unicode("", help="本次评分的运行目录（ipc socket、连接文件）").tag(config=True)
    sandbox_uid = Integer(-1, help="以 root 运行时内核使用的 uid；-1 表示不换").tag(config=True)
    use_bwrap = Bool(True).tag(config=True)
    limits = Dict({}, help="Limits 的字段").tag(config=True)
    protect = List(Unicode(), help="不许出现在沙箱里的目录（课程目录）").tag(config=True)
    workdir_as = Unicode("", help="沙箱里工作文件夹的路径（默认与宿主机相同）").tag(config=True)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.mark = uuid.uuid4().hex
        # unix socket 的路径最多 107 个字节：运行目录放在短路径下（/tmp/course-k-…）
        base = self.run_dir if self.run_dir and len(self.run_dir) < 60 else (
            "/tmp" if os.path.isdir("/tmp") else tempfile.gettempdir())
        os.makedirs(base, exist_ok=True)
        self._run = Path(tempfile.mkdtemp(prefix="course-k-", dir=base))
        self._uid = self.sandbox_uid if (self.sandbox_uid >= 0 and _is_root() and self.use_bwrap) else None
        self._bwrap = bwrap_path() if self.use_bwrap else None
        prepare_run_dir(self._run, self._uid)
        if self._bwrap:
            # 网络命名空间隔开了回环网卡：改用 unix socket（ipc）和内核通信
            self.transport = "ipc"
            self.ip = str(self._run / "kernel")
        self.connection_file = str(self._run / "kernel.json")

    @property
    def sandbox_limits(self) -> Limits:
        return Limits(**self.limits) if self.limits else Limits()

    async def _async_launch_kernel(self, kernel_cmd, **kw):
        workdir = Path(kw.get("cwd") or os.getcwd()).resolve()
        if self._uid is not None:
            chown_tree(workdir, self._uid, self._uid)
            os.chmod(self.connection_file, 0o644)
        if self.kernel_spec is not None:
            self.kernel_spec.interrupt_mode = "message"  # 信号传不进 bwrap 的 PID 命名空间
        limits = self.sandbox_limits
        cmd = wrap(kernel_cmd, run_dir=self._run, workdir=workdir, uid=self._uid, mark=self.mark,
                   limits=limits, bwrap=self._bwrap, protect=[Path(p) for p in self.protect],
                   workdir_as=Path(self.workdir_as) if self.workdir_as else None)
        if self._bwrap is None:
            kw["env"] = {**kernel_env(self._run, self.mark), **{k: v for k, v in (kw.get("env") or {}).items()
                                                                  if k.startswith("JPY_")}}
            kw["env"]["PATH"] = os.environ.get("PATH", kw["env"]["PATH"])
        # 专用 uid 下 RLIMIT_NPROC 只数沙箱里的进程；没有换 uid 时它数的是教师自己的全部进程，
        # 上限要加上已经在运行的那些，否则桌面上开着几百个进程的教师根本启动不了内核
        nproc = None if self._uid is not None or _is_root() else user_tasks(os.getuid()) + limits.processes
        orphan_guard = lifetime.die_with_parent_hook()  # 评分进程死了，bwrap（连同整个沙箱）跟着死

        def preexec():
            if orphan_guard:
                orphan_guard()
            set_limits(limits, nproc)

        log = open(self._run / "kernel.log", "ab")
        kw.update(stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=preexec)
        try:
            await super()._async_launch_kernel(cmd, **kw)
        finally:
            log.close()

    async def _async_cleanup_resources(self, restart: bool = False) -> None:
        await super()._async_cleanup_resources(restart)
        if not restart:
            kill_marked(self.mark)
            if not os.environ.get("COURSE_SANDBOX_KEEP"):
                shutil.rmtree(self._run, ignore_errors=True)

    cleanup_resources = run_sync(_async_cleanup_resources)


# ---------------------------------------------------------------- nbgrader 的 Execute

from nbclient.exceptions import DeadKernelError  # noqa: E402
from nbformat.v4 import new_output  # noqa: E402
from nbgrader.preprocessors import Execute  # noqa: E402


def _error(ename: str, evalue: str):
    return new_output("error", ename=ename, evalue=evalue, traceback=[f"{ename}: {evalue}"])


class SandboxedExecute(Execute):
    """nbgrader 的 Execute，内核在沙箱里；再加三条保护：

    - 输出总量超过上限：丢弃后面的输出并中断内核，单元格以错误结束；
    - 内核死了（``os._exit``、被杀、超出内存或 CPU 上限）：这个单元格记一个错误，
      后面的单元格不再执行、各记一条「未执行」，评分照常完成——已经通过的测试保留分数；
    - 超时后中断不了（比如忽略了 SIGINT）：杀掉内核，同上。
    结束后删掉工作文件夹里的符号链接和特殊文件，再把属主改回来。
    """

    run_dir = Unicode("").tag(config=True)
    sandbox_uid = Integer(-1).tag(config=True)
    use_bwrap = Bool(True).tag(config=True)
    limits = Dict({}).tag(config=True)
    protect = List(Unicode()).tag(config=True)
    workdir_as = Unicode("").tag(config=True)
    unresponsive_grace = Integer(10, help="超时中断后等内核恢复的秒数").tag(config=True)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("kernel_manager_class", SandboxKernelManager)
        super().__init__(*args, **kwargs)

    # -- 内核管理器拿到本预处理器的沙箱设置
    def create_kernel_manager(self):
        if not self.kernel_name:
            self.kernel_name = self.nb.metadata.get("kernelspec", {}).get("name") or "python3"
        self.km = SandboxKernelManager(kernel_name=self.kernel_name, config=self.config,
                                       run_dir=self.run_dir, sandbox_uid=self.sandbox_uid,
                                       use_bwrap=self.use_bwrap, limits=self.limits,
                                       protect=list(self.protect), workdir_as=self.workdir_as)
        return self.km

    def preprocess(self, nb, resources=None, km=None):
        self._gone: str | None = None
        self._out_bytes = 0
        self._out_capped = False
        limits = Limits(**self.limits) if self.limits else Limits()
        self._out_limit = limits.output_mb * _MB
        try:
            return super().preprocess(nb, resources, km=km)
        finally:
            workdir = Path((resources or {}).get("metadata", {}).get("path") or os.getcwd())
            removed = sanitize_tree(workdir)
            if removed:
                self.log.warning("删掉了沙箱在工作文件夹里留下的链接/特殊文件：%s", removed)
            owner = workdir.parent.stat()
            if _is_root():
                chown_tree(workdir, owner.st_uid, owner.st_gid)

    # -- 输出上限
    def output(self, outs, msg, display_id, cell_index):
        if msg.get("msg_type") != "error":
            size = len(repr(msg.get("content", "")))
            self._out_bytes += size
            if self._out_bytes > self._out_limit:
                if not self._out_capped:
                    self._out_capped = True
                    outs.append(new_output("stream", name="stderr", text=(
                        f"\n[评分沙箱] 输出超过 {self._out_limit // _MB} MB，后面的输出被丢弃，内核被中断。\n")))
                    asyncio.ensure_future(self._interrupt())
                return None
        return super().output(outs, msg, display_id, cell_index)

    async def _interrupt(self):
        try:
            await self.km.interrupt_kernel()
        except Exception:
            pass

    # -- 内核死亡、超时后不响应
    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type != "code" or not cell.source.strip():
            return await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        if self._gone:
            cell.outputs = [_error("KernelGone", f"未执行：{self._gone}")]
            return cell
        try:
            cell = await super().async_execute_cell(cell, cell_index, execution_count, store_history)
        except DeadKernelError:
            self._gone = "内核已经退出"
            cell.outputs.append(_error("DeadKernelError", "内核在运行这个单元格时退出了（os._exit、被杀死，"
                                                          "或超出了内存 / CPU / 进程数上限）"))
            return cell
        if any(o.get("ename") == "CellTimeoutError" for o in cell.outputs) and not await self._responsive():
            self._gone = "内核超时后不响应中断，已被终止"
            cell.outputs.append(_error("KernelGone", self._gone))
            try:
                await self.km.shutdown_kernel(now=True)
            except Exception:
                pass
        return cell

    execute_cell = run_sync(async_execute_cell)  # 基类的同步版本绑定的是基类的 async_execute_cell

    async def _responsive(self) -> bool:
        try:
            await self.kc.kernel_info(reply=True, timeout=self.unresponsive_grace)
            return True
        except Exception:
            return False
