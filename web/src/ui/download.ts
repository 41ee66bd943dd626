// Files the API serves behind the token (workbooks): fetched with the token, then saved by the browser.
import { getToken } from '../api/client';

/** Downloads `path` (an API path) and offers it to the browser as `name`; throws on an HTTP error. */
export async function downloadFile(path: string, name: string): Promise<void> {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${getToken() ?? ''}` } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}
