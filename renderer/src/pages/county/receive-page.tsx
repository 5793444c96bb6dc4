import { FolderOpenOutlined, ReloadOutlined, SafetyCertificateOutlined, UsbOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Descriptions, Empty, Input, List, Result, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { CountyInspection, CountyReceiveResult, CountySource } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';

const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

const EFFECT: Record<NonNullable<CountyInspection['effect']>, { color: string; text: string }> = {
  new: { color: 'blue', text: '新的备案包，接收后计入汇总' },
  supersedes: { color: 'orange', text: '比已接收的同一乡镇同一范围的备案包新：接收后取代旧包（两者均保留，按新包汇总）' },
  identical: { color: 'default', text: '此前已接收过，接收不会改变任何数据' },
  older: { color: 'default', text: '已接收同一范围更新的备案包：本包较旧，接收不会改变任何数据' },
};

/**
 * The first package of a township: its key is pinned only when the clerk has compared the fingerprint with the
 * stamped 备案报送单, group by group (each ticked), or typed it from the sheet.
 */
function FingerprintCheck({ groups, onConfirmed }: { groups: string[]; onConfirmed: (fingerprint: string | null) => void }) {
  const [ticked, setTicked] = useState<boolean[]>(() => groups.map(() => false));
  const [typed, setTyped] = useState('');
  const all = ticked.every(Boolean);
  const typedHex = typed.replace(/[\s:-]/g, '').toUpperCase();
  useEffect(() => {
    onConfirmed(all ? groups.join('') : typedHex.length === 64 ? typedHex : null);
  }, [all, typedHex, groups, onConfirmed]);
  return (
    <div data-testid="fingerprint-check">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        该乡镇首次报送。请拿出盖章的<b>备案报送单</b>，逐组核对「签名密钥指纹」，一致的勾选（共 16 组）；或直接照报送单输入指纹。
      </Typography.Paragraph>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(8, minmax(0, 1fr))', gap: 8, maxWidth: 760 }}>
        {groups.map((g, i) => (
          <Checkbox
            key={i}
            checked={ticked[i]}
            onChange={(e) => setTicked((t) => t.map((v, j) => (j === i ? e.target.checked : v)))}
            data-testid={`fingerprint-group-${i}`}
          >
            <Typography.Text code style={{ fontSize: 15 }}>
              {g}
            </Typography.Text>
          </Checkbox>
        ))}
      </div>
      <Space style={{ marginTop: 12 }} wrap>
        <Typography.Text type="secondary">或照报送单输入：</Typography.Text>
        <Input style={{ width: 560 }} placeholder="64 位，可含空格" value={typed} onChange={(e) => setTyped(e.target.value)} data-testid="fingerprint-typed" />
        {typedHex.length === 64 && (typedHex === groups.join('') ? <Tag color="green">与备案包一致</Tag> : <Tag color="red">与备案包的签名密钥不符</Tag>)}
      </Space>
    </div>
  );
}

export function CountyReceivePage() {
  const { message } = App.useApp();
  const [sources, setSources] = useState<CountySource[]>([]);
  const [path, setPath] = useState('');
  const [inspection, setInspection] = useState<CountyInspection | null>(null);
  const [confirmed, setConfirmed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CountyReceiveResult | null>(null);

  const loadSources = useCallback(() => {
    void request('county-sources', {}).then(setSources, (err) => message.error(errorMessage(err)));
  }, [message]);
  useEffect(loadSources, [loadSources]);

  const inspect = async (p: string) => {
    setPath(p);
    setResult(null);
    setInspection(null);
    setConfirmed(null);
    setBusy(true);
    try {
      setInspection(await request('county-package-inspect', { path: p }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const receive = async () => {
    if (!inspection) return;
    setBusy(true);
    try {
      const r = await request('county-package-receive', { path: inspection.path, confirmFingerprint: inspection.keyStatus === 'new-township' ? confirmed : null });
      setResult(r);
      setInspection(null);
      message.success(r.message);
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const onConfirmed = useCallback((f: string | null) => setConfirmed(f), []);
  const mayReceive = inspection?.ok && (inspection.keyStatus !== 'new-township' || confirmed === inspection.fingerprintGroups.join(''));

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        接收备案包
      </Typography.Title>
      <Card
        size="small"
        title="选择备案包（U 盘或数据目录的 inbox 文件夹）"
        extra={
          <Button size="small" icon={<ReloadOutlined />} onClick={loadSources}>
            重新查找
          </Button>
        }
      >
        {sources.map((s) => (
          <div key={s.path} style={{ marginBottom: 8 }}>
            <Typography.Text strong>
              {s.kind === 'removable' ? <UsbOutlined /> : <FolderOpenOutlined />} {s.label}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              {s.path}
            </Typography.Text>
            {s.packages.length === 0 ? (
              <div style={{ color: '#999', paddingLeft: 22 }}>没有找到备案包：插入乡镇报送的U盘后点「重新查找」，或在下方输入备案包的路径</div>
            ) : (
              <List
                size="small"
                locale={{ emptyText: '此处没有备案包：插入乡镇报送的U盘后点「重新查找」，或在下方输入备案包的路径。' }}
                dataSource={s.packages}
                renderItem={(p) => (
                  <List.Item actions={[<Button key="v" size="small" onClick={() => void inspect(p.path)} loading={busy && path === p.path}>核验</Button>]}>
                    <span data-testid="county-source-package">
                      {p.name} {p.isZip ? <Tag>zip</Tag> : <Tag>文件夹</Tag>}
                    </span>
                  </List.Item>
                )}
              />
            )}
          </div>
        ))}
        <Space.Compact style={{ width: '100%', marginTop: 8 }}>
          <Input placeholder="或输入备案包文件夹或 .zip 的完整路径" value={path} onChange={(e) => setPath(e.target.value)} data-testid="county-path" />
          <Button type="primary" icon={<SafetyCertificateOutlined />} disabled={!path.trim()} loading={busy} onClick={() => void inspect(path.trim())}>
            核验
          </Button>
        </Space.Compact>
      </Card>

      {result && (
        <div data-testid="county-receive-result">
        <Result
          status={result.outcome === 'received' || result.outcome === 'supersedes' ? 'success' : 'info'}
          title={result.message}
          subTitle={result.counts ? `在保 ${result.counts.households} 户 ${result.counts.persons} 人，本轮决定 ${result.counts.outcomes} 项，案件 ${result.counts.cases} 件` : undefined}
          extra={[
            <Button key="s" type="primary" href="#/county-summary">
              查看县级汇总
            </Button>,
            <Button key="c" href="#/county-cross-check">
              查看交叉比对
            </Button>,
          ]}
        />
        </div>
      )}

      {inspection && (
        <Card size="small" title="核验结果" data-testid="county-inspection">
          {inspection.problems.length > 0 && (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              message={inspection.keyStatus === 'key-mismatch' ? '签名密钥与登记的不符，不能接收' : '备案包未通过核验，不能接收'}
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {inspection.problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
          {inspection.packageName ? (
            <Descriptions size="small" bordered column={2} labelStyle={{ width: 110, whiteSpace: 'nowrap' }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="报送乡镇">{inspection.township}</Descriptions.Item>
              <Descriptions.Item label="生成时间">{inspection.createdAt ? formatTime(inspection.createdAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label="备案包" span={2}>
                {inspection.packageName}
              </Descriptions.Item>
              <Descriptions.Item label="专项治理">{inspection.campaignName}</Descriptions.Item>
              <Descriptions.Item label="村（社区）">{inspection.villages.join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="案件">
                {inspection.counts ? `${inspection.counts.cases ?? 0} 件，批准 ${inspection.counts.approved ?? 0}，不予批准 ${inspection.counts.ineligible ?? 0}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="签名密钥">
                {inspection.keyStatus === 'pinned' && <Tag color="green">与登记的密钥一致</Tag>}
                {inspection.keyStatus === 'new-township' && <Tag color="blue">首次报送，待核对</Tag>}
                {inspection.keyStatus === 'key-mismatch' && <Tag color="red">与登记的密钥不符</Tag>}
                {inspection.keyStatus === 'invalid' && <Tag color="red">无法确认</Tag>}
              </Descriptions.Item>
              {inspection.effect && (
                <Descriptions.Item label="接收后" span={2}>
                  <Tag color={EFFECT[inspection.effect].color}>{EFFECT[inspection.effect].text}</Tag>
                </Descriptions.Item>
              )}
            </Descriptions>
          ) : (
            <Empty description="无法读取备案包" />
          )}
          {inspection.ok && inspection.keyStatus === 'new-township' && <FingerprintCheck groups={inspection.fingerprintGroups} onConfirmed={onConfirmed} />}
          {inspection.ok && (
            <Button type="primary" style={{ marginTop: 16 }} disabled={!mayReceive} loading={busy} onClick={() => void receive()} data-testid="county-receive">
              {inspection.keyStatus === 'new-township' ? '核对无误，登记密钥并接收' : '接收'}
            </Button>
          )}
        </Card>
      )}
    </Space>
  );
}
