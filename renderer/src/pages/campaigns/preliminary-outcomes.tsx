import { DownloadOutlined, PrinterOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Button, Modal, Select, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { CampaignView, PreliminaryOutcomesSheet } from '../../../../src/contract';
import { request } from '../../api';
import { downloadBase64 } from '../../components/download';
import { errorMessage } from '../../components/form-rules';
import { useSession } from '../../session-gate';

const toUrl = (base64: string) => {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
};

/** 初审结果名单: the village's 拟纳入 / 拟清退 / 不符合条件 lists, printed for the village meeting and the file. */
export function PreliminaryOutcomesButton({ campaign, villageId }: { campaign: CampaignView; villageId: number | null }) {
  const { message } = App.useApp();
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const [village, setVillage] = useState<number | null>(null);
  const [sheet, setSheet] = useState<(PreliminaryOutcomesSheet & { url: string }) | null>(null);
  const [busy, setBusy] = useState(false);
  const frame = useRef<HTMLIFrameElement>(null);
  const options = campaign.villageIds
    .map((v, i) => ({ value: v, label: campaign.villageNames[i] ?? '' }))
    .filter((o) => user.role !== 'cadre' || o.value === user.villageId);
  useEffect(() => () => void (sheet && URL.revokeObjectURL(sheet.url)), [sheet]);
  const load = async (v: number) => {
    setVillage(v);
    setBusy(true);
    try {
      const s = await request('preliminary-outcomes-pdf', { campaignId: campaign.id, villageId: v });
      setSheet({ ...s, url: toUrl(s.base64) });
    } catch (err) {
      setSheet(null);
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const start = () => {
    setOpen(true);
    const v = villageId ?? options[0]?.value ?? null;
    if (v !== null) void load(v);
  };
  return (
    <>
      <Button icon={<UnorderedListOutlined />} onClick={start}>
        初审结果名单
      </Button>
      <Modal
        open={open}
        width={1000}
        style={{ top: 24 }}
        title="初审结果名单（拟纳入、拟清退、不符合条件）"
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            <Button disabled={!sheet} icon={<DownloadOutlined />} onClick={() => sheet && downloadBase64(sheet.fileName, sheet.base64, 'application/pdf')}>
              下载
            </Button>
            <Button type="primary" disabled={!sheet} icon={<PrinterOutlined />} onClick={() => (frame.current?.contentWindow?.focus(), frame.current?.contentWindow?.print())}>
              打印
            </Button>
            <Button onClick={() => setOpen(false)}>关闭</Button>
          </Space>
        }
        destroyOnHidden
      >
        <Space style={{ marginBottom: 12 }} wrap>
          <Typography.Text>村（社区）</Typography.Text>
          <Select aria-label="初审结果名单的村（社区）" style={{ width: 180 }} value={village ?? undefined} options={options} onChange={(v: number) => void load(v)} loading={busy} />
          {sheet && (
            <Typography.Text type="secondary">
              拟纳入 {sheet.counts.inclusion} 户，拟清退 {sheet.counts.exit} 户，不符合条件 {sheet.counts.notQualified} 户
            </Typography.Text>
          )}
        </Space>
        {sheet ? (
          <iframe ref={frame} title="初审结果名单" src={sheet.url} style={{ width: '100%', height: '64vh', border: 0 }} />
        ) : (
          <Typography.Paragraph type="secondary">{busy ? '正在生成…' : '请选择村（社区）'}</Typography.Paragraph>
        )}
      </Modal>
    </>
  );
}
