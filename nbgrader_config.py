"""nbgrader 配置。仓库根目录就是 nbgrader 的课程目录（course directory）。

nbgrader 的命令行、JupyterLab 里的 formgrader 以及 `course` 命令都读这一个文件。
"""
import os
import sys

c = get_config()  # noqa: F821  (nbgrader 加载配置文件时注入 get_config)

# nbgrader 新建 gradebook 时会直接运行裸命令 `alembic`。没有激活虚拟环境时，
# 环境的 bin/（Windows 上是 Scripts\）不在 PATH 里，就会 FileNotFoundError。
# 这里把当前解释器所在目录放到 PATH 最前面，任何启动方式都能找到 alembic。
_env_bin = os.path.dirname(sys.executable)
if _env_bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _env_bin + os.pathsep + os.environ.get("PATH", "")

c.CourseDirectory.course_id = "python-interview-zh"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.ignore = [".ipynb_checkpoints", "*.pyc", "__pycache__", "feedback"]

# 每个单元格最多运行 30 秒。死循环会被中断、记为错误，评分继续往下走。
# 基准测试在评分时自动用小规模（见 course/bench.py 的 fast_mode），远低于这个上限。
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True

# 学员误删了测试单元格时，评分前按原样补回（nbgrader 默认会把它标成「需人工评分」）。
c.OverwriteCells.add_missing_cells = True

# 发给学员的版本里，答案区换成中文提示。
c.ClearSolutions.code_stub = {"python": "# 在这里写你的代码\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "在这里写你的回答"

# nbgrader 把测试单元格里的任何 stderr 输出都判 0 分。我们刻意只放过一种：
# matplotlib 在新环境里第一次 import 时打印的「正在建字体缓存」提示。它来自环境，
# 与答案无关。其余警告一律保留：DeprecationWarning、"coroutine ... was never
# awaited" 这类 RuntimeWarning 往往正说明答案有错，应当扣分。
c.IgnorePattern.pattern = r"Matplotlib is building the font cache"

# 反馈页面不泄露隐藏测试和评分要点（course/feedback.py）：测试单元格只显示可见的测试、
# 测试作者写的提示信息和学员自己代码的栈帧。原版 generate_feedback 也读这一行。
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "course.feedback.HideHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
