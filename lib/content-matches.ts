/** The pages Portolan runs on; the manifest's host permissions are exactly these, no more. */
export const CONTENT_MATCHES = ['http://*/*', 'https://*/*', 'file:///*'];
/** The content script's file in the build (entrypoints/content-script.ts, an unlisted script the manifest declares). */
export const CONTENT_SCRIPT = 'content-script.js';
/** The keyboard commands (manifest `commands`), relayed by the background to the active tab. */
export const NEXT_PORT_COMMAND = 'next-port';
export const PREVIOUS_PORT_COMMAND = 'previous-port';
