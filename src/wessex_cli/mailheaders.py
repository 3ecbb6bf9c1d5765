"""E-mail headers that decode to exactly the text intended, in every mail client.

Python's e-mail package folds non-ASCII text into several RFC 2047 encoded words and may
leave the space between two words *outside* them, where decoders must drop it ("Siân Ó
Briain" arrives as "SiânÓ Briain"), or split a word across two encoded words, which Python's
own address parser then shows with a space inside it. So wessex writes these headers itself:

- in a display name, each run of words that needs encoding becomes ONE encoded word with its
  spaces inside, and plain ASCII words stay as they are (quoted when they hold specials), so
  two encoded words are never neighbours and no decoder has a space to drop or add;
- in a subject, runs of non-ASCII words are encoded with their spaces inside; a run too long
  for one encoded word is split between characters, which RFC 2047 (and Python) rejoin
  exactly.
"""

from __future__ import annotations

import base64
import re

from .text import one_line

_ATEXT = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$")
_MAX_WORD = 75  # RFC 2047's longest encoded word
# RFC 5322 allows no line of a message over 998 characters, and a header folds only at a
# space: a subject's word longer than this is encoded, split between characters, and a
# display name (one encoded word, see above) longer than any real name is cut short.
_LONGEST_WORD = 900
LONGEST_NAME = 120  # characters; even encoded at 4 bytes each, the To line stays in bounds
_QP_SAFE = re.compile(r"[A-Za-z0-9!*+/-]")


def _needs_encoding(word: str) -> bool:
    return not word.isascii() or "=?" in word or "?=" in word


def _q(text: str) -> str:
    out = []
    for byte in text.encode("utf-8"):
        char = chr(byte)
        if char == " ":
            out.append("_")
        elif byte < 128 and _QP_SAFE.match(char):
            out.append(char)
        else:
            out.append(f"={byte:02X}")
    return "=?utf-8?q?" + "".join(out) + "?="


def _b(text: str) -> str:
    return "=?utf-8?b?" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "?="


def encoded_word(text: str) -> str:
    """The shorter of the Q and B encodings of ``text`` as one encoded word."""
    q, b = _q(text), _b(text)
    return q if len(q) <= len(b) else b


def _split_encoded(text: str) -> list[str]:
    """``text`` as encoded words of at most 75 characters, split between characters."""
    words: list[str] = []
    chunk = ""
    for char in text:
        if chunk and len(encoded_word(chunk + char)) > _MAX_WORD:
            words.append(encoded_word(chunk))
            chunk = ""
        chunk += char
    if chunk:
        words.append(encoded_word(chunk))
    return words


def _runs(text: str, longest: int | None = None) -> list[tuple[bool, str]]:
    """Consecutive words grouped by whether they need encoding: [(encode, "w1 w2"), ...];
    with ``longest``, a word longer than that is encoded too."""
    runs: list[tuple[bool, list[str]]] = []
    for word in text.split(" "):
        encode = _needs_encoding(word) or (longest is not None and len(word) > longest)
        if runs and runs[-1][0] == encode:
            runs[-1][1].append(word)
        else:
            runs.append((encode, [word]))
    return [(encode, " ".join(words)) for encode, words in runs]


def _quote(text: str) -> str:
    if all(_ATEXT.match(word) for word in text.split(" ")):
        return text
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _fold(name: str, pieces: list[str], joiners: list[str]) -> str:
    """``Name: piece joiner piece ...`` with lines folded before a piece where needed."""
    line = f"{name}: "
    lines: list[str] = []
    for index, piece in enumerate(pieces):
        joiner = joiners[index - 1] if index else ""
        if index and len(line) + len(joiner) + len(piece) > 78:
            lines.append(line)
            line = " " + piece
        else:
            line += joiner + piece
    lines.append(line)
    return "\n".join(lines)


def display_name_phrase(display_name: str) -> list[str]:
    """The display name as words of an RFC 5322 phrase, never two encoded words in a row."""
    pieces = []
    name = one_line(display_name)
    if len(name) > LONGEST_NAME:
        name = name[:LONGEST_NAME - 1].rstrip() + "…"
    for encode, text in _runs(name):
        pieces.append(encoded_word(text) if encode else _quote(text))
    return pieces


def address_header(name: str, display_name: str, addr_spec: str) -> str:
    """``To: Siân Ó Briain <sian@nhs.net>`` written so that it decodes exactly."""
    pieces = [*display_name_phrase(display_name), f"<{addr_spec}>"] if one_line(display_name) \
        else [addr_spec]
    return _fold(name, pieces, [" "] * len(pieces))


def unstructured_header(name: str, value: str) -> str:
    """``Subject: ...`` written so that it decodes exactly."""
    text = one_line(value)
    words = text.split(" ")
    if text.isascii() and "=?" not in text and max(map(len, words)) <= _LONGEST_WORD:
        return _fold(name, words, [" "] * len(words))
    pieces: list[str] = []
    for encode, run in _runs(text, _LONGEST_WORD):
        # Between plain text and an encoded word the space is kept by every decoder; inside
        # an encoded run the spaces stay within the encoded words, since whitespace between
        # two encoded words is dropped.
        pieces += _split_encoded(run) if encode else run.split(" ")
    return _fold(name, pieces, [" "] * len(pieces))
