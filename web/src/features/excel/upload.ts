// Uploading a workbook with a progress bar. fetch reports no upload progress, so this one request
// goes through XMLHttpRequest; large files ask for a job (Prefer: respond-async) whose progress is
// then read from GET /jobs/{id} through the typed client.
import { api, ApiError, getToken, ok } from '../../api/client';

/** Files above this go through the job API, so the officer sees the server's progress too. */
export const ASYNC_ABOVE_BYTES = 256 * 1024;

export interface Progress {
  /** 0–100 over the whole upload and import. */
  percent: number;
  phase: 'upload' | 'import';
}

function send(url: string, form: FormData, async: boolean, onProgress: (p: Progress) => void): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = getToken();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    if (async) xhr.setRequestHeader('Prefer', 'respond-async');
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress({ phase: 'upload', percent: Math.round((event.loaded / event.total) * 50) });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = { message: xhr.responseText };
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.send(form);
  });
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the workbook for `estimateId`; resolves with the import's answer, rejects with ApiError
 * (422 ROWS_INVALID carries `{row, column, code, message}` per bad cell in `details`).
 */
export async function uploadWorkbook(estimateId: string, file: File, onProgress: (p: Progress) => void): Promise<unknown> {
  const form = new FormData();
  form.append('file', file);
  const async = file.size > ASYNC_ABOVE_BYTES;
  onProgress({ phase: 'upload', percent: 0 });
  const { status, body } = await send(`/estimates/${estimateId}/workbook`, form, async, onProgress);
  if (status >= 400) throw ApiError.from(status, body);
  if (status !== 202) {
    onProgress({ phase: 'import', percent: 100 });
    return body;
  }
  const jobId = (body as { id: string }).id;
  for (;;) {
    const job = await ok(api.GET('/jobs/{id}', { params: { path: { id: jobId } } }));
    onProgress({ phase: 'import', percent: 50 + Math.round(job.percent / 2) });
    if (job.status === 'DONE') return job.result;
    if (job.status === 'FAILED') {
      const error = (job.error ?? {}) as { statusCode?: number };
      throw ApiError.from(error.statusCode ?? 422, job.error);
    }
    await pause(400);
  }
}

/** The estimate's workbook as a file the browser saves. */
export async function downloadWorkbook(estimateId: string, fileName: string): Promise<void> {
  const blob = await ok(api.GET('/estimates/{id}/workbook', { params: { path: { id: estimateId } }, parseAs: 'blob' }));
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}
