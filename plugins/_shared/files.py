"""Writing files that readers, web servers and later builds can trust.

Every file buildlog writes (output pages' companions, image variants, caches, data
files under content/) goes through ``write_atomic`` or ``copy_atomic``: a temp file in
the target's own folder, fsync, chmod, rename. A reader never sees half a file, a
failure leaves no temp file behind, and the result is world-readable (0644): a file
made by ``mkstemp`` is 0600, which a web server serving the site as another user
answers with 403.

``durable=False`` skips the fsync (and only that) for files the next build makes again
anyway (copies into the output folder): a power cut may cost such a file, never half of
one, and a build of 1,400 files no longer waits on the disk for each.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import stat
import tempfile
from pathlib import Path

from .errors import display_path

FILE_MODE = 0o644
DIR_MODE = 0o755
TEMP_PREFIX = ".tmp-buildlog-"


class FileWriteError(OSError):
    """A write that failed, with a message fit for the user (names the file).
    ``path`` is the file as a user would type it, ``reason`` what went wrong."""

    def __init__(self, code: int | None, message: str, path: str = "", reason: str = ""):
        super().__init__(code, message)
        self.path, self.reason = path, reason or message


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "no space left on device"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if error.errno == errno.EROFS:
        return "read-only file system"
    return error.strerror or str(error)


def describe_os_error(error: OSError, path: str | Path) -> str:
    """``no space left on device while writing output/x.jpg`` and the like."""
    return f"{_reason(error)} while writing {display_path(path)}"


def make_dirs(folder: Path) -> None:
    """Create ``folder`` and its parents readable by everyone (0755, umask aside)."""
    folder.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)


def _replace_from_temp(path: Path, fill, mode: int, durable: bool = True) -> None:
    try:
        fd, tmp = _temp_beside(path)
    except FileNotFoundError:  # the folder is new (made only then: a mkdir per write adds up)
        make_dirs(path.parent)
        fd, tmp = _temp_beside(path)
    try:
        with os.fdopen(fd, "wb") as handle:
            fill(handle)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as error:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(error, OSError) and not isinstance(error, FileWriteError):
            raise FileWriteError(
                error.errno, describe_os_error(error, path), display_path(path), _reason(error)
            ) from error
        raise


def _temp_beside(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(dir=path.parent, prefix=TEMP_PREFIX, suffix=path.suffix)


def write_atomic(
    path: str | Path,
    data: bytes | str,
    *,
    mode: int = FILE_MODE,
    encoding: str = "utf-8",
    durable: bool = True,
) -> None:
    """Replace ``path`` with ``data`` in one step; FileWriteError names the file.
    ``durable=False`` skips the fsync, for files a build can make again (pages,
    caches): still never half a file, only perhaps the old one after a power cut."""
    payload = data.encode(encoding) if isinstance(data, str) else data
    _replace_from_temp(Path(path), lambda handle: handle.write(payload), mode, durable)


def copy_atomic(
    source: str | Path, path: str | Path, *, mode: int = FILE_MODE, durable: bool = True
) -> None:
    """Copy ``source`` to ``path`` atomically, keeping its mtime (so an up-to-date
    check by size and mtime works) but never its permissions."""
    source, path = Path(source), Path(path)

    def fill(handle):
        with open(source, "rb") as src:
            shutil.copyfileobj(src, handle, 1024 * 1024)

    _replace_from_temp(path, fill, mode, durable)
    stat = source.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


class ChangedOnly(io.TextIOBase):
    """A text file to write that is written on close only if its bytes differ from
    what is there: unchanged pages keep their mtime (a browser's cache stays warm,
    livereload's reload is quick) and cost no write. Left unwritten if the ``with``
    block raised, so a failed render never leaves half a page. Text is encoded as it
    comes (a feed arrives in thousands of pieces): a StringIO of non-ASCII text holds
    four bytes a character, the feeds' peak memory."""

    def __init__(self, path: str | Path, encoding: str = "utf-8"):
        super().__init__()
        self.path, self.encoding_name, self.failed = Path(path), encoding, False
        self._data = io.BytesIO()

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._data.write(text.encode(self.encoding_name))
        return len(text)

    def __exit__(self, kind, error, trace):
        self.failed = kind is not None
        return super().__exit__(kind, error, trace)

    def close(self) -> None:
        if not self.closed and not self.failed:
            write_changed(self.path, self._data.getvalue())
        self._data = io.BytesIO()
        super().close()


def write_changed(path: str | Path, data: bytes) -> bool:
    """``write_atomic`` (no fsync) unless ``path`` already holds exactly ``data``; an
    unchanged file keeps its dates (browser caches, livereload, the page cache)."""
    if _holds(Path(path), data):
        return False
    write_atomic(path, data, durable=False)
    return True


def _holds(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def link_atomic(source: str | Path, path: str | Path) -> None:
    """Put ``source`` at ``path`` as a hard link (a photo variant from the cache into
    the output: one system call instead of a copy), replacing ``path`` in one step.
    Where links cannot be made (another file system), a copy without fsync. Safe
    because nothing writes into a published file: every write replaces the file."""
    try:
        os.link(source, path)  # nothing there yet (a clean output): appears whole, one call
        return
    except OSError:  # there is a file, no folder yet, or no links here: the long way
        pass
    source, path = Path(source), Path(path)
    make_dirs(path.parent)
    tmp = path.with_name(f"{TEMP_PREFIX}{os.getpid()}-{path.name}")
    try:
        tmp.unlink(missing_ok=True)
        os.link(source, tmp)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        copy_atomic(source, path, durable=False)


def remove_published(path: Path, root: Path) -> None:
    """Remove ``path``, a file a build published under ``root``, then the folders it
    leaves empty up to ``root``. Left as it is when it is no longer a file we may
    remove (a folder now, or not writable)."""
    try:
        path.unlink(missing_ok=True)
    except OSError:
        return
    for folder in path.parents:
        if folder == root or not folder.is_relative_to(root):
            break
        try:
            folder.rmdir()  # only when empty
        except OSError:
            break


def remove_stale_temp_files(folder: str | Path) -> int:
    """Delete temp files a killed build left under ``folder``; returns how many."""
    removed = 0
    for tmp in Path(folder).rglob(TEMP_PREFIX + "*") if Path(folder).is_dir() else ():
        try:
            tmp.unlink()
            removed += 1
        except OSError:
            pass
    return removed


def fix_modes(folder: str | Path) -> int:
    """Make ``folder``, its folders 0755 and its files 0644 (what a build under a strict
    umask, say 077, leaves 0600 would be a 403 on any web server); returns how many
    changed. Symbolic links are left alone."""
    changed = 0
    for root, dirs, files in os.walk(folder):
        entries = [(root, DIR_MODE)] if root == str(folder) else []
        entries += [(os.path.join(root, d), DIR_MODE) for d in dirs]
        entries += [(os.path.join(root, f), FILE_MODE) for f in files]
        for path, mode in entries:
            try:
                info = os.lstat(path)
                if not stat.S_ISLNK(info.st_mode) and stat.S_IMODE(info.st_mode) != mode:
                    os.chmod(path, mode)
                    changed += 1
            except OSError:  # gone meanwhile, or not ours to change: leave it
                pass
    return changed
