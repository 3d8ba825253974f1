// One IANA assignment (possibly on several protocols): what it is, then its registration facts and history.
import { Fragment, type ComponentChildren } from 'preact';
import { formatPortSpan, formatReferences, personName, type RecordField } from '../../lib/format';
import { STATUS_EXPLANATIONS } from '../../lib/range-classes';
import type { PortRecord } from '../../lib/types';
import { AsOf, ExternalLink } from './Link';
import { factAsOf, groupAsOf, type AssignmentGroup, type Dating } from './model';

function Fact({ term, asOf, children }: { term: string; asOf: string | null; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>
        {children}
        {asOf ? ' ' : null}
        <AsOf date={asOf} />
      </dd>
    </>
  );
}

function Facts({ record, dating, dated }: { record: PortRecord; dating: Dating; dated: boolean }) {
  // When the whole group carries one date, repeating it on every fact is noise.
  const asOf = (field: RecordField) => (dated ? factAsOf(record, field, dating) : null);
  const references = formatReferences(record.references);
  const assignee = record.assignee ? personName(record.assignee) : '';
  const contact = record.contact ? personName(record.contact) : '';
  const facts: ComponentChildren[] = [];
  if (record.registered) facts.push(<Fact key="registered" term="Registered" asOf={asOf('registered')}>{record.registered}</Fact>);
  if (record.modified) facts.push(<Fact key="modified" term="Modified" asOf={asOf('modified')}>{record.modified}</Fact>);
  const sameContact = contact === assignee;
  if (assignee) {
    const term = sameContact ? 'Assignee and contact' : 'Assignee';
    facts.push(<Fact key="assignee" term={term} asOf={asOf('assignee')}>{assignee}</Fact>);
  }
  if (contact && !sameContact) facts.push(<Fact key="contact" term="Contact" asOf={asOf('contact')}>{contact}</Fact>);
  if (references.length > 0) {
    facts.push(
      <Fact key="references" term="References" asOf={asOf('references')}>
        {references.map((ref, i) => (
          <Fragment key={ref.text}>
            {i > 0 ? ', ' : null}
            {ref.url ? <ExternalLink href={ref.url}>{ref.text}</ExternalLink> : ref.text}
          </Fragment>
        ))}
      </Fact>,
    );
  }
  if (record.notes) {
    facts.push(
      <Fact key="notes" term="Notes" asOf={asOf('notes')}>
        <span class="pc-pre">{record.notes}</span>
      </Fact>,
    );
  }
  if (record.unauthorizedUse) {
    facts.push(
      <Fact key="unauthorized" term="Unauthorized use" asOf={asOf('unauthorizedUse')}>
        {record.unauthorizedUse}
      </Fact>,
    );
  }
  if (facts.length === 0) return null;
  return <dl class="pc-facts">{facts}</dl>;
}

function Changes({ group }: { group: AssignmentGroup }) {
  if (group.history.length === 0) return null;
  return (
    <div class="pc-changes">
      <h4 class="pc-subhead">Changes between snapshots</h4>
      <ol>
        {group.history.map((entry) => (
          <li key={`${entry.asOf} ${entry.change}`}>
            <time class="pc-date" title={entry.source}>
              {entry.asOf}
            </time>{' '}
            {entry.change}
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
    record.status === 'assigned' ? record.name ?? record.description ?? 'Assigned' : record.status === 'reserved' ? 'Reserved' : 'Unassigned';
  // IANA's placeholder descriptions ("Reserved", "Unassigned") would only repeat the title.
  const description =
    record.description && record.description.toLowerCase() !== title.toLowerCase() ? record.description : null;
  const details = (
    <>
      <Facts record={record} dating={dating} dated={!wholeAsOf} />
      <Changes group={group} />
    </>
  );
  const hasDetails =
    record.registered || record.modified || record.assignee || record.contact || record.references.length > 0 || record.notes || record.unauthorizedUse || group.history.length > 0;

  return (
    <li class="pc-assignment" data-status={record.status}>
      <div class="pc-assignment-head">
        <span class={record.status === 'assigned' ? 'pc-service' : 'pc-iana-status'}>{title}</span>
        <span class="pc-protocols" aria-label={`on ${protocols.join(' and ')}`}>
          {protocols.join(', ')}
        </span>
        <AsOf date={wholeAsOf ?? perFieldAsOf('name')} />
      </div>
      {isRange ? (
        <p class="pc-range">
          Part of range {formatPortSpan(record.port, record.portEnd)}
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
            <summary>Registration details{group.history.length > 0 ? ' and history' : ''}</summary>
            {details}
          </details>
        ) : (
          details
        )
      ) : null}
    </li>
  );
}
