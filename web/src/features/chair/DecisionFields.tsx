// The two fields every decision of the chair carries: its number and its date, typed as officials
// write it (dd/mm/yyyy, Vietnam's calendar; parse with parseVnDate). The hint says which dates the
// year's decision may carry (the year before to the year after). Errors are shown as given.
import { Group, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { decisionDateRange, formatDate } from '../../ui/format';

export interface DecisionFieldsProps {
  number: string;
  date: string;
  onNumber: (value: string) => void;
  onDate: (value: string) => void;
  errors: { number?: string | null; date?: string | null };
  placeholder?: string;
  /** The budget year decided on: the hint gives its range of dates. */
  year: number | null;
}

export function DecisionFields({ number, date, onNumber, onDate, errors, placeholder = '2345/QĐ-UBND', year }: DecisionFieldsProps) {
  const { t } = useTranslation();
  const range = year === null ? null : decisionDateRange(year);
  return (
    <Group align="flex-start">
      <TextInput label={t('prov.chair.decisionNumber')} placeholder={placeholder} required value={number} onChange={(ev) => onNumber(ev.currentTarget.value)} error={errors.number} />
      <TextInput
        label={t('prov.chair.decisionDate')}
        description={range ? t('prov.chair.dateRangeHelp', { from: formatDate(range.from), to: formatDate(range.to) }) : t('prov.chair.dateHelp')}
        placeholder={t('prov.chair.datePlaceholder')}
        required
        value={date}
        onChange={(ev) => onDate(ev.currentTarget.value)}
        error={errors.date}
      />
    </Group>
  );
}
