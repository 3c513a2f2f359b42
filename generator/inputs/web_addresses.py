"""The host a web address really opens, checked before it is printed or put in a QR code.

An address can look like one site and open another: ``https://www.mensenhandelweb.nl@example.invalid/``
opens ``example.invalid`` (what stands before ``@`` is a user name a browser skips), and
``xn--80ak6aa92e.com`` opens ``аррӏе.com``, Cyrillic letters that look like ``apple.com``. A
reader cannot see the difference on paper or in a QR code, so the address is read as a browser
reads it and refused, naming the host it opens, when:

- it has a user name or password (``…@``), or a backslash (a browser reads ``\\`` as ``/``, so
  the host would end earlier than it seems);
- its host is an IP address (``192.0.2.1``, ``[2001:db8::1]``, or a number as the last part):
  an organisation prints its name, and a reader cannot tell whose address a number is;
- it names a port (``:8080``): the printed address leaves it out, so it would open another one;
- its host is not a valid domain name (IDNA 2008, with the ``idna`` package email-validator
  uses too): ``%``, ``_``, empty labels;
- a label of its host, written as ``xn--…``, is in letters of another script than Latin, or
  holds a letter that looks like another one (the rules a pasted address already follows,
  ``inputs/pasted.py``). The same holds for the domain of an email address.

Accented Latin letters (``café.nl``) are fine: they look like what they are.
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import SplitResult

import idna

from generator.inputs.pasted import clean

__all__ = ["domain_problem", "opened_host"]

_NAMED = "print the organisation's web address, e.g. www.example.nl"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(?![0-9])")  # www.x.nl:8080 is a port, not a scheme
_NUMERIC_LABEL = re.compile(r"^(0x[0-9a-f]*|[0-9]+)$")  # a browser reads such a host as an IPv4 address


def opened_host(value: str, parts: SplitResult) -> str:
    """The host ``parts`` (``value`` split) opens, lower case; ``ValueError`` saying what is
    wrong and what to do when it may open another site than it seems to."""
    netloc = parts.netloc
    host = (parts.hostname or "").lower()
    scheme = _SCHEME.match(value)
    if scheme and "://" not in value:  # javascript:…, mailto:…: not read as a host with a port
        raise ValueError(f"'{value}' is not a web address ({scheme.group(1)}: is not http or https); write it like www.example.nl")
    if "\\" in value:
        raise ValueError(f"'{value}' holds a backslash (\\), which a browser reads as /; write / or leave it out")
    if "@" in netloc:
        before = netloc.rsplit("@", 1)[0]
        raise ValueError(
            f"'{value}' opens {host or 'nothing'}, not {before}: a browser skips what stands before @; "
            f"remove the part before @ and check the address against the source"
        )
    if netloc.startswith("[") or _is_ip(host):
        raise ValueError(f"'{value}' opens the IP address {host}, not a named site; {_NAMED}")
    try:
        port = parts.port
    except ValueError:
        port = -1
    if port is not None or netloc.endswith(":"):
        shown = f" (:{port})" if port and port > 0 else ""
        raise ValueError(f"'{value}' names a port{shown}, which the printed address leaves out; write the address without it")
    if not host:
        return host  # the caller says it is not a web address
    problem = domain_problem(host)
    if problem:
        raise ValueError(f"'{value}' {problem}")
    return host


def domain_problem(host: str, verb: str = "opens") -> str:
    """Why the domain ``host`` may not be printed ('' when it may), as the rest of a sentence
    that starts with the address; ``verb`` says what the address does with it."""
    last = host.rstrip(".").rsplit(".", 1)[-1]
    if _NUMERIC_LABEL.match(last):
        return f"ends in {last}, a number, where a domain name ends in its top-level domain (nl, com); {_NAMED}"
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
        shown = idna.decode(ascii_host)
    except idna.IDNAError as exc:
        return f"has a host, {host}, that is not a domain name ({exc}); copy the address from the source"
    if ascii_host == shown:  # letters a-z, digits and hyphens only: nothing can look like something else
        return ""
    try:
        clean(shown, "address")
    except ValueError as exc:
        why = str(exc).split(";", 1)[0]
        return (
            f"{verb} {shown} ({ascii_host}), which only looks like a Latin address: its {why}; "
            "print the organisation's own address, checked against its source"
        )
    return ""


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
