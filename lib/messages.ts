// Messages between the extension's own scripts, in one map: what each carries, who handles it and what it answers.
// Senders, handlers and validators all derive from MessageMap, and every message is untrusted until parsed here.
// A new message is one entry in MessageMap and one parser in its receiver's table (TO_BACKGROUND, TO_CONTENT);
// tsc fails until both exist.
import { isPort } from './range-classes';
import type { RangeInfo } from './range-info';
import type { PortInfo } from './types';
import { parseRevealFields, type PagePortsAnswer } from './port-list-messages';

export interface PageState {
  hostname: string;
  selectedPort: number | null;
}
export type InfoResponse = { ok: true; info: PortInfo } | { ok: false; error: string };
export type CardUiResponse = { ok: true } | { ok: false; error: string };
export type RangeInfoResponse = { ok: true; info: RangeInfo } | { ok: false; error: string };

/** The fields of a message that carries nothing but its type. */
type NoFields = Record<string, never>;

/** Who handles a message: the background, or a content script (sent to one frame of a tab). */
export type Receiver = 'background' | 'content';

export interface MessageMap {
  /** Content script → background: the registry's record of one port. */
  'portolan/info': { to: 'background'; fields: { port: number }; response: InfoResponse };
  /** Content script → background: the range card's data for from..to, both ends included (a range mention). */
  'portolan/range-info': { to: 'background'; fields: { from: number; to: number }; response: RangeInfoResponse };
  /** Content script → background: put the card's code into the asking frame. */
  'portolan/card-ui': { to: 'background'; fields: NoFields; response: CardUiResponse };
  /** Background (context menu) → content script: open the card of this port at the selection. */
  'portolan/show': { to: 'content'; fields: { port: number }; response: undefined };
  /** Popup → the tab's top frame: its hostname and the port selected in it. */
  'portolan/page-state': { to: 'content'; fields: NoFields; response: PageState };
  /** Popup → each frame of a tab (by frameId): the ports marked in its own document (answer: lib/port-list-messages.ts). */
  'portolan/page-ports': { to: 'content'; fields: NoFields; response: PagePortsAnswer };
  /** Popup → the frame holding it: scroll to the port's index-th mention there (0 = first) and open its card. */
  'portolan/reveal-port': { to: 'content'; fields: { port: number; index: number }; response: undefined };
  /** Background (keyboard command) → every frame of the active tab: move to the next or previous port; the focused frame acts. */
  'portolan/step': { to: 'content'; fields: { direction: StepDirection }; response: undefined };
}

export type StepDirection = 'next' | 'previous';

export type MessageType = keyof MessageMap;
export type MessageFields<T extends MessageType> = MessageMap[T]['fields'];
export type ResponseOf<T extends MessageType> = MessageMap[T]['response'];
/** A message as it travels: its type and its fields. */
export type Message<T extends MessageType = MessageType> = { [K in T]: { type: K } & MessageFields<K> }[T];
/** The message types one side handles. */
export type MessagesTo<R extends Receiver> = {
  [K in MessageType]: MessageMap[K]['to'] extends R ? K : never;
}[MessageType];

type Untrusted = Record<string, unknown>;

/** One parser per message: the fields of a well-formed message, or null. Unknown extra properties are dropped. */
type Parsers<R extends Receiver> = { [K in MessagesTo<R>]: (message: Untrusted) => MessageFields<K> | null };

// One table per side, so each side's bundle carries only the parsers of the messages it handles.
const TO_BACKGROUND: Parsers<'background'> = {
  'portolan/info': ({ port }) => (isPort(port) ? { port } : null),
  'portolan/range-info': ({ from, to }) => (isPort(from) && isPort(to) && from <= to ? { from, to } : null),
  'portolan/card-ui': () => ({}),
};
const TO_CONTENT: Parsers<'content'> = {
  'portolan/show': ({ port }) => (isPort(port) ? { port } : null),
  'portolan/page-state': () => ({}),
  'portolan/page-ports': () => ({}),
  'portolan/reveal-port': parseRevealFields,
  'portolan/step': ({ direction }) => (direction === 'next' || direction === 'previous' ? { direction } : null),
};

function parseWith(parsers: Record<string, (message: Untrusted) => object | null>, raw: unknown): Message | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const type = (raw as Untrusted).type;
  if (typeof type !== 'string' || !Object.hasOwn(parsers, type)) return null;
  const fields = parsers[type](raw as Untrusted);
  return fields ? ({ ...fields, type } as Message) : null;
}

/** The typed message in `raw`, or null for anything that is not exactly one of Portolan's messages. */
export function parseMessage(raw: unknown): Message | null {
  return parseWith({ ...TO_BACKGROUND, ...TO_CONTENT }, raw);
}

export function parseMessageOf<T extends MessageType>(type: T, raw: unknown): Message<T> | null {
  const message = parseMessage(raw);
  return message?.type === type ? (message as Message<T>) : null;
}

/** What a listener learns about a message's sender: the part of runtime.MessageSender Portolan reads. */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
  /** Chrome only: the sending document, unique across reloads. */
  documentId?: string;
}

export type MessageHandlers<R extends Receiver> = {
  [K in MessagesTo<R>]?: (
    message: Message<K>,
    sender: MessageSenderInfo,
  ) => ResponseOf<K> | Promise<ResponseOf<K> | undefined> | undefined;
};

/**
 * A runtime.onMessage listener for one side: foreign senders, malformed or unknown messages and messages for the
 * other side get no answer (undefined leaves them to other listeners); the rest go to their handler by type.
 */
export const backgroundMessageListener = (extensionId: string, handlers: MessageHandlers<'background'>) =>
  listener(TO_BACKGROUND, extensionId, handlers);
export const contentMessageListener = (extensionId: string, handlers: MessageHandlers<'content'>) =>
  listener(TO_CONTENT, extensionId, handlers);

function listener<R extends Receiver>(parsers: Parsers<R>, extensionId: string, handlers: MessageHandlers<R>) {
  return (raw: unknown, sender: MessageSenderInfo): Promise<unknown> | undefined => {
    // The one sender check: only the extension's own scripts are answered; web pages and other extensions never are.
    if (sender.id !== extensionId) return undefined;
    const message = parseWith(parsers, raw);
    if (!message) return undefined;
    const handle = (handlers as Record<string, ((m: Message, s: MessageSenderInfo) => unknown) | undefined>)[
      message.type
    ];
    const answer = handle?.(message, sender);
    return answer === undefined ? undefined : Promise.resolve(answer);
  };
}

/** The arguments after the type: the fields, or nothing for a message without any. */
type FieldsArgument<T extends MessageType> =
  NoFields extends MessageFields<T> ? [fields?: MessageFields<T>] : [fields: MessageFields<T>];

function build<T extends MessageType>(type: T, fields: MessageFields<T> | undefined): Message<T> {
  return { ...fields, type } as Message<T>;
}

/** Sends a message to the background (`runtime` is `browser.runtime`) and types its answer. */
export function sendToBackground<T extends MessagesTo<'background'>>(
  runtime: { sendMessage(message: unknown): Promise<unknown> },
  type: T,
  ...[fields]: FieldsArgument<T>
): Promise<ResponseOf<T> | undefined> {
  return runtime.sendMessage(build(type, fields)) as Promise<ResponseOf<T> | undefined>;
}

/** Sends a message to the content script of one frame of a tab (`tabs` is `browser.tabs`) and types its answer. */
export function sendToFrame<T extends MessagesTo<'content'>>(
  tabs: { sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown> },
  target: { tabId: number; frameId?: number },
  type: T,
  ...[fields]: FieldsArgument<T>
): Promise<ResponseOf<T> | undefined> {
  return tabs.sendMessage(target.tabId, build(type, fields), { frameId: target.frameId ?? 0 }) as Promise<
    ResponseOf<T> | undefined
  >;
}

// The per-message names the content script uses, derived from the map.
export type InfoRequest = Message<'portolan/info'>;
export type RangeInfoRequest = Message<'portolan/range-info'>;
export type ShowCardRequest = Message<'portolan/show'>;
export type CardUiRequest = Message<'portolan/card-ui'>;
export type PageStateRequest = Message<'portolan/page-state'>;
export type StepRequest = Message<'portolan/step'>;
export const parseInfoRequest = (raw: unknown): InfoRequest | null => parseMessageOf('portolan/info', raw);
export const parseShowCardRequest = (raw: unknown): ShowCardRequest | null => parseMessageOf('portolan/show', raw);
export const isCardUiRequest = (raw: unknown): raw is CardUiRequest => parseMessageOf('portolan/card-ui', raw) !== null;
export const isPageStateRequest = (raw: unknown): raw is PageStateRequest =>
  parseMessageOf('portolan/page-state', raw) !== null;

/** A selection the user explicitly asked about: a bare number counts even where the detector would not mark it. */
export function portFromSelection(selection: string, detected: number | undefined): number | null {
  if (detected !== undefined) return detected;
  const bare = /^\s*(\d{1,5})\s*$/.exec(selection);
  if (!bare) return null;
  const port = Number(bare[1]);
  return isPort(port) ? port : null;
}
