"""Loading the knowledge base: built from data/ once, then compiled from a JSON cache.

Building it (kb_build) parses the YAML files and validates them with pydantic: about 0.1 s.
The validated data is kept as JSON in the user's cache, keyed by a hash of the files' content
and the code, so a normal run compiles it in a few milliseconds without importing pydantic.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from wat_werkt import __version__
from wat_werkt.core import kb_build
from wat_werkt.core.knowledge import (
    FILES,
    GENDER_LABELS,
    SETTING_LABELS,
    KnowledgeBase,
    data_file,
    default_data_dir,
)

try:  # the builtin module: hashlib loads OpenSSL first, which takes longer than all our hashing
    from _blake2 import blake2b
except ImportError:  # a Python built without it
    from hashlib import blake2b

CODE_FILES = (
    "knowledge.py",
    "conditions.py",
    "kb_build.py",
    "kb_models.py",
    "kb_records.py",
    "profile_spec.py",
    "kb_load.py",
)

_loaded: dict[str, KnowledgeBase] = {}


def load_kb(data_dir: str | Path | None = None) -> KnowledgeBase:
    """The knowledge base in data_dir (default: the shipped one); raises UserError when invalid."""
    path = Path(data_dir) if data_dir else default_data_dir()
    key = str(path.resolve())
    if key not in _loaded:
        _loaded[key] = _load(path)
    _use_labels(_loaded[key])
    return _loaded[key]


def _use_labels(kb: KnowledgeBase) -> None:
    for target, name in ((GENDER_LABELS, "gender"), (SETTING_LABELS, "setting")):
        target.clear()
        vocab = kb.profile.vocabularies.get(name)
        target.update(vocab.groups if vocab else {})


# --- cache ---------------------------------------------------------------------------------
# The validated data as JSON (data only: reading it can never run code), keyed by a hash of the
# data files' and the code's content, so an edit that keeps size and mtime is never missed.

CACHE_ENTRIES = 8  # newest kept; older entries (and files of older versions) are removed
_OFF = {"1", "true", "yes", "ja", "on"}


def _cache_dir() -> Path | None:
    """Where cache entries go, or None: switched off, or no HOME to put it under."""
    if os.environ.get("WAT_WERKT_NO_CACHE", "").strip().lower() in _OFF:
        return None
    if os.environ.get("WAT_WERKT_CACHE_DIR"):
        return Path(os.environ["WAT_WERKT_CACHE_DIR"])
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):  # the XDG spec: a relative path is invalid and ignored
        return Path(xdg) / "wat-werkt"
    home = Path(os.path.expanduser("~"))
    if not home.is_absolute() or not home.is_dir():
        return None  # never create a home folder that does not exist
    return home / ".cache" / "wat-werkt"


def _digest(path: Path) -> str | None:
    """A hash of the data files' and the code's bytes (None when a data file is unreadable)."""
    from wat_werkt.core.yamlio import MAX_DATA_BYTES

    key = blake2b(f"{__version__}|{sys.version_info[:2]}".encode())
    here = Path(__file__).parent
    for file in [*(data_file(path, k) for k in sorted(FILES)), *(here / n for n in CODE_FILES)]:
        data = _read_regular(file, MAX_DATA_BYTES + 1)
        if data is None:
            return None  # missing, unreadable, a device or FIFO: let the build report it
        key.update(f"|{file.name}:{len(data)}|".encode())
        key.update(data)
    return key.hexdigest()[:32]


def _read_regular(file: Path, limit: int, follow: bool = True) -> bytes | None:
    """Up to `limit` bytes of a regular file, or None; a FIFO or device is never waited on."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else os.O_NOFOLLOW)
    try:
        fd = os.open(file, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        try:
            return f.read(limit)
        except OSError:
            return None


def _private(folder: Path) -> bool:
    """A cache folder only this user can write to: else another user could plant advice."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return True  # made below, mode 0700
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and st.st_uid == os.getuid() and not st.st_mode & 0o022


# An entry is "<blake2b of the JSON>\n<JSON>": a damaged or edited entry is rebuilt.
MAX_ENTRY_BYTES = 64 * 1024 * 1024


def _read_entry(entry: Path) -> str | None:
    data = _read_regular(entry, MAX_ENTRY_BYTES, follow=False)
    if data is None:
        return None
    check, _, payload = data.partition(b"\n")
    if blake2b(payload, digest_size=32).hexdigest().encode() != check:
        return None
    return payload.decode("utf-8")


def _load(path: Path) -> KnowledgeBase:
    digest = _digest(path)
    folder = _cache_dir() if digest else None
    if folder is not None and not _private(folder):
        folder = None
    entry = folder / f"kb-{digest}.json" if folder else None
    if entry is not None:
        try:
            text = _read_entry(entry)
            if text is not None:
                return _label_efforts(kb_build.compile_json(path, text))
        except Exception:  # noqa: BLE001 - damaged: rebuilt below
            pass
    text = kb_build.to_json(path)  # UserError when the data is invalid
    if entry is not None:
        _store(entry, text)
    return _label_efforts(kb_build.compile_json(path, text))


def _store(entry: Path, text: str) -> None:
    """Write a cache entry privately and atomically; drop old entries; never leave litter."""
    tmp = None
    try:
        entry.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        import tempfile

        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".kb-", suffix=".tmp")  # 0600
        payload = text.encode("utf-8")
        with os.fdopen(fd, "wb") as f:
            f.write(blake2b(payload, digest_size=32).hexdigest().encode() + b"\n" + payload)
        os.replace(tmp, entry)
        tmp = None
        old = sorted(
            (p for p in entry.parent.glob("kb-*") if p != entry),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for p in old[CACHE_ENTRIES - 1 :] + [p for p in old if p.suffix != ".json"]:
            p.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full disk is fine: we just build again next time
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _label_efforts(kb: KnowledgeBase) -> KnowledgeBase:
    """Give each effort ("inzet") the Dutch label of its level, defined once in effort_levels."""
    labels = {e.id: e.label for e in kb.factors_file.effort_levels}
    for entry in kb.interventions:
        effort = vars(entry.data.effort)
        level = effort.pop("level")
        entry.data.effort.__dict__ = {"level": level, "label": labels[level], **effort}
    return kb
