"""自测题：ipywidgets 单选 / 多选，作答后立即反馈。

题目和选项以明文写在笔记本里；正确答案和解析被「封存」成一串 key，
在发布版里读不出来（对自测来说，防的是一眼看到答案，不是防破解）。

笔记本里这样写::

    from course.quiz import Quiz
    Quiz([
        {"q": "dict 的平均查找复杂度？", "options": ["O(1)", "O(log n)", "O(n)"],
         "key": "…由 seal() 生成…"},
        {"q": "哪些是可变对象？（多选）", "options": ["list", "tuple", "set"],
         "multi": True, "key": "…"},
    ])

出题人用 :func:`seal` 生成 key::

    python -m course.quiz "dict 的平均查找复杂度？" "O(1)" "O(log n)" "O(n)" --answer 1 --explain "哈希表……"

能渲染 widget 的地方（JupyterLab）显示可点的题目；不能渲染的地方显示纯文本题目，
并可用 ``quiz.check(题号, "A")`` 自查。
"""
from __future__ import annotations

import argparse
import base64
import hashlib
import html
import json
import string
import sys
from dataclasses import dataclass
from typing import Iterable, Sequence

__all__ = ["Question", "Quiz", "seal", "unseal"]

LETTERS = string.ascii_uppercase


def _keystream(question: str, options: Sequence[str], length: int) -> bytes:
    seed = json.dumps([question, list(options)], ensure_ascii=False).encode("utf-8")
    out = bytearray()
    counter = 0
    while len(out) < length:
        out += hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return bytes(out[:length])


def seal(question: str, options: Sequence[str], answer: Iterable[int], explain: str) -> str:
    """把正确选项（从 0 开始的下标）和解析封存成 key。key 绑定题干和选项，改了题就失效。"""
    answer = sorted(set(answer))
    if not answer or any(not 0 <= a < len(options) for a in answer):
        raise ValueError(f"答案下标 {answer} 超出选项范围 0..{len(options) - 1}")
    payload = json.dumps({"a": answer, "e": explain}, ensure_ascii=False).encode("utf-8")
    mixed = bytes(p ^ k for p, k in zip(payload, _keystream(question, options, len(payload))))
    return base64.urlsafe_b64encode(mixed).decode("ascii")


def unseal(question: str, options: Sequence[str], key: str) -> tuple[frozenset[int], str]:
    """:func:`seal` 的逆操作。key 与题目不匹配时抛 ValueError。"""
    try:
        mixed = base64.urlsafe_b64decode(key.encode("ascii"))
        payload = bytes(m ^ k for m, k in zip(mixed, _keystream(question, options, len(mixed))))
        data = json.loads(payload.decode("utf-8"))
        answer = frozenset(int(a) for a in data["a"])
        explain = str(data["e"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise ValueError(f"题目「{question[:30]}」的 key 与题干或选项不匹配（改题后要重新 seal）") from exc
    if not answer or any(not 0 <= a < len(options) for a in answer):
        raise ValueError(f"题目「{question[:30]}」的 key 里答案下标超出范围")
    return answer, explain


@dataclass(frozen=True)
class Question:
    text: str
    options: tuple[str, ...]
    key: str
    multi: bool = False

    def grade(self, chosen: Iterable[int]) -> tuple[bool, str]:
        """返回 (是否正确, 反馈文字)。"""
        answer, explain = unseal(self.text, self.options, self.key)
        chosen = frozenset(chosen)
        if not chosen:
            return False, "还没有选择选项。"
        if chosen == answer:
            return True, f"✅ 正确！{explain}"
        if self.multi and chosen < answer:
            return False, "❌ 还不完整：有正确选项没选上。再想想。"
        return False, "❌ 不对，再想想。"


def _parse_letters(answer: str | Iterable[int]) -> frozenset[int]:
    if isinstance(answer, str):
        letters = [ch for ch in answer.upper() if ch.strip() and ch not in ",，、"]
        bad = [ch for ch in letters if ch not in LETTERS]
        if bad:
            raise ValueError(f"选项要写成字母，例如 'B' 或 'AC'，不认识：{''.join(bad)}")
        return frozenset(LETTERS.index(ch) for ch in letters)
    return frozenset(answer)


class Quiz:
    """一组自测题。放在单元格最后一行（或 ``display(quiz)``）即显示。"""

    def __init__(self, questions: Sequence[dict]):
        self.questions: list[Question] = []
        for i, spec in enumerate(questions, 1):
            try:
                q = Question(text=spec["q"], options=tuple(spec["options"]),
                             key=spec["key"], multi=bool(spec.get("multi", False)))
            except KeyError as exc:
                raise ValueError(f"第 {i} 题缺少字段 {exc}；需要 q、options、key") from None
            unseal(q.text, q.options, q.key)  # 出题错误尽早暴露
            self.questions.append(q)

    # ---- 纯文本：widget 不能渲染的地方（GitHub、nbviewer、终端）----
    def as_text(self) -> str:
        lines = ["自测题（在 JupyterLab 中运行本单元格可直接作答；"
                 "也可以用 quiz.check(题号, \"B\") 自查）", ""]
        for n, q in enumerate(self.questions, 1):
            kind = "多选" if q.multi else "单选"
            lines.append(f"{n}. [{kind}] {q.text}")
            lines.extend(f"   {LETTERS[i]}. {opt}" for i, opt in enumerate(q.options))
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"

    def check(self, number: int, answer: str | Iterable[int]) -> bool:
        """纯文本自查：``quiz.check(1, "B")``；多选写 ``"AC"``。打印反馈，返回是否正确。"""
        if not 1 <= number <= len(self.questions):
            raise ValueError(f"题号要在 1..{len(self.questions)} 之间")
        ok, feedback = self.questions[number - 1].grade(_parse_letters(answer))
        print(f"第 {number} 题：{feedback}")
        return ok

    # ---- widget ----
    def widget(self):
        """构造 ipywidgets 界面；每题一个「提交」按钮，反馈显示在按钮下方。"""
        import ipywidgets as w

        boxes = []
        for n, q in enumerate(self.questions, 1):
            title = w.HTML(f"<b>{n}. {'（多选）' if q.multi else ''}{html.escape(q.text)}</b>")
            labels = [f"{LETTERS[i]}. {opt}" for i, opt in enumerate(q.options)]
            if q.multi:
                choices = [w.Checkbox(value=False, description=lab, indent=False,
                                      layout=w.Layout(width="auto")) for lab in labels]
                chooser = w.VBox(choices)

                def chosen(choices=choices):
                    return {i for i, c in enumerate(choices) if c.value}
            else:
                chooser = w.RadioButtons(options=labels, value=None, layout=w.Layout(width="auto"))

                def chosen(chooser=chooser, labels=labels):
                    return set() if chooser.value is None else {labels.index(chooser.value)}
            button = w.Button(description="提交", button_style="primary")
            feedback = w.HTML("")

            def on_click(_button, q=q, chosen=chosen, feedback=feedback):
                ok, text = q.grade(chosen())
                color = "#1a7f37" if ok else "#cf222e"
                feedback.value = f'<span style="color:{color}">{html.escape(text)}</span>'

            button.on_click(on_click)
            box = w.VBox([title, chooser, button, feedback],
                         layout=w.Layout(margin="0 0 12px 0"))
            box.add_class("course-quiz-question")
            boxes.append(box)
        root = w.VBox(boxes)
        root.add_class("course-quiz")
        return root

    def _repr_mimebundle_(self, include=None, exclude=None):
        text = self.as_text()
        try:
            bundle = self.widget()._repr_mimebundle_()
        except Exception:  # 没装 ipywidgets，或不在内核里：只给文本
            return {"text/plain": text}
        bundle = dict(bundle or {})
        bundle["text/plain"] = text
        return bundle

    def __repr__(self) -> str:
        return self.as_text()


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m course.quiz", description="为自测题生成 key（出题人用）。")
    parser.add_argument("question", help="题干")
    parser.add_argument("options", nargs="+", help="选项，按顺序")
    parser.add_argument("--answer", required=True,
                        help="正确选项的字母（单选 'B'，多选 'AC'）")
    parser.add_argument("--explain", required=True, help="答对后显示的解析")
    args = parser.parse_args(argv)
    try:
        answer = _parse_letters(args.answer)
        print(seal(args.question, args.options, answer, args.explain))
    except ValueError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(_main())
