// jsdom has no ResizeObserver; Radix (inside macaw-ui's checkbox and radio) measures with it.
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub;
