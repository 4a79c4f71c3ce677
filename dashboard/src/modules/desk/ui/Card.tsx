import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

/** A titled card as the Dashboard draws its sections: a hairline border, the title, then the content. */
export function Card({ title, actions, children }: { title: ReactNode; actions?: ReactNode; children: ReactNode }) {
  return (
    <Box
      as="section"
      display="flex"
      flexDirection="column"
      gap={4}
      padding={5}
      borderRadius={4}
      borderWidth={1}
      borderStyle="solid"
      borderColor="default1"
      backgroundColor="default1"
    >
      <Box display="flex" justifyContent="space-between" alignItems="center" gap={2} flexWrap="wrap">
        <Text as="h2" size={5} fontWeight="bold">
          {title}
        </Text>
        {actions && (
          <Box display="flex" gap={2} flexWrap="wrap">
            {actions}
          </Box>
        )}
      </Box>
      {children}
    </Box>
  );
}
