// `npm start`: after the build, serve the demo page and open Chromium with the built extension loaded.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serveStatic } from './static-server';

const extensionDir = resolve('.output/chrome-mv3');
const candidates = [
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];
const browserPath = candidates.find((path): path is string => !!path && existsSync(path));
const hasDisplay = process.platform !== 'linux' || !!process.env.DISPLAY || !!process.env.WAYLAND_DISPLAY;

const byHand = `To load it by hand: open chrome://extensions, turn on Developer mode, choose "Load unpacked" and pick
  ${extensionDir}
(Firefox: npm run build:firefox, then about:debugging → This Firefox → Load Temporary Add-on → .output/firefox-mv2/manifest.json)`;

if (!browserPath || !hasDisplay) {
  console.log(`Built ${extensionDir}.`);
  console.log(
    browserPath ? 'No display here, so no browser window can be opened.' : 'No Chromium found (set CHROME_PATH).',
  );
  console.log(byHand);
  process.exit(0);
}

const server = await serveStatic('demo');
const profile = mkdtempSync(join(tmpdir(), 'portolan-profile-'));
console.log(`Demo page: ${server.origin}/  (Ctrl+C or close the browser to stop)`);
const browser = spawn(
  browserPath,
  [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    // Chromium refuses to run as root with its sandbox (containers, CI boxes).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    `${server.origin}/`,
  ],
  { stdio: 'inherit' },
);
browser.on('exit', async () => {
  await server.close();
  process.exit(0);
});
