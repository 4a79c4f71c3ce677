import { Text } from "@saleor/macaw-ui";
import type { CombinedError } from "urql";
import { useT } from "../../i18n/i18n";
import { Refusal } from "../../refusal/ui/Refusal";
import type { StaffError } from "../../refusal/refusal";

/** Loading, a failed request or the API's refusal, shown where the content would be; null once there is content. */
export function QueryProblem({
  fetching,
  error,
  refusal,
}: {
  fetching: boolean;
  error?: CombinedError;
  refusal?: StaffError;
}) {
  const t = useT();
  if (error)
    return <Refusal error={{ code: "ERROR", message: error.networkError ? t("refusal.network") : error.message }} />;
  if (refusal) return <Refusal error={refusal} />;
  if (fetching) return <Text color="default2">{t("desk.loading")}</Text>;
  return null;
}
