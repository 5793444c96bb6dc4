import { Alert, Descriptions, Table, Tabs, Tag, Typography } from 'antd';
import type { ApprovedListRow, IneligibleListRow, PackageFileStatus, PackageReport } from '../../../../src/contract';

/** 64 hex digits as on the cover sheet: upper case, groups of four. */
export const groupHex = (hex: string): string => (hex.toUpperCase().match(/.{1,4}/g) ?? []).join(' ');

/** Who signed the package, and the codes the county compares with the stamped 备案报送单. */
function SignatureView({ report }: { report: PackageReport }) {
  const sig = report.signature;
  const m = report.manifest;
  return (
    <Descriptions size="small" bordered column={1} style={{ marginBottom: 16 }} labelStyle={{ whiteSpace: 'nowrap', width: 120 }} data-testid="package-signature">
      <Descriptions.Item label="签名">
        {sig.status === 'valid' && <Tag color="green">签名有效（Ed25519）</Tag>}
        {sig.status === 'invalid' && <Tag color="red">签名无效</Tag>}
        {sig.status === 'missing' && <Tag color="red">无签名</Tag>}
        {sig.isThisOffice === true && <Tag color="blue">本所密钥</Tag>}
        {sig.isThisOffice === false && <Tag color="orange">其他单位的密钥</Tag>}
        {sig.expectedFingerprint && sig.fingerprint && (
          <Tag color={sig.expectedFingerprint === sig.fingerprint ? 'green' : 'red'}>{sig.expectedFingerprint === sig.fingerprint ? '与指定指纹一致' : '与指定指纹不符'}</Tag>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="签名密钥指纹">
        {sig.fingerprintGrouped ? (
          <Typography.Text code copyable={{ text: sig.fingerprint ?? '' }}>
            {sig.fingerprintGrouped}
          </Typography.Text>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="清单哈希">
        {report.manifestSha256 ? <Typography.Text code>{groupHex(report.manifestSha256)}</Typography.Text> : '—'}
      </Descriptions.Item>
      {m?.auditChain && (
        <Descriptions.Item label="审计日志链头">
          共 {m.auditChain.rows} 条，第 {m.auditChain.head.id} 条：<Typography.Text code>{groupHex(m.auditChain.head.hash)}</Typography.Text>
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

const STATUS: Record<PackageFileStatus, { label: string; color: string }> = {
  ok: { label: '完好', color: 'green' },
  missing: { label: '缺失', color: 'red' },
  altered: { label: '已被改动', color: 'red' },
  extra: { label: '清单外文件', color: 'orange' },
};

export const formatSize = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(0)} KB` : `${n} B`;

const formatTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });

/** A package's verification and its read-only contents: manifest, files with status, the lists it carries. */
export function PackageReportView({ report }: { report: PackageReport }) {
  const m = report.manifest;
  const bad = report.files.filter((f) => f.status !== 'ok').length;
  return (
    <div data-testid="package-report">
      {report.ok ? (
        <Alert
          type="success"
          showIcon
          message="核验通过：备案包完好"
          description={`清单所列 ${report.files.length} 个文件均与清单（manifest.json）和校验文件（SHA256SUMS）一致，清单由${report.signature.office ?? '报送单位'}的密钥签名。请核对下面的签名密钥指纹、清单哈希与纸质备案报送单上所印的一致。`}
          style={{ marginBottom: 16 }}
        />
      ) : (
        <Alert
          type="error"
          showIcon
          message={`核验未通过：发现 ${report.problems.length} 处问题${bad ? `（${bad} 个文件）` : ''}`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }}>
              {report.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      {m && (
        <Descriptions size="small" bordered column={2} style={{ marginBottom: 16 }} labelStyle={{ whiteSpace: 'nowrap' }}>
          <Descriptions.Item label="备案包">{m.name}</Descriptions.Item>
          <Descriptions.Item label="格式">{report.container === 'zip' ? 'zip 压缩包' : '文件夹'}</Descriptions.Item>
          <Descriptions.Item label="报送单位">
            {m.office.townshipName}　{m.office.officeName}
          </Descriptions.Item>
          <Descriptions.Item label="制作人">
            {m.creator.name}，{formatTime(m.createdAt)}
          </Descriptions.Item>
          <Descriptions.Item label="专项治理">{m.scope.campaignName}</Descriptions.Item>
          <Descriptions.Item label="范围">
            {m.scope.villages.join('、') || '（无）'}
            {m.scope.from || m.scope.to ? `；${m.scope.from ?? '…'} 至 ${m.scope.to ?? '…'}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="内容" span={2}>
            案件 {m.counts.cases} 件，审批通过 {m.counts.approved} 户，不予批准 {m.counts.ineligible} 户，文书 {m.counts.documents} 份，操作记录 {m.counts.auditEntries} 条
          </Descriptions.Item>
        </Descriptions>
      )}
      <SignatureView report={report} />
      <Tabs
        size="small"
        items={[
          {
            key: 'files',
            label: `文件（${report.files.length}）`,
            children: (
              <Table
                locale={{ emptyText: '备案包中没有文件：包已不完整，请重新导出备案包。' }}
                size="small"
                rowKey="path"
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={report.files}
                columns={[
                  { title: '文件', dataIndex: 'path' },
                  { title: '大小', dataIndex: 'size', width: 100, render: (n: number) => formatSize(n) },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    width: 110,
                    render: (s: PackageFileStatus) => <Tag color={STATUS[s].color}>{STATUS[s].label}</Tag>,
                  },
                ]}
              />
            ),
          },
          {
            key: 'approved',
            label: `审批通过名单（${report.lists?.approved.length ?? 0}）`,
            children: report.lists ? (
              <Table<ApprovedListRow>
                locale={{ emptyText: '该范围内没有审批通过的家庭：审批会议作出批准决定后才列入本名单。' }}
                size="small"
                rowKey={(r) => `${r.village}-${r.headIdNumber}-${r.decidedOn}`}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={report.lists.approved}
                columns={[
                  { title: '序号', width: 60, render: (_v, _r, i) => i + 1 },
                  { title: '村（社区）', dataIndex: 'village' },
                  { title: '户主', dataIndex: 'headName' },
                  { title: '家庭人口', dataIndex: 'householdSize', width: 80 },
                  { title: '保障人数', dataIndex: 'coveredCount', width: 80 },
                  { title: '人员类别', dataIndex: 'personClass' },
                  { title: '月保障金（元）', dataIndex: 'monthlyTotal', align: 'right' },
                  { title: '起始发放', dataIndex: 'paymentStart' },
                  { title: '审批日期', dataIndex: 'decidedOn' },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">备案包中没有可读的名单数据（lists.json）。</Typography.Text>
            ),
          },
          {
            key: 'ineligible',
            label: `不符合条件（附件4，${report.lists?.ineligible.length ?? 0}）`,
            children: report.lists ? (
              <Table<IneligibleListRow>
                locale={{ emptyText: '该范围内没有不符合条件的家庭：确认不予批准或清退后列入附件4。' }}
                size="small"
                rowKey={(r) => `${r.village}-${r.headName}-${r.noticeNumber ?? ''}`}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                dataSource={report.lists.ineligible}
                columns={[
                  { title: '序号', width: 60, render: (_v, _r, i) => i + 1 },
                  { title: '村（社区）', dataIndex: 'village' },
                  { title: '户主', dataIndex: 'headName' },
                  { title: '家庭人口', dataIndex: 'householdSize', width: 80 },
                  { title: '不符合条件的原因', dataIndex: 'reason' },
                  { title: '通知书文号', dataIndex: 'noticeNumber' },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">备案包中没有可读的名单数据（lists.json）。</Typography.Text>
            ),
          },
        ]}
      />
    </div>
  );
}
