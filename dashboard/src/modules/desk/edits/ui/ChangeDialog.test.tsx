import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SubscriptionContext } from "../../detail/context";
import type { SubscriptionDetail } from "../../detail/operations";
import { detail, renderDesk, scriptedClient } from "../../testing";
import { CancelEdit, DeleteEdit } from "./LifecycleEdits";
import { QuantityEdit, VariantEdit } from "./LineEdits";
import type { Language } from "../../../i18n/messages";

afterEach(cleanup);

function open(ui: React.ReactNode, answer: object | undefined, shown: SubscriptionDetail = detail(), language: Language = "en") {
  const refresh = vi.fn();
  const scripted = scriptedClient((name) => (name.startsWith("StaffSubscription") ? answer : undefined));
  renderDesk(
    <SubscriptionContext.Provider value={{ id: "7", detail: shown, refresh }}>{ui}</SubscriptionContext.Provider>,
    scripted.client,
    language,
  );
  return { refresh, calls: scripted.calls };
}

const quantity = (text: string) => fireEvent.change(screen.getByLabelText("Quantity"), { target: { value: text } });
const submit = async (label: string) => {
  await act(async () => fireEvent.click(screen.getByRole("button", { name: label })));
};

describe("a change dialog", () => {
  it("refuses a quantity of zero before sending anything", async () => {
    const { calls } = open(<QuantityEdit line={detail().lines[0]} />, { staffSubscriptionQuantity: { errors: [] } });
    fireEvent.click(screen.getByRole("button", { name: "Quantity" }));
    quantity("0");
    await submit("Save");
    expect(await screen.findByText("At least 1.")).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it("sends the change with the line and closes, reloading the page", async () => {
    const { calls, refresh } = open(<QuantityEdit line={detail().lines[0]} />, {
      staffSubscriptionQuantity: { errors: [] },
    });
    fireEvent.click(screen.getByRole("button", { name: "Quantity" }));
    quantity("5");
    await submit("Save");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(calls).toEqual([
      { name: "StaffSubscriptionQuantity", variables: { id: "7", lineId: "L1", quantity: 5, override: false } },
    ]);
    expect(refresh).toHaveBeenCalled();
  });

  it("shows a refusal naming a field under that field, in the staff's language", async () => {
    open(
      <QuantityEdit line={detail().lines[0]} />,
      { staffSubscriptionQuantity: { errors: [{ field: "quantity", code: "QUANTITY_OUT_OF_RANGE", message: "このプランは 6 個までです。" }] } },
      detail(),
      "ja",
    );
    fireEvent.click(screen.getByRole("button", { name: "数量" }));
    fireEvent.change(screen.getByLabelText("数量"), { target: { value: "9" } });
    await submit("保存");
    expect(await screen.findByText("このプランは 6 個までです。")).toBeTruthy();
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("shows any other refusal above the buttons and stays open", async () => {
    open(<QuantityEdit line={detail().lines[0]} />, {
      staffSubscriptionQuantity: {
        errors: [{ field: null, code: "PAST_CUTOFF", message: "The next delivery is already being prepared." }],
      },
    });
    fireEvent.click(screen.getByRole("button", { name: "Quantity" }));
    quantity("3");
    await submit("Save");
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("The app refused this request");
    expect(alert.textContent).toContain("The next delivery is already being prepared.");
  });
});

describe("overrides", () => {
  it("offers the cut-off override only where the subscription allows it", () => {
    open(<QuantityEdit line={detail().lines[0]} />, undefined);
    fireEvent.click(screen.getByRole("button", { name: "Quantity" }));
    expect(screen.queryByText(/Override the customers' change cut-off/)).toBeNull();
    cleanup();

    open(<QuantityEdit line={detail().lines[0]} />, undefined, detail({ allowedOverrides: ["CUTOFF"] }));
    fireEvent.click(screen.getByRole("button", { name: "Quantity" }));
    expect(screen.getByText(/Override the customers' change cut-off/)).toBeTruthy();
  });

  it("cancels at the period end unless told otherwise, overriding the commitment only where allowed", async () => {
    const { calls } = open(<CancelEdit />, { staffSubscriptionCancel: { errors: [] } });
    fireEvent.click(screen.getByRole("button", { name: "Cancel subscription" }));
    expect(screen.queryByText(/Override the minimum commitment/)).toBeNull();
    await submit("Cancel subscription");
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0].variables).toEqual({ id: "7", atPeriodEnd: true, reason: "", override: false });
    cleanup();

    const allowed = open(<CancelEdit />, { staffSubscriptionCancel: { errors: [] } }, detail({ allowedOverrides: ["COMMITMENT"] }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel subscription" }));
    fireEvent.click(screen.getByRole("radio", { name: "Now" }));
    fireEvent.click(screen.getByRole("checkbox"));
    await submit("Cancel subscription");
    await waitFor(() => expect(allowed.calls).toHaveLength(1));
    expect(allowed.calls[0].variables).toEqual({ id: "7", atPeriodEnd: false, reason: "", override: true });
  });
});

describe("deleting", () => {
  it("says what happens in Saleor, asks for the tick, then goes back to the list", async () => {
    window.history.replaceState(null, "", "/dashboard/subscriptions/7?saleorApiUrl=x");
    const { calls } = open(<DeleteEdit />, { staffSubscriptionDelete: { deleted: true, saleorDraftsDeleted: 1, errors: [] } });
    fireEvent.click(screen.getByRole("button", { name: "Delete" }));
    expect(screen.getByText("3 placed orders stay in Saleor; 1 unpaid renewal order is removed.")).toBeTruthy();
    await submit("Delete");
    expect(await screen.findByText("Tick the box to confirm.")).toBeTruthy();
    expect(calls).toEqual([]);
    fireEvent.click(screen.getByRole("checkbox"));
    await submit("Delete");
    await waitFor(() => expect(window.location.pathname).toBe("/dashboard/subscriptions"));
    expect(calls).toEqual([{ name: "StaffSubscriptionDelete", variables: { id: "7" } }]);
  });
});

describe("another variant", () => {
  it("offers the product's variants in the channel and sends the one chosen", async () => {
    const refresh = vi.fn();
    const scripted = scriptedClient((name) => {
      if (name === "DeskProductChoices")
        return {
          staffProducts: {
            products: [
              {
                id: "P1",
                name: "Single origin coffee",
                plans: [],
                variants: [
                  { id: "UHJvZHVjdFZhcmlhbnQ6MQ==", name: "200 g", sku: "C200", price: { amount: "1280", currency: "JPY" } },
                  { id: "UHJvZHVjdFZhcmlhbnQ6Mg==", name: "500 g", sku: "C500", price: { amount: "2980", currency: "JPY" } },
                ],
              },
            ],
            errors: [],
          },
        };
      return name === "StaffSubscriptionVariant" ? { staffSubscriptionVariant: { errors: [] } } : undefined;
    });
    renderDesk(
      <SubscriptionContext.Provider value={{ id: "7", detail: detail(), refresh }}>
        <VariantEdit line={detail().lines[0]} />
      </SubscriptionContext.Provider>,
      scripted.client,
      "ja",
    );
    fireEvent.click(screen.getByRole("button", { name: "バリエーション" }));
    expect(scripted.calls[0]).toEqual({ name: "DeskProductChoices", variables: { channel: "jp", search: "Single origin coffee" } });
    fireEvent.click(screen.getByRole("radio", { name: "500 g — ￥2,980" }));
    await submit("保存");
    await waitFor(() => expect(scripted.calls.at(-1)!.name).toBe("StaffSubscriptionVariant"));
    expect(scripted.calls.at(-1)!.variables).toEqual({ id: "7", lineId: "L1", variantId: "UHJvZHVjdFZhcmlhbnQ6Mg==", override: false });
  });
});
