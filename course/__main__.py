"""``python3 -m course 命令 ...``：第一次运行时自动建环境（见 bootstrap.py），然后执行命令。"""
import sys

from . import bootstrap

if bootstrap.ensure(sys.argv[1:]):
    from .cli import main

    sys.exit(main())
