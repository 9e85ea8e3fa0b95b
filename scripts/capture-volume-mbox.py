#!/usr/bin/env python3
"""Writes a realistic mbox with Python's own `email` and `mailbox` modules, and what Python reads
back from it, for KithCapture's differential test and speed runs.

    scripts/capture-volume-mbox.py OUT.mbox --messages 100000 [--seed 1] [--expected OUT.jsonl]

Messages look like a real inbox and sent folder: Received and DKIM headers, display names in many
scripts (encoded by `email` as RFC 2047 words), groups, Cc lists, dates in many zones and the
obsolete forms, Re:/Fwd: subjects, mailing lists, newsletters, auto-replies and no-reply senders,
plain, HTML and base64 bodies (about 10 KB a message on average), body lines starting with "From "
(which `mailbox` escapes as ">From "), and some messages without a Message-ID.

With --expected, each message as Python's `mailbox.mbox` and `email.policy.default` read it, one
JSON object a line: sender, recipients, the UTC time, the Message-ID and the subject.
"""
import argparse
import base64
import email.policy
import email.utils
import json
import mailbox
import random
from datetime import datetime, timedelta, timezone
from email.headerregistry import Address, Group
from email.message import EmailMessage

FIRST = ["Diane", "Robert", "Zoë", "Jürgen", "Priya", "Carol", "Sam", "Élise", "Noah", "王", "Aisha", "José",
         "Hannah", "Grace", "Michael", "Olivia", "Kenji", "Ruth", "Laura", "Marcus", "Søren", "Łukasz", "Анна"]
LAST = ["Smith", "Stone", "Laurent", "Müller", "Natarajan", "Jones", "Lee", "Åström", "Patel", "小明", "Rahman",
        "Álvarez", "Schmidt", "Thompson", "O'Brien", "Chen", "Watanabe", "Park", "Bianchi", "Webb", "Øster", "Wójcik"]
DOMAINS = ["example.com", "acme.example", "globex.example", "mail.example.org", "uni.example.edu", "kith.test"]
NOREPLY = ["noreply@github.com", "no-reply@accounts.example.com", "notifications@service.example",
           "mailer-daemon@mx.example.net", "donotreply@bank.example"]
TOPICS = ["the Q2 budget", "lunch on Friday", "Facebook post", "the partnership", "slides", "the hiring plan",
          "Café on Friday? ☕", "Berlin launch", "Invoice 2026-114", "book club", "the roadmap", "日本語の件名"]
PREFIXES = ["", "", "", "Re: ", "RE: ", "Re: Re: ", "Fwd: ", "Fw: ", "AW: ", "[team] Re: "]
ZONES = [0, 60, 120, -300, -240, -480, -420, 330, 540, 600, -210, 345]
WORDS = ("the and of to a in is it you that he was for on are with as his they be at one have this from or "
         "had by word but what some we can out other were all there when up use your how said an each she").split()


def person(rng):
    first, last = rng.choice(FIRST), rng.choice(LAST)
    local = f"{rng.choice(['d', 'r', 'z', 'j', 'p', 'c', 's', 'e', 'n', 'a'])}{rng.randrange(1000)}"
    return Address(display_name=f"{first} {last}" if rng.random() < 0.85 else "", addr_spec=f"{local}@{rng.choice(DOMAINS)}")


def body(rng):
    kind = rng.random()
    lines = []
    size = int(rng.expovariate(1 / 6000)) + 200
    length = 0
    while length < size:
        line = " ".join(rng.choices(WORDS, k=rng.randrange(3, 14)))
        if rng.random() < 0.02:
            line = "From " + line  # mailbox writes it as ">From "
        lines.append(line)
        length += len(line) + 1
    text = "\n".join(lines) + "\n"
    return kind, text


def message(rng, index, me):
    msg = EmailMessage(policy=email.policy.SMTP)
    sent = rng.random() < 0.3
    sender = me if sent else (Address(addr_spec=rng.choice(NOREPLY), display_name="Service")
                              if rng.random() < 0.05 else person(rng))
    recipients = [person(rng) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    if not sent:
        recipients[0] = me
    stamp = datetime(2023, 1, 1, tzinfo=timezone.utc) + timedelta(seconds=rng.randrange(3 * 365 * 86400))
    zone = timezone(timedelta(minutes=rng.choice(ZONES)))
    for hop in range(rng.randrange(2, 6)):
        msg["Received"] = (f"from mx{hop}.{rng.choice(DOMAINS)} (mx{hop}.example [192.0.2.{rng.randrange(255)}]) "
                           f"by mail.kith.test with ESMTPS id {rng.getrandbits(48):012X} for <me@kith.test>; "
                           f"{email.utils.format_datetime(stamp.astimezone(zone))}")
    msg["DKIM-Signature"] = ("v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=s1; h=from:to:subject:date; "
                             "bh=" + base64.b64encode(rng.randbytes(32)).decode() + "; b="
                             + base64.b64encode(rng.randbytes(128)).decode())
    if rng.random() < 0.9:
        msg["Message-ID"] = f"<{index}.{rng.getrandbits(40):010x}@{rng.choice(DOMAINS)}>"
    form = rng.random()
    local = stamp.astimezone(zone)
    if form < 0.05:  # obsolete: two-digit year, named zone, no weekday, no seconds
        msg["Date"] = stamp.strftime("%d %b %y %H:%M GMT")
    elif form < 0.1:
        msg["Date"] = local.strftime("%a, %d %b %Y %H:%M:%S ") + local.strftime("%z") + " (local)"
    else:
        msg["Date"] = email.utils.format_datetime(local)
    msg["From"] = sender
    if rng.random() < 0.05:
        msg["To"] = Group("friends", recipients)
    else:
        msg["To"] = recipients
    if rng.random() < 0.25:
        msg["Cc"] = [person(rng) for _ in range(rng.randrange(1, 4))]
    msg["Subject"] = rng.choice(PREFIXES) + rng.choice(TOPICS)
    roll = rng.random()
    if roll < 0.08:
        msg["List-Id"] = "Team list <team.lists.example>"
        msg["List-Unsubscribe"] = "<mailto:leave@lists.example>"
    elif roll < 0.12:
        msg["Precedence"] = "bulk"
    elif roll < 0.14:
        msg["Auto-Submitted"] = "auto-replied"
    msg["MIME-Version"] = "1.0"
    kind, text = body(rng)
    if kind < 0.6:
        msg.set_content(text)
    elif kind < 0.85:
        msg.set_content(text)
        msg.add_alternative("<html><body><p>" + text.replace("\n", "</p>\n<p>") + "</p></body></html>", subtype="html")
    else:
        msg.set_content(text)
        msg.add_attachment(rng.randbytes(rng.randrange(2000, 30000)), maintype="application", subtype="pdf",
                           filename="scan.pdf")
    return msg


def expected(path, out):
    with open(out, "w") as f:
        for msg in mailbox.mbox(path, factory=lambda file: email.message_from_binary_file(file, policy=email.policy.default)):
            def addresses(name):
                field = msg[name]
                return [] if field is None else [[a.display_name or None, a.addr_spec.lower()] for a in field.addresses]
            date = msg["Date"].datetime
            utc = date.astimezone(timezone.utc) if date.tzinfo else date
            f.write(json.dumps({
                "from": addresses("From")[0], "to": addresses("To"), "cc": addresses("Cc"),
                "utc": utc.strftime("%Y-%m-%d %H:%M:%S"), "id": (msg["Message-ID"] or "").strip("<> ") or None,
                "subject": str(msg["Subject"]),
            }, ensure_ascii=False) + "\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--expected")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    me = Address("Me", addr_spec="me@kith.test")
    box = mailbox.mbox(args.out, create=True)
    box.lock()
    try:
        for index in range(args.messages):
            msg = message(rng, index, me)
            msg.set_unixfrom("From MAILER-DAEMON Tue Mar  3 09:15:02 2026")
            box.add(msg)
        box.flush()
    finally:
        box.unlock()
        box.close()
    if args.expected:
        expected(args.out, args.expected)


if __name__ == "__main__":
    main()
