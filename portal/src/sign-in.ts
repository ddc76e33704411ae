// Signing in on the served page with the vendor's identity provider: OpenID Connect's authorization code flow with PKCE,
// in the browser, through oidc-client-ts. The page is a public client (no secret); the IdP sends the user back to the
// page's own URL with ?code=…&state=…, and the page exchanges the code (with the PKCE verifier) for tokens itself.
import { ErrorResponse, InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from "oidc-client-ts";

/** config.json's `signIn`: the IdP (its issuer URL), the page's public client there, and the scopes to ask for. */
export interface SignInConfig {
  authority: string;
  clientId: string;
  scope?: string;
  /** Sent as the authorization request's `audience` (Auth0 issues a JWT for an API only when asked by name). */
  audience?: string;
}

/** What this page load turned out to be: the IdP's answer to a sign-in or to a sign-out, or neither. */
export type Arrival = "signed-in" | "signed-out" | "none";

/** A sign-in that failed or ended, with a sentence for the user. */
export class SignInFailed extends Error {}

/** Who is signed in, as the page names them. */
export interface SignedInUser {
  name: string;
  subject: string;
}

/** Renew a little before the access token's end, so that a request never leaves with a token about to expire. */
const RENEW_MARGIN_SECONDS = 10;

/**
 * One user's sign-in on this page. The tokens live in this page's memory only: a reload or another tab signs in again
 * (through the IdP's own session, often without a password), and nothing in the browser's storage holds them. While
 * the page is open, the access token is renewed before it expires with the refresh token the IdP gave (a plain POST to
 * its token endpoint, no iframe); when the IdP refuses that, the sign-in ends and the page says so.
 */
export class SignIn {
  private readonly manager: UserManager;
  private readonly pageUrl: string;
  private renewal?: Promise<User | null>;
  private endedListeners: ((reason: string) => void)[] = [];

  constructor(config: SignInConfig, pageUrl = location.origin + location.pathname) {
    this.pageUrl = pageUrl;
    this.manager = new UserManager({
      authority: config.authority,
      client_id: config.clientId,
      scope: config.scope || "openid",
      extraQueryParams: config.audience ? { audience: config.audience } : undefined,
      redirect_uri: pageUrl,
      post_logout_redirect_uri: pageUrl,
      response_type: "code", // PKCE (S256) is the library's default for the code flow
      // The user (access, refresh and ID tokens) in memory only.
      userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
      // The request's state must outlive the redirect to the IdP and back, so it is in sessionStorage (this tab only;
      // the library's default would be localStorage). It holds the state and the PKCE verifier, never a token, and the
      // callback removes it; an abandoned one is cleared after 15 minutes (clearStaleState below).
      stateStore: new WebStorageStateStore({ store: sessionStorage }),
      // Renew before the access token expires; with a refresh token from the IdP this needs no iframe.
      automaticSilentRenew: true,
    });
    this.manager.events.addSilentRenewError((error) => {
      if (error instanceof ErrorResponse) {
        void this.end("Your sign-in has ended. Sign in again.");
      }
    });
  }

  /**
   * Completes what brought the user here: the IdP's answer to a sign-in (`code` or `error`, with `state`), or to a
   * sign-out (`state` alone), and then removes that answer from the address bar and history. Throws SignInFailed,
   * in words, when the sign-in failed.
   */
  async arrive(): Promise<Arrival> {
    await this.manager.clearStaleState();
    const query = new URLSearchParams(location.search);
    if (!query.has("state")) {
      return "none";
    }
    try {
      if (query.has("code") || query.has("error")) {
        await this.manager.signinRedirectCallback();
        return "signed-in";
      }
      await this.manager.signoutRedirectCallback();
      return "signed-out";
    } catch (error) {
      throw new SignInFailed(failure(error));
    } finally {
      history.replaceState(null, "", this.pageUrl);
    }
  }

  /** Sends the user to the IdP's sign-in page; they come back to this page's URL. */
  async signIn(): Promise<void> {
    try {
      await this.manager.signinRedirect();
    } catch (error) {
      throw new SignInFailed(failure(error));
    }
  }

  /**
   * Forgets the tokens and sends the user to the IdP's end-session endpoint, with the ID token as `id_token_hint`
   * (so that the IdP signs them out without asking and comes back here, to `post_logout_redirect_uri`).
   */
  async signOut(): Promise<void> {
    try {
      await this.manager.signoutRedirect({ state: "signed-out" });
    } catch {
      // The IdP cannot be reached: the tokens are gone from the page all the same.
      await this.end("You are signed out of this page, but your identity provider could not be reached to end its session.");
    }
  }

  /** The signed-in user, or undefined. */
  async user(): Promise<SignedInUser | undefined> {
    const user = await this.manager.getUser();
    if (!user) {
      return undefined;
    }
    const profile = user.profile;
    const name = profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub;
    return { name, subject: profile.sub };
  }

  /**
   * The current access token, renewed first when it has expired or is about to: what the element's `session` property
   * takes as a function. One renewal at a time, however many requests ask. Throws SignInFailed when no one is signed
   * in or the IdP refuses the renewal (the sign-in then ends).
   */
  readonly session = async (): Promise<string> => {
    const user = await this.manager.getUser();
    if (!user) {
      throw new SignInFailed("You are signed out. Sign in again.");
    }
    if ((user.expires_in ?? Infinity) > RENEW_MARGIN_SECONDS) {
      return user.access_token;
    }
    this.renewal ??= this.manager.signinSilent().finally(() => (this.renewal = undefined));
    try {
      const renewed = await this.renewal;
      if (renewed) {
        return renewed.access_token;
      }
    } catch (error) {
      if (!(error instanceof ErrorResponse)) {
        throw new SignInFailed(failure(error)); // the IdP unreachable: the next request tries again
      }
    }
    await this.end("Your sign-in has ended. Sign in again.");
    throw new SignInFailed("Your sign-in has ended. Sign in again.");
  };

  /** Called when the sign-in ends while the page is open (the IdP refused a renewal), with a sentence for the user. */
  onEnded(listener: (reason: string) => void): void {
    this.endedListeners.push(listener);
  }

  private async end(reason: string): Promise<void> {
    await this.manager.removeUser();
    for (const listener of this.endedListeners) {
      listener(reason);
    }
  }
}

/** A failed sign-in in words: the IdP's own description where it gave one. */
function failure(error: unknown): string {
  if (error instanceof ErrorResponse) {
    if (error.error === "access_denied") {
      return "Signing in was cancelled or refused by your identity provider.";
    }
    const said = error.error_description ?? error.error;
    return `Signing in did not work${said ? `: ${said}` : ""}. Try again.`;
  }
  if (error instanceof Error && /No matching state/.test(error.message)) {
    return "This sign-in had expired or was already used. Sign in again.";
  }
  return "Your identity provider could not be reached. Try again in a moment.";
}
