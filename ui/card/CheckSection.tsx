// "Check it locally": one tab per OS (the reader's first), local commands, then tests from another machine.
import { useId, useState } from 'preact/hooks';
import { checkCommands, CHECK_OSES, OS_LABELS, type CheckCommand, type CheckOs } from '../../lib/how-to-check';
import { t } from '../../lib/i18n';
import type { Protocol } from '../../lib/types';
import { CopyButton } from './CopyButton';

function CommandItem({ command, announce }: { command: CheckCommand; announce: (message: string) => void }) {
  return (
    <li class="pc-cmd">
      <div class="pc-cmd-label">
        {command.label}
        {command.needsAdmin ? (
          <span class="pc-admin" title={t('checkAdminTitle')}>
            {t('checkAdmin')}
          </span>
        ) : null}
      </div>
      <div class="pc-cmd-row">
        <code class="pc-code">{command.command}</code>
        <CopyButton text={command.command} label={command.label} announce={announce} />
      </div>
      {command.note ? <p class="pc-cmd-note">{command.note}</p> : null}
    </li>
  );
}

export function CheckSection({
  port,
  protocol,
  os,
  compact,
}: {
  port: number;
  protocol?: Protocol;
  os?: CheckOs;
  compact?: boolean;
}) {
  const headingId = useId();
  const commands = checkCommands(port, protocol, os);
  const order = [...new Set(commands.map((c) => c.os))];
  const [selected, setSelected] = useState<CheckOs>(order[0] ?? CHECK_OSES[0]);
  const [announcement, setAnnouncement] = useState('');
  const shown = commands.filter((c) => c.os === selected);
  const local = shown.filter((c) => c.scope === 'local');
  const list = (scope: CheckCommand['scope']) => (
    <ul class="pc-cmds">
      {shown
        .filter((c) => c.scope === scope)
        .map((c) => (
          <CommandItem key={c.command} command={c} announce={setAnnouncement} />
        ))}
    </ul>
  );
  // Folded in the popover, open in the popup.
  const part = (title: string, scope: CheckCommand['scope']) =>
    compact ? (
      <details class="pc-more">
        <summary>{title}</summary>
        {list(scope)}
      </details>
    ) : (
      <>
        <h4 class="pc-subhead">{title}</h4>
        {list(scope)}
      </>
    );
  const hasFirewall = shown.some((c) => c.scope === 'firewall');

  return (
    <section class="pc-section" aria-labelledby={headingId}>
      <div class="pc-check-head">
        <h3 id={headingId}>{t('checkHeading')}</h3>
        {/* biome-ignore lint/a11y/useSemanticElements: a row of toggle buttons in a heading line; a fieldset brings a border and legend the card does not want */}
        <div class="pc-tabs" role="group" aria-label={t('checkOsGroup')}>
          {order.map((choice) => (
            <button
              key={choice}
              type="button"
              class="pc-tab"
              aria-pressed={choice === selected}
              onClick={() => setSelected(choice)}
            >
              {OS_LABELS[choice]}
            </button>
          ))}
        </div>
      </div>
      <ul class="pc-cmds">
        {local.map((c) => (
          <CommandItem key={c.command} command={c} announce={setAnnouncement} />
        ))}
      </ul>
      {part(t('checkRemote'), 'remote')}
      {hasFirewall ? part(t('checkFirewall'), 'firewall') : null}
      <p class="pc-sr" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
