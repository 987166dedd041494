export type Theme = 'light' | 'dark';
const KEY = 'mm.theme';

export function storedTheme(): Theme {
  const t = localStorage.getItem(KEY);
  if (t === 'light' || t === 'dark') return t;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** PatternFly 6 switches its tokens on the pf-v6-theme-dark class of the root element. */
export function applyTheme(t: Theme): void {
  document.documentElement.classList.toggle('pf-v6-theme-dark', t === 'dark');
  localStorage.setItem(KEY, t);
}

/** The theme a server-side preference (light, dark or system) means in this browser. */
export function resolveTheme(preference: string | null | undefined): Theme {
  if (preference === 'light' || preference === 'dark') return preference;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
