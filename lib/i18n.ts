// UI strings through the WebExtension i18n API: public/_locales/<lang>/messages.json, the browser picks the
// reader's UI language and falls back to English (the manifest's default_locale). Registry and curated text
// are never translated: they stay as IANA and their sources wrote them.
// Pure: the extension pages hand in browser.i18n.getMessage (setMessageSource); tests and Node read English.
import english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;
export type GetMessage = (key: string, substitutions?: string[]) => string;

export const LOCALES = ['en', 'zh_CN', 'ja', 'de', 'es', 'ru'] as const;

let source: GetMessage | null = null;

/** Where translated messages come from: `browser.i18n.getMessage` in the extension's pages. */
export function setMessageSource(getMessage: GetMessage | null): void {
  source = getMessage;
}

/** `$1`…`$9` replaced by the substitutions, `$$` by `$`, as the i18n API does. */
export function substitute(message: string, substitutions: readonly string[]): string {
  return message.replace(/\$(\$|[1-9])/g, (_, which: string) =>
    which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
  );
}

/** The message in the reader's language, or in English when the browser has none (a test, a missing key). */
export function t(key: MessageKey, ...substitutions: (string | number)[]): string {
  const subs = substitutions.map(String);
  const localized = source?.(key, subs);
  if (localized) return localized;
  // The extension's bundles carry no English copy (wxt.config.ts): the browser already falls back to it.
  const fallback = english[key] as { message: string } | undefined;
  return fallback ? substitute(fallback.message, subs) : key;
}

/** Every `$n` a message uses, for checking that translations keep them. */
export function placeholdersOf(message: string): string[] {
  return [...new Set(message.match(/\$[1-9]/g) ?? [])].sort();
}
