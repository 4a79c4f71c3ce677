import { Text } from "@saleor/macaw-ui";
import type { MouseEvent, ReactNode } from "react";
import { hrefFor, navigate } from "../../routing/navigation";

/** A link to another of the app's pages: opens in place, keeps the Dashboard's parameters. */
export function AppLink({ path, children }: { path: string; children: ReactNode }) {
  const open = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    navigate(path);
  };
  return (
    <Text as="a" href={hrefFor(path)} onClick={open} color="accent1" textDecoration="none">
      {children}
    </Text>
  );
}

/** A link that asks the Dashboard to open one of its own pages (App Bridge `redirect`). */
export function DashboardLink({ onOpen, children }: { onOpen: () => void; children: ReactNode }) {
  const open = (event: MouseEvent) => {
    event.preventDefault();
    onOpen();
  };
  return (
    <Text as="a" href="#" onClick={open} color="accent1" textDecoration="none">
      {children}
    </Text>
  );
}
