// Copies a command; falls back to a selected textarea where the async clipboard is missing (http pages).
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/i18n';

type CopyState = 'idle' | 'copied' | 'failed';

export async function copyText(text: string, near: HTMLElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied (no user activation, insecure page): try the old way below.
  }
  if (!near?.parentNode || typeof document.execCommand !== 'function') return false;
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.cssText = 'position:fixed;opacity:0;pointer-events:none;';
  near.parentNode.appendChild(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
    near.focus();
  }
}

/** `announce` speaks the outcome through the section's one live region. */
export function CopyButton({
  text,
  label,
  announce,
}: {
  text: string;
  label: string;
  announce: (message: string) => void;
}) {
  const [state, setState] = useState<CopyState>('idle');
  const button = useRef<HTMLButtonElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const onClick = async () => {
    const ok = await copyText(text, button.current);
    setState(ok ? 'copied' : 'failed');
    announce(ok ? t('copyAnnounced', text) : t('copyFailedAnnounced'));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState('idle'), 1600);
  };

  return (
    <button
      ref={button}
      type="button"
      class="pc-copy"
      data-state={state}
      aria-label={t('copyLabel', label)}
      onClick={onClick}
    >
      {state === 'copied' ? t('copyDone') : state === 'failed' ? t('copySelectIt') : t('copyButton')}
    </button>
  );
}
