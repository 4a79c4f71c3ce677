import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SubscriptionContext } from "../../detail/context";
import type { SubscriptionDetail } from "../../detail/operations";
import { PaymentCard } from "../../detail/ui/PaymentCard";
import { detail, renderDesk, scriptedClient } from "../../testing";

// Stripe Elements stays out of the test (the card's own dialog is NewCardEdit.test.tsx's)
vi.mock("../../../cards/ui/CardEntry", () => ({ CardEntry: () => null }));

afterEach(cleanup);

const SLIP = { name: "payment_slip", label: "Payment slip (packed with the goods)" };
const CHOICES = [{ name: "cod", label: "Cash on delivery" }, SLIP];

function open(shown: SubscriptionDetail, answer?: object) {
  const refresh = vi.fn();
  const scripted = scriptedClient((name) => (name === "StaffSubscriptionPaymentMethod" ? answer : undefined));
  renderDesk(
    <SubscriptionContext.Provider value={{ id: "7", detail: shown, refresh }}>
      <PaymentCard />
    </SubscriptionContext.Provider>,
    scripted.client,
  );
  return { refresh, calls: scripted.calls };
}

describe("the subscription's payment method on the desk", () => {
  it("names a plug-in's method by the API's label", () => {
    open(detail({ paymentMethod: { kind: "payment_slip", label: SLIP.label, brand: null, last4: null, expMonth: null, expYear: null },
      paymentMethodChoices: CHOICES }));
    expect(screen.getByText(SLIP.label)).toBeTruthy();
  });

  it("offers the methods the API lists for this subscription and switches by the method's name", async () => {
    const { calls, refresh } = open(detail({ paymentMethodChoices: CHOICES }),
      { staffSubscriptionPaymentMethod: { subscription: { id: "7", payment: "payment_slip" }, errors: [] } });
    fireEvent.click(screen.getByRole("button", { name: "Change the payment method" }));
    expect(screen.getAllByRole("radio").map((radio) => radio.getAttribute("value"))).toEqual(["cod", "payment_slip"]);
    fireEvent.click(screen.getByRole("radio", { name: SLIP.label }));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save" })));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls).toEqual([{ name: "StaffSubscriptionPaymentMethod", variables: { id: "7", method: "payment_slip" } }]);
    expect(refresh).toHaveBeenCalled();
  });

  it("keeps the dialog open with the API's refusal", async () => {
    open(detail({ paymentMethodChoices: CHOICES }), { staffSubscriptionPaymentMethod: { subscription: null, errors: [
      { field: "paymentMethod", code: "PAYMENT_METHOD", message: "This subscription's plan or its sales channel does not offer this payment method." }] } });
    fireEvent.click(screen.getByRole("button", { name: "Change the payment method" }));
    fireEvent.click(screen.getByRole("radio", { name: "Cash on delivery" }));
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save" })));
    expect((await screen.findByRole("alert")).textContent).toContain("does not offer this payment method");
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("offers no switch when the plan has no other method staff may take", () => {
    open(detail({ paymentMethodChoices: [] }));
    expect(screen.getByText("Visa •••• 4242, expires 04/2030")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Change the payment method" })).toBeNull();
  });
});
