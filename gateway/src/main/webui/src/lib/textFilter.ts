/**
 * The text filter of the list pages (`?q=` in the URL, as the masthead's "see all" links set it):
 * case-insensitive substring of any of the fields.
 */
export function matchesText(q: string | null | undefined, ...fields: (string | null | undefined)[]): boolean {
  const needle = (q ?? '').trim().toLowerCase();
  if (!needle) return true;
  return fields.some((f) => (f ?? '').toLowerCase().includes(needle));
}
