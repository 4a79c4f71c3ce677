/** The full editor for one product (PRODUCT_DETAILS_MORE_ACTIONS): its plans, one chosen for editing, or a new one. */
import { Box, Button, Text } from "@saleor/macaw-ui";
import { useState } from "react";
import { useQuery } from "urql";
import { QueryProblem } from "../../desk/ui/QueryProblem";
import { useLanguage } from "../../i18n/i18n";
import { planWords } from "../messages";
import { STAFF_PLAN_PRODUCT } from "../operations";
import { MoveSubscribers } from "./MoveSubscribers";
import { PlanEditor } from "./PlanEditor";

const NEW = "";

export function ProductPlans({ productId, initialPlan }: { productId: string; initialPlan?: string }) {
  const t = planWords(useLanguage());
  const [{ data, fetching, error }, refetch] = useQuery({ query: STAFF_PLAN_PRODUCT, variables: { productId } });
  const result = data?.staffPlanProduct;
  const plans = result?.plans ?? [];
  const [chosen, choose] = useState<string | null>(initialPlan ?? null);
  const [said, say] = useState<string[]>([]);
  const code = chosen ?? plans[0]?.code ?? NEW;
  const plan = plans.find((candidate) => candidate.code === code) ?? null;

  if (!result || result.errors.length) return <QueryProblem fetching={fetching} error={error} refusal={result?.errors[0]} />;
  return (
    <Box display="flex" flexDirection="column" gap={4}>
      <Text size={4} color="default2">{t("product", { name: result.name ?? "" })}</Text>
      <Box as="nav" display="flex" flexWrap="wrap" gap={2} aria-label={t("title")}>
        {plans.map((candidate) => (
          <Button key={candidate.code} type="button" variant={candidate.code === code ? "primary" : "secondary"}
            onClick={() => { choose(candidate.code); say([]); }}>
            {candidate.code} · v{candidate.version}{candidate.isArchived ? ` (${t("archived")})` : ""}
          </Button>
        ))}
        <Button type="button" variant={code === NEW ? "primary" : "secondary"} onClick={() => { choose(NEW); say([]); }}>
          {t("newPlan")}</Button>
      </Box>
      {said.length > 0 && (
        <Box role="status" padding={3} borderRadius={4} borderWidth={1} borderStyle="solid" borderColor="default1">
          {said.map((line) => <Text key={line} as="p" color="success1">{line}</Text>)}
        </Box>
      )}
      {plan && plan.subscribersOnOlderVersions > 0 && (
        <MoveSubscribers key={`${plan.code}@${plan.version}`} code={plan.code} waiting={plan.subscribersOnOlderVersions}
          onMoved={() => refetch({ requestPolicy: "network-only" })} />
      )}
      <PlanEditor key={plan ? `${plan.code}@${plan.version}` : NEW} product={result as typeof result & { productId: string }}
        plan={plan} onSaved={(saved, lines) => {
          choose(saved);
          say(lines);
          refetch({ requestPolicy: "network-only" });
        }} />
    </Box>
  );
}
