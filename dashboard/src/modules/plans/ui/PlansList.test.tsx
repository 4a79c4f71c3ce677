import { AppBridge, AppBridgeProvider } from "@saleor/app-sdk/app-bridge";
import { ThemeProvider } from "@saleor/macaw-ui";
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { concat, fromValue, never } from "wonka";
import { CombinedError, Provider, type Client } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider } from "../../i18n/i18n";
import type { StaffPlansQuery as StaffPlansData } from "../../../gql/graphql";
import { PlansList } from "./PlansList";

afterEach(cleanup);

function renderWith(answer: StaffPlansData | CombinedError | null, bridge = new AppBridge({ autoNotifyReady: false })) {
  const result = answer instanceof CombinedError ? { error: answer } : { data: answer };
  const client = {
    // A live query stays open after its answer (urql forgets an error when the stream ends).
    executeQuery: () => (answer ? concat([fromValue({ ...result, stale: false, hasNext: false }), never]) : never),
  } as unknown as Client;
  render(
    <AppBridgeProvider appBridgeInstance={bridge}>
      <ThemeProvider>
        <LanguageProvider language="en">
          <Provider value={client}>
            <PlansList />
          </Provider>
        </LanguageProvider>
      </ThemeProvider>
    </AppBridgeProvider>,
  );
}

describe("PlansList", () => {
  it("lists the plans with their current version, each linking to its product in the Dashboard", () => {
    renderWith({ staffPlans: { plans: [{ code: "coffee-monthly", productId: "UHJvZHVjdDo3", version: 2 }], errors: [] } });
    expect(screen.getByRole("link", { name: "coffee-monthly" }).getAttribute("href")).toBe("/products/UHJvZHVjdDo3");
    expect(screen.getByText("version 2")).toBeTruthy();
  });

  it("asks the Dashboard to open the plan's product when its code is clicked", () => {
    const bridge = new AppBridge({ autoNotifyReady: false });
    const dispatch = vi.spyOn(bridge, "dispatch").mockResolvedValue(undefined);
    renderWith({ staffPlans: { plans: [{ code: "coffee-monthly", productId: "UHJvZHVjdDo3", version: 2 }], errors: [] } }, bridge);

    fireEvent.click(screen.getByRole("link", { name: "coffee-monthly" }));

    expect(dispatch).toHaveBeenCalledWith(
      expect.objectContaining({ type: "redirect", payload: expect.objectContaining({ to: "/products/UHJvZHVjdDo3" }) }),
    );
  });

  it("shows the refusal in place when the token lacks MANAGE_PRODUCTS", () => {
    renderWith({
      staffPlans: {
        plans: [],
        errors: [{ field: null, code: "PERMISSION_DENIED", message: "This needs the MANAGE_PRODUCTS permission." }],
      },
    });
    const alert = screen.getByRole("alert");
    expect(alert.textContent).toContain("Your account may not see this");
    expect(alert.textContent).toContain("MANAGE_PRODUCTS");
    expect(screen.queryByText("No plans yet.")).toBeNull();
  });

  it("says the app could not be reached when the request fails", () => {
    renderWith(new CombinedError({ networkError: new TypeError("Failed to fetch") }));
    expect(screen.getByRole("alert").textContent).toContain("The app could not be reached; try again");
  });

  it("says so while the answer is on its way", () => {
    renderWith(null);
    expect(screen.getByText("Loading plans…")).toBeTruthy();
  });
});
