// The page token-service serves at /portal/: it hosts the element the way a vendor's app would. Where rbac-service and
// auth-service are, and the identity provider users sign in with, come from config.json, which token-service writes
// from its configuration; unset, the services are on this page's host. The session comes either
//  - in the URL's fragment (#tenant=…&session=<JWT>, the run command's link), which browsers never send to a server;
//    the page takes it into memory and removes it from the address bar and history at once; or
//  - from signing in with the vendor's identity provider (sign-in.ts), when config.json has `signIn`: rbac-service's
//    GET /me then tells which tenant the user belongs to.
import "./latchkey-api-tokens";
import { html, nothing, render, type TemplateResult } from "lit";
import { problemOf, type Session } from "./api";
import type { SignIn, SignInConfig } from "./sign-in";

interface PortalConfig {
  rbacUrl?: string;
  authUrl?: string;
  signIn?: SignInConfig;
}

/** rbac-service's GET /me: who the caller is in Latchkey's terms. */
interface Caller {
  tenantId?: string | null;
  userId?: string | null;
  vendor?: boolean;
  identityProvider?: string | null;
}

// The element stays in the page; every other state (signed out, a message) is rendered in #view while it is hidden.
const element = document.querySelector("latchkey-api-tokens")!;
const view = document.querySelector<HTMLElement>("#view")!;
const account = document.querySelector<HTMLElement>("#account")!;

async function start(): Promise<void> {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const tenant = fragment.get("tenant");
  const session = fragment.get("session");
  if (location.hash) {
    history.replaceState(null, "", location.pathname + location.search);
  }
  const config: PortalConfig = await fetch("config.json", { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : {}), () => ({}));
  if (tenant && session) {
    showTokens(config, tenant, session);
  } else if (config.signIn) {
    const { SignIn } = await import("./sign-in"); // oidc-client-ts is loaded only where sign-in is configured
    await signInWith(config, new SignIn(config.signIn));
  } else {
    showNotice("This page needs a session. Open it through the link the run command printed, or embed the"
      + " <latchkey-api-tokens> element in your own app and hand it the signed-in user's JWT.");
  }
}

/** The element for one tenant, with a JWT or a function returning a fresh one. */
function showTokens(config: PortalConfig, tenant: string, session: Session): void {
  // Unconfigured, the services share this page's host (one public host behind an Ingress, as deploy/ has it).
  element.tokenUrl = location.origin;
  element.rbacUrl = rbacUrl(config);
  element.authUrl = config.authUrl ?? location.origin;
  element.tenant = tenant;
  element.session = session;
  element.hidden = false;
  render(nothing, view);
}

/** Something else in the element's place; the element forgets the session and hides. */
function show(template: TemplateResult): void {
  element.hidden = true;
  element.session = undefined;
  element.tenant = "";
  render(template, view);
}

/** Completes a sign-in the IdP sent the user back from, or offers one; then shows the user's tenant's tokens. */
async function signInWith(config: PortalConfig, signIn: SignIn): Promise<void> {
  signIn.onEnded((reason) => showSignedOut(signIn, { text: reason, alert: true }));
  let arrival;
  try {
    arrival = await signIn.arrive();
  } catch (error) {
    showSignedOut(signIn, { text: sentence(error), alert: true });
    return;
  }
  const user = arrival === "signed-in" ? await signIn.user() : undefined;
  if (!user) {
    showSignedOut(signIn, arrival === "signed-out" ? { text: "You have signed out.", alert: false } : undefined);
    return;
  }
  showAccount(signIn, user.name);
  show(html`<p role="status">Signing you in…</p>`);
  let caller: Caller;
  try {
    caller = await whoAmI(config, await signIn.session());
  } catch (error) {
    showMessage(html`Latchkey did not accept your sign-in: ${sentence(error)}`);
    return;
  }
  showAccount(signIn, user.name, caller.userId ?? user.subject);
  if (!caller.tenantId) {
    showMessage(html`You are signed in as <strong>${user.name}</strong>, but your account belongs to no organisation
      in Latchkey yet. Ask your administrator to add you, then sign in again.`);
    return;
  }
  showTokens(config, caller.tenantId, signIn.session);
}

/** rbac-service's GET /me with the user's access token; a refusal becomes an Error with the problem's detail. */
async function whoAmI(config: PortalConfig, accessToken: string): Promise<Caller> {
  let response: Response;
  try {
    response = await fetch(`${rbacUrl(config)}/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
  } catch (error) {
    throw new Error((await problemOf(error)).detail);
  }
  if (!response.ok) {
    throw new Error((await problemOf({ response })).detail);
  }
  return response.json();
}

/** Signed out: why (after a failure, a sign-out or an ended sign-in), and the Sign in button. */
function showSignedOut(signIn: SignIn, message?: { text: string; alert: boolean }, busy = false): void {
  render(nothing, account);
  const start = async () => {
    showSignedOut(signIn, undefined, true);
    try {
      await signIn.signIn(); // leaves the page
    } catch (error) {
      showSignedOut(signIn, { text: sentence(error), alert: true });
    }
  };
  show(html`
    <section class="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">API Tokens</h1>
      ${message ? html`<p class=${message.alert ? "notice error" : "notice"} role=${message.alert ? "alert" : "status"}>
          ${message.text}</p>` : nothing}
      <p>Sign in with your company account to see and create API tokens.</p>
      <button type="button" class="primary" ?disabled=${busy} @click=${start}>${busy ? "Signing in…" : "Sign in"}</button>
    </section>`);
  if (message?.alert) {
    view.querySelector<HTMLButtonElement>(".sign-in button")?.focus();
  }
}

/** The signed-in user in the header bar, with the Sign out button. */
function showAccount(signIn: SignIn, name: string, id?: string): void {
  const stop = (event: Event) => {
    (event.currentTarget as HTMLButtonElement).disabled = true;
    void signIn.signOut(); // leaves the page
  };
  render(html`
    <span class="user">Signed in as <strong>${name}</strong>${id && id !== name
      ? html` <span class="id">(${id})</span>` : nothing}</span>
    <button type="button" @click=${stop}>Sign out</button>`, account);
}

/** A message in place of the element, for a signed-in user who cannot see it. */
function showMessage(text: TemplateResult): void {
  show(html`<h1>API Tokens</h1><p class="notice" role="alert">${text}</p>`);
}

function showNotice(text: string): void {
  show(html`<p class="notice">${text}</p>`);
}

function rbacUrl(config: PortalConfig): string {
  return (config.rbacUrl ?? location.origin).replace(/\/+$/, "");
}

function sentence(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

void start();
