import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BrowserWindow, app, dialog, protocol, session, type Session, type WebContents } from 'electron';
import { APP_DIR_NAME, openApp, type App } from '../src/services/app';
import { fileKeyProtector } from '../src/services/backup-keys';
import { chooseDataDir } from './args';
import { safeStorageProtector } from './key-protector';
import { registerIpc } from './ipc';
import { installMenu } from './menu';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  SECURITY_HEADERS,
  isTrustedUrl,
  mimeTypeOf,
  resolveAppPath,
} from './security';

/* Lifecycle and the one hardened window. No business rules here: everything goes through `app.call`. */

const here = dirname(fileURLToPath(import.meta.url));

// Before `ready`: a standard, secure scheme gets a real origin, so the CSP's 'self' and fetch behave as on https.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// The CLI and the browser host default to `<appData>/dibao-desk`; keep the desk on the same folder even though the
// packaged productName (低保案件台) would otherwise name it.
app.setPath('userData', join(app.getPath('appData'), APP_DIR_NAME));
app.enableSandbox();

let core: App | null = null;
let mainWindow: BrowserWindow | null = null;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    title: '低保案件台',
    // The seal icon (resources/icon.png, inside app.asar): the title bar and, on Linux, the task bar; the Windows
    // task bar and shortcuts take the icon baked into the .exe from resources/icon.ico.
    icon: join(app.getAppPath(), 'resources', 'icon.png'),
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(here, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: !app.isPackaged,
    },
  });
  // Navigation, redirects, window.open and webviews are denied for every WebContents in `guardContents`, which
  // `web-contents-created` applies to this window too.
  win.once('ready-to-show', () => win.show());
  void win.loadURL(APP_ENTRY_URL);
  return win;
}

function guardContents(contents: WebContents): void {
  const denyUntrusted = (event: { url: string; preventDefault(): void }) => {
    if (!isTrustedUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', denyUntrusted);
  contents.on('will-frame-navigate', denyUntrusted);
  contents.on('will-redirect', denyUntrusted);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // No second windows and no external browser: a clerk's click must never leave the desk.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function hardenSession(ses: Session, distRoot: string): void {
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Belt and braces behind the CSP: the page never needs the network or the disk directly.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  ses.protocol.handle(APP_SCHEME, (request) => serveApp(request, distRoot));
}

async function serveApp(request: Request, distRoot: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: SECURITY_HEADERS });
  }
  const filePath = resolveAppPath(request.url, distRoot);
  if (!filePath) return new Response(null, { status: 404, headers: SECURITY_HEADERS });
  try {
    const body = await readFile(filePath);
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...SECURITY_HEADERS, 'Content-Type': mimeTypeOf(filePath) },
    });
  } catch {
    return new Response(null, { status: 404, headers: SECURITY_HEADERS });
  }
}

async function start(): Promise<void> {
  const dataDir = chooseDataDir(process.argv, process.env, app.getPath('userData'));
  try {
    // safeStorage works only after `ready`: the backup key is wrapped by the OS where it can be.
    const keyProtector = (await safeStorageProtector()) ?? fileKeyProtector;
    core = openApp({ dataDir, autoBackup: true, backgroundCheckpoints: true, keyProtector });
  } catch (err) {
    // E.g. a database written by a newer version, or an interrupted restore that cannot be resolved: the core
    // refuses with a message meant for the clerk, and nothing is created.
    dialog.showErrorBox('低保案件台无法启动', err instanceof Error ? err.message : String(err));
    app.exit(1);
    return;
  }
  registerIpc(core);
  hardenSession(session.defaultSession, join(app.getAppPath(), 'renderer', 'dist'));
  installMenu(app.isPackaged);
  mainWindow = createWindow();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one SQLite file would fight over the WAL and the documents folder.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardContents(contents));
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    core?.close();
    core = null;
  });
  app.whenReady().then(start).catch((err: unknown) => {
    console.error('[main] startup failed', err);
    app.exit(1);
  });
}
