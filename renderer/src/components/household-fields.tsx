import { Col, Form, Input, Row, Select } from 'antd';
import { householdFieldsSchema, type Village } from '../../../src/contract';
import { useSession } from '../session-gate';
import { zodRule } from './form-rules';

const s = householdFieldsSchema.shape;

/** A village cadre is offered only their own village (the contract's scope for household-create / -update). */
export function HouseholdFields({ villages }: { villages: Village[] }) {
  const { can } = useSession();
  const villageId = Form.useWatch('villageId') as number | undefined;
  const groups = villages.find((v) => v.id === villageId)?.groups ?? [];
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item label="村（社区）" name="villageId" rules={[{ required: true, message: '请选择村（社区）' }]}>
            <Select placeholder="请选择" options={villages.filter((v) => can('household-create', v.id)).map((v) => ({ value: v.id, label: v.name }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item label="村民小组" name="groupName">
            <Select allowClear placeholder={groups.length ? '请选择' : '该村未设村民小组'} options={groups.map((g) => ({ value: g, label: g }))} />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item label="家庭住址" name="address" rules={[zodRule(s.address)]}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item label="联系电话" name="phone" rules={[zodRule(s.phone)]}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
