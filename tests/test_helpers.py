"""course/ 里共享工具的单元测试：计时、画图、自测题、计数数组。"""
from __future__ import annotations

import subprocess
import sys
import warnings

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from course import bench, plots, quiz  # noqa: E402
from course.counting import CountingArray  # noqa: E402


# ---------------------------------------------------------------- bench

@pytest.mark.parametrize("env, expected", [
    ({}, False),
    ({"COURSE_FAST": "1"}, True),
    ({"COURSE_FAST": "0"}, False),
    ({"NBGRADER_EXECUTION": "autograde"}, True),
    ({"NBGRADER_EXECUTION": "validate"}, True),
    ({"NBGRADER_EXECUTION": "autograde", "COURSE_FAST": "0"}, False),
])
def test_fast_mode_follows_environment(monkeypatch, env, expected):
    monkeypatch.delenv("COURSE_FAST", raising=False)
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert bench.fast_mode() is expected
    assert bench.scaled("full", "fast") == ("fast" if expected else "full")


class FakeClock:
    """每次调用被测函数，时间前进固定步长；让计时结果可以精确断言。"""

    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_measure_reports_per_call_median_and_min(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(bench.time, "perf_counter", clock)
    steps = iter([0.002, 0.001, 0.003, 0.001, 0.002] * 100)
    calls = []

    def func():
        calls.append(1)
        clock.now += next(steps)

    t = bench.measure(func, number=1, repeat=5)
    assert t.runs == pytest.approx((0.002, 0.001, 0.003, 0.001, 0.002))
    assert t.median == pytest.approx(0.002)
    assert t.min == pytest.approx(0.001)
    assert len(calls) == 5


def test_measure_calls_setup_once_per_round_and_passes_its_result(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(bench.time, "perf_counter", clock)
    setups, seen = [], []

    def setup():
        setups.append(1)
        return [len(setups)]

    def func(data):
        seen.append(data[0])
        clock.now += 0.5

    t = bench.measure(func, setup=setup, number=4, repeat=3)
    assert len(setups) == 3                       # 每轮一次，不计时
    assert seen == [1] * 4 + [2] * 4 + [3] * 4    # 每轮内用同一份数据
    assert t.median == pytest.approx(0.5)


def test_measure_autoscales_number_until_target(monkeypatch):
    clock = FakeClock()
    monkeypatch.setattr(bench.time, "perf_counter", clock)

    def func():
        clock.now += 0.001

    t = bench.measure(func, repeat=3, target=0.05)
    assert t.number * 0.001 >= 0.05
    assert t.median == pytest.approx(0.001)


def test_measure_rejects_bad_arguments():
    with pytest.raises(ValueError):
        bench.measure(lambda: None, repeat=0)
    with pytest.raises(ValueError):
        bench.measure(lambda: None, number=0)


def test_sweep_builds_fresh_input_per_size():
    sizes_seen = []
    out = bench.sweep([10, 20], len, lambda n: sizes_seen.append(n) or list(range(n)),
                      number=1, repeat=2)
    assert len(out) == 2 and all(isinstance(t, bench.Timing) for t in out)
    assert sizes_seen == [10, 10, 20, 20]


@pytest.mark.parametrize("power", [0, 1, 2])
def test_fit_slope_recovers_exponent(power):
    sizes = [10, 100, 1000, 10000]
    assert bench.fit_slope(sizes, [3e-9 * n ** power for n in sizes]) == pytest.approx(power)


def test_fit_slope_rejects_unusable_data():
    with pytest.raises(ValueError):
        bench.fit_slope([1], [1.0])
    with pytest.raises(ValueError):
        bench.fit_slope([1, 2], [1.0, 0.0])


def test_speedup_is_ratio_of_medians():
    slow = bench.Timing(runs=(4.0, 2.0, 3.0), number=1)
    fast = bench.Timing(runs=(1.0, 1.0, 1.0), number=1)
    assert bench.speedup(slow, fast) == pytest.approx(3.0)


# ---------------------------------------------------------------- plots

def _draw_and_collect_warnings(fig):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.canvas.draw()
    plt.close(fig)
    return [str(w.message) for w in caught]


def test_missing_glyphs_are_detected_by_this_test():
    """反例：没有中文字体时直接画中文会告警——证明下面的检查确实能抓到问题。"""
    if plots.cjk_font():
        pytest.skip("本机装了中文字体")
    fig, ax = plt.subplots()
    ax.set_title("复杂度")
    assert any("Glyph" in w for w in _draw_and_collect_warnings(fig))


def test_plots_draw_without_warnings():
    sizes = [10, 100, 1000]
    fig = plots.complexity(sizes, {"list": [1e-8, 1e-7, 1e-6], "set": [1e-8] * 3},
                           title=plots.label("查找", "lookup"))
    assert not _draw_and_collect_warnings(fig)
    fig = plots.speedup_bars({"a": 1.0, "b": 3.5}, title=plots.label("加速比", "speed-up"))
    assert not _draw_and_collect_warnings(fig)
    fig = plots.series([1, 2, 3], {"bytes": [64, 64, 128]}, title="t", xlabel="n", ylabel="b", step=True)
    assert not _draw_and_collect_warnings(fig)


def test_complexity_legend_shows_fitted_slope():
    sizes = [10, 100, 1000]
    fig = plots.complexity(sizes, {"linear": [n * 1e-9 for n in sizes]}, title="t")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    plt.close(fig)
    assert legend == ["linear  (slope ≈ 1.00)"]
    assert fig.axes[0].get_xscale() == "log" and fig.axes[0].get_yscale() == "log"


def test_plots_reject_mismatched_series():
    with pytest.raises(ValueError):
        plots.complexity([1, 2, 3], {"x": [1.0, 2.0]}, title="t")


def test_label_switches_to_chinese_only_with_a_cjk_font(monkeypatch):
    monkeypatch.setattr(plots, "cjk_font", lambda: None)
    assert plots.label("中文", "English") == "English"
    monkeypatch.setattr(plots, "cjk_font", lambda: "Noto Sans CJK SC")
    assert plots.label("中文", "English") == "中文"


# ---------------------------------------------------------------- quiz

Q = "dict 的平均查找复杂度？"
OPTS = ["O(1)", "O(log n)", "O(n)"]


def make_quiz():
    return quiz.Quiz([
        {"q": Q, "options": OPTS, "key": quiz.seal(Q, OPTS, [0], "哈希表直接定位")},
        {"q": "哪些可变？", "options": ["list", "tuple", "set"], "multi": True,
         "key": quiz.seal("哪些可变？", ["list", "tuple", "set"], [0, 2], "tuple 不可变")},
    ])


def test_seal_round_trip_and_is_not_plain_text():
    key = quiz.seal(Q, OPTS, [0], "哈希表直接定位")
    assert quiz.unseal(Q, OPTS, key) == (frozenset({0}), "哈希表直接定位")
    assert "哈希表" not in key and "O(1)" not in key


def test_key_is_bound_to_question_and_options():
    key = quiz.seal(Q, OPTS, [0], "解析")
    with pytest.raises(ValueError):
        quiz.unseal(Q + "？", OPTS, key)
    with pytest.raises(ValueError):
        quiz.unseal(Q, OPTS[::-1], key)


def test_seal_rejects_out_of_range_answers():
    with pytest.raises(ValueError):
        quiz.seal(Q, OPTS, [3], "x")
    with pytest.raises(ValueError):
        quiz.seal(Q, OPTS, [], "x")


def test_text_fallback_is_readable_and_hides_answers(capsys):
    qz = make_quiz()
    text = qz.as_text()
    assert "1. [单选] " + Q in text and "C. O(n)" in text and "2. [多选]" in text
    assert "哈希表直接定位" not in text and "正确" not in text
    assert qz.check(1, "b") is False
    assert qz.check(1, "A") is True
    assert qz.check(2, "A") is False          # 多选只选一半
    assert qz.check(2, "AC") is True
    out = capsys.readouterr().out
    assert "❌" in out and "哈希表直接定位" in out and "还不完整" in out
    with pytest.raises(ValueError):
        qz.check(3, "A")
    with pytest.raises(ValueError):
        qz.check(1, "Z1")


def test_mimebundle_has_widget_and_readable_text():
    bundle = make_quiz()._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert Q in bundle["text/plain"]


def test_mimebundle_falls_back_to_text_without_ipywidgets(monkeypatch):
    monkeypatch.setitem(sys.modules, "ipywidgets", None)  # import ipywidgets → ImportError
    bundle = make_quiz()._repr_mimebundle_()
    assert set(bundle) == {"text/plain"} and Q in bundle["text/plain"]


def _question_widgets(root, n):
    box = root.children[n]
    title, chooser, button, feedback = box.children
    return chooser, button, feedback


def test_widget_gives_immediate_feedback_wrong_then_right():
    root = make_quiz().widget()
    chooser, button, feedback = _question_widgets(root, 0)
    button.click()
    assert "还没有选择" in feedback.value
    chooser.value = chooser.options[2]
    button.click()
    assert "❌" in feedback.value and "哈希表直接定位" not in feedback.value
    chooser.value = chooser.options[0]
    button.click()
    assert "✅" in feedback.value and "哈希表直接定位" in feedback.value


def test_multi_choice_widget_needs_exact_set():
    root = make_quiz().widget()
    boxes, button, feedback = _question_widgets(root, 1)
    boxes.children[0].value = True
    button.click()
    assert "还不完整" in feedback.value
    boxes.children[2].value = True
    button.click()
    assert "✅" in feedback.value
    boxes.children[1].value = True
    button.click()
    assert "❌" in feedback.value


def test_quiz_rejects_broken_specs():
    with pytest.raises(ValueError):
        quiz.Quiz([{"q": Q, "options": OPTS}])
    with pytest.raises(ValueError):
        quiz.Quiz([{"q": Q, "options": OPTS, "key": quiz.seal("别的题", OPTS, [0], "x")}])


def test_seal_command_line():
    out = subprocess.run([sys.executable, "-m", "course.quiz", Q, *OPTS, "--answer", "A",
                          "--explain", "解析"], capture_output=True, text=True, check=True).stdout
    assert quiz.unseal(Q, OPTS, out.strip()) == (frozenset({0}), "解析")
    bad = subprocess.run([sys.executable, "-m", "course.quiz", Q, *OPTS, "--answer", "D",
                          "--explain", "x"], capture_output=True, text=True)
    assert bad.returncode == 2 and "错误" in bad.stderr and "Traceback" not in bad.stderr


# ---------------------------------------------------------------- counting

def test_counting_array_counts_every_access():
    a = CountingArray(4, fill=0)
    a[1] = 5
    assert a[1] == 5 and a[0] == 0
    assert (a.reads, a.writes, a.ops, len(a)) == (2, 1, 3, 4)


@pytest.mark.parametrize("index, error", [(-1, IndexError), (4, IndexError), (slice(0, 2), TypeError),
                                          ("0", TypeError), (True, TypeError)])
def test_counting_array_rejects_uncounted_access(index, error):
    a = CountingArray(4)
    with pytest.raises(error):
        a[index]
    with pytest.raises(error):
        a[index] = 1


def test_every_plot_in_a_notebook_is_displayed(tmp_path):
    """回归：第一次建图若发生在 rc_context 里，inline 后端的交互模式会被回滚，第二张图就不显示了。"""
    import nbformat
    from nbclient import NotebookClient

    cell = "fig = plots.complexity([1, 10, 100], {{'x': [1e-9, 1e-8, 1e-7]}}, title='{}')"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from course import plots")]
                                  + [nbformat.v4.new_code_cell(cell.format(t)) for t in ("one", "two")]
                                  + [nbformat.v4.new_code_cell(
                                      "fig = plots.speedup_bars({'a': 2.0}, title='three')")])
    NotebookClient(nb, timeout=60, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    images = [any("image/png" in o.get("data", {}) for o in c.outputs) for c in nb.cells[1:]]
    assert images == [True, True, True]


# ---------------------------------------------------------------- guard

def test_step_limit_stops_runaway_code_and_restores_tracer():
    from course.guard import StepLimit

    def spin():
        while True:
            pass

    before = sys.gettrace()
    with pytest.raises(RuntimeError, match="执行步数超过上限"):
        with StepLimit(1000):
            spin()
    assert sys.gettrace() is before
    with StepLimit(10_000) as guard:
        assert sum(i for i in range(100)) == 4950
    assert 0 < guard.steps < 10_000
    with pytest.raises(ValueError):
        StepLimit(0)
