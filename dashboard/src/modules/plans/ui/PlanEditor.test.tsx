import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { renderDesk, scriptedClient } from "../../desk/testing";
import { PlanEditor } from "./PlanEditor";

afterEach(cleanup);

const PRODUCT = { productId: "UHJvZHVjdDox", channels: [{ currencyCode: "JPY" }], variants: [] };
const NAMELESS = { field: "terms.texts", code: "INVALID", message: "give the plan a name in at least one language" };

describe("PlanEditor", () => {
  it("waits for the staff to type before calling a new plan's blank form wrong", async () => {
    const { client, calls } = scriptedClient((name) =>
      name === "StaffPlanPreview" ? { staffPlanPreview: { channels: [], errors: [NAMELESS] } } : undefined);
    renderDesk(<PlanEditor product={PRODUCT} plan={null} onSaved={() => {}} />, client);
    await waitFor(() => expect(calls.some((call) => call.name === "StaffPlanPreview")).toBe(true));
    expect(screen.queryByText("Correct the marked fields.")).toBeNull();
    expect(screen.queryByText(NAMELESS.message)).toBeNull();
    fireEvent.change(screen.getByLabelText("Plan code"), { target: { value: "coffee" } });
    expect(await screen.findByText("Correct the marked fields.")).toBeTruthy();
    expect(screen.getByText(NAMELESS.message)).toBeTruthy();
  });

  it("saves the overrides operators are allowed, in the staff's language", async () => {
    const { client, calls } = scriptedClient((name, variables) => {
      if (name === "StaffPlanPreview") return { staffPlanPreview: { channels: [], errors: [] } };
      if (name === "PlanCreate") return { planCreate: { plan: { code: variables.code, version: 1, subscribers: 0, subscribersOnOlderVersions: 0 }, errors: [] } };
      return undefined;
    });
    const terms = () => JSON.parse(calls.find((call) => call.name === "PlanCreate")?.variables.terms as string) as { staff_overrides: string[] };
    renderDesk(<PlanEditor product={PRODUCT} plan={null} onSaved={() => {}} />, client, "ja");
    const commitment = screen.getByRole("checkbox", { name: "回数縛りを満たす前の解約" });
    expect(commitment.getAttribute("aria-checked")).toBe("true");
    expect(screen.getByRole("checkbox", { name: "変更締切を過ぎたお届けの変更・スキップ・一時停止・解約" }).getAttribute("aria-checked")).toBe("true");
    fireEvent.click(commitment);
    fireEvent.change(screen.getByLabelText("プランコード"), { target: { value: "coffee" } });
    fireEvent.change(screen.getByLabelText("名前 (ja)"), { target: { value: "コーヒー定期便" } });
    fireEvent.click(screen.getByRole("button", { name: "プランを保存" }));
    await waitFor(() => expect(calls.some((call) => call.name === "PlanCreate")).toBe(true));
    expect(terms().staff_overrides).toEqual(["cutoff"]);
  });
});
