#!/usr/bin/python3
"""Write a real RFC 3464 delivery-status report for a delivered message,
as a receiving MTA would send back to its return path.

Usage: dsn.py ORIGINAL.eml RETURN_PATH OUT.eml [hard|soft] [RECIPIENT]

ORIGINAL.eml is a message as the test SMTP server stored it (its
X-Envelope-* fields are left out of the report); hard is 5.1.1 failed,
soft 4.2.2 delayed; RECIPIENT defaults to the message's To address.
"""
import email
import email.utils
import sys
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText

orig = email.message_from_binary_file(open(sys.argv[1], "rb"))
kind = sys.argv[4] if len(sys.argv) > 4 else "hard"
rcpt = sys.argv[5] if len(sys.argv) > 5 else email.utils.parseaddr(orig["To"])[1]
r = MIMEMultipart("report", report_type="delivery-status")
r["From"] = "Mail Delivery System <MAILER-DAEMON@mx.example.net>"
r["To"] = sys.argv[2]
r["Subject"] = "Undelivered Mail Returned to Sender" if kind == "hard" else "Delayed Mail"
r.attach(MIMEText("Your message could not be delivered.\n"))
ds = Message()
ds.set_type("message/delivery-status")
per_msg, per_rcpt = Message(), Message()
per_msg["Reporting-MTA"] = "dns; mx.example.net"
per_rcpt["Final-Recipient"] = "rfc822; " + rcpt
per_rcpt["Action"] = "failed" if kind == "hard" else "delayed"
per_rcpt["Status"] = "5.1.1" if kind == "hard" else "4.2.2"
per_rcpt["Diagnostic-Code"] = ("smtp; 550 5.1.1 no such user" if kind == "hard"
                               else "smtp; 452 4.2.2 mailbox full")
ds.set_payload([per_msg, per_rcpt])
r.attach(ds)
h = Message()
h.set_type("text/rfc822-headers")
h.set_payload("".join("%s: %s\n" % (k, v) for k, v in orig.items()
                      if not k.startswith("X-Envelope")))
r.attach(h)
open(sys.argv[3], "wb").write(r.as_bytes())
