import { configure } from "@testing-library/react";

// findBy…/waitFor give up after 1 s by default: on a loaded 2-core CI machine a form re-render can take longer.
configure({ asyncUtilTimeout: 10_000 });

// jsdom has no ResizeObserver; Radix (inside macaw-ui's checkbox and radio) measures with it.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;
