"""``python3 -m course ...`` 的第一步：需要时建好虚拟环境，再在里面运行 `course` 命令。

只用标准库，并且避免新语法，让过旧的 Python 也能打印出清楚的提示。

- 当前解释器已经装好本课程（比如 conda 环境或已激活的 venv）：直接运行。
- 否则在仓库的 ``.venv/`` 里建虚拟环境、``pip install -e .``（``test`` 命令装 ``.[test]``），
  然后用那个环境的 Python 重新执行同一条命令。pyproject.toml 变了会自动重装。
- Debian/Ubuntu 的 python3 常常没有 ensurepip（python3-venv 包没装）：这时先建不带 pip
  的虚拟环境，再从 PyPI 下载 pip 的 wheel（校验 sha256）来安装 pip。
"""
import hashlib
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import urllib.parse
import urllib.request

MIN_PYTHON = (3, 10)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.environ.get("COURSE_VENV") or os.path.join(ROOT, ".venv")
MARKER = "course-install.json"
BASE_MODULES = ("nbgrader", "jupyterlab", "nbval", "matplotlib", "ipywidgets")
TEST_MODULES = ("pytest", "xdist")


def say(msg):
    print("[course] " + msg, file=sys.stderr, flush=True)


def venv_python(venv):
    if os.name == "nt":
        return os.path.join(venv, "Scripts", "python.exe")
    return os.path.join(venv, "bin", "python")


def _fingerprint():
    with open(os.path.join(ROOT, "pyproject.toml"), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def _read_marker():
    try:
        with open(os.path.join(VENV, MARKER), encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def _in_project_venv():
    return os.path.realpath(sys.prefix) == os.path.realpath(VENV)


def _modules_present(names):
    return all(importlib.util.find_spec(n) is not None for n in names)


def _course_installed():
    try:
        from importlib import metadata
        metadata.version("python-interview-course")
        return True
    except Exception:
        return False


def _create_venv():
    import venv

    say("创建虚拟环境 " + VENV)
    if importlib.util.find_spec("ensurepip") is not None:
        try:
            venv.EnvBuilder(with_pip=True).create(VENV)
            if os.path.exists(venv_python(VENV)) and _has_pip(venv_python(VENV)):
                return
        except (subprocess.CalledProcessError, OSError, SystemExit):
            pass
    # 常见于 Debian/Ubuntu：没有 python3-venv，ensurepip 不可用
    say("这个 Python 没有 ensurepip（Debian/Ubuntu 上是 python3-venv 包）；改为从 PyPI 安装 pip。")
    venv.EnvBuilder(with_pip=False, clear=True).create(VENV)
    _bootstrap_pip(venv_python(VENV))


def _has_pip(python):
    return subprocess.call([python, "-m", "pip", "--version"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) == 0


def _download(url, timeout):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.read()
    except (OSError, ValueError) as exc:  # URLError、证书错误、超时都是 OSError
        reason = getattr(exc, "reason", exc)
        raise SystemExit(
            "[course] 无法从 PyPI 下载 pip（%s）：%s\n"
            "检查网络或代理设置（需要时设置 SSL_CERT_FILE 指向你的 CA 证书）后重新运行；\n"
            "或者先安装 python3-venv（sudo apt install python3-venv），再删除 .venv 重新运行。"
            % (url, reason))


def _bootstrap_pip(python):
    index = os.environ.get("COURSE_PYPI_JSON", "https://pypi.org/pypi/pip/json")
    try:
        info = json.loads(_download(index, 60).decode("utf-8"))
        wheel = next(u for u in info["urls"] if u["packagetype"] == "bdist_wheel")
    except (ValueError, KeyError, StopIteration):
        raise SystemExit("[course] PyPI 返回的 pip 信息无法解析（%s）。请稍后重试。" % index)
    tmpdir = tempfile.mkdtemp(prefix="course-pip-")
    path = os.path.join(tmpdir, wheel["filename"])
    url = urllib.parse.urljoin(index, wheel["url"])  # 镜像可能返回相对地址
    data = _download(url, 120)
    with open(path, "wb") as f:
        f.write(data)
    if hashlib.sha256(data).hexdigest() != wheel["digests"]["sha256"]:
        raise SystemExit("[course] 下载的 pip wheel 校验失败（sha256 不符），已停止。请检查网络后重试。")
    # wheel 本身可以当 zip 导入运行：用它来安装它自己
    subprocess.check_call([python, os.path.join(path, "pip"), "install", "--no-index", path])


def _install(extras):
    python = venv_python(VENV)
    target = ROOT + ("[" + ",".join(sorted(extras)) + "]" if extras else "")
    log = os.path.join(VENV, "course-install.log")
    say("安装课程及依赖（首次约需 1–3 分钟）：pip install -e " + target)
    with open(log, "w", encoding="utf-8") as out:
        code = subprocess.call([python, "-m", "pip", "install", "--disable-pip-version-check",
                                "-e", target], stdout=out, stderr=subprocess.STDOUT)
    if code != 0:
        with open(log, encoding="utf-8", errors="replace") as f:
            tail = "".join(f.readlines()[-25:])
        raise SystemExit("%s\n[course] 依赖安装失败（完整输出见 %s）。检查网络能否访问 PyPI，"
                         "然后重新运行同一条命令。" % (tail, log))
    with open(os.path.join(VENV, MARKER), "w", encoding="utf-8") as f:
        json.dump({"pyproject": _fingerprint(), "extras": sorted(extras)}, f)


def _is_fresh(marker, extras):
    """上次安装的 pyproject.toml 没变，且已经装了这次需要的 extras。"""
    return marker.get("pyproject") == _fingerprint() and set(extras) <= set(marker.get("extras", []))


def ensure(argv):
    """返回 True 表示当前解释器可以直接运行 course；否则已经在 .venv 里重新执行并退出。"""
    if sys.version_info < MIN_PYTHON:
        raise SystemExit("[course] 需要 Python %d.%d 或更新版本，当前是 %s。"
                         % (MIN_PYTHON + (sys.version.split()[0],)))
    extras = {"test"} if argv[:1] == ["test"] else set()
    needed = BASE_MODULES + (TEST_MODULES if extras else ())
    outside_repo_venv = not _in_project_venv()
    if outside_repo_venv and _modules_present(needed) and _course_installed():
        return True  # conda 环境、已激活的其他 venv 等：不干预
    marker = _read_marker()
    fresh = _is_fresh(marker, extras)
    if not os.path.exists(venv_python(VENV)):
        _create_venv()
        fresh = False
    if not fresh:
        _install(extras | set(marker.get("extras", [])))
    if not outside_repo_venv:
        return True
    python = venv_python(VENV)
    cmd = [python, "-m", "course"] + list(argv)
    if os.name == "nt":
        raise SystemExit(subprocess.call(cmd))
    os.execv(python, cmd)
    return False  # 不会到这里
