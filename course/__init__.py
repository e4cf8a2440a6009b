"""Python 面试课程的共享代码：笔记本用的计时、画图、自测题，以及 `course` 命令和评分流程。

这个包的顶层只用标准库，所以 ``python3 -m course`` 在依赖装好之前也能运行
（见 course/bootstrap.py）。
"""
__version__ = "0.1.0"

import sys as _sys

# jsonschema 在 import 时就加载 rfc3987_syntax，后者当场构造约 35 个 Earley 语法分析器：
# 每个 import 了 nbformat / nbgrader 的进程要多花 2–3 秒（python-jsonschema/jsonschema#1428）。
# 它只用来校验 "iri" / "iri-reference" 格式，笔记本和 nbgrader 的 schema 都用不到。
# course 的进程（命令行、评分进程、测试）里让它 import 失败，jsonschema 会直接跳过这两个格式。
_sys.modules.setdefault("rfc3987_syntax", None)
