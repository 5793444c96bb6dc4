import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { PovertyCategorySetView } from '../../../../src/contract';
import { POVERTY_CATEGORY_KINDS, POVERTY_CATEGORY_KIND_LABELS, type PovertyCategory, type PovertyCategoryKind } from '../../../../src/domain/screening';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

type FormValues = { effectiveFrom: Dayjs; categories: { name: string; kind: PovertyCategoryKind; aliases?: string[] }[] };

const KIND_COLORS: Record<PovertyCategoryKind, string> = { unlifted: 'red', 'lifted-a': 'volcano', watch: 'orange', monitored: 'purple', 'not-target': 'default' };

function CategoryTags({ categories }: { categories: PovertyCategory[] }) {
  return (
    <Space size={[4, 4]} wrap>
      {categories.map((c) => (
        <Tag key={c.name} color={KIND_COLORS[c.kind]} title={`${POVERTY_CATEGORY_KIND_LABELS[c.kind]}${c.aliases.length ? `；其他写法：${c.aliases.join('、')}` : ''}`}>
          {c.name}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * 名单类别 (issue 18): the values the 扶贫 / 乡村振兴 list's 类别 column may hold and what each means for 摸排, as dated
 * sets. A list is read with the set in force on its import day; the same date again corrects that set.
 */
export function ScreeningCategorySettings() {
  const { message } = App.useApp();
  const { can } = useSession();
  const mayEdit = can('screening-category-save');
  const [sets, setSets] = useState<PovertyCategorySetView[] | null>(null);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<FormValues>();
  useEffect(() => {
    void request('screening-category-list', {}).then(setSets, (err: unknown) => message.error(errorMessage(err)));
  }, [message]);

  const startEdit = (from: PovertyCategorySetView | undefined) => {
    form.setFieldsValue({
      effectiveFrom: dayjs(),
      categories: (from?.categories ?? []).map((c) => ({ name: c.name, kind: c.kind, aliases: c.aliases })),
    });
    setOpen(true);
  };
  const today = dayjs().format('YYYY-MM-DD');

  return (
    <Card
      bordered={false}
      title="扶贫（乡村振兴）名单的类别"
      extra={
        mayEdit && (
          <Button type="primary" onClick={() => startEdit(sets?.find((s) => s.inForce) ?? sets?.[0])}>
            新增或修改版本
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">
        导入扶贫（乡村振兴）部门名单时，「类别」一列按导入当日已生效的版本识别。防返贫监测对象（脱贫不稳定户、边缘易致贫户、突发严重困难户）在风险未消除时列入重点排查；
        县里名单的类别有变化时，新增一个带生效日期的版本；生效日期与已有版本相同则更正该版本。已导入的名单不受影响。
      </Typography.Paragraph>
      {!mayEdit && <Alert type="info" showIcon style={{ marginBottom: 12 }} message="名单类别由民政所经办人员或管理员维护，此处仅供查看。" />}
      <Table<PovertyCategorySetView>
        locale={{ emptyText: '尚无名单类别版本：经办人员或管理员可点击「新增或修改版本」录入县里名单的类别。' }}
        rowKey="effectiveFrom"
        size="small"
        loading={!sets}
        dataSource={sets ?? []}
        pagination={false}
        columns={[
          { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
          { title: '类别（颜色表示处理方式，鼠标停留可看其他写法）', render: (_, s) => <CategoryTags categories={s.categories} /> },
          { title: '录入', width: 170, render: (_, s) => `${s.createdBy} ${dayjs(s.createdAt).format('YYYY-MM-DD')}` },
          { title: '', width: 70, render: (_, s) => (s.inForce ? <Tag color="green">现行</Tag> : s.effectiveFrom > today ? <Tag>待生效</Tag> : null) },
        ]}
      />
      <Space size={[12, 4]} wrap style={{ marginTop: 12 }}>
        {POVERTY_CATEGORY_KINDS.map((k) => (
          <span key={k}>
            <Tag color={KIND_COLORS[k]}>■</Tag>
            {POVERTY_CATEGORY_KIND_LABELS[k]}
          </span>
        ))}
      </Space>
      <Modal
        open={open}
        title="名单类别版本"
        okText="保存"
        cancelText="取消"
        width={860}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          try {
            setSets(
              await request('screening-category-save', {
                effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
                categories: v.categories.map((c) => ({ name: c.name, kind: c.kind, aliases: c.aliases ?? [] })),
              }),
            );
            message.success('名单类别已保存');
            setOpen(false);
          } catch (err) {
            message.error(errorMessage(err));
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label="生效日期" name="effectiveFrom" rules={[{ required: true, message: '请选择生效日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.List name="categories">
            {(fields, { add, remove }) => (
              <Space direction="vertical" size={0} style={{ width: '100%' }}>
                {fields.map((field) => (
                  <Space key={field.key} align="start" style={{ display: 'flex' }}>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true, whitespace: true, message: '请填写类别名称' }]} style={{ width: 170 }}>
                      <Input placeholder="类别名称，如：边缘易致贫户" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: '请选择处理方式' }]} style={{ width: 300 }}>
                      <Select placeholder="处理方式" options={POVERTY_CATEGORY_KINDS.map((k) => ({ value: k, label: POVERTY_CATEGORY_KIND_LABELS[k] }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'aliases']} style={{ width: 280 }}>
                      <Select mode="tags" placeholder="名单中的其他写法（回车添加）" tokenSeparators={['，', ',', '、']} open={false} />
                    </Form.Item>
                    <Button type="text" aria-label="删除该类别" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: 'monitored', aliases: [] })}>
                  增加类别
                </Button>
              </Space>
            )}
          </Form.List>
        </Form>
      </Modal>
    </Card>
  );
}
