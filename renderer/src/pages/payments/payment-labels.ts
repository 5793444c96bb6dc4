import type { PaymentRowView } from '../../../../src/contract';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const STATUS_TAGS: Record<PaymentRowView['status'], { label: string; color: string }> = {
  pending: { label: '待回盘', color: 'default' },
  paid: { label: '发放成功', color: 'green' },
  failed: { label: '发放失败', color: 'red' },
  excluded: { label: '未列入代发', color: 'orange' },
};
