"""第 13 章（安全、Linux 与工程实践）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
"""

_TOKEN_HEAD = '''\
import base64
import hmac
import hashlib
import json


class TokenError(ValueError):
    """令牌格式不对或签名不对。"""


class TokenExpired(TokenError):
    """签名正确，但令牌已过期。"""


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text):
    return base64.urlsafe_b64decode(text.encode("ascii") + b"=" * (-len(text) % 4))


def make_token(payload, key, ttl, now):
    if not isinstance(payload, dict) or not isinstance(key, bytes):
        raise TypeError
    for value in (ttl, now):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    if "exp" in payload or not key or ttl <= 0:
        raise ValueError
    claims = dict(payload, exp=now + ttl)
    body = _b64url(json.dumps(claims, sort_keys=True, separators=(",", ":")).encode())
    return body + "." + _b64url(hmac.new(key, body.encode("ascii"), "sha256").digest())
'''

_VERIFY_CHECKS = '''\
    if not isinstance(token, str) or not isinstance(key, bytes):
        raise TypeError
    if not isinstance(now, int) or isinstance(now, bool):
        raise TypeError
    parts = token.split(".")
    if len(parts) != 2:
        raise TokenError
    body, sig_text = parts
    try:
        sig = _b64decode(sig_text)
        body_bytes = body.encode("ascii")
    except ValueError:
        raise TokenError from None
'''

_PERM_TO_OCTAL_OK = '''\
def perm_to_octal(s):
    if not isinstance(s, str):
        raise TypeError
    if len(s) != 9:
        raise ValueError
    mode = 0
    for group in range(3):
        r, w, x = s[3 * group: 3 * group + 3]
        if r not in "r-" or w not in "w-":
            raise ValueError
        bits = (4 if r == "r" else 0) | (2 if w == "w" else 0)
        ch = "sst"[group]
        if x in ("x", ch):
            bits |= 1
        elif x not in ("-", ch.upper()):
            raise ValueError
        if x in (ch, ch.upper()):
            mode |= 0o4000 >> group
        mode |= bits << (3 * (2 - group))
    return mode
'''

MUTANTS = {
    'ch13_perm_octal': {
        'no_special_bits': '''\
# 错误：只处理 rwx 和 0o777，忽略 setuid / setgid / sticky
def perm_to_octal(s):
    if not isinstance(s, str):
        raise TypeError
    if len(s) != 9:
        raise ValueError
    mode = 0
    for ch, bit in zip(s, [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 4, 2, 1]):
        if ch not in "rwx-":
            raise ValueError
        if ch != "-":
            mode |= bit
    return mode


def octal_to_perm(mode):
    if not isinstance(mode, int) or isinstance(mode, bool):
        raise TypeError
    if not 0 <= mode <= 0o7777:
        raise ValueError
    return "".join(ch if mode & bit else "-" for ch, bit in zip("rwxrwxrwx", [0o400, 0o200, 0o100, 0o40, 0o20, 0o10, 4, 2, 1]))
''',
        'sticky_lowercase_always': _PERM_TO_OCTAL_OK + '''

# 错误：特殊位总是写成小写 s / t，不管执行位有没有（应区分 s 与 S、t 与 T）
def octal_to_perm(mode):
    if not isinstance(mode, int) or isinstance(mode, bool):
        raise TypeError
    if not 0 <= mode <= 0o7777:
        raise ValueError
    out = []
    for group in range(3):
        bits = (mode >> (3 * (2 - group))) & 7
        out.append("r" if bits & 4 else "-")
        out.append("w" if bits & 2 else "-")
        if mode & (0o4000 >> group):
            out.append("sst"[group])
        else:
            out.append("x" if bits & 1 else "-")
    return "".join(out)
''',
        'bool_and_range_unchecked': _PERM_TO_OCTAL_OK + '''

# 错误：用 stat.filemode 偷懒，但不检查类型和范围（True、负数、超过 0o7777 都不报错）
import stat


def octal_to_perm(mode):
    return stat.filemode(mode)[1:]
''',
        'hardcoded_examples': '''\
# 错误：背下看得到的例子
def perm_to_octal(s):
    return {"rwxr-x---": 0o750, "rwxrwxrwx": 0o777, "rwsr-xr-x": 0o4755}[s]


def octal_to_perm(mode):
    return {0o644: "rw-r--r--"}[mode]
''',
    },
    'ch13_toy_rsa': {
        'phi_instead_of_lambda': '''\
# 错误：d 取 e 对 φ(n) = (p-1)(q-1) 的逆元（也能解密，但题目要求 RFC 8017 的 λ(n)）
import hashlib
import math


def rsa_keygen(p, q, e=65537):
    for value in (p, q, e):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    for value in (p, q):
        if not 3 <= value < 2**31 or any(value % f == 0 for f in range(2, math.isqrt(value) + 1)):
            raise ValueError
    if p == q:
        raise ValueError
    n, phi = p * q, (p - 1) * (q - 1)
    if not 3 <= e < n or math.gcd(e, phi) != 1:
        raise ValueError
    return n, e, pow(e, -1, phi)


def rsa_sign(message, n, d):
    if not isinstance(message, bytes):
        raise TypeError
    return pow(int.from_bytes(hashlib.sha256(message).digest(), "big") % n, d, n)


def rsa_verify(message, signature, n, e):
    if not isinstance(message, bytes):
        raise TypeError
    if not isinstance(signature, int) or isinstance(signature, bool) or not 0 <= signature < n:
        return False
    return pow(signature, e, n) == int.from_bytes(hashlib.sha256(message).digest(), "big") % n
''',
        'no_primality_no_range_check': '''\
# 错误：不检查 p、q 是否是素数，验签时也不检查签名是否在 [0, n) 范围内
import hashlib
import math


def rsa_keygen(p, q, e=65537):
    for value in (p, q, e):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    if p == q or p < 3 or q < 3:
        raise ValueError
    n, lam = p * q, math.lcm(p - 1, q - 1)
    if not 3 <= e < n or math.gcd(e, lam) != 1:
        raise ValueError
    return n, e, pow(e, -1, lam)


def rsa_sign(message, n, d):
    if not isinstance(message, bytes):
        raise TypeError
    return pow(int.from_bytes(hashlib.sha256(message).digest(), "big") % n, d, n)


def rsa_verify(message, signature, n, e):
    if not isinstance(message, bytes):
        raise TypeError
    if not isinstance(signature, int):
        return False
    return pow(signature, e, n) == int.from_bytes(hashlib.sha256(message).digest(), "big") % n
''',
        'sign_without_hash': '''\
# 错误：照笔记「私钥加密」——直接对消息本身做模幂，不先哈希
import hashlib
import math


def rsa_keygen(p, q, e=65537):
    for value in (p, q, e):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    for value in (p, q):
        if not 3 <= value < 2**31 or any(value % f == 0 for f in range(2, math.isqrt(value) + 1)):
            raise ValueError
    if p == q:
        raise ValueError
    n, lam = p * q, math.lcm(p - 1, q - 1)
    if not 3 <= e < n or math.gcd(e, lam) != 1:
        raise ValueError
    return n, e, pow(e, -1, lam)


def rsa_sign(message, n, d):
    if not isinstance(message, bytes):
        raise TypeError
    return pow(int.from_bytes(message, "big") % n, d, n)


def rsa_verify(message, signature, n, e):
    if not isinstance(message, bytes):
        raise TypeError
    if not isinstance(signature, int) or isinstance(signature, bool) or not 0 <= signature < n:
        return False
    return pow(signature, e, n) == int.from_bytes(message, "big") % n
''',
    },
    'ch13_password_hash': {
        'fixed_salt': '''\
# 错误：全站用同一个固定的盐（同一密码哈希相同，能一次攻击所有用户）
import hashlib
import hmac

SITE_SALT = b"my-site-salt-123"


def hash_password(password, *, salt=None, n=2**14, r=8, p=1):
    if not isinstance(password, str):
        raise TypeError
    if not password:
        raise ValueError
    for value in (n, r, p):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    if n < 2 or n & (n - 1) or r < 1 or p < 1:
        raise ValueError
    if salt is None:
        salt = SITE_SALT
    elif not isinstance(salt, bytes):
        raise TypeError
    elif len(salt) < 16:
        raise ValueError
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${dk.hex()}"


def verify_password(password, stored):
    if not isinstance(password, str) or not isinstance(stored, str):
        raise TypeError
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError
    n, r, p = (int(x) for x in parts[1:4])
    salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return hmac.compare_digest(dk, expected)
''',
        'plain_equality': '''\
# 错误：用 == 比较哈希（耗时随相同前缀变长，可被计时攻击）
import hashlib
import secrets


def hash_password(password, *, salt=None, n=2**14, r=8, p=1):
    if not isinstance(password, str):
        raise TypeError
    if not password:
        raise ValueError
    for value in (n, r, p):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    if n < 2 or n & (n - 1) or r < 1 or p < 1:
        raise ValueError
    if salt is None:
        salt = secrets.token_bytes(16)
    elif not isinstance(salt, bytes):
        raise TypeError
    elif len(salt) < 16:
        raise ValueError
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${dk.hex()}"


def verify_password(password, stored):
    if not isinstance(password, str) or not isinstance(stored, str):
        raise TypeError
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        raise ValueError from None
    if n < 2 or n & (n - 1):
        raise ValueError
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return dk == expected
''',
        'ignores_stored_params': '''\
# 错误：验证时用默认参数重算，而不是 stored 里记录的 n、r、p（调整工作因子后旧哈希全部失效）
import hashlib
import hmac
import secrets


def hash_password(password, *, salt=None, n=2**14, r=8, p=1):
    if not isinstance(password, str):
        raise TypeError
    if not password:
        raise ValueError
    for value in (n, r, p):
        if not isinstance(value, int) or isinstance(value, bool):
            raise TypeError
    if n < 2 or n & (n - 1) or r < 1 or p < 1:
        raise ValueError
    if salt is None:
        salt = secrets.token_bytes(16)
    elif not isinstance(salt, bytes):
        raise TypeError
    elif len(salt) < 16:
        raise ValueError
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32)
    return f"scrypt${n}${r}${p}${salt.hex()}${dk.hex()}"


def verify_password(password, stored):
    if not isinstance(password, str) or not isinstance(stored, str):
        raise TypeError
    parts = stored.split("$")
    if len(parts) != 6 or parts[0] != "scrypt":
        raise ValueError
    try:
        n = int(parts[1])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
    except ValueError:
        raise ValueError from None
    if n < 2 or n & (n - 1):
        raise ValueError
    dk = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=n, r=1, p=1, dklen=32)
    return hmac.compare_digest(dk, expected)
''',
        'hardcoded_examples': '''\
# 错误：背下看得到的例子
import hmac


def hash_password(password, *, salt=None, n=2**14, r=8, p=1):
    import secrets
    return "scrypt$16$1$1$" + (salt or secrets.token_bytes(16)).hex() + "$" + "00" * 32


def verify_password(password, stored):
    return hmac.compare_digest(password.encode(), b"correct horse")
''',
    },
    'ch13_hmac_token': {
        'expiry_before_signature': _TOKEN_HEAD + '''

# 错误：先解析内容、判断过期，再验签名（被篡改又过期的令牌报成 TokenExpired，而且先信任了未验证的数据）
def verify_token(token, key, now):
''' + _VERIFY_CHECKS + '''\
    try:
        claims = json.loads(_b64decode(body))
    except ValueError:
        raise TokenError from None
    if not isinstance(claims, dict) or type(claims.get("exp")) is not int:
        raise TokenError
    if now >= claims["exp"]:
        raise TokenExpired
    if not hmac.compare_digest(sig, hmac.new(key, body_bytes, "sha256").digest()):
        raise TokenError
    return claims
''',
        'plain_equality': _TOKEN_HEAD + '''

# 错误：用 == 比较签名（计时攻击）
def verify_token(token, key, now):
''' + _VERIFY_CHECKS + '''\
    if sig != hmac.new(key, body_bytes, "sha256").digest():
        raise TokenError
    try:
        claims = json.loads(_b64decode(body))
    except ValueError:
        raise TokenError from None
    if not isinstance(claims, dict) or type(claims.get("exp")) is not int:
        raise TokenError
    if now >= claims["exp"]:
        raise TokenExpired
    return claims
''',
        'off_by_one_expiry': _TOKEN_HEAD + '''

# 错误：now > exp 才算过期（exp 那一秒仍被接受）
def verify_token(token, key, now):
''' + _VERIFY_CHECKS + '''\
    if not hmac.compare_digest(sig, hmac.new(key, body_bytes, "sha256").digest()):
        raise TokenError
    try:
        claims = json.loads(_b64decode(body))
    except ValueError:
        raise TokenError from None
    if not isinstance(claims, dict) or type(claims.get("exp")) is not int:
        raise TokenError
    if now > claims["exp"]:
        raise TokenExpired
    return claims
''',
        'trusts_claims_shape': _TOKEN_HEAD + '''

# 错误：验签后直接 claims["exp"]，不检查内容是不是带整数 exp 的对象（抛 KeyError / TypeError 而不是 TokenError）
def verify_token(token, key, now):
''' + _VERIFY_CHECKS + '''\
    if not hmac.compare_digest(sig, hmac.new(key, body_bytes, "sha256").digest()):
        raise TokenError
    try:
        claims = json.loads(_b64decode(body))
    except json.JSONDecodeError:
        raise TokenError from None
    if now >= claims["exp"]:
        raise TokenExpired
    return claims
''',
        'sha256_key_concat': '''\
# 错误：用 sha256(key + body) 代替 HMAC（有长度扩展攻击），令牌格式也就和规定的不一样
import base64
import hashlib
import hmac
import json


class TokenError(ValueError):
    pass


class TokenExpired(TokenError):
    pass


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def make_token(payload, key, ttl, now):
    if not isinstance(payload, dict) or not isinstance(key, bytes):
        raise TypeError
    if "exp" in payload or not key or ttl <= 0:
        raise ValueError
    body = _b64url(json.dumps(dict(payload, exp=now + ttl), sort_keys=True, separators=(",", ":")).encode())
    return body + "." + _b64url(hashlib.sha256(key + body.encode()).digest())


def verify_token(token, key, now):
    body, sig = token.split(".")
    if not hmac.compare_digest(sig, _b64url(hashlib.sha256(key + body.encode()).digest())):
        raise TokenError
    claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    if now >= claims["exp"]:
        raise TokenExpired
    return claims
''',
    },
    'ch13_stratified_split': {
        'not_stratified': '''\
# 错误：整体打乱后按比例切，不分层（各类比例随种子波动）
import random


def stratified_split(labels, ratios=(70, 15, 15), seed=0):
    if not isinstance(labels, (list, tuple)) or not isinstance(ratios, (list, tuple)):
        raise TypeError
    if any(not isinstance(x, int) or isinstance(x, bool) for x in ratios):
        raise TypeError
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError
    if len(ratios) != 3 or any(x < 0 for x in ratios) or sum(ratios) != 100:
        raise ValueError
    order = list(range(len(labels)))
    random.Random(seed).shuffle(order)
    n_test, n_val = len(order) * ratios[2] // 100, len(order) * ratios[1] // 100
    return sorted(order[n_test + n_val:]), sorted(order[n_test:n_test + n_val]), sorted(order[:n_test])
''',
        'global_random_seed': '''\
# 错误：用 random.seed(seed) + random.shuffle，改掉了调用方的全局随机状态
import random


def stratified_split(labels, ratios=(70, 15, 15), seed=0):
    if not isinstance(labels, (list, tuple)) or not isinstance(ratios, (list, tuple)):
        raise TypeError
    if any(not isinstance(x, int) or isinstance(x, bool) for x in ratios):
        raise TypeError
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError
    if len(ratios) != 3 or any(x < 0 for x in ratios) or sum(ratios) != 100:
        raise ValueError
    random.seed(seed)
    groups = {}
    for i, y in enumerate(labels):
        groups.setdefault(y, []).append(i)
    train, val, test = [], [], []
    for members in groups.values():
        random.shuffle(members)
        k = len(members)
        n_test, n_val = k * ratios[2] // 100, k * ratios[1] // 100
        test += members[:n_test]
        val += members[n_test:n_test + n_val]
        train += members[n_test + n_val:]
    return sorted(train), sorted(val), sorted(test)
''',
        'no_shuffle': '''\
# 错误：类别内不打乱，直接取每类的最后几条（seed 形同虚设）
def stratified_split(labels, ratios=(70, 15, 15), seed=0):
    if not isinstance(labels, (list, tuple)) or not isinstance(ratios, (list, tuple)):
        raise TypeError
    if any(not isinstance(x, int) or isinstance(x, bool) for x in ratios):
        raise TypeError
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError
    if len(ratios) != 3 or any(x < 0 for x in ratios) or sum(ratios) != 100:
        raise ValueError
    groups = {}
    for i, y in enumerate(labels):
        groups.setdefault(y, []).append(i)
    train, val, test = [], [], []
    for members in groups.values():
        k = len(members)
        n_test, n_val = k * ratios[2] // 100, k * ratios[1] // 100
        train += members[:k - n_test - n_val]
        val += members[k - n_test - n_val:k - n_test]
        test += members[k - n_test:]
    return sorted(train), sorted(val), sorted(test)
''',
        'round_instead_of_floor': '''\
# 错误：用 round 计算每类的数量（题目规定向下取整 k * ratio // 100）
import random


def stratified_split(labels, ratios=(70, 15, 15), seed=0):
    if not isinstance(labels, (list, tuple)) or not isinstance(ratios, (list, tuple)):
        raise TypeError
    if any(not isinstance(x, int) or isinstance(x, bool) for x in ratios):
        raise TypeError
    if not isinstance(seed, int) or isinstance(seed, bool):
        raise TypeError
    if len(ratios) != 3 or any(x < 0 for x in ratios) or sum(ratios) != 100:
        raise ValueError
    rng = random.Random(seed)
    groups = {}
    for i, y in enumerate(labels):
        groups.setdefault(y, []).append(i)
    train, val, test = [], [], []
    for members in groups.values():
        rng.shuffle(members)
        k = len(members)
        n_test, n_val = round(k * ratios[2] / 100), round(k * ratios[1] / 100)
        test += members[:n_test]
        val += members[n_test:n_test + n_val]
        train += members[n_test + n_val:]
    return sorted(train), sorted(val), sorted(test)
''',
    },
}
