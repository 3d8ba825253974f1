// The range card (6000–6063, 30000–32767): what uses the range, IANA's records for it, and every port inside it,
// both ends included, with the unassigned ones counted and said. Registry text is rendered as text.
import { useId } from 'preact/hooks';
import { formatPortSpan, ianaEntryUrl, rangeClassLine } from '../../lib/format';
import { t } from '../../lib/i18n';
import { describeCounts, type RangeInfo, type RangeService } from '../../lib/range-info';
import type { CardTheme } from '../../lib/card-ui';
import { CardControls } from './CardControls';
import { CommonUses, kindLabel } from './Curated';
import { CardFooter } from './Footer';
import { ANSWER_USES } from './model';

function ServiceLine({ service }: { service: RangeService }) {
  const description =
    service.description && service.description.toLowerCase() !== (service.name ?? '').toLowerCase()
      ? service.description
      : null;
  return (
    <li class="pc-range-port" data-status={service.status}>
      <span class="pc-range-number">{formatPortSpan(service.from, service.to)}</span>{' '}
      {service.status === 'assigned' ? (
        <span class="pc-service">{service.name ?? t('statusAssigned')}</span>
      ) : (
        <span class="pc-iana-status">{t('statusReserved')}</span>
      )}
      {description ? ` ${description}` : null} <span class="pc-protocols">{service.protocols.join(', ')}</span>
    </li>
  );
}

export interface RangeCardProps {
  info: RangeInfo;
  theme?: CardTheme;
  compact?: boolean;
  onClose?: () => void;
  onPin?: () => void;
}

export function RangeCard({ info, theme = 'auto', compact, onClose, onPin }: RangeCardProps) {
  const titleId = useId();
  const ianaId = useId();
  const span = formatPortSpan(info.from, info.to);
  const { counts } = info;
  const moreGaps = info.gapsTotal - info.gaps.length;
  const morePorts = info.portsTotal - info.ports.length;
  const gapList = info.gaps.map((gap) => formatPortSpan(gap.from, gap.to)).join(', ');
  return (
    <article
      class={compact ? 'pc pc-compact pc-range-card' : 'pc pc-range-card'}
      data-theme={theme}
      aria-labelledby={titleId}
    >
      <header class="pc-header">
        <div class="pc-title-row">
          <h2 id={titleId} class="pc-title">
            {t('cardPorts', span)}
          </h2>
          <CardControls onClose={onClose} onPin={onPin} />
        </div>
        <section class="pc-answer" aria-label={t('answerMostLikely')}>
          {info.rangeUses.length > 0 ? (
            <div class="pc-answer-uses">
              <p class="pc-answer-lead">{t('rangeUsesLead')}</p>
              <ul class="pc-answer-list">
                {info.rangeUses.map((use) => (
                  <li key={`${use.software} ${use.port}`} class="pc-answer-use" data-kind={use.kind}>
                    <strong class="pc-software">{use.software}</strong>{' '}
                    <span class="pc-kind">{kindLabel(use.kind)}</span>{' '}
                    <span class="pc-date">{formatPortSpan(use.port, use.portEnd ?? use.port)}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          {info.portUses.length > 0 ? (
            <div class="pc-answer-uses">
              <p class="pc-answer-lead">{t('rangePortUsesLead')}</p>
              <ul class="pc-answer-list pc-answer-ports">
                {info.portUses.slice(0, ANSWER_USES).map((use) => (
                  <li key={`${use.software} ${use.port} ${use.kind}`} class="pc-answer-use" data-kind={use.kind}>
                    <span class="pc-range-number">{use.port}</span> <strong class="pc-software">{use.software}</strong>{' '}
                    <span class="pc-kind">{kindLabel(use.kind)}</span>
                  </li>
                ))}
              </ul>
              {info.portUses.length > ANSWER_USES ? (
                <p class="pc-answer-more">{t('answerMoreUses', info.portUses.length - ANSWER_USES)}</p>
              ) : null}
            </div>
          ) : null}
          {info.rangeRecords.length > 0 ? (
            <div class="pc-answer-iana">
              <span class="pc-answer-source">IANA</span>
              <ul>
                {info.rangeRecords.map((service) => (
                  <ServiceLine
                    key={`${service.from}-${service.to} ${service.name ?? ''} ${service.status}`}
                    service={service}
                  />
                ))}
              </ul>
            </div>
          ) : null}
          <p class="pc-range-counts">{describeCounts(info.from, info.to, counts)}.</p>
        </section>
        <p class="pc-classline">
          {info.classes.map((c, i) => (
            <span key={c.id} class="pc-range-class" data-range={c.id}>
              {i > 0 ? ' · ' : null}
              {rangeClassLine(c.id)}
            </span>
          ))}
        </p>
      </header>

      <section class="pc-section pc-iana" aria-labelledby={ianaId}>
        <h3 id={ianaId}>{t('rangeIanaHeading')}</h3>
        {info.ports.length > 0 ? (
          <ul class="pc-range-ports">
            {info.ports.map((service) => (
              <ServiceLine key={`${service.from} ${service.name ?? ''} ${service.status}`} service={service} />
            ))}
          </ul>
        ) : null}
        {morePorts > 0 ? <p class="pc-explain">{t('rangeMorePorts', morePorts.toLocaleString('en'))}</p> : null}
        {counts.unassigned > 0 ? (
          <p class="pc-range-gaps">
            <span class="pc-iana-status">{t('statusUnassigned')}</span>
            {counts.unassigned === info.to - info.from + 1 ? (
              t('rangeEveryPort', span)
            ) : (
              <>
                {' '}
                {moreGaps > 0
                  ? t('rangeGapsMore', counts.unassigned.toLocaleString('en'), gapList, moreGaps.toLocaleString('en'))
                  : t('rangeGaps', counts.unassigned.toLocaleString('en'), gapList)}
              </>
            )}
          </p>
        ) : (
          <p class="pc-explain">{t('rangeNoneUnassigned', span)}</p>
        )}
      </section>

      <CommonUses uses={[...info.rangeUses, ...info.portUses]} port={-1} />

      <CardFooter href={ianaEntryUrl(info.from)} snapshots={info.snapshots}>
        {t('rangeOfficial', info.from)}
      </CardFooter>
    </article>
  );
}
