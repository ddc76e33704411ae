import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from "lit";
import { TokenType, type Token, type CreatedToken, type Settings } from "@latchkey/token";
import { Api, problemOf, type Session, type ShownProblem } from "./api";
import { defaultExpiry, expiryChoices, formatDate, formatDateTime, type ExpiryChoice } from "./expiry";
import { styles } from "./styles";

/** Tenant tokens belong to the tenant; personal tokens to the signed-in user and act with that user's roles. */
export type Kind = "tenant" | "personal";

/** A role as the page names it. */
interface RoleName {
  id: string;
  key: string;
  name?: string;
  description?: string;
  level: number;
}

/** What the caller may do here, as rbac-service computed it: the page never decides a rule itself. */
interface CallerRights {
  userId?: string;
  permissions: Set<string>;
  ownRoles: RoleName[];
  grantableRoles: RoleName[];
}

interface TokenList {
  items: Token[];
  total: number;
}

/** The Generate form while it is open. */
interface Draft {
  kind: Kind;
  type: TokenType;
  roleIds: Set<string>;
  expiry: ExpiryChoice;
  errors: Record<string, string>;
  formError?: string;
  busy: boolean;
}

/** A token just created, with its secret: only in this object, only until the dialog closes. */
interface Revealed {
  token: Token;
  secret: string;
  copied?: string;
}

const PERMISSION = {
  tenant: { read: "tokens.tenant.read", write: "tokens.tenant.write", remove: "tokens.tenant.delete" },
  personal: { read: "tokens.personal.read", write: "tokens.personal.write", remove: "tokens.personal.delete" },
} as const;

const TYPE_LABEL: Record<TokenType, string> = {
  [TokenType.ClientCredentials]: "Client credentials",
  [TokenType.AccessToken]: "Access token",
};

const TYPE_HINT: Record<TokenType, string> = {
  [TokenType.ClientCredentials]: "A client ID and secret, exchanged at /oauth/token for short-lived JWTs.",
  [TokenType.AccessToken]: "One key, sent as the X-API-KEY header.",
};

const PAGE_SIZE = 50;

/**
 * The API Tokens page as one custom element: a tenant's tokens and the signed-in user's personal tokens, a Generate
 * form that offers only what the user may give, the secret shown once, and delete behind a confirmation.
 *
 * Attributes: `tenant` (the tenant id), `token-url` and `rbac-url` (where token-service and rbac-service are, as the
 * browser reaches them; token-url defaults to the origin the script came from), `auth-url` (auth-service, named
 * where the page tells how to exchange a new secret), `kinds` ("tenant personal", or one
 * of them, e.g. "personal" in a user's own settings). Property: `session`, the user's JWT or a function returning a
 * fresh one. Secrets are never written to storage, the URL or an attribute, and are dropped when their dialog closes.
 */
export class LatchkeyApiTokens extends LitElement {
  static override styles = styles;

  static override properties = {
    tenant: { type: String },
    tokenUrl: { type: String, attribute: "token-url" },
    rbacUrl: { type: String, attribute: "rbac-url" },
    authUrl: { type: String, attribute: "auth-url" },
    kinds: { type: String },
    session: { attribute: false },
    rights: { state: true },
    settings: { state: true },
    lists: { state: true },
    roleNames: { state: true },
    selected: { state: true },
    loadError: { state: true },
    listError: { state: true },
    draft: { state: true },
    revealed: { state: true },
    deleting: { state: true },
    deleteError: { state: true },
    menuFor: { state: true },
    status: { state: true },
  };

  tenant = "";
  tokenUrl = new URL(import.meta.url).origin;
  rbacUrl = "";
  authUrl = "";
  kinds = "tenant personal";
  session?: Session;

  private rights?: CallerRights;
  private settings: Settings | null = null;
  private lists: Partial<Record<Kind, TokenList>> = {};
  private roleNames = new Map<string, RoleName>();
  private selected: Kind = "tenant";
  private loadError?: ShownProblem;
  private listError?: ShownProblem;
  private draft?: Draft;
  private revealed?: Revealed;
  private deleting?: Token;
  private deleteError?: string;
  private menuFor?: string;
  private status = "";
  private api?: Api;
  private loads = 0;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (["tenant", "tokenUrl", "rbacUrl", "session", "kinds"].some((p) => changed.has(p as keyof LatchkeyApiTokens))) {
      void this.load();
    }
  }

  protected override updated(): void {
    for (const dialog of this.renderRoot.querySelectorAll("dialog")) {
      if (!dialog.open) {
        dialog.showModal();
      }
    }
  }

  /** Reads the caller's rights, the settings, the role names and both lists; a newer load wins over an older one. */
  private async load(): Promise<void> {
    if (!this.tenant || !this.rbacUrl || !this.session) {
      return;
    }
    const load = ++this.loads;
    const api = new Api({ tokenUrl: this.tokenUrl, rbacUrl: this.rbacUrl }, this.session);
    try {
      const access = await api.access.getCallerAccess({ tenantId: this.tenant });
      const rights: CallerRights = {
        userId: access.userId ?? undefined,
        permissions: new Set(access.permissions ?? []),
        ownRoles: (access.roles ?? []).map(roleName),
        grantableRoles: (access.grantableRoles ?? []).map(roleName),
      };
      const [settings, names] = await Promise.all([
        api.settings.getTenantSettings({ tenantId: this.tenant }).then((s) => s.effective ?? null, () => null),
        rights.permissions.has("roles.read")
          ? api.roles.listTenantRoles({ tenantId: this.tenant }).then((roles) => roles.map(roleName), () => [])
          : Promise.resolve([] as RoleName[]),
      ]);
      if (load !== this.loads) {
        return;
      }
      this.api = api;
      this.rights = rights;
      this.settings = settings;
      this.roleNames = new Map([...names, ...rights.ownRoles, ...rights.grantableRoles].map((r) => [r.id, r]));
      this.loadError = undefined;
      const shown = this.shownKinds();
      if (!shown.includes(this.selected) && shown.length > 0) {
        this.selected = shown[0];
      }
      await Promise.all(shown.map((kind) => this.refresh(kind)));
    } catch (error) {
      if (load === this.loads) {
        this.loadError = await problemOf(error);
      }
    }
  }

  /** The kinds this user may see here, in the order of the tabs. */
  private shownKinds(): Kind[] {
    const rights = this.rights;
    const wanted = this.kinds.split(/[\s,]+/);
    return (["tenant", "personal"] as Kind[]).filter((kind) => wanted.includes(kind) && rights
        && rights.permissions.has(PERMISSION[kind].read) && (kind === "tenant" || rights.userId !== undefined));
  }

  private may(kind: Kind, action: "write" | "remove"): boolean {
    return this.rights?.permissions.has(PERMISSION[kind][action]) ?? false;
  }

  /** Reads the first page again (after a load, a create or a delete). */
  private async refresh(kind: Kind): Promise<void> {
    await this.fetchPage(kind, 0, []);
  }

  /** Appends the next page; a token that moved onto it (newer ones were created meanwhile) is shown once. */
  private async more(kind: Kind): Promise<void> {
    const shown = this.lists[kind]?.items ?? [];
    await this.fetchPage(kind, Math.floor(shown.length / PAGE_SIZE), shown);
  }

  private async fetchPage(kind: Kind, page: number, before: Token[]): Promise<void> {
    if (!this.api) {
      return;
    }
    try {
      const request = { tenantId: this.tenant, page, size: PAGE_SIZE };
      const answer = kind === "tenant"
        ? await this.api.tokens.listTenantTokens(request)
        : await this.api.tokens.listPersonalTokens(request);
      const known = new Set(before.map((t) => t.id));
      const items = [...before, ...(answer.items ?? []).filter((t) => !known.has(t.id))];
      this.lists = { ...this.lists, [kind]: { items, total: answer.total ?? 0 } };
      this.listError = undefined;
    } catch (error) {
      this.listError = await problemOf(error);
    }
  }

  // ---- rendering ----

  override render(): TemplateResult {
    if (!this.session || !this.tenant) {
      return html`<p class="muted">Sign in to manage API tokens.</p>`;
    }
    if (this.loadError) {
      return html`<div class="alert" role="alert">${this.loadError.detail}</div>`;
    }
    if (!this.rights) {
      return html`<p class="muted" role="status">Loading API tokens…</p>`;
    }
    const kinds = this.shownKinds();
    if (kinds.length === 0) {
      return html`<p>You are not allowed to see API tokens in this account.</p>`;
    }
    return html`
      <h2>API Tokens</h2>
      <p class="muted">Tokens let your integrations call the API. Each acts with the roles it was given, never more than yours.</p>
      ${kinds.length > 1 ? this.renderTabs(kinds) : nothing}
      ${this.renderPanel(this.selected)}
      <div class="visually-hidden" role="status" aria-live="polite">${this.status}</div>
      ${this.draft ? this.renderForm(this.draft) : nothing}
      ${this.revealed ? this.renderRevealed(this.revealed) : nothing}
      ${this.deleting ? this.renderDeleteConfirmation(this.deleting) : nothing}
    `;
  }

  private renderTabs(kinds: Kind[]): TemplateResult {
    const label = (kind: Kind) => (kind === "tenant" ? "Tenant tokens" : "Personal tokens");
    return html`
      <div role="tablist" aria-label="Kinds of token" @keydown=${(e: KeyboardEvent) => this.onTabKey(e, kinds)}>
        ${kinds.map((kind) => html`
          <button role="tab" id="tab-${kind}" aria-controls=${kind === this.selected ? `panel-${kind}` : nothing}
              aria-selected=${kind === this.selected}
              tabindex=${kind === this.selected ? 0 : -1} @click=${() => this.select(kind)}>${label(kind)}</button>`)}
      </div>`;
  }

  private onTabKey(event: KeyboardEvent, kinds: Kind[]): void {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step !== 0) {
      const next = kinds[(kinds.indexOf(this.selected) + step + kinds.length) % kinds.length];
      this.select(next);
      void this.updateComplete.then(() => (this.renderRoot.querySelector(`#tab-${next}`) as HTMLElement)?.focus());
    }
  }

  private select(kind: Kind): void {
    this.selected = kind;
    this.menuFor = undefined;
  }

  private renderPanel(kind: Kind): TemplateResult {
    const list = this.lists[kind];
    const enabled = this.settings?.m2mEnabled !== false;
    const intro = kind === "tenant"
      ? "Tokens of this account, for its integrations. Anyone with the right role can manage them."
      : "Your own tokens. They act with your current roles and stop working if you leave this account.";
    return html`
      <section role=${this.shownKinds().length > 1 ? "tabpanel" : nothing} id="panel-${kind}"
          aria-labelledby=${this.shownKinds().length > 1 ? `tab-${kind}` : nothing}>
        <header>
          <div>
            <h3>${kind === "tenant" ? "Tenant tokens" : "Personal tokens"}</h3>
            <p class="muted">${intro}</p>
          </div>
          ${this.may(kind, "write") && enabled
            ? html`<button class="primary" @click=${() => this.openForm(kind)}>Generate token</button>`
            : nothing}
        </header>
        ${enabled ? nothing : html`<p class="warning">API tokens are turned off for this account.</p>`}
        ${this.listError ? html`<div class="alert" role="alert">${this.listError.detail}</div>` : nothing}
        ${list === undefined ? html`<p class="muted" role="status">Loading…</p>`
          : list.items.length === 0 ? html`<p class="empty">No ${kind} tokens yet.</p>`
          : this.renderTable(kind, list)}
      </section>`;
  }

  private renderTable(kind: Kind, list: TokenList): TemplateResult {
    return html`
      <table>
        <caption class="visually-hidden">${kind === "tenant" ? "Tenant tokens" : "Personal tokens"}</caption>
        <thead><tr>
          <th scope="col">Description</th><th scope="col">Type</th><th scope="col">Roles</th>
          <th scope="col">Created</th><th scope="col">Expires</th><th scope="col">Last used</th>
          <th scope="col"><span class="visually-hidden">Actions</span></th>
        </tr></thead>
        <tbody>${list.items.map((token) => this.renderRow(kind, token))}</tbody>
      </table>
      ${list.items.length < list.total
        ? html`<p><button @click=${() => this.more(kind)}>Show more</button>
            <span class="muted">${list.items.length} of ${list.total}</span></p>`
        : nothing}`;
  }

  private renderRow(kind: Kind, token: Token): TemplateResult {
    const name = token.description || "(no description)";
    return html`
      <tr data-token-id=${token.id ?? ""}>
        <td data-label="Description"><div>${name}
          <span class="secondary"><code>${token.clientId ?? token.secretHint ?? ""}</code></span></div></td>
        <td data-label="Type"><div>${token.type ? TYPE_LABEL[token.type] : ""}</div></td>
        <td data-label="Roles"><div>${this.rolesOf(token)}</div></td>
        <td data-label="Created"><div>${formatDate(token.createdAt, "")}
          <span class="secondary">by ${token.createdBy ?? "unknown"}</span></div></td>
        <td data-label="Expires"><div>${formatDate(token.expiresAt, "Never")}</div></td>
        <td data-label="Last used"><div>${formatDateTime(token.lastUsedAt, "Never")}</div></td>
        <td class="actions" data-label="Actions"><div>${this.may(kind, "remove") ? this.renderMenu(token, name) : nothing}</div></td>
      </tr>`;
  }

  private rolesOf(token: Token): string {
    if (token.allRoles) {
      return "All of the owner's roles";
    }
    const roles = (token.roleIds ?? []).map((id) => this.roleNames.get(id)?.name ?? this.roleNames.get(id)?.key ?? id);
    return [...roles, ...(token.permissionIds ?? [])].join(", ") || "None";
  }

  private renderMenu(token: Token, name: string): TemplateResult {
    const open = this.menuFor === token.id;
    return html`
      <button aria-haspopup="menu" aria-expanded=${open} aria-label="Actions for ${name}"
          @click=${() => this.toggleMenu(token)}>⋯</button>
      ${open ? html`
        <div class="menu" role="menu" aria-label="Actions for ${name}" @keydown=${this.onMenuKey}>
          <button role="menuitem" class="danger-text" @click=${() => this.confirmDelete(token)}>Delete token…</button>
        </div>` : nothing}`;
  }

  private toggleMenu(token: Token): void {
    this.menuFor = this.menuFor === token.id ? undefined : token.id;
    if (this.menuFor) {
      void this.updateComplete.then(() => (this.renderRoot.querySelector(".menu button") as HTMLElement)?.focus());
    }
  }

  private onMenuKey = (event: KeyboardEvent): void => {
    if (event.key === "Escape" || event.key === "Tab") {
      const id = this.menuFor;
      this.menuFor = undefined;
      void this.updateComplete.then(() =>
        (this.renderRoot.querySelector(`tr[data-token-id="${id}"] [aria-haspopup]`) as HTMLElement)?.focus());
    }
  };

  // ---- the Generate form ----

  private types(): TokenType[] {
    const enabled = this.settings?.tokenTypes;
    return enabled && enabled.size > 0 ? [...enabled] : [TokenType.ClientCredentials, TokenType.AccessToken];
  }

  private openForm(kind: Kind): void {
    this.menuFor = undefined;
    this.draft = {
      kind, type: this.types()[0], roleIds: new Set(), expiry: defaultExpiry(expiryChoices(this.settings?.maxExpiryMinutes)),
      errors: {}, busy: false,
    };
  }

  private renderForm(draft: Draft): TemplateResult {
    const types = this.types();
    const choices = expiryChoices(this.settings?.maxExpiryMinutes);
    const roles = draft.kind === "tenant" ? this.rights?.grantableRoles ?? [] : this.rights?.ownRoles ?? [];
    const error = (field: string) => draft.errors[field]
      ? html`<span class="error" id="error-${field}">${draft.errors[field]}</span>` : nothing;
    const invalid = (field: string) => (draft.errors[field] ? "true" : "false");
    return html`
      <dialog aria-labelledby="form-title" @close=${this.closeForm} @cancel=${this.closeForm}>
        <form @submit=${this.submit} novalidate>
          <h3 id="form-title">Generate ${draft.kind === "tenant" ? "a tenant" : "a personal"} token</h3>
          ${draft.formError ? html`<div class="alert" role="alert">${draft.formError}</div>` : nothing}
          <div class="field">
            <label for="description">Description</label>
            <input type="text" id="description" name="description" maxlength="500" required autocomplete="off"
                placeholder="What will use this token?" aria-invalid=${invalid("description")}
                aria-describedby=${draft.errors.description ? "error-description" : nothing}>
            ${error("description")}
          </div>
          ${types.length > 1 ? html`
            <fieldset aria-describedby=${draft.errors.type ? "error-type" : nothing}>
              <legend>Type</legend>
              ${types.map((type) => html`
                <label class="choice"><input type="radio" name="type" value=${type} .checked=${draft.type === type}
                    @change=${() => this.edit({ type })}>
                  <span>${TYPE_LABEL[type]}<span class="hint block">${TYPE_HINT[type]}</span></span></label>`)}
              ${error("type")}
            </fieldset>`
          : html`<p><strong>Type:</strong> ${TYPE_LABEL[types[0]]}. <span class="hint">${TYPE_HINT[types[0]]}</span></p>
              ${error("type")}`}
          <fieldset aria-describedby="roles-hint${draft.errors.roleIds ? " error-roleIds" : ""}">
            <legend>Roles</legend>
            <span class="hint" id="roles-hint">${draft.kind === "tenant"
              ? "Only roles at or below your own level are offered."
              : "Leave all unticked and the token acts with all your roles, as they change."}</span>
            ${roles.length === 0 ? html`<span class="hint">No role can be given.</span>` : nothing}
            ${roles.map((role) => html`
              <label class="choice"><input type="checkbox" name="role" value=${role.id} .checked=${draft.roleIds.has(role.id)}
                  @change=${(e: Event) => this.toggleRole(role.id, (e.target as HTMLInputElement).checked)}>
                <span><span class="role-name">${role.name ?? role.key}</span><span class="hint block">${role.description ?? ""}
                  (level ${role.level})</span></span></label>`)}
            ${error("roleIds")}
          </fieldset>
          <div class="field">
            <label for="expiry">Expires after</label>
            <select id="expiry" aria-invalid=${invalid("expiresInMinutes")}
                aria-describedby=${draft.errors.expiresInMinutes ? "error-expiresInMinutes" : nothing}
                @change=${(e: Event) => this.edit({ expiry: choices[(e.target as HTMLSelectElement).selectedIndex] })}>
              ${choices.map((choice) => html`
                <option ?selected=${choice.minutes === draft.expiry.minutes}>${choice.label}</option>`)}
            </select>
            ${error("expiresInMinutes")}
          </div>
          <div class="buttons">
            <button type="button" @click=${this.closeForm}>Cancel</button>
            <button type="submit" class="primary" ?disabled=${draft.busy}>Generate</button>
          </div>
        </form>
      </dialog>`;
  }

  private edit(change: Partial<Draft>): void {
    if (this.draft) {
      this.draft = { ...this.draft, ...change };
    }
  }

  private toggleRole(id: string, on: boolean): void {
    if (this.draft) {
      const roleIds = new Set(this.draft.roleIds);
      on ? roleIds.add(id) : roleIds.delete(id);
      this.edit({ roleIds });
    }
  }

  private closeForm = (): void => {
    this.draft = undefined;
  };

  private submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const draft = this.draft;
    if (!draft || !this.api || draft.busy) {
      return;
    }
    const form = event.target as HTMLFormElement;
    const description = (form.querySelector("#description") as HTMLInputElement).value.trim();
    const errors: Record<string, string> = {};
    if (!description) {
      errors.description = "Say what will use this token, so that you can recognise it later.";
    }
    if (draft.kind === "tenant" && draft.roleIds.size === 0) {
      errors.roleIds = "Choose at least one role: a tenant token acts only with the roles it is given.";
    }
    if (Object.keys(errors).length > 0) {
      this.edit({ errors, formError: undefined });
      void this.updateComplete.then(() => this.focusFirstError());
      return;
    }
    this.edit({ busy: true, errors: {}, formError: undefined });
    const request = {
      // A personal token with no role ticked acts with all of its user's roles, as they change: roleIds left out.
      type: draft.type, description, roleIds: draft.roleIds.size > 0 ? [...draft.roleIds] : undefined,
      expiresInMinutes: draft.expiry.minutes ?? undefined,
    };
    try {
      const created: CreatedToken = draft.kind === "tenant"
        ? await this.api.tokens.createTenantToken({ tenantId: this.tenant, createTokenRequest: request })
        : await this.api.tokens.createPersonalToken({ tenantId: this.tenant, createTokenRequest: request });
      this.draft = undefined;
      this.revealed = { token: created.token!, secret: created.clientSecret ?? created.accessKey ?? "" };
      await this.refresh(draft.kind);
    } catch (error) {
      const problem = await problemOf(error);
      const known = ["description", "type", "roleIds", "expiresInMinutes"];
      const fields = Object.fromEntries(Object.entries(problem.fields).filter(([f]) => known.includes(f)));
      const unplaced = Object.keys(fields).length === 0;
      this.edit({ busy: false, errors: fields, formError: unplaced ? problem.detail : undefined });
      void this.updateComplete.then(() => this.focusFirstError());
    }
  };

  private focusFirstError(): void {
    const target = this.renderRoot.querySelector('dialog [aria-invalid="true"], dialog .alert, dialog .error');
    const field = target?.closest("fieldset")?.querySelector("input") ?? target;
    (field as HTMLElement | null)?.focus?.();
    if (field && !(field instanceof HTMLInputElement || field instanceof HTMLSelectElement)) {
      (field as HTMLElement).setAttribute("tabindex", "-1");
      (field as HTMLElement).focus();
    }
  }

  // ---- the secret, shown once ----

  private renderRevealed(revealed: Revealed): TemplateResult {
    const token = revealed.token;
    const isClient = token.type === TokenType.ClientCredentials;
    const secretLabel = isClient ? "Client secret" : "Access key";
    return html`
      <dialog aria-labelledby="revealed-title" aria-describedby="revealed-warning" @close=${this.closeRevealed}
          @cancel=${this.closeRevealed}>
        <h3 id="revealed-title">Token created: ${token.description}</h3>
        <p class="warning" id="revealed-warning">Copy the ${secretLabel.toLowerCase()} now. You will not see it again:
          Latchkey keeps only a hash of it.</p>
        <form method="dialog" @submit=${(e: Event) => e.preventDefault()}>
          ${isClient ? this.renderCopyField("client-id", "Client ID", token.clientId ?? "", revealed) : nothing}
          ${this.renderCopyField("secret", secretLabel, revealed.secret, revealed)}
          <p class="hint">${isClient
            ? `Exchange the client ID and secret at ${this.authUrl}/oauth/token (grant_type=client_credentials) for a JWT.`
            : `Send the key in the X-API-KEY header, or exchange it at ${this.authUrl}/oauth/token for a JWT.`}</p>
          <div class="buttons"><button class="primary" @click=${this.closeRevealed}>Done</button></div>
        </form>
      </dialog>`;
  }

  private renderCopyField(id: string, label: string, value: string, revealed: Revealed): TemplateResult {
    return html`
      <div class="field">
        <label for=${id}>${label}</label>
        <div class="secret">
          <input type="text" id=${id} readonly .value=${value} autocomplete="off" spellcheck="false"
              @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>
          <button type="button" @click=${() => this.copy(id, label, value)}>${revealed.copied === id ? "Copied" : "Copy"}<span
              class="visually-hidden"> ${label}</span></button>
        </div>
      </div>`;
  }

  private async copy(id: string, label: string, value: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      const input = this.renderRoot.querySelector(`#${id}`) as HTMLInputElement | null;
      input?.select();
      document.execCommand("copy");
    }
    if (this.revealed) {
      this.revealed = { ...this.revealed, copied: id };
    }
    this.status = `${label} copied to the clipboard`;
  }

  /** Drops the secret: from this element's state and from the inputs that showed it. */
  private closeRevealed = (): void => {
    for (const input of this.renderRoot.querySelectorAll<HTMLInputElement>("dialog input")) {
      input.value = "";
    }
    this.revealed = undefined;
    this.status = "";
    void this.updateComplete.then(() => (this.renderRoot.querySelector("header button.primary") as HTMLElement)?.focus());
  };

  // ---- delete, with no undo ----

  private confirmDelete(token: Token): void {
    this.menuFor = undefined;
    this.deleteError = undefined;
    this.deleting = token;
  }

  private renderDeleteConfirmation(token: Token): TemplateResult {
    return html`
      <dialog role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-warning"
          @close=${this.closeDelete} @cancel=${this.closeDelete}>
        <h3 id="delete-title">Delete “${token.description || token.clientId || "this token"}”?</h3>
        <p id="delete-warning">Anything that uses this token is refused within a second. <strong>There is no undo.</strong></p>
        ${this.deleteError ? html`<div class="alert" role="alert">${this.deleteError}</div>` : nothing}
        <div class="buttons">
          <button @click=${this.closeDelete} autofocus>Cancel</button>
          <button class="danger" @click=${() => this.delete(token)}>Delete token</button>
        </div>
      </dialog>`;
  }

  private closeDelete = (): void => {
    this.deleting = undefined;
  };

  private async delete(token: Token): Promise<void> {
    if (!this.api || !token.id) {
      return;
    }
    const kind: Kind = token.context === "PERSONAL" ? "personal" : "tenant";
    try {
      if (kind === "tenant") {
        await this.api.tokens.deleteTenantToken({ tenantId: this.tenant, tokenId: token.id });
      } else {
        await this.api.tokens.deletePersonalToken({ tenantId: this.tenant, tokenId: token.id });
      }
      this.deleting = undefined;
      this.status = `Token “${token.description}” deleted`;
      await this.refresh(kind);
    } catch (error) {
      this.deleteError = (await problemOf(error)).detail;
    }
  }
}

function roleName(role: { id?: string; key?: string; name?: string; description?: string; level?: number }): RoleName {
  return { id: role.id ?? "", key: role.key ?? "", name: role.name, description: role.description, level: role.level ?? 0 };
}

if (!customElements.get("latchkey-api-tokens")) {
  customElements.define("latchkey-api-tokens", LatchkeyApiTokens);
}

declare global {
  interface HTMLElementTagNameMap {
    "latchkey-api-tokens": LatchkeyApiTokens;
  }
}
