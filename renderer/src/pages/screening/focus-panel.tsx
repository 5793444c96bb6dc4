import { FilePdfOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import type { DocumentView, FocusHousehold, FocusList } from '../../../../src/contract';
import { SCREENING_SOURCE_LABELS } from '../../../../src/domain/screening';
import { CASE_STATE_LABELS, SCREENING_RESULT_LABELS } from '../../../../src/domain/workflow';
import { request } from '../../api';
import { errorMessage } from '../../components/form-rules';
import { DocumentPreview } from '../documents/document-preview';

/** The village's 重点对象: flagged by the departments' latest lists, current recipients, cadre additions. */
export function FocusPanel({ villageId, campaignId, version, onChanged }: { villageId: number; campaignId: number | null; version: number; onChanged: () => void }) {
  const { message, modal } = App.useApp();
  const [list, setList] = useState<FocusList | null>(null);
  const [loading, setLoading] = useState(true);
  const [doc, setDoc] = useState<DocumentView | null>(null);
  const [issuing, setIssuing] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setList(await request('screening-focus-list', { villageId, campaignId }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setLoading(false);
    }
  }, [villageId, campaignId, message]);
  useEffect(() => {
    void load();
  }, [load, version]);

  const without = list?.households.filter((h) => !h.case && !h.openCaseElsewhere && (h.flags.length || h.isRecipient)).length ?? 0;
  const openCases = () =>
    modal.confirm({
      title: '为重点对象建立案件？',
      content: `将为名单中尚无案件的 ${without} 户建立摸排案件（现有低保户按「在保户复核」，其他按「新申请」）。已有案件的不重复建立；在其他工作中尚未办结的户不建立。`,
      okText: '建立',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await request('screening-open-cases', { campaignId: campaignId!, villageId });
          message.success(`新建案件 ${r.created} 件${r.existing ? `，已有 ${r.existing} 件` : ''}${r.elsewhere ? `，${r.elsewhere} 户在其他工作中尚未办结，未建立` : ''}`);
          onChanged();
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  const issueSheet = async () => {
    setIssuing(true);
    try {
      setDoc(await request('screening-sheet-issue', { campaignId: campaignId!, villageId }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setIssuing(false);
    }
  };

  return (
    <Card
      title={`重点对象名单${list ? `（${list.villageName}，${list.households.length} 户）` : ''}`}
      extra={
        <Space>
          <Tooltip title={campaignId ? '' : '请先选择专项治理工作'}>
            <Button icon={<FolderOpenOutlined />} disabled={!campaignId || without === 0} onClick={openCases}>
              建立案件{campaignId && without ? `（${without} 户）` : ''}
            </Button>
          </Tooltip>
          <Tooltip title={campaignId ? '按本村重点对象和摸排结果出具，存入文书登记' : '请先选择专项治理工作'}>
            <Button icon={<FilePdfOutlined />} disabled={!campaignId} loading={issuing} onClick={() => void issueSheet()}>
              重点对象摸排表
            </Button>
          </Tooltip>
        </Space>
      }
    >
      {list && list.sources.length > 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          依据：
          {list.sources.map((s) => `${SCREENING_SOURCE_LABELS[s.source]}「${s.fileName}」（${dayjs(s.importedAt).format('YYYY-MM-DD')}）`).join('；')}
        </Typography.Paragraph>
      )}
      {list && list.sources.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
          尚未导入部门名单：目前只列出现有低保户和村干部增加的对象。
        </Typography.Paragraph>
      )}
      <Table<FocusHousehold>
        rowKey="householdId"
        size="small"
        loading={loading}
        dataSource={list?.households ?? []}
        locale={{ emptyText: '本村暂无重点对象' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 户` }}
        columns={[
          { title: '户主', dataIndex: 'headName', width: 100, render: (v: string | null, h) => <a href={`#/households/${h.householdId}`}>{v ?? '（未设户主）'}</a> },
          { title: '村民小组', dataIndex: 'groupName', width: 110, render: (v: string | null) => v ?? '—' },
          { title: '人口', dataIndex: 'size', width: 56, align: 'right' },
          {
            title: '重点类型',
            key: 'flags',
            render: (_: unknown, h: FocusHousehold) => (
              <Space size={[4, 4]} wrap>
                {h.flags.map((f, i) => (
                  <Tooltip key={i} title={`${SCREENING_SOURCE_LABELS[f.source]}：${f.personName}${f.detail ? `，${f.detail}` : ''}`}>
                    <Tag color={f.source === 'poverty' ? 'volcano' : f.source === 'medical' ? 'magenta' : 'purple'}>
                      {f.label}
                      {h.flags.length > 1 || f.personName !== h.headName ? `·${f.personName}` : ''}
                    </Tag>
                  </Tooltip>
                ))}
                {h.isRecipient && <Tag color="green">现有低保户</Tag>}
                {h.isCadreAddition && <Tag color="cyan">村干部增加</Tag>}
              </Space>
            ),
          },
          {
            title: '案件',
            key: 'case',
            width: 150,
            render: (_: unknown, h: FocusHousehold) =>
              h.case ? (
                <a href={`#/cases/${h.case.id}`}>{CASE_STATE_LABELS[h.case.state]}</a>
              ) : h.openCaseElsewhere ? (
                <Tooltip title={`该户在「${h.openCaseElsewhere.campaignName}」中的案件尚未办结，办结前不另建案件`}>
                  <a href={`#/cases/${h.openCaseElsewhere.id}`}>办理中（{CASE_STATE_LABELS[h.openCaseElsewhere.state]}）</a>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{campaignId ? '未建案件' : '—'}</Typography.Text>
              ),
          },
          {
            title: '摸排结果',
            key: 'result',
            width: 100,
            render: (_: unknown, h: FocusHousehold) => (h.case?.screeningResult ? <Tag>{SCREENING_RESULT_LABELS[h.case.screeningResult]}</Tag> : '—'),
          },
        ]}
      />
      <DocumentPreview document={doc} onClose={() => setDoc(null)} />
    </Card>
  );
}
