// Messages between the extension's own scripts. Every message is untrusted until parsed here.
import { isPort } from './range-classes';
import type { PortInfo } from './types';

export interface InfoRequest {
  type: 'portolan/info';
  port: number;
}
export interface ShowCardRequest {
  type: 'portolan/show';
  port: number;
}
/** The content script asks for the card's code to be injected into its frame. */
export interface CardUiRequest {
  type: 'portolan/card-ui';
}
export interface PageStateRequest {
  type: 'portolan/page-state';
}
export interface PageState {
  hostname: string;
  selectedPort: number | null;
}
/** Sent to one frame (by frameId): the ports marked in its own document. */
export interface PagePortsRequest {
  type: 'portolan/page-ports';
}
export interface PagePorts {
  /** False while slices of the current content remain to be scanned. */
  done: boolean;
  ports: { port: number; count: number }[];
}
/** The keyboard command, relayed by the background to the active tab's top frame. */
export interface StepRequest {
  type: 'portolan/step';
  direction: 'next' | 'previous';
}
export type InfoResponse = { ok: true; info: PortInfo } | { ok: false; error: string };


function hasType(msg: unknown, type: string): msg is Record<string, unknown> {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === type;
}

export function parseInfoRequest(msg: unknown): InfoRequest | null {
  return hasType(msg, 'portolan/info') && isPort(msg.port) ? { type: 'portolan/info', port: msg.port } : null;
}

export function parseShowCardRequest(msg: unknown): ShowCardRequest | null {
  return hasType(msg, 'portolan/show') && isPort(msg.port) ? { type: 'portolan/show', port: msg.port } : null;
}

export function isCardUiRequest(msg: unknown): msg is CardUiRequest {
  return hasType(msg, 'portolan/card-ui');
}

export function isPageStateRequest(msg: unknown): msg is PageStateRequest {
  return hasType(msg, 'portolan/page-state');
}

export function isPagePortsRequest(msg: unknown): msg is PagePortsRequest {
  return hasType(msg, 'portolan/page-ports');
}

export function parseStepRequest(msg: unknown): StepRequest | null {
  return hasType(msg, 'portolan/step') && (msg.direction === 'next' || msg.direction === 'previous')
    ? { type: 'portolan/step', direction: msg.direction }
    : null;
}

/** A selection the user explicitly asked about: a bare number counts even where the detector would not mark it. */
export function portFromSelection(selection: string, detected: number | undefined): number | null {
  if (detected !== undefined) return detected;
  const bare = /^\s*(\d{1,5})\s*$/.exec(selection);
  if (!bare) return null;
  const port = Number(bare[1]);
  return isPort(port) ? port : null;
}
