// What the options page accepts into a site list (lib/site-input.ts): one site, never a public suffix or a browser page.
import { describe, expect, it } from 'vitest';
import { checkSiteInput } from '../lib/site-input';

describe('checkSiteInput', () => {
  it.each([
    ['https://www.Example.com/docs?x=1', 'example.com'],
    ['docs.example.co.uk', 'docs.example.co.uk'],
    ['example.co.uk', 'example.co.uk'],
    ['user.github.io', 'user.github.io'],
    ['localhost:3000', 'localhost'],
    ['intranet', 'intranet'], // not on the public-suffix list: an intranet host
    ['192.168.1.10', '192.168.1.10'],
    ['[::1]', '[::1]'],
    ['münchen.de', 'xn--mnchen-3ya.de'],
  ])('accepts %j as %j', (input, site) => {
    expect(checkSiteInput(input)).toEqual({ site });
  });

  it.each(['com', '.com', '*.com', 'co.uk', 'COM.', 'github.io', 'blogspot.com', 'https://com/'])(
    'refuses the public suffix %j, which would cover every site under it',
    (input) => {
      const answer = checkSiteInput(input);
      expect(answer).toHaveProperty('problem');
      expect((answer as { problem: string }).problem).toMatch(/public suffix shared by many unrelated sites/);
    },
  );

  it.each([
    'chrome://extensions',
    'about:addons',
    'moz-extension://3f5b2c1e/popup.html',
    'chrome-extension://abc/options.html',
    'edge://settings',
  ])('refuses the browser page %j with a message that says Portolan never runs there', (input) => {
    expect(checkSiteInput(input)).toEqual({
      problem: expect.stringMatching(/never runs on browser and extension pages/),
    });
  });

  it('says plainly when the text is not a site at all', () => {
    expect(checkSiteInput('not a site')).toEqual({ problem: expect.stringMatching(/is not a site name/) });
  });
});
