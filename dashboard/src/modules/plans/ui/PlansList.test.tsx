import { ThemeProvider } from "@saleor/macaw-ui";
import { cleanup, render, screen } from "@testing-library/react";
import { concat, fromValue, never } from "wonka";
import { CombinedError, Provider, type Client } from "urql";
import { afterEach, describe, expect, it } from "vitest";
import { LanguageProvider } from "../../i18n/i18n";
import type { StaffPlansQuery as StaffPlansData } from "../../../gql/graphql";
import { PlansList } from "./PlansList";

afterEach(cleanup);

function renderWith(answer: StaffPlansData | CombinedError | null) {
  const result = answer instanceof CombinedError ? { error: answer } : { data: answer };
  const client = {
    // A live query stays open after its answer (urql forgets an error when the stream ends).
    executeQuery: () => (answer ? concat([fromValue({ ...result, stale: false, hasNext: false }), never]) : never),
  } as unknown as Client;
  render(
    <ThemeProvider>
      <LanguageProvider language="en">
        <Provider value={client}>
          <PlansList />
        </Provider>
      </LanguageProvider>
    </ThemeProvider>,
  );
}

describe("PlansList", () => {
  it("lists the plans with their current version", () => {
    renderWith({ staffPlans: { plans: [{ code: "coffee-monthly", version: 2 }], errors: [] } });
    expect(screen.getByText("coffee-monthly")).toBeTruthy();
    expect(screen.getByText("version 2")).toBeTruthy();
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
