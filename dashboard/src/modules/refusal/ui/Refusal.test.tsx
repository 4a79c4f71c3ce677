import { ThemeProvider } from "@saleor/macaw-ui";
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { LanguageProvider } from "../../i18n/i18n";
import type { Language } from "../../i18n/messages";
import { Refusal } from "./Refusal";

afterEach(cleanup);

function renderIn(language: Language, code: string, message: string) {
  render(
    <ThemeProvider>
      <LanguageProvider language={language}>
        <Refusal error={{ code, message }} />
      </LanguageProvider>
    </ThemeProvider>,
  );
  return screen.getByRole("alert").textContent;
}

describe("Refusal", () => {
  it("says the account lacks the permission, with the API's reason", () => {
    const text = renderIn("en", "PERMISSION_DENIED", "This needs the MANAGE_PRODUCTS permission.");
    expect(text).toContain("Your account may not see this");
    expect(text).toContain("This needs the MANAGE_PRODUCTS permission.");
  });

  it("speaks the Dashboard's language", () => {
    expect(renderIn("ja", "PERMISSION_DENIED", "…")).toContain("このアカウントには表示する権限がありません");
  });

  it("asks for a reload when the token is not accepted", () => {
    expect(renderIn("en", "UNAUTHENTICATED", "")).toContain("reload the page");
  });

  it("gives any other code a general headline", () => {
    expect(renderIn("zh-Hant", "INVALID", "x")).toContain("應用程式拒絕了此請求");
  });
});
