import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renderDesk, scriptedClient } from "../../desk/testing";
import type { FunnelNode } from "../operations";
import { FunnelEditor } from "./FunnelEditor";
import { FunnelsList } from "./FunnelsList";

beforeEach(() => window.history.replaceState(null, "", "/dashboard/step-mails/3?saleorApiUrl=https%3A%2F%2Fshop.example%2Fgraphql%2F"));
afterEach(cleanup);

const text = (language: string, subject: string, body: string) => ({ language, subject, body });

const SAVED: FunnelNode = {
  id: "3", name: "Trial → monthly", isActive: true, triggerProductId: "UHJvZHVjdDo5", targetProductId: "UHJvZHVjdDox",
  targetPlan: "regular", targetVariantId: "VmFyaWFudDox", offerPercentOff: "10", voucherCode: "",
  steps: [
    { position: 1, delayDays: 30, texts: [text("ja", "【1通目】いかがでしたか", "お試しセットはいかがでしたか。")] },
    { position: 2, delayDays: 37, texts: [text("ja", "【2通目】毎回{{ offer.percent_off }}%オフ", "今なら毎回10%オフです。"), text("en", "(2) 10% off", "Switch now.")] },
  ],
  figures: { enrolled: 12, converted: 3, unsubscribed: 1, conversionRate: 0.25, steps: [
    { position: 1, delayDays: 30, sent: 12, clicked: 5, converted: 2, conversionRate: 2 / 12 },
    { position: 2, delayDays: 37, sent: 9, clicked: 2, converted: 1, conversionRate: 1 / 9 },
  ] },
};

const PRODUCTS = [
  { id: "UHJvZHVjdDo5", name: "Trial set", plans: [], variants: [{ id: "VmFyaWFudDo5", name: "3 bags", subscribable: false }] },
  { id: "UHJvZHVjdDox", name: "Green tea", plans: [{ code: "regular", name: "Monthly" }], variants: [{ id: "VmFyaWFudDox", name: "100 g", subscribable: true }] },
];

/** The staff API as the editor meets it; the preview renders the body as the server would ("rendered: …"). */
function api(update: object = { funnel: SAVED, errors: [] }) {
  return scriptedClient((name, variables) => {
    switch (name) {
      case "Funnels":
        return { funnels: { funnels: [SAVED], errors: [] } };
      case "FunnelProducts":
        return { funnelProducts: { products: PRODUCTS.filter((p) => (variables.ids as string[] | undefined)?.includes(p.id) ?? true), errors: [] } };
      case "FunnelStepPreview":
        return { funnelStepPreview: String(variables.body).includes("{{ nope }}")
          ? { subject: null, text: null, html: null, language: null,
              errors: [{ field: "body", code: "TEMPLATE", message: "This text cannot be rendered (line 1): 'nope' is undefined" }] }
          : { subject: String(variables.subject).replace("{{ offer.percent_off }}", String(variables.offerPercentOff)),
              text: `rendered: ${String(variables.body)}\nお茶の山田園`, html: "<p>html</p>", language: variables.language, errors: [] } };
      case "FunnelTestSend":
        return { mailTestSend: { sent: true, errors: [] } };
      case "FunnelUpdate":
        return { funnelUpdate: update };
      case "FunnelPause":
        return { funnelPause: { funnel: { ...SAVED, isActive: false }, errors: [] } };
      case "FunnelDelete":
        return { funnelDelete: { deleted: true, errors: [] } };
    }
    return undefined;
  });
}

const step = (position: number) => screen.getByRole("region", { name: `Step ${position}` });
const previewOf = (position: number) => within(step(position)).getByRole("region", { name: /^Preview:/ });

describe("the funnel editor", () => {
  it("shows the server's preview of the step's ja text and follows the marketer's edit of step 2", async () => {
    const { client, calls } = api();
    renderDesk(<FunnelEditor id="3" />, client);
    await waitFor(() => expect(within(previewOf(2)).getByTestId("preview-text").textContent).toBe("rendered: 今なら毎回10%オフです。\nお茶の山田園"));
    expect(within(previewOf(2)).getByTestId("preview-subject").textContent).toBe("【2通目】毎回10%オフ");
    fireEvent.change(within(step(2)).getByRole("textbox", { name: "Body" }), { target: { value: "今週末まで毎回10%オフ！" } });
    await waitFor(() => expect(within(previewOf(2)).getByTestId("preview-text").textContent).toContain("rendered: 今週末まで毎回10%オフ！"));
    const asked = calls.filter((call) => call.name === "FunnelStepPreview").map((call) => call.variables.body);
    expect(asked).toContain("今週末まで毎回10%オフ！");
    expect(asked).not.toContain("今週末まで毎回10%オフ"); // typed at once, not previewed at each key
    expect(within(previewOf(1)).getByTestId("preview-text").textContent).toContain("お試しセットはいかがでしたか。");
  });

  it("previews the language the marketer switches to, and shows a template error with its line", async () => {
    const { client } = api();
    renderDesk(<FunnelEditor id="3" />, client);
    await waitFor(() => within(step(2)).getByRole("tab", { name: "English" }));
    fireEvent.click(within(step(2)).getByRole("tab", { name: "English" }));
    await waitFor(() => expect(within(previewOf(2)).getByTestId("preview-text").textContent).toContain("rendered: Switch now."));
    fireEvent.change(within(step(2)).getByRole("textbox", { name: "Body" }), { target: { value: "Hi {{ nope }}" } });
    await waitFor(() => expect(within(previewOf(2)).getByRole("alert").textContent).toBe("This text cannot be rendered (line 1): 'nope' is undefined"));
  });

  it("test-sends step 2 as typed, unsaved, with the offer as it stands in the form", async () => {
    const { client, calls } = api();
    renderDesk(<FunnelEditor id="3" />, client);
    await waitFor(() => within(step(2)).getByRole("textbox", { name: "Body" }));
    fireEvent.change(within(step(2)).getByRole("textbox", { name: "Body" }), { target: { value: "下書き：今週末まで毎回15%オフ！" } });
    fireEvent.change(screen.getByLabelText("Percent off every delivery (by the mail's link)"), { target: { value: "15" } });
    fireEvent.change(within(step(2)).getByLabelText("Send this step, as typed, to"), { target: { value: "marketing@yamada-en.example.jp" } });
    fireEvent.click(within(step(2)).getByRole("button", { name: "Send a test" }));
    expect((await within(step(2)).findByRole("status")).textContent).toBe("Test sent to marketing@yamada-en.example.jp.");
    expect(calls.find((call) => call.name === "FunnelTestSend")?.variables).toEqual({
      to: "marketing@yamada-en.example.jp", language: "ja",
      draft: { subject: "【2通目】毎回{{ offer.percent_off }}%オフ", body: "下書き：今週末まで毎回15%オフ！", offerPercentOff: "15", voucherCode: "" },
    });
    expect(calls.map((call) => call.name)).not.toContain("FunnelUpdate"); // nothing saved
  });

  it("puts the server's refusal beside the field it names, and keeps what the marketer typed", async () => {
    const refusal = { field: "funnel.steps.1.texts.ja.body", code: "TEMPLATE", message: "この文面を表示できません（2行目）：…" };
    const { client, calls } = api({ funnel: null, errors: [refusal] });
    renderDesk(<FunnelEditor id="3" />, client);
    await waitFor(() => within(step(2)).getByRole("textbox", { name: "Body" }));
    const body = within(step(2)).getByRole("textbox", { name: "Body" });
    fireEvent.change(body, { target: { value: "一行目\n{% if x %}" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save" })));
    await waitFor(() => expect(within(step(2)).getByText("この文面を表示できません（2行目）：…")).toBeTruthy());
    expect((body as HTMLTextAreaElement).value).toBe("一行目\n{% if x %}");
    const sent = JSON.parse(String(calls.find((call) => call.name === "FunnelUpdate")!.variables.funnel));
    expect(sent.steps[1].texts.ja.body).toBe("一行目\n{% if x %}");
    expect(sent.steps.map((s: { delay_days: number }) => s.delay_days)).toEqual([30, 37]);
  });

  it("checks the form before asking the server: a step earlier than the one before is named beside its day", async () => {
    const { client, calls } = api();
    renderDesk(<FunnelEditor id="3" />, client);
    await waitFor(() => within(step(2)).getByLabelText("Days after the purchase"));
    fireEvent.change(within(step(2)).getByLabelText("Days after the purchase"), { target: { value: "20" } });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Save" })));
    await waitFor(() => expect(within(step(2)).getByText("Each step must come later than the one before.")).toBeTruthy());
    expect(calls.some((call) => call.name === "FunnelUpdate")).toBe(false);
  });
});

describe("the funnels list", () => {
  it("shows each funnel's figures per step and pauses one", async () => {
    const { client, calls } = api();
    renderDesk(<FunnelsList />, client, "ja");
    const totals = await screen.findByTestId("funnel-totals");
    expect(totals.textContent).toBe("登録12定期便へ移行3配信停止1移行率25%");
    const row = within(screen.getByRole("table")).getByText("ステップ2（+37日）").closest("tr")!;
    expect(row.textContent).toBe("ステップ2（+37日）92111.1%");
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "一時停止" })));
    expect(calls.find((call) => call.name === "FunnelPause")?.variables).toEqual({ id: "3" });
  });

  it("deletes a funnel only once the marketer confirms", async () => {
    const { client, calls } = api();
    renderDesk(<FunnelsList />, client);
    fireEvent.click(await screen.findByRole("button", { name: "Delete" }));
    expect(screen.getByRole("alertdialog").textContent).toContain("Its 12 enrolled buyers get no more step mails");
    expect(calls.some((call) => call.name === "FunnelDelete")).toBe(false);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Delete the funnel" })));
    expect(calls.find((call) => call.name === "FunnelDelete")?.variables).toEqual({ id: "3" });
  });
});
