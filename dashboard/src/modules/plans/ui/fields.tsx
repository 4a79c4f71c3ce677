/** The plan form's inputs, each showing the server's refusal for its own field (see `formFieldFor`). */
import { Box, Checkbox, Input, RadioGroup, Text, Textarea } from "@saleor/macaw-ui";
import { createContext, useContext, type ReactNode } from "react";
import { Controller, useFormContext } from "react-hook-form";

/** The server's messages by form field path (`tiers.0.minQuantity`), and a field path prefix's own (`regular.amounts`). */
export const ServerErrors = createContext<Record<string, string>>({});

export function useFieldError(name: string): string | undefined {
  return useContext(ServerErrors)[name];
}

export function FieldError({ name }: { name: string }) {
  const error = useFieldError(name);
  return error ? (
    <Text size={2} color="critical1" data-field-error={name}>
      {error}
    </Text>
  ) : null;
}

export function TextInput({ name, label, helperText, inputMode }: {
  name: string; label: string; helperText?: string; inputMode?: "numeric" | "decimal";
}) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return (
    <Input {...register(name)} id={`plan-${name}`} label={label} inputMode={inputMode} error={Boolean(error)}
      helperText={error ?? helperText} />
  );
}

export function TextAreaInput({ name, label }: { name: string; label: string }) {
  const { register } = useFormContext();
  const error = useFieldError(name);
  return <Textarea {...register(name)} id={`plan-${name}`} label={label} rows={2} error={Boolean(error)} helperText={error} />;
}

export function Choice({ name, label, options }: { name: string; label?: string; options: { value: string; label: string }[] }) {
  const { control } = useFormContext();
  return (
    <Controller control={control} name={name} render={({ field }) => (
      <Box display="flex" flexDirection="column" gap={2}>
        {label && <Text size={3} fontWeight="medium">{label}</Text>}
        <RadioGroup value={field.value ?? ""} onValueChange={field.onChange} display="flex" flexDirection="column" gap={2}>
          {options.map((option) => (
            <RadioGroup.Item key={option.value} id={`plan-${name}-${option.value}`} value={option.value}>
              <Text size={3}>{option.label}</Text>
            </RadioGroup.Item>
          ))}
        </RadioGroup>
        <FieldError name={name} />
      </Box>
    )} />
  );
}

export function Toggle({ name, label }: { name: string; label: string }) {
  const { control } = useFormContext();
  return (
    <Controller control={control} name={name} render={({ field }) => (
      <Checkbox checked={Boolean(field.value)} onCheckedChange={(checked) => field.onChange(checked === true)}>
        <Text size={3}>{label}</Text>
      </Checkbox>
    )} />
  );
}

/** Checkboxes writing the chosen values into one list field. */
export function ChoiceList({ name, label, options }: { name: string; label: string; options: { value: string; label: string }[] }) {
  const { control } = useFormContext();
  return (
    <Controller control={control} name={name} render={({ field }) => {
      const chosen: string[] = field.value ?? [];
      return (
        <Box display="flex" flexDirection="column" gap={2}>
          <Text size={3} fontWeight="medium">{label}</Text>
          <Box display="flex" flexWrap="wrap" gap={4}>
            {options.map((option) => (
              <Checkbox key={option.value} checked={chosen.includes(option.value)} onCheckedChange={(checked) =>
                field.onChange(checked === true ? [...chosen, option.value] : chosen.filter((value) => value !== option.value))}>
                <Text size={3}>{option.label}</Text>
              </Checkbox>
            ))}
          </Box>
          <FieldError name={name} />
        </Box>
      );
    }} />
  );
}

/** A titled group of fields, as the Dashboard's cards. */
export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box as="fieldset" display="flex" flexDirection="column" gap={3} padding={4} margin={0} borderRadius={4}
      borderWidth={1} borderStyle="solid" borderColor="default1">
      <Box as="legend" paddingX={1}><Text size={5} fontWeight="bold">{title}</Text></Box>
      {children}
    </Box>
  );
}
