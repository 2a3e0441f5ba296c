"""liblouis, the braille translator, through its C library: a small binding of our own.

Only what the braille edition needs: find the library, ask whether a table list compiles, and
translate a string to dot patterns together with the print position each cell came from (so
lines can be broken where print has a space or a hyphen, and a phone number kept whole).

liblouis compiles tables into caches shared by the whole process and is not written for
concurrent callers, so every call into it holds one lock. ctypes releases the interpreter while
the C code runs, so a translation does not hold up the voice in another thread.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import functools
import sys
import threading
from dataclasses import dataclass

LIBRARY_NAMES: tuple[str, ...] = (
    "liblouis.so.20",                      # Debian, Ubuntu, Fedora
    "/opt/homebrew/lib/liblouis.dylib",    # Homebrew on Apple silicon
    "/usr/local/lib/liblouis.dylib",       # Homebrew on Intel, and builds from source
    "liblouis.dylib", "liblouis-20.dll", "liblouis.dll",
)
"""Where the library is looked for, before asking ``ctypes.util.find_library("louis")``."""

INSTALL = ("sudo apt-get install liblouis-bin liblouis-data" if sys.platform.startswith("linux")
           else "brew install liblouis" if sys.platform == "darwin" else "install liblouis")
"""The one command that installs liblouis here."""

# Translation modes (liblouis.h).
DOTS_IO = 4
UC_BRL = 64
"""With DOTS_IO: cells come out as Unicode braille (U+2800 + dot bits), whatever the display table."""
NO_UNDEFINED = 128
"""A character the table does not define is left out, instead of spelled as ``'\\x4e2d'``."""
LOG_OFF = 60000
"""lou_setLogLevel: liblouis would otherwise print table warnings on the user's terminal."""

_LOCK = threading.Lock()


@dataclass(frozen=True)
class Cells:
    """A translation: Unicode braille cells and, for each, the index in the print it came from."""

    cells: str
    source: tuple[int, ...]


class Louis:
    """The loaded library, with the argument types of the few functions used."""

    def __init__(self, lib: ctypes.CDLL):
        self.lib = lib
        lib.lou_version.restype = ctypes.c_char_p
        lib.lou_charSize.restype = ctypes.c_int
        lib.lou_getTable.restype = ctypes.c_void_p
        lib.lou_getTable.argtypes = [ctypes.c_char_p]
        lib.lou_setLogLevel.argtypes = [ctypes.c_int]
        lib.lou_setLogLevel.restype = None
        size = lib.lou_charSize()
        self.widechar = ctypes.c_uint16 if size == 2 else ctypes.c_uint32
        self.encoding = "utf-16-le" if size == 2 else "utf-32-le"
        p_int = ctypes.POINTER(ctypes.c_int)
        p_wide = ctypes.POINTER(self.widechar)
        lib.lou_translate.restype = ctypes.c_int
        lib.lou_translate.argtypes = [ctypes.c_char_p, p_wide, p_int, p_wide, p_int,
                                      ctypes.c_void_p, ctypes.c_char_p, p_int, p_int, p_int,
                                      ctypes.c_int]
        lib.lou_setLogLevel(LOG_OFF)

    @property
    def version(self) -> str:
        return self.lib.lou_version().decode("ascii", "replace")

    def has_table(self, tables: str) -> bool:
        """True when the table list compiles (liblouis caches it for the translations)."""
        with _LOCK:
            return bool(self.lib.lou_getTable(tables.encode("utf-8")))

    def translate(self, tables: str, text: str, mode: int = 0) -> Cells:
        """``text`` in braille by ``tables``: always Unicode braille cells (DOTS_IO | UC_BRL)."""
        data = text.encode(self.encoding)
        unit = ctypes.sizeof(self.widechar)
        n = len(data) // unit
        if n == 0:
            return Cells("", ())
        # Index in ``text`` of each code unit: they differ only for UTF-16 outside the BMP.
        index = list(range(n)) if unit == 4 else [i for i, ch in enumerate(text)
                                                  for _ in range(2 if ord(ch) > 0xFFFF else 1)]
        inbuf = (self.widechar * n).from_buffer_copy(data)
        room = 3 * n + 64
        while True:
            out = (self.widechar * room)()
            source = (ctypes.c_int * room)()
            inlen, outlen = ctypes.c_int(n), ctypes.c_int(room)
            with _LOCK:
                ok = self.lib.lou_translate(tables.encode("utf-8"), inbuf, ctypes.byref(inlen), out,
                                            ctypes.byref(outlen), None, None, None, source, None,
                                            mode | DOTS_IO | UC_BRL)
            if not ok:
                raise ValueError(f"liblouis cannot translate with {tables}")
            if inlen.value >= n or room > 64 * n + 4096:
                break
            room *= 4  # the braille did not fit: liblouis stopped early and said how far it got
        cells = bytes(out)[: outlen.value * unit].decode(self.encoding, "replace")
        return Cells(cells, tuple(index[min(max(p, 0), n - 1)] for p in source[: outlen.value]))


@functools.lru_cache(maxsize=1)
def load() -> Louis | None:
    """The library, or None when it is not installed."""
    for name in LIBRARY_NAMES:
        try:
            return Louis(ctypes.CDLL(name))
        except (OSError, AttributeError):
            continue
    # Slower (it may run ldconfig), so only when the usual names fail.
    found = ctypes.util.find_library("louis")
    try:
        return Louis(ctypes.CDLL(found)) if found else None
    except (OSError, AttributeError):
        return None


def missing() -> str | None:
    """Why braille cannot be made on this computer, in one line; None when it can."""
    louis = load()
    if louis is None:
        return f"liblouis is not installed ({INSTALL})"
    if not louis.has_table("en-us-brf.dis"):
        return f"liblouis's braille tables are not installed ({INSTALL})"
    return None
