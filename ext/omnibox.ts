// The address bar's `port` keyword (manifest `omnibox`): suggestions from the popup's search index as the
// reader types, and Enter opens the card page (entrypoints/card/) for what was typed or chosen.
import type { Browser, Omnibox } from 'webextension-polyfill';
import { cardPagePath, defaultSuggestion, omniboxSuggestions, type DescriptionStyle } from '../lib/omnibox';
import type { SearchAnswer } from '../lib/search';

export interface OmniboxSource {
  search(query: string, limit?: number): SearchAnswer;
}

export function startOmnibox(
  browser: Browser,
  loadSource: () => Promise<OmniboxSource>,
  style: DescriptionStyle,
): void {
  let latest = '';
  browser.omnibox.setDefaultSuggestion({ description: defaultSuggestion('', null, style) });
  browser.omnibox.onInputChanged.addListener((text: string, suggest: (results: Omnibox.SuggestResult[]) => void) => {
    latest = text;
    void loadSource().then(
      (source) => {
        if (text !== latest) return; // the reader typed on while the index loaded
        const answer = source.search(text);
        browser.omnibox.setDefaultSuggestion({ description: defaultSuggestion(text, answer, style) });
        suggest(omniboxSuggestions(text, answer, style));
      },
      () => browser.omnibox.setDefaultSuggestion({ description: defaultSuggestion(text, null, style) }),
    );
  });
  browser.omnibox.onInputEntered.addListener((text: string, disposition: Omnibox.OnInputEnteredDisposition) => {
    const url = browser.runtime.getURL(cardPagePath(text) as '/card.html');
    // No tabs permission needed: opening or navigating a tab to the extension's own page.
    if (disposition === 'currentTab') void browser.tabs.update({ url });
    else void browser.tabs.create({ url, active: disposition === 'newForegroundTab' });
  });
}
