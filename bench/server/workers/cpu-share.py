"""Prints `pid cpu_ticks` for each server worker in this container (serve's or gunicorn's)."""

import os

for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        cmd = open(f"/proc/{pid}/cmdline", "rb").read().replace(b"\0", b" ").decode()
        stat = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        continue
    parent = int(stat[1])
    worker = "server.worker" in cmd or ("gunicorn" in cmd and parent != 1 and "tini" not in cmd)
    if worker and int(pid) != os.getpid():
        print(pid, int(stat[11]) + int(stat[12]))
