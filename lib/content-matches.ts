/** The pages Portolan runs on; the manifest's host permissions are exactly these, no more. */
export const CONTENT_MATCHES = ['http://*/*', 'https://*/*', 'file:///*'];
