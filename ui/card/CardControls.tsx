// The card's controls in its title row: pin (the in-page card only: it stays open, can be dragged, survives
// scrolling) and close. One component, so the port card and the range card cannot drift apart.
import { t } from '../../lib/i18n';
export interface CardControlsProps {
  onClose?: () => void;
  onPin?: () => void;
}

export function CardControls({ onClose, onPin }: CardControlsProps) {
  return (
    <>
      {onPin ? (
        <button type="button" class="pc-pin" aria-label={t('cardPin')} title={t('cardPinTitle')} onClick={onPin}>
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path
              d="M10 1.5 14.5 6l-1.4 1.4-1-1-2.7 2.7.4 3.1-1.3 1.3L5.9 10 2.6 13.4 2 14l.6-.6L6 10.1 3.5 7.6l1.3-1.3 3.1.4 2.7-2.7-1-1z"
              fill="currentColor"
            />
          </svg>
        </button>
      ) : null}
      {onClose ? (
        <button
          type="button"
          class="pc-close"
          aria-label={t('cardClose')}
          title={t('cardCloseTitle')}
          onClick={onClose}
        >
          ×
        </button>
      ) : null}
    </>
  );
}
