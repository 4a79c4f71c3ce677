import { useCallback } from "react";
import type { AnyVariables, TypedDocumentNode } from "urql";
import type { StaffError } from "../../refusal/refusal";
import { useOpenSubscription } from "../detail/context";
import { useChange } from "./useChange";

/** A change to the open subscription: sends it with the subscription's id, reloads the page when done. */
export function useSubscriptionChange<D extends object, V extends AnyVariables & { id: string }>(
  document: TypedDocumentNode<D, V>,
) {
  const { id, refresh } = useOpenSubscription();
  const change = useChange(document);
  return useCallback(
    async (variables: Omit<V, "id">): Promise<StaffError[]> => {
      const { errors } = await change({ ...variables, id } as V);
      if (!errors.length) refresh();
      return errors;
    },
    [change, id, refresh],
  );
}
