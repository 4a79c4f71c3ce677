import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

/** The frame every page shares: a title and the page's content below it. */
export function PageLayout({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <Box display="flex" flexDirection="column" gap={6} padding={6}>
      <Text as="h1" size={9} fontWeight="bold">
        {title}
      </Text>
      {children}
    </Box>
  );
}
