import { zodResolver } from "@hookform/resolvers/zod";
import { Box, Button, Modal, Text } from "@saleor/macaw-ui";
import { useState, type ReactNode } from "react";
import { FormProvider, useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import { useT } from "../../../i18n/i18n";
import type { StaffError } from "../../../refusal/refusal";
import { Refusal } from "../../../refusal/ui/Refusal";
import { splitRefusals } from "../refusals";

type Schema = z.ZodType<FieldValues, FieldValues>;

export type ChangeDialogProps<S extends Schema> = {
  /** The button that opens the dialog. */
  label: string;
  title: string;
  /** What will happen, in plain words, above the fields. */
  description?: ReactNode;
  schema: S;
  defaultValues: DefaultValues<z.input<S>>;
  /** Sends the change; answers the API's refusals (none: done). */
  submit: (values: z.output<S>) => Promise<StaffError[]>;
  confirm: string;
  danger?: boolean;
  triggerVariant?: "primary" | "secondary" | "tertiary" | "error";
  children?: ReactNode;
};

/** A change an operator makes: a dialog with its form, validated before sending; refusals stay in place. */
export function ChangeDialog<S extends Schema>({
  label,
  title,
  description,
  schema,
  defaultValues,
  submit,
  confirm,
  danger = false,
  triggerVariant = "secondary",
  children,
}: ChangeDialogProps<S>) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [general, setGeneral] = useState<StaffError[]>([]);
  const form = useForm<z.input<S>, unknown, z.output<S>>({ resolver: zodResolver(schema), defaultValues });

  const toggle = (next: boolean) => {
    setOpen(next);
    if (next) {
      form.reset(defaultValues);
      setGeneral([]);
    }
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setGeneral([]);
    const refusals = splitRefusals(await submit(values), Object.keys(values));
    refusals.byField.forEach(([field, error]) =>
      form.setError(field as Path<z.input<S>>, { type: "server", message: error.message }),
    );
    setGeneral(refusals.general);
    if (!refusals.byField.length && !refusals.general.length) setOpen(false);
  });

  return (
    <Modal open={open} onChange={toggle}>
      <Modal.Trigger>
        <Button variant={triggerVariant} size="small" type="button">
          {label}
        </Button>
      </Modal.Trigger>
      <Modal.Content>
        <Box
          position="fixed"
          inset={0}
          __backgroundColor="rgba(0, 0, 0, 0.4)"
          display="flex"
          alignItems="center"
          justifyContent="center"
        >
          <Box
            as="form"
            onSubmit={onSubmit}
            noValidate
            display="flex"
            flexDirection="column"
            gap={4}
            padding={6}
            borderRadius={4}
            backgroundColor="default1"
            boxShadow="defaultModal"
            __width="min(520px, calc(100vw - 32px))"
            __maxHeight="calc(100vh - 32px)"
            overflowY="auto"
          >
            <Text as="h2" size={6} fontWeight="bold">
              {title}
            </Text>
            {description && <Text color="default2">{description}</Text>}
            <FormProvider {...form}>{children}</FormProvider>
            {general.map((error, index) => (
              <Refusal key={index} error={error} />
            ))}
            <Box display="flex" justifyContent="flex-end" gap={2}>
              <Modal.Close>
                <Button variant="secondary" type="button">
                  {t("desk.edit.back")}
                </Button>
              </Modal.Close>
              <Button variant={danger ? "error" : "primary"} type="submit" disabled={form.formState.isSubmitting}>
                {confirm}
              </Button>
            </Box>
          </Box>
        </Box>
      </Modal.Content>
    </Modal>
  );
}
