/** Phone/FAX order entry (the Dashboard mounts it at ORDER_OVERVIEW_CREATE; a customer's page may name the customer). */
import { PhoneOrderForm } from "../modules/phone-order/ui/PhoneOrderForm";

export function PhoneOrderPage() {
  const query = new URLSearchParams(window.location.search);
  return <PhoneOrderForm initial={{ channel: query.get("channel") ?? "", customerId: query.get("customerId") ?? "" }} />;
}
