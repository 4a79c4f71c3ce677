import { AppBridge } from "@saleor/app-sdk/app-bridge";
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { App, DashboardShell } from "./App";

const DASHBOARD = "https://dashboard.example";

/** A token shaped like the Dashboard's (the page only reads its claims; the app's API verifies it). */
function dashboardToken(claims: object): string {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, "");
  const permissions = ["MANAGE_ORDERS", "MANAGE_PRODUCTS"];
  const payload = { permissions, user_permissions: permissions, email: "staff@example.com", ...claims };
  return `${part({ alg: "RS256" })}.${part(payload)}.sig`;
}

/** What the Dashboard posts into the iframe (APP_PROTOCOL §7.3). */
function dashboardSends(type: string, payload: object) {
  act(() => {
    window.dispatchEvent(new MessageEvent("message", { origin: DASHBOARD, data: { type, payload } }));
  });
}

let fetchMock: ReturnType<typeof vi.fn>;

beforeEach(() => {
  fetchMock = vi.fn(async () =>
    Response.json({
      data: {
        staffSubscriptions: {
          subscriptions: [
            {
              id: "1",
              status: "ACTIVE",
              email: "hanako@example.com",
              customerId: "VXNlcjox",
              channel: "jp",
              currency: "JPY",
              plan: "tea-monthly",
              nextDelivery: "2026-12-05",
              deliveries: 3,
              payment: "cod",
              paymentLabel: "Cash on delivery",
              needsAttention: false,
            },
          ],
          pageInfo: { hasNextPage: false, endCursor: null },
          errors: [],
        },
      },
    }),
  );
  vi.stubGlobal("fetch", fetchMock);
  vi.spyOn(document, "referrer", "get").mockReturnValue(`${DASHBOARD}/dashboard/apps/`);
  window.history.replaceState(null, "", "/dashboard?saleorApiUrl=https%3A%2F%2Fshop.example%2Fgraphql%2F&locale=ja&theme=light");
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("inside the Dashboard", () => {
  it("waits for the handshake, then asks the staff API with its token in the Dashboard's language", async () => {
    render(<DashboardShell bridge={new AppBridge({ autoNotifyReady: false })} />);
    expect(screen.getByText("Saleor ダッシュボードに接続しています…")).toBeTruthy();

    dashboardSends("handshake", { token: dashboardToken({}), version: 1 });

    expect(await screen.findByText("tea-monthly")).toBeTruthy();
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("定期購入");
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    const headers = new Headers(init.headers);
    expect(url).toBe("/graphql/");
    expect(headers.get("Authorization-Bearer")).toBe(dashboardToken({}));
    expect(headers.get("Saleor-Api-Url")).toBe("https://shop.example/graphql/");
    expect(headers.get("Accept-Language")).toBe("ja");
  });

  it("follows the Dashboard's locale and theme when they change", async () => {
    render(<DashboardShell bridge={new AppBridge({ autoNotifyReady: false })} />);
    dashboardSends("handshake", { token: dashboardToken({}), version: 1 });
    await screen.findByText("tea-monthly");
    const light = document.documentElement.getAttribute("style");

    dashboardSends("localeChanged", { locale: "zh-Hant" });
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("訂閱");

    dashboardSends("theme", { theme: "dark" });
    expect(document.documentElement.getAttribute("style")).not.toBe(light);
  });

  it("refuses the subscriptions page, naming the permission, to staff without MANAGE_ORDERS", () => {
    render(<DashboardShell bridge={new AppBridge({ autoNotifyReady: false })} />);
    dashboardSends("handshake", { token: dashboardToken({ permissions: ["MANAGE_PRODUCTS"] }), version: 1 });

    expect(screen.getByRole("alert").textContent).toContain("「注文の管理」権限");
    expect(fetchMock).not.toHaveBeenCalled();
  });
});

describe("outside the Dashboard", () => {
  it("says where the page opens", () => {
    render(<App />);
    expect(screen.getByText(/opens inside the Saleor Dashboard/)).toBeTruthy();
  });
});
