/** The list's search, filters and page, and the query variables they make. */
import type { SubscriptionStatus } from "../types";

export type ListFilters = {
  search: string;
  statuses: SubscriptionStatus[];
  channel: string;
  nextFrom: string;
  nextTo: string;
  needsAttention: boolean;
};

/** The filters and the cursors of the pages passed on the way to the current one. */
export type ListState = { filters: ListFilters; cursors: string[] };

export const PAGE_SIZE = 50;

export const EMPTY_FILTERS: ListFilters = {
  search: "",
  statuses: [],
  channel: "",
  nextFrom: "",
  nextTo: "",
  needsAttention: false,
};

export const INITIAL_STATE: ListState = { filters: EMPTY_FILTERS, cursors: [] };

export type ListAction =
  | { type: "filter"; changes: Partial<ListFilters> }
  | { type: "clear" }
  | { type: "next"; endCursor: string }
  | { type: "previous" }
  | { type: "first" };

/** Any change of filters starts again from the first page. */
export function listReducer(state: ListState, action: ListAction): ListState {
  switch (action.type) {
    case "filter":
      return { filters: { ...state.filters, ...action.changes }, cursors: [] };
    case "clear":
      return INITIAL_STATE;
    case "next":
      return { ...state, cursors: [...state.cursors, action.endCursor] };
    case "previous":
      return { ...state, cursors: state.cursors.slice(0, -1) };
    case "first":
      return { ...state, cursors: [] };
  }
}

/** True when "from" comes after "to": such a range finds nothing, so the list says so instead of asking. */
export function rangeIsReversed({ nextFrom, nextTo }: ListFilters): boolean {
  return Boolean(nextFrom && nextTo && nextFrom > nextTo);
}

export function activeFilterCount(filters: ListFilters): number {
  return [
    filters.statuses.length > 0,
    filters.channel.trim() !== "",
    filters.nextFrom !== "",
    filters.nextTo !== "",
    filters.needsAttention,
  ].filter(Boolean).length;
}

export type ListVariables = {
  search?: string;
  status?: SubscriptionStatus[];
  channel?: string;
  nextFrom?: string;
  nextTo?: string;
  needsAttention?: boolean;
  first: number;
  after?: string;
};

/** The `staffSubscriptions` arguments: only what is set, trimmed. */
export function listVariables({ filters, cursors }: ListState): ListVariables {
  const search = filters.search.trim();
  const channel = filters.channel.trim();
  const after = cursors.at(-1);
  return {
    ...(search ? { search } : {}),
    ...(filters.statuses.length ? { status: filters.statuses } : {}),
    ...(channel ? { channel } : {}),
    ...(filters.nextFrom ? { nextFrom: filters.nextFrom } : {}),
    ...(filters.nextTo ? { nextTo: filters.nextTo } : {}),
    ...(filters.needsAttention ? { needsAttention: true } : {}),
    first: PAGE_SIZE,
    ...(after ? { after } : {}),
  };
}

const STORAGE_KEY = "desk.list";

/** This tab's storage, if the browser lets the iframe have one (it throws where third-party storage is blocked). */
function tabStorage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** The list as the operator left it in this tab (back from a subscription lands on the same page). */
export function loadListState(storage: Storage | undefined = tabStorage()): ListState {
  try {
    const saved = storage?.getItem(STORAGE_KEY);
    if (!saved) return INITIAL_STATE;
    const parsed = JSON.parse(saved) as ListState;
    return { filters: { ...EMPTY_FILTERS, ...parsed.filters }, cursors: Array.isArray(parsed.cursors) ? parsed.cursors : [] };
  } catch {
    return INITIAL_STATE;
  }
}

export function saveListState(state: ListState, storage: Storage | undefined = tabStorage()): void {
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // A full or disabled storage only loses the remembered filters.
  }
}
