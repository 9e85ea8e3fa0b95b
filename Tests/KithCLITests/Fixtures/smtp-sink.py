#!/usr/bin/env python3
"""A local SMTP sink for BriefCommandTests: aiosmtpd on 127.0.0.1, on a free port.

    smtp-sink.py FOLDER [SECONDS]

Prints the port on the first line of stdout once it listens. Each message that arrives is
written to FOLDER as N.eml (the bytes as received) with N.envelope (MAIL FROM, then each RCPT
TO, a line each). Stops when FOLDER/stop appears, or after SECONDS (120 unless given), so it
never outlives the test that started it.
"""
import pathlib
import socket
import sys
import time

from aiosmtpd.controller import Controller

folder = pathlib.Path(sys.argv[1])
seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 120.0


class Sink:
    count = 0

    async def handle_DATA(self, server, session, envelope):
        n = Sink.count
        Sink.count += 1
        (folder / f"{n}.envelope").write_text("\n".join([envelope.mail_from, *envelope.rcpt_tos]) + "\n")
        partial = folder / f"{n}.partial"
        partial.write_bytes(envelope.original_content or envelope.content)
        partial.rename(folder / f"{n}.eml")
        return "250 Message accepted for delivery"


with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print(port, flush=True)
deadline = time.monotonic() + seconds
try:
    while time.monotonic() < deadline and not (folder / "stop").exists():
        time.sleep(0.05)
finally:
    controller.stop()
