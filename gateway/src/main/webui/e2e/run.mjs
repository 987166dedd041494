// End-to-end run of the web console against a running suite (bin/mm up --demo), in Debian's
// Chromium driven by playwright-core: sign in with the admin token, search a demo model, open its
// page, install its weights through the wizard and watch the job reach 100 % live (SSE, no
// reload), preview a purge, draft a catalog entry (report + diff, no pull request), validate a
// catalog entry, review the activation's dry-run and activate it, see its revision READY, activate
// it again with the other rollout strategy (READY), roll back to the first through the confirmation
// with its manifest diff (READY), open the revision's drawer, delete it; then filtered activity
// with the audit chain verified, the settings tabs and the notification drawer. Every page visited
// is checked with axe (no serious or critical violation) and saved as a screenshot at 1440 and
// 390 px.
//
//   MM_BASE_URL (http://localhost:8080)  MM_TOKEN_FILE (../../../../.mm/admin-token)
//   MM_E2E_OUT (../../../target/e2e)     MM_CHROMIUM (/usr/bin/chromium)
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const BASE = process.env.MM_BASE_URL ?? 'http://localhost:8080';
const TOKEN = readFileSync(
  process.env.MM_TOKEN_FILE ?? resolve(here, '../../../../../.mm/admin-token'),
  'utf8',
).trim();
const OUT = process.env.MM_E2E_OUT ?? resolve(here, '../../../../target/e2e');
const MODEL = process.env.MM_E2E_MODEL ?? 'mm-demo/tiny-llama';
const ENTRY = process.env.MM_E2E_ENTRY ?? 'tiny-llama';
const DEPLOYMENT = process.env.MM_E2E_DEPLOYMENT ?? `console-e2e-${Date.now().toString(36)}`;
mkdirSync(OUT, { recursive: true });

const report = { pages: [], violations: [], steps: [] };
const step = (s) => {
  report.steps.push(s);
  console.log(`e2e: ${s}`);
};

const browser = await chromium.launch({
  executablePath: process.env.MM_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
let failed = false;
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const consoleErrors = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  /** axe on the page as it is now, then screenshots at 1440 and 390 px. */
  async function check(name) {
    // Not 'networkidle': the live event stream keeps a request open, so the network is never idle
    // and every page would wait out the whole timeout. The page is ready when no loading skeleton
    // or spinner is left.
    await page.waitForLoadState('load');
    await page
      .locator('.pf-v6-c-skeleton, .pf-v6-c-spinner')
      .first()
      .waitFor({ state: 'detached', timeout: 15_000 })
      .catch(() => {});
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    const bad = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    for (const v of bad) {
      report.violations.push({ page: name, id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) });
    }
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.waitForTimeout(400); // the sidebar's slide after a resize
      await page.screenshot({ path: `${OUT}/${name}-${width}.png`, fullPage: true });
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    report.pages.push(name);
  }

  // Sign in.
  await page.goto(BASE + '/');
  await page.getByLabel('API token').waitFor();
  await check('login');
  await page.getByLabel('API token').fill(TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Discover' }).waitFor();
  await page.getByTestId('who-am-i').getByText('admin').waitFor();
  await page.getByTestId('live-status').getByText('Live').waitFor();
  step('signed in as admin, live stream connected');
  await check('discover');

  // Search and open the model.
  await page.getByLabel('Search', { exact: true }).fill(MODEL.split('/')[1]);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: MODEL }).click();
  await page.getByRole('heading', { name: MODEL }).waitFor();
  await page.getByRole('grid', { name: 'Fit table' }).or(page.getByRole('table', { name: 'Fit table' })).waitFor();
  // The demo hub's model card, rendered from the README (a heading of its Markdown).
  await page.getByTestId('model-card').getByRole('heading', { name: 'Use with vLLM' }).waitFor();
  step(`opened ${MODEL}: fit table and model card shown`);
  await check('model');

  // Install through the wizard (location → files → review) and watch the job reach 100 % live.
  await page.getByRole('button', { name: 'Install weights' }).click();
  const wizard = page.getByRole('dialog');
  await wizard.getByRole('radio').first().waitFor();
  await wizard.getByRole('button', { name: 'Next', exact: true }).click();
  await wizard.getByLabel('Include patterns').waitFor();
  // The revision comes from the repo's branches and tags; the files from the server's dry run.
  // (an <optgroup> of the closed select: attached, never visible)
  await wizard.locator('optgroup[label="Branches"]').waitFor({ state: 'attached' });
  await wizard.getByRole('grid', { name: 'Files of the install' }).or(wizard.getByRole('table', { name: 'Files of the install' })).waitFor();
  const planned = await wizard.getByTestId('files-matched').textContent();
  await wizard.getByRole('button', { name: 'Next', exact: true }).click();
  await wizard.getByLabel('Install summary').waitFor();
  step(`install wizard: location, revision, files (${planned}), review`);
  await check('install-wizard');
  await wizard.getByRole('button', { name: 'Start install' }).click();
  await page.waitForURL(/\/jobs\?job=/);
  const jobId = new URL(page.url()).searchParams.get('job');
  const row = page.getByTestId(`job-${jobId}`);
  await row.waitFor();
  const firstState = await row.getByTestId('job-state').textContent();
  step(`install job ${jobId} started (${firstState})`);
  await row.getByTestId('job-state').getByText('SUCCEEDED').waitFor({ timeout: 120_000 });
  const value = await row.locator('[role="progressbar"]').getAttribute('aria-valuenow');
  if (value !== '100') throw new Error(`progress at ${value} after SUCCEEDED`);
  step('job reached SUCCEEDED at 100 % live');
  await check('jobs');

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Weights' }).click();
  await page.getByRole('heading', { name: 'Weights', level: 1 }).waitFor();
  await page.getByLabel('Staged weights').getByText(MODEL).first().waitFor();
  // The purge plan is a dry run: nothing is deleted without the confirmation, which e2e never gives.
  await page.getByRole('button', { name: 'Preview purge' }).click();
  await page.getByTestId('purge-plan').waitFor();
  step('weights: purge preview shown (not run)');
  await check('weights');

  // Catalog entry: validation checks, then activate as a deployment.
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
  await check('catalog');
  // Add to catalog: a draft with its validation report and diff (no pull request is opened).
  await page.goto(`${BASE}/catalog/propose/${MODEL}`);
  await page.getByRole('button', { name: 'Generate draft' }).click();
  await page.getByRole('grid', { name: 'Validation report' }).or(page.getByRole('table', { name: 'Validation report' })).waitFor();
  step(`add to catalog: draft for ${MODEL} validated`);
  await check('catalog-propose');
  await page.goto(`${BASE}/catalog/${ENTRY}`);
  await page.getByRole('grid', { name: 'Validation checks' }).or(page.getByRole('table', { name: 'Validation checks' })).waitFor();
  step(`catalog entry ${ENTRY}: validation checks shown`);
  await check('catalog-entry');
  await page.getByLabel('Deployment name').fill(DEPLOYMENT);
  await page.getByRole('button', { name: 'Review and activate' }).click();
  const review = page.getByRole('dialog');
  await review.getByRole('grid', { name: 'Pre-flight checks' }).or(review.getByRole('table', { name: 'Pre-flight checks' })).waitFor();
  step('activation: dry-run checks and diff shown');
  await check('activate-review');
  await review.getByRole('button', { name: /^Activate( anyway)?$/ }).click();
  const outcome = await Promise.race([
    page.waitForURL(new RegExp(`/deployments/${DEPLOYMENT}$`)).then(() => 'activated', () => 'timeout'),
    page.getByTestId('problem').waitFor().then(() => 'refused', () => 'timeout'),
  ]);
  if (outcome !== 'activated') {
    const detail = outcome === 'refused' ? await page.getByTestId('problem').textContent() : 'no answer';
    throw new Error(`activation ${outcome}: ${detail}`);
  }
  await page.getByTestId('revision-1').getByText('READY').waitFor({ timeout: 120_000 });
  step(`deployment ${DEPLOYMENT}: revision 1 READY`);
  await check('deployment');
  // A second revision with another rollout strategy, then roll back to the first through the
  // confirmation (fields and manifest diff, now → after).
  await page.goto(`${BASE}/catalog/${ENTRY}`);
  await page.getByLabel('Deployment name').fill(DEPLOYMENT);
  await page.getByLabel('Rollout strategy').selectOption('RECREATE');
  await page.getByRole('button', { name: 'Review and activate' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Activate( anyway)?$/ }).click();
  await page.waitForURL(new RegExp(`/deployments/${DEPLOYMENT}$`));
  await page.getByTestId('revision-2').getByText('READY').waitFor({ timeout: 120_000 });
  step(`deployment ${DEPLOYMENT}: revision 2 (Recreate) READY`);
  await page.getByTestId('revision-1').getByRole('button', { name: 'Roll back to 1' }).click();
  const confirm = page.getByRole('dialog');
  await confirm.getByLabel('Manifest diff from revision 2 to 1').waitFor();
  step('rollback confirmation: changed fields and manifest diff (revision 2 → 1) shown');
  await check('rollback-confirm');
  await confirm.getByRole('button', { name: 'Roll back to 1' }).click();
  await page.getByTestId('revision-3').getByText('READY').waitFor({ timeout: 120_000 });
  await page.getByTestId('active-revision').getByText('3 (READY)').waitFor();
  step(`deployment ${DEPLOYMENT}: rolled back to revision 1 as revision 3, READY`);
  await page.getByRole('button', { name: 'Revision 3 details' }).click();
  const drawer = page.getByTestId('revision-drawer');
  await drawer.getByLabel('Manifest diff from revision 2 to 3').waitFor();
  await drawer.getByText('ROLLBACK', { exact: true }).waitFor();
  step('revision 3 drawer: manifest, diff to revision 2, actor, reason, state changes');
  await check('revision-drawer');
  await page.getByRole('button', { name: 'Close the revision' }).click();
  // Free the demo cluster's GPU again: delete the deployment (recorded as revision 4).
  await page.getByRole('button', { name: 'Delete deployment' }).click();
  await page.getByTestId('revision-4').getByText('DEACTIVATE').waitFor({ timeout: 60_000 });
  step(`deployment ${DEPLOYMENT}: deleted (revision 4)`);

  for (const [link, name] of [
    ['Deployments', 'deployments'],
    ['Activity', 'activity'],
    ['Settings', 'settings'],
  ]) {
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: link, level: 1 }).waitFor();
    await check(name);
  }
  // Deep links of the newer views: filtered activity, the notification and preference tabs.
  for (const [path, heading, name] of [
    ['/activity?kind=event', 'Activity', 'activity-filtered'],
    ['/settings?tab=notifications', 'Settings', 'settings-notifications'],
    ['/settings?tab=preferences', 'Settings', 'settings-preferences'],
  ]) {
    await page.goto(BASE + path);
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    if (name === 'activity-filtered') {
      await page.getByRole('button', { name: 'Verify audit chain' }).click();
      await page.getByTestId('verify-result').getByText('The audit chain is intact').waitFor();
      step('audit chain verified');
    }
    await check(name);
  }
  await page.getByRole('button', { name: /^Notifications/ }).click();
  await page.getByRole('heading', { name: 'Recent events' }).or(page.getByText('Recent events')).first().waitFor();
  step('notification drawer opened');
  await check('notifications');
  if (consoleErrors.length > 0) throw new Error(`page errors: ${consoleErrors.join('; ')}`);
  if (report.violations.length > 0) {
    throw new Error(`serious/critical accessibility violations: ${JSON.stringify(report.violations, null, 1)}`);
  }
} catch (e) {
  failed = true;
  report.error = String(e?.stack ?? e);
  console.error(`e2e: FAILED: ${report.error}`);
} finally {
  writeFileSync(`${OUT}/report.json`, JSON.stringify(report, null, 2));
  await browser.close();
}
console.log(`e2e: ${report.pages.length} pages checked, screenshots in ${OUT}`);
process.exit(failed ? 1 : 0);
