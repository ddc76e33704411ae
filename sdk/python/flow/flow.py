"""One short real flow through the generated Python SDK, as a vendor's program would run it:
bootstrap credential -> JWT -> tenant -> role -> client-credentials token (secret shown once) -> exchange ->
list (no secret) -> delete -> the exchange is refused.

Reads LATCHKEY_RBAC_URL, LATCHKEY_TOKEN_URL, LATCHKEY_AUTH_URL (default the run command's 127.0.0.1:8081-8083) and
LATCHKEY_BOOTSTRAP_CLIENT_ID / LATCHKEY_BOOTSTRAP_CLIENT_SECRET (the vendor credential the run command prints).
Prints one line per step and exits 1 at the first surprise. Needs the three generated packages on the path
(latchkey_rbac, latchkey_token, latchkey_auth) and what they require: pydantic 2, urllib3 2, python-dateutil.
"""
import base64
import json
import os
import sys
import time

import latchkey_auth as auth
import latchkey_rbac as rbac
import latchkey_token as token

RBAC_URL = os.environ.get("LATCHKEY_RBAC_URL", "http://127.0.0.1:8081")
TOKEN_URL = os.environ.get("LATCHKEY_TOKEN_URL", "http://127.0.0.1:8082")
AUTH_URL = os.environ.get("LATCHKEY_AUTH_URL", "http://127.0.0.1:8083")


class Surprise(Exception):
    """A step did not answer what it should."""


def check(condition, message):
    if not condition:
        raise Surprise(message)


def claims(jwt):
    """The JWT's claims, read without verifying: the flow only checks what it was given (gateways verify)."""
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def exchange(client_id, client_secret):
    """A client-credentials grant through the SDK, the client authenticating with HTTP Basic."""
    config = auth.Configuration(host=AUTH_URL, username=client_id, password=client_secret)
    with auth.ApiClient(config) as client:
        return auth.Oauth2Api(client).request_token(grant_type="client_credentials")


def refusal(client_id, client_secret):
    """The status and OAuth error code of a refused grant, or None when the grant succeeded."""
    try:
        exchange(client_id, client_secret)
        return None
    except auth.ApiException as e:
        return f"{e.status} {auth.OAuthError.from_json(e.body).error}"


def main():
    vendor = exchange(os.environ["LATCHKEY_BOOTSTRAP_CLIENT_ID"], os.environ["LATCHKEY_BOOTSTRAP_CLIENT_SECRET"])
    print(f"vendor JWT: {len(vendor.access_token)} characters, expires in {vendor.expires_in} s")

    with rbac.ApiClient(rbac.Configuration(host=RBAC_URL, access_token=vendor.access_token)) as client:
        tenant = rbac.TenantsApi(client).create_tenant(
            rbac.CreateTenantRequest(name=f"SDK flow (Python) {time.time_ns()}"))
        print(f"tenant created: {tenant.id}")
        role = rbac.RolesApi(client).create_tenant_role(tenant.id, rbac.CreateRoleRequest(
            key="Reporting", name="Reporting", level=20, permissions=["audit.read", "tokens.tenant.read"]))
        print(f"role created: {role.key} {role.id}")

    with token.ApiClient(token.Configuration(host=TOKEN_URL, access_token=vendor.access_token)) as client:
        tokens = token.TokensApi(client)
        created = tokens.create_tenant_token(tenant.id, token.CreateTokenRequest(
            type=token.TokenType.CLIENT_CREDENTIALS, description="reporting job", role_ids=[role.id]))
        client_id, secret = created.token.client_id, created.client_secret
        check(client_id and secret, "the created token lacks its client id or secret")
        print(f"token created: {created.token.id} client {client_id}")
        again = tokens.get_tenant_token(tenant.id, created.token.id)
        check(secret not in again.to_json(), "reading the token back showed its secret")
        print("secret shown once: not in the token read back")

        jwt = exchange(client_id, secret)
        got = claims(jwt.access_token)
        check(got.get("tenant_id") == str(tenant.id), f"the JWT's tenant_id is {got.get('tenant_id')}, not {tenant.id}")
        print(f"exchanged: JWT for tenant {got['tenant_id']}, permissions {json.dumps(got.get('permissions'))}")

        page = tokens.list_tenant_tokens(tenant.id)
        items = page.items or []
        check(any(t.id == created.token.id for t in items), "the new token is not listed")
        check(secret not in page.to_json(), "the listing shows the secret")
        print(f"listed without a secret: {len(items)} token(s), hint {items[0].secret_hint}")

        tokens.delete_tenant_token(tenant.id, created.token.id)
        print(f"deleted: {created.token.id}")

    # Latchkey refuses a deleted token everywhere within a second; the very next exchange can still race the feed.
    deleted_at = time.monotonic()
    refused = refusal(client_id, secret)
    while refused is None and time.monotonic() - deleted_at < 2:
        time.sleep(0.05)
        refused = refusal(client_id, secret)
    check(refused == "401 invalid_client", f"the exchange after the delete answered {refused or '200'}")
    print(f"exchange after delete refused: {refused} after {round((time.monotonic() - deleted_at) * 1000)} ms")
    print("flow complete")


if __name__ == "__main__":
    try:
        main()
    except (auth.ApiException, rbac.ApiException, token.ApiException) as e:
        print(f"flow failed: {e.status} {e.reason}: {e.body}", file=sys.stderr)
        sys.exit(1)
    except Surprise as e:
        print(f"flow failed: {e}", file=sys.stderr)
        sys.exit(1)
