// The API token lives in sessionStorage: gone when the tab closes, never in a cookie or the URL.
const KEY = 'mm.token';

export function getToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function setToken(token: string): void {
  sessionStorage.setItem(KEY, token.trim());
}

export function clearToken(): void {
  sessionStorage.removeItem(KEY);
}
