// The page token-service serves at /portal/: it hosts the element the way a vendor's app would. The session comes
// in the URL's fragment (#tenant=…&session=<JWT>), which browsers never send to a server; the page takes it into
// memory and removes it from the address bar and history at once. Where rbac-service and auth-service are comes from
// config.json, which token-service writes from its configuration; unset, they are on this page's host.
import "./latchkey-api-tokens";

interface PortalConfig {
  rbacUrl?: string;
  authUrl?: string;
}

async function start(): Promise<void> {
  const element = document.querySelector("latchkey-api-tokens")!;
  const fragment = new URLSearchParams(location.hash.slice(1));
  const tenant = fragment.get("tenant");
  const session = fragment.get("session");
  if (location.hash) {
    history.replaceState(null, "", location.pathname + location.search);
  }
  const config: PortalConfig = await fetch("config.json", { cache: "no-store" })
    .then((r) => (r.ok ? r.json() : {}), () => ({}));
  if (!tenant || !session) {
    showNotice("This page needs a session. Open it through the link the run command printed, or embed the"
      + " <latchkey-api-tokens> element in your own app and hand it the signed-in user's JWT.");
    return;
  }
  // Unconfigured, the services share this page's host (one public host behind an Ingress, as deploy/ has it).
  element.tokenUrl = location.origin;
  element.rbacUrl = config.rbacUrl ?? location.origin;
  element.authUrl = config.authUrl ?? location.origin;
  element.tenant = tenant;
  element.session = session;
}

function showNotice(text: string): void {
  const notice = document.createElement("p");
  notice.className = "notice";
  notice.textContent = text;
  document.querySelector("main")!.replaceChildren(notice);
}

void start();
