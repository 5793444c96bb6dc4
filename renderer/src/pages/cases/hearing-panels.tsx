import { Alert, App, Button, Descriptions, List, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { CaseHearingInfo, DocumentView } from '../../../../src/contract';
import { DAY_UNIT_LABELS } from '../../../../src/domain/calendar';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { DocumentPreview } from '../documents/document-preview';
import { ObjectionAddButton, ObjectionsTable } from '../hearings/objections';
import type { StepPanelProps } from './step-panels';

const cnDate = (iso: string) => dayjs(iso).format('YYYY年M月D日');

function useHearingInfo(caseId: number) {
  const { message } = App.useApp();
  const [info, setInfo] = useState<CaseHearingInfo | null>(null);
  const load = useCallback(async () => {
    try {
      setInfo(await request('case-hearing-info', { caseId }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [caseId, message]);
  useEffect(() => {
    void load();
  }, [load]);
  return { info, reload: load };
}

const hearingsLink = (campaignId: number, villageId: number) => `#/hearings?campaign=${campaignId}&village=${villageId}`;

function PastHearings({ info, onPreview }: { info: CaseHearingInfo; onPreview: (id: number) => void }) {
  if (info.hearings.length === 0) return null;
  return (
    <List
      locale={{ emptyText: '尚未召开评议听证会：在「评议公示」中登记本村的评议听证会。' }}
      size="small"
      header={<Typography.Text strong>评议听证记录</Typography.Text>}
      dataSource={info.hearings}
      renderItem={(h) => (
        <List.Item actions={h.documentId ? [<a key="doc" onClick={() => onPreview(h.documentId!)}>查看会议记录</a>] : []}>
          {h.meetingDate} {h.groupName ?? ''} {h.place}：<Tag color={h.passed ? 'green' : 'red'}>{h.passed ? '通过' : '未通过'}</Tag>
          {h.votes}
        </List.Item>
      )}
    />
  );
}

/** Opens a registered document by id in the shared preview. */
function usePreview() {
  const { message } = App.useApp();
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const open = (id: number) => void request('document-get', { id }).then(setDoc, (err: unknown) => message.error(errorMessage(err)));
  return { doc, open, close: () => setDoc(null), set: setDoc };
}

/** 拟纳入: waiting for the village-group hearing, recorded on the 评议公示 page. */
export function ProposedInclusionPanel({ detail }: StepPanelProps) {
  const { info } = useHearingInfo(detail.id);
  const preview = usePreview();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="info"
        showIcon
        message={`初审拟纳入，待${detail.groupName ?? '所在村民小组'}评议听证`}
        description="评议听证会由镇、村统一组织：每户一名代表参会，外出户电话征求意见，包村镇干和入户调查人员全程参加。"
        action={
          <Button type="primary" href={hearingsLink(detail.campaignId, detail.villageId)}>
            去评议公示页登记
          </Button>
        }
      />
      {info && <PastHearings info={info} onPreview={preview.open} />}
      <DocumentPreview document={preview.doc} onClose={preview.close} />
    </Space>
  );
}

/** 评议通过: waiting to be posted on a 公示 batch. */
export function HearingPassedPanel({ detail }: StepPanelProps) {
  const { info } = useHearingInfo(detail.id);
  const preview = usePreview();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Alert
        type="success"
        showIcon
        message="评议听证通过，待张贴评议结果公示"
        description="在村民小组和村（社区）委会公示，公示表标注镇民政所和县低保中心监督电话；公示期默认7个自然日。"
        action={<Button href={hearingsLink(detail.campaignId, detail.villageId)}>去张贴公示</Button>}
      />
      {info && <PastHearings info={info} onPreview={preview.open} />}
      <DocumentPreview document={preview.doc} onClose={preview.close} />
    </Space>
  );
}

/** 公示中: the window, the sheet, and the objections with add / handle. */
export function PublicityPanel({ detail, onChanged }: StepPanelProps) {
  const { info, reload } = useHearingInfo(detail.id);
  const preview = usePreview();
  if (!info) return null;
  const b = info.batch;
  const changed = () => {
    void reload();
    onChanged();
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {b && (
        <Descriptions size="small" bordered column={3} styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="公示期">
            {cnDate(b.postingDate)} 至 {cnDate(b.windowEnd)}（{b.days}个{DAY_UNIT_LABELS[b.unit]}）
          </Descriptions.Item>
          <Descriptions.Item label="公示表">
            {b.document ? <a onClick={() => preview.set(b.document)}>{b.document.documentNumber ?? '查看'}</a> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="状态">{b.clearBlocker ? <Typography.Text type="warning">{b.clearBlocker}</Typography.Text> : '公示期满，可办结'}</Descriptions.Item>
        </Descriptions>
      )}
      <Space>
        <Typography.Text strong>公示异议</Typography.Text>
        {info.mayAddObjection && <ObjectionAddButton caseId={detail.id} headName={detail.headName} onDone={changed} />}
        <a href={hearingsLink(detail.campaignId, detail.villageId)}>本村公示批次</a>
      </Space>
      <ObjectionsTable objections={info.objections} mayHandle={info.mayHandleObjection} onChanged={changed} showHousehold={false} />
      <PastHearings info={info} onPreview={preview.open} />
      <DocumentPreview document={preview.doc} onClose={preview.close} />
    </Space>
  );
}
