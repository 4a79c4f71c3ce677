"""The Saleor Dashboard's side of App Bridge, as APP_PROTOCOL §7.5 saw the real Dashboard 3.23.27 do it.

`SaleorWithDashboard` is the Saleor stand-in that also serves a Dashboard at `/dashboard/` on its own
origin, where Saleor serves it by default: an app page is `/dashboard/extensions/app/<app id><path>`,
which shows the app in a cross-origin iframe sandboxed as the Dashboard does, whose src is the
manifest's `appUrl` without its trailing slash, plus the page's path and query, plus `domain`,
`saleorApiUrl`, `id` and `theme`. A widget's src is joined as the real Dashboard 3.23.27 joined it in a
trial against our app: `appUrl` with its trailing slash plus the extension's url (`…/dashboard//widgets/order`),
its `domain`, `saleorApiUrl` and `id` twice. On the iframe's `load` it posts `handshake`; when the app posts
`notifyReady` it answers `response {ok}` and a second `handshake`, then `localeChanged`, `theme` and
`redirect`, and only then shows the iframe. Every action of the app (with a `type` and an
`actionId`, from the app's origin) is answered `ok` and recorded in `window.dashboard.actions`;
`notification` also shows a toast. `window.dashboard.send(type, payload)` posts an event later
(`theme`, `localeChanged`, `tokenRefresh`).
"""

import html
import json

from ..saleor_standin.standin import SaleorStandin

SALEOR_VERSION = "3.23.28"
DASHBOARD_VERSION = "v3.23.27"
SANDBOX = "allow-same-origin allow-forms allow-scripts allow-downloads allow-popups"
APP_PAGE_PREFIX = "/dashboard/extensions/app/"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Saleor Dashboard (test harness)</title>
<style>
  body { margin: 0; font: 14px sans-serif; display: flex; flex-direction: column; height: 100vh; }
  header { padding: 8px 16px; background: #1f2933; color: #fff; }
  #spinner { padding: 16px; }
  iframe { flex: 1; border: 0; width: 100%; visibility: hidden; }
  #toasts { position: fixed; right: 16px; bottom: 16px; display: flex; flex-direction: column; gap: 8px; }
  #toasts div { background: #fff; border: 1px solid #888; padding: 8px 12px; box-shadow: 0 2px 6px #0003; }
</style></head>
<body>
<header>Saleor Dashboard {dashboard_version} (test harness) · {email}</header>
<div id="spinner">Loading app…</div>
<div id="toasts" role="status"></div>
<script>
const session = {session};
const dashboard = (window.dashboard = { actions: [], events: [], loads: 0, ready: false });
const appOrigin = new URL(session.appUrl).origin;
const appPage = location.pathname.slice({prefix_length});  // <app id><extension path>
const extensionPath = appPage.includes("/") ? appPage.slice(appPage.indexOf("/")) : "";
const query = new URLSearchParams(location.search);
query.set("domain", new URL(session.saleorApiUrl).host);
query.set("saleorApiUrl", session.saleorApiUrl);
query.set("id", session.appId);
query.set("theme", session.theme);

const iframe = document.createElement("iframe");
iframe.id = "app";
iframe.setAttribute("sandbox", "{sandbox}");
if (session.widget) {
  for (const name of ["domain", "saleorApiUrl", "id"]) query.append(name, query.get(name));
  iframe.src = session.appUrl + extensionPath + "?" + query;
} else {
  iframe.src = session.appUrl.replace(/\\/$/, "") + extensionPath + "?" + query;
}
dashboard.src = iframe.src;

dashboard.send = (type, payload) => {
  if (type === "tokenRefresh") session.token = payload.token;
  dashboard.events.push({ type, payload });
  iframe.contentWindow.postMessage({ type, payload }, appOrigin);
};
const handshake = () => dashboard.send("handshake", {
  token: session.token, version: 1, saleorVersion: "{saleor_version}", dashboardVersion: "{dashboard_version}",
});

iframe.addEventListener("load", () => {
  dashboard.loads += 1;
  handshake();
});
window.addEventListener("message", (event) => {
  const { type, payload } = event.data || {};
  if (event.origin !== appOrigin || event.source !== iframe.contentWindow || !type || !payload?.actionId) return;
  dashboard.actions.push({ type, payload });
  dashboard.send("response", { actionId: payload.actionId, ok: true });
  if (type === "notifyReady") {
    handshake();
    dashboard.send("localeChanged", { locale: session.locale });
    dashboard.send("theme", { theme: session.theme });
    dashboard.send("redirect", { path: extensionPath });
    dashboard.ready = true;
    document.getElementById("spinner").remove();
    iframe.style.visibility = "visible";
  } else if (type === "notification") {
    const toast = document.createElement("div");
    toast.textContent = [payload.title, payload.text].filter(Boolean).join(": ");
    document.getElementById("toasts").append(toast);
  }
});
document.body.append(iframe);
</script>
</body></html>
"""


def dashboard_page(session: dict) -> bytes:
    """The harness page for one app page; `session` holds the token, app and Dashboard settings."""
    values = {
        "session": json.dumps(session).replace("</", "<\\/"),
        "email": html.escape(session["email"]),
        "sandbox": SANDBOX,
        "saleor_version": SALEOR_VERSION,
        "dashboard_version": DASHBOARD_VERSION,
        "prefix_length": len(APP_PAGE_PREFIX),
    }
    page = PAGE
    for name, value in values.items():
        page = page.replace("{" + name + "}", str(value))
    return page.encode()


class SaleorWithDashboard(SaleorStandin):
    """The stand-in, also serving the Dashboard harness at `/dashboard/extensions/app/…` on its origin.

    `session` is what the next harness page uses (set by the `dashboard` fixture before it opens one);
    `manifest` is the app's manifest as fetched at installation (for its `appUrl`).
    """

    session: dict | None = None
    manifest: dict | None = None

    def check_manifest(self, manifest: dict) -> None:
        super().check_manifest(manifest)
        self.manifest = manifest

    def handle(self, method, path, headers, body):
        if method == "GET" and path.startswith(APP_PAGE_PREFIX) and self.session:
            return 200, {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}, dashboard_page(self.session)
        return super().handle(method, path, headers, body)
