import { getToken } from './token';
import { ApiError, toProblem } from './problem';

/**
 * Downloads `url` as a file named `filename`: fetched with the session's bearer token (a plain
 * link could not send it), then handed to the browser as a blob.
 */
export async function downloadWithToken(url: string, filename: string): Promise<void> {
  const token = getToken();
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!response.ok) {
    const body = await response.json().catch(() => undefined);
    throw new ApiError(response.status, toProblem(response.status, body));
  }
  const href = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(href);
}
