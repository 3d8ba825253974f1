// A result opened as its card, in the popup. Its own module: the popup loads it (and the card's style sheet) when
// the first result is opened, so the first answer waits for none of the card's code.
import type { CheckOs } from '../../lib/how-to-check';
import type { RangeInfo } from '../../lib/range-info';
import type { PortInfo, Protocol } from '../../lib/types';
import { RangeCard } from '../card/RangeCard';
import { CARD_OWN_CSS, PortCard, type CardTheme } from '../PortCard';

export type CardData = { kind: 'port'; info: PortInfo } | { kind: 'range'; info: RangeInfo };

export function PopupCard(props: { card: CardData; os?: CheckOs; theme: CardTheme; protocol?: Protocol }) {
  const { card, theme } = props;
  return (
    <>
      <style>{CARD_OWN_CSS}</style>
      {card.kind === 'range' ? (
        <RangeCard info={card.info} theme={theme} />
      ) : (
        <PortCard info={card.info} os={props.os} theme={theme} protocol={props.protocol} />
      )}
    </>
  );
}
