import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { useDashboardRouteSync } from "../../../app-bridge/redirect";
import { ROW, fakeBridge, renderDesk, scriptedClient } from "../../testing";
import { SubscriptionsList } from "./SubscriptionsList";

beforeEach(() => {
  sessionStorage.clear();
  window.history.replaceState(null, "", "/dashboard/subscriptions?saleorApiUrl=https%3A%2F%2Fshop.example%2Fgraphql%2F");
});
afterEach(cleanup);

function list(pages: Record<string, { rows: (typeof ROW)[]; next?: string }>) {
  const scripted = scriptedClient((name, variables) => {
    if (name !== "StaffSubscriptions") return undefined;
    const page = pages[String(variables.after ?? "")] ?? { rows: [] };
    return {
      staffSubscriptions: {
        subscriptions: page.rows,
        pageInfo: { hasNextPage: Boolean(page.next), endCursor: page.next ?? null },
        errors: [],
      },
    };
  });
  renderDesk(<SubscriptionsList />, scripted.client, "ja");
  return scripted.calls;
}

describe("the subscriptions list", () => {
  it("shows each subscription's status, customer, plan, next delivery, deliveries and payment", () => {
    list({ "": { rows: [{ ...ROW, needsAttention: true, payment: "payment_slip", paymentLabel: "払込票同封" }] } });
    const row = screen.getByText("hanako@example.com").closest("tr")!;
    expect(row.textContent).toContain("山田 花子");
    expect(row.textContent).toContain("継続中");
    expect(row.textContent).toContain("毎月のコーヒー");
    expect(row.textContent).toContain("2026/12/05");
    expect(row.textContent).toContain("払込票同封");  // the API's label: a plug-in's method too
    expect(row.textContent).toContain("要対応");
  });

  it("opens a subscription in the app, keeping the Dashboard's parameters", () => {
    list({ "": { rows: [ROW] } });
    fireEvent.click(screen.getByText("毎月のコーヒー"));
    expect(window.location.pathname).toBe("/dashboard/subscriptions/7");
    expect(window.location.search).toContain("saleorApiUrl=");
  });

  it("pages forward by the cursor and back", async () => {
    const calls = list({ "": { rows: [ROW], next: "c1" }, c1: { rows: [{ ...ROW, id: "8", email: "taro@example.com" }] } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "次のページ" })));
    expect(calls.at(-1)!.variables).toEqual({ first: 50, after: "c1" });
    expect(await screen.findByText("taro@example.com")).toBeTruthy();
    expect(screen.getByText("2 ページ目")).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "前のページ" })));
    expect(await screen.findByText("hanako@example.com")).toBeTruthy();
  });

  it("searches once the operator pauses typing, from the first page", async () => {
    const calls = list({ "": { rows: [ROW], next: "c1" }, c1: { rows: [] } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "次のページ" })));
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "山田" } });
    fireEvent.change(screen.getByRole("searchbox"), { target: { value: "山田 花子" } });
    await waitFor(() => expect(calls.at(-1)!.variables).toEqual({ search: "山田 花子", first: 50 }));
    expect(calls.filter((call) => call.variables.search === "山田")).toEqual([]);
  });

  it("asks only for what is filtered, and not at all for a reversed date range", async () => {
    const calls = list({ "": { rows: [] } });
    expect(screen.getByText("該当する定期購入はありません。")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("次回お届け日（から）"), { target: { value: "2026-12-10" } });
    fireEvent.change(screen.getByLabelText("次回お届け日（まで）"), { target: { value: "2026-12-01" } });
    expect(screen.getByText("期間の開始日より前の日付です。")).toBeTruthy();
    expect(calls.at(-1)!.variables).toEqual({ first: 50, nextFrom: "2026-12-10" });
  });
});

describe("the Dashboard's address", () => {
  it("follows the page the operator opens (updateRouting)", () => {
    const { bridge, dispatch } = fakeBridge();
    function Synced() {
      useDashboardRouteSync();
      return <SubscriptionsList />;
    }
    const scripted = scriptedClient(() => ({
      staffSubscriptions: { subscriptions: [ROW], pageInfo: { hasNextPage: false, endCursor: null }, errors: [] },
    }));
    renderDesk(<Synced />, scripted.client, "en", bridge);
    expect(dispatch).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText("毎月のコーヒー"));
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ type: "updateRouting", payload: expect.objectContaining({ newRoute: "/subscriptions/7" }) }),
    );
  });
});
