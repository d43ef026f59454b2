"""A port in use (an auditor's ninth trial): `itaplan serve` said "127.0.0.1 บรรทัด 8765" in Thai, the port read as
a file's line. It names the host and the port as such, and what to do, in either language."""

from __future__ import annotations

import socket

from helpers import run_in as run


def test_a_port_in_use_is_said_as_a_port_not_a_line(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        thai = run("serve", "--workspace", str(tmp_path), "--port", str(port), lang="th")
        english = run("serve", "--workspace", str(tmp_path), "--port", str(port))
    assert thai.exit_code == 2 and english.exit_code == 2
    assert f"127.0.0.1 พอร์ต {port}" in thai.output and "บรรทัด" not in thai.output, thai.output
    assert f"127.0.0.1, port {port}" in english.output and "--port" in english.output, english.output
