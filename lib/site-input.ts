// What a person types into a site list, checked before it is stored: a site, or a sentence saying why not.
// Uses the public-suffix list (tldts, ~136 KB), so only the options page imports it, never the content script.
import { parse } from 'tldts';
import { t } from './i18n';
import { normalizeSite } from './settings';

export type SiteInput = { site: string } | { problem: string };

/** Schemes of pages that belong to the browser or an extension: Portolan never runs there. */
const BROWSER_PAGE =
  /^(?:about|chrome|chrome-extension|moz-extension|edge|brave|opera|vivaldi|view-source|resource|devtools):/i;

export function checkSiteInput(input: string): SiteInput {
  const text = input.trim();
  if (BROWSER_PAGE.test(text)) {
    return { problem: t('siteProblemBrowserPage', text) };
  }
  const site = normalizeSite(text);
  if (!site) {
    return { problem: t('siteProblemNotSite', text) };
  }
  const parsed = parse(site, { allowPrivateDomains: true });
  // A name on the public-suffix list (com, co.uk, github.io) is shared by unrelated sites: listing it would cover
  // every one of them. Names the list does not know (localhost, intranet names) and IP addresses are fine.
  if (!parsed.isIp && parsed.domain === null && (parsed.isIcann || parsed.isPrivate)) {
    return { problem: t('siteProblemPublicSuffix', site) };
  }
  return { site };
}
