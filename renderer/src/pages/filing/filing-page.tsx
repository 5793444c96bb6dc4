import { CheckCircleOutlined, FolderOpenOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { App, AutoComplete, Button, Card, DatePicker, Descriptions, Form, Input, Result, Select, Space, Tabs, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { CampaignView, FilingDestination, FilingResult, PackageReport, Village } from '../../../../src/contract';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { ProgressLine, useProgressCall } from '../../components/use-progress-call';
import { useVillages } from '../../components/use-villages';
import { useSession } from '../../session-gate';
import { BackupTab } from './backup-tab';
import { PackageHistory } from './package-history';
import { formatSize, groupHex, PackageReportView } from './package-report';

type PackageForm = { campaignId: number; villageIds?: number[]; range?: [Dayjs, Dayjs] | null; destination?: string };

function PackageTab() {
  const { message } = App.useApp();
  const [form] = Form.useForm<PackageForm>();
  const { villages } = useVillages();
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  const [destinations, setDestinations] = useState<FilingDestination[]>([]);
  const [building, setBuilding] = useState(false);
  const [result, setResult] = useState<FilingResult | null>(null);
  const [report, setReport] = useState<PackageReport | null>(null);
  const [verifying, setVerifying] = useState<string | null>(null);
  const [built, setBuilt] = useState(0);
  const campaignId = Form.useWatch('campaignId', form);

  useEffect(() => {
    void Promise.all([request('campaign-list', {}), request('filing-destinations', {})]).then(([c, d]) => {
      setCampaigns(c);
      setDestinations(d);
      form.setFieldsValue({ campaignId: c[0]?.id, destination: d[0]?.path });
    }, (err: unknown) => message.error(errorMessage(err)));
  }, [form, message]);

  const campaign = campaigns.find((c) => c.id === campaignId);
  const scopeVillages: Village[] = villages.filter((v) => campaign?.villageIds.includes(v.id));

  const { progress, run } = useProgressCall();
  const build = async (v: PackageForm) => {
    setBuilding(true);
    setResult(null);
    setReport(null);
    try {
      const r = await run('filing-export', {
        campaignId: v.campaignId,
        villageIds: v.villageIds?.length ? v.villageIds : null,
        from: v.range?.[0]?.format('YYYY-MM-DD') ?? null,
        to: v.range?.[1]?.format('YYYY-MM-DD') ?? null,
        destination: v.destination?.trim() || null,
      });
      setResult(r);
      setBuilt((n) => n + 1);
      message.success('备案包已生成并通过核验');
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBuilding(false);
    }
  };

  const verify = async (path: string) => {
    setVerifying(path);
    try {
      setReport(await request('filing-verify', { path }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setVerifying(null);
    }
  };

  return (
    <>
      <Form form={form} layout="vertical" onFinish={(v) => void build(v)} style={{ maxWidth: 760 }}>
        <Form.Item label="专项治理工作" name="campaignId" rules={[{ required: true, message: '请选择专项治理工作' }]}>
          <Select options={campaigns.map((c) => ({ value: c.id, label: `${c.name}（${c.caseCount} 件）` }))} placeholder="请选择" />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item label="村（社区）" name="villageIds" extra="不选则为本次专项治理的全部村（社区）">
            <Select mode="multiple" allowClear style={{ width: 340 }} placeholder="全部" options={scopeVillages.map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
          <Form.Item label="日期范围（可选）" name="range" extra="只收入在此期间办理过的案件和出具的文书">
            <DatePicker.RangePicker allowEmpty={[true, true]} placeholder={['开始日期', '结束日期']} />
          </Form.Item>
        </Space>
        <Form.Item
          label="保存到"
          name="destination"
          extra="可选择 U 盘，也可输入本机上的任意文件夹路径。程序先写入临时文件夹，核验无误后才改为正式名称。"
          rules={[{ required: true, message: '请选择或输入保存位置' }]}
        >
          <AutoComplete
            options={destinations.map((d) => ({ value: d.path, label: `${d.label}：${d.path}` }))}
            placeholder="文件夹路径"
          />
        </Form.Item>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} loading={building}>
            生成备案包
          </Button>
          <ProgressLine progress={progress} label="生成备案包" />
        </Space>
      </Form>
      {result && (
        <Result
          status="success"
          title="备案包已生成"
          subTitle={`共 ${result.fileCount} 个文件（含清单 manifest.json、签名 signature.json、备案报送单.pdf 和校验文件 SHA256SUMS），${formatSize(result.totalBytes)}；写入后已逐个核验。请打印备案包中的「备案报送单.pdf」，签字盖章后随 U 盘报送。`}
          extra={
            <Button icon={<CheckCircleOutlined />} loading={verifying === result.folder} onClick={() => void verify(result.folder)}>
              核验备案包
            </Button>
          }
        >
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="文件夹">
              <Typography.Text copyable data-testid="package-folder">
                {result.folder}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="压缩包">
              <Typography.Text copyable>{result.zip}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="内容">
              案件 {result.counts.cases} 件，审批通过 {result.counts.approved} 户，不予批准 {result.counts.ineligible} 户，文书 {result.counts.documents} 份，操作记录{' '}
              {result.counts.auditEntries} 条
            </Descriptions.Item>
            <Descriptions.Item label="清单哈希">
              <Typography.Text code>{groupHex(result.manifestSha256)}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="签名密钥指纹">
              <Typography.Text code>{groupHex(result.fingerprint)}</Typography.Text>
            </Descriptions.Item>
          </Descriptions>
        </Result>
      )}
      {report && <PackageReportView report={report} />}
      <PackageHistory reloadKey={built} verifying={verifying} onVerify={(path) => void verify(path)} />
    </>
  );
}

function VerifyTab() {
  const { message } = App.useApp();
  const [path, setPath] = useState('');
  const [fingerprint, setFingerprint] = useState('');
  const [report, setReport] = useState<PackageReport | null>(null);
  const [loading, setLoading] = useState(false);
  const verify = async () => {
    setLoading(true);
    setReport(null);
    try {
      setReport(await request('filing-verify', { path, expectedFingerprint: fingerprint.trim() || null }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Typography.Paragraph type="secondary">
        输入备案包文件夹或 .zip 文件的路径（如 U 盘上的备案包）。核验只读取文件，不会改动备案包，也不会写入本机数据。
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%', maxWidth: 760, marginBottom: 16 }}>
        <Input prefix={<FolderOpenOutlined />} placeholder="例如 /media/usb/备案包_…  或  E:\备案包_….zip" value={path} onChange={(e) => setPath(e.target.value)} onPressEnter={() => void verify()} aria-label="备案包路径" />
        <Button type="primary" loading={loading} disabled={!path.trim()} onClick={() => void verify()}>
          核验并查看
        </Button>
      </Space.Compact>
      <Input
        style={{ maxWidth: 760, marginBottom: 16, display: 'block' }}
        addonBefore="签名密钥指纹（可选）"
        placeholder="照备案报送单所印填写，如 AB12 CD34 …；填写后，由其他密钥签名的备案包核验不通过"
        value={fingerprint}
        onChange={(e) => setFingerprint(e.target.value)}
        aria-label="签名密钥指纹"
      />
      {report && <PackageReportView report={report} />}
    </>
  );
}

/** 备案与备份: the county filing package, its verification, and backups with restore (issue 7). */
export function FilingPage() {
  const { can } = useSession();
  const tab = new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('tab') ?? 'package';
  return (
    <Card title="备案与备份">
      <Tabs
        defaultActiveKey={tab}
        items={[
          { key: 'package', label: '备案包', children: <PackageTab /> },
          { key: 'verify', label: '核验/查看备案包', children: <VerifyTab /> },
          { key: 'backup', label: '备份与恢复', children: <BackupTab isAdmin={can('backup-restore')} mayBackup={can('backup-create')} /> },
        ]}
      />
    </Card>
  );
}
