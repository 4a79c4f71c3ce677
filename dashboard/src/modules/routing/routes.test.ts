import { describe, expect, it } from "vitest";
import { routeFor } from "./routes";

describe("routeFor", () => {
  it.each([
    ["/dashboard", "subscriptions"],
    ["/dashboard/", "subscriptions"],
    ["/dashboard/subscriptions", "subscriptions"],
    ["/dashboard/subscriptions/", "subscriptions"],
    ["/dashboard/nothing-here", "not-found"],
    ["/dashboardx", "not-found"],
  ])("%s → %s", (path, route) => {
    expect(routeFor(path)).toBe(route);
  });
});
