import { Alert, App, Button, Card, Form, Input, InputNumber, Tabs, Typography } from 'antd';
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
import { authorityProblems, type AuthorityProblem } from '../../../../src/domain/issuing-authority';
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
  // What stops issuing documents (an office set up before these fields existed lacks the county's names).
  const [problems, setProblems] = useState<AuthorityProblem[]>([]);
  const [stored, setStored] = useState(false);
  // An existing office is asked for what it lacks right away, field by field, once the form is on the page.
  useEffect(() => {
    if (loaded && stored && problems.length > 0) void form.validateFields(problems.map((p) => p.key)).catch(() => undefined);
  }, [loaded, stored, problems, form]);
  useEffect(() => {
    void request('settings-get', {}).then(
      (v) => {
        if (v) form.setFieldsValue(v);
        setProblems(authorityProblems(v));
        setStored(v !== null);
        setLoaded(true);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [form, message]);
  return (
    <Card loading={!loaded} bordered={false} style={{ maxWidth: 720 }}>
      {!mayEdit && <Alert type="info" showIcon style={{ marginBottom: 16 }} message="本镇信息由管理员维护，此处仅供查看。" />}
      {loaded && problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          message="以下各项填写完整前，不能出具任何文书"
          description={problems.map((p) => p.message).join('；')}
        />
      )}
      <Form
        form={form}
        layout="vertical"
        disabled={!mayEdit}
        onFinish={async (values) => {
          try {
            const saved = await request('settings-update', values);
            setProblems(authorityProblems(saved));
            message.success('本镇设置已保存');
            // The idle-lock time applies at once: the session gate re-reads it.
            window.dispatchEvent(new CustomEvent(SESSION_EVENT));
          } catch (err) {
            if (err instanceof ApiFailure) applyServerErrors(form, err.error);
            message.error(errorMessage(err));
          }
        }}
      >
        <Typography.Title level={5}>本镇（出具文书的机关）</Typography.Title>
        <Form.Item label="乡镇人民政府名称" name="townshipName" rules={[zodRule(s.townshipName)]} extra="用于通知书落款，如：清河镇人民政府">
          <Input />
        </Form.Item>
        <Form.Item label="乡镇人民政府电话" name="townshipPhone" rules={[zodRule(s.townshipPhone)]} extra="印在不予批准、停发通知书上，供家庭咨询">
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item label="行政区划代码" name="divisionCode" rules={[zodRule(s.divisionCode)]}>
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item label="民政所名称" name="officeName" rules={[zodRule(s.officeName)]}>
          <Input />
        </Form.Item>
        <Form.Item label="镇民政所监督电话" name="officePhone" rules={[zodRule(s.officePhone)]} extra="公示时必须标注（方案三(三)）">
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Typography.Title level={5}>县级机关</Typography.Title>
        <Form.Item label="县人民政府名称" name="countyGovernmentName" rules={[zodRule(s.countyGovernmentName)]} extra="行政复议机关，写入通知书的救济途径，如：清河县人民政府">
          <Input />
        </Form.Item>
        <Form.Item label="县人民政府电话" name="countyGovernmentPhone" rules={[zodRule(s.countyGovernmentPhone)]} extra="印在不予批准、停发通知书的附注中（行政复议咨询）">
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item label="县民政局名称" name="countyBureauName" rules={[zodRule(s.countyBureauName)]} extra="家庭经济状况核对授权书的被授权机关，如：清河县民政局">
          <Input />
        </Form.Item>
        <Form.Item label="县民政局电话" name="countyBureauPhone" rules={[zodRule(s.countyBureauPhone)]} extra="印在家庭经济状况核对授权书上">
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Form.Item label="县低保中心监督电话" name="countyCentrePhone" rules={[zodRule(s.countyCentrePhone)]} extra="公示时必须标注（方案三(三)）">
          <Input style={{ maxWidth: 240 }} />
        </Form.Item>
        <Typography.Title level={5}>其他</Typography.Title>
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
