import { cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { type ReactNode, useEffect, useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { renderDesk, scriptedClient } from "../../desk/testing";
import { LanguageProvider } from "../../i18n/i18n";
import type { Language } from "../../i18n/messages";
import { MailTemplates } from "./MailTemplates";

afterEach(cleanup);

const SOURCE = { subject: "【定期便】{{ renewal.cycle }}回目のご注文", text: "{{ customer.name }} 様", html: "<p>{{ customer.name }} 様</p>" };
const TEMPLATE = { kind: "renewal_placed", language: "ja", overridden: false, current: SOURCE, default: SOURCE, versions: [] };
const LISTED = { mailTemplates: { errors: [], templates: [{ kind: "renewal_placed", language: "ja", overridden: false, version: null }] } };

/** What the server would render: `{{ renewal.cycle }}` as 3, the sample customer's name. */
const rendered = (input: { subject: string; text: string; html: string }) => {
  const fill = (source: string) => source.replace("{{ renewal.cycle }}", "3").replace("{{ customer.name }}", "山田 花子");
  return { mailTemplatePreview: { subject: fill(input.subject), text: fill(input.text), html: fill(input.html), errors: [] } };
};

describe("MailTemplates", () => {
  it("previews the draft as the server renders it, after the staff stops typing", async () => {
    const { client, calls } = scriptedClient((name, variables) => {
      if (name === "MailTemplates") return LISTED;
      if (name === "MailTemplate") return { mailTemplate: { template: TEMPLATE, errors: [] } };
      if (name === "MailTemplatePreview") return rendered(variables.input as typeof SOURCE);
      return undefined;
    });
    renderDesk(<MailTemplates />, client, "ja");
    await waitFor(() => expect(screen.getByTestId("preview-subject").textContent).toBe("【定期便】3回目のご注文"));
    fireEvent.change(screen.getByLabelText("件名"), { target: { value: "{{ customer.name }} 様、{{ renewal.cycle }}回目です" } });
    await waitFor(() => expect(screen.getByTestId("preview-subject").textContent).toBe("山田 花子 様、3回目です"));
    const previews = calls.filter((call) => call.name === "MailTemplatePreview");
    expect(previews.at(-1)?.variables).toMatchObject({ kind: "renewal_placed", language: "ja" });
  });

  it("opens the staff's language when the Dashboard announces it after the first render", async () => {
    function AnnouncedLater({ children }: { children: ReactNode }) {
      const [language, setLanguage] = useState<Language>("en");
      useEffect(() => setLanguage("ja"), []);
      return <LanguageProvider language={language}>{children}</LanguageProvider>;
    }
    const { client, calls } = scriptedClient((name, variables) => {
      if (name === "MailTemplates") return LISTED;
      if (name === "MailTemplate") {
        const source = variables.language === "ja" ? SOURCE : { ...SOURCE, subject: "Delivery {{ renewal.cycle }}" };
        return { mailTemplate: { template: { ...TEMPLATE, language: variables.language, current: source, default: source }, errors: [] } };
      }
      if (name === "MailTemplatePreview") return rendered(variables.input as typeof SOURCE);
      return undefined;
    });
    renderDesk(<AnnouncedLater><MailTemplates /></AnnouncedLater>, client);
    await waitFor(() => expect(screen.getByTestId("preview-subject").textContent).toBe("【定期便】3回目のご注文"));
    expect(calls.filter((call) => call.name === "MailTemplate").at(-1)?.variables.language).toBe("ja");
  });

  it("shows a refused save beside its field, with the line", async () => {
    const message = "3行目：テンプレートを読み取れません（unexpected end of template）。保存していません。";
    const { client, calls } = scriptedClient((name, variables) => {
      if (name === "MailTemplates") return LISTED;
      if (name === "MailTemplate") return { mailTemplate: { template: TEMPLATE, errors: [] } };
      if (name === "MailTemplatePreview") return rendered(variables.input as typeof SOURCE);
      if (name === "MailTemplateSave") return { mailTemplateSave: { template: null, errors: [{ field: "text", code: "TEMPLATE", message }] } };
      return undefined;
    });
    renderDesk(<MailTemplates />, client, "ja");
    fireEvent.change(await screen.findByLabelText("テキスト"), { target: { value: "{{ customer.name }} 様\n\n{% if x %}" } });
    fireEvent.click(screen.getByRole("button", { name: "保存" }));
    expect(await screen.findByText(message)).toBeTruthy();
    expect(screen.getByRole("alert").textContent).toBe("保存できませんでした。下の印の付いた項目を直してください。");
    expect(calls.find((call) => call.name === "MailTemplateSave")?.variables.input).toMatchObject({ text: "{{ customer.name }} 様\n\n{% if x %}" });
  });
});
