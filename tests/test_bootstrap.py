"""``python3 -m course``：首次运行时建环境的那一步（course/bootstrap.py）。

完整的「新机器上装好并运行」要联网下载依赖，不在测试里做；这里离线检验其中最容易坏的部分：
没有 ensurepip 的 Python（Debian/Ubuntu 未装 python3-venv）从 pip 的 wheel 自举出 pip。
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from conftest import ROOT
from course import bootstrap


def bundled_pip_wheel() -> Path | None:
    try:
        import ensurepip
    except ImportError:  # Debian/Ubuntu 的 python3 没有 ensurepip
        return None

    found = glob.glob(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled", "pip-*.whl"))
    return Path(found[0]) if found else None


def fake_index(tmp_path: Path, wheel: Path, sha256: str) -> str:
    """一个本地的「PyPI JSON」：只列出一个 pip wheel，地址是 file:// URL（测试不联网）。"""
    index = tmp_path / "pip.json"
    index.write_text(json.dumps({"urls": [
        {"packagetype": "sdist", "filename": "pip.tar.gz", "url": "file:///nonexistent", "digests": {}},
        {"packagetype": "bdist_wheel", "filename": wheel.name, "url": wheel.as_uri(),
         "digests": {"sha256": sha256}},
    ]}))
    return index.as_uri()


@pytest.fixture
def pipless_venv(tmp_path):
    wheel = bundled_pip_wheel()
    if wheel is None:
        pytest.skip("这个 Python 没有自带 pip wheel，无法离线测试")
    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(target)
    python = bootstrap.venv_python(str(target))
    assert not bootstrap._has_pip(python)
    return python, wheel


def test_pip_is_bootstrapped_from_a_verified_wheel(pipless_venv, tmp_path, monkeypatch):
    python, wheel = pipless_venv
    sha = hashlib.sha256(wheel.read_bytes()).hexdigest()
    monkeypatch.setenv("COURSE_PYPI_JSON", fake_index(tmp_path, wheel, sha))
    bootstrap._bootstrap_pip(python)
    assert bootstrap._has_pip(python)


def test_pip_bootstrap_refuses_a_tampered_wheel(pipless_venv, tmp_path, monkeypatch):
    python, wheel = pipless_venv
    monkeypatch.setenv("COURSE_PYPI_JSON", fake_index(tmp_path, wheel, "0" * 64))
    with pytest.raises(SystemExit, match="sha256"):
        bootstrap._bootstrap_pip(python)
    assert not bootstrap._has_pip(python)


def test_install_is_redone_when_pyproject_or_extras_change(tmp_path, monkeypatch):
    monkeypatch.setattr(bootstrap, "VENV", str(tmp_path))
    assert bootstrap._read_marker() == {}
    assert not bootstrap._is_fresh({}, set())                       # 从没装过
    (tmp_path / bootstrap.MARKER).write_text(json.dumps({"pyproject": bootstrap._fingerprint(),
                                                         "extras": []}))
    marker = bootstrap._read_marker()
    assert bootstrap._is_fresh(marker, set())                       # lab：不用重装
    assert not bootstrap._is_fresh(marker, {"test"})                # test 需要测试依赖
    assert bootstrap._is_fresh({**marker, "extras": ["test"]}, set())
    assert not bootstrap._is_fresh({**marker, "pyproject": "0" * 64}, set())   # pyproject 变了


@pytest.mark.parametrize("version", ["3.6", "3.7", "3.8", "3.9"])
def test_old_python_gets_a_clear_message(version):
    candidates = glob.glob(f"/usr/bin/python{version}") + glob.glob(
        os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}"))
    python = candidates[0] if candidates else None
    if not python:
        pytest.skip(f"本机没有 Python {version}")
    proc = subprocess.run([python, "-m", "course", "lab"], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"}, timeout=60)
    assert proc.returncode != 0
    assert "需要 Python 3.10 或更新版本" in proc.stderr and "Traceback" not in proc.stderr


def test_unreachable_index_gives_an_actionable_message(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_PYPI_JSON", (tmp_path / "missing.json").as_uri())
    with pytest.raises(SystemExit, match="无法从 PyPI 下载 pip") as info:
        bootstrap._bootstrap_pip(sys.executable)
    assert "python3-venv" in str(info.value)
