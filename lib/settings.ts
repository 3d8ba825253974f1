// User settings: their shape, defaults, and how stored values are read back safely.
// Pure: storage lives in ext/settings-store.ts.

/** Where ext/settings-store.ts keeps the settings (test harnesses preset them). */
export const SETTINGS_KEY = 'portolan.settings';

export type UnderlineStyle = 'dotted' | 'solid' | 'none-until-hover';
export type CommandOs = 'auto' | 'linux' | 'macos' | 'windows';
export type Theme = 'auto' | 'light' | 'dark';
/** Everywhere except the excluded sites, or only on the listed sites (and there too, never on an excluded one). */
export type SiteMode = 'everywhere' | 'only-listed';

export const UNDERLINE_STYLES: readonly UnderlineStyle[] = ['dotted', 'solid', 'none-until-hover'];
export const COMMAND_OSES: readonly CommandOs[] = ['auto', 'linux', 'macos', 'windows'];
export const THEMES: readonly Theme[] = ['auto', 'light', 'dark'];
export const SITE_MODES: readonly SiteMode[] = ['everywhere', 'only-listed'];

export interface Settings {
  /** Master switch: annotate pages at all. */
  enabled: boolean;
  siteMode: SiteMode;
  /** Hostnames where annotation is off; an entry also covers its subdomains. Wins over enabledSites. */
  disabledSites: string[];
  /** In 'only-listed' mode, the hostnames where annotation runs; an entry also covers its subdomains. */
  enabledSites: string[];
  /** Delay between pointer resting on a port and the card opening. */
  hoverDelayMs: number;
  underline: UnderlineStyle;
  /** Which OS's "what is listening" commands come first on the card. */
  commandOs: CommandOs;
  theme: Theme;
}

export const HOVER_DELAY_MIN_MS = 0;
export const HOVER_DELAY_MAX_MS = 2000;
/** Keeps a corrupted or hostile stored list from growing without bound (each list). */
export const MAX_DISABLED_SITES = 1000;
const DEFAULT_HOVER_DELAY_MS = 250;

/**
 * Each list's first value is its setting's default (validateSettings falls back to it). Marked pure: else the
 * bundler keeps the freeze call, and this object, in the content script, which never reads it.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = /* @__PURE__ */ Object.freeze({
  enabled: true,
  siteMode: SITE_MODES[0],
  disabledSites: [],
  enabledSites: [],
  hoverDelayMs: DEFAULT_HOVER_DELAY_MS,
  underline: UNDERLINE_STYLES[0],
  commandOs: COMMAND_OSES[0],
  theme: THEMES[0],
});

export function defaultSettings(): Settings {
  return { ...DEFAULT_SETTINGS, disabledSites: [], enabledSites: [] };
}

function oneOf<T extends string>(allowed: readonly T[], value: unknown): T {
  // No typeof check needed: includes() compares with SameValueZero, so only one of these strings is found.
  return (allowed as readonly unknown[]).includes(value) ? (value as T) : allowed[0];
}

/**
 * Turns whatever was stored (possibly from an older version, another device, or hand-edited) into valid
 * settings: each field that is missing or wrong falls back to its default on its own, so one bad field
 * never resets the others. The defaults are written out, not read from DEFAULT_SETTINGS, so the content script
 * carries no copy of that object (test/settings.test.ts checks the two agree).
 */
export function validateSettings(raw: unknown): Settings {
  const stored = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const delay = stored.hoverDelayMs;
  return {
    enabled: stored.enabled !== false, // anything but a stored false is the default, on
    siteMode: oneOf(SITE_MODES, stored.siteMode),
    disabledSites: siteList(stored.disabledSites),
    enabledSites: siteList(stored.enabledSites),
    hoverDelayMs: Number.isFinite(delay) // false for anything but a finite number
      ? Math.round(Math.min(HOVER_DELAY_MAX_MS, Math.max(HOVER_DELAY_MIN_MS, delay as number)))
      : DEFAULT_HOVER_DELAY_MS,
    underline: oneOf(UNDERLINE_STYLES, stored.underline),
    commandOs: oneOf(COMMAND_OSES, stored.commandOs),
    theme: oneOf(THEMES, stored.theme),
  };
}

/** Applies a partial change on top of current settings and validates the result. */
export function mergeSettings(current: Settings, patch: Partial<Settings>): Settings {
  return validateSettings({ ...current, ...patch });
}

/** A stored site list, normalized; anything but an array is the default, empty. */
function siteList(entries: unknown): string[] {
  const seen = new Set<string>();
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (typeof entry !== 'string') continue;
    const host = normalizeSite(entry);
    if (host) seen.add(host);
    if (seen.size >= MAX_DISABLED_SITES) break;
  }
  return [...seen];
}

// Hostname labels, an IPv4 address, or a bracketed IPv6 address.
const HOST_SHAPE =
  /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*$|^\[[0-9a-f:.]+\]$/;

/**
 * Reduces what a person types or pastes (a URL, `*.example.com`, `.example.com`, `Example.COM.`, `www.example.com:8080`)
 * to the hostname we store and compare, or null when it is not a hostname at all.
 * A leading `www.` is dropped so that `example.com` and `www.example.com` are one site.
 */
export function normalizeSite(input: string): string | null {
  let text = input
    .trim()
    .toLowerCase()
    .replace(/^\*?\./, '');
  if (!text || /\s/.test(text)) return null;
  // Browser and extension pages (chrome://, about:, moz-extension://) have no site Portolan could run on.
  if (/^[a-z][a-z0-9+.-]*:/.test(text) && !/^https?:\/\//.test(text) && !/^[^:/]+:\d+(?:[/?#]|$)/.test(text))
    return null;
  try {
    // The URL parser does the rest: ports, paths, IPv6 brackets, and non-ASCII names to punycode
    // (münchen.de → xn--mnchen-3ya.de, which is what a page's location.hostname says).
    text = new URL(text.includes('://') ? text : `http://${text}`).hostname;
  } catch {
    return null;
  }
  text = text.replace(/\.$/, '').replace(/^www\./, '');
  return text && HOST_SHAPE.test(text) ? text : null;
}

/** The hostname of a page URL (or a bare hostname), normalized; null for pages without one. */
export function siteOf(urlOrHost: string): string | null {
  return normalizeSite(urlOrHost);
}

function covers(entry: string, host: string): boolean {
  return host === entry || host.endsWith(`.${entry}`);
}

function coveringEntries(urlOrHost: string, list: string[]): string[] {
  const host = siteOf(urlOrHost);
  return host ? list.filter((entry) => covers(entry, host)) : [];
}

/** The stored entries that switch this site off (its own and any parent domain's). */
export function disablingEntries(urlOrHost: string, settings: Settings): string[] {
  return coveringEntries(urlOrHost, settings.disabledSites);
}

/** Whether the content script should annotate a page at this URL or hostname. */
export function isEnabledFor(urlOrHost: string, settings: Settings): boolean {
  const host = normalizeSite(urlOrHost); // siteOf, without the wrapper call in the content script
  // Only whether some entry covers the site, not which (none does for a page without a hostname): the hostname is
  // normalized once, and the content script carries no list of the entries.
  const covered = (list: string[]) => host !== null && list.some((entry) => covers(entry, host));
  if (!settings.enabled || covered(settings.disabledSites)) return false;
  return settings.siteMode !== 'only-listed' || covered(settings.enabledSites);
}

/**
 * Turns one site on or off. Turning off adds it to the excluded sites (in either mode). Turning on removes every
 * excluded entry that covers the site, including a parent domain's, because otherwise the switch would do nothing
 * visible; in 'only-listed' mode it also lists the site unless an entry already covers it.
 */
export function setSiteEnabled(settings: Settings, urlOrHost: string, enabled: boolean): Settings {
  const host = siteOf(urlOrHost);
  if (!host) return settings;
  const addTo = (list: string[]) => (list.includes(host) ? list : [...list, host]);
  if (!enabled) return mergeSettings(settings, { disabledSites: addTo(settings.disabledSites) });
  const disabledSites = settings.disabledSites.filter((entry) => !covers(entry, host));
  const listed = coveringEntries(host, settings.enabledSites).length > 0;
  const enabledSites =
    settings.siteMode === 'only-listed' && !listed ? addTo(settings.enabledSites) : settings.enabledSites;
  return mergeSettings(settings, { disabledSites, enabledSites });
}
