#!/usr/bin/env python3
"""Reads a mail with Python's own parser (email, policy.default) and prints what a test checks
as JSON: every header as received, the parser's complaints, and the body decoded."""
import email
import email.policy
import json
import sys

with open(sys.argv[1], "rb") as f:
    message = email.message_from_binary_file(f, policy=email.policy.default)
print(json.dumps({
    "headers": [[name, str(value)] for name, value in message.items()],
    "defects": [type(d).__name__ for d in message.defects],
    "content_type": message.get_content_type(),
    "charset": message.get_content_charset(),
    "encoding": message["Content-Transfer-Encoding"],
    "date_valid": email.utils.parsedate_to_datetime(message["Date"]) is not None,
    "body": message.get_content(),
}))
