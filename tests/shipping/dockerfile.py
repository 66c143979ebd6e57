"""Read the Dockerfile without Docker: its instructions, what its COPY lines take from the
build context (minus .dockerignore), and a copy of those files laid out as in the image."""

from __future__ import annotations

import fnmatch
import json
import os
import posixpath
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Instruction:
    keyword: str  # upper case: FROM, COPY, RUN, CMD, …
    args: str
    line: int  # where it starts in the Dockerfile, for messages


def instructions(text: str) -> list[Instruction]:
    """The Dockerfile's instructions, with continued lines joined and comments dropped."""
    found: list[Instruction] = []
    parts: list[str] = []
    start = 0
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if not parts:
            start = number
        parts.append(line.removesuffix("\\").strip())
        if line.endswith("\\"):
            continue
        keyword, _, args = " ".join(parts).partition(" ")
        found.append(Instruction(keyword.upper(), args.strip(), start))
        parts = []
    return found


def exec_form(ins: Instruction) -> list[str]:
    """The JSON (exec) form of CMD/ENTRYPOINT; a shell form is an error."""
    assert ins.args.startswith("["), (
        f"Dockerfile line {ins.line}: use the exec form of {ins.keyword} (a JSON list), so "
        "that the server receives the container's stop signal"
    )
    return json.loads(ins.args)


@dataclass(frozen=True)
class Copy:
    sources: tuple[str, ...]
    dest: str
    line: int


def copies(found: list[Instruction]) -> list[Copy]:
    """COPY/ADD lines that read the build context (not `--from=` another stage)."""
    result = []
    for ins in found:
        if ins.keyword not in ("COPY", "ADD"):
            continue
        words = json.loads(ins.args) if ins.args.startswith("[") else shlex.split(ins.args)
        flags = [w for w in words if w.startswith("--")]
        if any(f.startswith("--from") for f in flags):
            continue
        paths = [w for w in words if not w.startswith("--")]
        assert len(paths) >= 2, f"Dockerfile line {ins.line}: COPY needs a source and a dest"
        result.append(Copy(tuple(paths[:-1]), paths[-1], ins.line))
    return result


# --- the build context -----------------------------------------------------------------------


def ignore_patterns(root: Path) -> list[str]:
    path = root / ".dockerignore"
    if not path.is_file():
        return []
    patterns = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("!"), "this check does not handle ! exceptions in .dockerignore"
        patterns.append(line.strip("/").removeprefix("./"))
    return patterns


def _ignored(rel: str, patterns: list[str]) -> bool:
    """Docker's rule, close enough for this repository: a pattern matches the path or one of
    its parent folders; a leading `**/` matches at any depth, including the top."""
    parts = rel.split("/")
    prefixes = ["/".join(parts[: i + 1]) for i in range(len(parts))]
    for pattern in patterns:
        alternatives = [pattern]
        if pattern.startswith("**/"):
            alternatives.append(pattern[3:])
            alternatives += [f"*/{pattern[3:]}", f"*/*/{pattern[3:]}", f"*/*/*/{pattern[3:]}"]
        for alt in alternatives:
            if any(fnmatch.fnmatchcase(p, alt) for p in prefixes):
                return True
    return False


def context_files(root: Path) -> list[str]:
    """Every file `docker build .` would send, as paths relative to the root."""
    patterns = ignore_patterns(root)
    found = []
    for folder, dirs, files in os.walk(root):
        rel_folder = Path(folder).relative_to(root).as_posix()
        rel_folder = "" if rel_folder == "." else rel_folder + "/"
        dirs[:] = sorted(d for d in dirs if not _ignored(rel_folder + d, patterns))
        found += [rel_folder + f for f in sorted(files) if not _ignored(rel_folder + f, patterns)]
    return found


def _matching(source: str, files: list[str]) -> list[tuple[str, str]]:
    """(context file, its path relative to the copied source) for one COPY source."""
    src = source.strip("/").removeprefix("./")
    if src in ("", "."):
        return [(f, f) for f in files]
    if any(c in src for c in "*?["):
        hits = sorted({"/".join(f.split("/")[: src.count("/") + 1]) for f in files})
        hits = [h for h in hits if fnmatch.fnmatchcase(h, src)]
        return [pair for h in hits for pair in _matching(h, files)]
    if src in files:
        return [(src, posixpath.basename(src))]
    return [(f, f[len(src) + 1 :]) for f in files if f.startswith(src + "/")]


def stage(root: Path, dockerfile: Path, out: Path) -> dict[str, Path]:
    """Lay out under `out` what the Dockerfile's COPY lines put into the image, following
    WORKDIR. Returns the image folder of each `RUN … pip install …` line, as paths under `out`.
    A COPY source that matches nothing in the build context fails the assertion."""
    files = context_files(root)
    workdir = "/"
    installs: dict[str, Path] = {}
    for ins in instructions(dockerfile.read_text(encoding="utf-8")):
        if ins.keyword == "WORKDIR":
            workdir = posixpath.normpath(posixpath.join(workdir, ins.args))
        elif ins.keyword == "RUN" and "pip install" in ins.args:
            installs[ins.args] = out / workdir.lstrip("/")
        elif ins.keyword in ("COPY", "ADD"):
            for cp in copies([ins]):
                dest = posixpath.join(workdir, cp.dest)
                into_folder = cp.dest.endswith("/") or len(cp.sources) > 1
                for source in cp.sources:
                    pairs = _matching(source, files)
                    assert pairs, (
                        f"Dockerfile line {cp.line}: COPY {source} matches nothing in the "
                        "build context (missing, or excluded by .dockerignore)"
                    )
                    single_file = len(pairs) == 1 and pairs[0][0] == source.strip("/")
                    for context_path, rel in pairs:
                        target = dest if single_file and not into_folder else f"{dest}/{rel}"
                        target_path = out / posixpath.normpath(target).lstrip("/")
                        target_path.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(root / context_path, target_path)
    return installs
