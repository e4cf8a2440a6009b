"""第 11 章（数据库与 SQL）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

MUTANTS = {
    'ch11_having': {
        'status_in_having': '''\
# 错误：把行条件 status = 'paid' 写进 HAVING：分组里所有状态的订单都被统计了
def big_customers_sql():
    return """
        SELECT customer, COUNT(*) AS paid_orders, SUM(amount) AS paid_total
        FROM orders GROUP BY customer
        HAVING status = 'paid' AND COUNT(*) >= 2 AND SUM(amount) >= :min_total
        ORDER BY paid_total DESC, customer
    """
''',
        'strict_bounds': '''\
# 错误：边界写成严格大于，恰好 2 笔或恰好等于 min_total 的客户被漏掉
def big_customers_sql():
    return """
        SELECT customer, COUNT(*), SUM(amount) AS paid_total FROM orders
        WHERE status = 'paid' GROUP BY customer
        HAVING COUNT(*) > 1 AND SUM(amount) > :min_total
        ORDER BY paid_total DESC, customer
    """
''',
        'no_tiebreak': '''\
# 错误：只按总额排序，总额相同的客户顺序不确定（这里按名字降序出来）
def big_customers_sql():
    return """
        SELECT customer, COUNT(*), SUM(amount) AS paid_total FROM orders
        WHERE status = 'paid' GROUP BY customer
        HAVING COUNT(*) >= 2 AND SUM(amount) >= :min_total
        ORDER BY paid_total DESC, customer DESC
    """
''',
        'hardcoded_examples': '''\
# 错误：背下示例的结果
def big_customers_sql():
    return """
        SELECT 'cat', 2, 120 WHERE :min_total <= 120
        UNION ALL SELECT 'ann', 2, 110 WHERE :min_total <= 110
    """
''',
    },
    'ch11_second_total': {
        'limit_offset': '''\
# 错误：LIMIT 1 OFFSET 1，最高分并列时拿到的是并列第一的人，第二名并列时只返回一个
def second_total_sql():
    return """
        SELECT student FROM (SELECT student, SUM(score) AS total FROM scores GROUP BY student)
        ORDER BY total DESC, student LIMIT 1 OFFSET 1
    """
''',
        'rank_not_dense': '''\
# 错误：用 RANK()：并列第一后名次跳到 3，RANK = 2 没有人
def second_total_sql():
    return """
        SELECT student FROM (
            SELECT student, RANK() OVER (ORDER BY SUM(score) DESC) AS rk
            FROM scores GROUP BY student
        ) WHERE rk = 2 ORDER BY student
    """
''',
        'single_subject_max': '''\
# 错误：按单科最高分排名，不是按总分
def second_total_sql():
    return """
        SELECT student FROM (
            SELECT student, DENSE_RANK() OVER (ORDER BY MAX(score) DESC) AS rk
            FROM scores GROUP BY student
        ) WHERE rk = 2 ORDER BY student
    """
''',
        'hardcoded_examples': '''\
# 错误：背下示例：总分 245 的就是第二名
def second_total_sql():
    return """
        SELECT student FROM scores GROUP BY student HAVING SUM(score) = 245 ORDER BY student
    """
''',
    },
    'ch11_transfer': {
        'no_rollback': '''\
# 错误：先扣款、再发现收款账户不存在就直接抛异常，没有回滚：半截改动留在事务里
def transfer(conn, src, dst, amount):
    for value in (src, dst, amount):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("参数必须是 int")
    if amount <= 0 or src == dst:
        raise ValueError("参数不对")
    row = conn.execute("SELECT balance FROM accounts WHERE id = ?", (src,)).fetchone()
    if row is None or row[0] < amount:
        raise ValueError("付款账户不存在或余额不足")
    conn.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, src))
    if conn.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, dst)).rowcount == 0:
        raise ValueError("收款账户不存在")
    conn.execute("INSERT INTO ledger (src, dst, amount) VALUES (?, ?, ?)", (src, dst, amount))
    conn.commit()
    return tuple(conn.execute("SELECT balance FROM accounts WHERE id = ?", (a,)).fetchone()[0] for a in (src, dst))
''',
        'commit_each_step': '''\
# 错误：每条语句后都 commit（当成自动提交）：第二步失败时第一步已经提交了
def transfer(conn, src, dst, amount):
    for value in (src, dst, amount):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("参数必须是 int")
    if amount <= 0 or src == dst:
        raise ValueError("参数不对")
    try:
        for sql, args in (("UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, src)),
                          ("UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, dst)),
                          ("INSERT INTO ledger (src, dst, amount) VALUES (?, ?, ?)", (src, dst, amount))):
            if conn.execute(sql, args).rowcount == 0:
                raise ValueError("账户不存在")
            conn.commit()
    except sqlite3.IntegrityError as exc:
        conn.rollback()
        raise ValueError("余额不足") from exc
    except Exception:
        conn.rollback()
        raise
    return tuple(conn.execute("SELECT balance FROM accounts WHERE id = ?", (a,)).fetchone()[0] for a in (src, dst))
''',
        'forgot_commit': '''\
# 错误：忘了提交：本连接看得到，别的连接看不到，事务一直开着
def transfer(conn, src, dst, amount):
    for value in (src, dst, amount):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError("参数必须是 int")
    if amount <= 0 or src == dst:
        raise ValueError("参数不对")
    for account in (src, dst):
        if conn.execute("SELECT 1 FROM accounts WHERE id = ?", (account,)).fetchone() is None:
            raise ValueError("账户不存在")
    try:
        conn.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, src))
        conn.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, dst))
        conn.execute("INSERT INTO ledger (src, dst, amount) VALUES (?, ?, ?)", (src, dst, amount))
    except sqlite3.Error as exc:
        conn.rollback()
        raise ValueError("转账失败") from exc
    return tuple(conn.execute("SELECT balance FROM accounts WHERE id = ?", (a,)).fetchone()[0] for a in (src, dst))
''',
        'no_type_checks': '''\
# 错误：不检查类型：10.0、'10'、True 都被当成金额转了出去
def transfer(conn, src, dst, amount):
    if amount <= 0 or src == dst:
        raise ValueError("参数不对")
    try:
        with conn:
            for account in (src, dst):
                if conn.execute("SELECT 1 FROM accounts WHERE id = ?", (account,)).fetchone() is None:
                    raise ValueError("账户不存在")
            conn.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", (amount, src))
            conn.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", (amount, dst))
            conn.execute("INSERT INTO ledger (src, dst, amount) VALUES (?, ?, ?)", (src, dst, amount))
    except sqlite3.IntegrityError as exc:
        raise ValueError("余额不足") from exc
    return tuple(conn.execute("SELECT balance FROM accounts WHERE id = ?", (a,)).fetchone()[0] for a in (src, dst))
''',
    },
    'ch11_index': {
        'range_first': '''\
# 错误：把范围列放在最前面：范围之后的等值列用不上
def index_columns(equals, range_col=None, select=()):
    for group in (equals, select):
        if not isinstance(group, (list, tuple)) or not all(isinstance(c, str) for c in group):
            raise TypeError("类型不对")
    if range_col is not None and not isinstance(range_col, str):
        raise TypeError("类型不对")
    if (not equals and range_col is None) or len(set(equals)) != len(equals) or range_col in equals \\
            or "id" in equals or range_col == "id":
        raise ValueError("参数不对")
    columns = ([range_col] if range_col else []) + list(equals)
    return columns + [c for c in dict.fromkeys(select) if c != "id" and c not in columns]
''',
        'select_before_range': '''\
# 错误：先放要取的列、最后放范围列：范围列前面夹着别的列，范围条件用不上
def index_columns(equals, range_col=None, select=()):
    for group in (equals, select):
        if not isinstance(group, (list, tuple)) or not all(isinstance(c, str) for c in group):
            raise TypeError("类型不对")
    if range_col is not None and not isinstance(range_col, str):
        raise TypeError("类型不对")
    if (not equals and range_col is None) or len(set(equals)) != len(equals) or range_col in equals \\
            or "id" in equals or range_col == "id":
        raise ValueError("参数不对")
    columns = list(equals)
    columns += [c for c in dict.fromkeys(select) if c != "id" and c not in columns and c != range_col]
    return columns + ([range_col] if range_col else [])
''',
        'not_covering': '''\
# 错误：只索引 WHERE 里的列：查询还要回表取 select 的列，不是覆盖索引
def index_columns(equals, range_col=None, select=()):
    for group in (equals, select):
        if not isinstance(group, (list, tuple)) or not all(isinstance(c, str) for c in group):
            raise TypeError("类型不对")
    if range_col is not None and not isinstance(range_col, str):
        raise TypeError("类型不对")
    if (not equals and range_col is None) or len(set(equals)) != len(equals) or range_col in equals \\
            or "id" in equals or range_col == "id":
        raise ValueError("参数不对")
    return list(equals) + ([range_col] if range_col else [])
''',
        'no_validation': '''\
# 错误：规则对了，但不检查参数：重复的条件列、按 id 查、没有条件都照样返回
def index_columns(equals, range_col=None, select=()):
    columns = list(equals) + ([range_col] if range_col else [])
    for col in select:
        if col != "id" and col not in columns:
            columns.append(col)
    return columns
''',
        'hardcoded_examples': '''\
# 错误：背下示例的答案，其他输入一律只索引等值列
def index_columns(equals, range_col=None, select=()):
    known = {(("user_id",), "created", ("amount",)): ["user_id", "created", "amount"],
             (("status", "kind"), None, ("kind", "id")): ["status", "kind"],
             ((), "created", ()): ["created"]}
    key = (tuple(equals), range_col, tuple(select))
    if key in known:
        return known[key]
    if not equals or range_col in equals:
        raise ValueError("参数不对")
    return list(equals)
''',
    },
    'ch11_keyset': {
        'offset_in_disguise': '''\
# 错误：把游标换算成 OFFSET（先数游标前面有几行）：深处的页要数、要跳过很多行
def fetch_page(conn, size, after=None):
    if not isinstance(size, int) or isinstance(size, bool):
        raise TypeError("size 必须是 int")
    if not 1 <= size <= 1000:
        raise ValueError("size 超出范围")
    if after is not None and not (isinstance(after, tuple) and len(after) == 2
                                  and all(type(v) is int for v in after)):
        raise TypeError("after 不对")
    skip = 0
    if after is not None:
        skip = conn.execute("SELECT COUNT(*) FROM posts WHERE (created, id) >= (?, ?)", after).fetchone()[0]
    rows = conn.execute("SELECT id, created, title FROM posts ORDER BY created DESC, id DESC LIMIT ? OFFSET ?",
                        (size + 1, skip)).fetchall()
    more, rows = len(rows) > size, rows[:size]
    return rows, ((rows[-1][1], rows[-1][0]) if more else None)
''',
        'created_only': '''\
# 错误：只比较 created：同一时间戳的其余帖子被跳过
def fetch_page(conn, size, after=None):
    if not isinstance(size, int) or isinstance(size, bool):
        raise TypeError("size 必须是 int")
    if not 1 <= size <= 1000:
        raise ValueError("size 超出范围")
    if after is not None and not (isinstance(after, tuple) and len(after) == 2
                                  and all(type(v) is int for v in after)):
        raise TypeError("after 不对")
    where, args = ("WHERE created < ?", (after[0],)) if after else ("", ())
    rows = conn.execute(f"SELECT id, created, title FROM posts {where} ORDER BY created DESC, id DESC LIMIT ?",
                        args + (size + 1,)).fetchall()
    more, rows = len(rows) > size, rows[:size]
    return rows, ((rows[-1][1], rows[-1][0]) if more else None)
''',
        'always_cursor': '''\
# 错误：只要这一页是满的就返回游标：剩下恰好一页时调用方还要再取一个空页
def fetch_page(conn, size, after=None):
    if not isinstance(size, int) or isinstance(size, bool):
        raise TypeError("size 必须是 int")
    if not 1 <= size <= 1000:
        raise ValueError("size 超出范围")
    if after is not None and not (isinstance(after, tuple) and len(after) == 2
                                  and all(type(v) is int for v in after)):
        raise TypeError("after 不对")
    where, args = ("WHERE (created, id) < (?, ?)", after) if after else ("", ())
    rows = conn.execute(f"SELECT id, created, title FROM posts {where} ORDER BY created DESC, id DESC LIMIT ?",
                        tuple(args) + (size,)).fetchall()
    return rows, ((rows[-1][1], rows[-1][0]) if len(rows) == size else None)
''',
        'or_form_scan': '''\
# 错误：条件写成 created < ? OR (created = ? AND id < ?)：结果对，但 SQLite 用不上索引范围，要从头扫
def fetch_page(conn, size, after=None):
    if not isinstance(size, int) or isinstance(size, bool):
        raise TypeError("size 必须是 int")
    if not 1 <= size <= 1000:
        raise ValueError("size 超出范围")
    if after is not None and not (isinstance(after, tuple) and len(after) == 2
                                  and all(type(v) is int for v in after)):
        raise TypeError("after 不对")
    if after:
        where, args = "WHERE created < ? OR (created = ? AND id < ?)", (after[0], after[0], after[1])
    else:
        where, args = "", ()
    rows = conn.execute(f"SELECT id, created, title FROM posts {where} ORDER BY created DESC, id DESC LIMIT ?",
                        args + (size + 1,)).fetchall()
    more, rows = len(rows) > size, rows[:size]
    return rows, ((rows[-1][1], rows[-1][0]) if more else None)
''',
    },
}
