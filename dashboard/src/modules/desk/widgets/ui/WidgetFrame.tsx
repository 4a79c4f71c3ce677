import { useAppBridge, useWidgetAutoResize } from "@saleor/app-sdk/app-bridge";
import { Box } from "@saleor/macaw-ui";
import { useRef, type ReactNode } from "react";

/** A widget's compact frame; it asks the Dashboard to size the iframe to its content. */
export function WidgetFrame({ children }: { children: ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  const { appBridge } = useAppBridge();
  useWidgetAutoResize(root, Boolean(appBridge));
  return (
    <Box ref={root} display="flex" flexDirection="column" gap={3} padding={3}>
      {children}
    </Box>
  );
}
