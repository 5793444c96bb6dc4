import { Alert, App, Button, Space, Typography } from 'antd';
import type { UnconfirmedFlag } from '../../../src/contract';
import { request } from '../api';
import { useSession } from '../session-gate';
import { errorMessage } from './form-rules';

/**
 * Department flags (重病/重残) the household's facts do not carry, beside the rule trace: the trace is computed from
 * the facts, so the list's word is shown as unconfirmed until the clerk confirms it as the person's fact.
 */
export function UnconfirmedFlags({ flags, villageId, onConfirmed }: { flags: UnconfirmedFlag[]; villageId: number; onConfirmed: () => void }) {
  const { message } = App.useApp();
  const { can } = useSession();
  if (flags.length === 0) return null;
  const mayConfirm = can('person-flag-confirm', villageId);
  return (
    <Alert
      type="warning"
      showIcon
      message="部门名单标注尚未确认，测算未采用"
      description={
        <Space direction="vertical" size={4} style={{ width: '100%' }}>
          {flags.map((f) => (
            <Space key={`${f.personId}-${f.flag}`} wrap>
              <span>
                {f.personName}：{f.label}；家庭信息中未登记为「{f.fact}」。
              </span>
              {mayConfirm && (
                <Button
                  size="small"
                  onClick={async () => {
                    try {
                      await request('person-flag-confirm', { personId: f.personId, flag: f.flag });
                      message.success(`已确认：${f.personName}为「${f.fact}」，测算已按此重新计算`);
                      onConfirmed();
                    } catch (err) {
                      message.error(errorMessage(err));
                    }
                  }}
                >
                  核实属实，确认为事实
                </Button>
              )}
            </Space>
          ))}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            认定依据按家庭信息计算。经核实不属实的，请核对部门名单；确认后来源记入该成员的备注。
          </Typography.Text>
        </Space>
      }
    />
  );
}
