import { describe, expect, it } from 'vitest';
import { checkCommands, osFromNavigator } from '../lib/how-to-check';

describe('checkCommands', () => {
  it('puts the reader\'s OS first, then the others in a fixed order, local checks before remote ones', () => {
    const windowsFirst = checkCommands(53, undefined, 'windows');
    expect([...new Set(windowsFirst.map((c) => c.os))]).toEqual(['windows', 'linux', 'macos']);
    const macFirst = checkCommands(53, undefined, 'macos');
    expect([...new Set(macFirst.map((c) => c.os))]).toEqual(['macos', 'linux', 'windows']);
    expect([...new Set(checkCommands(53).map((c) => c.os))]).toEqual(['linux', 'macos', 'windows']);
    for (const os of ['linux', 'macos', 'windows'] as const) {
      const scopes = windowsFirst.filter((c) => c.os === os).map((c) => c.scope);
      expect(scopes.indexOf('remote')).toBeGreaterThan(scopes.lastIndexOf('local'));
    }
  });

  it('gives the well-known commands for a port of unknown protocol', () => {
    const commands = checkCommands(8080).map((c) => c.command);
    expect(commands).toContain("sudo ss -tulnp 'sport = :8080'");
    expect(commands).toContain('sudo lsof -nP -i :8080');
    expect(commands).toContain('netstat -ano | findstr /c:":8080 "');
    expect(commands).toContain('Get-NetTCPConnection -LocalPort 8080');
    expect(commands).toContain('nc -vz host 8080');
    expect(commands).toContain('nmap -p 8080 host');
  });

  it('switches to UDP variants when the protocol is udp', () => {
    const commands = checkCommands(161, 'udp');
    const text = commands.map((c) => c.command);
    expect(text).toContain("sudo ss -ulnp 'sport = :161'");
    expect(text).toContain('sudo lsof -nP -iUDP:161');
    expect(text).toContain('Get-NetUDPEndpoint -LocalPort 161');
    expect(text).toContain('nc -vzu host 161');
    expect(text).toContain('sudo nmap -sU -p 161 host');
    expect(text.some((c) => c.includes('Get-NetTCPConnection') || c.includes('-tulnp') || c === 'nc -vz host 161')).toBe(false);
    const nmap = commands.find((c) => c.command === 'sudo nmap -sU -p 161 host');
    expect(nmap?.needsAdmin).toBe(true);
    expect(nmap?.note).toMatch(/handshake/);
  });

  it('narrows TCP checks to listening sockets', () => {
    const text = checkCommands(22, 'tcp').map((c) => c.command);
    expect(text).toContain("sudo ss -tlnp 'sport = :22'");
    expect(text).toContain('sudo lsof -nP -iTCP:22 -sTCP:LISTEN');
    expect(text).toContain('netstat -ano -p tcp | findstr /c:":22 "');
  });

  it('marks which commands need admin rights', () => {
    const linux = checkCommands(80, undefined, 'linux').filter((c) => c.os === 'linux');
    expect(linux.filter((c) => c.scope === 'local').every((c) => c.needsAdmin && c.command.startsWith('sudo '))).toBe(true);
    const windows = checkCommands(80).filter((c) => c.os === 'windows');
    expect(windows.every((c) => !c.needsAdmin)).toBe(true);
    for (const command of checkCommands(80, 'udp')) {
      if (command.command.startsWith('sudo ')) expect(command.needsAdmin, command.command).toBe(true);
    }
  });

  it('uses the exact port (no prefix match: 80 must not match 8080)', () => {
    for (const command of checkCommands(80)) {
      if (command.command.includes('findstr')) expect(command.command).toContain('":80 "');
      if (command.command.includes('grep')) expect(command.command).toContain("'\\.80 '");
    }
  });

  it('rejects numbers that are not ports', () => {
    expect(() => checkCommands(65536)).toThrow(RangeError);
    expect(() => checkCommands(-1)).toThrow(RangeError);
    expect(() => checkCommands(1.5)).toThrow(RangeError);
  });
});

describe('osFromNavigator', () => {
  it('recognises Windows, macOS and Linux from navigator fields', () => {
    expect(osFromNavigator({ platform: 'Win32', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })).toBe('windows');
    expect(osFromNavigator({ platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)' })).toBe('macos');
    expect(osFromNavigator({ userAgentData: { platform: 'macOS' } })).toBe('macos');
    expect(osFromNavigator({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('linux');
    expect(osFromNavigator({ platform: 'iPhone', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' })).toBe('linux');
    expect(osFromNavigator({})).toBe('linux');
  });
});
