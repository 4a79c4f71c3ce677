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
});
