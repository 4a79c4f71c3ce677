import { useCallback } from "react";
import { useMutation, type AnyVariables, type TypedDocumentNode } from "urql";
import { useT } from "../../i18n/i18n";
import type { StaffError } from "../../refusal/refusal";

type Payload = { errors: StaffError[] };

const isPayload = (value: unknown): value is Payload =>
  typeof value === "object" && value !== null && Array.isArray((value as Payload).errors);

/** Runs one staff mutation; answers its refusals (empty when done), a failed request being one too. */
export function useChange<D extends object, V extends AnyVariables>(document: TypedDocumentNode<D, V>) {
  const t = useT();
  const [, execute] = useMutation(document);
  return useCallback(
    async (variables: V): Promise<{ errors: StaffError[]; data?: D }> => {
      const result = await execute(variables);
      if (result.error) {
        const message = result.error.networkError ? t("refusal.network") : result.error.message;
        return { errors: [{ code: "ERROR", message }] };
      }
      const payload = Object.values(result.data ?? {}).find(isPayload);
      return { errors: payload?.errors ?? [], data: result.data };
    },
    [execute, t],
  );
}
