import { Box, Text } from "@saleor/macaw-ui";
import type { ReactNode } from "react";

/** A figure with its label and, below it, the API's one line on what it counts and what it does not. */
export function Figure({ label, value, explanation }: { label: string; value: ReactNode; explanation?: string }) {
  return (
    <Box display="flex" flexDirection="column" gap={1} __maxWidth="260px" data-testid="figure">
      <Text size={2} color="default2">{label}</Text>
      <Text size={7} fontWeight="bold">{value}</Text>
      {explanation && <Text size={1} color="default2">{explanation}</Text>}
    </Box>
  );
}

/** The explanations of a chart's or table's figures, one line each. */
export function Explanations({ lines }: { lines: (string | undefined)[] }) {
  const shown = lines.filter((line): line is string => Boolean(line));
  if (!shown.length) return null;
  return (
    <Box as="ul" margin={0} paddingLeft={4} display="flex" flexDirection="column" gap={1}>
      {shown.map((line) => (
        <li key={line}>
          <Text size={1} color="default2">{line}</Text>
        </li>
      ))}
    </Box>
  );
}
