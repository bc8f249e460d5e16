# Loaded by Python at start-up when this folder is on PYTHONPATH. With
# LAMBDA_STATS_MOTO_PROBE=1 set, it prints the installed moto version and
# exits before moto_server starts, so the helpers learn which moto a
# `moto_server` on PATH belongs to, whatever interpreter or shim runs it.
import os

if os.environ.get("LAMBDA_STATS_MOTO_PROBE") == "1":
    from importlib.metadata import PackageNotFoundError, version

    try:
        print(version("moto"))
    except PackageNotFoundError:
        print("none")
    import sys

    sys.stdout.flush()
    os._exit(0)
