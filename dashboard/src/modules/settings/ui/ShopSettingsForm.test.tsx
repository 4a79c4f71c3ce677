import { cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderDesk, scriptedClient } from "../../desk/testing";
import { CHANNELS, SHOP } from "../testing";
import { ShopSettingsForm } from "./ShopSettingsForm";

afterEach(cleanup);

const saved = (input: Record<string, unknown>) => ({ shopSettingsUpdate: { shop: { ...SHOP, ...input }, errors: [] } });

describe("ShopSettingsForm", () => {
  it("shows the API's refusal beside its field, in the staff's language", async () => {
    const { client, calls } = scriptedClient((name) =>
      name === "ShopSettingsUpdate"
        ? { shopSettingsUpdate: { shop: null, errors: [{ field: "senderAddress", code: "REQUIRED", message: "ステップメールの配信中は住所が必要です" }] } }
        : undefined,
    );
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "ja");
    fireEvent.change(screen.getByLabelText("住所"), { target: { value: "" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("ステップメールの配信中は住所が必要です")).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("保存できませんでした。下の印の付いた項目を直してください。");
    expect(calls.find((call) => call.name === "ShopSettingsUpdate")?.variables.input).toMatchObject({ senderAddress: "" });
  });

  it("offers every payment method the deployment has, a plug-in's with its own label, and saves it", async () => {
    const { client, calls } = scriptedClient((name, variables) =>
      name === "ShopSettingsUpdate" ? saved(variables.input as Record<string, unknown>) : undefined);
    const choices = [{ name: "card", label: "クレジットカード" }, { name: "carrier_billing", label: "携帯キャリア決済" }];
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} paymentChoices={choices} />, client, "ja");
    expect(screen.queryByText("代金引換")).toBeNull();  // only what the API lists
    fireEvent.click(screen.getAllByRole("checkbox", { name: "携帯キャリア決済" })[0]);
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(calls.map((call) => call.name)).toContain("ShopSettingsUpdate"));
    const sent = calls.find((call) => call.name === "ShopSettingsUpdate")?.variables.input as { paymentMethods: { methods: string[] }[] };
    expect(sent.paymentMethods[0].methods).toContain("carrier_billing");
  });

  it("sends the invoice registration number, and refuses one that is not T and 13 digits before asking the API", async () => {
    const { client, calls } = scriptedClient((name, variables) =>
      name === "ShopSettingsUpdate" ? saved(variables.input as Record<string, unknown>) : undefined);
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "ja");
    const field = screen.getByLabelText("適格請求書発行事業者登録番号（T＋13桁）");
    fireEvent.change(field, { target: { value: "T12345" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("「T」と13桁の数字で入力してください（例：T1234567890123）")).toBeTruthy();
    expect(calls.map((call) => call.name)).not.toContain("ShopSettingsUpdate");
    fireEvent.change(field, { target: { value: " T3080001012345 " } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    await waitFor(() => expect(calls.map((call) => call.name)).toContain("ShopSettingsUpdate"));
    expect(calls.find((call) => call.name === "ShopSettingsUpdate")?.variables.input).toMatchObject({
      invoiceRegistrationNumber: "T3080001012345" });
  });

  it("refuses a bad e-mail before asking the API", async () => {
    const { client, calls } = scriptedClient(() => undefined);
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "en");
    fireEvent.change(screen.getByLabelText("Sender e-mail (From:)"), { target: { value: "shop at example" } });
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Not an e-mail address")).toBeTruthy();
    expect(calls.map((call) => call.name)).not.toContain("ShopSettingsUpdate");
  });

  it("closes a clicked day and Japan's holidays of the month's year, and saves them", async () => {
    const { client, calls } = scriptedClient((name, variables) => {
      if (name === "PublicHolidays")
        return { publicHolidays: { errors: [], holidays: [{ date: "2027-02-11", name: "建国記念の日" }, { date: "2027-02-23", name: "天皇誕生日" }] } };
      if (name === "ShopSettingsUpdate") return saved(variables.input as Record<string, unknown>);
      return undefined;
    });
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "ja");
    expect(screen.getByTestId("calendar-month").textContent).toBe("2027年2月");
    const calendar = screen.getByTestId("calendar");
    const day = (date: string) => calendar.querySelector(`[data-date="${date}"]`) as HTMLButtonElement;
    expect(day("2027-02-10").getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(day("2027-02-10"));
    expect(day("2027-02-10").getAttribute("aria-pressed")).toBe("true");
    expect(day("2027-02-14").getAttribute("aria-pressed")).toBe("true"); // every Sunday is closed
    await waitFor(() => expect(within(day("2027-02-23")).getByText("天皇誕生日")).toBeTruthy()); // named, still open
    expect(day("2027-02-23").getAttribute("aria-pressed")).toBe("false");
    fireEvent.click(screen.getByRole("button", { name: "2027年の日本の祝日を休業日にする" }));
    expect(day("2027-02-23").getAttribute("aria-pressed")).toBe("true");
    expect(calls.find((call) => call.name === "PublicHolidays")?.variables).toEqual({ year: 2027, country: "JP", language: "ja" });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("設定を保存しました。")).toBeTruthy();
    const input = calls.find((call) => call.name === "ShopSettingsUpdate")?.variables.input as { closedDays: unknown[] };
    expect(input.closedDays).toEqual([
      { date: "2027-01-01", reason: "" },
      { date: "2027-02-10", reason: "" },
      { date: "2027-02-11", reason: "建国記念の日" },
      { date: "2027-02-23", reason: "天皇誕生日" },
      { date: "2027-05-03", reason: "憲法記念日" },
    ]);
  });

  it("lets a channel's bank transfers be reconciled by Stripe, offered once bank transfer is", async () => {
    const { client, calls } = scriptedClient((name, variables) =>
      name === "ShopSettingsUpdate" ? saved(variables.input as Record<string, unknown>) : undefined);
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "en");
    const stripe = "Bank transfers reconciled by Stripe (each customer's own virtual account)";
    expect(screen.queryByRole("checkbox", { name: stripe })).toBeNull();
    fireEvent.click(screen.getByRole("checkbox", { name: "Bank transfer" }));
    fireEvent.click(screen.getByRole("checkbox", { name: stripe }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(calls.find((call) => call.name === "ShopSettingsUpdate")?.variables.input).toMatchObject({
      paymentMethods: [{ channel: "jp", methods: ["card", "cod", "bank_transfer"] }], bankTransferViaStripe: ["jp"],
    });
  });

  it("picks each row's channel among the shop's Saleor channels, and saves the one chosen", async () => {
    const { client, calls } = scriptedClient((name, variables) =>
      name === "ShopSettingsUpdate" ? saved(variables.input as Record<string, unknown>) : undefined);
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "en");
    expect(screen.getByRole("combobox", { name: "Channel" }).textContent).toContain("日本 (JPY)");
    fireEvent.click(screen.getByRole("button", { name: "Add a channel" }));
    const added = screen.getAllByRole("combobox", { name: "Channel" })[1];
    expect(added.textContent).toContain("United States (USD)"); // the first one no row has
    fireEvent.click(added);
    const listed = screen.getAllByRole("option").map((option) => option.textContent);
    expect(listed).toEqual(["United States (USD)", "台灣 (TWD)"]); // jp is the first row's
    fireEvent.click(screen.getByRole("option", { name: "台灣 (TWD)" }));
    fireEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Settings saved.")).toBeTruthy();
    expect(calls.find((call) => call.name === "ShopSettingsUpdate")?.variables.input).toMatchObject({
      paymentMethods: [{ channel: "jp", methods: ["card", "cod"] }, { channel: "tw", methods: ["card"] }],
    });
  });

  it("shows the API's refusal of a channel beside its picker", async () => {
    const { client } = scriptedClient((name) => name === "ShopSettingsUpdate"
      ? { shopSettingsUpdate: { shop: null, errors: [{ field: "paymentMethods.jp.channel", code: "NOT_FOUND",
          message: "ショップのSaleorにチャネル「jp」はありません。既存のチャネルから選んでください。" }] } }
      : undefined);
    renderDesk(<ShopSettingsForm shop={SHOP} today="2027-02-01" channels={CHANNELS} />, client, "ja");
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText("ショップのSaleorにチャネル「jp」はありません。既存のチャネルから選んでください。")).toBeTruthy();
    // placed beside its field (the page's own words above), not only as the page's refusal
    expect(screen.getByRole("alert").textContent).toBe("保存できませんでした。下の印の付いた項目を直してください。");
  });

  it("closes the carriers' year-end days with one click", () => {
    const { client } = scriptedClient(() => undefined);
    renderDesk(<ShopSettingsForm shop={{ ...SHOP, closedDays: [] }} today="2027-12-01" channels={CHANNELS} />, client, "en");
    fireEvent.click(screen.getByRole("button", { name: "Carriers' year-end closure (12/31–1/3)" }));
    expect(screen.getByTestId("calendar").querySelector('[data-date="2027-12-31"]')?.getAttribute("aria-pressed")).toBe("true");
    fireEvent.click(screen.getByRole("button", { name: "Next month" }));
    const january = ["2028-01-01", "2028-01-02", "2028-01-03", "2028-01-04"].map(
      (date) => screen.getByTestId("calendar").querySelector(`[data-date="${date}"]`)?.getAttribute("aria-pressed"));
    expect(january).toEqual(["true", "true", "true", "false"]);
  });
});
