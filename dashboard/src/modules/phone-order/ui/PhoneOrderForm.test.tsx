import { AppBridge, AppBridgeProvider } from "@saleor/app-sdk/app-bridge";
import { ThemeProvider } from "@saleor/macaw-ui";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import type { DocumentNode, OperationDefinitionNode } from "graphql";
import { Provider, type Client } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { concat, fromValue, never } from "wonka";
import { LanguageProvider } from "../../i18n/i18n";
import { PhoneOrderForm } from "./PhoneOrderForm";

afterEach(cleanup);

const money = (amount: string, formatted: string) => ({ amount, formatted });
const name = (query: DocumentNode) => (query.definitions[0] as OperationDefinitionNode).name?.value;

function answers(currency: string, placed: unknown, quoted: object = {}) {
  const queries: Record<string, unknown> = {
    StaffProducts: {
      staffProducts: {
        currency,
        errors: [],
        products: [
          { id: "UHJvZHVjdDox", name: "Green tea", plans: [{ code: "monthly", name: "Monthly" }],
            variants: [{ id: "VmFyaWFudDox", name: "100 g", sku: null, price: money("6800", "¥6,800") }] },
        ],
      },
    },
    StaffPhoneOrderQuote: {
      staffPhoneOrderQuote: {
        currency, errors: [],
        paymentMethods: [{ name: "cod", label: "Cash on delivery" }, { name: "card", label: "Card" },
          { name: "payment_slip", label: "Payment slip (packed with the goods)" }],
        lines: [{ variantId: "VmFyaWFudDox", name: "Green tea 100 g", planName: "Monthly", quantity: 2,
                  firstUnitPrice: money("980", "¥980"), firstTotal: money("1960", "¥1,960"),
                  regularUnitPrice: money("5700", "¥5,700"), statements: ["Payment: cash on delivery."] }],
        shippingMethods: [{ id: "U2hpcDox", name: "Yamato", price: money("500", "¥500") }],
        subtotal: money("1960", "¥1,960"), shipping: money("500", "¥500"), total: money("2460", "¥2,460"),
        ...quoted,
      },
    },
    StaffCustomers: {
      staffCustomers: {
        errors: [],
        customers: [{ id: "VXNlcjo2", email: "ashley.cook@example.com", firstName: "Ashley", lastName: "Cook", phone: "",
          languageCode: "EN", defaultShippingAddress: JSON.stringify({ postalCode: "19104", streetAddress1: "1 Market St",
            city: "Philadelphia", countryArea: "PA", country: { code: "US" } }) }],
      },
    },
    StaffCustomer: {
      staffCustomer: {
        errors: [],
        customer: { id: "VXNlcjo0Ng==", email: "hanako@example.jp", firstName: "花子", lastName: "山田", phone: "+81312345678",
          languageCode: "JA", defaultShippingAddress: JSON.stringify({ postalCode: "100-0005", streetAddress1: "丸の内1-1",
            city: "千代田区", countryArea: "東京都", country: { code: "JP" } }) },
      },
    },
    StaffChannels: {
      staffChannels: {
        errors: [],
        channels: [
          { slug: "jp", name: "Japan", currencyCode: "JPY", countryCode: "JP" },
          { slug: "us", name: "United States", currencyCode: "USD", countryCode: "US" },
        ],
      },
    },
  };
  const placeOrder = vi.fn(() => fromValue({ data: placed, stale: false, hasNext: false }));
  const client = {
    executeQuery: ({ query }: { query: DocumentNode }) =>
      concat([fromValue({ data: queries[name(query) ?? ""], stale: false, hasNext: false }), never]),
    executeMutation: placeOrder,
  } as unknown as Client;
  return { client, placeOrder };
}

function renderForm(currency: string, placed: unknown = null, initial = {}, quoted: object = {}) {
  const bridge = new AppBridge({ autoNotifyReady: false });
  const dispatch = vi.spyOn(bridge, "dispatch").mockResolvedValue(undefined as never);
  const { client, placeOrder } = answers(currency, placed, quoted);
  render(
    <ThemeProvider>
      <AppBridgeProvider appBridgeInstance={bridge}>
        <LanguageProvider language="en">
          <Provider value={client}>
            <PhoneOrderForm initial={{ channel: "jp", ...initial }} />
          </Provider>
        </LanguageProvider>
      </AppBridgeProvider>
    </ThemeProvider>,
  );
  return { dispatch, placeOrder };
}

const ready = {
  customerId: "VXNlcjox",
  streetAddress1: "丸の内1-1",
  postalCode: "100-0005",
  shippingMethodId: "U2hpcDox",
  lines: [{ variantId: "VmFyaWFudDox", plan: "monthly", quantity: 2 }],
};

describe("PhoneOrderForm", () => {
  it("asks a new customer's kana in a yen channel only", async () => {
    renderForm("JPY");
    expect(await screen.findByLabelText("Last name (kana)")).toBeTruthy();
    cleanup();
    renderForm("USD");
    await screen.findByLabelText("Last name");
    expect(screen.queryByLabelText("Last name (kana)")).toBeNull();
  });

  it("takes the order in the first of Saleor's channels unless the page was opened for one", async () => {
    renderForm("JPY", null, { channel: "" });
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Channel" }).textContent).toContain("Japan (JPY)"));
    cleanup();
    renderForm("USD", null, { channel: "us" });
    await waitFor(() => expect(screen.getByRole("combobox", { name: "Channel" }).textContent).toContain("United States (USD)"));
  });

  it("lets a found customer's country pick the channel, unless the operator chose one", async () => {
    const find = async () => {
      fireEvent.change(screen.getByLabelText("Find by e-mail, name or phone"), { target: { value: "ashley" } });
      fireEvent.click(await screen.findByRole("button", { name: /ashley\.cook@example\.com/ }));
    };
    const channel = () => screen.getByRole("combobox", { name: "Channel" });
    renderForm("USD", null, { channel: "" });
    await waitFor(() => expect(channel().textContent).toContain("Japan (JPY)"));
    await find();
    await waitFor(() => expect(channel().textContent).toContain("United States (USD)"));  // her US address
    cleanup();
    renderForm("JPY", null, { channel: "" });
    await waitFor(() => expect(channel().textContent).toContain("Japan (JPY)"));
    for (const chosen of ["United States (USD)", "Japan (JPY)"]) {  // the operator changes it, and back
      fireEvent.click(channel());
      fireEvent.click(await screen.findByRole("option", { name: chosen }));
      await waitFor(() => expect(channel().textContent).toContain(chosen));
    }
    await find();
    expect((screen.getByLabelText("Postal code") as HTMLInputElement).value).toBe("19104");
    expect(channel().textContent).toContain("Japan (JPY)");
  });

  it("opened for a customer, shows who she is and fills in her address", async () => {
    renderForm("JPY", null, { customerId: "VXNlcjo0Ng==" });
    expect((await screen.findByTestId("chosen-customer")).textContent).toContain("山田 花子 — hanako@example.jp +81312345678");
    expect((screen.getByLabelText("Postal code") as HTMLInputElement).value).toBe("100-0005");
    expect(screen.queryByLabelText("E-mail")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "New customer" }));
    expect(((await screen.findByLabelText("E-mail")) as HTMLInputElement).value).toBe("");
  });

  it("says when no shipping method of the channel reaches the address, rather than show an empty list", async () => {
    renderForm("JPY", null, ready, { shippingMethods: [], shipping: null });
    expect(await screen.findByText(/No shipping method of this channel delivers to this address/)).toBeTruthy();
    cleanup();
    renderForm("JPY", null, ready);
    await screen.findByText(/Total ¥2,460/);
    expect(screen.queryByText(/No shipping method of this channel/)).toBeNull();
  });

  it("shows the live quote and the statements to read out", async () => {
    renderForm("JPY", null, ready);
    expect(await screen.findByText("Subtotal ¥1,960 · Shipping method ¥500 · Total ¥2,460")).toBeTruthy();
    expect(screen.getByText("Payment: cash on delivery.")).toBeTruthy();
    expect(screen.getByText(/This order: ¥980 × 2 = ¥1,960/)).toBeTruthy();
  });

  it("offers the methods the quote lists by their labels, a plug-in's too, and sends the one chosen by name", async () => {
    const placed = { staffPhoneOrderPlace: { orderId: "T3JkZXI6MQ==", orderNumber: "1001",
      subscriptions: [{ id: "7", status: "TRIALING", plan: "monthly" }], errors: [] } };
    const { placeOrder } = renderForm("JPY", placed, ready);
    await screen.findByText(/Total ¥2,460/);
    const payment = screen.getByRole("combobox", { name: "Payment" });
    expect(payment.textContent).toContain("Cash on delivery");
    fireEvent.click(payment);
    const offered = (await screen.findAllByRole("option")).map((option) => option.textContent);
    expect(offered).toEqual(["Cash on delivery", "Card", "Payment slip (packed with the goods)"]);
    fireEvent.click(screen.getByRole("option", { name: "Payment slip (packed with the goods)" }));
    await waitFor(() => expect(payment.textContent).toContain("Payment slip (packed with the goods)"));
    fireEvent.click(screen.getByRole("button", { name: "Place the order" }));
    await waitFor(() => expect(placeOrder).toHaveBeenCalledTimes(1));
    const sent = (placeOrder.mock.calls[0] as unknown as [{ variables: { input: { payment: string; setupIntentId: string | null } } }])[0];
    expect(sent.variables.input).toMatchObject({ payment: "payment_slip", setupIntentId: null });
  });

  it("shows the API's refusal of a method under the payment field", async () => {
    const refused = { staffPhoneOrderPlace: { orderId: null, orderNumber: null, subscriptions: [],
      errors: [{ field: "payment", code: "NOT_TAKEN_BY_STAFF", message: "Carrier billing needs the customer's own consent." }] } };
    renderForm("JPY", refused, ready);
    await screen.findByText(/Total ¥2,460/);
    fireEvent.click(screen.getByRole("button", { name: "Place the order" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Carrier billing needs the customer's own consent.");
    expect(screen.getAllByText("Carrier billing needs the customer's own consent.")).toHaveLength(2);  // and at the field
  });

  it("shows a refusal in place, and sends a new key for the next try", async () => {
    const refused = { staffPhoneOrderPlace: { orderId: null, orderNumber: null, subscriptions: [],
      errors: [{ field: "lines.0.quantity", code: "OUT_OF_STOCK", message: "Only 1 in stock." }] } };
    const { placeOrder } = renderForm("JPY", refused, ready);
    await screen.findByText(/Total ¥2,460/);
    fireEvent.click(screen.getByRole("button", { name: "Place the order" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Only 1 in stock.");
    fireEvent.click(screen.getByRole("button", { name: "Place the order" }));
    await waitFor(() => expect(placeOrder).toHaveBeenCalledTimes(2));
    const keys = placeOrder.mock.calls.map((call) => (call as unknown as [{ variables: { idempotencyKey: string } }])[0].variables.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
  });

  it("links the placed order to its page in the Dashboard", async () => {
    const placed = { staffPhoneOrderPlace: { orderId: "T3JkZXI6MQ==", orderNumber: "1001",
      subscriptions: [{ id: "7", status: "TRIALING", plan: "monthly" }], errors: [] } };
    const { dispatch } = renderForm("JPY", placed, ready);
    await screen.findByText(/Total ¥2,460/);
    fireEvent.click(screen.getByRole("button", { name: "Place the order" }));
    expect(await screen.findByText("Order #1001 placed; subscription #7 started.")).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Open the order" }));
    expect(dispatch.mock.calls[0][0]).toMatchObject({ type: "redirect", payload: { to: "/orders/T3JkZXI6MQ==" } });
  });
});
