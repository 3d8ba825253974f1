// The card's first lines: what is most likely on the port (curated), beside what IANA assigned it to.
import { Fragment } from 'preact';
import { formatPortSpan } from '../../lib/format';
import { t } from '../../lib/i18n';
import type { CommonUse } from '../../lib/types';
import { kindLabel } from './Curated';
import { AsOf } from './Link';
import { ephemeralOwner, type CardAnswer } from './model';

/** Ephemeral ranges grouped by span: "49152–65535 · Windows …, macOS and FreeBSD". */
function EphemeralRanges({ ranges }: { ranges: readonly CommonUse[] }) {
  const bySpan = new Map<string, string[]>();
  for (const use of ranges) {
    const span = formatPortSpan(use.port, use.portEnd ?? use.port);
    bySpan.set(span, [...(bySpan.get(span) ?? []), ephemeralOwner(use)]);
  }
  return (
    <ul class="pc-answer-ranges">
      {[...bySpan].map(([span, owners]) => (
        <li key={span}>
          <span class="pc-answer-span">{span}</span> {owners.join(', ')}
        </li>
      ))}
    </ul>
  );
}

function noAssignment(status: 'unassigned' | 'reserved', dynamic: boolean): string {
  return dynamic && status === 'unassigned'
    ? t('answerDynamic')
    : status === 'unassigned'
      ? t('answerUnassigned')
      : t('answerReserved');
}

export function Answer({ answer, dynamic }: { answer: CardAnswer; dynamic: boolean }) {
  const ephemeral =
    answer.ephemeral.length > 0 ? (
      <div class="pc-answer-ephemeral">
        <p class="pc-answer-lead">{answer.ephemeralFirst ? t('answerEphemeralFirst') : t('answerEphemeralAlso')}</p>
        <EphemeralRanges ranges={answer.ephemeral} />
      </div>
    ) : null;

  return (
    <section class="pc-answer" aria-label={t('answerMostLikely')}>
      {answer.ephemeralFirst ? ephemeral : null}
      {answer.uses.length > 0 ? (
        <div class="pc-answer-uses">
          <p class="pc-answer-lead">{t('answerMostLikely')}</p>
          <ul>
            {answer.uses.map((use) => (
              <li key={`${use.software} ${use.kind} ${use.protocol ?? ''}`} class="pc-answer-use" data-kind={use.kind}>
                <strong class="pc-software">{use.software}</strong> <span class="pc-kind">{kindLabel(use.kind)}</span>
              </li>
            ))}
          </ul>
          {answer.moreUses > 0 ? (
            <p class="pc-answer-more">
              {answer.moreUses === 1 ? t('answerMoreUse') : t('answerMoreUses', answer.moreUses)}
            </p>
          ) : null}
        </div>
      ) : null}
      <div class="pc-answer-iana">
        <span class="pc-answer-source">IANA</span>
        {answer.assignments.length > 0 ? (
          <ul>
            {answer.assignments.map((line) => (
              <li key={`${line.names.map((n) => n.name).join(' ')} ${line.description ?? ''}`}>
                {/* One date for the line when its names share it; otherwise each name carries its own. */}
                {line.names.map(({ name, asOf }, i) => (
                  <Fragment key={name}>
                    {i > 0 ? ', ' : null}
                    <span class="pc-service">{name}</span>
                    {line.asOf === null && asOf ? (
                      <>
                        {' '}
                        <AsOf date={asOf} />
                      </>
                    ) : null}
                  </Fragment>
                ))}
                {line.description ? <Fragment> {line.description}</Fragment> : null}
                {line.span ? (
                  <span class="pc-date"> {t('answerRangeOf', formatPortSpan(line.span.from, line.span.to))}</span>
                ) : null}{' '}
                <AsOf date={line.asOf} />
              </li>
            ))}
            {answer.moreAssignments > 0 ? (
              <li class="pc-answer-more">
                {answer.moreAssignments === 1
                  ? t('answerMoreAssignment')
                  : t('answerMoreAssignments', answer.moreAssignments)}
              </li>
            ) : null}
          </ul>
        ) : (
          <p class="pc-answer-status">{noAssignment(answer.status as 'unassigned' | 'reserved', dynamic)}</p>
        )}
      </div>
      {answer.ephemeralFirst ? null : ephemeral}
    </section>
  );
}
