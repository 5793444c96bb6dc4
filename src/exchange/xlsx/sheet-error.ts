/** A file that cannot be imported, with the Chinese message the clerk sees; nothing has been imported. */
export class SheetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetError';
  }
}

export const DAMAGED = '文件已损坏（内容不完整或格式错误），未导入任何数据。请在 Excel 或 WPS 中打开确认无误后重新保存，再导入';

export const NOT_XLSX = '文件不是 Excel 工作簿（.xlsx）。旧版 .xls 文件请先用 Excel 或 WPS 另存为 .xlsx';

export const ENCRYPTED_OR_XLS = '文件是旧版 .xls 格式或设置了打开密码。请在 Excel 或 WPS 中取消密码并另存为 .xlsx 后再导入';
