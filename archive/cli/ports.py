"""A busy port is found before any work starts, and named with the option that changes it."""
from __future__ import annotations

import socket

from archive.cli.common import UserError


def require_free(host: str, port: int, option: str) -> None:
    """UserError naming `option` unless a server could listen on host:port now."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as servers do: TIME_WAIT is no conflict
        try:
            probe.bind((host, port))
        except OSError as error:
            raise UserError(f"cannot listen on {host}:{port} ({error.strerror}): choose another port with "
                            f"{option}") from None
