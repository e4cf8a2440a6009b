"""真浏览器测试：Playwright 驱动系统里的 Chromium，打开 `course lab` 启动的 JupyterLab。

学员视图（release/）：课程首页是中文界面；打开一章「全部运行」——错误只有练习存根的
NotImplementedError，基准测试画出了图，自测题能渲染并且先答错、再答对时给出对应反馈；
笔记本工具栏上的 Validate 按钮能用。教师视图（课程仓库）：formgrader 页面列出各章；
教师版笔记本「全部运行」没有任何错误。

每个页面都截图，保存在 COURSE_ARTIFACTS（默认 test-artifacts/）/browser/ 下，
测试结束时在终端摘要里打印路径。没有 Chromium 或 playwright 时跳过（学员机器不强求）。
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

from conftest import CHAPTERS, ROOT, artifacts_dir, copy_course, unactivated_env
from course import cli, home, quiz
from test_notebooks import _quizzes

CHROMIUM = os.environ.get("COURSE_CHROMIUM", "/usr/bin/chromium")
if not Path(CHROMIUM).exists() and os.environ.get("COURSE_REQUIRE_BROWSER"):  # CI：不许悄悄跳过
    raise RuntimeError(f"COURSE_REQUIRE_BROWSER 已设置，但找不到 Chromium：{CHROMIUM}")
if not Path(CHROMIUM).exists():
    pytest.skip(f"没有 Chromium（{CHROMIUM}）：真浏览器测试跳过。Debian/Ubuntu 上 "
                "`apt-get install chromium` 后再运行；CI 总会安装它。", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="没装 playwright：pip install -e '.[test]'")

# ch05，加上带异步演示和回环服务器的 ch09
BROWSER_CHAPTERS = [ch for ch in CHAPTERS if ch.startswith(("ch05_", "ch09_"))]
TOKEN = "course-browser-test"
pytestmark = pytest.mark.xdist_group("browser")

# 机器没有外网：关掉 Chromium 的后台联网，免得它反复连接失败拖慢启动
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]
RUN_TIMEOUT_MS = 240_000


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """在后台跑 `course lab` 的那条命令，测试结束时一定关掉。"""

    def __init__(self, course: Path, instructor: bool, log: Path):
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        extra = ["--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={self.port}",
                 f"--IdentityProvider.token={TOKEN}", "--LabApp.expose_app_in_browser=True",
                 "--ServerApp.port_retries=0"]
        env = unactivated_env()
        env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env["PATH"]  # 同 cli._env_with_bin
        env["JUPYTER_CONFIG_DIR"] = str(course / ".jupyter")  # 不读测试机用户的 ~/.jupyter
        env["JUPYTERLAB_SETTINGS_DIR"] = str(course / ".jupyter" / "lab" / "user-settings")
        env["JUPYTERLAB_WORKSPACES_DIR"] = str(course / ".jupyter" / "lab" / "workspaces")
        self.log = open(log, "w")
        self.proc = subprocess.Popen(cli.lab_command(course, instructor=instructor, extra=extra),
                                     cwd=course, env=env, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"JupyterLab 启动失败：\n{log.read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base}/api/status?token={TOKEN}", timeout=2):
                    return
            except OSError:
                time.sleep(0.3)
        self.close()
        raise AssertionError(f"JupyterLab 90 秒内没有启动：\n{log.read_text()[-3000:]}")

    def url(self, path: str) -> str:
        return f"{self.base}/{path}?token={TOKEN}"

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, 9)
                self.proc.wait(10)
        self.log.close()


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    dest = copy_course(tmp_path_factory.mktemp("browser") / "course", BROWSER_CHAPTERS)
    shutil.copy2(ROOT / "release" / home.HOME_NAME, dest / "release" / home.HOME_NAME)
    return dest


@pytest.fixture(scope="module")
def shots():
    folder = artifacts_dir() / "browser"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def learner_lab(course, tmp_path_factory):
    lab = Lab(course, instructor=False, log=tmp_path_factory.mktemp("logs") / "learner.log")
    yield lab
    lab.close()


@pytest.fixture(scope="module")
def instructor_lab(course, tmp_path_factory):
    lab = Lab(course, instructor=True, log=tmp_path_factory.mktemp("logs") / "instructor.log")
    yield lab
    lab.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(60_000)
    yield pg
    context.close()


def wait_for_notebook(page, path: str):
    """等到当前标签页是 path 这个笔记本，而且它的内核已经空闲。"""
    page.wait_for_function("""(path) => {
        const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
        const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
        return !!w && w.context && w.context.path === path && !!k && k.status === 'idle';
    }""", arg=path, timeout=90_000)


def run_all(page) -> list[dict]:
    """「运行 → 运行所有单元格」，等到每个代码单元格都执行过、内核空闲；返回笔记本 JSON 的单元格。

    JupyterLab 遇到错误会丢弃后面排队的单元格：那样的话它们永远不会执行，这里就超时失败。
    """
    page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
    page.wait_for_function("""() => {
        const w = window.jupyterapp.shell.currentWidget;
        const k = w.sessionContext.session.kernel;
        const cells = w.content.widgets.filter(c => c.model.type === 'code');
        return k.status === 'idle' && cells.every(c => c.model.executionCount !== null);
    }""", timeout=RUN_TIMEOUT_MS, polling=500)
    return page.evaluate("() => window.jupyterapp.shell.currentWidget.content.model.toJSON().cells")


def errors_of(cells: list[dict]) -> list[tuple[int, str]]:
    return [(i, o.get("ename")) for i, c in enumerate(cells) for o in c.get("outputs", [])
            if o.get("output_type") == "error"]


def shoot(page, shots: Path, name: str, full: bool = True) -> Path:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def test_course_home_opens_in_chinese(page, learner_lab, shots):
    page.goto(learner_lab.base + f"/?token={TOKEN}")  # course lab 的默认地址
    page.locator(".jp-RenderedMarkdown :text('course check')").first.wait_for(timeout=90_000)
    page.wait_for_selector(".lm-MenuBar-itemLabel:text-is('文件')")  # 中文界面
    assert page.url.endswith(f"/lab/tree/{home.HOME_NAME}"), page.url
    links = page.locator(".jp-RenderedMarkdown a").evaluate_all("(as) => as.map(a => a.getAttribute('href'))")
    for ch in BROWSER_CHAPTERS:
        assert any(f"/{ch}/{ch}.ipynb" in (href or "") for href in links), f"首页没有链接到 {ch}：{links}"
    # 点第一章的链接：在 JupyterLab 里打开那一章
    ch = BROWSER_CHAPTERS[0]
    page.locator(f".jp-RenderedMarkdown a[href*='/{ch}/{ch}.ipynb']").first.click()
    wait_for_notebook(page, f"{ch}/{ch}.ipynb")
    shoot(page, shots, "home")


@pytest.mark.parametrize("chapter", BROWSER_CHAPTERS)
def test_release_chapter_runs_all_cells_in_the_browser(page, learner_lab, shots, chapter):
    page.goto(learner_lab.url(f"lab/tree/{chapter}/{chapter}.ipynb"))
    wait_for_notebook(page, f"{chapter}/{chapter}.ipynb")
    cells = run_all(page)

    # 只有练习存根的 NotImplementedError，而且都在练习单元格里
    errs = errors_of(cells)
    assert errs, "空白的发布版应当显示练习存根的 NotImplementedError"
    assert {e for _, e in errs} == {"NotImplementedError"}, errs
    for i, _ in errs:
        assert "nbgrader" in cells[i]["metadata"], f"第 {i} 个单元格不是练习却出错了"

    # 基准测试的图以图片显示出来
    imgs = page.locator(".jp-OutputArea-output img")
    assert imgs.count() >= 1, "没有看到基准测试的图"
    imgs.first.scroll_into_view_if_needed()
    assert page.evaluate("(img) => img.complete && img.naturalWidth > 0", imgs.first.element_handle())

    # 自测题：先答错，再答对
    src = nbformat.read(str(ROOT / "source" / chapter / f"{chapter}.ipynb"), as_version=4)
    q = _quizzes(src)[0].questions[0]
    answer, _ = quiz.unseal(q.text, q.options, q.key)
    first = page.locator(".course-quiz-question").first
    first.scroll_into_view_if_needed()
    labels = [f"{quiz.LETTERS[i]}. {opt}" for i, opt in enumerate(q.options)]

    def set_checked(box, value: bool):
        # 机器很忙时，ipywidgets 的选项可能刚渲染好、还在和内核同步初始状态，第一次点击会被
        # 同步回来的状态覆盖（playwright：「Clicking the checkbox did not change its state」）：稍等再点
        deadline = time.monotonic() + 30
        while True:
            try:
                box.set_checked(value, timeout=5000)
                return
            except sync_api.Error:
                if time.monotonic() > deadline:
                    raise
                page.wait_for_timeout(500)

    def answer_with(indices):
        for i, lab in enumerate(labels):
            box = first.get_by_label(lab, exact=True)
            if q.multi:
                set_checked(box, i in indices)
            elif i in indices:
                set_checked(box, True)
        first.get_by_role("button", name="提交").click()

    wrong = {min(set(range(len(labels))) - answer)}
    answer_with(wrong)
    first.locator(":text('❌')").wait_for()
    shoot(page, shots, f"{chapter}-quiz-wrong", full=False)
    answer_with(answer)
    first.locator(":text('✅')").wait_for()
    shoot(page, shots, f"{chapter}-release")


def test_validate_button_reports_on_a_release_notebook(page, learner_lab, shots):
    chapter = BROWSER_CHAPTERS[0]
    page.goto(learner_lab.url(f"lab/tree/{chapter}/{chapter}.ipynb"))
    wait_for_notebook(page, f"{chapter}/{chapter}.ipynb")
    # JupyterLab 会恢复上一次打开的标签页：每个笔记本的工具栏都有一个 Validate，点当前可见的那个
    page.locator(".validate-button:visible").first.click()
    dialog = page.locator(".jp-Dialog")
    dialog.wait_for(timeout=RUN_TIMEOUT_MS)
    text = dialog.inner_text()
    assert "NotImplementedError" in text or "failed" in text.lower(), text[:2000]
    shoot(page, shots, "validate", full=False)


def test_formgrader_lists_the_chapters(page, instructor_lab, shots):
    page.goto(instructor_lab.url("formgrader/manage_assignments"))
    for ch in BROWSER_CHAPTERS:
        page.locator(f"text={ch}").first.wait_for(timeout=90_000)
    shoot(page, shots, "formgrader")


@pytest.mark.parametrize("chapter", BROWSER_CHAPTERS)
def test_source_chapter_runs_without_errors_in_the_browser(page, instructor_lab, shots, chapter):
    page.goto(instructor_lab.url(f"lab/tree/source/{chapter}/{chapter}.ipynb"))
    wait_for_notebook(page, f"source/{chapter}/{chapter}.ipynb")
    cells = run_all(page)
    assert errors_of(cells) == [], errors_of(cells)
    shoot(page, shots, f"{chapter}-source")
