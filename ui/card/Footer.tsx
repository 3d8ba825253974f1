// The card's last lines: the official registry entry and the snapshots the data was built from.
import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n';
import type { SourceRef } from '../../lib/types';
import { ExternalLink } from './Link';

export function CardFooter({
  href,
  snapshots,
  children,
}: {
  href: string;
  snapshots: readonly SourceRef[];
  children: ComponentChildren;
}) {
  return (
    <footer class="pc-footer">
      <ExternalLink class="pc-official" href={href}>
        {children}
      </ExternalLink>
      {snapshots.length > 0 ? (
        <p class="pc-snapshots">
          {t('footerSnapshots')}{' '}
          {snapshots.map((snapshot, i) => (
            <span key={`${snapshot.source} ${snapshot.asOf}`} title={snapshot.source}>
              {i > 0 ? ', ' : null}
              <time>{snapshot.asOf}</time>
            </span>
          ))}
          . {t('footerOlderFacts')}
        </p>
      ) : null}
    </footer>
  );
}
