"""并行评分时的 gradebook：只有一个写入者。

nbgrader 的 FAQ 说 SQLite 不适合多个进程同时写。``course grade --jobs N`` 因此这样做：

1. 开始时用 SQLite 的在线备份 API 给真正的 gradebook 拍一个一致的快照（:func:`snapshot`）；
2. 每个学生在自己的临时课程目录里评分，用的是快照的一份拷贝——原版 nbgrader autograde
   在那里写分数，和它写真正的 gradebook 时看到的数据一模一样；
3. 一个学生评完，主进程把这个学生这一章的记录搬进真正的 gradebook（:func:`merge`），
   在**一个事务**里完成：要么全部写进去，要么（中断、出错）一点都不写。

所以任何时刻真正的 gradebook 只有主进程一个写入者，被 Ctrl-C 或 kill 打断也保持一致。
"""
from __future__ import annotations

import sqlite3
import warnings
from contextlib import contextmanager
from pathlib import Path

from nbgrader.api import Gradebook


def sqlite_path(db_url: str) -> Path | None:
    """``sqlite:///绝对路径`` → 路径；别的数据库返回 None。"""
    prefix = "sqlite:///"
    return Path(db_url[len(prefix):]) if db_url.startswith(prefix) else None


def snapshot(db_path: Path, dest: Path) -> None:
    """一致的快照：即使别的进程正在读写，备份 API 也给出某个事务边界上的完整数据库。"""
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


@contextmanager
def one_transaction(gb: Gradebook):
    """Gradebook 的方法每一步都 commit；在这里把它们收拢成一个事务。

    期间 ``commit`` 只做 flush（SQL 发出去，但不提交），最后提交一次；出错就整体回滚。
    nbgrader 的 add_submission 在对象加入 session 之前就访问关系属性，SQLAlchemy 会发
    SAWarning（原版 nbgrader 也一样，无害）；这里不让它打到教师的终端上。
    """
    from sqlalchemy.exc import SAWarning

    session = gb.db
    real_commit = session.commit
    session.commit = session.flush
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SAWarning)
        try:
            yield gb
        except BaseException:
            session.commit = real_commit
            session.rollback()
            raise
        session.commit = real_commit
        session.commit()


def merge(real_url: str, private_url: str, assignment: str, student: str) -> None:
    """把私有 gradebook 里 (assignment, student) 的评分结果写进真正的 gradebook。

    写入的字段正是 nbgrader autograde 会写的那些：学生、提交时间、迟交扣分、
    每个评分单元格的 auto_score / needs_manual_grade、每个作答单元格的 auto_comment。
    教师打过的 manual_score 和评语（manual_comment）不动。私有 gradebook 是开始时的快照，
    needs_manual_grade 已经按 nbgrader 的规则（教师改过分的要复核）算好了。
    """
    with Gradebook(private_url) as pg:
        p_student = pg.find_student(student)
        p_sub = pg.find_submission(assignment, student)
        info = {k: getattr(p_student, k) for k in ("first_name", "last_name", "email", "lms_user_id")}
        timestamp = p_sub.timestamp
        notebooks = []
        for nb in p_sub.notebooks:
            notebooks.append({
                "name": nb.name,
                "late": nb.late_submission_penalty,
                "grades": [(g.name, g.auto_score, g.needs_manual_grade) for g in nb.grades],
                "comments": [(c.name, c.auto_comment) for c in nb.comments],
            })
    with Gradebook(real_url) as gb, one_transaction(gb):
        gb.update_or_create_student(student, **info)
        if timestamp is not None:
            gb.update_or_create_submission(assignment, student, timestamp=timestamp)
        else:
            gb.update_or_create_submission(assignment, student)
        for nb in notebooks:
            r_nb = gb.find_submission_notebook(nb["name"], assignment, student)
            r_nb.late_submission_penalty = nb["late"]
            for name, auto_score, needs_manual in nb["grades"]:
                grade = gb.find_grade(name, nb["name"], assignment, student)
                grade.auto_score = auto_score
                grade.needs_manual_grade = needs_manual
            for name, auto_comment in nb["comments"]:
                gb.find_comment(name, nb["name"], assignment, student).auto_comment = auto_comment
