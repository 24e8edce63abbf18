"""A small UNO bridge: converts files in a running LibreOffice, one request per line.

Not imported by extractor: ``extractor.readers.libreoffice`` runs this file
with the Python that has LibreOffice's ``uno`` module (Debian's python3-uno,
for ``/usr/bin/python3``), so it uses the standard library and ``uno`` only.

    python3 lo_bridge.py PIPE_NAME

connects to the LibreOffice listening on the named pipe (retrying while it
starts), prints ``{"ready": true}``, then reads one JSON request per line
on stdin::

    {"in": "/tmp/x/in.doc", "out": "/tmp/x/out.docx", "filter": "MS Word 2007 XML"}

and answers each with one JSON line: ``{"ok": true}`` or
``{"ok": false, "error": "..."}``. It ends at the end of stdin. Documents are
opened hidden, read-only, with macros never run and links never updated
(no file or URL besides the input is touched); a document that asks for a
password fails to open instead of waiting for an answer.
"""

import json
import sys
import time

import uno
from com.sun.star.beans import PropertyValue

CONNECT_SECONDS = 120.0
_NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode.NEVER_EXECUTE
_NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode.NO_UPDATE


def _props(**kw):
    out = []
    for name, value in kw.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


def _connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _convert(desktop, request):
    load = _props(Hidden=True, ReadOnly=True, MacroExecutionMode=_NEVER_EXECUTE, UpdateDocMode=_NO_UPDATE,
                  Password="", RepairPackage=False, Silent=True)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(request["in"]), "_blank", 0, load)
    if doc is None:
        raise RuntimeError("LibreOffice could not open the file")
    try:
        doc.storeToURL(uno.systemPathToFileUrl(request["out"]), _props(FilterName=request["filter"], Overwrite=True))
    finally:
        try:
            doc.close(True)
        except Exception:
            doc.dispose()


def main():
    desktop = _connect(sys.argv[1])
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            _convert(desktop, json.loads(line))
            answer = {"ok": True}
        except Exception as e:  # UNO exceptions carry their message in .Message
            message = getattr(e, "Message", "") or str(e) or type(e).__name__
            answer = {"ok": False, "error": f"{type(e).__name__}: {' '.join(message.split())}"}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
