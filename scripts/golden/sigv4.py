"""Requests signed by botocore's SigV4 signer (the AWS SDK for Python), as
reference values for the local front door's signature check
(scripts/src/sigv4.ts, tested in scripts/tests/sigv4.test.ts). botocore is
an implementation independent of ours and of aws4fetch.

Run: python3 scripts/golden/sigv4.py  (needs `pip install botocore`)
Writes scripts/tests/fixtures/golden/sigv4-botocore.json.
"""

import datetime
import json
import pathlib
from unittest import mock

import botocore
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

SIGNED_AT = datetime.datetime(2026, 12, 6, 12, 0, 0)

CASES = [
    {
        "name": "POST with a JSON body (the local stack's credentials)",
        "method": "POST",
        "url": "http://127.0.0.1:3000/linregress",
        "headers": {"content-type": "application/json"},
        "body": '{"x": [1, 2, 3, 4, 5], "y": [2, 4, 5, 4, 5]}',
        "region": "us-east-1",
        "credentials": ["test", "test", None],
    },
    {
        "name": "GET with path parameters and an unsorted, repeated, encoded query, with a session token",
        "method": "GET",
        "url": "http://127.0.0.1:3000/jobs/a%20b/c%2Bd?b=2&a=1&a=0&sp=x%20y&e=",
        "headers": {},
        "body": "",
        "region": "us-east-1",
        "credentials": ["test", "test", "session-token-from-sts"],
    },
    {
        "name": "a named stage's prefix is part of the signed path; another region",
        "method": "POST",
        "url": "http://localhost:4000/dev/ttest_ind",
        "headers": {"content-type": "application/json; charset=utf-8", "x-custom": "  a   b  "},
        "body": '{"a": [1, 2, 3], "b": [4, 5, 6]}',
        "region": "eu-central-1",
        "credentials": ["test", "test", None],
    },
]


def sign(case):
    request = AWSRequest(
        method=case["method"], url=case["url"], headers=dict(case["headers"]), data=case["body"]
    )
    key, secret, token = case["credentials"]
    signer = botocore.auth.SigV4Auth(Credentials(key, secret, token), "execute-api", case["region"])
    with mock.patch.object(botocore.auth.datetime, "datetime", wraps=datetime.datetime) as dt:
        dt.utcnow.return_value = SIGNED_AT
        dt.now.return_value = SIGNED_AT.replace(tzinfo=datetime.timezone.utc)
        signer.add_auth(request)
    return {**case, "signed_headers": {k.lower(): v for k, v in request.headers.items()}}


def main():
    out = {
        "source": f"botocore {botocore.__version__} SigV4Auth, service execute-api",
        "signed_at": SIGNED_AT.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cases": [sign(c) for c in CASES],
    }
    path = pathlib.Path(__file__).parent.parent / "tests" / "fixtures" / "golden" / "sigv4-botocore.json"
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
