import { defineBackground } from 'wxt/utils/define-background';

export default defineBackground(() => {
  // Filled by the annotation issue: answers port look-ups from the packaged registry.
});
