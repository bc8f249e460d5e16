"""One fix to moto 5.2's Step Functions executor, loaded into moto_server only.

startMoto (tooling/lambda-kit/src/moto-server.ts) puts this folder on PYTHONPATH, so Python
imports this file at start-up. The fix: StartExecution deep-copies the
state machine, and with it every earlier execution; an execution that ran a
Distributed Map keeps its worker, which holds thread locks, and the copy
fails ("cannot pickle '_thread.RLock' object"), so every job after the first
would get a 500. An execution is never changed through that copy, so it is
shared instead of copied. Nothing else is touched, and if moto changes the
class away, this does nothing.
"""

try:
    from moto.stepfunctions.parser.backend.execution import Execution

    def _share(self, memo):
        return self

    if not hasattr(Execution, "__deepcopy__"):
        Execution.__deepcopy__ = _share
except Exception:  # moto without the executor: nothing to fix
    pass
