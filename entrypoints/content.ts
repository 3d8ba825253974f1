import { defineContentScript } from 'wxt/utils/define-content-script';
import { runContentScript } from '../ext/content';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*', 'file:///*'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    void runContentScript(ctx);
  },
});
