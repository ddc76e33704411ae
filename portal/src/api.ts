// Every call the page makes goes through the TypeScript SDK generated from the committed contracts (docs/api).
import * as token from "@latchkey/token";
import * as rbac from "@latchkey/rbac";

/** The signed-in user's JWT, or a function that returns a fresh one (called before every request). */
export type Session = string | (() => string | Promise<string>);

/** Where the two services the page talks to are, as the browser reaches them. */
export interface Endpoints {
  tokenUrl: string;
  rbacUrl: string;
}

/** The SDK clients the page uses, all authenticated with the same session. */
export class Api {
  readonly tokens: token.TokensApi;
  readonly settings: token.SettingsApi;
  readonly access: rbac.AccessApi;
  readonly roles: rbac.RolesApi;

  constructor(endpoints: Endpoints, session: Session) {
    const accessToken = async () => (typeof session === "function" ? await session() : session);
    const tokenConfig = new token.Configuration({ basePath: trimSlash(endpoints.tokenUrl), accessToken });
    const rbacConfig = new rbac.Configuration({ basePath: trimSlash(endpoints.rbacUrl), accessToken });
    this.tokens = new token.TokensApi(tokenConfig);
    this.settings = new token.SettingsApi(tokenConfig);
    this.access = new rbac.AccessApi(rbacConfig);
    this.roles = new rbac.RolesApi(rbacConfig);
  }
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

/** An RFC 9457 problem as the page shows it: a sentence, and per field what is wrong with it. */
export interface ShownProblem {
  status: number;
  detail: string;
  fields: Record<string, string>;
}

/**
 * Turns whatever a call threw into words for the user. A problem+json answer keeps its detail and its violations (by
 * field); a network failure or an unreadable answer says so. Never throws.
 */
export async function problemOf(error: unknown): Promise<ShownProblem> {
  const response = (error as { response?: Response } | null)?.response;
  if (!(response instanceof Response)) {
    return { status: 0, detail: "Latchkey could not be reached. Check your connection and try again.", fields: {} };
  }
  let body: { title?: string; detail?: string; violations?: { field?: string; message?: string }[] } = {};
  try {
    body = await response.json();
  } catch {
    // not problem+json (a proxy's page, say): the status alone must do
  }
  const fields: Record<string, string> = {};
  for (const violation of body.violations ?? []) {
    const field = fieldName(violation.field);
    if (field && violation.message) {
      fields[field] = fields[field] ? `${fields[field]}; ${violation.message}` : violation.message;
    }
  }
  const detail = body.detail ?? body.title ?? statusText(response.status);
  return { status: response.status, detail, fields };
}

/** "createTenantToken.request.roleIds[0]" or "roleIds" -> "roleIds": the form field a violation concerns. */
function fieldName(path: string | undefined): string | undefined {
  if (!path) {
    return undefined;
  }
  const last = path.split(".").pop() ?? path;
  return last.replace(/\[\d+\]$/, "");
}

function statusText(status: number): string {
  switch (status) {
    case 401:
      return "Your session has ended. Sign in again.";
    case 403:
      return "You are not allowed to do this.";
    case 404:
      return "It no longer exists.";
    case 429:
      return "Too many requests. Wait a moment and try again.";
    case 503:
      return "Latchkey is briefly unavailable. Try again in a moment.";
    default:
      return `The request failed (HTTP ${status}).`;
  }
}
