import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTENT_MATCHES, CONTENT_SCRIPT, NEXT_PORT_COMMAND, PREVIOUS_PORT_COMMAND } from './lib/content-matches';
import { SEARCH_PACK_PATH } from './lib/search-pack';
import { OMNIBOX_KEYWORD } from './lib/omnibox';
import { DATA_FILES, readPackagedData, searchPackOf } from './scripts/packaged-data';
import { ICON_SIZES } from './scripts/icons';
import { constToLetPlugin } from './scripts/const-to-let';

const CONTENT_SCRIPT_LIMIT = 60 * 1024;
// Never a field the card bundle reads of what the content script hands it (a Mark's text, start, end, shown):
// card-ui.js is built apart and keeps the names as written (test/e2e/keyboard.test.ts fails if they differ).
// Nor an option a DOM call reads by name: caretPositionFromPoint's `shadowRoots` (test/e2e/annotation.test.ts).
const INTERNAL_FIELDS = new RegExp(
  '^(?:reportFrom|pagePorts|prevEnd|prevPort|prevProtocol|prevMatch|chained|lastPortEnd|headerless|firstDigit|lineStart|' +
    'lineEnd|lineFlags|listLine|listAbout|readThrough|columnHeader|firstColumnHeader|rowCells|listLeadIn|queueNode|contextChanged|hostCandidate|' +
    'onHostCandidate|onShadowRoot|churnRescanMs|heading|term|contextOf|registered|ranges|budgetMs|' +
    'windowStart|wake|rewrites|textChanged|findCalls|rule|word|delayMs|pairEnd|marks|parent|prev|found|' +
    'context|node|root|setFocus|setHover|schedule|registry|trace|table|cells|adoptInto|added|dropWhere|inventory|' +
    'isIdle|editableChanged|mutationBatches|removed|pending|findErrors|isDone|whenIdle|rescanAround|pageChanged|sweepSoon|' +
    'resume|onIdle|onDone|batch|sweep|slices|stats|active|isCard|flush|why|infer|setUnderline|destroy|drop|' +
    'anchor|how|doc|update|pipes|headerText|namesPorts|fromColumn|toColumn|walker|visited|stop)$',
);
const ICONS = Object.fromEntries(ICON_SIZES.map((size) => [size, `/icon/${size}.png`]));

// In the extension, browser.i18n.getMessage falls back to English (default_locale) by itself, so lib/i18n.ts's
// English copy is only for tests and Node. Bundled, it was 43 KB every extension page parsed before its first paint.
const noBundledEnglish = {
  name: 'portolan:no-bundled-english',
  enforce: 'pre' as const,
  load: (id: string) => (id.endsWith('/public/_locales/en/messages.json') ? '{}' : null),
};

// The popup's search index, packed from the data files once per build so it can never lag behind them. Its hash
// names the data an answer came from (ext/last-search.ts keeps the popup's last answer only for the same data).
let searchPackText: string | undefined;
const packedSearchIndex = () => (searchPackText ??= JSON.stringify(searchPackOf(readPackagedData())));

// Explicit imports everywhere (no auto-imports) so every module says what it uses.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [preact(), noBundledEnglish],
    define: {
      'import.meta.env.SEARCH_INDEX_ID': JSON.stringify(
        createHash('sha256').update(packedSearchIndex()).digest('hex').slice(0, 16),
      ),
    },
    // The polyfill only makes an object the options page and the background read; without this the bundler keeps
    // its execution in every page sharing a chunk with them, the popup too, which does not use it.
    build: {
      rolldownOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes('webextension-polyfill') } },
    },
  }),
  manifest: ({ browser }) => ({
    // public/_locales (lib/i18n.ts): the browser's UI language, English where it has none.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    omnibox: { keyword: OMNIBOX_KEYWORD }, // ext/omnibox.ts: "port 5432" in the address bar
    // storage: settings; contextMenus: "Look up port N" on a selection; scripting + the content script's own
    // hosts: inject the card's code into a frame on first hover, so every tab's content script stays small.
    // No tabs permission: the popup asks the active tab's content script directly.
    permissions: ['storage', 'contextMenus', 'scripting'],
    // Rendered from assets/icon.svg by `npm run icons`; the context menu item shows the 16 px one.
    icons: ICONS,
    // WXT adds the popup to whichever key the build's manifest version uses.
    [browser === 'firefox' ? 'browser_action' : 'action']: { default_icon: ICONS, default_title: 'Portolan' },
    host_permissions: CONTENT_MATCHES,
    content_security_policy:
      browser === 'firefox'
        ? { extension_pages: "script-src 'self'; object-src 'none'" }
        : { extension_pages: "script-src 'self'; object-src 'none'; base-uri 'none'" },
    // The content script is an unlisted script declared here, so no WXT context (page-visible) wraps it.
    content_scripts: [{ matches: CONTENT_MATCHES, js: [CONTENT_SCRIPT], all_frames: true, run_at: 'document_start' }],
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
        description: 'Open the Portolan port search',
      },
      // The keyboard path: no port is a Tab stop; these walk the page's ports and open each one's card. Not
      // Alt+Shift+B for previous: Firefox on Linux and Windows opens its Bookmarks menu for it.
      [NEXT_PORT_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+N' },
        description: 'Go to the next port on the page and show its card',
      },
      [PREVIOUS_PORT_COMMAND]: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: 'Go to the previous port on the page and show its card',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'portolan@portolan.dev',
              strict_min_version: '146.0', // ::highlight() with text-decoration (the marks); 140 for data_collection_permissions
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '146.0' },
          },
        }
      : { minimum_chrome_version: '128' }), // caretPositionFromPoint with shadowRoots (page/hit-test.ts); light-dark() 123
  }),
  hooks: {
    // The popup is built on its own, not with the other pages: then everything its first frame needs is in one
    // file. Shared chunks cost it a request each, about 10-15 ms apiece in an extension page (bench:popup).
    'entrypoints:grouped': (_wxt, groups) => {
      const pages = groups.find((group) => Array.isArray(group) && group.some((entry) => entry.name === 'popup'));
      if (!Array.isArray(pages) || pages.length < 2) return;
      const popup = pages.splice(
        pages.findIndex((entry) => entry.name === 'popup'),
        1,
      );
      groups.push(popup);
    },
    // Terser squeezes the content script (every tab loads it) about 2 % below esbuild's minifier; the other
    // bundles keep the fast esbuild minifier, terser takes 10-15 s on the big ones.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (!entrypoints.some((entry) => entry.name === CONTENT_SCRIPT.replace(/\.js$/, ''))) return;
      viteConfig.plugins = [...(viteConfig.plugins ?? []), constToLetPlugin(CONTENT_SCRIPT)];
      viteConfig.build = {
        ...viteConfig.build,
        minify: 'terser',
        terserOptions: {
          compress: { passes: 8, unsafe: true, unsafe_arrows: true, unsafe_comps: true, unsafe_methods: true }, // no constructors, no objects compared
          ecma: 2020,
          // The detector's scanner state and text context (lib/detect/cursor.ts, lib/types.ts) and the annotator's
          // own hooks (page/) never leave the script, so their names are shortened like local names. Only these:
          // a name that a DOM API, a message or stored settings share must stay as written. `builtins`: terser
          // would otherwise keep every name some DOM interface also has (context, heading, parent, marks), even
          // on our own objects; this list alone says what is ours.
          mangle: { properties: { regex: INTERNAL_FIELDS, builtins: true } },
        },
        rolldownOptions: { ...viteConfig.build?.rolldownOptions, checks: { pluginTimings: false } }, // terser is slow by design
      };
    },
    'build:publicAssets': (_wxt, files) => {
      // The registry rides as packaged files that only the background and popup load, never in the content script.
      for (const { src, dest } of Object.values(DATA_FILES)) {
        files.push({ absoluteSrc: resolve(src), relativeDest: dest });
      }
      files.push({
        contents: packedSearchIndex(),
        relativeDest: SEARCH_PACK_PATH.slice(1),
      });
    },
    'build:done': (wxt) => {
      const contentScript = resolve(wxt.config.outDir, CONTENT_SCRIPT);
      const size = statSync(contentScript).size;
      wxt.logger.info(`content script: ${(size / 1024).toFixed(1)} KB minified (limit 60 KB)`);
      if (size > CONTENT_SCRIPT_LIMIT) {
        throw new Error(`content script is ${size} bytes, over the ${CONTENT_SCRIPT_LIMIT}-byte budget`);
      }
    },
  },
});
