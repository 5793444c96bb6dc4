import { CheckCircleTwoTone, ExclamationCircleTwoTone, InfoCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import {
  LEGAL_TEXT_KEYS,
  LEGAL_TEXT_LABELS,
  type DocumentSettings as Settings,
  type DocumentSettingsState,
  type LegalTextKey,
  type LegalTextView,
} from '../../../../src/contract';
import { hasPlaceholder } from '../../../../src/domain/issuing-authority';
import { ApiFailure, request } from '../../api';
import { applyServerErrors, errorMessage } from '../../components/form-rules';
import { displayPattern, readDisplayPattern } from '../../../../src/domain/document-number';
import { NumberPatternInput, NumberPatternPreview, numberPatternRule } from './number-pattern-input';

function NumberingAndFont() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Settings>();
  const [state, setState] = useState<DocumentSettingsState | null>(null);
  // The clerk edits the pattern with named parts (【序号】); the stored codes never reach the screen.
  const show = (v: DocumentSettingsState) => form.setFieldsValue({ ...v.settings, numberPattern: displayPattern(v.settings.numberPattern) });
  const patternText = Form.useWatch('numberPattern', form) ?? '';
  const abbr = Form.useWatch('townshipAbbr', form);
  const prefixes = Form.useWatch('prefixes', form) ?? {};
  useEffect(() => {
    void request('document-settings-get', {}).then(
      (v) => {
        setState(v);
        show(v);
      },
      (err: unknown) => message.error(errorMessage(err)),
    );
  }, [form, message]);
  const font = state?.fontStatus;
  return (
    <Card size="small" title="文号与字体" loading={!state} style={{ maxWidth: 880 }}>
      <Form
        form={form}
        layout="vertical"
        onFinish={async (values) => {
          const pattern = readDisplayPattern(values.numberPattern);
          if (!pattern.ok) return;
          try {
            const next = await request('document-settings-update', { ...values, numberPattern: pattern.pattern });
            setState(next);
            show(next);
            message.success('文书设置已保存');
          } catch (err) {
            if (err instanceof ApiFailure) applyServerErrors(form, err.error);
            message.error(errorMessage(err));
          }
        }}
      >
        <Form.Item label="文号格式" name="numberPattern" rules={[numberPatternRule]} extra="带【】的部分在出具时自动填入，其余文字原样印出。须包含文书类别代字、年份和序号，以免重号。">
          <NumberPatternInput />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item label="乡镇简称" name="townshipAbbr" extra="留空则取乡镇名称去掉“镇/乡”">
            <Input style={{ width: 140 }} placeholder="如：清河" />
          </Form.Item>
          <Form.Item label="不予批准通知书代字" name={['prefixes', 'denial-notice']} rules={[{ required: true, message: '请填写文种代字' }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label="停发通知书代字" name={['prefixes', 'stop-notice']} rules={[{ required: true, message: '请填写文种代字' }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label="公示表代字" name={['prefixes', 'public-notice']} rules={[{ required: true, message: '请填写文种代字' }]}>
            <Input style={{ width: 140 }} />
          </Form.Item>
        </Space>
        {state && (
          <div style={{ marginBottom: 16 }}>
            <NumberPatternPreview
              text={patternText}
              parts={{ township: abbr?.trim() || state.defaultTownshipAbbr, prefixes, year: state.year, nextSeq: state.nextSeq }}
            />
          </div>
        )}
        <Form.Item
          label="文书字体文件（可选）"
          name="fontPath"
          extra="留空时自动使用本机 C:\Windows\Fonts 中的仿宋（正文）、黑体、小标宋，没有时使用内置的思源宋体；也可填写其他 TrueType/OpenType 字体文件的完整路径"
        >
          <Input placeholder="留空自动选择" />
        </Form.Item>
        <Form.Item label="标题粗体字体文件（可选）" name="fontBoldPath" extra="留空时粗体用本机黑体，没有时用内置粗体">
          <Input placeholder="留空使用内置粗体" />
        </Form.Item>
        {font && (
          <Alert
            style={{ marginBottom: 16 }}
            type={!font.configured ? 'info' : font.usable ? 'success' : 'warning'}
            showIcon
            icon={!font.configured ? <InfoCircleOutlined /> : font.usable ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <ExclamationCircleTwoTone twoToneColor="#faad14" />}
            message={`字体：${font.message}`}
          />
        )}
        <Button type="primary" htmlType="submit">
          保存
        </Button>
      </Form>
    </Card>
  );
}

function LegalTexts() {
  const { message } = App.useApp();
  const [texts, setTexts] = useState<LegalTextView[] | null>(null);
  const [adding, setAdding] = useState<LegalTextKey | null>(null);
  const [form] = Form.useForm<{ key: LegalTextKey; effectiveFrom: Dayjs; text: string }>();
  const load = useCallback(async () => {
    try {
      setTexts(await request('legal-text-list', {}));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [message]);
  useEffect(() => {
    void load();
  }, [load]);

  // The default text's 「××县人民政府」 is filled from 本镇设置 like a token; any other placeholder stops issuing.
  const placeholderLeft = texts?.some((t) => t.inForce && hasPlaceholder(t.createdBy === '系统默认' ? t.text.replaceAll('××县人民政府', '') : t.text));
  return (
    <Card
      size="small"
      title="法律依据与救济途径"
      style={{ maxWidth: 880 }}
      extra={
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => {
            form.setFieldsValue({ key: 'remedies', effectiveFrom: dayjs(), text: texts?.find((t) => t.key === 'remedies' && t.inForce)?.text ?? '' });
            setAdding('remedies');
          }}
        >
          新增版本
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        通知书引用出具当日已生效的最新版本。已录入的版本不可修改；措辞或依据变化时新增一个带生效日期的版本，已出具的文书不受影响。
        {'文本中的 {县人民政府}、{县民政局}、{乡镇人民政府} 出具时换为「本镇信息」中填写的名称。'}
      </Typography.Paragraph>
      {placeholderLeft && (
        <Alert
          style={{ marginBottom: 12 }}
          type="warning"
          showIcon
          message="现行文本中仍有“××”占位"
          description="含占位符的文本不能出具通知书。请新增一个版本，写明实际名称，或写 {县人民政府}、{县民政局}（出具时换为本镇设置中的名称）。"
        />
      )}
      <Table<LegalTextView>
        locale={{ emptyText: '尚无法律文本：点击「新增版本」录入行政复议、诉讼等救济途径。' }}
        rowKey="id"
        size="small"
        loading={!texts}
        dataSource={texts ?? []}
        pagination={false}
        columns={[
          { title: '类型', dataIndex: 'key', width: 90, render: (k: LegalTextKey) => LEGAL_TEXT_LABELS[k] },
          { title: '生效日期', dataIndex: 'effectiveFrom', width: 110 },
          { title: '内容', dataIndex: 'text' },
          { title: '录入', width: 150, render: (_, t) => `${t.createdBy} ${dayjs(t.createdAt).format('YYYY-MM-DD')}` },
          { title: '', width: 70, render: (_, t) => (t.inForce ? <Tag color="green">现行</Tag> : t.effectiveFrom > dayjs().format('YYYY-MM-DD') ? <Tag>待生效</Tag> : null) },
        ]}
      />
      <Modal
        open={adding !== null}
        title="新增法律文本版本"
        okText="保存"
        cancelText="取消"
        width={680}
        onCancel={() => setAdding(null)}
        destroyOnHidden
        onOk={async () => {
          const v = await form.validateFields();
          try {
            setTexts(await request('legal-text-add', { key: v.key, effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'), text: v.text }));
            message.success('已新增版本');
            setAdding(null);
          } catch (err) {
            if (err instanceof ApiFailure) applyServerErrors(form, err.error);
            message.error(errorMessage(err));
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item label="类型" name="key">
            <Radio.Group
              options={LEGAL_TEXT_KEYS.map((k) => ({ value: k, label: LEGAL_TEXT_LABELS[k] }))}
              onChange={(e) => form.setFieldValue('text', texts?.find((t) => t.key === e.target.value && t.inForce)?.text ?? '')}
            />
          </Form.Item>
          <Form.Item label="生效日期" name="effectiveFrom" rules={[{ required: true, message: '请选择生效日期' }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item label="内容" name="text" rules={[{ required: true, min: 10, whitespace: true, message: '文本内容至少10个字' }]}>
            <Input.TextArea rows={5} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}

/** 文书设置: numbering pattern, the office's own font, and the dated legal texts notices quote. */
export function DocumentSettings() {
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <NumberingAndFont />
      <LegalTexts />
    </Space>
  );
}
