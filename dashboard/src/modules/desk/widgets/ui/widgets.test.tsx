import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ROW, fakeBridge, renderDesk, scriptedClient } from "../../testing";
import { CustomerWidget } from "./CustomerWidget";
import { OrderWidget } from "./OrderWidget";

afterEach(cleanup);

const redirects = (dispatch: ReturnType<typeof fakeBridge>["dispatch"]) =>
  dispatch.mock.calls.map((call) => (call as unknown as [{ type: string; payload: { to?: string } }])[0]).filter((action) => action.type === "redirect").map((action) => action.payload.to);

describe("the customer widget", () => {
  it("lists the customer's subscriptions and opens one as the app's page", () => {
    const { bridge, dispatch } = fakeBridge();
    const scripted = scriptedClient(() => ({ staffSubscriptions: { subscriptions: [ROW], errors: [] } }));
    renderDesk(<CustomerWidget customerId="VXNlcjox" />, scripted.client, "en", bridge);

    expect(scripted.calls[0].variables).toEqual({ customer: "VXNlcjox" });
    expect(screen.getByText("Next delivery Dec 5, 2026")).toBeTruthy();
    fireEvent.click(screen.getByText("毎月のコーヒー"));
    fireEvent.click(screen.getByRole("button", { name: "New subscription for this customer" }));
    expect(redirects(dispatch)).toEqual([
      "/extensions/app/app-1/subscriptions/7",
      "/extensions/app/app-1/phone-order?customerId=VXNlcjox",
    ]);
  });

  it("says where it belongs when opened without a customer", () => {
    const scripted = scriptedClient(() => undefined);
    renderDesk(<CustomerWidget customerId={null} />, scripted.client);
    expect(screen.getByText("Open this from a customer or an order in the Dashboard.")).toBeTruthy();
    expect(scripted.calls).toEqual([]);
  });
});

describe("the order widget", () => {
  it("names the subscription and the cycle the order renewed", () => {
    const scripted = scriptedClient(() => ({
      staffOrderSubscription: { subscription: ROW, cycle: 3, role: "renewal", errors: [] },
    }));
    renderDesk(<OrderWidget orderId="T3JkZXI6MQ==" />, scripted.client, "zh-Hant");
    expect(screen.getByText("毎月のコーヒー")).toBeTruthy();
    expect(screen.getByText("續訂，第 3 次配送")).toBeTruthy();
    expect(screen.getByText("進行中")).toBeTruthy();
  });

  it("opens the invoice of a renewal paid after delivery in a new tab, for the warehouse to print", () => {
    const { bridge, dispatch } = fakeBridge();
    const invoiceUrl = "https://app.example.com/invoices/signed-token";
    const scripted = scriptedClient(() => ({
      staffOrderSubscription: { subscription: ROW, cycle: 3, role: "renewal", invoiceUrl, errors: [] },
    }));
    renderDesk(<OrderWidget orderId="T3JkZXI6MQ==" />, scripted.client, "ja", bridge);
    fireEvent.click(screen.getByText("請求書（PDF・印刷用）"));
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ type: "redirect", payload: expect.objectContaining({ to: invoiceUrl, newContext: true }) }),
    );
  });

  it("says so for an order outside any subscription", () => {
    const scripted = scriptedClient(() => ({
      staffOrderSubscription: { subscription: null, cycle: null, role: null, errors: [] },
    }));
    renderDesk(<OrderWidget orderId="T3JkZXI6OQ==" />, scripted.client);
    expect(screen.getByText("This order is not part of a subscription.")).toBeTruthy();
  });

  it("tells a free first delivery still waiting for the customer's card from one whose card never came", () => {
    const answers = ["WAITING", "REFUSED"].map((cardWait) => ({
      staffOrderSubscription: { subscription: null, cycle: null, role: null, cardWait, errors: [] },
    }));
    renderDesk(<OrderWidget orderId="T3JkZXI6Nw==" />, scriptedClient(() => answers[0]).client, "ja");
    expect(screen.getByText("0円の注文で、お客様のカード登録がまだ完了していません。登録され次第、定期購入が始まります。")).toBeTruthy();
    cleanup();
    renderDesk(<OrderWidget orderId="T3JkZXI6Nw==" />, scriptedClient(() => answers[1]).client, "en");
    expect(screen.getByText("Nothing was due at checkout, but the customer's card was never saved: no subscription was started.")).toBeTruthy();
  });
});
