import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';
import { clearToken, getToken } from '../lib/token';
import { addCsrf } from '../lib/session';
import { ApiError, toProblem } from '../lib/problem';

/**
 * Sends the pasted token on every call; without one the browser session's cookie goes along by
 * itself (same origin) and changes carry the CSRF header. A 401 signs out so the login page shows.
 */
const auth: Middleware = {
  onRequest({ request }) {
    const token = getToken();
    if (token) {
      request.headers.set('Authorization', `Bearer ${token}`);
    } else {
      addCsrf(request.method, request.headers);
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) {
      clearToken();
      window.dispatchEvent(new Event('mm:signed-out'));
    }
    return response;
  },
};

// The page's own origin (a relative URL is not a valid Request URL outside a browser), and
// fetch looked up per call so tests can stub it.
export const api = createClient<paths>({
  baseUrl: window.location.origin,
  fetch: (request) => globalThis.fetch(request),
});
api.use(auth);

/**
 * Unwraps an openapi-fetch result: the data, or an ApiError carrying the problem+json body.
 */
export async function call<T>(
  p: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await p;
  if (!response.ok) {
    throw new ApiError(response.status, toProblem(response.status, error));
  }
  return data as T;
}
