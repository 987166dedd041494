// The initial route's JavaScript budget: every script index.html loads (the entry and its
// modulepreloads) must fit in BUDGET_KB gzipped; the pages are separate chunks (React.lazy).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = Number(process.env.MM_UI_BUDGET_KB ?? 300);
const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const initial = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
if (initial.length === 0) {
  console.error('check-budget: index.html loads no script');
  process.exit(1);
}
let total = 0;
for (const f of initial) {
  const gz = gzipSync(readFileSync(join(dist, f))).length;
  total += gz;
  console.log(`  ${f}  ${(gz / 1024).toFixed(1)} KB gzipped`);
}
const chunks = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const lazy = chunks.length - initial.length;
console.log(
  `check-budget: initial route ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_KB} KB), ${lazy} lazy chunks`,
);
if (total > BUDGET_KB * 1024) {
  console.error('check-budget: over budget');
  process.exit(1);
}
if (lazy < 5) {
  console.error('check-budget: expected the pages to be split into lazy chunks');
  process.exit(1);
}
