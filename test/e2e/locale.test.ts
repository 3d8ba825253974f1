// End to end in Chromium with a German UI: the in-page card speaks German (its own words from the card bundle,
// the history sentences from the background), while IANA's names and descriptions stay as IANA wrote them.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extensionWorker, hoverMark, waitForAnnotations } from './harness';
import { harnessForFile, pageForDescribe } from './hostile-checks';

const read = (locale: string): Record<string, { message: string }> =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
const [german, english] = [read('de'), read('en')];

const harness = harnessForFile({ locale: 'de' });

describe('the in-page card in German', () => {
  const opened = pageForDescribe(harness, '/annotation.html', {
    ready: ({ page }) => waitForAnnotations(harness(), page, 5),
  });

  it('runs the extension in German', async () => {
    // Headless Chromium's getUILanguage() says en-US even with --lang=de; getMessage, which the card uses, follows --lang.
    const worker = await extensionWorker(harness());
    const heading = await worker.evaluate(() => (globalThis as any).chrome.i18n.getMessage('changesHeading'));
    expect(heading).toBe(german.changesHeading.message);
  });

  it('shows its headings and the history sentence in German, and IANA’s text as IANA wrote it', async () => {
    const { digits, card } = await hoverMark(opened().page, '#table'); // 0.0.0.0:22, whose description IANA changed
    expect(digits).toBe('22');
    expect(card.visible).toBe(true);
    expect(card.text).toContain(german.changesHeading.message);
    expect(card.text).toContain(
      'Beschreibung geändert von „SSH Remote Login Protocol“ in „The Secure Shell (SSH) Protocol“',
    );
    // IANA's service name and description, untranslated.
    expect(card.text).toContain('ssh');
    expect(card.text).toContain('The Secure Shell (SSH) Protocol');
    for (const key of ['changesHeading', 'cardOfficialEntry', 'footerSnapshots'] as const) {
      expect(card.text, key).not.toContain(english[key].message);
    }
    expect(card.text).not.toContain('description changed from');
  });
});
