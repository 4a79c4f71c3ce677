import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { detail, fakeBridge, renderDesk, scriptedClient } from "../../testing";
import type { SubscriptionDetail } from "../operations";
import { SubscriptionPage } from "./SubscriptionPage";
import type { Language } from "../../../i18n/messages";

afterEach(cleanup);

function show(shown: SubscriptionDetail, language: Language = "en") {
  const { bridge, dispatch } = fakeBridge();
  const { client } = scriptedClient((name) => (name === "StaffSubscription" ? { staffSubscription: shown } : undefined));
  renderDesk(<SubscriptionPage id="7" />, client, language, bridge);
  return dispatch;
}

describe("a subscription's page", () => {
  it("prices the next delivery in the channel currency, per the Dashboard's language", () => {
    show(detail(), "ja");
    expect(screen.getByTestId("next-unit-price").textContent).toBe("￥1,280");
    expect(screen.getByText("2026/12/05")).toBeTruthy();
    expect(screen.getByText("Visa •••• 4242（有効期限 04/2030）")).toBeTruthy();
    cleanup();

    show(detail({ lines: [{ ...detail().lines[0], nextUnitPrice: { amount: "12.5", currency: "USD" } }] }), "en");
    expect(screen.getByTestId("next-unit-price").textContent).toBe("$12.50");
  });

  it("opens a renewal's Saleor order through the Dashboard", () => {
    const dispatch = show(
      detail({
        renewals: [
          {
            cycle: 2,
            state: "ordered",
            scheduledFor: "2026-11-05",
            orderId: "T3JkZXI6MQ==",
            orderNumber: "1042",
            amount: { amount: "2560", currency: "JPY" },
            attempts: 1,
            problem: null,
            paymentStatus: "PENDING",
            canConfirmPayment: true,
          },
        ],
      }),
    );
    fireEvent.click(screen.getByText("Open order 1042"));
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ type: "redirect", payload: expect.objectContaining({ to: "/orders/T3JkZXI6MQ%3D%3D" }) }),
    );
    expect(screen.getByRole("button", { name: "Payment arrived" })).toBeTruthy();
  });

  it("opens a cash-on-delivery renewal's invoice in a new tab, to print it for the parcel", () => {
    const invoiceUrl = "https://app.example.com/invoices/signed-token";
    const renewal = {
      cycle: 2, state: "done", scheduledFor: "2026-11-05", orderId: "T3JkZXI6MQ==", orderNumber: "1042",
      amount: { amount: "2560", currency: "JPY" }, attempts: 1, problem: null, paymentStatus: "PENDING" as const,
      canConfirmPayment: true,
    };
    const dispatch = show(detail({ renewals: [{ ...renewal, invoiceUrl }, { ...renewal, cycle: 3, invoiceUrl: null }] }), "ja");
    const links = screen.getAllByText("請求書（PDF・印刷用）");
    expect(links).toHaveLength(1);  // a card renewal has none
    fireEvent.click(links[0]);
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ type: "redirect", payload: expect.objectContaining({ to: invoiceUrl, newContext: true }) }),
    );
  });

  it("shows what a partly paid bank transfer still awaits; Stripe, not staff, confirms it", () => {
    show(
      detail({
        renewals: [
          {
            cycle: 2, state: "done", scheduledFor: "2026-11-05", orderId: "T3JkZXI6MQ==", orderNumber: "1042",
            amount: { amount: "6500", currency: "JPY" }, amountRemaining: { amount: "2500", currency: "JPY" }, attempts: 1,
            problem: null, paymentStatus: "PENDING", canConfirmPayment: false,
          },
        ],
      }),
    );
    expect(screen.getByText(/payment awaited · ¥2,500 still awaited/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Payment arrived" })).toBeNull();
  });

  it("opens the order that started the subscription in the Dashboard", () => {
    const dispatch = show(detail({}));
    fireEvent.click(screen.getByText("Open the first order in Saleor"));
    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ type: "redirect", payload: expect.objectContaining({ to: "/orders/T3JkZXI6MA%3D%3D" }) }),
    );
  });

  it("says what needs attention in plain words", () => {
    show(detail({ problems: ["The card was declined twice; the customer was mailed."] }));
    expect(screen.getByRole("status").textContent).toContain("The card was declined twice");
  });

  it("shows the refusal in place of the page for a staff user without MANAGE_ORDERS", () => {
    show(
      detail({
        subscription: null,
        errors: [{ field: null, code: "PERMISSION_DENIED", message: "This needs the MANAGE_ORDERS permission." }],
      }),
    );
    expect(screen.getByRole("alert").textContent).toContain("Your account may not see this");
    expect(screen.queryByText("Products")).toBeNull();
  });

  it("offers resume instead of pause for a paused subscription, and no schedule changes once ended", () => {
    show(detail({ subscription: { ...detail().subscription!, status: "PAUSED" } }));
    expect(screen.getByRole("button", { name: "Resume" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Pause" })).toBeNull();
    cleanup();

    show(detail({ subscription: { ...detail().subscription!, status: "CANCELLED" } }));
    expect(screen.queryByRole("button", { name: "Skip next delivery" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Cancel subscription" })).toBeNull();
  });
});
