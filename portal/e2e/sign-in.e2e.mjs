// Signing in on the API Tokens page with the vendor's identity provider, end to end, in Debian's Chromium driven by
// playwright-core: token-service's /portal/ page (config.json with signIn), a real Keycloak 26 login form, the
// authorization code flow with PKCE in the browser, the user's personal tokens, and sign-out at the IdP. It checks each
// step itself, prints "ok <step>" per step, writes screenshots, and exits non-zero on the first surprise.
// Environment:
//   PAGE_URL     token-service's /portal/ page, no fragment      CHROMIUM   the browser (default /usr/bin/chromium)
//   KC_USERNAME, KC_PASSWORD   a user of the IdP whose tenant has them as a member with tokens.personal.* rights
//   SCREENSHOTS  where the screenshots go
//   RENEW_WAIT_SECONDS  optional: wait up to this long for the page to renew the access token with its refresh token,
//                and then create a token with the renewed one (the realm's access tokens must live shorter than that)
//   KC_NO_TENANT_USERNAME, KC_NO_TENANT_PASSWORD  optional: a user of the IdP in no tenant, who must be told so
import { join } from "node:path";
import { axe as axeOf, check, env, launch, pageText as textOf, step, watchedPage } from "./harness.mjs";

const PAGE = env("PAGE_URL");
const SHOTS = env("SCREENSHOTS");
const RUN = `(run ${Date.now().toString(36).slice(-5)})`;

const { context, close } = await launch("latchkey-sign-in-chromium-", SHOTS);

try {
  const page = await watchedPage(context, SHOTS);
  const axe = (where) => axeOf(page, where);
  const pageText = () => textOf(page);

  // What the browser sends and gets, to check the protocol rather than trust the page's word for it.
  const navigations = [];
  const tokens = [];           // every access, refresh and ID token the IdP handed the page
  const grants = [];           // the grant_type of every token request the page made, with its status
  page.on("request", (request) => {
    if (request.isNavigationRequest()) navigations.push(request.url());
  });
  page.on("response", async (response) => {
    const body = response.request().postData() ?? "";
    const grant = new URLSearchParams(body).get("grant_type");
    if (response.request().method() !== "POST" || !grant) return;
    grants.push({ grant, status: response.status() });
    const answer = await response.json().catch(() => ({}));
    for (const name of ["access_token", "refresh_token", "id_token"]) {
      if (answer[name]) tokens.push(answer[name]);
    }
  });
  const pageUrl = new URL(PAGE);
  const onThePage = (url) => url.origin === pageUrl.origin && url.pathname === pageUrl.pathname;

  await step("signed out, the page offers Sign in and no token list", async () => {
    await page.goto(PAGE);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    check(await page.locator("latchkey-api-tokens").isHidden(), "the element shows while nobody is signed in");
    await shot("signed-out");
    await axe("the signed-out page");
  });

  await step("Sign in sends the browser to the IdP with the authorization code flow and PKCE (S256)", async () => {
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#username").waitFor();
    const authorize = navigations.map((url) => new URL(url)).find((url) => url.searchParams.has("code_challenge"));
    check(authorize, `no authorization request with a code_challenge among ${navigations.join(", ")}`);
    const params = authorize.searchParams;
    check(params.get("response_type") === "code", `response_type=${params.get("response_type")}`);
    check(params.get("code_challenge_method") === "S256", `code_challenge_method=${params.get("code_challenge_method")}`);
    check(params.get("redirect_uri") === PAGE, `redirect_uri=${params.get("redirect_uri")}, not the page's URL ${PAGE}`);
    check(params.has("state"), "no state in the authorization request");
    await shot("idp-login");
  });

  await step("the user signs in on the IdP's own login page and lands back on the page, signed in", async () => {
    await page.locator("#username").fill(env("KC_USERNAME"));
    await page.locator("#password").fill(env("KC_PASSWORD"));
    await page.locator("#kc-login").click();
    await page.waitForURL(onThePage);
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    await page.getByText("Signed in as").waitFor();
    const url = new URL(page.url());
    check(!url.search && !url.hash, `the IdP's answer is still in the address bar: ${page.url()}`);
    check(grants.some((g) => g.grant === "authorization_code" && g.status === 200),
      `the page did not redeem the code: ${JSON.stringify(grants)}`);
  });

  await step("the element shows the user's personal tokens", async () => {
    const tab = page.getByRole("tab", { name: "Personal tokens" });
    if (await tab.count() > 0) await tab.click();
    await page.getByRole("heading", { name: "Personal tokens" }).waitFor();
    await page.getByRole("button", { name: "Generate token" }).waitFor();
    await shot("signed-in");
    await axe("the signed-in page");
  });

  await step("the tokens are in the page's memory only: not in storage, cookies, the URL or the DOM", async () => {
    check(tokens.length >= 2, `the IdP handed over ${tokens.length} tokens`);
    const stored = await page.evaluate(async () => [
      JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage }), document.cookie,
      JSON.stringify(await indexedDB.databases()), "caches" in window ? JSON.stringify(await caches.keys()) : "",
    ].join("\n"));
    check(!/oidc\.|access_token|refresh_token|code_verifier/.test(stored), `sign-in data left in storage: ${stored}`);
    const cookies = JSON.stringify(await context.cookies());
    const dom = await pageText();
    for (const token of tokens) {
      check(!stored.includes(token) && !cookies.includes(token), "a token is in the browser's storage or cookies");
      check(!dom.includes(token), "a token is in the page's DOM or URL");
    }
  });

  await step("the user generates a personal token and sees its secret once", async () => {
    await generate("Signed in with the IdP", "secret");
  });

  const renewWait = Number(env("RENEW_WAIT_SECONDS", "0"));
  if (renewWait > 0) {
    await step(`the access token is renewed with the refresh token, without an iframe, within ${renewWait} s`, async () => {
      const deadline = Date.now() + renewWait * 1000;
      while (!grants.some((g) => g.grant === "refresh_token") && Date.now() < deadline) {
        await page.waitForTimeout(500);
      }
      const refresh = grants.find((g) => g.grant === "refresh_token");
      check(refresh?.status === 200, `no renewal with the refresh token: ${JSON.stringify(grants)}`);
      check(page.frames().length === 1, `the page opened ${page.frames().length - 1} iframes`);
      check(await page.getByRole("button", { name: "Sign out" }).isVisible(), "the renewal signed the user out");
      await generate("After the renewal", "secret-after-renewal");
    });
  }

  await step("Sign out ends the session at the IdP (with id_token_hint) and returns to the signed-out page", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    check(onThePage(new URL(page.url())) && !new URL(page.url()).search, `not back on the bare page: ${page.url()}`);
    const logout = navigations.map((url) => new URL(url)).find((url) => url.searchParams.has("id_token_hint"));
    check(logout, `no end-session request with id_token_hint among ${navigations.join(", ")}`);
    check(logout.searchParams.get("post_logout_redirect_uri") === PAGE,
      `post_logout_redirect_uri=${logout.searchParams.get("post_logout_redirect_uri")}`);
    await page.getByText("You have signed out.").waitFor();
    check(await page.locator("latchkey-api-tokens").isHidden(), "the element still shows after signing out");
    check(await page.getByRole("row").count() === 0, "a token list still shows after signing out");
    check(await page.getByRole("button", { name: "Sign out" }).count() === 0, "Sign out still offered");
    await shot("signed-out-again");
    await axe("the page after signing out");
  });

  await step("signing in again asks for the password: the IdP's session ended too", async () => {
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.locator("#password").waitFor();
  });

  await step("a sign-in the IdP refuses, or an answer the page never asked for, is said in words", async () => {
    // The IdP's refusal of the request just made (its state), as it would redirect with it.
    const authorize = navigations.map((url) => new URL(url)).filter((url) => url.searchParams.has("code_challenge")).at(-1);
    await page.goto(`${PAGE}?error=access_denied&state=${authorize.searchParams.get("state")}`);
    await page.getByRole("alert").getByText("Signing in was cancelled or refused by your identity provider.").waitFor();
    check(!new URL(page.url()).search, `the IdP's answer is still in the address bar: ${page.url()}`);
    check(await page.evaluate(() => document.activeElement?.textContent?.trim()) === "Sign in", "focus is not on Sign in");
    await shot("refused");
    await axe("a refused sign-in");
    await page.goto(`${PAGE}?code=forged&state=forged`);
    await page.getByRole("alert").getByText("This sign-in had expired or was already used. Sign in again.").waitFor();
    check(await page.locator("latchkey-api-tokens").isHidden(), "the element shows after a forged answer");
  });

  if (process.env.KC_NO_TENANT_USERNAME) {
    await step("a user in no tenant is told so, and may sign out", async () => {
      await page.goto(PAGE);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.locator("#username").fill(env("KC_NO_TENANT_USERNAME"));
      await page.locator("#password").fill(env("KC_NO_TENANT_PASSWORD"));
      await page.locator("#kc-login").click();
      await page.waitForURL(onThePage);
      await page.getByRole("alert").getByText(/belongs to no organisation/).waitFor();
      check(await page.locator("latchkey-api-tokens").isHidden(), "the element shows for a user in no tenant");
      await shot("no-tenant");
      await axe("a user in no tenant");
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByText("You have signed out.").waitFor();
    });
  }

  // ---- helpers ----

  /** The Generate form for a personal token, the secret shown once, and gone from the page when closed. */
  async function generate(purpose, shotName) {
    const description = `${purpose} ${RUN}`;                  // one of its kind, however often the script runs
    await page.getByRole("button", { name: "Generate token" }).click();
    const form = page.getByRole("dialog", { name: "Generate a personal token" });
    await form.getByLabel("Description").fill(description);
    const accessToken = form.getByRole("radio", { name: /Access token/ });
    if (await accessToken.count() > 0) await accessToken.check();
    await form.getByRole("button", { name: "Generate" }).click();
    const revealed = page.getByRole("dialog", { name: `Token created: ${description}` });
    await revealed.getByText("You will not see it again").waitFor();
    const secret = await revealed.getByLabel(/Client secret|Access key/).inputValue();
    check(/^lk_(at|cs)_/.test(secret), `not a secret: ${secret.slice(0, 6)}`);
    await shot(shotName);
    await revealed.getByRole("button", { name: "Done" }).click();
    await page.getByRole("cell", { name: new RegExp(`^${description.replace(/[()]/g, "\\$&")}`) }).waitFor();
    check(!(await pageText()).includes(secret), "the secret is still in the page after its dialog closed");
  }

  async function shot(name) {
    await page.screenshot({ path: join(SHOTS, `portal-sign-in-${name}.png`), animations: "disabled" });
  }


} finally {
  await close();
}
console.log("sign-in flow complete");
