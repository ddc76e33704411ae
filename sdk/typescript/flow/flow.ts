/**
 * One short real flow through the generated TypeScript SDK, as a vendor's program would run it:
 * bootstrap credential -> JWT -> tenant -> role -> client-credentials token (secret shown once) -> exchange ->
 * list (no secret) -> delete -> the exchange is refused.
 *
 * Reads LATCHKEY_RBAC_URL, LATCHKEY_TOKEN_URL, LATCHKEY_AUTH_URL (default the run command's 127.0.0.1:8081-8083) and
 * LATCHKEY_BOOTSTRAP_CLIENT_ID / LATCHKEY_BOOTSTRAP_CLIENT_SECRET (the vendor credential the run command prints).
 * Prints one line per step and exits 1 at the first surprise.
 */
import * as auth from "../target/sdk/auth/src";
import * as rbac from "../target/sdk/rbac/src";
import * as token from "../target/sdk/token/src";

const env = (name: string, fallback?: string): string => {
  const value = process.env[name] ?? fallback;
  if (!value) {
    throw new Error(`${name} is not set`);
  }
  return value;
};

const rbacUrl = env("LATCHKEY_RBAC_URL", "http://127.0.0.1:8081");
const tokenUrl = env("LATCHKEY_TOKEN_URL", "http://127.0.0.1:8082");
const authUrl = env("LATCHKEY_AUTH_URL", "http://127.0.0.1:8083");

function check(condition: boolean, message: string): asserts condition {
  if (!condition) {
    throw new Error(message);
  }
}

/** The JWT's claims, read without verifying: the flow only checks what it was given (gateways verify). */
function claims(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));
}

/** A client-credentials grant through the SDK, the client authenticating with HTTP Basic. */
async function exchange(clientId: string, clientSecret: string): Promise<auth.TokenResponse> {
  const oauth = new auth.Oauth2Api(new auth.Configuration({ basePath: authUrl, username: clientId, password: clientSecret }));
  return oauth.requestToken({ grantType: auth.RequestTokenGrantTypeEnum.ClientCredentials });
}

/** The OAuth error code of a refused grant, or null when the grant succeeded. */
async function refusal(clientId: string, clientSecret: string): Promise<string | null> {
  try {
    await exchange(clientId, clientSecret);
    return null;
  } catch (e) {
    if (e instanceof auth.ResponseError) {
      const body = auth.OAuthErrorFromJSON(await e.response.json());
      return `${e.response.status} ${body.error}`;
    }
    throw e;
  }
}

async function main(): Promise<void> {
  const vendor = await exchange(env("LATCHKEY_BOOTSTRAP_CLIENT_ID"), env("LATCHKEY_BOOTSTRAP_CLIENT_SECRET"));
  console.log(`vendor JWT: ${vendor.accessToken.length} characters, expires in ${vendor.expiresIn} s`);
  const bearer = { accessToken: vendor.accessToken };

  const tenants = new rbac.TenantsApi(new rbac.Configuration({ basePath: rbacUrl, ...bearer }));
  const tenant = await tenants.createTenant({ createTenantRequest: { name: `SDK flow (TypeScript) ${Date.now()}` } });
  check(tenant.id !== undefined, "the created tenant has no id");
  console.log(`tenant created: ${tenant.id}`);

  const roles = new rbac.RolesApi(new rbac.Configuration({ basePath: rbacUrl, ...bearer }));
  const role = await roles.createTenantRole({
    tenantId: tenant.id,
    createRoleRequest: { key: "Reporting", name: "Reporting", level: 20, permissions: ["audit.read", "tokens.tenant.read"] },
  });
  check(role.id !== undefined, "the created role has no id");
  console.log(`role created: ${role.key} ${role.id}`);

  const tokens = new token.TokensApi(new token.Configuration({ basePath: tokenUrl, ...bearer }));
  const created = await tokens.createTenantToken({
    tenantId: tenant.id,
    createTokenRequest: { type: token.TokenType.ClientCredentials, description: "reporting job", roleIds: [role.id] },
  });
  const clientId = created.token?.clientId;
  const secret = created.clientSecret;
  check(created.token?.id !== undefined && clientId !== undefined && secret !== undefined,
    "the created token lacks its id, client id or secret");
  console.log(`token created: ${created.token.id} client ${clientId}`);
  const again = await tokens.getTenantToken({ tenantId: tenant.id, tokenId: created.token.id });
  check(!JSON.stringify(again).includes(secret), "reading the token back showed its secret");
  console.log("secret shown once: not in the token read back");

  const jwt = await exchange(clientId, secret);
  const got = claims(jwt.accessToken);
  check(got["tenant_id"] === tenant.id, `the JWT's tenant_id is ${got["tenant_id"]}, not ${tenant.id}`);
  console.log(`exchanged: JWT for tenant ${got["tenant_id"]}, permissions ${JSON.stringify(got["permissions"])}`);

  const page = await tokens.listTenantTokens({ tenantId: tenant.id });
  const items = page.items ?? [];
  check(items.some((t) => t.id === created.token?.id), "the new token is not listed");
  check(!JSON.stringify(page).includes(secret), "the listing shows the secret");
  console.log(`listed without a secret: ${items.length} token(s), hint ${items[0].secretHint}`);

  await tokens.deleteTenantToken({ tenantId: tenant.id, tokenId: created.token.id });
  console.log(`deleted: ${created.token.id}`);

  // Latchkey refuses a deleted token everywhere within a second; the very next exchange can still race the feed.
  const deletedAt = Date.now();
  let refused = await refusal(clientId, secret);
  while (refused === null && Date.now() - deletedAt < 2000) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    refused = await refusal(clientId, secret);
  }
  check(refused === "401 invalid_client", `the exchange after the delete answered ${refused ?? "200"}`);
  console.log(`exchange after delete refused: ${refused} after ${Date.now() - deletedAt} ms`);
  console.log("flow complete");
}

main().catch(async (e: unknown) => {
  const detail = e instanceof auth.ResponseError || e instanceof rbac.ResponseError || e instanceof token.ResponseError
    ? `${e.response.status} ${e.response.url}: ${await e.response.text()}`
    : String(e);
  console.error(`flow failed: ${detail}`);
  process.exit(1);
});
