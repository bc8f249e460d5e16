"""What the golden scripts share: how a value is written to JSON, exact
rationals from doubles, and where the fixtures go. The scripts import it
from their own folder (python3 golden/<script>.py puts it on sys.path)."""

import json
import math
import pathlib
from fractions import Fraction

import mpmath
import numpy as np

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "golden"


def enc(v):
    """A number (or nested list of them) as JSON: NaN and the infinities as the strings the tests decode."""
    if isinstance(v, (list, tuple, np.ndarray)):
        return [enc(x) for x in v]
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


def dec(v):
    """The double as the decimal it prints as (the value the user wrote), exactly."""
    return Fraction(repr(float(v)))


def mp(q):
    """An exact rational as an mpmath number at the working precision."""
    return mpmath.mpf(q.numerator) / q.denominator


def write_fixture(name, out):
    """Writes tests/fixtures/golden/<name> compactly, as the tests read it; returns its path."""
    path = FIXTURES / name
    path.write_text(json.dumps(out, separators=(",", ":")) + "\n")
    return path
