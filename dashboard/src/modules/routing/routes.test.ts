import { describe, expect, it } from "vitest";
import { funnelPath, productPlansPath, routeFor, subscriptionPath } from "./routes";

describe("routeFor", () => {
  it.each([
    ["/dashboard", "subscriptions"],
    ["/dashboard/", "subscriptions"],
    ["/dashboard/subscriptions", "subscriptions"],
    ["/dashboard/subscriptions/", "subscriptions"],
    ["/dashboard/phone-order", "phone-order"],
    ["/dashboard/settings", "settings"],
    ["/dashboard/mail-templates", "mail-templates"],
    ["/dashboard/step-mails", "step-mails"],
    ["/dashboard/step-mails/", "step-mails"],
    ["/dashboard/figures", "figures"],
    ["/dashboard/figures/", "figures"],
    ["/dashboard/step-mails/abc", "not-found"],
    ["/dashboard/nothing-here", "not-found"],
    ["/dashboardx", "not-found"],
    ["/dashboard/subscriptions/12/more", "not-found"],
  ])("%s → %s", (path, page) => {
    expect(routeFor(path).page).toBe(page);
  });

  it("opens a subscription by the id in its path, with or without the slash", () => {
    expect(routeFor("/dashboard/subscriptions/42")).toEqual({ page: "subscription", id: "42" });
    expect(routeFor("/dashboard/subscriptions/42/")).toEqual({ page: "subscription", id: "42" });
    expect(routeFor(`/dashboard${subscriptionPath("U3ViOjE=")}`)).toEqual({ page: "subscription", id: "U3ViOjE=" });
  });

  it("opens a widget at the url the real Dashboard joins to appUrl, with both slashes", () => {
    expect(routeFor("/dashboard//widgets/order", "?orderId=T3JkZXI6MQ%3D%3D&id=QXBwOjM%3D&id=QXBwOjM%3D")).toEqual({
      page: "order-widget",
      orderId: "T3JkZXI6MQ==",
    });
    expect(routeFor("/dashboard//widgets/customer", "?customerId=VXNlcjo2").page).toBe("customer-widget");
  });

  it("gives the widgets the context id the Dashboard puts in the iframe's query", () => {
    expect(routeFor("/dashboard/widgets/customer", "?customerId=VXNlcjox&saleorApiUrl=x")).toEqual({
      page: "customer-widget",
      customerId: "VXNlcjox",
    });
    expect(routeFor("/dashboard/widgets/order", "?orderId=T3JkZXI6MQ%3D%3D")).toEqual({
      page: "order-widget",
      orderId: "T3JkZXI6MQ==",
    });
    expect(routeFor("/dashboard/widgets/order", "")).toEqual({ page: "order-widget", orderId: null });
  });
  it("opens a product's plan editor and its widget with the productId the Dashboard passes", () => {
    expect(routeFor("/dashboard/products/plans", "?productId=UHJvZHVjdDo3&plan=monthly&id=QXBwOjM%3D")).toEqual({
      page: "product-plans", productId: "UHJvZHVjdDo3", plan: "monthly",
    });
    expect(routeFor("/dashboard//widgets/product", "?productId=UHJvZHVjdDo3")).toEqual({ page: "product-widget", productId: "UHJvZHVjdDo3" });
    expect(productPlansPath("UHJvZHVjdDo3", "monthly")).toBe("/products/plans?productId=UHJvZHVjdDo3&plan=monthly");
  });

  it("opens a funnel's editor by its id, and an empty one for a new funnel", () => {
    expect(routeFor(`/dashboard${funnelPath("7")}`)).toEqual({ page: "funnel", id: "7" });
    expect(routeFor(`/dashboard${funnelPath(null)}`)).toEqual({ page: "funnel", id: null });
  });
});
