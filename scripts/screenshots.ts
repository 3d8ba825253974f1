// `npm run screenshots`: the README's pictures, taken from the built extension in Chromium: the card on the demo
// page (light, and dark where the page itself is dark), and the popup with its results and a range card.
import { mkdirSync } from 'node:fs';
import { cardState, launchWithExtension, markPoint } from '../test/e2e/harness';
import { serveStatic } from './static-server';

const harness = await launchWithExtension();
const demo = await serveStatic('demo');
mkdirSync('docs', { recursive: true });
try {
  // Light: the curated answer (Grafana and the dev servers) above IANA's hbci; dark: the demo page in its dark
  // look, which the card takes from the page's background.
  for (const [scheme, shown] of [
    ['light', '3000'],
    ['dark', '5432'],
  ] as const) {
    const page = await harness.context.newPage();
    // tsx keeps function names with a __name helper the page does not have; the harness's page functions need it.
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 900, height: 620 });
    await page.goto(`${demo.origin}/`);
    // Marks are highlights, not elements: find the first one that reads as the port, and rest the pointer on it.
    let point = await markPoint(page, 'body', 0);
    for (let nth = 1; point.digits !== shown && nth < 40; nth++) point = await markPoint(page, 'body', nth);
    await page.mouse.move(point.x, point.y, { steps: 2 });
    for (let tries = 0; tries < 50 && !(await cardState(page)).visible; tries++) await page.waitForTimeout(100);
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/card-${scheme}.png` });
    await page.close();
  }
  const popup = await harness.context.newPage();
  await popup.setViewportSize({ width: 380, height: 520 });
  await popup.goto(`chrome-extension://${harness.extensionId}/popup.html`);
  const box = popup.getByRole('searchbox');
  await box.fill('http');
  await popup.getByRole('option').first().waitFor();
  await popup.locator('#app').screenshot({ path: 'docs/popup.png' });
  // A range as one thing: Kubernetes' NodePort range, its ports counted and the unassigned ones said.
  await box.fill('30000-32767');
  await popup.getByRole('option', { name: /Range:/ }).waitFor();
  await box.press('Enter');
  await popup.locator('.pc-range-card').waitFor();
  await popup.waitForTimeout(200);
  await popup.locator('#app').screenshot({ path: 'docs/popup-range.png' });
  console.log('wrote docs/card-light.png, docs/card-dark.png, docs/popup.png, docs/popup-range.png');
} finally {
  await demo.close();
  await harness.close();
}
