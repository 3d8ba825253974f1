// Portolan's own curated knowledge, kept visibly apart from IANA's registry: common uses and the port's story.
import { useId } from 'preact/hooks';
import { formatPortSpan } from '../../lib/format';
import { t, type MessageKey } from '../../lib/i18n';
import type { CommonUse, CommonUseKind, PortStory } from '../../lib/types';
import { ExternalLink } from './Link';

const KIND_KEYS: Readonly<Record<CommonUseKind, MessageKey>> = {
  default: 'kindDefault',
  convention: 'kindConvention',
  malware: 'kindMalware',
  'scanner-target': 'kindScanner',
  deprecated: 'kindDeprecated',
};

/** What kind of use a curated entry is ("default port"), in the reader's language. */
export const kindLabel = (kind: CommonUseKind): string => t(KIND_KEYS[kind]);

function Source({ source }: { source: CommonUse['source'] }) {
  return (
    <span class="pc-source">
      {t('curatedSource')} <ExternalLink href={source.url}>{source.title}</ExternalLink>
      <span class="pc-date"> {t('checkedOn', source.checked)}</span>
    </span>
  );
}

export function CommonUses({ uses, port }: { uses: readonly CommonUse[]; port: number }) {
  const headingId = useId();
  if (uses.length === 0) return null;
  return (
    <section class="pc-section pc-curated" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('curatedHeading')}</h3>
      <p class="pc-sub">{t('curatedSub')}</p>
      <ul class="pc-uses">
        {uses.map((use) => (
          <li key={`${use.software} ${use.port} ${use.protocol ?? ''}`} class="pc-use" data-kind={use.kind}>
            <div class="pc-use-head">
              <strong class="pc-software">{use.software}</strong>
              <span class="pc-kind">{kindLabel(use.kind)}</span>
              {use.protocol ? <span class="pc-protocols">{use.protocol}</span> : null}
              {use.portEnd !== undefined && use.portEnd > use.port ? (
                <span class="pc-date">{t('usePorts', formatPortSpan(use.port, use.portEnd))}</span>
              ) : use.port !== port ? (
                <span class="pc-date">{t('usePort', use.port)}</span>
              ) : null}
            </div>
            {use.note ? <p class="pc-use-note">{use.note}</p> : null}
            <Source source={use.source} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Story({ story }: { story: PortStory }) {
  return (
    <details class="pc-section pc-story">
      <summary>
        <span class="pc-story-label">{t('storyLabel')}</span> {story.title}
      </summary>
      {story.paragraphs.map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
      {story.sources.length > 0 ? (
        <>
          <h4 class="pc-subhead">{t('storySources')}</h4>
          <ul class="pc-story-sources">
            {story.sources.map((source) => (
              <li key={source.url}>
                <ExternalLink href={source.url}>{source.title}</ExternalLink>
                <span class="pc-date"> {t('checkedOn', source.checked)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </details>
  );
}
