// The port card: one component for the in-page popover and the toolbar popup.
// Every string from the registry or curated data is rendered as JSX text, never parsed as HTML.
import { useId } from 'preact/hooks';
import { ianaEntryUrl, rangeClassLine } from '../lib/format';
import { t } from '../lib/i18n';
import type { CheckOs } from '../lib/how-to-check';
import { RANGE_CLASSES } from '../lib/range-classes';
import type { PortInfo, Protocol } from '../lib/types';
import { Answer } from './card/Answer';
import { Assignment } from './card/Assignment';
import { CardControls } from './card/CardControls';
import { CheckSection } from './card/CheckSection';
import { CommonUses, Story } from './card/Curated';
import { CardFooter } from './card/Footer';
import { AsOf } from './card/Link';
import { answerOf, assignedProtocols, commandProtocol, datingOf, groupRecords, factAsOf } from './card/model';
import themeCss from './theme.css?inline';
import cardCss from './card.css?inline';

/** The card's own style sheet, for a document that already has the theme (the popup's). */
export const CARD_OWN_CSS: string = cardCss;
/** The card's style sheet with the shared theme, for the popover's shadow root and the card page. */
export const CARD_CSS: string = themeCss + cardCss;

export type { CardTheme } from '../lib/card-ui';
import type { CardTheme } from '../lib/card-ui';

export interface PortCardProps {
  info: PortInfo;
  /** The reader's OS: its commands come first. */
  os?: CheckOs;
  /** Popover mode: registration details and remote checks start folded. */
  compact?: boolean;
  theme?: CardTheme;
  /** Narrows check commands when the page said e.g. "53/udp"; otherwise derived from the assignments. */
  protocol?: Protocol;
  onClose?: () => void;
  /** The in-page card's pin (page/popover.ts); absent elsewhere and once pinned. */
  onPin?: () => void;
}

export function PortCard({ info, os, compact, theme = 'auto', protocol, onClose, onPin }: PortCardProps) {
  const titleId = useId();
  const ianaId = useId();
  const range = RANGE_CLASSES[info.rangeClass];
  const dating = datingOf(info);
  const groups = groupRecords(info.records);
  const protocols = assignedProtocols(info.records);
  // The header's one-line status is only as fresh as the records behind it.
  const reserved = protocols.length === 0 && info.records.some((r) => r.status === 'reserved');
  const headline =
    protocols.length > 0
      ? t('cardAssignedOn', protocols.join(', '))
      : reserved
        ? t('cardReservedNotAssigned')
        : t('statusUnassigned');
  const headlineStatus = protocols.length > 0 ? 'assigned' : reserved ? 'reserved' : 'unassigned';
  const statusAsOf =
    info.records
      .filter((r) => r.status === headlineStatus)
      .map((r) => factAsOf(r, 'status', dating))
      .find((date) => date !== null) ?? null;

  return (
    <article class={compact ? 'pc pc-compact' : 'pc'} data-theme={theme} aria-labelledby={titleId}>
      <header class="pc-header">
        <div class="pc-title-row">
          <h2 id={titleId} class="pc-title">
            {t('cardPort', info.port)}
          </h2>
          <CardControls onClose={onClose} onPin={onPin} />
        </div>
        <Answer answer={answerOf(info)} dynamic={info.rangeClass === 'dynamic'} />
        <p class="pc-classline">
          <span class="pc-range-class" data-range={info.rangeClass} title={range.explanation}>
            {rangeClassLine(info.rangeClass)}
          </span>
          <span class="pc-sep" aria-hidden="true">
            {' · '}
          </span>
          <span class="pc-assigned-on">
            {headline} <AsOf date={statusAsOf} />
          </span>
        </p>
      </header>

      <section class="pc-section pc-iana" aria-labelledby={ianaId}>
        <h3 id={ianaId}>{t('cardIanaHeading')}</h3>
        {groups.length > 0 ? (
          <ul class="pc-assignments">
            {groups.map((group) => (
              <Assignment key={group.key} group={group} dating={dating} compact={compact} />
            ))}
          </ul>
        ) : null}
        <p class="pc-explain pc-range-explain">
          {info.rangeClass === 'dynamic' && groups.every((group) => group.record.status === 'unassigned')
            ? t('cardDynamicPicked', range.explanation)
            : range.explanation}
        </p>
      </section>

      <CommonUses uses={info.commonUses} port={info.port} />
      {info.story ? <Story story={info.story} /> : null}

      <CheckSection
        key={os ?? 'default'}
        port={info.port}
        protocol={protocol ?? commandProtocol(info.records)}
        os={os}
        compact={compact}
      />

      <CardFooter href={ianaEntryUrl(info.port)} snapshots={info.snapshots}>
        {t('cardOfficialEntry')}
      </CardFooter>
    </article>
  );
}
