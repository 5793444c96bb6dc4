/** The ONE IPC channel between the page and the main process (style.md point 3). */
export const IPC_CHANNEL = 'dibao:call';
