import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { runContentScript } from '../ext/content';

// Declared in the manifest by wxt.config.ts (all frames, document_start) rather than as a WXT content script:
// WXT's content-script context posts a message carrying the extension id to every page and stops the script
// when a page dispatches an event of that name. This script owns its lifecycle (ext/content.ts).
export default defineUnlistedScript(() => {
  runContentScript();
});
