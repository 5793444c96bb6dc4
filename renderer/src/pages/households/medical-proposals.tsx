import { Alert, App, Button, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import type { MedicalProposal } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

/**
 * 医保名单的「个人自付金额」offered as M (issue 18): shown above the 因病支出 facts; written only when the clerk
 * presses 「采用」, and then the facts name the list and row they came from.
 */
/** `reloadKey` changes when the household's facts do (a save or an acceptance): whether an amount is adopted follows. */
export function MedicalProposals({ householdId, reloadKey, onAccepted }: { householdId: number; reloadKey: string; onAccepted: () => void }) {
  const { message } = App.useApp();
  const { can } = useSession();
  const [items, setItems] = useState<MedicalProposal[]>([]);
  useEffect(() => {
    void request('screening-medical-proposals', { householdId }).then(setItems, (err: unknown) => message.error(errorMessage(err)));
  }, [householdId, reloadKey, message]);
  if (items.length === 0) return null;
  return (
    <Space direction="vertical" size={8} style={{ width: '100%', marginBottom: 8 }} data-testid="medical-proposals">
      {items.map((p) => (
        <Alert
          key={`${p.batchId}-${p.personId}`}
          type={p.isConfirmed ? 'success' : 'info'}
          showIcon
          style={{ padding: '8px 12px' }}
          message={
            p.isConfirmed
              ? `已采用：${p.personName} 个人自付 ${p.selfPaid.toFixed(2)} 元`
              : `医保名单提示：${p.personName} 个人自付 ${p.selfPaid.toFixed(2)} 元，可作为自负医疗费用（M）`
          }
          description={
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              来源：{p.sourceText}，{dayjs(p.importedAt).format('YYYY-MM-DD')} 导入{p.diagnosis ? `；${p.diagnosis}` : ''}
              {p.totalCost !== null ? `；年度医疗总费用 ${p.totalCost.toFixed(2)} 元` : ''}。名单为年度金额，请核对是否为申请前12个月的费用。
            </Typography.Text>
          }
          action={
            !p.isConfirmed &&
            can('screening-medical-accept') && (
              <Button
                size="small"
                type="primary"
                onClick={async () => {
                  try {
                    await request('screening-medical-accept', { householdId, batchId: p.batchId, personId: p.personId });
                    message.success('已采用为自负医疗费用，请补填近12个月家庭可支配收入');
                    onAccepted();
                  } catch (err) {
                    message.error(errorMessage(err));
                  }
                }}
              >
                采用
              </Button>
            )
          }
        />
      ))}
    </Space>
  );
}
