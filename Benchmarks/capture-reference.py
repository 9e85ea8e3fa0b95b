#!/usr/bin/env python3
"""The calendar capture's reference run: python-recurring-ical-events (with icalendar) reads the
same reference calendar capture-bench reads, expands it over the same window with the same
rules (cancelled, free and owner-declined events left out, days in Europe/Berlin), and the two
lists of day and key are compared.

    cd Benchmarks && swift build -c release --product capture-bench
    .build/release/capture-bench --write /tmp/reference.ics --keys /tmp/kith-keys.txt
    python3 capture-reference.py /tmp/reference.ics /tmp/kith-keys.txt

Needs `pip install recurring-ical-events` (it brings icalendar). Prints its time (best of
three) and every line on which the two differ.
"""
import datetime
import importlib.metadata
import sys
import time
import zoneinfo

import icalendar
import recurring_ical_events

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
OWNER = "mailto:alex.morgan@example.com"
TODAY = datetime.date(2026, 3, 10)
HORIZON = TODAY + datetime.timedelta(days=14)


def keys(data):
    calendar = icalendar.Calendar.from_ical(data)
    lines = []
    window = recurring_ical_events.of(calendar).between(datetime.date(2000, 1, 1), HORIZON + datetime.timedelta(days=2))
    for event in window:
        if str(event.get("STATUS", "")).upper() == "CANCELLED" or str(event.get("TRANSP", "")).upper() == "TRANSPARENT":
            continue
        attendees = event.get("ATTENDEE", [])
        attendees = attendees if isinstance(attendees, list) else [attendees]
        if any(str(a).lower() == OWNER and str(a.params.get("PARTSTAT", "")).upper() == "DECLINED" for a in attendees):
            continue
        start = event["DTSTART"].dt
        original = event["RECURRENCE-ID"].dt if "RECURRENCE-ID" in event else start
        day = start.astimezone(BERLIN).date() if isinstance(start, datetime.datetime) else start
        if day > HORIZON:
            continue
        if isinstance(original, datetime.datetime):
            stamp = original.astimezone(datetime.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        else:
            stamp = original.strftime("%Y%m%d")
        lines.append("%s %s/%s" % (day.isoformat(), event["UID"], stamp))
    return sorted(lines)


data = open(sys.argv[1], "rb").read()
runs = []
for _ in range(3):
    wall, cpu = time.perf_counter(), time.process_time()
    reference = keys(data)
    runs.append((time.perf_counter() - wall, time.process_time() - cpu))
wall, cpu = min(runs)
print("recurring-ical-events %s: %d occurrences in %.2f s (CPU %.2f s, best of 3)"
      % (importlib.metadata.version("recurring-ical-events"), len(reference), wall, cpu))
kith = sorted(open(sys.argv[2]).read().split("\n")[:-1])
only_kith = sorted(set(kith) - set(reference))
only_reference = sorted(set(reference) - set(kith))
print("kith: %d occurrences; %d only in kith, %d only in recurring-ical-events" % (len(kith), len(only_kith), len(only_reference)))
for line in only_kith:
    print("  kith only:      " + line)
for line in only_reference:
    print("  reference only: " + line)
