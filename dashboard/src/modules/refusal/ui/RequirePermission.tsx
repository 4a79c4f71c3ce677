import type { AppPermission } from "@saleor/app-sdk/types";
import type { ReactNode } from "react";
import { useBridgeState } from "../../app-bridge/bridge";
import { useT } from "../../i18n/i18n";
import { Refusal } from "./Refusal";

/** The permissions a page may require, each named as the Dashboard names it. */
export type PagePermission = Extract<AppPermission, "MANAGE_ORDERS" | "MANAGE_CHANNELS" | "MANAGE_PRODUCTS" | "MANAGE_DISCOUNTS">;

/**
 * `children` for a staff user whose Dashboard token grants `permission` (its `permissions` claim, what the
 * app's API checks); otherwise a refusal that names the permission, instead of a page the API would refuse piece by piece.
 */
export function RequirePermission({ permission, children }: { permission: PagePermission; children: ReactNode }) {
  const t = useT();
  const state = useBridgeState();
  if (state?.appPermissions?.includes(permission)) return children;
  return (
    <Refusal
      error={{ code: "PERMISSION_DENIED", message: t("refusal.needs_permission", { permission: t(`permission.${permission}`) }) }}
    />
  );
}
