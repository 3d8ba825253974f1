// @vitest-environment happy-dom
// The range card on the shipped data: uses of the range first, IANA's records, every port inside counted.
import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { RangeCard } from '../ui/card/RangeCard';
import { rangeInfo } from '../lib/range-info';
import { readPackagedData } from '../scripts/packaged-data';

afterEach(cleanup);

const { registry, curated } = readPackagedData();
const show = (from: number, to: number) =>
  render(
    <RangeCard info={rangeInfo(from, to, registry.lookupRange(from, to), curated.uses, registry.meta.snapshots)} />,
  );

describe('RangeCard', () => {
  it('30000–32767: Kubernetes NodePorts lead, the ports are counted, unassigned stretches said and the rest counted', () => {
    const { container } = show(30000, 32767);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Ports 30000–32767');
    const answer = container.querySelector('.pc-answer')!;
    expect(answer.querySelector('.pc-answer-use')?.textContent).toMatch(/^Kubernetes NodePort Services/);
    expect(answer.textContent).toMatch(/2,768 ports \(30000–32767, both ends included\): \d+ assigned, .*unassigned/);
    expect(container.querySelector('.pc-range-class')?.textContent).toBe('User range (1024–49151)');
    const iana = screen.getByRole('region', { name: 'IANA registry in this range' });
    expect(iana.querySelector('.pc-range-port')?.textContent).toMatch(/^30000 ndmps/);
    expect(iana.querySelector('.pc-range-gaps')?.textContent).toMatch(
      /^Unassigned \([\d,]+\): 30005–30099, .* and \d+ more stretches\.$/,
    );
    // Sources for every curated use, in the curated section, apart from IANA's.
    const uses = screen.getByRole('region', { name: 'Common use in practice' });
    expect(within(uses).getAllByRole('link').length).toBeGreaterThan(0);
    expect(iana.contains(uses)).toBe(false);
  });

  it('6000–6063: the x11 record as IANA’s answer, nothing unassigned', () => {
    const { container } = show(6000, 6063);
    expect(container.querySelector('.pc-answer-iana')?.textContent).toMatch(/6000–6063 x11 X Window System tcp, udp/);
    expect(container.textContent).toContain('No port of 6000–6063 is unassigned.');
  });

  it('8000–8010: names the curated uses of ports inside first, and says which ports are unassigned', () => {
    const { container } = show(8000, 8010);
    const uses = [...container.querySelectorAll('.pc-answer .pc-answer-use')].map((li) => li.textContent);
    expect(uses[0]).toMatch(/^8000 Django/);
    expect(container.querySelector('.pc-answer-more')?.textContent).toMatch(/^\d+ more common uses below$/);
    // What is unassigned depends on the snapshot (IANA reserved 8010 in 2018): ask the registry, port by port.
    const unassigned: number[] = [];
    for (let port = 8000; port <= 8010; port++) {
      if (registry.lookupPort(port).every((r) => r.status === 'unassigned')) unassigned.push(port);
    }
    const gaps = container.querySelector('.pc-range-gaps')?.textContent ?? container.textContent;
    if (unassigned.length === 0) expect(gaps).toContain('No port of 8000–8010 is unassigned.');
    else expect(gaps).toMatch(new RegExp(`^Unassigned \\(${unassigned.length}\\): ${unassigned[0]}`));
  });

  it('says every port is unassigned when none is held', () => {
    const { container } = show(65000, 65010);
    expect(container.querySelector('.pc-range-gaps')?.textContent).toBe('Unassigned: every port of 65000–65010.');
    expect(container.querySelector('.pc-answer')?.textContent).toMatch(/ephemeral/i);
  });
});
