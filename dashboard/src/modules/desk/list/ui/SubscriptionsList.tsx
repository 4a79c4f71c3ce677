import { Box, Button, Text } from "@saleor/macaw-ui";
import { useEffect, useReducer } from "react";
import { useQuery } from "urql";
import { useT } from "../../../i18n/i18n";
import { QueryProblem } from "../../ui/QueryProblem";
import { listReducer, listVariables, loadListState, rangeIsReversed, saveListState } from "../filters";
import { STAFF_SUBSCRIPTIONS } from "../operations";
import { FiltersBar } from "./FiltersBar";
import { SubscriptionsTable } from "./SubscriptionsTable";

/** The operators' list: search, filters, the table and its pages. */
export function SubscriptionsList() {
  const t = useT();
  const [state, dispatch] = useReducer(listReducer, undefined, () => loadListState());
  useEffect(() => saveListState(state), [state]);
  const reversed = rangeIsReversed(state.filters);
  const [{ data, fetching, error }] = useQuery({
    query: STAFF_SUBSCRIPTIONS,
    variables: listVariables(state),
    pause: reversed,
    requestPolicy: "cache-and-network",
  });
  const result = data?.staffSubscriptions;
  const rows = result?.subscriptions ?? [];
  const pageInfo = result?.pageInfo;

  return (
    <Box display="flex" flexDirection="column" gap={5}>
      <FiltersBar filters={state.filters} dispatch={dispatch} />
      <QueryProblem fetching={fetching && !result} error={error} refusal={result?.errors[0]} />
      {result && !result.errors.length && !reversed && (
        rows.length ? (
          <SubscriptionsTable rows={rows} />
        ) : (
          <Text color="default2">{t("desk.list.empty")}</Text>
        )
      )}
      <Box display="flex" gap={2} justifyContent="flex-end" alignItems="center">
        {state.cursors.length > 0 && (
          <>
            <Text size={2} color="default2">
              {t("desk.list.page", { page: state.cursors.length + 1 })}
            </Text>
            <Button variant="secondary" size="small" onClick={() => dispatch({ type: "previous" })}>
              {t("desk.list.previous")}
            </Button>
          </>
        )}
        {pageInfo?.hasNextPage && pageInfo.endCursor && (
          <Button
            variant="secondary"
            size="small"
            onClick={() => dispatch({ type: "next", endCursor: pageInfo.endCursor! })}
          >
            {t("desk.list.next")}
          </Button>
        )}
      </Box>
    </Box>
  );
}
