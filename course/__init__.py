"""Python 面试课程的共享代码：笔记本用的计时、画图、自测题，以及 `course` 命令和评分流程。

这个包的顶层只用标准库，所以 ``python3 -m course`` 在依赖装好之前也能运行
（见 course/bootstrap.py）。
"""
__version__ = "0.1.0"
