// External links open in a new tab without giving the target a handle on us; anything but http(s) is text.
import type { ComponentChildren } from 'preact';
import { t } from '../../lib/i18n';

export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

export function ExternalLink({
  href,
  children,
  class: className,
}: {
  href: string;
  children: ComponentChildren;
  class?: string;
}) {
  const safe = safeHref(href);
  if (!safe) return <span class={className}>{children}</span>;
  return (
    <a class={className} href={safe} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  );
}

/** A small "as of 2015-06" label that keeps an old snapshot's fact from reading as current. */
export function AsOf({ date }: { date: string | null }) {
  if (!date) return null;
  return (
    <span class="pc-asof" title={t('asOfTitle', date)}>
      {t('asOf', date)}
    </span>
  );
}
