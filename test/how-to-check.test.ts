import { describe, expect, it } from 'vitest';
import { checkCommands, osFromNavigator } from '../lib/how-to-check';

describe('checkCommands', () => {
  it("puts the reader's OS first, then the others in a fixed order, local checks before remote ones", () => {
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
    expect(
      text.some((c) => c.includes('Get-NetTCPConnection') || c.includes('-tulnp') || c === 'nc -vz host 161'),
    ).toBe(false);
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
    expect(linux.filter((c) => c.scope === 'local').every((c) => c.needsAdmin && c.command.startsWith('sudo '))).toBe(
      true,
    );
    const windows = checkCommands(80).filter((c) => c.os === 'windows');
    // Looking needs no rights on Windows; changing the firewall does.
    expect(windows.filter((c) => c.scope !== 'firewall').every((c) => !c.needsAdmin)).toBe(true);
    expect(windows.filter((c) => c.scope === 'firewall').every((c) => c.needsAdmin)).toBe(true);
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
    expect(osFromNavigator({ platform: 'Win32', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' })).toBe(
      'windows',
    );
    expect(osFromNavigator({ platform: 'MacIntel', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)' })).toBe(
      'macos',
    );
    expect(osFromNavigator({ userAgentData: { platform: 'macOS' } })).toBe('macos');
    expect(osFromNavigator({ platform: 'Linux x86_64', userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' })).toBe('linux');
    expect(
      osFromNavigator({ platform: 'iPhone', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)' }),
    ).toBe('linux');
    expect(osFromNavigator({})).toBe('linux');
  });
});

describe('firewall lines', () => {
  const firewall = (
    port: number,
    protocol?: Parameters<typeof checkCommands>[1],
    os?: Parameters<typeof checkCommands>[2],
  ) => checkCommands(port, protocol, os).filter((c) => c.scope === 'firewall');

  it('gives ufw, firewalld, nftables and iptables on Linux for the port and its protocol, ready to copy', () => {
    const linux = firewall(5432, 'tcp', 'linux')
      .filter((c) => c.os === 'linux')
      .map((c) => c.command);
    expect(linux).toEqual([
      'sudo ufw allow 5432/tcp',
      'sudo ufw deny 5432/tcp',
      'sudo firewall-cmd --permanent --add-port=5432/tcp && sudo firewall-cmd --reload',
      'sudo nft add rule inet filter input tcp dport 5432 accept',
      'sudo iptables -A INPUT -p tcp --dport 5432 -j ACCEPT',
    ]);
  });

  it('covers TCP and UDP when the port has no one protocol', () => {
    const linux = firewall(53, undefined, 'linux')
      .filter((c) => c.os === 'linux')
      .map((c) => c.command);
    expect(linux[0]).toBe('sudo ufw allow 53');
    expect(linux).toContain(
      'sudo firewall-cmd --permanent --add-port=53/tcp --add-port=53/udp && sudo firewall-cmd --reload',
    );
    expect(linux).toContain(
      'sudo iptables -A INPUT -p tcp --dport 53 -j ACCEPT && sudo iptables -A INPUT -p udp --dport 53 -j ACCEPT',
    );
    const windows = firewall(53, undefined, 'windows')
      .filter((c) => c.os === 'windows')
      .map((c) => c.command);
    expect(windows[0]).toBe(
      'New-NetFirewallRule -DisplayName "Allow port 53 TCP" -Direction Inbound -Protocol TCP -LocalPort 53 -Action Allow; ' +
        'New-NetFirewallRule -DisplayName "Allow port 53 UDP" -Direction Inbound -Protocol UDP -LocalPort 53 -Action Allow',
    );
    expect(windows[2]).toContain(
      'netsh advfirewall firewall add rule name="Allow port 53 TCP" dir=in action=allow protocol=TCP localport=53',
    );
  });

  it('puts the reader’s OS first, after its own checks', () => {
    const all = checkCommands(3389, 'tcp', 'windows');
    expect(all[0].os).toBe('windows');
    const windows = all.filter((c) => c.os === 'windows').map((c) => c.scope);
    expect(windows.indexOf('firewall')).toBeGreaterThan(windows.lastIndexOf('remote'));
    const firstOther = all.findIndex((c) => c.os !== 'windows');
    expect(all.slice(firstOther).every((c) => c.os !== 'windows')).toBe(true);
  });

  it('gives no ufw or Windows line for SCTP, which they do not filter, and iptables with the right protocol', () => {
    const sctp = firewall(2905, 'sctp');
    expect(sctp.some((c) => c.command.includes('ufw') || c.os === 'windows')).toBe(false);
    expect(sctp.map((c) => c.command)).toContain('sudo iptables -A INPUT -p sctp --dport 2905 -j ACCEPT');
  });

  it('says on macOS that its firewall works by application, not port', () => {
    const mac = firewall(22, 'tcp', 'macos').filter((c) => c.os === 'macos');
    expect(mac).toHaveLength(1);
    expect(mac[0].note).toMatch(/by application, not by port/);
  });
});
