// Content-script wiring: settings decide whether this page is annotated; the annotator marks ports; the popover
// shows the card; messages from the popup and context menu reach the page here.
import { browser } from 'wxt/browser';
import type { Runtime } from 'webextension-polyfill';
import { createPageFinder, findPorts } from '../lib/detect';
import { isPageStateRequest, parseShowCardRequest, portFromSelection, type PageState } from '../lib/messages';
import { isEnabledFor, type Settings } from '../lib/settings';
import { ANNOTATION_CSS, createAnnotator } from '../page/annotator';
import { createLazyPopover } from '../page/lazy-popover';
import { portOfElement } from '../page/port-element';
import { osFromNavigator } from '../lib/how-to-check';
import { loadSettings, subscribeSettings } from './settings-store';
import { getPortInfo } from './lookup-client';
import { loadPopoverFactory } from './card-ui-loader';

type Annotator = ReturnType<typeof createAnnotator>;

export interface ContentContext {
  onInvalidated(cb: () => void): void;
}

/** A style sheet adopted by the document adds no node, so the page's text and DOM stay exactly as they were. */
function adoptAnnotationCss(underline: Settings['underline']): () => void {
  const css = ANNOTATION_CSS + underlineRule(underline);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    // Firefox's content-script sandbox may refuse a sheet from its own compartment: fall back to <style> in <head>.
    const style = document.createElement('style');
    style.dataset.portolan = '';
    style.textContent = css;
    (document.head ?? document.documentElement).append(style);
    return () => style.remove();
  }
}

function underlineRule(underline: Settings['underline']): string {
  if (underline === 'solid') return 'portolan-port{text-decoration-style:solid}';
  if (underline === 'none-until-hover') return 'portolan-port:not(:hover):not(:focus){text-decoration:none}';
  return '';
}

export async function runContentScript(ctx: ContentContext): Promise<void> {
  let settings = await loadSettings();
  let annotator: Annotator | null = null;
  let removeCss: (() => void) | null = null;
  let popover: ReturnType<typeof createLazyPopover> | null = null;

  const showCards = () => {
    popover?.detach();
    popover = createLazyPopover(loadPopoverFactory, {
      getInfo: getPortInfo,
      hoverDelayMs: settings.hoverDelayMs,
      os: settings.commandOs === 'auto' ? osFromNavigator(navigator) : settings.commandOs,
      theme: settings.theme,
      portOf: (wrapper) => {
        const port = portOfElement(wrapper);
        return port !== null && annotator?.matchOf(wrapper)?.port === port ? port : null;
      },
    });
    popover.attach(document);
  };
  const turnOff = () => {
    annotator?.stop();
    annotator = null;
    removeCss?.();
    removeCss = null;
    popover?.detach();
    popover = null;
  };
  // Only a change of on/off re-walks the page; other settings just restyle and rebuild the popover.
  const apply = () => {
    if (!isEnabledFor(location.hostname, settings)) {
      turnOff();
      return;
    }
    removeCss?.();
    removeCss = adoptAnnotationCss(settings.underline);
    showCards();
    if (!annotator) {
      annotator = createAnnotator({ root: document, find: createPageFinder() });
      annotator.start();
    }
  };

  apply();
  const unsubscribe = subscribeSettings((next) => {
    settings = next;
    apply();
  });

  const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id) return undefined;
    if (isPageStateRequest(message)) {
      if (window !== window.top) return undefined; // the top frame answers for the tab
      const selection = window.getSelection()?.toString() ?? '';
      const state: PageState = {
        hostname: location.hostname,
        selectedPort: portFromSelection(selection, findPorts(selection)[0]?.port),
      };
      return Promise.resolve(state);
    }
    const show = parseShowCardRequest(message);
    if (show) {
      // Explicitly asked for, so show the card even where annotation is off for this site.
      if (!popover) showCards();
      const range = window.getSelection()?.rangeCount ? window.getSelection()!.getRangeAt(0) : null;
      popover!.showFor(show.port, range ? range.getBoundingClientRect() : new DOMRect(16, 16, 0, 0));
    }
    return undefined;
  };
  browser.runtime.onMessage.addListener(onMessage);

  ctx.onInvalidated(() => {
    unsubscribe();
    browser.runtime.onMessage.removeListener(onMessage);
    turnOff();
  });
}
