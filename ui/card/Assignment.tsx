// One IANA assignment (possibly on several protocols): what it is, then its registration facts and history.
// Each fact says where it is from: "Source: IANA registry as of 2026-08-17" above the facts that snapshot gave
// (or "2024-11-26 · IANA registry as of 2026-08-17" when they differ), "in 2008: Jon Postel" when only an older
// snapshot had it.
import { Fragment, type ComponentChildren } from 'preact';
import { compareAsOf, formatPortSpan, formatReferences, personName, type RecordField } from '../../lib/format';
import { t } from '../../lib/i18n';
import { STATUS_EXPLANATIONS } from '../../lib/range-classes';
import type { PortRecord, SourceRef } from '../../lib/types';
import { AsOf, ExternalLink } from './Link';
import { factAsOf, groupAsOf, type AssignmentGroup, type Dating } from './model';

/** The freshest source that supplied the field, if the record says. */
function supplierOf(record: PortRecord, field: RecordField): SourceRef | null {
  let best: SourceRef | null = null;
  for (const source of record.sources) {
    if (source.fields?.includes(field) && (best === null || compareAsOf(source.asOf, best.asOf) > 0)) best = source;
  }
  return best;
}

/** Where a fact is from, and whether it is older than the snapshot that lists the record now. */
export function factOrigin(
  record: PortRecord,
  field: RecordField,
): { source: string; asOf: string; past: boolean } | null {
  const supplier = supplierOf(record, field);
  if (!supplier) return null;
  const listing = supplierOf(record, 'status');
  return {
    source: supplier.source,
    asOf: supplier.asOf,
    past: listing !== null && compareAsOf(supplier.asOf, listing.asOf) < 0,
  };
}

/** "tcp, udp and sctp". */
const listOf = (items: readonly string[]) =>
  items.length < 2 ? items.join('') : t('listAnd', items.slice(0, -1).join(', '), items[items.length - 1]);

/** "IANA registry as of 2026-08-17": where a current fact is from. */
const originLabel = (origin: { source: string; asOf: string }) => t('factSourceAsOf', origin.source, origin.asOf);

function Fact({
  term,
  record,
  field,
  sourceShown,
  children,
}: {
  term: string;
  record: PortRecord;
  field: RecordField;
  sourceShown: boolean;
  children: ComponentChildren;
}) {
  const origin = factOrigin(record, field);
  const title = origin ? t('factSourceTitle', origin.source, origin.asOf) : undefined;
  return (
    <>
      <dt>{term}</dt>
      <dd>
        {origin?.past ? (
          <>
            <span class="pc-asof" title={t('factPastTitle', title ?? '')}>
              {t('factPastYear', origin.asOf.slice(0, 4))}
            </span>{' '}
          </>
        ) : null}
        {children}
        {origin && !origin.past && !sourceShown ? (
          <span class="pc-fact-source" title={title}>
            {' '}
            · {originLabel(origin)}
          </span>
        ) : null}
      </dd>
    </>
  );
}

function Facts({ record }: { record: PortRecord }) {
  const references = formatReferences(record.references);
  const assignee = record.assignee ? personName(record.assignee) : '';
  const contact = record.contact ? personName(record.contact) : '';
  const sameContact =
    contact === assignee && factOrigin(record, 'contact')?.asOf === factOrigin(record, 'assignee')?.asOf;
  const shown: [RecordField, string, ComponentChildren][] = [];
  if (record.registered) shown.push(['registered', t('factRegistered'), record.registered]);
  if (record.modified) shown.push(['modified', t('factModified'), record.modified]);
  if (assignee) shown.push(['assignee', sameContact ? t('factAssigneeContact') : t('factAssignee'), assignee]);
  if (contact && !sameContact) shown.push(['contact', t('factContact'), contact]);
  if (references.length > 0) {
    shown.push([
      'references',
      t('factReferences'),
      references.map((ref, i) => (
        <Fragment key={ref.text}>
          {i > 0 ? ', ' : null}
          {ref.url ? <ExternalLink href={ref.url}>{ref.text}</ExternalLink> : ref.text}
        </Fragment>
      )),
    ]);
  }
  if (record.notes) shown.push(['notes', t('factNotes'), <span class="pc-pre">{record.notes}</span>]);
  if (record.unauthorizedUse) shown.push(['unauthorizedUse', t('factUnauthorizedUse'), record.unauthorizedUse]);
  if (shown.length === 0) return null;
  // When every current fact has one source, one "Source" line says it instead of a suffix on each.
  const currentSources = new Set(
    shown
      .map(([field]) => factOrigin(record, field))
      .filter((o) => o && !o.past)
      .map((o) => originLabel(o!)),
  );
  const oneSource = currentSources.size === 1 ? [...currentSources][0] : null;
  return (
    <dl class="pc-facts">
      {oneSource ? (
        <>
          <dt>{t('factSource')}</dt>
          <dd class="pc-fact-source">{oneSource}</dd>
        </>
      ) : null}
      {shown.map(([field, term, value]) => (
        <Fact key={field} term={term} record={record} field={field} sourceShown={oneSource !== null}>
          {value}
        </Fact>
      ))}
    </dl>
  );
}

function Changes({ group }: { group: AssignmentGroup }) {
  if (group.history.length === 0) return null;
  return (
    <div class="pc-changes">
      <h4 class="pc-subhead">{t('changesHeading')}</h4>
      <ol>
        {group.history.map((entry) => (
          <li key={`${entry.asOf} ${entry.change}`}>
            {/* The snapshot that first shows the change, not the date of the change: the registry does not date it. */}
            <span class="pc-date" title={t('historySeenTitle', entry.source, entry.asOf)}>
              {t('historySeenBy', entry.asOf)}
            </span>{' '}
            {entry.change}
            <span class="pc-fact-source"> · {entry.source}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}

export function Assignment({ group, dating, compact }: { group: AssignmentGroup; dating: Dating; compact?: boolean }) {
  const { record, protocols } = group;
  const wholeAsOf = groupAsOf(record, dating);
  const perFieldAsOf = (field: RecordField) => (wholeAsOf ? null : factAsOf(record, field, dating));
  const isRange = record.portEnd > record.port;
  const title =
    record.status === 'assigned'
      ? (record.name ?? record.description ?? t('statusAssigned'))
      : record.status === 'reserved'
        ? t('statusReserved')
        : t('statusUnassigned');
  // IANA's placeholder descriptions ("Reserved", "Unassigned") would only repeat the title.
  const description =
    record.description && record.description.toLowerCase() !== title.toLowerCase() ? record.description : null;
  const details = (
    <>
      <Facts record={record} />
      <Changes group={group} />
    </>
  );
  const hasDetails =
    record.registered ||
    record.modified ||
    record.assignee ||
    record.contact ||
    record.references.length > 0 ||
    record.notes ||
    record.unauthorizedUse ||
    group.history.length > 0;

  return (
    <li class="pc-assignment" data-status={record.status}>
      <div class="pc-assignment-head">
        <span class={record.status === 'assigned' ? 'pc-service' : 'pc-iana-status'}>{title}</span>
        <span class="pc-protocols" role="note" aria-label={t('assignmentOn', listOf(protocols))}>
          {protocols.join(', ')}
        </span>
        <AsOf date={wholeAsOf ?? perFieldAsOf('name')} />
      </div>
      {isRange ? (
        <p class="pc-range">
          {t('partOfRange', formatPortSpan(record.port, record.portEnd))}
          {record.name ? ` (${record.name})` : null}
        </p>
      ) : null}
      {description ? (
        <p class="pc-description">
          {description} <AsOf date={perFieldAsOf('description')} />
        </p>
      ) : null}
      {record.status !== 'assigned' ? <p class="pc-explain">{STATUS_EXPLANATIONS[record.status]}</p> : null}
      {hasDetails ? (
        compact ? (
          <details class="pc-more">
            <summary>{group.history.length > 0 ? t('detailsHistorySummary') : t('detailsSummary')}</summary>
            {details}
          </details>
        ) : (
          details
        )
      ) : null}
    </li>
  );
}
