// Excel round trip: download the estimate's workbook, fill it in, upload it with a progress bar;
// when refused, every bad cell is listed by row and column and nothing was saved.
import { Alert, Button, Card, FileButton, Group, List, Progress, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { ErrorTable } from '../../ui/ErrorTable';
import { Loading } from '../../ui/Loading';
import { useEstimate, useMyEstimateItem } from '../estimates/queries';
import { downloadWorkbook, uploadWorkbook, type Progress as UploadProgress } from './upload';

export default function ExcelPage() {
  const { t } = useTranslation();
  const item = useMyEstimateItem();
  const estimate = useEstimate(item.data?.id);
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [downloading, setDownloading] = useState(false);

  if (item.isPending || (item.data && estimate.isPending)) return <Loading />;
  if (item.isError) return <ErrorAlert error={item.error} />;
  if (!item.data || !estimate.data) return <Alert>{t('work.noEstimate', { year: '' })}</Alert>;
  const e = estimate.data;
  const editable = e.status === 'DRAFT' || e.status === 'RETURNED';

  const download = async () => {
    setDownloading(true);
    setError(null);
    try {
      await downloadWorkbook(e.id, `du-toan-${e.unit.code}-${e.year}.xlsx`);
    } catch (caught) {
      setError(caught);
    } finally {
      setDownloading(false);
    }
  };

  const upload = async (file: File | null) => {
    if (!file) return;
    setError(null);
    setDone(null);
    try {
      await uploadWorkbook(e.id, file, setProgress);
      await queryClient.invalidateQueries({ queryKey: ['estimate', e.id] });
      await queryClient.invalidateQueries({ queryKey: ['my-estimate'] });
      setDone(file.name);
    } catch (caught) {
      setError(caught);
    } finally {
      setProgress(null);
    }
  };

  const cellErrors = error instanceof ApiError && error.details.some((d) => d.row !== undefined) ? error.details : null;

  return (
    <Stack maw={960}>
      <Title order={2}>{t('excel.title')}</Title>
      <Card withBorder>
        <Stack>
          <Title order={3} size="h5">
            {t('excel.step1')}
          </Title>
          <Text size="sm">{t('excel.step1Help')}</Text>
          <Group>
            <Button variant="default" onClick={() => void download()} loading={downloading}>
              {t('excel.download')}
            </Button>
          </Group>
          <Title order={3} size="h5">
            {t('excel.step2')}
          </Title>
          <List size="sm">
            <List.Item>{t('excel.rule1')}</List.Item>
            <List.Item>{t('excel.rule2')}</List.Item>
            <List.Item>{t('excel.rule3')}</List.Item>
          </List>
          <Group>
            <FileButton onChange={(file) => void upload(file)} accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
              {(props) => (
                <Button {...props} disabled={!editable || progress !== null}>
                  {t('excel.upload')}
                </Button>
              )}
            </FileButton>
          </Group>
          {!editable && <Alert>{t('editor.locked')}</Alert>}
          {progress && (
            <div>
              <Text size="sm" mb={4}>
                {progress.phase === 'upload' ? t('excel.uploading') : t('excel.importing')} — {progress.percent}%
              </Text>
              <Progress value={progress.percent} aria-label={t('excel.progress')} striped animated />
            </div>
          )}
          {done && (
            <Alert color="green" role="status" title={t('excel.done', { file: done })}>
              {t('excel.doneHelp', { count: estimate.data.totals.lineCount })}
            </Alert>
          )}
          {error !== null && !cellErrors && <ErrorAlert error={error} />}
          {cellErrors && (
            <Stack gap="xs">
              <Alert color="red" role="alert" title={t('excel.refused', { count: cellErrors.length })}>
                {t('excel.refusedHelp')}
              </Alert>
              <ErrorTable details={cellErrors} />
            </Stack>
          )}
        </Stack>
      </Card>
    </Stack>
  );
}
