// @vitest-environment happy-dom
// No hard-coded English left in the card, the range card, the popup and the options page: they are rendered on
// the shipped data in a fake locale whose every message is a marker, and what remains once the markers and the
// data (registry and curated text, commands, search answers, sites) are taken out must hold no English word.
// Then the same surfaces in German hold no English UI message.
import { readFileSync } from 'node:fs';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatReferences } from '../lib/format';
import { checkCommands, CHECK_OSES } from '../lib/how-to-check';
import { setMessageSource, substitute, type GetMessage } from '../lib/i18n';
import { rangeInfo } from '../lib/range-info';
import { search } from '../lib/search';
import { unpackSearchIndex } from '../lib/search-pack';
import { DEFAULT_SETTINGS, validateSettings, type Settings } from '../lib/settings';
import type { PortInfo, Protocol } from '../lib/types';
import { readPackagedData, searchPackOf } from '../scripts/packaged-data';
import { PortCard } from '../ui/PortCard';
import { RangeCard } from '../ui/card/RangeCard';
import { ephemeralOwner } from '../ui/card/model';
import { Options, type AboutInfo, type OptionsStore } from '../ui/options/Options';
import { Popup, type PopupSource, type PopupStore } from '../ui/popup/Popup';

const packaged = readPackagedData();
const { registry } = packaged;
const index = unpackSearchIndex(JSON.parse(JSON.stringify(searchPackOf(packaged))));
const rangeOf = (from: number, to: number) =>
  rangeInfo(from, to, registry.lookupRange(from, to), packaged.curated.uses, registry.meta.snapshots);

/** Names that are the same in every language. */
const PROPER_NAMES = new Set(['IANA', 'Portolan', 'Linux', 'macOS', 'Windows', 'TCP', 'UDP']);

/** Every message is `⟦key⟧`, each substitution follows it in ‹›, so a hard-coded one is still seen. */
const MARKED: GetMessage = (key, substitutions = []) => `⟦${key}⟧${substitutions.map((s) => `‹${s}›`).join('')}`;

/** Every string inside a value (the data a surface was given): those may be English, they are not the UI's. */
function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value);
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into);
  else if (value && typeof value === 'object') for (const item of Object.values(value)) stringsIn(item, into);
  return into;
}

/** What a reader sees or hears: text (not style sheets) and the attributes browsers show or speak. */
function shownTexts(root: ParentNode = document.body): string[] {
  const texts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) texts.push(node.textContent ?? '');
    if (!(node instanceof Element)) return;
    if (node.tagName === 'STYLE') return;
    for (const attribute of ['aria-label', 'title', 'placeholder', 'alt', 'aria-description']) {
      const value = node.getAttribute(attribute);
      if (value) texts.push(value);
    }
    node.childNodes.forEach(walk);
  };
  root.childNodes.forEach(walk);
  return texts;
}

/** The shown texts with the data's strings (longest first) taken out. */
function shownWithoutData(data: Set<string>): { text: string; rest: string }[] {
  const pieces = [...data].filter((s) => s.length >= 2).sort((a, b) => b.length - a.length);
  return shownTexts().map((text) => {
    let rest = text.replace(/⟦\w+⟧/g, ' ').replace(/[‹›]/g, ' ');
    for (const piece of pieces) if (rest.includes(piece)) rest = rest.split(piece).join(' ');
    return { text, rest };
  });
}

/** English words left once the markers and the given data are taken out. */
function leftoverWords(data: Set<string>): string[] {
  const left = new Set<string>();
  for (const { text, rest } of shownWithoutData(data)) {
    for (const word of rest.match(/[A-Za-z]{2,}/g) ?? [])
      if (!PROPER_NAMES.has(word)) left.add(`${word} (in “${text.trim().slice(0, 80)}”)`);
  }
  return [...left];
}

/** A port's data as the card words it: its strings, references as "RFC 9110", OS names of ephemeral ranges, commands. */
function addPortData(info: PortInfo, data: Set<string>): void {
  stringsIn(info, data);
  for (const record of info.records) for (const ref of formatReferences(record.references)) data.add(ref.text);
  for (const use of info.commonUses) data.add(ephemeralOwner(use));
  commandsOf(info.port).forEach((c) => data.add(c));
}

const commandsOf = (port: number) =>
  (['tcp', 'udp', undefined] as const).flatMap((protocol) =>
    CHECK_OSES.flatMap((os) => checkCommands(port, protocol, os).map((c) => c.command)),
  );

/** Ports whose cards between them show every part of the card: the first port (in order) with each feature. */
function samplePorts(): number[] {
  const wanted: ((info: PortInfo) => boolean)[] = [
    (info) => info.records.some((r) => r.history.length > 0),
    (info) => info.records.some((r) => r.unauthorizedUse),
    (info) => info.records.some((r) => r.notes),
    (info) => info.records.some((r) => r.contact && r.contact !== r.assignee),
    (info) =>
      info.records.some(
        (r) => r.status === 'assigned' && r.sources.some((s) => s.asOf !== registry.meta.snapshots[0].asOf),
      ),
    (info) => info.story !== undefined,
    (info) => info.commonUses.length > 4,
    (info) => info.records.filter((r) => r.status === 'assigned').length > 4,
    (info) =>
      info.rangeClass === 'user' &&
      info.records.every((r) => r.status === 'unassigned') &&
      info.commonUses.length === 0,
  ];
  const found = new Set([0, 80, 465, 3000, 5000, 6000, 50000, 65535]);
  for (let port = 1; port < 49152 && wanted.length > 0; port++) {
    const info = registry.info(port);
    for (let i = wanted.length - 1; i >= 0; i--) {
      if (wanted[i](info)) {
        found.add(port);
        wanted.splice(i, 1);
      }
    }
  }
  expect(wanted, 'a card feature no port shows').toHaveLength(0);
  return [...found];
}

function fakeStore(initial: Partial<Settings> = {}): PopupStore & OptionsStore {
  let settings = validateSettings({ ...DEFAULT_SETTINGS, ...initial });
  const listeners = new Set<(s: Settings) => void>();
  return {
    load: async () => settings,
    save: async (next: Settings) => {
      settings = validateSettings(next);
      listeners.forEach((listener) => listener(settings));
      return settings;
    },
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    lastSearch: () => ({ query: '', answer: null }),
    saveLastSearch: () => undefined,
  };
}

const ABOUT = {
  version: '9.9.9',
  snapshots: Promise.resolve(registry.meta.snapshots),
  shortcuts: Promise.resolve([
    { description: 'portolan-next', shortcut: 'Alt+Shift+N' },
    { description: 'portolan-previous', shortcut: '' },
  ]),
  shortcutSettings: { where: 'chrome://extensions/shortcuts', open: () => undefined },
} satisfies AboutInfo;

/** Every surface, in every state the tests can reach, with the data each was given. */
async function renderEverything(): Promise<{ data: Set<string>; surfaces: number }> {
  const data = new Set<string>([
    'example.com',
    'docs.example.com',
    'chrome://extensions/shortcuts',
    'portolan-next',
    'portolan-previous',
    'Alt+Shift+N',
  ]);
  let surfaces = 0;
  const done = () => {
    surfaces++;
    cleanup();
  };

  for (const port of samplePorts()) {
    const info = registry.info(port);
    addPortData(info, data);
    for (const [os, protocol, compact] of [
      ['linux', undefined, false],
      ['macos', 'udp', true],
      ['windows', 'udp', false],
      ['windows', 'tcp', true],
      ['macos', 'tcp', false],
    ] as const) {
      render(
        <PortCard
          info={info}
          os={os}
          protocol={protocol as Protocol | undefined}
          compact={compact}
          onClose={() => undefined}
        />,
      );
      await check(data);
      done();
    }
  }
  // The copy button's answers.
  addPortData(registry.info(22), data);
  render(<PortCard info={registry.info(22)} os="linux" />);
  await act(async () => {
    fireEvent.click(screen.getAllByRole('button', { name: /./ }).find((b) => b.classList.contains('pc-copy'))!);
  });
  await waitFor(() => expect(document.querySelector('.pc-copy[data-state="idle"]:first-of-type')).toBeTruthy());
  await check(data);
  done();

  const whole = (from: number, to: number) => rangeOf(from, to).counts.unassigned === to - from + 1;
  let empty = 65500;
  while (!whole(empty, empty + 9)) empty++;
  for (const [from, to] of [
    [6000, 6063],
    [30000, 32767],
    [8000, 8010],
    [1, 1023],
    [49152, 65535],
    [20, 23],
    [empty, empty + 9],
  ]) {
    const info = rangeOf(from, to);
    stringsIn(info, data);
    render(<RangeCard info={info} onClose={() => undefined} />);
    await check(data);
    done();
  }

  const source: PopupSource = {
    search: (query, limit) => {
      const answer = search(index, query, limit);
      // The results' "why" and notices are lib/search's sentences (the search's own text), taken as data here.
      stringsIn(answer, data);
      return answer;
    },
    info: async (port) => {
      const info = registry.info(port);
      addPortData(info, data);
      return info;
    },
    rangeInfo: async (from, to) => {
      const info = rangeOf(from, to);
      stringsIn(info, data);
      return info;
    },
  };
  const popupCases: [string | null, Partial<Settings>][] = [
    ['example.com', {}],
    [null, {}],
    ['docs.example.com', { disabledSites: ['example.com'] }],
  ];
  for (const [site, settings] of popupCases) {
    render(
      <Popup
        source={source}
        store={fakeStore(settings)}
        page={{ site, query: null }}
        onOpenOptions={() => undefined}
      />,
    );
    await screen.findByRole('switch', { name: /⟦popupAllSites⟧/ });
    await check(data);
    for (const query of ['http', '8000-8010', '30000-32767', 'grafana', 'redis', 'nosuchwordzz', '49200', '1023']) {
      await act(() => {
        fireEvent.input(screen.getByRole('searchbox'), { target: { value: query } });
      });
      await check(data);
    }
    done();
  }
  for (const query of ['8080', '6000-6063']) {
    render(<Popup source={source} store={fakeStore()} page={{ site: 'example.com', query }} />);
    await screen.findAllByRole('option');
    await act(async () => {
      fireEvent.keyDown(screen.getByRole('searchbox'), { key: 'Enter' });
    });
    await screen.findByRole('button', { name: /⟦popupBack⟧/ });
    await check(data);
    done();
  }
  render(<Popup source={Promise.reject(new Error('broken'))} store={fakeStore()} />);
  await screen.findByText(/⟦registryError⟧/);
  data.add('broken');
  await check(data);
  done();

  for (const settings of [
    { siteMode: 'only-listed' as const, enabledSites: ['example.com'], disabledSites: ['docs.example.com'] },
    {},
  ]) {
    render(<Options store={fakeStore(settings)} about={ABOUT} />);
    await screen.findByRole('switch');
    await waitFor(() => expect(document.querySelector('kbd')).toBeTruthy());
    await check(data);
    for (const typed of ['com', 'chrome://settings', 'not a site!']) {
      data.add(typed);
      const form = screen.getAllByRole('form')[0];
      await act(() => {
        fireEvent.input(form.querySelector('input')!, { target: { value: typed } });
      });
      await act(() => {
        fireEvent.submit(form);
      });
      await screen.findByRole('alert');
      await check(data);
    }
    await act(async () => {
      fireEvent.click((screen.getAllByRole('radio') as HTMLInputElement[]).find((radio) => !radio.checked)!);
    });
    await screen.findByText(/⟦optSaved⟧/);
    await check(data);
    done();
  }
  render(<Options store={{ ...fakeStore(), load: () => Promise.reject(new Error('denied')) }} />);
  data.add('Error: denied');
  await screen.findByText(/⟦optLoadError⟧/);
  await check(data);
  done();
  return { data, surfaces };
}

let leftovers: string[] = [];
let checks = 0;
async function check(data: Set<string>) {
  checks++;
  leftovers.push(...leftoverWords(data));
}

afterEach(() => {
  cleanup();
  setMessageSource(null);
});

describe('UI strings through the locale', () => {
  beforeEach(() => {
    leftovers = [];
    checks = 0;
  });

  it('the card, range card, popup and options show no English of their own in another locale', async () => {
    setMessageSource(MARKED);
    const { surfaces } = await renderEverything();
    expect(surfaces).toBeGreaterThan(70);
    expect(checks).toBeGreaterThan(100);
    expect([...new Set(leftovers)]).toEqual([]);
  }, 60_000);

  it('the checker sees hard-coded English (a string not from the locale or the data)', async () => {
    setMessageSource(MARKED);
    render(
      <p title="Hard-coded tip">
        ⟦cardPort⟧‹80› and http <span>{'Check it locally'}</span>
      </p>,
    );
    await check(new Set(['http']));
    expect(leftovers.map((w) => w.split(' ')[0]).sort()).toEqual([
      'Check',
      'Hard',
      'and',
      'coded',
      'it',
      'locally',
      'tip',
    ]);
  });

  it('in German the card, range card, popup and options hold no English UI message', async () => {
    const english: Record<string, { message: string }> = JSON.parse(
      readFileSync('public/_locales/en/messages.json', 'utf8'),
    );
    const german: Record<string, { message: string }> = JSON.parse(
      readFileSync('public/_locales/de/messages.json', 'utf8'),
    );
    setMessageSource((key, substitutions = []) => substitute(german[key]?.message ?? '', substitutions));
    // Messages German keeps as they are ("Port $1", "Portolan") say nothing; the others' fixed words must not show.
    const telltales = Object.entries(english)
      .filter(([key, { message }]) => german[key].message !== message)
      .flatMap(([, { message }]) => message.split(/\$\d/))
      .map((part) => part.trim())
      .filter((part) => part.length >= 12 || /^[A-Z][a-z]+ [a-z]+/.test(part));
    const found = new Set<string>();
    const data = new Set<string>();
    const look = () => {
      const shown = shownWithoutData(data)
        .map(({ rest }) => rest)
        .join('\n');
      for (const telltale of telltales) if (shown.includes(telltale)) found.add(telltale);
    };
    for (const port of [465, 50000, 3000]) {
      addPortData(registry.info(port), data);
      render(
        <PortCard
          info={registry.info(port)}
          os={port === 465 ? 'windows' : 'macos'}
          protocol="udp"
          compact={port === 465}
          onClose={() => undefined}
        />,
      );
      look();
      cleanup();
    }
    stringsIn(rangeOf(8000, 8010), data);
    render(<RangeCard info={rangeOf(8000, 8010)} />);
    look();
    cleanup();
    render(<Options store={fakeStore({ siteMode: 'only-listed' })} about={ABOUT} />);
    await screen.findByRole('switch');
    look();
    expect(telltales.length).toBeGreaterThan(150);
    expect([...found]).toEqual([]);
  });
});
