// The cells a workbook was refused for, as a table the officer can act on: row, column, message.
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ErrorDetail } from '../api/client';
import { pickLanguage } from './errors';

export function ErrorTable({ details }: { details: ErrorDetail[] }) {
  const { t, i18n } = useTranslation();
  const rows = [...details].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return (
    <Table withTableBorder striped data-testid="error-table" fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={80}>{t('excel.row')}</Table.Th>
          <Table.Th w={100}>{t('excel.column')}</Table.Th>
          <Table.Th>{t('excel.message')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((d, i) => (
          <Table.Tr key={i} data-row={d.row}>
            <Table.Td>{d.row ?? '—'}</Table.Td>
            <Table.Td>{d.column ?? d.field ?? '—'}</Table.Td>
            <Table.Td>{pickLanguage(d.message, i18n.language)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
