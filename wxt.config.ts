import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTENT_MATCHES } from './lib/content-matches';
import { parseCurated } from './lib/curated';
import { buildSearchPack, SEARCH_PACK_PATH } from './lib/search-pack';

// The registry rides as packaged files that only the background and popup load, never in the content script.
const PACKAGED_DATA = [
  { src: 'data/registry.json', dest: 'registry.json' },
  { src: 'data/curated/common-uses.json', dest: 'curated/common-uses.json' },
  { src: 'data/curated/stories.json', dest: 'curated/stories.json' },
];
const CONTENT_SCRIPT_LIMIT = 60 * 1024;

/** The popup's search index, built from the same files at every build so it can never lag behind them. */
function searchPackFile(): string {
  const read = (src: string) => JSON.parse(readFileSync(resolve(src), 'utf8'));
  const curated = parseCurated(read('data/curated/common-uses.json'), read('data/curated/stories.json'));
  return JSON.stringify(buildSearchPack(read('data/registry.json'), curated.uses, curated.stories));
}

// Explicit imports everywhere (no auto-imports) so every module says what it uses.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Portolan',
    description:
      'Every port number on the web explains itself: hover a port to see its IANA assignment, history and real-world use.',
    // storage: settings; contextMenus: "Look up port N" on a selection; scripting + the content script's own
    // hosts: inject the card's code into a frame on first hover, so every tab's content script stays small.
    // No tabs permission: the popup asks the active tab's content script directly.
    permissions: ['storage', 'contextMenus', 'scripting'],
    host_permissions: CONTENT_MATCHES,
    content_security_policy:
      browser === 'firefox'
        ? { extension_pages: "script-src 'self'; object-src 'none'" }
        : { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open the Portolan port search',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'portolan@portolan.dev',
              strict_min_version: '140.0', // data_collection_permissions needs 140 (ESR)
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : { minimum_chrome_version: '123' }), // CSS light-dark() (ui/palette.css)
  }),
  hooks: {
    'build:publicAssets': (_wxt, files) => {
      for (const { src, dest } of PACKAGED_DATA) {
        files.push({ absoluteSrc: resolve(src), relativeDest: dest });
      }
      files.push({ contents: searchPackFile(), relativeDest: SEARCH_PACK_PATH.slice(1) });
    },
    'build:done': (wxt) => {
      const contentScript = resolve(wxt.config.outDir, 'content-scripts/content.js');
      const size = statSync(contentScript).size;
      wxt.logger.info(`content script: ${(size / 1024).toFixed(1)} KB minified (limit 60 KB)`);
      if (size > CONTENT_SCRIPT_LIMIT) {
        throw new Error(`content script is ${size} bytes, over the ${CONTENT_SCRIPT_LIMIT}-byte budget`);
      }
    },
  },
});
