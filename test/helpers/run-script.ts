/** Runs a script that sets `out` and returns it: how the minifying steps' tests compare code before and after. */
export const runScript = (code: string): unknown => new Function(`${code}return out;`)();
