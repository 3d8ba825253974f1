import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '../ext/content';
import { CONTENT_MATCHES } from '../lib/content-matches';

export default defineContentScript({
  matches: CONTENT_MATCHES,
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    void runContentScript(ctx);
  },
});
