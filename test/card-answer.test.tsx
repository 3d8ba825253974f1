// @vitest-environment happy-dom
// The card answers first: on the shipped registry and curated data, its first lines say what is most likely on
// the port, beside IANA's name, before the range class and the registry's details.
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PortCard } from '../ui/PortCard';
import { answerOf, isEphemeralRange, isPassivePool } from '../ui/card/model';
import { readPackagedData } from '../scripts/packaged-data';
import { CSV_2015, CURRENT_NAME_OLD_DETAILS, info, onProtocols, record } from './fixtures/port-info/make';
import type { CommonUse } from '../lib/types';

afterEach(cleanup);

const { registry } = readPackagedData();

/** Whether `a` comes before `b` in the document. */
function isBefore(a: Element, b: Element): boolean {
  return (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
}

function card(port: number) {
  const { container } = render(<PortCard info={registry.info(port)} />);
  const answer = container.querySelector('.pc-answer')!;
  return { container, answer, text: answer.textContent ?? '' };
}

describe('the answer on the shipped data', () => {
  it('3000: the curated dev-server uses lead, IANA’s hbci beside them, the range class after', () => {
    const { container, answer, text } = card(3000);
    const uses = [...answer.querySelectorAll('.pc-answer-use .pc-software')].map((el) => el.textContent);
    expect(uses).toHaveLength(3);
    expect(uses[0]).toBe('Grafana');
    expect(uses.join(' ')).toMatch(/Rails/);
    const curatedCount = registry.info(3000).commonUses.length;
    expect(answer.querySelector('.pc-answer-more')?.textContent).toBe(`${curatedCount - 3} more common uses below`);
    expect(answer.querySelector('.pc-answer-iana')?.textContent).toContain('hbci');
    expect(text).toContain('default port');
    expect(isBefore(answer, container.querySelector('.pc-range-class')!)).toBe(true);
    expect(isBefore(answer, container.querySelector('.pc-iana')!)).toBe(true);
  });

  it('80: HTTP web servers first, then IANA’s http and how many more assignments follow', () => {
    const { answer } = card(80);
    expect(answer.querySelector('.pc-answer-use')?.textContent).toMatch(/^HTTP web servers/);
    const iana = answer.querySelector('.pc-answer-iana')!;
    // http, www and www-http share IANA's description: one line, on every protocol.
    const lines = [...iana.querySelectorAll('li')].filter((li) => li.querySelector('.pc-service'));
    expect(lines).toHaveLength(1);
    expect([...lines[0].querySelectorAll('.pc-service')].map((el) => el.textContent)).toEqual([
      'http',
      'www',
      'www-http',
    ]);
    expect(iana.textContent).toContain('World Wide Web HTTP');
  });

  it('62000: a dynamic port with no curated service is most likely a client’s ephemeral port, with each OS’s range', () => {
    const { text, answer } = card(62000);
    expect(text).toMatch(/^Most likely a client’s ephemeral port/);
    const ranges = [...answer.querySelectorAll('.pc-answer-ranges li')].map((li) => li.textContent);
    expect(ranges).toEqual([expect.stringMatching(/^49152–65535 .*Windows.*macOS/)]);
    expect(text).toContain('RFC 6335');
    expect(text).toContain('never assigns ports in the dynamic range');
  });

  it('62000 and 30050 on the shipped data: the passive-FTP ranges are listed below, never as the answer', () => {
    const dynamic = card(62000);
    expect(dynamic.text).toMatch(/^Most likely a client’s ephemeral port/);
    expect(dynamic.answer.querySelector('.pc-answer-uses')).toBeNull();
    const below = [...dynamic.container.querySelectorAll('.pc-curated .pc-use .pc-software')].map(
      (el) => el.textContent,
    );
    expect(below).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ProFTPD passive/),
        expect.stringMatching(/^FileZilla Server passive/),
      ]),
    );
    cleanup();
    const low = card(30050);
    const uses = [...low.answer.querySelectorAll('.pc-answer-use .pc-software')].map((el) => el.textContent);
    expect(uses[0]).toBe('Kubernetes NodePort Services (default range)');
    expect(uses.some((name) => /passive/.test(name ?? ''))).toBe(false);
  });

  it('50000: Jenkins leads, and the ephemeral ranges of Linux and of Windows/macOS follow', () => {
    const { text, answer } = card(50000);
    expect(answer.querySelector('.pc-answer-use')?.textContent).toMatch(/Jenkins/);
    const ranges = [...answer.querySelectorAll('.pc-answer-ranges li')].map((li) => li.textContent);
    expect(ranges).toEqual([
      expect.stringMatching(/^32768–60999 Linux/),
      expect.stringMatching(/^49152–65535 .*Windows/),
    ]);
    expect(text.indexOf('Jenkins')).toBeLessThan(text.indexOf('ephemeral'));
  });

  it('4 and 0: Unassigned and Reserved as one plain sentence', () => {
    let { answer } = card(4);
    expect(answer.querySelector('.pc-answer-status')?.textContent).toBe(
      'Unassigned: no service is registered on this number.',
    );
    expect(answer.querySelector('.pc-answer-use')).toBeNull();
    cleanup();
    ({ answer } = card(0));
    expect(answer.querySelector('.pc-answer-status')?.textContent).toMatch(/^Reserved: IANA holds this number back/);
  });
});

describe('answerOf', () => {
  const source = { title: 'A manual', url: 'https://example.org/', checked: '2026-11-01' };
  const use = (software: string, kind: CommonUse['kind'], extra: Partial<CommonUse> = {}): CommonUse => ({
    software,
    kind,
    port: 7000,
    source,
    ...extra,
  });

  it('puts defaults before conventions, hazards after, history last, keeping file order within a kind', () => {
    const answer = answerOf(
      info(7000, onProtocols(['tcp'], { port: 7000, name: 'afs3-fileserver' }), {
        commonUses: [
          use('Old thing', 'deprecated'),
          use('Worm', 'malware'),
          use('Tool A', 'convention'),
          use('Server B', 'default'),
          use('Server C', 'default'),
        ],
      }),
    );
    expect(answer.uses.map((u) => u.software)).toEqual(['Server B', 'Server C', 'Tool A']);
    expect(answer.moreUses).toBe(2);
    expect(answer.status).toBe('assigned');
  });

  it('465 urd: the spelling fix is said to be seen by the snapshot that shows it, not dated as if IANA had dated it', () => {
    const urd = registry.info(465).records.find((r) => r.name === 'urd' && r.protocol === 'tcp')!;
    // What the data says: the change and the snapshot that first shows it; no modification date to date it by.
    expect(urd.history.map((h) => [h.asOf, h.source])).toEqual([['2026-08-17', 'IANA registry']]);
    expect(urd.modified).toBeNull();
    const { container } = render(<PortCard info={registry.info(465)} />);
    const change = [...container.querySelectorAll('.pc-changes li')].find((li) =>
      /Rendesvous/.test(li.textContent ?? ''),
    )!;
    expect(change.textContent).toBe(
      'by 2026-08-17: description changed from "URL Rendesvous Directory for SSM" to "URL Rendezvous Directory for SSM" · IANA registry',
    );
    expect(change.querySelector('time')).toBeNull();
    expect(change.querySelector('.pc-date')?.getAttribute('title')).toBe(
      'IANA registry of 2026-08-17 is the first snapshot to show this; the registry does not say when it changed.',
    );
  });

  it('dates each name of a shared description on its own, and a date all names share once', () => {
    const old = [{ ...CSV_2015, fields: ['status' as const, 'name' as const, 'description' as const] }];
    const mixed = info(42, [
      record({ port: 42, protocol: 'tcp', name: 'name', description: 'Host Name Server', sources: old }),
      record({
        port: 42,
        protocol: 'tcp',
        name: 'nameserver',
        description: 'Host Name Server',
        sources: CURRENT_NAME_OLD_DETAILS,
      }),
      record({ port: 42, protocol: 'udp', name: 'nameserver', description: 'Host Name Server', sources: old }),
    ]);
    const [line] = answerOf(mixed).assignments;
    // nameserver is current on tcp, so its old udp listing does not date it.
    expect(line.names).toEqual([
      { name: 'name', asOf: '2015-06' },
      { name: 'nameserver', asOf: null },
    ]);
    expect(line.asOf).toBeNull();
    const { container } = render(<PortCard info={mixed} />);
    const iana = container.querySelector('.pc-answer-iana li')!;
    expect(iana.textContent).toBe('name as of 2015-06, nameserver Host Name Server ');
    cleanup();
    const allOld = info(
      42,
      ['name', 'nameserver'].map((name) =>
        record({ port: 42, protocol: 'tcp', name, description: 'Host Name Server', sources: old }),
      ),
    );
    expect(answerOf(allOld).assignments[0].asOf).toBe('2015-06');
    render(<PortCard info={allOld} />);
    expect(document.querySelector('.pc-answer-iana li')?.textContent).toBe(
      'name, nameserver Host Name Server as of 2015-06',
    );
  });

  it('keeps passive-FTP pools out of the answer: a port inside one is no sign of what listens there', () => {
    const proftpd = use('ProFTPD passive data ports (PassivePorts example)', 'convention', {
      port: 49152,
      portEnd: 65534,
    });
    const linux = use('Linux ephemeral ports (ip_local_port_range default)', 'default', {
      port: 32768,
      portEnd: 60999,
    });
    expect(isPassivePool(proftpd)).toBe(true);
    expect(isPassivePool(use('X Window System (display :N on 6000+N)', 'default', { port: 6000, portEnd: 6063 }))).toBe(
      false,
    );
    const answer = answerOf(info(62000, [], { commonUses: [proftpd, linux] }));
    expect(answer.uses).toEqual([]);
    expect(answer.ephemeralFirst).toBe(true);
    expect(answer.moreUses).toBe(1);
  });

  it('keeps an ephemeral range out of the software list and leads with it only where no service is known', () => {
    const linux = use('Linux ephemeral ports (ip_local_port_range default)', 'default', {
      port: 32768,
      portEnd: 60999,
    });
    expect(isEphemeralRange(linux)).toBe(true);
    expect(isEphemeralRange(use('Kubernetes NodePort Services', 'default', { port: 30000, portEnd: 32767 }))).toBe(
      false,
    );
    const assigned = answerOf(
      info(40000, onProtocols(['tcp'], { port: 40000, name: 'safetynetp' }), { commonUses: [linux] }),
    );
    expect(assigned.uses).toEqual([]);
    expect(assigned.ephemeral).toEqual([linux]);
    expect(assigned.ephemeralFirst).toBe(false);
    const unassigned = answerOf(info(40001, [], { commonUses: [linux] }));
    expect(unassigned.ephemeralFirst).toBe(true);
    expect(unassigned.status).toBe('unassigned');
  });
});
