/** Phone/FAX order entry (the Dashboard mounts it at ORDER_OVERVIEW_CREATE). */
import { PhoneOrderForm } from "../modules/phone-order/ui/PhoneOrderForm";

export function PhoneOrderPage() {
  const channel = new URLSearchParams(window.location.search).get("channel") ?? "";
  return <PhoneOrderForm channel={channel} />;
}
