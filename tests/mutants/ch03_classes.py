"""第 3 章（类与面向对象）练习的错误答案：每个都是考生真会犯的错。

`tests/mutation.py` 把它们逐个换进作答单元格，运行完整的测试单元格（含隐藏测试），
要求每个变异体都丢分、参考答案拿满分。每段源码的第一行注释说明错在哪里。
多数变异体是在作答单元格给出的骨架里填错了方法体；少数（笔记原样的写法、背答案）整段换掉。
"""

MUTANTS = {
    'ch03_temperature': {
        'hardcoded_class_name': """\
# 错误：备选构造器里写死 Temperature(...)，子类调用时得到的是父类实例
class Temperature:
    ABSOLUTE_ZERO = -273.15

    def __init__(self, celsius):
        self.celsius = celsius                    # go through the validating setter

    @staticmethod
    def _check_number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"温度必须是 int 或 float，收到 {type(value).__name__}")

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._check_number(value)
        if value < self.ABSOLUTE_ZERO:
            raise ValueError(f"{value} 低于绝对零度")
        self._celsius = float(value)              # assign only after every check passed

    @property
    def fahrenheit(self):
        return self.c_to_f(self._celsius)

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._check_number(value)
        self.celsius = (value - 32) * 5 / 9

    @staticmethod
    def c_to_f(c):
        Temperature._check_number(c)
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        cls._check_number(f)
        return Temperature((f - 32) * 5 / 9)
""",
        'validate_only_in_init': """\
# 错误：只在 __init__ 里校验，setter 直接赋值，之后的赋值绕过了校验
class Temperature:
    ABSOLUTE_ZERO = -273.15

    def __init__(self, celsius):
        self._check_number(celsius)
        if celsius < self.ABSOLUTE_ZERO:
            raise ValueError("below absolute zero")
        self._celsius = float(celsius)

    @staticmethod
    def _check_number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"温度必须是 int 或 float，收到 {type(value).__name__}")

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._celsius = float(value)

    @property
    def fahrenheit(self):
        return self.c_to_f(self._celsius)

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._check_number(value)
        self.celsius = (value - 32) * 5 / 9

    @staticmethod
    def c_to_f(c):
        Temperature._check_number(c)
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        cls._check_number(f)
        return cls((f - 32) * 5 / 9)              # cls, not Temperature: subclasses get subclasses
""",
        'assign_before_check': """\
# 错误：setter 先赋值再检查范围，抛 ValueError 时旧值已经被覆盖
class Temperature:
    ABSOLUTE_ZERO = -273.15

    def __init__(self, celsius):
        self.celsius = celsius                    # go through the validating setter

    @staticmethod
    def _check_number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"温度必须是 int 或 float，收到 {type(value).__name__}")

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._check_number(value)
        self._celsius = float(value)
        if value < self.ABSOLUTE_ZERO:
            raise ValueError(f"{value} 低于绝对零度")

    @property
    def fahrenheit(self):
        return self.c_to_f(self._celsius)

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._check_number(value)
        self.celsius = (value - 32) * 5 / 9

    @staticmethod
    def c_to_f(c):
        Temperature._check_number(c)
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        cls._check_number(f)
        return cls((f - 32) * 5 / 9)              # cls, not Temperature: subclasses get subclasses
""",
        'bool_accepted': """\
# 错误：忘了 bool 是 int 的子类，Temperature(True) 被当成 1 度
class Temperature:
    ABSOLUTE_ZERO = -273.15

    def __init__(self, celsius):
        self.celsius = celsius                    # go through the validating setter

    @staticmethod
    def _check_number(value):
        if not isinstance(value, (int, float)):
            raise TypeError(f"温度必须是 int 或 float，收到 {type(value).__name__}")

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._check_number(value)
        if value < self.ABSOLUTE_ZERO:
            raise ValueError(f"{value} 低于绝对零度")
        self._celsius = float(value)              # assign only after every check passed

    @property
    def fahrenheit(self):
        return self.c_to_f(self._celsius)

    @fahrenheit.setter
    def fahrenheit(self, value):
        self._check_number(value)
        self.celsius = (value - 32) * 5 / 9

    @staticmethod
    def c_to_f(c):
        Temperature._check_number(c)
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        cls._check_number(f)
        return cls((f - 32) * 5 / 9)              # cls, not Temperature: subclasses get subclasses
""",
        'fahrenheit_setter_unchecked': """\
# 错误：fahrenheit 的 setter 不检查类型，bool 被当成数字换算
class Temperature:
    ABSOLUTE_ZERO = -273.15

    def __init__(self, celsius):
        self.celsius = celsius                    # go through the validating setter

    @staticmethod
    def _check_number(value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError(f"温度必须是 int 或 float，收到 {type(value).__name__}")

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._check_number(value)
        if value < self.ABSOLUTE_ZERO:
            raise ValueError(f"{value} 低于绝对零度")
        self._celsius = float(value)              # assign only after every check passed

    @property
    def fahrenheit(self):
        return self.c_to_f(self._celsius)

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.celsius = (value - 32) * 5 / 9

    @staticmethod
    def c_to_f(c):
        Temperature._check_number(c)
        return c * 9 / 5 + 32

    @classmethod
    def from_fahrenheit(cls, f):
        cls._check_number(f)
        return cls((f - 32) * 5 / 9)              # cls, not Temperature: subclasses get subclasses
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子：只支持 100 和 0 两个温度，c_to_f 查表
class Temperature:
    ABSOLUTE_ZERO = -273.15

    def __init__(self, celsius):
        self.celsius = celsius

    @staticmethod
    def _check_number(value):
        pass

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):
        self._celsius = float(value)

    @property
    def fahrenheit(self):
        return {100.0: 212.0, 0.0: 32.0}.get(self._celsius, 0.0)

    @fahrenheit.setter
    def fahrenheit(self, value):
        self.celsius = {212: 100.0, 32: 0.0}.get(value, 0.0)

    @staticmethod
    def c_to_f(c):
        return -40.0

    @classmethod
    def from_fahrenheit(cls, f):
        return cls(100.0)
""",
    },
    'ch03_shape_abc': {
        'adopt_makes_subclass': """\
# 错误：adopt 造了一个同时继承 cls 和 Shape 的新类，而不是用 register 登记
import math
from abc import ABC, abstractmethod


def _check_length(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"长度必须是 int 或 float，收到 {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"长度必须大于 0，收到 {value!r}")
    return value


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def compactness(self):
        p = self.perimeter()
        return 4 * math.pi * self.area() / (p * p)


class Circle(Shape):
    def __init__(self, r):
        self.r = _check_length(r)

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = _check_length(w), _check_length(h)

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


def adopt(cls):
    if not isinstance(cls, type):
        raise TypeError("adopt 需要一个类")
    for name in ("area", "perimeter"):
        if not callable(getattr(cls, name, None)):
            raise TypeError(f"{cls.__name__} 没有可调用的 {name}")
    return type(cls.__name__, (cls, Shape), {})
""",
        'register_without_check': """\
# 错误：不检查就登记：缺少 perimeter 或 area 不可调用的类也成了 Shape
import math
from abc import ABC, abstractmethod


def _check_length(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"长度必须是 int 或 float，收到 {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"长度必须大于 0，收到 {value!r}")
    return value


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def compactness(self):
        p = self.perimeter()
        return 4 * math.pi * self.area() / (p * p)


class Circle(Shape):
    def __init__(self, r):
        self.r = _check_length(r)

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = _check_length(w), _check_length(h)

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


def adopt(cls):
    Shape.register(cls)                           # virtual subclass: cls itself is untouched
    return cls
""",
        'hasattr_not_callable': """\
# 错误：只用 hasattr 检查，area = 3 这种不可调用的属性也算实现了
import math
from abc import ABC, abstractmethod


def _check_length(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"长度必须是 int 或 float，收到 {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"长度必须大于 0，收到 {value!r}")
    return value


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def compactness(self):
        p = self.perimeter()
        return 4 * math.pi * self.area() / (p * p)


class Circle(Shape):
    def __init__(self, r):
        self.r = _check_length(r)

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = _check_length(w), _check_length(h)

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


def adopt(cls):
    if not isinstance(cls, type):
        raise TypeError("adopt 需要一个类")
    for name in ("area", "perimeter"):
        if not hasattr(cls, name):
            raise TypeError(f"{cls.__name__} 没有可调用的 {name}")
    Shape.register(cls)                           # virtual subclass: cls itself is untouched
    return cls
""",
        'adopt_patches_class': """\
# 错误：想让虚拟子类也能用 compactness，往 cls 上塞了方法（修改了传入的类）
import math
from abc import ABC, abstractmethod


def _check_length(value):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"长度必须是 int 或 float，收到 {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"长度必须大于 0，收到 {value!r}")
    return value


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def compactness(self):
        p = self.perimeter()
        return 4 * math.pi * self.area() / (p * p)


class Circle(Shape):
    def __init__(self, r):
        self.r = _check_length(r)

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = _check_length(w), _check_length(h)

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


def adopt(cls):
    if not isinstance(cls, type):
        raise TypeError("adopt 需要一个类")
    for name in ("area", "perimeter"):
        if not callable(getattr(cls, name, None)):
            raise TypeError(f"{cls.__name__} 没有可调用的 {name}")
    Shape.register(cls)
    cls.compactness = Shape.compactness
    return cls
""",
        'bool_accepted': """\
# 错误：长度校验忘了排除 bool，Circle(True) 被当成半径 1
import math
from abc import ABC, abstractmethod


def _check_length(value):
    if not isinstance(value, (int, float)):
        raise TypeError(f"长度必须是 int 或 float，收到 {type(value).__name__}")
    if value <= 0:
        raise ValueError(f"长度必须大于 0，收到 {value!r}")
    return value


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def compactness(self):
        p = self.perimeter()
        return 4 * math.pi * self.area() / (p * p)


class Circle(Shape):
    def __init__(self, r):
        self.r = _check_length(r)

    def area(self):
        return math.pi * self.r ** 2

    def perimeter(self):
        return 2 * math.pi * self.r


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = _check_length(w), _check_length(h)

    def area(self):
        return self.w * self.h

    def perimeter(self):
        return 2 * (self.w + self.h)


def adopt(cls):
    if not isinstance(cls, type):
        raise TypeError("adopt 需要一个类")
    for name in ("area", "perimeter"):
        if not callable(getattr(cls, name, None)):
            raise TypeError(f"{cls.__name__} 没有可调用的 {name}")
    Shape.register(cls)                           # virtual subclass: cls itself is untouched
    return cls
""",
        'hardcoded_examples': """\
# 错误：背下看得到的例子：compactness 永远返回 1.0，矩形只会 2×3
import math
from abc import ABC, abstractmethod


def _check_length(value):
    return value


class Shape(ABC):
    @abstractmethod
    def area(self):
        ...

    @abstractmethod
    def perimeter(self):
        ...

    def compactness(self):
        return 1.0


class Circle(Shape):
    def __init__(self, r):
        self.r = r

    def area(self):
        return math.pi

    def perimeter(self):
        return 2 * math.pi


class Rect(Shape):
    def __init__(self, w, h):
        self.w, self.h = w, h

    def area(self):
        return 6

    def perimeter(self):
        return 10


def adopt(cls):
    Shape.register(cls)
    return cls
""",
    },
    'ch03_typed': {
        'value_on_descriptor': """\
# 错误：把值存在描述器自己身上，所有实例共享同一个值
class Typed:
    def __init__(self, kind, *, minimum=None):
        if not isinstance(kind, type):
            raise TypeError("kind must be a type")
        self.kind, self.minimum = kind, minimum

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return self.value
        except AttributeError:
            raise AttributeError(self.name) from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind) or (isinstance(value, bool) and self.kind is not bool):
            raise TypeError(self.name)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(self.name)
        self.value = value

    def __delete__(self, obj):
        try:
            del self.value
        except AttributeError:
            raise AttributeError(self.name) from None
""",
        'fixed_storage_key': """\
# 错误：没用 __set_name__，所有字段都存在同一个键 "_value" 下，一个类里的两个字段互相覆盖
class Typed:
    def __init__(self, kind, *, minimum=None):
        if not isinstance(kind, type):
            raise TypeError("kind must be a type")
        self.kind, self.minimum = kind, minimum

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return obj.__dict__["_value"]
        except KeyError:
            raise AttributeError("_value") from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind) or (isinstance(value, bool) and self.kind is not bool):
            raise TypeError("bad type")
        if self.minimum is not None and value < self.minimum:
            raise ValueError("too small")
        obj.__dict__["_value"] = value

    def __delete__(self, obj):
        try:
            del obj.__dict__["_value"]
        except KeyError:
            raise AttributeError("_value") from None
""",
        'weak_key_dict': """\
# 错误：用 WeakKeyDictionary 以实例为键存值：实例不可哈希时就坏了，vars(obj) 里也看不到值
import weakref


class Typed:
    def __init__(self, kind, *, minimum=None):
        if not isinstance(kind, type):
            raise TypeError("kind must be a type")
        self.kind, self.minimum = kind, minimum
        self.values = weakref.WeakKeyDictionary()

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return self.values[obj]
        except KeyError:
            raise AttributeError(self.name) from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind) or (isinstance(value, bool) and self.kind is not bool):
            raise TypeError(self.name)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(self.name)
        self.values[obj] = value

    def __delete__(self, obj):
        try:
            del self.values[obj]
        except KeyError:
            raise AttributeError(self.name) from None
""",
        'bool_is_int': """\
# 错误：只用 isinstance 检查，忘了 bool 是 int 的子类；通过类访问时返回 None
class Typed:
    def __init__(self, kind, *, minimum=None):
        if not isinstance(kind, type):
            raise TypeError("kind must be a type")
        self.kind, self.minimum = kind, minimum

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return None
        try:
            return obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(self.name)
        if self.minimum is not None and value < self.minimum:
            raise ValueError(self.name)
        obj.__dict__[self.name] = value

    def __delete__(self, obj):
        try:
            del obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
""",
        'set_before_check': """\
# 错误：先写进实例字典再检查下限，抛 ValueError 时旧值已经被覆盖
class Typed:
    def __init__(self, kind, *, minimum=None):
        if not isinstance(kind, type):
            raise TypeError(f"kind 必须是类型，收到 {kind!r}")
        self.kind = kind
        self.minimum = minimum
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(f"{type(obj).__name__!r} object has no attribute {self.name!r}") from None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind) or (isinstance(value, bool) and self.kind is not bool):
            raise TypeError(f"{self.name} 必须是 {self.kind.__name__}，收到 {type(value).__name__}")
        obj.__dict__[self.name] = value
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.name} 不能小于 {self.minimum!r}，收到 {value!r}")

    def __delete__(self, obj):
        try:
            del obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
""",
        'getattr_returns_none': """\
# 错误：没赋过值时返回 None，而不是抛 AttributeError（hasattr 永远为真）
class Typed:
    def __init__(self, kind, *, minimum=None):
        if not isinstance(kind, type):
            raise TypeError(f"kind 必须是类型，收到 {kind!r}")
        self.kind = kind
        self.minimum = minimum
        self.name = None

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        try:
            return obj.__dict__[self.name]
        except KeyError:
            return None

    def __set__(self, obj, value):
        if not isinstance(value, self.kind) or (isinstance(value, bool) and self.kind is not bool):
            raise TypeError(f"{self.name} 必须是 {self.kind.__name__}，收到 {type(value).__name__}")
        if self.minimum is not None and value < self.minimum:
            raise ValueError(f"{self.name} 不能小于 {self.minimum!r}，收到 {value!r}")
        obj.__dict__[self.name] = value           # same key as the attribute: data descriptor wins anyway

    def __delete__(self, obj):
        try:
            del obj.__dict__[self.name]
        except KeyError:
            raise AttributeError(self.name) from None
""",
    },
    'ch03_singleton': {
        'notes_version': """\
# 错误：笔记 001 §7 的写法：cls._instance 沿继承链读到父类的实例，子类拿到父类的单例
import threading


class PerClassSingleton:
    _instance = None
    _lock = threading.Lock()

    @classmethod
    def get_instance(cls):
        if cls._instance is None:
            with cls._lock:
                if cls._instance is None:
                    cls._instance = cls()
        return cls._instance
""",
        'no_lock': """\
# 错误：按类存放对了，但没有加锁：并发第一次调用时会建出多个实例
import threading


class PerClassSingleton:
    _guard = threading.Lock()

    @classmethod
    def get_instance(cls):
        if "_singleton" not in cls.__dict__:
            cls._singleton = cls()
        return cls.__dict__["_singleton"]
""",
        'check_outside_lock_only': """\
# 错误：只在锁外检查一次，拿到锁以后不再检查：排队的线程会各自再建一个
import threading


class PerClassSingleton:
    _guard = threading.Lock()

    @classmethod
    def get_instance(cls):
        if "_singleton" not in cls.__dict__:
            with cls._guard:
                cls._singleton = cls()
        return cls.__dict__["_singleton"]
""",
        'one_global_lock': """\
# 错误：所有类共用 _guard 这一把非重入的 Lock，并且整个创建过程都在锁里：子类 __init__ 里拿父类单例会死锁
import threading


class PerClassSingleton:
    _guard = threading.Lock()

    @classmethod
    def get_instance(cls):
        if "_singleton" not in cls.__dict__:
            with cls._guard:
                if "_singleton" not in cls.__dict__:
                    cls._singleton = cls()
        return cls.__dict__["_singleton"]
""",
        'global_rlock': """\
# 错误：为了不死锁把全局锁换成 RLock：同一线程的嵌套没问题了，但所有类的创建都要排队，一个慢 __init__ 挡住别的类
import threading


class PerClassSingleton:
    _guard = threading.RLock()

    @classmethod
    def get_instance(cls):
        if "_singleton" not in cls.__dict__:
            with cls._guard:
                if "_singleton" not in cls.__dict__:
                    cls._singleton = cls()
        return cls.__dict__["_singleton"]
""",
        'caches_half_built': """\
# 错误：先把 cls.__new__(cls) 的结果存起来再调用 __init__：__init__ 失败时，半成品被永久缓存
import threading


class PerClassSingleton:
    _guard = threading.Lock()

    @classmethod
    def get_instance(cls):
        if "_singleton" not in cls.__dict__:
            with cls._guard:
                lock = cls.__dict__.get("_singleton_lock")
                if lock is None:
                    lock = cls._singleton_lock = threading.Lock()
            with lock:
                if "_singleton" not in cls.__dict__:
                    obj = cls.__new__(cls)
                    cls._singleton = obj
                    obj.__init__()
        return cls.__dict__["_singleton"]
""",
        'hardcoded_examples': """\
# 错误：只为看得到的例子里的类准备了实例，别的类都共用一个对象
class PerClassSingleton:
    _shared = None
    _known = {}

    @classmethod
    def get_instance(cls):
        if cls.__name__ in ("_Config", "_DevConfig"):
            if cls.__name__ not in PerClassSingleton._known:
                PerClassSingleton._known[cls.__name__] = cls()
            return PerClassSingleton._known[cls.__name__]
        if PerClassSingleton._shared is None:
            PerClassSingleton._shared = cls()
        return PerClassSingleton._shared
""",
    },
    'ch03_c3': {
        'dfs_first': """\
# 错误：经典类的深度优先、从左到右、保留第一次出现（Python 2 的旧式类），菱形里祖先排得太早
def c3_mro(name, bases):
    if not isinstance(name, str) or not isinstance(bases, dict):
        raise TypeError("bad arguments")
    out = []

    def visit(c, path):
        if c in path:
            raise ValueError("cycle")
        if c not in bases:
            raise ValueError(c)
        if not isinstance(bases[c], (list, tuple)):
            raise TypeError(c)
        if len(set(bases[c])) != len(bases[c]):
            raise TypeError("duplicate base")
        if c not in out:
            out.append(c)
        for b in bases[c]:
            visit(b, path | {c})

    visit(name, frozenset())
    return out
""",
        'dfs_keep_last': """\
# 错误：深度优先后只保留最后一次出现（Python 2.2 的算法）：菱形对了，但复杂的层次结构不对，也从不报不一致
def c3_mro(name, bases):
    if not isinstance(name, str) or not isinstance(bases, dict):
        raise TypeError("bad arguments")
    seq = []

    def visit(c, path):
        if c in path:
            raise ValueError("cycle")
        if c not in bases:
            raise ValueError(c)
        if not isinstance(bases[c], (list, tuple)):
            raise TypeError(c)
        if len(set(bases[c])) != len(bases[c]):
            raise TypeError("duplicate base")
        seq.append(c)
        for b in bases[c]:
            visit(b, path | {c})

    visit(name, frozenset())
    out = []
    for i, c in enumerate(seq):
        if c not in seq[i + 1:]:
            out.append(c)
    return out
""",
        'merge_without_bases_list': """\
# 错误：merge 时漏掉了最后的「直接基类列表」，局部优先顺序得不到保证，该报错的层次结构也被接受
def c3_mro(name, bases):
    if not isinstance(name, str) or not isinstance(bases, dict):
        raise TypeError("bad arguments")
    done, busy = {}, set()

    def lin(c):
        if c in done:
            return done[c]
        if c in busy:
            raise ValueError("cycle")
        if c not in bases:
            raise ValueError(c)
        ps = bases[c]
        if not isinstance(ps, (list, tuple)):
            raise TypeError(c)
        if len(set(ps)) != len(ps):
            raise TypeError("duplicate base")
        busy.add(c)
        seqs = [list(lin(p)) for p in ps]
        busy.discard(c)
        out = [c]
        while True:
            seqs = [s for s in seqs if s]
            if not seqs:
                break
            for s in seqs:
                if not any(s[0] in t[1:] for t in seqs):
                    head = s[0]
                    break
            else:
                raise TypeError("inconsistent")
            out.append(head)
            for s in seqs:
                if s[0] == head:
                    del s[0]
        done[c] = out
        return out

    return list(lin(name))
""",
        'merge_no_tail_check': """\
# 错误：merge 总是取第一个列表的表头，不检查它是否出现在别的列表的尾部
def c3_mro(name, bases):
    if not isinstance(name, str) or not isinstance(bases, dict):
        raise TypeError("bad arguments")
    done, busy = {}, set()

    def lin(c):
        if c in done:
            return done[c]
        if c in busy:
            raise ValueError("cycle")
        if c not in bases:
            raise ValueError(c)
        ps = bases[c]
        if not isinstance(ps, (list, tuple)):
            raise TypeError(c)
        if len(set(ps)) != len(ps):
            raise TypeError("duplicate base")
        busy.add(c)
        seqs = [list(lin(p)) for p in ps] + [list(ps)]
        busy.discard(c)
        out = [c]
        while True:
            seqs = [s for s in seqs if s]
            if not seqs:
                break
            head = seqs[0][0]
            out.append(head)
            for s in seqs:
                if head in s:
                    s.remove(head)
        done[c] = out
        return out

    return list(lin(name))
""",
        'no_cycle_check': """\
# 错误：C3 本身写对了，但没有检测环：有环时无限递归（RecursionError），而不是 ValueError
def c3_mro(name, bases):
    if not isinstance(name, str) or not isinstance(bases, dict):
        raise TypeError("bad arguments")

    def lin(c):
        if c not in bases:
            raise ValueError(c)
        ps = bases[c]
        if not isinstance(ps, (list, tuple)):
            raise TypeError(c)
        if len(set(ps)) != len(ps):
            raise TypeError("duplicate base")
        seqs = [list(lin(p)) for p in ps] + [list(ps)]
        out = [c]
        while True:
            seqs = [s for s in seqs if s]
            if not seqs:
                break
            for s in seqs:
                if not any(s[0] in t[1:] for t in seqs):
                    head = s[0]
                    break
            else:
                raise TypeError("inconsistent")
            out.append(head)
            for s in seqs:
                if s[0] == head:
                    del s[0]
        return out

    return lin(name)
""",
        'hardcoded_examples': """\
# 错误：背下看得到的三个例子，其余情况按「自己 + 基类列表」随便拼
def c3_mro(name, bases):
    if name == "X":
        raise TypeError("inconsistent")
    if name == "C":
        return ["C", "A", "B", "O"]
    out = [name]
    for b in bases.get(name, []):
        if b not in out:
            out.append(b)
    return out
""",
    },
}
