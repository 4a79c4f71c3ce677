import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SubscriptionContext } from "../../detail/context";
import { detail, renderDesk, scriptedClient } from "../../testing";
import { NewCardEdit } from "./NewCardEdit";

// Stripe Elements stays out of the test: the card module answers with the SetupIntent Stripe confirmed.
vi.mock("../../../cards/ui/CardEntry", () => ({
  CardEntry: ({ onSaved, email }: { onSaved: (id: string) => void; email: string }) => (
    <button type="button" onClick={() => onSaved("seti_123")}>
      Stripe saved the card of {email}
    </button>
  ),
}));

afterEach(cleanup);

function open(answer: object) {
  const refresh = vi.fn();
  const scripted = scriptedClient((name) => (name === "StaffSubscriptionCard" ? answer : undefined));
  renderDesk(
    <SubscriptionContext.Provider value={{ id: "7", detail: detail(), refresh }}>
      <NewCardEdit />
    </SubscriptionContext.Provider>,
    scripted.client,
  );
  fireEvent.click(screen.getByRole("button", { name: "Take a new card" }));
  return { refresh, calls: scripted.calls };
}

describe("taking a new card", () => {
  it("renews with the card Stripe saved for the customer", async () => {
    const { calls, refresh } = open({ staffSubscriptionCard: { subscription: { id: "7", payment: "card" }, errors: [] } });
    await act(async () => fireEvent.click(screen.getByText("Stripe saved the card of hanako@example.com")));
    expect(calls).toEqual([{ name: "StaffSubscriptionCard", variables: { id: "7", setupIntentId: "seti_123" } }]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(refresh).toHaveBeenCalled();
  });

  it("keeps the dialog open with the refusal", async () => {
    open({
      staffSubscriptionCard: {
        subscription: null,
        errors: [{ field: "setupIntentId", code: "CARD_DECLINED", message: "The card was declined." }],
      },
    });
    await act(async () => fireEvent.click(screen.getByText(/Stripe saved the card/)));
    expect((await screen.findByRole("alert")).textContent).toContain("The card was declined.");
    expect(screen.getByRole("dialog")).toBeTruthy();
  });
});
