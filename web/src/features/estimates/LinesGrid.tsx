// The lines as the annex groups them: part A (continuing) then part B (new), each by plan area,
// with subtotals; DIC's opinion per line when the estimate came back with one.
import { Badge, Button, Stack, Table, Text } from '@mantine/core';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, Line } from '../../api/types';
import { formatVnd, groupDigits, sumVnd } from '../../ui/money';

interface Props {
  lines: Line[];
  catalog: Catalog;
  editable: boolean;
  onEdit: (line: Line) => void;
  onDelete: (line: Line) => void;
}

const OPINION_COLOR = { AGREE: 'green', AGREE_WITH_CHANGES: 'yellow', DISAGREE: 'red' } as const;

function quantityText(quantity: string): string {
  const [whole, fraction] = quantity.split('.');
  const trimmed = (fraction ?? '').replace(/0+$/, '');
  return groupDigits(whole) + (trimmed ? `,${trimmed}` : '');
}

export function LinesGrid({ lines, catalog, editable, onEdit, onDelete }: Props) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const name = (list: { code: string; name: string; nameEn: string }[], code: string) => {
    const item = list.find((x) => x.code === code);
    return item ? (en ? item.nameEn : item.name) : code;
  };
  const areaOrder = new Map(catalog.planAreas.map((a, i) => [a.code, i]));
  const showOpinion = lines.some((l) => l.dicOpinion !== null);
  const columns = 7 + (showOpinion ? 1 : 0);

  const parts = [
    { key: 'A', title: t('line.partA'), lines: lines.filter((l) => l.isContinuing) },
    { key: 'B', title: t('line.partB'), lines: lines.filter((l) => !l.isContinuing) },
  ].filter((p) => p.lines.length > 0);

  return (
    <Table.ScrollContainer minWidth={760}>
      <Table withTableBorder verticalSpacing={6} horizontalSpacing="xs" fz="sm" data-testid="lines-grid" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>{t('line.no')}</Table.Th>
            <Table.Th miw={220}>{t('line.description')}</Table.Th>
            <Table.Th ta="right">{t('line.quantity')}</Table.Th>
            <Table.Th ta="right">{t('line.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('line.amount')}</Table.Th>
            <Table.Th miw={140}>{t('line.sourceAndType')}</Table.Th>
            {showOpinion && <Table.Th>{t('line.dicOpinion')}</Table.Th>}
            <Table.Th w={editable ? 64 : 1}>
              <span className="visually-hidden">{t('line.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {parts.map((part) => {
            const areas = [...new Set(part.lines.map((l) => l.planAreaCode))].sort((a, b) => (areaOrder.get(a) ?? 0) - (areaOrder.get(b) ?? 0));
            return (
              <Fragment key={part.key}>
                <Table.Tr bg="blue.0">
                  <Table.Td colSpan={4} fw={700}>
                    {part.title}
                  </Table.Td>
                  <Table.Td ta="right" fw={700} className="money">
                    {formatVnd(sumVnd(part.lines.map((l) => l.amount)))}
                  </Table.Td>
                  <Table.Td colSpan={columns - 5} />
                </Table.Tr>
                {areas.map((area) => {
                  const inArea = part.lines.filter((l) => l.planAreaCode === area).sort((a, b) => a.lineNo - b.lineNo);
                  return (
                    <Fragment key={area}>
                      <Table.Tr bg="gray.0">
                        <Table.Td colSpan={4} fw={600}>
                          {area} — {name(catalog.planAreas, area)}
                        </Table.Td>
                        <Table.Td ta="right" fw={600} className="money">
                          {formatVnd(sumVnd(inArea.map((l) => l.amount)))}
                        </Table.Td>
                        <Table.Td colSpan={columns - 5} />
                      </Table.Tr>
                      {inArea.map((line) => (
                        <Table.Tr key={line.id} data-line-no={line.lineNo}>
                          <Table.Td>{line.lineNo}</Table.Td>
                          <Table.Td>
                            <Text size="sm" lineClamp={2}>
                              {line.description}
                            </Text>
                          </Table.Td>
                          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                            {quantityText(line.quantity)} {line.measureUnit}
                          </Table.Td>
                          <Table.Td className="money">{formatVnd(line.unitPrice)}</Table.Td>
                          <Table.Td className="money" fw={600} data-testid="line-amount">
                            {formatVnd(line.amount)}
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" lh={1.3}>
                              {name(catalog.fundingSources, line.fundingSourceCode)}
                            </Text>
                            <Text size="xs" c="dimmed" lh={1.3}>
                              {t(`typeShort.${line.expenditureTypeCode}`, { defaultValue: name(catalog.expenditureTypes, line.expenditureTypeCode) })}
                            </Text>
                          </Table.Td>
                          {showOpinion && (
                            <Table.Td>
                              {line.dicOpinion && (
                                <Badge color={OPINION_COLOR[line.dicOpinion]} variant="light">
                                  {t(`opinion.${line.dicOpinion}`)}
                                </Badge>
                              )}
                              {line.dicNote && <Text size="xs">{line.dicNote}</Text>}
                            </Table.Td>
                          )}
                          <Table.Td>
                            {editable && (
                              <Stack gap={4} align="stretch">
                                <Button size="compact-sm" variant="light" onClick={() => onEdit(line)} aria-label={t('line.editNo', { no: line.lineNo })}>
                                  {t('line.edit')}
                                </Button>
                                <Button
                                  size="compact-sm"
                                  variant="default"
                                  onClick={() => onDelete(line)}
                                  aria-label={t('line.deleteNo', { no: line.lineNo })}
                                >
                                  {t('line.delete')}
                                </Button>
                              </Stack>
                            )}
                          </Table.Td>
                        </Table.Tr>
                      ))}
                    </Fragment>
                  );
                })}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
