import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';

/** Prints what the clerk sees (a notice, a roster) with the system dialog. Needs no IPC: the page is already there. */
export function printFocusedWindow(): void {
  const win = BrowserWindow.getFocusedWindow();
  if (!win) return;
  win.webContents.print({ silent: false, printBackground: true }, (success, reason) => {
    if (!success && reason !== 'Print job canceled' && reason !== 'cancelled') {
      console.error(`[print] ${reason}`);
    }
  });
}

/** A short zh-CN menu; developer tools only in unpackaged builds. */
export function installMenu(isPackaged: boolean): void {
  const view: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: '实际大小' },
    { role: 'zoomIn', label: '放大' },
    { role: 'zoomOut', label: '缩小' },
    { type: 'separator' },
    { role: 'togglefullscreen', label: '全屏' },
  ];
  if (!isPackaged) view.push({ type: 'separator' }, { role: 'reload', label: '重新加载' }, { role: 'toggleDevTools' });
  const template: MenuItemConstructorOptions[] = [
    {
      label: '文件',
      submenu: [
        { label: '打印…', accelerator: 'CmdOrCtrl+P', click: printFocusedWindow },
        { type: 'separator' },
        { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    { label: '视图', submenu: view },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
