import { App, Button, Card, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CountyPackageView, CountyTownshipView } from '../../../../src/contract';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
const groupHex = (hex: string): string => (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');

function Packages({ packages }: { packages: CountyPackageView[] }) {
  return (
    <Table<CountyPackageView>
      size="small"
      rowKey="id"
      pagination={false}
      locale={{ emptyText: '该乡镇尚无已接收的备案包。' }}
      dataSource={packages}
      columns={[
        { title: '备案包', dataIndex: 'name', render: (v: string, p) => (<span>{v} {p.superseded ? <Tag>已被新包取代</Tag> : <Tag color="green">计入汇总</Tag>}</span>) },
        { title: '范围', render: (_, p) => `${p.campaignName}；${p.villages.join('、')}${p.dateFrom || p.dateTo ? `；${p.dateFrom ?? '…'} 至 ${p.dateTo ?? '…'}` : ''}` },
        { title: '生成时间', dataIndex: 'createdAt', width: 170, render: formatTime },
        { title: '接收', width: 200, render: (_, p) => `${formatTime(p.receivedAt)} ${p.receivedBy}` },
      ]}
    />
  );
}

/** 乡镇: each township that has filed, the key pinned to it (and its history), and its packages, read-only. */
export function CountyTownshipsPage() {
  const { message } = App.useApp();
  const { can } = useSession();
  const [townships, setTownships] = useState<CountyTownshipView[] | null>(null);
  const [repin, setRepin] = useState<CountyTownshipView | null>(null);
  const [form] = Form.useForm();
  const load = useCallback(() => {
    void request('county-township-list', {}).then(setTownships, (err) => message.error(errorMessage(err)));
  }, [message]);
  useEffect(load, [load]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        乡镇
      </Typography.Title>
      {townships && townships.length === 0 && <Empty description={<span>还没有乡镇报送。请到「<a href="#/county-receive">接收备案包</a>」接收第一个备案包。</span>} />}
      {townships?.map((t) => (
        <Card
          key={t.id}
          size="small"
          title={t.name}
          data-testid="county-township"
          extra={
            can('county-township-repin') && (
              <Button size="small" onClick={() => { form.resetFields(); setRepin(t); }}>
                重新登记密钥
              </Button>
            )
          }
        >
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            登记的签名密钥指纹：<Typography.Text code>{t.pinnedFingerprint ? groupHex(t.pinnedFingerprint) : '—'}</Typography.Text>
          </Typography.Paragraph>
          {t.pins.length > 1 && (
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              登记记录：
              {t.pins.map((p, i) => (
                <span key={i} style={{ display: 'block' }}>
                  {formatTime(p.pinnedAt)} {p.pinnedBy} {p.how === 'first' ? '首次登记' : '重新登记'} {groupHex(p.fingerprint).slice(0, 19)}…{p.reason ? `（${p.reason}）` : ''}
                </span>
              ))}
            </Typography.Paragraph>
          )}
          <Packages packages={t.packages} />
        </Card>
      ))}
      <Modal
        open={repin !== null}
        title={`重新登记「${repin?.name ?? ''}」的签名密钥`}
        okText="登记"
        onCancel={() => setRepin(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Typography.Paragraph type="warning">
          只有乡镇确已更换密钥（如电脑重装且无法从备份恢复）时才重新登记。请对照该乡镇新的盖章备案报送单输入指纹；登记后，旧密钥签名的备案包将被拒绝。此操作记入审计日志。
        </Typography.Paragraph>
        <Form
          form={form}
          layout="vertical"
          onFinish={async (v: { fingerprint: string; reason: string }) => {
            try {
              await request('county-township-repin', { townshipId: repin!.id, fingerprint: v.fingerprint, reason: v.reason });
              message.success('已重新登记密钥');
              setRepin(null);
              load();
            } catch (err) {
              if (err instanceof ApiFailure) applyServerErrors(form, err.error);
              message.error(errorMessage(err));
            }
          }}
        >
          <Form.Item label="新的签名密钥指纹" name="fingerprint" rules={[{ required: true, message: '请输入密钥指纹' }]}>
            <Input placeholder="64 位，可含空格" />
          </Form.Item>
          <Form.Item label="原因" name="reason" rules={[{ required: true, message: '请填写重新登记的原因' }]}>
            <Input.TextArea rows={2} maxLength={200} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
