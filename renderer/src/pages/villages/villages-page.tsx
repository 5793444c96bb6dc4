import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { VILLAGE_KIND_LABELS, villageFieldsSchema, type Village } from '../../../../src/contract';
import { ApiFailure, request } from '../../api';
import { useSession } from '../../session-gate';
import { applyServerErrors, errorMessage, zodRule } from '../../components/form-rules';
import { useVillages } from '../../components/use-villages';

const s = villageFieldsSchema.shape;

export function VillagesPage() {
  const { message } = App.useApp();
  const { can } = useSession();
  const { villages, reload, loading } = useVillages();
  const mayEdit = can('village-update');
  const mayDelete = can('village-delete');
  const [editing, setEditing] = useState<Village | 'new' | null>(null);
  return (
    <Card
      title="村（社区）"
      extra={
        can('village-create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            新增村（社区）
          </Button>
        )
      }
    >
      <Table<Village>
        rowKey="id"
        loading={loading}
        locale={{ emptyText: '尚未登记村（社区）。点击「新增村（社区）」逐个登记，或在「低保花名册 → 存量数据导入」导入花名册时一并建立。' }}
        dataSource={villages}
        pagination={false}
        columns={[
          { title: '名称', dataIndex: 'name' },
          { title: '类型', dataIndex: 'kind', width: 80, render: (k: Village['kind']) => VILLAGE_KIND_LABELS[k] },
          { title: '代码', dataIndex: 'code', width: 160 },
          { title: '村民小组', dataIndex: 'groups', render: (g: string[]) => g.map((x) => <Tag key={x}>{x}</Tag>) },
          { title: '户数', dataIndex: 'householdCount', width: 80, align: 'right' },
          ...(!mayEdit && !mayDelete ? [] : [{
            title: '操作',
            width: 140,
            render: (_: unknown, v: Village) => (
              <Space size={4}>
                {mayEdit && (
                  <Button type="link" size="small" onClick={() => setEditing(v)}>
                    修改
                  </Button>
                )}
                {mayDelete && (
                <Popconfirm
                  title={`删除「${v.name}」？`}
                  okText="删除"
                  cancelText="取消"
                  okButtonProps={{ danger: true }}
                  onConfirm={async () => {
                    try {
                      await request('village-delete', { id: v.id });
                      message.success('已删除');
                      await reload();
                    } catch (err) {
                      message.error(errorMessage(err));
                    }
                  }}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
                )}
              </Space>
            ),
          }]),
        ]}
      />
      {editing && (
        <VillageModal
          village={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={async () => {
            setEditing(null);
            await reload();
          }}
        />
      )}
    </Card>
  );
}

function VillageModal(props: { village: Village | null; onClose: () => void; onSaved: () => Promise<void> }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const v = props.village;
  return (
    <Modal
      open
      title={v ? `修改：${v.name}` : '新增村（社区）'}
      okText="保存"
      cancelText="取消"
      onCancel={props.onClose}
      onOk={async () => {
        const values = (await form.validateFields()) as { name: string; code: string; kind: Village['kind']; groups?: string[] };
        const input = { ...values, groups: values.groups ?? [] };
        try {
          if (v) await request('village-update', { ...input, id: v.id });
          else await request('village-create', input);
          message.success('已保存');
          await props.onSaved();
        } catch (err) {
          if (err instanceof ApiFailure) applyServerErrors(form, err.error);
          message.error(errorMessage(err));
        }
      }}
    >
      <Form form={form} layout="vertical" initialValues={v ?? { kind: 'village', groups: [] }}>
        <Form.Item label="名称" name="name" rules={[zodRule(s.name)]}>
          <Input placeholder="如：东山村" />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Radio.Group options={[{ value: 'village', label: '村' }, { value: 'community', label: '社区' }]} />
        </Form.Item>
        <Form.Item label="村（社区）代码" name="code" rules={[zodRule(s.code)]} extra="统计用区划代码的村级部分，3至12位数字">
          <Input />
        </Form.Item>
        <Form.Item label="村民小组" name="groups" rules={[zodRule(s.groups)]} extra="输入小组名称后按回车添加">
          <Select mode="tags" tokenSeparators={[',', '，']} placeholder="如：第一村民小组" open={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
