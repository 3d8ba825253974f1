// Commands that show what listens on a port and which process owns it, per OS, checks from outside, and the
// firewall lines that allow or block it.
// Pure: the caller detects the reader's OS (osFromNavigator) and passes it in.
import { t } from './i18n';
import type { Protocol } from './types';

export type CheckOs = 'linux' | 'macos' | 'windows';
export const CHECK_OSES: readonly CheckOs[] = ['linux', 'macos', 'windows'];
export const OS_LABELS: Readonly<Record<CheckOs, string>> = { linux: 'Linux', macos: 'macOS', windows: 'Windows' };

export interface CheckCommand {
  os: CheckOs;
  /** 'local': run on the machine itself; 'remote': test the port from another machine; 'firewall': allow or block it. */
  scope: 'local' | 'remote' | 'firewall';
  label: string;
  command: string;
  needsAdmin: boolean;
  note?: string;
}

/** Placeholder the reader replaces with the machine to test from outside. */
export const REMOTE_HOST = 'host';

// Notes and labels are read when the commands are built, in the reader's language.
const hiddenProcesses = () => t('checkNoteHiddenProcesses');
const udpProbe = () => t('checkNoteUdpProbe');

/**
 * The commands for `port`, the reader's OS first (then Linux, macOS, Windows), local checks before remote ones
 * within each OS. `protocol` narrows the commands to TCP or UDP; without it they cover both (remote probes: TCP).
 */
export function checkCommands(port: number, protocol?: Protocol, readerOs?: CheckOs): CheckCommand[] {
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`not a port number: ${port}`);
  const order = readerOs ? [readerOs, ...CHECK_OSES.filter((os) => os !== readerOs)] : CHECK_OSES;
  return order.flatMap((os) => [
    ...localCommands(os, port, protocol),
    ...remoteCommands(os, port, protocol),
    ...firewallCommands(os, port, protocol),
  ]);
}

/** Builds the commands of one OS and scope. */
function commandsFor(os: CheckOs, scope: CheckCommand['scope']) {
  return (label: string, command: string, needsAdmin: boolean, note?: string): CheckCommand => ({
    os,
    scope,
    label,
    command,
    needsAdmin,
    ...(note ? { note } : {}),
  });
}

function localCommands(os: CheckOs, port: number, protocol?: Protocol): CheckCommand[] {
  const local = commandsFor(os, 'local');
  switch (os) {
    case 'linux': {
      const ssFlags = { tcp: '-tlnp', udp: '-ulnp', sctp: '-Slnp', dccp: '-dlnp' }[protocol ?? 'tcp'];
      const lsofTarget = protocol === 'tcp' || protocol === 'udp' ? `${protocol}:${port}` : `:${port}`;
      return [
        local(
          t('checkLinuxSs'),
          `sudo ss ${protocol ? ssFlags : '-tulnp'} 'sport = :${port}'`,
          true,
          hiddenProcesses(),
        ),
        local(t('checkLinuxLsof'), `sudo lsof -nP -i ${lsofTarget}`, true),
      ];
    }
    case 'macos': {
      const lsof =
        protocol === 'tcp'
          ? `sudo lsof -nP -iTCP:${port} -sTCP:LISTEN`
          : protocol === 'udp'
            ? `sudo lsof -nP -iUDP:${port}`
            : `sudo lsof -nP -i :${port}`;
      const netstatProtocol = protocol === 'udp' ? 'udp' : 'tcp';
      return [
        local(t('checkMacLsof'), lsof, true, hiddenProcesses()),
        local(
          t('checkMacNetstat', netstatProtocol.toUpperCase()),
          `netstat -anv -p ${netstatProtocol} | grep '\\.${port} '`,
          false,
          t('checkNoteMacNetstat'),
        ),
      ];
    }
    case 'windows': {
      const netstatProtocol = protocol === 'udp' ? ' -p udp' : protocol === 'tcp' ? ' -p tcp' : '';
      const powershell =
        protocol === 'udp'
          ? local(t('checkWinUdpEndpoint'), `Get-NetUDPEndpoint -LocalPort ${port}`, false)
          : local(
              t('checkWinTcpConnection'),
              `Get-NetTCPConnection -LocalPort ${port}`,
              false,
              t('checkNoteOwningProcess'),
            );
      return [
        local(
          t('checkWinNetstat'),
          `netstat -ano${netstatProtocol} | findstr /c:":${port} "`,
          false,
          t('checkNoteWinNetstat'),
        ),
        powershell,
      ];
    }
  }
}

function remoteCommands(os: CheckOs, port: number, protocol?: Protocol): CheckCommand[] {
  const remote = commandsFor(os, 'remote');
  const udp = protocol === 'udp';
  const nmap = udp
    ? remote(
        t('checkNmapUdp'),
        `${os === 'windows' ? '' : 'sudo '}nmap -sU -p ${port} ${REMOTE_HOST}`,
        true,
        udpProbe(),
      )
    : remote(t('checkNmapTcp'), `nmap -p ${port} ${REMOTE_HOST}`, false);
  if (os === 'windows') {
    // Windows ships no netcat; Test-NetConnection is built in but speaks TCP only.
    return udp
      ? [{ ...nmap, note: t('checkNoteWinNmapUdp', udpProbe()) }]
      : [remote(t('checkWinTestNet'), `Test-NetConnection -ComputerName ${REMOTE_HOST} -Port ${port}`, false), nmap];
  }
  const nc = udp
    ? remote(t('checkNcUdp'), `nc -vzu ${REMOTE_HOST} ${port}`, false, udpProbe())
    : remote(t('checkNcTcp'), `nc -vz ${REMOTE_HOST} ${port}`, false);
  return [nc, nmap];
}

function firewallCommands(os: CheckOs, port: number, protocol?: Protocol): CheckCommand[] {
  const rule = commandsFor(os, 'firewall');
  // Without a protocol the port is allowed on both TCP and UDP; SCTP and DCCP only where the tool knows them.
  const protocols: Protocol[] = protocol ? [protocol] : ['tcp', 'udp'];
  const both = protocols.length > 1;
  switch (os) {
    case 'linux': {
      const ufwProtocols = protocols.filter((p) => p === 'tcp' || p === 'udp');
      const ufwTarget = both ? String(port) : `${port}/${ufwProtocols[0]}`;
      const commands: CheckCommand[] = [];
      if (ufwProtocols.length > 0) {
        commands.push(rule(t('checkUfwAllow'), `sudo ufw allow ${ufwTarget}`, true));
        commands.push(rule(t('checkUfwDeny'), `sudo ufw deny ${ufwTarget}`, true));
      }
      const ports = protocols.map((p) => `--add-port=${port}/${p}`).join(' ');
      commands.push(
        rule(t('checkFirewalld'), `sudo firewall-cmd --permanent ${ports} && sudo firewall-cmd --reload`, true),
      );
      commands.push(
        rule(
          t('checkNft'),
          protocols.map((p) => `sudo nft add rule inet filter input ${p} dport ${port} accept`).join(' && '),
          true,
          t('checkNoteNft'),
        ),
      );
      commands.push(
        rule(
          t('checkIptables'),
          protocols.map((p) => `sudo iptables -A INPUT -p ${p} --dport ${port} -j ACCEPT`).join(' && '),
          true,
          t('checkNoteIptables'),
        ),
      );
      return commands;
    }
    case 'macos':
      // The macOS firewall allows or blocks applications, not port numbers.
      return [
        rule(
          t('checkMacFirewall'),
          '/usr/libexec/ApplicationFirewall/socketfilterfw --listapps',
          false,
          t('checkNoteMacFirewall'),
        ),
      ];
    case 'windows': {
      const windowsProtocols = protocols.filter((p) => p === 'tcp' || p === 'udp').map((p) => p.toUpperCase());
      if (windowsProtocols.length === 0) return [];
      const each = (make: (p: string) => string) => windowsProtocols.map(make).join('; ');
      return [
        rule(
          t('checkWinAllowPs'),
          each(
            (p) =>
              `New-NetFirewallRule -DisplayName "Allow port ${port} ${p}" -Direction Inbound -Protocol ${p} -LocalPort ${port} -Action Allow`,
          ),
          true,
        ),
        rule(
          t('checkWinBlockPs'),
          each(
            (p) =>
              `New-NetFirewallRule -DisplayName "Block port ${port} ${p}" -Direction Inbound -Protocol ${p} -LocalPort ${port} -Action Block`,
          ),
          true,
        ),
        rule(
          t('checkWinAllowCmd'),
          windowsProtocols
            .map(
              (p) =>
                `netsh advfirewall firewall add rule name="Allow port ${port} ${p}" dir=in action=allow protocol=${p} localport=${port}`,
            )
            .join(' & '),
          true,
        ),
      ];
    }
  }
}

/** The reader's OS from navigator fields; Linux when unsure (ChromeOS, BSDs and Android shells are closest). */
export function osFromNavigator(nav: {
  userAgent?: string;
  platform?: string;
  userAgentData?: { platform?: string };
}): CheckOs {
  const hint = `${nav.userAgentData?.platform ?? ''} ${nav.platform ?? ''} ${nav.userAgent ?? ''}`.toLowerCase();
  if (/\bwin/.test(hint)) return 'windows';
  if (/\bmac|darwin/.test(hint) && !/iphone|ipad/.test(hint)) return 'macos';
  return 'linux';
}
