import { cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderDesk, scriptedClient } from "../../desk/testing";
import { StripeAccountCard } from "./StripeAccountCard";

afterEach(cleanup);

const ENVIRONMENT = {
  source: "ENVIRONMENT", configured: true, livemode: false, accountId: null, accountName: null, connectedAccount: null,
  publishableKey: null, secretKeyLast4: null, webhookSecretLast4: null, checkedAt: null,
  webhookUrl: "https://subs.example.com/api/webhooks/stripe",
};
const OWN = {
  ...ENVIRONMENT, source: "OWN", accountId: "acct_1", accountName: "Ocha Ya", publishableKey: "pk_test_abc", secretKeyLast4: "1234",
  webhookSecretLast4: "5678", webhookUrl: "https://subs.example.com/api/webhooks/stripe/k3y",
};
const KEYS = { secretKey: "sk_test_51abcdef1234", publishableKey: "pk_test_51abcdef9999", webhookSecret: "whsec_abcdef5678" };

function fill(labels: Record<string, string>) {
  for (const [label, value] of Object.entries(labels)) fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe("StripeAccountCard", () => {
  it("saves the shop's keys, then shows the account and only the keys' last four", async () => {
    const { client, calls } = scriptedClient((name) => {
      if (name === "StripeAccount") return { stripeAccount: { account: ENVIRONMENT, errors: [] } };
      if (name === "StripeAccountConnect") return { stripeAccountConnect: { account: OWN, errors: [] } };
      return undefined;
    });
    renderDesk(<StripeAccountCard />, client, "en");
    expect(screen.getByTestId("stripe-status").textContent).toContain("The deployment's Stripe account");
    fill({ "Secret key (sk_… or restricted rk_…)": KEYS.secretKey, "Publishable key (pk_…)": KEYS.publishableKey,
           "Webhook signing secret (whsec_…)": KEYS.webhookSecret });
    fireEvent.click(screen.getByRole("button", { name: "Connect this account" }));
    expect((await screen.findByRole("status")).textContent).toBe("Stripe account saved.");
    const status = screen.getByTestId("stripe-status").textContent ?? "";
    expect(status).toContain("Ocha Ya · acct_1");
    expect(status).toContain("•••• 1234");
    expect(status).toContain("https://subs.example.com/api/webhooks/stripe/k3y");
    expect(status).toContain("Events to send"); // all the app acts on, not only payment_intent.*
    for (const event of ["payment_intent.partially_funded", "payment_intent.canceled", "setup_intent.succeeded",
                         "setup_intent.setup_failed", "setup_intent.canceled", "cash_balance.funds_available"]) expect(status).toContain(event);
    expect(calls.find((call) => call.name === "StripeAccountConnect")?.variables.input).toEqual(KEYS);
    expect((screen.getByLabelText("Secret key (sk_… or restricted rk_…)") as HTMLInputElement).value).toBe(""); // not kept in the page
  });

  it("shows Stripe's refusal beside the key, in the staff's language", async () => {
    const { client } = scriptedClient((name) => {
      if (name === "StripeAccount") return { stripeAccount: { account: ENVIRONMENT, errors: [] } };
      if (name === "StripeAccountConnect")
        return { stripeAccountConnect: { account: null, errors: [{ field: "secretKey", code: "STRIPE_KEY_REFUSED", message: "Stripe がこのキーを受け付けませんでした。" }] } };
      return undefined;
    });
    renderDesk(<StripeAccountCard />, client, "ja");
    fill({ "シークレットキー（sk_… または制限付き rk_…）": KEYS.secretKey, "公開可能キー（pk_…）": KEYS.publishableKey,
           "Webhook 署名シークレット（whsec_…）": KEYS.webhookSecret });
    fireEvent.click(screen.getByRole("button", { name: "このアカウントを接続" }));
    expect((await screen.findByRole("alert")).textContent).toBe("Stripe がこのキーを受け付けませんでした。");
    expect(screen.getAllByText("Stripe がこのキーを受け付けませんでした。")).toHaveLength(2); // beside the field too
  });

  it("refuses a publishable key in the secret key's field before asking the API", async () => {
    const { client, calls } = scriptedClient((name) => (name === "StripeAccount" ? { stripeAccount: { account: ENVIRONMENT, errors: [] } } : undefined));
    renderDesk(<StripeAccountCard />, client, "en");
    fill({ "Secret key (sk_… or restricted rk_…)": "pk_test_oops", "Publishable key (pk_…)": KEYS.publishableKey,
           "Webhook signing secret (whsec_…)": KEYS.webhookSecret });
    fireEvent.click(screen.getByRole("button", { name: "Connect this account" }));
    expect(await screen.findByText("Not the right kind of key: check its first letters")).toBeTruthy();
    expect(calls.map((call) => call.name)).not.toContain("StripeAccountConnect");
  });
});
