"""反馈页面不泄露隐藏测试：nbgrader generate_feedback 的一个预处理器。

原版 nbgrader 的反馈页面就是评过分的笔记本本身，测试单元格里的隐藏测试原样显示，
出错时 traceback 还会把断言那一行连同上下文打印出来（jupyter/nbgrader#917、#1363）。
:class:`HideHiddenTests` 在渲染 HTML 之前：

- 删掉测试单元格里 ``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` 之间的代码，
  留一行说明；
- 把 traceback 里属于测试单元格的栈帧（``Cell In[K]``，K 是测试单元格的执行序号）
  换成一句「测试代码不显示」，保留学员自己代码和库代码的栈帧；
- 保留异常类型和测试作者写的提示信息（``AssertionError: 期望……``）：学员知道哪条测试没过、为什么；
- 删掉口述题（task 单元格）里 ``=== BEGIN MARK SCHEME ===`` 的评分要点。

``nbgrader_config.py`` 把它加进 ``GenerateFeedback.preprocessors``，所以 ``course grade``、
``course check`` 和原版 ``nbgrader generate_feedback`` 生成的反馈页面都一样不泄露。
"""
from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from nbgrader import utils
from traitlets import Bool
from nbgrader.preprocessors import ClearHiddenTests, ClearMarkScheme

HIDDEN_NOTE = "# （这里还有隐藏测试，评分时运行，反馈里不显示代码）"
FRAME_NOTE = "（测试单元格里的代码不显示：看上面的提示信息，或者下面你自己代码的栈帧）"
NO_MESSAGE = "（这条测试没有附带说明）"
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def plain(text: str) -> str:
    """去掉 ANSI 颜色码。"""
    return _ANSI.sub("", text)


def _frame_of_cell(frame: str, execution_count: int | None) -> bool:
    """这个 traceback 条目是不是第 ``execution_count`` 次执行的单元格里的栈帧。

    IPython 8 写 ``Cell In[12], line 3``；更早的版本写 ``Input In [12]`` 或
    ``<ipython-input-12-…>``。
    """
    if execution_count is None:
        return False
    text = plain(frame).lstrip()
    n = re.escape(str(execution_count))
    return bool(re.match(rf"(Cell In\s*\[{n}\]|Input In\s*\[{n}\])", text)
                or re.search(rf"<ipython-input-{n}-", text))


class HideHiddenTests(Preprocessor):
    """见模块说明。放在 GetGrades 之后、CSSHTMLHeaderPreprocessor 之前。"""

    enabled = Bool(True).tag(config=True)  # nbconvert 的预处理器默认不启用

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell):
            self._hide_test_cell(cell)
        if utils.is_task(cell) or "BEGIN MARK SCHEME" in cell.source:
            ClearMarkScheme(enforce_metadata=False)._remove_mark_scheme_region(cell)
        return cell, resources

    def _hide_test_cell(self, cell) -> None:
        if ClearHiddenTests(enforce_metadata=False)._remove_hidden_test_region(cell):
            cell.source = cell.source.rstrip("\n") + "\n" + HIDDEN_NOTE
        for out in cell.get("outputs", []):
            if out.get("output_type") != "error":
                continue
            frames = []
            for frame in out.get("traceback", []):
                if _frame_of_cell(frame, cell.get("execution_count")):
                    if not frames or frames[-1] != FRAME_NOTE:
                        frames.append(FRAME_NOTE)
                else:
                    frames.append(frame)
            # 最后一条是「异常名: 信息」（信息由测试作者写），保留；没写信息的断言补一句说明
            if out.get("ename") == "AssertionError" and not out.get("evalue"):
                if frames and plain(frames[-1]).strip().startswith("AssertionError"):
                    frames = frames[:-1]
                frames.append(f"AssertionError: {NO_MESSAGE}")
            out["traceback"] = frames
