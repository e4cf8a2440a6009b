"""给用户看的错误。"""


class CourseError(Exception):
    """一条中文错误：说清楚出了什么问题（message）和该怎么办（hint）。

    `course` 命令捕获它，打印后以 ``code`` 退出，不打印 traceback。
    """

    def __init__(self, message: str, hint: str = "", code: int = 2):
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.code = code

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message
