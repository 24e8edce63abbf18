"""Check the interpreter ``make`` was given before building ``.venv`` with it.

    python3 tools/check_python.py VENV [PYPROJECT]
    python3 tools/check_python.py --id

``--id`` prints what tells this interpreter from another (its version and
a hash of its real path): ``make`` names its install stamps with it, so
that another interpreter finds no stamp and the check below runs.

Exits 1 with a message naming the interpreter, its version, the version
``pyproject.toml`` requires and the newer interpreters found on PATH, when
the interpreter is too old (instead of a failure deep inside pip). When
``VENV`` was made by another interpreter (another version, or another
installation of the same version), it is removed, so that ``make`` builds it
again with this one: a ``.venv`` half-made by a wrong interpreter never has
to be deleted by hand.

Written for any Python 3, old ones included: it must run to say they are old.
"""

import os
import re
import shutil
import sys

#: the newest minor versions looked for on PATH when the interpreter is too old
CANDIDATE_MINORS = range(20, 7, -1)


def required_version(pyproject):
    """The (major, minor) of ``requires-python = ">=X.Y"`` in pyproject.toml."""
    with open(pyproject, encoding="utf-8") as fh:
        match = re.search(r'^requires-python\s*=\s*">=\s*(\d+)\.(\d+)', fh.read(), re.M)
    if not match:
        raise SystemExit("tools/check_python.py: no requires-python = \">=X.Y\" in " + pyproject)
    return int(match.group(1)), int(match.group(2))


def _version(info):
    return ".".join(str(part) for part in info)


def newer_interpreters(required):
    """Names of interpreters on PATH whose name promises the required version or a newer one."""
    found = []
    for minor in CANDIDATE_MINORS:
        name = "python%d.%d" % (required[0], minor)
        if minor >= required[1] and shutil.which(name):
            found.append(name)
    return found


def too_old_message(required):
    here = sys.executable or "this python"
    message = "extractor needs Python %s or newer; %s is Python %s." % (
        _version(required), here, _version(sys.version_info[:3]))
    found = newer_interpreters(required)
    if found:
        message += " Run make with PYTHON=%s (found on PATH)." % found[0]
    else:
        message += " Install Python %s or newer, then run make with PYTHON=/path/to/python3." % _version(required)
    return message


def venv_config(venv):
    """The key = value pairs of VENV/pyvenv.cfg; None when there is none."""
    path = os.path.join(venv, "pyvenv.cfg")
    if not os.path.isfile(path):
        return None
    config = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            key, sep, value = line.partition("=")
            if sep:
                config[key.strip()] = value.strip()
    return config


def made_by_another(venv):
    """Why VENV was not made by this interpreter; None when it was (or does not exist)."""
    if not os.path.exists(venv):
        return None
    config = venv_config(venv)
    if config is None:
        return "it has no pyvenv.cfg"
    version = _version(sys.version_info[:3])
    if config.get("version", config.get("version_info", "")).split(".")[:3] != version.split("."):
        return "it was made with Python %s, this is %s" % (config.get("version", "?"), version)
    executable = config.get("executable")
    if executable and os.path.realpath(executable) != os.path.realpath(sys.executable):
        return "it was made with %s, this is %s" % (executable, os.path.realpath(sys.executable))
    return None


def interpreter_id():
    """``py3.11.7-1a2b3c4d``: the version and a hash of the interpreter's real path."""
    import hashlib

    digest = hashlib.sha1(os.path.realpath(sys.executable).encode("utf-8", "replace")).hexdigest()[:8]
    return "py%s-%s" % (_version(sys.version_info[:3]), digest)


def main(argv):
    if argv[1:] == ["--id"]:
        print(interpreter_id())
        return 0
    if len(argv) not in (2, 3):
        sys.stderr.write(__doc__)
        return 2
    venv = argv[1]
    pyproject = argv[2] if len(argv) == 3 else "pyproject.toml"
    required = required_version(pyproject)
    if tuple(sys.version_info[:2]) < required:
        sys.stderr.write(too_old_message(required) + "\n")
        return 1
    why = made_by_another(venv)
    if why is not None:
        sys.stderr.write("extractor: rebuilding %s: %s\n" % (venv, why))
        shutil.rmtree(venv)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
