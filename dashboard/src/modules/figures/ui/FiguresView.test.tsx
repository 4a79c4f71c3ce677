import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { renderDesk, scriptedClient } from "../../desk/testing";
import type { Language } from "../../i18n/messages";
import { ExportButtons } from "./ExportButtons";
import { FiguresView } from "./FiguresView";

afterEach(cleanup);
beforeEach(() => window.history.replaceState(null, "", "/dashboard/figures?from=2027-01-01&to=2027-03-31&channel=jp"));

const money = (amount: string) => ({ amount });
const period = (start: string, fresh: number, voluntary: number) => ({
  start, end: start, new: fresh, churnedVoluntary: voluntary, churnedInvoluntary: 1, paused: 0, reactivated: 0, churnRate: 0.25,
  mrrNew: money("6000"), mrrExpansion: money("0"), mrrContraction: money("0"), mrrChurn: money("3000"), mrrNet: money("3000"),
});
const ANSWERS: Record<string, object> = {
  FigureChannels: { subscriptionFigureChannels: { channels: [{ slug: "jp", currency: "JPY" }, { slug: "us", currency: "USD" }], errors: [] } },
  SubscriptionFigures: {
    subscriptionFigures: {
      upToDate: false, currency: "JPY", active: 12, subscribers: 11, paused: 1, mrr: money("72000"), trialMrr: money("6000"),
      discountMrr: money("1200"), arr: money("864000"),
      periods: [period("2027-01-01", 4, 1), period("2027-02-01", 3, 0), period("2027-03-01", 5, 2)],
      churnReasons: [{ reason: "too_expensive", label: "It is too expensive", count: 2 }],
      forecast: [{ days: 30, renewals: 10, amount: money("60000") }, { days: 60, renewals: 21, amount: money("126000") },
        { days: 90, renewals: 30, amount: money("180000") }],
      explanations: [{ figure: "mrr", text: "Monthly recurring revenue: trials are left out." },
        { figure: "periods.churnedInvoluntary", text: "Ended by failed payments after the last retry." }],
      errors: [],
    },
  },
  SubscriptionCohorts: {
    subscriptionCohorts: {
      rows: [{ month: "2027-01-01", currency: "JPY", started: 4, revenueToDate: "36000", ltv: "9000", ltvProjected: "18000",
        reached: [{ delivery: 2, count: 2, share: 0.5, notYet: false }, { delivery: 3, count: 0, share: 0, notYet: true }] }],
      explanations: [{ figure: "reached", text: "The share of the month's subscriptions that received the delivery." }],
      errors: [],
    },
  },
  SubscriptionConversion: {
    subscriptionConversion: {
      byProduct: [{ productId: "UHJvZHVjdDox", started: 10, converted: 4, conversionRate: 0.4 }],
      byFunnel: [{ funnelId: "1", name: "Trial set → monthly", enrolled: 8, converted: 2, conversionRate: 0.25 }],
      retentionSaves: { attempts: 5, offersShown: 4, saved: 1, saveRate: 0.25 },
      explanations: [], errors: [],
    },
  },
  RenewalRecovery: {
    renewalRecovery: {
      currencies: [{ currency: "JPY", attempted: 20, firstAttemptSuccessRate: 0.9, declined: 2, recovered: 1, recoveryRate: 0.5,
        recoveredAmount: "6000", byDeclineReason: [{ reason: "insufficient_funds", declined: 2, recovered: 1, recoveryRate: 0.5,
          recoveredAmount: "6000" }] }],
      explanations: [], errors: [],
    },
  },
};

function show(language: Language = "en", exportAnswer?: object) {
  const scripted = scriptedClient((name) => (name === "ExportCreate" ? exportAnswer : ANSWERS[name]));
  renderDesk(<FiguresView />, scripted.client, language);
  return scripted.calls;
}

// The whole page with five charts renders in a second or two, more on a busy machine.
describe("FiguresView", { timeout: 20_000 }, () => {
  it("shows the channel's figures now, each with the API's explanation", async () => {
    show();
    const headline = await screen.findByTestId("headline");
    expect(headline.textContent).toContain("Active subscriptions12");
    expect(headline.textContent).toContain("MRR¥72,000");
    expect(headline.textContent).toContain("Monthly recurring revenue: trials are left out.");
    expect(screen.getByText("Ended by failed payments after the last retry.")).toBeTruthy();
    expect(screen.getByTestId("forecast").textContent).toContain("Next 90 days: ¥180,000 (30 renewals)");
    expect(screen.getByTestId("churn-reasons").textContent).toContain("It is too expensive: 2");
    expect(screen.getByRole("status").textContent).toContain("these figures are still catching up");
  });

  it("asks every figure for the channel and dates of the page's link", async () => {
    const calls = show();
    await screen.findByTestId("headline");
    const asked = calls.filter((call) => call.name !== "FigureChannels");
    expect(asked.map((call) => call.name).sort()).toEqual(
      ["RenewalRecovery", "SubscriptionCohorts", "SubscriptionConversion", "SubscriptionFigures"]);
    for (const call of asked) expect(call.variables).toMatchObject({ channel: "jp", from: "2027-01-01", to: "2027-03-31" });
  });

  it("without dates in its link, shows the last twelve months up to the shop's today, not the browser's", async () => {
    window.history.replaceState(null, "", "/dashboard/figures");
    const scripted = scriptedClient((name) => (name === "FigureChannels"
      ? { subscriptionFigureChannels: { channels: [{ slug: "jp", currency: "JPY" }], today: "2027-03-05", errors: [] } }
      : ANSWERS[name]));
    renderDesk(<FiguresView />, scripted.client, "en");
    await screen.findByTestId("headline");
    const asked = scripted.calls.find((call) => call.name === "SubscriptionFigures");
    expect(asked?.variables).toMatchObject({ channel: "jp", from: "2026-04-01", to: "2027-03-05" });
    expect((screen.getByLabelText("To") as HTMLInputElement).value).toBe("2027-03-05");
  });

  it("draws the movements as a chart with one series per movement", async () => {
    show();
    const chart = await screen.findByRole("img", { name: "New, churned, paused and reactivated subscriptions per period" });
    await waitFor(() => expect(chart.querySelector("svg.recharts-surface")).toBeTruthy());
    expect(chart.textContent).toContain("Cancelled by the customer");
  });

  it("colours the cohort table by the share reaching each delivery, and says not yet where nobody could", async () => {
    show("ja");
    const table = await screen.findByRole("table", { name: "開始月ごとに各お届け回まで継続した定期購入の割合" });
    const [reached, notYet] = within(table).getAllByRole("cell").filter((cell) => cell.hasAttribute("data-share"));
    expect(reached.textContent).toBe("50%");
    expect(reached.getAttribute("style")).toContain("color-mix");
    expect(notYet.textContent).toBe("未到達");
    expect(within(table).getByText("2回目")).toBeTruthy();
    expect(screen.getByText("解約防止の特典：提示4件のうち継続1件（25%）")).toBeTruthy();
  });

  it("says when no channel has subscriptions yet, and asks for no figures", async () => {
    const scripted = scriptedClient((name) => (name === "FigureChannels"
      ? { subscriptionFigureChannels: { channels: [], errors: [] } } : ANSWERS[name]));
    renderDesk(<FiguresView />, scripted.client, "ja");
    expect(await screen.findByText(/定期購入はまだありません/)).toBeTruthy();
    expect(scripted.calls.map((call) => call.name)).toEqual(["FigureChannels"]);
  });

  it("shows renewal success and dunning recovery per decline reason", async () => {
    show();
    const recovery = await screen.findByTestId("recovery");
    expect(recovery.textContent).toContain("Paid at the first attempt90%");
    expect(recovery.textContent).toContain("Revenue recovered¥6,000");
    expect(within(recovery).getByRole("row", { name: /insufficient_funds 2 1 50% ¥6,000/ })).toBeTruthy();
  });
});

describe("ExportButtons", () => {
  it("downloads an export in one click with the page's channel and dates", async () => {
    const download = vi.fn();
    const scripted = scriptedClient(() => ({ exportCreate: { url: "https://app.example/api/exports/k/t", errors: [] } }));
    renderDesk(<ExportButtons channel="jp" from="2027-01-01" to="2027-03-31" download={download} />, scripted.client);
    fireEvent.click(screen.getByRole("button", { name: "Payments" }));
    await waitFor(() => expect(download).toHaveBeenCalledWith("https://app.example/api/exports/k/t"));
    expect(scripted.calls).toEqual([{ name: "ExportCreate", variables: { kind: "PAYMENTS", channel: "jp", from: "2027-01-01", to: "2027-03-31" } }]);
    expect(screen.getByRole("status").textContent).toBe("Payments: the download has started.");
  });

  it("shows a refusal instead of downloading", async () => {
    const download = vi.fn();
    const refused = { exportCreate: { url: null, errors: [{ field: null, code: "PERMISSION_DENIED", message: "This needs the MANAGE_ORDERS permission." }] } };
    renderDesk(<ExportButtons channel="jp" from="2027-01-01" to="2027-03-31" download={download} />,
      scriptedClient(() => refused).client, "zh-Hant");
    fireEvent.click(screen.getByRole("button", { name: "付款" }));
    expect((await screen.findByRole("alert")).textContent).toContain("This needs the MANAGE_ORDERS permission.");
    expect(download).not.toHaveBeenCalled();
  });
});
