import { describe, expect, it } from "vitest";
import {
  INITIAL_STATE,
  activeFilterCount,
  listReducer,
  listVariables,
  loadListState,
  rangeIsReversed,
  saveListState,
  type ListState,
} from "./filters";

const apply = (...actions: Parameters<typeof listReducer>[1][]) => actions.reduce(listReducer, INITIAL_STATE);

describe("listVariables", () => {
  it("asks for the first page with nothing else when nothing is set", () => {
    expect(listVariables(INITIAL_STATE)).toEqual({ first: 50 });
  });

  it("sends only the filters that are set, trimmed", () => {
    const state = apply({
      type: "filter",
      changes: { search: "  hanako@example.com ", statuses: ["PAST_DUE", "PAUSED"], channel: " jp ", nextFrom: "2026-12-01", needsAttention: true },
    });
    expect(listVariables(state)).toEqual({
      search: "hanako@example.com",
      status: ["PAST_DUE", "PAUSED"],
      channel: "jp",
      nextFrom: "2026-12-01",
      needsAttention: true,
      first: 50,
    });
  });
});

describe("paging", () => {
  it("goes forward by the end cursor and back to the previous page", () => {
    const second = apply({ type: "next", endCursor: "c1" });
    const third = listReducer(second, { type: "next", endCursor: "c2" });
    expect(listVariables(third).after).toBe("c2");
    expect(listVariables(listReducer(third, { type: "previous" })).after).toBe("c1");
    expect(listVariables(listReducer(third, { type: "first" })).after).toBeUndefined();
  });

  it("starts again from the first page when a filter changes", () => {
    const state = apply({ type: "next", endCursor: "c1" }, { type: "filter", changes: { channel: "us" } });
    expect(listVariables(state)).toEqual({ channel: "us", first: 50 });
  });

  it("clears everything at once", () => {
    const state = apply({ type: "filter", changes: { search: "x", needsAttention: true } }, { type: "clear" });
    expect(state).toEqual(INITIAL_STATE);
  });
});

describe("filter summary", () => {
  it("counts the filters set besides the search", () => {
    expect(activeFilterCount(INITIAL_STATE.filters)).toBe(0);
    const { filters } = apply({ type: "filter", changes: { search: "x", statuses: ["ACTIVE"], nextTo: "2027-01-01" } });
    expect(activeFilterCount(filters)).toBe(2);
  });

  it("notices a date range that ends before it starts", () => {
    const { filters } = apply({ type: "filter", changes: { nextFrom: "2026-12-10", nextTo: "2026-12-01" } });
    expect(rangeIsReversed(filters)).toBe(true);
    expect(rangeIsReversed({ ...filters, nextTo: "2026-12-10" })).toBe(false);
  });
});

describe("remembered list", () => {
  const memory = () => {
    const items = new Map<string, string>();
    return {
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    } as unknown as Storage;
  };

  it("comes back as the operator left it", () => {
    const storage = memory();
    const state: ListState = apply({ type: "filter", changes: { statuses: ["ACTIVE"] } }, { type: "next", endCursor: "c1" });
    saveListState(state, storage);
    expect(loadListState(storage)).toEqual(state);
  });

  it("starts empty from nothing or from garbage", () => {
    const storage = memory();
    expect(loadListState(storage)).toEqual(INITIAL_STATE);
    storage.setItem("desk.list", "{not json");
    expect(loadListState(storage)).toEqual(INITIAL_STATE);
  });
});
