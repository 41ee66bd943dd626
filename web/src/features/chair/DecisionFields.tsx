// The two fields every decision of the chair carries: its number and its date, typed as officials
// write it (dd/mm/yyyy, Vietnam's calendar; parse with parseVnDate). Errors are shown as given.
import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface DecisionFieldsProps {
  number: string;
  date: string;
  onNumber: (value: string) => void;
  onDate: (value: string) => void;
  errors: { number?: string | null; date?: string | null };
  placeholder?: string;
}

export function DecisionFields({ number, date, onNumber, onDate, errors, placeholder = '2345/QĐ-UBND' }: DecisionFieldsProps) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start">
      <TextInput label={t('prov.chair.decisionNumber')} placeholder={placeholder} required value={number} onChange={(ev) => onNumber(ev.currentTarget.value)} error={errors.number} />
      <TextInput
        label={t('prov.chair.decisionDate')}
        description={t('prov.chair.dateHelp')}
        required
        value={date}
        onChange={(ev) => onDate(ev.currentTarget.value)}
        error={errors.date}
      />
    </Group>
  );
}
