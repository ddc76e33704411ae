// The API Tokens page end to end, in Debian's Chromium driven by playwright-core, against the real services that
// system-tests' PortalIT started. It checks each step itself, prints "ok <step>" per step, writes screenshots of every
// state, and exits non-zero on the first surprise. Environment (PortalIT sets it):
//   PORTAL_URL      token-service's /portal/ page        AUTH_URL   auth-service, for the exchanges
//   TENANT          the tenant id                         CHROMIUM   the browser (default /usr/bin/chromium)
//   ADMIN_SESSION, OPERATOR_SESSION, MEMBER_SESSION       JWTs of an Admin, a level-5 Operator and a Member
//   SCREENSHOTS     where the screenshots go            RBAC_URL   rbac-service
//   VENDOR_PORT     where to serve a vendor's page that embeds the element (an origin the services allow)
import { join } from "node:path";
import { createServer } from "node:http";
import { axe as axeOf, check, env, launch, pageText as textOf, step, watchedPage } from "./harness.mjs";

const PORTAL = env("PORTAL_URL");
const AUTH = env("AUTH_URL");
const TENANT = env("TENANT");
const SHOTS = env("SCREENSHOTS");

const { context, close } = await launch("latchkey-portal-chromium-", SHOTS);
await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(PORTAL).origin });
const secrets = [];

try {
  const page = await watchedPage(context, SHOTS);
  const axe = (where) => axeOf(page, where);
  const open = async (session) => {
    await page.goto("about:blank");                            // else a new fragment alone would not load the page
    await page.goto(`${PORTAL}#tenant=${TENANT}&session=${session}`);
    await page.getByRole("heading", { name: "API Tokens" }).waitFor();
  };

  await step("the session leaves the address bar at once", async () => {
    await open(env("ADMIN_SESSION"));
    check(!page.url().includes("session="), `the URL still holds the session: ${page.url()}`);
  });

  await step("an Admin sees the tenant tokens with a Generate button", async () => {
    await page.getByRole("tab", { name: "Tenant tokens" }).waitFor();
    await page.getByText("No tenant tokens yet.").waitFor();
    await page.getByRole("button", { name: "Generate token" }).waitFor();
  });

  await step("an Admin generates a client-credentials token and sees its secret once", async () => {
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    await form.getByLabel("Description").fill("CI deploys");
    await form.getByRole("radio", { name: /Client credentials/ }).check();
    for (const offered of ["Admin", "Operator", "Member", "Viewer"]) {
      await form.getByRole("checkbox", { name: role(offered) }).waitFor();
    }
    await form.getByRole("checkbox", { name: role("Operator") }).check();
    await shot("form");
    await axe("the Generate form");
    await form.getByRole("button", { name: "Generate" }).click();
    const revealed = page.getByRole("dialog", { name: /Token created: CI deploys/ });
    await revealed.getByText("You will not see it again").waitFor();
    const clientId = await revealed.getByLabel("Client ID").inputValue();
    const secret = await revealed.getByLabel("Client secret").inputValue();
    check(clientId.startsWith("lk_ci_") && secret.startsWith("lk_cs_"), `not a client id and secret: ${clientId}`);
    secrets.push(secret);
    await revealed.getByRole("button", { name: "Copy client secret" }).click();
    await revealed.getByRole("button", { name: "Copied" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === secret, "the clipboard does not hold the secret");
    await shot("secret-shown-once");
    await axe("the secret dialog");
    const exchanged = await clientCredentials(clientId, copied);
    check(exchanged.status === 200, `the copied secret was not exchanged: ${exchanged.status}`);
    await revealed.getByRole("button", { name: "Done" }).click();
    await page.getByRole("cell", { name: /^CI deploys/ }).waitFor();
    await assertNoSecretInPage("after the dialog closed");
    globalThis.ci = { clientId, secret };
  });

  await step("an Admin generates an access token, copies the key, and the key is exchanged", async () => {
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    await form.getByLabel("Description").fill("Partner sync");
    await form.getByRole("radio", { name: /Access token/ }).check();
    await form.getByRole("checkbox", { name: role("Viewer") }).check();
    await form.getByLabel("Expires after").selectOption({ label: "7 days" });
    await form.getByRole("button", { name: "Generate" }).click();
    const revealed = page.getByRole("dialog", { name: /Token created: Partner sync/ });
    const key = await revealed.getByLabel("Access key").inputValue();
    check(key.startsWith("lk_at_"), `not an access key: ${key.slice(0, 6)}`);
    secrets.push(key);
    await revealed.getByRole("button", { name: "Copy access key" }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    check(copied === key, "the clipboard does not hold the key");
    const exchanged = await exchangeKey(copied);
    check(exchanged.status === 200, `the copied key was not exchanged: ${exchanged.status}`);
    await page.keyboard.press("Escape");
    await revealed.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: /^Partner sync/ }).waitFor();
    await assertNoSecretInPage("after Escape closed the dialog");
    await shot("list");
    await axe("the list");
  });

  await step("a missing description and an API refusal are shown next to their fields", async () => {
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    await form.getByRole("checkbox", { name: role("Viewer") }).check();
    await form.getByRole("button", { name: "Generate" }).click();
    await form.getByText("Say what will use this token").waitFor();
    check(await form.getByLabel("Description").getAttribute("aria-invalid") === "true", "description not marked invalid");
    // The settings change while the form is open: the API's refusal (problem+json) lands next to the expiration.
    const tightened = await api("PUT", `/tenants/${TENANT}/settings`, env("ADMIN_SESSION"), { maxExpiryMinutes: 43200 });
    check(tightened.status === 200, `settings not tightened: ${tightened.status}`);
    await form.getByLabel("Description").fill("Too long-lived");
    await form.getByLabel("Expires after").selectOption({ label: "1 year" });
    await form.getByRole("button", { name: "Generate" }).click();
    await form.locator("#error-expiresInMinutes").getByText(/at most 43200 minutes/).waitFor();
    await shot("form-error");
    await form.getByRole("button", { name: "Cancel" }).click();
  });

  await step("a reload leaves no secret in the page or in any storage, and the choices follow the settings", async () => {
    await page.reload();
    await page.getByText("This page needs a session").waitFor();
    await assertNoSecretInPage("after a reload");
    await assertNoSecretInStorage();
    await open(env("ADMIN_SESSION"));
    await page.getByRole("cell", { name: /^CI deploys/ }).waitFor();
    await assertNoSecretInPage("after signing in again");
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    const labels = await form.getByLabel("Expires after").locator("option").allTextContents();
    check(!labels.some((l) => /Never|1 year|90 days/.test(l)), `choices beyond the 30-day maximum: ${labels}`);
    check(labels.some((l) => /30 days/.test(l)), `no 30-day choice: ${labels}`);
    await page.keyboard.press("Escape");
  });

  await step("keyboard only: generate a token without the mouse", async () => {
    await page.locator("body").click({ position: { x: 5, y: 5 } });
    await tabTo(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim() === "Generate token");
    await page.keyboard.press("Enter");
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    await form.waitFor();
    await page.keyboard.type("Keyboard token");                  // focus starts in the description
    await tabTo(() => /Viewer/.test(document.activeElement?.shadowRoot?.activeElement?.closest("label")?.textContent ?? ""));
    await page.keyboard.press("Space");
    await tabTo(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim() === "Generate");
    await page.keyboard.press("Enter");
    const revealed = page.getByRole("dialog", { name: /Token created: Keyboard token/ });
    secrets.push(await revealed.getByLabel(/Client secret|Access key/).inputValue());
    await tabTo(() => document.activeElement?.shadowRoot?.activeElement?.textContent?.trim() === "Done");
    await page.keyboard.press("Enter");
    await page.getByRole("cell", { name: /^Keyboard token/ }).waitFor();
  });

  await step("delete asks first, says there is no undo, and then the secret is refused", async () => {
    const { clientId, secret } = globalThis.ci;
    await page.getByRole("button", { name: "Actions for CI deploys" }).click();
    await page.getByRole("menuitem", { name: "Delete token…" }).click();
    const confirm = page.getByRole("alertdialog", { name: /Delete “CI deploys”/ });
    await confirm.getByText("There is no undo.").waitFor();
    await shot("delete-confirmation");
    await axe("the delete confirmation");
    await confirm.getByRole("button", { name: "Delete token" }).click();
    await confirm.waitFor({ state: "detached" });
    await page.getByRole("cell", { name: /^CI deploys/ }).waitFor({ state: "detached" });
    const deadline = Date.now() + 2000;
    let status;
    do {
      status = (await clientCredentials(clientId, secret)).status;
    } while (status === 200 && Date.now() < deadline);
    check(status === 401, `the deleted token's secret still answers ${status}`);
  });

  await step("at a phone's width the list becomes cards and nothing scrolls sideways", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByText("Partner sync").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the page is ${overflow}px wider than the phone`);
    await shot("phone");
    await page.getByRole("button", { name: "Generate token" }).click();
    await shot("phone-form");
    await page.keyboard.press("Escape");
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  await step("a level-5 Operator is offered only roles at or below its level", async () => {
    await open(env("OPERATOR_SESSION"));
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    await form.getByRole("checkbox", { name: role("Operator") }).waitFor();
    const offered = await form.getByRole("checkbox").evaluateAll((boxes) =>
      boxes.map((box) => box.closest("label").querySelector(".role-name").textContent));
    check(JSON.stringify(offered.sort()) === JSON.stringify(["Member", "Operator", "Viewer"]),
      `an Operator is offered ${offered}`);
    await page.keyboard.press("Escape");
  });

  await step("a Member cannot create tenant tokens and creates a personal token from its own settings", async () => {
    await open(env("MEMBER_SESSION"));
    await page.getByRole("cell", { name: /^Partner sync/ }).waitFor();
    check(await page.getByRole("button", { name: "Generate token" }).count() === 0,
      "a Member sees Generate for tenant tokens");
    check(await page.getByRole("button", { name: /Actions for/ }).count() === 0, "a Member may delete tenant tokens");
    await shot("member-tenant-tokens");
    await page.getByRole("tab", { name: "Personal tokens" }).click();
    await page.getByText("No personal tokens yet.").waitFor();
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a personal token" });
    const offered = await form.getByRole("checkbox").evaluateAll((boxes) =>
      boxes.map((box) => box.closest("label").querySelector(".role-name").textContent));
    check(JSON.stringify(offered) === JSON.stringify(["Member"]), `a Member's personal token offers ${offered}`);
    await form.getByLabel("Description").fill("My laptop");
    await form.getByRole("radio", { name: /Access token/ }).check();
    await form.getByRole("button", { name: "Generate" }).click();
    const revealed = page.getByRole("dialog", { name: /Token created: My laptop/ });
    const key = await revealed.getByLabel("Access key").inputValue();
    secrets.push(key);
    const exchanged = await exchangeKey(key);
    check(exchanged.status === 200, `the personal key was not exchanged: ${exchanged.status}`);
    const claims = JSON.parse(Buffer.from((await exchanged.json()).access_token.split(".")[1], "base64url"));
    check(claims.token_type === "personal" && claims.user_id, `not a personal JWT: ${JSON.stringify(claims)}`);
    await revealed.getByRole("button", { name: "Done" }).click();
    await page.getByRole("cell", { name: /^My laptop/ }).waitFor();
    await axe("a Member's personal tokens");
  });

  await step("no secret was left in the page or in storage at the end", async () => {
    await assertNoSecretInPage("at the end");
    await assertNoSecretInStorage();
  });

  await step("embedded in a vendor's app on another origin, themed, personal tokens only", async () => {
    const vendor = createServer((request, response) => {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(`<!doctype html><html lang="en"><head><title>Acme admin</title>
        <script type="module" src="${new URL("latchkey-api-tokens.js", PORTAL)}"></script></head>
        <body><main style="--lk-primary: #6b21a8; --lk-focus: #6b21a8"><h1>Acme · Your profile</h1>
        <latchkey-api-tokens tenant="${TENANT}" rbac-url="${env("RBAC_URL")}" auth-url="${AUTH}"
            kinds="personal"></latchkey-api-tokens></main>
        <script type="module">
          document.querySelector("latchkey-api-tokens").session = () => window.acmeSession();
        </script></body></html>`);
    });
    await new Promise((resolve) => vendor.listen(Number(env("VENDOR_PORT")), "127.0.0.1", resolve));
    try {
      const member = env("MEMBER_SESSION");
      await page.goto("about:blank");
      await page.exposeFunction("acmeSession", () => member);   // the vendor's app hands over a fresh JWT on demand
      await page.goto(`http://127.0.0.1:${env("VENDOR_PORT")}/`);
      await page.getByRole("heading", { name: "Personal tokens" }).waitFor();
      check(await page.getByRole("tab").count() === 0, "kinds=personal still shows tabs");
      await page.getByRole("cell", { name: /^My laptop/ }).waitFor();
      const generate = page.getByRole("button", { name: "Generate token" });
      const color = await generate.evaluate((button) => getComputedStyle(button).backgroundColor);
      check(color === "rgb(107, 33, 168)", `the vendor's --lk-primary is not applied: ${color}`);
      await generate.click();
      const form = page.getByRole("dialog", { name: "Generate a personal token" });
      await form.getByLabel("Description").fill("From Acme's profile page");
      await form.getByRole("button", { name: "Generate" }).click();
      const revealed = page.getByRole("dialog", { name: /Token created: From Acme/ });
      secrets.push(await revealed.getByLabel(/Client secret|Access key/).inputValue());
      await shot("embedded");
      await revealed.getByRole("button", { name: "Done" }).click();
      await page.getByRole("cell", { name: /^From Acme/ }).waitFor();
      await assertNoSecretInPage("in the vendor's page");
    } finally {
      vendor.close();
    }
  });

  await step("more than a page of tokens: Show more brings the rest, each once", async () => {
    for (let i = 1; i <= 60; i++) {
      const made = await api("POST", `/tenants/${TENANT}/tokens`, env("ADMIN_SESSION"),
        { type: "ACCESS_TOKEN", description: `Bulk ${i}`, roleIds: [env("VIEWER_ROLE")], expiresInMinutes: 1440 });
      check(made.status === 201, `bulk token ${i}: ${made.status}`);
    }
    await open(env("ADMIN_SESSION"));
    const rows = page.locator("tbody tr");
    await page.getByText(/^50 of \d+$/).waitFor();
    const total = Number((await page.getByText(/^50 of \d+$/).textContent()).split(" of ")[1]);
    check(total >= 62 && (await rows.count()) === 50, `a first page of ${await rows.count()} of ${total}`);
    await page.getByRole("button", { name: "Show more" }).click();
    await page.getByRole("button", { name: "Show more" }).waitFor({ state: "detached" });
    const ids = await rows.evaluateAll((trs) => trs.map((tr) => tr.dataset.tokenId));
    check(ids.length === total && new Set(ids).size === total, `${ids.length} rows (${new Set(ids).size} distinct) of ${total}`);
  });

  await step("the form follows the settings: one enabled type is stated, not offered; API tokens off hide Generate", async () => {
    const admin = env("ADMIN_SESSION");
    const oneType = await api("PUT", `/tenants/${TENANT}/settings`, admin, { tokenTypes: ["ACCESS_TOKEN"], maxExpiryMinutes: 43200 });
    check(oneType.status === 200, `settings not changed: ${oneType.status}`);
    await open(admin);
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a tenant token" });
    await form.getByText("Type: Access token").waitFor();
    check(await form.getByRole("radio").count() === 0, "a single enabled type is still offered as a choice");
    await page.keyboard.press("Escape");
    const off = await api("PUT", `/tenants/${TENANT}/settings`, admin, { m2mEnabled: false });
    check(off.status === 200, `settings not changed: ${off.status}`);
    await open(admin);
    await page.getByText("API tokens are turned off for this account.").waitFor();
    check(await page.getByRole("button", { name: "Generate token" }).count() === 0, "Generate shown while API tokens are off");
  });

  // ---- helpers ----

  async function shot(name) {
    await page.screenshot({ path: join(SHOTS, `portal-${name}.png`), animations: "disabled" });
  }


  /** Every text, attribute and input value in the page and its shadow roots. */
  async function assertNoSecretInPage(when) {
    const text = await textOf(page);
    for (const secret of secrets) {
      check(!text.includes(secret), `a secret (${secret.slice(0, 6)}…) is still in the page ${when}`);
    }
  }

  async function assertNoSecretInStorage() {
    const stored = await page.evaluate(async () => {
      const dump = [JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie];
      dump.push(JSON.stringify(await indexedDB.databases()));
      if ("caches" in window) {
        dump.push(JSON.stringify(await caches.keys()));
      }
      return dump.join("\n");
    });
    const cookies = JSON.stringify(await context.cookies());
    check(stored.trim().replace(/[\[\]{}\n"]/g, "") === "" && cookies === "[]", `something was stored: ${stored} ${cookies}`);
    for (const secret of secrets) {
      check(!stored.includes(secret), `a secret is in the browser's storage`);
    }
  }

  async function tabTo(predicate) {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press("Tab");
      if (await page.evaluate(predicate)) return;
    }
    throw new Error(`Tab never reached ${predicate}`);
  }
} finally {
  await close();
}
console.log("portal flow complete");

/** A role's checkbox: its accessible name starts with the role's name (then its description and level). */
function role(name) {
  return new RegExp(`^${name}\\b`);
}

function clientCredentials(clientId, secret) {
  return fetch(`${AUTH}/oauth/token`, {
    method: "POST",
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}` },
    body: new URLSearchParams({ grant_type: "client_credentials" }),
  });
}

function exchangeKey(key) {
  return fetch(`${AUTH}/oauth/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: key,
      subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
    }),
  });
}

function api(method, path, session, body) {
  return fetch(`${new URL(PORTAL).origin}${path}`, {
    method,
    headers: { Authorization: `Bearer ${session}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}
