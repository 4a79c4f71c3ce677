/// <reference types="vite/client" />
// macaw-ui's stylesheet is exported without a .css name, so Vite's typings do not cover it.
declare module "@saleor/macaw-ui/style";
