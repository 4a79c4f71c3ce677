import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

/** The frame every page shares: the app's tabs (`nav`) if any, a title and the page's content below it. */
export function PageLayout({ title, nav, children }: { title: string; nav?: ReactNode; children?: ReactNode }) {
  return (
    <Box display="flex" flexDirection="column" gap={6} padding={6}>
      {nav}
      <Text as="h1" size={9} fontWeight="bold">
        {title}
      </Text>
      {children}
    </Box>
  );
}
