/** The editor's inputs, each with its error beside it: ours are message keys, the API's come already translated. */
import { Input, Textarea } from "@saleor/macaw-ui";
import { Controller, get, useFormContext, type FieldError } from "react-hook-form";
import { useT } from "../../i18n/i18n";
import type { MessageKey } from "../../i18n/messages";
import { MAX_STEPS } from "../funnel-form";

/** The error text for form field `name` (a dotted path), in the staff user's language. */
export function useFieldError() {
  const t = useT();
  const { formState } = useFormContext();
  return (name: string): string | undefined => {
    const error = get(formState.errors, name) as FieldError | undefined;
    if (!error?.message) return undefined;
    return error.type === "server" ? error.message : t(error.message as MessageKey, { max: MAX_STEPS });
  };
}

type FieldProps = { name: string; label: string; type?: "text" | "number"; min?: number; max?: number };

// controlled, so that macaw-ui's label floats above what was typed or loaded
export function FormInput({ name, label, type = "text", min, max }: FieldProps) {
  const { control } = useFormContext();
  const error = useFieldError()(name);
  return (
    <Controller control={control} name={name} render={({ field }) => (
      <Input id={`field-${name}`} label={label} type={type} min={min} max={max} name={field.name} ref={field.ref}
        value={field.value ?? ""} onChange={field.onChange} onBlur={field.onBlur} error={Boolean(error)} helperText={error} />
    )} />
  );
}

export function FormTextarea({ name, label }: { name: string; label: string }) {
  const { control } = useFormContext();
  const error = useFieldError()(name);
  return (
    <Controller control={control} name={name} render={({ field }) => (
      <Textarea id={`field-${name}`} label={label} rows={7} name={field.name} ref={field.ref} value={field.value ?? ""}
        onChange={field.onChange} onBlur={field.onBlur} error={Boolean(error)} helperText={error} />
    )} />
  );
}
