// `npm run screenshots`: the README's pictures, taken from the built extension in Chromium on the demo page.
import { mkdirSync } from 'node:fs';
import { launchWithExtension } from '../test/e2e/harness';
import { serveStatic } from './static-server';

const harness = await launchWithExtension();
const demo = await serveStatic('demo');
mkdirSync('docs', { recursive: true });
try {
  // Light: a port with curated common uses beside its IANA entry; dark: an obscure port with a story.
  for (const [scheme, shown] of [['light', '5432'], ['dark', '3716']] as const) {
    const page = await harness.context.newPage();
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 900, height: 760 });
    await page.goto(`${demo.origin}/`);
    const port = page.locator('portolan-port', { hasText: new RegExp(`^${shown}$`) }).first();
    await port.waitFor();
    await port.scrollIntoViewIfNeeded();
    await port.hover();
    const card = page.locator('portolan-card [role="dialog"] .pc').first();
    await card.waitFor({ state: 'visible' });
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/card-${scheme}.png` });
    await page.close();
  }
  const popup = await harness.context.newPage();
  await popup.setViewportSize({ width: 380, height: 520 });
  await popup.goto(`chrome-extension://${harness.extensionId}/popup.html`);
  await popup.getByRole('searchbox').fill('http');
  await popup.getByRole('option').first().waitFor();
  await popup.locator('#app').screenshot({ path: 'docs/popup.png' });
  console.log('wrote docs/card-light.png, docs/card-dark.png, docs/popup.png');
} finally {
  await demo.close();
  await harness.close();
}
