"""A throwaway Dovecot IMAP server for the tests: 127.0.0.1, free ports, a temporary Maildir, one user.

``Dovecot.start(folder)`` writes a config into a temporary folder, a CA and a
server certificate (openssl CLI) for 127.0.0.1, a passwd-file with one user, and
runs ``dovecot -F -c <config>``: implicit TLS on one port, STARTTLS on another.
The Drafts folder is called ``folder`` and carries ``special_use = \\Drafts``.
Tests that need it are skipped when ``dovecot`` is not installed
(``apt-get install dovecot-imapd``; ``.ci/run`` installs it on Debian CI).
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

USER = "dana@example.com"
PASSWORD = "correct horse battery staple ünïcode"


def dovecot_binary() -> str | None:
    for candidate in (shutil.which("dovecot"), "/usr/sbin/dovecot"):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    return None


def dovecot_version(binary: str) -> tuple[int, int]:
    """``(2, 3)`` for Dovecot 2.3.x; ``(0, 0)`` when it cannot say."""
    try:
        text = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10, check=False).stdout
        major, minor = text.split()[0].split(".")[:2]
        return int(major), int(minor)
    except (OSError, ValueError, IndexError, subprocess.SubprocessError):
        return 0, 0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _openssl(*arguments: str, cwd: Path) -> None:
    subprocess.run(["openssl", *arguments], cwd=cwd, check=True, capture_output=True)


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A CA, and a certificate for 127.0.0.1 and localhost signed by it: (ca.pem, cert.pem, key.pem)."""
    _openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
             "-subj", "/CN=followup test CA", "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign", cwd=folder)
    _openssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "server.csr",
             "-subj", "/CN=127.0.0.1", cwd=folder)
    (folder / "server.ext").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
        "keyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n", encoding="ascii")
    _openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
             "-out", "cert.pem", "-days", "2", "-extfile", "server.ext", cwd=folder)
    return folder / "ca.pem", folder / "cert.pem", folder / "key.pem"


@dataclass
class Dovecot:
    """A running test server."""

    root: Path
    process: subprocess.Popen[bytes]
    tls_port: int
    starttls_port: int
    cafile: Path
    folder: str
    host: str = "127.0.0.1"
    user: str = USER
    password: str = PASSWORD

    @classmethod
    def start(cls, root: Path, folder: str = "Drafts") -> Dovecot:
        binary = dovecot_binary()
        assert binary is not None
        for name in ("run", "state", "mail", "home", "tls"):
            (root / name).mkdir(parents=True, exist_ok=True)
        cafile, cert, key = make_certificates(root / "tls")
        if os.getuid() == 0:  # Dovecot refuses root for its own processes and for mail
            login_user, internal_user = "dovenull", "dovecot"
            mail_uid, mail_gid = pwd.getpwnam("dovecot").pw_uid, grp.getgrnam("dovecot").gr_gid
            for path in (root / "mail", root / "home"):
                os.chown(path, mail_uid, mail_gid)
        else:
            login_user = internal_user = pwd.getpwuid(os.getuid()).pw_name
            mail_uid, mail_gid = os.getuid(), os.getgid()
        internal_group = grp.getgrgid(pwd.getpwnam(internal_user).pw_gid).gr_name
        (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}:::\n", encoding="utf-8")
        tls_port, starttls_port = free_port(), free_port()
        config = f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = followup-test-{tls_port}
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {login_user}
default_internal_user = {internal_user}
default_internal_group = {internal_group}
first_valid_uid = {min(mail_uid, 100)}
first_valid_gid = 0
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={mail_uid} gid={mail_gid} home={root}/home/%u
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox "{folder}" {{
    special_use = \\Drafts
    auto = create
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {starttls_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  unix_listener stats-writer {{
    mode = 0666
  }}
}}
"""
        (root / "dovecot.conf").write_text(config, encoding="utf-8")
        os.chmod(root, 0o755)
        with open(root / "stdout.log", "wb") as output:
            process = subprocess.Popen([binary, "-F", "-c", str(root / "dovecot.conf")],
                                       stdout=output, stderr=subprocess.STDOUT)
        server = cls(root, process, tls_port, starttls_port, cafile, folder)
        server._wait()
        return server

    def _wait(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with socket.create_connection((self.host, self.starttls_port), timeout=1) as sock:
                    if sock.recv(100).startswith(b"* OK"):
                        return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not start:\n{self.log()}")

    def log(self) -> str:
        text = ""
        for name in ("stdout.log", "dovecot.log"):
            path = self.root / name
            text += path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        return text

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)

    def maildir(self) -> Path:
        return self.root / "mail" / self.user
