import { AppBridge } from "@saleor/app-sdk/app-bridge";
import { act, cleanup, render } from "@testing-library/react";
import { gql, useClient, type Client } from "urql";
import { afterEach, expect, it, vi } from "vitest";
import { StaffApiProvider } from "./StaffApiProvider";

const DASHBOARD = "https://dashboard.example";
const token = (name: string) => `${btoa('{"alg":"RS256"}')}.${btoa(JSON.stringify({ email: name }))}.sig`;

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

it("sends the token of the Dashboard's latest tokenRefresh", async () => {
  const fetchMock = vi.fn(async () => Response.json({ data: { __typename: "Query" } }));
  vi.stubGlobal("fetch", fetchMock);
  vi.spyOn(document, "referrer", "get").mockReturnValue(`${DASHBOARD}/`);
  window.history.replaceState(null, "", "/dashboard?saleorApiUrl=https%3A%2F%2Fshop.example%2Fgraphql%2F");
  const bridge = new AppBridge({ autoNotifyReady: false });
  const send = (type: string, payload: object) =>
    act(() => window.dispatchEvent(new MessageEvent("message", { origin: DASHBOARD, data: { type, payload } })));
  let client: Client | undefined;
  function Probe() {
    client = useClient();
    return null;
  }
  render(
    <StaffApiProvider bridge={bridge}>
      <Probe />
    </StaffApiProvider>,
  );

  send("handshake", { token: token("first"), version: 1 });
  send("tokenRefresh", { token: token("refreshed") });
  await client!.query(gql`{ __typename }`, {}).toPromise();

  const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
  expect(new Headers(init.headers).get("Authorization-Bearer")).toBe(token("refreshed"));
});
