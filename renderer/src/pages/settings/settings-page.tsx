import { Alert, App, Button, Card, Form, Input, InputNumber, Tabs } from 'antd';
import { CalendarOverrides } from './calendar-settings';
import { ClockSettingsForm } from './clock-settings';
import { PolicySettings } from './policy-settings';
import { DocumentSettings } from './document-settings';
import { MaterialsSettings } from './materials-settings';
import { RosterSettings } from './roster-settings';
import { OfficeKeyCard } from './office-key';
import { ScreeningCategorySettings } from './screening-category-settings';
import { useEffect, useState } from 'react';
import { settingsSchema, type Settings } from '../../../../src/contract';
import { ApiFailure, request, SESSION_EVENT } from '../../api';
import { useSession } from '../../session-gate';
import { applyServerErrors, errorMessage, zodRule } from '../../components/form-rules';

const s = settingsSchema.shape;

function OfficeSettings() {
  const { message } = App.useApp();
  const { can } = useSession();
  const mayEdit = can('settings-update');
  const [form] = Form.useForm<Settings>();
  const [loaded, setLoaded] = useState(false);
  useEffect(() => {
    void request('settings-get', {}).then(
      (v) => {
        if (v) form.setFieldsValue(v);
        setLoaded(true);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [form, message]);
  return (
    <Card loading={!loaded} bordered={false} style={{ maxWidth: 720 }}>
      {!mayEdit && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本镇信息由管理员维护，此处仅供查看。" />}
      <Form
        form={form}
        layout="vertical"
        disabled={!mayEdit}
        onFinish={async (values) => {
          try {
            await request('settings-update', values);
            message.success('本镇设置已保存');
            // The idle-lock time applies at once: the session gate re-reads it.
            window.dispatchEvent(new CustomEvent(SESSION_EVENT));
          } catch (err) {
            if (err instanceof ApiFailure) applyServerErrors(form, err.error);
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item label="乡镇人民政府名称" name="townshipName" rules={[zodRule(s.townshipName)]} extra="用于通知书落款，如：清河镇人民政府">
          <Input />
        </Form.Item>
        <Form.Item label="行政区划代码" name="divisionCode" rules={[zodRule(s.divisionCode)]}>
          <Input />
        </Form.Item>
        <Form.Item label="民政所名称" name="officeName" rules={[zodRule(s.officeName)]}>
          <Input />
        </Form.Item>
        <Form.Item label="镇民政所监督电话" name="officePhone" rules={[zodRule(s.officePhone)]} extra="公示时必须标注（方案三(三)）">
          <Input />
        </Form.Item>
        <Form.Item label="县低保中心监督电话" name="countyCentrePhone" rules={[zodRule(s.countyCentrePhone)]}>
          <Input />
        </Form.Item>
        <Form.Item label="无操作自动锁屏" name="idleLockMinutes" initialValue={15} rules={[zodRule(s.idleLockMinutes)]}>
          <InputNumber min={1} max={240} addonAfter="分钟" />
        </Form.Item>
        {mayEdit && (
          <Button type="primary" htmlType="submit">
            保存
          </Button>
        )}
      </Form>
    </Card>
  );
}

const tabOfHash = (): string => new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab') ?? 'office';

/** 本镇设置: office details and the dated policy table (each tab owns its own form). */
export function SettingsPage() {
  const { can } = useSession();
  const [tab, setTab] = useState(tabOfHash);
  // A link to another tab of this page (e.g. 办理时限 → 办公日历) changes only the hash.
  useEffect(() => {
    const follow = () => setTab(tabOfHash());
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return (
    <Card title="本镇设置">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'office',
            label: '本镇信息',
            children: (
              <>
                <OfficeSettings />
                {can('office-key-get') && <OfficeKeyCard />}
              </>
            ),
          },
          { key: 'policy', label: '低保政策参数', children: <PolicySettings /> },
          { key: 'documents', label: '文书设置', children: <DocumentSettings /> },
          { key: 'materials', label: '申请材料清单', children: <MaterialsSettings checklist="application" /> },
          { key: 'review-materials', label: '复核材料清单', children: <MaterialsSettings checklist="review" /> },
          { key: 'roster', label: '动态管理', children: <RosterSettings /> },
          { key: 'screening', label: '名单类别', children: <ScreeningCategorySettings /> },
          { key: 'clocks', label: '办理时限', children: <ClockSettingsForm /> },
          { key: 'calendar', label: '办公日历', children: <CalendarOverrides isAdmin={can('calendar-override-set')} /> },
        ]}
      />
    </Card>
  );
}
