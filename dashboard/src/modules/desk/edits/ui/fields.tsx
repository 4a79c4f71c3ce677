import { Box, Checkbox, Input, RadioGroup, Text, Textarea } from "@saleor/macaw-ui";
import { Controller, useFormContext, type FieldError } from "react-hook-form";
import { useT } from "../../../i18n/i18n";
import type { MessageKey } from "../../../i18n/messages";

/** A field's error in the operator's language: ours are message keys, the API's come already translated. */
function useErrorText() {
  const t = useT();
  return (error: FieldError | undefined) =>
    error?.message ? (error.type === "server" ? error.message : t(error.message as MessageKey)) : undefined;
}

type TextFieldProps = {
  name: string;
  label: string;
  type?: "text" | "number" | "date";
  helperText?: string;
  step?: string;
  min?: number | string;
};

export function TextField({ name, label, type = "text", helperText, step, min }: TextFieldProps) {
  const { register, formState } = useFormContext();
  const errorText = useErrorText();
  const error = formState.errors[name] as FieldError | undefined;
  return (
    <Input
      {...register(name)}
      id={`field-${name}`}
      label={label}
      type={type}
      step={step}
      min={min}
      error={Boolean(error)}
      helperText={errorText(error) ?? helperText}
    />
  );
}

export function TextAreaField({ name, label }: { name: string; label: string }) {
  const { register, formState } = useFormContext();
  const errorText = useErrorText();
  const error = formState.errors[name] as FieldError | undefined;
  return <Textarea {...register(name)} label={label} rows={3} error={Boolean(error)} helperText={errorText(error)} />;
}

export function CheckboxField({ name, label }: { name: string; label: string }) {
  const { control, formState } = useFormContext();
  const errorText = useErrorText();
  const error = formState.errors[name] as FieldError | undefined;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Box display="flex" flexDirection="column" gap={1}>
          <Checkbox
            checked={Boolean(field.value)}
            onCheckedChange={(checked) => field.onChange(checked === true)}
            error={Boolean(error)}
          >
            <Text size={3}>{label}</Text>
          </Checkbox>
          {error && (
            <Text size={2} color="critical1">
              {errorText(error)}
            </Text>
          )}
        </Box>
      )}
    />
  );
}

export function RadioField({ name, label, options }: { name: string; label: string; options: { value: string; label: string }[] }) {
  const { control, formState } = useFormContext();
  const errorText = useErrorText();
  const error = formState.errors[name] as FieldError | undefined;
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Box display="flex" flexDirection="column" gap={2}>
          <Text size={3} fontWeight="medium">
            {label}
          </Text>
          <RadioGroup value={field.value ?? ""} onValueChange={field.onChange} display="flex" flexDirection="column" gap={2}>
            {options.map((option) => (
              <RadioGroup.Item key={option.value} id={`${name}-${option.value}`} value={option.value}>
                <Text size={3}>{option.label}</Text>
              </RadioGroup.Item>
            ))}
          </RadioGroup>
          {error && (
            <Text size={2} color="critical1">
              {errorText(error)}
            </Text>
          )}
        </Box>
      )}
    />
  );
}
