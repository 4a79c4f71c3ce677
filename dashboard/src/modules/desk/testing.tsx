/** Rendering desk components in tests: macaw theme, a language, and a staff API client answering from a script. */
import { AppBridgeProvider, type AppBridge } from "@saleor/app-sdk/app-bridge";
import { ThemeProvider } from "@saleor/macaw-ui";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { Provider, type Client, type GraphQLRequest } from "urql";
import { vi } from "vitest";
import { concat, fromValue, never } from "wonka";
import { LanguageProvider } from "../i18n/i18n";
import type { Language } from "../i18n/messages";
import type { SubscriptionDetail } from "./detail/operations";
import type { SubscriptionRow } from "./types";

type Answer = (operationName: string, variables: Record<string, unknown>) => object | undefined;

const operationName = (request: GraphQLRequest) => {
  const definition = request.query.definitions[0];
  return definition.kind === "OperationDefinition" ? (definition.name?.value ?? "") : "";
};

/** A client whose queries and mutations answer `answer(operationName, variables)`; calls are recorded. */
export function scriptedClient(answer: Answer) {
  const calls: { name: string; variables: Record<string, unknown> }[] = [];
  const respond = (request: GraphQLRequest) => {
    const name = operationName(request);
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    calls.push({ name, variables });
    const data = answer(name, variables);
    return data ? concat([fromValue({ operation: request, data, stale: false, hasNext: false }), never]) : never;
  };
  const client = {
    executeQuery: vi.fn(respond),
    executeMutation: vi.fn((request: GraphQLRequest) => {
      const name = operationName(request);
      const variables = (request.variables ?? {}) as Record<string, unknown>;
      calls.push({ name, variables });
      return fromValue({ operation: request, data: answer(name, variables), stale: false, hasNext: false });
    }),
  } as unknown as Client;
  return { client, calls };
}

/** A bridge that records what the page asks the Dashboard (`dispatch`), installed as app `app-1`. */
export function fakeBridge() {
  const dispatch = vi.fn(async () => true);
  const bridge = { dispatch, getState: () => ({ id: "app-1" }), subscribe: () => () => undefined };
  return { bridge: bridge as unknown as AppBridge, dispatch };
}

export function renderDesk(ui: ReactNode, client: Client, language: Language = "en", bridge = fakeBridge().bridge) {
  return render(
    <AppBridgeProvider appBridgeInstance={bridge}>
      <ThemeProvider>
        <LanguageProvider language={language}>
          <Provider value={client}>{ui}</Provider>
        </LanguageProvider>
      </ThemeProvider>
    </AppBridgeProvider>,
  );
}

export const ROW: SubscriptionRow = {
  id: "7",
  status: "ACTIVE",
  email: "hanako@example.com",
  customerName: "山田 花子",
  customerId: "VXNlcjox",
  channel: "jp",
  currency: "JPY",
  plan: "coffee-monthly",
  planName: "毎月のコーヒー",
  nextDelivery: "2026-12-05",
  deliveries: 3,
  payment: "card",
  paymentLabel: "クレジットカード",
  needsAttention: false,
};

export function detail(changes: Partial<SubscriptionDetail> = {}): SubscriptionDetail {
  return {
    subscription: ROW,
    customerName: "山田 花子",
    planName: "Every month",
    changeDeadline: "2026-12-02",
    lines: [
      {
        id: "L1",
        variantId: "UHJvZHVjdFZhcmlhbnQ6MQ==",
        quantity: 2,
        planVersion: 1,
        nextUnitPrice: { amount: "1280", currency: "JPY" },
        priceOverride: null,
        productName: "Single origin coffee",
        variantName: "200 g",
        planName: "Every month",
      },
    ],
    upcomingDeliveries: ["2026-12-05", "2027-01-05"],
    paymentMethod: { kind: "card", label: "Card", brand: "Visa", last4: "4242", expMonth: 4, expYear: 2030 },
    paymentMethodChoices: [{ name: "cod", label: "Cash on delivery" }],
    shippingAddress: JSON.stringify({ lastName: "山田", firstName: "花子", postalCode: "150-0001", country: "JP", countryArea: "東京都", city: "渋谷区", streetAddress1: "神宮前1-2-3" }),
    firstOrderId: "T3JkZXI6MA==",
    startedOn: "2026-10-05",
    renewals: [],
    events: [],
    mails: [],
    problems: [],
    allowedOverrides: [],
    deletionEffects: { ordersKept: 3, draftsDeleted: 1, summary: "3 placed orders stay in Saleor; 1 unpaid renewal order is removed." },
    errors: [],
    ...changes,
  };
}
