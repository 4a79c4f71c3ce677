import type { AppBridge } from "@saleor/app-sdk/app-bridge";
import { useMemo, type ReactNode } from "react";
import { Provider } from "urql";
import { createStaffClient } from "./client";

/** Makes the staff API client available to the pages; each request reads the bridge's current token. */
export function StaffApiProvider({ bridge, children }: { bridge: AppBridge; children: ReactNode }) {
  const client = useMemo(
    () =>
      createStaffClient(() => {
        const { token, saleorApiUrl, locale } = bridge.getState();
        return { token, saleorApiUrl, locale };
      }),
    [bridge],
  );
  return <Provider value={client}>{children}</Provider>;
}
