import { gql } from "urql";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createStaffClient, staffHeaders, type StaffCredentials } from "./client";

const PING = gql`
  query Ping {
    __typename
  }
`;

afterEach(() => vi.unstubAllGlobals());

describe("staffHeaders", () => {
  it("carries the Dashboard token, the Saleor API URL and the locale", () => {
    expect(staffHeaders({ token: "jwt", saleorApiUrl: "https://shop.example/graphql/", locale: "ja" })).toEqual({
      "Authorization-Bearer": "jwt",
      "Saleor-Api-Url": "https://shop.example/graphql/",
      "Accept-Language": "ja",
    });
  });
});

describe("createStaffClient", () => {
  it("posts to the app's /graphql/ with the token current at each request", async () => {
    const fetchMock = vi.fn(async () => Response.json({ data: { __typename: "Query" } }));
    vi.stubGlobal("fetch", fetchMock);
    let credentials: StaffCredentials = { token: "first", saleorApiUrl: "https://shop.example/graphql/" };
    const client = createStaffClient(() => credentials, "http://app.example/graphql/");

    await client.query(PING, {}, { requestPolicy: "network-only" }).toPromise();
    credentials = { ...credentials, token: "refreshed" };
    await client.query(PING, {}, { requestPolicy: "network-only" }).toPromise();

    const sent = fetchMock.mock.calls.map((call) => {
      const [url, init] = call as unknown as [string, RequestInit];
      return [url, init.method, new Headers(init.headers).get("Authorization-Bearer")];
    });
    expect(sent).toEqual([
      ["http://app.example/graphql/", "POST", "first"],
      ["http://app.example/graphql/", "POST", "refreshed"],
    ]);
  });
});
