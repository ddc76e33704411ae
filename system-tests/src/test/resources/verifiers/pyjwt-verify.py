"""Verifies JWTs as a Python resource server does with PyJWT 2.6 (Debian python3-jwt): the key named by the JWT's kid
from the live JWKS (PyJWKClient), then jwt.decode with the issuer, the audience and the algorithms pinned; PyJWT 2.6
has no type check, so the header's typ (at+jwt, RFC 9068) is compared here. Run by IndependentVerifiers.java.
Input (stdin): {"jwks": url, "issuer", "audience", "typ", "tokens": {name: jwt}}
Output (stdout): {name: {"ok": true, "typ", "claims"} | {"ok": false, "error"}}
"""
import json
import sys

import jwt

request = json.load(sys.stdin)
keys = jwt.PyJWKClient(request["jwks"])
verdicts = {}
for name, token in request["tokens"].items():
    try:
        key = keys.get_signing_key_from_jwt(token).key
        claims = jwt.decode(token, key, algorithms=["ES256", "RS256", "EdDSA"], audience=request["audience"],
                            issuer=request["issuer"], options={"require": ["iss", "aud", "sub", "exp", "iat", "jti"]})
        typ = jwt.get_unverified_header(token).get("typ")
        if typ != request["typ"]:
            raise jwt.InvalidTokenError(f"typ is {typ!r}, expected {request['typ']!r}")
        verdicts[name] = {"ok": True, "typ": typ, "claims": claims}
    except Exception as e:  # every refusal is an answer here, not a crash
        verdicts[name] = {"ok": False, "error": f"{type(e).__name__}: {e}"}
print(json.dumps(verdicts))
