// A page cannot make the background inject the card's code (card-ui.js) into it: not with synthetic pointer
// events over a real port, not with a forged mark element a person really points at. A real mark the pointer rests
// on still gets it, which shows the check below would see an injection (audit finding 18.8).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { launchWithExtension, markPoint, waitForAnnotations, type Harness } from './harness';

let harness: Harness;
let page: Page;
let cdp: CDPSession;
/** The content script's isolated world in each frame, by frame id: where card-ui.js leaves its popover factory. */
const isolatedWorlds = new Map<string, number>();

beforeAll(async () => {
  harness = await launchWithExtension();
  page = await harness.context.newPage();
  cdp = await harness.context.newCDPSession(page);
  cdp.on('Runtime.executionContextCreated', ({ context }) => {
    const aux = context.auxData as { type?: string; frameId?: string; isDefault?: boolean } | undefined;
    if (
      aux?.type === 'isolated' &&
      aux.frameId &&
      context.origin.startsWith(`chrome-extension://${harness.extensionId}`)
    ) {
      isolatedWorlds.set(aux.frameId, context.id);
    }
  });
  await cdp.send('Runtime.enable');
  await page.goto(`${harness.server.origin}/annotation.html`);
  await waitForAnnotations(harness, page);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

async function cardCodeInjected(): Promise<boolean> {
  const { frameTree } = await cdp.send('Page.getFrameTree');
  const isolatedWorld = isolatedWorlds.get(frameTree.frame.id);
  expect(isolatedWorld, 'the top frame’s content-script world was not seen').toBeDefined();
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: "typeof globalThis.__portolanCardUi === 'object' && globalThis.__portolanCardUi !== null",
    contextId: isolatedWorld,
    returnByValue: true,
  });
  return result.value === true;
}

describe('card code injection', () => {
  it('does not happen for synthetic pointer events over a real port, or a forged mark and focus events', async () => {
    const real = await markPoint(page, '#prose');
    await page.evaluate(({ x, y }) => {
      const target = document.elementFromPoint(x, y)!;
      for (let i = 0; i < 20; i++) {
        for (const type of ['pointerover', 'pointermove', 'mouseover', 'mousemove']) {
          target.dispatchEvent(new PointerEvent(type, { bubbles: true, composed: true, clientX: x, clientY: y }));
        }
      }
    }, real);
    await page.evaluate(() => {
      const forged = document.createElement('portolan-port');
      forged.id = 'forged';
      forged.setAttribute('data-portolan-port', '8080');
      forged.tabIndex = 0;
      forged.textContent = '8080';
      document.body.prepend(forged);
      for (let i = 0; i < 20; i++) {
        forged.dispatchEvent(new PointerEvent('pointerover', { bubbles: true, composed: true }));
        forged.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
      }
    });
    await page.waitForTimeout(1_000);
    expect(await cardCodeInjected()).toBe(false);
  });

  it('does not happen when a person points at a forged mark either', async () => {
    await page.hover('#forged');
    await page.waitForTimeout(1_000);
    expect(await cardCodeInjected()).toBe(false);
  });

  it('happens when the pointer rests on a real mark', async () => {
    await page.mouse.move(1, 1);
    const point = await markPoint(page, '#prose');
    await page.mouse.move(point.x, point.y, { steps: 2 });
    await expect.poll(cardCodeInjected, { timeout: 10_000 }).toBe(true);
  });
});
