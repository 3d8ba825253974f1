// The options page: every setting, saved the moment it changes (no Save button to forget), and kept in step
// with changes made elsewhere (the popup's switches, another device).
import { useEffect, useId, useState } from 'preact/hooks';
import type { ComponentChildren, TargetedEvent } from 'preact';
import {
  COMMAND_OSES,
  HOVER_DELAY_MAX_MS,
  HOVER_DELAY_MIN_MS,
  SITE_MODES,
  THEMES,
  UNDERLINE_STYLES,
  mergeSettings,
  type CommandOs,
  type Settings,
  type SiteMode,
  type Theme,
  type UnderlineStyle,
} from '../../lib/settings';
import { OS_LABELS } from '../../lib/how-to-check';
import { t } from '../../lib/i18n';
import { checkSiteInput } from '../../lib/site-input';
import themeCss from '../theme.css?inline';
import optionsCss from './options.css?inline';

/** The settings store's methods the page uses (see ext/settings-store.ts). */
export interface OptionsStore {
  load(): Promise<Settings>;
  save(settings: Settings): Promise<Settings>;
  subscribe(onChange: (settings: Settings) => void): () => void;
}

/** What the page says about the extension itself; the entry point reads it from the browser and the data. */
export interface AboutInfo {
  version: string;
  /** The registry snapshots the packaged data was built from, newest first. */
  snapshots: Promise<readonly { source: string; asOf: string }[]>;
  /** The keyboard shortcuts as the browser has them now ("" for one the person removed). */
  shortcuts: Promise<readonly { description: string; shortcut: string }[]>;
  /** Where the browser's shortcut settings are, in words, and a way to open them where the browser allows it. */
  shortcutSettings: { where: string; open?: () => void };
}

// Labels are read when the page renders, in the reader's language; OS names are names and stay as they are.
const underlineLabels = (): Record<UnderlineStyle, string> => ({
  dotted: t('optUnderlineDotted'),
  solid: t('optUnderlineSolid'),
  'none-until-hover': t('optUnderlineNone'),
});
const osLabels = (): Record<CommandOs, string> => ({ auto: t('optCommandOsAuto'), ...OS_LABELS });
const themeLabels = (): Record<Theme, string> => ({
  auto: t('optThemeAuto'),
  light: t('optThemeLight'),
  dark: t('optThemeDark'),
});
const siteModeLabels = (): Record<SiteMode, string> => ({
  everywhere: t('optSiteModeEverywhere'),
  'only-listed': t('optSiteModeOnlyListed'),
});

type SaveState = { kind: 'idle' } | { kind: 'saved' } | { kind: 'error'; message: string };

export function Options({ store, about }: { store: OptionsStore; about?: AboutInfo }) {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    store.load().then(
      (loaded) => live && setSettings(loaded),
      (error: unknown) => live && setLoadError(String(error)),
    );
    const unsubscribe = store.subscribe((next) => setSettings(next));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [store]);

  const change = async (patch: Partial<Settings>) => {
    if (!settings) return;
    const next = mergeSettings(settings, patch);
    setSettings(next);
    try {
      setSettings(await store.save(next));
      setSaveState({ kind: 'saved' });
    } catch (error) {
      setSaveState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <main class="op" data-theme={settings?.theme ?? 'auto'}>
      <style>{themeCss + optionsCss}</style>
      <h1>{t('optTitle')}</h1>
      <p class="op-status" role="status" aria-live="polite">
        {loadError
          ? t('optLoadError', loadError)
          : saveState.kind === 'saved'
            ? t('optSaved')
            : saveState.kind === 'error'
              ? t('optSaveError', saveState.message)
              : '\u00a0'}
      </p>
      {settings ? <SettingsForm settings={settings} change={change} /> : <p>{t('optLoading')}</p>}
      {about ? <About about={about} /> : null}
    </main>
  );
}

function SettingsForm({ settings, change }: { settings: Settings; change(patch: Partial<Settings>): void }) {
  const delayId = useId();
  return (
    <>
      <section class="op-section">
        <h2>{t('optWhere')}</h2>
        <label class="op-check">
          <input
            type="checkbox"
            role="switch"
            checked={settings.enabled}
            aria-checked={settings.enabled}
            onChange={(event) => change({ enabled: event.currentTarget.checked })}
          />
          <span>{t('optEnabled')}</span>
        </label>
        <Choice
          legend={t('optSiteModeLegend')}
          name="siteMode"
          options={SITE_MODES}
          labels={siteModeLabels()}
          value={settings.siteMode}
          onChange={(siteMode) => change({ siteMode })}
        />
        {settings.siteMode === 'only-listed' ? (
          <SiteList
            title={t('optEnabledSitesTitle')}
            hint={t('optEnabledSitesHint')}
            listName={t('optEnabledSitesName')}
            addName={t('optAddToEnabled')}
            empty={t('optEnabledSitesEmpty')}
            sites={settings.enabledSites}
            disabled={!settings.enabled}
            onChange={(enabledSites) => change({ enabledSites })}
          />
        ) : null}
        <SiteList
          title={t('optDisabledSitesTitle')}
          hint={settings.siteMode === 'only-listed' ? t('optDisabledSitesWins') : t('optDisabledSitesHint')}
          listName={t('optDisabledSitesName')}
          addName={t('optAddToDisabled')}
          empty={t('optDisabledSitesEmpty')}
          sites={settings.disabledSites}
          disabled={!settings.enabled}
          onChange={(disabledSites) => change({ disabledSites })}
        />
      </section>

      <section class="op-section">
        <h2>{t('optLook')}</h2>
        <Choice
          legend={t('optUnderline')}
          name="underline"
          options={UNDERLINE_STYLES}
          labels={underlineLabels()}
          value={settings.underline}
          onChange={(underline) => change({ underline })}
        />
        <Choice
          legend={t('optTheme')}
          name="theme"
          options={THEMES}
          labels={themeLabels()}
          value={settings.theme}
          onChange={(theme) => change({ theme })}
        />
        <div class="op-field">
          <label for={delayId}>{t('optDelay')}</label>
          <span class="op-inline">
            <input
              id={delayId}
              type="number"
              min={HOVER_DELAY_MIN_MS}
              max={HOVER_DELAY_MAX_MS}
              step={50}
              value={settings.hoverDelayMs}
              onChange={(event: TargetedEvent<HTMLInputElement>) => {
                const value = event.currentTarget.valueAsNumber;
                if (Number.isFinite(value)) change({ hoverDelayMs: value });
              }}
            />
            <span>{t('optDelayUnit', HOVER_DELAY_MIN_MS, HOVER_DELAY_MAX_MS)}</span>
          </span>
        </div>
      </section>

      <section class="op-section">
        <h2>{t('optCommands')}</h2>
        <Choice
          legend={t('optCommandOs')}
          name="commandOs"
          options={COMMAND_OSES}
          labels={osLabels()}
          value={settings.commandOs}
          onChange={(commandOs) => change({ commandOs })}
          hint={t('optCommandOsHint')}
        />
      </section>
    </>
  );
}

function Choice<T extends string>(props: {
  legend: string;
  name: string;
  options: readonly T[];
  labels: Record<T, string>;
  value: T;
  onChange(value: T): void;
  hint?: ComponentChildren;
}) {
  return (
    <fieldset class="op-field op-choice">
      <legend>{props.legend}</legend>
      {props.options.map((option) => (
        <label key={option} class="op-radio">
          <input
            type="radio"
            name={props.name}
            value={option}
            checked={props.value === option}
            onChange={() => props.onChange(option)}
          />
          <span>{props.labels[option]}</span>
        </label>
      ))}
      {props.hint ? <p class="op-hint">{props.hint}</p> : null}
    </fieldset>
  );
}

function SiteList(props: {
  title: string;
  hint: string;
  /** The list's accessible name, and its add form's. */
  listName: string;
  addName: string;
  empty: string;
  sites: string[];
  disabled: boolean;
  onChange(sites: string[]): void;
}) {
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();

  const add = (event: TargetedEvent<HTMLFormElement>) => {
    event.preventDefault();
    const checked = checkSiteInput(draft);
    if ('problem' in checked) {
      setProblem(checked.problem);
      return;
    }
    setProblem(null);
    setDraft('');
    if (!props.sites.includes(checked.site)) props.onChange([...props.sites, checked.site]);
  };

  return (
    <div class={props.disabled ? 'op-sites op-muted' : 'op-sites'}>
      <h3>{props.title}</h3>
      <p class="op-hint">{props.hint}</p>
      {props.sites.length > 0 ? (
        <ul class="op-site-list" aria-label={props.listName}>
          {props.sites.map((site) => (
            <li key={site}>
              <span class="op-site">{site}</span>
              <button
                type="button"
                class="op-remove"
                aria-label={t('optRemoveSite', site)}
                onClick={() => props.onChange(props.sites.filter((entry) => entry !== site))}
              >
                {t('optRemove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="op-empty">{props.empty}</p>
      )}
      <form class="op-add" onSubmit={add} aria-label={props.addName}>
        <label for={inputId}>{t('optAddSite')}</label>
        <input
          id={inputId}
          type="text"
          placeholder="example.com"
          autoComplete="off"
          spellcheck={false}
          value={draft}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          onInput={(event) => setDraft(event.currentTarget.value)}
        />
        <button type="submit">{t('optAdd')}</button>
      </form>
      {problem ? (
        <p id={problemId} class="op-problem" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}

/** A promise's value once it settles (null before, and if it fails). */
function useSettled<T>(promise: Promise<T>): T | null {
  const [value, setValue] = useState<T | null>(null);
  useEffect(() => {
    let live = true;
    promise.then(
      (settled) => live && setValue(settled),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [promise]);
  return value;
}

function About({ about }: { about: AboutInfo }) {
  const snapshots = useSettled(about.snapshots);
  const shortcuts = useSettled(about.shortcuts);
  return (
    <section class="op-section" aria-labelledby="op-about">
      <h2 id="op-about">{t('optAbout')}</h2>
      <p>{t('optVersion', about.version)}</p>
      <h3>{t('optShortcuts')}</h3>
      {shortcuts && shortcuts.length > 0 ? (
        <ul class="op-facts">
          {shortcuts.map(({ description, shortcut }) => (
            <li key={description}>
              {description}: {shortcut ? <kbd>{shortcut}</kbd> : t('optNoShortcut')}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="op-hint">
        {t('optShortcutsWhere', about.shortcutSettings.where)}{' '}
        {about.shortcutSettings.open ? (
          <button type="button" onClick={about.shortcutSettings.open}>
            {t('optShortcutsOpen')}
          </button>
        ) : null}
      </p>
      <h3>{t('optRegistryData')}</h3>
      {snapshots ? (
        <ul class="op-facts" aria-label={t('optSnapshotsName')}>
          {snapshots.map(({ source, asOf }) => (
            <li key={source}>
              <span class="op-date">{asOf}</span> {source}
            </li>
          ))}
        </ul>
      ) : (
        <p class="op-hint">{t('optReadingData')}</p>
      )}
      <p class="op-hint">{t('optNoNetwork')}</p>
    </section>
  );
}
