"""第 10 章（网络编程与 Web）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。

本文件由参考答案加上定点修改生成，改参考答案后请同步检查这里的变异体。
"""

MUTANTS = {
    'ch10_to_json': {
        'str_fallback': '''\
# 错误：不认识的类型一律退回 str(o)：bytes、带密码哈希的对象都被悄悄发出去
import dataclasses
import datetime
import decimal
import enum
import json


def to_json(obj):
    """把 obj 序列化成紧凑的 JSON 字符串；支持 datetime/date、Decimal、set、Enum、dataclass。"""
    def default(o):
        if isinstance(o, (datetime.datetime, datetime.date)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        if isinstance(o, enum.Enum):
            return o.value
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        return str(o)

    return json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
''',
        'dict_fallback': '''\
# 错误：普通对象退回 o.__dict__（网上常见的 default=lambda o: o.__dict__）
import dataclasses
import datetime
import decimal
import enum
import json


def to_json(obj):
    """把 obj 序列化成紧凑的 JSON 字符串；支持 datetime/date、Decimal、set、Enum、dataclass。"""
    def default(o):
        if isinstance(o, (datetime.datetime, datetime.date)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        if isinstance(o, enum.Enum):
            return o.value
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        if hasattr(o, "__dict__"):
            return vars(o)
        raise TypeError(f"不支持序列化 {type(o).__name__} 类型")

    return json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
''',
        'set_unsorted': '''\
# 错误：set 直接 list(o)，顺序取决于哈希，不是排好序的
import dataclasses
import datetime
import decimal
import enum
import json


def to_json(obj):
    """把 obj 序列化成紧凑的 JSON 字符串；支持 datetime/date、Decimal、set、Enum、dataclass。"""
    def default(o):
        if isinstance(o, (datetime.datetime, datetime.date)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (set, frozenset)):
            return list(o)
        if isinstance(o, enum.Enum):
            return o.value
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        raise TypeError(f"不支持序列化 {type(o).__name__} 类型")

    return json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
''',
        'decimal_float': '''\
# 错误：Decimal 转成 float：9.90 变成 9.9，还会有二进制误差
import dataclasses
import datetime
import decimal
import enum
import json


def to_json(obj):
    """把 obj 序列化成紧凑的 JSON 字符串；支持 datetime/date、Decimal、set、Enum、dataclass。"""
    def default(o):
        if isinstance(o, (datetime.datetime, datetime.date)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return float(o)
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        if isinstance(o, enum.Enum):
            return o.value
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        raise TypeError(f"不支持序列化 {type(o).__name__} 类型")

    return json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
''',
        'allow_nan': '''\
# 错误：忘了 allow_nan=False：NaN / Infinity 不是合法 JSON，却被原样写出
import dataclasses
import datetime
import decimal
import enum
import json


def to_json(obj):
    """把 obj 序列化成紧凑的 JSON 字符串；支持 datetime/date、Decimal、set、Enum、dataclass。"""
    def default(o):
        if isinstance(o, (datetime.datetime, datetime.date)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        if isinstance(o, enum.Enum):
            return o.value
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        raise TypeError(f"不支持序列化 {type(o).__name__} 类型")

    return json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"))
''',
        'sorted_keys': '''\
# 错误：加了 sort_keys=True，字典的键顺序变了
import dataclasses
import datetime
import decimal
import enum
import json


def to_json(obj):
    """把 obj 序列化成紧凑的 JSON 字符串；支持 datetime/date、Decimal、set、Enum、dataclass。"""
    def default(o):
        if isinstance(o, (datetime.datetime, datetime.date)):
            return o.isoformat()
        if isinstance(o, decimal.Decimal):
            return str(o)
        if isinstance(o, (set, frozenset)):
            return sorted(o)
        if isinstance(o, enum.Enum):
            return o.value
        if dataclasses.is_dataclass(o) and not isinstance(o, type):
            return {f.name: getattr(o, f.name) for f in dataclasses.fields(o)}
        raise TypeError(f"不支持序列化 {type(o).__name__} 类型")

    return json.dumps(obj, default=default, ensure_ascii=False, separators=(",", ":"), allow_nan=False, sort_keys=True)
''',
    },
    'ch10_flask_params': {
        'args_type_int': '''\
# 错误：用 request.args.get('page', 1, type=int)：转换失败时悄悄用默认值 1，而不是回 400
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        page = request.args.get("page", 1, type=int)
        if page < 1:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": request.args.getlist("tag"), "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json(silent=True)          # 不是 JSON / 格式错：None，而不是 415 / 400 页
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}, 201

    return app
''',
        'no_lower_bound': '''\
# 错误：只检查能不能转成 int，忘了 page 必须 >= 1
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": request.args.getlist("tag"), "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json(silent=True)          # 不是 JSON / 格式错：None，而不是 415 / 400 页
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}, 201

    return app
''',
        'tag_get': '''\
# 错误：多值参数用 request.args.get('tag')，只拿到第一个值
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            return {"error": "bad page"}, 400
        if page < 1:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": [request.args["tag"]] if "tag" in request.args else [], "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json(silent=True)          # 不是 JSON / 格式错：None，而不是 415 / 400 页
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}, 201

    return app
''',
        'get_json_strict': '''\
# 错误：用 request.get_json()：非 JSON 的请求 Flask 自己回 415，坏 JSON 回 HTML 的 400 页
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            return {"error": "bad page"}, 400
        if page < 1:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": request.args.getlist("tag"), "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json()          # 不是 JSON / 格式错：None，而不是 415 / 400 页
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}, 201

    return app
''',
        'truthy_text': '''\
# 错误：只检查 text 是否为真，5、['a'] 这样的非字符串也被接受
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            return {"error": "bad page"}, 400
        if page < 1:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": request.args.getlist("tag"), "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json(silent=True)          # 不是 JSON / 格式错：None，而不是 415 / 400 页
        text = data.get("text") if isinstance(data, dict) else None
        if not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}, 201

    return app
''',
        'status_200': '''\
# 错误：新建成功仍回 200，应该是 201 Created
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            return {"error": "bad page"}, 400
        if page < 1:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": request.args.getlist("tag"), "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json(silent=True)          # 不是 JSON / 格式错：None，而不是 415 / 400 页
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}

    return app
''',
        'global_app': '''\
# 错误：没有用应用工厂，而是模块级的全局 app，create_app() 每次都在它上面重复注册路由
from flask import Flask, request

app = Flask(__name__)


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    @app.get("/items")
    def list_items():
        try:
            page = int(request.args.get("page", "1"))
        except ValueError:
            return {"error": "bad page"}, 400
        if page < 1:
            return {"error": "bad page"}, 400
        return {"page": page, "tags": request.args.getlist("tag"), "q": request.args.get("q", "")}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        data = request.get_json(silent=True)
        text = data.get("text") if isinstance(data, dict) else None
        if not isinstance(text, str) or not text:
            return {"error": "bad json"}, 400
        return {"item_id": item_id, "text": text, "author": request.headers.get("X-User", "anonymous")}, 201

    return app
''',
        'hardcoded_examples': '''\
# 错误：背下看得到的例子，其余情况随便返回
from flask import Flask, request


def create_app():
    """应用工厂：每次调用返回一个新的 Flask 应用，带 GET /items 和 POST /items/<int:item_id>/notes。"""
    app = Flask(__name__)

    @app.get("/items")
    def list_items():
        if request.query_string == b"page=abc":
            return {"error": "bad page"}, 400
        if request.query_string == b"page=2&tag=a&tag=b&q=py":
            return {"page": 2, "tags": ["a", "b"], "q": "py"}
        return {"page": 1, "tags": [], "q": ""}

    @app.post("/items/<int:item_id>/notes")
    def add_note(item_id):
        if request.is_json:
            return {"item_id": 7, "text": "hi", "author": "ann"}, 201
        return {"error": "bad json"}, 400

    return app
''',
    },
    'ch10_framing': {
        'single_recv': '''\
# 错误：以为一次 recv(n) 就能拿到 n 个字节，没有循环
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("!I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError("payload 必须是 bytes 或 bytearray")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        if n == 0:
            return b""
        chunk = sock.recv(n)
        if not chunk:
            if allow_eof:
                return None
            raise ConnectionError("连接在帧中间关闭")
        return chunk

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"帧长度 {length} 超过上限 {MAX_FRAME}")
    return recv_exactly(length, allow_eof=False)
''',
        'reads_too_much': '''\
# 错误：每次 recv(65536) 再切片，多读到的下一帧的字节被丢掉了
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("!I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError("payload 必须是 bytes 或 bytearray")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(65536)[: n - len(buf)]
            if not chunk:
                if allow_eof and not buf:
                    return None
                raise ConnectionError(f"连接在帧中间关闭：需要 {n} 字节，只收到 {len(buf)}")
            buf += chunk
        return bytes(buf)

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"帧长度 {length} 超过上限 {MAX_FRAME}")
    return recv_exactly(length, allow_eof=False)
''',
        'eof_returns_empty': '''\
# 错误：对方关闭时返回 b''，和空帧分不清
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("!I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError("payload 必须是 bytes 或 bytearray")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                if allow_eof and not buf:
                    return None
                raise ConnectionError(f"连接在帧中间关闭：需要 {n} 字节，只收到 {len(buf)}")
            buf += chunk
        return bytes(buf)

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return b""
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"帧长度 {length} 超过上限 {MAX_FRAME}")
    return recv_exactly(length, allow_eof=False)
''',
        'little_endian': '''\
# 错误：长度用小端 '<I'（x86 的本机字节序），不是约定的网络字节序
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("<I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError("payload 必须是 bytes 或 bytearray")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                if allow_eof and not buf:
                    return None
                raise ConnectionError(f"连接在帧中间关闭：需要 {n} 字节，只收到 {len(buf)}")
            buf += chunk
        return bytes(buf)

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"帧长度 {length} 超过上限 {MAX_FRAME}")
    return recv_exactly(length, allow_eof=False)
''',
        'partial_header_is_eof': '''\
# 错误：头部读到一半就断开也当成正常关闭，返回 None 而不是报错
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("!I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError("payload 必须是 bytes 或 bytearray")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                if allow_eof:
                    return None
                raise ConnectionError(f"连接在帧中间关闭：需要 {n} 字节，只收到 {len(buf)}")
            buf += chunk
        return bytes(buf)

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"帧长度 {length} 超过上限 {MAX_FRAME}")
    return recv_exactly(length, allow_eof=False)
''',
        'no_length_limit': '''\
# 错误：不检查头部里的长度，对方说多长就去读多长（内存可被打爆）
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("!I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if not isinstance(payload, (bytes, bytearray)):
        raise TypeError("payload 必须是 bytes 或 bytearray")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                if allow_eof and not buf:
                    return None
                raise ConnectionError(f"连接在帧中间关闭：需要 {n} 字节，只收到 {len(buf)}")
            buf += chunk
        return bytes(buf)

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    return recv_exactly(length, allow_eof=False)
''',
        'encodes_str': '''\
# 错误：payload 是 str 时自动 encode，而不是抛 TypeError
import socket
import struct

MAX_FRAME = 1 << 20          # 1 MiB
HEADER = struct.Struct("!I")  # 4 字节、网络字节序（大端）、无符号


def send_msg(sock, payload):
    """发送一帧：4 字节大端长度 + payload。"""
    if isinstance(payload, str):
        payload = payload.encode("utf-8")
    if len(payload) > MAX_FRAME:
        raise ValueError(f"一帧最多 {MAX_FRAME} 字节")
    sock.sendall(HEADER.pack(len(payload)) + bytes(payload))


def recv_msg(sock):
    """接收恰好一帧并返回 bytes；帧开始前对方关闭连接时返回 None。"""
    def recv_exactly(n, allow_eof):
        buf = bytearray()
        while len(buf) < n:
            chunk = sock.recv(n - len(buf))
            if not chunk:
                if allow_eof and not buf:
                    return None
                raise ConnectionError(f"连接在帧中间关闭：需要 {n} 字节，只收到 {len(buf)}")
            buf += chunk
        return bytes(buf)

    header = recv_exactly(HEADER.size, allow_eof=True)
    if header is None:
        return None
    (length,) = HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError(f"帧长度 {length} 超过上限 {MAX_FRAME}")
    return recv_exactly(length, allow_eof=False)
''',
    },
    'ch10_cors': {
        'substring_match': '''\
# 错误：用子串判断源（'a.example' in origin），http://a.example.evil.com 也被放行
def cors_middleware(app, allowed_origins):
    """给 WSGI 应用加上 CORS：自己回复预检请求，给允许的源加 Access-Control-Allow-Origin。"""
    if isinstance(allowed_origins, (str, bytes)) or not isinstance(allowed_origins, (list, tuple, set, frozenset)):
        raise TypeError("allowed_origins 必须是由 str 组成的 list / tuple / set")
    allowed = set(allowed_origins)
    if not all(isinstance(o, str) for o in allowed):
        raise TypeError("allowed_origins 的元素必须是 str")

    def is_allowed(origin):
        return "*" in allowed or any(o in origin for o in allowed)

    def wrapped(environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ.get("REQUEST_METHOD") == "OPTIONS" and origin is not None and requested is not None:
            if not is_allowed(origin):
                start_response("403 Forbidden", [("Content-Length", "0")])
                return [b""]
            headers = [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Methods", requested),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
            ]
            if "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" in environ:
                headers.append(("Access-Control-Allow-Headers", environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"]))
            start_response("204 No Content", headers)
            return [b""]
        if origin is None or not is_allowed(origin):
            return app(environ, start_response)

        def cors_start_response(status, headers, exc_info=None):
            headers = list(headers) + [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return app(environ, cors_start_response)
    return wrapped
''',
        'literal_star': '''\
# 错误：配置了 '*' 就回字面量 *，没有回显具体的源
def cors_middleware(app, allowed_origins):
    """给 WSGI 应用加上 CORS：自己回复预检请求，给允许的源加 Access-Control-Allow-Origin。"""
    if isinstance(allowed_origins, (str, bytes)) or not isinstance(allowed_origins, (list, tuple, set, frozenset)):
        raise TypeError("allowed_origins 必须是由 str 组成的 list / tuple / set")
    allowed = set(allowed_origins)
    if not all(isinstance(o, str) for o in allowed):
        raise TypeError("allowed_origins 的元素必须是 str")

    def is_allowed(origin):
        return "*" in allowed or origin in allowed

    def wrapped(environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ.get("REQUEST_METHOD") == "OPTIONS" and origin is not None and requested is not None:
            if not is_allowed(origin):
                start_response("403 Forbidden", [("Content-Length", "0")])
                return [b""]
            headers = [
                ("Access-Control-Allow-Origin", "*" if "*" in allowed else origin),
                ("Access-Control-Allow-Methods", requested),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
            ]
            if "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" in environ:
                headers.append(("Access-Control-Allow-Headers", environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"]))
            start_response("204 No Content", headers)
            return [b""]
        if origin is None or not is_allowed(origin):
            return app(environ, start_response)

        def cors_start_response(status, headers, exc_info=None):
            headers = list(headers) + [("Access-Control-Allow-Origin", "*" if "*" in allowed else origin),
                                       ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return app(environ, cors_start_response)
    return wrapped
''',
        'every_options_is_preflight': '''\
# 错误：把所有 OPTIONS 请求都当成预检，不看 Access-Control-Request-Method
def cors_middleware(app, allowed_origins):
    """给 WSGI 应用加上 CORS：自己回复预检请求，给允许的源加 Access-Control-Allow-Origin。"""
    if isinstance(allowed_origins, (str, bytes)) or not isinstance(allowed_origins, (list, tuple, set, frozenset)):
        raise TypeError("allowed_origins 必须是由 str 组成的 list / tuple / set")
    allowed = set(allowed_origins)
    if not all(isinstance(o, str) for o in allowed):
        raise TypeError("allowed_origins 的元素必须是 str")

    def is_allowed(origin):
        return "*" in allowed or origin in allowed

    def wrapped(environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ.get("REQUEST_METHOD") == "OPTIONS" and origin is not None:
            if not is_allowed(origin):
                start_response("403 Forbidden", [("Content-Length", "0")])
                return [b""]
            headers = [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Methods", requested or "GET"),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
            ]
            if "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" in environ:
                headers.append(("Access-Control-Allow-Headers", environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"]))
            start_response("204 No Content", headers)
            return [b""]
        if origin is None or not is_allowed(origin):
            return app(environ, start_response)

        def cors_start_response(status, headers, exc_info=None):
            headers = list(headers) + [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return app(environ, cors_start_response)
    return wrapped
''',
        'rejected_preflight_to_app': '''\
# 错误：不允许的源的预检交给应用处理，而不是回 403
def cors_middleware(app, allowed_origins):
    """给 WSGI 应用加上 CORS：自己回复预检请求，给允许的源加 Access-Control-Allow-Origin。"""
    if isinstance(allowed_origins, (str, bytes)) or not isinstance(allowed_origins, (list, tuple, set, frozenset)):
        raise TypeError("allowed_origins 必须是由 str 组成的 list / tuple / set")
    allowed = set(allowed_origins)
    if not all(isinstance(o, str) for o in allowed):
        raise TypeError("allowed_origins 的元素必须是 str")

    def is_allowed(origin):
        return "*" in allowed or origin in allowed

    def wrapped(environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ.get("REQUEST_METHOD") == "OPTIONS" and origin is not None and requested is not None:
            if not is_allowed(origin):
                return app(environ, start_response)
            headers = [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Methods", requested),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
            ]
            if "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" in environ:
                headers.append(("Access-Control-Allow-Headers", environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"]))
            start_response("204 No Content", headers)
            return [b""]
        if origin is None or not is_allowed(origin):
            return app(environ, start_response)

        def cors_start_response(status, headers, exc_info=None):
            headers = list(headers) + [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return app(environ, cors_start_response)
    return wrapped
''',
        'accepts_str': '''\
# 错误：allowed_origins 传成字符串也接受（set('http://a') 变成一堆单个字符）
def cors_middleware(app, allowed_origins):
    """给 WSGI 应用加上 CORS：自己回复预检请求，给允许的源加 Access-Control-Allow-Origin。"""

    allowed = set(allowed_origins)
    if not all(isinstance(o, str) for o in allowed):
        raise TypeError("allowed_origins 的元素必须是 str")

    def is_allowed(origin):
        return "*" in allowed or origin in allowed

    def wrapped(environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ.get("REQUEST_METHOD") == "OPTIONS" and origin is not None and requested is not None:
            if not is_allowed(origin):
                start_response("403 Forbidden", [("Content-Length", "0")])
                return [b""]
            headers = [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Methods", requested),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
            ]
            if "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" in environ:
                headers.append(("Access-Control-Allow-Headers", environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"]))
            start_response("204 No Content", headers)
            return [b""]
        if origin is None or not is_allowed(origin):
            return app(environ, start_response)

        def cors_start_response(status, headers, exc_info=None):
            headers = list(headers) + [("Access-Control-Allow-Origin", origin), ("Vary", "Origin")]
            return start_response(status, headers, exc_info)

        return app(environ, cors_start_response)
    return wrapped
''',
        'no_vary': '''\
# 错误：实际请求只加 Allow-Origin，忘了 Vary: Origin（缓存会把 A 源的响应给 B 源）
def cors_middleware(app, allowed_origins):
    """给 WSGI 应用加上 CORS：自己回复预检请求，给允许的源加 Access-Control-Allow-Origin。"""
    if isinstance(allowed_origins, (str, bytes)) or not isinstance(allowed_origins, (list, tuple, set, frozenset)):
        raise TypeError("allowed_origins 必须是由 str 组成的 list / tuple / set")
    allowed = set(allowed_origins)
    if not all(isinstance(o, str) for o in allowed):
        raise TypeError("allowed_origins 的元素必须是 str")

    def is_allowed(origin):
        return "*" in allowed or origin in allowed

    def wrapped(environ, start_response):
        origin = environ.get("HTTP_ORIGIN")
        requested = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD")
        if environ.get("REQUEST_METHOD") == "OPTIONS" and origin is not None and requested is not None:
            if not is_allowed(origin):
                start_response("403 Forbidden", [("Content-Length", "0")])
                return [b""]
            headers = [
                ("Access-Control-Allow-Origin", origin),
                ("Access-Control-Allow-Methods", requested),
                ("Access-Control-Max-Age", "600"),
                ("Vary", "Origin"),
            ]
            if "HTTP_ACCESS_CONTROL_REQUEST_HEADERS" in environ:
                headers.append(("Access-Control-Allow-Headers", environ["HTTP_ACCESS_CONTROL_REQUEST_HEADERS"]))
            start_response("204 No Content", headers)
            return [b""]
        if origin is None or not is_allowed(origin):
            return app(environ, start_response)

        def cors_start_response(status, headers, exc_info=None):
            headers = list(headers) + [("Access-Control-Allow-Origin", origin)]
            return start_response(status, headers, exc_info)

        return app(environ, cors_start_response)
    return wrapped
''',
    },
    'ch10_parse_request': {
        'split_whitespace': '''\
# 错误：请求行用 split() 按任意空白切分，两个空格、前导空格都被放过
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = text.split("\\r\\n")
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split()
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    if version == "HTTP/1.1" and host_count != 1:
        raise ValueError("HTTP/1.1 请求必须有且只有一个 Host 头")
    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        if not (length.isascii() and length.isdigit()):
            raise ValueError(f"非法的 Content-Length：{length!r}")
        n = int(length)
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": unquote(raw_path),
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
        'strip_header_name': '''\
# 错误：把头名 strip() 之后再检查，'Host : x' 这种冒号前有空格的头被接受（RFC 9112 要求 400）
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = text.split("\\r\\n")
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        name = name.strip(" \\t")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    if version == "HTTP/1.1" and host_count != 1:
        raise ValueError("HTTP/1.1 请求必须有且只有一个 Host 头")
    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        if not (length.isascii() and length.isdigit()):
            raise ValueError(f"非法的 Content-Length：{length!r}")
        n = int(length)
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": unquote(raw_path),
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
        'no_host_check': '''\
# 错误：不检查 Host：缺 Host、两个 Host 都放过
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = text.split("\\r\\n")
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        if not (length.isascii() and length.isdigit()):
            raise ValueError(f"非法的 Content-Length：{length!r}")
        n = int(length)
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": unquote(raw_path),
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
        'int_content_length': '''\
# 错误：Content-Length 直接 int()，'+3'、' 3'、'-1' 都被接受
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = text.split("\\r\\n")
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    if version == "HTTP/1.1" and host_count != 1:
        raise ValueError("HTTP/1.1 请求必须有且只有一个 Host 头")
    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        try:
            n = int(length)
        except ValueError:
            raise ValueError(f"非法的 Content-Length：{length!r}") from None
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": unquote(raw_path),
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
        'last_header_wins': '''\
# 错误：同名的头后一个覆盖前一个，没有用 ', ' 连接
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = text.split("\\r\\n")
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = value

    if version == "HTTP/1.1" and host_count != 1:
        raise ValueError("HTTP/1.1 请求必须有且只有一个 Host 头")
    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        if not (length.isascii() and length.isdigit()):
            raise ValueError(f"非法的 Content-Length：{length!r}")
        n = int(length)
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": unquote(raw_path),
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
        'lenient_newlines': '''\
# 错误：按 \\n 切行再去掉 \\r，混用 \\n 换行的报文被接受
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = [line.rstrip("\\r") for line in text.split("\\n")]
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    if version == "HTTP/1.1" and host_count != 1:
        raise ValueError("HTTP/1.1 请求必须有且只有一个 Host 头")
    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        if not (length.isascii() and length.isdigit()):
            raise ValueError(f"非法的 Content-Length：{length!r}")
        n = int(length)
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": unquote(raw_path),
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
        'no_unquote': '''\
# 错误：path 没有用 unquote 解码
from urllib.parse import parse_qs, unquote


def parse_request(raw):
    """解析一段完整的 HTTP/1.1 请求报文，返回 dict；不合规时抛 ValueError。"""
    if not isinstance(raw, (bytes, bytearray)):
        raise TypeError("raw 必须是 bytes")
    raw = bytes(raw)
    head, sep, rest = raw.partition(b"\\r\\n\\r\\n")
    if not sep:
        raise ValueError("报文不完整：找不到头部结尾的空行")
    try:
        text = head.decode("ascii")
    except UnicodeDecodeError:
        raise ValueError("头部必须是 ASCII") from None
    lines = text.split("\\r\\n")
    if any("\\r" in line or "\\n" in line for line in lines):
        raise ValueError("头部的行必须用 CRLF 分隔")

    parts = lines[0].split(" ")
    if len(parts) != 3:
        raise ValueError(f"请求行格式不对：{lines[0]!r}")
    method, target, version = parts
    if not (method.isascii() and method.isalpha() and method.isupper()):
        raise ValueError(f"非法的方法：{method!r}")
    if version not in ("HTTP/1.1", "HTTP/1.0"):
        raise ValueError(f"不支持的版本：{version!r}")
    if not target.startswith("/"):
        raise ValueError(f"请求目标必须以 / 开头：{target!r}")
    raw_path, _, raw_query = target.partition("?")

    headers, host_count = {}, 0
    for line in lines[1:]:
        if line[:1] in (" ", "\\t"):
            raise ValueError("不支持已废弃的折行（obs-fold）")
        name, colon, value = line.partition(":")
        if not colon or not name or any(ch.isspace() for ch in name):
            raise ValueError(f"非法的头字段：{line!r}")
        key, value = name.lower(), value.strip(" \\t")
        if key == "host":
            host_count += 1
        headers[key] = f"{headers[key]}, {value}" if key in headers else value

    if version == "HTTP/1.1" and host_count != 1:
        raise ValueError("HTTP/1.1 请求必须有且只有一个 Host 头")
    if "transfer-encoding" in headers:
        raise ValueError("不支持 Transfer-Encoding")
    body = b""
    if "content-length" in headers:
        length = headers["content-length"]
        if not (length.isascii() and length.isdigit()):
            raise ValueError(f"非法的 Content-Length：{length!r}")
        n = int(length)
        if len(rest) < n:
            raise ValueError(f"正文不完整：需要 {n} 字节，只有 {len(rest)}")
        body = rest[:n]
    return {
        "method": method, "target": target, "path": raw_path,
        "query": parse_qs(raw_query, keep_blank_values=True) if raw_query else {},
        "version": version, "headers": headers, "body": body,
    }
''',
    },
    'ch10_router': {
        'first_match_405': '''\
# 错误：第一个路径匹配的路由方法不对就立刻回 405，不再看后面同路径、其他方法的路由
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                break
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'allow_first_only': '''\
# 错误：Allow 头只列出第一个路径匹配的路由的方法
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed = allowed or set(methods)
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'int_via_int': '''\
# 错误：<int:...> 用 int(part) 试转换，'-3'、'+3'、' 3' 也被当成数字
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    try:
                        params[value] = int(part)
                    except ValueError:
                        return None
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'ignore_status_tuple': '''\
# 错误：不识别 (数据, 状态码)，一律 200，元组被 json.dumps 成列表
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'swallow_handler_errors': '''\
# 错误：自己捕获处理函数的异常回 500 JSON，服务器和测试都看不到原始异常
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            try:
                result = handler(request, **params)
            except Exception:
                return respond(500, {"error": "internal error"})
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'no_segment_count': '''\
# 错误：逐段比较时没先比较段数，zip 截断后 /items/7/extra 也匹配上 /items/<int:item_id>
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'empty_param': '''\
# 错误：<name> 也匹配空的段，/files//raw 被当成 name=''
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    return respond(400, {"error": "invalid json"})
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
        'bad_json_is_none': '''\
# 错误：正文不是合法 JSON 时当成 None 交给处理函数，而不是回 400
import json
from http import HTTPStatus
from urllib.parse import parse_qs


class Router:
    """最小的 WSGI 路由器：@app.route(pattern, methods) 注册，实例本身是 WSGI 应用。"""

    def __init__(self):
        self._routes = []                      # [(segments, methods, handler)]

    def route(self, pattern, methods=("GET",)):
        if not isinstance(pattern, str):
            raise TypeError("pattern 必须是 str")
        if not pattern.startswith("/"):
            raise ValueError("pattern 必须以 / 开头")
        segments = []
        for seg in pattern.split("/"):
            if seg.startswith("<int:") and seg.endswith(">"):
                segments.append(("int", seg[5:-1]))
            elif seg.startswith("<") and seg.endswith(">"):
                segments.append(("str", seg[1:-1]))
            else:
                segments.append(("lit", seg))
        allowed = frozenset(methods)

        def decorator(handler):
            self._routes.append((segments, allowed, handler))
            return handler
        return decorator

    def __call__(self, environ, start_response):
        def respond(code, data, extra=()):
            body = json.dumps(data).encode("utf-8")
            start_response(f"{code} {HTTPStatus(code).phrase}",
                           [("Content-Type", "application/json"), ("Content-Length", str(len(body))), *extra])
            return [body]

        def match(segments, parts):
            if len(segments) != len(parts):
                return None
            params = {}
            for (kind, value), part in zip(segments, parts):
                if kind == "lit":
                    if part != value:
                        return None
                elif kind == "int":
                    if not (part.isascii() and part.isdigit()):
                        return None
                    params[value] = int(part)
                else:
                    if not part:
                        return None
                    params[value] = part
            return params

        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        parts = path.split("/")
        path_matched, allowed = False, set()
        for segments, methods, handler in self._routes:
            params = match(segments, parts)
            if params is None:
                continue
            path_matched = True
            allowed |= methods
            if method not in methods:
                continue
            try:
                length = int(environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                length = 0
            payload = None
            if length > 0:
                try:
                    payload = json.loads(environ["wsgi.input"].read(length).decode("utf-8"))
                except (UnicodeDecodeError, ValueError):
                    payload = None
            request = {"method": method, "path": path,
                       "args": parse_qs(environ.get("QUERY_STRING", "")), "json": payload}
            result = handler(request, **params)
            if isinstance(result, tuple):
                data, code = result
                return respond(code, data)
            return respond(200, result)
        if path_matched:
            return respond(405, {"error": "method not allowed"}, [("Allow", ", ".join(sorted(allowed)))])
        return respond(404, {"error": "not found"})
''',
    },
}
